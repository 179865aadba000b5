/**
 * Talking Avatar in n8n's real engine against the Akool mock: Create Video (Akool avatar + text and
 * voice over a background colour and an image; an avatar video URL with an audio URL), List Avatars
 * (Return All over Akool's 100-per-page list, Limit, the `from` filter), Get Avatar, Upload Avatar
 * (waits until the avatar is ready; its result is the avatar ID, never a file) and the avatar picker
 * (searchAvatars). Assertions are on the exact requests the mock received and on the output items.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, expectVideoAfterCallback, fastOptions, listSearchAt, mockGet, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 40_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000 });

const CREATE = '/api/open/v3/talkingavatar/create';
const POLL = '/api/open/v3/content/video/infobymodelid';
const AVATAR_LIST = '/api/open/v3/avatar/list';
const AVATAR_DETAIL = '/api/open/v3/avatar/detail';
const AVATAR_CREATE = '/api/open/v3/avatar/create';
const CANVAS = { width: 3840, height: 2160 };

type Avatar = { _id: string; avatar_id: string; name: string; from: number; type: number; status: number };

/** Every avatar the mock lists for this query, read page by page directly. */
async function allAvatars(query: string): Promise<Avatar[]> {
	const avatars: Avatar[] = [];
	for (let page = 1; ; page++) {
		const list = await mockGet<Avatar[]>(mock, `${AVATAR_LIST}?${query}&page=${page}&size=100`);
		avatars.push(...list);
		if (list.length < 100) return avatars;
	}
}

/** A known Akool talking avatar and a known VoiceLab voice of the mock. */
async function anAvatarAndAVoice(): Promise<{ avatarId: string; voiceId: string }> {
	const [avatar] = await mockGet<Avatar[]>(mock, `${AVATAR_LIST}?from=2&type=1&page=1&size=10`);
	const voices = await mockGet<{ result: Array<{ voice_id: string }> }>(mock, '/api/open/v4/voice/list?type=2&page=1&size=10');
	return { avatarId: avatar.avatar_id, voiceId: voices.result[0].voice_id };
}

const avatarNode = (operation: string, parameters: INodeParameters): INodeParameters =>
	withFastOptions({ resource: 'talkingAvatar', operation, ...parameters });

/** Calls a `methods.listSearch` method (the avatar picker) with filter and token. */
const listSearch = (method: string, parameters: INodeParameters, filter?: string, paginationToken?: string) =>
	listSearchAt(mock, method, parameters, 'parameters.avatarId', filter, paginationToken);

describe('Talking Avatar → Create Video', () => {
	it('Akool avatar (picked from the list) + text and voice, over a background colour and a logo: the scene in order, the video downloaded', async () => {
		const { avatarId, voiceId } = await anAvatarAndAVoice();
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarFrom: 2,
					avatarId: { __rl: true, mode: 'list', value: avatarId, cachedResultName: 'Tristan 1' },
					speech: 'text',
					text: 'Welcome to our product tour.',
					voiceId: { __rl: true, mode: 'id', value: voiceId },
					images: { values: [{ url: 'https://example.com/brand/logo.png', scale: 0.5, offsetX: 3400, offsetY: 40 }] },
					options: { background: '#1E90FF', avatarScale: 0.8, avatarOffsetX: 1200, avatarOffsetY: 300 },
				}),
			),
		);
		expect(result.status).toBe('success');

		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		// The exact top-level keys are checked in the test below (no stray voice_id).
		expect(creates[0].body).toMatchObject({ ...CANVAS, avatar_from: 2 });
		// The avatar's own `from` comes from the (free) avatar list, read before the paid create.
		const lookups = mock.apiRequests(AVATAR_LIST);
		expect(lookups.length).toBeGreaterThanOrEqual(1);
		expect(lookups.every((request) => mock.apiRequests().indexOf(request) < mock.apiRequests().indexOf(creates[0]))).toBe(true);
		// The background fills the canvas; the avatar keeps its own size (no width/height: Akool's example
		// gives the avatar element its own 1080 × 1080, the table makes both optional).
		expect((creates[0].body as IDataObject).elements).toEqual([
			{ type: 'image', url: '#1E90FF', scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0, ...CANVAS },
			{ type: 'avatar', avatar_id: avatarId, scale_x: 0.8, scale_y: 0.8, offset_x: 1200, offset_y: 300 },
			{ type: 'image', url: 'https://example.com/brand/logo.png', scale_x: 0.5, scale_y: 0.5, offset_x: 3400, offset_y: 40 },
			{ type: 'audio', input_text: 'Welcome to our product tour.', voice_id: voiceId },
		]);

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'video', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));
		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query.video_model_id === jobId)).toBe(true);
		expect(mock.jobs.get(jobId)!.store).toBe('video');
	});

	it('text and voice: the body holds only width, height, avatar_from and elements (no top-level voice_id)', async () => {
		const { avatarId, voiceId } = await anAvatarAndAVoice();
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarId: { __rl: true, mode: 'id', value: avatarId },
					text: 'Hello.',
					voiceId: { __rl: true, mode: 'id', value: voiceId },
					completion: 'returnImmediately',
				}),
			),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({
			...CANVAS,
			avatar_from: 2,
			elements: [
				{ type: 'avatar', avatar_id: avatarId, scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0 },
				{ type: 'audio', input_text: 'Hello.', voice_id: voiceId },
			],
		});
	});

	it('Avatar Width and Height (options) size the avatar element; only what is set is sent', async () => {
		const { avatarId, voiceId } = await anAvatarAndAVoice();
		const parameters = { avatarId: { __rl: true, mode: 'id', value: avatarId }, text: 'Hi.', voiceId: { __rl: true, mode: 'id', value: voiceId }, completion: 'returnImmediately' };
		const both = await run(mock, akoolWorkflow(avatarNode('createVideo', { ...parameters, options: { avatarWidth: 1080, avatarHeight: 1080 } })));
		expect(both.status).toBe('success');
		const widthOnly = await run(mock, akoolWorkflow(avatarNode('createVideo', { ...parameters, options: { avatarWidth: 1920 } })));
		expect(widthOnly.status).toBe('success');
		const avatars = mock.apiRequests(CREATE).map((request) => ((request.body as IDataObject).elements as IDataObject[])[0]);
		expect(avatars).toEqual([
			{ type: 'avatar', avatar_id: avatarId, scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0, width: 1080, height: 1080 },
			{ type: 'avatar', avatar_id: avatarId, scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0, width: 1920 },
		]);
	});

	it('avatar video URL (avatar_from 3) + audio URL; hidden leftovers (avatar, text, voice) are not sent', async () => {
		const avatarVideo = 'https://example.com/me/presenter.mp4';
		const audio = 'https://example.com/audio/script.mp3';
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarFrom: 3,
					avatarUrl: avatarVideo,
					// Left over from "Akool or Uploaded Avatar" and "Text and Voice": hidden, never sent.
					avatarId: { __rl: true, mode: 'id', value: 'dvp_Tristan_cloth1_0' },
					text: 'ignored',
					voiceId: { __rl: true, mode: 'id', value: 'ignoredVoice' },
					speech: 'audio',
					audioUrl: audio,
					returnAs: 'both',
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(CREATE);
		expect(create.body).toEqual({
			...CANVAS,
			avatar_from: 3,
			elements: [
				{ type: 'avatar', url: avatarVideo, scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0 },
				{ type: 'audio', url: audio },
			],
		});
		// A video URL needs no avatar look-up.
		expect(mock.apiRequests(AVATAR_LIST)).toHaveLength(0);
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect((item.json.job as IDataObject).video).toBe(mock.resultUrl(jobId));
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});

	it('Wait for Callback: the resume URL goes out as webhookUrl; the "avatar" callback resumes it with the video', async () => {
		const { avatarId, voiceId } = await anAvatarAndAVoice();
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(
					avatarNode('createVideo', {
						avatarId: { __rl: true, mode: 'id', value: avatarId },
						text: 'Called back.',
						voiceId: { __rl: true, mode: 'id', value: voiceId },
						completion: 'waitForCallback',
						options: { waitLimitMinutes: 5 },
					}),
				),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(CREATE);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			const jobId = result.output('Akool')[0].json.jobId as string;
			expect(mock.jobs.get(jobId)!.webhookAccepted).toBe(true);
			await expectVideoAfterCallback(mock, result, jobId, 'avatar');
		} finally {
			await receiver.close();
		}
	});

	it('Upload Avatar offers no Wait for Callback (Akool documents no webhook for it)', async () => {
		const result = await run(mock, akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/v.mp4', avatarId: 'noCallback1', name: 'N', completion: 'waitForCallback' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Completion"');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('an avatar the avatar list does not have: refused by the free look-up, before any create', async () => {
		const { voiceId } = await anAvatarAndAVoice();
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarId: { __rl: true, mode: 'id', value: 'noSuchAvatar42' },
					text: 'Hello',
					voiceId: { __rl: true, mode: 'id', value: voiceId },
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('noSuchAvatar42');
		expect(error.description).toContain('No video was created');
		expect(mock.apiRequests(AVATAR_LIST).length).toBeGreaterThanOrEqual(1);
		expect(mock.apiRequests(CREATE)).toHaveLength(0);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it.each([
		{ name: 'a background that is neither a colour nor a URL', parameters: { options: { background: 'blue' } }, message: '"Background"' },
		{ name: 'no avatar', parameters: { avatarId: { __rl: true, mode: 'list', value: '={{ "" }}' } }, message: '"Avatar" is required' },
		{ name: 'text over 50,000 characters', parameters: { text: 'a'.repeat(50_001) }, message: '"Text"' },
		{ name: 'an image without a URL', parameters: { images: { values: [{ url: '={{ "" }}', scale: 1 }] } }, message: '"Images 1: Image"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarId: { __rl: true, mode: 'id', value: 'dvp_Tristan_cloth1_0' },
					text: 'Hello',
					voiceId: { __rl: true, mode: 'id', value: 'someVoice' },
					...parameters,
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Talking Avatar → List Avatars', () => {
	it('Return All walks every page of 100 (page=1, then 2) and outputs every avatar once', async () => {
		const expected = await allAvatars('from=2&type=1');
		expect(expected.length).toBeGreaterThan(100);
		const result = await run(mock, akoolWorkflow({ resource: 'talkingAvatar', operation: 'listAvatars', from: 2, returnAll: true }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(AVATAR_LIST);
		expect(requests.map((request) => request.query)).toEqual([
			{ from: '2', type: '1', page: '1', size: '100' },
			{ from: '2', type: '1', page: '2', size: '100' },
		]);
		const items = result.output('Akool');
		expect(items).toHaveLength(expected.length);
		expect(items.map((item) => item.json.avatar_id)).toEqual(expected.map((avatar) => avatar.avatar_id));
		expect(new Set(items.map((item) => item.json._id)).size).toBe(items.length);
		expect(items.every((item) => item.json.from === 2 && item.json.type === 1)).toBe(true);
		expect(items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
	});

	it('the mock has 130 official avatars over both kinds: 100 on page 1, 30 on page 2 (the fixture the paging relies on)', async () => {
		const all = await allAvatars('from=2');
		expect(all).toHaveLength(130);
	});

	it('Limit 5 → 5 items from one request; "All" sends no `from`', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'talkingAvatar', operation: 'listAvatars', limit: 5 }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(AVATAR_LIST);
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ type: '1', page: '1', size: '100' });
		const items = result.output('Akool');
		expect(items).toHaveLength(5);
		const first = await mockGet<Avatar[]>(mock, `${AVATAR_LIST}?type=1&page=1&size=5`);
		expect(items.map((item) => item.json.avatar_id)).toEqual(first.map((avatar) => avatar.avatar_id));
	});

	it('Kind "Streaming Avatars" sends type=2', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'talkingAvatar', operation: 'listAvatars', from: 2, type: 2, returnAll: true }));
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(mock.apiRequests(AVATAR_LIST)[0].query).toMatchObject({ from: '2', type: '2' });
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((item) => item.json.type === 2)).toBe(true);
	});
});

describe('Talking Avatar → Upload Avatar, then List (from=3), Get Avatar and Create Video with it', () => {
	it('waits until the avatar is ready; the result is its avatar ID, no file; then it is listed, readable and usable', async () => {
		const video = 'https://example.com/me/one-minute.mp4';
		const upload = await run(
			mock,
			akoolWorkflow(
				avatarNode('uploadAvatar', {
					url: video,
					avatarId: 'n8nPresenter01',
					name: 'n8n Presenter',
					type: 1,
					urlFrom: 1,
					// Not offered for a data result; a leftover must not cause a download.
					returnAs: 'binary',
				}),
			),
		);
		expect(upload.status).toBe('success');
		const creates = mock.apiRequests(AVATAR_CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({ url: video, avatar_id: 'n8nPresenter01', name: 'n8n Presenter', type: 1, url_from: 1 });
		const [uploaded] = upload.output('Akool');
		const recordId = uploaded.json.jobId as string;
		expect(uploaded.json).toMatchObject({ jobType: 'avatar', status: 3, statusText: 'completed', result: 'n8nPresenter01' });
		expect(uploaded.json).not.toHaveProperty('resultUrl');
		expect(uploaded.binary).toBeUndefined();
		expect((uploaded.json.job as IDataObject).url).toBe(video);
		const polls = mock.apiRequests(AVATAR_DETAIL);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query.id === recordId)).toBe(true);
		expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);

		// List "My Uploaded Avatars": from=3, the new avatar.
		mock.clearLog();
		const listed = await run(mock, akoolWorkflow({ resource: 'talkingAvatar', operation: 'listAvatars', from: 3, returnAll: true }));
		expect(listed.status).toBe('success');
		expect(mock.apiRequests(AVATAR_LIST).map((request) => request.query)).toEqual([{ from: '3', type: '1', page: '1', size: '100' }]);
		const mine = listed.output('Akool');
		expect(mine.map((item) => item.json.avatar_id)).toEqual(['n8nPresenter01']);
		expect(mine[0].json).toMatchObject({ _id: recordId, from: 3, status: 3, name: 'n8n Presenter' });

		// Get Avatar: the one record out of Akool's array.
		mock.clearLog();
		const got = await run(mock, akoolWorkflow({ resource: 'talkingAvatar', operation: 'getAvatar', avatarRecordId: recordId }));
		expect(got.status).toBe('success');
		const detail = mock.apiRequests(AVATAR_DETAIL);
		expect(detail).toHaveLength(1);
		expect(detail[0].query).toEqual({ id: recordId });
		const gotItems = got.output('Akool');
		expect(gotItems).toHaveLength(1);
		expect(gotItems[0].json).toMatchObject({ _id: recordId, status: 3, avatar_id: 'n8nPresenter01', name: 'n8n Presenter', url: video });

		// Create Video with the uploaded avatar id, chained by hand.
		mock.clearLog();
		const { voiceId } = await anAvatarAndAVoice();
		const made = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarId: { __rl: true, mode: 'id', value: 'n8nPresenter01' },
					text: 'My own avatar speaks.',
					voiceId: { __rl: true, mode: 'id', value: voiceId },
					returnAs: 'url',
				}),
			),
		);
		expect(made.status).toBe('success');
		const [create] = mock.apiRequests(CREATE);
		// Akool: "avatar_from … you will obtain the field 【from】 [of the avatar list] and pass it here": 3 for an
		// upload, and with 3 the avatar element carries the video URL (only avatar_from 2 may leave it out).
		expect((create.body as IDataObject).avatar_from).toBe(3);
		expect(((create.body as IDataObject).elements as IDataObject[])[0]).toEqual({
			type: 'avatar', avatar_id: 'n8nPresenter01', url: video, scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0,
		});
		expect(made.output('Akool')[0].json.status).toBe(3);

		// The same avatar ID again: Akool's "resource already exists" (1222) surfaces.
		mock.clearLog();
		const again = await run(mock, akoolWorkflow(avatarNode('uploadAvatar', { url: video, avatarId: 'n8nPresenter01', name: 'Twice' })));
		const error = runError(again);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('1222');
		expect(mock.apiRequests(AVATAR_CREATE)).toHaveLength(1);
		expect(mock.apiRequests(AVATAR_DETAIL)).toHaveLength(0);
	});

	it('avatar_from is each avatar\'s own `from` (Akool 2, uploaded 3 with its video URL); the list is read once per run', async () => {
		const { avatarId, voiceId } = await anAvatarAndAVoice();
		const uploaded = await run(mock, akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/mine.mp4', avatarId: 'mineForFrom1', name: 'Mine' })));
		expect(uploaded.status).toBe('success');
		mock.clearLog();
		const result = await run(
			mock,
			akoolWorkflow(
				avatarNode('createVideo', {
					avatarId: { __rl: true, mode: 'id', value: '={{ $json.avatar }}' },
					text: 'Hello',
					voiceId: { __rl: true, mode: 'id', value: voiceId },
					returnAs: 'url',
				}),
			),
			{ inputItems: [{ json: { avatar: avatarId } }, { json: { avatar: 'mineForFrom1' } }, { json: { avatar: avatarId } }] },
		);
		expect(result.status).toBe('success');
		const bodies = mock.apiRequests(CREATE).map((request) => request.body as IDataObject);
		const byAvatar = (id: string) => bodies.filter((body) => (body.elements as IDataObject[])[0].avatar_id === id);
		expect(byAvatar(avatarId).map((body) => body.avatar_from)).toEqual([2, 2]);
		expect(byAvatar(avatarId).every((body) => !('url' in (body.elements as IDataObject[])[0]))).toBe(true);
		const [mine] = byAvatar('mineForFrom1');
		expect(mine.avatar_from).toBe(3);
		expect((mine.elements as IDataObject[])[0]).toEqual({ type: 'avatar', avatar_id: 'mineForFrom1', url: 'https://example.com/me/mine.mp4', scale_x: 1, scale_y: 1, offset_x: 0, offset_y: 0 });
		// One read of each list for the three items (a free look-up made once per run).
		const queries = mock.apiRequests(AVATAR_LIST).map((request) => `${String(request.query.from)}:${String(request.query.page)}`);
		expect(new Set(queries).size).toBe(queries.length);
	});

	// Two pages document this endpoint: talking-avatar.mdx (type String "1" in the table, the number 1 in its
	// example, no url_from) and live-avatar.yaml (type integer, url_from integer required). The node sends an integer
	// type and always url_from, which both accept; the sandbox follows one page at a time.
	it.each(['talkingAvatar', 'streamingAvatar'] as const)('Upload Avatar works whichever page Akool follows (%s page)', async (page) => {
		mock.setOptions({ avatarUploadPage: page });
		try {
			const avatarId = `either${page}`;
			const result = await run(mock, akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/either.mp4', avatarId, name: 'Either' })));
			expect(result.status).toBe('success');
			expect(mock.apiRequests(AVATAR_CREATE)[0].body).toEqual({ url: 'https://example.com/me/either.mp4', avatar_id: avatarId, name: 'Either', type: 1, url_from: 1 });
			expect(result.output('Akool')[0].json).toMatchObject({ jobType: 'avatar', status: 3, result: avatarId });
		} finally {
			mock.setOptions({ avatarUploadPage: 'streamingAvatar' });
		}
	});

	it('a failed upload stops the run with the record id and Akool\'s reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'No face in the video', durationMs: 300 });
		const result = await run(mock, akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/blurry.mp4', avatarId: 'blurryOne', name: 'Blurry' })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'No face in the video');
		expect(job.store).toBe('avatar');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('No face in the video');
	});

	it('Return Immediately: the queued record, no wait', async () => {
		const result = await run(
			mock,
			akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/quick.mp4', avatarId: 'quickOne', name: 'Quick', completion: 'returnImmediately' })),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobType: 'avatar', status: 1, statusText: 'queued' });
		expect(item.json).not.toHaveProperty('result');
		expect(mock.apiRequests(AVATAR_DETAIL)).toHaveLength(0);
	});

	it('Upload with Return Immediately, then Job → Wait (Job Type avatar): waits on /avatar/detail, the result is the avatar ID', async () => {
		const created = await run(
			mock,
			akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/later.mp4', avatarId: 'laterOne', name: 'Later', completion: 'returnImmediately' })),
		);
		const recordId = created.output('Akool')[0].json.jobId as string;
		mock.clearLog();
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'avatar', jobId: recordId, returnAs: 'both', options: fastOptions }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobId: recordId, jobType: 'avatar', status: 3, result: 'laterOne' });
		expect(item.binary).toBeUndefined();
		const polls = mock.apiRequests();
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((poll) => poll.path === AVATAR_DETAIL && poll.query.id === recordId)).toBe(true);
	});

	it.each([
		{ name: 'an avatar ID with a dash', parameters: { avatarId: 'my-avatar' }, message: '"Avatar ID" may contain only letters and digits' },
		{ name: 'an avatar ID with a space', parameters: { avatarId: 'my avatar' }, message: '"Avatar ID"' },
		{ name: 'no name', parameters: { name: '={{ "" }}' }, message: '"Name"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(
			mock,
			akoolWorkflow(avatarNode('uploadAvatar', { url: 'https://example.com/me/video.mp4', avatarId: 'okId1', name: 'Ok', ...parameters })),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Talking Avatar → the avatar picker (searchAvatars)', () => {
	const parameters = { resource: 'talkingAvatar', operation: 'createVideo' };

	it('a search: filtered by name over the whole list (B10: page 1, then page 2 where it ends); no filter: the token reads page 2', async () => {
		const talking = await allAvatars('type=1');
		const wanted = talking.filter((avatar) => avatar.name.toLowerCase().includes('tristan'));
		expect(wanted.length).toBeGreaterThan(0);

		const found = await listSearch('searchAvatars', parameters, 'tristan');
		expect(found.results.map((entry) => entry.value)).toEqual(wanted.map((avatar) => avatar.avatar_id));
		expect(found.results.every((entry) => entry.name.toLowerCase().includes('tristan'))).toBe(true);
		expect(found.paginationToken).toBeUndefined();
		const requests = mock.apiRequests(AVATAR_LIST);
		expect(requests.map((request) => request.query)).toEqual([
			{ type: '1', page: '1', size: '100' },
			{ type: '1', page: '2', size: '100' },
		]);

		mock.clearLog();
		const next = await listSearch('searchAvatars', parameters, undefined, '2');
		expect(next.results.map((entry) => entry.value)).toEqual(talking.slice(100).map((avatar) => avatar.avatar_id));
		expect(next.paginationToken).toBeUndefined();
		expect(mock.apiRequests(AVATAR_LIST).map((request) => request.query.page)).toEqual(['2']);
	});

	it('without a filter: every avatar of the page, with its thumbnail', async () => {
		const found = await listSearch('searchAvatars', parameters);
		expect(found.results).toHaveLength(100);
		expect(found.results[0].url).toMatch(/^http/);
		expect(found.paginationToken).toBe('2');
	});
});
