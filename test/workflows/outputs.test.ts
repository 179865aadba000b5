/**
 * What the node outputs for people and for AI agents (B8, R11, R14): the result URL is always in
 * the JSON (an agent never sees the binary), Akool's echo of the webhook URL (possibly this
 * execution's resume URL with its token) is never output, and as an agent's tool the node offers
 * no Wait for Callback and caps its waits.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { AKOOL_TYPE, akoolWorkflow, run } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 300, fileSize: 10_000 });
});
afterAll(async () => await mock.close());

const swap = {
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	options: { pollIntervalSeconds: 0.2, webhookUrl: 'https://hooks.example.com/akool?token=s3cret' },
};

it('Return As "Binary File" still outputs resultUrl in the JSON', async () => {
	const result = await run(mock, akoolWorkflow({ ...swap, returnAs: 'binary' }));
	const [item] = result.output('Akool');
	expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
	expect(item.binary?.data).toBeDefined();
});

it('never outputs the webhook URL Akool echoes in its records', async () => {
	const result = await run(mock, akoolWorkflow({ ...swap, returnAs: 'url' }));
	const [item] = result.output('Akool');
	expect(mock.jobs.get(item.json.jobId as string)!.webhookUrl).toContain('s3cret'); // Akool has it
	expect(JSON.stringify(item.json)).not.toContain('s3cret');
	const immediate = await run(mock, akoolWorkflow({ ...swap, completion: 'returnImmediately' }));
	expect(JSON.stringify(immediate.output('Akool'))).not.toContain('s3cret');
});

describe('as an AI agent\'s tool', () => {
	const asTool = { type: `${AKOOL_TYPE}Tool` };

	it('refuses Wait for Callback before creating anything (answered to the agent as an item: message and hint)', async () => {
		mock.clearLog();
		const result = await run(mock, akoolWorkflow({ ...swap, completion: 'waitForCallback', options: {} }, asTool));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.error).toBe('"Wait for Callback" is not available when an AI agent uses this node as a tool');
		expect(item.json.errorDescription).toContain('No job was created');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('starts on Face Swap → Swap Plus and returns the URL, not a file, by default (the node itself downloads the file)', async () => {
		// Only what the user fills in: n8n saves no default values, so these defaults are the tool's own.
		const filled = { sourceImageUrl: 'https://e.com/face.jpg', targetUrl: 'https://e.com/clip.jpg', options: { pollIntervalSeconds: 0.2 } };
		mock.clearLog();
		const tool = await run(mock, akoolWorkflow(filled, asTool));
		const [item] = tool.output('Akool');
		expect(mock.apiRequests().map((request) => request.path)).toContain('/api/open/v4/faceswap/faceswapPlusByImage');
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		expect(item.binary).toBeUndefined();
		const node = await run(mock, akoolWorkflow(filled));
		expect(node.output('Akool')[0].binary?.data).toBeDefined();
	});

	it('caps a wait at 10 minutes whatever the Timeout says', async () => {
		const { readJobSettings } = await import('../../nodes/Akool/helpers/completion');
		const settingsFor = (type: string) => {
			const parameters: Record<string, unknown> = { completion: 'poll', returnAs: 'url', 'options.timeoutMinutes': 60 };
			const ctx = {
				getNode: () => ({ type, name: 'Akool' }),
				getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in parameters ? parameters[name] : fallback),
			} as unknown as IExecuteFunctions;
			return readJobSettings.call(ctx, 0, { completion: true, waitForCallback: true, webhookUrl: true });
		};
		expect(settingsFor(AKOOL_TYPE).poll.timeoutMs).toBe(60 * 60_000);
		expect(settingsFor(`${AKOOL_TYPE}Tool`).poll.timeoutMs).toBe(10 * 60_000);
	});
});
