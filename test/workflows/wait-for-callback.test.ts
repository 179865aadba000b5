/**
 * "Wait for Callback" through n8n-core's real classes: the node runs to `waiting` in
 * WorkflowExecute, then the harness resumes it the way n8n 2.41's waiting webhook does (stored
 * execution reloaded, waiting node disabled, webhook() called through n8n-core's WebhookContext,
 * its workflowData put on the stack, WorkflowExecute continues) — see resumeWaiting in
 * test/harness/index.ts. This pins the engine internals the mode relies on
 * (helpers/waitingExecution.ts) in the fast tier; test/e2e proves the same in a real n8n.
 * Also: verification is not download policy (R3), the resume reads its output settings from the
 * node and stores only {jobId, family} (B7), one resume per execution and job (R8a), and a
 * context that cannot reach the waiting execution answers 500 instead of resuming (R9).
 */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeParameters, INodeType, IWebhookFunctions } from 'n8n-workflow';

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
async function waiting(parameters: INodeParameters = SWAP, node: object = {}, akool?: INodeType) {
	const result = await run(mock, akoolWorkflow(parameters, node), { akool });
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

const fileRequests = () => mock.requests.filter((request) => request.path.startsWith('/files/'));

/** Returned by a `seen` function: the webhook context's own property. */
const OWN = Symbol('own');

/**
 * The Akool node whose resume handler (webhook()) sees its n8n context through `seen`: a stand-in
 * for what n8n or the network gives it (the execute side is the real node).
 */
function akoolWithWebhookContext(seen: (target: IWebhookFunctions, key: string | symbol) => unknown): INodeType {
	const real = new Akool();
	return {
		description: real.description,
		methods: real.methods,
		execute: real.execute,
		async webhook(this: IWebhookFunctions) {
			const target = this;
			// A proxy of an empty object: n8n's context has read-only properties (logger) a proxy of it could not replace.
			const ctx = new Proxy({} as IWebhookFunctions, {
				get(_empty, key) {
					const value = seen(target, key);
					if (value !== OWN) return value;
					const own = Reflect.get(target, key, target) as unknown;
					return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(target) : own;
				},
			});
			return await real.webhook!.call(ctx);
		},
	};
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
			'url that is not printable text': buildCallbackEnvelope({ _id: jobId, status: 3, url: 'https://d1.cloudfront.net/\u0007.mp4' }, keys),
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

describe('Wait for Callback: verification is not download policy (R3)', () => {
	afterEach(() => mock.setOptions({ publicUrl: '' }));

	it('a verified final callback whose result is on a host downloads may not use resumes the node failed, naming the host (never "did not call back")', async () => {
		mock.setOptions({ publicUrl: 'https://cdn.unlisted.example' });
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary' });
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.webhookError).toBeUndefined();
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		const error = runError(resumed.result);
		expect(error.message).toBe(`Will not download from cdn.unlisted.example/files/${jobId}.mp4: the host is not allowed`);
		expect(error.description).toContain('add it to "Allowed Download Hosts"');
		expect(error.description).toContain(`Akool job ${jobId} finished; only the download failed`);
		expect(error.context?.jobId).toBe(jobId);
		expect(fileRequests()).toHaveLength(0);
	});

	it('with Return As URL nothing is downloaded, so the same callback resumes the node with the result URL', async () => {
		mock.setOptions({ publicUrl: 'https://cdn.unlisted.example' });
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'url' });
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		expect(resumed.result.status).toBe('success');
		expect(resumed.result.output('Akool')[0].json).toMatchObject({ jobId, status: 3, resultUrl: `https://cdn.unlisted.example/files/${jobId}.mp4` });
		expect(fileRequests()).toHaveLength(0);
	});
});

describe('Wait for Callback: the resume reads its settings from the node (B7)', () => {
	afterEach(() => mock.setOptions({ publicUrl: '' }));

	it('12 Allowed Download Hosts: the resume downloads from a listed host, and nothing stored is longer than 255 characters', async () => {
		const hosts = Array.from({ length: 12 }, (_, k) => `media-${String(k + 1).padStart(2, '0')}.partner-cdn-eu-west-1.example.com`);
		const listed = hosts[11];
		// Akool reports the result on the last listed host, a public https CDN. The sandbox serves
		// plain http on 127.0.0.1, so the test routes that host's requests to the sandbox and stands
		// in for n8n's egress filter (which would resolve the name); which host the node allows, from
		// which settings, is the node's own code, unchanged.
		mock.setOptions({ publicUrl: `https://${listed}` });
		const asked: string[] = [];
		let stored: IDataObject | undefined;
		const routed = (url: string) => url.replace(`https://${listed}`, mock.url);
		const akool = akoolWithWebhookContext((target, key) => {
			stored ??= target.customData.getAll() as IDataObject;
			if (key !== 'helpers') return OWN;
			return {
				...target.helpers,
				httpRequest: async (options: IHttpRequestOptions) => await target.helpers.httpRequest({ ...options, url: routed(String(options.url)) }),
				getSecureEgressFilter: () => ({
					validateUrl: async (url: string) => {
						asked.push(url);
						return { ok: true };
					},
				}),
			};
		});
		const options = { waitLimitMinutes: 30, allowedHosts: hosts.join(', '), maxFileSizeMb: 50 };
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary', options }, {}, akool);
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		expect(resumed.result.status).toBe('success');
		const [item] = resumed.result.output('Akool');
		expect(item.json).toMatchObject({ jobId, status: 3, resultUrl: `https://${listed}/files/${jobId}.mp4` });
		expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
		expect(asked).toEqual([`https://${listed}/files/${jobId}.mp4`]);
		expect(fileRequests().map((request) => request.path)).toEqual([`/files/${jobId}.mp4`]);
		// What the waiting execution stored (n8n logs an error above 255 characters, cuts at 512).
		expect(stored).toBeDefined();
		const tooLong = Object.entries(stored!).filter(([, value]) => String(value).length > 255);
		expect(tooLong).toEqual([]);
		expect(stored).toEqual({ akoolJobId: jobId, akoolJobFamily: 'video' });
	});

	it('the resume applies the node\'s own download limits (Max File Size)', async () => {
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary', options: { waitLimitMinutes: 30, maxFileSizeMb: 0.1 } });
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		const error = runError(resumed.result);
		expect(error.message).toMatch(new RegExp(`^Could not download 127\\.0\\.0\\.1:\\d+/files/${jobId}\\.mp4: the file is larger than the limit of 103 KB`));
	});

	it('a setting that is invalid when the resume reads it fails the node with the field and the job id, after answering Akool', async () => {
		// E.g. an expression that gives something else when the resume evaluates it.
		const akool = akoolWithWebhookContext((target, key) => {
			if (key !== 'getNodeParameter') return OWN;
			return (name: string, fallback?: unknown, options?: unknown) =>
				name === 'options.maxFileSizeMb'
					? 'lots'
					: name === 'options'
						? { ...(target.getNodeParameter(name, fallback as never, options as never) as IDataObject), maxFileSizeMb: 'lots' }
						: target.getNodeParameter(name, fallback as never, options as never);
		});
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary' }, {}, akool);
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.response).toEqual({ status: 200, body: { received: true } });
		const error = runError(resumed.result);
		expect(error.message).toBe('"Max File Size (MB)" must be a number, got "lots"');
		expect(error.description).toContain(`Akool job ${jobId} finished`);
		expect(error.context?.jobId).toBe(jobId);
		expect(fileRequests()).toHaveLength(0);
	});

	it('an execution that started waiting with the old stored settings (akoolOutput) resumes with them', async () => {
		// The node before this change stored its validated output settings as JSON next to the job id.
		const legacy = akoolWithWebhookContext((target, key) => {
			if (key === 'getNodeParameter') {
				return (name: string, fallback?: unknown, options?: unknown) =>
					name === 'returnAs' ? 'url' : target.getNodeParameter(name, fallback as never, options as never);
			}
			return OWN;
		});
		const wrapped: INodeType = {
			...legacy,
			async execute(this: IExecuteFunctions) {
				const out = await new Akool().execute.call(this);
				const jobId = this.customData.get('akoolJobId')!;
				this.customData.set('akoolJobFamily', '');
				this.customData.set('akoolOutput', JSON.stringify({ returnAs: 'both', binaryProperty: 'video', maxBytes: 10_000_000, allowedHosts: [], allowAnyHost: false, family: 'video' }));
				expect(jobId).toMatch(/^[0-9a-f]{24}$/);
				return out;
			},
		};
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary' }, {}, wrapped);
		await finished(jobId);
		const resumed = await result.resume(callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) }));
		expect(resumed.result.status).toBe('success');
		const [item] = resumed.result.output('Akool');
		// Return As "both" and field "video" from the stored JSON, not the parameters.
		expect(item.json).toMatchObject({ jobId, resultUrl: mock.resultUrl(jobId) });
		expect(item.json.job).toBeDefined();
		expect(sha256(await resumed.result.binaryBuffer(item, 'video'))).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});
});

describe('Wait for Callback: answer-first corner cases (R8, R9)', () => {
	it('R8a: two final callbacks during one slow download: one status read, one download, one resume; the other gets 200 and changes nothing', async () => {
		const { result, jobId } = await waiting({ ...SWAP, returnAs: 'binary' });
		await finished(jobId);
		mock.clearLog();
		mock.fault({ path: '/files/', kind: 'delay', delayMs: 800 });
		const final = callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) });
		const both = await Promise.all([result.resume(final), result.resume(final)]);
		expect(both.map((resumed) => resumed.response)).toEqual([
			{ status: 200, body: { received: true } },
			{ status: 200, body: { received: true } },
		]);
		expect(both.map((resumed) => resumed.result.status).sort()).toEqual(['success', 'waiting']);
		expect(fileRequests()).toHaveLength(1);
		expect(mock.apiRequests('/api/open/v3/content/video/infobymodelid')).toHaveLength(1);
		const winner = both.find((resumed) => resumed.result.status === 'success')!;
		expect(winner.result.output('Akool')).toHaveLength(1);
	});

	it('R9: a resume whose context does not reach the waiting execution answers 500 (Akool retries) and logs, instead of resuming into "did not call back"', async () => {
		let reachable = false;
		const logged: string[] = [];
		const akool = akoolWithWebhookContext((target, key) => {
			if (key === 'runExecutionData' && !reachable) return undefined;
			if (key === 'logger') {
				return new Proxy(target.logger, {
					get: (logger, level) => (message: string, ...rest: unknown[]) => {
						logged.push(`${String(level)}: ${message}`);
						return (logger as unknown as Record<string, (...a: unknown[]) => void>)[String(level)]?.(message, ...rest);
					},
				});
			}
			return OWN;
		});
		const { result, jobId } = await waiting(SWAP, {}, akool);
		await finished(jobId);
		mock.clearLog();
		const final = callback({ _id: jobId, status: 3, type: 'character swap', url: mock.resultUrl(jobId) });
		const refused = await result.resume(final);
		expect(refused.webhookError).toBeUndefined();
		expect(refused.response.status).toBe(500);
		expect(refused.result.status).toBe('waiting');
		expect(logged.filter((line) => line.startsWith('error: '))).toEqual([
			expect.stringContaining(`cannot reach its waiting execution (job ${jobId})`),
		]);
		expect(mock.apiRequests()).toHaveLength(0);
		// Akool's retry, once n8n hands the execution over, resumes it.
		reachable = true;
		const retried = await result.resume(final);
		expect(retried.response).toEqual({ status: 200, body: { received: true } });
		expect(retried.result.status).toBe('success');
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

	// Issue 21: a list alone is not enough. An engine that gives the node an empty stack and no entry of its
	// own would persist no resumeError, so a wait that ends without a callback would pass as a success.
	it.each([
		{ name: 'an empty execution stack and no execute data of this node', override: { getExecuteData: () => undefined } },
		{ name: 'execute data of another node', override: { getExecuteData: () => ({ node: { name: 'Somewhere else' }, data: {}, source: null }) } },
	])('on an engine that gives $name (fails closed)', async ({ override }) => {
		const real = new Akool();
		const futureEngine: INodeType = {
			description: real.description,
			webhook: real.webhook,
			async execute(this: IExecuteFunctions) {
				const runExecutionData = (this as unknown as { runExecutionData: { executionData: { nodeExecutionStack: unknown[] } } }).runExecutionData;
				const ctx = new Proxy(this, {
					get(target, key) {
						if (key === 'runExecutionData') return { ...runExecutionData, executionData: { ...runExecutionData.executionData, nodeExecutionStack: [] } };
						if (key in override) return override[key as keyof typeof override];
						const value = Reflect.get(target, key, target) as unknown;
						return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
					},
				});
				return await real.execute.call(ctx);
			},
		};
		const error = runError(await run(mock, akoolWorkflow(SWAP), { akool: futureEngine }));
		expect(error.message).toMatch(/^"Wait for Callback" needs n8n \d+\.\d+ or newer$/);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('when Akool (a public Base URL) could not reach the resume URL (a local address)', async () => {
		const error = runError(await run(mock, akoolWorkflow(SWAP), { baseUrl: 'https://openapi.akool.com' }));
		expect(error.message).toBe('Akool cannot reach this n8n: its resume URL points to "127.0.0.1:5678", a local address');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(mock.requests).toHaveLength(0);
	});

	// R13: Akool would POST the callback to the resume URL, whose query carries this execution's resume token.
	it('when Akool (a public Base URL) would call a public resume URL over plain http (the resume token in clear)', async () => {
		// A public Base URL that cannot resolve: were the create sent, it would fail elsewhere, never reach Akool.
		const error = runError(
			await run(mock, akoolWorkflow(SWAP), { baseUrl: 'https://akool.invalid', webhookWaitingBaseUrl: 'http://n8n.example.com/webhook-waiting' }),
		);
		expect(error.message).toBe('Akool would call this n8n over plain http ("http://n8n.example.com"): the resume URL would carry the execution\'s resume token unencrypted');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.description).toContain('https');
		expect(error.description).toContain('No job was created.');
		expect(mock.requests).toHaveLength(0);
	});

	it('plain http stays allowed where it never crosses the internet: a local sandbox, or an https resume URL', async () => {
		const sandbox = await run(mock, akoolWorkflow(SWAP), { webhookWaitingBaseUrl: 'http://n8n.example.com/webhook-waiting' });
		expect(sandbox.status).toBe('waiting');
		const https = await run(mock, akoolWorkflow(SWAP), { webhookWaitingBaseUrl: 'https://n8n.example.com/webhook-waiting' });
		expect(https.status).toBe('waiting');
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
		expect(error.message).toBe('"Image" must be a public http(s) URL, got "not a url"');
		const result: RunResult = await run(mock, akoolWorkflow(bad, { onError: 'continueRegularOutput' }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json.error).toBe('"Image" must be a public http(s) URL, got "not a url"');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('several items, with the right count', async () => {
		const error = runError(await run(mock, akoolWorkflow(SWAP), { items: 3 }));
		expect(error.message).toBe('"Wait for Callback" handles one item per execution, but this node received 3 items');
		expect(mock.requests).toHaveLength(0);
	});
});
