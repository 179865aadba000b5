/**
 * Moderation (Jarvis) → Analyze in n8n's real engine against the Akool mock: the create body
 * (`type` 1–4, `content` from the Image, Video, Audio or Text field, `language`, `input`), the poll on /v3/content/analysis/infobyid, the
 * verdict as `result` (Compliant, Non-Compliant, Unknown) with the findings in `job.result`, no
 * file ever; media types need an http(s) URL (refused before any request); Wait for Callback
 * resumed by the mock's own callback.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { familyOfCallbackType } from '../../nodes/Akool/helpers/jobs';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, finalCallback, run, runError, startReceiver, useMockAkool, withFastOptions } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, fileSize: 4_000 }, (started) => (mock = started), { jobDurationMs: 300, credit: 1000 });

const CREATE = '/api/open/v3/content/analysis/sentiment';
const POLL = '/api/open/v3/content/analysis/infobyid';
const PHOTO = 'https://example.com/uploads/photo.jpg';

const analyze = (parameters: INodeParameters): INodeParameters => withFastOptions({ resource: 'moderation', operation: 'analyze', ...parameters });

describe('Moderation → Analyze', () => {
	it('an image URL: sends {type: 1, content}, polls infobyid and outputs the verdict as `result`, the findings in the job; no file', async () => {
		// A leftover Return As: a verdict is data and is never downloaded.
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 1, image: PHOTO, returnAs: 'binary' })));
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].method).toBe('POST');
		expect(creates[0].body).toEqual({ type: 1, content: PHOTO });

		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const [item] = items;
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'moderation', status: 3, statusText: 'completed', result: 'Compliant' });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary).toBeUndefined();
		expect(item.json).not.toHaveProperty('resultUrl');
		const job = item.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		expect(job.final_conclusion).toBe('Compliant');
		expect(typeof job.result).toBe('string');
		expect((job.result as string).length).toBeGreaterThan(0);

		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query._id === jobId)).toBe(true);
		expect(mock.apiRequests().length).toBe(1 + polls.length);
		expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
	});

	it('text (type 4): the plain text itself, with language and a custom instruction', async () => {
		const text = 'Our new product launches on Monday. Everyone is welcome!';
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 4, content: text, options: { language: 'en', instruction: 'Flag any medical claims' } })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ type: 4, content: text, language: 'en', input: 'Flag any medical claims' });
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobType: 'moderation', status: 3, result: 'Compliant' });
		expect((item.json.job as IDataObject).type).toBe(4);
	});

	it.each([
		{ content: 'This text is unsafe for children.', verdict: 'Non-Compliant' },
		{ content: 'The meaning of this text is unclear.', verdict: 'Unknown' },
	])('text "$content" → $verdict', async ({ content, verdict }) => {
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 4, content })));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.result).toBe(verdict);
		expect((item.json.job as IDataObject).final_conclusion).toBe(verdict);
	});

	it('a video URL (type 2) with "unsafe" in it → Non-Compliant', async () => {
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 2, video: 'https://example.com/unsafe-clip.mp4' })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ type: 2, content: 'https://example.com/unsafe-clip.mp4' });
		expect(result.output('Akool')[0].json.result).toBe('Non-Compliant');
	});

	it('two items: two analyses, each paired to its own item with its own verdict', async () => {
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 4, content: '={{ $json.row === 0 ? "hello there" : "unsafe words" }}' })), { items: 2 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items.map((item) => item.json.result)).toEqual(['Compliant', 'Non-Compliant']);
		expect(mock.apiRequests(CREATE).map((request) => (request.body as IDataObject).content)).toEqual(['hello there', 'unsafe words']);
	});

	it.each([
		{ name: 'image type with plain text', parameters: { contentType: 1, image: 'not a link' }, message: '"Image" must be a public http(s) URL' },
		{ name: 'audio type with an ftp link', parameters: { contentType: 3, audio: 'ftp://example.com/a.mp3' }, message: '"Audio" must be a public http(s) URL' },
		{ name: 'no content', parameters: { contentType: 4, content: '={{ "" }}' }, message: '"Text" is required' },
		{ name: 'a content type Akool does not have', parameters: { contentType: 5, image: PHOTO }, message: '"Content Type"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(analyze(parameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a failed analysis stops the run with its id and the reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'The file could not be read', durationMs: 200 });
		const result = await run(mock, akoolWorkflow(analyze({ contentType: 1, image: PHOTO })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'The file could not be read');
		expect(job.store).toBe('moderation');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('The file could not be read');
	});
});

describe('Moderation → Analyze with Return Immediately, then Job → Wait (Job Type moderation)', () => {
	it('the queued record first; Job → Wait polls infobyid and outputs the verdict, no file', async () => {
		const created = await run(mock, akoolWorkflow(analyze({ contentType: 4, content: 'Later, please.', completion: 'returnImmediately' })));
		expect(created.status).toBe('success');
		const [queued] = created.output('Akool');
		const jobId = queued.json.jobId as string;
		expect(queued.json).toMatchObject({ jobType: 'moderation', status: 1, statusText: 'queued' });
		expect(queued.json).not.toHaveProperty('result');
		expect(mock.apiRequests(POLL)).toHaveLength(0);

		mock.clearLog();
		const waited = await run(mock, akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'moderation', jobId, returnAs: 'binary', options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1 } }));
		expect(waited.status).toBe('success');
		const [item] = waited.output('Akool');
		expect(item.json).toMatchObject({ jobId, jobType: 'moderation', status: 3, result: 'Compliant' });
		expect(item.binary).toBeUndefined();
		const polls = mock.apiRequests();
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.path === POLL && poll.query._id === jobId)).toBe(true);
	});
});

describe('Moderation → Analyze: Wait for Callback', () => {
	it("sends the resume URL as webhookUrl and resumes on the mock's own callback with the verdict (no file)", async () => {
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(analyze({ contentType: 4, content: 'A perfectly unsafe sentence.', completion: 'waitForCallback', options: { waitLimitMinutes: 5 } })),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(CREATE);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			expect(create.body).not.toHaveProperty('webhookurl');
			const jobId = result.output('Akool')[0].json.jobId as string;
			const job = mock.jobs.get(jobId)!;
			expect(job.webhookField).toBe('webhookUrl');
			expect(job.webhookAccepted).toBe(true);
			// Nothing is polled while waiting.
			expect(mock.apiRequests(POLL)).toHaveLength(0);

			const callback = await finalCallback(mock, jobId);
			const payload = callback.payload as { _id: string; status: number; type: string };
			expect(payload).toMatchObject({ _id: jobId, status: 3 });
			expect(familyOfCallbackType(payload.type)?.key).toBe('moderation');
			mock.clearLog();
			const resumed = await result.resume({ body: callback.body });
			expect(resumed.webhookError).toBeUndefined();
			expect(resumed.response.status).toBe(200);
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Akool');
			expect(item.json).toMatchObject({ jobId, jobType: 'moderation', status: 3, result: 'Non-Compliant' });
			expect(item.binary).toBeUndefined();
			// The verdict was read once from infobyid; nothing was downloaded.
			expect(mock.apiRequests().map((request) => request.path)).toEqual([POLL]);
			expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
		} finally {
			await receiver.close();
		}
	});
});
