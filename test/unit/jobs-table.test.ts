import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { callsBackOnce, CREATE_ENDPOINTS, JOB_FAMILIES, SWAP_STUDIO_FEATURES, toSnapshot } from '../../nodes/Akool/helpers/jobs';
import type { JobFamily } from '../../nodes/Akool/helpers/jobs';

/**
 * The job table against the reference: test/reference/akool-api.md is a copy of the Akool API
 * contract the package follows (its §1 table lists every endpoint with its webhook spelling).
 * Swap Studio V5 postdates it; its facts come from docs.akool.com (README "Swap Studio").
 */
const reference = readFileSync(join(__dirname, '../reference/akool-api.md'), 'utf8');

interface ReferenceRow {
	path: string;
	webhookField?: string;
	statusAndResult: string;
}

/** §1 "Summary of all operations": | # | Family | Operation | Method | Path | Kind | Status → result | Webhook field | */
const rows: ReferenceRow[] = reference
	.slice(reference.indexOf('## 1. Summary'), reference.indexOf('## 2. Conventions'))
	.split('\n')
	.filter((line) => /^\| \d+ \|/.test(line))
	.map((line) => line.split(/(?<!\\)\|/).map((cell) => cell.trim()))
	.map((cells) => {
		const path = /`([^`?]+)/.exec(cells[5])?.[1] ?? '';
		const webhook = cells[8].replace(/[*`]/g, '');
		return { path, webhookField: webhook === '—' ? undefined : webhook, statusAndResult: cells[7] };
	});

describe('job table against akool-api.md', () => {
	it('reads the reference table (57 single-operation rows)', () => {
		expect(rows.length).toBeGreaterThanOrEqual(55);
		expect(rows.find((row) => row.path === '/api/open/v4/faceswap/faceswapByImage')?.webhookField).toBe('webhookUrl');
	});

	const v3v4 = Object.entries(CREATE_ENDPOINTS).filter(([, endpoint]) => !endpoint.path.startsWith('/api/open/v5/'));
	it.each(v3v4)('%s sends the webhook field spelled as the reference documents for its path', (_key, endpoint) => {
		const row = rows.find((candidate) => candidate.path === endpoint.path);
		expect(row).toBeDefined();
		expect(endpoint.webhookField).toBe(row!.webhookField);
	});

	it('spells it per endpoint, not per API version: v4 Face Swap Pro/Plus say webhookUrl, v4 image to video webhookurl', () => {
		expect(CREATE_ENDPOINTS['faceSwap.swapPro'].webhookField).toBe('webhookUrl');
		expect(CREATE_ENDPOINTS['faceSwap.swapPlus'].webhookField).toBe('webhookUrl');
		expect(CREATE_ENDPOINTS['imageToVideo.create'].webhookField).toBe('webhookurl');
	});


	it('offers a callback only where Akool calls back about one job', () => {
		expect(callsBackOnce(CREATE_ENDPOINTS['imageToVideo.createBatch'])).toBe(false);
		expect(callsBackOnce(CREATE_ENDPOINTS['swapStudio.motionSwap'])).toBe(false);
		expect(callsBackOnce(CREATE_ENDPOINTS['swapStudio.characterSwap'])).toBe(true);
		expect(callsBackOnce(CREATE_ENDPOINTS['imageToVideo.updateAudio'])).toBe(false);
	});

	const v3v4Families = Object.values(JOB_FAMILIES).filter((family) => !family.poll.path.startsWith('/api/open/v5/'));
	it.each(v3v4Families)('$key polls a documented store with its own status and result fields', (family) => {
		expect(family.poll.path).toMatch(/^\/api\/open\/v[34]\//);
		expect(family.failureFields.length).toBeGreaterThan(0);
		expect(family.callbackTypes.length).toBeGreaterThan(0);
		// The reference row of this poll endpoint names the status field and (for files) the result
		// field; path parameters compare by position ({id} = {_id}).
		const shape = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
		const row = rows.find((candidate) => shape(candidate.path) === shape(family.poll.path));
		expect(row).toBeDefined();
		expect(row!.statusAndResult).toContain(family.statusField);
		if (family.resultKind === 'file') expect(family.resultFields.some((field) => row!.statusAndResult.includes(field))).toBe(true);
		else expect(family.resultFields.some((field) => reference.includes(`\`${field}\``))).toBe(true);
	});

	// §2.3 names each store's result field, and says where it is known only from third-party notes.
	const stores = reference
		.slice(reference.indexOf('### 2.3'), reference.indexOf('### 2.4'))
		.split('\n')
		.filter((line) => line.startsWith('| ') && line.includes('`/'))
		.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()))
		.map(([, poll, , result]) => ({ paths: [...poll.matchAll(/`([^`?]+)/g)].map((match) => match[1].replace('{_id}', '{id}')), result }));
	const fileFamilies = v3v4Families.filter((family) => family.resultKind === 'file');
	it.each(fileFamilies)('$key is read tolerantly exactly when the reference knows its result field only from third-party notes', (family) => {
		const store = stores.find((candidate) => candidate.paths.some((path) => family.poll.path.endsWith(path)));
		expect(store).toBeDefined();
		expect(Boolean(family.resultFieldGuessed)).toBe(store!.result.includes('[3P-notes]'));
	});

	it('every create endpoint polls an existing family', () => {
		for (const endpoint of Object.values(CREATE_ENDPOINTS)) expect(JOB_FAMILIES[endpoint.family]).toBeDefined();
	});
});

/**
 * Swap Studio V5 postdates akool-api.md and is not in the Mintlify docs repository at all: its facts
 * are in test/reference/swap-studio-v5.md, read from docs.akool.com's V5 pages (with each page's
 * place). What those pages do not say is written there as "not documented", and checked below as such.
 */
const v5Reference = readFileSync(join(__dirname, '../reference/swap-studio-v5.md'), 'utf8');
/** The rows of the table under `heading` (up to the next heading), without its header. */
const tableOf = (heading: string) => {
	const section = v5Reference.slice(v5Reference.indexOf(heading) + heading.length);
	return section
		.slice(0, section.indexOf('\n## ') === -1 ? undefined : section.indexOf('\n## '))
		.split('\n')
		.filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
		.slice(1)
		.map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
};
const v5Endpoints = tableOf('## Endpoints').map(([feature, page, method, path, seen]) => ({ feature, page, method, path: path.replace(/`/g, ''), seen }));
const v5Facts = new Map(tableOf('## Shared contract').map(([fact, value]) => [fact, value]));
/** The one `code` value of a fact, or "not documented". */
const v5Fact = (fact: string) => {
	const value = v5Facts.get(fact);
	if (value === undefined) throw new Error(`swap-studio-v5.md has no fact "${fact}"`);
	return value === 'not documented' ? value : /`([^`]+)`/.exec(value)![1];
};
const v5Creates = Object.entries(CREATE_ENDPOINTS).filter(([, endpoint]) => endpoint.path.startsWith('/api/open/v5/'));
const v5Families = Object.values(JOB_FAMILIES).filter((family) => family.poll.path.startsWith('/api/open/v5/'));

describe('Swap Studio V5 against docs.akool.com (test/reference/swap-studio-v5.md)', () => {
	it('reads the reference (21 endpoints of 5 features)', () => {
		expect(v5Endpoints).toHaveLength(21);
		expect(new Set(v5Endpoints.map((endpoint) => endpoint.feature))).toEqual(new Set(Object.values(SWAP_STUDIO_FEATURES).map((feature) => feature.name)));
	});

	it.each(v5Creates)('%s: a POST the docs list, with the webhook field and answer keys they document', (key, endpoint) => {
		const row = v5Endpoints.find((candidate) => candidate.method === 'POST' && candidate.path === endpoint.path);
		expect(row).toBeDefined();
		if (endpoint.path.endsWith('/analyze')) {
			// No webhook is documented for an analysis: the node offers none (no Webhook URL, no Wait for Callback).
			expect(v5Fact('Webhook field of an analyze')).toBe('not documented');
			expect(endpoint.webhookField).toBeUndefined();
			return;
		}
		expect(endpoint.webhookField).toBe(v5Fact('Webhook field of a create'));
		expect(endpoint.batch).toEqual({ list: v5Fact('Create answer: list of tasks'), errors: v5Fact('Create answer: per-task errors') });
		expect(key).toMatch(/^swapStudio\./);
	});

	it.each(v5Families)('$key polls a GET the docs list, with the documented status and id fields', (family: JobFamily) => {
		const row = v5Endpoints.find((candidate) => candidate.method === 'GET' && candidate.path === family.poll.path);
		expect(row).toBeDefined();
		const analysis = family.resultKind === 'data';
		expect(family.statusField).toBe(v5Fact(analysis ? 'Analysis status field' : 'Task status field'));
		expect({ idParam: family.poll.idParam, idIn: family.poll.idIn }).toEqual({ idParam: v5Fact('Task id parameter'), idIn: 'query' });
		if (analysis) expect(family.resultFields).toEqual([v5Fact('Analysis result field')]);
	});

	it('the task result field is not documented: every V5 task family is read tolerantly (its result field a guess)', () => {
		// The node's field names for a V5 result (V5_RESULT_FIELDS) are NOT checked here: no doc names one.
		// The workflow tests run the node against every shape the sandbox varies (swap-studio.test.ts, R4).
		expect(v5Fact('Task result field')).toBe('not documented');
		for (const family of v5Families.filter((candidate) => candidate.resultKind === 'file')) {
			expect(family.resultFieldGuessed).toEqual(expect.stringContaining('/get-result'));
		}
	});

	it('the callback type of a V5 task is not documented: the node\'s "<Name> V5" types are unconfirmed', () => {
		// The trigger's Job Types filter and the Wait for Callback resume never depend on them (the
		// resume stores the family); README "What the node assumes about Akool" lists them.
		expect(v5Fact('Callback `type` of a task')).toBe('not documented');
	});

	it('the paths the stored pages do not show are assumed by analogy (README lists them)', () => {
		const assumed = v5Endpoints.filter((endpoint) => endpoint.seen === 'by analogy').map((endpoint) => `${endpoint.method} ${endpoint.path}`);
		expect(assumed).toEqual(expect.arrayContaining(['GET /api/open/v5/motionSwap/task/detail', 'GET /api/open/v5/hairswap/task/detail']));
		expect(v5Endpoints.every((endpoint) => endpoint.seen === 'seen' || endpoint.seen === 'by analogy')).toBe(true);
	});
});

describe('snapshots', () => {
	it('never reads the character swap input video as the result', () => {
		const snapshot = toSnapshot(JOB_FAMILIES.video, 'x', { video_status: 3, video: 'https://cdn/out.mp4', video_url: 'https://in/in.mp4' });
		expect(snapshot.resultUrl).toBe('https://cdn/out.mp4');
	});

	it('reads the status from `status` when a record lacks the family field, and the failure reason', () => {
		const snapshot = toSnapshot(JOB_FAMILIES.video, 'x', { status: 4, faceswap_fail_reason: 'no face' });
		expect(snapshot).toMatchObject({ status: 4, statusText: 'failed', failureReason: 'no face' });
		expect(toSnapshot(JOB_FAMILIES.image, 'y', { image_status: 3, image: '', upscaled_urls: ['https://u/1.png'] }).resultUrl).toBe('https://u/1.png');
	});

	it('a data result (analysis) is output as data, never as a URL', () => {
		const analysis = { track_manifest_url: 'https://cdn/t.json', media: [{ obj_id: 0 }] };
		const snapshot = toSnapshot(JOB_FAMILIES.studioHeadSwapAnalysis, 'z', { status: 3, url: 'https://in/source.mp4', analysis_result: analysis });
		expect(snapshot.result).toEqual(analysis);
		expect(snapshot.resultUrl).toBeUndefined();
	});

});
