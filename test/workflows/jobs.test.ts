import { createHash } from 'node:crypto';

import type { INodePropertyOptions } from 'n8n-workflow';

import { Akool } from '../../nodes/Akool/Akool.node';
import { JOB_FAMILIES } from '../../nodes/Akool/helpers/jobs';
import { startMockAkool } from '../mock-akool';
import type { MockAkool, StoreName } from '../mock-akool';
import { ENDPOINTS } from '../reference/endpoints';
import { akoolWorkflow, fastOptions, run, runError } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 600, fileSize: 50_000 });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.clearLog();
	mock.clearFaults();
	mock.setOptions({ jobDurationMs: 600 });
});

/** Every store with a file result (the mock names the V5 stores like the Job Types). */
const storeOf: Partial<Record<keyof typeof JOB_FAMILIES, StoreName>> = {
	video: 'video',
	imageToVideo: 'i2v',
	faceSwap: 'faceswap',
	image: 'image',
	audio: 'audio',
	voiceResult: 'voiceResult',
	headSwapV4: 'headSwapV4',
	studioCharacterSwap: 'studioCharacterSwap',
	studioMotionSwap: 'studioMotionSwap',
	studioHeadSwap: 'studioHeadSwap',
	studioHairSwap: 'studioHairSwap',
	studioClothingSwap: 'studioClothingSwap',
};

it('covers every job store with a file result', () => {
	const files = Object.values(JOB_FAMILIES).filter((family) => family.resultKind === 'file').map((family) => family.key);
	expect(Object.keys(storeOf).sort()).toEqual(files.sort());
});

const characterSwap = (options: Record<string, unknown> = {}) =>
	akoolWorkflow({
		resource: 'characterSwap',
		operation: 'create',
		imageUrl: 'https://example.com/a.png',
		videoUrl: 'https://example.com/b.mp4',
		returnAs: 'url',
		options: { ...fastOptions, ...options },
	});

describe('Job → Get', () => {
	it.each(Object.keys(storeOf))('reads a finished %s job with its family fields', async (family) => {
		const job = mock.addJob({ store: storeOf[family as keyof typeof storeOf]!, status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: family, jobId: job._id }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobId: job._id, jobType: family, status: 3, statusText: 'completed' });
		expect(item.json.resultUrl).toBe(mock.resultUrl(job._id));
		const poll = JOB_FAMILIES[family as keyof typeof JOB_FAMILIES].poll;
		// A path parameter ({id}) is matched by the path before it.
		const [request] = mock.apiRequests(poll.path.split('{')[0]);
		expect(request.method).toBe(poll.method);
	});

	/**
	 * Every Job Type the editor offers (the node's own list) against the reference: Job → Get must
	 * read a finished job of the store the value names, through the poll endpoint the reference
	 * documents for it (test/reference/endpoints.ts, rows of akool-api.md §1 and the V5 pages), and
	 * the list must offer every store the reference polls. The sandbox answers 1008 for an id of
	 * another store, so a value wired to the wrong store fails here.
	 */
	const jobTypes = new Akool().description.properties
		.filter((property) => property.name === 'jobType')
		.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => String(option.value)));
	/** The sandbox's name of each store (its own naming), by the reference's Job Type. */
	const sandboxStore: Record<string, StoreName> = {
		video: 'video', imageToVideo: 'i2v', faceSwap: 'faceswap', image: 'image', audio: 'audio', voiceResult: 'voiceResult', voiceClone: 'voiceClone',
		avatar: 'avatar', headSwapV4: 'headSwapV4', headSwapAnalysisV4: 'headSwapAnalysisV4', moderation: 'moderation',
		studioCharacterSwap: 'studioCharacterSwap', studioMotionSwap: 'studioMotionSwap', studioHeadSwap: 'studioHeadSwap', studioHairSwap: 'studioHairSwap',
		studioClothingSwap: 'studioClothingSwap', studioCharacterSwapAnalysis: 'studioCharacterSwapAnalysis', studioHeadSwapAnalysis: 'studioHeadSwapAnalysis',
		studioClothingSwapAnalysis: 'studioClothingSwapAnalysis',
	};
	const documentedPolls = ENDPOINTS.filter((endpoint) => endpoint.jobType);

	it('offers a Job Type for every store the reference polls, and no other', () => {
		expect([...new Set(jobTypes)].sort()).toEqual([...new Set(documentedPolls.map((endpoint) => endpoint.jobType!))].sort());
	});

	it.each([...new Set(jobTypes)])('Job Type %s: Job → Get finds a finished job of that store through its documented poll endpoint', async (jobType) => {
		const store = sandboxStore[jobType];
		expect(store).toBeDefined();
		const job = mock.addJob({ store, status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType, jobId: job._id }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json).toMatchObject({ jobId: job._id, jobType, status: 3, statusText: 'completed' });
		const documented = documentedPolls.filter((endpoint) => endpoint.jobType === jobType).map((endpoint) => `${endpoint.method} ${endpoint.path.replace('{_id}', job._id)}`);
		expect(mock.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([expect.any(String)]);
		expect(documented).toContain(`${mock.apiRequests()[0].method} ${mock.apiRequests()[0].path}`);
	});

	it('reports a running job without waiting, and an unknown id with a hint', async () => {
		const job = mock.addJob({ store: 'video', status: 2, durationMs: 60_000 });
		const running = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'video', jobId: job._id }));
		expect(running.output('Akool')[0].json).toMatchObject({ status: 2, statusText: 'processing', resultUrl: null });

		const missing = await run(
			mock,
			akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'video', jobId: '000000000000000000000000' }),
		);
		const error = runError(missing);
		expect(error.message).toContain('1008');
		expect(error.description).toContain('Job Type');
	});
});

describe('Job → Wait and Job → Download', () => {
	it('waits for a job created elsewhere and downloads its file', async () => {
		const job = mock.addJob({ store: 'image', durationMs: 500 });
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'image', jobId: job._id, options: fastOptions }),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.binary!.data.mimeType).toBe('image/png');
		const bytes = await result.binaryBuffer(item);
		expect(createHash('sha256').update(bytes).digest('hex')).toBe(await mock.fileSha256(`${job._id}.png`));
	});

	it('downloads any http(s) URL with the chosen file name, retrying a 503', async () => {
		const job = mock.addJob({ store: 'audio', status: 3 });
		mock.fault({ path: '/files/', kind: '503' });
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'job',
				operation: 'download',
				url: mock.resultUrl(job._id),
				options: { fileName: 'greeting.mp3' },
			}),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ fileName: 'greeting.mp3', mimeType: 'audio/mpeg' });
		expect((await result.binaryBuffer(item)).length).toBe(50_000);
		expect(mock.requests.filter((r) => r.path.startsWith('/files/'))).toHaveLength(2);
	});

	it('refuses non-http URLs before any request', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'download', url: 'file:///etc/passwd' }));
		expect(runError(result).message).toContain('"URL" must be a public http(s) URL');
		expect(mock.requests).toHaveLength(0);
	});
});

describe('Account → Get Credits', () => {
	it('returns the balance', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'account', operation: 'getCredits' }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json.credit).toBe(mock.credit);
	});

	it('a wrong API key fails with Akool code 1101 and a hint, and never shows the key', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'account', operation: 'getCredits' }), {
			apiKey: 'wrong-key-000000000000000',
		});
		const error = runError(result);
		expect(error.message).toContain('Akool rejected the API key');
		expect(error.message).toContain('1101');
		expect(error.description).toContain('paste the API key again');
		expect(JSON.stringify(result.runData)).not.toContain('wrong-key-000000000000000');
		expect(JSON.stringify(result.runData)).not.toContain(mock.apiKey);
	});
});

describe('Job outcomes', () => {
	it('a failed job (status 4) fails the node with the reason and the job id', async () => {
		mock.nextJobs({ fail: true, failReason: 'No face detected in the image' });
		const error = runError(await run(mock, characterSwap()));
		const jobId = [...mock.jobs.values()].at(-1)!._id;
		expect(error.message).toBe(`Akool job ${jobId} failed: No face detected in the image`);
		expect(error.context?.jobId).toBe(jobId);
	});

	it('with Continue On Fail, a failed item becomes an error item and the others succeed', async () => {
		mock.nextJobs({ fail: true, failReason: 'Bad video' });
		const result = await run(mock, akoolWorkflow(characterSwap().nodes[1].parameters, { onError: 'continueRegularOutput' }), {
			items: 2,
		});
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		const failed = items.find((item) => item.json.error)!;
		const ok = items.find((item) => !item.json.error)!;
		expect(failed.json.error).toContain('failed: Bad video');
		expect(failed.json.jobId).toMatch(/^[0-9a-f]{24}$/);
		expect(ok.json.status).toBe(3);
		expect(items.map((item) => item.pairedItem).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	it('a timeout error carries the job id and the last status', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const started = Date.now();
		const error = runError(await run(mock, characterSwap({ timeoutMinutes: 0.05 })));
		const jobId = [...mock.jobs.values()].at(-1)!._id;
		expect(error.message).toMatch(new RegExp(`Akool job ${jobId} did not finish within 3 s \\(last status: [12] `));
		expect(error.description).toContain(`Job → Wait (or Job → Get) and job ID ${jobId}`);
		expect(Date.now() - started).toBeLessThan(5_000);
	});

	it('a hanging status request is cut off by the wait timeout', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		mock.fault({ path: '/api/open/v3/content/video/infobymodelid', kind: 'hang', count: 5 });
		const started = Date.now();
		const error = runError(await run(mock, characterSwap({ timeoutMinutes: 0.05 })));
		expect(error.message).toMatch(/did not finish within 3 s/);
		expect(Date.now() - started).toBeLessThan(15_000);
	});

	it('cancelling the execution stops the poll at once', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 800);
		const started = Date.now();
		const result = await run(mock, characterSwap({ pollIntervalSeconds: 5 }), { signal: controller.signal });
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(3_000);
		expect(mock.apiRequests('/api/open/v3/content/video/infobymodelid').length).toBeLessThanOrEqual(2);
	});
});

describe('Transport: retries for reads, never for creates', () => {
	it.each(['500', '502', '429', '1005', 'reset', 'malformed'] as const)(
		'a poll answered with fault %s is retried and the job still completes',
		async (kind) => {
			mock.fault({ path: '/api/open/v3/content/video/infobymodelid', kind });
			const result = await run(mock, characterSwap());
			expect(result.status).toBe('success');
			expect(result.output('Akool')[0].json.status).toBe(3);
			expect(mock.requests.some((request) => request.fault === kind)).toBe(true);
		},
	);

	it.each(['500', '1015', 'reset'] as const)('a create answered with fault %s is not retried', async (kind) => {
		mock.fault({ path: '/api/open/v4/characterSwap/create', kind });
		const error = runError(await run(mock, characterSwap()));
		expect(mock.apiRequests('/api/open/v4/characterSwap/create')).toHaveLength(1);
		if (kind === '1015') {
			expect(error.message).toContain('Akool could not create the video (Akool code 1015');
		} else {
			expect(error.description).toContain('not sent again automatically');
		}
	});
});

describe('Many items run concurrently', () => {
	it('10 items with 2-second jobs take about one job time, not ten', async () => {
		mock.setOptions({ jobDurationMs: 2_000 });
		const started = Date.now();
		const result = await run(mock, characterSwap({ pollIntervalSeconds: 0.5 }), { items: 10 });
		const elapsed = Date.now() - started;
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 10 }, (_, item) => ({ item })));
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(10);
		// eslint-disable-next-line no-console
		console.log(`10 items × 2 s jobs: ${elapsed} ms`);
		expect(elapsed).toBeLessThan(2 * 2_000);
	});

	it('"Max Concurrent Jobs" 2 runs them two at a time', async () => {
		mock.setOptions({ jobDurationMs: 500 });
		const result = await run(mock, characterSwap({ maxConcurrentJobs: 2 }), { items: 4 });
		expect(result.status).toBe('success');
		const createdAt = mock.apiRequests('/api/open/v4/characterSwap/create').map((request) => request.at);
		expect(createdAt).toHaveLength(4);
		// The third create waits for one of the first two jobs to finish.
		expect(createdAt[2] - createdAt[0]).toBeGreaterThanOrEqual(450);
	});
});
