import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidField } from '../../helpers/validation';
import { akoolApiRequest } from '../../transport';
import { defineAction, defineList } from '../define';
import type { Field } from '../define';

/** Knowledge bases give streaming avatars their context (akool-api.md §4.19). */

/** Akool's "Single file size limit: 100MB (104,857,600 bytes)" (knowledge-base.mdx "File Constraints"). */
const MAX_DOC_BYTES = 104857600;

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
			{ name: 'url', akool: 'url', label: 'File URL', type: 'url', maxMb: 100, required: true },
			// Required, without a made-up default (B8): 0 in the editor means "not given" and is refused.
			{
				name: 'size',
				akool: 'size',
				label: 'Size (Bytes)',
				type: 'number',
				integer: true,
				required: true,
				min: 0,
				max: MAX_DOC_BYTES,
				default: 0,
				description: "The file's size in bytes; Akool checks its limits of 100 MB per file and 500 MB in total with it",
			},
		],
	},
	{ name: 'urls', akool: 'urls', label: 'Web Pages', type: 'urlList', binary: false, optional: true, min: 1, max: 100, description: 'Pages the avatar knows' },
];

/**
 * Each document's size, as Akool's document object carries it: knowledge-base.mdx "Document Object
 * Structure" is `{name, url, size}` (size in bytes, every example sends it; the Tip: "Document size
 * can be obtained using JavaScript's File.size property"), and the limits ("Single file size limit:
 * 100MB (104,857,600 bytes)") are stated in the same bytes. A size left at 0 was not given.
 */
function checkDocSizes(this: IExecuteFunctions, { i, body }: { i: number; body: IDataObject }): void {
	const docs = Array.isArray(body.docs) ? (body.docs as IDataObject[]) : [];
	const unsized = docs.findIndex((doc) => doc.size === 0);
	if (unsized >= 0) {
		throw invalidField(
			this,
			i,
			`Documents ${unsized + 1}: Size (Bytes)`,
			"is required: the file's size in bytes",
			'Akool registers each document with its size and checks its limits with it (100 MB per file, 500 MB in total). Enter the size, or map it from the node that fetched the file. No request was sent to Akool.',
		);
	}
}

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
	check: checkDocSizes,
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
	check: checkDocSizes,
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
