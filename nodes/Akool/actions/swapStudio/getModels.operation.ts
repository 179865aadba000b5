import { listSwapStudioModels } from '../../helpers/catalog';
import { SWAP_STUDIO_FEATURES } from '../../helpers/jobs';
import type { SwapStudioFeature } from '../../helpers/jobs';
import { defineAction } from '../define';

export const getModels = defineAction({
	value: 'getModels',
	name: 'Get Models',
	action: 'Get the models of a Swap Studio feature',
	description: 'List the models of one feature with their parameters (resolutions, limits) and prices; one item per model',
	fields: [
		{
			name: 'feature',
			label: 'Feature',
			type: 'options',
			options: (Object.keys(SWAP_STUDIO_FEATURES) as SwapStudioFeature[]).map((feature) => ({ name: SWAP_STUDIO_FEATURES[feature].name, value: feature })),
			default: 'characterSwap',
		},
	],
	async run({ i, values }) {
		return await listSwapStudioModels.call(this, values.feature as SwapStudioFeature, i);
	},
});
