/**
 * Face Detection (Detect from a URL or from the input item's binary file, Analyze Frames) in
 * n8n's engine against the Akool mock: request bodies, outputs, and how detection errors surface.
 */
import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { fileBytes } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { AKOOL_TYPE, akoolWorkflow, detectAtMock, run, runError, useMockAkool } from './helpers';
import type { Workflow } from './helpers';

const FILE_SIZE = 4_096;
let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, fileSize: FILE_SIZE }, (started) => (mock = started));

const DETECT = '/interface/detect-api/detect_faces';
const ANALYZE = '/interface/detect-api/faceswap/analyze_frames';

const detect = (parameters: INodeParameters) => akoolWorkflow({ resource: 'faceDetection', operation: 'detect', ...parameters });
const analyze = (parameters: INodeParameters) =>
	akoolWorkflow({ resource: 'faceDetection', operation: 'analyzeFrames', ...parameters });


/** An input item carrying `bytes` in binary field `data` (what a Read File / HTTP Request node gives). */
function binaryItem(bytes: Buffer, mimeType: string, fileName: string): INodeExecutionData {
	return { json: { fileName }, binary: { data: { data: bytes.toString('base64'), mimeType, fileName } } };
}

/** A file starting with the PNG signature, so the mock can "decode" it; its text decides the face count. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngWith = (text: string) => Buffer.concat([PNG_SIGNATURE, Buffer.from(text, 'latin1'), Buffer.alloc(64, 7)]);

/** Start → Job → Download (a mock /files URL into `data`) → Face Detection from that binary. */
function downloadThenDetect(fileName: string, detectParameters: INodeParameters = {}): Workflow {
	const workflow = akoolWorkflow({
		resource: 'job',
		operation: 'download',
		url: `${mock.url}/files/${fileName}`,
		binaryPropertyOutput: 'data',
	});
	workflow.nodes[1].name = 'Download';
	const detectNode: INode = {
		id: 'detect',
		name: 'Detect',
		type: AKOOL_TYPE,
		typeVersion: 1,
		position: [400, 0],
		credentials: { akoolApi: { id: '1', name: 'Akool account' } },
		parameters: { resource: 'faceDetection', operation: 'detect', source: 'binary', ...detectParameters },
	};
	workflow.nodes.push(detectNode);
	workflow.connections = {
		Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
		Download: { main: [[{ node: 'Detect', type: 'main', index: 0 }]] },
	};
	return workflow;
}

describe('Face Detection → Detect from a URL', () => {
	it('sends the URL and outputs faceCount and faces_obj, without Akool\'s error_code / error_msg', async () => {
		const url = 'https://example.com/people/group-photo.jpg';
		const expected = await detectAtMock(mock, { url });
		const result = await run(mock, detect({ url }));
		expect(result.status).toBe('success');

		const requests = mock.apiRequests(DETECT);
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ url });
		expect(requests[0].headers['x-api-key']).toBe(mock.apiKey);

		const [item] = result.output('Akool');
		expect(item.json).toEqual({ faceCount: 3, faces_obj: expected });
		expect(item.json).not.toHaveProperty('error_code');
		expect(item.json).not.toHaveProperty('error_msg');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('a video URL with options: num_frames, return_face_url and single_face are sent; faces counted over frames', async () => {
		const url = 'https://example.com/clips/party-group.mp4';
		const result = await run(
			mock,
			detect({ url, options: { numFrames: 3, returnFaceUrls: true, singleFace: true } }),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests(DETECT)[0].body).toEqual({ url, num_frames: 3, return_face_url: true, single_face: true });

		const [item] = result.output('Akool');
		const frames = item.json.faces_obj as Record<string, { region: unknown[]; face_urls: string[] }>;
		expect(Object.keys(frames)).toEqual(['0', '1', '2']);
		expect(item.json.faceCount).toBe(3); // the largest face of each of 3 frames
		expect(frames['2'].face_urls[0]).toMatch(new RegExp(`^${mock.url}/files/face-`));
	});

	it('no face found is an answer (faceCount 0), not an error', async () => {
		const result = await run(mock, detect({ url: 'https://example.com/noface-beach.webp' }));
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.faceCount).toBe(0);
		expect(item.json.faces_obj).toEqual({ '0': expect.objectContaining({ region: [], landmarks_str: [] }) });
	});

	it('Video Frames out of range (0) is refused before any request', async () => {
		const error = runError(await run(mock, detect({ url: 'https://example.com/a.mp4', options: { numFrames: 0 } })));
		expect(error.message).toBe('"Video Frames" must be between 1 and 100, got 0');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a proxy error page (HTTP 502, not a detection answer) is transient and retried', async () => {
		mock.fault({ path: DETECT, kind: '502' });
		const result = await run(mock, detect({ url: 'https://example.com/solo.jpg' }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(DETECT);
		expect(requests).toHaveLength(2);
		expect(requests[0].fault).toBe('502');
		expect(result.output('Akool')[0].json.faceCount).toBe(1);
	});
});

describe('Face Detection → Detect from the input binary file', () => {
	it('sends img = base64 of exactly the input bytes and no url', async () => {
		const bytes = pngWith('a group of friends');
		const result = await run(mock, detect({ source: 'binary', binaryPropertyName: 'data' }), {
			inputItems: [binaryItem(bytes, 'image/png', 'friends.png')],
		});
		expect(result.status).toBe('success');
		const [request] = mock.apiRequests(DETECT);
		expect(request.body).toEqual({ img: bytes.toString('base64') });
		expect(Buffer.from((request.body as { img: string }).img, 'base64').equals(bytes)).toBe(true);
		// The mock read those bytes ("group" → 3 faces).
		expect(result.output('Akool')[0].json.faceCount).toBe(3);
	});

	it('reads a file another node downloaded (binary stored by id) from the field named in "Input Binary Field"', async () => {
		const workflow = downloadThenDetect('portrait.png', { binaryPropertyName: 'data' });
		const result = await run(mock, workflow);
		// The mock's /files bytes are not a real PNG: Akool answers HTTP 500 "Failed to decode image".
		const error = runError(result);
		expect(result.output('Download')[0].binary!.data.mimeType).toBe('image/png');
		const requests = mock.apiRequests(DETECT);
		expect(requests).toHaveLength(1); // a detection error answer is final: not retried
		expect(requests[0].body).toEqual({ img: fileBytes('portrait.png', FILE_SIZE).toString('base64') });
		expect(error.message).toBe('Akool face detection failed: Failed to decode image');
		expect(error.description).toMatch(/supported image/);
		expect((error as Error & { httpCode?: string }).httpCode).toBe('500');
	});

	it('a binary that is not an image (an .mp4 download) is refused before any detect request', async () => {
		const result = await run(mock, downloadThenDetect('clip.mp4'));
		const error = runError(result);
		expect(result.output('Download')[0].binary!.data.mimeType).toBe('video/mp4');
		expect(error.message).toBe('"Input Binary Field" holds "video/mp4", not a JPG, PNG, BMP or WEBP image');
		expect(mock.apiRequests(DETECT)).toHaveLength(0);
	});

	it('a missing binary field is refused before any request', async () => {
		const result = await run(mock, detect({ source: 'binary', binaryPropertyName: 'photo' }), {
			inputItems: [binaryItem(pngWith('solo'), 'image/png', 'solo.png')],
		});
		const error = runError(result);
		expect(error.message).toContain('photo');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('an empty input file is refused before any request', async () => {
		const result = await run(mock, detect({ source: 'binary' }), {
			inputItems: [binaryItem(Buffer.alloc(0), 'image/jpeg', 'empty.jpg')],
		});
		const error = runError(result);
		expect(error.message).toBe('"Input Binary Field" holds an empty file');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	// R12: Akool publishes no size for detect_faces' img; its only image limit is 20 MB (jarvis-moderator.mdx).
	it('a file over 20 MB is refused before it is read or sent, naming the field (in memory: by its base64 length)', async () => {
		const bytes = Buffer.concat([pngWith('solo'), Buffer.alloc(21 * 1024 * 1024 - 76)]);
		const result = await run(mock, detect({ source: 'binary', binaryPropertyName: 'data' }), {
			inputItems: [binaryItem(bytes, 'image/png', 'huge.png')],
		});
		const error = runError(result);
		expect(error.message).toBe('"Input Binary Field" holds a file of 21.0 MB; face detection takes images up to 20 MB');
		expect(error.description).toContain('Source "URL"');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a stored file (binary by id) over 20 MB is refused by its size before it is read', async () => {
		mock.setOptions({ fileSize: 21 * 1024 * 1024 });
		try {
			const result = await run(mock, downloadThenDetect('huge.png', { binaryPropertyName: 'data' }));
			const error = runError(result);
			expect(result.output('Download')[0].binary!.data.id).toBeDefined();
			expect(error.message).toBe('"Input Binary Field" holds a file of 21.0 MB; face detection takes images up to 20 MB');
			expect(mock.apiRequests(DETECT)).toHaveLength(0);
		} finally {
			mock.setOptions({ fileSize: FILE_SIZE });
		}
	});

	it('an HTTP 500 detection answer (bytes Akool cannot decode) is not retried', async () => {
		const bytes = Buffer.from('GIF89a this is not a supported image at all');
		const result = await run(mock, detect({ source: 'binary' }), {
			inputItems: [binaryItem(bytes, 'image/webp', 'fake.webp')],
		});
		const error = runError(result);
		expect(error.message).toBe('Akool face detection failed: Failed to decode image');
		expect(mock.apiRequests(DETECT)).toHaveLength(1);
	});

	it('one item per input item, each paired to its own input', async () => {
		const result = await run(mock, detect({ source: 'binary' }), {
			inputItems: [
				binaryItem(pngWith('solo'), 'image/png', 'a.png'),
				binaryItem(pngWith('noface'), 'image/png', 'b.png'),
				binaryItem(pngWith('group'), 'image/png', 'c.png'),
			],
		});
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => item.json.faceCount)).toEqual([1, 0, 3]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(mock.apiRequests(DETECT)).toHaveLength(3);
	});
});

describe('Face Detection → Analyze Frames', () => {
	const frames = ['https://example.com/f/0.jpg', 'https://example.com/f/1-group.jpg', 'https://example.com/f/2.jpg'];

	it('sends frame_urls as an array with timestamps and expand_ratio; outputs the people without `success`', async () => {
		const result = await run(
			mock,
			analyze({ frameUrls: `${frames[0]}, ${frames[1]}\n${frames[2]}`, options: { timestamps: '0, 1.5, 3', expandRatio: 0.5 } }),
		);
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(ANALYZE);
		expect(requests).toHaveLength(1);
		expect(requests[0].body).toEqual({ frame_urls: frames, timestamps: [0, 1.5, 3], expand_ratio: 0.5 });

		const [item] = result.output('Akool');
		expect(item.json).not.toHaveProperty('success');
		expect(item.json.frame_count).toBe(3);
		const persons = item.json.persons as Array<{ person_id: string; appearances: Array<{ timestamp: number }> }>;
		expect(persons.map((person) => person.person_id)).toEqual(['person_0', 'person_1']);
		expect(persons[0].appearances.map((a) => a.timestamp)).toEqual([0, 1.5, 3]);
		expect(persons[1].appearances.map((a) => a.timestamp)).toEqual([1.5]);
	});

	it('takes the frame URLs as an array from an expression', async () => {
		const result = await run(mock, analyze({ frameUrls: `={{ ${JSON.stringify(frames.slice(0, 2))} }}` }));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(ANALYZE)[0].body).toEqual({ frame_urls: frames.slice(0, 2) });
		expect(result.output('Akool')[0].json.frame_count).toBe(2);
	});

	it('a timestamps count that does not match the frames is refused before the request', async () => {
		const error = runError(await run(mock, analyze({ frameUrls: frames.join(','), options: { timestamps: '0, 1' } })));
		expect(error.message).toBe('"Timestamps (Seconds)" needs one number per frame URL (3), got 2');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a frame URL that is not http(s) is refused before the request', async () => {
		const error = runError(await run(mock, analyze({ frameUrls: `${frames[0]}, ftp://example.com/x.jpg` })));
		expect(error.message).toContain('"Frame Images" contains "ftp://example.com/x.jpg"');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});
