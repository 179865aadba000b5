/**
 * Our package in n8n 2.41.1 in queue mode, the way it is scaled in production: Redis and
 * PostgreSQL, a main process, two workers and a webhook process (./cluster.js), each n8n with the
 * community package installed, against the Akool mock in this jest process.
 *
 * - 40 webhook-started character swaps at once, half through main and half through the webhook
 *   process: every execution succeeds, and both workers run some (which worker ran an execution is
 *   read from the worker logs: n8n's executions API does not say).
 * - The Akool Trigger's repeat protection across processes: the same signed callback delivered
 *   to the webhook process, then to main, then to the webhook process again runs the workflow's
 *   work once (n8n's deduplication store, in PostgreSQL, is shared by every process).
 * - Wait for Callback: paused on a worker, resumed through the webhook process on a worker, to the
 *   file — also with saveDataSuccessExecution "none" (n8n issue 32424 does not show here).
 * - A 300 MB result in database mode (queue mode's default): stored, the worker survives.
 * - A worker killed while it polls: the other worker's executions succeed; the lost jobs are in the
 *   dead worker's log ("Akool job created: …") and Job → Wait finishes them.
 * - The same burst with one worker left: throughput 2 workers vs 1.
 */
import { randomUUID } from 'node:crypto';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import type { Execution, N8n } from '../e2e/n8n';
import { sandboxCredential, webhookStartedWorkflow } from '../e2e/workflows';
import { startQueueCluster } from './cluster';
import type { QueueCluster } from './cluster';

const AKOOL = 'n8n-nodes-akool.akool';
const TRIGGER = 'n8n-nodes-akool.akoolTrigger';
const CREATE = '/api/open/v4/characterSwap/create';
const RUNS = 40;
const JOB_MS = 3_000;
const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/** Set by global-setup.js when redis-server or PostgreSQL is missing and cannot be installed (it printed why). */
const skip = process.env.N8N_QUEUE_SKIP;
const describeQueue = skip ? describe.skip : describe;

let mock: MockAkool;
let cluster: QueueCluster | undefined;
let credentialId: string;
const report: Record<string, string> = {};
/** First POST → last execution finished, for the burst of RUNS executions with 2 workers and (after the kill) with 1. */
const burstMs: { twoWorkers?: number; oneWorker?: number } = {};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` every 100 ms until it gives a value; on timeout fails with the tails of the logs. */
async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await fn();
		if (value !== undefined && value !== false) return value;
		await sleep(100);
	}
	const tails = cluster ? [cluster.main, ...cluster.workers.map((w) => w.n8n), ...(cluster.webhook ? [cluster.webhook.n8n] : [])] : [];
	throw new Error(`timed out waiting for ${what}\n${tails.map((n) => `--- ${n.command} ${n.logFile}\n${n.logTail(15)}`).join('\n')}`);
}

/**
 * Every execution of the workflow in the database, whatever its status and whichever process
 * started it: the editor's list (/rest/executions). Main's public-API list leaves out the running
 * executions main itself holds (those it enqueued), so it could miss one for a moment.
 */
async function allExecutions(main: N8n, workflowId: string): Promise<Array<{ id: string; status: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = (await main.rest('GET', `/executions?filter=${filter}&limit=100`)) as { results: Array<{ id: string | number; status: string }> };
	return page.results.map((e) => ({ id: String(e.id), status: e.status }));
}

/** The most executions that overlapped in time (startedAt/stoppedAt). */
function peakOverlap(list: Execution[]): number {
	const edges = list.flatMap((e) => [
		{ at: new Date(e.startedAt).getTime(), d: 1 },
		{ at: new Date(e.stoppedAt ?? e.startedAt).getTime(), d: -1 },
	]);
	edges.sort((a, b) => a.at - b.at || a.d - b.d);
	let now = 0;
	let peak = 0;
	for (const { d } of edges) peak = Math.max(peak, (now += d));
	return peak;
}

/**
 * An active workflow Webhook (POST /webhook/<path>) → Akool character swap with `parameters` on top
 * of the defaults (poll every 0.5 s, Return As URL); its id and webhook path.
 */
async function swapWorkflow(main: N8n, credential: string, name: string, parameters: Record<string, unknown> = {}): Promise<{ id: string; path: string }> {
	const { id, path } = await webhookStartedWorkflow(main, credential, name, {
		resource: 'characterSwap',
		operation: 'create',
		imageUrl: 'https://example.com/hero.png',
		videoUrl: 'https://example.com/dance.mp4',
		returnAs: 'url',
		options: { pollIntervalSeconds: 0.5 },
		...parameters,
	});
	return { id, path };
}

describeQueue('n8n 2.41.1 in queue mode: Redis, PostgreSQL, main, 2 workers, a webhook process', () => {
	beforeAll(async () => {
		mock = await startMockAkool({ jobDurationMs: JOB_MS, credit: 1_000_000 });
		cluster = await startQueueCluster({ workers: 2, webhook: true });
		const t = cluster.timings;
		report['Redis'] = `${cluster.redis.version}, ready in ${t.redisMs} ms`;
		report['PostgreSQL'] = `${cluster.postgres.version} (${cluster.postgres.source}, runs as ${cluster.postgres.runsAs}), ready in ${t.postgresMs} ms (initdb ${cluster.postgres.phases.initdbMs} ms, CREATE DATABASE ${cluster.postgres.phases.createDatabaseMs} ms)`;
		report['main'] = `ready in ${t.mainReadyMs} ms (migrations included); with package install and owner/API key ${t.mainMs} ms`;
		report['workers'] = `ready in ${t.workersMs.join(' / ')} ms`;
		report['webhook process'] = `ready in ${t.webhookMs} ms`;
		report['workers + webhook process (side by side)'] = `${t.othersMs} ms`;
		report['cluster start total'] = `${t.totalMs} ms`;
		credentialId = await sandboxCredential(cluster.main, mock);
	}, 300_000);

	afterAll(async () => {
		const t = Date.now();
		await cluster?.stop();
		if (cluster) report['cluster stop'] = `${Date.now() - t} ms`;
		await mock?.close();
		// eslint-disable-next-line no-console
		console.log(`queue-mode tier:\n${Object.entries(report).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
	}, 120_000);

	it(`${RUNS} webhook-started Akool executions at once: every one succeeds, both workers run some`, async () => {
		const { main, workers } = cluster!;
		const webhook = cluster!.webhook!;
		const { id: workflowId, path } = await swapWorkflow(main, credentialId, 'Queue mode: Webhook → Character Swap');
		mock.clearLog();

		// all at once, alternately to main and to the webhook process (postWebhook retries "not registered")
		const urls = [main.webhookUrl(path), webhook.webhookUrl(path)];
		const t0 = Date.now();
		const answers = await Promise.all(Array.from({ length: RUNS }, (_, i) => main.postWebhook(urls[i % 2], { run: i })));
		const acceptedMs = Date.now() - t0;
		expect(answers.map((a) => a.status)).toEqual(Array(RUNS).fill(200));

		const list = await main.waitForExecutions(workflowId, (l) => l.length >= RUNS && l.every((e) => FINAL.has(e.status)), 180_000);
		const seenDoneMs = Date.now() - t0;
		expect(list).toHaveLength(RUNS);
		expect(list.filter((e) => e.status !== 'success').map((e) => ({ id: e.id, status: e.status }))).toEqual([]);
		const lastStop = Math.max(...list.map((e) => new Date(e.stoppedAt!).getTime()));

		// every execution ran the Akool node to a completed job, each its own job
		const jobIds = new Set<string>();
		for (const e of list) {
			const execution = await main.execution(e.id);
			const runs = execution.data!.resultData.runData.Akool;
			const [item] = runs[runs.length - 1].data!.main[0]!;
			expect(item.json).toMatchObject({ status: 3, statusText: 'completed', resultUrl: mock.resultUrl(String(item.json.jobId)) });
			jobIds.add(String(item.json.jobId));
		}
		expect(jobIds.size).toBe(RUNS);
		expect(mock.apiRequests(CREATE)).toHaveLength(RUNS);

		// which worker ran which: each execution in exactly one worker log, and both workers busy
		const ran = workers.map((w) => new Set(w.executionIds()));
		const owners = list.map((e) => ran.filter((ids) => ids.has(e.id)).length);
		expect(owners).toEqual(Array(RUNS).fill(1));
		const split = ran.map((ids) => list.filter((e) => ids.has(e.id)));
		for (const w of workers) expect(w.log()).not.toMatch(/Unrecognized node type/);
		expect(split.map((s) => s.length).reduce((a, b) => a + b, 0)).toBe(RUNS);
		expect(split.every((s) => s.length >= 1)).toBe(true);

		const viaWebhookProcess = Math.floor(RUNS / 2);
		report[`${RUNS} executions (${RUNS - viaWebhookProcess} POSTed to main, ${viaWebhookProcess} to the webhook process), jobs ${JOB_MS} ms`] =
			`all success; executions per worker ${split.map((s, i) => `#${i}: ${s.length}`).join(', ')}` +
			` (peak parallel ${split.map((s) => peakOverlap(s)).join(' / ')}, overall ${peakOverlap(list)})`;
		const mem = cluster!.memory();
		report['memory after the burst (RSS, MB)'] =
			`main ${mem.main} and workers ${mem.workers.join(' / ')} (each with its task runner), webhook process ${mem.webhook}, Redis ${mem.redis}, PostgreSQL ${mem.postgres}`;
		burstMs.twoWorkers = lastStop - t0;
		report[`${RUNS} executions: wall time`] =
			`${RUNS} POSTs answered in ${acceptedMs} ms; last execution finished ${lastStop - t0} ms after the first POST (seen through the API after ${seenDoneMs} ms)`;
	}, 240_000);

	it('an Akool callback delivered to the webhook process and main at the same moment, then to main, then to the webhook process again runs the workflow\'s work once', async () => {
		const { main } = cluster!;
		const webhook = cluster!.webhook!;
		const webhookId = randomUUID();
		const workflow = await main.createWorkflow({
			name: 'Queue mode: Akool Trigger → Work',
			nodes: [
				{ name: 'Akool Trigger', type: TRIGGER, webhookId, parameters: { events: ['completed', 'failed'] }, credentials: { akoolApi: { id: credentialId } } },
				{ name: 'Work', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			],
			connections: { 'Akool Trigger': { main: [[{ node: 'Work', type: 'main', index: 0 }]] } },
		});
		await main.activate(workflow.id);
		// a finished face swap job of the sandbox (so its result URL is real); no webhook: only our deliveries
		const job = mock.addJob({ store: 'faceswap', status: 3 });
		const payload = { _id: job._id, status: 3, type: 'faceswap', url: mock.resultUrl(job._id) };

		const toWebhook = webhook.webhookUrl(webhookId, 'akool');
		const toMain = main.webhookUrl(webhookId, 'akool');
		// right after activation a process may not know the webhook yet (404): wait until both take a (foreign) callback
		for (const url of [toWebhook, toMain]) {
			await until('n8n to know the webhook', async () => ((await mock.deliverCallback(url, { ...payload, status: 2 })).status === 404 ? undefined : true));
		}
		// First at the same moment to the webhook process and to main, then to main, then to the webhook process again.
		const deliveries: Array<{ to: string; urls: string[] }> = [
			{ to: 'webhook process + main at once', urls: [toWebhook, toMain] },
			{ to: 'main', urls: [toMain] },
			{ to: 'webhook process', urls: [toWebhook] },
		];
		const seen = new Set<string>();
		const produced: number[] = [];
		for (const { urls } of deliveries) {
			const answers = await Promise.all(urls.map(async (url) => await mock.deliverCallback(url, payload)));
			expect(answers.map((a) => a.status)).toEqual(urls.map(() => 200));
			// n8n answers once it has registered the execution it starts (if any): wait until every
			// new execution has ended and nothing new has appeared for 1.5 s
			let last = '';
			let stableSince = Date.now();
			const fresh = await until('the delivery\'s executions to end', async () => {
				const list = (await allExecutions(main, workflow.id)).filter((e) => !seen.has(e.id));
				const key = list.map((e) => `${e.id}:${e.status}`).join(',');
				if (key !== last) {
					last = key;
					stableSince = Date.now();
				}
				return list.every((e) => FINAL.has(e.status)) && Date.now() - stableSince >= 1_500 ? list : undefined;
			}, 60_000);
			for (const e of fresh) seen.add(e.id);
			produced.push(fresh.length);
		}

		const executions = await Promise.all([...seen].map(async (id) => await main.execution(id)));
		for (const e of executions) expect(e.status).toBe('success');
		const worked = executions.filter((e) => e.data!.resultData.runData.Work);
		expect(worked).toHaveLength(1);
		// the two simultaneous first deliveries each started an execution (two processes), one did the work
		expect(produced[0]).toBe(2);
		// any other execution ended at the trigger with no items
		for (const e of executions.filter((x) => !x.data!.resultData.runData.Work)) {
			const runs = e.data!.resultData.runData['Akool Trigger'];
			expect(runs[runs.length - 1].data?.main[0] ?? []).toHaveLength(0);
		}
		report['Akool Trigger, one callback delivered 3 times'] = deliveries
			.map((d, i) => `${d.to} → ${produced[i]} execution${produced[i] === 1 ? '' : 's'}`)
			.join(', ') + '; Work ran in 1';
	}, 120_000);

	it.each([
		{ settings: {}, label: 'default settings' },
		{ settings: { saveDataSuccessExecution: 'none' }, label: 'saveDataSuccessExecution "none"' },
	])('Wait for Callback ($label): paused on a worker, Akool\'s callback to the webhook process resumes it on a worker, to the file', async ({ settings }) => {
		const { main } = cluster!;
		const webhook = cluster!.webhook!;
		const path = `queue-wait-${randomUUID()}`;
		const workflow = await main.createWorkflow({
			name: `Queue mode: Wait for Callback (${JSON.stringify(settings)})`,
			settings,
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } },
				{
					name: 'Akool',
					type: AKOOL,
					parameters: { resource: 'characterSwap', operation: 'create', imageUrl: 'https://example.com/hero.png', videoUrl: 'https://example.com/dance.mp4', completion: 'waitForCallback', returnAs: 'binary' },
					credentials: { akoolApi: { id: credentialId } },
				},
				// What comes after the resume: tells the sandbox the file's size (an execution that is not saved leaves no other trace).
				{
					name: 'Report',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					parameters: { method: 'POST', url: `${mock.url}/__done`, sendQuery: true, queryParameters: { parameters: [{ name: 'job', value: '={{ $json.jobId }}' }, { name: 'bytes', value: '={{ $binary.data.bytes ?? $binary.data.fileSize }}' }] }, options: { response: { response: { neverError: true } } } },
				},
			],
			connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] }, Akool: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		} as never);
		await main.activate(workflow.id);
		mock.clearLog();
		mock.nextJobs({ durationMs: 8_000 });
		expect((await main.postWebhook(main.webhookUrl(path), { go: true })).status).toBe(200);
		const waiting = await until('a waiting execution', async () => (await allExecutions(main, workflow.id)).find((e) => e.status === 'waiting'));
		const pausedOn = cluster!.workerOf(waiting.id);
		expect(pausedOn).toBeDefined();
		const job = await until('the job', () => [...mock.jobs.values()].find((j) => j.webhookUrl?.includes(`/webhook-waiting/${waiting.id}`)));
		// Akool calls the resume URL: in production WEBHOOK_URL leads to the webhook processes; here the callback goes to ours.
		const resumeUrl = new URL(job.webhookUrl!);
		job.webhookUrl = `${webhook.url}${resumeUrl.pathname}${resumeUrl.search}`;

		const done = await until('the report of the resumed run', () => mock.requests.find((r) => r.path === '/__done'), 60_000);
		expect(done.query.job).toBe(job._id);
		expect(Number(done.query.bytes)).toBeGreaterThan(0);
		const final = job.callbacks.filter((c) => c.status === 3);
		expect(final.at(-1)?.httpStatus).toBe(200);
		const sent = mock.callbacksSent.filter((c) => c.jobId === job._id && c.httpStatus === 200);
		expect(sent.at(-1)?.url.startsWith(webhook.url)).toBe(true);
		const resumedOn = await until('the worker that resumed it', () => {
			const ran = cluster!.workers.map((w) => w.executionIds().filter((id) => id === waiting.id).length);
			return ran.reduce((a, b) => a + b, 0) >= 2 ? ran : undefined;
		});
		report[`Wait for Callback (${JSON.stringify(settings)})`] =
			`paused on worker #${pausedOn}; callback to the webhook process answered ${final.at(-1)?.httpStatus}; runs per worker for this execution ${resumedOn.join(' / ')}; the resumed run reported a file of ${done.query.bytes} bytes`;
	}, 120_000);

	it('a 300 MB result in queue mode\'s default binary mode (database): stored, the worker survives (n8n holds the file in memory while it writes it: measured, below 4× its size)', async () => {
		const { main } = cluster!;
		const { id: workflowId, path } = await swapWorkflow(main, credentialId, 'Queue mode: a 300 MB result', { returnAs: 'binary' });
		const before = cluster!.memory().workers;
		mock.nextJobs({ durationMs: 500, fileSize: 300_000_000 });
		await main.postWebhook(main.webhookUrl(path), {});
		let peak = before.slice();
		const [done] = await main.waitForExecutions(workflowId, (l) => {
			peak = cluster!.memory().workers.map((mb, k) => Math.max(mb, peak[k]));
			return l.some((e) => FINAL.has(e.status));
		}, 120_000);
		const execution = await main.execution(done.id);
		expect(execution.status).toBe('success');
		const [item] = execution.data!.resultData.runData.Akool[0].data!.main[0]!;
		expect(Number((item.binary as Record<string, { fileSize?: string; bytes?: number }>).data.bytes ?? 0)).toBe(300_000_000);
		for (const w of cluster!.workers) expect(() => process.kill(w.pid, 0)).not.toThrow();
		expect(Math.max(...peak.map((mb, k) => mb - before[k]))).toBeLessThan(1_200);
		report['300 MB result, database mode'] = `stored; worker RSS before ${before.join(' / ')} MB, peak while polling (every ~0.3 s) ${peak.join(' / ')} MB`;
	}, 180_000);

	it('a worker killed (SIGKILL) while it polls: the other worker\'s executions succeed; the lost job\'s id is in the dead worker\'s log, and Job → Wait finishes it', async () => {
		const { main, workers } = cluster!;
		const { id: workflowId, path } = await swapWorkflow(main, credentialId, 'Queue mode: a worker dies');
		mock.clearLog();
		mock.nextJobs({ durationMs: 10_000 }, 6);
		await Promise.all(Array.from({ length: 6 }, (_, i) => main.postWebhook(main.webhookUrl(path), { run: i })));
		// every execution has created its job (6 creates), then one worker dies
		await until('6 creates', () => mock.apiRequests(CREATE).length >= 6 || undefined);
		const running = await until('running executions on both workers', async () => {
			const list = (await allExecutions(main, workflowId)).filter((e) => e.status === 'running');
			const byWorker = workers.map((w) => list.filter((e) => w.executionIds().includes(e.id)));
			return list.length === 6 && byWorker.every((l) => l.length > 0) ? byWorker : undefined;
		});
		const victim = workers[0];
		const lost = running[0].map((e) => e.id);
		process.kill(victim.pid, 'SIGKILL');

		// the other worker's executions are not affected
		const survivors = running[1].map((e) => e.id);
		await until('the other worker\'s executions', async () => {
			const list = await allExecutions(main, workflowId);
			return survivors.every((id) => list.find((e) => e.id === id)?.status === 'success') ? true : undefined;
		}, 60_000);
		// where the user finds the lost executions' jobs: "Akool job created: <id>" in the dead worker's log, with the execution id
		const logged = [...victim.log().matchAll(/Akool job created: ([0-9a-f]{24}) \(Job Type \w+, execution (\d+),/g)].map((m) => ({ jobId: m[1], executionId: m[2] }));
		const lostJobs = logged.filter((l) => lost.includes(l.executionId)).map((l) => l.jobId);
		expect(lostJobs).toHaveLength(lost.length);
		// … and continues them with Job → Wait (a second workflow, on the surviving worker)
		const cont = await webhookStartedWorkflow(main, credentialId, 'Queue mode: continue the lost jobs', {
			resource: 'job',
			operation: 'wait',
			jobType: 'video',
			jobId: lostJobs.join(','),
			returnAs: 'url',
			options: { pollIntervalSeconds: 0.5 },
		});
		await cont.start();
		const [finished] = await main.waitForExecutions(cont.id, (l) => l.some((e) => FINAL.has(e.status)), 60_000);
		const execution = await main.execution(finished.id);
		expect(execution.status).toBe('success');
		const items = execution.data!.resultData.runData.Akool[0].data!.main[0]!;
		expect(items.map((item) => item.json.jobId).sort()).toEqual([...lostJobs].sort());
		expect(items.every((item) => item.json.status === 3)).toBe(true);
		report['worker killed while polling'] =
			`worker #0 (pid ${victim.pid}) killed with ${lost.length} executions running, worker #1's ${survivors.length} succeeded; the ${lost.length} lost jobs found in worker #0's log and finished with Job → Wait`;
	}, 180_000);

	it(`the same ${RUNS} executions with one worker left (throughput: 2 workers vs 1)`, async () => {
		const { main, workers } = cluster!;
		const alive = workers.filter((w) => { try { process.kill(w.pid, 0); return true; } catch { return false; } });
		expect(alive).toHaveLength(1);
		const { id: workflowId, path } = await swapWorkflow(main, credentialId, 'Queue mode: one worker');
		const t0 = Date.now();
		await Promise.all(Array.from({ length: RUNS }, (_, i) => main.postWebhook(main.webhookUrl(path), { run: i })));
		const list = await main.waitForExecutions(workflowId, (l) => l.length >= RUNS && l.every((e) => FINAL.has(e.status)), 180_000);
		expect(list.filter((e) => e.status !== 'success')).toEqual([]);
		expect(list.every((e) => alive[0].executionIds().includes(e.id))).toBe(true);
		burstMs.oneWorker = Math.max(...list.map((e) => new Date(e.stoppedAt!).getTime())) - t0;
		const perMinute = (ms?: number) => (ms ? Math.round((RUNS * 60_000) / ms) : NaN);
		report['throughput (jobs of 3 s, 10 executions at once per worker)'] =
			`2 workers: ${RUNS} in ${burstMs.twoWorkers} ms = ${perMinute(burstMs.twoWorkers)}/min; 1 worker: ${RUNS} in ${burstMs.oneWorker} ms = ${perMinute(burstMs.oneWorker)}/min`;
	}, 180_000);
});
