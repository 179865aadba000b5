import { defineCreate } from '../define';

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Create videos from a text',
	description: 'Generate 1–10 videos from a prompt with a chosen model; one output item per video',
	endpoint: 'textToVideo.create',
	fields: [
		{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', rows: 3, required: true, maxLength: 5000, description: 'What the video shows' },
		{ name: 'modelName', akool: 'model_name', label: 'Model Name or ID', type: 'dynamicOptions', optional: true, loadOptionsMethod: 'getTextToVideoModels', description: 'Text-to-video model; each lists its resolutions and lengths' },
		{ name: 'resolution', akool: 'resolution', label: 'Resolution', type: 'string', optional: true, maxLength: 10, placeholder: '720p', description: 'One of the resolutions the model lists' },
		{ name: 'videoLength', akool: 'video_length', label: 'Video Length (Seconds)', type: 'number', optional: true, integer: true, min: 1, max: 60, default: 5, description: 'One of the lengths the model lists' },
		{ name: 'count', akool: 'count', label: 'Number of Videos', type: 'number', optional: true, integer: true, min: 1, max: 10, default: 1, description: 'How many variations (1–10); each is a job and one output item' },
		{ name: 'negativePrompt', akool: 'negative_prompt', label: 'Negative Prompt', type: 'string', optional: true, maxLength: 1000, description: 'What the video should avoid' },
		{ name: 'extendPrompt', akool: 'extend_prompt', label: 'Extend Prompt', type: 'boolean', optional: true, default: false, description: 'Whether Akool should enrich the prompt automatically' },
	],
});
