/**
 * Text to Video → Create in n8n's real engine against the Akool mock: a batch of videos from one
 * prompt (one job and one output item per video, polled on /image2Video/resultsByIds), the webhook
 * option (Akool's lowercase `webhookurl` for this endpoint), the Model dropdown (type-1502 models),
 * a partly paid batch, and input refused before any request.
 */
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { familyOfCallbackType } from '../../nodes/Akool/helpers/jobs';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, loadOptionsAt, mockGet, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 20_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000 });

const CREATE = '/api/open/v4/text2Video/createByPrompt/batch';
const POLL = '/api/open/v4/image2Video/resultsByIds';
const MODELS = '/api/open/v4/aigModel/list';
const PROMPT = 'A red fox runs through fresh snow at sunrise, cinematic';

type Model = { value: string; type: number; label: string; resolutionList: Array<{ value: string }>; durationList: number[] };

/** The mock's model list for these types, asked directly (the oracle); the log is cleared afterwards. */
async function modelsAtMock(type: number): Promise<Model[]> {
	const data = await mockGet<Model[] | { list?: Model[] }>(mock, `${MODELS}?types[]=${type}`);
	return Array.isArray(data) ? data : (data.list ?? []);
}

const textToVideo = (parameters: INodeParameters = {}): INodeParameters =>
	withFastOptions({ resource: 'textToVideo', operation: 'create', prompt: PROMPT, ...parameters });

describe('Text to Video → Create', () => {
	it('count 3 → one batch create, three items (one per video), each polled on resultsByIds and downloaded', async () => {
		const [model] = await modelsAtMock(1502);
		const resolution = model.resolutionList[1]?.value ?? model.resolutionList[0].value;
		const length = model.durationList[0];
		const result = await run(
			mock,
			akoolWorkflow(
				textToVideo({
					options: {
						modelName: model.value,
						resolution,
						videoLength: length,
						count: 3,
						negativePrompt: 'blurry, watermark',
						extendPrompt: true,
					},
				}),
			),
		);
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].method).toBe('POST');
		expect(creates[0].body).toEqual({
			prompt: PROMPT,
			model_name: model.value,
			resolution,
			video_length: length,
			count: 3,
			negative_prompt: 'blurry, watermark',
			extend_prompt: true,
		});

		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		const ids = items.map((item) => item.json.jobId as string);
		expect(new Set(ids).size).toBe(3);
		for (const item of items) {
			const jobId = item.json.jobId as string;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ jobType: 'imageToVideo', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
			expect(item.json).not.toHaveProperty('batchErrors');
			expect(item.binary!.data.mimeType).toBe('video/mp4');
			const bytes = await result.binaryBuffer(item);
			expect(bytes.length).toBe(FILE_SIZE);
			expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));
			expect(mock.jobs.get(jobId)!.store).toBe('i2v');
		}

		// Polled as Akool's i2v store: POST resultsByIds with a comma string of ids, the three
		// videos of the batch together in each check (one request, not three).
		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'POST' && typeof (poll.body as IDataObject)._ids === 'string')).toBe(true);
		for (const poll of polls) expect(String((poll.body as IDataObject)._ids).split(',').sort()).toEqual([...ids].sort());
	});

	it('the created records are text-to-video ones (sub_type 1502) and echo the prompt', async () => {
		const result = await run(mock, akoolWorkflow(textToVideo({ returnAs: 'url' })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({ prompt: PROMPT });
		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const job = items[0].json.job as IDataObject;
		expect(job.sub_type).toBe(1502);
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.resultUrl).toBe(mock.resultUrl(items[0].json.jobId as string));
	});

	it('Webhook URL option → lowercase `webhookurl`; the mock accepts that spelling and calls back', async () => {
		const receiver = await startReceiver('/t2v-callback');
		try {
			const result = await run(mock, akoolWorkflow(textToVideo({ completion: 'returnImmediately', options: { count: 2, webhookUrl: receiver.url } })));
			expect(result.status).toBe('success');
			const [create] = mock.apiRequests(CREATE);
			expect(create.body).toEqual({ prompt: PROMPT, count: 2, webhookurl: receiver.url });
			expect(create.body).not.toHaveProperty('webhookUrl');

			const items = result.output('Akool');
			expect(items).toHaveLength(2);
			expect(items.every((item) => item.json.status === 1 && item.json.statusText === 'queued')).toBe(true);
			expect(mock.apiRequests(POLL)).toHaveLength(0);
			for (const item of items) {
				const job = mock.jobs.get(item.json.jobId as string)!;
				expect(job.webhookField).toBe('webhookurl');
				expect(job.webhookAccepted).toBe(true);
			}

			const jobId = items[0].json.jobId as string;
			const deadline = Date.now() + 5000;
			while (!mock.callbacksSent.some((sent) => sent.jobId === jobId && sent.httpStatus === 200) && Date.now() < deadline) await sleep(50);
			const callback = mock.callbacksSent.find((sent) => sent.jobId === jobId && sent.httpStatus === 200)!;
			expect(callback).toBeDefined();
			const payload = callback.payload as { _id: string; status: number; type: string; url: string };
			expect(payload).toMatchObject({ _id: jobId, status: 3, url: mock.resultUrl(jobId) });
			expect(familyOfCallbackType(payload.type)?.key).toBe('imageToVideo');
		} finally {
			await receiver.close();
		}
	});

	it('"Wait for Callback" is not offered for a batch', async () => {
		const result = await run(mock, akoolWorkflow(textToVideo({ completion: 'waitForCallback' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Completion"');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a batch the credit pays only partly: items for the videos made, batchErrors for the rest', async () => {
		// Find the price of one video from a one-video run, then leave credit for two of three.
		const before = 1000;
		mock.setOptions({ credit: before });
		const probe = await run(mock, akoolWorkflow(textToVideo({ completion: 'returnImmediately' })));
		expect(probe.status).toBe('success');
		const price = before - mock.credit;
		expect(price).toBeGreaterThan(0);
		mock.clearLog();
		mock.setOptions({ credit: price * 2 + Math.floor(price / 2) });

		const result = await run(mock, akoolWorkflow(textToVideo({ returnAs: 'url', options: { count: 3 } })));
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.status).toBe(3);
			expect(item.json.batchErrors).toEqual([expect.objectContaining({ code: 1006 })]);
		}
	});

	it('no credit at all: Akool\'s 1006 surfaces; nothing is polled', async () => {
		mock.setOptions({ credit: 0 });
		const result = await run(mock, akoolWorkflow(textToVideo({ options: { count: 2 } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('1006');
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it('a failed video of the batch stops the run with its job id and reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'Prompt rejected by moderation', durationMs: 300 });
		const result = await run(mock, akoolWorkflow(textToVideo({ options: { count: 2 } })));
		const error = runError(result);
		const [job] = [...mock.jobs.values()].filter((candidate) => candidate.failReason === 'Prompt rejected by moderation');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('Prompt rejected by moderation');
		expect(error.context?.jobId).toBe(job._id);
	});

	it.each([
		{ name: 'a prompt over 5,000 characters', parameters: { prompt: 'p'.repeat(5001) }, message: '"Prompt"' },
		{ name: 'no prompt', parameters: { prompt: '={{ "" }}' }, message: '"Prompt" is required' },
		{ name: 'count 11', parameters: { options: { count: 11 } }, message: '"Number of Videos"' },
		{ name: 'a negative prompt over 1,000 characters', parameters: { options: { negativePrompt: 'n'.repeat(1001) } }, message: '"Negative Prompt"' },
	])('$name is refused before any request', async ({ parameters, message }) => {
		const result = await run(mock, akoolWorkflow(textToVideo(parameters as INodeParameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Text to Video → the Model dropdown (getTextToVideoModels)', () => {
	it('lists exactly the type-1502 models, asked with types[]=1502', async () => {
		const expected = await modelsAtMock(1502);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.every((model) => model.type === 1502)).toBe(true);
		const imageToVideo = (await modelsAtMock(1501)).map((model) => model.value);

		const options = await loadOptionsAt(mock, 'getTextToVideoModels', { resource: 'textToVideo', operation: 'create' }, 'parameters.options.modelName');
		expect(options.map((option) => option.value)).toEqual(expected.map((model) => model.value));
		expect(options.some((option) => imageToVideo.includes(option.value as string))).toBe(false);
		expect(options[0].name).toBe(expected[0].label);
		expect(options[0].description).toContain(expected[0].resolutionList[0].value);
		const requests = mock.apiRequests(MODELS);
		expect(requests).toHaveLength(1);
		expect(requests[0].query['types[]']).toBe('1502');
	});
});
