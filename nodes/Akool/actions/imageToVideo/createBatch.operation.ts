import { defineCreate } from '../define';
import { extendPromptOption, imageUrlField, negativePromptOption, promptField } from './shared';

export const createBatch = defineCreate({
	value: 'createBatch',
	name: 'Create Batch',
	action: 'Create several videos from an image',
	description: 'Generate 1–10 videos from one image with a chosen model',
	endpoint: 'imageToVideo.createBatch',
	fields: [
		imageUrlField,
		promptField,
		{ name: 'modelName', akool: 'model_name', label: 'Model Name or ID', type: 'dynamicOptions', required: true, loadOptionsMethod: 'getImageToVideoModels', description: 'Image-to-video model; each supports its own resolutions and lengths' },
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			options: [
				{ name: '480p', value: '480p' },
				{ name: '720p', value: '720p' },
				{ name: '1080p', value: '1080p' },
				{ name: '4K', value: '4k' },
			],
			default: '720p',
			description: 'Must be one of the resolutions the chosen model lists',
		},
		{ name: 'videoLength', akool: 'video_length', label: 'Video Length (Seconds)', type: 'number', min: 1, max: 60, integer: true, default: 5, description: 'Must be one of the lengths the chosen model lists (usually 5 or 10)' },
		{ name: 'count', akool: 'count', label: 'Number of Videos', type: 'number', min: 1, max: 10, integer: true, default: 1, description: 'How many variations to generate (1–10); each is a job and one output item' },
		negativePromptOption,
		extendPromptOption,
		{ name: 'lastImageUrl', akool: 'last_image_url', label: 'Last Frame Image URL', type: 'url', optional: true, description: 'Public link to an image the video should end on (models that support a last frame)' },
	],
});
