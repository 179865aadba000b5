/**
 * Lip Sync → Create in n8n's real engine against the Akool mock: the exact create body, the poll
 * on /content/video/infobymodelid, the downloaded video, a forced job failure and the webhook
 * option (Akool's `webhookUrl` spelling for this endpoint, and the callback the mock sends).
 */
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { familyOfCallbackType } from '../../nodes/Akool/helpers/jobs';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 30_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000 });

const CREATE = '/api/open/v3/content/video/lipsync';
const POLL = '/api/open/v3/content/video/infobymodelid';
const VIDEO = 'https://example.com/clips/speaker.mp4';
const AUDIO = 'https://example.com/audio/new-speech.mp3';

const lipSync = (parameters: INodeParameters = {}): INodeParameters =>
	withFastOptions({ resource: 'lipSync', operation: 'create', videoUrl: VIDEO, audioUrl: AUDIO, ...parameters });

describe('Lip Sync → Create', () => {
	it('sends video_url and audio_url, polls infobymodelid with the job id and downloads the video', async () => {
		const result = await run(mock, akoolWorkflow(lipSync({ returnAs: 'both' })));
		expect(result.status).toBe('success');

		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].method).toBe('POST');
		expect(creates[0].body).toEqual({ video_url: VIDEO, audio_url: AUDIO });

		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const [item] = items;
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'video', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(item.pairedItem).toEqual({ item: 0 });
		// Akool's lip-sync record (type 9, lipsync: true) is output as it was read.
		const job = item.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		expect(job.lipsync).toBe(true);
		expect(job.video).toBe(mock.resultUrl(jobId));

		expect(item.binary!.data.mimeType).toBe('video/mp4');
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));

		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query.video_model_id === jobId)).toBe(true);
		// Only the create and the polls reached the API.
		expect(mock.apiRequests().length).toBe(1 + polls.length);
	});

	it('two input items: two jobs, each paired to its own item', async () => {
		const result = await run(
			mock,
			akoolWorkflow(lipSync({ videoUrl: '={{ "https://example.com/clips/take-" + $json.row + ".mp4" }}', returnAs: 'url' })),
			{ items: 2 },
		);
		expect(result.status).toBe('success');
		const bodies = mock.apiRequests(CREATE).map((request) => request.body as IDataObject);
		expect(bodies.map((body) => body.video_url).sort()).toEqual(['https://example.com/clips/take-0.mp4', 'https://example.com/clips/take-1.mp4']);
		const items = result.output('Akool');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(2);
		for (const item of items) {
			expect(item.binary).toBeUndefined();
			expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		}
	});

	it('a forced job failure stops the run with the job id and Akool\'s reason', async () => {
		const reason = 'No face detected in the video';
		mock.nextJobs({ fail: true, failReason: reason, durationMs: 300 });
		const result = await run(mock, akoolWorkflow(lipSync()));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.fail && candidate.failReason === reason);
		expect(job).toBeDefined();
		expect(job.store).toBe('video');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain(reason);
		expect(error.context?.jobId).toBe(job._id);
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		// It polled the failed job until it saw status 4, and never tried a download.
		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.query.video_model_id === job._id)).toBe(true);
		expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
	});

	it('Webhook URL option → `webhookUrl` in the body; the mock accepts that spelling and calls back', async () => {
		const receiver = await startReceiver('/akool-callback?source=n8n');
		try {
			const result = await run(mock, akoolWorkflow(lipSync({ completion: 'returnImmediately', options: { webhookUrl: receiver.url } })));
			expect(result.status).toBe('success');
			const [create] = mock.apiRequests(CREATE);
			expect(create.body).toEqual({ video_url: VIDEO, audio_url: AUDIO, webhookUrl: receiver.url });
			expect(create.body).not.toHaveProperty('webhookurl');

			const [item] = result.output('Akool');
			const jobId = item.json.jobId as string;
			expect(item.json).toMatchObject({ jobType: 'video', status: 1, statusText: 'queued' });
			expect(item.binary).toBeUndefined();
			// Return Immediately: nothing polled.
			expect(mock.apiRequests(POLL)).toHaveLength(0);
			// The echoed webhook URL is never output (it may be a resume URL with its token).
			expect(JSON.stringify(item.json)).not.toContain(receiver.url);

			const job = mock.jobs.get(jobId)!;
			expect(job.webhookField).toBe('webhookUrl');
			expect(job.webhookAccepted).toBe(true);

			const deadline = Date.now() + 5000;
			while (!mock.callbacksSent.some((sent) => sent.jobId === jobId && sent.httpStatus === 200) && Date.now() < deadline) await sleep(50);
			const callback = mock.callbacksSent.find((sent) => sent.jobId === jobId && sent.httpStatus === 200)!;
			expect(callback).toBeDefined();
			expect(callback.url).toBe(receiver.url);
			const payload = callback.payload as { _id: string; status: number; type: string; url: string };
			expect(payload).toMatchObject({ _id: jobId, status: 3, url: mock.resultUrl(jobId) });
			// The node (trigger and Wait for Callback) must recognise the type the callback carries.
			expect(familyOfCallbackType(payload.type)?.key).toBe('video');
		} finally {
			await receiver.close();
		}
	});
});

describe('Lip Sync → Create: refused before any request', () => {
	it.each([
		{ name: 'a missing Audio', parameters: { audioUrl: '={{ "" }}' }, message: '"Audio"' },
		{ name: 'a Video URL that is not http(s)', parameters: { videoUrl: 'ftp://example.com/a.mp4' }, message: '"Video"' },
	])('$name', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(lipSync(parameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('Akool refusing the create (1003) surfaces as a NodeApiError; nothing is polled', async () => {
		mock.fault({ path: CREATE, kind: '4xx-envelope', status: 400, code: 1003, msg: 'video_url is invalid' });
		const result = await run(mock, akoolWorkflow(lipSync()));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('1003');
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});
});
