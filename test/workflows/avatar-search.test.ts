/**
 * The avatar picker's search (methods/listSearch.ts searchAvatars, B10): Akool's avatar list has
 * no name filter (talking-avatar.mdx "Get Talking Avatar List": from, type, page, size), so the
 * node filters. A search reads on, page after page, until its matches fill a picker page or the
 * list ends, instead of showing only the matches of the page it happens to be on.
 */
import type { MockAkool } from '../mock-akool';
import { listSearchAt, mockGet, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({}, (started) => (mock = started), { maxPageSize: null });

const AVATAR_LIST = '/api/open/v3/avatar/list';
type Avatar = { avatar_id: string; name: string };

const search = (filter?: string, paginationToken?: string) =>
	listSearchAt(mock, 'searchAvatars', { resource: 'talkingAvatar', operation: 'createVideo' }, 'parameters.avatarId', filter, paginationToken);

/** The talking avatars (type 1) of the mock in list order, read directly. */
async function talkingAvatars(): Promise<Avatar[]> {
	const all: Avatar[] = [];
	for (let page = 1; ; page++) {
		const list = await mockGet<Avatar[]>(mock, `${AVATAR_LIST}?type=1&page=${page}&size=100`);
		all.push(...list);
		if (list.length < 100) return all;
	}
}

describe('the avatar picker\'s search reads past the first page (B10)', () => {
	it('finds an avatar that is only on page 2, in the one search (no empty first page to scroll past)', async () => {
		const avatars = await talkingAvatars();
		expect(avatars.length).toBeGreaterThan(100);
		const onPage2 = avatars[100];
		expect(avatars.slice(0, 100).some((avatar) => avatar.name.toLowerCase().includes(onPage2.name.toLowerCase()))).toBe(false);
		mock.clearLog();

		const found = await search(onPage2.name.toLowerCase());
		expect(found.results.map((entry) => entry.value)).toEqual([onPage2.avatar_id]);
		expect(found.paginationToken).toBeUndefined();
		expect(mock.apiRequests(AVATAR_LIST).map((request) => request.query.page)).toEqual(['1', '2']);
	});

	it('matches on several pages come together, in list order', async () => {
		const avatars = await talkingAvatars();
		// The fourth outfits (" 4") are the last avatars: the end of page 1 and page 2.
		const wanted = avatars.filter((avatar) => avatar.name.endsWith(' 4'));
		expect(wanted.some((avatar) => avatars.indexOf(avatar) < 100) && wanted.some((avatar) => avatars.indexOf(avatar) >= 100)).toBe(true);
		const found = await search(' 4');
		expect(found.results.map((entry) => entry.value)).toEqual(wanted.map((avatar) => avatar.avatar_id));
		expect(found.paginationToken).toBeUndefined();
	});

	it('a search stops once its matches fill a picker page, and offers the rest as the next page', async () => {
		// Every avatar_id starts with "dvp_": page 1 alone fills the picker page.
		const first = await search('dvp_');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		expect(mock.apiRequests(AVATAR_LIST)).toHaveLength(1);
		const next = await search('dvp_', '2');
		expect(next.results.length).toBeGreaterThan(0);
		expect(next.paginationToken).toBeUndefined();
	});

	it('without a filter: one Akool page per picker page, as before', async () => {
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		expect(mock.apiRequests(AVATAR_LIST)).toHaveLength(1);
	});
});
