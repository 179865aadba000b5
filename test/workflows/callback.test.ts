import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError } from './helpers';

// Resuming a waiting execution is n8n server code (see test/e2e); in-process we check the half
// that runs in the node: the job is created with this execution's resume URL, then it waits.
let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 60_000 });
});
afterAll(async () => await mock.close());
beforeEach(() => mock.clearLog());

const swap = {
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	completion: 'waitForCallback',
	options: { waitLimitMinutes: 30 },
};

describe('Completion: Wait for Callback (node side)', () => {
	it('creates the job with the resume URL in the endpoint\'s webhook field and puts the execution to wait', async () => {
		const started = Date.now();
		const result = await run(mock, akoolWorkflow(swap));
		expect(result.status).toBe('waiting');
		expect(result.waitTill!.getTime()).toBeGreaterThanOrEqual(started + 30 * 60_000 - 1_000);
		expect(result.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 60_000);

		const [create] = mock.apiRequests('/api/open/v4/characterSwap/create');
		const resumeUrl = (create.body as { webhookurl: string }).webhookurl;
		expect(resumeUrl).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/\d+\?signature=[0-9a-f]{64}$/);
		// No polling while Akool works.
		expect(mock.apiRequests('/api/open/v3/content/video/infobymodelid')).toHaveLength(0);
	});

	it('uses the camelCase webhookUrl field for talking photo', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'talkingPhoto',
				operation: 'create',
				photoUrl: 'https://e.com/p.jpg',
				audioUrl: 'https://e.com/a.mp3',
				completion: 'waitForCallback',
			}),
		);
		expect(result.status).toBe('waiting');
		const [create] = mock.apiRequests('/api/open/v3/content/video/createbytalkingphoto');
		expect((create.body as { webhookUrl: string }).webhookUrl).toContain('/webhook-waiting/');
	});

	it('refuses several items before creating any job', async () => {
		const error = runError(await run(mock, akoolWorkflow(swap), { items: 2 }));
		expect(error.message).toBe('"Wait for Callback" handles one item per execution, but this node received 2 items');
		expect(error.description).toContain('Loop Over Items');
		expect(mock.requests).toHaveLength(0);
	});

	it('refuses a credential without Client ID before creating the job', async () => {
		const error = runError(await run(mock, akoolWorkflow(swap), { clientId: '' }));
		expect(error.message).toBe('"Wait for Callback" needs the Client ID in the Akool credential');
		expect(mock.requests).toHaveLength(0);
	});
});
