import { SWAP_STUDIO_ANALYZED, SWAP_STUDIO_FEATURES } from '../../helpers/jobs';
import type { CreateEndpointKey, SwapStudioAnalyzed } from '../../helpers/jobs';
import { invalidField } from '../../helpers/validation';
import { defineCreate } from '../define';
import { mediaTypeField } from './shared';

const ENDPOINTS: Record<SwapStudioAnalyzed, CreateEndpointKey> = {
	characterSwap: 'swapStudio.analyzeCharacter',
	headSwap: 'swapStudio.analyzeHead',
	clothingSwap: 'swapStudio.analyzeClothing',
};

export const analyze = defineCreate({
	value: 'analyze',
	name: 'Analyze',
	action: 'Find the people to swap in an image or video (V5)',
	description:
		'First step of Character (Akool video), Head and Clothing Swap: detect the people and wait for the result, whose media[].obj_id values the swap maps',
	endpoint: (values) => ENDPOINTS[values.feature as SwapStudioAnalyzed],
	editorEndpoint: 'swapStudio.analyzeCharacter',
	fields: [
		{
			name: 'feature',
			label: 'For',
			type: 'options',
			options: SWAP_STUDIO_ANALYZED.map((feature) => ({ name: SWAP_STUDIO_FEATURES[feature].name, value: feature })),
			default: 'characterSwap',
			description: 'The swap the analysis is for (its ID works only there)',
		},
		{ name: 'url', akool: 'url', label: 'URL', type: 'url', binary: false, required: true, placeholder: 'https://example.com/source.mp4', description: 'Public link to the picture or video; use exactly the same URL in the swap (URL only: a binary file would get a new link each time)' },
		mediaTypeField,
		{
			name: 'analysisType',
			akool: 'type',
			label: 'Analysis Type',
			type: 'options',
			show: { feature: ['clothingSwap'] },
			options: [
				{ name: 'Person', value: 'person' },
				{ name: 'Head', value: 'head' },
				{ name: 'Outfit', value: 'outfit' },
			],
			default: 'person',
		},
	],
	check({ i, values, body }) {
		if (values.feature === 'headSwap' && body.media_type !== 'video') {
			throw invalidField(this, i, 'Media Type', 'must be "Video" for Head Swap', 'Head Swap analyses videos only.');
		}
		// Character Swap always analyses people and Head Swap heads: Akool takes `type` as said.
		if (values.feature === 'characterSwap') return { ...body, type: 'person' };
		if (values.feature === 'headSwap') return { ...body, type: 'head' };
		return undefined;
	},
});
