import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { akoolApiRequest } from '../../transport';
import { defineAction, defineList } from '../define';
import type { Field } from '../define';

/** Knowledge bases give streaming avatars their context (akool-api.md §4.19). */

const idField: Field = { name: 'knowledgeBaseId', akool: 'id', label: 'Knowledge Base ID', type: 'idList', max: 1, required: true, description: 'The _id of the knowledge base' };

/** `update`: the fields are all optional, and an added empty text clears the value at Akool. */
const contentFields = (update: boolean): Field[] => [
	{ name: 'name', akool: 'name', label: 'Name', type: 'string', optional: update, maxLength: 100 },
	{ name: 'prologue', akool: 'prologue', label: 'Prologue', type: 'string', optional: true, emptyIsValue: update, rows: 2, maxLength: 2000, description: 'What the avatar says first' },
	{ name: 'prompt', akool: 'prompt', label: 'Prompt', type: 'string', optional: true, emptyIsValue: update, rows: 4, maxLength: 10000, description: 'Instructions for the avatar' },
	{
		name: 'docs',
		akool: 'docs',
		label: 'Documents',
		type: 'list',
		itemLabel: 'Document',
		optional: true,
		max: 100,
		description: 'Files the avatar knows (each up to 100 MB, 500 MB in total)',
		fields: [
			{ name: 'name', akool: 'name', label: 'File Name', type: 'string', required: true, maxLength: 255 },
			{ name: 'url', akool: 'url', label: 'File URL', type: 'url', required: true },
			{ name: 'size', akool: 'size', label: 'Size (Bytes)', type: 'number', integer: true, min: 1, max: 104857600, default: 1 },
		],
	},
	{ name: 'urls', akool: 'urls', label: 'Web Pages', type: 'urlList', optional: true, min: 1, max: 100, description: 'Pages the avatar knows' },
];

async function request(this: IExecuteFunctions, method: 'GET' | 'POST' | 'DELETE', endpoint: string, payload: IDataObject, i: number) {
	const where = method === 'GET' ? { qs: payload } : { body: payload };
	return (await akoolApiRequest.call(this, { method, endpoint, ...where, itemIndex: i })) as IDataObject | undefined;
}

export const create = defineAction({
	value: 'create',
	name: 'Create',
	action: 'Create a knowledge base',
	description: 'A knowledge base for streaming avatars: prologue, prompt, documents and web pages',
	fields: contentFields(false),
	async run({ i, body }) {
		return (await request.call(this, 'POST', '/api/open/v4/knowledge/create', body, i)) ?? {};
	},
});

export const get = defineAction({
	value: 'get',
	name: 'Get',
	action: 'Get a knowledge base',
	description: 'Read one knowledge base',
	fields: [idField],
	async run({ i, body }) {
		return (await request.call(this, 'GET', '/api/open/v4/knowledge/detail', body, i)) ?? {};
	},
});

export const getMany = defineList({
	value: 'getMany',
	name: 'Get Many',
	action: 'Get many knowledge bases',
	description: 'Your knowledge bases, newest first (one item each)',
	fields: [{ name: 'name', akool: 'name', label: 'Name Contains', type: 'string', optional: true, maxLength: 100 }],
	list: (_values, query) => ({ endpoint: '/api/open/v4/knowledge/list', qs: query, listAt: '', pageSize: 100 }),
});

export const update = defineAction({
	value: 'update',
	name: 'Update',
	action: 'Update a knowledge base',
	description: 'Change the fields you add; the others stay as they are',
	fields: [idField, ...contentFields(true)],
	async run({ i, body }) {
		return (await request.call(this, 'POST', '/api/open/v4/knowledge/update', body, i)) ?? {};
	},
});

export const deleteKnowledgeBase = defineAction({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a knowledge base',
	description: 'Permanently delete a knowledge base (cannot be undone)',
	fields: [idField],
	async run({ i, body }) {
		// Akool's only DELETE, and it takes a JSON body (akool-api.md §4.19 #62).
		await request.call(this, 'DELETE', '/api/open/v4/knowledge/delete', body, i);
		return { deleted: true, id: body.id as string };
	},
});
