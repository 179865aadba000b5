import type { Field } from '../define';

/** Fields shared by the image-to-video operations (names are a contract with saved workflows). */

export const imageUrlField: Field = {
	name: 'imageUrl',
	akool: 'image_url',
	label: 'Image URL',
	type: 'url',
	required: true,
	placeholder: 'https://example.com/photo.jpg',
	description: 'Public link to the image to animate',
};

export const promptField: Field = {
	name: 'prompt',
	akool: 'prompt',
	label: 'Prompt',
	type: 'string',
	rows: 3,
	required: true,
	maxLength: 5000,
	description: 'What should happen in the video',
};

const AUDIO_OPTIONS = [
	{ name: 'AI-Generated Audio', value: 1 },
	{ name: 'From Audio URL', value: 2 },
	{ name: 'No Audio', value: 3 },
] as const;

/** "Audio" (audio_type) and the Audio URL it may need; `none`: offer "No Audio". */
export function audioFields(none: boolean): Field[] {
	return [
		{
			name: 'audioType',
			akool: 'audio_type',
			label: 'Audio',
			type: 'options',
			options: none ? AUDIO_OPTIONS : AUDIO_OPTIONS.filter((option) => option.value !== 3),
			default: none ? 3 : 1,
			description: 'Sound for the video',
		},
		{
			name: 'audioUrl',
			akool: 'audio_url',
			label: 'Audio URL',
			type: 'url',
			required: true,
			show: { audioType: [2] },
			placeholder: 'https://example.com/sound.mp3',
			description: 'Public link to the audio to use',
		},
	];
}

export const negativePromptOption: Field = {
	name: 'negativePrompt',
	akool: 'negative_prompt',
	label: 'Negative Prompt',
	type: 'string',
	optional: true,
	maxLength: 1000,
	description: 'What the video should avoid',
};

export const extendPromptOption: Field = {
	name: 'extendPrompt',
	akool: 'extend_prompt',
	label: 'Extend Prompt',
	type: 'boolean',
	optional: true,
	default: false,
	description: 'Whether Akool should enrich the prompt automatically',
};
