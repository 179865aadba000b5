/**
 * Voice (VoiceLab v4 and the legacy v3 audio API) in n8n's real engine against the Akool mock:
 * Text to Speech (voice_options nesting, pitch in extra_options, the poll on the path-id detail endpoint
 * whose record sits in `data.result`), Change Voice, Clone Voice (its result is the new voice ID) and
 * speaking with that clone, the lists (List Voices with Return All through `count`, List Results),
 * Get Voice / Get Result, Delete Voices (`_ids` as an array), the v3 operations and the voice pickers.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { buildCallbackEnvelope } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, chain, fastOptions, finalCallback, listSearchAt, mockGet, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 12_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000 });

const V4 = '/api/open/v4/voice';
const TTS = `${V4}/tts`;
const CHANGE = `${V4}/change`;
const CLONE = `${V4}/clone`;
const VOICE_LIST = `${V4}/list`;
const VOICE_DETAIL = `${V4}/detail/`;
const RESULT_LIST = `${V4}/resource/list`;
const RESULT_DETAIL = `${V4}/resource/detail/`;
const DELETE = `${V4}/del`;
const V3_LIST = '/api/open/v3/voice/list';
const V3_CREATE = '/api/open/v3/audio/create';
const V3_CLONE = '/api/open/v3/audio/clone';
const V3_POLL = '/api/open/v3/audio/infobymodelid';
const RECORDING = 'https://example.com/recordings/narrator.mp3';

type Voice = { _id: string; voice_id: string; name: string; gender: string; language: string; preview: string | null };

/** The mock's Akool voices (type 2), all pages. */
async function akoolVoices(query = ''): Promise<Voice[]> {
	const voices: Voice[] = [];
	for (let page = 1; ; page++) {
		const data = await mockGet<{ result: Voice[]; count: number }>(mock, `${VOICE_LIST}?type=2&page=${page}&size=50${query}`);
		voices.push(...data.result);
		if (voices.length >= data.count || data.result.length === 0) return voices;
	}
}

const voiceNode = (operation: string, parameters: INodeParameters = {}): INodeParameters =>
	withFastOptions({ resource: 'voice', operation, ...parameters });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Calls a `methods.listSearch` method (a voice picker) with filter and token. */
const listSearch = (method: string, parameters: INodeParameters, filter?: string, paginationToken?: string) =>
	listSearchAt(mock, method, parameters, 'parameters.voiceId', filter, paginationToken);

/** Runs Clone Voice and returns the new voice's record id and voice id. */
async function cloneVoice(name: string): Promise<{ recordId: string; voiceId: string }> {
	const result = await run(mock, akoolWorkflow(voiceNode('cloneVoice', { sourceVoiceFileUrl: RECORDING, options: { name } })));
	expect(result.status).toBe('success');
	const [item] = result.output('Akool');
	mock.clearLog();
	return { recordId: item.json.jobId as string, voiceId: item.json.result as string };
}

describe('Voice → Text to Speech', () => {
	it('voice options nest under voice_options, pitch under extra_options (the request table); polls /resource/detail/<id> and downloads the mp3 from data.result', async () => {
		const [voice] = await akoolVoices();
		const text = 'Hello from an n8n workflow.';
		const result = await run(
			mock,
			akoolWorkflow(
				voiceNode('textToSpeech', {
					text,
					voiceId: { __rl: true, mode: 'list', value: voice.voice_id, cachedResultName: voice.name },
					returnAs: 'both',
					options: { languageCode: 'en', speed: 1.1, stability: 0.4, similarityBoost: 0.8, style: 0.2, volume: 70, emotion: 'happy', pitch: -3 },
				}),
			),
		);
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(TTS);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			input_text: text,
			voice_id: voice.voice_id,
			language_code: 'en',
			voice_options: { speed: 1.1, stability: 0.4, similarity_boost: 0.8, style: 0.2, volume: 70, emotion: 'happy' },
			// voiceLab.mdx "Create Text to Speech": the table lists `- pitch` among extra_options' fields (its
			// example sends it top-level, which the table does not list: the sandbox ignores a top-level pitch).
			extra_options: { pitch: -3 },
		});

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'voiceResult', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		// The record out of Akool's `data.result` wrapper.
		const job = item.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		// The pitch the sandbox applied (it reads extra_options.pitch only).
		expect(job.pitch).toBe(-3);
		expect(job.preview).toBe(mock.resultUrl(jobId));
		expect(job).not.toHaveProperty('result');
		expect(item.binary!.data.mimeType).toBe('audio/mpeg');
		expect(item.binary!.data.fileName).toMatch(/\.mp3$/);
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp3`));

		const polls = mock.apiRequests(`${V4}/resource/`);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		for (const poll of polls) {
			expect(poll.method).toBe('GET');
			expect(poll.path).toBe(`${RESULT_DETAIL}${jobId}`);
			expect(poll.query).toEqual({});
		}
	});

	it('Pitch merges with extra_options given as Additional Body Fields (key by key)', async () => {
		const [voice] = await akoolVoices();
		const result = await run(
			mock,
			akoolWorkflow(
				voiceNode('textToSpeech', {
					text: 'Merged.',
					voiceId: byId(voice.voice_id),
					completion: 'returnImmediately',
					options: { pitch: 5, additionalFields: '{"extra_options": {"subtitle_enable": true}}' },
				}),
			),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(TTS)[0].body).toEqual({ input_text: 'Merged.', voice_id: voice.voice_id, extra_options: { pitch: 5, subtitle_enable: true } });
	});

	it('only the required fields: no voice_options, no pitch', async () => {
		const [, voice] = await akoolVoices();
		const result = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'Short.', voiceId: byId(voice.voice_id), returnAs: 'url' })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(TTS)[0].body).toEqual({ input_text: 'Short.', voice_id: voice.voice_id });
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
	});

	it('Wait for Callback: resumes on the mock\'s own callback, reads the record through the path-id endpoint and downloads the file', async () => {
		const [voice] = await akoolVoices();
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(voiceNode('textToSpeech', { text: 'Wait for me.', voiceId: byId(voice.voice_id), completion: 'waitForCallback', options: { waitLimitMinutes: 5 } })),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(TTS);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			const jobId = result.output('Akool')[0].json.jobId as string;
			expect(mock.jobs.get(jobId)!.webhookField).toBe('webhookUrl');

			const callback = await finalCallback(mock, jobId);
			expect(callback.payload).toMatchObject({ _id: jobId, status: 3, url: mock.resultUrl(jobId) });
			mock.clearLog();
			const resumed = await result.resume({ body: callback.body });
			expect(resumed.webhookError).toBeUndefined();
			expect(resumed.response.status).toBe(200);
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Akool');
			expect(item.json).toMatchObject({ jobId, jobType: 'voiceResult', status: 3, resultUrl: mock.resultUrl(jobId) });
			expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp3`));
			expect(mock.apiRequests(V4).map((request) => request.path)).toEqual([`${RESULT_DETAIL}${jobId}`]);
		} finally {
			await receiver.close();
		}
	});

	it.each([
		{ name: 'text over 50,000 characters', parameters: { text: 'x'.repeat(50_001) }, message: '"Text"' },
		{ name: 'no voice', parameters: { voiceId: byId('={{ "" }}') }, message: '"Voice" is required' },
		{ name: 'speed 1.5', parameters: { options: { speed: 1.5 } }, message: '"Speed"' },
		{ name: 'pitch 13', parameters: { options: { pitch: 13 } }, message: '"Pitch"' },
		{ name: 'stability 2', parameters: { options: { stability: 2 } }, message: '"Stability"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'Hello', voiceId: byId('Xb7hH8MSUJpSbSDYk0k2'), ...parameters })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('50,000 characters exactly are sent', async () => {
		const [voice] = await akoolVoices();
		const result = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'y'.repeat(50_000), voiceId: byId(voice.voice_id), completion: 'returnImmediately' })));
		expect(result.status).toBe('success');
		expect(((mock.apiRequests(TTS)[0].body as IDataObject).input_text as string).length).toBe(50_000);
	});

	it('a failed speech job stops the run with its id and the reason read from the data.result wrapper', async () => {
		const [voice] = await akoolVoices();
		mock.nextJobs({ fail: true, failReason: 'Text contains unsupported characters', durationMs: 300 });
		const result = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'Hello', voiceId: byId(voice.voice_id) })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'Text contains unsupported characters');
		expect(job.store).toBe('voiceResult');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('Text contains unsupported characters');
		expect(error.context?.jobId).toBe(job._id);
	});

	it("an unknown voice: Akool's error code surfaces as a NodeApiError; nothing is polled", async () => {
		const result = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'Hello', voiceId: byId('NoSuchVoice000000000') })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/Akool code 1\d{3}/);
		expect(`${error.message} ${error.description ?? ''}`).toContain('voice_id');
		expect(mock.apiRequests(TTS)).toHaveLength(1);
		expect(mock.apiRequests(`${V4}/resource/`)).toHaveLength(0);
	});
});

describe('Voice → Change Voice', () => {
	it('file_format wav → a .wav result; voice_options nesting', async () => {
		const [voice] = await akoolVoices();
		const result = await run(
			mock,
			akoolWorkflow(
				voiceNode('changeVoice', {
					sourceVoiceFileUrl: RECORDING,
					voiceId: byId(voice.voice_id),
					options: { fileFormat: 'wav', speed: 0.9, removeBackgroundNoise: true },
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(CHANGE);
		expect(create.body).toEqual({
			source_voice_file: RECORDING,
			voice_id: voice.voice_id,
			voice_options: { file_format: 'wav', speed: 0.9, remove_background_noise: true },
		});
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'voiceResult', status: 3 });
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect(item.json.resultUrl).toMatch(/\.wav$/);
		expect(item.binary!.data.fileName).toMatch(/\.wav$/);
		expect(item.binary!.data.mimeType).toMatch(/^audio\/(x-)?wav/);
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.wav`));
		expect(mock.apiRequests(`${V4}/resource/`).every((poll) => poll.path === `${RESULT_DETAIL}${jobId}`)).toBe(true);
	});

	it('without options: an .mp3 result', async () => {
		const [voice] = await akoolVoices();
		const result = await run(mock, akoolWorkflow(voiceNode('changeVoice', { sourceVoiceFileUrl: RECORDING, voiceId: byId(voice.voice_id) })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CHANGE)[0].body).toEqual({ source_voice_file: RECORDING, voice_id: voice.voice_id });
		const [item] = result.output('Akool');
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${item.json.jobId as string}.mp3`));
	});
});

describe('Voice → Clone Voice, then Text to Speech with the clone', () => {
	it('waits for the clone; its result is the voice ID (no file); the next node speaks with it', async () => {
		const result = await run(
			mock,
			chain(
				{
					name: 'Clone',
					parameters: voiceNode('cloneVoice', {
						sourceVoiceFileUrl: RECORDING,
						// A leftover Return As: a clone is data and is never downloaded.
						returnAs: 'binary',
						options: { name: 'My Narrator', voiceModelName: 'Akool Multilingual 3', language: 'en', removeBackgroundNoise: true },
					}),
				},
				{
					name: 'Speak',
					parameters: voiceNode('textToSpeech', { text: 'Spoken by my clone.', voiceId: byId('={{ $json.result }}'), returnAs: 'url' }),
				},
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(CLONE);
		expect(create.body).toEqual({
			source_voice_file: RECORDING,
			name: 'My Narrator',
			voice_model_name: 'Akool Multilingual 3',
			voice_options: { language: 'en', remove_background_noise: true },
		});
		const [clone] = result.output('Clone');
		const recordId = clone.json.jobId as string;
		const voiceId = clone.json.result as string;
		expect(clone.json).toMatchObject({ jobType: 'voiceClone', status: 3, statusText: 'completed' });
		expect(clone.json).not.toHaveProperty('resultUrl');
		expect(clone.binary).toBeUndefined();
		expect(voiceId).toEqual(expect.any(String));
		expect(voiceId).not.toBe('');
		expect(voiceId).not.toBe(recordId);
		expect((clone.json.job as IDataObject).voice_id).toBe(voiceId);
		expect((clone.json.job as IDataObject).preview).toEqual(expect.stringMatching(/^http.*\.mp3$/));
		const clonePolls = mock.apiRequests(VOICE_DETAIL);
		expect(clonePolls.length).toBeGreaterThanOrEqual(1);
		expect(clonePolls.every((poll) => poll.method === 'GET' && poll.path === `${VOICE_DETAIL}${recordId}`)).toBe(true);

		const [tts] = mock.apiRequests(TTS);
		expect(tts.body).toEqual({ input_text: 'Spoken by my clone.', voice_id: voiceId });
		const [spoken] = result.output('Speak');
		expect(spoken.json).toMatchObject({ jobType: 'voiceResult', status: 3, resultUrl: mock.resultUrl(spoken.json.jobId as string) });
		// Nothing downloaded: the clone is data, the speech was asked as a URL.
		expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
	});

	it('Clone Voice, Wait for Callback: resumes on the "voice clone" callback; the result is the voice ID, no file', async () => {
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(voiceNode('cloneVoice', { sourceVoiceFileUrl: RECORDING, completion: 'waitForCallback', options: { name: 'Called Back' } })),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(CLONE);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining('/webhook-waiting/'));
			const recordId = result.output('Akool')[0].json.jobId as string;
			const callback = await finalCallback(mock, recordId);
			mock.clearLog();
			const resumed = await result.resume({ body: callback.body });
			expect(resumed.webhookError).toBeUndefined();
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Akool');
			expect(item.json).toMatchObject({ jobId: recordId, jobType: 'voiceClone', status: 3 });
			// The mock names a finished clone's voice `clone_<_id>`.
			expect(item.json.result).toBe(`clone_${recordId}`);
			expect((item.json.job as IDataObject).voice_id).toBe(`clone_${recordId}`);
			expect(item.binary).toBeUndefined();
			expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
		} finally {
			await receiver.close();
		}
	});

	it('a failed clone stops the run with its id and reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'The recording is too noisy', durationMs: 300 });
		const result = await run(mock, akoolWorkflow(voiceNode('cloneVoice', { sourceVoiceFileUrl: RECORDING })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'The recording is too noisy');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('The recording is too noisy');
	});
});

describe('Voice → lists, Get Voice / Get Result, Delete Voices', () => {
	it('List Voices: type 2 with a name filter', async () => {
		const expected = await akoolVoices('&name=en-us');
		expect(expected.length).toBeGreaterThan(0);
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 2, returnAll: true, options: { name: 'en-us' } }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(VOICE_LIST);
		expect(requests.map((request) => request.query)).toEqual([{ type: '2', name: 'en-us', page: '1', size: '100' }]);
		const items = result.output('Akool');
		expect(items.map((item) => item.json.voice_id)).toEqual(expected.map((voice) => voice.voice_id));
		expect(items.every((item) => String(item.json.name).toLowerCase().includes('en-us'))).toBe(true);
	});

	it('List Voices: Return All pages through `count` (page 1, 2) and outputs each voice once', async () => {
		const expected = await akoolVoices();
		expect(expected.length).toBeGreaterThan(100);
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', returnAll: true }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(VOICE_LIST);
		expect(requests.map((request) => request.query)).toEqual([
			{ type: '2', page: '1', size: '100' },
			{ type: '2', page: '2', size: '100' },
		]);
		const items = result.output('Akool');
		expect(items).toHaveLength(expected.length);
		expect(items.map((item) => item.json.voice_id)).toEqual(expected.map((voice) => voice.voice_id));
	});

	it('List Voices: Limit 3 → 3 items, one request; gender and style filters are sent', async () => {
		const expected = (await mockGet<{ result: Voice[] }>(mock, `${VOICE_LIST}?type=2&gender=Female&style=Cheerful&page=1&size=100`)).result;
		expect(expected.length).toBeGreaterThan(3);
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', limit: 3, options: { gender: 'Female', style: 'Cheerful' } }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(VOICE_LIST);
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ type: '2', gender: 'Female', style: 'Cheerful', page: '1', size: '100' });
		const items = result.output('Akool');
		expect(items.map((item) => item.json.voice_id)).toEqual(expected.slice(0, 3).map((voice) => voice.voice_id));
		expect(items.every((item) => item.json.gender === 'Female' && (item.json.style as string[]).includes('Cheerful'))).toBe(true);
	});

	it('clones: List Voices type 1, Get Voice, Delete Voices (an array of _ids), then the clone is gone', async () => {
		const first = await cloneVoice('Clone A');
		const second = await cloneVoice('Clone B');

		const listed = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 1, returnAll: true }));
		expect(listed.status).toBe('success');
		expect(mock.apiRequests(VOICE_LIST)[0].query).toMatchObject({ type: '1' });
		const listedIds = listed.output('Akool').map((item) => item.json.voice_id);
		expect(listedIds).toEqual(expect.arrayContaining([first.voiceId, second.voiceId]));

		mock.clearLog();
		const got = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'getVoice', voiceRecordId: first.recordId }));
		expect(got.status).toBe('success');
		expect(mock.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${VOICE_DETAIL}${first.recordId}`]);
		expect(got.output('Akool')[0].json).toMatchObject({ _id: first.recordId, voice_id: first.voiceId, status: 3, name: 'Clone A' });

		mock.clearLog();
		const unknown = '670000000000000000000abc';
		const deleted = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'deleteVoices', voiceIds: `${first.recordId}, ${unknown}` }));
		expect(deleted.status).toBe('success');
		const [del] = mock.apiRequests(DELETE);
		expect(del.method).toBe('POST');
		expect(del.body).toEqual({ _ids: [first.recordId, unknown] });
		const [output] = deleted.output('Akool');
		expect(output.json.deletedIds).toEqual([first.recordId]);
		expect(output.json.notDeleted).toEqual([{ _id: unknown, msg: expect.any(String) }]);

		mock.clearLog();
		const after = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoices', type: 1, returnAll: true }));
		const remaining = after.output('Akool').map((item) => item.json.voice_id);
		expect(remaining).not.toContain(first.voiceId);
		expect(remaining).toContain(second.voiceId);
	});

	it('one voice id given as an array by expression is still sent as an array', async () => {
		const clone = await cloneVoice('Clone C');
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'deleteVoices', voiceIds: `={{ ["${clone.recordId}"] }}` }));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(DELETE)[0].body).toEqual({ _ids: [clone.recordId] });
		expect(result.output('Akool')[0].json.deletedIds).toEqual([clone.recordId]);
	});

	it('List Results (type 1) and Get Result (the record out of data.result)', async () => {
		const [voice] = await akoolVoices();
		const spoken = await run(mock, akoolWorkflow(voiceNode('textToSpeech', { text: 'For the results list.', voiceId: byId(voice.voice_id), returnAs: 'url' })));
		const jobId = spoken.output('Akool')[0].json.jobId as string;
		mock.clearLog();

		const listed = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listResults', type: 1, returnAll: true }));
		expect(listed.status).toBe('success');
		const requests = mock.apiRequests(RESULT_LIST);
		expect(requests[0].query).toEqual({ type: '1', page: '1', size: '100' });
		const listedItems = listed.output('Akool');
		const mine = listedItems.find((item) => item.json._id === jobId);
		expect(mine).toBeDefined();
		expect(mine!.json).toMatchObject({ status: 3, preview: mock.resultUrl(jobId) });

		mock.clearLog();
		const changed = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listResults', type: 2, returnAll: true }));
		expect(mock.apiRequests(RESULT_LIST)[0].query).toMatchObject({ type: '2' });
		expect(changed.output('Akool').some((item) => item.json._id === jobId)).toBe(false);

		mock.clearLog();
		const got = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'getResult', resultId: jobId }));
		expect(got.status).toBe('success');
		expect(mock.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${RESULT_DETAIL}${jobId}`]);
		const [item] = got.output('Akool');
		expect(item.json).toMatchObject({ _id: jobId, status: 3, preview: mock.resultUrl(jobId), voice_id: voice.voice_id });
		expect(item.json).not.toHaveProperty('result');
	});

	it.each([
		{ operation: 'getVoice', parameters: { voiceRecordId: 'a, b' }, message: '"Voice Record ID"' },
		{ operation: 'getResult', parameters: { resultId: '={{ "" }}' }, message: '"Result ID"' },
		{ operation: 'deleteVoices', parameters: { voiceIds: '={{ "" }}' }, message: '"Voice Record IDs"' },
	])('$operation with $parameters is refused before any request', async ({ operation, parameters, message }) => {
		const result = await run(mock, akoolWorkflow({ resource: 'voice', operation, ...parameters }));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Job → Get / Wait on the VoiceLab stores', () => {
	it('Get with Job Type voiceResult reads /resource/detail/<id> and unwraps data.result', async () => {
		const job = mock.addJob({ store: 'voiceResult', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'voiceResult', jobId: job._id }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json).toMatchObject({ jobId: job._id, jobType: 'voiceResult', status: 3, resultUrl: mock.resultUrl(job._id) });
		expect(mock.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${RESULT_DETAIL}${job._id}`]);
	});

	it('Wait with Job Type voiceClone waits on /voice/detail/<id>; the result is the voice ID, no file', async () => {
		const created = await run(mock, akoolWorkflow(voiceNode('cloneVoice', { sourceVoiceFileUrl: RECORDING, completion: 'returnImmediately' })));
		const recordId = created.output('Akool')[0].json.jobId as string;
		expect(created.output('Akool')[0].json.status).toBe(1);
		mock.clearLog();
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'voiceClone', jobId: recordId, returnAs: 'binary', options: fastOptions }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ jobId: recordId, jobType: 'voiceClone', status: 3 });
		expect(item.json.result).toBe((item.json.job as IDataObject).voice_id);
		expect(item.json.result).toEqual(expect.stringMatching(/\S/));
		const polls = mock.apiRequests();
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((poll) => poll.path === `${VOICE_DETAIL}${recordId}`)).toBe(true);
	});

	it('Get with the wrong Job Type does not find the job (voiceResult id as a clone → 1008)', async () => {
		const job = mock.addJob({ store: 'voiceResult', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'voiceClone', jobId: job._id }));
		const error = runError(result);
		expect(error.message).toContain('1008');
		expect(mock.apiRequests().map((request) => request.path)).toEqual([`${VOICE_DETAIL}${job._id}`]);
	});
});

describe('Voice → legacy v3', () => {
	it('Text to Speech (V3) with a voice from searchVoicesV3: rate 80 → "80%", polled on /audio/infobymodelid, mp3 downloaded', async () => {
		const found = await listSearch('searchVoicesV3', { resource: 'voice', operation: 'textToSpeechV3' }, 'jenny');
		expect(found.results).toHaveLength(1);
		const [jenny] = found.results;
		expect(jenny.name).toContain('Jenny');
		expect(mock.apiRequests().map((request) => [request.path, request.query])).toEqual([[V3_LIST, {}]]);
		mock.clearLog();

		const result = await run(
			mock,
			akoolWorkflow(
				voiceNode('textToSpeechV3', { text: 'Legacy speech.', voiceId: { __rl: true, mode: 'list', value: jenny.value, cachedResultName: jenny.name }, rate: 80 }),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(V3_CREATE);
		expect(create.body).toEqual({ input_text: 'Legacy speech.', voice_id: jenny.value, rate: '80%' });
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'audio', status: 3, resultUrl: mock.resultUrl(jobId) });
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp3`));
		const polls = mock.apiRequests(V3_POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.query.audio_model_id === jobId)).toBe(true);
	});

	it('Text to Speech (V3) default rate → "100%"; rate 0 → "0%"', async () => {
		const rates: string[] = [];
		for (const rate of [undefined, 0]) {
			mock.clearLog();
			const result = await run(
				mock,
				akoolWorkflow(voiceNode('textToSpeechV3', { text: 'Rate.', voiceId: byId('en-US-GuyNeural'), completion: 'returnImmediately', ...(rate === undefined ? {} : { rate }) })),
			);
			expect(result.status).toBe('success');
			rates.push((mock.apiRequests(V3_CREATE)[0].body as IDataObject).rate as string);
		}
		expect(rates).toEqual(['100%', '0%']);
	});

	it('Clone and Speak (V3): voice_url, text, rate as a percentage', async () => {
		const result = await run(
			mock,
			akoolWorkflow(voiceNode('cloneAndSpeakV3', { text: 'In my own voice.', voiceUrl: RECORDING, rate: 90, returnAs: 'url' })),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(V3_CLONE);
		expect(create.body).toEqual({ input_text: 'In my own voice.', voice_url: RECORDING, rate: '90%' });
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobType: 'audio', status: 3, resultUrl: mock.resultUrl(item.json.jobId as string) });
	});

	it('List Voices (V3): "All" sends no `from`, "Akool Voices" from=3', async () => {
		const all = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoicesV3' }));
		expect(all.status).toBe('success');
		const akool = await run(mock, akoolWorkflow({ resource: 'voice', operation: 'listVoicesV3', from: 3 }));
		expect(akool.status).toBe('success');
		expect(mock.apiRequests(V3_LIST).map((request) => request.query)).toEqual([{}, { from: '3' }]);
		const items = akool.output('Akool');
		expect(items.length).toBeGreaterThan(0);
		expect(items.map((item) => item.json.voice_id)).toContain('en-US-JennyNeural');
		expect(items.every((item) => item.json.from === 3)).toBe(true);
		expect(all.output('Akool').length).toBeGreaterThanOrEqual(items.length);
	});

	it.each([
		{ operation: 'textToSpeechV3', parameters: { text: 'z'.repeat(5001), voiceId: byId('en-US-GuyNeural') }, message: '"Text"' },
		{ operation: 'textToSpeechV3', parameters: { text: 'Hi', voiceId: byId('en-US-GuyNeural'), rate: 120 }, message: '"Speed (%)"' },
		{ operation: 'cloneAndSpeakV3', parameters: { text: 'Hi', voiceUrl: 'not a url' }, message: '"Voice Recording"' },
	])('$operation: $message refused before any request', async ({ operation, parameters, message }) => {
		const result = await run(mock, akoolWorkflow(voiceNode(operation, parameters as INodeParameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Voice → the voice picker (searchVoices)', () => {
	const parameters = { resource: 'voice', operation: 'textToSpeech' };

	it('your clones first, then Akool voices, with a paginationToken; the token reads the next page of Akool voices only', async () => {
		const clone = await cloneVoice('Picker Clone');
		const akool = await akoolVoices();

		const first = await listSearch('searchVoices', parameters);
		const values = first.results.map((entry) => entry.value);
		const clonesListed = await mockGet<{ result: Voice[] }>(mock, `${VOICE_LIST}?type=1&page=1&size=100`);
		const cloneIds = clonesListed.result.map((voice) => voice.voice_id).filter(Boolean);
		expect(cloneIds).toContain(clone.voiceId);
		expect(values.slice(0, cloneIds.length)).toEqual(cloneIds);
		expect(values.slice(cloneIds.length)).toEqual(akool.slice(0, 100).map((voice) => voice.voice_id));
		expect(first.paginationToken).toBe('2');
		const cloneEntry = first.results.find((entry) => entry.value === clone.voiceId)!;
		expect(cloneEntry.name).toContain('Picker Clone');

		const next = await listSearch('searchVoices', parameters, undefined, '2');
		expect(next.results.map((entry) => entry.value)).toEqual(akool.slice(100).map((voice) => voice.voice_id));
		expect(next.paginationToken).toBeUndefined();
	});

	it('the filter is sent as `name` to both lists', async () => {
		const found = await listSearch('searchVoices', parameters, 'ja-JP');
		const requests = mock.apiRequests(VOICE_LIST);
		expect(requests.map((request) => request.query)).toEqual([
			{ type: '1', name: 'ja-JP', page: '1', size: '100' },
			{ type: '2', name: 'ja-JP', page: '1', size: '100' },
		]);
		expect(found.results.length).toBeGreaterThan(0);
		expect(found.results.every((entry) => entry.name.includes('ja-JP'))).toBe(true);
		expect(found.paginationToken).toBeUndefined();
	});
});
