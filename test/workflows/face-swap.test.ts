/**
 * Face Swap operations (v3 Swap Image / Swap Video with the node's own face detection, v4 Pro and
 * Plus, Get / Delete Results, Cancel) run in n8n's engine against the Akool mock.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, MockAkool } from '../mock-akool';
import { AKOOL_TYPE, akoolWorkflow, detectAtMock, fastOptions, run, runError, sha256, useMockAkool } from './helpers';
import type { Workflow } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: 100_000 }, (started) => (mock = started));

const DETECT = '/interface/detect-api/detect_faces';
const SPECIFY_IMAGE = '/api/open/v3/faceswap/highquality/specifyimage';
const SPECIFY_VIDEO = '/api/open/v3/faceswap/highquality/specifyvideo';
const PRO = '/api/open/v4/faceswap/faceswapByImage';
const PLUS = '/api/open/v4/faceswap/faceswapPlusByImage';
const RESULTS = '/api/open/v3/faceswap/result/listbyids';
const DELETE = '/api/open/v3/faceswap/result/delbyids';
const CANCEL = '/api/open/v3/faceswap/job/del';

const SOURCE = 'https://example.com/people/source-face.jpg';
const TARGET = 'https://example.com/people/target-photo.jpg';
const TARGET_VIDEO = 'https://example.com/clips/target.mp4';




/** Index of a request in the API log (the log is in arrival order). */
const position = (request: LoggedRequest) => mock.apiRequests().indexOf(request);

function faceSwap(operation: string, parameters: INodeParameters): Workflow {
	return akoolWorkflow({ resource: 'faceSwap', operation, ...parameters });
}

describe('Face Swap → Swap Image (v3)', () => {
	it('detects both faces first, then creates with the face crops and their crop landmarks and downloads the .jpg', async () => {
		const sourceFaces = await detectAtMock(mock, { url: SOURCE, single_face: true, return_face_url: true });
		const targetFaces = await detectAtMock(mock, { url: TARGET, single_face: true, return_face_url: true });

		const result = await run(
			mock,
			faceSwap('swapImage', {
				sourceImageUrl: SOURCE,
				targetImageUrl: TARGET,
				options: { ...fastOptions, faceEnhance: true },
			}),
		);
		expect(result.status).toBe('success');

		const detections = mock.apiRequests(DETECT);
		expect(detections.map((request) => request.body)).toEqual([
			{ url: SOURCE, single_face: true, return_face_url: true },
			{ url: TARGET, single_face: true, return_face_url: true },
		]);
		const creates = mock.apiRequests(SPECIFY_IMAGE);
		expect(creates).toHaveLength(1);
		expect(detections.every((request) => position(request) < position(creates[0]))).toBe(true);
		// openapi/faceswap.yaml: every v3 example `path` is a face crop, and `opts` comes from `crop_landmarks`
		// (landmarks relative to that crop, face-detection.yaml); the whole picture stays in modifyImage.
		expect(creates[0].body).toEqual({
			sourceImage: [{ path: sourceFaces['0'].face_urls![0], opts: sourceFaces['0'].crop_landmarks![0] }],
			targetImage: [{ path: targetFaces['0'].face_urls![0], opts: targetFaces['0'].crop_landmarks![0] }],
			modifyImage: TARGET,
			face_enhance: 1,
		});
		expect(sourceFaces['0'].face_urls![0]).toMatch(/\/files\/face-.*\.jpg$/);
		// A 4-point landmark string "x,y:x,y:x,y:x,y", not a placeholder.
		expect((creates[0].body as { sourceImage: Array<{ opts: string }> }).sourceImage[0].opts).toMatch(
			/^\d+,\d+(:\d+,\d+){3}$/,
		);

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'faceSwap', status: 3, statusText: 'completed' });
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect(item.binary!.data.fileName).toBe(`${jobId}.jpg`);
		expect(item.binary!.data.mimeType).toBe('image/jpeg');
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.jpg`));
		const polls = mock.apiRequests(RESULTS);
		expect(polls.length).toBeGreaterThanOrEqual(1);
		expect(polls.every((poll) => poll.query._ids === jobId)).toBe(true);
	});

	it('a face Akool gives no crop for (face_urls entry null): that picture itself with its landmarks_str', async () => {
		const source = 'https://example.com/people/nocrop-source.jpg';
		const sourceFaces = await detectAtMock(mock, { url: source, single_face: true, return_face_url: true });
		expect(sourceFaces['0'].face_urls).toEqual([null]);
		const targetFaces = await detectAtMock(mock, { url: TARGET, single_face: true, return_face_url: true });
		const result = await run(mock, faceSwap('swapImage', { sourceImageUrl: source, targetImageUrl: TARGET, completion: 'returnImmediately' }));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(SPECIFY_IMAGE)[0].body).toEqual({
			sourceImage: [{ path: source, opts: sourceFaces['0'].landmarks_str[0] }],
			targetImage: [{ path: targetFaces['0'].face_urls![0], opts: targetFaces['0'].crop_landmarks![0] }],
			modifyImage: TARGET,
		});
	});

	it('a source picture with no face fails naming the field, before any create (no credits spent)', async () => {
		const credit = mock.credit;
		const result = await run(
			mock,
			faceSwap('swapImage', {
				sourceImageUrl: 'https://example.com/people/noface-landscape.jpg',
				targetImageUrl: TARGET,
				options: fastOptions,
			}),
		);
		const error = runError(result);
		expect(error.message).toMatch(/no face/i);
		expect(error.message).toContain('Source Face Image');
		expect(error.description).toContain('No job was created');
		// Detection stops at the source; nothing paid was sent.
		expect(mock.apiRequests(DETECT)).toHaveLength(1);
		expect(mock.apiRequests('/api/open/')).toHaveLength(0);
		expect(mock.credit).toBe(credit);
	});
});

describe('Face Swap → Swap Video (v3)', () => {
	it('takes the target face from the video detection (face_urls / crop_landmarks) and downloads the .mp4', async () => {
		const sourceFaces = await detectAtMock(mock, { url: SOURCE, single_face: true, return_face_url: true });
		const videoFaces = await detectAtMock(mock, { url: TARGET_VIDEO, single_face: true, return_face_url: true, num_frames: 5 });

		const result = await run(
			mock,
			faceSwap('swapVideo', { sourceImageUrl: SOURCE, targetVideoUrl: TARGET_VIDEO, options: fastOptions }),
		);
		expect(result.status).toBe('success');

		const detections = mock.apiRequests(DETECT);
		expect(detections.map((request) => request.body)).toEqual([
			{ url: SOURCE, single_face: true, return_face_url: true },
			{ url: TARGET_VIDEO, single_face: true, return_face_url: true, num_frames: 5 },
		]);
		const [create] = mock.apiRequests(SPECIFY_VIDEO);
		expect(detections.every((request) => position(request) < position(create))).toBe(true);
		expect(create.body).toEqual({
			sourceImage: [{ path: sourceFaces['0'].face_urls![0], opts: sourceFaces['0'].crop_landmarks![0] }],
			targetImage: [{ path: videoFaces['0'].face_urls![0], opts: videoFaces['0'].crop_landmarks![0] }],
			modifyVideo: TARGET_VIDEO,
		});
		expect(videoFaces['0'].face_urls![0]).toMatch(/\/files\/face-.*\.jpg$/);

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json.statusText).toBe('completed');
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		expect(item.binary!.data.fileName).toBe(`${jobId}.mp4`);
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});

	it('a video without a face fails naming "Target Video" and creates nothing', async () => {
		const result = await run(
			mock,
			faceSwap('swapVideo', {
				sourceImageUrl: SOURCE,
				targetVideoUrl: 'https://example.com/clips/noface.mp4',
				options: fastOptions,
			}),
		);
		const error = runError(result);
		expect(error.message).toMatch(/no face/i);
		expect(error.message).toContain('Target Video');
		expect(mock.apiRequests(DETECT)).toHaveLength(2);
		expect(mock.apiRequests('/api/open/')).toHaveLength(0);
	});
});

describe('Face Swap → Swap Pro (v4)', () => {
	it('sends {path} lists, the HQ model and face_enhance as a boolean; no detection', async () => {
		const result = await run(
			mock,
			faceSwap('swapPro', {
				sourceImageUrl: SOURCE,
				targetImageUrl: TARGET,
				returnAs: 'both',
				options: { ...fastOptions, faceEnhance: true, singleFaceMode: true },
			}),
		);
		expect(result.status).toBe('success');
		const creates = mock.apiRequests(PRO);
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			sourceImage: [{ path: SOURCE }],
			targetImage: [{ path: TARGET }],
			model_name: 'akool_faceswap_image_hq',
			face_enhance: true,
			single_face_mode: true,
		});
		expect(mock.apiRequests(DETECT)).toHaveLength(0);

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect((item.json.job as { job_id: string }).job_id).toMatch(/^job_/);
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.jpg`));
	});

	it('without options sends no face_enhance or single_face_mode at all', async () => {
		const result = await run(
			mock,
			faceSwap('swapPro', { sourceImageUrl: SOURCE, targetImageUrl: TARGET, completion: 'returnImmediately' }),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(PRO)[0].body).toEqual({
			sourceImage: [{ path: SOURCE }],
			targetImage: [{ path: TARGET }],
			model_name: 'akool_faceswap_image_hq',
		});
	});

	it('the Webhook URL option is sent as camelCase webhookUrl, which Akool accepts here', async () => {
		mock.nextJobs({ durationMs: 60_000 }); // no callback while the test runs
		const result = await run(
			mock,
			faceSwap('swapPro', {
				sourceImageUrl: SOURCE,
				targetImageUrl: TARGET,
				completion: 'returnImmediately',
				options: { webhookUrl: 'https://hooks.example.com/pro' },
			}),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.jobId).toBe([...mock.jobs.values()].at(-1)!._id);
		expect((mock.apiRequests(PRO)[0].body as Record<string, unknown>).webhookUrl).toBe('https://hooks.example.com/pro');
		const job = mock.jobs.get(item.json.jobId as string)!;
		expect(job.webhookField).toBe('webhookUrl');
		expect(job.webhookAccepted).toBe(true);
		expect(mock.apiRequests(RESULTS)).toHaveLength(0);
	});

	it('Return Immediately reports the new job as queued (status 1)', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const result = await run(
			mock,
			faceSwap('swapPro', { sourceImageUrl: SOURCE, targetImageUrl: TARGET, completion: 'returnImmediately' }),
		);
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json).toMatchObject({ jobType: 'faceSwap', status: 1, statusText: 'queued' });
	});

	it('a job Akool fails stops the node with the job id and the reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'Face too small' });
		const error = runError(
			await run(mock, faceSwap('swapPro', { sourceImageUrl: SOURCE, targetImageUrl: TARGET, options: fastOptions })),
		);
		const job = [...mock.jobs.values()].at(-1)!;
		expect(job.store).toBe('faceswap');
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('Face too small');
		expect(error.context?.jobId).toBe(job._id);
	});
});

describe('Face Swap → Swap Plus (v4)', () => {
	it('largest face (single_face_mode: true) on a video target downloads the .mp4', async () => {
		const result = await run(
			mock,
			faceSwap('swapPlus', {
				sourceImageUrl: SOURCE,
				targetUrl: TARGET_VIDEO,
				options: { ...fastOptions, modelStyle: 'lossless' },
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(PLUS);
		expect(create.body).toEqual({
			source_url: SOURCE,
			target_url: TARGET_VIDEO,
			single_face_mode: true,
			model_style: 'lossless',
		});
		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		expect(item.binary!.data.fileName).toBe(`${jobId}.mp4`);
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(100_000);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});

	it('mapped faces: the fixedCollection becomes face_mapping with source/target face info and bbox arrays', async () => {
		const result = await run(
			mock,
			faceSwap('swapPlus', {
				sourceImageUrl: SOURCE,
				targetUrl: TARGET,
				faceMode: 'mapped',
				faceMapping: {
					values: [
						{
							sourceFaceUrl: 'https://example.com/faces/a.jpg',
							sourceBox: '10, 20, 110, 140',
							targetFaceUrl: 'https://example.com/faces/x.jpg',
							targetBox: '300,40,420,180',
						},
						{ sourceFaceUrl: 'https://example.com/faces/b.jpg', targetFaceUrl: 'https://example.com/faces/y.jpg' },
					],
				},
				returnAs: 'url',
				options: { ...fastOptions, faceEnhance: false },
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(PLUS);
		expect(create.body).toEqual({
			source_url: SOURCE,
			target_url: TARGET,
			face_mapping: [
				{
					source_face_info: { face_url: 'https://example.com/faces/a.jpg', bbox: [10, 20, 110, 140] },
					target_face_info: { face_url: 'https://example.com/faces/x.jpg', bbox: [300, 40, 420, 180] },
				},
				{
					source_face_info: { face_url: 'https://example.com/faces/b.jpg' },
					target_face_info: { face_url: 'https://example.com/faces/y.jpg' },
				},
			],
			face_enhance: false,
			single_face_mode: false,
		});
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		expect(item.json.resultUrl).toMatch(/\.jpg$/);
	});

	it('mapped faces from a Face Detection node earlier in the workflow (expressions)', async () => {
		const group = 'https://example.com/people/group-photo.jpg';
		const workflow = akoolWorkflow({
			resource: 'faceDetection',
			operation: 'detect',
			url: group,
			options: { returnFaceUrls: true },
		});
		workflow.nodes[1].name = 'Detect';
		workflow.nodes.push({
			id: 'swap',
			name: 'Swap',
			type: AKOOL_TYPE,
			typeVersion: 1,
			position: [400, 0],
			credentials: { akoolApi: { id: '1', name: 'Akool account' } },
			parameters: {
				resource: 'faceSwap',
				operation: 'swapPlus',
				sourceImageUrl: SOURCE,
				targetUrl: group,
				faceMode: 'mapped',
				faceMapping: {
					values: [0, 1].map((k) => ({
						sourceFaceUrl: SOURCE,
						targetFaceUrl: `={{ $json.faces_obj["0"].face_urls[${k}] }}`,
						targetBox: `={{ $json.faces_obj["0"].crop_region[${k}] }}`,
					})),
				},
				completion: 'returnImmediately',
			},
		});
		workflow.connections = {
			Start: { main: [[{ node: 'Detect', type: 'main', index: 0 }]] },
			Detect: { main: [[{ node: 'Swap', type: 'main', index: 0 }]] },
		};
		const result = await run(mock, workflow);
		expect(result.status).toBe('success');
		const [detected] = result.output('Detect');
		expect(detected.json.faceCount).toBe(3);
		const frame = (detected.json.faces_obj as Record<string, { face_urls: string[]; crop_region: number[][] }>)['0'];
		const [create] = mock.apiRequests(PLUS);
		expect((create.body as { face_mapping: unknown[] }).face_mapping).toEqual(
			[0, 1].map((k) => ({
				source_face_info: { face_url: SOURCE },
				target_face_info: { face_url: frame.face_urls[k], bbox: frame.crop_region[k] },
			})),
		);
		expect(mock.jobs.get(result.output('Swap')[0].json.jobId as string)!.store).toBe('faceswap');
	});

	it('the Webhook URL option is sent as webhookUrl and accepted', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const result = await run(
			mock,
			faceSwap('swapPlus', {
				sourceImageUrl: SOURCE,
				targetUrl: TARGET,
				completion: 'returnImmediately',
				options: { webhookUrl: 'https://hooks.example.com/plus' },
			}),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		const job = mock.jobs.get(item.json.jobId as string)!;
		expect((job.body as Record<string, unknown>).webhookUrl).toBe('https://hooks.example.com/plus');
		expect(job.webhookField).toBe('webhookUrl');
		expect(job.webhookAccepted).toBe(true);
	});
});

describe('Face Swap → Get Results, Delete Results, Cancel', () => {
	it('Get Results: one item per job found, with statusText and resultUrl', async () => {
		const done = mock.addJob({ store: 'faceswap', status: 3 });
		const running = mock.addJob({ store: 'faceswap', status: 2, durationMs: 60_000 });
		const failed = mock.addJob({ store: 'faceswap', status: 4, failReason: 'No face in target' });
		const result = await run(
			mock,
			faceSwap('getResults', { jobIds: `${done._id}, ${running._id},${failed._id}, 0123456789abcdef01234567` }),
		);
		expect(result.status).toBe('success');
		const [request] = mock.apiRequests(RESULTS);
		expect(request.query._ids).toBe(`${done._id},${running._id},${failed._id},0123456789abcdef01234567`);

		const items = result.output('Akool');
		const byId = Object.fromEntries(items.map((item) => [item.json.jobId as string, item]));
		expect(items).toHaveLength(3); // the unknown id is not an item
		expect(byId[done._id].json).toMatchObject({
			jobType: 'faceSwap',
			status: 3,
			statusText: 'completed',
			resultUrl: mock.resultUrl(done._id),
		});
		expect(byId[running._id].json).toMatchObject({ status: 2, statusText: 'processing', resultUrl: null });
		expect(byId[failed._id].json).toMatchObject({
			status: 4,
			statusText: 'failed',
			resultUrl: null,
			failureReason: 'No face in target',
		});
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});

	it('Delete Results: deletes by _ids, after which Get Results finds none of them', async () => {
		const a = mock.addJob({ store: 'faceswap', status: 3 });
		const b = mock.addJob({ store: 'faceswap', status: 3 });
		const deleted = await run(mock, faceSwap('deleteResults', { jobIds: `${a._id}\n${b._id}` }));
		expect(deleted.status).toBe('success');
		expect(mock.apiRequests(DELETE)[0].body).toEqual({ _ids: `${a._id},${b._id}` });
		expect(deleted.output('Akool')[0].json.deletedIds).toEqual([a._id, b._id]);
		expect(mock.jobs.get(a._id)!.deleted).toBe(true);

		const found = await run(mock, faceSwap('getResults', { jobIds: `${a._id},${b._id}` }));
		expect(found.status).toBe('success');
		expect(mock.apiRequests(RESULTS)).toHaveLength(1);
		expect(found.output('Akool')).toHaveLength(0);
	});

	it('Cancel: Return Immediately, then cancel by {{ $json.job.job_id }} → the job ends failed', async () => {
		mock.nextJobs({ durationMs: 60_000 });
		const workflow = faceSwap('swapPro', {
			sourceImageUrl: SOURCE,
			targetImageUrl: TARGET,
			completion: 'returnImmediately',
		});
		workflow.nodes[1].name = 'Swap';
		workflow.nodes.push({
			id: 'cancel',
			name: 'Cancel',
			type: AKOOL_TYPE,
			typeVersion: 1,
			position: [400, 0],
			credentials: { akoolApi: { id: '1', name: 'Akool account' } },
			parameters: { resource: 'faceSwap', operation: 'cancel', akoolJobIds: '={{ $json.job.job_id }}' },
		});
		workflow.connections = {
			Start: { main: [[{ node: 'Swap', type: 'main', index: 0 }]] },
			Swap: { main: [[{ node: 'Cancel', type: 'main', index: 0 }]] },
		};
		const result = await run(mock, workflow);
		expect(result.status).toBe('success');

		const [created] = result.output('Swap');
		const jobId = created.json.jobId as string;
		const akoolJobId = (created.json.job as { job_id: string }).job_id;
		expect(akoolJobId).not.toBe(jobId);
		expect(mock.apiRequests(CANCEL)[0].body).toEqual({ job_ids: akoolJobId });
		expect(result.output('Cancel')[0].json).toEqual({ cancelledJobIds: [akoolJobId] });

		const job = mock.jobs.get(jobId)!;
		expect(job.cancelled).toBe(true);
		expect(job.status).toBe(4);

		const after = await run(mock, faceSwap('getResults', { jobIds: jobId }));
		expect(after.output('Akool')[0].json).toMatchObject({ statusText: 'failed', failureReason: 'Job cancelled' });
	});

	it('Cancel with an unknown job_id surfaces Akool code 1008', async () => {
		const error = runError(await run(mock, faceSwap('cancel', { akoolJobIds: 'job_doesnotexist0000' })));
		expect(error.message).toContain('1008');
		expect(mock.apiRequests(CANCEL)).toHaveLength(1);
	});
});
