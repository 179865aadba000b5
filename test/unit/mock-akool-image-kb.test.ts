/**
 * Tests of the Akool mock's Image (v3 create and buttons, v4 create), Head Swap v4, Jarvis Moderator,
 * Knowledge Base routes and the image-to-video model without resolutions (test/mock-akool): real
 * HTTP over loopback with global fetch.
 */
import { type MockAkool } from '../mock-akool';
import { invalid, NOT_FOUND, QUOTA_LOW, required, startReceiver, useMockPerTest, waitFor } from './mock-helpers';

const JOB_MS = 100;
let mock: MockAkool;
const { send, call, expectRejected } = useMockPerTest({ jobDurationMs: JOB_MS, callbackRetryDelayMs: 20 }, (started) => (mock = started));

const V3_CREATE = '/api/open/v3/content/image/createbyprompt';
const V3_BUTTON = '/api/open/v3/content/image/createbybutton';
const V4_CREATE = '/api/open/v4/content/image/createBySourcePrompt';
const IMAGE_INFO = '/api/open/v3/content/image/infobymodelid?image_model_id=';
const HS = '/api/open/v4/headswap';
const HS_ANALYZE = `${HS}/analyze`;
const HS_ANALYSIS = `${HS}/analyze/detail?_id=`;
const HS_CREATE = `${HS}/task/create`;
const HS_TASK = `${HS}/task/detail?_id=`;
const SENTIMENT = '/api/open/v3/content/analysis/sentiment';
const ANALYSIS = '/api/open/v3/content/analysis/infobyid?_id=';
const KB = '/api/open/v4/knowledge';
const MODELS = '/api/open/v4/aigModel/list';
const BATCH = '/api/open/v4/image2Video/createBySourcePrompt/batch';

const KREA = 'wavespeed-ai/flux-krea-dev-lora';
const KONTEXT = 'wavespeed-ai/flux-kontext-dev';
const KLING = 'kwaivgi/kling-v3.0-std/image-to-video';
const BUTTONS = ['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4'];
const VIDEO = 'https://in.example/clips/two-people.mp4';
const HEX24 = /^[0-9a-f]{24}$/;

/** Waits until the job reached status 3 (or 4). */
const finished = (id: string) => waitFor(() => (mock.jobs.get(id)?.status ?? 0) >= 3);

/** One create with the receiver as webhook; resolves with the decrypted final payload and the job. */
async function finalPayload(route: string, body: Record<string, unknown>, field: 'webhookUrl' | 'webhookurl', pick = (data: any) => data._id as string) {
	const receiver = await startReceiver();
	try {
		const answer = await call(route, { ...body, [field]: receiver.url });
		expect(answer.code).toBe(1000);
		const id = pick(answer.data);
		await waitFor(() => receiver.received.length >= 1);
		return { id, job: mock.jobs.get(id)!, payload: mock.decrypt(receiver.received[0].dataEncrypt) as { _id: string; status: number; type: string; url: string } };
	} finally {
		await receiver.close();
	}
}

/** Any method (the helpers only send GET / POST). */
async function request(method: string, route: string, body?: unknown) {
	const res = await fetch(mock.url + route, {
		method,
		headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as any };
}

describe('Image v3 (#38, #40)', () => {
	it('createbyprompt answers the documented record; at 3 the grid offers the eight buttons and the png', async () => {
		mock.nextJobs({ durationMs: 400 });
		const created = await call(V3_CREATE, { prompt: 'four cats', scale: '16:9', source_image: 'https://in.example/sketch.jpg' });
		expect(created).toMatchObject({ code: 1000, msg: 'OK' });
		const id = created.data._id;
		expect(id).toMatch(HEX24);
		expect(Object.keys(created.data).sort()).toEqual(
			['_id', 'image_status', 'image', 'buttons', 'used_buttons', 'upscaled_urls', 'deduction_credit', 'prompt', 'origin_prompt', 'source_image', 'uid', 'create_time', 'type', 'from', 'faceswap_quality'].sort(),
		);
		expect(created.data).toMatchObject({ image_status: 1, buttons: [], used_buttons: [], upscaled_urls: [], prompt: 'four cats', origin_prompt: 'four cats', source_image: 'https://in.example/sketch.jpg', deduction_credit: 1 });
		expect(mock.credit).toBe(999);
		const running = (await call(IMAGE_INFO + id)).data;
		expect(running).toMatchObject({ image: '', buttons: [], upscaled_urls: [] });
		expect(running.image_status).toBeLessThan(3);
		await finished(id);
		const done = (await call(IMAGE_INFO + id)).data;
		expect(done).toMatchObject({ image_status: 3, image: mock.resultUrl(id), buttons: BUTTONS, used_buttons: [], upscaled_urls: [] });
		const file = await fetch(done.image);
		expect(file.headers.get('content-type')).toBe('image/png');
		await file.arrayBuffer();
	});

	it('strict rules: prompt required, scale from the list, source_image a string, webhookUrl a string', async () => {
		await expectRejected([
			[V3_CREATE, {}, required('prompt')],
			[V3_CREATE, { prompt: '' }, required('prompt')],
			[V3_CREATE, { prompt: 'x', scale: '5:4' }, invalid('scale')],
			[V3_CREATE, { prompt: 'x', source_image: 5 }, invalid('source_image')],
			[V3_CREATE, { prompt: 'x', webhookUrl: 1 }, invalid('webhookUrl')],
		]);
	});

	it('the "image" callback goes to webhookUrl only', async () => {
		const { id, payload, job } = await finalPayload(V3_CREATE, { prompt: 'x' }, 'webhookUrl');
		expect(job.webhookAccepted).toBe(true);
		expect(payload).toEqual({ _id: id, status: 3, type: 'image', url: mock.resultUrl(id) });
		const other = await call(V3_CREATE, { prompt: 'x', webhookurl: 'http://127.0.0.1:9/hook' });
		expect(mock.jobs.get(other.data._id)).toMatchObject({ webhookField: 'webhookurl', webhookAccepted: false });
	});
});

describe('Image v3 buttons (#39)', () => {
	async function finishedGrid() {
		const id = (await call(V3_CREATE, { prompt: 'grid' })).data._id as string;
		await finished(id);
		return id;
	}

	it('U2 makes a new job from the finished grid and marks the button used; the same button again → 1011', async () => {
		const origin = await finishedGrid();
		const up = await call(V3_BUTTON, { _id: origin, button: 'U2' });
		expect(up.code).toBe(1000);
		expect(up.data).toMatchObject({ image_status: 1, image: '', image_content_model_id: origin, op_button: 'U2', prompt: 'grid' });
		expect(up.data._id).not.toBe(origin);
		expect(typeof up.data.op_buttonMessageId).toBe('string');
		expect((await call(IMAGE_INFO + origin)).data.used_buttons).toEqual(['U2']);
		expect(await call(V3_BUTTON, { _id: origin, button: 'U2' })).toEqual({ code: 1011, msg: 'content already operated' });
		// Another button of the same grid is still free.
		expect((await call(V3_BUTTON, { _id: origin, button: 'V1' })).code).toBe(1000);
		expect((await call(IMAGE_INFO + origin)).data.used_buttons).toEqual(['U2', 'V1']);
		// An upscale is one picture: its URL in upscaled_urls, no buttons, cannot be operated.
		await finished(up.data._id);
		const upscaled = (await call(IMAGE_INFO + up.data._id)).data;
		expect(upscaled).toMatchObject({ image_status: 3, buttons: [], upscaled_urls: [mock.resultUrl(up.data._id)] });
		expect(await call(V3_BUTTON, { _id: up.data._id, button: 'U1' })).toEqual({ code: 1010, msg: 'content cannot be operated' });
	});

	it('a variation is a grid again; unknown → 1008; unfinished, v4 or seeded without variant → 1010; bad button → 1003', async () => {
		const origin = await finishedGrid();
		const vary = (await call(V3_BUTTON, { _id: origin, button: 'V3' })).data._id as string;
		await finished(vary);
		expect((await call(IMAGE_INFO + vary)).data.buttons).toEqual(BUTTONS);

		mock.nextJobs({ durationMs: 60_000 });
		const running = (await call(V3_CREATE, { prompt: 'slow' })).data._id as string;
		const v4 = (await call(V4_CREATE, { prompt: 'v4' })).data._id as string;
		await finished(v4);
		const seeded = mock.addJob({ store: 'image', status: 3 });
		const seededGrid = mock.addJob({ store: 'image', status: 3, variant: 'v3' });
		const cannot = { code: 1010, msg: 'content cannot be operated' };
		await expectRejected([
			[V3_BUTTON, { _id: '670000000000000000000001', button: 'U1' }, NOT_FOUND],
			[V3_BUTTON, { _id: running, button: 'U1' }, cannot],
			[V3_BUTTON, { _id: v4, button: 'U1' }, cannot],
			[V3_BUTTON, { _id: seeded._id, button: 'U1' }, cannot],
			[V3_BUTTON, { _id: origin, button: 'U5' }, invalid('button')],
			[V3_BUTTON, { _id: origin, button: 'u1' }, invalid('button')],
			[V3_BUTTON, { _id: origin }, required('button')],
			[V3_BUTTON, { button: 'U1' }, required('_id')],
		]);
		expect((await call(IMAGE_INFO + seeded._id)).data.buttons).toEqual([]);
		expect((await call(V3_BUTTON, { _id: seededGrid._id, button: 'U4' })).code).toBe(1000);
	});
});

describe('Image v4 (#41)', () => {
	it('one image (batch_quantity absent or 1) answers an OBJECT, several an ARRAY of records, one job each', async () => {
		const single = await call(V4_CREATE, { prompt: 'a kite' });
		expect(Array.isArray(single.data)).toBe(false);
		expect(single.data).toMatchObject({ image_status: 1, model_name: KREA, provider: 'wavespeed-ai', type: 4, from: 4, sub_type: 40001, prompt: 'a kite', resolution: '4k' });
		expect(Array.isArray((await call(V4_CREATE, { prompt: 'one', batch_quantity: 1 })).data)).toBe(false);

		const jobsBefore = mock.jobs.size;
		const credit = mock.credit;
		const three = await call(V4_CREATE, { prompt: 'three', batch_quantity: 3, resolution: '1080p', scale: '16:9', negative_prompt: 'blur' });
		expect(Array.isArray(three.data)).toBe(true);
		expect(three.data).toHaveLength(3);
		const ids: string[] = three.data.map((r: { _id: string }) => r._id);
		expect(new Set(ids).size).toBe(3);
		expect(mock.jobs.size).toBe(jobsBefore + 3);
		expect(mock.credit).toBe(credit - 3);
		for (const id of ids) {
			await finished(id);
			expect((await call(IMAGE_INFO + id)).data).toMatchObject({ image_status: 3, image: mock.resultUrl(id), upscaled_urls: [mock.resultUrl(id)], buttons: [], sub_type: 40001 });
		}
	});

	it('image→image: kontext with source_images (sub_type 40002, scale Original); the model follows source_images', async () => {
		const kontext = await call(V4_CREATE, { prompt: 'winter', model_name: KONTEXT, source_images: ['https://in.example/a.jpg'], scale: 'Original', similar: 0.7 });
		expect(kontext.data).toMatchObject({ model_name: KONTEXT, sub_type: 40002, source_image: 'https://in.example/a.jpg', scale: 'Original' });
		expect((await call(V4_CREATE, { prompt: 'auto', source_images: ['https://in.example/b.jpg'] })).data).toMatchObject({ model_name: KONTEXT, sub_type: 40002 });
	});

	it('strict rules: kontext without source_images is Akool\'s own 1003; enums, ranges and types', async () => {
		await expectRejected([
			[V4_CREATE, { model_name: KREA }, required('prompt')],
			[V4_CREATE, { prompt: 'x', model_name: KONTEXT }, { code: 1003, msg: 'source_images is required for image-to-image model' }],
			[V4_CREATE, { prompt: 'x', model_name: 'flux-dev' }, invalid('model_name')],
			[V4_CREATE, { prompt: 'x', scale: 'Original' }, invalid('scale')],
			[V4_CREATE, { prompt: 'x', source_images: 'https://in.example/a.jpg' }, invalid('source_images')],
			[V4_CREATE, { prompt: 'x', source_images: [''] }, invalid('source_images[0]')],
			[V4_CREATE, { prompt: 'x', resolution: '720p' }, invalid('resolution')],
			[V4_CREATE, { prompt: 'x', batch_quantity: 5 }, invalid('batch_quantity')],
			[V4_CREATE, { prompt: 'x', batch_quantity: 0 }, invalid('batch_quantity')],
			[V4_CREATE, { prompt: 'x', batch_quantity: '2' }, invalid('batch_quantity')],
			[V4_CREATE, { prompt: 'x', batch_quantity: 1.5 }, invalid('batch_quantity')],
			[V4_CREATE, { prompt: 'x', similar: 1.5 }, invalid('similar')],
			[V4_CREATE, { prompt: 'x', negative_prompt: 3 }, invalid('negative_prompt')],
			[V4_CREATE, { prompt: 'x', webhookurl: true }, invalid('webhookurl')],
		]);
		mock.setOptions({ credit: 2 });
		await expectRejected([[V4_CREATE, { prompt: 'x', batch_quantity: 3 }, QUOTA_LOW]]);
	});

	it('the callback goes to the lowercase webhookurl (type "image"); webhookUrl is recorded only', async () => {
		const { id, payload } = await finalPayload(V4_CREATE, { prompt: 'x' }, 'webhookurl');
		expect(payload).toEqual({ _id: id, status: 3, type: 'image', url: mock.resultUrl(id) });
		const other = await call(V4_CREATE, { prompt: 'x', webhookUrl: 'http://127.0.0.1:9/hook' });
		expect(mock.jobs.get(other.data._id)).toMatchObject({ webhookField: 'webhookUrl', webhookAccepted: false });
	});
});

describe('Head Swap v4 (#51–#54)', () => {
	async function finishedAnalysis(url = VIDEO) {
		const id = (await call(HS_ANALYZE, { video_url: url, type: 'head' })).data._id as string;
		await finished(id);
		return id;
	}
	const task = (mappings: unknown, extra: Record<string, unknown> = {}) => ({ video_url: VIDEO, mappings, model_name: 'akool-premium', resolution: '720p', ...extra });

	it('analyze: "Analyze success" and the documented record; the detail has analysis_result only at 3', async () => {
		mock.nextJobs({ durationMs: 300 });
		const created = await call(HS_ANALYZE, { video_url: VIDEO, type: 'head' });
		expect(created.msg).toBe('Analyze success');
		expect(Object.keys(created.data).sort()).toEqual(
			['_id', 'create_time', 'uid', 'team_id', 'video_url', 'type', 'status', 'task_id', 'progress', 'analysis_result', 'error_reason', 'error_code'].sort(),
		);
		const id = created.data._id;
		expect(created.data).toMatchObject({ video_url: VIDEO, type: 'head', status: 1, progress: 0, analysis_result: null });
		expect(created.data.task_id).toMatch(HEX24);
		expect(created.data.task_id).not.toBe(id);
		const running = (await call(HS_ANALYSIS + id)).data;
		expect(running).toMatchObject({ analysis_result: null, video_url: VIDEO });
		expect(running.status).toBeLessThan(3);
		await finished(id);
		const done = (await call(HS_ANALYSIS + id)).data;
		expect(done).toMatchObject({ status: 3, progress: 100, video_url: VIDEO });
		expect(done.analysis_result).toEqual({
			detected_objects: 2,
			media: [0, 1].map((k) => ({ obj_id: k, img_url: `${mock.url}/files/${id}-head-${k}.jpg`, media_type: 'images' })),
			video_info: { width: 1280, height: 720, fps: 25, frame_count: 250 },
		});
		const solo = await finishedAnalysis('https://in.example/SOLO-talk.mp4');
		expect((await call(HS_ANALYSIS + solo)).data.analysis_result.media).toHaveLength(1);
		expect(mock.credit).toBe(1000);
	});

	it('analyze and detail rules: http(s) video_url, type "head"; unknown ids and the other store\'s → 1014', async () => {
		await expectRejected([
			[HS_ANALYZE, { type: 'head' }, required('video_url')],
			[HS_ANALYZE, { video_url: 'ftp://in.example/a.mp4', type: 'head' }, invalid('video_url')],
			[HS_ANALYZE, { video_url: VIDEO }, required('type')],
			[HS_ANALYZE, { video_url: VIDEO, type: 'person' }, invalid('type')],
		]);
		const analysis = await finishedAnalysis();
		const notFound = { code: 1014, msg: 'Resource does not exist' };
		expect(await call(`${HS_ANALYSIS}670000000000000000000001`)).toEqual(notFound);
		expect(await call(HS_TASK + analysis)).toEqual(notFound);
		expect(await call(`${HS}/task/detail`)).toEqual(required('_id'));
	});

	it('create: the documented answer, video_url null until 3, the video at 3, a "headswap" callback; 720p costs 16', async () => {
		await finishedAnalysis();
		mock.nextJobs({ durationMs: 400 });
		const created = await call(HS_CREATE, task([{ obj_id: 1, img_url: 'https://in.example/a.png' }, { obj_id: 0, img_url: 'https://in.example/b.png' }], { template_id: 'tpl', keep_original_sound: false }));
		expect(created.code).toBe(1000);
		expect(Object.keys(created.data).sort()).toEqual(
			['_id', 'create_time', 'uid', 'team_id', 'video_duration', 'task_id', 'resolution', 'status', 'deduction_lock_duration', 'model_name', 'file_name', 'video_url'].sort(),
		);
		expect(created.data).toMatchObject({ status: 1, resolution: '720p', model_name: 'akool-premium', video_url: null });
		expect(mock.credit).toBe(1000 - 16);
		const id = created.data._id;
		const running = (await call(HS_TASK + id)).data;
		expect(running).toMatchObject({ video_url: null, source_video_url: VIDEO, error_reason: '', error_code: 0 });
		expect(running.status).toBeLessThan(3);
		await finished(id);
		const done = (await call(HS_TASK + id)).data;
		expect(done).toMatchObject({ status: 3, progress: 100, video_url: mock.resultUrl(id), source_video_url: VIDEO, resolution: '720p' });
		expect(mock.resultUrl(id)).toMatch(/\.mp4$/);

		const { id: hooked, payload } = await finalPayload(HS_CREATE, task([{ obj_id: 0, img_url: 'https://in.example/a.png' }]), 'webhookUrl');
		expect(payload).toEqual({ _id: hooked, status: 3, type: 'headswap', url: mock.resultUrl(hooked) });
	});

	it('create rules: the IDENTICAL video_url of a completed analysis, mappings 1–5 of its obj_ids, the required enums', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		await call(HS_ANALYZE, { video_url: 'https://in.example/slow.mp4', type: 'head' });
		await finishedAnalysis();
		const one = [{ obj_id: 0, img_url: 'https://in.example/a.png' }];
		const six = Array.from({ length: 6 }, (_, k) => ({ obj_id: k, img_url: `https://in.example/${k}.png` }));
		const noMatch = { code: 1003, msg: 'video_url does not match a completed analysis' };
		await expectRejected([
			[HS_CREATE, task(one, { video_url: `${VIDEO}?v=2` }), noMatch],
			[HS_CREATE, task(one, { video_url: VIDEO.toUpperCase() }), noMatch],
			[HS_CREATE, task(one, { video_url: 'https://in.example/slow.mp4' }), noMatch],
			[HS_CREATE, task(six), { code: 1003, msg: 'Up to 5 characters can be replaced at one time.' }],
			[HS_CREATE, task([]), required('mappings')],
			[HS_CREATE, task([{ obj_id: 0, img_url: 'https://in.example/a.png' }, { obj_id: 0, img_url: 'https://in.example/b.png' }]), invalid('mappings[1].obj_id')],
			[HS_CREATE, task([{ obj_id: 2, img_url: 'https://in.example/a.png' }]), invalid('mappings[0].obj_id')],
			[HS_CREATE, task([{ obj_id: '0', img_url: 'https://in.example/a.png' }]), invalid('mappings[0].obj_id')],
			[HS_CREATE, task([{ obj_id: 0 }]), required('mappings[0].img_url')],
			[HS_CREATE, task(one, { model_name: undefined }), required('model_name')],
			[HS_CREATE, task(one, { model_name: 'akool-basic' }), invalid('model_name')],
			[HS_CREATE, task(one, { resolution: undefined }), required('resolution')],
			[HS_CREATE, task(one, { resolution: '1080p' }), invalid('resolution')],
			[HS_CREATE, task(one, { keep_original_sound: 'yes' }), invalid('keep_original_sound')],
			[HS_CREATE, task(one, { video_url: undefined }), required('video_url')],
		]);
		mock.setOptions({ credit: 15 });
		await expectRejected([[HS_CREATE, task(one), { code: 1104, msg: 'Insufficient credit balance' }]]);
		mock.setOptions({ credit: 12 });
		expect((await call(HS_CREATE, task(one, { resolution: '480p' }))).code).toBe(1000);
		expect(mock.credit).toBe(0);
	});
});

describe('Jarvis Moderator (#55, #56)', () => {
	it('the documented answer; result and final_conclusion are "" until 3; image costs 0.2', async () => {
		mock.nextJobs({ durationMs: 300 });
		const created = await call(SENTIMENT, { content: 'https://in.example/photo.jpg', type: 1, language: 'en', input: 'Flag weapons' });
		expect(Object.keys(created.data).sort()).toEqual(['_id', 'status', 'type', 'result', 'create_time', 'uid', '__v'].sort());
		expect(created.data).toMatchObject({ status: 1, type: 1, result: '', __v: 0 });
		expect(mock.credit).toBeCloseTo(999.8, 5);
		const id = created.data._id;
		const running = (await call(ANALYSIS + id)).data;
		expect(running).toMatchObject({ type: 1, result: '', final_conclusion: '' });
		expect(running.status).toBeLessThan(3);
		await finished(id);
		const done = (await call(ANALYSIS + id)).data;
		expect(done).toMatchObject({ _id: id, status: 3, type: 1, final_conclusion: 'Compliant' });
		expect(done.result.length).toBeGreaterThan(0);
		expect(mock.requests.some((r) => r.path.startsWith('/files/'))).toBe(false);
		expect(await call(`${ANALYSIS}670000000000000000000001`)).toEqual(NOT_FOUND);
	});

	it('deterministic verdicts: "unsafe" → Non-Compliant, "unclear" → Unknown, else Compliant (text and URLs)', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ type: 4, content: 'This text is UNSAFE for children.' }, 'Non-Compliant'],
			[{ type: 4, content: 'The meaning is unclear.' }, 'Unknown'],
			[{ type: 4, content: 'unclear but unsafe' }, 'Non-Compliant'],
			[{ type: 4, content: 'Hello there' }, 'Compliant'],
			[{ type: 2, content: 'https://in.example/unsafe-clip.mp4' }, 'Non-Compliant'],
			[{ type: 3, content: 'https://in.example/unclear.mp3' }, 'Unknown'],
			[{ type: 4, content: 'https://in.example/notes.txt' }, 'Compliant'],
		];
		const ids: string[] = [];
		for (const [body] of cases) ids.push((await call(SENTIMENT, body)).data._id);
		for (const id of ids) await finished(id);
		const verdicts = await Promise.all(ids.map(async (id) => (await call(ANALYSIS + id)).data.final_conclusion));
		expect(verdicts).toEqual(cases.map(([, verdict]) => verdict));
	});

	it('strict rules: content and type required; types 1–3 need an http(s) URL; text ≤ 100000; a "sentiment" callback', async () => {
		await expectRejected([
			[SENTIMENT, { type: 4 }, required('content')],
			[SENTIMENT, { content: 'hello' }, required('type')],
			[SENTIMENT, { content: 'hello', type: 5 }, invalid('type')],
			[SENTIMENT, { content: 'hello', type: '4' }, invalid('type')],
			[SENTIMENT, { content: 'not a link', type: 1 }, invalid('content')],
			[SENTIMENT, { content: 'ftp://in.example/a.mp3', type: 3 }, invalid('content')],
			[SENTIMENT, { content: 'x'.repeat(100001), type: 4 }, invalid('content')],
			[SENTIMENT, { content: 'hello', type: 4, language: 1 }, invalid('language')],
			[SENTIMENT, { content: 'hello', type: 4, input: false }, invalid('input')],
		]);
		expect((await call(SENTIMENT, { content: 'x'.repeat(100000), type: 4 })).code).toBe(1000);
		const { id, payload } = await finalPayload(SENTIMENT, { content: 'fine words', type: 4 }, 'webhookUrl');
		expect(payload).toEqual({ _id: id, status: 3, type: 'sentiment', url: '' });
	});
});

describe('Failures and seeded jobs of the new stores', () => {
	it('failed analyses and tasks show error_reason with error_code 2001 (head swap v4) and 1212 (Jarvis)', async () => {
		const analysis = mock.addJob({ store: 'headSwapAnalysisV4', status: 3, fields: { video_url: VIDEO } });
		expect((await call(HS_ANALYSIS + analysis._id)).data.analysis_result.media).toHaveLength(2);
		mock.nextJobs({ fail: true, failReason: 'no heads', durationMs: 0 }, 2);
		const task = (await call(HS_CREATE, { video_url: VIDEO, mappings: [{ obj_id: 1, img_url: 'https://in.example/a.png' }], model_name: 'akool-premium', resolution: '480p' })).data._id;
		const verdict = (await call(SENTIMENT, { content: 'https://in.example/a.jpg', type: 1 })).data._id;
		expect((await call(HS_TASK + task)).data).toMatchObject({ status: 4, video_url: null, error_reason: 'no heads', error_code: 2001 });
		expect((await call(ANALYSIS + verdict)).data).toMatchObject({ status: 4, result: '', final_conclusion: '', error_reason: 'no heads', error_code: 1212 });
		const failedAnalysis = mock.addJob({ store: 'headSwapAnalysisV4', status: 4, fields: { video_url: 'https://in.example/x.mp4' } });
		expect((await call(HS_ANALYSIS + failedAnalysis._id)).data).toMatchObject({ status: 4, analysis_result: null, error_code: 2001 });
		const seeded = mock.addJob({ store: 'moderation', status: 3, fields: { content: 'unclear' } });
		expect((await call(ANALYSIS + seeded._id)).data.final_conclusion).toBe('Unknown');
	});
});

describe('Knowledge Base (#58–#62)', () => {
	const docs = [
		{ name: 'faq.pdf', url: 'https://in.example/faq.pdf', size: 204800 },
		{ name: 'prices.csv', url: 'https://in.example/prices.csv', size: 1024 },
	];

	it('create → detail → update → list → DELETE with a JSON body → 1232', async () => {
		const created = await call(`${KB}/create`, { name: 'Support', prologue: 'Hi!', prompt: 'Be brief.', docs, urls: ['https://in.example/help'] });
		expect(created.code).toBe(1000);
		const kb = created.data;
		expect(kb._id).toMatch(HEX24);
		expect(Object.keys(kb).sort()).toEqual(['_id', 'uid', 'team_id', 'user_type', 'from', 'name', 'prologue', 'prompt', 'docs', 'urls', 'create_time', 'update_time'].sort());
		expect(kb).toMatchObject({ name: 'Support', prologue: 'Hi!', prompt: 'Be brief.', docs, urls: ['https://in.example/help'], from: 2 });
		expect(mock.jobs.size).toBe(0);
		expect(mock.credit).toBe(1000);

		expect((await call(`${KB}/detail?id=${kb._id}`)).data).toEqual(kb);
		const updated = await call(`${KB}/update`, { id: kb._id, prologue: '', prompt: 'Be kind.' });
		expect(updated.data).toMatchObject({ _id: kb._id, name: 'Support', prologue: '', prompt: 'Be kind.', docs, create_time: kb.create_time });
		expect(updated.data.update_time).toBeGreaterThan(kb.update_time);
		expect((await call(`${KB}/list`)).data).toEqual([updated.data]);

		const deleted = await request('DELETE', `${KB}/delete`, { id: kb._id });
		expect(deleted).toEqual({ status: 200, json: { code: 1000, msg: 'Delete knowledge successfully' } });
		const gone = { code: 1232, msg: 'knowledge base not found' };
		expect(await call(`${KB}/detail?id=${kb._id}`)).toEqual(gone);
		expect((await request('DELETE', `${KB}/delete`, { id: kb._id })).json).toEqual(gone);
		expect(await call(`${KB}/update`, { id: kb._id, name: 'x' })).toEqual(gone);
		expect((await call(`${KB}/list`)).data).toEqual([]);
		expect(mock.knowledgeBases).toEqual([]);
	});

	it('the method matters: POST or GET on /knowledge/delete is a 404 like Akool\'s router; nothing is deleted', async () => {
		const id = (await call(`${KB}/create`, { name: 'Keep' })).data._id;
		expect(await send(`${KB}/delete`, { body: { id } })).toEqual({ status: 404, json: { code: 404, msg: `Cannot POST ${KB}/delete` } });
		expect((await send(`${KB}/delete`)).status).toBe(404);
		expect((await call(`${KB}/detail?id=${id}`)).data.name).toBe('Keep');
		expect((await request('DELETE', `${KB}/delete`)).json).toEqual(required('id'));
	});

	it('list: a bare array, newest first, page/size, name substring (case-insensitive), from', async () => {
		const ids: string[] = [];
		for (let k = 0; k < 12; k++) ids.push((await call(`${KB}/create`, { name: `kb-${k}${k % 2 ? '-odd' : ''}` })).data._id);
		const newestFirst = ids.slice().reverse();
		const page1 = await call(`${KB}/list`);
		expect(Array.isArray(page1.data)).toBe(true);
		expect(page1.data.map((k: { _id: string }) => k._id)).toEqual(newestFirst.slice(0, 10));
		expect((await call(`${KB}/list?page=2`)).data.map((k: { _id: string }) => k._id)).toEqual(newestFirst.slice(10));
		expect((await call(`${KB}/list?page=3&size=5`)).data).toHaveLength(2);
		expect((await call(`${KB}/list?name=-ODD&size=100`)).data).toHaveLength(6);
		expect((await call(`${KB}/list?from=2&size=100`)).data).toHaveLength(12);
		expect((await call(`${KB}/list?from=1`)).data).toEqual([]);
		for (const bad of ['page=0', 'size=0', 'size=101', 'size=x', 'from=3']) {
			expect(await call(`${KB}/list?${bad}`)).toEqual(invalid(bad.split('=')[0]));
		}
	});

	it('create/update rules: lengths, docs sizes (100 MB each, 500 MB total), URLs, duplicate names → 1233, detail/update ids', async () => {
		const mb = 1024 * 1024;
		const doc = (size: number, name = 'a.pdf') => ({ name, url: 'https://in.example/a.pdf', size });
		const kb = (await call(`${KB}/create`, { name: 'Taken' })).data;
		await call(`${KB}/create`, { name: 'Other' });
		const exists = { code: 1233, msg: 'knowledge base already exists' };
		await expectRejected([
			[`${KB}/create`, { name: 'n'.repeat(101) }, invalid('name')],
			[`${KB}/create`, { prologue: 'p'.repeat(2001) }, invalid('prologue')],
			[`${KB}/create`, { prompt: 'p'.repeat(10001) }, invalid('prompt')],
			[`${KB}/create`, { docs: [doc(100 * mb + 1)] }, invalid('docs[0].size')],
			[`${KB}/create`, { docs: [doc(100 * mb), doc(100 * mb), doc(100 * mb), doc(100 * mb), doc(100 * mb), doc(1)] }, invalid('docs')],
			[`${KB}/create`, { docs: [{ name: 'a.pdf', url: 'file:///a.pdf', size: 1 }] }, invalid('docs[0].url')],
			[`${KB}/create`, { docs: [{ url: 'https://in.example/a.pdf', size: 1 }] }, required('docs[0].name')],
			[`${KB}/create`, { docs: [{ name: 'a', url: 'https://in.example/a.pdf', size: '1' }] }, invalid('docs[0].size')],
			[`${KB}/create`, { docs: { name: 'a' } }, invalid('docs')],
			[`${KB}/create`, { urls: 'https://in.example/a' }, invalid('urls')],
			[`${KB}/create`, { urls: ['mailto:a@b.c'] }, invalid('urls[0]')],
			[`${KB}/create`, { name: 'Taken' }, exists],
			[`${KB}/update`, { id: kb._id, name: 'Other' }, exists],
			[`${KB}/update`, { name: 'x' }, required('id')],
			[`${KB}/update`, { id: kb._id, name: 5 }, invalid('name')],
		]);
		expect(await call(`${KB}/detail`)).toEqual(required('id'));
		expect((await call(`${KB}/create`, { name: 'n'.repeat(100), docs: [doc(100 * mb), doc(100 * mb), doc(100 * mb), doc(100 * mb), doc(100 * mb)] })).code).toBe(1000);
		expect((await call(`${KB}/update`, { id: kb._id, name: 'Taken' })).code).toBe(1000);
		expect((await call(`${KB}/create`, {})).data).toMatchObject({ name: '', prologue: '', prompt: '', docs: [], urls: [] });
		expect(mock.knowledgeBases).toHaveLength(4);
	});
});

describe('Image to Video: a model without resolutions (#42, #44)', () => {
	const body = { image_url: 'https://in.example/cat.png', prompt: 'the cat waves', model_name: KLING };

	it('is listed with type 1501, an empty resolutionList and durations 5/10/15; the other models are unchanged', async () => {
		const models = (await call(`${MODELS}?types[]=1501`)).data as Array<{ value: string; label: string; resolutionList: unknown[]; durationList: number[] }>;
		expect(models.map((m) => m.value)).toEqual(['AkoolImage2VideoFastV1', 'seedance-1-0-lite-i2v-250428', 'MiniMax-Hailuo-02', KLING]);
		expect(models[3]).toMatchObject({ label: 'Kling V3.0 Std', resolutionList: [], durationList: [5, 10, 15], type: 1501 });
		expect(models.slice(0, 3).every((m) => m.resolutionList.length > 0)).toBe(true);
	});

	it('the batch takes it WITHOUT resolution (or ""), still checks video_length; any resolution is invalid', async () => {
		const created = await call(BATCH, { ...body, video_length: 15, count: 2 });
		expect(created.code).toBe(1000);
		expect(created.data.successList).toHaveLength(2);
		expect(created.data.successList[0]).toMatchObject({ model_name: KLING, resolution: '', video_duration: 15, deduction_credit: 60 });
		expect(mock.credit).toBe(1000 - 120);
		expect((await call(BATCH, { ...body, video_length: 5, resolution: '' })).code).toBe(1000);
		await expectRejected([
			[BATCH, { ...body, video_length: 5, resolution: '720p' }, invalid('resolution')],
			[BATCH, { ...body, video_length: 5, resolution: null }, invalid('resolution')],
			[BATCH, { ...body, video_length: 7 }, invalid('video_length')],
			[BATCH, { ...body, video_length: '10' }, invalid('video_length')],
			[BATCH, { ...body }, required('video_length')],
			// A model with resolutions still requires one.
			[BATCH, { ...body, model_name: 'AkoolImage2VideoFastV1', video_length: 5 }, required('resolution')],
		]);
	});
});
