/**
 * The fault matrix: workflows through n8n-core against the mock's fault injection, one row per
 * fault and place (create, poll, batch, download, Wait for Callback resume, cancel). Every row
 * checks the outcome and the counters that decide whether money or results were lost:
 * - jobs: jobs Akool (the mock) created per item — exactly 1 for a create, or 0 when refused;
 * - results: finished results the node delivered;
 * - after end: requests the node sent after it had ended (must be 0), measured as requests that
 *   reach the mock more than ON_THE_WIRE_MS after the end: the mock runs in the same process, so a
 *   request already on the wire when the node ended can be logged a few ms later; a poll loop or
 *   download that went on would show up throughout the 1.5 s the row keeps watching;
 * - running: executions still running or waiting when the row is done (must be 0).
 * The run prints the matrix as a table.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { buildCallbackEnvelope, startMockAkool } from '../mock-akool';
import type { FaultSpec, MockAkool } from '../mock-akool';
import type { RunResult } from '../harness';
import { akoolWorkflow, run } from './helpers';
import { freePortForTests } from './ports';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 400, fileSize: 100_000, callbackRetries: 0, credit: 1_000_000 });
});
afterAll(async () => {
	await mock.close();
	// eslint-disable-next-line no-console
	console.log(`fault matrix (${table.length} rows)\n${format(table)}`);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ON_THE_WIRE_MS = 100;
const CREATE = '/api/open/v4/characterSwap/create';
const POLL = '/api/open/v3/content/video/infobymodelid';
const BATCH = '/api/open/v4/image2Video/createBySourcePrompt/batch';
const FAST = { pollIntervalSeconds: 0.2, timeoutMinutes: 1 };

function swap(options: INodeParameters = {}, returnAs = 'binary'): INodeParameters {
	return {
		resource: 'characterSwap',
		operation: 'create',
		imageUrl: 'https://e.com/a.png',
		videoUrl: 'https://e.com/b.mp4',
		returnAs,
		options: { ...FAST, ...options },
	};
}

function batch(count = 3): INodeParameters {
	return {
		resource: 'imageToVideo',
		operation: 'createBatch',
		imageUrl: 'https://e.com/cat.jpg',
		prompt: 'The cat dances',
		modelName: 'AkoolImage2VideoFastV1',
		resolution: '720p',
		videoLength: 5,
		count,
		returnAs: 'url',
		options: FAST,
	};
}

interface Counters {
	outcome: string;
	jobs: number;
	createRequests: number;
	/** Creates Akool accepted (code 1000) per input item: at most 1 in every row. */
	perItem: number;
	results: number;
	afterEnd: number;
	running: number;
	ms: number;
}

interface Row {
	area: string;
	fault: string;
	expected: string;
	/** Input items of the row's run (default 1). */
	items?: number;
	counters?: Counters;
}

const table: Row[] = [];

function delivered(items: INodeExecutionData[]): number {
	return items.filter((item) => item.json.status === 3 && (item.binary?.data || item.json.resultUrl)).length;
}

/**
 * Runs one row: faults, the workflow (optionally cancelled), then waits 1.5 s and counts what
 * reached the mock after the node had ended.
 */
async function measure(
	row: Row,
	body: () => Promise<{ result: RunResult; node?: string; extraJobs?: number }>,
	faults: FaultSpec[] = [],
): Promise<RunResult & { counters: Counters }> {
	mock.clearLog();
	mock.clearFaults();
	for (const fault of faults) mock.fault(fault);
	const jobsBefore = mock.jobs.size;
	const started = Date.now();
	const { result, node = 'Akool' } = await body();
	const ended = Date.now();
	await sleep(1_500);
	const items = result.status === 'success' ? result.output(node) : [];
	const creates = mock.requests.filter((r) => r.method === 'POST' && /create/i.test(r.path));
	const counters: Counters = {
		outcome: result.status === 'error' ? `error: ${result.error?.message.slice(0, 60)}` : result.status,
		jobs: mock.jobs.size - jobsBefore,
		createRequests: creates.length,
		perItem: Math.round((creates.filter((r) => r.code === 1000).length / (row.items ?? 1)) * 100) / 100,
		results: delivered(items),
		afterEnd: mock.requests.filter((r) => r.at > ended + ON_THE_WIRE_MS && !r.path.startsWith('/__mock')).length,
		running: ['running', 'waiting', 'new'].includes(result.status) ? 1 : 0,
		ms: ended - started,
	};
	row.counters = counters;
	table.push(row);
	mock.clearNextJobs(); // behaviours this row queued but did not use
	mock.clearFaults();
	return Object.assign(result, { counters });
}

function expectClean(counters: Counters) {
	expect(counters.perItem).toBeLessThanOrEqual(1);
	if (counters.afterEnd) {
		// eslint-disable-next-line no-console
		console.log('after end:', JSON.stringify(mock.requests.slice(-5).map((r) => [r.method, r.path, r.at])));
	}
	expect(counters.afterEnd).toBe(0);
	expect(counters.running).toBe(0);
}

describe('create and poll', () => {
	it.each([
		['500', { kind: '500' }],
		['502 (HTML page)', { kind: '502' }],
		['503 (HTML page)', { kind: '503' }],
		['429 + Retry-After: 1', { kind: '429' }],
		['429, no Retry-After', { kind: '429', retryAfter: null }],
		['Akool 1005', { kind: '1005' }],
		['connection reset', { kind: 'reset' }],
		['malformed JSON', { kind: 'malformed' }],
	] as Array<[string, Omit<FaultSpec, 'path'>]>)('poll answered %s: retried, one job, one result', async (name, fault) => {
		const row = { area: 'poll', fault: name, expected: 'success, retried' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap())) }), [{ path: POLL, ...fault }]);
		expect(result.status).toBe('success');
		expect(result.counters).toMatchObject({ jobs: 1, createRequests: 1, results: 1 });
		expect(mock.requests.some((request) => request.fault === fault.kind)).toBe(true);
		expectClean(result.counters);
	});

	it('poll hangs: cut off by the wait timeout, error with the job id', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const row = { area: 'poll', fault: 'hung response', expected: 'timeout error with job id' };
		const result = await measure(
			row,
			async () => ({ result: await run(mock, akoolWorkflow(swap({ timeoutMinutes: 0.05 }))) }),
			[{ path: POLL, kind: 'hang', count: 10 }],
		);
		expect(result.status).toBe('error');
		const jobId = [...mock.jobs.keys()].at(-1)!;
		expect(result.error!.message).toMatch(new RegExp(`^Akool job ${jobId} did not finish within 3 s`));
		expect(result.counters).toMatchObject({ jobs: 1, createRequests: 1, results: 0 });
		expectClean(result.counters);
	});

	it.each([
		['429 + Retry-After: 1', { kind: '429' }],
		['429, no Retry-After', { kind: '429', retryAfter: null }],
		['Akool 1005', { kind: '1005' }],
	] as Array<[string, Omit<FaultSpec, 'path'>]>)('create answered %s: proves nothing was created, so retried; one job', async (name, fault) => {
		const row = { area: 'create', fault: name, expected: 'success, create retried' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap())) }), [{ path: CREATE, ...fault }]);
		expect(result.status).toBe('success');
		expect(result.counters).toMatchObject({ jobs: 1, createRequests: 2, results: 1 });
		expectClean(result.counters);
	});

	it.each([
		['500', { kind: '500' }, 'check your job list in Akool'],
		['502 (HTML page)', { kind: '502' }, 'check your job list in Akool'],
		['connection reset', { kind: 'reset' }, 'check your job list in Akool'],
		['Akool 1015', { kind: '1015' }, 'try again later'],
		['HTTP 401 with Akool code 1101', { kind: '4xx-envelope', status: 401, code: 1101 }, 'paste the API key again'],
	] as Array<[string, Omit<FaultSpec, 'path'>, string]>)('create answered %s: never sent again', async (name, fault, hint) => {
		const row = { area: 'create', fault: name, expected: 'error, not retried' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap())) }), [{ path: CREATE, ...fault }]);
		expect(result.status).toBe('error');
		expect((result.error as { description?: string }).description ?? '').toContain(hint);
		if (fault.kind === '4xx-envelope') expect(result.error!.message).toContain('Akool code 1101');
		expect(result.counters).toMatchObject({ jobs: 0, createRequests: 1, results: 0 });
		expectClean(result.counters);
	});

	it('create with the connection refused: retried, then "nothing was created"', async () => {
		const closedPort = await freePortForTests();
		const row = { area: 'create', fault: 'connection refused', expected: 'error, nothing created' };
		const result = await measure(row, async () => ({
			result: await run(mock, akoolWorkflow(swap()), { baseUrl: `http://127.0.0.1:${closedPort}` }),
		}));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('connection refused');
		expect((result.error as { description?: string }).description).toContain('nothing was created or billed');
		expect(result.counters).toMatchObject({ jobs: 0, results: 0 });
		expectClean(result.counters);
	});
});

describe('download', () => {
	it('500 before the body: retried, result delivered', async () => {
		const row = { area: 'download', fault: '500', expected: 'success, retried' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap())) }), [{ path: '/files/', kind: '500' }]);
		expect(result.status).toBe('success');
		expect(result.counters).toMatchObject({ jobs: 1, results: 1 });
		expectClean(result.counters);
	});

	it('cut midway: error with the job id and how to download later', async () => {
		const row = { area: 'download', fault: 'cut midway (truncate)', expected: 'error with job id' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap())) }), [{ path: '/files/', kind: 'truncate' }]);
		expect(result.status).toBe('error');
		const jobId = [...mock.jobs.keys()].at(-1)!;
		expect(result.error!.message).toMatch(/^Could not download 127\.0\.0\.1:\d+\/files\//);
		expect((result.error as { context?: { jobId?: string } }).context?.jobId).toBe(jobId);
		expect(result.counters).toMatchObject({ jobs: 1, results: 0 });
		expectClean(result.counters);
	});

	it('hangs: stopped by "Download Timeout"', async () => {
		const row = { area: 'download', fault: 'hung response', expected: 'error after the download timeout' };
		const result = await measure(
			row,
			async () => ({ result: await run(mock, akoolWorkflow(swap({ downloadTimeoutMinutes: 0.05 }))) }),
			[{ path: '/files/', kind: 'hang' }],
		);
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/took longer than 3 s/);
		expect(result.counters).toMatchObject({ jobs: 1, results: 0 });
		expectClean(result.counters);
	});

	it('larger than "Max File Size": refused from Content-Length', async () => {
		const row = { area: 'download', fault: 'file over the size limit', expected: 'error, nothing stored' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap({ maxFileSizeMb: 0.05 }))) }));
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/larger than the limit of 52 KB \(98 KB\)/);
		expectClean(result.counters);
	});
});

describe('batch and items: a failure stops the rest at once', () => {
	it('batch of 3, one job fails while the others run: error names all 3 job ids, siblings stop', async () => {
		mock.nextJobs({ durationMs: 300, fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({ durationMs: 8_000 }, 2);
		const row = { area: 'batch', fault: 'one job fails mid-flight', expected: 'error listing every job id' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(batch(3))) }));
		expect(result.status).toBe('error');
		const ids = [...mock.jobs.keys()].slice(-3);
		expect(result.error!.message).toBe(`Akool job ${ids[0]} failed: bad frame`);
		expect((result.error as { context?: { jobIds?: string[] } }).context?.jobIds).toEqual(ids);
		for (const id of ids) expect((result.error as { description?: string }).description).toContain(id);
		expect(result.counters.ms).toBeLessThan(4_000); // not the 8 s of the siblings
		expect(result.counters).toMatchObject({ jobs: 3, createRequests: 1, results: 0 });
		expectClean(result.counters);
	});

	it('the same with Continue On Fail: one output per job, the failed one as {error, jobId}', async () => {
		mock.nextJobs({ durationMs: 300, fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({ durationMs: 600 }, 2);
		const row = { area: 'batch', fault: 'one job fails (Continue On Fail)', expected: '2 results + 1 error item' };
		const result = await measure(row, async () => ({
			result: await run(mock, akoolWorkflow(batch(3), { onError: 'continueRegularOutput' })),
		}));
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		const ids = [...mock.jobs.keys()].slice(-3);
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({ error: `Akool job ${ids[0]} failed: bad frame`, jobId: ids[0] });
		expect(items.slice(1).map((item) => item.json.jobId)).toEqual(ids.slice(1));
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(result.counters).toMatchObject({ jobs: 3, results: 2 });
		expectClean(result.counters);
	});

	it('3 items, item 0 fails at once, the others would take 8 s: stops them, names every job id', async () => {
		mock.nextJobs({ durationMs: 200, fail: true, failReason: 'no face' }, 1);
		mock.nextJobs({ durationMs: 8_000 }, 2);
		const row = { area: 'items', fault: 'item 0 fails, 2 in flight', expected: 'error listing every job id', items: 3 };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap()), { items: 3 }) }));
		expect(result.status).toBe('error');
		const ids = [...mock.jobs.keys()].slice(-3);
		expect((result.error as { context?: { jobIds?: string[] } }).context?.jobIds?.sort()).toEqual([...ids].sort());
		expect(result.counters.ms).toBeLessThan(4_000);
		expect(result.counters).toMatchObject({ jobs: 3, results: 0 });
		expectClean(result.counters);
	});
});

describe("n8n's Retry On Fail, free look-ups, shared status checks, 1005 (issue 18)", () => {
	it('Retry On Fail (3 tries), 3 items, one job fails: one create per item over all tries, the error names every job', async () => {
		mock.nextJobs({ durationMs: 400 }, 1);
		mock.nextJobs({ durationMs: 200, fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({ durationMs: 400 }, 1);
		const row = { area: 'retry on fail', fault: 'a job fails, 3 tries', expected: 'error, 3 jobs in all', items: 3 };
		const result = await measure(row, async () => ({
			result: await run(mock, akoolWorkflow(swap({}, 'url'), { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 }), { items: 3 }),
		}));
		expect(result.status).toBe('error');
		expect((result.error as { context?: { jobIds?: string[] } }).context?.jobIds).toHaveLength(3);
		expect(result.counters).toMatchObject({ jobs: 3, createRequests: 3, perItem: 1 });
		expectClean(result.counters);
	});

	it('Retry On Fail, the download fails in the first try: the retry downloads the same job', async () => {
		const row = { area: 'retry on fail', fault: 'download fails in try 1', expected: 'success, 1 job' };
		const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap(), { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 })) }), [
			{ path: '/files/', kind: '500', count: 4 },
		]);
		expect(result.status).toBe('success');
		expect(result.counters).toMatchObject({ jobs: 1, createRequests: 1, perItem: 1, results: 1 });
		expectClean(result.counters);
	});

	it('bad item 3 of 3 found by a free look-up (a model Akool does not have): nothing created', async () => {
		const row = { area: 'resolve', fault: 'item 3 names an unknown model', expected: 'error, 0 jobs', items: 3 };
		const models = ['AkoolImage2VideoFastV1', 'AkoolImage2VideoFastV1', 'no-such-model-v9'];
		const result = await measure(row, async () => ({
			result: await run(mock, akoolWorkflow({ ...batch(1), modelName: '={{ $json.model }}', options: { ...FAST, maxConcurrentJobs: 1 } }), {
				inputItems: models.map((model) => ({ json: { model } })),
			}),
		}));
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('"Model Name or ID"');
		expect(result.counters).toMatchObject({ jobs: 0, createRequests: 0, perItem: 0 });
		expectClean(result.counters);
	});

	it('a shared status check fails after its retries (5 items, one request for all): read again, all 5 finish', async () => {
		const row = { area: 'poll', fault: 'shared check 500 x4 (5 jobs)', expected: 'success, 5 results', items: 5 };
		const i2v = { resource: 'imageToVideo', operation: 'create', imageUrl: 'https://e.com/cat.jpg', prompt: 'wave', returnAs: 'url', options: FAST };
		const result = await measure(
			row,
			async () => ({ result: await run(mock, akoolWorkflow(i2v, { onError: 'continueRegularOutput' }), { items: 5 }) }),
			[{ path: '/api/open/v4/image2Video/resultsByIds', kind: '500', count: 4 }],
		);
		expect(result.status).toBe('success');
		expect(result.output('Akool').filter((item) => item.json.error)).toEqual([]);
		expect(result.counters).toMatchObject({ jobs: 5, results: 5, perItem: 1 });
		expectClean(result.counters);
	});

	it('a 1005 storm: 50 items on a plan that runs 5 jobs at once, the rest refused with 1005', async () => {
		mock.setOptions({ planConcurrency: 5, planConcurrencyMode: 'reject' });
		const row = { area: 'create', fault: '1005 storm, plan of 5', expected: 'success, 50 results', items: 50 };
		try {
			const result = await measure(row, async () => ({ result: await run(mock, akoolWorkflow(swap({}, 'url')), { items: 50 }) }));
			expect(result.status).toBe('success');
			expect(result.counters).toMatchObject({ jobs: 50, results: 50, perItem: 1 });
			expect(result.counters.createRequests).toBeGreaterThan(50);
			expectClean(result.counters);
		} finally {
			mock.setOptions({ planConcurrency: null as unknown as undefined });
		}
	});
});

describe('cancel', () => {
	it('mid-poll: cancelled at once, no create after the cancel, nothing after the end', async () => {
		mock.nextJobs({ durationMs: 60_000 }, 8);
		const controller = new AbortController();
		const row = { area: 'cancel', fault: 'cancel mid-poll (8 items, 2 at a time)', expected: 'canceled, no creates after', items: 8 };
		let cancelledAt = 0;
		const result = await measure(row, async () => {
			setTimeout(() => {
				cancelledAt = Date.now();
				controller.abort();
			}, 800);
			return {
				result: await run(mock, akoolWorkflow(swap({ maxConcurrentJobs: 2 }), { onError: 'continueRegularOutput' }), {
					items: 8,
					signal: controller.signal,
				}),
			};
		});
		expect(result.status).toBe('canceled');
		expect(mock.requests.filter((r) => r.path === CREATE && r.at > cancelledAt)).toHaveLength(0);
		expect(result.counters).toMatchObject({ jobs: 2, createRequests: 2, results: 0 });
		expect(result.counters.ms).toBeLessThan(5_000); // jobs take 60 s
		expectClean(result.counters);
	});

	it('mid-download: the download stops, nothing after the end', async () => {
		const controller = new AbortController();
		const row = { area: 'cancel', fault: 'cancel mid-download', expected: 'canceled' };
		const result = await measure(
			row,
			async () => {
				const watcher = setInterval(() => {
					if (mock.requests.some((r) => r.path.startsWith('/files/'))) {
						clearInterval(watcher);
						controller.abort();
					}
				}, 20);
				try {
					return { result: await run(mock, akoolWorkflow(swap({ downloadTimeoutMinutes: 1 })), { signal: controller.signal }) };
				} finally {
					clearInterval(watcher);
				}
			},
			[{ path: '/files/', kind: 'hang' }],
		);
		expect(result.status).toBe('canceled');
		expect(result.counters.ms).toBeLessThan(5_000);
		expect(result.counters).toMatchObject({ jobs: 1, results: 0 });
		expectClean(result.counters);
	});
});

describe('Wait for Callback resume', () => {
	const waitParameters = { ...swap({ waitLimitMinutes: 30 }), completion: 'waitForCallback' };

	async function waitingRun() {
		const result = await run(mock, akoolWorkflow(waitParameters));
		expect(result.status).toBe('waiting');
		const jobId = result.output('Akool')[0].json.jobId as string;
		while (mock.jobs.get(jobId)!.status < 3) await sleep(50);
		const envelope = buildCallbackEnvelope(
			{ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) },
			{ apiKey: mock.apiKey, clientId: mock.clientId },
		);
		return { result, jobId, envelope };
	}

	it.each([
		['status read 500 (retried)', [{ path: POLL, kind: '500' }], 'success'],
		['download 500 x10', [{ path: '/files/', kind: '500', count: 10 }], 'error'],
		['download cut midway', [{ path: '/files/', kind: 'truncate' }], 'error'],
	] as Array<[string, Array<Omit<FaultSpec, 'path'> & { path: string }>, string]>)(
		'%s: Akool gets 200 first, the handler never throws',
		async (name, faults, outcome) => {
			const row = { area: 'callback resume', fault: name, expected: outcome === 'success' ? 'success' : 'error with the true reason' };
			let answered: { status: number; body: unknown } | undefined;
			let threw: Error | undefined;
			const result = await measure(row, async () => {
				const { result: waiting, envelope } = await waitingRun();
				for (const fault of faults) mock.fault(fault);
				const resumed = await waiting.resume({ body: envelope });
				answered = resumed.response;
				threw = resumed.webhookError;
				return { result: resumed.result };
			});
			expect(threw).toBeUndefined();
			expect(answered).toEqual({ status: 200, body: { received: true } });
			expect(result.status).toBe(outcome);
			if (outcome === 'error') expect(result.error!.message).toMatch(/^Could not download /);
			expect(result.counters.jobs).toBe(1);
			expectClean(result.counters);
		},
	);
});

describe('verified callbacks on a host downloads may not use (R3)', () => {
	async function waitingRun(returnAs: string) {
		const result = await run(mock, akoolWorkflow({ ...swap({ waitLimitMinutes: 30 }, returnAs), completion: 'waitForCallback' }));
		expect(result.status).toBe('waiting');
		const jobId = result.output('Akool')[0].json.jobId as string;
		while (mock.jobs.get(jobId)!.status < 3) await sleep(50);
		// A genuine Akool callback (signed, encrypted) about a result on a host not on the allow-list
		// (the job's record says the same: the sandbox serves its files under that name now).
		mock.setOptions({ publicUrl: 'https://cdn.unlisted.example' });
		const envelope = buildCallbackEnvelope(
			{ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) },
			{ apiKey: mock.apiKey, clientId: mock.clientId },
		);
		return { waiting: result, envelope };
	}
	afterEach(() => mock.setOptions({ publicUrl: undefined }));

	it.each([
		['binary', 'error naming the host'],
		['url', 'success, the URL'],
	])('Wait for Callback, Return As %s: accepted (200), never "did not call back"', async (returnAs, expected) => {
		const row = { area: 'callback resume', fault: `verified, unlisted result host (Return As ${returnAs})`, expected };
		let answered: { status: number; body: unknown } | undefined;
		const result = await measure(row, async () => {
			const { waiting, envelope } = await waitingRun(returnAs);
			const resumed = await waiting.resume({ body: envelope });
			answered = resumed.response;
			return { result: resumed.result };
		});
		expect(answered).toEqual({ status: 200, body: { received: true } });
		if (returnAs === 'binary') {
			expect(result.status).toBe('error');
			expect(result.error!.message).toContain('cdn.unlisted.example');
			expect((result.error as { description?: string }).description).toContain('Allowed Download Hosts');
			expect(result.error!.message).not.toContain('did not call back');
		} else {
			expect(result.status).toBe('success');
			expect(result.output('Akool')[0].json.resultUrl).toContain('cdn.unlisted.example');
		}
		expect(result.counters).toMatchObject({ jobs: 1, perItem: 1 });
		expectClean(result.counters);
	});
});

function format(rows: Row[]): string {
	const header = ['area', 'fault', 'expected', 'outcome', 'items', 'jobs', 'create req', 'jobs/item', 'results', 'after end', 'running', 'ms'];
	const lines = rows.map((row) => {
		const c = row.counters!;
		return [row.area, row.fault, row.expected, c.outcome, row.items ?? 1, c.jobs, c.createRequests, c.perItem, c.results, c.afterEnd, c.running, c.ms].map(String);
	});
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
	const render = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join('\n');
}
