/**
 * The poller (helpers/polling.ts) in the real engine against the mock: the jobs of one run that
 * wait in a store taking several ids are checked together, one request per check; each job keeps
 * its own outcome, item and id; and where n8n keeps binary data in memory, a large result is
 * refused before it is downloaded.
 */
import { pollIntervals } from '../../nodes/Akool/helpers/polling';
import { setBinaryDataMode } from '../harness';
import { decrypts } from '../harness/credentials-helper';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 1_000, credit: 1e6, fileSize: 4_096 }, (m) => (mock = m), { jobDurationMs: 1_000, fileSize: 4_096 });

const i2v = (options: Record<string, unknown> = {}, returnAs = 'url') =>
	akoolWorkflow({
		resource: 'imageToVideo',
		operation: 'create',
		imageUrl: 'https://example.com/cat.jpg',
		prompt: 'wave',
		returnAs,
		options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1, maxConcurrentJobs: 50, ...options },
	});

const idsOf = (request: { body: unknown }) => String((request.body as { _ids: string })._ids).split(',');

describe('one request per check for the jobs of a run in one store', () => {
	it('50 image-to-video jobs: every check reads all waiting jobs at once', async () => {
		const result = await run(mock, i2v(), { items: 50 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(50);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(50);
		items.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));

		const creates = mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt');
		const polls = mock.apiRequests('/api/open/v4/image2Video/resultsByIds');
		expect(creates).toHaveLength(50);
		// One job per request would be ≥ 50 × 4 checks (0.2, 0.3, 0.45 s … to 1 s); together it is a
		// handful of checks, each naming every job still waiting.
		expect(polls.length).toBeLessThanOrEqual(8);
		const all = new Set(polls.flatMap(idsOf));
		for (const item of items) expect(all.has(item.json.jobId as string)).toBe(true);
		expect(Math.max(...polls.map((p) => idsOf(p).length))).toBeGreaterThanOrEqual(45);
	});

	it('a just-created job is first checked one interval after its create, not at once', async () => {
		const result = await run(mock, i2v({ pollIntervalSeconds: 0.4 }));
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt');
		const [first] = mock.apiRequests('/api/open/v4/image2Video/resultsByIds');
		expect(first.at - create.at).toBeGreaterThanOrEqual(380);
	});

	it('a job that fails among others fails alone with its own id and item (Continue On Fail)', async () => {
		mock.nextJobs({}, 2);
		mock.nextJobs({ fail: true, failReason: 'bad face' }, 1);
		const result = await run(mock, i2v(), { items: 4 });
		// Without Continue On Fail the run stops: see the second half of this test.
		expect(result.status).toBe('error');
		expect(String(runError(result).message)).toContain('bad face');

		mock.clearLog();
		mock.nextJobs({}, 2);
		mock.nextJobs({ fail: true, failReason: 'bad face' }, 1);
		const tolerant = await run(mock, { ...i2v(), nodes: i2v().nodes.map((n) => (n.name === 'Akool' ? { ...n, continueOnFail: true } : n)) }, { items: 4 });
		expect(tolerant.status).toBe('success');
		const items = tolerant.output('Akool');
		expect(mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt')).toHaveLength(4);
		const failed = items.filter((item) => item.json.error);
		expect(failed).toHaveLength(1);
		// The error item names the job the mock failed, not a sibling that shared its status request.
		const failedJob = [...mock.jobs.values()].filter((job) => job.store === 'i2v' && job.fail).pop()!;
		expect(failed[0].json.jobId).toBe(failedJob._id);
		expect(items.filter((item) => item.json.status === 3)).toHaveLength(3);
		expect(items.map((item) => (item.pairedItem as { item: number }).item).sort()).toEqual([0, 1, 2, 3]);
	});

	it('a status check that fails after its retries is not a failed job: the 5 jobs that shared it finish (Continue On Fail)', async () => {
		// The first shared check fails 4 times in a row (the transport's attempts); the next tick reads again.
		mock.fault({ path: '/api/open/v4/image2Video/resultsByIds', kind: '500', count: 4 });
		const workflow = i2v();
		const tolerant = { ...workflow, nodes: workflow.nodes.map((n) => (n.name === 'Akool' ? { ...n, continueOnFail: true } : n)) };
		const result = await run(mock, tolerant, { items: 5 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.filter((item) => item.json.error)).toEqual([]);
		expect(items.map((item) => item.json.status)).toEqual([3, 3, 3, 3, 3]);
		expect(mock.requests.filter((request) => request.fault === '500')).toHaveLength(4);
		expect(mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt')).toHaveLength(5);
	});

	it('a status check that keeps failing ends each job at its own deadline with the job id and the last read error', async () => {
		mock.fault({ path: '/api/open/v4/image2Video/resultsByIds', kind: '500', count: 1000 });
		const result = await run(mock, i2v({ timeoutMinutes: 0.1 }));
		const error = runError(result) as Error & { context?: { jobId?: string } };
		const [job] = [...mock.jobs.values()].filter((entry) => entry.store === 'i2v').slice(-1);
		expect(error.message).toMatch(new RegExp(`^Akool job ${job._id} did not finish within 6 s`));
		expect(error.context?.jobId).toBe(job._id);
		expect((error as { description?: string }).description).toContain('Akool answered HTTP 500');
		mock.clearFaults();
	});

	it('a status read in flight when the run stops is aborted at once, not left running (R7)', async () => {
		// Item 0's job is read through the one-id store of talking photo; its first read hangs.
		mock.fault({ path: '/api/open/v3/content/video/infobymodelid', kind: 'hang', count: 1 });
		mock.nextJobs({ durationMs: 60_000 }, 1);
		mock.nextJobs({ durationMs: 300, fail: true, failReason: 'bad audio' }, 1);
		const photo = akoolWorkflow({
			resource: 'talkingPhoto',
			operation: 'create',
			photoUrl: 'https://example.com/p.jpg',
			audioUrl: 'https://example.com/a.mp3',
			returnAs: 'url',
			options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1 },
		});
		const started = Date.now();
		const result = await run(mock, photo, { items: 2 });
		const ended = Date.now();
		expect(runError(result).message).toContain('bad audio');
		expect(ended - started).toBeLessThan(5_000);
		const hung = mock.requests.find((request) => request.fault === 'hang')!;
		expect(hung).toBeDefined();
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(hung.abortedAt).toBeDefined();
		expect(hung.abortedAt! - ended).toBeLessThan(150);
	});

	it('each job keeps its own deadline: a slow one times out with its id, the others finish', async () => {
		mock.nextJobs({}, 1);
		mock.nextJobs({ durationMs: 60_000 }, 1);
		const workflow = i2v({ timeoutMinutes: 0.05 });
		workflow.nodes[1].continueOnFail = true;
		const result = await run(mock, workflow, { items: 2 });
		expect(result.status).toBe('success');
		const [done, slow] = result.output('Akool');
		expect(done.json).toMatchObject({ status: 3 });
		expect(slow.json.error).toMatch(/did not finish within 3 s \(last status: [12] /);
		expect(slow.json.jobId).toBeDefined();
		expect(slow.json.jobId).not.toBe(done.json.jobId);
	});

	it('stores that take one id keep one request per job per check', async () => {
		const workflow = akoolWorkflow({
			resource: 'characterSwap',
			operation: 'create',
			imageUrl: 'https://example.com/a.png',
			videoUrl: 'https://example.com/b.mp4',
			returnAs: 'url',
			options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1, maxConcurrentJobs: 5 },
		});
		const result = await run(mock, workflow, { items: 5 });
		expect(result.status).toBe('success');
		const polls = mock.apiRequests('/api/open/v3/content/video/infobymodelid');
		expect(new Set(polls.map((p) => p.query.video_model_id)).size).toBe(5);
		for (const p of polls) expect(String(p.query.video_model_id)).not.toContain(',');
	});
});

it('reads the credential once per execution, not once per request', async () => {
	const before = decrypts.count;
	const result = await run(mock, i2v({ maxConcurrentJobs: 10 }), { items: 20 });
	expect(result.status).toBe('success');
	const requests = mock.apiRequests().length;
	expect(requests).toBeGreaterThanOrEqual(23); // 20 creates and the checks
	expect(decrypts.count - before).toBe(1);
	for (const request of mock.apiRequests()) expect(request.headers['x-api-key']).toBe(mock.apiKey);
});

describe('the poll schedule', () => {
	it('grows ×1.5 from the interval to the cap, and never goes below the floor', () => {
		const take = (gen: Generator<number>, n: number) => Array.from({ length: n }, () => gen.next().value as number);
		expect(take(pollIntervals({ intervalMs: 10_000, maxIntervalMs: 60_000 }), 7)).toEqual([10_000, 15_000, 22_500, 33_750, 50_625, 60_000, 60_000]);
		expect(take(pollIntervals({ intervalMs: 200, maxIntervalMs: 60_000 }, 5_000), 2)).toEqual([5_000, 7_500]);
	});
});

describe('where n8n keeps binary data in memory', () => {
	let saved: string;
	beforeEach(() => {
		saved = setBinaryDataMode('default'); // N8N_DEFAULT_BINARY_DATA_MODE=default: no store, base64 in the item
	});
	afterEach(() => {
		setBinaryDataMode(saved);
	});

	it('refuses a result above the memory limit before downloading it, recommending filesystem mode', async () => {
		mock.setOptions({ fileSize: 3 * 1024 * 1024 });
		const workflow = i2v({ maxInMemoryMb: 2 }, 'binary');
		const result = await run(mock, workflow);
		const error = runError(result);
		expect(error.message).toMatch(/larger than the 2\.0 MB this n8n may hold in memory/);
		expect(error.description).toContain('N8N_DEFAULT_BINARY_DATA_MODE=filesystem');
		expect(error.context?.jobId).toBeDefined();
		// Refused from Content-Length: the file was asked for once, and nothing was read.
		const files = mock.requests.filter((r) => r.path.startsWith('/files/'));
		expect(files).toHaveLength(1);
	});

	it('refuses a result without Content-Length once the stream passes the limit', async () => {
		mock.setOptions({ fileSize: 3 * 1024 * 1024 });
		const job = mock.addJob({ store: 'i2v', status: 3 });
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'job', operation: 'download', url: `${mock.resultUrl(job._id)}?chunked=1`, options: { maxInMemoryMb: 1 } }),
		);
		expect(runError(result).message).toMatch(/this n8n may hold in memory/);
	});

	it('downloads a result under the limit, inline as n8n does in memory mode', async () => {
		const result = await run(mock, i2v({}, 'binary'));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.binary?.data.id).toBeUndefined();
		expect(Buffer.from(item.binary!.data.data, 'base64')).toHaveLength(4_096);
	});

	it('in filesystem mode the memory limit does not apply', async () => {
		setBinaryDataMode(saved);
		mock.setOptions({ fileSize: 3 * 1024 * 1024 });
		const result = await run(mock, i2v({ maxInMemoryMb: 2 }, 'binary'));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].binary?.data.id).toBeDefined();
	});
});
