/**
 * The harness serves n8n's signed binary-data URLs as a real n8n 2.41.1 does: a node's
 * `this.helpers.createBinarySignedUrl(binary, expiresIn)` gives `${restApiUrl}/binary-data/signed?token=<JWT>`,
 * and `restApiUrl` is the harness's local server, which answers like n8n's BinaryDataController.getSigned
 * (bytes + content type; 400 for a bad or expired token or id; 404 when the file is gone). In memory mode
 * n8n-core cannot sign (no id). The Akool sandbox can read such a URL (option fetchInputs, default 'signed').
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { IBinaryData, IExecuteFunctions, INode, INodeType } from 'n8n-workflow';

import { harnessRestUrl, MANUAL_TRIGGER_TYPE, runWorkflow, setBinaryDataMode, type RunOptions, type RunResult } from '../harness';
import { startMockAkool, type MockAkool } from '../mock-akool';
import { waitFor } from './mock-helpers';

const PHOTO = randomBytes(200 * 1024 + 7);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Stores PHOTO as the item's binary (prepareBinaryData) and signs it; `id` (when set) signs another id instead. */
const signer: INodeType = {
	description: {
		displayName: 'Signer', name: 'signer', group: ['transform'], version: 1, description: 'signs', defaults: { name: 'Signer' },
		inputs: ['main'], outputs: ['main'],
		properties: [
			{ displayName: 'Expires In', name: 'expiresIn', type: 'string', default: '1h' },
			{ displayName: 'ID', name: 'id', type: 'string', default: '' },
		],
	},
	async execute(this: IExecuteFunctions) {
		const data = await this.helpers.prepareBinaryData(PHOTO, 'photo one.png', 'image/png');
		const id = this.getNodeParameter('id', 0) as string;
		const url = this.helpers.createBinarySignedUrl(id ? ({ ...data, id } as IBinaryData) : data, this.getNodeParameter('expiresIn', 0) as string);
		return [[{ json: { url }, binary: { data }, pairedItem: { item: 0 } }]];
	},
};

async function sign(parameters: { expiresIn?: string; id?: string } = {}): Promise<{ url: string; result: RunResult }> {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 's', name: 'Signer', type: 'probe.signer', typeVersion: 1, position: [200, 0], parameters },
	];
	const options: RunOptions = { nodeTypes: { 'probe.signer': signer }, credentialTypes: [], credentials: {} };
	const result = await runWorkflow({ nodes, connections: { Start: { main: [[{ node: 'Signer', type: 'main', index: 0 }]] } } }, options);
	return { url: result.status === 'success' ? (result.output('Signer')[0].json.url as string) : '', result };
}

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
const withToken = (url: string, token: string) => `${url.split('?')[0]}?token=${token}`;
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An HS256 JWT for `payload` signed with `secret`. */
function jwt(payload: Record<string, unknown>, secret: string) {
	const head = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
	return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

async function get(url: string, method = 'GET') {
	const res = await fetch(url, { method });
	return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

test('createBinarySignedUrl points at the harness restApiUrl; the URL gives the stored bytes with their type', async () => {
	const { url, result } = await sign();
	expect(result.status).toBe('success');
	expect(harnessRestUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest$/);
	expect(url).toMatch(new RegExp(`^${harnessRestUrl().replace(/\./g, '\\.')}/binary-data/signed\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
	const [item] = result.output('Signer');
	expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
	expect(JSON.parse(Buffer.from(tokenOf(url).split('.')[1], 'base64url').toString())).toMatchObject({ id: item.binary?.data.id, exp: expect.any(Number) });

	const answer = await get(url);
	expect(answer.status).toBe(200);
	expect(answer.bytes.equals(PHOTO)).toBe(true);
	expect(answer.headers.get('content-type')).toBe('image/png');
	expect(answer.headers.get('content-length')).toBe(String(PHOTO.length));
	expect(answer.headers.get('content-disposition')).toBe('attachment; filename="photo%20one.png"');
	expect(answer.headers.get('content-security-policy')).toMatch(/^sandbox /);
	// as often as asked (a signed URL is not single-use), HEAD too
	expect((await get(url)).bytes.equals(PHOTO)).toBe(true);
	const head = await get(url, 'HEAD');
	expect([head.status, head.bytes.length, head.headers.get('content-length')]).toEqual([200, 0, String(PHOTO.length)]);
});

test('a tampered, foreign, expired or malformed token is refused with 400, as n8n does', async () => {
	const { url } = await sign();
	const token = tokenOf(url);
	const [header, payload, signature] = token.split('.');
	const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
	const tamperedPayload = `${header}.${b64url({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), id: 'filesystem-v2:other' })}.${signature}`;

	const tampered = await get(withToken(url, flipped));
	expect([tampered.status, tampered.bytes.toString()]).toEqual([400, 'invalid signature']);
	expect((await get(withToken(url, tamperedPayload))).bytes.toString()).toBe('invalid signature');
	const id = JSON.parse(Buffer.from(payload, 'base64url').toString()).id as string;
	const foreign = await get(withToken(url, jwt({ id }, 'not-the-harness-secret')));
	expect([foreign.status, foreign.bytes.toString()]).toEqual([400, 'invalid signature']);

	const { url: expired } = await sign({ expiresIn: '-10s' });
	expect(await get(expired).then((r) => [r.status, r.bytes.toString()])).toEqual([400, 'jwt expired']);

	// the query DTO (zod) answers as JSON
	const malformed = await get(withToken(url, 'not-a-jwt'));
	expect(malformed.status).toBe(400);
	expect(JSON.parse(malformed.bytes.toString())).toMatchObject({ code: 'invalid_string', message: 'Token must be a valid JWT format', path: ['token'] });
	const missing = await get(url.split('?')[0]);
	expect([missing.status, JSON.parse(missing.bytes.toString()).message]).toEqual([400, 'Required']);
	// other paths are not served
	expect((await get(`${harnessRestUrl()}/binary-data?token=${token}`)).status).toBe(404);
});

test('a signed id that is not a stored file: 400 for a bad id, 404 when the file is gone', async () => {
	const bad = await sign({ id: 'default:abc' });
	expect(await get(bad.url).then((r) => [r.status, r.bytes.toString()])).toEqual([400, 'Invalid binary data mode']);
	const traversal = await sign({ id: 'filesystem-v2:workflows/../../etc/passwd' });
	expect(await get(traversal.url).then((r) => [r.status, r.bytes.toString()])).toEqual([400, 'Malformed binary data ID']);
	const gone = await sign({ id: 'filesystem-v2:workflows/harness/executions/0/binary_data/00000000-0000-0000-0000-000000000000' });
	const answer = await get(gone.url);
	expect([answer.status, answer.bytes.length]).toEqual([404, 0]);
});

test('in memory mode createBinarySignedUrl throws (n8n-core: no id to sign)', async () => {
	await sign(); // the harness is set up
	const previous = setBinaryDataMode('default');
	try {
		const { result } = await sign();
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('URL signing is not available in memory mode');
	} finally {
		setBinaryDataMode(previous);
	}
});

describe('the Akool sandbox reads the signed URL (fetchInputs: signed)', () => {
	let mock: MockAkool;
	beforeAll(async () => (mock = await startMockAkool({ jobDurationMs: 200 })));
	afterAll(async () => await mock.close());

	async function talkingPhoto(photoUrl: string): Promise<string> {
		const res = await fetch(`${mock.url}/api/open/v3/content/video/createbytalkingphoto`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
			body: JSON.stringify({ talking_photo_url: photoUrl, audio_url: `${mock.url}/files/voice.mp3` }),
		});
		const answer = (await res.json()) as { code: number; data: { _id: string } };
		expect(answer.code).toBe(1000);
		return answer.data._id;
	}

	test('a valid URL: the sandbox gets the same bytes and the job finishes', async () => {
		const { url } = await sign();
		const id = await talkingPhoto(url);
		await waitFor(() => mock.jobs.get(id)!.status === 3, 3000);
		expect(mock.inputFetches).toEqual([
			expect.objectContaining({ jobId: id, path: 'talking_photo_url', status: 200, bytes: PHOTO.length, sha256: sha256(PHOTO), contentType: 'image/png' }),
		]);
		expect(mock.inputFetches[0].url).toBe(`${harnessRestUrl()}/binary-data/signed?token=…`);
		expect(JSON.stringify(mock.inputFetches)).not.toContain(tokenOf(url));
	});

	test('an expired URL: the job fails with the reason', async () => {
		mock.clearLog();
		const { url } = await sign({ expiresIn: '-10s' });
		const id = await talkingPhoto(url);
		await waitFor(() => mock.jobs.get(id)!.status === 4, 3000);
		expect(mock.jobs.get(id)!.failReason).toBe('Failed to download the input file: HTTP 400 Bad Request (talking_photo_url)');
		expect(mock.inputFetches).toEqual([expect.objectContaining({ status: 400, bytes: 'jwt expired'.length })]);
	});
});
