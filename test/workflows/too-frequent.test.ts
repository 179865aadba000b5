/**
 * Akool's "operation too frequent" (1005) slows a run down instead of stopping it (R6). With many
 * items on a plan that runs few jobs at once, the creates Akool refuses (nothing created, nothing
 * billed) wait and are sent again when a running job of the run ends; the run lowers how many jobs
 * it keeps at Akool. Where Akool queues instead of refusing (the docs say neither), the jobs just
 * wait at status 1. Either way: every item gets its result, one job each.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, credit: 1e7 }, (m) => (mock = m), { jobDurationMs: 300, planConcurrency: undefined, planConcurrencyMode: 'reject' });

const CREATE = '/api/open/v4/characterSwap/create';
const swap: INodeParameters = {
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	returnAs: 'url',
	options: { pollIntervalSeconds: 0.2, timeoutMinutes: 2 },
};

describe('a plan that runs 5 jobs at once, 50 items (Max Concurrent Jobs 50)', () => {
	it.each([['reject'], ['queue']] as const)("Akool '%s's the creates beyond it: every item gets its result, one job each", async (mode) => {
		mock.setOptions({ planConcurrency: 5, planConcurrencyMode: mode });
		const before = mock.jobs.size;
		const result = await run(mock, akoolWorkflow(swap), { items: 50 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(50);
		expect(items.every((item) => item.json.status === 3)).toBe(true);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(50);
		// One job per item: the sandbox created exactly 50 (the refused creates made none).
		expect(mock.jobs.size - before).toBe(50);
		const creates = mock.apiRequests(CREATE).length;
		// eslint-disable-next-line no-console
		console.log(`plan of 5, '${mode}': 50 items, ${creates} create requests (${creates - 50} refused with 1005), ${mock.apiRequests().length} requests in all`);
	}, 60_000);
});
