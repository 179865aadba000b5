import { defineCreate } from '../define';
import { distinctObjectIds, keepSoundOption, objectMappings } from '../fields';
import { analyzeIdField, mediaTypeField, modelField, resolutionOption, targetUrlField } from './shared';

export const clothingSwap = defineCreate({
	value: 'clothingSwap',
	name: 'Clothing Swap',
	action: 'Dress people in reference outfits (V5)',
	description: 'Put reference outfits on the people found by Swap Studio → Analyze (Clothing Swap), in a picture or a video',
	endpoint: 'swapStudio.clothingSwap',
	fields: [
		mediaTypeField,
		targetUrlField('Target URL', 'Public link to the picture or video: exactly the URL you analysed, with the same media type'),
		analyzeIdField,
		objectMappings(50, 'outfit'),
		{ name: 'clothingArea', akool: 'clothing_area', label: 'Clothing Area', type: 'string', optional: true, default: 'Auto', description: 'Which clothes to replace, e.g. "Auto" (chosen automatically), "Full Outfit" or "Top"' },
		modelField(false),
		resolutionOption('Video only: e.g. 480p'),
		{ ...keepSoundOption, description: "Video only: whether the result keeps the source video's sound" },
	],
	check: distinctObjectIds,
});
