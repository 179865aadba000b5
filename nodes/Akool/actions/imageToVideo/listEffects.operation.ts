import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listImageToVideoEffects } from '../../helpers/catalog';
import type { PreparedRun } from '../types';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['imageToVideo'], operation: ['listEffects'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	return {
		run: async () =>
			(await listImageToVideoEffects.call(this)).map((effect) => ({
				json: effect,
				pairedItem: { item: i },
			})),
	};
}
