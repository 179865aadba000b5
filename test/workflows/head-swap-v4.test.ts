/**
 * Head Swap (V4) in n8n's real engine against the Akool mock: Analyze Video (waits on
 * /v4/headswap/analyze/detail, outputs the people found, never downloads), the analysis → Create
 * chain by expressions (identical video URL, obj_ids from result.media), the video downloaded after
 * polling /v4/headswap/task/detail, and the refusals: a duplicate Object ID or more than five
 * mappings before any request, a video URL that was not analysed by Akool (1003).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { familyOfCallbackType } from '../../nodes/Akool/helpers/jobs';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, chain, finalCallback, run, runError, sha256, startReceiver, useMockAkool, withFastOptions } from './helpers';

const FILE_SIZE = 15_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 300, credit: 1000 });

const V4 = '/api/open/v4/headswap';
const ANALYZE = `${V4}/analyze`;
const ANALYZE_DETAIL = `${V4}/analyze/detail`;
const CREATE = `${V4}/task/create`;
const TASK_DETAIL = `${V4}/task/detail`;
const VIDEO = 'https://example.com/clips/two-people-talking.mp4';

const headSwap = (operation: string, parameters: INodeParameters): INodeParameters =>
	withFastOptions({ resource: 'headSwap', operation, ...parameters });

type Analysis = { media: Array<{ obj_id: number; img_url: string; media_type: string }>; video_info: IDataObject; detected_objects: unknown };

describe('Head Swap (V4) → Analyze Video', () => {
	it('sends {video_url, type: "head"}, waits for the analysis and outputs it as `result`; no file, even with Return As binary', async () => {
		const result = await run(mock, akoolWorkflow(headSwap('analyzeVideo', { videoUrl: VIDEO, returnAs: 'binary' })));
		expect(result.status).toBe('success');
		const analyzes = mock.apiRequests(ANALYZE).filter((request) => request.path === ANALYZE);
		expect(analyzes).toHaveLength(1);
		expect(analyzes[0].method).toBe('POST');
		expect(analyzes[0].body).toEqual({ video_url: VIDEO, type: 'head' });

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'headSwapAnalysisV4', status: 3, statusText: 'completed' });
		expect(item.json).not.toHaveProperty('resultUrl');
		expect(item.binary).toBeUndefined();
		const analysis = item.json.result as Analysis;
		expect(analysis.media.map((media) => media.obj_id)).toEqual([0, 1]);
		for (const media of analysis.media) {
			expect(media.media_type).toBe('images');
			expect(media.img_url).toMatch(/^http/);
		}
		expect(analysis.video_info).toEqual(expect.objectContaining({ width: expect.any(Number), height: expect.any(Number) }));
		const job = item.json.job as IDataObject;
		expect(job._id).toBe(jobId);
		expect(job.video_url).toBe(VIDEO);

		const polls = mock.apiRequests(ANALYZE_DETAIL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query._id === jobId)).toBe(true);
		expect(mock.apiRequests(TASK_DETAIL)).toHaveLength(0);
		expect(mock.requests.some((request) => request.path.startsWith('/files/'))).toBe(false);
	});

	it('a video with one person ("solo"): one media entry', async () => {
		const result = await run(mock, akoolWorkflow(headSwap('analyzeVideo', { videoUrl: 'https://example.com/solo-speech.mp4' })));
		expect(result.status).toBe('success');
		expect((result.output('Akool')[0].json.result as Analysis).media).toHaveLength(1);
	});

	it('Analyze Video offers no Wait for Callback (Akool documents no webhook for it): refused before any request', async () => {
		const result = await run(mock, akoolWorkflow(headSwap('analyzeVideo', { videoUrl: VIDEO, completion: 'waitForCallback' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Completion"');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Head Swap (V4) → Analyze Video, then Create (one workflow, chained by expressions)', () => {
	it('maps heads onto the analysed obj_ids, waits for the task and downloads the video', async () => {
		const result = await run(
			mock,
			chain(
				{ name: 'Analyze', parameters: headSwap('analyzeVideo', { videoUrl: VIDEO }) },
				{
					name: 'Swap Heads',
					parameters: headSwap('create', {
						videoUrl: '={{ $json.job.video_url }}',
						mappings: {
							values: [
								{ objId: '={{ $json.result.media[1].obj_id }}', imageUrl: 'https://example.com/heads/astronaut.png' },
								{ objId: '={{ $json.result.media[0].obj_id }}', imageUrl: 'https://example.com/heads/pirate.png' },
							],
						},
						resolution: '720p',
						returnAs: 'both',
						options: { keepOriginalSound: false, templateId: 'tpl-42' },
					}),
				},
			),
		);
		expect(result.status).toBe('success');
		const [analysis] = result.output('Analyze');
		const analysisId = analysis.json.jobId as string;

		const creates = mock.apiRequests(CREATE);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			video_url: VIDEO,
			mappings: [
				{ obj_id: 1, img_url: 'https://example.com/heads/astronaut.png' },
				{ obj_id: 0, img_url: 'https://example.com/heads/pirate.png' },
			],
			resolution: '720p',
			model_name: 'akool-premium',
			keep_original_sound: false,
			template_id: 'tpl-42',
		});

		const [swapped] = result.output('Swap Heads');
		const jobId = swapped.json.jobId as string;
		expect(jobId).not.toBe(analysisId);
		expect(swapped.json).toMatchObject({ jobType: 'headSwapV4', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(swapped.pairedItem).toEqual({ item: 0 });
		expect((swapped.json.job as IDataObject).video_url).toBe(mock.resultUrl(jobId));
		expect(swapped.binary!.data.mimeType).toBe('video/mp4');
		const bytes = await result.binaryBuffer(swapped);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));

		const polls = mock.apiRequests(TASK_DETAIL);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query._id === jobId)).toBe(true);
		// The task was never polled as an analysis.
		expect(mock.apiRequests(ANALYZE_DETAIL).some((poll) => poll.query._id === jobId)).toBe(false);
	});

	it('only the required fields: the default resolution 480p and the model are sent, nothing optional', async () => {
		const result = await run(
			mock,
			chain(
				{ name: 'Analyze', parameters: headSwap('analyzeVideo', { videoUrl: VIDEO }) },
				{
					name: 'Swap Heads',
					parameters: headSwap('create', {
						videoUrl: '={{ $json.job.video_url }}',
						mappings: { values: [{ objId: 0, imageUrl: 'https://example.com/heads/one.png' }] },
						returnAs: 'url',
					}),
				},
			),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CREATE)[0].body).toEqual({
			video_url: VIDEO,
			mappings: [{ obj_id: 0, img_url: 'https://example.com/heads/one.png' }],
			resolution: '480p',
			model_name: 'akool-premium',
		});
		const [item] = result.output('Swap Heads');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
	});

	it("another video URL than the analysed one: Akool's 1003 surfaces as a NodeApiError; nothing is polled", async () => {
		const result = await run(
			mock,
			chain(
				{ name: 'Analyze', parameters: headSwap('analyzeVideo', { videoUrl: VIDEO }) },
				{
					name: 'Swap Heads',
					parameters: headSwap('create', {
						videoUrl: 'https://example.com/clips/another-video.mp4',
						mappings: { values: [{ objId: '={{ $json.result.media[0].obj_id }}', imageUrl: 'https://example.com/heads/one.png' }] },
					}),
				},
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1003');
		expect(result.nodeError('Swap Heads')).toBeDefined();
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		expect(mock.apiRequests(TASK_DETAIL)).toHaveLength(0);
	});
});

describe('Head Swap (V4) → Create: Wait for Callback', () => {
	it('sends the resume URL as webhookUrl and resumes on the mock\'s own callback with the video', async () => {
		const receiver = await startReceiver();
		try {
			const result = await run(
				mock,
				chain(
					{ name: 'Analyze', parameters: headSwap('analyzeVideo', { videoUrl: VIDEO }) },
					{
						name: 'Swap Heads',
						parameters: headSwap('create', {
							videoUrl: '={{ $json.job.video_url }}',
							mappings: { values: [{ objId: 1, imageUrl: 'https://example.com/heads/knight.png' }] },
							completion: 'waitForCallback',
							options: { waitLimitMinutes: 5 },
						}),
					},
				),
				{ webhookWaitingBaseUrl: `${receiver.base}/webhook-waiting` },
			);
			expect(result.status).toBe('waiting');
			const [create] = mock.apiRequests(CREATE);
			expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining(`${receiver.base}/webhook-waiting/`));
			const jobId = result.output('Swap Heads')[0].json.jobId as string;
			expect(mock.jobs.get(jobId)!.webhookAccepted).toBe(true);
			expect(mock.apiRequests(TASK_DETAIL)).toHaveLength(0);

			const callback = await finalCallback(mock, jobId);
			const payload = callback.payload as { _id: string; status: number; type: string; url: string };
			expect(payload).toMatchObject({ _id: jobId, status: 3, url: mock.resultUrl(jobId) });
			expect(familyOfCallbackType(payload.type)?.key).toBe('headSwapV4');
			const resumed = await result.resume({ body: callback.body });
			expect(resumed.webhookError).toBeUndefined();
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Swap Heads');
			expect(item.json).toMatchObject({ jobId, jobType: 'headSwapV4', status: 3, resultUrl: mock.resultUrl(jobId) });
			expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
			expect(mock.apiRequests(CREATE)).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});

describe('Head Swap (V4) → Create: refused before any request', () => {
	const six = Array.from({ length: 6 }, (_, k) => ({ objId: k, imageUrl: `https://example.com/heads/${k}.png` }));
	it.each([
		{
			name: 'the same Object ID twice',
			values: [
				{ objId: 1, imageUrl: 'https://example.com/heads/a.png' },
				{ objId: 1, imageUrl: 'https://example.com/heads/b.png' },
			],
			message: '"Mappings" uses Object ID 1 twice',
		},
		// From an expression: the editor would not let an empty required URL through.
		{ name: 'a mapping without an image URL', values: [{ objId: 0, imageUrl: '={{ "" }}' }], message: '"Mappings 1: Head Image" is required' },
		{ name: 'no mapping', values: [], message: '"Mappings" needs at least 1 mapping' },
		{ name: 'a negative Object ID', values: [{ objId: -1, imageUrl: 'https://example.com/heads/a.png' }], message: '"Mappings 1: Object ID"' },
	])('$name (by the node)', async ({ values, message }) => {
		const result = await run(mock, akoolWorkflow(headSwap('create', { videoUrl: VIDEO, mappings: { values } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	// The description's limit (maxAllowedFields 5) is enforced by n8n itself.
	it('six mappings (by n8n, from the description, before the node runs)', async () => {
		const result = await run(mock, akoolWorkflow(headSwap('create', { videoUrl: VIDEO, mappings: { values: six } })));
		expect(runError(result).constructor.name).toBe('WorkflowHasIssuesError');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});
