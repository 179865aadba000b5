import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import type { PreparedRun } from '../types';

const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['account'], operation: ['getCredits'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function prepare(this: IExecuteFunctions, i: number): Promise<PreparedRun> {
	return {
		run: async () => {
			const data = (await akoolApiRequest.call(this, {
				method: 'GET',
				endpoint: '/api/open/v3/faceswap/quota/info',
				itemIndex: i,
			})) as IDataObject | undefined;
			return [{ json: { credit: data?.credit ?? null }, pairedItem: { item: i } }];
		},
	};
}
