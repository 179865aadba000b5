import { listModels as list, MODEL_TYPES } from '../../helpers/catalog';
import { defineAction } from '../define';

export const listModels = defineAction({
	value: 'listModels',
	name: 'List Models',
	action: 'List AI models',
	description: 'Models of image to video, text to video or character swap with their resolutions, lengths and credit prices (one item per model)',
	fields: [
		{
			name: 'modelType',
			label: 'Model Type',
			type: 'options',
			options: [
				{ name: 'Image to Video', value: MODEL_TYPES.imageToVideo },
				{ name: 'Text to Video', value: MODEL_TYPES.textToVideo },
				{ name: 'Character Swap', value: MODEL_TYPES.characterSwap },
			],
			default: MODEL_TYPES.imageToVideo,
		},
	],
	async run({ i, values }) {
		return await list.call(this, values.modelType as number, i);
	},
});
