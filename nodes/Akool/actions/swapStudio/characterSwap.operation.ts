import { invalidField } from '../../helpers/validation';
import { defineCreate } from '../define';
import { distinctObjectIds, keepSoundOption, objectMappings } from '../fields';
import {
	analyzeIdField,
	mediaTypeField,
	modelField,
	negativePromptOption,
	orientationOption,
	promptOption,
	resolutionOption,
	targetUrlField,
} from './shared';

export const characterSwap = defineCreate({
	value: 'characterSwap',
	name: 'Character Swap',
	action: 'Replace people in an image or video (V5)',
	description: 'Replace people with reference characters: in a picture (by face boxes) or a video (Akool after Analyze, or Kling with one person)',
	endpoint: 'swapStudio.characterSwap',
	fields: [
		mediaTypeField,
		targetUrlField('Target URL', 'Public link to the scene picture or video (for Akool video: the exact URL you analysed)'),
		{
			name: 'videoMethod',
			label: 'Video Method',
			type: 'options',
			show: { mediaType: ['video'] },
			options: [
				{ name: 'Akool (Analyzed People)', value: 'akool', description: 'Map up to 5 people found by Swap Studio → Analyze to characters' },
				{ name: 'Kling (Single Person)', value: 'kling', description: 'Replace the only person of the video with one character image (choose a Kling model)' },
			],
			default: 'akool',
		},
		{
			name: 'imageMappings',
			akool: 'mappings',
			label: 'Characters',
			type: 'list',
			itemLabel: 'Character',
			required: true,
			min: 1,
			max: 2,
			show: { mediaType: ['image'] },
			description: 'Which face in the scene gets which character (1–2), by face boxes from Face Detection',
			fields: [
				{ name: 'sourceUrl', akool: 'source_url', label: 'Character Image URL', type: 'url', required: true },
				{ name: 'sourceBox', akool: 'source_bbox', label: 'Character Face Box', type: 'numberList', length: 4, min: 0, required: true, placeholder: 'x1, y1, x2, y2' },
				{ name: 'targetBox', akool: 'target_bbox', label: 'Scene Face Box', type: 'numberList', length: 4, min: 0, required: true, placeholder: 'x1, y1, x2, y2' },
			],
		},
		{ ...analyzeIdField, show: { mediaType: ['video'], videoMethod: ['akool'] } },
		objectMappings(5, 'character', { mediaType: ['video'], videoMethod: ['akool'] }),
		{ name: 'characterImageUrl', akool: 'image', label: 'Character Image URL', type: 'url', required: true, show: { mediaType: ['video'], videoMethod: ['kling'] }, description: 'Public link to the character that replaces the person' },
		modelField(false),
		resolutionOption("Video only: one of the chosen model's resolutions, e.g. 480p or 720p"),
		keepSoundOption,
		promptOption,
		negativePromptOption,
		orientationOption,
	],
	check(input) {
		const { i, values, body } = input;
		if (values.mediaType === 'video' && values.videoMethod === 'kling' && !body.model_name) {
			// Without a model Akool uses its own (Akool) method, which needs an analysis instead.
			throw invalidField(this, i, 'Model Name or ID', 'is required for the Kling method', 'Add "Model Name or ID" in Options and choose a Kling model.');
		}
		return distinctObjectIds.call(this, input);
	},
});
