import { defineCreate } from '../define';
import { audioFields, extendPromptOption, imageUrlField, negativePromptOption, promptField } from './shared';

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Create a video from an image',
	description: 'Animate one image into a 5 or 10 second video',
	endpoint: 'imageToVideo.create',
	fields: [
		imageUrlField,
		{ ...promptField, description: 'What should happen in the video (ignored when an effect is chosen)' },
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			options: [
				{ name: '720p', value: '720p' },
				{ name: '1080p', value: '1080p' },
				{ name: '4K', value: '4k' },
			],
			default: '720p',
		},
		{
			name: 'videoLength',
			akool: 'video_length',
			label: 'Video Length',
			type: 'options',
			options: [
				{ name: '5 Seconds', value: 5 },
				{ name: '10 Seconds (Pro Plan)', value: 10 },
			],
			default: 5,
		},
		...audioFields(true),
		negativePromptOption,
		extendPromptOption,
		{ name: 'premiumModel', akool: 'is_premium_model', label: 'Premium Model', type: 'boolean', optional: true, default: false, description: 'Whether to use the faster premium model (Pro plan)' },
		{ name: 'effectCode', akool: 'effect_code', label: 'Effect Name or ID', type: 'dynamicOptions', optional: true, loadOptionsMethod: 'getImageToVideoEffects', description: 'Apply a ready-made effect instead of the prompt' },
	],
	// Akool's table marks negative_prompt as required, so it is always sent (extend_prompt too).
	check: ({ body }) => ({ negative_prompt: '', extend_prompt: false, ...body }),
});
