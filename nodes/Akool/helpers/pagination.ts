import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';

/**
 * The one pagination helper (akool-api.md §2.4): Akool pages its lists with `page` (from 1) and
 * `size`, and answers either a bare array in `data` or `data.result[]` (+ `count`). Reads page
 * after page until the list is exhausted or `limit` items are collected. Each read is an ordinary
 * retried GET that stops on cancel.
 *
 * When the answer has `count`, the list ends when `count` entries are read, not at a short page:
 * VoiceLab documents `size` without a maximum (voiceLab.mdx "Get Voice List", "Get Resource List"),
 * so Akool may serve fewer entries per page than asked (B6). Without `count` (the avatar and
 * knowledge-base lists answer a bare array), a page shorter than the size asked for is the last.
 * Either way an empty page, or one that repeats the previous page (a server ignoring `page`),
 * ends the list.
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
	const firstPage = want.page ?? 1;
	let previous: string | undefined;
	for (let page = firstPage; page < firstPage + MAX_PAGES; page++) {
		const data = (await akoolApiRequest.call(this, {
			method: 'GET',
			endpoint: list.endpoint,
			qs: { ...list.qs, page, size: list.pageSize },
			itemIndex: want.itemIndex,
		})) as IDataObject | IDataObject[] | undefined;
		const found = list.listAt === '' ? data : (data as IDataObject | undefined)?.[list.listAt];
		const entries = Array.isArray(found) ? (found as IDataObject[]) : [];
		const signature = entries.length ? JSON.stringify(entries[0]) : undefined;
		if (signature !== undefined && signature === previous) return { items, more: false };
		previous = signature;
		items.push(...entries);
		const envelope = Array.isArray(data) ? undefined : data;
		const count = typeof envelope?.count === 'number' ? envelope.count : undefined;
		let exhausted: boolean;
		if (entries.length === 0) exhausted = true;
		else if (count === undefined) exhausted = entries.length < list.pageSize;
		else {
			// Entries before this page: counted when reading from page 1; for a single later page
			// (a picker's next page) the server's page size, which this page shows unless it is the last.
			const served = typeof envelope?.size === 'number' && envelope.size > 0 ? Math.min(envelope.size, list.pageSize) : entries.length;
			const before = want.page === undefined ? items.length - entries.length : (page - 1) * served;
			exhausted = before + entries.length >= count;
		}
		if (items.length >= limit) return { items: items.slice(0, limit), more: !exhausted || items.length > limit };
		if (exhausted || want.page !== undefined) return { items, more: !exhausted };
	}
	return { items, more: true };
}
