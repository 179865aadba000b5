import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { callsBackOnce, CREATE_ENDPOINTS, JOB_FAMILIES, toSnapshot } from '../../nodes/Akool/helpers/jobs';

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

	it('Swap Studio V5: creates take webhookUrl and answer {list, errors}; analyses have no webhook', () => {
		for (const [key, endpoint] of Object.entries(CREATE_ENDPOINTS).filter(([, e]) => e.path.startsWith('/api/open/v5/'))) {
			const analysis = key.startsWith('swapStudio.analyze');
			expect(endpoint.webhookField).toBe(analysis ? undefined : 'webhookUrl');
			expect(endpoint.path).toMatch(analysis ? /\/analyze$/ : /\/create$/);
			if (!analysis) expect(endpoint.batch).toEqual({ list: 'list', errors: 'errors' });
		}
	});

	it('offers a callback only where Akool calls back about one job', () => {
		expect(callsBackOnce(CREATE_ENDPOINTS['imageToVideo.createBatch'])).toBe(false);
		expect(callsBackOnce(CREATE_ENDPOINTS['swapStudio.motionSwap'])).toBe(false);
		expect(callsBackOnce(CREATE_ENDPOINTS['swapStudio.characterSwap'])).toBe(true);
		expect(callsBackOnce(CREATE_ENDPOINTS['imageToVideo.updateAudio'])).toBe(false);
	});

	it.each(Object.values(JOB_FAMILIES))('$key polls a documented store with its own status and result fields', (family) => {
		expect(family.poll.path).toMatch(/^\/api\/open\/v[345]\//);
		expect(family.statusField).toMatch(/status$/);
		expect(family.resultFields.length).toBeGreaterThan(0);
		expect(family.failureFields.length).toBeGreaterThan(0);
		expect(family.callbackTypes.length).toBeGreaterThan(0);
		if (family.poll.path.startsWith('/api/open/v5/')) {
			expect(family.poll.path).toMatch(/\/(task|analyze)\/detail$/);
			return;
		}
		// The reference row of this poll endpoint names the status field and (for files) the result
		// field; path parameters compare by position ({id} = {_id}).
		const shape = (path: string) => path.replace(/\{[^}]*\}/g, '{}');
		const row = rows.find((candidate) => shape(candidate.path) === shape(family.poll.path));
		expect(row).toBeDefined();
		expect(row!.statusAndResult).toContain(family.statusField);
		if (family.resultKind === 'file') expect(family.resultFields.some((field) => row!.statusAndResult.includes(field))).toBe(true);
		else expect(family.resultFields.some((field) => reference.includes(`\`${field}\``))).toBe(true);
	});

	it('every create endpoint polls an existing family', () => {
		for (const endpoint of Object.values(CREATE_ENDPOINTS)) expect(JOB_FAMILIES[endpoint.family]).toBeDefined();
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

	it('a V5 task reads its result from `url` (what the V5 callback names), else the other URL fields', () => {
		expect(toSnapshot(JOB_FAMILIES.studioMotionSwap, 'a', { status: 3, url: 'https://cdn/a.mp4', video_url: 'https://cdn/b.mp4' }).resultUrl).toBe('https://cdn/a.mp4');
		expect(toSnapshot(JOB_FAMILIES.studioHairSwap, 'b', { status: 3, url: '', image_url: 'https://cdn/b.png' }).resultUrl).toBe('https://cdn/b.png');
	});
});
