import type { INodeProperties } from 'n8n-workflow';

/** Fields shared by the image-to-video operations (ids are a contract with saved workflows). */

export const AUDIO_TYPES = { ai: 1, url: 2, none: 3 } as const;

export const imageUrlField: INodeProperties = {
	displayName: 'Image URL',
	name: 'imageUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/photo.jpg',
	description: 'Public link to the image to animate',
};

export const promptField: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	description: 'What should happen in the video',
};

export const audioTypeField: INodeProperties = {
	displayName: 'Audio',
	name: 'audioType',
	type: 'options',
	options: [
		{ name: 'AI-Generated Audio', value: 1 },
		{ name: 'From Audio URL', value: 2 },
		{ name: 'No Audio', value: 3 },
	],
	default: 3,
	description: 'Sound for the video',
};

export const audioUrlField: INodeProperties = {
	displayName: 'Audio URL',
	name: 'audioUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/sound.mp3',
	description: 'Public link to the audio to use',
	displayOptions: { show: { audioType: [AUDIO_TYPES.url] } },
};

export const negativePromptOption: INodeProperties = {
	displayName: 'Negative Prompt',
	name: 'negativePrompt',
	type: 'string',
	default: '',
	description: 'What the video should avoid',
};

export const extendPromptOption: INodeProperties = {
	displayName: 'Extend Prompt',
	name: 'extendPrompt',
	type: 'boolean',
	default: false,
	description: 'Whether Akool should enrich the prompt automatically',
};
