/**
 * Proves the real-n8n harness (./n8n.js) with a throwaway plain-JS community package, so it
 * does not depend on the state of our own package:
 *   Probe Trigger (webhook) → Probe Wait (putExecutionToWait + restartWebhook) → Probe Action (credential)
 * The Wait node hands `$execution.resumeUrl` to a local HTTP sink, like Akool would get a callback URL.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

import { startN8n, processGroupPids, N8N_MAJOR, OWNER, type N8n, type Execution } from './n8n';

const PKG = 'n8n-nodes-e2eprobe';
const TRIGGER_WEBHOOK_ID = '0b9a4b38-1111-4c6b-9a55-00000000e2e1';

const files: Record<string, string> = {
	'package.json': JSON.stringify(
		{
			name: PKG,
			version: '0.0.1',
			description: 'throwaway probe for the n8n e2e harness',
			keywords: ['n8n-community-node-package'],
			license: 'MIT',
			main: 'index.js',
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				credentials: ['dist/credentials/E2eProbeApi.credentials.js'],
				nodes: [
					'dist/nodes/ProbeTrigger.node.js',
					'dist/nodes/ProbeWait.node.js',
					'dist/nodes/ProbeAction.node.js',
				],
			},
			peerDependencies: { 'n8n-workflow': '*' },
		},
		null,
		2,
	),
	'index.js': 'module.exports = {};\n',
	'dist/credentials/E2eProbeApi.credentials.js': `
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		};
	}
}
module.exports = { E2eProbeApi };
`,
	'dist/nodes/ProbeTrigger.node.js': `
class ProbeTrigger {
	constructor() {
		this.description = {
			displayName: 'Probe Trigger',
			name: 'probeTrigger',
			group: ['trigger'],
			version: 1,
			description: 'e2e probe trigger',
			defaults: { name: 'Probe Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'probe' }],
			properties: [],
		};
		this.webhookMethods = {
			default: {
				async checkExists() { return true; },
				async create() { return true; },
				async delete() { return true; },
			},
		};
	}
	async webhook() {
		return {
			webhookResponse: { received: true },
			workflowData: [this.helpers.returnJsonArray([{ body: this.getBodyData() }])],
		};
	}
}
module.exports = { ProbeTrigger };
`,
	'dist/nodes/ProbeWait.node.js': `
class ProbeWait {
	constructor() {
		this.description = {
			displayName: 'Probe Wait',
			name: 'probeWait',
			group: ['transform'],
			version: 1,
			description: 'posts $execution.resumeUrl to a sink, then waits for it to be called',
			defaults: { name: 'Probe Wait' },
			inputs: ['main'],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '', restartWebhook: true }],
			properties: [{ displayName: 'Sink URL', name: 'sinkUrl', type: 'string', default: '' }],
		};
	}
	async execute() {
		const sinkUrl = this.getNodeParameter('sinkUrl', 0);
		const resumeUrl = this.evaluateExpression('{{ $execution.resumeUrl }}', 0);
		await this.helpers.httpRequest({ method: 'POST', url: sinkUrl + '/resume-url', body: { resumeUrl }, json: true });
		await this.putExecutionToWait(new Date(Date.now() + 10 * 60 * 1000));
		return [this.getInputData()];
	}
	async webhook() {
		return {
			webhookResponse: { resumed: true },
			workflowData: [this.helpers.returnJsonArray([{ resumedWith: this.getBodyData() }])],
		};
	}
}
module.exports = { ProbeWait };
`,
	'dist/nodes/ProbeAction.node.js': `
class ProbeAction {
	constructor() {
		this.description = {
			displayName: 'Probe Action',
			name: 'probeAction',
			group: ['transform'],
			version: 1,
			description: 'calls the sink with the credential',
			defaults: { name: 'Probe Action' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eProbeApi', required: true }],
			properties: [{ displayName: 'Sink URL', name: 'sinkUrl', type: 'string', default: '' }],
		};
	}
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const sinkUrl = this.getNodeParameter('sinkUrl', i);
			const res = await this.helpers.httpRequestWithAuthentication.call(this, 'e2eProbeApi', {
				method: 'POST', url: sinkUrl + '/action', body: { got: items[i].json }, json: true,
			});
			out.push({ json: { sinkSaid: res, input: items[i].json } });
		}
		return [out];
	}
}
module.exports = { ProbeAction };
`,
};

interface SinkRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: any;
}

function startSink(): Promise<{ url: string; requests: SinkRequest[]; close: () => Promise<void> }> {
	const requests: SinkRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: any = text;
			try {
				body = JSON.parse(text);
			} catch {
				/* text */
			}
			requests.push({ method: req.method || '', url: req.url || '', headers: req.headers, body });
			res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
			res.end(JSON.stringify({ ok: true, path: req.url }));
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as import('node:net').AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				close: () => new Promise<void>((r) => server.close(() => r())),
			});
		});
	});
}

async function waitFor<T>(what: string, fn: () => T | undefined, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const v = fn();
		if (v !== undefined) return v;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** process state letter from /proc (undefined when gone; zombies count as gone) */
function runningState(pid: number): string | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
		return state === 'Z' ? undefined : state;
	} catch {
		return undefined;
	}
}

const timings: Record<string, string> = {};
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

describe('real n8n harness (throwaway probe package)', () => {
	let pkgDir: string;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let n8n: N8n | undefined;
	let workflowId: string;
	let waitingId: string;
	let resumeUrl: string;
	let failed = false;

	beforeAll(async () => {
		pkgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-probe-pkg-'));
		for (const [rel, content] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(pkgDir, rel)), { recursive: true });
			fs.writeFileSync(path.join(pkgDir, rel), content);
		}
		sink = await startSink();
		const install = process.env.N8N_E2E_INSTALL;
		timings.install = !install || install === 'cached' ? 'cached' : secs(Number(install));
	});

	afterEach(() => {
		const state = (expect as any).getState();
		if (state.assertionCalls !== state.numPassingAsserts) failed = true;
	});

	afterAll(async () => {
		if (n8n && failed) process.stderr.write(`--- n8n log tail ---\n${n8n.logTail(80)}\n`);
		await n8n?.stop();
		await sink?.close();
		if (pkgDir) fs.rmSync(pkgDir, { recursive: true, force: true });
		process.stderr.write(
			`\n[n8n-e2e timings] ${Object.entries(timings)
				.map(([k, v]) => `${k}: ${v}`)
				.join(' | ')}\n`,
		);
	});

	test('starts n8n with the package installed as a community package, owner + API key ready', async () => {
		n8n = await startN8n({ packageDir: pkgDir });
		timings.packageInstall = secs(n8n.package!.ms);
		timings.start = `${secs(n8n.startMs)}${n8n.fromDbTemplate ? ' (migrated-DB template)' : ' (fresh DB)'}`;
		timings.ownerAndApiKey = secs(n8n.setupMs);
		expect(n8n.package).toMatchObject({ name: PKG, version: '0.0.1' });
		expect(n8n.apiKey).toBeTruthy();
		expect(fs.existsSync(path.join(n8n.userFolder, '.n8n/nodes/node_modules', PKG, 'dist/nodes/ProbeWait.node.js'))).toBe(true);
		// the internal REST API works with the owner's cookie
		const me = await n8n.rest('GET', '/login');
		expect(me.email).toBe(OWNER.email);
		// main + JS task runner, both on Node 24 from the install dir
		const procs = n8n.processes();
		expect(procs.map((p) => p.pid)).toContain(n8n.pid);
		const node24 = path.join(n8n.home, 'node24/node_modules/node/bin/node');
		expect(procs.map((p) => fs.readlinkSync(`/proc/${p.pid}/exe`))).toEqual(procs.map(() => node24));
	});

	test('workflow Probe Trigger → Probe Wait → Probe Action: webhook → waiting execution with a resume URL', async () => {
		const h = n8n!;
		const cred = await h.createCredential({ name: 'Probe key', type: 'e2eProbeApi', data: { apiKey: 'k-123' } });
		const wf = await h.createWorkflow(
			{
				name: 'e2e probe wait/resume',
				nodes: [
					{ name: 'Probe Trigger', type: `${PKG}.probeTrigger`, webhookId: TRIGGER_WEBHOOK_ID },
					{ name: 'Probe Wait', type: `${PKG}.probeWait`, webhookId: 'a2c0c8f4-2222-4c6b-9a55-00000000e2e2', parameters: { sinkUrl: sink.url } },
					{
						name: 'Probe Action',
						type: `${PKG}.probeAction`,
						parameters: { sinkUrl: sink.url },
						credentials: { e2eProbeApi: { id: 'placeholder', name: 'Probe key' } },
					},
				],
				connections: {
					'Probe Trigger': { main: [[{ node: 'Probe Wait', type: 'main', index: 0 }]] },
					'Probe Wait': { main: [[{ node: 'Probe Action', type: 'main', index: 0 }]] },
				},
			},
			{ credentials: { e2eProbeApi: cred.id } },
		);
		workflowId = wf.id;
		expect(wf.nodes.find((n: any) => n.name === 'Probe Action').credentials.e2eProbeApi.id).toBe(cred.id);
		await h.activate(workflowId);

		const t0 = Date.now();
		const res = await h.postWebhook(h.webhookUrl(TRIGGER_WEBHOOK_ID, 'probe'), { video_id: 'v1' });
		timings.webhookAnswered = `${secs(Date.now() - t0)} (${res.attempts} attempt${res.attempts > 1 ? 's' : ''})`;
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ received: true });

		const list = await h.waitForExecutions(workflowId, (l) => l.some((e) => e.status === 'waiting'), 20_000);
		timings.webhookToWaitingExecution = secs(Date.now() - t0);
		const waiting = list.find((e) => e.status === 'waiting')!;
		waitingId = waiting.id;
		expect(waiting.mode).toBe('webhook');
		expect(new Date(waiting.waitTill!).getTime()).toBeGreaterThan(Date.now() + 5 * 60 * 1000);

		const hit = await waitFor('resume URL at the sink', () => sink.requests.find((r) => r.url === '/resume-url'));
		resumeUrl = hit.body.resumeUrl;
		// n8n 2.x signs the resume URL with a per-execution token; 1.x has no resume token at all.
		const signature = N8N_MAJOR >= 2 ? '\\?signature=[0-9a-f]+' : '';
		expect(resumeUrl).toMatch(new RegExp(`^${h.url}/webhook-waiting/${waitingId}${signature}$`));
	});

	// n8n 1.x does not sign resume URLs (no resume token, waiting-webhooks.js checks nothing), so
	// there is no signature to get wrong.
	(N8N_MAJOR >= 2 ? test : test.skip)('a bad signature is refused with 401 and leaves the execution waiting', async () => {
		const h = n8n!;
		const bad = resumeUrl.replace(/signature=[0-9a-f]+/, 'signature=deadbeef');
		const res = await h.postWebhook(bad, { status: 3 });
		expect(res.status).toBe(401);
		expect((await h.execution(waitingId)).status).toBe('waiting');
	});

	test('POST to the resume URL → success, runData of all nodes readable, credential was used', async () => {
		const h = n8n!;
		const t0 = Date.now();
		const res = await h.postWebhook(resumeUrl, { status: 3, url: 'https://cdn.example/x.mp4' });
		expect(res.status).toBe(200);
		await h.waitForExecutions(workflowId, (l) => l.some((e) => e.id === waitingId && e.status === 'success'), 20_000);
		timings.resumeToSuccess = secs(Date.now() - t0);

		const ex: Execution = await h.execution(waitingId);
		expect(ex.status).toBe('success');
		const runData = ex.data!.resultData.runData;
		expect(Object.keys(runData).sort()).toEqual(['Probe Action', 'Probe Trigger', 'Probe Wait']);
		const out = (node: string) => runData[node].at(-1)!.data!.main[0]![0].json;
		expect(out('Probe Trigger')).toEqual({ body: { video_id: 'v1' } });
		expect(out('Probe Wait')).toEqual({ resumedWith: { status: 3, url: 'https://cdn.example/x.mp4' } });
		expect(out('Probe Action')).toEqual({
			sinkSaid: { ok: true, path: '/action' },
			input: { resumedWith: { status: 3, url: 'https://cdn.example/x.mp4' } },
		});
		const action = sink.requests.find((r) => r.url === '/action')!;
		expect(action.headers.authorization).toBe('Bearer k-123');

		// the resume URL is single-use
		expect((await h.postWebhook(resumeUrl, { again: true })).status).toBe(409);
	});

	test('stop() leaves no n8n or task-runner process behind', async () => {
		const h = n8n!;
		const before = h.processes();
		// main + JS task runner; n8n 1.x runs without task runners by default (N8N_RUNNERS_ENABLED=false)
		expect(before.length).toBeGreaterThanOrEqual(N8N_MAJOR >= 2 ? 2 : 1);
		const t0 = Date.now();
		await h.stop();
		timings.stop = secs(Date.now() - t0);
		expect(processGroupPids(h.pid)).toEqual([]);
		for (const p of before) expect(runningState(p.pid)).toBeUndefined();
		expect(fs.existsSync(h.userFolder)).toBe(false);
		n8n = undefined;
	});
});
