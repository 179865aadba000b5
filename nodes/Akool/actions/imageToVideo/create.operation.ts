import { invalidField } from '../../helpers/validation';
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
		// Not required in the editor: with an effect Akool ignores it (checked below).
		{ ...promptField, required: false, description: 'What should happen in the video. Required unless an effect is chosen (Akool then ignores it).' },
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
	// Akool's table (image2video.mdx "Create Video from Image") marks prompt and negative_prompt as
	// required, so both keys are always sent (extend_prompt too); effect_code: "if specified, prompt
	// content will be ignored", so with an effect the prompt may be empty (B9).
	check({ i, body }) {
		if (body.prompt === undefined && body.effect_code === undefined) {
			throw invalidField(this, i, 'Prompt', 'is required unless an effect is chosen', 'Describe what should happen in the video, or choose an Effect in Options. No request was sent to Akool.');
		}
		return { prompt: '', negative_prompt: '', extend_prompt: false, ...body };
	},
});
