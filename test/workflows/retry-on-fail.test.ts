/**
 * n8n's own "Retry On Fail" (node Settings) meets paid Akool jobs (B1). n8n-core re-runs the
 * node's execute() for every item when it throws, or when its first output item is an error; the
 * node must create each item's job at most once per execution, and a retry must be useful: it
 * continues with the jobs already created (wait, download) and retries only what costs nothing.
 * Runs through n8n-core's real WorkflowExecute, whose retry loop is the one under test.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, credit: 1e6, fileSize: 20_000 }, (m) => (mock = m), { jobDurationMs: 300, fileSize: 20_000 });

const CREATE = '/api/open/v4/characterSwap/create';
const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
const swap = (returnAs = 'binary', options: INodeParameters = {}): INodeParameters => ({
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	returnAs,
	options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1, ...options },
});
const files = () => mock.requests.filter((request) => request.path.startsWith('/files/'));

describe('Retry On Fail never creates a job twice', () => {
	it('3 items, one job fails: 3 creates over all tries (not 9), and the error names every job', async () => {
		mock.nextJobs({}, 1);
		mock.nextJobs({ fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({}, 1);
		const result = await run(mock, akoolWorkflow(swap(), retry), { items: 3 });
		const error = runError(result) as Error & { context: { jobIds?: string[] } };
		expect(error.message).toContain('bad frame');
		expect(mock.apiRequests(CREATE)).toHaveLength(3);
		const ids = [...mock.jobs.keys()].slice(-3);
		expect([...(error.context.jobIds ?? [])].sort()).toEqual([...ids].sort());
	});

	it('a retry is useful: the download that failed in the first try is done in the second, with the same job', async () => {
		// The first try's download fails all its attempts; the retry reads the job (done) and downloads.
		mock.fault({ path: '/files/', kind: '500', count: 4 });
		const result = await run(mock, akoolWorkflow(swap(), retry));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		expect(item.json.jobId).toBe([...mock.jobs.keys()].at(-1));
		expect(item.binary?.data).toBeDefined();
		expect(files().filter((request) => !request.fault)).toHaveLength(1);
	});

	it('the budget guard of a retry counts only what is still to be created (the first try\'s job is paid already)', async () => {
		// 10 s at 720p: 20 credits. The first try passes Stop Below Balance (25 − 20 = 5) and pays;
		// its download fails; the retry must not count the job again (5 − 20 would be refused).
		const credit = mock.credit;
		mock.setOptions({ credit: 25 });
		try {
			mock.fault({ path: '/files/', kind: '500', count: 4 });
			const result = await run(mock, akoolWorkflow(swap('binary', { duration: 10, stopBelowBalance: 5 }), retry));
			expect(result.status).toBe('success');
			expect(mock.apiRequests(CREATE)).toHaveLength(1);
			// The retry has nothing left to pay for: it does not even read the balance.
			expect(mock.apiRequests('/api/open/v3/faceswap/quota/info')).toHaveLength(1);
			expect(mock.credit).toBe(5);
			expect(result.output('Akool')[0].binary?.data).toBeDefined();
		} finally {
			mock.setOptions({ credit });
		}
	});

	it('Continue On Fail, item 0 fails (n8n retries the whole node): 3 creates, the finished results are kept, not fetched again', async () => {
		mock.nextJobs({ fail: true, failReason: 'no face' }, 1);
		mock.nextJobs({}, 2);
		const result = await run(mock, akoolWorkflow(swap(), { ...retry, onError: 'continueRegularOutput' }), { items: 3 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items[0].json).toMatchObject({ error: expect.stringContaining('no face') });
		expect(items.slice(1).map((item) => item.json.status)).toEqual([3, 3]);
		expect(mock.apiRequests(CREATE)).toHaveLength(3);
		// One download per finished job over all three tries.
		expect(files()).toHaveLength(2);
	});

	it('a create whose answer was lost (HTTP 500) is never sent again by a retry: the job may exist', async () => {
		mock.fault({ path: CREATE, kind: '500', count: 3 });
		const result = await run(mock, akoolWorkflow(swap(), retry));
		const error = runError(result) as Error & { description?: string };
		expect(error.description).toContain('check your job list in Akool');
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
	});

	it('a create Akool refused outright (nothing created) may be sent again by the retry', async () => {
		// Akool 1015 (service busy) is final for the request, and proves nothing was created.
		mock.fault({ path: CREATE, kind: '1015', count: 1 });
		const result = await run(mock, akoolWorkflow(swap('url'), retry));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)).toHaveLength(2);
		expect(mock.jobs.size).toBeGreaterThan(0);
	});

	it('the execution\'s Retry button is a new execution: the error says so, and its job list feeds Job → Wait as it is', async () => {
		mock.nextJobs({ durationMs: 200, fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({ durationMs: 600 }, 2);
		const result = await run(mock, akoolWorkflow(swap('url')), { items: 3 });
		const error = runError(result) as Error & { description?: string; context: { jobs?: Array<{ jobId: string; jobType: string }> } };
		expect(error.description).toContain("execution's Retry button (a new execution), creates and bills new jobs");
		const listed = /Job Type "([^"]+)", Job ID: ([^;)]+)/.exec(error.description ?? '')!;
		expect(listed[1]).toBe('Video (Talking Photo, Character Swap, Lip Sync, Translation, Avatar)');
		const jobType = error.context.jobs![0].jobType;
		mock.clearLog();
		const wait = { resource: 'job', operation: 'wait', jobType, jobId: listed[2], returnAs: 'url', options: { pollIntervalSeconds: 0.2 } };
		// The failed job stops the wait as it stopped the create…
		expect(runError(await run(mock, akoolWorkflow(wait))).message).toContain('bad frame');
		// …and with Continue On Fail each job is its own item: the failed one, and the two results.
		const outputs = (await run(mock, akoolWorkflow(wait, { onError: 'continueRegularOutput' }))).output('Akool');
		expect(outputs.map((item) => item.json.jobId)).toEqual(listed[2].split(', '));
		expect(outputs.filter((item) => item.json.status === 3)).toHaveLength(2);
	});
});
