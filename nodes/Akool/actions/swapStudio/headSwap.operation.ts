import { defineCreate } from '../define';
import { distinctObjectIds, keepSoundOption, objectMappings } from '../fields';
import { analyzeIdField, modelField, promptOption, targetUrlField } from './shared';

export const headSwap = defineCreate({
	value: 'headSwap',
	name: 'Head Swap',
	action: 'Replace heads in a video (V5)',
	description: 'Replace the heads of up to 5 people found by Swap Studio → Analyze (Head Swap) with reference heads',
	endpoint: 'swapStudio.headSwap',
	constant: { media_type: 'video' },
	fields: [
		targetUrlField('Video URL', 'Public link to the video: exactly the URL you analysed'),
		analyzeIdField,
		objectMappings(5, 'head'),
		modelField(false),
		{
			name: 'resolution',
			akool: 'resolution',
			label: 'Resolution',
			type: 'options',
			optional: true,
			options: [
				{ name: '480p', value: '480p' },
				{ name: '720p', value: '720p' },
			],
			default: '480p',
		},
		keepSoundOption,
		promptOption,
	],
	check: distinctObjectIds,
});
