/**
 * The sandbox reads a job's input files like Akool does (option `fetchInputs`, test/mock-akool/inputs.js):
 * n8n's signed binary-data URLs by default, every http(s) URL with 'all', nothing with 'none'. A download
 * that fails ends the job at 4 with the reason in its store's failure fields and a status-4 callback; the
 * log `mock.inputFetches` shows what arrived (bytes, SHA-256) and never a signed URL's token.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { InputFetch, MockAkool } from '../mock-akool';
import { sleep, startReceiver, useMockPerTest, waitFor, type Receiver } from './mock-helpers';

const inputs = require('../mock-akool/inputs.js') as {
	inputUrls(body: unknown): Array<{ path: string; url: string }>;
	isSignedBinaryUrl(url: string): boolean;
	redactUrl(url: string): string;
};

let mock: MockAkool;
const api = useMockPerTest({ jobDurationMs: 300 }, (started) => (mock = started));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// ---- a stand-in for n8n's REST server: /rest/binary-data/signed?token=… ----
const PHOTO = randomBytes(48 * 1024);
const AUDIO = randomBytes(20 * 1024);
/** JWT-shaped, like n8n's (header.payload.signature). */
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6ImZpbGVzeXN0ZW0tdjI6d29ya2Zsb3dzLzEifQ.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ';
let files: http.Server;
let filesUrl: string;
/** Path + query of every request the file server got. */
const hits: string[] = [];
/** Milliseconds the file server waits before answering `/slow/…`. */
let slowMs = 0;

beforeAll(async () => {
	files = http.createServer((req, res) => {
		hits.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'http://files.invalid');
		const send = (bytes: Buffer, type: string) => res.writeHead(200, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
		if (url.pathname === '/rest/binary-data/signed' && url.searchParams.get('token') === TOKEN) return send(PHOTO, 'image/png');
		if (url.pathname === '/audio/rest/binary-data/signed') return send(AUDIO, 'audio/mpeg');
		if (url.pathname === '/plain/photo.png') return send(PHOTO, 'image/png');
		if (url.pathname === '/slow/rest/binary-data/signed') {
			const timer = setTimeout(() => send(PHOTO, 'image/png'), slowMs);
			res.on('close', () => clearTimeout(timer));
			return undefined;
		}
		if (url.pathname === '/hang/rest/binary-data/signed') return undefined; // never answers
		return res.writeHead(404, { 'content-type': 'text/plain' }).end('File not found');
	});
	await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
	filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
	files.closeAllConnections();
	await new Promise((resolve) => files.close(resolve));
});

let receiver: Receiver | undefined;
beforeEach(() => {
	hits.length = 0;
	slowMs = 0;
});
afterEach(async () => {
	await receiver?.close();
	receiver = undefined;
});

const signed = (prefix = '', token = TOKEN) => `${filesUrl}${prefix}/rest/binary-data/signed?token=${token}`;

/** A talking photo create (#15); answers the job id. */
async function talkingPhoto(body: Record<string, unknown>): Promise<string> {
	const answer = await api.call('/api/open/v3/content/video/createbytalkingphoto', { resolution: '720', ...body });
	expect(answer.code).toBe(1000);
	return answer.data._id as string;
}

/** The video store's record of a job, as the node polls it. */
async function videoRecord(id: string): Promise<Record<string, any>> {
	const answer = await api.call(`/api/open/v3/content/video/infobymodelid?video_model_id=${id}`);
	expect(answer.code).toBe(1000);
	return answer.data;
}

const fetchesOf = (jobId: string) => mock.inputFetches.filter((f) => f.jobId === jobId);
const decrypted = (r: Receiver) => r.received.map((envelope) => mock.decrypt(envelope.dataEncrypt) as { _id: string; status: number });

test('the body URLs: http(s) strings at any depth with their field path, webhook fields left out', () => {
	expect(
		inputs.inputUrls({
			talking_photo_url: 'https://a.example/p.png',
			audio_url: 'HTTP://b.example/a.mp3',
			prompt: 'see https://c.example/x.png', // not a URL value
			resolution: '720',
			webhookUrl: 'https://hooks.example/w',
			webhookurl: 'https://hooks.example/w2',
			elements: [{ type: 'image', url: '#112233' }, { type: 'avatar', url: 'https://d.example/v.mp4' }],
			sourceImage: [{ path: 'http://e.example/s.jpg', opts: '1,2:3,4:5,6:7,8' }],
			source_images: ['https://f.example/1.png', 'ftp://g.example/2.png'],
			studio_voice: { fixed_words: { a: 'https://h.example/' } },
			n: 5,
			none: null,
		}),
	).toEqual([
		{ path: 'talking_photo_url', url: 'https://a.example/p.png' },
		{ path: 'audio_url', url: 'HTTP://b.example/a.mp3' },
		{ path: 'elements[1].url', url: 'https://d.example/v.mp4' },
		{ path: 'sourceImage[0].path', url: 'http://e.example/s.jpg' },
		{ path: 'source_images[0]', url: 'https://f.example/1.png' },
		{ path: 'studio_voice.fixed_words.a', url: 'https://h.example/' },
	]);
	expect(inputs.isSignedBinaryUrl('http://n8n.local:5678/rest/binary-data/signed?token=a.b.c')).toBe(true);
	expect(inputs.isSignedBinaryUrl('https://n8n.example/sub/rest/binary-data/signed?x=1&token=a.b.c')).toBe(true);
	expect(inputs.isSignedBinaryUrl('http://n8n.local:5678/rest/binary-data/signed?token=')).toBe(false);
	expect(inputs.isSignedBinaryUrl('http://n8n.local:5678/rest/binary-data/signed')).toBe(false);
	expect(inputs.isSignedBinaryUrl('http://n8n.local:5678/rest/binary-data?token=a.b.c')).toBe(false);
	expect(inputs.redactUrl('http://user:pw@n8n.local:5678/rest/binary-data/signed?token=a.b.c&x=1#frag')).toBe(
		'http://n8n.local:5678/rest/binary-data/signed?token=…&x=…',
	);
	expect(inputs.redactUrl('https://cdn.example/p.png')).toBe('https://cdn.example/p.png');
});

test('a signed URL is downloaded when the job starts: bytes and SHA-256 logged, token not; the job finishes', async () => {
	receiver = await startReceiver();
	const id = await talkingPhoto({ talking_photo_url: signed(), audio_url: `${mock.url}/files/voice.mp3`, webhookUrl: receiver.url });
	await waitFor(() => fetchesOf(id).length === 1);
	const [fetched] = mock.inputFetches;
	expect(fetched).toEqual<InputFetch>({
		jobId: id,
		path: 'talking_photo_url',
		url: `${filesUrl}/rest/binary-data/signed?token=…`,
		host: new URL(filesUrl).host,
		status: 200,
		bytes: PHOTO.length,
		sha256: sha256(PHOTO),
		contentType: 'image/png',
		at: expect.any(Number),
		doneAt: expect.any(Number),
	});
	expect(hits).toEqual([`/rest/binary-data/signed?token=${TOKEN}`]); // the full URL was requested, once
	expect(JSON.stringify(mock.inputFetches)).not.toContain(TOKEN);
	expect(JSON.stringify(mock.inputFetches)).not.toContain(TOKEN.split('.')[2]);
	// the mock's own /files URL is no signed URL: not downloaded by default
	expect(mock.requests.filter((r) => r.path.startsWith('/files/'))).toEqual([]);

	await waitFor(() => decrypted(receiver!).some((p) => p.status === 3), 3000);
	expect((await videoRecord(id)).video_status).toBe(3);
	expect(decrypted(receiver).map((p) => p.status)).toEqual([3]);
	expect(mock.jobs.get(id)).toMatchObject({ inputsPending: 0, inputFailed: false });

	// the control API serves the same log; clearLog empties it
	const res = await fetch(`${mock.url}/__mock/input-fetches`);
	expect(await res.json()).toEqual(JSON.parse(JSON.stringify(mock.inputFetches)));
	mock.clearLog();
	expect(mock.inputFetches).toEqual([]);
});

test('nested input URLs are found by their field path (face swap Pro sourceImage[0].path)', async () => {
	const answer = await api.call('/api/open/v4/faceswap/faceswapByImage', {
		sourceImage: [{ path: signed() }],
		targetImage: [{ path: signed('/audio') }],
	});
	expect(answer.code).toBe(1000);
	const id = answer.data._id as string;
	await waitFor(() => fetchesOf(id).length === 2);
	const byPath = Object.fromEntries(fetchesOf(id).map((f) => [f.path, f]));
	expect(byPath['sourceImage[0].path']).toMatchObject({ status: 200, bytes: PHOTO.length, sha256: sha256(PHOTO), contentType: 'image/png' });
	expect(byPath['targetImage[0].path']).toMatchObject({ status: 200, bytes: AUDIO.length, sha256: sha256(AUDIO), contentType: 'audio/mpeg' });
	await waitFor(() => mock.jobs.get(id)!.status === 3);
});

test('a signed URL answering 404 fails the job at once: status 4, Akool failure fields, status-4 callback only', async () => {
	mock.setOptions({ jobDurationMs: 10_000 }); // "at once": long before the job would end
	receiver = await startReceiver();
	const credit = mock.credit;
	const id = await talkingPhoto({ talking_photo_url: signed('', 'aaa.bbb.ccc'), audio_url: `${mock.url}/files/voice.mp3`, webhookUrl: receiver.url });
	await waitFor(() => decrypted(receiver!).length === 1, 3000);
	const reason = 'Failed to download the input file: HTTP 404 Not Found (talking_photo_url)';
	expect(await videoRecord(id)).toMatchObject({ video_status: 4, error_reason: reason, faceswap_fail_reason: reason, video: '', deduction_credit: 0 });
	expect(decrypted(receiver)).toEqual([{ _id: id, status: 4, type: 'talking photo', url: '' }]);
	expect(fetchesOf(id)).toEqual([
		expect.objectContaining({ path: 'talking_photo_url', status: 404, error: 'HTTP 404 Not Found', bytes: 'File not found'.length, contentType: 'text/plain' }),
	]);
	expect(mock.jobs.get(id)).toMatchObject({ inputFailed: true, failReason: reason });
	expect(mock.credit).toBe(credit - 10); // charged at create, as for any failed job
	await sleep(200);
	expect(decrypted(receiver)).toHaveLength(1); // no status-3 callback later
	expect(JSON.stringify(mock.inputFetches)).not.toContain('aaa.bbb.ccc');
});

test('a refused connection fails an i2v job (error_reason) and a head swap analysis (error_reason + error_code 2001)', async () => {
	const closed = http.createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/rest/binary-data/signed?token=${TOKEN}`;
	await new Promise((resolve) => closed.close(resolve));

	const answer = await api.call('/api/open/v4/image2Video/createBySourcePrompt', {
		image_url: deadUrl, prompt: 'a cat', negative_prompt: '', resolution: '720p', audio_type: 3, video_length: 5,
	});
	expect(answer.code).toBe(1000);
	const id = answer.data._id as string;
	await waitFor(() => mock.jobs.get(id)!.status === 4);
	const results = await api.call('/api/open/v4/image2Video/resultsByIds', { _ids: id });
	const [record] = results.data.result;
	expect(record).toMatchObject({ status: 4, deduction_credit: 0, video_url: '' });
	expect(record.error_reason).toMatch(/^Failed to download the input file: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(image_url\)$/);
	expect(fetchesOf(id)).toEqual([expect.objectContaining({ path: 'image_url', status: null, bytes: 0, contentType: null, error: expect.stringContaining('ECONNREFUSED') })]);

	const analyze = await api.call('/api/open/v4/headswap/analyze', { video_url: deadUrl, type: 'head' });
	expect(analyze.code).toBe(1000);
	const analysisId = analyze.data._id as string;
	await waitFor(() => mock.jobs.get(analysisId)!.status === 4);
	const detail = await api.call(`/api/open/v4/headswap/analyze/detail?_id=${analysisId}`);
	expect(detail.data).toMatchObject({ status: 4, error_code: 2001, analysis_result: null, error_reason: expect.stringMatching(/^Failed to download the input file: connect ECONNREFUSED .* \(video_url\)$/) });
});

test('a download that takes longer than the timeout fails the job with "timed out"', async () => {
	mock.setOptions({ inputFetchTimeoutMs: 300 });
	const id = await talkingPhoto({ talking_photo_url: signed('/hang'), audio_url: signed('/audio') });
	await waitFor(() => mock.jobs.get(id)!.status === 4, 3000);
	expect((await videoRecord(id)).error_reason).toBe('Failed to download the input file: timed out after 300 ms (talking_photo_url)');
	expect(fetchesOf(id).map((f) => [f.path, f.status, f.error])).toEqual(
		expect.arrayContaining([
			['talking_photo_url', null, 'timed out after 300 ms'],
			['audio_url', 200, undefined],
		]),
	);
});

test('a job whose inputs are still downloading stays at 2 past its duration, then finishes', async () => {
	slowMs = 700; // the job lasts 300 ms
	receiver = await startReceiver();
	const id = await talkingPhoto({ talking_photo_url: signed('/slow'), audio_url: `${mock.url}/files/voice.mp3`, webhookUrl: receiver.url });
	await sleep(450);
	expect((await videoRecord(id)).video_status).toBe(2);
	expect(mock.jobs.get(id)!.inputsPending).toBe(1);
	expect(receiver.received).toEqual([]);
	await waitFor(() => decrypted(receiver!).length === 1, 3000);
	expect(decrypted(receiver)).toEqual([{ _id: id, status: 3, type: 'talking photo', url: mock.resultUrl(id) }]);
	expect((await videoRecord(id)).video_status).toBe(3);
	expect(fetchesOf(id)).toEqual([expect.objectContaining({ status: 200, sha256: sha256(PHOTO) })]);
});

test("'none' downloads nothing: a dead signed URL does not fail the job", async () => {
	mock.setOptions({ fetchInputs: 'none' });
	const id = await talkingPhoto({ talking_photo_url: signed('', 'aaa.bbb.ccc'), audio_url: signed('/hang') });
	await waitFor(() => mock.jobs.get(id)!.status === 3, 3000);
	expect(mock.inputFetches).toEqual([]);
	expect(hits).toEqual([]);
});

test("'all' downloads every http(s) input (not the webhook) and fails on any unreadable one", async () => {
	mock.setOptions({ fetchInputs: 'all' });
	receiver = await startReceiver();
	const id = await talkingPhoto({ talking_photo_url: `${filesUrl}/plain/photo.png`, audio_url: `${mock.url}/files/voice.mp3`, webhookUrl: receiver.url });
	await waitFor(() => fetchesOf(id).length === 2);
	const byPath = Object.fromEntries(fetchesOf(id).map((f) => [f.path, f]));
	expect(byPath.talking_photo_url).toMatchObject({ url: `${filesUrl}/plain/photo.png`, status: 200, sha256: sha256(PHOTO) });
	expect(byPath.audio_url).toMatchObject({ host: new URL(mock.url).host, status: 200, bytes: mock.fileSize('voice.mp3'), sha256: await mock.fileSha256('voice.mp3'), contentType: 'audio/mpeg' });
	await waitFor(() => decrypted(receiver!).length === 1, 3000);
	expect(decrypted(receiver).map((p) => p.status)).toEqual([3]);
	expect(receiver.paths).toEqual(['/webhook']); // only the callback POST, never a download

	const failed = await talkingPhoto({ talking_photo_url: `${filesUrl}/plain/missing.png`, audio_url: `${mock.url}/files/voice.mp3` });
	await waitFor(() => mock.jobs.get(failed)!.status === 4, 3000);
	expect((await videoRecord(failed)).error_reason).toBe('Failed to download the input file: HTTP 404 Not Found (talking_photo_url)');

	// a redirect (a CDN link) is followed; the log names the URL as sent, query values redacted
	const redirected = await talkingPhoto({ talking_photo_url: `${mock.url}/redirect?to=${encodeURIComponent(signed())}`, audio_url: `${mock.url}/files/voice.mp3` });
	await waitFor(() => fetchesOf(redirected).length === 2);
	expect(fetchesOf(redirected).find((f) => f.path === 'talking_photo_url')).toMatchObject({ url: `${mock.url}/redirect?to=…`, status: 200, sha256: sha256(PHOTO) });
	expect(JSON.stringify(mock.inputFetches)).not.toContain(TOKEN);

	// a body cut short (the mock's own truncate fault on its /files) fails the job too
	mock.fault({ path: '/files/cut.mp3', kind: 'truncate' });
	const cut = await talkingPhoto({ talking_photo_url: `${filesUrl}/plain/photo.png`, audio_url: `${mock.url}/files/cut.mp3` });
	await waitFor(() => mock.jobs.get(cut)!.status === 4, 3000);
	expect((await videoRecord(cut)).error_reason).toBe('Failed to download the input file: the connection closed before the end of the file (audio_url)');
	expect(fetchesOf(cut).find((f) => f.path === 'audio_url')).toMatchObject({ status: 200, bytes: Math.floor(mock.fileSize('cut.mp3') / 2) });

	// 'signed' (the default) leaves the same plain URLs alone
	mock.setOptions({ fetchInputs: 'signed' });
	mock.clearLog();
	const plain = await talkingPhoto({ talking_photo_url: `${filesUrl}/plain/missing.png`, audio_url: `${mock.url}/files/voice.mp3` });
	await waitFor(() => mock.jobs.get(plain)!.status === 3, 3000);
	expect(mock.inputFetches).toEqual([]);
});

test('each job of a batch downloads the inputs; a cancelled job is not failed afterwards', async () => {
	const batch = await api.call('/api/open/v4/image2Video/createBySourcePrompt/batch', {
		image_url: signed(), prompt: 'a cat', negative_prompt: '', resolution: '720p', audio_type: 3, video_length: 5, count: 2,
	});
	expect(batch.code).toBe(1000);
	const ids = (batch.data.successList as Array<{ _id: string }>).map((r) => r._id);
	expect(ids).toHaveLength(2);
	await waitFor(() => mock.inputFetches.length === 2);
	expect(mock.inputFetches.map((f) => f.jobId).sort()).toEqual([...ids].sort());
	expect(new Set(mock.inputFetches.map((f) => f.sha256))).toEqual(new Set([sha256(PHOTO)]));

	// face swap job/del while the download is still running; the download then fails: "Job cancelled" stays the reason
	mock.setOptions({ jobDurationMs: 5000, inputFetchTimeoutMs: 300 });
	const swap = await api.call('/api/open/v4/faceswap/faceswapByImage', { sourceImage: [{ path: signed('/hang') }], targetImage: [{ path: `${mock.url}/files/t.jpg` }] });
	const swapId = swap.data._id as string;
	expect((await api.call('/api/open/v3/faceswap/job/del', { job_ids: swap.data.job_id })).code).toBe(1000);
	await waitFor(() => fetchesOf(swapId).length === 1, 3000);
	expect(fetchesOf(swapId)[0].error).toBe('timed out after 300 ms');
	expect(mock.jobs.get(swapId)).toMatchObject({ cancelled: true, inputFailed: false, failReason: 'Job cancelled', status: 4 });
});

test('options are checked; POST /__mock/options takes fetchInputs', async () => {
	expect(() => mock.setOptions({ fetchInputs: 'some' as never })).toThrow(/fetchInputs must be one of signed, all, none/);
	expect(() => mock.setOptions({ inputFetchTimeoutMs: 0 })).toThrow(/inputFetchTimeoutMs/);
	const res = await fetch(`${mock.url}/__mock/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fetchInputs: 'none' }) });
	expect(res.status).toBe(200);
	const state = (await (await fetch(`${mock.url}/__mock/state`)).json()) as { options: { fetchInputs: string; inputFetchTimeoutMs: number }; inputFetches: unknown[] };
	expect(state.options).toMatchObject({ fetchInputs: 'none', inputFetchTimeoutMs: 10_000 });
	expect(state.inputFetches).toEqual([]);
});
