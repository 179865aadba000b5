/**
 * fetchPages (helpers/pagination.ts) against canned Akool pages (B6): with `count` in the answer
 * it pages until `count` entries are read, however many a page holds (VoiceLab documents `size`
 * without a maximum, voiceLab.mdx, so Akool may serve fewer than asked); without `count` a short
 * page ends the list. An empty page, or a page that repeats the previous one (a server that
 * ignores `page`), ends it too.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { fetchPages } from '../../nodes/Akool/helpers/pagination';
import type { PagedList } from '../../nodes/Akool/helpers/pagination';

type Server = (page: number, size: number) => unknown;

function context(server: Server) {
	const pages: number[] = [];
	const ctx = {
		getNode: () => ({ id: '1', name: 'Akool', type: 'n8n-nodes-akool.akool', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ apiKey: 'k', baseUrl: 'https://sandbox.example' }),
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const qs = options.qs as { page: number; size: number };
				pages.push(qs.page);
				return { statusCode: 200, headers: {}, body: { code: 1000, msg: 'OK', data: server(qs.page, qs.size) } };
			},
		},
	};
	return { ctx, pages };
}

const entries = (total: number) => Array.from({ length: total }, (_, k) => ({ _id: `id${k}` }));

/** `data.result[]` + `count`, serving at most `cap` per page (whatever `size` asks). */
const withCount = (total: number, cap: number): Server => (page, size) => {
	const served = Math.min(size, cap);
	return { result: entries(total).slice((page - 1) * served, page * served), count: total, page, size: served };
};
/** A bare array (`data` = the page), serving at most `cap` per page. */
const bare = (total: number, cap: number): Server => (page, size) => {
	const served = Math.min(size, cap);
	return entries(total).slice((page - 1) * served, page * served);
};

const RESULT: PagedList = { endpoint: '/api/open/v4/voice/list', listAt: 'result', pageSize: 100 };
const BARE: PagedList = { endpoint: '/api/open/v4/knowledge/list', listAt: '', pageSize: 100 };

async function read(server: Server, list: PagedList, want: { limit?: number; page?: number } = {}) {
	const { ctx, pages } = context(server);
	const answer = await fetchPages.call(ctx as never, list, want);
	return { ids: answer.items.map((item: IDataObject) => item._id), more: answer.more, pages };
}

describe('fetchPages with `count` (B6)', () => {
	it('a server that serves 10 per page although 100 were asked: Return All reads until count (25)', async () => {
		const { ids, more, pages } = await read(withCount(25, 10), RESULT);
		expect(ids).toEqual(entries(25).map((e) => e._id));
		expect(more).toBe(false);
		expect(pages).toEqual([1, 2, 3]);
	});

	it('Limit stops as soon as it is reached, and says more remain', async () => {
		const { ids, more, pages } = await read(withCount(25, 10), RESULT, { limit: 15 });
		expect(ids).toHaveLength(15);
		expect(more).toBe(true);
		expect(pages).toEqual([1, 2]);
	});

	it('a picker page (one page of the list) is "more" while count says so, also after a short page', async () => {
		expect(await read(withCount(25, 10), RESULT, { page: 1 })).toMatchObject({ ids: entries(10).map((e) => e._id), more: true, pages: [1] });
		expect(await read(withCount(25, 10), RESULT, { page: 2 })).toMatchObject({ more: true, pages: [2] });
		expect(await read(withCount(25, 10), RESULT, { page: 3 })).toMatchObject({ ids: ['id20', 'id21', 'id22', 'id23', 'id24'], more: false });
	});

	it('a full list in one page ends at count without another request', async () => {
		const { ids, more, pages } = await read(withCount(100, 100), RESULT);
		expect(ids).toHaveLength(100);
		expect(more).toBe(false);
		expect(pages).toEqual([1]);
	});

	it('an empty page ends the list even when count says more (a count that is wrong)', async () => {
		const { ids, more, pages } = await read((page) => ({ result: page === 1 ? entries(3) : [], count: 50 }), RESULT);
		expect(ids).toHaveLength(3);
		expect(more).toBe(false);
		expect(pages).toEqual([1, 2]);
	});

	it('a server that ignores `page` (the same entries again) ends the list after the repeat, not after 1000 requests', async () => {
		const { ids, more, pages } = await read(() => ({ result: entries(3), count: 10 }), RESULT);
		expect(ids).toEqual(['id0', 'id1', 'id2']);
		expect(more).toBe(false);
		expect(pages).toEqual([1, 2]);
	});
});

describe('fetchPages without `count`: a short page ends the list', () => {
	it('a bare array shorter than the page size is the last page', async () => {
		const { ids, more, pages } = await read(bare(30, 100), BARE);
		expect(ids).toHaveLength(30);
		expect(more).toBe(false);
		expect(pages).toEqual([1]);
	});

	it('full pages continue until a short one', async () => {
		const { ids, pages } = await read(bare(230, 100), BARE);
		expect(ids).toHaveLength(230);
		expect(pages).toEqual([1, 2, 3]);
	});
});
