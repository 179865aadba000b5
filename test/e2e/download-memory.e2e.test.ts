/**
 * Result downloads in a real n8n whose binary data is stored in its database
 * (N8N_DEFAULT_BINARY_DATA_MODE=database, n8n 2.x's default in queue mode, here on the default
 * SQLite): n8n's DatabaseManager reads each file whole into one Buffer and refuses files over
 * N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (512 MiB by default).
 *
 * Between n8n and the Akool mock sits a small proxy (./file-proxy.js) that logs every result
 * file request (start, end, bytes passed on) and can slow files down, so that downloads overlap
 * and their concurrency shows. On n8n 1.x the database mode is enabled with
 * N8N_AVAILABLE_BINARY_DATA_MODES (1.x otherwise falls back to in-memory storage).
 */
import { randomUUID } from 'node:crypto';

import { SETTINGS } from '../../nodes/Akool/helpers/settings';
import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { startFileProxy } from './file-proxy';
import type { FileProxy } from './file-proxy';
import { N8N_MAJOR, startN8n } from './n8n';
import type { Execution, N8n } from './n8n';
import { AKOOL, sandboxCredential } from './workflows';

const MiB = 1024 * 1024;

let mock: MockAkool;
let proxy: FileProxy;
let n8n: N8n;
let credentialId: string;

beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 500, fileSize: 256 * 1024 });
	proxy = await startFileProxy(mock.url);
	mock.setOptions({ publicUrl: proxy.url }); // result URLs point at the proxy (the credential's host)
	n8n = await startN8n({
		env: {
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			...(N8N_MAJOR < 2 ? { N8N_AVAILABLE_BINARY_DATA_MODES: 'filesystem,database' } : {}),
		},
	});
	credentialId = await sandboxCredential(n8n, mock, { name: 'Akool sandbox (through the file proxy)', baseUrl: proxy.url });
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await proxy?.close();
	await mock?.close();
});

beforeEach(() => {
	proxy.reset();
	mock.clearLog();
});

/** Webhook → Code (one item per URL, as `resultUrl`) → Akool (parameters); runs it once and returns the ended execution. */
async function runWith(urlsOrCount: string[] | number, parameters: Record<string, unknown>): Promise<Execution> {
	const path = `memory-${randomUUID()}`;
	const items = typeof urlsOrCount === 'number' ? Array.from({ length: urlsOrCount }, (_, k) => `item-${k}`) : urlsOrCount;
	const workflow = await n8n.createWorkflow({
		name: `download memory ${path}`,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } },
			{
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((resultUrl) => ({ json: { resultUrl } }));` },
			},
			{ name: 'Akool', type: AKOOL, parameters, credentials: { akoolApi: { id: credentialId } } },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] },
		},
	});
	await n8n.activate(workflow.id);
	const posted = await n8n.postWebhook(n8n.webhookUrl(path), { go: true });
	expect(posted.status).toBe(200);
	const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => !['new', 'running', 'waiting'].includes(e.status)), 180_000);
	await n8n.deactivate(workflow.id).catch(() => undefined);
	return await n8n.execution(done.id);
}

const akoolOutput = (execution: Execution) => {
	const runs = execution.data!.resultData.runData.Akool;
	return runs?.[runs.length - 1]?.data?.main[0] ?? [];
};
const download = { resource: 'job', operation: 'download' };

describe(`n8n ${N8N_MAJOR}.x in database binary data mode`, () => {
	it('works on the default SQLite: a result is stored in the database (id database:…)', async () => {
		const job = mock.addJob({ store: 'i2v', status: 3 });
		const execution = await runWith([mock.resultUrl(job._id)], download);
		expect(execution.status).toBe('success');
		const [item] = akoolOutput(execution);
		expect(item.binary.data.id).toMatch(/^database:/);
		expect(proxy.files).toHaveLength(1);
		expect(proxy.files[0].bytes).toBe(256 * 1024);
	});

	it('refuses a 600 MB result before downloading it, naming the setting; n8n keeps working', async () => {
		const job = mock.addJob({ store: 'i2v', status: 3, fileSize: 600 * MiB });
		const execution = await runWith([mock.resultUrl(job._id)], download);
		expect(execution.status).toBe('error');
		const error = execution.data!.resultData.error as { message: string; description?: string };
		expect(error.message).toMatch(/larger than the 512\.0 MB n8n stores in database mode/);
		expect(error.description).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
		expect(error.description).toContain('Return As "URL"');
		// One GET, dropped after its headers: a few socket buffers passed, not the file.
		expect(proxy.files).toHaveLength(1);
		expect(proxy.files[0].complete).toBe(false);
		expect(proxy.files[0].bytes).toBeLessThan(16 * MiB);
		// The process survived and serves the next execution.
		expect(n8n.exited()).toBeUndefined();
		const small = mock.addJob({ store: 'i2v', status: 3 });
		expect((await runWith([mock.resultUrl(small._id)], download)).status).toBe('success');
	});

	it(`20 concurrent results (Max Concurrent Jobs 50): at most ${SETTINGS.bufferedDownloads} downloads in flight`, async () => {
		mock.setOptions({ fileSize: 2 * MiB });
		proxy.settings.bytesPerSecond = 8 * MiB; // 250 ms per file: unbounded, all 20 would overlap
		const execution = await runWith(20, {
			resource: 'imageToVideo',
			operation: 'create',
			imageUrl: 'https://example.com/cat.jpg',
			prompt: '={{ $json.resultUrl }}',
			returnAs: 'binary',
			options: { pollIntervalSeconds: 0.5, timeoutMinutes: 2, maxConcurrentJobs: 50 },
		});
		mock.setOptions({ fileSize: 256 * 1024 });
		expect(execution.status).toBe('success');
		const items = akoolOutput(execution);
		expect(items).toHaveLength(20);
		for (const item of items) expect(item.binary.data.id).toMatch(/^database:/);
		expect(proxy.files).toHaveLength(20);
		expect(proxy.files.every((file) => file.complete && file.bytes === 2 * MiB)).toBe(true);
		// From the log: the most requests whose [start, end] overlap at any moment.
		const most = proxy.mostAtOnce();
		expect(most).toBeLessThanOrEqual(SETTINGS.bufferedDownloads);
		expect(proxy.maxActive).toBeLessThanOrEqual(SETTINGS.bufferedDownloads);
		expect(most).toBeGreaterThan(1);
	});
});
