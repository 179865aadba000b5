/**
 * "Wait for Callback" through n8n-core's real classes: the node runs to `waiting` in
 * WorkflowExecute, then the harness resumes it the way n8n 2.41's waiting webhook does (stored
 * execution reloaded, waiting node disabled, webhook() called through n8n-core's WebhookContext,
 * its workflowData put on the stack, WorkflowExecute continues) — see resumeWaiting in
 * test/harness/index.ts. This pins the engine internals the mode relies on
 * (helpers/waitingExecution.ts) in the fast tier; test/e2e proves the same in a real n8n.
 */
import { createHash } from 'node:crypto';
import type { IExecuteFunctions, INodeParameters, INodeType } from 'n8n-workflow';

import { Akool } from '../../nodes/Akool/Akool.node';
import { buildCallbackEnvelope, startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import type { RunResult } from '../harness';
import { akoolWorkflow, run, runError } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 300, fileSize: 200_000, callbackRetries: 0 });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.clearLog();
	mock.clearFaults();
});

const SWAP = {
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	completion: 'waitForCallback',
	options: { waitLimitMinutes: 30 },
};
const CREATE = '/api/open/v4/characterSwap/create';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/** Runs a Wait for Callback workflow to `waiting` and returns it with its job id. */
async function waiting(parameters: INodeParameters = SWAP, node: object = {}) {
	const result = await run(mock, akoolWorkflow(parameters, node));
	expect(result.status).toBe('waiting');
	const jobId = result.output('Akool')[0].json.jobId as string;
	return { result, jobId };
}

function callback(payload: Record<string, unknown>) {
	return { body: buildCallbackEnvelope(payload, { apiKey: mock.apiKey, clientId: mock.clientId }) };
}

async function finished(jobId: string) {
	while (mock.jobs.get(jobId)!.status < 3) await sleep(50);
}

describe('Wait for Callback: resume through n8n-core', () => {
	it('a final callback is answered 200 at once, then the job is read, downloaded and output', async () => {
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'both' });
		await finished(jobId);
		mock.fault({ path: '/files/', kind: 'delay', delayMs: 800 });
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));

		expect(resumed.webhookError).toBeUndefined();
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		// Akool got its answer before the (slow) download, not after it.
		expect(resumed.respondedMs!).toBeLessThan(resumed.webhookMs - 500);
		expect(resumed.result.status).toBe('success');
		const [item] = resumed.result.output('Akool');
		expect(item.json).toMatchObject({ jobId, status: 3, resultUrl: mock.resultUrl(jobId) });
		expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
	});

	it('interim, forged and other jobs\' callbacks leave the execution waiting', async () => {
		const { result, jobId } = await waiting();
		const interim = await result.resume(callback({ _id: jobId, status: 2, type: 'character swap', url: '' }));
		expect(interim.response.status).toBe(200);
		expect(interim.result.status).toBe('waiting');

		const other = await result.resume(callback({ _id: 'ffffffffffffffffffffffff', status: 3, type: 'character swap', url: 'https://d11fbe263bhqij.cloudfront.net/x.mp4' }));
		expect(other.response.status).toBe(200);
		expect(other.result.status).toBe('waiting');

		const forged = await result.resume({
			body: buildCallbackEnvelope({ _id: jobId, status: 3, url: 'https://evil.example/x.mp4' }, { apiKey: 'x'.repeat(24), clientId: mock.clientId }),
		});
		expect(forged.response).toEqual({ status: 401, body: { error: 'Invalid callback' } });
		expect(forged.result.status).toBe('waiting');
		expect(mock.requests.filter((request) => request.path.startsWith('/files/'))).toHaveLength(0);
	});

	it('every rejected callback gets the same answer, whatever the reason (no padding oracle)', async () => {
		const { result, jobId } = await waiting();
		const keys = { apiKey: mock.apiKey, clientId: mock.clientId };
		const valid = buildCallbackEnvelope({ _id: jobId, status: 3, url: mock.resultUrl(jobId) }, keys);
		// Re-signing needs only the Client ID, so an attacker can send any ciphertext "validly signed".
		const resign = (dataEncrypt: string) => buildCallbackEnvelope(null, { ...keys, dataEncryptOverride: dataEncrypt });
		const bytes = Buffer.from(valid.dataEncrypt, 'base64');
		const flipLast = Buffer.from(bytes);
		flipLast[flipLast.length - 17] ^= 1; // last block's padding breaks
		const cases = {
			'bad padding': resign(flipLast.toString('base64')),
			'not JSON inside': buildCallbackEnvelope('not json at all', keys),
			'bad payload': buildCallbackEnvelope({ _id: 'x', status: 9 }, keys),
			'url on a host downloads may not use': buildCallbackEnvelope({ _id: jobId, status: 3, url: 'https://evil.example.com/x.mp4' }, keys),
			'forged signature': { ...valid, signature: 'f'.repeat(40) },
			'oversized': resign('A'.repeat(20_000)),
		};
		for (const [name, body] of Object.entries(cases)) {
			const answer = await result.resume({ body });
			expect({ name, response: answer.response, status: answer.result.status }).toEqual({
				name,
				response: { status: 401, body: { error: 'Invalid callback' } },
				status: 'waiting',
			});
		}
	});

	it('a failed job (status 4) resumes the node as failed with Akool\'s reason and the job id', async () => {
		mock.nextJobs({ durationMs: 200, fail: true, failReason: 'no face found' });
		const { result, jobId } = await waiting();
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 4, type: 'character swap', url: '' }));
		expect(resumed.response.status).toBe(200);
		expect(resumed.result.status).toBe('error');
		const error = runError(resumed.result);
		expect(error.message).toBe(`Akool job ${jobId} failed: no face found`);
		expect(error.context?.jobId).toBe(jobId);
	});

	it('a download that fails after the answer resumes with the true reason, never a throw', async () => {
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary' });
		await finished(jobId);
		mock.fault({ path: '/files/', kind: '500', count: 10 });
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.webhookError).toBeUndefined();
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		const error = runError(resumed.result);
		expect(error.message).toMatch(new RegExp(`^Could not download 127\\.0\\.0\\.1:\\d+/files/${jobId}\\.mp4: HTTP 500`));
		expect(error.description).toContain(`Akool job ${jobId} finished; only the download failed`);
		expect(error.description).toContain('Job → Download');
		expect(error.context?.jobId).toBe(jobId);
	});

	it.each([
		['characterSwap', SWAP],
		['talkingPhoto', { resource: 'talkingPhoto', operation: 'create', photoUrl: 'https://e.com/p.jpg', audioUrl: 'https://e.com/a.mp3', completion: 'waitForCallback' }],
		['imageToVideo', { resource: 'imageToVideo', operation: 'create', imageUrl: 'https://e.com/p.jpg', prompt: 'waves', completion: 'waitForCallback' }],
	])('%s: when the status read fails, the callback\'s url is kept as the result (B3)', async (_name, parameters) => {
		const { result, jobId } = await waiting({ ...parameters, returnAs: 'url' });
		// A non-transient error on every status read: the node falls back to the callback.
		mock.fault({ path: '/api/open/', kind: '4xx-envelope', status: 400, code: 1008, count: 5 });
		const url = 'https://d11fbe263bhqij.cloudfront.net/result/out.mp4';
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'x', url }));
		expect(resumed.result.status).toBe('success');
		expect(resumed.result.output('Akool')[0].json).toMatchObject({ jobId, status: 3, resultUrl: url });
	});

	it('the wait limit passing fails the node with the job id (no node code runs then)', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const { result, jobId } = await waiting();
		const expired = await result.expireWait();
		expect(expired.status).toBe('error');
		const error = runError(expired);
		expect(error.message).toMatch(new RegExp(`^Akool did not call back about job ${jobId} within 30 min`));
		expect(error.description).toContain(`Continue with Job → Wait and job ID ${jobId}`);
	});

	it('with Continue On Fail a failed job resumes as an {error, jobId} item', async () => {
		mock.nextJobs({ durationMs: 200, fail: true, failReason: 'bad input video' });
		const { result, jobId } = await waiting(SWAP, { onError: 'continueRegularOutput' });
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 4, type: 'character swap', url: '' }));
		expect(resumed.result.status).toBe('success');
		expect(resumed.result.output('Akool')[0].json).toMatchObject({ error: `Akool job ${jobId} failed: bad input video` });
	});
});

describe('Wait for Callback: the create', () => {
	it('sends the resume URL in the endpoint\'s webhook field and waits, without polling', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const started = Date.now();
		const { result } = await waiting();
		expect(result.waitTill!.getTime()).toBeGreaterThanOrEqual(started + 30 * 60_000 - 1_000);
		expect(result.waitTill!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
		const resumeUrl = (mock.apiRequests(CREATE)[0].body as { webhookurl: string }).webhookurl;
		expect(resumeUrl).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook-waiting\/\d+\?signature=[0-9a-f]{64}$/);
		expect(mock.apiRequests('/api/open/v3/content/video/infobymodelid')).toHaveLength(0);
	});

	it('uses the camelCase webhookUrl field for talking photo', async () => {
		mock.clearLog();
		await waiting({ resource: 'talkingPhoto', operation: 'create', photoUrl: 'https://e.com/p.jpg', audioUrl: 'https://e.com/a.mp3', completion: 'waitForCallback' });
		const [create] = mock.apiRequests('/api/open/v3/content/video/createbytalkingphoto');
		expect((create.body as { webhookUrl: string }).webhookUrl).toContain('/webhook-waiting/');
	});
});

describe('Wait for Callback: refused before any job is created', () => {
	it('a credential without Client ID', async () => {
		const error = runError(await run(mock, akoolWorkflow(SWAP), { clientId: '' }));
		expect(error.message).toBe('"Wait for Callback" needs the Client ID in the Akool credential');
		expect(mock.requests).toHaveLength(0);
	});

	it('on an n8n that does not expose the waiting execution (fails closed)', async () => {
		// An n8n whose node context lacks the execution data the mode relies on (n8n 1.x closures).
		const real = new Akool();
		const oldHost: INodeType = {
			description: real.description,
			webhook: real.webhook,
			async execute(this: IExecuteFunctions) {
				const ctx = new Proxy(this, {
					get(target, key) {
						if (key === 'runExecutionData') return undefined;
						const value = Reflect.get(target, key, target) as unknown;
						return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
					},
				});
				return await real.execute.call(ctx);
			},
		};
		const error = runError(await run(mock, akoolWorkflow(SWAP), { akool: oldHost }));
		expect(error.message).toMatch(/^"Wait for Callback" needs n8n \d+\.\d+ or newer$/);
		expect(error.description).toContain('No job was created');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('when Akool (a public Base URL) could not reach the resume URL (a local address)', async () => {
		const error = runError(await run(mock, akoolWorkflow(SWAP), { baseUrl: 'https://openapi.akool.com' }));
		expect(error.message).toBe('Akool cannot reach this n8n: its resume URL points to "127.0.0.1:5678", a local address');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(mock.requests).toHaveLength(0);
	});

	it('but a local sandbox may call a local n8n, and a public n8n is fine', async () => {
		const { result } = await waiting();
		expect(result.status).toBe('waiting');
		const publicN8n = await run(mock, akoolWorkflow(SWAP), { webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting' });
		expect(publicN8n.status).toBe('waiting');
	});

	it('a single invalid item fails with its own error (B9), or becomes an error item with Continue On Fail', async () => {
		const bad = { ...SWAP, imageUrl: 'not a url' };
		const error = runError(await run(mock, akoolWorkflow(bad)));
		expect(error.message).toBe('"Image URL" must be a public http(s) URL, got "not a url"');
		const result: RunResult = await run(mock, akoolWorkflow(bad, { onError: 'continueRegularOutput' }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json.error).toBe('"Image URL" must be a public http(s) URL, got "not a url"');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('several items, with the right count', async () => {
		const error = runError(await run(mock, akoolWorkflow(SWAP), { items: 3 }));
		expect(error.message).toBe('"Wait for Callback" handles one item per execution, but this node received 3 items');
		expect(mock.requests).toHaveLength(0);
	});
});
