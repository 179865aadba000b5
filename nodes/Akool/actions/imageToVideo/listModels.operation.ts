import { listModels as list, MODEL_TYPES } from '../../helpers/catalog';
import { defineAction } from '../define';

export const listModels = defineAction({
	value: 'listModels',
	name: 'List Models',
	action: 'List image to video models',
	description: 'Get the models with their resolutions, lengths and credit prices (one item per model)',
	fields: [],
	async run() {
		return await list.call(this, MODEL_TYPES.imageToVideo);
	},
});
