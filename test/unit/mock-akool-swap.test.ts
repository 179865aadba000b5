/**
 * Tests of the Akool mock's Face Swap, Reage, Face Detection and Swap Studio V5 routes
 * (test/mock-akool): real HTTP over loopback with global fetch.
 */
import { mediaBytes, signCallback, type MockAkool } from '../mock-akool';
import { invalid, NOT_FOUND, QUOTA_LOW, required, sleep, startReceiver, useMockPerTest, waitFor } from './mock-helpers';

const JOB_MS = 100;
/** For tests that look at status 1 (the first 20 % of a job): 200 ms, enough under a loaded machine. */
const SLOW_MS = 1000;
let mock: MockAkool;
const { send, call, expectRejected } = useMockPerTest({ jobDurationMs: JOB_MS, callbackRetryDelayMs: 20 }, (started) => (mock = started));

/** GET a /files URL: status, content-type and bytes. */
async function download(url: string) {
	const res = await fetch(url);
	return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const LIST = '/api/open/v3/faceswap/result/listbyids?_ids=';

// ---------------------------------------------------------------------------------------------------
describe('face swap and reage (faceswap store)', () => {
	const V3_IMAGE = '/api/open/v3/faceswap/highquality/specifyimage';
	const V3_VIDEO = '/api/open/v3/faceswap/highquality/specifyvideo';
	const PRO = '/api/open/v4/faceswap/faceswapByImage';
	const PLUS = '/api/open/v4/faceswap/faceswapPlusByImage';
	const IMG_REAGE = '/api/open/v3/faceswap/highquality/imgreage';
	const VID_REAGE = '/api/open/v3/faceswap/highquality/vidreage';
	const DELETE = '/api/open/v3/faceswap/result/delbyids';
	const CANCEL = '/api/open/v3/faceswap/job/del';
	const V3_MSG = 'Please be patient! If your results are not generated in three hours, please check your input image.';
	const opts = '10,20:30,20:20,30:20,40';
	const face = (path: string, withOpts = true) => (withOpts ? { path, opts } : { path });
	const v3Body = {
		sourceImage: [face('https://in.example/new-face.jpg')],
		targetImage: [face('https://in.example/old-face.jpg')],
		modifyImage: 'https://in.example/photo.jpg',
	};
	const { modifyImage: _m, ...v3Faces } = v3Body;
	const proBody = { sourceImage: [face('https://in.example/a.jpg', false)], targetImage: [face('https://in.example/b.jpg', false)] };
	const plusBody = {
		source_url: 'https://in.example/a.jpg',
		target_url: 'https://in.example/b.jpg',
		face_mapping: [{ source_face_info: { face_url: 'https://in.example/a-face.jpg' }, target_face_info: { bbox: [1, 2, 30, 40] } }],
	};
	const reageBody = { targetImage: [face('https://in.example/old-face.jpg')], face_reage: -10, modifyImage: 'https://in.example/photo.jpg' };

	it('v3 image swap: {_id, url, job_id} at submit, listbyids 1 -> 3, a .jpg file', async () => {
		mock.setOptions({ jobDurationMs: SLOW_MS }); // status 1 lasts 20 % of the job
		const created = await call(V3_IMAGE, { ...v3Body, face_enhance: 1 });
		expect(created.msg).toBe(V3_MSG);
		const { _id, url, job_id } = created.data;
		expect(Object.keys(created.data)).toEqual(['_id', 'url', 'job_id']);
		expect(url).toBe(`${mock.url}/files/${_id}.jpg`);
		expect(job_id).toMatch(/^job_[0-9a-f]{16}$/);
		expect(mock.credit).toBe(999);
		expect((await call(LIST + _id)).data.result[0]).toMatchObject({ _id, job_id, faceswap_status: 1, url: '' });
		expect((await download(url)).status).toBe(404);
		await sleep(SLOW_MS + 20);
		expect((await call(LIST + _id)).data.result[0]).toMatchObject({ faceswap_status: 3, url });
		const file = await download(url);
		expect([file.status, file.type]).toEqual([200, 'image/jpeg']);
		expect(file.bytes.equals(mediaBytes(`${_id}.jpg`)!)).toBe(true); // the real JPEG (no size asked for)
	});

	it('v3 video swap and video reage give .mp4 results (video/mp4) and cost 5', async () => {
		const swap = await call(V3_VIDEO, { ...v3Faces, modifyVideo: 'https://in.example/clip.mp4' });
		const aged = await call(VID_REAGE, { targetImage: v3Body.targetImage, face_reage: 30, modifyVideo: 'https://in.example/clip.mp4' });
		expect(aged.msg).toBe(V3_MSG);
		expect(mock.credit).toBe(990);
		await sleep(JOB_MS + 20);
		for (const { data } of [swap, aged]) {
			expect(data.url).toBe(`${mock.url}/files/${data._id}.mp4`);
			const file = await download(data.url);
			expect([file.status, file.type]).toEqual([200, 'video/mp4']);
		}
		const listed = (await call(LIST + `${swap.data._id},${aged.data._id}`)).data.result;
		expect(listed.map((r: { faceswap_status: number }) => r.faceswap_status)).toEqual([3, 3]);
	});

	it('v3 and reage: strict checks of the arrays, opts, lengths and JSON types', async () => {
		await expectRejected([
			[V3_IMAGE, { ...v3Body, sourceImage: undefined }, required('sourceImage')],
			[V3_IMAGE, { ...v3Body, sourceImage: [] }, required('sourceImage')],
			[V3_IMAGE, { ...v3Body, sourceImage: 'https://in.example/a.jpg' }, invalid('sourceImage')],
			[V3_IMAGE, { ...v3Body, sourceImage: ['https://in.example/a.jpg'] }, invalid('sourceImage[0]')],
			[V3_IMAGE, { ...v3Body, sourceImage: [face('https://in.example/a.jpg', false)] }, required('sourceImage[0].opts')],
			[V3_IMAGE, { ...v3Body, targetImage: [{ opts }] }, required('targetImage[0].path')],
			[V3_IMAGE, { ...v3Body, targetImage: [{ path: 'x', opts: '1,2:3,4' }] }, invalid('targetImage[0].opts')],
			[V3_IMAGE, { ...v3Body, targetImage: [{ path: 'x', opts: '1,2:3,4:5,6:7,y' }] }, invalid('targetImage[0].opts')],
			[V3_IMAGE, { ...v3Body, targetImage: [{ path: 'x', opts: [1, 2] }] }, invalid('targetImage[0].opts')],
			[V3_IMAGE, { ...v3Body, targetImage: [face('x'), face('y')] }, invalid('targetImage')],
			[V3_IMAGE, v3Faces, required('modifyImage')],
			[V3_IMAGE, { ...v3Body, face_enhance: true }, invalid('face_enhance')],
			[V3_IMAGE, { ...v3Body, face_enhance: '1' }, invalid('face_enhance')],
			[V3_IMAGE, { ...v3Body, face_enhance: 2 }, invalid('face_enhance')],
			[V3_IMAGE, { ...v3Body, webhookUrl: 7 }, invalid('webhookUrl')],
			[V3_VIDEO, v3Body, required('modifyVideo')],
			[IMG_REAGE, { ...reageBody, face_reage: 31 }, invalid('face_reage')],
			[IMG_REAGE, { ...reageBody, face_reage: -30.5 }, invalid('face_reage')],
			[IMG_REAGE, { ...reageBody, face_reage: '10' }, invalid('face_reage')],
			[IMG_REAGE, { ...reageBody, face_reage: undefined }, required('face_reage')],
			[IMG_REAGE, { ...reageBody, targetImage: [face('x', false)] }, required('targetImage[0].opts')],
			[VID_REAGE, reageBody, required('modifyVideo')],
		]);
		const aged = await call(IMG_REAGE, { ...reageBody, face_reage: -30 });
		expect(Object.keys(aged.data)).toEqual(['_id', 'url', 'job_id']);
		expect(aged.data.url).toMatch(/\.jpg$/);
	});

	it('Pro: {_id, job_id}, opts optional only for 1 + 1, http(s) paths, 1-50 items, typed options', async () => {
		const pro = await call(PRO, { ...proBody, model_name: 'akool_faceswap_image_hq', face_enhance: true, single_face_mode: false });
		expect(pro.msg).toBe('OK');
		expect(Object.keys(pro.data)).toEqual(['_id', 'job_id']);
		expect((await call(LIST + pro.data._id)).data.result[0]).toMatchObject({ _id: pro.data._id, job_id: pro.data.job_id });
		const two = [face('https://in.example/a.jpg', false), face('https://in.example/c.jpg', false)];
		const many = Array.from({ length: 51 }, (_, i) => face(`https://in.example/${i}.jpg`));
		await expectRejected([
			[PRO, { ...proBody, sourceImage: two }, required('sourceImage[0].opts')],
			[PRO, { ...proBody, targetImage: two }, required('sourceImage[0].opts')],
			[PRO, { ...proBody, sourceImage: many, targetImage: many }, invalid('sourceImage')],
			[PRO, { ...proBody, sourceImage: [face('ftp://in.example/a.jpg', false)] }, invalid('sourceImage[0].path')],
			[PRO, { ...proBody, model_name: 'akool_faceswap_classic_plus' }, invalid('model_name')],
			[PRO, { ...proBody, face_enhance: 1 }, invalid('face_enhance')],
			[PRO, { ...proBody, single_face_mode: 'true' }, invalid('single_face_mode')],
			[PRO, { ...proBody, targetImage: undefined }, required('targetImage')],
		]);
		const withOpts = two.map((f) => ({ ...f, opts }));
		expect((await call(PRO, { sourceImage: withOpts, targetImage: [{ ...proBody.targetImage[0], opts }] })).code).toBe(1000);
	});

	it('Plus: face_mapping unless single_face_mode, typed bbox, model_style, .mp4 for a video target', async () => {
		const image = await call(PLUS, { ...plusBody, model_style: 'beautify', face_enhance: false });
		expect(Object.keys(image.data)).toEqual(['_id', 'job_id']);
		const { face_mapping: _f, ...noMapping } = plusBody;
		const video = await call(PLUS, { ...noMapping, target_url: 'https://in.example/clip.MOV?sig=1', single_face_mode: true });
		expect(video.code).toBe(1000);
		expect(mock.jobs.get(image.data._id)?.fileName).toBe(`${image.data._id}.jpg`);
		expect(mock.jobs.get(video.data._id)?.fileName).toBe(`${video.data._id}.mp4`);
		const mapping = plusBody.face_mapping[0];
		await expectRejected([
			[PLUS, noMapping, required('face_mapping')],
			[PLUS, { ...noMapping, single_face_mode: false, face_mapping: [] }, required('face_mapping')],
			[PLUS, { ...plusBody, face_mapping: [{ target_face_info: {} }] }, required('face_mapping[0].source_face_info')],
			[PLUS, { ...plusBody, face_mapping: [{ ...mapping, source_face_info: {} }] }, required('face_mapping[0].source_face_info.face_url')],
			[PLUS, { ...plusBody, face_mapping: [{ ...mapping, target_face_info: undefined }] }, required('face_mapping[0].target_face_info')],
			[PLUS, { ...plusBody, face_mapping: [{ ...mapping, target_face_info: { bbox: [1, 2, 3] } }] }, invalid('face_mapping[0].target_face_info.bbox')],
			[PLUS, { ...plusBody, face_mapping: [{ ...mapping, target_face_info: { bbox: ['1', 2, 3, 4] } }] }, invalid('face_mapping[0].target_face_info.bbox')],
			[PLUS, { ...plusBody, face_mapping: { ...mapping } }, invalid('face_mapping')],
			[PLUS, { ...plusBody, model_style: 'Realistic' }, invalid('model_style')],
			[PLUS, { ...plusBody, single_face_mode: 1 }, invalid('single_face_mode')],
			[PLUS, { ...plusBody, source_url: undefined }, required('source_url')],
		]);
	});

	it('delbyids takes a comma string, deletes face swap results only, and listbyids forgets them', async () => {
		const a = (await call(V3_IMAGE, v3Body)).data._id as string;
		const b = (await call(PRO, proBody)).data._id as string;
		const other = mock.addJob({ store: 'i2v', status: 3 });
		expect(await call(DELETE, { _ids: [a] })).toEqual(invalid('_ids'));
		expect(await call(DELETE, {})).toEqual(required('_ids'));
		expect(await call(DELETE, { _ids: `${a},${other._id},000000000000000000000000` })).toEqual({ code: 1000, msg: 'Delete successfully' });
		expect((await call(LIST + `${a},${b}`)).data.result.map((r: { _id: string }) => r._id)).toEqual([b]);
		expect(mock.jobs.get(other._id)?.deleted).toBe(false);
		await sleep(JOB_MS + 20);
		expect((await download(`${mock.url}/files/${a}.jpg`)).status).toBe(404);
	});

	it('job/del cancels a running job by its job_id: status 4 "Job cancelled", only a status-4 callback', async () => {
		const receiver = await startReceiver();
		try {
			mock.setOptions({ jobDurationMs: 400 });
			const running = (await call(V3_IMAGE, { ...v3Body, webhookUrl: receiver.url })).data;
			const done = mock.addJob({ store: 'faceswap', status: 3, fields: { job_id: 'job_done' } });
			expect(await call(CANCEL, { job_ids: running._id })).toEqual(NOT_FOUND); // the _id is not a job_id
			expect(await call(CANCEL, { job_ids: [running.job_id] })).toEqual(invalid('job_ids'));
			expect(await call(CANCEL, { job_ids: `${running.job_id},job_nope` })).toEqual(NOT_FOUND);
			expect(mock.jobs.get(running._id)?.status).toBeLessThan(3);
			expect(await call(CANCEL, { job_ids: `${running.job_id},job_done` })).toEqual({ code: 1000, msg: 'OK' });
			const [cancelled, finished] = (await call(LIST + `${running._id},${done._id}`)).data.result;
			expect(cancelled).toMatchObject({ faceswap_status: 4, url: '', faceswap_fail_reason: 'Job cancelled', error_reason: 'Job cancelled' });
			expect(finished).toMatchObject({ faceswap_status: 3, url: mock.resultUrl(done._id) });
			await waitFor(() => receiver.received.length === 1);
			await sleep(450); // past the job's original end: no status-3 callback follows
			expect(receiver.received.map((r) => mock.decrypt(r.dataEncrypt))).toEqual([
				{ _id: running._id, status: 4, type: 'faceswap', url: '' },
			]);
			expect((await call(LIST + running._id)).data.result[0].faceswap_status).toBe(4);
		} finally {
			await receiver.close();
		}
	});
});

describe('strict: false on the new routes (the old lenient readers)', () => {
	it('accepts numeric strings and non-boolean flags, but still checks arrays and enums', async () => {
		mock.setOptions({ strict: false });
		const opts = '1,2:3,4:5,6:7,8';
		const swap = { sourceImage: [{ path: 'a', opts }], targetImage: [{ path: 'b', opts }], modifyImage: 'c', face_enhance: '1' };
		expect((await call('/api/open/v3/faceswap/highquality/specifyimage', swap)).code).toBe(1000);
		expect((await call('/api/open/v3/faceswap/highquality/imgreage', { targetImage: swap.targetImage, face_reage: '5', modifyImage: 'c' })).code).toBe(1000);
		const detect = await send('/interface/detect-api/detect_faces', { body: { url: 'https://in.example/a.mp4', num_frames: '2', single_face: 'yes' } });
		expect(Object.keys(detect.json.faces_obj)).toEqual(['0', '1']);
		const motion = { video: 'v.mp4', images: ['a'], model_name: 'pixverse/motion-control', keep_original_sound: 'yes' };
		expect((await call('/api/open/v5/motionSwap/create', motion)).code).toBe(1000);
		expect(await call('/api/open/v5/motionSwap/create', { ...motion, images: 'a' })).toEqual(invalid('images'));
		expect(await call('/api/open/v5/motionSwap/create', { ...motion, resolution: '720P' })).toEqual(invalid('resolution'));
	});
});

// ---------------------------------------------------------------------------------------------------
describe('face detection (own envelopes)', () => {
	const DETECT = '/interface/detect-api/detect_faces';
	const FRAMES = '/interface/detect-api/faceswap/analyze_frames';
	const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
	const JPEG = Buffer.from('ffd8ffe000104a4649460001', 'hex').toString('base64');
	const detectError = (msg: string) => ({ error_code: 1, error_msg: msg, faces_obj: {} });

	it('detects one face in an image with landmarks, 4-point strings and regions, deterministically', async () => {
		const first = await send(DETECT, { body: { url: 'https://in.example/portrait.jpg' } });
		expect(first.status).toBe(200);
		expect(first.json.error_code).toBe(0);
		expect(first.json.error_msg).toBe('SUCCESS');
		expect(Object.keys(first.json.faces_obj)).toEqual(['0']);
		const frame = first.json.faces_obj['0'];
		expect(frame).toMatchObject({ removed: [], frame_time: null, face_urls: null, crop_region: null, crop_landmarks: null });
		expect(frame.landmarks).toHaveLength(1);
		expect(frame.landmarks[0]).toHaveLength(6);
		const points = frame.landmarks[0] as number[][];
		expect(frame.landmarks_str).toEqual([points.slice(0, 4).map((p) => p.join(',')).join(':')]);
		expect(frame.landmarks_str[0]).toMatch(/^\d+,\d+(:\d+,\d+){3}$/);
		expect(frame.region).toHaveLength(1);
		expect(frame.region[0]).toHaveLength(4);
		expect((await send(DETECT, { body: { url: 'https://in.example/portrait.jpg' } })).json).toEqual(first.json);
		const other = await send(DETECT, { body: { url: 'https://in.example/other.jpg' } });
		expect(other.json.faces_obj['0'].region).not.toEqual(frame.region);
	});

	it('counts "group" as 3 faces, "noface" as 0, keeps the largest with single_face, and serves face crops', async () => {
		const group = (await send(DETECT, { body: { url: 'https://in.example/group.jpg', return_face_url: true } })).json.faces_obj['0'];
		expect(group.region).toHaveLength(3);
		expect(group.face_urls).toHaveLength(3);
		expect(group.crop_region).toHaveLength(3);
		const [cx, cy] = group.crop_region[0] as number[];
		const [[lx, ly]] = group.landmarks[0] as number[][];
		expect(group.crop_landmarks[0].split(':')[0]).toBe(`${lx - cx},${ly - cy}`);
		for (const url of group.face_urls as string[]) expect(url.startsWith(`${mock.url}/files/face-`)).toBe(true);
		const crop = await download(group.face_urls[0]);
		expect([crop.status, crop.type]).toEqual([200, 'image/jpeg']);

		const single = (await send(DETECT, { body: { url: 'https://in.example/group.jpg', single_face: true } })).json.faces_obj['0'];
		const areas = (group.region as number[][]).map(([, , w, h]) => w * h);
		expect(single.region).toEqual([group.region[areas.indexOf(Math.max(...areas))]]);

		const none = (await send(DETECT, { body: { url: 'https://in.example/noface.png' } })).json.faces_obj['0'];
		expect(none).toMatchObject({ landmarks: [], landmarks_str: [], region: [] });
	});

	it('"nocrop": with return_face_url each face\'s crop entries are null (the schema makes their items nullable)', async () => {
		const frame = (await send(DETECT, { body: { url: 'https://in.example/nocrop-portrait.jpg', return_face_url: true } })).json.faces_obj['0'];
		expect(frame.landmarks_str).toHaveLength(1);
		expect(frame).toMatchObject({ face_urls: [null], crop_region: [null], crop_landmarks: [null] });
	});

	it('v3, Pro and reage: `opts` must be the points of the picture at `path` (a crop\'s crop_landmarks, a picture\'s landmarks_str)', async () => {
		const picture = 'https://in.example/pairs-portrait.jpg';
		const frame = (await send(DETECT, { body: { url: picture, single_face: true, return_face_url: true } })).json.faces_obj['0'];
		const crop = { path: frame.face_urls[0] as string, opts: frame.crop_landmarks[0] as string };
		const whole = { path: picture, opts: frame.landmarks_str[0] as string };
		expect(crop.opts).not.toBe(whole.opts);
		const swap = (source: object, target: object) => ({ sourceImage: [source], targetImage: [target], modifyImage: picture });
		for (const [source, target] of [[crop, crop], [whole, whole], [crop, whole]]) {
			expect((await call('/api/open/v3/faceswap/highquality/specifyimage', swap(source, target))).code).toBe(1000);
		}
		await expectRejected([
			['/api/open/v3/faceswap/highquality/specifyimage', swap({ path: crop.path, opts: whole.opts }, whole), invalid('sourceImage[0].opts')],
			['/api/open/v3/faceswap/highquality/specifyimage', swap(crop, { path: picture, opts: crop.opts }), invalid('targetImage[0].opts')],
			['/api/open/v3/faceswap/highquality/imgreage', { targetImage: [{ path: crop.path, opts: whole.opts }], face_reage: 5, modifyImage: picture }, invalid('targetImage[0].opts')],
			['/api/open/v4/faceswap/faceswapByImage', { sourceImage: [{ path: crop.path, opts: whole.opts }], targetImage: [whole] }, invalid('sourceImage[0].opts')],
		]);
		// A path the detection never answered for: only the format is checked.
		expect((await call('/api/open/v3/faceswap/highquality/imgreage', { targetImage: [{ path: 'https://in.example/elsewhere.jpg', opts: whole.opts }], face_reage: 5, modifyImage: picture })).code).toBe(1000);
	});

	it('analyses num_frames frames of a video (default 5) with frame_time in seconds', async () => {
		const three = (await send(DETECT, { body: { url: 'https://in.example/clip.mp4?token=1', num_frames: 3 } })).json.faces_obj;
		expect(Object.keys(three)).toEqual(['0', '1', '2']);
		const times = Object.values(three).map((f: any) => f.frame_time as number);
		expect(times[0]).toBe(0);
		expect(times[1]).toBeGreaterThan(0);
		expect(times[2]).toBeGreaterThan(times[1]);
		expect(Object.keys((await send(DETECT, { body: { url: 'https://in.example/clip.webm' } })).json.faces_obj)).toHaveLength(5);
	});

	it('decodes img (base64 or data URI with a known signature), url wins, else HTTP 500', async () => {
		expect((await send(DETECT, { body: { img: PNG } })).json.faces_obj['0'].region).toHaveLength(1);
		const dataUri = await send(DETECT, { body: { img: `data:image/jpeg;base64,${JPEG}` } });
		expect([dataUri.status, dataUri.json.error_code]).toEqual([200, 0]);
		expect((await send(DETECT, { body: { url: 'https://in.example/a.jpg', img: 'garbage' } })).status).toBe(200);
		for (const img of ['not base64!', Buffer.from('hello world!').toString('base64'), Buffer.from([0xff, 0xd8, 0xff]).toString('base64')]) {
			const bad = await send(DETECT, { body: { img } });
			expect([img, bad.status, bad.json]).toEqual([img, 500, detectError('Failed to decode image')]);
		}
	});

	it('answers HTTP 400 bodies for missing input and wrong types; auth failures keep the usual envelope', async () => {
		const cases: Array<[unknown, string]> = [
			[{}, "Either 'url' or 'img' parameter must be provided"],
			[{ url: '' }, "Either 'url' or 'img' parameter must be provided"],
			[{ url: 5 }, 'url is invalid'],
			[{ url: 'https://in.example/a.mp4', num_frames: '5' }, 'num_frames is invalid'],
			[{ url: 'https://in.example/a.mp4', num_frames: 0 }, 'num_frames is invalid'],
			[{ url: 'https://in.example/a.mp4', num_frames: 101 }, 'num_frames is invalid'],
			[{ url: 'https://in.example/a.mp4', num_frames: 2.5 }, 'num_frames is invalid'],
			[{ url: 'https://in.example/a.jpg', return_face_url: 'true' }, 'return_face_url is invalid'],
			[{ url: 'https://in.example/a.jpg', single_face: 1 }, 'single_face is invalid'],
		];
		for (const [body, msg] of cases) {
			const answer = await send(DETECT, { body });
			expect([body, answer.status, answer.json]).toEqual([body, 400, detectError(msg)]);
		}
		const badJson = await send(DETECT, { raw: '{nope' });
		expect([badJson.status, badJson.json]).toEqual([400, detectError('Invalid JSON body')]);
		const noKey = await send(DETECT, { body: { url: 'x' }, headers: { 'x-api-key': '' } });
		expect([noKey.status, noKey.json.code]).toEqual([200, 1102]);
		const wrongKey = await send(FRAMES, { body: { frame_urls: ['x'] }, headers: { 'x-api-key': 'wrong' } });
		expect([wrongKey.status, wrongKey.json.code]).toEqual([200, 1101]);
		expect(mock.apiRequests('/interface/')).toHaveLength(cases.length + 3);
	});

	it('analyze_frames tracks persons across frames and validates its body', async () => {
		const frames = ['https://in.example/f0.jpg', 'https://in.example/group-f1.jpg', 'https://in.example/noface-f2.jpg', 'https://in.example/f3.jpg'];
		const ok = await send(FRAMES, { body: { frame_urls: frames, timestamps: [0, 0.5, 1, 1.5], expand_ratio: 0.5 } });
		expect(ok.status).toBe(200);
		expect(ok.json).toMatchObject({ success: true, frame_count: 4 });
		const [p0, p1] = ok.json.persons;
		expect(ok.json.persons).toHaveLength(2);
		expect(p0).toMatchObject({ person_id: 'person_0', index: 0, first_seen: 0, last_seen: 1.5 });
		expect(p0.appearances.map((a: { frame_idx: number }) => a.frame_idx)).toEqual([0, 1, 3]);
		expect(p0.bbox).toEqual(p0.appearances[0].bbox);
		const [x1, y1, x2, y2] = p0.bbox as number[];
		expect(x2).toBeGreaterThan(x1);
		expect(y2).toBeGreaterThan(y1);
		expect(p1).toMatchObject({ person_id: 'person_1', index: 1, first_seen: 0.5, last_seen: 0.5 });
		expect(typeof p1.confidence).toBe('number');
		expect(p1.face_url.startsWith(`${mock.url}/files/person-`)).toBe(true);
		const defaults = (await send(FRAMES, { body: { frame_urls: frames.slice(0, 2) } })).json.persons[0];
		expect(defaults.appearances.map((a: { timestamp: number }) => a.timestamp)).toEqual([0, 1]);

		const errors: Array<[unknown, string]> = [
			[{}, 'frame_urls is required'],
			[{ frame_urls: [] }, 'frame_urls is required'],
			[{ frame_urls: 'https://in.example/a.jpg' }, 'frame_urls is invalid'],
			[{ frame_urls: ['https://in.example/a.jpg', 3] }, 'frame_urls[1] is invalid'],
			[{ frame_urls: ['a', 'b'], timestamps: [0] }, 'timestamps is invalid'],
			[{ frame_urls: ['a'], timestamps: ['0'] }, 'timestamps is invalid'],
			[{ frame_urls: ['a'], expand_ratio: 1.5 }, 'expand_ratio is invalid'],
			[{ frame_urls: ['a'], expand_ratio: '0.3' }, 'expand_ratio is invalid'],
		];
		for (const [body, error] of errors) {
			const answer = await send(FRAMES, { body });
			expect([body, answer.status, answer.json]).toEqual([body, 400, { success: false, error }]);
		}
	});
});

// ---------------------------------------------------------------------------------------------------
describe('Swap Studio V5', () => {
	const v5 = (prefix: string, rest: string) => `/api/open/v5/${prefix}/${rest}`;
	const SOURCE = 'https://in.example/source.mp4';

	/** An analysis through the API, waited for until status 3. */
	async function analysed(prefix: string, body: Record<string, unknown>) {
		const created = await call(v5(prefix, 'analyze'), body);
		expect(created).toEqual({ code: 1000, msg: 'OK', data: { _id: expect.stringMatching(/^[0-9a-f]{24}$/), task_id: '', status: 1, media_type: body.media_type } });
		await sleep(JOB_MS + 20);
		return created.data._id as string;
	}

	const taskShape = (media_type: string, model_name: string) => ({
		_id: expect.stringMatching(/^[0-9a-f]{24}$/),
		status: 1,
		media_type,
		model_name,
		deduction_credit: expect.any(Number),
		create_time: expect.any(Number),
		task_id: '',
	});

	it('lists each feature\'s models with the documented item fields', async () => {
		const expected: Record<string, string[]> = {
			characterSwap: ['akool-premium-multi-person', 'kling-v3.0-pro/character-swap'],
			motionSwap: ['kwaivgi/kling-v3.0-pro/motion-control', 'wavespeed-ai/wan-2.2/animate', 'pixverse/motion-control'],
			headswap: ['akool-premium'],
			hairswap: ['akool/hair-swap'],
			clothingSwap: ['akool-premium/clothing_swap'],
		};
		for (const [prefix, names] of Object.entries(expected)) {
			const { data } = await call(v5(prefix, 'models'));
			expect(data.list.map((m: { model_name: string }) => m.model_name)).toEqual(names);
			for (const model of data.list) {
				expect(Object.keys(model).sort()).toEqual(
					['model_name', 'label', 'description', 'icon', 'provider', 'params', 'unit_price_map', 'requires_priority'].sort(),
				);
				expect(model.icon.startsWith(`${mock.url}/files/`)).toBe(true);
				expect(model.requires_priority).toBe(false);
			}
		}
		const motion = (await call(v5('motionSwap', 'models'))).data.list;
		expect(motion[0].params.resolutions).toEqual(['720P', '1080P']);
		expect(motion[1].params.modes).toEqual(['animate', 'replace']);
		expect((await call(v5('hairswap', 'models'))).data.list[0].params.resolutions).toBeUndefined();
		expect((await send('/api/open/v5/faceSwap/models')).status).toBe(404);
	});

	it('character swap (image): one .png task, detail 1 -> 3 with the result (default shape: result.url) + progress', async () => {
		const mapping = { source_url: 'https://in.example/hero.jpg', source_bbox: [10, 20, 200, 400], target_bbox: [100, 50, 350, 600] };
		mock.setOptions({ jobDurationMs: SLOW_MS });
		const created = await call(v5('characterSwap', 'create'), { media_type: 'image', target_url: 'https://in.example/scene.jpg', mappings: [mapping] });
		expect(created).toEqual({ code: 1000, msg: 'OK', data: { list: [taskShape('image', 'akool-premium-multi-person')], errors: [] } });
		const task = created.data.list[0];
		expect(mock.credit).toBe(1000 - task.deduction_credit);
		const detail = v5('characterSwap', `task/detail?_id=${task._id}`);
		expect((await call(detail)).data).toEqual({ ...task, result: null, progress: 0 });
		await sleep(SLOW_MS + 20);
		const done = (await call(detail)).data;
		expect(done).toEqual({ ...task, status: 3, result: { url: `${mock.url}/files/${task._id}.png`, media_type: 'image' }, progress: 100 });
		const file = await download(done.result.url);
		expect([file.status, file.type]).toEqual([200, 'image/png']);
		await expectRejected([
			[v5('characterSwap', 'create'), { media_type: 'image', target_url: 'x', mappings: [mapping, mapping, mapping] }, invalid('mappings')],
			[v5('characterSwap', 'create'), { media_type: 'image', target_url: 'x', mappings: [{ ...mapping, source_bbox: [1, 2, 3] }] }, invalid('mappings[0].source_bbox')],
			[v5('characterSwap', 'create'), { media_type: 'image', target_url: 'x', mappings: [{ ...mapping, target_bbox: undefined }] }, required('mappings[0].target_bbox')],
			[v5('characterSwap', 'create'), { media_type: 'image', target_url: 'x' }, required('mappings')],
			[v5('characterSwap', 'create'), { media_type: 'gif', target_url: 'x', mappings: [mapping] }, invalid('media_type')],
			[v5('characterSwap', 'create'), { target_url: 'x', mappings: [mapping] }, required('media_type')],
		]);
	});

	it('character swap (Akool video): a completed person analysis of the identical URL, known distinct obj_ids', async () => {
		const CREATE = v5('characterSwap', 'create');
		const body = (analyze_id: string, mappings: unknown[] = [{ obj_id: 1, img_url: 'https://in.example/hero.jpg' }]) => ({
			media_type: 'video', target_url: SOURCE, analyze_id, mappings, resolution: '480p', keep_original_sound: true, prompt: 'Keep it',
		});
		const headAnalysis = mock.addJob({ store: 'studioHeadSwapAnalysis', status: 3, fields: { url: SOURCE, media_type: 'video', type: 'head' } });
		const running = mock.addJob({ store: 'studioCharacterSwapAnalysis', durationMs: 60_000, fields: { url: SOURCE, media_type: 'video' } });
		expect(await call(CREATE, body(running._id))).toEqual({ code: 1003, msg: 'analyze_id is not completed' });
		const pending = await analysed('characterSwap', { url: SOURCE, media_type: 'video' });
		const solo = await analysed('characterSwap', { url: 'https://in.example/solo.mp4', media_type: 'video', type: 'person' });
		await expectRejected([
			[CREATE, body('000000000000000000000000'), NOT_FOUND],
			[CREATE, body(headAnalysis._id), NOT_FOUND],
			[CREATE, { ...body(pending), target_url: `${SOURCE}?v=2` }, { code: 1003, msg: 'target_url does not match analyze_id' }],
			[CREATE, { ...body(pending), analyze_id: undefined }, required('analyze_id')],
			[CREATE, body(pending, [{ obj_id: 0, img_url: 'a' }, { obj_id: 0, img_url: 'b' }]), invalid('mappings[1].obj_id')],
			[CREATE, body(pending, [{ obj_id: '0', img_url: 'a' }]), invalid('mappings[0].obj_id')],
			[CREATE, body(pending, [{ obj_id: 0.5, img_url: 'a' }]), invalid('mappings[0].obj_id')],
			[CREATE, body(pending, [{ obj_id: 0 }]), required('mappings[0].img_url')],
			[CREATE, body(pending, Array.from({ length: 6 }, (_, i) => ({ obj_id: i, img_url: 'a' }))), invalid('mappings')],
			[CREATE, { ...body(solo), target_url: 'https://in.example/solo.mp4' }, invalid('mappings[0].obj_id')],
			[CREATE, { ...body(pending), resolution: '1080p' }, invalid('resolution')],
			[CREATE, { ...body(pending), resolution: '480P' }, invalid('resolution')],
			[CREATE, { ...body(pending), keep_original_sound: 'yes' }, invalid('keep_original_sound')],
			[CREATE, { ...body(pending), character_orientation: 'scene' }, invalid('character_orientation')],
			[CREATE, { ...body(pending), model_name: 'kling' }, invalid('model_name')],
		]);
		const created = await call(CREATE, body(pending, [{ obj_id: 0, img_url: 'a' }, { obj_id: 1, img_url: 'b' }]));
		expect(created.data.list).toEqual([taskShape('video', 'akool-premium-multi-person')]);
		expect(created.data.list[0].deduction_credit).toBe(12); // 480p: 6 per 5 s, 10 s assumed
		expect(mock.jobs.get(created.data.list[0]._id)?.fileName).toMatch(/\.mp4$/);
	});

	it('character swap (Kling video): `image` instead of an analysis, the model\'s media types and resolutions', async () => {
		const CREATE = v5('characterSwap', 'create');
		const kling = { media_type: 'video', target_url: SOURCE, model_name: 'kling-v3.0-pro/character-swap', image: 'https://in.example/hero.jpg' };
		await expectRejected([
			[CREATE, { ...kling, image: undefined }, required('image')],
			[CREATE, { ...kling, media_type: 'image' }, invalid('media_type')],
			[CREATE, { ...kling, resolution: '480p' }, invalid('resolution')],
			[CREATE, { ...kling, negative_prompt: 5 }, invalid('negative_prompt')],
		]);
		const created = await call(CREATE, { ...kling, resolution: '1080p', character_orientation: 'video', negative_prompt: 'blur' });
		expect(created.data.list).toEqual([taskShape('video', 'kling-v3.0-pro/character-swap')]);
		expect(created.data.list[0].deduction_credit).toBe(24);
	});

	it('motion swap: one task per image, model_name required, case-sensitive resolution, mode only for Wan', async () => {
		const CREATE = v5('motionSwap', 'create');
		const kling = { video: 'https://in.example/motion.mp4', images: ['https://in.example/1.jpg'], model_name: 'kwaivgi/kling-v3.0-pro/motion-control' };
		const created = await call(CREATE, { ...kling, images: ['a', 'b', 'c'], resolution: '720P', character_orientation: 'image', keep_original_sound: true, duration: 7.5 });
		expect(created.data.list).toHaveLength(3);
		expect(created.data.errors).toEqual([]);
		expect(new Set(created.data.list.map((t: { _id: string }) => t._id)).size).toBe(3);
		expect(created.data.list[0]).toEqual(taskShape('video', kling.model_name));
		expect(mock.credit).toBe(1000 - 3 * 16);
		const wan = await call(CREATE, { ...kling, model_name: 'wavespeed-ai/wan-2.2/animate', resolution: '720p', mode: 'replace', prompt: 'p', negative_prompt: 'n' });
		expect(wan.data.list[0].model_name).toBe('wavespeed-ai/wan-2.2/animate');
		await expectRejected([
			[CREATE, { ...kling, model_name: undefined }, required('model_name')],
			[CREATE, { ...kling, model_name: 'akool-premium' }, invalid('model_name')],
			[CREATE, { ...kling, resolution: '720p' }, invalid('resolution')],
			[CREATE, { ...kling, model_name: 'pixverse/motion-control', resolution: '720P' }, invalid('resolution')],
			[CREATE, { ...kling, mode: 'animate' }, invalid('mode')],
			[CREATE, { ...kling, model_name: 'wavespeed-ai/wan-2.2/animate', mode: 'Animate' }, invalid('mode')],
			[CREATE, { ...kling, images: [] }, required('images')],
			[CREATE, { ...kling, images: 'https://in.example/1.jpg' }, invalid('images')],
			[CREATE, { ...kling, images: [''] }, invalid('images[0]')],
			[CREATE, { ...kling, images: Array.from({ length: 51 }, (_, i) => `${i}.jpg`) }, invalid('images')],
			[CREATE, { ...kling, video: undefined }, required('video')],
			[CREATE, { ...kling, duration: 0 }, invalid('duration')],
			[CREATE, { ...kling, duration: '5' }, invalid('duration')],
			[CREATE, { ...kling, character_orientation: 'left' }, invalid('character_orientation')],
			[CREATE, { ...kling, webhookUrl: 1 }, invalid('webhookUrl')],
		]);
	});

	it('motion swap batch: tasks the credit cannot pay go to errors; none payable is 1006', async () => {
		const CREATE = v5('motionSwap', 'create');
		const body = { video: 'https://in.example/motion.mp4', images: ['a', 'b', 'c'], model_name: 'pixverse/motion-control' };
		mock.setOptions({ credit: 40 }); // 720p: 16 per task
		const partial = await call(CREATE, body);
		expect(partial.data.list).toHaveLength(2);
		expect(partial.data.errors).toEqual([{ index: 2, ...QUOTA_LOW }]);
		expect(mock.credit).toBe(8);
		expect(await call(CREATE, body)).toEqual(QUOTA_LOW);
		expect(mock.credit).toBe(8);
	});

	it('head swap: video only, a completed head analysis, mappings 1-5, 480p | 720p', async () => {
		const CREATE = v5('headswap', 'create');
		await expectRejected([
			[v5('headswap', 'analyze'), { url: SOURCE, media_type: 'image' }, invalid('media_type')],
			[v5('headswap', 'analyze'), { url: SOURCE, media_type: 'video', type: 'person' }, invalid('type')],
			[v5('headswap', 'analyze'), { media_type: 'video' }, required('url')],
		]);
		const analysis = await analysed('headswap', { url: SOURCE, media_type: 'video', type: 'head' });
		const body = { media_type: 'video', target_url: SOURCE, analyze_id: analysis, mappings: [{ obj_id: 0, img_url: 'https://in.example/head.jpg' }] };
		await expectRejected([
			[CREATE, { ...body, media_type: 'image' }, invalid('media_type')],
			[CREATE, { ...body, media_type: undefined }, required('media_type')],
			[CREATE, { ...body, resolution: '1080p' }, invalid('resolution')],
			[CREATE, { ...body, prompt: ['x'] }, invalid('prompt')],
			[CREATE, { ...body, mappings: [] }, required('mappings')],
			[CREATE, { ...body, mappings: [{ obj_id: -1, img_url: 'a' }] }, invalid('mappings[0].obj_id')],
		]);
		const created = await call(CREATE, { ...body, model_name: 'akool-premium', resolution: '720p', keep_original_sound: false, prompt: 'Keep it' });
		expect(created.data.list).toEqual([taskShape('video', 'akool-premium')]);
		expect(created.data.list[0].deduction_credit).toBe(16);
		await sleep(JOB_MS + 20);
		const done = (await call(v5('headswap', `task/detail?_id=${created.data.list[0]._id}`))).data;
		expect(done).toMatchObject({ status: 3, result: { url: `${mock.url}/files/${created.data.list[0]._id}.mp4`, media_type: 'video' }, progress: 100 });
		const file = await download(done.result.url);
		expect([file.status, file.type]).toEqual([200, 'video/mp4']);
		// A head analysis is not a character or clothing one.
		expect(await call(v5('characterSwap', `analyze/detail?_id=${analysis}`))).toEqual(NOT_FOUND);
	});

	it('hair swap: images -> a task each, mappings -> one task (and win), multi_shot <= 12, distinct target faces', async () => {
		const CREATE = v5('hairswap', 'create');
		const target_url = 'https://in.example/portrait.jpg';
		const images = await call(CREATE, { target_url, images: ['h1.jpg', 'h2.jpg'], target_face_index: 0, source_face_index: 0, model_name: 'akool/hair-swap' });
		expect(images.data.list).toEqual([taskShape('image', 'akool/hair-swap'), taskShape('image', 'akool/hair-swap')]);
		const mappings = [
			{ source_url: 'h1.jpg', target_face_index: 0, source_face_index: 0 },
			{ source_url: 'h2.jpg', target_face_index: 1 },
		];
		const combined = await call(CREATE, { target_url: 'https://in.example/group.jpg', mappings, images: 'ignored when mappings are sent' });
		expect(combined.data.list).toHaveLength(1);
		const multi = await call(CREATE, { target_url, images: Array.from({ length: 12 }, (_, i) => `${i}.jpg`), multi_shot: true });
		expect(multi.data.list).toHaveLength(12);
		await expectRejected([
			[CREATE, { target_url }, { code: 1003, msg: 'images or mappings is required' }],
			[CREATE, { images: ['a'] }, required('target_url')],
			[CREATE, { target_url, images: Array.from({ length: 13 }, (_, i) => `${i}.jpg`), multi_shot: true }, invalid('images')],
			[CREATE, { target_url, mappings: Array.from({ length: 13 }, (_, i) => ({ source_url: 'a', target_face_index: i })), multi_shot: true }, invalid('mappings')],
			[CREATE, { target_url, mappings: [{ source_url: 'a' }, { source_url: 'b' }] }, invalid('mappings[1].target_face_index')],
			[CREATE, { target_url, mappings: [{ target_face_index: 0 }] }, required('mappings[0].source_url')],
			[CREATE, { target_url, mappings: [{ source_url: 'a', source_face_index: '0' }] }, invalid('mappings[0].source_face_index')],
			[CREATE, { target_url, images: ['a'], target_face_index: 1.5 }, invalid('target_face_index')],
			[CREATE, { target_url, images: ['a'], multi_shot: 'true' }, invalid('multi_shot')],
			[CREATE, { target_url, images: ['a'], model_name: 'akool-premium' }, invalid('model_name')],
		]);
		await sleep(JOB_MS + 20);
		const id = images.data.list[0]._id as string;
		const done = (await call(v5('hairswap', `task/detail?_id=${id}`))).data;
		expect(done).toMatchObject({ status: 3, media_type: 'image', result: { url: `${mock.url}/files/${id}.png`, media_type: 'image' } });
		expect(done.video_url).toBeUndefined();
	});

	it('clothing swap: analysis of the identical URL and media_type, clothing_area enum, up to 50 mappings', async () => {
		const CREATE = v5('clothingSwap', 'create');
		const image = 'https://in.example/source.jpg';
		const imageAnalysis = await analysed('clothingSwap', { url: image, media_type: 'image', type: 'outfit' });
		const detail = (await call(v5('clothingSwap', `analyze/detail?_id=${imageAnalysis}`))).data;
		expect(detail).toMatchObject({ _id: imageAnalysis, task_id: '', status: 3, url: image, media_type: 'image', type: 'outfit', progress: 100 });
		expect(detail.analysis_result).toEqual({
			track_manifest_url: null,
			detected_objects: 2,
			media: [
				{ obj_id: 0, img_url: expect.stringMatching(/^http.*\.jpg$/), media_type: 'image' },
				{ obj_id: 1, img_url: expect.stringMatching(/^http.*\.jpg$/), media_type: 'image' },
			],
		});
		const body = { target_url: image, media_type: 'image', analyze_id: imageAnalysis, mappings: [{ obj_id: 1, img_url: 'https://in.example/outfit.jpg' }] };
		await expectRejected([
			[v5('clothingSwap', 'analyze'), { url: image, media_type: 'image', type: 'vehicle' }, invalid('type')],
			[CREATE, { ...body, media_type: 'video' }, { code: 1003, msg: 'media_type does not match analyze_id' }],
			[CREATE, { ...body, clothing_area: 'full outfit' }, invalid('clothing_area')],
			[CREATE, { ...body, mappings: [{ obj_id: 2, img_url: 'a' }] }, invalid('mappings[0].obj_id')],
			[CREATE, { ...body, mappings: Array.from({ length: 51 }, (_, i) => ({ obj_id: i, img_url: 'a' })) }, invalid('mappings')],
		]);
		for (const clothing_area of ['Auto', 'Full Outfit', 'Top']) {
			const created = await call(CREATE, { ...body, clothing_area, model_name: 'akool-premium/clothing_swap' });
			expect(created.data.list).toEqual([taskShape('image', 'akool-premium/clothing_swap')]);
		}
	});

	it('analyses: null result until 3, people from the URL, video_info for videos, failures with error_code', async () => {
		mock.setOptions({ jobDurationMs: SLOW_MS });
		const id = (await call(v5('characterSwap', 'analyze'), { url: SOURCE, media_type: 'video' })).data._id as string;
		const detail = v5('characterSwap', `analyze/detail?_id=${id}`);
		expect((await call(detail)).data).toEqual({
			_id: id, task_id: '', url: SOURCE, media_type: 'video', type: 'person', create_time: expect.any(Number),
			status: 1, progress: 0, analysis_result: null,
		});
		mock.nextJobs({ fail: true, failReason: 'No person found', durationMs: 10 });
		const failing = (await call(v5('clothingSwap', 'analyze'), { url: SOURCE, media_type: 'video' })).data._id as string;
		await sleep(SLOW_MS + 20);
		const result = (await call(detail)).data.analysis_result;
		expect(result).toMatchObject({ detected_objects: 2, video_info: { width: 1280, height: 720, fps: 25, frame_count: 250 } });
		expect(result.track_manifest_url).toMatch(/^http:.*\.json$/);
		expect((await call(v5('clothingSwap', `analyze/detail?_id=${failing}`))).data).toMatchObject({
			status: 4, analysis_result: null, error_reason: 'No person found', error_code: 1015, type: 'person',
		});
		const none = mock.addJob({ store: 'studioClothingSwapAnalysis', status: 3, fields: { url: 'https://in.example/noface.mp4', media_type: 'video' } });
		expect((await call(v5('clothingSwap', `analyze/detail?_id=${none._id}`))).data.analysis_result).toMatchObject({ detected_objects: 0, media: [] });
		expect(none.fileName).toBe('');
		expect(await call(v5('characterSwap', 'analyze/detail'))).toEqual(required('_id'));
	});

	it('task detail: unknown or other feature ids are 1008; a failed task shows error_reason, error_code, no url', async () => {
		mock.nextJobs({ fail: true, failReason: 'Unsafe content' });
		const task = (await call(v5('hairswap', 'create'), { target_url: 'https://in.example/p.jpg', images: ['h.jpg'] })).data.list[0];
		expect(await call(v5('motionSwap', `task/detail?_id=${task._id}`))).toEqual(NOT_FOUND);
		expect(await call(v5('hairswap', 'task/detail?_id=000000000000000000000000'))).toEqual(NOT_FOUND);
		expect(await call(v5('hairswap', 'task/detail'))).toEqual(required('_id'));
		await sleep(JOB_MS + 20);
		expect((await call(v5('hairswap', `task/detail?_id=${task._id}`))).data).toEqual({
			...task, status: 4, result: null, progress: 0, deduction_credit: 0, error_reason: 'Unsafe content', error_code: 1015,
		});
		const seeded = mock.addJob({ store: 'studioMotionSwap', status: 3 });
		expect((await call(v5('motionSwap', `task/detail?_id=${seeded._id}`))).data).toMatchObject({ status: 3, media_type: 'video', result: { url: mock.resultUrl(seeded._id) } });
		const png = mock.addJob({ store: 'studioCharacterSwap', status: 3, fields: { media_type: 'image' } });
		expect(png.fileName).toBe(`${png._id}.png`);
	});

	// The "Get Task Result" pages end after `status`: where the result sits varies with v5ResultShape.
	it.each([
		{ shape: 'url', before: { url: '' }, after: (url: string) => ({ url }) },
		{ shape: 'result_url', before: { result_url: '' }, after: (url: string) => ({ result_url: url }) },
		{ shape: 'video_url', before: { video_url: '' }, after: (url: string) => ({ video_url: url }) },
		{ shape: 'result.url', before: { result: null }, after: (url: string) => ({ result: { url, media_type: 'video' } }) },
		{ shape: 'outputs', before: { outputs: [] }, after: (url: string) => ({ outputs: [{ url, index: 0 }] }) },
		{ shape: 'absent', before: {}, after: () => ({}) },
	] as const)('v5ResultShape $shape: the task record shows the result only there (empty before 3), and nowhere else', async ({ shape, before, after }) => {
		mock.setOptions({ v5ResultShape: shape, jobDurationMs: SLOW_MS });
		const seeded = mock.addJob({ store: 'studioHeadSwap' });
		const base = { _id: seeded._id, task_id: '', media_type: 'video', model_name: expect.any(String), deduction_credit: 0, create_time: expect.any(Number) };
		expect((await call(v5('headswap', `task/detail?_id=${seeded._id}`))).data).toEqual({ ...base, status: 1, progress: 0, ...before });
		const done = mock.addJob({ store: 'studioHeadSwap', status: 3 });
		const record = (await call(v5('headswap', `task/detail?_id=${done._id}`))).data;
		expect(record).toEqual({ ...base, _id: done._id, status: 3, progress: 100, ...after(mock.resultUrl(done._id)) });
		if (shape === 'absent') expect(JSON.stringify(record)).not.toContain('/files/');
	});

	it('v5ResultShape and translationAnswer refuse values they do not know', () => {
		expect(() => mock.setOptions({ v5ResultShape: 'data.url' as 'url' })).toThrow(/v5ResultShape/);
		expect(() => mock.setOptions({ translationAnswer: 'both' as 'data' })).toThrow(/translationAnswer/);
	});

	it('calls back on webhookUrl with type "<Feature> V5" and the result url; webhookurl is not accepted', async () => {
		const receiver = await startReceiver();
		try {
			const body = { video: 'https://in.example/motion.mp4', images: ['a.jpg', 'b.jpg'], model_name: 'pixverse/motion-control' };
			const created = (await call(v5('motionSwap', 'create'), { ...body, webhookUrl: `${receiver.url}?k=1` })).data.list;
			const ignored = (await call(v5('hairswap', 'create'), { target_url: 'p.jpg', images: ['h.jpg'], webhookurl: receiver.url })).data.list[0];
			await waitFor(() => receiver.received.length === 2);
			await sleep(50);
			const payloads = receiver.received.map((r) => mock.decrypt(r.dataEncrypt) as { _id: string });
			expect(payloads.sort((a, b) => a._id.localeCompare(b._id))).toEqual(
				created
					.map((t: { _id: string }) => ({ _id: t._id, status: 3, type: 'Motion Swap V5', url: mock.resultUrl(t._id) }))
					.sort((a: { _id: string }, b: { _id: string }) => a._id.localeCompare(b._id)),
			);
			for (const r of receiver.received) expect(signCallback(mock.clientId, r.timestamp, r.nonce, r.dataEncrypt)).toBe(r.signature);
			expect(mock.jobs.get(ignored._id)).toMatchObject({ webhookField: 'webhookurl', webhookAccepted: false, callbacks: [] });
			expect(mock.jobs.get(created[0]._id)?.type).toBe('Motion Swap V5');
		} finally {
			await receiver.close();
		}
	});
});
