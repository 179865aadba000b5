import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listModels, MODEL_TYPES } from '../../helpers/catalog';
import type { PreparedRun } from '../types';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['listModels'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	return {
		run: async () =>
			(await listModels.call(this, MODEL_TYPES.imageToVideo)).map((model) => ({
				json: model,
				pairedItem: { item: i },
			})),
	};
}
