import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listImageToVideoEffects, listModels, MODEL_TYPES } from '../helpers/catalog';

function modelOptions(models: IDataObject[]): INodePropertyOptions[] {
	return models
		.filter((model) => typeof model.value === 'string' && model.value !== '')
		.map((model) => {
			const resolutions = Array.isArray(model.resolutionList)
				? (model.resolutionList as IDataObject[]).map((r) => r.value ?? r.label).join(', ')
				: '';
			const details = [model.provider, resolutions, model.isPro ? 'Pro plan' : '']
				.filter(Boolean)
				.join(' · ');
			return {
				name: String(model.label || model.value),
				value: model.value as string,
				description: [model.description, details].filter(Boolean).join(' — '),
			};
		});
}

export async function getCharacterSwapModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return modelOptions(await listModels.call(this, MODEL_TYPES.characterSwap));
}

export async function getImageToVideoModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return modelOptions(await listModels.call(this, MODEL_TYPES.imageToVideo));
}

export async function getImageToVideoEffects(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const effects = await listImageToVideoEffects.call(this);
	return effects
		.filter((effect) => typeof effect.effect_code === 'string')
		.map((effect) => ({
			name: String(effect.name || effect.effect_code),
			value: effect.effect_code as string,
		}));
}
