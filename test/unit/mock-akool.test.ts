/**
 * Tests of the local Akool mock server (test/mock-akool): real HTTP over loopback with global fetch.
 */
import { createCipheriv, createHash } from 'node:crypto';

import {
	DEFAULTS,
	decryptCallback,
	encryptCallback,
	fileBytes,
	signCallback,
	startMockAkool,
	type MockAkool,
} from '../mock-akool';
import { sleep, startReceiver, startMockCli, useMockPerTest, waitFor } from './mock-helpers';
import type { Envelope } from './mock-helpers';

let mock: MockAkool;
useMockPerTest({ jobDurationMs: 200, callbackRetryDelayMs: 20 }, (started) => (mock = started));

async function call(
	route: string,
	options: { body?: unknown; headers?: Record<string, string>; method?: string } = {},
): Promise<Envelope> {
	const res = await fetch(mock.url + route, {
		method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
		headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey, ...options.headers },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	expect(res.status).toBe(200);
	return (await res.json()) as Envelope;
}

const CS_CREATE = '/api/open/v4/characterSwap/create';
const TP_CREATE = '/api/open/v3/content/video/createbytalkingphoto';
const VIDEO_INFO = '/api/open/v3/content/video/infobymodelid?video_model_id=';
const I2V_CREATE = '/api/open/v4/image2Video/createBySourcePrompt';
const I2V_RESULTS = '/api/open/v4/image2Video/resultsByIds';
const QUOTA = '/api/open/v3/faceswap/quota/info';

const csBody = { image: 'https://in.example/face.png', video: 'https://in.example/dance.mp4' };
const tpBody = { talking_photo_url: 'https://in.example/photo.jpg', audio_url: 'https://in.example/voice.mp3' };
const i2vBody = {
	image_url: 'https://in.example/cat.png',
	prompt: 'a cat dancing',
	negative_prompt: '',
	resolution: '720p',
	audio_type: 3,
	video_length: 5,
};

describe('callback crypto', () => {
	const vector = {
		clientId: '64db241f6d9e5c4bd136c187',
		clientSecret: 'TestSecret-24-chars-abcd',
		plaintext:
			'{"_id":"6593c94c0ef703e8c055e3c8","status":3,"type":"faceswap","url":"https://example.com/result.jpg"}',
		timestamp: 1710757981609,
		nonce: '1529',
		dataEncrypt:
			'GjgnrS2+IOkXWtISdczaCflu4w44LPkcEQqC4hBKRW4GHGC2NjhaW1vL1ITnioFPlaDdq4L76XC7KSOeNW3yR969gfAV+Qp/ctxTvJlIZ+CUwrJTQNioq9B7VvZIxY+DXAKAsC9RTGB10TxbqTqSag==',
		signature: '8a4194d331e483ead8ee325d3a8c5986e5ed0809',
	};

	it('reproduces the §5.6 test vector exactly', () => {
		const { clientId, clientSecret, plaintext } = vector;
		expect(encryptCallback(plaintext, clientSecret, clientId)).toBe(vector.dataEncrypt);
		expect(encryptCallback(JSON.parse(plaintext), clientSecret, clientId)).toBe(vector.dataEncrypt);
		expect(signCallback(clientId, vector.timestamp, vector.nonce, vector.dataEncrypt)).toBe(vector.signature);
		expect(signCallback(clientId, String(vector.timestamp), 1529, vector.dataEncrypt)).toBe(vector.signature);
		expect(decryptCallback(vector.dataEncrypt, clientSecret, clientId)).toBe(plaintext);
	});

	it('picks AES-128/256 from the key length, zero-pads a short clientId and rejects other key lengths', () => {
		const key16 = '0123456789abcdef';
		const key32 = '0123456789abcdef0123456789abcdef';
		for (const key of [key16, key32]) {
			const expected = createCipheriv(`aes-${key.length * 8}-cbc`, Buffer.from(key), Buffer.from('64db241f6d9e5c4b'));
			const direct = Buffer.concat([expected.update('{"a":1}'), expected.final()]).toString('base64');
			expect(encryptCallback({ a: 1 }, key, '64db241f6d9e5c4bd136c187')).toBe(direct);
		}
		const padded = createCipheriv('aes-128-cbc', Buffer.from(key16), Buffer.from('short\0\0\0\0\0\0\0\0\0\0\0'));
		expect(encryptCallback('x', key16, 'short')).toBe(Buffer.concat([padded.update('x'), padded.final()]).toString('base64'));
		expect(() => encryptCallback('x', 'twenty-five-chars-long-ab', 'id')).toThrow(/16, 24 or 32/);
	});

	it('sends the §5.6 vector byte for byte through deliverCallback', async () => {
		const receiver = await startReceiver();
		const vectorMock = await startMockAkool({ apiKey: vector.clientSecret, clientId: vector.clientId });
		try {
			const answer = await vectorMock.deliverCallback(receiver.url, JSON.parse(vector.plaintext), {
				timestamp: vector.timestamp,
				nonce: vector.nonce,
			});
			expect(answer).toEqual({ status: 200, body: 'ok' });
			expect(receiver.received).toEqual([
				{ signature: vector.signature, dataEncrypt: vector.dataEncrypt, timestamp: vector.timestamp, nonce: '1529' },
			]);
		} finally {
			await vectorMock.close();
			await receiver.close();
		}
	});
});

describe('auth and envelope', () => {
	it('answers 1102 / 1101 / 1000 and lets Bearer win over x-api-key', async () => {
		const invalidAuth = { code: 1101, msg: 'Invalid authorization or The request token has expired' };
		const emptyAuth = { code: 1102, msg: 'Authorization cannot be empty' };
		expect(await call(QUOTA, { headers: { 'x-api-key': '' } })).toEqual(emptyAuth);
		expect(await call(QUOTA, { headers: { 'x-api-key': 'wrong' } })).toEqual(invalidAuth);
		expect(await call(QUOTA)).toEqual({ code: 1000, msg: 'OK', data: { credit: 1000 } });
		// Strict (§3): the API key is not a Bearer token; only getToken issues those.
		expect(await call(QUOTA, { headers: { 'x-api-key': '', authorization: `Bearer ${mock.apiKey}` } })).toEqual(invalidAuth);
		// Bearer present: x-api-key is ignored either way (a valid key does not rescue a bad token).
		expect(await call(QUOTA, { headers: { authorization: 'Bearer nope' } })).toEqual(invalidAuth);
		expect(await call(QUOTA, { headers: { authorization: `Bearer ${mock.apiKey}` } })).toEqual(invalidAuth);
		expect(await call(QUOTA, { headers: { authorization: 'Bearer' } })).toEqual(emptyAuth);
		expect(await call(QUOTA, { headers: { authorization: `Basic ${mock.apiKey}` } })).toEqual(invalidAuth);
		// An empty Authorization has no value: x-api-key is used.
		expect((await call(QUOTA, { headers: { authorization: '' } })).code).toBe(1000);
		const { token } = await call('/api/open/v3/getToken', {
			headers: { 'x-api-key': '' },
			body: { clientId: mock.clientId, clientSecret: mock.apiKey },
		});
		expect((await call(QUOTA, { headers: { authorization: `Bearer ${token}`, 'x-api-key': 'wrong' } })).code).toBe(1000);
	});

	it('accepts the API key as a Bearer token only when not strict (the old lenient mock)', async () => {
		const bearerKey = { 'x-api-key': '', authorization: `Bearer ${mock.apiKey}` };
		mock.setOptions({ strict: false });
		expect((await call(QUOTA, { headers: bearerKey })).code).toBe(1000);
		expect((await call(QUOTA, { headers: { authorization: `Bearer ${mock.apiKey}`, 'x-api-key': 'wrong' } })).code).toBe(1000);
		mock.setOptions({ strict: true });
		expect((await call(QUOTA, { headers: bearerKey })).code).toBe(1101);
		const lenient = await startMockAkool({ strict: false });
		try {
			const res = await fetch(lenient.url + QUOTA, { headers: { authorization: `Bearer ${lenient.apiKey}` } });
			expect(((await res.json()) as Envelope).code).toBe(1000);
		} finally {
			await lenient.close();
		}
		expect(() => mock.setOptions({ strict: 'yes' as unknown as boolean })).toThrow(/strict must be true or false/);
	});

	it('issues tokens from getToken and rejects a wrong pair', async () => {
		const noAuth = { 'x-api-key': '' };
		const bad = await call('/api/open/v3/getToken', { headers: noAuth, body: { clientId: mock.clientId, clientSecret: 'x' } });
		expect(bad.code).toBe(1101);
		const good = await call('/api/open/v3/getToken', { headers: noAuth, body: { clientId: mock.clientId, clientSecret: mock.apiKey } });
		expect(good.code).toBe(1000);
		expect(typeof good.token).toBe('string');
		expect((await call(QUOTA, { headers: { ...noAuth, authorization: `Bearer ${good.token}` } })).code).toBe(1000);
	});

	it('answers HTTP 404 JSON for unknown paths and 1008 for unknown ids', async () => {
		const res = await fetch(`${mock.url}/api/open/v9/nothing`, { headers: { 'x-api-key': mock.apiKey } });
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		expect(await call(`${VIDEO_INFO}000000000000000000000000`)).toEqual({ code: 1008, msg: 'The content you get does not exist' });
	});

	it('names the parameter in 1003 validation errors', async () => {
		const cases: Array<[string, unknown, string]> = [
			[CS_CREATE, { image: 'x' }, 'video is required'],
			[CS_CREATE, { ...csBody, mode: 'morph' }, 'mode is invalid'],
			[CS_CREATE, { ...csBody, resolution: '4k' }, 'resolution is invalid'],
			[CS_CREATE, { ...csBody, duration: 121 }, 'duration is invalid'],
			[CS_CREATE, { ...csBody, prompt: 'p'.repeat(501) }, 'prompt is invalid'],
			[TP_CREATE, { ...tpBody, resolution: '720p' }, 'resolution is invalid'],
			[TP_CREATE, { audio_url: 'x' }, 'talking_photo_url is required'],
			[I2V_CREATE, { ...i2vBody, video_length: 7 }, 'video_length is invalid'],
			[I2V_CREATE, { ...i2vBody, audio_type: 2 }, 'audio_url is required'],
			[I2V_CREATE, { ...i2vBody, resolution: undefined }, 'resolution is required'],
			[`${I2V_CREATE}/batch`, { ...i2vBody, count: 11 }, 'count is invalid'],
		];
		for (const [route, body, msg] of cases) {
			expect([route, await call(route, { body })]).toEqual([route, { code: 1003, msg }]);
		}
	});

	it('lists AI models by types[] sorted by sort desc', async () => {
		const i2v = await call('/api/open/v4/aigModel/list?types[]=1501');
		expect(i2v.data.map((m: { value: string }) => m.value)).toEqual([
			'AkoolImage2VideoFastV1',
			'seedance-1-0-lite-i2v-250428',
			'MiniMax-Hailuo-02',
			'kwaivgi/kling-v3.0-std/image-to-video',
		]);
		expect(Object.keys(i2v.data[0]).sort()).toEqual(
			[
				'sort', 'group', 'provider', 'type', 'label', 'value', 'description', 'resolutionList', 'isPro',
				'generate_audio', 'durationList', 'requiresPay', 'supportedLastFrame', 'supportedExtendPrompt',
				'maxImageCount', 'maxCount',
			].sort(),
		);
		const both = await call('/api/open/v4/aigModel/list?types[]=1501&types[]=2101');
		expect(both.data).toHaveLength(6);
		const sorts: number[] = both.data.map((m: { sort: number }) => m.sort);
		expect(sorts).toEqual(sorts.slice().sort((a, b) => b - a));
		expect((await call('/api/open/v4/aigModel/list?types=1502')).data).toHaveLength(1);
		expect(await call('/api/open/v4/aigModel/list')).toEqual({ code: 1003, msg: 'types is required' });
		expect(mock.apiRequests('/api/open/v4/aigModel')[1].query).toEqual({ 'types[]': ['1501', '2101'] });
	});
});

describe('strict request checks (akool-api.md tables)', () => {
	const UPDATE_AUDIO = '/api/open/v4/image2Video/updateVideoAudio';
	const BATCH = `${I2V_CREATE}/batch`;
	const invalid = (name: string) => ({ code: 1003, msg: `${name} is invalid` });
	const required = (name: string) => ({ code: 1003, msg: `${name} is required` });

	it('requires i2v negative_prompt (§4.13) but accepts "" for it, and prompt "" only with an effect', async () => {
		const { negative_prompt: _unused, ...withoutNegative } = i2vBody;
		expect(await call(I2V_CREATE, { body: withoutNegative })).toEqual(required('negative_prompt'));
		expect(await call(I2V_CREATE, { body: { ...i2vBody, negative_prompt: null } })).toEqual(required('negative_prompt'));
		expect((await call(I2V_CREATE, { body: { ...i2vBody, negative_prompt: '' } })).code).toBe(1000);
		expect((await call(I2V_CREATE, { body: { ...i2vBody, negative_prompt: 'blurry' } })).code).toBe(1000);
		// Batch (§4.13 #44) lists negative_prompt as optional.
		expect((await call(BATCH, { body: withoutNegative })).code).toBe(1000);

		const effect_code = 'squish_89244231312';
		const { prompt: _p, ...withoutPrompt } = i2vBody;
		expect(await call(I2V_CREATE, { body: { ...i2vBody, prompt: '' } })).toEqual(required('prompt'));
		expect(await call(I2V_CREATE, { body: { ...withoutPrompt, effect_code } })).toEqual(required('prompt'));
		expect((await call(I2V_CREATE, { body: { ...i2vBody, prompt: '', effect_code } })).code).toBe(1000);
	});

	it('rejects numeric strings, wrong JSON types and unknown enum values with 1003 before charging', async () => {
		const cases: Array<[string, Record<string, unknown>, { code: number; msg: string }]> = [
			[I2V_CREATE, { ...i2vBody, video_length: '5' }, invalid('video_length')],
			[I2V_CREATE, { ...i2vBody, audio_type: '3' }, invalid('audio_type')],
			[I2V_CREATE, { ...i2vBody, extend_prompt: 'true' }, invalid('extend_prompt')],
			[I2V_CREATE, { ...i2vBody, is_premium_model: 1 }, invalid('is_premium_model')],
			[I2V_CREATE, { ...i2vBody, image_url: 42 }, invalid('image_url')],
			[I2V_CREATE, { ...i2vBody, negative_prompt: 0 }, invalid('negative_prompt')],
			[I2V_CREATE, { ...i2vBody, resolution: '720' }, invalid('resolution')],
			[I2V_CREATE, { ...i2vBody, effect_code: 'nope' }, invalid('effect_code')],
			[I2V_CREATE, { ...i2vBody, webhookurl: 5 }, invalid('webhookurl')],
			[CS_CREATE, { ...csBody, duration: '12' }, invalid('duration')],
			[CS_CREATE, { ...csBody, duration: null }, invalid('duration')],
			[CS_CREATE, { ...csBody, resolution: 720 }, invalid('resolution')],
			[CS_CREATE, { ...csBody, prompt: 7 }, invalid('prompt')],
			[TP_CREATE, { ...tpBody, resolution: 1080 }, invalid('resolution')],
			[TP_CREATE, { ...tpBody, webhookUrl: { url: 'x' } }, invalid('webhookUrl')],
			[BATCH, { ...i2vBody, video_length: '5' }, invalid('video_length')],
			[BATCH, { ...i2vBody, count: '2' }, invalid('count')],
			[BATCH, { ...i2vBody, count: 1.5 }, invalid('count')],
			[BATCH, { ...i2vBody, extend_prompt: 1 }, invalid('extend_prompt')],
			[UPDATE_AUDIO, { pre_video_id: '000000000000000000000000', audio_type: '1' }, invalid('audio_type')],
			[UPDATE_AUDIO, { pre_video_id: 123, audio_type: 1 }, invalid('pre_video_id')],
			['/api/open/v4/image2Video/delbyids', { _ids: 5 }, invalid('_ids')],
		];
		for (const [route, body, answer] of cases) {
			expect([route, body, await call(route, { body })]).toEqual([route, body, answer]);
		}
		expect(mock.credit).toBe(1000);
		expect(mock.jobs.size).toBe(0);

		// The right JSON types pass.
		expect((await call(CS_CREATE, { body: { ...csBody, duration: 12.5, resolution: '480p' } })).code).toBe(1000);
		expect((await call(TP_CREATE, { body: { ...tpBody, resolution: '1080', webhookUrl: '' } })).code).toBe(1000);
		expect((await call(I2V_CREATE, { body: { ...i2vBody, extend_prompt: false, is_premium_model: true, webhookurl: '' } })).code).toBe(1000);
	});

	it('accepts audio_type 1 and "1" on batch only (not in its table; the demo sends a string: open)', async () => {
		const batch = await call(BATCH, { body: { ...i2vBody, audio_type: '1' } });
		expect(batch.code).toBe(1000);
		expect(batch.data.successList[0].audio_type).toBe(1);
		expect((await call(BATCH, { body: { ...i2vBody, audio_type: 1 } })).code).toBe(1000);
		expect(await call(BATCH, { body: { ...i2vBody, audio_type: '4' } })).toEqual(invalid('audio_type'));
	});

	it('restores the old lenient checks with strict: false', async () => {
		mock.setOptions({ strict: false });
		const { negative_prompt: _unused, ...withoutNegative } = i2vBody;
		const created = await call(I2V_CREATE, { body: { ...withoutNegative, video_length: '5', audio_type: '3', extend_prompt: 'yes' } });
		expect(created.code).toBe(1000);
		expect(created.data.audio_type).toBe(3);
		expect((await call(CS_CREATE, { body: { ...csBody, duration: '12' } })).data.video_duration).toBe(12);
		expect((await call(TP_CREATE, { body: { ...tpBody, resolution: 1080 } })).data.resolution).toBe('1080');
		expect((await call(BATCH, { body: { ...i2vBody, count: '2' } })).data.successList).toHaveLength(2);
	});
});

describe('jobs', () => {
	it('moves a character swap 1 -> 2 -> 3 with video = result and video_url = input', async () => {
		mock.setOptions({ jobDurationMs: 600 }); // status 1 for 120 ms, 2 until 600 ms
		const created = await call(CS_CREATE, { body: { ...csBody, resolution: '1080p', duration: 12 } });
		expect(created.code).toBe(1000);
		expect(created.data).toMatchObject({ status: 1, video_url: csBody.video, image_url: csBody.image, deduction_credit: 45, webhookUrl: '' });
		const id: string = created.data._id;
		expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect((await call(QUOTA)).data.credit).toBe(1000 - 45);

		expect((await call(VIDEO_INFO + id)).data).toMatchObject({ _id: id, video_status: 1, video: '' });
		await sleep(200);
		expect((await call(VIDEO_INFO + id)).data).toMatchObject({ video_status: 2, video: '' });
		await sleep(430);
		const done = (await call(VIDEO_INFO + id)).data;
		expect(done).toMatchObject({ video_status: 3, video: `${mock.url}/files/${id}.mp4`, video_url: csBody.video });
		expect(done.faceswap_fail_reason).toBeUndefined();
	});

	it('forces a failure with nextJobs and reports the reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'No face detected', durationMs: 30 });
		const failing = (await call(TP_CREATE, { body: tpBody })).data;
		expect(failing).toMatchObject({ video_status: 1, video: '', resolution: '720' });
		const normal = (await call(TP_CREATE, { body: tpBody })).data;
		await sleep(60);
		expect((await call(VIDEO_INFO + failing._id)).data).toMatchObject({
			video_status: 4,
			video: '',
			faceswap_fail_reason: 'No face detected',
			error_reason: 'No face detected',
			deduction_credit: 0,
		});
		expect(mock.jobs.get(normal._id)).toMatchObject({ fail: false, durationMs: 200 });
	});

	it('polls seeded jobs in the faceswap, image and audio stores', async () => {
		const swap = mock.addJob({ store: 'faceswap', status: 3 });
		const queued = mock.addJob({ store: 'faceswap', durationMs: 10_000 });
		const image = mock.addJob({ store: 'image', status: 4, failReason: 'nsfw' });
		const audio = mock.addJob({ store: 'audio', status: 2, durationMs: 10_000 });
		const list = await call(`/api/open/v3/faceswap/result/listbyids?_ids=${swap._id},${queued._id},unknown`);
		expect(list.data.result).toHaveLength(2);
		expect(list.data.result[0]).toMatchObject({ _id: swap._id, faceswap_status: 3, url: `${mock.url}/files/${swap._id}.jpg` });
		expect(list.data.result[1]).toMatchObject({ faceswap_status: 1, url: '' });
		expect((await call(`/api/open/v3/content/image/infobymodelid?image_model_id=${image._id}`)).data).toMatchObject({
			image_status: 4,
			image: '',
			error_reason: 'nsfw',
		});
		expect((await call(`/api/open/v3/audio/infobymodelid?audio_model_id=${audio._id}`)).data).toMatchObject({ status: 2, url: '' });
		expect((await call(VIDEO_INFO + audio._id)).code).toBe(1008);
	});

	it('handles the image-to-video family: strict resultsByIds, effects, update audio, delete', async () => {
		mock.nextJobs({ durationMs: 600 });
		const created = await call(I2V_CREATE, { body: i2vBody });
		const createdAt = Date.now();
		expect(created.data).toMatchObject({ status: 1, resolution: '720p', audio_type: 3, deduction_credit: 20 });
		const id: string = created.data._id;
		const failed = { code: 1003, msg: 'Failed to get results' };
		expect(await call(I2V_RESULTS, { body: { _ids: [id] } })).toEqual(failed);
		expect(await call(I2V_RESULTS, { body: { ids: id } })).toEqual(failed);
		const running = await call(I2V_RESULTS, { body: { _ids: `${id},unknown` } });
		expect(running.data.result).toHaveLength(1);
		expect(running.data.result[0]).toMatchObject({ _id: id, video_url: '' });
		expect(running.data.result[0].status).toBeLessThan(3);

		const del = '/api/open/v4/image2Video/delbyids';
		const busy = await call(del, { body: { _ids: `${id},nope` } });
		expect(busy.data.successIds).toEqual([]);
		expect(busy.data.noPermissionItems.map((i: { _id: string }) => i._id)).toEqual([id, 'nope']);
		expect(busy.data.noPermissionItems[0].msg).toMatch(/processing/);

		const effects = await call('/api/open/v4/image2Video/effects');
		expect(effects.data.count).toBe(effects.data.result.length);
		expect(effects.data.result[0]).toHaveProperty('effect_code');

		const update = '/api/open/v4/image2Video/updateVideoAudio';
		expect((await call(update, { body: { pre_video_id: '000000000000000000000000', audio_type: 1 } })).code).toBe(1008);
		await sleep(630 - (Date.now() - createdAt));
		const done = await call(I2V_RESULTS, { body: { _ids: id } });
		expect(done.data.result[0]).toMatchObject({ status: 3, video_url: `${mock.url}/files/${id}.mp4` });
		const withAudio = await call(update, { body: { pre_video_id: id, audio_type: 2, audio_url: 'https://in.example/a.mp3' } });
		expect(withAudio.data).toMatchObject({ pre_video_id: id, status: 1, only_add_audio: true });

		expect((await call(del, { body: { _ids: id } })).data).toEqual({ successIds: [id], noPermissionItems: [] });
		expect((await call(I2V_RESULTS, { body: { _ids: id } })).data.result).toEqual([]);
		expect((await fetch(`${mock.url}/files/${id}.mp4`)).status).toBe(404);
	});

	it('puts unaffordable batch items in errorList', async () => {
		mock.setOptions({ credit: 50 });
		const batch = await call(`${I2V_CREATE}/batch`, { body: { ...i2vBody, count: 3, model_name: 'seedance-1-0-lite-i2v-250428' } });
		expect(batch.code).toBe(1000);
		expect(batch.data.successList).toHaveLength(2);
		expect(batch.data.successList[0]).toMatchObject({ status: 1, model_name: 'seedance-1-0-lite-i2v-250428', batch_count: 3 });
		expect(batch.data.errorList).toEqual([{ index: 2, code: 1006, msg: 'Your quota is not enough' }]);
		expect(mock.credit).toBe(10);
		expect((await call(`${I2V_CREATE}/batch`, { body: i2vBody })).code).toBe(1006);
	});
});

describe('faults', () => {
	const target = QUOTA;
	const get = (init: RequestInit = {}) => fetch(mock.url + target, { headers: { 'x-api-key': mock.apiKey }, ...init });

	it('answers HTTP error statuses once, then normally', async () => {
		for (const kind of ['500', '502', '503', '429'] as const) {
			mock.fault({ path: '/api/open/v3/faceswap', kind });
			const res = await get();
			expect(res.status).toBe(Number(kind));
			expect((await res.text()).length).toBeGreaterThan(0);
		}
		expect((await get()).status).toBe(200);
		expect(mock.requests.map((r) => r.fault)).toEqual(['500', '502', '503', '429', undefined]);
	});

	it('answers HTTP 4xx with an Akool {code, msg} envelope (4xx-envelope)', async () => {
		mock.fault({ path: target, kind: '4xx-envelope' });
		const plain = await get();
		expect(plain.status).toBe(400);
		expect(plain.headers.get('content-type')).toMatch(/application\/json/);
		expect(await plain.json()).toEqual({ code: 1003, msg: 'Parameter error' });

		mock.fault({ path: target, kind: '4xx-envelope', status: 401, code: 1101 });
		const auth = await get();
		expect([auth.status, await auth.json()]).toEqual([401, { code: 1101, msg: 'Invalid authorization or The request token has expired' }]);

		mock.fault({ path: '/api/', method: 'POST', kind: '4xx-envelope', status: 422, code: 1015, msg: 'custom' });
		const created = await fetch(mock.url + CS_CREATE, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
			body: JSON.stringify(csBody),
		});
		expect([created.status, await created.json()]).toEqual([422, { code: 1015, msg: 'custom' }]);
		expect(mock.jobs.size).toBe(0);
		expect((await get()).status).toBe(200);
		expect(mock.requests.map((r) => r.fault)).toEqual(['4xx-envelope', '4xx-envelope', '4xx-envelope', undefined]);

		expect(() => mock.fault({ path: target, kind: '4xx-envelope', status: 500 })).toThrow(/4xx/);
		expect(() => mock.fault({ path: target, kind: '4xx-envelope', code: 1.5 })).toThrow(/integer/);
	});

	it('sends Retry-After: 1 on 429 by default, a chosen value, or none (retryAfter: null)', async () => {
		mock.fault({ path: target, kind: '429' });
		mock.fault({ path: target, kind: '429', retryAfter: 7 });
		mock.fault({ path: target, kind: '429', retryAfter: null });
		mock.fault({ path: target, kind: '429', retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' });
		const answers: Array<[number, string | null]> = [];
		for (let i = 0; i < 4; i++) {
			const res = await get();
			answers.push([res.status, res.headers.get('retry-after')]);
		}
		expect(answers).toEqual([
			[429, '1'],
			[429, '7'],
			[429, null],
			[429, 'Wed, 21 Oct 2026 07:28:00 GMT'],
		]);
		expect(() => mock.fault({ path: target, kind: '429', retryAfter: -1 })).toThrow(/retryAfter/);
	});

	it('sends 1005 / 1015 business errors with HTTP 200 and honours method and count', async () => {
		mock.fault({ path: target, kind: '1005', count: 2 });
		mock.fault({ path: '/api/', method: 'POST', kind: '1015' });
		expect(await call(target)).toEqual({ code: 1005, msg: 'Operation too frequent' });
		expect(await call(target)).toEqual({ code: 1005, msg: 'Operation too frequent' });
		expect((await call(target)).code).toBe(1000);
		expect(await call(CS_CREATE, { body: csBody })).toEqual({ code: 1015, msg: 'Create video error, please try again later' });
		expect((await call(CS_CREATE, { body: csBody })).code).toBe(1000);
	});

	it('resets, hangs, sends malformed JSON, truncates and delays', async () => {
		mock.fault({ path: target, kind: 'reset' });
		await expect(get()).rejects.toThrow();

		mock.fault({ path: target, kind: 'hang' });
		await expect(get({ signal: AbortSignal.timeout(150) })).rejects.toThrow();

		mock.fault({ path: target, kind: 'malformed' });
		const bad = await get();
		expect(bad.status).toBe(200);
		expect(bad.headers.get('content-type')).toMatch(/application\/json/);
		await expect(bad.json()).rejects.toThrow();

		mock.fault({ path: '/files/', kind: 'truncate' });
		await expect(fetch(`${mock.url}/files/input.mp4`).then((r) => r.arrayBuffer())).rejects.toThrow();
		mock.fault({ path: target, kind: 'truncate' });
		await expect(get().then((r) => r.text())).rejects.toThrow();

		mock.fault({ path: target, kind: 'delay', delayMs: 120 });
		const t0 = Date.now();
		expect((await get()).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
	});

	it('faults /files downloads too', async () => {
		mock.fault({ path: '/files/', kind: '503' });
		expect((await fetch(`${mock.url}/files/x.mp4`)).status).toBe(503);
		expect((await fetch(`${mock.url}/files/x.mp4`)).status).toBe(200);
	});

	it('close() ends a hanging request promptly', async () => {
		mock.fault({ path: target, kind: 'hang' });
		const pending = get().then(
			() => 'answered',
			() => 'failed',
		);
		await waitFor(() => mock.requests.length === 1);
		const t0 = Date.now();
		await mock.close();
		expect(await pending).toBe('failed');
		expect(Date.now() - t0).toBeLessThan(1000);
	});
});

describe('files', () => {
	// Real media (no size asked for) is tested in mock-akool-media.test.ts; these jobs ask for a size.
	it('serves deterministic synthetic bytes of the size asked for, with content-type and content-length per store', async () => {
		const cases = [
			{ job: mock.addJob({ store: 'video', status: 3, fileSize: 1000 }), type: 'video/mp4', ext: 'mp4' },
			{ job: mock.addJob({ store: 'image', status: 3, fileSize: 777 }), type: 'image/png', ext: 'png' },
			{ job: mock.addJob({ store: 'audio', status: 3, fileSize: 1 }), type: 'audio/mpeg', ext: 'mp3' },
			{ job: mock.addJob({ store: 'faceswap', status: 3, fileSize: 4096 }), type: 'image/jpeg', ext: 'jpg' },
		];
		for (const { job, type, ext } of cases) {
			expect(job.fileName).toBe(`${job._id}.${ext}`);
			const res = await fetch(mock.resultUrl(job._id));
			expect(res.headers.get('content-type')).toBe(type);
			expect(res.headers.get('content-length')).toBe(String(job.fileSize));
			expect(mock.fileSize(job.fileName)).toBe(job.fileSize);
			const bytes = Buffer.from(await res.arrayBuffer());
			expect(bytes.equals(fileBytes(job.fileName, mock.fileSize(job.fileName)))).toBe(true);
			expect(await mock.fileSha256(job.fileName)).toBe(createHash('sha256').update(bytes).digest('hex'));
		}
		// The recipe is public: AES-256-CTR keystream, key = sha256('akool-mock-file:' + name), zero IV.
		const key = createHash('sha256').update('akool-mock-file:a.mp4').digest();
		const stream = createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(100));
		expect(fileBytes('a.mp4', 100).equals(stream)).toBe(true);
	});

	it('streams large files, 404s unfinished results and serves unknown names at the fileSize option', async () => {
		const big = mock.addJob({ store: 'i2v', status: 3, fileSize: 8 * 1024 * 1024 + 5 });
		const res = await fetch(mock.resultUrl(big._id));
		const hash = createHash('sha256');
		let length = 0;
		const reader = (res.body as ReadableStream<Uint8Array>).getReader();
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
			hash.update(chunk.value);
			length += chunk.value.length;
		}
		expect(length).toBe(big.fileSize);
		expect(hash.digest('hex')).toBe(await mock.fileSha256(big.fileName));

		const pending = mock.addJob({ store: 'video', durationMs: 10_000 });
		expect((await fetch(`${mock.url}/files/${pending.fileName}`)).status).toBe(404);

		mock.setOptions({ fileSize: 321 });
		const head = await fetch(`${mock.url}/files/input-face.png`, { method: 'HEAD' });
		expect([head.status, head.headers.get('content-length'), head.headers.get('content-type')]).toEqual([200, '321', 'image/png']);
	});
});

describe('callbacks', () => {
	it('delivers an encrypted character swap callback and retries after a 500', async () => {
		const receiver = await startReceiver([500]);
		try {
			const created = await call(CS_CREATE, { body: { ...csBody, webhookurl: receiver.url } });
			expect(created.data.webhookUrl).toBe(receiver.url);
			const id: string = created.data._id;
			await waitFor(() => (mock.jobs.get(id)?.callbacks.length ?? 0) === 2);
			const [first, second] = receiver.received;
			expect(second).toEqual(first); // the same envelope is re-sent
			expect(typeof first.timestamp).toBe('number');
			expect(typeof first.nonce).toBe('string');
			expect(signCallback(mock.clientId, first.timestamp, first.nonce, first.dataEncrypt)).toBe(first.signature);
			expect(JSON.parse(decryptCallback(first.dataEncrypt, mock.apiKey, mock.clientId))).toEqual({
				_id: id,
				status: 3,
				type: 'character swap',
				url: `${mock.url}/files/${id}.mp4`,
			});
			const job = mock.jobs.get(id);
			expect(job?.webhookField).toBe('webhookurl');
			expect(job?.callbacks.map((c) => [c.status, c.httpStatus])).toEqual([
				[3, 500],
				[3, 200],
			]);
			expect(mock.callbacksSent.map((c) => c.httpStatus)).toEqual([500, 200]);
			expect(mock.callbacksSent[0].payload).toEqual(mock.decrypt(first.dataEncrypt));
		} finally {
			await receiver.close();
		}
	});

	it('only calls back on the documented webhook spelling', async () => {
		const receiver = await startReceiver();
		try {
			const wrongTp = (await call(TP_CREATE, { body: { ...tpBody, webhookurl: receiver.url } })).data;
			const wrongI2v = (await call(I2V_CREATE, { body: { ...i2vBody, webhookUrl: receiver.url } })).data;
			const rightTp = (await call(TP_CREATE, { body: { ...tpBody, webhookUrl: receiver.url } })).data;
			await waitFor(() => receiver.received.length === 1);
			await sleep(50);
			expect(receiver.received).toHaveLength(1);
			expect(mock.decrypt(receiver.received[0].dataEncrypt)).toMatchObject({ _id: rightTp._id, status: 3, type: 'talking photo' });
			expect(mock.jobs.get(wrongTp._id)).toMatchObject({ webhookField: 'webhookurl', webhookAccepted: false });
			expect(mock.jobs.get(wrongI2v._id)).toMatchObject({ webhookField: 'webhookUrl', webhookAccepted: false, callbacks: [] });
		} finally {
			await receiver.close();
		}
	});

	it('sends interim and failure callbacks, and gives up after callbackRetries', async () => {
		const receiver = await startReceiver([500, 500, 500, 500, 500, 500]);
		try {
			mock.setOptions({ sendInterimCallbacks: true, callbackRetries: 1, callbackRetryDelayMs: 5 });
			mock.nextJobs({ fail: true, failReason: 'bad image' });
			const id: string = (await call(I2V_CREATE, { body: { ...i2vBody, webhookurl: receiver.url } })).data._id;
			await waitFor(() => (mock.jobs.get(id)?.callbacks.length ?? 0) === 4);
			await sleep(30);
			const payloads = receiver.received.map((r) => mock.decrypt(r.dataEncrypt));
			expect(payloads).toEqual([
				{ _id: id, status: 2, type: 'image2video', url: '' },
				{ _id: id, status: 2, type: 'image2video', url: '' },
				{ _id: id, status: 4, type: 'image2video', url: '' },
				{ _id: id, status: 4, type: 'image2video', url: '' },
			]);
			expect((await call(I2V_RESULTS, { body: { _ids: id } })).data.result[0]).toMatchObject({ status: 4, error_reason: 'bad image' });
		} finally {
			await receiver.close();
		}
	});

	it('delivers forged callbacks on demand and logs connection errors', async () => {
		const receiver = await startReceiver();
		try {
			const forged = await mock.deliverCallback(receiver.url, { _id: 'x', status: 3, type: 'faceswap', url: '' }, {
				signatureOverride: '0'.repeat(40),
			});
			expect(forged.status).toBe(200);
			expect(receiver.received[0].signature).toBe('0'.repeat(40));
		} finally {
			await receiver.close();
		}
		await expect(mock.deliverCallback(receiver.url, { _id: 'y' })).rejects.toThrow();
		expect(mock.callbacksSent[1].error).toBeDefined();
	});
});

describe('callback options', () => {
	it('has the documented defaults', () => {
		expect(DEFAULTS).toMatchObject({ keepCallbackQuery: true, resignCallbackRetries: false, strict: true });
	});

	it('keeps the webhook URL query string by default and strips it with keepCallbackQuery: false', async () => {
		const receiver = await startReceiver();
		try {
			const hook = `${receiver.url}?signature=abc&x=1`;
			const kept = (await call(CS_CREATE, { body: { ...csBody, webhookurl: hook } })).data._id as string;
			await waitFor(() => receiver.received.length === 1);
			expect(receiver.paths).toEqual(['/webhook?signature=abc&x=1']);

			mock.setOptions({ keepCallbackQuery: false });
			const stripped = (await call(CS_CREATE, { body: { ...csBody, webhookurl: hook } })).data;
			expect(stripped.webhookUrl).toBe(hook); // the record still echoes what was sent
			await waitFor(() => receiver.received.length === 2);
			await mock.deliverCallback(hook, { _id: 'x', status: 3, type: 'faceswap', url: '' });
			expect(receiver.paths).toEqual(['/webhook?signature=abc&x=1', '/webhook', '/webhook']);
			expect(mock.callbacksSent.map((c) => [c.jobId, c.url])).toEqual([
				[kept, hook],
				[stripped._id, receiver.url],
				[undefined, receiver.url],
			]);
		} finally {
			await receiver.close();
		}
	});

	it('re-signs every retry with resignCallbackRetries: true (default: the same envelope)', async () => {
		const receiver = await startReceiver([500, 503]);
		try {
			mock.setOptions({ resignCallbackRetries: true });
			const id = (await call(CS_CREATE, { body: { ...csBody, webhookurl: receiver.url } })).data._id as string;
			await waitFor(() => (mock.jobs.get(id)?.callbacks.length ?? 0) === 3);
			const sent = receiver.received;
			expect(sent).toHaveLength(3);
			for (const envelope of sent) {
				expect(signCallback(mock.clientId, envelope.timestamp, envelope.nonce, envelope.dataEncrypt)).toBe(envelope.signature);
				expect(mock.decrypt(envelope.dataEncrypt)).toEqual({ _id: id, status: 3, type: 'character swap', url: mock.resultUrl(id) });
			}
			expect(new Set(sent.map((e) => e.signature)).size).toBe(3);
			expect(new Set(sent.map((e) => e.nonce)).size).toBe(3);
			expect(sent[1].timestamp).toBeGreaterThan(sent[0].timestamp);
			expect(sent[2].timestamp).toBeGreaterThan(sent[1].timestamp);
			expect(mock.jobs.get(id)?.callbacks.map((c) => c.httpStatus)).toEqual([500, 503, 200]);
		} finally {
			await receiver.close();
		}
	});
});

describe('logging, control API and CLI', () => {
	it('logs every request and filters API calls', async () => {
		await call(CS_CREATE, { body: csBody });
		await fetch(`${mock.url}/files/a.mp4`).then((r) => r.arrayBuffer());
		await fetch(`${mock.url}/__mock/health`);
		expect(mock.requests.map((r) => r.path)).toEqual([CS_CREATE, '/files/a.mp4', '/__mock/health']);
		expect(mock.apiRequests()).toHaveLength(1);
		expect(mock.apiRequests()[0]).toMatchObject({ method: 'POST', body: csBody, query: {} });
		expect(mock.apiRequests()[0].headers['x-api-key']).toBe(mock.apiKey);
		mock.clearLog();
		expect(mock.requests).toHaveLength(0);
	});

	it('exposes faults, seeded jobs and state over /__mock', async () => {
		const post = (route: string, body: unknown) =>
			fetch(mock.url + route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		expect((await post('/__mock/fault', { path: QUOTA, kind: '1005' })).status).toBe(200);
		expect((await call(QUOTA)).code).toBe(1005);
		const seeded = (await (await post('/__mock/jobs', { store: 'image', status: 3 })).json()) as { _id: string; status: number };
		expect(seeded.status).toBe(3);
		const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { jobs: Array<{ _id: string }> };
		expect(state.jobs.map((j) => j._id)).toEqual([seeded._id]);
		expect((await post('/__mock/fault', { path: QUOTA, kind: 'nonsense' })).status).toBe(400);

		expect((await post('/__mock/fault', { path: QUOTA, kind: '4xx-envelope', status: 403, code: 1009 })).status).toBe(200);
		const denied = await fetch(mock.url + QUOTA, { headers: { 'x-api-key': mock.apiKey } });
		expect([denied.status, ((await denied.json()) as Envelope).code]).toEqual([403, 1009]);
		expect((await post('/__mock/fault', { path: QUOTA, kind: '429', retryAfter: null })).status).toBe(200);
		const limited = await fetch(mock.url + QUOTA, { headers: { 'x-api-key': mock.apiKey } });
		expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, null]);

		expect((await post('/__mock/options', { keepCallbackQuery: false, resignCallbackRetries: true, strict: false })).status).toBe(200);
		const { options } = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { options: Record<string, unknown> };
		expect(options).toMatchObject({ keepCallbackQuery: false, resignCallbackRetries: true, strict: false });
		expect((await post('/__mock/options', { keepCallbackQuery: 'no' })).status).toBe(400);
	});

	it('runs standalone from cli.js and stops on SIGTERM', async () => {
		const cli = await startMockCli({ MOCK_AKOOL_JOB_MS: '50' });
		try {
			expect(cli.out.split('\n')[0]).toBe(`Akool mock listening on ${cli.url}`);
			const apiKey = /API key[^:]*: (\S+)/.exec(cli.out)?.[1];
			expect(cli.url).toBeDefined();
			const res = await fetch(`${cli.url}${QUOTA}`, { headers: { 'x-api-key': apiKey as string } });
			expect(await res.json()).toEqual({ code: 1000, msg: 'OK', data: { credit: 1000 } });
		} finally {
			expect(await cli.stop()).toBe(0);
		}
	});
});
