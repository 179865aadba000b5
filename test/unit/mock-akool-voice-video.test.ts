/**
 * Tests of the Akool mock's Talking Avatar, Lip Sync, Video Translation, Audio v3, VoiceLab v4 and
 * Text to Video routes (test/mock-akool): real HTTP over loopback with global fetch.
 */
import { type MockAkool } from '../mock-akool';
import { invalid, NOT_FOUND, required, sleep, startReceiver, useMockPerTest, waitFor } from './mock-helpers';

const JOB_MS = 100;
/** Long enough to look at status 1 and 2 under a loaded machine. */
const SLOW_MS = 1500;
let mock: MockAkool;
const { send, call, expectRejected } = useMockPerTest({ jobDurationMs: JOB_MS, callbackRetryDelayMs: 20 }, (started) => (mock = started));

/** Creates one job per [route, body] (each with the receiver under `field`), waits, and returns the decrypted payloads. */
async function callbackPayloads(field: 'webhookUrl' | 'webhookurl', creates: Array<[string, Record<string, unknown>]>) {
	const receiver = await startReceiver();
	try {
		const ids: string[] = [];
		for (const [route, body] of creates) {
			const answer = await call(route, { ...body, [field]: receiver.url });
			expect(answer.code).toBe(1000);
			const data = answer.data;
			ids.push(Array.isArray(data) ? data[0]._id : (data.successList?.[0]._id ?? data._id));
		}
		await waitFor(() => receiver.received.length >= creates.length);
		await sleep(50);
		const payloads = receiver.received.map((r) => mock.decrypt(r.dataEncrypt) as { _id: string; status: number; type: string; url: string });
		return { ids, payloads };
	} finally {
		await receiver.close();
	}
}

/** GET a /files URL: status and content-type. */
async function download(url: string) {
	const res = await fetch(url);
	await res.arrayBuffer();
	return { status: res.status, type: res.headers.get('content-type') };
}

const VIDEO_INFO = '/api/open/v3/content/video/infobymodelid?video_model_id=';
const LIPSYNC = '/api/open/v3/content/video/lipsync';
const TRANSLATE = '/api/open/v3/content/video/createbytranslate';
const LANGUAGES = '/api/open/v3/language/list';
const TALKING_AVATAR = '/api/open/v3/talkingavatar/create';
const AVATAR_LIST = '/api/open/v3/avatar/list';
const AVATAR_DETAIL = '/api/open/v3/avatar/detail?id=';
const AVATAR_CREATE = '/api/open/v3/avatar/create';
const V3_VOICES = '/api/open/v3/voice/list';
const V3_AUDIO = '/api/open/v3/audio/create';
const V3_CLONE = '/api/open/v3/audio/clone';
const AUDIO_INFO = '/api/open/v3/audio/infobymodelid?audio_model_id=';
const TTS = '/api/open/v4/voice/tts';
const CHANGE = '/api/open/v4/voice/change';
const CLONE = '/api/open/v4/voice/clone';
const RESOURCE_LIST = '/api/open/v4/voice/resource/list';
const RESOURCE_DETAIL = '/api/open/v4/voice/resource/detail/';
const VOICE_LIST = '/api/open/v4/voice/list';
const VOICE_DETAIL = '/api/open/v4/voice/detail/';
const VOICE_DEL = '/api/open/v4/voice/del';
const T2V = '/api/open/v4/text2Video/createByPrompt/batch';
const I2V_RESULTS = '/api/open/v4/image2Video/resultsByIds';

const lipBody = { video_url: 'https://in.example/talk.mp4', audio_url: 'https://in.example/voice.mp3' };
const vtBody = { url: 'https://in.example/talk.mp4', language: 'ja' };
const avatarEl = { type: 'avatar', avatar_id: 'dvp_Tristan_cloth1_0', scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0 };
const audioEl = { type: 'audio', url: 'https://in.example/voice.mp3' };
const taBody = { width: 3840, height: 2160, avatar_from: 2, elements: [avatarEl, audioEl] };
const uploadBody = { url: 'https://in.example/me.mp4', avatar_id: 'myAvatar1', name: 'Me', type: 1, url_from: 1 };
const v3AudioBody = { input_text: 'Hello there', voice_id: 'en-US-JennyNeural', rate: '100%' };
const t2vBody = { prompt: 'a cat surfing a wave' };

/** The first Akool (type 2) voice's voice_id. */
async function akoolVoiceId(): Promise<string> {
	return (await call(`${VOICE_LIST}?type=2&size=1`)).data.result[0].voice_id;
}

/** A finished clone (status 3). */
async function finishedClone(body: Record<string, unknown> = {}) {
	const created = await call(CLONE, { source_voice_file: 'https://in.example/me.mp3', name: 'My Voice', ...body });
	expect(created.code).toBe(1000);
	await sleep(JOB_MS + 30);
	const detail = await call(VOICE_DETAIL + created.data._id);
	expect(detail.data.status).toBe(3);
	return detail.data as { _id: string; voice_id: string; preview: string };
}

// ---------------------------------------------------------------------------------------------------
describe('lip sync (#20)', () => {
	it('creates a lip sync video record and finishes it on the video store', async () => {
		const created = await call(LIPSYNC, lipBody);
		expect(created).toMatchObject({ code: 1000, msg: 'OK' });
		expect(created.data).toMatchObject({
			video_status: 1, video: '', type: 9, lipsync: true, target_video: lipBody.video_url, input_audio: lipBody.audio_url,
			video_id: created.data._id, deduction_credit: 10,
		});
		expect(typeof created.data.task_id).toBe('string');
		expect(mock.credit).toBe(990);
		await sleep(JOB_MS + 30);
		const done = await call(VIDEO_INFO + created.data._id);
		expect(done.data).toMatchObject({ video_status: 3, video: mock.resultUrl(created.data._id), lipsync: true });
		expect(done.data.video).toMatch(/\.mp4$/);
	});

	it('checks required fields and JSON types', async () => {
		await expectRejected([
			[LIPSYNC, { audio_url: lipBody.audio_url }, required('video_url')],
			[LIPSYNC, { video_url: lipBody.video_url }, required('audio_url')],
			[LIPSYNC, { ...lipBody, audio_url: 5 }, invalid('audio_url')],
			[LIPSYNC, { ...lipBody, webhookUrl: 7 }, invalid('webhookUrl')],
		]);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('video translation (#17, #18)', () => {
	it('lists languages with name, code and flag url', async () => {
		const list = await call(LANGUAGES);
		expect(list.code).toBe(1000);
		const langs: Array<{ lang_name: string; lang_code: string; url: string }> = list.data.lang_list;
		expect(langs.length).toBeGreaterThanOrEqual(40);
		const codes = langs.map((l) => l.lang_code);
		expect(codes).toEqual(expect.arrayContaining(['en', 'ja', 'zh-CN', 'fr', 'de', 'es', 'pt', 'it', 'ko', 'ru', 'ar', 'hi', 'zh-CN-shandong', 'zh-CN-sichuan']));
		expect(Object.keys(langs[0]).sort()).toEqual(['lang_code', 'lang_name', 'url']);
		expect(langs[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/flag-/);
	});

	it('one language: data only, with language, source_language and progress', async () => {
		const created = await call(TRANSLATE, { ...vtBody, source_language: 'en', lipsync: true, speaker_num: 2, caption_type: 2 });
		expect(created.all_results).toBeUndefined();
		expect(Object.keys(created).sort()).toEqual(['code', 'data', 'msg']);
		expect(created.data).toMatchObject({
			video_status: 1, video: '', progress: 0, url: vtBody.url, language: 'ja', source_language: 'en', lipsync: true,
			speaker_num: 2, caption_type: 2,
		});
		await sleep(JOB_MS + 30);
		expect((await call(VIDEO_INFO + created.data._id)).data).toMatchObject({ video_status: 3, progress: 100, language: 'ja' });
	});

	it('several languages, by default (today\'s docs): one job each, both charged, but only the first in the answer', async () => {
		const before = new Set(mock.jobs.keys());
		const created = await call(TRANSLATE, { ...vtBody, language: 'ja,zh-CN-shandong' });
		expect(Object.keys(created).sort()).toEqual(['code', 'data', 'msg']);
		expect(created.data).toMatchObject({ language: 'ja', video_status: 1 });
		const made = [...mock.jobs.values()].filter((job) => !before.has(job._id));
		expect(made.map((job) => job.record.language)).toEqual(['ja', 'zh-CN-shandong']);
		expect(mock.credit).toBe(980);
		// The second language's job id appears nowhere in the answer (what R1 warns of).
		expect(JSON.stringify(created)).not.toContain(made[1]._id);
	});

	it('several languages, translationAnswer all_results (Sep–Nov 2025 docs): all_results top-level with one {code,msg,data} per language', async () => {
		mock.setOptions({ translationAnswer: 'all_results' });
		const created = await call(TRANSLATE, { ...vtBody, language: 'ja,zh-CN-shandong' });
		expect(Object.keys(created).sort()).toEqual(['all_results', 'code', 'data', 'msg']);
		expect(created.data).toMatchObject({ language: 'ja', source_language: 'DEFAULT', video_status: 1 });
		expect(created.all_results).toHaveLength(2);
		const [first, second] = created.all_results as Array<{ code: number; msg: string; data: any }>;
		expect(first).toEqual({ code: 1000, msg: 'OK', data: created.data });
		expect(second).toMatchObject({ code: 1000, msg: 'OK', data: { language: 'zh-CN-shandong', video_status: 1 } });
		expect(second.data._id).not.toBe(first.data._id);
		expect(mock.credit).toBe(980);
		await sleep(JOB_MS + 30);
		for (const { data } of created.all_results as Array<{ data: { _id: string; language: string } }>) {
			expect((await call(VIDEO_INFO + data._id)).data).toMatchObject({ video_status: 3, language: data.language });
		}
	});

	it('a failed translation shows error_code and error_reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'video must contain audio' });
		const created = await call(TRANSLATE, vtBody);
		await sleep(JOB_MS + 30);
		expect((await call(VIDEO_INFO + created.data._id)).data).toMatchObject({
			video_status: 4, video: '', progress: 0, error_code: 1205, error_reason: 'video must contain audio', deduction_credit: 0,
		});
	});

	it('checks language codes, enums, types and studio_voice', async () => {
		await expectRejected([
			[TRANSLATE, { language: 'ja' }, required('url')],
			[TRANSLATE, { url: vtBody.url }, required('language')],
			[TRANSLATE, { ...vtBody, language: ['ja'] }, invalid('language')],
			[TRANSLATE, { ...vtBody, language: 'xx' }, invalid('language')],
			[TRANSLATE, { ...vtBody, language: 'ja, fr' }, invalid('language')],
			[TRANSLATE, { ...vtBody, language: 'ja,ja' }, invalid('language')],
			[TRANSLATE, { ...vtBody, language: 'ja,' }, invalid('language')],
			[TRANSLATE, { ...vtBody, source_language: 'auto' }, invalid('source_language')],
			[TRANSLATE, { ...vtBody, lipsync: 'true' }, invalid('lipsync')],
			[TRANSLATE, { ...vtBody, remove_bgm: 1 }, invalid('remove_bgm')],
			[TRANSLATE, { ...vtBody, dynamic_duration: 'no' }, invalid('dynamic_duration')],
			[TRANSLATE, { ...vtBody, speaker_num: '2' }, invalid('speaker_num')],
			[TRANSLATE, { ...vtBody, speaker_num: -1 }, invalid('speaker_num')],
			[TRANSLATE, { ...vtBody, speaker_num: 1.5 }, invalid('speaker_num')],
			[TRANSLATE, { ...vtBody, caption_type: 5 }, invalid('caption_type')],
			[TRANSLATE, { ...vtBody, caption_type: '1' }, invalid('caption_type')],
			[TRANSLATE, { ...vtBody, caption_url: 3 }, invalid('caption_url')],
			[TRANSLATE, { ...vtBody, studio_voice: 'calm' }, invalid('studio_voice')],
			[TRANSLATE, { ...vtBody, studio_voice: { style: 'bored' } }, invalid('studio_voice.style')],
			[TRANSLATE, { ...vtBody, studio_voice: { no_translate_words: 'Akool' } }, invalid('studio_voice.no_translate_words')],
			[TRANSLATE, { ...vtBody, studio_voice: { fixed_words: { Akool: 1 } } }, invalid('studio_voice.fixed_words.Akool')],
			[TRANSLATE, { ...vtBody, studio_voice: { pronounced_words: ['a'] } }, invalid('studio_voice.pronounced_words')],
		]);
		const ok = await call(TRANSLATE, {
			...vtBody,
			source_language: 'DEFAULT',
			studio_voice: { no_translate_words: ['Akool'], fixed_words: { hello: 'hola' }, pronounced_words: { SQL: 'sequel' }, style: 'calm' },
		});
		expect(ok.data.studio_voice).toEqual({ no_translate_words: ['Akool'], fixed_words: { hello: 'hola' }, pronounced_words: { SQL: 'sequel' }, style: 'calm' });
	});

	it('not enough credit for every language → 1006, nothing created', async () => {
		mock.setOptions({ credit: 15 });
		await expectRejected([[TRANSLATE, { ...vtBody, language: 'ja,fr' }, { code: 1006, msg: 'Your quota is not enough' }]]);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('talking avatar (#24)', () => {
	it('creates a talking avatar video with the documented answer fields', async () => {
		const created = await call(TALKING_AVATAR, taBody);
		expect(created.code).toBe(1000);
		expect(Object.keys(created.data).sort()).toEqual(['_id', 'create_time', 'task_id', 'uid', 'video', 'video_id', 'video_status'].sort());
		expect(created.data).toMatchObject({ video_status: 1, video: '', video_id: created.data._id });
		expect(mock.credit).toBe(990);
		await sleep(JOB_MS + 30);
		expect((await call(VIDEO_INFO + created.data._id)).data).toMatchObject({ video_status: 3, video: mock.resultUrl(created.data._id) });
	});

	it('accepts an image colour, text + voice audio and avatar_from 3 with a url', async () => {
		const voiceId = await akoolVoiceId();
		const answer = await call(TALKING_AVATAR, {
			...taBody,
			avatar_from: 3,
			elements: [
				{ type: 'image', url: '#1a2B3c', scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0, width: 3840, height: 2160 },
				{ type: 'avatar', url: 'https://in.example/me.mp4', scale_x: 0.5, scale_y: 0.5, offset_x: 100, offset_y: 200 },
				{ type: 'audio', input_text: 'Hello', voice_id: voiceId },
			],
		});
		expect(answer.code).toBe(1000);
		// a v3 voice works too
		expect((await call(TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio', input_text: 'Hi', voice_id: 'en-US-GuyNeural' }] })).code).toBe(1000);
	});

	it('checks width/height, avatar_from, elements and each element', async () => {
		const el = (i: number) => `elements[${i}]`;
		await expectRejected([
			[TALKING_AVATAR, { ...taBody, width: 1920 }, invalid('width')],
			[TALKING_AVATAR, { ...taBody, width: '3840' }, invalid('width')],
			[TALKING_AVATAR, { ...taBody, height: 1080 }, invalid('height')],
			[TALKING_AVATAR, { height: 2160, avatar_from: 2, elements: taBody.elements }, required('width')],
			[TALKING_AVATAR, { ...taBody, avatar_from: 1 }, invalid('avatar_from')],
			[TALKING_AVATAR, { ...taBody, avatar_from: '2' }, invalid('avatar_from')],
			[TALKING_AVATAR, { ...taBody, elements: [] }, required('elements')],
			[TALKING_AVATAR, { ...taBody, elements: 'avatar' }, invalid('elements')],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl] }, invalid('elements')],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, avatarEl, audioEl] }, invalid('elements')],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, audioEl, audioEl] }, invalid('elements')],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, type: 'video' }, audioEl] }, invalid(`${el(0)}.type`)],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, avatar_id: 'nobody' }, audioEl] }, invalid(`${el(0)}.avatar_id`)],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, avatar_id: undefined }, audioEl] }, required(`${el(0)}.avatar_id`)],
			[TALKING_AVATAR, { ...taBody, avatar_from: 3, elements: [avatarEl, audioEl] }, required(`${el(0)}.url`)],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, scale_x: undefined }, audioEl] }, required(`${el(0)}.scale_x`)],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, offset_y: '0' }, audioEl] }, invalid(`${el(0)}.offset_y`)],
			[TALKING_AVATAR, { ...taBody, elements: [{ ...avatarEl, width: 'full' }, audioEl] }, invalid(`${el(0)}.width`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, audioEl, { type: 'image', url: 'red', scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0 }] }, invalid(`${el(2)}.url`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio' }] }, required(`${el(1)}.url`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio', input_text: 'Hi' }] }, required(`${el(1)}.voice_id`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio', voice_id: 'en-US-GuyNeural' }] }, required(`${el(1)}.input_text`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio', input_text: 'Hi', voice_id: 'nobody' }] }, invalid(`${el(1)}.voice_id`)],
			[TALKING_AVATAR, { ...taBody, elements: [avatarEl, { type: 'audio', input_text: 'x'.repeat(50001), voice_id: 'en-US-GuyNeural' }] }, invalid(`${el(1)}.input_text`)],
			[TALKING_AVATAR, { ...taBody, webhookUrl: false }, invalid('webhookUrl')],
		]);
	});

	it('an uploaded avatar can be used only once it is ready (status 3)', async () => {
		mock.nextJobs({ durationMs: 300 });
		await call(AVATAR_CREATE, uploadBody);
		const withUpload = { ...taBody, avatar_from: 3, elements: [{ ...avatarEl, avatar_id: uploadBody.avatar_id, url: uploadBody.url }, audioEl] };
		expect(await call(TALKING_AVATAR, withUpload)).toEqual({ code: 1003, msg: 'elements[0].avatar_id is not completed' });
		await sleep(330);
		expect((await call(TALKING_AVATAR, withUpload)).code).toBe(1000);
	});

	it('avatar_from must be the avatar\'s own `from` (official 2, upload 3); 3 needs the url', async () => {
		mock.nextJobs({ durationMs: 10 });
		await call(AVATAR_CREATE, uploadBody);
		await sleep(40);
		const upload = { ...avatarEl, avatar_id: uploadBody.avatar_id };
		await expectRejected([
			[TALKING_AVATAR, { ...taBody, elements: [upload, audioEl] }, invalid('avatar_from')],
			[TALKING_AVATAR, { ...taBody, avatar_from: 3, elements: [upload, audioEl] }, required('elements[0].url')],
			[TALKING_AVATAR, { ...taBody, avatar_from: 3, elements: [{ ...avatarEl, url: 'https://in.example/me.mp4' }, audioEl] }, invalid('avatar_from')],
		]);
		expect((await call(TALKING_AVATAR, { ...taBody, avatar_from: 3, elements: [{ ...upload, url: uploadBody.url }, audioEl] })).code).toBe(1000);
		expect((await call(TALKING_AVATAR, taBody)).code).toBe(1000);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('avatars (#21–#23)', () => {
	it('paginates the 130 official avatars: size 100 → 100 + 30, then []', async () => {
		const page1 = await call(AVATAR_LIST);
		expect(page1.code).toBe(1000);
		expect(Array.isArray(page1.data)).toBe(true);
		expect(page1.data).toHaveLength(100);
		const page2 = await call(`${AVATAR_LIST}?page=2&size=100`);
		expect(page2.data).toHaveLength(30);
		expect((await call(`${AVATAR_LIST}?page=3`)).data).toEqual([]);
		expect((await call(`${AVATAR_LIST}?page=3&size=50`)).data).toHaveLength(30);
		const ids = new Set([...page1.data, ...page2.data].map((a: { _id: string }) => a._id));
		expect(ids.size).toBe(130);
		const sorts = page1.data.map((a: { sort: number }) => a.sort);
		expect(sorts).toEqual(sorts.slice().sort((a: number, b: number) => b - a));
		expect(Object.keys(page1.data[0]).sort()).toEqual(
			['_id', 'name', 'avatar_id', 'url', 'gender', 'thumbnailUrl', 'from', 'type', 'status', 'sort', 'create_time', 'modify_url', 'crop_arr', 'disabled', 'uid'].sort(),
		);
		expect(page1.data[0]).toMatchObject({ from: 2, status: 3 });
		expect((await call(`${AVATAR_LIST}?type=2`)).data).toHaveLength(26);
		expect((await call(`${AVATAR_LIST}?from=2&type=`)).data).toHaveLength(100);
		expect((await call(`${AVATAR_LIST}?from=3`)).data).toEqual([]);
	});

	it('checks the list query', async () => {
		expect(await call(`${AVATAR_LIST}?from=1`)).toEqual(invalid('from'));
		expect(await call(`${AVATAR_LIST}?type=3`)).toEqual(invalid('type'));
		expect(await call(`${AVATAR_LIST}?page=0`)).toEqual(invalid('page'));
		expect(await call(`${AVATAR_LIST}?page=two`)).toEqual(invalid('page'));
		expect(await call(`${AVATAR_LIST}?size=101`)).toEqual(invalid('size'));
	});

	it('uploads an avatar: status 1 → 2 → 3 on detail; it appears in the list (from 3); no result URL but `url`', async () => {
		mock.nextJobs({ durationMs: SLOW_MS });
		const created = await call(AVATAR_CREATE, uploadBody);
		expect(created.code).toBe(1000);
		expect(created.data).toHaveLength(1);
		const [record] = created.data;
		expect(record).toMatchObject({ status: 1, from: 3, type: 1, name: 'Me', url: uploadBody.url, avatar_id: uploadBody.avatar_id });
		expect(mock.credit).toBe(1000);
		const detail = await call(AVATAR_DETAIL + record._id);
		expect(detail.data).toHaveLength(1);
		expect(Object.keys(detail.data[0]).sort()).toEqual(['_id', 'avatar_id', 'from', 'name', 'status', 'type', 'uid', 'url']);
		expect(detail.data[0].status).toBe(1);
		await sleep(SLOW_MS * 0.2 + 100);
		expect((await call(AVATAR_DETAIL + record._id)).data[0].status).toBe(2);
		const listed = await call(`${AVATAR_LIST}?from=3`);
		expect(listed.data).toHaveLength(1);
		expect(listed.data[0]).toMatchObject({ _id: record._id, avatar_id: uploadBody.avatar_id, status: 2 });
		await waitFor(() => mock.jobs.get(record._id)!.status === 3, SLOW_MS * 2);
		const ready = await call(AVATAR_DETAIL + record._id);
		expect(ready.data[0]).toMatchObject({ status: 3, url: uploadBody.url });
		expect(JSON.stringify(ready)).not.toContain('/files/');
		expect(mock.resultUrl(record._id)).toBe('');
		// page 2 of the full list now has the 30 official avatars and the upload
		expect((await call(`${AVATAR_LIST}?page=2`)).data).toHaveLength(31);
	});

	it('detail: unknown id → 1008, missing id → required, official avatars answer too', async () => {
		expect(await call(AVATAR_DETAIL + '65f000000000000000000000')).toEqual(NOT_FOUND);
		expect(await call('/api/open/v3/avatar/detail')).toEqual(required('id'));
		const [official] = (await call(AVATAR_LIST)).data;
		expect((await call(AVATAR_DETAIL + official._id)).data).toEqual([
			{ _id: official._id, uid: 1, type: official.type, from: 2, status: 3, name: official.name, url: official.url, avatar_id: official.avatar_id },
		]);
	});

	it('checks the upload fields; an existing avatar_id → 1222', async () => {
		await call(AVATAR_CREATE, uploadBody);
		await expectRejected([
			[AVATAR_CREATE, { ...uploadBody, url: undefined }, required('url')],
			[AVATAR_CREATE, { ...uploadBody, avatar_id: undefined }, required('avatar_id')],
			[AVATAR_CREATE, { ...uploadBody, avatar_id: 'my-avatar' }, invalid('avatar_id')],
			[AVATAR_CREATE, { ...uploadBody, avatar_id: 12 }, invalid('avatar_id')],
			[AVATAR_CREATE, { ...uploadBody, name: undefined }, required('name')],
			[AVATAR_CREATE, { ...uploadBody, type: undefined }, required('type')],
			[AVATAR_CREATE, { ...uploadBody, type: '1' }, invalid('type')],
			[AVATAR_CREATE, { ...uploadBody, type: 3 }, invalid('type')],
			[AVATAR_CREATE, { ...uploadBody, url_from: undefined }, required('url_from')],
			[AVATAR_CREATE, { ...uploadBody, url_from: 3 }, invalid('url_from')],
			[AVATAR_CREATE, { ...uploadBody, avatar_id: 'other1', url_from: 2 }, invalid('url')],
			[AVATAR_CREATE, uploadBody, { code: 1222, msg: 'resource already exists' }],
		]);
		const official = (await call(AVATAR_LIST)).data.find((a: { avatar_id: string }) => /^[A-Za-z0-9]+$/.test(a.avatar_id));
		expect(official).toBeUndefined(); // official ids have underscores, so they cannot clash with an upload
		expect((await call(AVATAR_CREATE, { ...uploadBody, avatar_id: 'yt1', url: 'https://www.youtube.com/watch?v=abc', url_from: 2 })).code).toBe(1000);
	});

	it('avatarUploadPage "talkingAvatar": talking-avatar.mdx\'s reading (type "1" or 1, url_from not read)', async () => {
		mock.setOptions({ avatarUploadPage: 'talkingAvatar' });
		const { url_from: _unused, ...withoutUrlFrom } = uploadBody;
		expect((await call(AVATAR_CREATE, { ...withoutUrlFrom, avatar_id: 'page1', type: '1' })).data[0]).toMatchObject({ type: 1, from: 3 });
		expect((await call(AVATAR_CREATE, { ...withoutUrlFrom, avatar_id: 'page2' })).code).toBe(1000);
		expect((await call(AVATAR_CREATE, { ...uploadBody, avatar_id: 'page3', url_from: 'anything' })).code).toBe(1000);
		await expectRejected([
			[AVATAR_CREATE, { ...withoutUrlFrom, avatar_id: 'page4', type: 2 }, invalid('type')],
			[AVATAR_CREATE, { ...withoutUrlFrom, avatar_id: 'page5', type: undefined }, required('type')],
		]);
		mock.setOptions({ avatarUploadPage: 'streamingAvatar' });
		await expectRejected([
			[AVATAR_CREATE, { ...withoutUrlFrom, avatar_id: 'page6' }, required('url_from')],
			[AVATAR_CREATE, { ...uploadBody, avatar_id: 'page7', type: '1' }, invalid('type')],
		]);
		expect(() => mock.setOptions({ avatarUploadPage: 'other' as 'talkingAvatar' })).toThrow(/avatarUploadPage/);
	});

	it('seeded avatars (addJob) work like uploads', async () => {
		const job = mock.addJob({ store: 'avatar', status: 3, fields: { avatar_id: 'seeded1', name: 'Seeded' } });
		expect((await call(AVATAR_DETAIL + job._id)).data[0]).toMatchObject({ status: 3, avatar_id: 'seeded1', from: 3 });
		expect(job.fileName).toBe('');
		expect((await call(TALKING_AVATAR, { ...taBody, avatar_from: 3, elements: [{ ...avatarEl, avatar_id: 'seeded1', url: 'https://in.example/seeded.mp4' }, audioEl] })).code).toBe(1000);
		const failed = mock.addJob({ store: 'avatar', status: 4, failReason: 'no face' });
		expect((await call(AVATAR_DETAIL + failed._id)).data[0]).toMatchObject({ status: 4, error_reason: 'no face' });
	});
});

// ---------------------------------------------------------------------------------------------------
describe('audio v3 (#26–#29)', () => {
	it('lists v3 voices as a bare array', async () => {
		const all = await call(V3_VOICES);
		expect(Array.isArray(all.data)).toBe(true);
		expect(all.data.length).toBeGreaterThan(5);
		expect(Object.keys(all.data[0]).sort()).toEqual(
			['_id', 'voice_id', 'gender', 'accent', 'name', 'description', 'useCase', 'type', 'preview', 'from', 'create_time', 'uid', '__v'].sort(),
		);
		expect((await call(`${V3_VOICES}?from=3`)).data).toEqual(all.data);
		expect((await call(`${V3_VOICES}?from=4`)).data).toEqual([]);
		expect(await call(`${V3_VOICES}?from=2`)).toEqual(invalid('from'));
	});

	it('creates TTS audio and clone audio, polled by infobymodelid', async () => {
		const created = await call(V3_AUDIO, v3AudioBody);
		expect(created.data).toMatchObject({ status: 1, url: '', input_text: 'Hello there', rate: '100%', from: 3 });
		expect(created.data.voice_model_id).toMatch(/^[0-9a-f]{24}$/);
		const cloned = await call(V3_CLONE, { input_text: 'Hi', rate: '50%', voice_url: 'https://in.example/me.mp3' });
		expect(cloned.data).toMatchObject({ status: 1, url: '', rate: '50%' });
		await sleep(JOB_MS + 30);
		expect((await call(AUDIO_INFO + created.data._id)).data).toMatchObject({ status: 3, url: mock.resultUrl(created.data._id) });
		expect((await call(AUDIO_INFO + cloned.data._id)).data.url).toMatch(/\.mp3$/);
	});

	it('checks input_text, voice_id and the rate pattern', async () => {
		await expectRejected([
			[V3_AUDIO, { ...v3AudioBody, input_text: undefined }, required('input_text')],
			[V3_AUDIO, { ...v3AudioBody, input_text: 'x'.repeat(5001) }, invalid('input_text')],
			[V3_AUDIO, { ...v3AudioBody, voice_id: undefined }, required('voice_id')],
			[V3_AUDIO, { ...v3AudioBody, voice_id: 'nobody' }, invalid('voice_id')],
			[V3_AUDIO, { ...v3AudioBody, rate: undefined }, required('rate')],
			[V3_AUDIO, { ...v3AudioBody, rate: 100 }, invalid('rate')],
			[V3_AUDIO, { ...v3AudioBody, rate: '101%' }, invalid('rate')],
			[V3_AUDIO, { ...v3AudioBody, rate: '1.5' }, invalid('rate')],
			[V3_AUDIO, { ...v3AudioBody, rate: '05%' }, invalid('rate')],
			[V3_CLONE, { input_text: 'Hi', rate: '0%' }, { code: 1003, msg: 'voice_id or voice_url is required' }],
			[V3_CLONE, { input_text: 'Hi', rate: '0%', voice_url: 5 }, invalid('voice_url')],
			[V3_CLONE, { rate: '0%', voice_url: 'https://in.example/me.mp3' }, required('input_text')],
			[V3_CLONE, { input_text: 'Hi', voice_url: 'https://in.example/me.mp3' }, required('rate')],
		]);
		expect((await call(V3_AUDIO, { ...v3AudioBody, rate: '0%' })).code).toBe(1000);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('VoiceLab v4 lists (#33, #35, #36)', () => {
	it('type 2 = 120 Akool voices with count/page/size paging, name and gender filters', async () => {
		const first = await call(`${VOICE_LIST}?type=2`);
		expect(first.data).toMatchObject({ count: 120, page: 1, size: 10 });
		expect(first.data.result).toHaveLength(10);
		expect(Object.keys(first.data.result[0])).toEqual(
			expect.arrayContaining(['_id', 'voice_id', 'gender', 'language', 'locale', 'name', 'preview', 'status', 'style', 'scenario', 'age', 'voice_model_name', 'support_stream']),
		);
		const last = await call(`${VOICE_LIST}?type=2&page=12&size=10`);
		expect(last.data.result).toHaveLength(10);
		expect((await call(`${VOICE_LIST}?type=2&page=13`)).data).toEqual({ result: [], count: 120, page: 13, size: 10 });
		expect((await call(`${VOICE_LIST}?type=2&page=2&size=100`)).data.result).toHaveLength(20);
		const name = first.data.result[0].name as string;
		const byName = await call(`${VOICE_LIST}?type=2&name=${encodeURIComponent(name.toUpperCase())}`);
		expect(byName.data.count).toBeGreaterThanOrEqual(1);
		expect(byName.data.result.every((v: { name: string }) => v.name.toLowerCase().includes(name.toLowerCase()))).toBe(true);
		const female = await call(`${VOICE_LIST}?type=2&gender=female&size=100`);
		expect(female.data.count).toBe(60);
		expect(female.data.result.every((v: { gender: string }) => v.gender === 'Female')).toBe(true);
		const calm = await call(`${VOICE_LIST}?type=2&style=calm,warm&size=100`);
		expect(calm.data.count).toBeGreaterThan(0);
		expect(calm.data.result.every((v: { style: string[] }) => v.style.some((s) => s === 'Calm' || s === 'Warm'))).toBe(true);
		expect((await call(`${VOICE_LIST}?type=1`)).data).toEqual({ result: [], count: 0, page: 1, size: 10 });
	});

	it('checks type, page and size (numeric strings)', async () => {
		expect(await call(VOICE_LIST)).toEqual(required('type'));
		expect(await call(`${VOICE_LIST}?type=3`)).toEqual(invalid('type'));
		expect(await call(`${VOICE_LIST}?type=2&page=1.5`)).toEqual(invalid('page'));
		expect(await call(`${VOICE_LIST}?type=2&size=0`)).toEqual(invalid('size'));
		expect(await call(`${VOICE_LIST}?type=2&support_stream=3`)).toEqual(invalid('support_stream'));
		expect(await call(RESOURCE_LIST)).toEqual(required('type'));
		expect(await call(`${RESOURCE_LIST}?type=1&page=-1`)).toEqual(invalid('page'));
	});

	it('voice detail by path parameter: Akool voices, unknown → 1008, missing → required', async () => {
		const [voice] = (await call(`${VOICE_LIST}?type=2&size=1`)).data.result;
		expect((await call(VOICE_DETAIL + voice._id)).data).toEqual(voice);
		expect(await call(`${VOICE_DETAIL}65f000000000000000000000`)).toEqual(NOT_FOUND);
		expect(await call(VOICE_DETAIL)).toEqual(required('_id'));
		expect(await call(`${RESOURCE_DETAIL}65f000000000000000000000`)).toEqual(NOT_FOUND);
		expect((await send(`${VOICE_DETAIL}a/b`)).status).toBe(404);
		expect(mock.apiRequests(VOICE_DETAIL)[0].path).toBe(VOICE_DETAIL + voice._id);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('VoiceLab v4 clone, TTS, changer, delete (#30–#32, #34, #37)', () => {
	it('clone: voice_id and preview null until 3, then clone_<id> and an .mp3; listed as type 1', async () => {
		mock.nextJobs({ durationMs: 300 });
		const created = await call(CLONE, {
			source_voice_file: 'https://in.example/me.mp3',
			name: 'My Voice',
			voice_model_name: 'Akool Multilingual 3',
			voice_options: { style: ['Calm'], gender: ['Male'], age: ['Young'], scenario: ['Education'], remove_background_noise: true, language: 'en', clone_prompt: 'Hello world', need_volume_normalization: true },
		});
		expect(created.data).toMatchObject({ status: 1, voice_id: null, preview: null, name: 'My Voice', gender: 'Male', style: ['Calm'], source_voice_file: 'https://in.example/me.mp3' });
		const pending = await call(VOICE_DETAIL + created.data._id);
		expect(pending.data).toMatchObject({ voice_id: null, preview: null });
		expect([1, 2]).toContain(pending.data.status);
		await sleep(330);
		const done = await call(VOICE_DETAIL + created.data._id);
		expect(done.data).toMatchObject({ status: 3, voice_id: `clone_${created.data._id}`, preview: mock.resultUrl(created.data._id) });
		expect(done.data.preview).toMatch(/\.mp3$/);
		expect(await download(done.data.preview)).toEqual({ status: 200, type: 'audio/mpeg' });
		const mine = await call(`${VOICE_LIST}?type=1`);
		expect(mine.data).toMatchObject({ count: 1, page: 1, size: 10 });
		expect(mine.data.result[0]).toMatchObject({ _id: created.data._id, voice_id: done.data.voice_id });
	});

	it('clone checks', async () => {
		await expectRejected([
			[CLONE, {}, required('source_voice_file')],
			[CLONE, { source_voice_file: 3 }, invalid('source_voice_file')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', voice_model_name: 'Akool Multilingual 2' }, invalid('voice_model_name')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', name: 5 }, invalid('name')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', voice_options: { style: 'Calm' } }, invalid('voice_options.style')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', voice_options: { remove_background_noise: 'yes' } }, invalid('voice_options.remove_background_noise')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', voice_options: { clone_prompt: 'Hi' } }, invalid('voice_options.clone_prompt')],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3', voice_model_name: 'Akool Multilingual 4', voice_options: { need_volume_normalization: true } }, invalid('voice_options.need_volume_normalization')],
		]);
	});

	it('TTS: the record sits in data.result; preview null until 3, then the .mp3 (a .wav with audio_setting.format wav)', async () => {
		const voiceId = await akoolVoiceId();
		const created = await call(TTS, {
			input_text: 'Hello from the mock',
			voice_id: voiceId,
			voice_options: { stability: 0.5, similarity_boost: 1, style: 0, speed: 1.2, speaker_boost: true, emotion: 'happy', volume: 80 },
			language_code: 'en',
			pitch: -12,
			extra_options: { previous_text: 'a', apply_text_normalization: 'auto', pitch: 12, timber_weights: [{ voice_id: voiceId, weight: 100 }], voice_modify: { pitch: -100, sound_effects: 'robotic' } },
		});
		// The pitch applied is extra_options.pitch (the request table); the top-level one is not read.
		expect(created.data).toMatchObject({ status: 1, preview: null, voice_id: voiceId, input_text: 'Hello from the mock', pitch: 12 });
		expect(created.data.deduction_credit).toBeCloseTo(0.08, 5);
		const pending = await call(RESOURCE_DETAIL + created.data._id);
		expect(Object.keys(pending.data)).toEqual(['result']);
		expect(pending.data.result.preview).toBeNull();
		await sleep(JOB_MS + 30);
		const done = await call(RESOURCE_DETAIL + created.data._id);
		expect(done.data.result).toMatchObject({ _id: created.data._id, status: 3, preview: mock.resultUrl(created.data._id) });
		expect(done.data.result.preview).toMatch(/\.mp3$/);
		const wav = await call(TTS, { input_text: 'wav please', voice_id: voiceId, extra_options: { audio_setting: { format: 'wav', sample_rate: 44100, bitrate: 128000, channel: 2 } } });
		await sleep(JOB_MS + 30);
		const wavDone = await call(RESOURCE_DETAIL + wav.data._id);
		expect(wavDone.data.result.preview).toMatch(/\.wav$/);
		expect(await download(wavDone.data.result.preview)).toEqual({ status: 200, type: 'audio/wav' });
		const listed = await call(`${RESOURCE_LIST}?type=1`);
		expect(listed.data).toMatchObject({ count: 2, page: 1, size: 10 });
		expect(listed.data.result.map((r: { _id: string }) => r._id)).toEqual([wav.data._id, created.data._id]);
		expect((await call(`${RESOURCE_LIST}?type=1&page=2&size=1`)).data.result[0]._id).toBe(created.data._id);
	});

	it('TTS: a top-level pitch is not in the request table: not read, not checked, not applied', async () => {
		const voiceId = await akoolVoiceId();
		const created = await call(TTS, { input_text: 'Hi', voice_id: voiceId, pitch: 13 });
		expect(created.code).toBe(1000);
		expect(created.data).not.toHaveProperty('pitch');
		expect((await call(TTS, { input_text: 'Hi', voice_id: voiceId, pitch: '1', extra_options: { pitch: -4 } })).data.pitch).toBe(-4);
	});

	it('TTS checks', async () => {
		const voiceId = await akoolVoiceId();
		const body = { input_text: 'Hi', voice_id: voiceId };
		await expectRejected([
			[TTS, { voice_id: voiceId }, required('input_text')],
			[TTS, { ...body, input_text: 'x'.repeat(50001) }, invalid('input_text')],
			[TTS, { input_text: 'Hi' }, required('voice_id')],
			[TTS, { ...body, voice_id: 'en-US-JennyNeural' }, invalid('voice_id')],
			[TTS, { ...body, voice_options: { speed: 1.3 } }, invalid('voice_options.speed')],
			[TTS, { ...body, voice_options: { stability: '0.5' } }, invalid('voice_options.stability')],
			[TTS, { ...body, voice_options: { emotion: 'bored' } }, invalid('voice_options.emotion')],
			[TTS, { ...body, voice_options: { volume: 50.5 } }, invalid('voice_options.volume')],
			[TTS, { ...body, voice_options: { speaker_boost: 1 } }, invalid('voice_options.speaker_boost')],
			[TTS, { ...body, language_code: 1 }, invalid('language_code')],
			[TTS, { ...body, extra_options: { pitch: -13 } }, invalid('extra_options.pitch')],
			[TTS, { ...body, extra_options: { pitch: 1.5 } }, invalid('extra_options.pitch')],
			[TTS, { ...body, extra_options: 'fast' }, invalid('extra_options')],
			[TTS, { ...body, extra_options: { apply_text_normalization: 'yes' } }, invalid('extra_options.apply_text_normalization')],
			[TTS, { ...body, extra_options: { audio_setting: { sample_rate: 48000 } } }, invalid('extra_options.audio_setting.sample_rate')],
			[TTS, { ...body, extra_options: { timber_weights: [{ voice_id: voiceId, weight: 0 }] } }, invalid('extra_options.timber_weights[0].weight')],
			[TTS, { ...body, extra_options: { timber_weights: Array(5).fill({ voice_id: voiceId, weight: 1 }) } }, invalid('extra_options.timber_weights')],
			[TTS, { ...body, extra_options: { voice_modify: { sound_effects: 'echo' } } }, invalid('extra_options.voice_modify.sound_effects')],
			[TTS, { ...body, webhookUrl: 1 }, invalid('webhookUrl')],
		]);
	});

	it('TTS and the changer accept a finished clone only', async () => {
		mock.nextJobs({ durationMs: 10_000 });
		const running = await call(CLONE, { source_voice_file: 'https://in.example/slow.mp3' });
		await expectRejected([[TTS, { input_text: 'Hi', voice_id: `clone_${running.data._id}` }, invalid('voice_id')]]);
		const clone = await finishedClone();
		expect((await call(TTS, { input_text: 'Hi', voice_id: clone.voice_id })).data).toMatchObject({ voice_id: clone.voice_id, name: 'My Voice' });
		expect((await call(CHANGE, { voice_id: clone.voice_id, source_voice_file: 'https://in.example/in.mp3' })).code).toBe(1000);
	});

	it('voice changer: wav via voice_options.file_format, listed as resource type 2', async () => {
		const voiceId = await akoolVoiceId();
		const created = await call(CHANGE, {
			voice_id: voiceId,
			source_voice_file: 'https://in.example/in.mp3',
			voice_options: { stability: 0.2, similarity_boost: 0.3, style: 0.4, speaker_boost: false, file_format: 'wav', remove_background_noise: true, speed: 0.7 },
			voice_model_name: 'Akool Multilingual 1',
		});
		expect(created.data).toMatchObject({ status: 1, preview: null, source_voice_file: 'https://in.example/in.mp3', deduction_credit: 4.4 });
		await sleep(JOB_MS + 30);
		expect((await call(RESOURCE_DETAIL + created.data._id)).data.result.preview).toMatch(/\.wav$/);
		expect((await call(`${RESOURCE_LIST}?type=2`)).data).toMatchObject({ count: 1, result: [{ _id: created.data._id }] });
		expect((await call(`${RESOURCE_LIST}?type=1`)).data.count).toBe(0);
		await expectRejected([
			[CHANGE, { source_voice_file: 'https://in.example/in.mp3' }, required('voice_id')],
			[CHANGE, { voice_id: voiceId }, required('source_voice_file')],
			[CHANGE, { voice_id: voiceId, source_voice_file: 'x', voice_options: { file_format: 'ogg' } }, invalid('voice_options.file_format')],
			[CHANGE, { voice_id: voiceId, source_voice_file: 'x', voice_options: { speed: 0.6 } }, invalid('voice_options.speed')],
			[CHANGE, { voice_id: voiceId, source_voice_file: 'x', voice_model_name: 'Akool Multilingual 3' }, invalid('voice_model_name')],
		]);
	});

	it('delete: `_ids` must be an array; clones are deleted, anything else is noPermission', async () => {
		const clone = await finishedClone();
		const akool = (await call(`${VOICE_LIST}?type=2&size=1`)).data.result[0]._id;
		await expectRejected([
			[VOICE_DEL, { _ids: clone._id }, invalid('_ids')],
			[VOICE_DEL, { _ids: `${clone._id},${akool}` }, invalid('_ids')],
			[VOICE_DEL, { _ids: [] }, required('_ids')],
			[VOICE_DEL, {}, required('_ids')],
			[VOICE_DEL, { _ids: [clone._id, 5] }, invalid('_ids[1]')],
		]);
		const answer = await call(VOICE_DEL, { _ids: [clone._id, akool, 'nope'] });
		expect(answer).toEqual({
			code: 1000,
			msg: 'Delete voice successfully',
			data: {
				successIds: [clone._id],
				noPermissionVoices: [
					{ _id: akool, msg: expect.any(String) },
					{ _id: 'nope', msg: expect.any(String) },
				],
			},
		});
		expect(await call(VOICE_DETAIL + clone._id)).toEqual(NOT_FOUND);
		expect((await call(`${VOICE_LIST}?type=1`)).data.count).toBe(0);
		expect(await call(TTS, { input_text: 'Hi', voice_id: clone.voice_id })).toEqual(invalid('voice_id'));
	});

	it('seeded voice jobs (addJob): voiceResult in data.result, voiceClone with a derived voice_id', async () => {
		const result = mock.addJob({ store: 'voiceResult', status: 3 });
		expect((await call(RESOURCE_DETAIL + result._id)).data.result).toMatchObject({ status: 3, preview: mock.resultUrl(result._id) });
		const changer = mock.addJob({ store: 'voiceResult', status: 1, durationMs: 10_000, fields: { source_voice_file: 'https://in.example/x.mp3' } });
		expect((await call(`${RESOURCE_LIST}?type=2`)).data.result).toEqual([expect.objectContaining({ _id: changer._id, preview: null, status: 1 })]);
		const clone = mock.addJob({ store: 'voiceClone', status: 4, failReason: 'bad sample' });
		expect((await call(VOICE_DETAIL + clone._id)).data).toMatchObject({ status: 4, voice_id: null, preview: null, error_reason: 'bad sample' });
		expect(clone.type).toBe('voice clone');
		expect(result.type).toBe('voice');
	});
});

// ---------------------------------------------------------------------------------------------------
describe('text to video (#49)', () => {
	it('creates a batch polled with resultsByIds (sub_type 1502)', async () => {
		const created = await call(T2V, { ...t2vBody, negative_prompt: 'blur', extend_prompt: true, resolution: '1080p', video_length: 10, count: 2 });
		expect(created.data.errorList).toEqual([]);
		expect(created.data.successList).toHaveLength(2);
		const [a, b] = created.data.successList;
		expect(a).toMatchObject({
			status: 1, sub_type: 1502, prompt: t2vBody.prompt, negative_prompt: 'blur', extend_prompt: true, resolution: '1080p',
			video_duration: 10, model_name: 'seedance-1-0-lite-t2v-250428', batch_count: 2, webhookUrl: '',
		});
		expect(a.batch_id).toBe(b.batch_id);
		expect(mock.credit).toBe(1000 - 2 * 50);
		await sleep(JOB_MS + 30);
		const results = await call(I2V_RESULTS, { _ids: `${a._id},${b._id}` });
		expect(results.data.result).toHaveLength(2);
		expect(results.data.result[0]).toMatchObject({ status: 3, sub_type: 1502, video_url: mock.resultUrl(a._id) });
	});

	it('defaults and limits', async () => {
		const created = await call(T2V, t2vBody);
		expect(created.data.successList[0]).toMatchObject({ resolution: '720p', video_duration: 5, batch_count: 1 });
		await expectRejected([
			[T2V, {}, required('prompt')],
			[T2V, { prompt: 'x'.repeat(5001) }, invalid('prompt')],
			[T2V, { ...t2vBody, negative_prompt: 'x'.repeat(1001) }, invalid('negative_prompt')],
			[T2V, { ...t2vBody, model_name: 'AkoolImage2VideoFastV1' }, invalid('model_name')],
			[T2V, { ...t2vBody, resolution: '4k' }, invalid('resolution')],
			[T2V, { ...t2vBody, video_length: 6 }, invalid('video_length')],
			[T2V, { ...t2vBody, video_length: '5' }, invalid('video_length')],
			[T2V, { ...t2vBody, count: 11 }, invalid('count')],
			[T2V, { ...t2vBody, count: '2' }, invalid('count')],
			[T2V, { ...t2vBody, extend_prompt: 'yes' }, invalid('extend_prompt')],
			[T2V, { ...t2vBody, webhookurl: `https://hook.example/${'x'.repeat(2048)}` }, invalid('webhookurl')],
		]);
		expect((await call(T2V, { ...t2vBody, webhookurl: `https://hook.example/${'x'.repeat(2000)}` })).code).toBe(1000);
	});

	it('items the credit cannot pay go to errorList', async () => {
		mock.setOptions({ credit: 50 });
		const created = await call(T2V, { ...t2vBody, count: 3 });
		expect(created.data.successList).toHaveLength(2);
		expect(created.data.errorList).toEqual([{ index: 2, code: 1006, msg: 'Your quota is not enough' }]);
	});
});

// ---------------------------------------------------------------------------------------------------
describe('callbacks (documented spelling only)', () => {
	it('sends the family callback types for the webhookUrl creates', async () => {
		const voiceId = await akoolVoiceId();
		const creates: Array<[string, Record<string, unknown>]> = [
			[LIPSYNC, lipBody],
			[TRANSLATE, vtBody],
			[TALKING_AVATAR, taBody],
			[V3_AUDIO, v3AudioBody],
			[TTS, { input_text: 'Hi', voice_id: voiceId }],
			[CHANGE, { voice_id: voiceId, source_voice_file: 'https://in.example/in.mp3' }],
			[CLONE, { source_voice_file: 'https://in.example/me.mp3' }],
		];
		const { ids, payloads } = await callbackPayloads('webhookUrl', creates);
		const types = ['lipsync', 'video translate', 'avatar', 'audio', 'voice', 'voice', 'voice clone'];
		ids.forEach((id, i) => {
			const payload = payloads.find((p) => p._id === id);
			expect(payload).toEqual({ _id: id, status: 3, type: types[i], url: mock.resultUrl(id) });
		});
		expect(payloads).toHaveLength(creates.length);
		expect(mock.jobs.get(ids[4])!.record.webhookUrl).not.toBe('');
	});

	it('text to video calls back on webhookurl (type text2video), never on webhookUrl', async () => {
		const { ids, payloads } = await callbackPayloads('webhookurl', [[T2V, t2vBody]]);
		expect(payloads).toEqual([{ _id: ids[0], status: 3, type: 'text2video', url: mock.resultUrl(ids[0]) }]);
		const receiver = await startReceiver();
		try {
			const created = await call(T2V, { ...t2vBody, webhookUrl: receiver.url });
			const job = mock.jobs.get(created.data.successList[0]._id)!;
			expect(job).toMatchObject({ webhookField: 'webhookUrl', webhookAccepted: false });
			const lip = await call(LIPSYNC, { ...lipBody, webhookurl: receiver.url });
			expect(mock.jobs.get(lip.data._id)).toMatchObject({ webhookField: 'webhookurl', webhookAccepted: false });
			await sleep(JOB_MS * 2 + 50);
			expect(receiver.received).toEqual([]);
		} finally {
			await receiver.close();
		}
	});

	it('avatar upload takes no webhook', async () => {
		const receiver = await startReceiver();
		try {
			const created = await call(AVATAR_CREATE, { ...uploadBody, webhookUrl: receiver.url });
			expect(mock.jobs.get(created.data[0]._id)).toMatchObject({ webhookAccepted: false });
			await sleep(JOB_MS * 2 + 50);
			expect(receiver.received).toEqual([]);
		} finally {
			await receiver.close();
		}
	});

	it('several translation languages call back once per language', async () => {
		const receiver = await startReceiver();
		try {
			mock.setOptions({ translationAnswer: 'all_results' });
			const created = await call(TRANSLATE, { ...vtBody, language: 'fr,de', webhookUrl: receiver.url });
			const ids = (created.all_results as Array<{ data: { _id: string } }>).map((r) => r.data._id);
			await waitFor(() => receiver.received.length >= 2);
			const payloads = receiver.received.map((r) => mock.decrypt(r.dataEncrypt) as { _id: string; type: string });
			expect(payloads.map((p) => p._id).sort()).toEqual(ids.sort());
			expect(payloads.every((p) => p.type === 'video translate')).toBe(true);
		} finally {
			await receiver.close();
		}
	});
});

describe('lenient mode (strict: false)', () => {
	it('accepts numeric strings where strict mode does not', async () => {
		mock.setOptions({ strict: false });
		expect((await call(TALKING_AVATAR, { ...taBody, width: '3840', avatar_from: '2' })).code).toBe(1000);
		expect((await call(TRANSLATE, { ...vtBody, speaker_num: '2', caption_type: '1' })).code).toBe(1000);
		// arrays stay arrays in both modes
		expect(await call(VOICE_DEL, { _ids: 'a,b' })).toEqual(invalid('_ids'));
	});
});
