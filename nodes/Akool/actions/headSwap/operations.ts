import { defineCreate } from '../define';
import { distinctObjectIds, keepSoundOption, objectMappings } from '../fields';

const LEGACY = '(v4; Swap Studio → Head Swap is its successor)';

// URL only: Create needs the identical string the analysis read (a binary file would get a new signed link).
const videoUrl = { name: 'videoUrl', akool: 'video_url', label: 'Video URL', type: 'url', binary: false, required: true, placeholder: 'https://example.com/source.mp4' } as const;

export const analyzeVideo = defineCreate({
	value: 'analyzeVideo',
	name: 'Analyze Video',
	action: 'Find the people in a video for a head swap (v4)',
	description: `Detect the people of a 3–20 s video and wait for the result (media[].obj_id, preview images) ${LEGACY}`,
	endpoint: 'headSwap.analyzeVideo',
	constant: { type: 'head' },
	fields: [{ ...videoUrl, description: 'Public link to the video (about 3–20 seconds); use exactly the same URL in Create' }],
});

export const create = defineCreate({
	value: 'create',
	name: 'Create',
	action: 'Replace heads in a video (v4)',
	description: `Replace up to 5 heads found by Analyze Video with reference heads ${LEGACY}`,
	endpoint: 'headSwap.create',
	fields: [
		{ ...videoUrl, description: 'Exactly the URL you analysed' },
		objectMappings(5, 'head'),
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			options: [
				{ name: '480p', value: '480p' },
				{ name: '720p', value: '720p' },
			],
			default: '480p',
		},
		{ name: 'modelName', akool: 'model_name', label: 'Model', type: 'options', options: [{ name: 'Akool Premium', value: 'akool-premium' }], default: 'akool-premium' },
		keepSoundOption,
		{ name: 'templateId', akool: 'template_id', label: 'Template ID', type: 'string', optional: true, maxLength: 64 },
	],
	check: distinctObjectIds,
});
