import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { listImageToVideoEffects, listModels, listSwapStudioModels, MODEL_TYPES } from '../helpers/catalog';
import { SWAP_STUDIO_FEATURES } from '../helpers/jobs';
import { searchLanguages } from './listSearch';
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

/** The image-to-video model chosen in "Model Name or ID" (its own resolutions and lengths). */
async function chosenImageToVideoModel(this: ILoadOptionsFunctions): Promise<IDataObject | undefined> {
	const name = String(this.getCurrentNodeParameter('modelName') ?? '');
	if (name === '') return undefined;
	return (await listModels.call(this, MODEL_TYPES.imageToVideo)).find((model) => model.value === name);
}

export async function getImageToVideoResolutions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenImageToVideoModel.call(this);
	if (!model) return [];
	const list = Array.isArray(model.resolutionList) ? (model.resolutionList as IDataObject[]) : [];
	if (list.length === 0) return [{ name: 'Chosen by the Model', value: '', description: 'This model sets the resolution itself' }];
	return list.map((entry) => ({
		name: String(entry.label || entry.value),
		value: String(entry.value),
		description: entry.unit_credit !== undefined ? `Akool lists unit_credit ${String(entry.unit_credit)}` : undefined,
	}));
}

export async function getImageToVideoLengths(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = await chosenImageToVideoModel.call(this);
	const lengths = Array.isArray(model?.durationList) ? (model.durationList as unknown[]).map(Number).filter(Number.isFinite) : [];
	return lengths.map((seconds) => ({ name: `${seconds} Seconds`, value: seconds }));
}

/** Video Translation's languages (the same list as the searchable Target Language picker). */
export async function getLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchLanguages.call(this);
	return results.map(({ name, value }) => ({ name, value }));
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
