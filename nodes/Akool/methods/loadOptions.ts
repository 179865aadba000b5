import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listImageToVideoEffects, listModels, listSwapStudioModels, MODEL_TYPES } from '../helpers/catalog';
import { SWAP_STUDIO_FEATURES } from '../helpers/jobs';
import type { SwapStudioFeature } from '../helpers/jobs';

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

export async function getTextToVideoModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return modelOptions(await listModels.call(this, MODEL_TYPES.textToVideo));
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

/** Price hint of a V5 model: its `unit_price_map` as "key: value" pairs (Akool does not document the unit). */
function priceHint(map: unknown): string {
	if (!map || typeof map !== 'object') return '';
	const entries = Object.entries(map as IDataObject).filter(([, value]) => typeof value === 'number' || typeof value === 'string');
	return entries.length ? `Price: ${entries.map(([key, value]) => `${key} ${String(value)}`).join(', ')} credits` : '';
}

/** The models of the Swap Studio feature chosen as the operation (or in "Feature"). */
export async function getSwapStudioModels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	const feature = (operation in SWAP_STUDIO_FEATURES ? operation : String(this.getCurrentNodeParameter('feature') ?? '')) as SwapStudioFeature;
	if (!(feature in SWAP_STUDIO_FEATURES)) return [];
	return (await listSwapStudioModels.call(this, feature))
		.filter((model) => typeof model.model_name === 'string' && model.model_name !== '')
		.map((model) => ({
			name: String(model.label || model.model_name),
			value: model.model_name as string,
			description: [model.description, model.provider, priceHint(model.unit_price_map)].filter(Boolean).join(' — '),
		}));
}
