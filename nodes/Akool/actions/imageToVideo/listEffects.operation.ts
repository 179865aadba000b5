import { listImageToVideoEffects } from '../../helpers/catalog';
import { defineAction } from '../define';

export const listEffects = defineAction({
	value: 'listEffects',
	name: 'List Effects',
	action: 'List image to video effects',
	description: 'Get the ready-made effects you can apply (one item per effect)',
	fields: [],
	async run() {
		return await listImageToVideoEffects.call(this);
	},
});
