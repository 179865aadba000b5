import type { IDataObject } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { defineAction } from '../define';

export const listLanguages = defineAction({
	value: 'listLanguages',
	name: 'List Languages',
	action: 'List translation languages',
	description: 'The languages a video can be translated into (one item per language: name and code)',
	fields: [],
	async run({ i }) {
		const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: '/api/open/v3/language/list', itemIndex: i })) as IDataObject | undefined;
		return Array.isArray(data?.lang_list) ? (data.lang_list as IDataObject[]) : [];
	},
});
