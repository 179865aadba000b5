/**
 * Proof that test/harness runs workflows through real n8n-core: credentials, streaming binary
 * data, wait, errors/continueOnFail, cancellation and loadOptions. Probe nodes only (not the
 * Akool node) and a throwaway HTTP server on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	NodeOperationError,
	sleep,
	type ICredentialType,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { Readable } from 'node:stream';

import { loadOptions, runWorkflow, MANUAL_TRIGGER_TYPE, type RunOptions } from '../harness';

// ---------- throwaway server ----------
const BIG = randomBytes(1024 * 1024);
const seen: Array<{ url: string; apiKey?: string; body: string }> = [];
let server: Server;
let baseUrl: string;

const readBody = async (req: IncomingMessage) => {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const body = await readBody(req);
		const apiKey = req.headers['x-api-key'] as string | undefined;
		seen.push({ url: req.url ?? '', apiKey, body });
		if (req.url === '/big') {
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			for (let i = 0; i < BIG.length; i += 64 * 1024) res.write(BIG.subarray(i, i + 64 * 1024));
			res.end();
		} else if (req.url === '/things') {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ data: [{ id: 'a1', title: 'Alpha' }, { id: 'b2', title: 'Beta' }] }));
		} else {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ok: true, apiKey: apiKey ?? null, echo: body ? JSON.parse(body) : null }));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections(); // n8n-core's HTTP client keeps sockets alive
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => (seen.length = 0));

// ---------- probe credential + node types ----------
const probeApi = (headerExpression = '={{$credentials.apiKey}}'): ICredentialType => ({
	name: 'probeApi',
	displayName: 'Probe API',
	properties: [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:1' },
	],
	authenticate: { type: 'generic', properties: { headers: { 'x-api-key': headerExpression } } },
});

const describeProbe = (name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: 1,
	description: name,
	defaults: { name },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'probeApi', required: true }],
	properties: [],
	...extra,
});

const probe = (name: string, execute: INodeType['execute'], extra?: Partial<INodeTypeDescription>): INodeType => ({
	description: describeProbe(name, extra),
	execute,
});

const nodeTypes: RunOptions['nodeTypes'] = {
	'probe.auth': probe('auth', async function (this: IExecuteFunctions) {
		const { baseUrl: url } = await this.getCredentials<{ baseUrl: string }>('probeApi');
		const out: INodeExecutionData[] = [];
		for (const [i, item] of this.getInputData().entries()) {
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', {
				method: 'POST',
				url: `${url}/echo`,
				body: { name: item.json.name },
				json: true,
			});
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}),
	'probe.download': probe('download', async function (this: IExecuteFunctions) {
		const { baseUrl: url } = await this.getCredentials<{ baseUrl: string }>('probeApi');
		const res = (await this.helpers.httpRequest({ url: `${url}/big`, encoding: 'stream', returnFullResponse: true })) as {
			body: Readable;
			statusCode: number;
		};
		const data = await this.helpers.prepareBinaryData(res.body, 'f.bin', 'application/octet-stream');
		return [[{ json: { statusCode: res.statusCode }, binary: { data }, pairedItem: { item: 0 } }]];
	}),
	'probe.wait': probe('wait', async function (this: IExecuteFunctions) {
		const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0) as string;
		await this.putExecutionToWait(new Date(this.getNodeParameter('until', 0) as string));
		return [[{ json: { resumeUrl }, pairedItem: { item: 0 } }]];
	}, { credentials: [], properties: [{ displayName: 'Until', name: 'until', type: 'string', default: '' }] }),
	'probe.fail': probe('fail', async function (this: IExecuteFunctions) {
		try {
			throw new NodeOperationError(this.getNode(), 'probe failed', { description: 'probe details', itemIndex: 0 });
		} catch (error) {
			// the pattern n8n nodes use; continueOnFail() reflects the node's onError setting
			if (this.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
			throw error;
		}
	}, { credentials: [] }),
	'probe.throw': probe('throw', async function (this: IExecuteFunctions) {
		throw new NodeOperationError(this.getNode(), 'always throws');
	}, { credentials: [] }),
	'probe.sleep': probe('sleep', async function (this: IExecuteFunctions) {
		await sleep(10_000, this.getExecutionCancelSignal());
		return [this.getInputData()];
	}, { credentials: [] }),
	'probe.noop': probe('noop', async function (this: IExecuteFunctions) {
		return [this.getInputData()];
	}, { credentials: [] }),
};

/** Manual Trigger → probe node(s) in a chain. */
function chain(...steps: Array<Partial<INode> & { type: string }>) {
	const nodes: INode[] = [
		{ id: 't', name: 'Trigger', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map((s, i) => ({ id: `n${i}`, name: s.type.slice(6), typeVersion: 1, position: [200 * (i + 1), 0] as [number, number], parameters: {}, ...s })),
	];
	const connections = Object.fromEntries(
		nodes.slice(0, -1).map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main' as const, index: 0 }]] }]),
	);
	return { nodes, connections };
}

const opts = (extra: Partial<RunOptions> = {}): RunOptions => ({
	nodeTypes,
	credentialTypes: [probeApi()],
	credentials: { probeApi: { apiKey: 'k-123', baseUrl } },
	...extra,
});

// ---------- tests ----------
test('generic credential auth is applied by n8n-core; output and pairedItem come through', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'harness-wf-'));
	const file = join(dir, 'wf.json');
	writeFileSync(file, JSON.stringify(chain({ type: 'probe.auth' }, { type: 'probe.noop' })));
	const result = await runWorkflow(file, opts({ inputItems: [{ json: { name: 'x' } }, { json: { name: 'y' } }] }));

	expect(result.status).toBe('success');
	expect(seen.map((r) => r.apiKey)).toEqual(['k-123', 'k-123']);
	expect(result.output('auth').map((i) => i.json)).toEqual([
		{ ok: true, apiKey: 'k-123', echo: { name: 'x' } },
		{ ok: true, apiKey: 'k-123', echo: { name: 'y' } },
	]);
	expect(result.output('noop').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.output('auth').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('a wrong credential definition is caught (expression resolves to nothing)', async () => {
	const result = await runWorkflow(chain({ type: 'probe.auth' }), opts({ credentialTypes: [probeApi('={{$credentials.apiKeyTypo}}')] }));
	expect(result.status).toBe('success');
	expect(seen[0].apiKey).toBe('');
});

test('streamed 1 MB download becomes filesystem binary data with the same bytes', async () => {
	const result = await runWorkflow(chain({ type: 'probe.download' }), opts());
	expect(result.status).toBe('success');
	const [item] = result.output('download');
	expect(item.binary?.data).toMatchObject({ fileName: 'f.bin', mimeType: 'application/octet-stream', bytes: BIG.length });
	expect(item.binary?.data.id).toMatch(/^filesystem-v2:/); // stored on disk, not base64 in the item
	expect((await result.binaryBuffer(item)).equals(BIG)).toBe(true);
});

test('putExecutionToWait → waiting, waitTill, signed resume URL; downstream not run', async () => {
	const until = new Date(Date.now() + 60_000);
	const result = await runWorkflow(
		chain({ type: 'probe.wait', parameters: { until: until.toISOString() } }, { type: 'probe.noop' }),
		opts({ webhookWaitingBaseUrl: 'http://example.test:5678/webhook-waiting' }),
	);
	expect(result.status).toBe('waiting');
	expect(result.waitTill).toEqual(until);
	expect(result.output('wait')[0].json.resumeUrl).toMatch(/^http:\/\/example\.test:5678\/webhook-waiting\/\d+\?signature=[0-9a-f]{64}$/);
	expect(result.runData.noop).toBeUndefined();
});

test('NodeOperationError fails the run; onError continueRegularOutput continues with the error json', async () => {
	const failed = await runWorkflow(chain({ type: 'probe.fail' }, { type: 'probe.noop' }), opts());
	expect(failed.status).toBe('error');
	expect(failed.error).toBeInstanceOf(NodeOperationError);
	expect(failed.error).toMatchObject({ message: 'probe failed', description: 'probe details' });
	expect(failed.nodeError('fail')).toBe(failed.error);
	expect(failed.runData.noop).toBeUndefined();

	const continued = await runWorkflow(chain({ type: 'probe.fail', onError: 'continueRegularOutput' }, { type: 'probe.noop' }), opts());
	expect(continued.status).toBe('success');
	expect(continued.output('fail')).toEqual([{ json: { error: 'probe failed' }, pairedItem: { item: 0 } }]);
	expect(continued.output('noop').map((i) => i.json)).toEqual([{ error: 'probe failed' }]);

	// a node that ignores continueOnFail: n8n-core passes its input through and keeps the error on the task
	const passed = await runWorkflow(chain({ type: 'probe.throw', onError: 'continueRegularOutput' }, { type: 'probe.noop' }), opts({ inputItems: [{ json: { a: 1 } }] }));
	expect(passed.status).toBe('success');
	expect(passed.output('throw').map((i) => i.json)).toEqual([{ a: 1 }]);
	expect(passed.nodeError('throw')).toBeInstanceOf(NodeOperationError);
	expect(passed.output('noop')).toHaveLength(1);
});

test('aborting options.signal aborts getExecutionCancelSignal() and ends the run quickly', async () => {
	const controller = new AbortController();
	setTimeout(() => controller.abort(), 200);
	const result = await runWorkflow(chain({ type: 'probe.sleep' }, { type: 'probe.noop' }), opts({ signal: controller.signal }));
	expect(result.durationMs).toBeLessThan(2000);
	expect(result.status).toBe('canceled');
	expect(result.runData.noop).toBeUndefined();
});

test('loadOptions runs a node method through LoadOptionsContext with credentials', async () => {
	const withMethods: INodeType = {
		...nodeTypes['probe.noop'],
		description: describeProbe('lister'),
		methods: {
			loadOptions: {
				async getThings(this: ILoadOptionsFunctions) {
					const { baseUrl: url } = await this.getCredentials<{ baseUrl: string }>('probeApi');
					const res = await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', { url: `${url}/things`, json: true });
					return (res.data as Array<{ id: string; title: string }>).map((t) => ({ name: t.title, value: t.id }));
				},
			},
		},
	} as INodeType;
	const node: INode = { id: 'l', name: 'Lister', type: 'probe.lister', typeVersion: 1, position: [0, 0], parameters: {} };
	const options = await loadOptions(withMethods, 'getThings', node, {
		credentialTypes: [probeApi()],
		credentials: { probeApi: { apiKey: 'k-123', baseUrl } },
	});
	expect(options).toEqual([{ name: 'Alpha', value: 'a1' }, { name: 'Beta', value: 'b2' }]);
	expect(seen[0]).toMatchObject({ url: '/things', apiKey: 'k-123' });
});
