import type { IDataObject } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { BALANCE_PATH } from '../../helpers/pricing';
import { defineAction } from '../define';

export const getCredits = defineAction({
	value: 'getCredits',
	name: 'Get Credits',
	action: 'Get the credit balance',
	description: 'Read how many Akool credits the account has left',
	fields: [],
	async run({ i }) {
		const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: BALANCE_PATH, itemIndex: i })) as IDataObject | undefined;
		return { credit: data?.credit ?? null };
	},
});
