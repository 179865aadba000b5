/**
 * Knowledge Base in n8n's real engine against the Akool mock: Create (documents as a fixed
 * collection, web pages as a URL list) → Get → Update → Get Many (Return All across pages, Limit,
 * the name filter) → Delete (Akool's only DELETE, with a JSON body) → Get fails with 1232 and a hint.
 * Every request is checked as the mock received it; bad input is refused before any request.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, mockGet, run, runError, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300 }, (started) => (mock = started));

const KB = '/api/open/v4/knowledge';
const LIST = `${KB}/list`;
const CREATE = `${KB}/create`;
const DETAIL = `${KB}/detail`;
const UPDATE = `${KB}/update`;
const DELETE = `${KB}/delete`;

type KnowledgeBase = { _id: string; name: string; prologue: string; prompt: string; docs: IDataObject[]; urls: string[] };

const kb = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'knowledgeBase', operation, ...parameters });

/** Creates a knowledge base at the mock directly (not through the node); the log is cleared. */
async function createAtMock(body: IDataObject): Promise<KnowledgeBase> {
	const response = await fetch(`${mock.url}${CREATE}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
		body: JSON.stringify(body),
	});
	const answer = (await response.json()) as { code: number; data: KnowledgeBase };
	expect(answer.code).toBe(1000);
	mock.clearLog();
	return answer.data;
}

/** The mock's own list for a name filter, all pages (the oracle). */
async function listAtMock(name: string): Promise<KnowledgeBase[]> {
	const all: KnowledgeBase[] = [];
	for (let page = 1; ; page++) {
		const data = await mockGet<KnowledgeBase[]>(mock, `${LIST}?page=${page}&size=100&name=${encodeURIComponent(name)}`);
		all.push(...data);
		if (data.length < 100) return all;
	}
}

describe('Knowledge Base → Create, Get, Update, Get Many, Delete (one lifecycle)', () => {
	it('every operation sends what Akool documents and outputs its answer', async () => {
		// Create: name top-level, the rest from Options; documents and web pages as arrays.
		const created = await run(
			mock,
			akoolWorkflow(
				kb('create', {
					name: 'Support Desk',
					options: {
						prologue: 'Hi! How can I help?',
						prompt: 'Answer from the documents only.',
						docs: {
							values: [
								{ name: 'faq.pdf', url: 'https://example.com/docs/faq.pdf', size: 204800 },
								{ name: 'prices.csv', url: 'https://example.com/docs/prices.csv', size: 1024 },
							],
						},
						urls: 'https://example.com/help, https://example.com/terms',
					},
				}),
			),
		);
		expect(created.status).toBe('success');
		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].method).toBe('POST');
		expect(creates[0].body).toEqual({
			name: 'Support Desk',
			prologue: 'Hi! How can I help?',
			prompt: 'Answer from the documents only.',
			docs: [
				{ name: 'faq.pdf', url: 'https://example.com/docs/faq.pdf', size: 204800 },
				{ name: 'prices.csv', url: 'https://example.com/docs/prices.csv', size: 1024 },
			],
			urls: ['https://example.com/help', 'https://example.com/terms'],
		});
		const [createdItem] = created.output('Akool');
		const id = createdItem.json._id as string;
		expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(createdItem.json).toMatchObject({ name: 'Support Desk', prologue: 'Hi! How can I help?', urls: ['https://example.com/help', 'https://example.com/terms'] });
		expect(createdItem.pairedItem).toEqual({ item: 0 });
		// Synchronous: no job, nothing polled.
		expect(mock.apiRequests()).toHaveLength(1);

		// Get: GET detail?id=.
		mock.clearLog();
		const got = await run(mock, akoolWorkflow(kb('get', { knowledgeBaseId: id })));
		expect(got.status).toBe('success');
		const [detail] = mock.apiRequests(DETAIL);
		expect(detail.method).toBe('GET');
		expect(detail.query).toEqual({ id });
		expect(got.output('Akool')[0].json).toMatchObject({ _id: id, name: 'Support Desk', prompt: 'Answer from the documents only.' });
		expect((got.output('Akool')[0].json.docs as IDataObject[]).map((doc) => doc.name)).toEqual(['faq.pdf', 'prices.csv']);

		// Update: only the fields added are sent; the others stay.
		mock.clearLog();
		const updated = await run(mock, akoolWorkflow(kb('update', { knowledgeBaseId: id, options: { prologue: 'Hello again!' } })));
		expect(updated.status).toBe('success');
		const [update] = mock.apiRequests(UPDATE);
		expect(update.method).toBe('POST');
		expect(update.body).toEqual({ id, prologue: 'Hello again!' });
		expect(updated.output('Akool')[0].json).toMatchObject({ _id: id, name: 'Support Desk', prologue: 'Hello again!', prompt: 'Answer from the documents only.' });

		// Get Many with the name filter finds it, updated.
		mock.clearLog();
		const listed = await run(mock, akoolWorkflow(kb('getMany', { returnAll: true, options: { name: 'Support Desk' } })));
		expect(listed.status).toBe('success');
		const listedItems = listed.output('Akool');
		expect(listedItems.map((item) => item.json._id)).toEqual([id]);
		expect(listedItems[0].json.prologue).toBe('Hello again!');
		expect(mock.apiRequests(LIST)[0].query).toMatchObject({ name: 'Support Desk', page: '1' });

		// Delete: Akool's DELETE with a JSON body {id}.
		mock.clearLog();
		const deleted = await run(mock, akoolWorkflow(kb('delete', { knowledgeBaseId: id })));
		expect(deleted.status).toBe('success');
		const deletes = mock.apiRequests(DELETE);
		expect(deletes).toHaveLength(1);
		expect(deletes[0].method).toBe('DELETE');
		expect(deletes[0].body).toEqual({ id });
		expect(String(deletes[0].headers['content-type'])).toContain('application/json');
		expect(deleted.output('Akool')[0].json).toEqual({ deleted: true, id });

		// Get after the delete: Akool's 1232, with the node's hint.
		mock.clearLog();
		const gone = await run(mock, akoolWorkflow(kb('get', { knowledgeBaseId: id })));
		const error = runError(gone);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1232');
		expect(error.message).toContain('no such knowledge base');
		expect(error.description).toContain('Check the Knowledge Base ID');
		expect(mock.apiRequests(DETAIL)).toHaveLength(1);
		expect(await listAtMock('Support Desk')).toEqual([]);
	});
});

describe('Knowledge Base → Get Many', () => {
	const PREFIX = 'bulk-kb-';
	let oracle: KnowledgeBase[];
	beforeAll(async () => {
		for (let k = 0; k < 105; k++) await createAtMock({ name: `${PREFIX}${String(k).padStart(3, '0')}` });
		oracle = await listAtMock(PREFIX);
		expect(oracle).toHaveLength(105);
	});

	it('Return All: reads page after page (100 each) and outputs every knowledge base in Akool\'s order (newest first)', async () => {
		const result = await run(mock, akoolWorkflow(kb('getMany', { returnAll: true, options: { name: PREFIX } })));
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => item.json._id)).toEqual(oracle.map((entry) => entry._id));
		expect(items[0].json.name).toBe(`${PREFIX}104`);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const requests = mock.apiRequests(LIST);
		expect(requests.map((request) => request.method)).toEqual(['GET', 'GET']);
		expect(requests.map((request) => request.query)).toEqual([
			{ name: PREFIX, page: '1', size: '100' },
			{ name: PREFIX, page: '2', size: '100' },
		]);
	});

	it('Limit 3: the first three, one request', async () => {
		const result = await run(mock, akoolWorkflow(kb('getMany', { returnAll: false, limit: 3, options: { name: PREFIX } })));
		expect(result.status).toBe('success');
		expect(result.output('Akool').map((item) => item.json._id)).toEqual(oracle.slice(0, 3).map((entry) => entry._id));
		expect(mock.apiRequests(LIST)).toHaveLength(1);
	});

	it('Limit 50 (the default) without a filter: 50 items', async () => {
		const result = await run(mock, akoolWorkflow(kb('getMany')));
		expect(result.status).toBe('success');
		expect(result.output('Akool')).toHaveLength(50);
		expect(mock.apiRequests(LIST)[0].query).not.toHaveProperty('name');
	});
});

describe('Knowledge Base → errors', () => {
	it('a name over 100 characters is refused before any request', async () => {
		const result = await run(mock, akoolWorkflow(kb('create', { name: 'n'.repeat(101) })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Name"');
		expect(error.message).toContain('100');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('100 characters exactly are sent', async () => {
		const name = `x${'y'.repeat(99)}`;
		const result = await run(mock, akoolWorkflow(kb('create', { name })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ name });
	});

	// B8: knowledge-base.mdx "Document Object Structure" is {name, url, size} (size in bytes; the Tip: "Document
	// size can be obtained using JavaScript's File.size"), and Akool checks its 100 MB / 500 MB limits with it.
	it.each(['create', 'update'])('%s: a document whose Size was left untouched is refused (no made-up 1 byte), naming the field', async (operation) => {
		const doc = { name: 'manual.pdf', url: 'https://example.com/docs/manual.pdf' };
		const ids = operation === 'update' ? { knowledgeBaseId: '670000000000000000000001' } : { name: 'No Size' };
		const result = await run(mock, akoolWorkflow(kb(operation, { ...ids, options: { docs: { values: [doc] } } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('"Documents 1: Size (Bytes)" is required: the file\'s size in bytes');
		expect(error.description).toContain('100 MB');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a document with its Size is sent with that size', async () => {
		const doc = { name: 'manual.pdf', url: 'https://example.com/docs/manual.pdf', size: 2048000 };
		const result = await run(mock, akoolWorkflow(kb('create', { name: 'With Size', options: { docs: { values: [doc] } } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ name: 'With Size', docs: [doc] });
	});

	it.each([
		{ name: 'two IDs for Get', parameters: kb('get', { knowledgeBaseId: '670000000000000000000001, 670000000000000000000002' }), message: '"Knowledge Base ID"' },
		{ name: 'no ID for Delete', parameters: kb('delete', { knowledgeBaseId: '={{ "" }}' }), message: '"Knowledge Base ID"' },
		{ name: 'a document URL that is not http(s)', parameters: kb('create', { name: 'Docs', options: { docs: { values: [{ name: 'a.pdf', url: 'file:///tmp/a.pdf', size: 10 }] } } }), message: 'File"' },
		{ name: 'a document over 100 MB', parameters: kb('create', { name: 'Docs', options: { docs: { values: [{ name: 'a.pdf', url: 'https://example.com/a.pdf', size: 104857601 }] } } }), message: 'Size' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(parameters));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it("a duplicate name: Akool's 1233 surfaces with the node's hint", async () => {
		await createAtMock({ name: 'Taken Name' });
		const result = await run(mock, akoolWorkflow(kb('create', { name: 'Taken Name' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1233');
		expect(error.description).toContain('Use another name');
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
	});

	it('Update with an empty Prologue sends prologue "" (Akool: "" clears it)', async () => {
		const created = await createAtMock({ name: 'Clear Me', prologue: 'Old greeting' });
		const result = await run(mock, akoolWorkflow(kb('update', { knowledgeBaseId: created._id, options: { prologue: '' } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(UPDATE)[0].body).toEqual({ id: created._id, prologue: '' });
		expect(result.output('Akool')[0].json.prologue).toBe('');
	});

	it.each([
		{ operation: 'update', parameters: { options: { name: 'Renamed' } }, path: UPDATE },
		{ operation: 'delete', parameters: {}, path: DELETE },
	])('$operation of an unknown ID: 1232 as a NodeApiError', async ({ operation, parameters, path }) => {
		const result = await run(mock, akoolWorkflow(kb(operation, { knowledgeBaseId: '670000000000000000000099', ...parameters })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1232');
		expect(mock.apiRequests(path)).toHaveLength(1);
	});
});
