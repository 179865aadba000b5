import { defineCreate } from '../define';

const SCALES = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3'];

export const generate = defineCreate({
	value: 'generate',
	name: 'Generate',
	action: 'Generate an image',
	description: 'Make an image from a prompt, or from a prompt and a source image (v3); then upscale or vary it',
	endpoint: 'image.generate',
	fields: [
		{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', rows: 3, required: true, maxLength: 5000, description: 'What the image shows' },
		{ name: 'scale', akool: 'scale', label: 'Aspect Ratio', type: 'options', options: SCALES.map((value) => ({ name: value, value })), default: '1:1' },
		{ name: 'sourceImageUrl', akool: 'source_image', label: 'Source Image URL', type: 'url', optional: true, description: 'Public link to an image to start from (image to image)' },
	],
});

export const upscaleOrVary = defineCreate({
	value: 'upscaleOrVary',
	name: 'Upscale or Vary',
	action: 'Upscale or vary a generated image',
	description: 'A 4K upscale (U1–U4) or a variation (V1–V4) of one quarter of a finished Generate (v3) image',
	endpoint: 'image.upscaleOrVary',
	fields: [
		{ name: 'imageJobId', akool: '_id', label: 'Image Job ID', type: 'idList', max: 1, required: true, placeholder: '{{ $json.jobId }}', description: 'The jobId of a finished Generate (v3) job' },
		{
			name: 'button',
			akool: 'button',
			label: 'Action',
			type: 'options',
			options: [1, 2, 3, 4].flatMap((n) => [
				{ name: `Upscale Image ${n} (U${n})`, value: `U${n}` },
				{ name: `Vary Image ${n} (V${n})`, value: `V${n}` },
			]),
			default: 'U1',
			description: "Which quarter of the 2×2 result to upscale or vary (the job's `buttons` list the available ones)",
		},
	],
});

export const generateV4 = defineCreate({
	value: 'generateV4',
	name: 'Generate (V4)',
	action: 'Generate images with a v4 model',
	description: 'Make 1–4 images from a prompt (and source images) with Flux models; one output item per image',
	endpoint: 'image.generateV4',
	fields: [
		{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', rows: 3, required: true, maxLength: 5000 },
		{ name: 'sourceImageUrls', akool: 'source_images', label: 'Source Image URLs', type: 'urlList', optional: true, min: 1, max: 10, description: 'Images to start from (image to image; the first one is used)' },
		{
			name: 'modelName',
			akool: 'model_name',
			label: 'Model',
			type: 'options',
			optional: true,
			options: [
				{ name: 'Flux Krea Dev (Text to Image)', value: 'wavespeed-ai/flux-krea-dev-lora' },
				{ name: 'Flux Kontext Dev (Image to Image)', value: 'wavespeed-ai/flux-kontext-dev' },
			],
			default: 'wavespeed-ai/flux-krea-dev-lora',
			description: 'Without it Akool picks by whether source images are given',
		},
		{ name: 'scale', akool: 'scale', label: 'Aspect Ratio', type: 'options', optional: true, options: ['1:1', '3:2', '4:3', '16:9', '2:3', '3:4', '9:16', 'Original'].map((value) => ({ name: value, value })), default: '1:1', description: '"Original" keeps the source image\'s ratio (image to image)' },
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			optional: true,
			options: [
				{ name: '1080p', value: '1080p' },
				{ name: '4K', value: '4k' },
			],
			default: '4k',
		},
		{ name: 'batchQuantity', akool: 'batch_quantity', label: 'Number of Images', type: 'number', optional: true, integer: true, min: 1, max: 4, default: 1, description: 'Each image is a job (and credits) and one output item' },
		{ name: 'similar', akool: 'similar', label: 'Similarity', type: 'number', optional: true, min: 0, max: 1, default: 0.5, description: 'Image to image: how close to the source, 0–1' },
		{ name: 'negativePrompt', akool: 'negative_prompt', label: 'Negative Prompt', type: 'string', optional: true, maxLength: 2000 },
	],
	// Akool answers one record, or an array of them when several images are made (akool-api.md §4.11 #41).
	manyJobs: (body) => Number(body.batch_quantity ?? 1) > 1,
});
