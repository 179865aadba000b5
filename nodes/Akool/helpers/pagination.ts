import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';

/**
 * The one pagination helper (akool-api.md §2.4): Akool pages its lists with `page` (from 1) and
 * `size`, and answers either a bare array in `data` or `data.result[]` (+ `count`). Reads page
 * after page until the list is exhausted (a short page, or `count` reached) or `limit` items
 * are collected. Each read is an ordinary retried GET that stops on cancel.
 */
export interface PagedList {
	endpoint: string;
	qs?: IDataObject;
	/** Where the list sits in `data`: '' = `data` itself, 'result' = `data.result`. */
	listAt: '' | 'result';
	/** Items per request (Akool's maximum for the endpoint). */
	pageSize: number;
}

/** More pages than any Akool list has; a guard against a server that never ends a list. */
const MAX_PAGES = 1000;

export async function fetchPages(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	list: PagedList,
	want: { limit?: number; page?: number; itemIndex?: number } = {},
): Promise<{ items: IDataObject[]; more: boolean }> {
	const items: IDataObject[] = [];
	const limit = want.limit ?? Infinity;
	for (let page = want.page ?? 1, pages = 0; pages < MAX_PAGES; page++, pages++) {
		const data = (await akoolApiRequest.call(this, {
			method: 'GET',
			endpoint: list.endpoint,
			qs: { ...list.qs, page, size: list.pageSize },
			itemIndex: want.itemIndex,
		})) as IDataObject | IDataObject[] | undefined;
		const found = list.listAt === '' ? data : (data as IDataObject | undefined)?.[list.listAt];
		const entries = Array.isArray(found) ? (found as IDataObject[]) : [];
		items.push(...entries);
		const count = !Array.isArray(data) && typeof data?.count === 'number' ? data.count : undefined;
		const exhausted = entries.length < list.pageSize || (count !== undefined && (page - 1) * list.pageSize + entries.length >= count);
		if (items.length >= limit) return { items: items.slice(0, limit), more: !exhausted || items.length > limit };
		if (exhausted || want.page !== undefined) return { items, more: !exhausted };
	}
	return { items, more: true };
}
