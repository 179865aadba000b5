/**
 * Binary files as inputs ("Binary" mode of every URL field): in n8n's real engine the node
 * publishes the input item's file through n8n's signed link (`helpers.createBinarySignedUrl`, served
 * by the harness the way n8n's BinaryDataController does) and sends that link; the Akool sandbox
 * downloads it when the job starts (option fetchInputs 'signed') and logs what arrived, so each test
 * proves Akool could read the very bytes of the file. The link never appears in the node's output or
 * errors. Where it cannot work (an n8n address Akool cannot reach, binary data kept in memory, a
 * file of the wrong kind or too large, a missing field) the run is refused before any request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { harnessRestUrl, MANUAL_TRIGGER_TYPE, setBinaryDataMode } from '../harness';
import type { MockAkool } from '../mock-akool';
import { waitFor } from '../unit/mock-helpers';
import { AKOOL_TYPE, run, runError, sha256, useMockAkool, withFastOptions } from './helpers';
import type { Workflow } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300 }, (started) => (mock = started), { jobDurationMs: 300, fetchInputs: 'signed' });

const MEDIA = join(__dirname, '..', 'mock-akool', 'media');
const PHOTO = readFileSync(join(MEDIA, 'sample.jpg'));
const AUDIO = readFileSync(join(MEDIA, 'sample.mp3'));
const PNG = readFileSync(join(MEDIA, 'sample.png'));

/**
 * What a Form Trigger with file fields gives: one item whose binary fields are stored by n8n
 * (prepareBinaryData, the harness's filesystem store), named by the node parameter `files`
 * (`field:fixture:mimeType`, comma-separated).
 */
const FIXTURES: Record<string, Buffer> = { 'sample.jpg': PHOTO, 'sample.mp3': AUDIO, 'sample.png': PNG };
const formFiles: INodeType = {
	description: {
		displayName: 'Form Files', name: 'formFiles', group: ['transform'], version: 1, description: 'gives stored binary files', defaults: { name: 'Form Files' },
		inputs: ['main'], outputs: ['main'],
		properties: [{ displayName: 'Files', name: 'files', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions) {
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const item: INodeExecutionData = { json: { submittedAt: 'now' }, binary: {}, pairedItem: { item: i } };
			for (const spec of (this.getNodeParameter('files', i) as string).split(',').filter(Boolean)) {
				const [field, fixture, mimeType] = spec.split(':');
				item.binary![field] = await this.helpers.prepareBinaryData(FIXTURES[fixture], fixture, mimeType);
			}
			out.push(item);
		}
		return [out];
	},
};
const FORM_FILES_TYPE = 'probe.formFiles';

/** Start → Form Files (`files`) → Akool (`parameters`). */
function fromForm(files: string, parameters: INodeParameters): Workflow {
	return {
		nodes: [
			{ id: 't', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'f', name: 'Form Files', type: FORM_FILES_TYPE, typeVersion: 1, position: [200, 0], parameters: { files } },
			{
				id: 'a', name: 'Akool', type: AKOOL_TYPE, typeVersion: 1, position: [400, 0], parameters,
				credentials: { akoolApi: { id: '1', name: 'Akool account' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Form Files', type: 'main', index: 0 }]] },
			'Form Files': { main: [[{ node: 'Akool', type: 'main', index: 0 }]] },
		},
	};
}
const runForm = (workflow: Workflow, extra: Parameters<typeof run>[2] = {}) => run(mock, workflow, { nodeTypes: { [FORM_FILES_TYPE]: formFiles }, ...extra });

const binaryField = (value: string) => ({ __rl: true, mode: 'binary', value });
const talkingPhoto = (parameters: INodeParameters = {}) =>
	withFastOptions({ resource: 'talkingPhoto', operation: 'create', photoUrl: binaryField('photo'), audioUrl: binaryField('speech'), ...parameters });
const TALKING_PHOTO = '/api/open/v3/content/video/createbytalkingphoto';
const FORM = 'photo:sample.jpg:image/jpeg,speech:sample.mp3:audio/mpeg';

/** The claims of an n8n signed link's token. */
function claimsOf(link: string): { id: string; exp: number; iat: number } {
	const token = new URL(link).searchParams.get('token')!;
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('Binary File inputs: published through n8n signed links that Akool downloads', () => {
	it('Talking Photo from a form: both files sent as signed links, downloaded by Akool with the same bytes, the video returned; no link in the output', async () => {
		const started = Math.floor(Date.now() / 1000);
		const result = await runForm(fromForm(FORM, talkingPhoto()));
		expect(result.status).toBe('success');

		const [create] = mock.apiRequests(TALKING_PHOTO);
		const body = create.body as IDataObject;
		const links = [body.talking_photo_url as string, body.audio_url as string];
		for (const link of links) expect(link.startsWith(`${harnessRestUrl()}/binary-data/signed?token=`)).toBe(true);
		// Expiry: the node waits at most its Timeout (1 minute here), so the link lives that plus an hour.
		for (const link of links) {
			const { exp } = claimsOf(link);
			expect(exp - started).toBeGreaterThanOrEqual(3600 + 60 - 5);
			expect(exp - started).toBeLessThanOrEqual(3600 + 60 + 5);
		}

		// Akool (the sandbox) read both files through those links: the same bytes.
		const fetches = mock.inputFetches.filter((fetch) => fetch.jobId === (result.output('Akool')[0].json.jobId as string));
		expect(fetches.map(({ path, status, bytes, sha256: hash, contentType }) => ({ path, status, bytes, hash, contentType })).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
			{ path: 'audio_url', status: 200, bytes: AUDIO.length, hash: sha256(AUDIO), contentType: 'audio/mpeg' },
			{ path: 'talking_photo_url', status: 200, bytes: PHOTO.length, hash: sha256(PHOTO), contentType: 'image/jpeg' },
		]);

		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ jobType: 'video', status: 3 });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		// The links are bearer links to the user's files: nowhere in what the node outputs.
		const output = JSON.stringify(result.output('Akool'));
		expect(output).not.toContain('binary-data/signed');
		for (const link of links) expect(output).not.toContain(new URL(link).searchParams.get('token')!);
	});

	it('Return Immediately: the link lives 24 hours (Akool may start the job late) and the queued record shows no link', async () => {
		const started = Math.floor(Date.now() / 1000);
		const result = await runForm(fromForm(FORM, talkingPhoto({ completion: 'returnImmediately' })));
		expect(result.status).toBe('success');
		const body = mock.apiRequests(TALKING_PHOTO)[0].body as IDataObject;
		expect(claimsOf(body.talking_photo_url as string).exp - started).toBeGreaterThanOrEqual(24 * 3600 - 5);
		const [item] = result.output('Akool');
		expect(item.json.status).toBe(1);
		expect(JSON.stringify(item.json)).not.toContain('binary-data/signed');
		// The node has returned; Akool still reads both files through the links.
		await waitFor(() => mock.inputFetches.length === 2);
		expect(mock.inputFetches.map((fetch) => [fetch.status, fetch.sha256]).sort()).toEqual([[200, sha256(AUDIO)], [200, sha256(PHOTO)]].sort());
	});

	it('a list input (Image → Generate V4 Source Images): several binary fields, each its own link, each downloaded', async () => {
		const result = await runForm(
			fromForm('first:sample.png:image/png,second:sample.jpg:image/jpeg', withFastOptions({ resource: 'image', operation: 'generateV4', prompt: 'two friends at the beach', options: { sourceImageUrls: binaryField('first, second') } })),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/content/image/createBySourcePrompt');
		const links = (create.body as IDataObject).source_images as string[];
		expect(links).toHaveLength(2);
		expect(new Set(links.map((link) => claimsOf(link).id)).size).toBe(2);
		const jobIds = new Set(result.output('Akool').map((item) => item.json.jobId));
		const hashes = mock.inputFetches.filter((fetch) => jobIds.has(fetch.jobId)).map((fetch) => fetch.sha256).sort();
		expect(hashes).toEqual([sha256(PNG), sha256(PHOTO)].sort());
	});

	it('an API error on the create does not carry the link', async () => {
		mock.fault({ path: TALKING_PHOTO, kind: '4xx-envelope', status: 400, code: 1003, msg: 'parameter error' });
		const result = await runForm(fromForm(FORM, talkingPhoto()));
		const error = runError(result);
		expect(JSON.stringify({ message: error.message, description: error.description, context: error.context })).not.toContain('binary-data/signed');
	});
});

describe('Binary File inputs: refused before any request where they cannot work', () => {
	const refused = async (workflow: Workflow, extra: Parameters<typeof run>[2] = {}) => {
		const result = await runForm(workflow, extra);
		const error = runError(result);
		if (!(error instanceof NodeOperationError)) throw error;
		expect(mock.apiRequests()).toHaveLength(0);
		expect(mock.inputFetches).toHaveLength(0);
		return error;
	};

	it("n8n's links are local (127.0.0.1) while the credential points at Akool's public API: names WEBHOOK_URL and the alternative", async () => {
		// An unreachable public-looking Base URL: had the node sent anything, the error would be a connection error, not this refusal.
		const error = await refused(fromForm(FORM, talkingPhoto()), { baseUrl: 'https://openapi.akool.invalid/' });
		expect(error.message).toContain('"Photo" cannot be a binary file here');
		expect(error.message).toContain('127.0.0.1');
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.description).toContain('public URL');
		expect(error.description).toContain('No request was sent to Akool');
	});

	it('a public n8n on plain http (WEBHOOK_URL=http://…) with Akool\'s public API: refused, the link would travel unencrypted', async () => {
		const error = await refused(fromForm(FORM, talkingPhoto()), { baseUrl: 'https://openapi.akool.invalid/', restApiUrl: 'http://n8n.example.com/rest' });
		expect(error.message).toContain('"Photo" cannot be a binary file here: n8n would publish it over plain http ("n8n.example.com")');
		expect(error.description).toContain('WEBHOOK_URL');
	});

	it('a public n8n on https with Akool\'s public API passes the checks: the create is sent (here to an unreachable Base URL)', async () => {
		const result = await runForm(fromForm(FORM, talkingPhoto()), { baseUrl: 'https://openapi.akool.invalid/', restApiUrl: 'https://n8n.example.com/rest' });
		expect(runError(result).message).toContain('(POST /api/open/v3/content/video/createbytalkingphoto)');
	});

	it('the file of one item is wrong: no job is created for any item (checked before the first paid create)', async () => {
		const good = { json: {}, binary: {} };
		const workflow = fromForm(FORM, talkingPhoto({ photoUrl: binaryField('={{ $itemIndex === 0 ? "photo" : "speech" }}') }));
		const error = await refused(workflow, { inputItems: [good, good] });
		expect(error.message).toContain('"Photo" is the binary field "speech" of type "audio/mpeg", not image');
		expect((error as unknown as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('a binary field the item does not have: names the fields it has', async () => {
		const error = await refused(fromForm(FORM, talkingPhoto({ audioUrl: binaryField('voice') })));
		expect(error.message).toContain('"Audio" is set to the binary field "voice", which the input item does not have');
		expect(error.description).toContain('photo, speech');
	});

	it("a file larger than Akool takes (Voice → Clone Voice: 30 MB) is refused by n8n's recorded size", async () => {
		const big = { json: {}, binary: { voice: { data: '', mimeType: 'audio/mpeg', fileName: 'talk.mp3', bytes: 31_000_000 } } };
		const workflow: Workflow = {
			nodes: [
				{ id: 't', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
				{
					id: 'a', name: 'Akool', type: AKOOL_TYPE, typeVersion: 1, position: [200, 0] as [number, number],
					parameters: withFastOptions({ resource: 'voice', operation: 'cloneVoice', sourceVoiceFileUrl: binaryField('voice') }),
					credentials: { akoolApi: { id: '1', name: 'Akool account' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
		};
		const error = await refused(workflow, { inputItems: [big] });
		expect(error.message).toContain('31.0 MB, more than Akool takes here (30 MB)');
	});

	it('binary data kept in memory (N8N_DEFAULT_BINARY_DATA_MODE=default): n8n cannot sign it, the refusal says so', async () => {
		const previous = setBinaryDataMode('default');
		try {
			const error = await refused(fromForm(FORM, talkingPhoto()));
			expect(error.message).toContain('"Photo" cannot be published for Akool');
			expect(error.description).toContain('N8N_DEFAULT_BINARY_DATA_MODE');
		} finally {
			setBinaryDataMode(previous);
		}
	});

	it('an n8n without createBinarySignedUrl (before 1.90.0): refused, naming the version', async () => {
		const older: INodeType = {
			description: { ...formFiles.description, name: 'olderN8n' },
			async execute(this: IExecuteFunctions) {
				return await formFiles.execute!.call(this);
			},
		};
		// An Akool node whose helpers lack createBinarySignedUrl, as on n8n before 1.90.0 (n8n-io/n8n#14492).
		const { Akool } = await import('../../nodes/Akool/Akool.node');
		const akool = new Akool();
		const execute = akool.execute;
		akool.execute = async function (this: IExecuteFunctions) {
			const helpers = { ...this.helpers, createBinarySignedUrl: undefined } as unknown as IExecuteFunctions['helpers'];
			const context = this;
			const older = new Proxy(context, {
				get: (target, key) => {
					if (key === 'helpers') return helpers;
					const value = Reflect.get(target, key) as unknown;
					return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
				},
			});
			return await execute.call(older);
		};
		const error = await refused(fromForm(FORM, talkingPhoto()), { akool, nodeTypes: { [FORM_FILES_TYPE]: older } });
		expect(error.message).toContain('"Photo" cannot be a binary file on this n8n');
		expect(error.description).toContain('1.90.0');
	});
});
