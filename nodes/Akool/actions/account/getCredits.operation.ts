import type { IDataObject } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';

export const getCredits = defineAction({
	value: 'getCredits',
	name: 'Get Credits',
	action: 'Get the credit balance',
	description: 'Read how many Akool credits the account has left',
	fields: [],
	async run({ i }) {
		const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: '/api/open/v3/faceswap/quota/info', itemIndex: i })) as IDataObject | undefined;
		return { credit: data?.credit ?? null };
	},
});
