/**
 * Image (v3 Generate, Upscale or Vary; v4 Generate) in n8n's real engine against the Akool mock:
 * the exact create bodies, the poll on /content/image/infobymodelid, the downloaded png, the chain
 * Generate → Upscale by expression, the v4 answer that is an ARRAY of jobs (one output item each),
 * the webhook spellings (v3 `webhookUrl`, v4 lowercase `webhookurl`), "Wait for Callback" for one
 * image and its refusal for several, and Akool's own 1003 for kontext without source images.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { familyOfCallbackType } from '../../nodes/Akool/helpers/jobs';
import type { RunResult } from '../harness';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, chain, finalCallback, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 9_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 300, credit: 1000 });

const V3_CREATE = '/api/open/v3/content/image/createbyprompt';
const V3_BUTTON = '/api/open/v3/content/image/createbybutton';
const V4_CREATE = '/api/open/v4/content/image/createBySourcePrompt';
const POLL = '/api/open/v3/content/image/infobymodelid';
const KREA = 'wavespeed-ai/flux-krea-dev-lora';
const KONTEXT = 'wavespeed-ai/flux-kontext-dev';

const imageNode = (operation: string, parameters: INodeParameters = {}): INodeParameters =>
	withFastOptions({ resource: 'image', operation, ...parameters });

/** The image at `/files/<jobId>.png`, downloaded into the item, byte for byte. */
async function expectPng(result: RunResult, item: INodeExecutionData) {
	const jobId = item.json.jobId as string;
	expect(item.binary!.data.mimeType).toBe('image/png');
	const bytes = await result.binaryBuffer(item);
	expect(bytes.length).toBe(FILE_SIZE);
	expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.png`));
}

describe('Image → Generate (v3)', () => {
	it('sends prompt, scale and source_image; polls infobymodelid with the id; downloads the png', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				imageNode('generate', {
					prompt: 'A lighthouse at dusk, oil painting',
					scale: '16:9',
					returnAs: 'both',
					options: { sourceImageUrl: 'https://example.com/sketch.jpg' },
				}),
			),
		);
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(V3_CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].method).toBe('POST');
		expect(creates[0].body).toEqual({ prompt: 'A lighthouse at dusk, oil painting', scale: '16:9', source_image: 'https://example.com/sketch.jpg' });

		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const [item] = items;
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'image', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(item.pairedItem).toEqual({ item: 0 });
		const job = item.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		expect(job.image).toBe(mock.resultUrl(jobId));
		// A finished v3 generation offers the eight buttons Upscale or Vary can use.
		expect(job.buttons).toEqual(['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4']);
		await expectPng(result, item);

		const polls = mock.apiRequests(POLL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query.image_model_id === jobId)).toBe(true);
		expect(mock.apiRequests().length).toBe(1 + polls.length);
	});

	it('only the prompt: the default scale 1:1 is sent, no source_image', async () => {
		const result = await run(mock, akoolWorkflow(imageNode('generate', { prompt: 'A red bicycle', returnAs: 'url' })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(V3_CREATE)[0].body).toEqual({ prompt: 'A red bicycle', scale: '1:1' });
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
	});
});

describe('Image → Generate (v3), then Upscale or Vary (chained by expression)', () => {
	it('upscales quadrant 2 of the finished generation: body {_id, button}; a new job, polled and downloaded', async () => {
		const result = await run(
			mock,
			chain(
				{ name: 'Generate', parameters: imageNode('generate', { prompt: 'Four cats on a sofa', returnAs: 'url' }) },
				{ name: 'Upscale', parameters: imageNode('upscaleOrVary', { imageJobId: '={{ $json.jobId }}', button: 'U2', returnAs: 'both' }) },
			),
		);
		expect(result.status).toBe('success');
		const [generated] = result.output('Generate');
		const originId = generated.json.jobId as string;
		expect(generated.json.status).toBe(3);

		const buttons = mock.apiRequests(V3_BUTTON);
		expect(buttons).toHaveLength(1);
		expect(buttons[0].body).toEqual({ _id: originId, button: 'U2' });

		const [upscaled] = result.output('Upscale');
		const jobId = upscaled.json.jobId as string;
		expect(jobId).not.toBe(originId);
		expect(upscaled.json).toMatchObject({ jobType: 'image', status: 3, resultUrl: mock.resultUrl(jobId) });
		expect(upscaled.pairedItem).toEqual({ item: 0 });
		const job = upscaled.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		expect(job).toMatchObject({ image_content_model_id: originId, op_button: 'U2' });
		await expectPng(result, upscaled);
		// The upscale was polled by its own id, after the generation was.
		const polled = mock.apiRequests(POLL).map((poll) => poll.query.image_model_id);
		expect(polled).toContain(originId);
		expect(polled).toContain(jobId);
		expect(polled.lastIndexOf(originId)).toBeLessThan(polled.indexOf(jobId));
	});

	it('Vary (V3) of a generation made earlier, by job ID', async () => {
		const first = await run(mock, akoolWorkflow(imageNode('generate', { prompt: 'A castle', returnAs: 'url' })));
		const originId = first.output('Akool')[0].json.jobId as string;
		mock.clearLog();
		const result = await run(mock, akoolWorkflow(imageNode('upscaleOrVary', { imageJobId: originId, button: 'V3', returnAs: 'url' })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(V3_BUTTON)[0].body).toEqual({ _id: originId, button: 'V3' });
		const [item] = result.output('Akool');
		expect(item.json.jobId).not.toBe(originId);
		expect(item.json.status).toBe(3);
	});

	it("the same button twice: Akool's 1011 (already operated) surfaces with the node's hint; one upscale only", async () => {
		const first = await run(mock, akoolWorkflow(imageNode('generate', { prompt: 'A tower', returnAs: 'url' })));
		const originId = first.output('Akool')[0].json.jobId as string;
		const once = await run(mock, akoolWorkflow(imageNode('upscaleOrVary', { imageJobId: originId, button: 'U1', completion: 'returnImmediately' })));
		expect(once.status).toBe('success');
		mock.clearLog();
		const twice = await run(mock, akoolWorkflow(imageNode('upscaleOrVary', { imageJobId: originId, button: 'U1', completion: 'returnImmediately' })));
		const error = runError(twice);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1011');
		expect(error.description).toContain('Use the existing result');
		expect(mock.apiRequests()).toHaveLength(1);
	});

	it("a V4 image cannot be upscaled: Akool's 1010 surfaces as a NodeApiError", async () => {
		const v4 = await run(mock, akoolWorkflow(imageNode('generateV4', { prompt: 'A boat', returnAs: 'url' })));
		const v4Id = v4.output('Akool')[0].json.jobId as string;
		mock.clearLog();
		const result = await run(mock, akoolWorkflow(imageNode('upscaleOrVary', { imageJobId: v4Id, button: 'U1' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1010');
		expect(mock.apiRequests(V3_BUTTON)).toHaveLength(1);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it('an Image Job ID with two ids is refused before any request', async () => {
		const result = await run(mock, akoolWorkflow(imageNode('upscaleOrVary', { imageJobId: '670000000000000000000001, 670000000000000000000002', button: 'U1' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Image Job ID"');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Image → Generate (V4)', () => {
	it('Number of Images 3: Akool answers an array; 3 output items, each its own job, polled and downloaded', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				imageNode('generateV4', {
					prompt: 'A neon city in the rain',
					returnAs: 'both',
					options: { modelName: KREA, batchQuantity: 3, resolution: '1080p', scale: '16:9', negativePrompt: 'blur' },
				}),
			),
		);
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(V4_CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			prompt: 'A neon city in the rain',
			model_name: KREA,
			scale: '16:9',
			resolution: '1080p',
			batch_quantity: 3,
			negative_prompt: 'blur',
		});

		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		const ids = items.map((item) => item.json.jobId as string);
		expect(new Set(ids).size).toBe(3);
		for (const item of items) {
			const jobId = item.json.jobId as string;
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ jobType: 'image', status: 3, resultUrl: mock.resultUrl(jobId) });
			const job = item.json.job as IDataObject;
			expect(job.model_name).toBe(KREA);
			expect(job.sub_type).toBe(40001);
			await expectPng(result, item);
		}
		const polled = new Set(mock.apiRequests(POLL).map((poll) => poll.query.image_model_id));
		expect([...polled].sort()).toEqual([...ids].sort());
	});

	it('one image (no Number of Images): one item, the object answer', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				imageNode('generateV4', {
					prompt: 'A bowl of ramen',
					returnAs: 'both',
					options: { sourceImageUrls: 'https://example.com/bowl.jpg', modelName: KONTEXT, similar: 0.7, scale: 'Original' },
				}),
			),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(V4_CREATE)[0].body).toEqual({
			prompt: 'A bowl of ramen',
			source_images: ['https://example.com/bowl.jpg'],
			model_name: KONTEXT,
			scale: 'Original',
			similar: 0.7,
		});
		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		expect((items[0].json.job as IDataObject).sub_type).toBe(40002);
		await expectPng(result, items[0]);
	});

	it("kontext without source images: Akool's 1003 surfaces as a NodeApiError; nothing is polled", async () => {
		const result = await run(mock, akoolWorkflow(imageNode('generateV4', { prompt: 'Make it winter', options: { modelName: KONTEXT } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1003');
		expect(error.message).toContain('source_images');
		expect(mock.apiRequests(V4_CREATE)).toHaveLength(1);
		expect(mock.apiRequests(POLL)).toHaveLength(0);
	});

	it.each([
		{ name: 'Number of Images 5', options: { batchQuantity: 5 }, message: '"Number of Images"' },
		{ name: 'Similarity 1.5', options: { similar: 1.5 }, message: '"Similarity"' },
	])('$name is refused before any request', async ({ options, message }) => {
		const result = await run(mock, akoolWorkflow(imageNode('generateV4', { prompt: 'x', options })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Image → the webhook option: each endpoint gets its own spelling', () => {
	it.each([
		{ api: 'v3 Generate', operation: 'generate', path: V3_CREATE, field: 'webhookUrl', other: 'webhookurl' },
		{ api: 'V4 Generate', operation: 'generateV4', path: V4_CREATE, field: 'webhookurl', other: 'webhookUrl' },
	])('$api sends `$field`; the mock accepts it and calls back with an "image" type', async ({ operation, path, field, other }) => {
		const receiver = await startReceiver('/akool-images');
		try {
			const result = await run(mock, akoolWorkflow(imageNode(operation, { prompt: 'A kite', completion: 'returnImmediately', options: { webhookUrl: receiver.url } })));
			expect(result.status).toBe('success');
			const [create] = mock.apiRequests(path);
			expect((create.body as IDataObject)[field]).toBe(receiver.url);
			expect(create.body).not.toHaveProperty(other);
			const [item] = result.output('Akool');
			const jobId = item.json.jobId as string;
			expect(item.json).toMatchObject({ jobType: 'image', status: 1 });
			expect(mock.apiRequests(POLL)).toHaveLength(0);
			const job = mock.jobs.get(jobId)!;
			expect(job.webhookField).toBe(field);
			expect(job.webhookAccepted).toBe(true);
			const callback = await finalCallback(mock, jobId);
			expect(callback.url).toBe(receiver.url);
			expect(familyOfCallbackType((callback.payload as { type: string }).type)?.key).toBe('image');
		} finally {
			await receiver.close();
		}
	});
});

describe('Image → Generate (V4) and "Wait for Callback"', () => {
	it('3 images with Wait for Callback are refused before any request (one waiting execution follows one job)', async () => {
		const result = await run(mock, akoolWorkflow(imageNode('generateV4', { prompt: 'Three kites', completion: 'waitForCallback', options: { batchQuantity: 3 } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('cannot be "Wait for Callback" when the settings make several jobs');
		expect(mock.apiRequests()).toHaveLength(0);
		expect([...mock.jobs.values()].some((job) => job.store === 'image' && (job.body as IDataObject)?.prompt === 'Three kites')).toBe(false);
	});

	it('batch_quantity 3 given through Additional Body Fields is refused the same way, before any request', async () => {
		const result = await run(
			mock,
			akoolWorkflow(imageNode('generateV4', { prompt: 'Three kites again', completion: 'waitForCallback', options: { additionalFields: '{"batch_quantity": 3}' } })),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('cannot be "Wait for Callback" when the settings make several jobs');
		expect(mock.apiRequests()).toHaveLength(0);
		expect([...mock.jobs.values()].filter((job) => (job.body as IDataObject)?.prompt === 'Three kites again')).toHaveLength(0);
	});

	it('one image: waits, sends the resume URL as lowercase webhookurl, resumes on the "image" callback and downloads', async () => {
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				akoolWorkflow(imageNode('generateV4', { prompt: 'One kite', completion: 'waitForCallback', options: { batchQuantity: 1, waitLimitMinutes: 5 } })),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(V4_CREATE);
			expect((create.body as IDataObject).webhookurl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			expect(create.body).not.toHaveProperty('webhookUrl');
			expect((create.body as IDataObject).batch_quantity).toBe(1);
			const jobId = result.output('Akool')[0].json.jobId as string;
			expect(mock.jobs.get(jobId)!.webhookAccepted).toBe(true);

			const callback = await finalCallback(mock, jobId);
			expect(callback.payload).toMatchObject({ _id: jobId, status: 3, type: 'image', url: mock.resultUrl(jobId) });
			mock.clearLog();
			const resumed = await result.resume({ body: callback.body });
			expect(resumed.webhookError).toBeUndefined();
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Akool');
			expect(item.json).toMatchObject({ jobId, jobType: 'image', status: 3, resultUrl: mock.resultUrl(jobId) });
			expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.png`));
			expect(mock.apiRequests(V4_CREATE)).toHaveLength(0);
		} finally {
			await receiver.close();
		}
	});
});
