/**
 * Return All and the pickers against a sandbox that pages in smaller steps than the node asks for
 * (B6): VoiceLab documents `size` without a maximum (voiceLab.mdx "Get Voice List"), so Akool may
 * serve fewer entries per page than the node's 100; the node then follows `count`, not the first
 * short page.
 */
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, listSearchAt, run, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ maxPageSize: 10 }, (started) => (mock = started), { maxPageSize: 10 });

const VOICE_LIST = '/api/open/v4/voice/list';

describe('Voice → List Voices against a server that serves 10 per page (B6)', () => {
	it('Return All reads every page until Akool\'s count (120 voices, 12 pages)', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 2, returnAll: true }));
		expect(result.status).toBe('success');
		const voices = result.output('Akool');
		expect(voices).toHaveLength(120);
		expect(new Set(voices.map((item) => item.json._id)).size).toBe(120);
		const requests = mock.apiRequests(VOICE_LIST);
		expect(requests.map((request) => request.query.page)).toEqual(Array.from({ length: 12 }, (_, k) => String(k + 1)));
		expect(requests.every((request) => request.query.size === '100')).toBe(true);
	});

	it('Limit 25 reads three pages and outputs 25', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 2, returnAll: false, limit: 25 }));
		expect(result.output('Akool')).toHaveLength(25);
		expect(mock.apiRequests(VOICE_LIST)).toHaveLength(3);
	});

	it('the voice picker offers the next page while count says there are more', async () => {
		const found = await listSearchAt(mock, 'searchVoices', { resource: 'voice', operation: 'textToSpeech' }, 'voice');
		expect(found.results.length).toBeGreaterThan(0);
		expect(found.paginationToken).toBe('2');
		const next = await listSearchAt(mock, 'searchVoices', { resource: 'voice', operation: 'textToSpeech' }, 'voice', undefined, '2');
		expect(next.results).toHaveLength(10);
		expect(next.paginationToken).toBe('3');
	});

	it('the same list without a cap: one request of 100, then one for the last 20', async () => {
		mock.setOptions({ maxPageSize: null });
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 2, returnAll: true }));
		expect(result.output('Akool')).toHaveLength(120);
		expect(mock.apiRequests(VOICE_LIST).map((request) => request.query.page)).toEqual(['1', '2']);
	});
});
