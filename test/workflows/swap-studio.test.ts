/**
 * Swap Studio V5 in n8n's real engine against the mock: every operation (Analyze, Character, Motion,
 * Head, Hair and Clothing Swap, Get Models), the analyze → swap chain with expressions, the completion
 * modes, Job → Get / Wait on the V5 stores and the failure paths. Assertions are on the exact
 * requests the mock received (paths, bodies, poll ids) and on the output items.
 */
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { buildCallbackEnvelope, DEFAULTS } from '../mock-akool';
import type { MockAkool, MockJob, StoreName, V5ResultShape } from '../mock-akool';
import { akoolWorkflow, chain, fastOptions, loadOptionsAt, run, runError, sha256, useMockAkool, withFastOptions } from './helpers';
import { freePortForTests } from './ports';

const FILE_SIZE = 20_000;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: FILE_SIZE }, (started) => (mock = started), { jobDurationMs: 400, credit: 1000, v5ResultShape: DEFAULTS.v5ResultShape });

const V5 = '/api/open/v5';

/** Jobs the mock holds in `store` that were created at or after `since`, oldest first. */
function jobsSince(store: StoreName, since: number): MockJob[] {
	return [...mock.jobs.values()].filter((job) => job.store === store && job.createdAt >= since).sort((a, b) => a.createdAt - b.createdAt);
}

const studio = (operation: string, parameters: INodeParameters): INodeParameters =>
	withFastOptions({ resource: 'swapStudio', operation, ...parameters });

describe('Swap Studio → Analyze, then Head Swap (one workflow, chained by expressions)', () => {
	it('waits for the head analysis, outputs its result (no file), swaps heads and downloads the video', async () => {
		const video = 'https://example.com/interview.mp4';
		const result = await run(
			mock,
			chain(
				{
					name: 'Analyze Heads',
					// returnAs "binary" is the default elsewhere: an analysis is data and must never be downloaded.
					parameters: studio('analyze', { feature: 'headSwap', url: video, mediaType: 'video', returnAs: 'binary' }),
				},
				{
					name: 'Head Swap',
					parameters: studio('headSwap', {
						targetUrl: '={{ $json.job.url }}',
						analyzeId: '={{ $json.jobId }}',
						mappings: {
							values: [
								{ objId: '={{ $json.result.media[1].obj_id }}', imageUrl: 'https://example.com/heads/new.jpg' },
								{ objId: '={{ $json.result.media[0].obj_id }}', imageUrl: 'https://example.com/heads/other.jpg' },
							],
						},
						options: { resolution: '720p', keepOriginalSound: false, prompt: 'Keep the lighting' },
					}),
				},
			),
		);
		expect(result.status).toBe('success');

		// Analyze: the V5 path, Akool's field names and the head `type` the feature implies.
		const [analyzeRequest] = mock.apiRequests(`${V5}/headswap/analyze`).filter((r) => r.method === 'POST');
		expect(analyzeRequest.body).toEqual({ url: video, media_type: 'video', type: 'head' });
		const [analysis] = result.output('Analyze Heads');
		const analyzeId = analysis.json.jobId as string;
		expect(analysis.json).toMatchObject({ jobType: 'studioHeadSwapAnalysis', status: 3, statusText: 'completed' });
		expect(analysis.json).not.toHaveProperty('resultUrl');
		expect(analysis.binary).toBeUndefined();
		const analysisResult = analysis.json.result as { media: Array<{ obj_id: number; img_url: string }>; track_manifest_url: string };
		expect(analysisResult.media.map((m) => m.obj_id)).toEqual([0, 1]);
		expect(analysisResult.track_manifest_url).toBe(`${mock.url}/files/${analyzeId}-manifest.json`);
		expect((analysis.json.job as IDataObject).url).toBe(video);
		const analysisPolls = mock.apiRequests(`${V5}/headswap/analyze/detail`);
		expect(analysisPolls.length).toBeGreaterThanOrEqual(1);
		expect(analysisPolls.every((poll) => poll.query._id === analyzeId)).toBe(true);

		// Head Swap: the analysis id, URL and obj_ids came through the expressions.
		const creates = mock.apiRequests(`${V5}/headswap/create`);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			target_url: video,
			analyze_id: analyzeId,
			mappings: [
				{ obj_id: 1, img_url: 'https://example.com/heads/new.jpg' },
				{ obj_id: 0, img_url: 'https://example.com/heads/other.jpg' },
			],
			media_type: 'video',
			resolution: '720p',
			keep_original_sound: false,
			prompt: 'Keep the lighting',
		});
		const [swapped] = result.output('Head Swap');
		const jobId = swapped.json.jobId as string;
		expect(swapped.json).toMatchObject({ jobType: 'studioHeadSwap', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(swapped.pairedItem).toEqual({ item: 0 });
		expect(swapped.binary!.data.mimeType).toBe('video/mp4');
		const bytes = await result.binaryBuffer(swapped);
		expect(bytes.length).toBe(FILE_SIZE);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));

		const polls = mock.apiRequests(`${V5}/headswap/task/detail`);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.method === 'GET' && poll.query._id === jobId)).toBe(true);
		// The analysis id was never polled as a task, nor the task as an analysis.
		expect(analysisPolls.some((poll) => poll.query._id === jobId)).toBe(false);
	});
});

/** A Head Swap (after a finished analysis) run to "Wait for Callback". */
async function waitingHeadSwap() {
	const video = 'https://example.com/analysed-interview.mp4';
	const analysed = mock.addJob({ store: 'studioHeadSwapAnalysis', status: 3, fields: { url: video, media_type: 'video', type: 'head' } });
	return await run(
		mock,
		akoolWorkflow({
			resource: 'swapStudio',
			operation: 'headSwap',
			targetUrl: video,
			analyzeId: analysed._id,
			mappings: { values: [{ objId: 1, imageUrl: 'https://example.com/head.png' }] },
			completion: 'waitForCallback',
			returnAs: 'both',
			options: { waitLimitMinutes: 30 },
		}),
	);
}

describe('Swap Studio → Head Swap: Wait for Callback', () => {
	it('offers Wait for Callback (one task), sends the resume URL as webhookUrl and resumes on the "Head Swap V5" callback', async () => {
		const result = await waitingHeadSwap();
		expect(result.status).toBe('waiting');
		const [create] = mock.apiRequests(`${V5}/headswap/create`);
		const jobId = result.output('Akool')[0].json.jobId as string;
		const job = mock.jobs.get(jobId)!;
		expect(job.webhookField).toBe('webhookUrl');
		expect((create.body as IDataObject).webhookUrl).toEqual(expect.stringContaining('/webhook-waiting/'));
		while (mock.jobs.get(jobId)!.status < 3) await sleep(50);

		const payload = { _id: jobId, status: 3, type: 'Head Swap V5', url: mock.resultUrl(jobId) };
		const resumed = await result.resume({ body: buildCallbackEnvelope(payload, { apiKey: mock.apiKey, clientId: mock.clientId }) });
		expect(resumed.webhookError).toBeUndefined();
		expect(resumed.response.status).toBe(200);
		expect(resumed.result.status).toBe('success');
		const [item] = resumed.result.output('Akool');
		expect(item.json).toMatchObject({ jobId, jobType: 'studioHeadSwap', status: 3, resultUrl: mock.resultUrl(jobId) });
		expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
		expect(mock.apiRequests(`${V5}/headswap/create`)).toHaveLength(1);
	});
});

describe('Swap Studio: Wait for Callback when the task record carries no result link', () => {
	it('the callback\'s `url` (Akool\'s webhook page names the result `url`) is the result', async () => {
		mock.setOptions({ v5ResultShape: 'absent' });
		try {
			const result = await waitingHeadSwap();
			const jobId = result.output('Akool')[0].json.jobId as string;
			while (mock.jobs.get(jobId)!.status < 3) await sleep(50);
			const payload = { _id: jobId, status: 3, type: 'Head Swap V5', url: mock.resultUrl(jobId) };
			const resumed = await result.resume({ body: buildCallbackEnvelope(payload, { apiKey: mock.apiKey, clientId: mock.clientId }) });
			expect(resumed.result.status).toBe('success');
			const [item] = resumed.result.output('Akool');
			expect(item.json).toMatchObject({ jobId, status: 3, resultUrl: mock.resultUrl(jobId) });
			expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
		} finally {
			mock.setOptions({ v5ResultShape: undefined });
		}
	});
});

describe('Swap Studio → Character Swap', () => {
	it('image mode: face boxes per character, the picture result downloaded', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				studio('characterSwap', {
					mediaType: 'image',
					targetUrl: 'https://example.com/scene.jpg',
					imageMappings: {
						values: [
							{ sourceUrl: 'https://example.com/knight.jpg', sourceBox: '10, 20, 200, 400', targetBox: '100,50,350,600' },
							{ sourceUrl: 'https://example.com/queen.jpg', sourceBox: [0, 0, 50, 60], targetBox: '400, 40, 520, 200' },
						],
					},
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(`${V5}/characterSwap/create`);
		expect(create.body).toEqual({
			media_type: 'image',
			target_url: 'https://example.com/scene.jpg',
			mappings: [
				{ source_url: 'https://example.com/knight.jpg', source_bbox: [10, 20, 200, 400], target_bbox: [100, 50, 350, 600] },
				{ source_url: 'https://example.com/queen.jpg', source_bbox: [0, 0, 50, 60], target_bbox: [400, 40, 520, 200] },
			],
		});
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'studioCharacterSwap', status: 3, resultUrl: mock.resultUrl(jobId) });
		expect(item.binary!.data.mimeType).toBe('image/png');
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.png`));
		expect(mock.apiRequests(`${V5}/characterSwap/task/detail`).every((poll) => poll.query._id === jobId)).toBe(true);
	});

	it('video, Akool method: a character analysis first, then the swap with its analyze_id and obj_ids', async () => {
		const video = 'https://example.com/solo-dance.mp4';
		const result = await run(
			mock,
			chain(
				{ name: 'Analyze People', parameters: studio('analyze', { feature: 'characterSwap', url: video, mediaType: 'video' }) },
				{
					name: 'Swap Character',
					parameters: studio('characterSwap', {
						mediaType: 'video',
						videoMethod: 'akool',
						targetUrl: video,
						analyzeId: '={{ $json.jobId }}',
						mappings: { values: [{ objId: '={{ $json.result.media[0].obj_id }}', imageUrl: 'https://example.com/robot.png' }] },
						returnAs: 'url',
						options: { resolution: '480p', negativePrompt: 'blur', characterOrientation: 'image' },
					}),
				},
			),
		);
		expect(result.status).toBe('success');
		const [analyzeRequest] = mock.apiRequests(`${V5}/characterSwap/analyze`).filter((r) => r.method === 'POST');
		expect(analyzeRequest.body).toEqual({ url: video, media_type: 'video', type: 'person' });
		const [analysis] = result.output('Analyze People');
		// "solo" in the URL: the mock finds one person.
		expect((analysis.json.result as { media: unknown[] }).media).toHaveLength(1);

		const [create] = mock.apiRequests(`${V5}/characterSwap/create`);
		expect(create.body).toEqual({
			media_type: 'video',
			target_url: video,
			analyze_id: analysis.json.jobId,
			mappings: [{ obj_id: 0, img_url: 'https://example.com/robot.png' }],
			resolution: '480p',
			negative_prompt: 'blur',
			character_orientation: 'image',
		});
		const [item] = result.output('Swap Character');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		// Akool's record as it came (where it holds the link is the sandbox's choice: see the R4 tests).
		expect((item.json.job as IDataObject)._id).toBe(item.json.jobId);
		expect(JSON.stringify(item.json.job)).toContain(item.json.resultUrl as string);
	});

	it('video, Kling method: one character image, no analysis and no mappings sent', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				studio('characterSwap', {
					mediaType: 'video',
					videoMethod: 'kling',
					targetUrl: 'https://example.com/walk.mp4',
					characterImageUrl: 'https://example.com/astronaut.png',
					// Left over from the Akool method: hidden for Kling, so they must not be sent.
					analyzeId: '670000000000000000000001',
					mappings: { values: [{ objId: 0, imageUrl: 'https://example.com/x.png' }] },
					returnAs: 'both',
					options: { modelName: 'kling-v3.0-pro/character-swap', resolution: '720p', keepOriginalSound: true, prompt: 'Preserve the movement' },
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(`${V5}/characterSwap/create`);
		expect(create.body).toEqual({
			media_type: 'video',
			target_url: 'https://example.com/walk.mp4',
			image: 'https://example.com/astronaut.png',
			model_name: 'kling-v3.0-pro/character-swap',
			resolution: '720p',
			keep_original_sound: true,
			prompt: 'Preserve the movement',
		});
		expect(mock.apiRequests(`${V5}/characterSwap/analyze`)).toHaveLength(0);
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect((item.json.job as IDataObject).model_name).toBe('kling-v3.0-pro/character-swap');
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});
	it('video, Kling method without a model is refused before any request', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				studio('characterSwap', {
					mediaType: 'video',
					videoMethod: 'kling',
					targetUrl: 'https://example.com/walk.mp4',
					characterImageUrl: 'https://example.com/astronaut.png',
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Model Name or ID"');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Swap Studio → Motion Swap', () => {
	const motion = (extra: INodeParameters = {}) =>
		studio('motionSwap', {
			videoUrl: 'https://example.com/dance.mp4',
			imageUrls: 'https://example.com/a.png, https://example.com/b.png\nhttps://example.com/c.png',
			modelName: 'wavespeed-ai/wan-2.2/animate',
			...extra,
		});

	it('one task per image: 3 output items, each paired to item 0, each polled and downloaded', async () => {
		const since = Date.now();
		const result = await run(mock, akoolWorkflow(motion({ options: { resolution: '720p', mode: 'replace', duration: 8 } })));
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(`${V5}/motionSwap/create`);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			video: 'https://example.com/dance.mp4',
			images: ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png'],
			model_name: 'wavespeed-ai/wan-2.2/animate',
			resolution: '720p',
			mode: 'replace',
			duration: 8,
		});
		const tasks = jobsSince('studioMotionSwap', since);
		expect(tasks).toHaveLength(3);

		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.json.jobId)).toEqual(tasks.map((task) => task._id));
		const polled = new Set(mock.apiRequests(`${V5}/motionSwap/task/detail`).map((poll) => poll.query._id));
		expect([...polled].sort()).toEqual(tasks.map((task) => task._id).sort());
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({ jobType: 'studioMotionSwap', status: 3, statusText: 'completed' });
			expect(item.json).not.toHaveProperty('batchErrors');
			expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${item.json.jobId as string}.mp4`));
		}
	});

	it('Return Immediately gives 3 pending items, and the Webhook URL goes out as webhookUrl', async () => {
		const hook = `http://127.0.0.1:${await freePortForTests()}/akool-hook`;
		const result = await run(mock, akoolWorkflow(motion({ completion: 'returnImmediately', options: { webhookUrl: hook } })));
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(`${V5}/motionSwap/create`);
		expect((create.body as IDataObject).webhookUrl).toBe(hook);
		expect(create.body).not.toHaveProperty('webhookurl');

		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.json).toMatchObject({ jobType: 'studioMotionSwap', status: 1, statusText: 'queued' });
			expect(item.binary).toBeUndefined();
			const job = mock.jobs.get(item.json.jobId as string)!;
			expect(job.webhookField).toBe('webhookUrl');
			expect(job.webhookAccepted).toBe(true);
			// The hook URL is not echoed into the output (it may be a resume URL with its token).
			expect(JSON.stringify(item.json)).not.toContain(hook);
		}
		expect(mock.apiRequests(`${V5}/motionSwap/task/detail`)).toHaveLength(0);
	});

	it('tasks Akool could not pay for come as batchErrors on the created ones', async () => {
		// Kling at 720P: 8 credits per 5 s of the mock's assumed 10 s video = 16 per task; 40 pays two.
		mock.setOptions({ credit: 40 });
		const result = await run(mock, akoolWorkflow(motion({ modelName: 'kwaivgi/kling-v3.0-pro/motion-control', returnAs: 'url', options: { resolution: '720P' } })));
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.status).toBe(3);
			expect(item.json.batchErrors).toEqual([expect.objectContaining({ index: 2, code: 1006 })]);
		}
		expect(mock.credit).toBe(8);
	});

	describe('one of three tasks fails', () => {
		const failSecond = () => {
			mock.nextJobs({}, 1);
			mock.nextJobs({ fail: true, failReason: 'Motion could not be tracked', durationMs: 250 }, 1);
		};

		it('without Continue On Fail: the run fails naming the failed task, and lists all three job ids', async () => {
			failSecond();
			const since = Date.now();
			const result = await run(mock, akoolWorkflow(motion({ returnAs: 'url' })));
			const error = runError(result);
			const tasks = jobsSince('studioMotionSwap', since);
			expect(tasks).toHaveLength(3);
			expect(tasks[1].fail).toBe(true);
			expect(error.message).toContain(tasks[1]._id);
			expect(error.message).toContain('Motion could not be tracked');
			expect(error.context?.jobId).toBe(tasks[1]._id);
			expect([...(error.context?.jobIds as string[])].sort()).toEqual(tasks.map((task) => task._id).sort());
			for (const task of tasks) expect(error.description).toContain(task._id);
		});

		it('with Continue On Fail: 2 results and 1 {error, jobId} item, in task order', async () => {
			failSecond();
			const since = Date.now();
			const result = await run(mock, akoolWorkflow(motion(), { onError: 'continueRegularOutput' }));
			expect(result.status).toBe('success');
			const tasks = jobsSince('studioMotionSwap', since);
			const items = result.output('Akool');
			expect(items).toHaveLength(3);
			expect(items.map((item) => item.json.jobId)).toEqual(tasks.map((task) => task._id));
			expect(items[1].json.error).toEqual(expect.stringContaining('Motion could not be tracked'));
			expect(items[1].binary).toBeUndefined();
			for (const k of [0, 2]) {
				expect(items[k].json.error).toBeUndefined();
				expect(sha256(await result.binaryBuffer(items[k]))).toBe(await mock.fileSha256(`${tasks[k]._id}.mp4`));
			}
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		});
	});
});

describe('Swap Studio: a finished task whose result field Akool does not document (R4)', () => {
	// docs.akool.com/ai-tools-suite/swap-studio/<feature>-v5/get-result ends after `status`: where the record
	// shows the result file is unknown, so the sandbox varies it (option v5ResultShape) and the node must
	// give the user the job and its record whatever the shape, and the file wherever a URL is.
	const shapes: Array<{ shape: V5ResultShape; where?: string }> = [
		{ shape: 'url', where: 'url' },
		{ shape: 'result_url', where: 'result_url' },
		{ shape: 'video_url', where: 'video_url' },
		{ shape: 'result.url', where: 'result.url' },
		{ shape: 'outputs', where: 'outputs[0].url' },
		{ shape: 'absent' },
	];
	const cases = shapes.flatMap(({ shape, where }) => (['binary', 'url'] as const).map((returnAs) => ({ shape, where, returnAs })));

	it.each(cases)('result under $shape, Return As $returnAs: the job id and its record, and the file where a URL is', async ({ shape, where, returnAs }) => {
		mock.setOptions({ v5ResultShape: shape });
		const since = Date.now();
		const result = await run(
			mock,
			akoolWorkflow(studio('motionSwap', { videoUrl: 'https://example.com/dance.mp4', imageUrls: 'https://example.com/a.png', modelName: 'wavespeed-ai/wan-2.2/animate', returnAs })),
		);
		expect(result.status).toBe('success');
		const [task] = jobsSince('studioMotionSwap', since);
		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json).toMatchObject({ jobId: task._id, jobType: 'studioMotionSwap', status: 3, statusText: 'completed' });
		expect(item.pairedItem).toEqual({ item: 0 });
		// Whenever the node warns, Akool's whole record comes with it; a URL found beside the known
		// names is named in the warning.
		if (item.json.warning !== undefined) {
			expect(item.json.job).toMatchObject({ _id: task._id, status: 3 });
			expect(item.json.warning).toEqual(expect.stringContaining(task._id));
		}
		if (where) {
			expect(item.json.resultUrl).toBe(mock.resultUrl(task._id));
			if (returnAs === 'binary') expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${task._id}.mp4`));
			if (where.includes('.')) expect(item.json.warning).toEqual(expect.stringContaining(`"${where}"`));
		} else {
			expect(item.json.resultUrl).toBeNull();
			expect(item.binary).toBeUndefined();
			expect(item.json.job).toMatchObject({ _id: task._id, status: 3 });
			expect(item.json.warning).toEqual(expect.stringMatching(/finished.*paid/i));
			expect(item.json.warning).toEqual(expect.stringContaining('Job → Download'));
		}
	});

	it('Job → Get on a finished task without a URL in the record: the record and the warning, not an error', async () => {
		mock.setOptions({ v5ResultShape: 'absent' });
		const job = mock.addJob({ store: 'studioHeadSwap', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'studioHeadSwap', jobId: job._id }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobId: job._id, status: 3, resultUrl: null, job: { _id: job._id, status: 3 } });
		expect(item.json.warning).toEqual(expect.stringContaining(job._id));
	});

	it('a URL in an input field (the source video) is never taken as the result', async () => {
		mock.setOptions({ v5ResultShape: 'absent' });
		// The task's record repeats its inputs; here the source is a file of this sandbox (a result host).
		const source = mock.addJob({ store: 'studioMotionSwap', status: 3 });
		const job = mock.addJob({ store: 'studioMotionSwap', status: 3, fields: { video: mock.resultUrl(source._id), images: [mock.resultUrl(source._id)] } });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'studioMotionSwap', jobId: job._id, returnAs: 'binary', options: fastOptions }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobId: job._id, status: 3, resultUrl: null });
		expect(item.binary).toBeUndefined();
		expect(mock.requests.filter((request) => request.path.startsWith('/files/'))).toHaveLength(0);
	});
});

describe('Swap Studio → Hair Swap', () => {
	it('two hairstyle images → two tasks and two items, the top-level face indexes sent', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				studio('hairSwap', {
					targetUrl: 'https://example.com/portrait.jpg',
					references: 'images',
					// an array from an expression, in the field's URL mode (as the editor saves it)
					imageUrls: { __rl: true, mode: 'url', value: "={{ ['https://example.com/bob.jpg', 'https://example.com/curls.jpg'] }}" },
					options: { targetFaceIndex: 0, sourceFaceIndex: 1 },
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(`${V5}/hairswap/create`);
		expect(create.body).toEqual({
			target_url: 'https://example.com/portrait.jpg',
			images: ['https://example.com/bob.jpg', 'https://example.com/curls.jpg'],
			target_face_index: 0,
			source_face_index: 1,
		});
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(2);
		for (const item of items) {
			expect(item.json.jobType).toBe('studioHairSwap');
			expect(item.binary!.data.mimeType).toBe('image/png');
			expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${item.json.jobId as string}.png`));
		}
		expect(new Set(mock.apiRequests(`${V5}/hairswap/task/detail`).map((poll) => poll.query._id)).size).toBe(2);
	});

	it('per-face mappings → one combined task and one item; top-level indexes are not sent', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				studio('hairSwap', {
					targetUrl: 'https://example.com/group.jpg',
					references: 'mappings',
					mappings: {
						values: [
							{ sourceUrl: 'https://example.com/bob.jpg', targetFaceIndex: 0, sourceFaceIndex: 0 },
							{ sourceUrl: 'https://example.com/curls.jpg', targetFaceIndex: 2, sourceFaceIndex: 1 },
						],
					},
					// Leftover from "Hairstyle Image URLs": hidden in mappings mode.
					imageUrls: 'https://example.com/ignored.jpg',
					returnAs: 'url',
					options: { targetFaceIndex: 1, multiShot: true },
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(`${V5}/hairswap/create`);
		expect(create.body).toEqual({
			target_url: 'https://example.com/group.jpg',
			mappings: [
				{ source_url: 'https://example.com/bob.jpg', target_face_index: 0, source_face_index: 0 },
				{ source_url: 'https://example.com/curls.jpg', target_face_index: 2, source_face_index: 1 },
			],
			multi_shot: true,
		});
		const items = result.output('Akool');
		expect(items).toHaveLength(1);
		expect(items[0].json.resultUrl).toBe(mock.resultUrl(items[0].json.jobId as string));
	});
});

describe('Swap Studio → Clothing Swap', () => {
	it('after an outfit analysis of a picture: image media, analyze_id, clothing area; the picture downloaded', async () => {
		const picture = 'https://example.com/street-look.jpg';
		const result = await run(
			mock,
			chain(
				{
					name: 'Analyze Outfits',
					parameters: studio('analyze', { feature: 'clothingSwap', url: picture, mediaType: 'image', analysisType: 'outfit' }),
				},
				{
					name: 'Swap Clothes',
					parameters: studio('clothingSwap', {
						mediaType: 'image',
						targetUrl: '={{ $json.job.url }}',
						analyzeId: '={{ $json.jobId }}',
						mappings: {
							values: [
								{ objId: 0, imageUrl: 'https://example.com/suit.png' },
								{ objId: 1, imageUrl: 'https://example.com/dress.png' },
							],
						},
						options: { clothingArea: 'Top' },
					}),
				},
			),
		);
		expect(result.status).toBe('success');
		const [analyzeRequest] = mock.apiRequests(`${V5}/clothingSwap/analyze`).filter((r) => r.method === 'POST');
		expect(analyzeRequest.body).toEqual({ url: picture, media_type: 'image', type: 'outfit' });
		const [analysis] = result.output('Analyze Outfits');
		expect(analysis.json.jobType).toBe('studioClothingSwapAnalysis');
		// A picture has no track manifest.
		expect((analysis.json.result as IDataObject).track_manifest_url).toBeNull();

		const [create] = mock.apiRequests(`${V5}/clothingSwap/create`);
		expect(create.body).toEqual({
			media_type: 'image',
			target_url: picture,
			analyze_id: analysis.json.jobId,
			mappings: [
				{ obj_id: 0, img_url: 'https://example.com/suit.png' },
				{ obj_id: 1, img_url: 'https://example.com/dress.png' },
			],
			clothing_area: 'Top',
		});
		const [item] = result.output('Swap Clothes');
		const jobId = item.json.jobId as string;
		expect(item.json.jobType).toBe('studioClothingSwap');
		expect(item.binary!.data.mimeType).toBe('image/png');
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.png`));
		expect(mock.apiRequests(`${V5}/clothingSwap/task/detail`).every((poll) => poll.query._id === jobId)).toBe(true);
	});
});

describe('Swap Studio → Get Models, and the Model dropdown', () => {
	const expected: Record<string, { segment: string; models: string[] }> = {
		characterSwap: { segment: 'characterSwap', models: ['akool-premium-multi-person', 'kling-v3.0-pro/character-swap'] },
		motionSwap: { segment: 'motionSwap', models: ['kwaivgi/kling-v3.0-pro/motion-control', 'wavespeed-ai/wan-2.2/animate', 'pixverse/motion-control'] },
		headSwap: { segment: 'headswap', models: ['akool-premium'] },
		hairSwap: { segment: 'hairswap', models: ['akool/hair-swap'] },
		clothingSwap: { segment: 'clothingSwap', models: ['akool-premium/clothing_swap'] },
	};

	it.each(Object.keys(expected))('%s: one item per model from the feature\'s /models', async (feature) => {
		const result = await run(mock, akoolWorkflow({ resource: 'swapStudio', operation: 'getModels', feature }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(V5);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${V5}/${expected[feature].segment}/models`]);
		const items = result.output('Akool');
		expect(items.map((item) => item.json.model_name)).toEqual(expected[feature].models);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.unit_price_map).toEqual(expect.any(Object));
			expect(item.json.params).toEqual(expect.any(Object));
		}
	});

	const options = async (parameters: INodeParameters) =>
		await loadOptionsAt(mock, 'getSwapStudioModels', parameters, 'parameters.modelName');

	it('lists the models of the operation\'s feature with a price hint', async () => {
		const models = await options({ resource: 'swapStudio', operation: 'motionSwap' });
		expect(models.map((model) => model.value)).toEqual(expected.motionSwap.models);
		const kling = models.find((model) => model.value === 'kwaivgi/kling-v3.0-pro/motion-control')!;
		expect(kling.name).toBe('Kling v3.0 Pro Motion Control');
		expect(kling.description).toContain('Price: 720P 8, 1080P 12 credits');
		expect(mock.apiRequests(V5).map((r) => r.path)).toEqual([`${V5}/motionSwap/models`]);
	});

	it('Get Models / Analyze: the models of the chosen Feature', async () => {
		const hair = await options({ resource: 'swapStudio', operation: 'getModels', feature: 'hairSwap' });
		expect(hair.map((model) => model.value)).toEqual(['akool/hair-swap']);
		expect(hair[0].description).toContain('Price: image 6 credits');
		expect(mock.apiRequests(V5).map((r) => r.path)).toEqual([`${V5}/hairswap/models`]);
	});
});

describe('Job → Get / Wait on the Swap Studio stores', () => {
	it('Get with Job Type studioMotionSwap reads /v5/motionSwap/task/detail', async () => {
		const job = mock.addJob({ store: 'studioMotionSwap', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'studioMotionSwap', jobId: job._id }));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json).toMatchObject({
			jobId: job._id,
			jobType: 'studioMotionSwap',
			status: 3,
			resultUrl: mock.resultUrl(job._id),
		});
		const requests = mock.apiRequests(V5);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', path: `${V5}/motionSwap/task/detail`, query: { _id: job._id } });
	});

	it('Get with the wrong Job Type does not find the job (stores are separate)', async () => {
		const job = mock.addJob({ store: 'studioMotionSwap', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'studioHairSwap', jobId: job._id }));
		const error = runError(result);
		expect(error.message).toContain('1008');
		expect(mock.apiRequests(V5).map((r) => r.path)).toEqual([`${V5}/hairswap/task/detail`]);
	});

	it('Wait with Job Type studioClothingSwapAnalysis waits on /analyze/detail and outputs the result, never a file', async () => {
		const job = mock.addJob({
			store: 'studioClothingSwapAnalysis',
			durationMs: 400,
			fields: { url: 'https://example.com/solo-model.jpg', media_type: 'image', type: 'person' },
		});
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'job', operation: 'wait', jobType: 'studioClothingSwapAnalysis', jobId: job._id, returnAs: 'binary', options: fastOptions }),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ jobId: job._id, jobType: 'studioClothingSwapAnalysis', status: 3 });
		expect((item.json.result as { media: Array<{ obj_id: number }> }).media.map((m) => m.obj_id)).toEqual([0]);
		const polls = mock.apiRequests(V5);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((poll) => poll.path === `${V5}/clothingSwap/analyze/detail` && poll.query._id === job._id)).toBe(true);
	});
});

describe('Swap Studio failure paths', () => {
	const analysis = () =>
		mock.addJob({ store: 'studioHeadSwapAnalysis', status: 3, fields: { url: 'https://example.com/analysed.mp4', media_type: 'video', type: 'head' } });

	it.each([
		{
			name: 'Head Swap: an Object ID mapped twice',
			parameters: {
				targetUrl: 'https://example.com/analysed.mp4',
				analyzeId: '670000000000000000000001',
				mappings: { values: [{ objId: 1, imageUrl: 'https://example.com/a.png' }, { objId: 1, imageUrl: 'https://example.com/b.png' }] },
			},
			operation: 'headSwap',
			message: '"Mappings" uses Object ID 1 twice',
		},
		{
			name: 'Clothing Swap: an Object ID mapped twice (given by expression)',
			parameters: {
				mediaType: 'video',
				targetUrl: 'https://example.com/analysed.mp4',
				analyzeId: '670000000000000000000001',
				mappings: { values: [{ objId: '={{ 0 }}', imageUrl: 'https://example.com/a.png' }, { objId: 0, imageUrl: 'https://example.com/b.png' }] },
			},
			operation: 'clothingSwap',
			message: '"Mappings" uses Object ID 0 twice',
		},
		{
			name: 'Hair Swap: a portrait face mapped twice',
			parameters: {
				targetUrl: 'https://example.com/group.jpg',
				references: 'mappings',
				mappings: { values: [{ sourceUrl: 'https://example.com/a.jpg', targetFaceIndex: 1 }, { sourceUrl: 'https://example.com/b.jpg', targetFaceIndex: 1 }] },
			},
			operation: 'hairSwap',
			message: '"Mappings" uses a portrait face twice',
		},
		{
			name: 'Analyze for Head Swap of a picture',
			parameters: { feature: 'headSwap', url: 'https://example.com/photo.jpg', mediaType: 'image' },
			operation: 'analyze',
			message: '"Media Type" must be "Video" for Head Swap',
		},
		{
			name: 'Hair Swap: Multi-Shot with 13 hairstyle images',
			parameters: {
				targetUrl: 'https://example.com/portrait.jpg',
				references: 'images',
				imageUrls: Array.from({ length: 13 }, (_, k) => `https://example.com/hair-${k}.jpg`).join(','),
				options: { multiShot: true },
			},
			operation: 'hairSwap',
			message: '"Multi-Shot" allows at most 12 references (got 13)',
		},
		{
			name: 'Character Swap image: a face box of 3 numbers',
			parameters: {
				mediaType: 'image',
				targetUrl: 'https://example.com/scene.jpg',
				imageMappings: { values: [{ sourceUrl: 'https://example.com/1.jpg', sourceBox: '0,0,10', targetBox: '0,0,10,10' }] },
			},
			operation: 'characterSwap',
			message: '"Characters 1: Character Face Box"',
		},
		{
			// An empty model by expression (the editor itself refuses an empty required field).
			name: 'Motion Swap without a model',
			parameters: { videoUrl: 'https://example.com/dance.mp4', imageUrls: 'https://example.com/a.png', modelName: '={{ "" }}' },
			operation: 'motionSwap',
			message: '"Model Name or ID" is required',
		},
	])('$name is refused before any request', async ({ parameters, operation, message }) => {
		const result = await run(mock, akoolWorkflow(studio(operation, parameters as INodeParameters)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('an Object ID expression that resolves to nothing is refused naming the field', async () => {
		const analysed = analysis();
		const result = await run(
			mock,
			akoolWorkflow(
				studio('headSwap', {
					targetUrl: 'https://example.com/analysed.mp4',
					analyzeId: analysed._id,
					mappings: { values: [{ objId: '={{ $json.result }}', imageUrl: 'https://example.com/head.png' }] },
				}),
			),
		);
		const error = runError(result);
		expect(mock.apiRequests()).toHaveLength(0);
		expect(error.message).toContain('"Mappings 1: Object ID" must be a number');
	});

	it("Head Swap with an analysis of another URL: Akool's 1003 surfaces as a NodeApiError naming the code", async () => {
		const analysed = analysis();
		const creditBefore = mock.credit;
		const result = await run(
			mock,
			akoolWorkflow(
				studio('headSwap', {
					targetUrl: 'https://example.com/another.mp4',
					analyzeId: analysed._id,
					mappings: { values: [{ objId: 0, imageUrl: 'https://example.com/head.png' }] },
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Akool code 1003');
		expect(error.message).toContain('target_url does not match analyze_id');
		expect(error.description).toContain(`${V5}/headswap/create`);
		// A create is never retried, nothing was polled, nothing was charged (the model list is the estimate's free look-up).
		expect(mock.apiRequests(V5).map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${V5}/headswap/models`, `POST ${V5}/headswap/create`]);
		expect(mock.credit).toBe(creditBefore);
	});

	it('Head Swap with a Character Swap analysis id: Akool does not know it there (1008)', async () => {
		const other = mock.addJob({ store: 'studioCharacterSwapAnalysis', status: 3, fields: { url: 'https://example.com/analysed.mp4', media_type: 'video' } });
		const result = await run(
			mock,
			akoolWorkflow(
				studio('headSwap', {
					targetUrl: 'https://example.com/analysed.mp4',
					analyzeId: other._id,
					mappings: { values: [{ objId: 0, imageUrl: 'https://example.com/head.png' }] },
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('1008');
		expect(mock.apiRequests(`${V5}/headswap/create`)).toHaveLength(1);
	});

	it('a failed analysis stops the chain with the analysis id; the swap never runs', async () => {
		mock.nextJobs({ fail: true, failReason: 'No people found', durationMs: 250 });
		const result = await run(
			mock,
			chain(
				{ name: 'Analyze Heads', parameters: studio('analyze', { feature: 'headSwap', url: 'https://example.com/v.mp4', mediaType: 'video' }) },
				{
					name: 'Head Swap',
					parameters: studio('headSwap', {
						targetUrl: '={{ $json.job.url }}',
						analyzeId: '={{ $json.jobId }}',
						mappings: { values: [{ objId: 0, imageUrl: 'https://example.com/head.png' }] },
					}),
				},
			),
		);
		const error = runError(result);
		const [analysisJob] = jobsSince('studioHeadSwapAnalysis', 0).filter((job) => job.fail && job.failReason === 'No people found');
		expect(error.message).toContain(analysisJob._id);
		expect(error.message).toContain('No people found');
		expect(error.context?.jobId).toBe(analysisJob._id);
		expect(mock.apiRequests(`${V5}/headswap/create`)).toHaveLength(0);
		expect(result.runData['Head Swap']).toBeUndefined();
	});
});
