/**
 * The Akool mock's result files: real media by default (a playable MP4, an MP3, a WAV, a PNG and a JPEG
 * from test/mock-akool/media), synthetic bytes of exactly the size asked for otherwise.
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';

import { DEFAULTS, fileBytes, mediaBytes, type MockAkool } from '../mock-akool';
import { startMockCli, useMockPerTest, waitFor } from './mock-helpers';

let mock: MockAkool;
useMockPerTest({ jobDurationMs: 200 }, (started) => (mock = started));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function download(name: string, init: RequestInit = {}) {
	const res = await fetch(`${mock.url}/files/${name}`, init);
	return { status: res.status, type: res.headers.get('content-type'), length: res.headers.get('content-length'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Top-level ISO BMFF boxes: [type, offset, size]. */
function mp4Boxes(bytes: Buffer): Array<[string, number, number]> {
	const boxes: Array<[string, number, number]> = [];
	for (let at = 0; at + 8 <= bytes.length; ) {
		let size = bytes.readUInt32BE(at);
		if (size === 1) size = Number(bytes.readBigUInt64BE(at + 8));
		if (size === 0) size = bytes.length - at;
		if (size < 8 || at + size > bytes.length) throw new Error(`bad box at ${at}`);
		boxes.push([bytes.toString('latin1', at + 4, at + 8), at, size]);
		at += size;
	}
	return boxes;
}

function expectMp4(bytes: Buffer) {
	const boxes = mp4Boxes(bytes);
	const types = boxes.map(([type]) => type);
	expect(types[0]).toBe('ftyp');
	expect(bytes.toString('latin1', 8, 12)).toBe('isom'); // major brand
	expect(types).toContain('moov');
	expect(types).toContain('mdat');
	expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat')); // faststart: playable while downloading
	const [, moovAt, moovSize] = boxes[types.indexOf('moov')];
	const moov = bytes.subarray(moovAt, moovAt + moovSize);
	// an H.264 track (avc1 + avcC with the Baseline profile, 66) and an AAC track (mp4a)
	const avcC = moov.indexOf('avcC', 0, 'latin1');
	expect(moov.indexOf('avc1', 0, 'latin1')).toBeGreaterThan(0);
	expect(avcC).toBeGreaterThan(0);
	expect(moov[avcC + 5]).toBe(66);
	expect(moov.indexOf('mp4a', 0, 'latin1')).toBeGreaterThan(0);
	const mvhd = moov.indexOf('mvhd', 0, 'latin1');
	const [timescale, duration] = [moov.readUInt32BE(mvhd + 16), moov.readUInt32BE(mvhd + 20)]; // version 0
	expect(duration / timescale).toBeGreaterThan(0.5);
	expect(duration / timescale).toBeLessThan(3);
}

function expectMp3(bytes: Buffer) {
	let at = 0;
	if (bytes.toString('latin1', 0, 3) === 'ID3') at = 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]);
	// frame sync (11 set bits), Layer III (layer bits 01), a valid bitrate index
	expect(bytes[at]).toBe(0xff);
	expect(bytes[at + 1] & 0xe0).toBe(0xe0);
	expect((bytes[at + 1] >> 1) & 0b11).toBe(0b01);
	expect([0, 15]).not.toContain(bytes[at + 2] >> 4);
}

function expectWav(bytes: Buffer) {
	expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
	expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
	expect(bytes.toString('latin1', 8, 16)).toBe('WAVEfmt ');
	expect(bytes.readUInt16LE(20)).toBe(1); // PCM
	expect(bytes.readUInt32LE(24)).toBeGreaterThan(0); // sample rate
}

function expectPng(bytes: Buffer) {
	expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
	expect(bytes.readUInt32BE(8)).toBe(13);
	expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
	expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([160, 90]);
	expect(bytes.toString('latin1', bytes.length - 8, bytes.length - 4)).toBe('IEND');
}

function expectJpeg(bytes: Buffer) {
	expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]); // SOI
	expect([bytes[bytes.length - 2], bytes[bytes.length - 1]]).toEqual([0xff, 0xd9]); // EOI
	const sof = bytes.indexOf(Buffer.from([0xff, 0xc0])); // baseline SOF0: precision, height, width
	expect(sof).toBeGreaterThan(0);
	expect([bytes.readUInt16BE(sof + 5), bytes.readUInt16BE(sof + 7)]).toEqual([90, 160]);
}

/** Status, headers and the bytes received before the server ended or dropped the connection. */
function rawGet(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer; aborted: boolean }> {
	return new Promise((resolve, reject) => {
		http.get(url, (res) => {
			const chunks: Buffer[] = [];
			let aborted = false;
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('aborted', () => (aborted = true));
			res.on('error', () => (aborted = true));
			res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks), aborted: aborted || !res.complete }));
		}).on('error', reject);
	});
}

describe('real media by default', () => {
	it('has no default file size', () => {
		expect(DEFAULTS.fileSize).toBeUndefined();
	});

	it('serves a real MP4, MP3, WAV, PNG and JPEG per result kind, with Content-Type and Content-Length', async () => {
		const cases = [
			{ job: mock.addJob({ store: 'video', status: 3 }), type: 'video/mp4', check: expectMp4 },
			{ job: mock.addJob({ store: 'i2v', status: 3 }), type: 'video/mp4', check: expectMp4 },
			{ job: mock.addJob({ store: 'studioHeadSwap', status: 3 }), type: 'video/mp4', check: expectMp4 },
			{ job: mock.addJob({ store: 'audio', status: 3 }), type: 'audio/mpeg', check: expectMp3 },
			{ job: mock.addJob({ store: 'voiceResult', status: 3 }), type: 'audio/mpeg', check: expectMp3 },
			{ job: mock.addJob({ store: 'voiceResult', status: 3, ext: 'wav' }), type: 'audio/wav', check: expectWav },
			{ job: mock.addJob({ store: 'image', status: 3 }), type: 'image/png', check: expectPng },
			{ job: mock.addJob({ store: 'studioHairSwap', status: 3, fields: { media_type: 'image' } }), type: 'image/png', check: expectPng },
			{ job: mock.addJob({ store: 'faceswap', status: 3 }), type: 'image/jpeg', check: expectJpeg },
		];
		for (const { job, type, check } of cases) {
			expect(job.fileSize).toBeUndefined();
			const file = await download(job.fileName);
			expect([job.fileName, file.status, file.type]).toEqual([job.fileName, 200, type]);
			expect(file.length).toBe(String(file.bytes.length));
			expect(file.bytes.length).toBeGreaterThan(1000);
			expect(file.bytes.length).toBeLessThan(20 * 1024);
			check(file.bytes);
			expect(file.bytes.equals(mediaBytes(job.fileName)!)).toBe(true);
			expect(mock.fileSize(job.fileName)).toBe(file.bytes.length);
			expect(await mock.fileSha256(job.fileName)).toBe(sha256(file.bytes));
			const head = await download(job.fileName, { method: 'HEAD' });
			expect([head.status, head.type, head.length, head.bytes.length]).toEqual([200, type, file.length, 0]);
		}
	});

	it('serves a result created through the API as real media too (character swap → MP4)', async () => {
		const res = await fetch(`${mock.url}/api/open/v4/characterSwap/create`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
			body: JSON.stringify({ image: 'https://in.example/face.png', video: 'https://in.example/dance.mp4' }),
		});
		const { data } = (await res.json()) as { data: { _id: string } };
		await waitFor(() => mock.jobs.get(data._id)?.status === 3);
		const file = await download(`${data._id}.mp4`);
		expect(file.type).toBe('video/mp4');
		expectMp4(file.bytes);
	});

	it('serves other names by extension (.jpeg like .jpg) and 64 KiB synthetic bytes without a fixture', async () => {
		const jpeg = await download('portrait.JPEG');
		expect(jpeg.type).toBe('image/jpeg');
		expect(jpeg.bytes.equals(mediaBytes('x.jpg')!)).toBe(true);
		expectPng((await download('flag-en.png')).bytes);
		expectMp3((await download('voice-abc.mp3')).bytes);
		for (const name of ['x-manifest.json', 'clip.webm', 'noext']) {
			const file = await download(name);
			expect(mediaBytes(name)).toBeUndefined();
			expect([file.status, file.length]).toEqual([200, String(64 * 1024)]);
			expect(file.bytes.equals(fileBytes(name, 64 * 1024))).toBe(true);
			expect(mock.fileSize(name)).toBe(64 * 1024);
			expect(await mock.fileSha256(name)).toBe(sha256(file.bytes));
		}
	});

	it('keeps the faults working on the real bytes: truncate, ?chunked=1, 503', async () => {
		const job = mock.addJob({ store: 'video', status: 3 });
		const media = mediaBytes(job.fileName)!;
		mock.fault({ path: '/files/', kind: 'truncate' });
		const cut = await rawGet(mock.resultUrl(job._id));
		expect([cut.status, cut.headers['content-length'], cut.aborted]).toEqual([200, String(media.length), true]);
		expect(cut.bytes.equals(media.subarray(0, Math.floor(media.length / 2)))).toBe(true);

		const chunked = await rawGet(`${mock.resultUrl(job._id)}?chunked=1`);
		expect([chunked.status, chunked.headers['content-length'], chunked.headers['transfer-encoding'], chunked.aborted]).toEqual([200, undefined, 'chunked', false]);
		expect(chunked.bytes.equals(media)).toBe(true);

		mock.fault({ path: '/files/', kind: '503' });
		expect((await download(job.fileName)).status).toBe(503);
		expect((await download(job.fileName)).bytes.equals(media)).toBe(true);
	});

	it('still 404s a result before status 3', async () => {
		const pending = mock.addJob({ store: 'video', durationMs: 10_000 });
		expect((await download(pending.fileName)).status).toBe(404);
	});
});

describe('synthetic bytes when a size is asked for', () => {
	it('a job fileSize gives synthetic bytes of exactly that size, whatever the extension', async () => {
		for (const [store, size] of [['video', 1000], ['audio', 1], ['image', 0], ['faceswap', 70_001]] as const) {
			const job = mock.addJob({ store, status: 3, fileSize: size });
			expect(job.fileSize).toBe(size);
			const file = await download(job.fileName);
			expect([file.length, file.bytes.length]).toEqual([String(size), size]);
			expect(file.bytes.equals(fileBytes(job.fileName, size))).toBe(true);
			expect(mock.fileSize(job.fileName)).toBe(size);
			expect(await mock.fileSha256(job.fileName)).toBe(sha256(file.bytes));
		}
	});

	it('the fileSize option applies to new jobs and other names; null goes back to real media; a job keeps its choice', async () => {
		const real = mock.addJob({ store: 'video', status: 3 });
		mock.setOptions({ fileSize: 4321 });
		const synthetic = mock.addJob({ store: 'video', status: 3 });
		mock.nextJobs({ fileSize: 12 });
		const sized = await download('input-face.png');
		expect([sized.type, sized.length]).toEqual(['image/png', '4321']);
		expect(sized.bytes.equals(fileBytes('input-face.png', 4321))).toBe(true);
		expect((await download(real.fileName)).bytes.equals(mediaBytes(real.fileName)!)).toBe(true);
		expect((await download(synthetic.fileName)).bytes.equals(fileBytes(synthetic.fileName, 4321))).toBe(true);

		// POST /__mock/options takes null for "real media" (JSON has no undefined)
		const post = await fetch(`${mock.url}/__mock/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileSize: null }) });
		expect(post.status).toBe(200);
		expect((await download('input-face.png')).bytes.equals(mediaBytes('input-face.png')!)).toBe(true);
		expect(mock.fileSize(synthetic.fileName)).toBe(4321); // created while the option asked for a size
		expect(mock.fileSize(real.fileName)).toBe(mediaBytes(real.fileName)!.length);
		mock.clearNextJobs();
	});

	it('rejects a file size that is not a non-negative integer', async () => {
		expect(() => mock.setOptions({ fileSize: -1 })).toThrow(/fileSize/);
		expect(() => mock.addJob({ store: 'video', fileSize: 1.5 })).toThrow(/fileSize/);
		expect(() => mock.nextJobs({ fileSize: Number.NaN })).toThrow(/fileSize/);
		const post = await fetch(`${mock.url}/__mock/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileSize: '100' }) });
		expect(post.status).toBe(400);
	});

	it('cli.js serves real media by default and synthetic bytes with MOCK_AKOOL_FILE_SIZE', async () => {
		for (const [fileSize, expected] of [[undefined, mediaBytes('x.mp4')!.length], ['5000', 5000]] as const) {
			const cli = await startMockCli(fileSize ? { MOCK_AKOOL_FILE_SIZE: fileSize } : {});
			try {
				const res = await fetch(`${cli.url}/files/x.mp4`, { method: 'HEAD' });
				expect([res.headers.get('content-type'), res.headers.get('content-length')]).toEqual(['video/mp4', String(expected)]);
			} finally {
				expect(await cli.stop()).toBe(0);
			}
		}
	});
});
