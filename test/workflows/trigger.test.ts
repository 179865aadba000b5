/**
 * The Akool Trigger's webhook() through n8n-core's WebhookContext (fast tier; test/e2e runs it in
 * a real n8n): answer first, never lose an event, dedupe after the item exists, Job Types by
 * family through the job table's aliases, one answer for every rejection. Verification decides
 * authenticity only: the download allow-list applies when the trigger downloads (R3).
 */
import type { INodeParameters } from 'n8n-workflow';

import { AkoolApi } from '../../credentials/AkoolApi.credentials';
import { AkoolTrigger } from '../../nodes/AkoolTrigger/AkoolTrigger.node';
import { webhookCaller } from '../harness';
import { buildCallbackEnvelope, startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ fileSize: 80_000 });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.clearLog();
	mock.clearFaults();
});

const REJECTED = { status: 401, body: { error: 'Invalid callback' } };
let counter = 0;
const newId = () => (++counter).toString(16).padStart(24, 'c');

async function trigger(parameters: INodeParameters = {}) {
	return await webhookCaller({
		nodeType: new AkoolTrigger(),
		type: 'n8n-nodes-akool.akoolTrigger',
		parameters: { events: ['completed', 'failed'], jobTypes: [], ...parameters },
		credentialTypes: [new AkoolApi()],
		credentials: { akoolApi: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url } },
	});
}

function envelope(payload: unknown) {
	return { body: buildCallbackEnvelope(payload, { apiKey: mock.apiKey, clientId: mock.clientId }) };
}

describe('Akool Trigger', () => {
	it('starts the workflow once per job and status, with the family and the result URL', async () => {
		const call = await trigger();
		const _id = newId();
		const url = `${mock.url}/files/${_id}.mp4`;
		const first = await call(envelope({ _id, status: 3, type: 'character swap', url }));
		expect(first.error).toBeUndefined();
		expect(first.response).toEqual({ status: 200, body: { received: true } });
		expect(first.answer!.workflowData![0][0].json).toMatchObject({ jobId: _id, status: 3, type: 'character swap', jobType: 'video', resultUrl: url });
		const repeat = await call(envelope({ _id, status: 3, type: 'character swap', url }));
		expect(repeat.answer!.workflowData).toBeUndefined();
		expect(repeat.response.status).toBe(200);
	});

	it('answers first, then downloads; a failed download still starts the workflow with downloadError', async () => {
		const call = await trigger({ options: { returnAs: 'binary' } });
		const ok = newId();
		const started = await call(envelope({ _id: ok, status: 3, type: 'faceswap', url: `${mock.url}/files/${ok}.jpg` }));
		expect(started.answer!.workflowData![0][0].binary!.data.fileName).toBe(`${ok}.jpg`);

		mock.fault({ path: '/files/', kind: '500', count: 10 });
		const failing = newId();
		const result = await call(envelope({ _id: failing, status: 3, type: 'faceswap', url: `${mock.url}/files/${failing}.jpg` }));
		expect(result.response).toEqual({ status: 200, body: { received: true } });
		const item = result.answer!.workflowData![0][0];
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(`${mock.url}/files/${failing}.jpg`);
		expect(item.json.downloadError).toMatch(/^Could not download 127\.0\.0\.1:\d+\/files\/.+: HTTP 500$/);
		// The event was delivered, so a repeat is now a duplicate.
		const repeat = await call(envelope({ _id: failing, status: 3, type: 'faceswap', url: `${mock.url}/files/${failing}.jpg` }));
		expect(repeat.answer!.workflowData).toBeUndefined();
	});

	it.each([
		[['video'], 'character swap', true],
		[['video'], 'talking photo', true],
		[['imageToVideo'], 'character swap', false],
		[['imageToVideo'], 'image2video', true],
		[['talking photo'], 'lipsync', true], // a value saved by the previous version: resolves to its family
		[[], 'a type Akool adds tomorrow', true],
		[['video'], 'a type Akool adds tomorrow', false],
	])('Job Types %j and callback type "%s": starts = %s', async (jobTypes, type, starts) => {
		const call = await trigger({ jobTypes });
		const result = await call(envelope({ _id: newId(), status: 4, type, url: '' }));
		expect(result.response.status).toBe(200);
		expect(Boolean(result.answer!.workflowData)).toBe(starts);
		if (starts && jobTypes.length === 0) expect(result.answer!.workflowData![0][0].json).toMatchObject({ type, jobType: null });
	});

	it('drops events that were not picked, with a 200 so Akool stops retrying', async () => {
		const call = await trigger({ events: ['failed'] });
		const result = await call(envelope({ _id: newId(), status: 3, type: 'image', url: '' }));
		expect(result.response.status).toBe(200);
		expect(result.answer!.workflowData).toBeUndefined();
	});

	it('answers every rejected callback identically and starts nothing', async () => {
		const call = await trigger();
		const keys = { apiKey: mock.apiKey, clientId: mock.clientId };
		const _id = newId();
		const valid = buildCallbackEnvelope({ _id, status: 3, type: 'image', url: '' }, keys);
		const bytes = Buffer.from(valid.dataEncrypt, 'base64');
		const tamper = (index: number) => {
			const copy = Buffer.from(bytes);
			copy[index] ^= 0x40;
			return buildCallbackEnvelope(null, { ...keys, dataEncryptOverride: copy.toString('base64') });
		};
		const cases: Record<string, unknown> = {
			'forged signature': { ...valid, signature: 'a'.repeat(40) },
			'first block tampered': tamper(0),
			'middle block tampered': tamper(Math.floor(bytes.length / 32) * 16),
			'last block tampered': tamper(bytes.length - 1),
			'wrong key': buildCallbackEnvelope({ _id, status: 3, url: '' }, { ...keys, apiKey: 'z'.repeat(24) }),
			'malformed JSON body': 'not json',
			'oversized': buildCallbackEnvelope(null, { ...keys, dataEncryptOverride: 'A'.repeat(40_000) }),
			'url that is not printable text': buildCallbackEnvelope({ _id, status: 3, url: 'https://d1.cloudfront.net/\u0001.mp4' }, keys),
			'status out of range': buildCallbackEnvelope({ _id, status: 7, url: '' }, keys),
		};
		for (const [name, body] of Object.entries(cases)) {
			const result = await call({ body });
			expect({ name, response: result.response, started: Boolean(result.answer?.workflowData) }).toEqual({ name, response: REJECTED, started: false });
		}
		expect(mock.requests).toHaveLength(0);
	});

	it('R3: a verified callback whose result is on a host downloads may not use starts the workflow; with Return As URL (the default) without any error', async () => {
		const call = await trigger();
		for (const url of ['https://cdn.unlisted.example/out.mp4', 'https://10.0.0.1/x.mp4']) {
			const _id = newId();
			const result = await call(envelope({ _id, status: 3, type: 'faceswap', url }));
			expect(result.response).toEqual({ status: 200, body: { received: true } });
			expect(result.started).toBe(true);
			const { json } = result.answer!.workflowData![0][0];
			expect(json).toMatchObject({ jobId: _id, status: 3, resultUrl: url });
			expect(json).not.toHaveProperty('downloadError');
		}
		expect(mock.requests).toHaveLength(0);
	});

	it('R3: with Return As Binary File, a result on a host that is not allowed starts the workflow with downloadError (nothing fetched)', async () => {
		const call = await trigger({ options: { returnAs: 'binary' } });
		const _id = newId();
		const url = 'https://cdn.unlisted.example/results/out.mp4?X-Amz-Signature=s3cr3t';
		const result = await call(envelope({ _id, status: 3, type: 'faceswap', url }));
		expect(result.response).toEqual({ status: 200, body: { received: true } });
		expect(result.started).toBe(true);
		const item = result.answer!.workflowData![0][0];
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ jobId: _id, resultUrl: url });
		expect(item.json.downloadError).toBe('Will not download from cdn.unlisted.example/results/out.mp4: the host is not allowed');
		expect(mock.requests).toHaveLength(0);
	});

	it('R5: when n8n fails to register the execution (HTTP 500), Akool\'s immediate retry starts exactly one execution', async () => {
		const call = await trigger();
		const _id = newId();
		const delivery = envelope({ _id, status: 3, type: 'image', url: '' });
		const first = await call({ ...delivery, registrationFails: true });
		expect(first.response.status).toBe(500);
		expect(first.started).toBe(false);
		// Akool retries at once (any non-200 answer).
		const retry = await call(delivery);
		expect(retry.response).toEqual({ status: 200, body: { received: true } });
		expect(retry.started).toBe(true);
		expect(retry.answer!.workflowData![0][0].json).toMatchObject({ jobId: _id, status: 3 });
		// Registered now: a further repeat is a duplicate.
		const repeat = await call(delivery);
		expect(repeat.response.status).toBe(200);
		expect(repeat.started).toBe(false);
	});

	it('R5: a repeat that arrives while the first delivery is still being handled (a slow download) starts nothing', async () => {
		const call = await trigger({ options: { returnAs: 'binary' } });
		const _id = newId();
		mock.fault({ path: '/files/', kind: 'delay', delayMs: 600 });
		const delivery = envelope({ _id, status: 3, type: 'faceswap', url: `${mock.url}/files/${_id}.jpg` });
		const [a, b] = await Promise.all([call(delivery), new Promise((resolve) => setTimeout(resolve, 150)).then(async () => await call(delivery))]);
		expect([a.response.status, b.response.status]).toEqual([200, 200]);
		expect([a.started, b.started]).toEqual([true, false]);
		expect(mock.requests.filter((request) => request.path.startsWith('/files/'))).toHaveLength(1);
	});
});
