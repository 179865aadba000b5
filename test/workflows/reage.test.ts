/**
 * Reage (image and video) in n8n's engine against the Akool mock: the node detects the face
 * first (free), then creates the paid job with the face's landmarks.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, MockAkool } from '../mock-akool';
import { akoolWorkflow, detectAtMock, fastOptions, run, runError, sha256, useMockAkool } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 400, fileSize: 120_000 }, (started) => (mock = started));

const DETECT = '/interface/detect-api/detect_faces';
const IMAGE = '/api/open/v3/faceswap/highquality/imgreage';
const VIDEO = '/api/open/v3/faceswap/highquality/vidreage';
const RESULTS = '/api/open/v3/faceswap/result/listbyids';

const PORTRAIT = 'https://example.com/people/portrait.jpg';
const CLIP = 'https://example.com/clips/interview.mov';




const position = (request: LoggedRequest) => mock.apiRequests().indexOf(request);

const reage = (operation: 'image' | 'video', parameters: INodeParameters) =>
	akoolWorkflow({ resource: 'reage', operation, ...parameters });

describe('Reage → Image', () => {
	it('detects the face, sends face_reage with targetImage {face crop, crop landmarks} and modifyImage, downloads the .jpg', async () => {
		const faces = await detectAtMock(mock, { url: PORTRAIT, single_face: true, return_face_url: true });
		const result = await run(mock, reage('image', { imageUrl: PORTRAIT, age: 25, options: fastOptions }));
		expect(result.status).toBe('success');

		const [detection] = mock.apiRequests(DETECT);
		expect(detection.body).toEqual({ url: PORTRAIT, single_face: true, return_face_url: true });
		const creates = mock.apiRequests(IMAGE);
		expect(creates).toHaveLength(1);
		expect(position(detection)).toBeLessThan(position(creates[0]));
		// reage.mdx: `path` "Links to faces detected in target images" (its example: a crop_….png).
		expect(creates[0].body).toEqual({
			targetImage: [{ path: faces['0'].face_urls![0], opts: faces['0'].crop_landmarks![0] }],
			face_reage: 25,
			modifyImage: PORTRAIT,
		});

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'faceSwap', status: 3, statusText: 'completed', resultUrl: mock.resultUrl(jobId) });
		expect(item.binary!.data.fileName).toBe(`${jobId}.jpg`);
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(120_000);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.jpg`));
		expect(mock.apiRequests(RESULTS).every((poll) => poll.query._ids === jobId)).toBe(true);
	});

	it('a negative age (younger) is sent as a negative integer; the default age is 10', async () => {
		const younger = await run(
			mock,
			reage('image', { imageUrl: PORTRAIT, age: -30, completion: 'returnImmediately' }),
		);
		expect(younger.status).toBe('success');
		// Saved workflows omit defaults: no `age` parameter means 10 years older.
		const byDefault = await run(mock, reage('image', { imageUrl: PORTRAIT, completion: 'returnImmediately' }));
		expect(byDefault.status).toBe('success');
		expect(mock.apiRequests(IMAGE).map((request) => (request.body as { face_reage: unknown }).face_reage)).toEqual([-30, 10]);
	});

	it('a picture without a face fails naming "Image" and creates nothing', async () => {
		const credit = mock.credit;
		const error = runError(
			await run(mock, reage('image', { imageUrl: 'https://example.com/noface.png', age: 5, options: fastOptions })),
		);
		expect(error.message).toMatch(/no face/i);
		expect(error.message).toContain('Image');
		expect(mock.apiRequests(DETECT)).toHaveLength(1);
		expect(mock.apiRequests(IMAGE)).toHaveLength(0);
		expect(mock.credit).toBe(credit);
	});
});

describe('Reage → Video', () => {
	it('uses the video face crop and its crop landmarks, sends modifyVideo, downloads the .mp4', async () => {
		const faces = await detectAtMock(mock, { url: CLIP, single_face: true, return_face_url: true, num_frames: 5 });
		const result = await run(mock, reage('video', { videoUrl: CLIP, age: -12, options: fastOptions }));
		expect(result.status).toBe('success');

		const [detection] = mock.apiRequests(DETECT);
		expect(detection.body).toEqual({ url: CLIP, single_face: true, return_face_url: true, num_frames: 5 });
		const [create] = mock.apiRequests(VIDEO);
		expect(position(detection)).toBeLessThan(position(create));
		expect(create.body).toEqual({
			targetImage: [{ path: faces['0'].face_urls![0], opts: faces['0'].crop_landmarks![0] }],
			face_reage: -12,
			modifyVideo: CLIP,
		});
		expect(mock.apiRequests(IMAGE)).toHaveLength(0);

		const [item] = result.output('Akool');
		const jobId = item.json.jobId as string;
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		expect(item.binary!.data.fileName).toBe(`${jobId}.mp4`);
		expect(sha256(await result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
	});

	it('a failed reage job fails the node with its id and reason', async () => {
		mock.nextJobs({ fail: true, failReason: 'Face angle too large' });
		const error = runError(await run(mock, reage('video', { videoUrl: CLIP, age: 8, options: fastOptions })));
		const job = [...mock.jobs.values()].at(-1)!;
		expect((job.body as { modifyVideo: string }).modifyVideo).toBe(CLIP);
		expect(error.message).toContain(job._id);
		expect(error.message).toContain('Face angle too large');
		expect(error.context?.jobId).toBe(job._id);
	});
});

describe('Reage → bad age', () => {
	it.each([
		['image', 31, 'must be between -30 and 30, got 31'],
		['video', -31, 'must be between -30 and 30, got -31'],
		['image', 2.5, 'must be a whole number, got 2.5'],
	] as const)('%s with age %p is refused before any request (no detection, no create)', async (operation, age, problem) => {
		const parameters = operation === 'image' ? { imageUrl: PORTRAIT } : { videoUrl: CLIP };
		const error = runError(await run(mock, reage(operation, { ...parameters, age, options: fastOptions })));
		expect(error.message).toBe(`"Age Change (Years)" ${problem}`);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('with Continue On Fail, a bad age on one item leaves the others to run', async () => {
		const workflow = akoolWorkflow(
			{ resource: 'reage', operation: 'image', imageUrl: PORTRAIT, age: '={{ $json.row === 1 ? 40 : 5 }}', returnAs: 'url', options: fastOptions },
			{ onError: 'continueRegularOutput' },
		);
		const result = await run(mock, workflow, { items: 2 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		expect(items[0].json.statusText).toBe('completed');
		expect(String(items[1].json.error)).toContain('Age Change (Years)');
		expect(mock.apiRequests(IMAGE)).toHaveLength(1);
		expect((mock.apiRequests(IMAGE)[0].body as { face_reage: number }).face_reage).toBe(5);
	});
});
