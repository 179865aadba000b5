import type { Field } from '../define';

/** Fields shared by the Swap Studio V5 operations (names are a contract with saved workflows). */

export function modelField(required: boolean): Field {
	return {
		name: 'modelName',
		akool: 'model_name',
		label: 'Model Name or ID',
		type: 'dynamicOptions',
		loadOptionsMethod: 'getSwapStudioModels',
		required,
		optional: !required,
		description: required
			? 'The model; its resolutions and price show in the list'
			: "The model (Akool's default when empty); its resolutions and price show in the list",
	};
}

/**
 * The media of an analysis and of the swap that uses it. URL only: Akool requires the swap's URL
 * to be the identical string the analysis read, and each binary-file input gets a new signed link.
 */
export const targetUrlField = (label: string, description: string): Field => ({
	name: 'targetUrl',
	akool: 'target_url',
	label,
	type: 'url',
	binary: false,
	required: true,
	placeholder: 'https://example.com/source.mp4',
	description,
});

export const mediaTypeField: Field = {
	name: 'mediaType',
	akool: 'media_type',
	label: 'Media Type',
	type: 'options',
	options: [
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
	default: 'video',
	description: 'Whether the target is a picture or a video',
};

export const analyzeIdField: Field = {
	name: 'analyzeId',
	akool: 'analyze_id',
	label: 'Analysis ID',
	type: 'string',
	required: true,
	placeholder: '{{ $json.jobId }}',
	description: 'The jobId of a finished Swap Studio → Analyze of the same URL',
};

export const resolutionOption = (description: string): Field => ({
	name: 'resolution',
	akool: 'resolution',
	label: 'Resolution',
	type: 'string',
	optional: true,
	placeholder: '720p',
	description,
});

export const promptOption: Field = { name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', optional: true, rows: 2, maxLength: 5000, description: 'Optional guidance for the generation' };

export const negativePromptOption: Field = { name: 'negativePrompt', akool: 'negative_prompt', label: 'Negative Prompt', type: 'string', optional: true, maxLength: 2000, description: 'What the result should avoid' };

export const orientationOption: Field = {
	name: 'characterOrientation',
	akool: 'character_orientation',
	label: 'Character Orientation',
	type: 'options',
	optional: true,
	options: [
		{ name: 'Follow the Image', value: 'image' },
		{ name: 'Follow the Video', value: 'video' },
	],
	default: 'video',
	description: 'Kling models: whether the character faces as in the image or as in the video',
};
