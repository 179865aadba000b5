/**
 * "Wait for Callback" survives an n8n restart: the execution waits in the database, n8n is stopped
 * and started again on the same user folder and port (so the resume URL Akool holds stays valid),
 * and Akool's callback, which arrives only after the restart, resumes the execution to success.
 *
 * Runs on n8n 2.x (the mode is refused on 1.x, see akool.e2e.test.ts).
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startMockAkool } from '../mock-akool';
import type { MockAkool, MockJob } from '../mock-akool';
import { freePort, N8N_MAJOR, startN8n } from './n8n';
import type { Execution, N8n } from './n8n';
import { sandboxCredential, until as sharedUntil } from './workflows';

const AKOOL = 'n8n-nodes-akool.akool';
/** From the create call to Akool's final callback: longer than stop + start (about 12 s here). */
const JOB_MS = 30_000;
const CREATE = '/api/open/v4/characterSwap/create';

let mock: MockAkool;
let n8n: N8n | undefined;
let userFolder: string;
const timings: Record<string, string> = {};

beforeAll(async () => {
	// Should n8n still be down when the job ends, the mock keeps re-sending the callback for 30 s.
	mock = await startMockAkool({ callbackRetries: 10, callbackRetryDelayMs: 3_000 });
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-restart-'));
});

afterAll(async () => {
	// eslint-disable-next-line no-console
	console.log(`restart timings:\n${Object.entries(timings).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
	await n8n?.stop();
	await mock?.close();
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
});

const until = <T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs?: number) =>
	sharedUntil<T>(n8n, what, fn, timeoutMs);

(N8N_MAJOR >= 2 ? it : it.skip)(
	'a waiting execution is resumed by a callback that arrives after n8n was restarted',
	async () => {
		const port = await freePort();
		n8n = await startN8n({ port, userFolder });
		const credentialId = await sandboxCredential(n8n, mock);
		const webhookPath = `restart-${randomUUID()}`;
		const workflow = await n8n.createWorkflow({
			name: 'Wait for Callback across a restart',
			nodes: [
				{
					name: 'Start',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived' },
				},
				{
					name: 'Akool',
					type: AKOOL,
					parameters: {
						resource: 'characterSwap',
						operation: 'create',
						imageUrl: 'https://example.com/hero.png',
						videoUrl: 'https://example.com/dance.mp4',
						completion: 'waitForCallback',
						returnAs: 'url',
					},
					credentials: { akoolApi: { id: credentialId } },
				},
			],
			connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
		});
		await n8n.activate(workflow.id);

		mock.nextJobs({ durationMs: JOB_MS });
		expect((await n8n.postWebhook(n8n.webhookUrl(webhookPath), { go: true })).status).toBe(200);
		const first = n8n;
		const waiting = await until('a waiting execution', async () =>
			(await first.executions(workflow.id)).find((e) => e.status === 'waiting'),
		);
		const job: MockJob = await until('the job', () =>
			[...mock.jobs.values()].find((j) => j.webhookUrl?.includes(`/webhook-waiting/${waiting.id}`)),
		);
		expect(job.webhookUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/webhook-waiting/${waiting.id}\\b`));

		// Restart: same user folder (database, encryption key, community package) and same port.
		const stopAt = Date.now();
		await first.stop();
		const stoppedAt = Date.now();
		expect(first.exited()).toBeDefined();
		n8n = await startN8n({ port, userFolder });
		const readyAt = Date.now();
		timings['stop (SIGTERM → exited)'] = `${stoppedAt - stopAt} ms`;
		timings['start again (spawn → ready, owner login, API key)'] = `${readyAt - stoppedAt} ms (n8n ready after ${n8n.startMs} ms)`;
		timings['restart total (stop → ready)'] = `${readyAt - stopAt} ms`;
		const jobEndsAt = job.createdAt + job.durationMs;
		timings['job ends after the restart by'] = `${jobEndsAt - readyAt} ms`;
		const second = n8n;

		const before = await second.execution(waiting.id);
		expect(before.status).toBe('waiting');
		// Normally none: the job ends after the restart. On a slow machine the mock's retries cover it.
		timings['callback attempts while n8n was down'] = String(job.callbacks.filter((c) => c.at < readyAt).length);

		const delivered = await until(
			'the final callback',
			() => job.callbacks.find((c) => c.status === 3 && c.httpStatus === 200),
			JOB_MS + 45_000,
		);
		expect(delivered.at).toBeGreaterThan(readyAt);
		const done: Execution = await until('the resumed execution', async () => {
			const execution = await second.execution(waiting.id);
			return execution.status === 'success' || execution.status === 'error' ? execution : undefined;
		});
		timings['callback → execution success'] = `${new Date(done.stoppedAt!).getTime() - delivered.at} ms`;
		timings['callback attempts'] = job.callbacks.map((c) => c.httpStatus ?? c.error).join(', ');
		expect(done.data?.resultData.error).toBeUndefined();
		expect(done.status).toBe('success');

		const runs = done.data!.resultData.runData.Akool;
		const [item] = runs[runs.length - 1].data!.main[0]!;
		expect(item.json).toMatchObject({ jobId: job._id, status: 3, statusText: 'completed', resultUrl: mock.resultUrl(job._id) });
		expect(item.binary).toBeUndefined();
		expect(mock.apiRequests(CREATE)).toHaveLength(1);
		expect(await second.executions(workflow.id)).toHaveLength(1);
	},
	180_000,
);

it('the Akool Trigger runs the workflow once per event, also when Akool delivers it again after a restart (n8n\'s deduplication store, not process memory)', async () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-dedupe-'));
	try {
		const port = await freePort();
		n8n = await startN8n({ port, userFolder: folder });
		const credentialId = await sandboxCredential(n8n, mock);
		const webhookId = randomUUID();
		const workflow = await n8n.createWorkflow({
			name: 'Akool Trigger across a restart',
			nodes: [
				{ name: 'Akool Trigger', type: 'n8n-nodes-akool.akoolTrigger', webhookId, parameters: { events: ['completed', 'failed'] }, credentials: { akoolApi: { id: credentialId } } },
				{ name: 'Work', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			],
			connections: { 'Akool Trigger': { main: [[{ node: 'Work', type: 'main', index: 0 }]] } },
		});
		await n8n.activate(workflow.id);
		const url = n8n.webhookUrl(webhookId, 'akool');
		const payload = { _id: 'cccccccccccccccccccccccc', status: 3, type: 'faceswap', url: 'https://example.com/result.mp4' };
		/** Delivers until n8n answers 200 (right after a start the webhook may not be registered yet). */
		const deliver = async () => await until('n8n to take the callback', async () => ((await mock.deliverCallback(url, payload)).status === 200 ? true : undefined));
		/** Executions of the workflow, each with whether the step after the trigger ran. */
		const worked = async (server: N8n) =>
			await Promise.all((await server.executions(workflow.id)).map(async (e) => Boolean((await server.execution(e.id)).data?.resultData.runData.Work)));

		await deliver();
		const first = n8n;
		await until('the first execution', async () => ((await worked(first)).length === 1 && (await first.executions(workflow.id))[0].status === 'success' ? true : undefined));
		expect(await worked(first)).toEqual([true]);

		// Restart (a new process: nothing in memory), then Akool delivers the same event again.
		await first.stop();
		n8n = await startN8n({ port, userFolder: folder });
		const second = n8n;
		await deliver();
		await until('the repeat\'s execution to end', async () => {
			const list = await second.executions(workflow.id);
			return list.length === 2 && list.every((e) => e.status === 'success') ? true : undefined;
		});
		// n8n starts an execution for the repeat, which ends at the trigger: the workflow's work ran once.
		expect((await worked(second)).filter(Boolean)).toHaveLength(1);
		timings['trigger repeat after a restart'] = 'an execution that stops at the trigger (no items); the workflow ran once';
	} finally {
		await n8n?.stop();
		n8n = undefined;
		fs.rmSync(folder, { recursive: true, force: true });
	}
}, 180_000);
