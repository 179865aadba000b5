import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fetchPages } from '../helpers/pagination';
import { akoolApiRequest } from '../transport';

/**
 * Searchable pickers (resource locators): voices, avatars and languages can number in the
 * hundreds. Each page of the picker is one page of Akool's list (paginationToken = next page),
 * except an avatar search (see searchAvatars).
 */

const matches = (filter: string | undefined, ...texts: unknown[]) =>
	!filter || texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(filter.toLowerCase()));

const nextPage = (token: unknown) => (typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 1);

/** VoiceLab voices: your clones first (on the first page), then Akool's voices, filtered by name. */
export async function searchVoices(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = nextPage(paginationToken);
	const qs = filter ? { name: filter } : {};
	const list = (type: number) => ({ endpoint: '/api/open/v4/voice/list', qs: { type, ...qs }, listAt: 'result' as const, pageSize: 100 });
	const clones = page === 1 ? (await fetchPages.call(this, list(1), { page: 1 })).items : [];
	const akool = await fetchPages.call(this, list(2), { page });
	return {
		results: [...clones, ...akool.items]
			.filter((voice) => typeof voice.voice_id === 'string' && voice.voice_id !== '')
			.map((voice) => ({
				name: [voice.name ?? voice.voice_id, [voice.gender, voice.language].filter(Boolean).join(', ')].filter(Boolean).join(' — '),
				value: voice.voice_id as string,
				url: typeof voice.preview === 'string' ? voice.preview : undefined,
			})),
		paginationToken: akool.more ? String(page + 1) : undefined,
	};
}

const AVATAR_LIST = { endpoint: '/api/open/v3/avatar/list', qs: { type: 1 }, listAt: '' as const, pageSize: 100 };
/** Matches that make a picker page, and the Akool pages one search reads at most (10,000 avatars). */
const PICKER_PAGE = 100;
const MAX_SEARCH_PAGES = 100;

/**
 * Talking avatars (Akool's and your uploads), filtered by name; the value is the avatar_id. The
 * avatar list has no name filter (talking-avatar.mdx "Get Talking Avatar List": from, type, page,
 * size), so a search reads on from its page until its matches fill a picker page or the list ends
 * (B10); the token is the next Akool page. Without a filter, one Akool page per picker page.
 */
export async function searchAvatars(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const first = nextPage(paginationToken);
	const results: INodeListSearchResult['results'] = [];
	for (let page = first; page < first + MAX_SEARCH_PAGES; page++) {
		const { items, more } = await fetchPages.call(this, AVATAR_LIST, { page });
		results.push(
			...items
				.filter((avatar) => typeof avatar.avatar_id === 'string' && matches(filter, avatar.name, avatar.avatar_id))
				.map((avatar) => ({
					name: `${String(avatar.name ?? avatar.avatar_id)}${avatar.from === 3 ? ' (yours)' : ''}`,
					value: avatar.avatar_id as string,
					url: typeof avatar.thumbnailUrl === 'string' ? avatar.thumbnailUrl : undefined,
				})),
		);
		if (!more) return { results };
		if (!filter || results.length >= PICKER_PAGE) return { results, paginationToken: String(page + 1) };
	}
	return { results, paginationToken: String(first + MAX_SEARCH_PAGES) };
}

/** Video translation languages (one list, filtered here); the value is the language code. */
export async function searchLanguages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: '/api/open/v3/language/list' })) as IDataObject | undefined;
	const languages = Array.isArray(data?.lang_list) ? (data.lang_list as IDataObject[]) : [];
	return {
		results: languages
			.filter((language) => typeof language.lang_code === 'string' && matches(filter, language.lang_name, language.lang_code))
			.map((language) => ({ name: `${String(language.lang_name ?? language.lang_code)} (${String(language.lang_code)})`, value: language.lang_code as string })),
	};
}

/** Legacy v3 voices (for the v3 text to speech), filtered by name. */
export async function searchVoicesV3(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const data = await akoolApiRequest.call(this, { method: 'GET', endpoint: '/api/open/v3/voice/list' });
	const voices = Array.isArray(data) ? (data as IDataObject[]) : [];
	return {
		results: voices
			.filter((voice) => typeof voice.voice_id === 'string' && matches(filter, voice.name, voice.voice_id))
			.map((voice) => ({ name: [voice.name ?? voice.voice_id, voice.gender].filter(Boolean).join(' — '), value: voice.voice_id as string })),
	};
}
