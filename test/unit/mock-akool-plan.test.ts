/**
 * The sandbox's plan concurrency (options.planConcurrency): Akool publishes no limit and does not
 * say what a create beyond it gets, so the sandbox offers both readings — 1005 "operation too
 * frequent" with nothing created or charged ('reject'), or accepted and queued at status 1 until
 * a running job ends ('queue') — and the node's tests run against both.
 */
import type { MockAkool } from '../mock-akool';
import { useMockPerTest } from './mock-helpers';

const CREATE = '/api/open/v4/characterSwap/create';
const BATCH = '/api/open/v4/image2Video/createBySourcePrompt/batch';
const swap = { image: 'https://e.com/a.png', video: 'https://e.com/b.mp4' };

describe("the sandbox's plan concurrency", () => {
	let mock: MockAkool;
	const api = useMockPerTest({ jobDurationMs: 400, credit: 1_000, planConcurrency: 2 }, (m) => (mock = m));

	it("'reject': a create beyond the plan gets 1005 before anything is charged or created, and goes through once a job ends", async () => {
		expect((await api.call(CREATE, swap)).code).toBe(1000);
		expect((await api.call(CREATE, swap)).code).toBe(1000);
		const credit = mock.credit;
		expect(await api.call(CREATE, swap)).toEqual({ code: 1005, msg: 'Operation too frequent' });
		expect(mock.credit).toBe(credit);
		expect(mock.jobs.size).toBe(2);
		await new Promise((resolve) => setTimeout(resolve, 450));
		expect((await api.call(CREATE, swap)).code).toBe(1000);
	});

	it("'reject' in a batch: the tasks beyond the plan are refused one by one in errorList (code 1005)", async () => {
		const answer = await api.call(BATCH, { image_url: 'https://e.com/c.jpg', prompt: 'wave', model_name: 'AkoolImage2VideoFastV1', resolution: '720p', video_length: 5, count: 3 });
		expect(answer.code).toBe(1000);
		const data = answer.data as { successList: unknown[]; errorList: Array<{ index: number; code: number }> };
		expect(data.successList).toHaveLength(2);
		expect(data.errorList).toEqual([{ index: 2, code: 1005, msg: 'Operation too frequent' }]);
	});

	it("'queue': a create beyond the plan is accepted and stays queued (status 1) until a running job ends", async () => {
		mock.setOptions({ planConcurrencyMode: 'queue' });
		await api.call(CREATE, swap);
		await api.call(CREATE, swap);
		const third = (await api.call(CREATE, swap)).data as { _id: string };
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(mock.jobs.get(third._id)!.status).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 700));
		expect(mock.jobs.get(third._id)!.status).toBe(3);
	});
});
