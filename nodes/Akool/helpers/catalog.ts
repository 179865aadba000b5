import type { IDataObject } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';
import type { AkoolContext } from '../transport';
import { swapStudioPath } from './jobs';
import { oncePerRun } from './run';
import type { SwapStudioFeature } from './jobs';

/** Akool model list types (akool-api.md §4.12). */
export const MODEL_TYPES = {
	imageToVideo: 1501,
	textToVideo: 1502,
	characterSwap: 2101,
} as const;

/** Models of one type, best first (Akool sorts by `sort` descending); read once per run. */
export async function listModels(this: AkoolContext, type: number, itemIndex?: number): Promise<IDataObject[]> {
	return await oncePerRun(this, `models:${type}`, async () => {
		const data = await akoolApiRequest.call(this, {
			method: 'GET',
			endpoint: '/api/open/v4/aigModel/list',
			// Akool wants the bracket array syntax: types[]=1501.
			qs: { 'types[]': type },
			itemIndex,
		});
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	});
}

export async function listImageToVideoEffects(this: AkoolContext): Promise<IDataObject[]> {
	const data = (await akoolApiRequest.call(this, {
		method: 'GET',
		endpoint: '/api/open/v4/image2Video/effects',
	})) as IDataObject | undefined;
	return Array.isArray(data?.result) ? (data.result as IDataObject[]) : [];
}

/** Swap Studio V5 models of one feature (`data.list[]`: model_name, label, params, unit_price_map…); read once per run. */
export async function listSwapStudioModels(this: AkoolContext, feature: SwapStudioFeature, itemIndex?: number): Promise<IDataObject[]> {
	return await oncePerRun(this, `studioModels:${feature}`, async () => {
		const data = (await akoolApiRequest.call(this, {
			method: 'GET',
			endpoint: swapStudioPath(feature, 'models'),
			itemIndex,
		})) as IDataObject | undefined;
		return Array.isArray(data?.list) ? (data.list as IDataObject[]) : [];
	});
}
