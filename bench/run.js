// @ts-check
/**
 * `npm run bench`: the Akool node side by side with what n8n users build by hand (HTTP Request +
 * Wait + IF, bench/hand-built.js), in a real n8n (test/e2e/n8n.js) against the local Akool mock,
 * every row a ratio measured in this run. Not part of `npm test`: nothing here passes or fails
 * except on a broken setup; the targets are reported as met or not.
 *
 * Prints a progress line per case, then the table; writes the rows as JSON to bench/results/
 * (gitignored): bench-<time>.json and latest.json.
 *
 * Sizes can be changed for a quicker look (defaults are the issue's):
 *   BENCH_BATCH=50 BENCH_JOB_MS=2000 BENCH_POLL_S=1 BENCH_FILE_MB=500 BENCH_ITEMS=1000 BENCH_SAMPLES=5
 *   BENCH_MEM_ROUNDS=3 (case 4, filesystem: fresh starts per node) BENCH_DB_FILES=20 BENCH_DB_FILE_MB=100 (case 7)
 *   BENCH_QUEUE_RUNS=100 BENCH_QUEUE_JOB_MS=3000 (case 8: queue mode, needs redis-server and PostgreSQL, see test/queue)
 * and BENCH_ONLY=3,4 runs only those cases.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const { startFileProxy } = require('../test/e2e/file-proxy');
const { startN8n, N8N_VERSION } = require('../test/e2e/n8n');
const { startMockAkool } = require('../test/mock-akool');
const hand = require('./hand-built');
const { pollIntervals } = require('../dist/nodes/Akool/helpers/polling');
const { SETTINGS, AKOOL_MIN_POLL_SECONDS } = require('../dist/nodes/Akool/helpers/settings');

const AKOOL = 'n8n-nodes-akool.akool';
const RESULTS_DIR = path.join(__dirname, 'results');
const num = (/** @type {string} */ name, /** @type {number} */ fallback) => {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
};
const BATCH = num('BENCH_BATCH', 50);
const JOB_MS = num('BENCH_JOB_MS', 2000);
const POLL_S = num('BENCH_POLL_S', 1);
const FILE_MB = num('BENCH_FILE_MB', 500);
const ITEMS = num('BENCH_ITEMS', 1000);
const SAMPLES = num('BENCH_SAMPLES', 5);
const MEM_ROUNDS = num('BENCH_MEM_ROUNDS', 3);
const DB_FILES = num('BENCH_DB_FILES', 20);
const DB_FILE_MB = num('BENCH_DB_FILE_MB', 100);
const QUEUE_RUNS = num('BENCH_QUEUE_RUNS', 100);
const QUEUE_JOB_MS = num('BENCH_QUEUE_JOB_MS', 3000);
/** BENCH_ONLY=1,4: only those cases (2 comes with 1; 5's measured row with 3). Default: all. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').map((c) => c.trim()).filter(Boolean));
const want = (/** @type {string} */ id) => ONLY.size === 0 || ONLY.has(id);

const t0 = Date.now();
/** @param {string} message */
const progress = (message) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (/** @type {number} */ kb) => `${(kb / 1024).toFixed(1)} MB`;

/**
 * @typedef {{ case: string, what: string, value: string, versus?: string, ratio?: string, target?: string, met?: boolean, data?: Record<string, unknown> }} Row
 */
/** @type {Row[]} */
const rows = [];
/** @param {Row} row */
const report = (row) => {
	rows.push(row);
	progress(`${row.case} · ${row.what}: ${row.value}${row.versus ? ` vs ${row.versus}` : ''}${row.ratio ? ` (${row.ratio})` : ''}`);
};

/** n8n's own node start time and duration of every run of a node. */
function runsOf(/** @type {any} */ execution, /** @type {string} */ node) {
	return /** @type {Array<{ startTime: number, executionTime: number, data?: { main: Array<Array<{ json: any, binary?: any }>> } }>} */ (
		execution.data?.resultData?.runData?.[node] ?? []
	);
}
const outputOf = (/** @type {any} */ execution, /** @type {string} */ node) =>
	runsOf(execution, node).flatMap((run) => run.data?.main?.[0] ?? []);

/**
 * Creates and activates `workflow`, starts it through its webhook, waits for its execution to end
 * and returns it (with data). `wall` is n8n's own start-to-stop time of the execution.
 * `whenWaiting` is called with the execution (with data) once it waits, and returns a time
 * (kept as `execution.sentAt`).
 * @param {import('../test/e2e/n8n').N8n} n8n
 * @param {(path: string) => import('../test/e2e/n8n').WorkflowInput} build
 * @param {{ timeoutMs?: number, whenWaiting?: (execution: import('../test/e2e/n8n').Execution) => Promise<number> }} [opts]
 */
async function runOnce(n8n, build, opts = {}) {
	const webhookPath = `bench-${randomUUID()}`;
	const created = await n8n.createWorkflow(build(webhookPath));
	await n8n.activate(created.id);
	const posted = await n8n.postWebhook(n8n.webhookUrl(webhookPath), { go: true });
	if (posted.status !== 200) throw new Error(`webhook answered ${posted.status}: ${posted.text.slice(0, 300)}`);
	let sentAt;
	if (opts.whenWaiting) {
		const [waiting] = await n8n.waitForExecutions(created.id, (list) => list.some((e) => e.status === 'waiting'), 60_000);
		sentAt = await opts.whenWaiting(await n8n.execution(waiting.id));
	}
	const [done] = await n8n.waitForExecutions(
		created.id,
		(list) => list.some((e) => e.status === 'success' || e.status === 'error' || e.status === 'crashed' || e.status === 'canceled'),
		opts.timeoutMs ?? 600_000,
	);
	const execution = await n8n.execution(done.id);
	await n8n.deactivate(created.id).catch(() => undefined);
	const wall = Date.parse(String(execution.stoppedAt)) - Date.parse(execution.startedAt);
	execution.sentAt = sentAt;
	return { execution, wall };
}

/** Webhook → Make Items (count) → Akool (parameters) → Next (No Operation). */
function akoolWorkflow(/** @type {string} */ name, /** @type {string} */ credentialId, /** @type {number} */ count, /** @type {Record<string, unknown>} */ parameters) {
	return (/** @type {string} */ webhookPath) => ({
		name,
		nodes: [
			{ ...hand.webhookNode(webhookPath), position: [0, 0] },
			{ ...hand.makeItemsNode(count), position: [220, 0] },
			{ name: 'Akool', type: AKOOL, parameters, credentials: { akoolApi: { id: credentialId } }, position: [440, 0] },
			{ name: 'Next', type: 'n8n-nodes-base.noOp', typeVersion: hand.VERSIONS.noOp, parameters: {}, position: [660, 0] },
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Akool', type: 'main', index: 0 }]] },
			Akool: { main: [[{ node: 'Next', type: 'main', index: 0 }]] },
		},
	});
}

/** The Akool node's image-to-video create for the Make Items items. */
const i2v = (/** @type {Record<string, unknown>} */ extra, /** @type {Record<string, unknown>} */ options = {}) => ({
	resource: 'imageToVideo',
	operation: 'create',
	imageUrl: '={{ $json.image_url }}',
	prompt: '={{ $json.prompt }}',
	...extra,
	options: { timeoutMinutes: 30, ...options },
});

/** Poll requests of the mock log grouped into checks ("ticks"): requests less than 150 ms apart. */
function ticksOf(/** @type {Array<{ at: number }>} */ requests) {
	/** @type {Array<Array<{ at: number }>>} */
	const ticks = [];
	for (const request of [...requests].sort((a, b) => a.at - b.at)) {
		const last = ticks[ticks.length - 1];
		if (last && request.at - last[last.length - 1].at < 150) last.push(request);
		else ticks.push([request]);
	}
	return ticks;
}

/** kB of VmRSS / VmHWM of a process. */
function memoryOf(/** @type {number} */ pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (/** @type {string} */ name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/**
 * Peak RSS growth of n8n's main process while `work` runs: idle RSS first (after a quiet second),
 * then the kernel's peak counter is reset (clear_refs 5) and read afterwards; where that reset is
 * not allowed, RSS is sampled every 20 ms instead.
 * @param {number} pid @param {() => Promise<T>} work @template T
 */
async function peakGrowth(pid, work) {
	await sleep(1500);
	const idle = memoryOf(pid).rss;
	let resetOk = true;
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		resetOk = false;
	}
	let sampled = idle;
	const timer = setInterval(() => {
		try {
			sampled = Math.max(sampled, memoryOf(pid).rss);
		} catch {
			/* the process is gone: the work reports it */
		}
	}, 20);
	try {
		const result = await work();
		const peak = Math.max(sampled, resetOk ? memoryOf(pid).peak : 0);
		return { result, idleKb: idle, peakKb: peak, growthKb: peak - idle };
	} finally {
		clearInterval(timer);
	}
}

async function main() {
	progress(`n8n ${N8N_VERSION}, mock Akool, batch ${BATCH} × ${JOB_MS} ms jobs, poll ${POLL_S} s, file ${FILE_MB} MB, ${ITEMS} items`);
	const mock = await startMockAkool({ jobDurationMs: JOB_MS, credit: 1e12, fileSize: 64 * 1024 });
	/** @type {import('../test/e2e/n8n').N8n[]} */
	const instances = [];
	const start = async (/** @type {string} */ mode, baseUrl = mock.url) => {
		const n8n = await startN8n({ env: { N8N_DEFAULT_BINARY_DATA_MODE: mode, N8N_LOG_LEVEL: 'warn' } });
		instances.push(n8n);
		const credential = await n8n.createCredential({
			name: 'Akool sandbox',
			type: 'akoolApi',
			data: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl },
		});
		progress(`n8n started in ${seconds(n8n.startMs)} (binary data mode ${mode})`);
		return { n8n, credentialId: credential.id };
	};
	try {
		if (want('1') || want('2') || want('3') || want('5') || want('6')) {
			const { n8n, credentialId } = await start('filesystem');
			if (want('1') || want('2')) await batchCases(n8n, credentialId, mock);
			if (want('3') || want('5')) await latencyCases(n8n, credentialId, mock);
			if (want('5')) pollCountCases();
			if (want('6')) await overheadCases(n8n, credentialId, mock);
			await n8n.stop();
		}
		if (want('4')) {
			await memoryCases(start, mock, 'filesystem');
			await memoryCases(start, mock, 'default');
		}
		if (want('7')) await databaseModeCases(start, mock);
		if (want('8')) await queueModeCases(mock);
	} finally {
		for (const n8n of instances) await n8n.stop();
		await mock.close();
	}
	printTable();
}

/** 1 and 2: a batch of jobs, Poll Until Done, ours vs one at a time vs the hand-built loop. */
async function batchCases(/** @type {import('../test/e2e/n8n').N8n} */ n8n, /** @type {string} */ credentialId, /** @type {any} */ mock) {
	const limit = JOB_MS + POLL_S * 1000;
	const title = `1 batch: ${BATCH} items × ${JOB_MS / 1000} s jobs, poll ${POLL_S} s, download`;
	const poll = { completion: 'poll', returnAs: 'binary' };
	const ours = async (/** @type {number} */ concurrency) => {
		mock.clearLog();
		const { execution, wall } = await runOnce(
			n8n,
			akoolWorkflow(`Akool batch, ${concurrency} at a time`, credentialId, BATCH, i2v(poll, { pollIntervalSeconds: POLL_S, maxConcurrentJobs: concurrency })),
		);
		const out = outputOf(execution, 'Next');
		if (execution.status !== 'success' || out.length !== BATCH || out.some((item) => !item.binary?.data)) {
			throw new Error(`Akool batch (${concurrency}) did not output ${BATCH} files: ${execution.status}`);
		}
		return { wall, polls: mock.apiRequests(hand.RESULTS_PATH) };
	};
	// Unmeasured warm-up: n8n loads each node's code and compiles it on first use.
	await runOnce(n8n, akoolWorkflow('warm-up', credentialId, 2, i2v(poll, { pollIntervalSeconds: POLL_S })));
	await runOnce(n8n, (p) => hand.pollLoopWorkflow({ path: p, credentialId, baseUrl: mock.url, pollSeconds: POLL_S, count: 2 }));
	const all = await ours(SETTINGS.maxConcurrentJobs.default);
	report({ case: title, what: `Akool node (default Max Concurrent Jobs, ${SETTINGS.maxConcurrentJobs.default})`, value: seconds(all.wall), versus: `limit ${seconds(limit)} (job + one poll interval)`, ratio: `${(all.wall / limit).toFixed(2)} × limit`, target: '≤ 1.3 × limit', met: all.wall / limit <= 1.3, data: { wallMs: all.wall, limitMs: limit } });
	mock.clearLog();
	const loop = await runOnce(n8n, (p) => hand.pollLoopWorkflow({ path: p, credentialId, baseUrl: mock.url, pollSeconds: POLL_S, count: BATCH }));
	const downloaded = outputOf(loop.execution, 'Download').length;
	if (loop.execution.status !== 'success' || downloaded !== BATCH) throw new Error(`hand-built loop: ${loop.execution.status}, ${downloaded} downloads`);
	const loopPolls = mock.apiRequests(hand.RESULTS_PATH);
	report({ case: title, what: 'hand-built HTTP Request + Wait + IF loop', value: seconds(loop.wall), versus: `Akool node ${seconds(all.wall)}`, ratio: `Akool node ${(loop.wall / all.wall).toFixed(2)} × faster`, data: { wallMs: loop.wall } });
	const serial = await ours(1);
	report({ case: title, what: 'Akool node, Max Concurrent Jobs 1 (one job after another)', value: seconds(serial.wall), versus: `Akool node ${seconds(all.wall)}`, ratio: `Akool node ${(serial.wall / all.wall).toFixed(1)} × faster`, data: { wallMs: serial.wall } });

	// 2: status requests for the batch, from the mock's request log of the runs above.
	const perTick = (/** @type {Array<{ at: number, body: any }>} */ polls) => {
		const ticks = ticksOf(polls);
		const ids = polls.reduce((n, p) => n + String(p.body?._ids ?? '').split(',').length, 0);
		return { requests: polls.length, ticks: ticks.length, ids, perTick: polls.length / Math.max(ticks.length, 1), maxPerTick: Math.max(...ticks.map((t) => t.length)) };
	};
	const after = perTick(all.polls);
	const handBuilt = perTick(loopPolls);
	const title2 = `2 polls for a batch of ${BATCH} (image to video, resultsByIds)`;
	report({ case: title2, what: 'Akool node: requests per check (all waiting ids in one request)', value: `${after.perTick.toFixed(1)} (max ${after.maxPerTick}; ${after.requests} requests in ${after.ticks} checks)`, versus: `before: ${(after.ids / after.ticks).toFixed(1)} (one request per job checked, same checks)`, ratio: `${(after.ids / after.requests).toFixed(1)} × fewer requests`, data: { after, before: { requests: after.ids, perTick: after.ids / after.ticks } } });
	report({ case: title2, what: 'hand-built loop: requests per check', value: `${handBuilt.perTick.toFixed(1)} (${handBuilt.requests} requests in ${handBuilt.ticks} checks)`, versus: `Akool node ${after.perTick.toFixed(1)}`, data: { handBuilt } });
}

/** 3 (and the measured half of 5): from the job's completion in the mock to the next node running. */
async function latencyCases(/** @type {import('../test/e2e/n8n').N8n} */ n8n, /** @type {string} */ credentialId, /** @type {any} */ mock) {
	const durations = Array.from({ length: SAMPLES }, (_, k) => JOB_MS + Math.round((k * 2100) / SAMPLES));
	const sample = async (/** @type {'poll' | 'waitForCallback'} */ completion, /** @type {number} */ durationMs) => {
		mock.clearLog();
		mock.nextJobs({ durationMs }, 1);
		const { execution } = await runOnce(
			n8n,
			akoolWorkflow(`Akool latency (${completion})`, credentialId, 1, i2v({ completion, returnAs: 'url' }, { pollIntervalSeconds: POLL_S })),
		);
		const [item] = outputOf(execution, 'Next');
		if (execution.status !== 'success' || item?.json.status !== 3) throw new Error(`latency run (${completion}) ended ${execution.status}`);
		const job = mock.jobs.get(item.json.jobId);
		const completedAt = job.createdAt + job.durationMs;
		const next = runsOf(execution, 'Next')[0].startTime;
		const callback = mock.callbacksSent.find((/** @type {any} */ c) => c.jobId === job._id && c.payload?.status === 3);
		// Status requests while the job ran; with a callback, the one read of the record after it is apart.
		const all = mock.apiRequests(hand.RESULTS_PATH).map((/** @type {{ at: number }} */ p) => p.at);
		const polls = callback ? all.filter((at) => at < callback.at) : all;
		return {
			durationMs,
			latencyMs: next - completedAt,
			polls: polls.length,
			readsAfterCallback: all.length - polls.length,
			intervalMs: polls.length >= 2 ? polls[polls.length - 1] - polls[polls.length - 2] : polls.length === 1 ? polls[0] - job.createdAt : undefined,
			callbackSentMs: callback ? callback.at - completedAt : undefined,
		};
	};
	// n8n's own floor: its Wait node resumed by a POST to the resume URL, the same path a callback takes.
	const floor = async () => {
		const { execution } = await runOnce(n8n, (webhookPath) => ({
			name: 'n8n Wait node resumed by a POST',
			nodes: [
				{ ...hand.webhookNode(webhookPath), position: [0, 0] },
				{ name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: hand.VERSIONS.wait, webhookId: randomUUID(), parameters: { resume: 'webhook', httpMethod: 'POST', options: {} }, position: [220, 0] },
				{ name: 'Next', type: 'n8n-nodes-base.noOp', typeVersion: hand.VERSIONS.noOp, parameters: {}, position: [440, 0] },
			],
			connections: { Webhook: { main: [[{ node: 'Wait', type: 'main', index: 0 }]] }, Wait: { main: [[{ node: 'Next', type: 'main', index: 0 }]] } },
		}), {
			whenWaiting: async (waiting) => {
				await sleep(500);
				const url = `${n8n.url}/webhook-waiting/${waiting.id}?signature=${encodeURIComponent(waiting.data?.resumeToken ?? '')}`;
				const sentAt = Date.now();
				const answer = await n8n.postWebhook(url, { resume: true });
				if (answer.status !== 200) throw new Error(`resume answered ${answer.status}: ${answer.text.slice(0, 200)}`);
				return sentAt;
			},
		});
		return { latencyMs: runsOf(execution, 'Next')[0].startTime - execution.sentAt };
	};
	const title = '3 latency to continue: job completed in the mock → next node starts';
	// Unmeasured warm-up of each path (code loading, first resume of a waiting execution).
	await sample('poll', JOB_MS);
	await sample('waitForCallback', JOB_MS);
	await floor();
	const polled = [];
	for (const d of durations) polled.push(await sample('poll', d));
	const called = [];
	for (const d of durations) called.push(await sample('waitForCallback', d));
	const floors = [];
	for (let k = 0; k < SAMPLES; k++) floors.push(await floor());
	const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const worstRatio = Math.max(...polled.map((s) => s.latencyMs / (s.intervalMs ?? POLL_S * 1000)));
	report({
		case: title,
		what: `Poll Until Done (interval ${POLL_S} s, growing ×1.5), ${SAMPLES} jobs of ${durations.map((d) => d / 1000).join(', ')} s`,
		value: `median ${median(polled.map((s) => s.latencyMs))} ms, max ${Math.max(...polled.map((s) => s.latencyMs))} ms`,
		versus: `the interval in effect: ${polled.map((s) => `${s.intervalMs} ms`).join(', ')}`,
		ratio: `≤ ${worstRatio.toFixed(2)} × interval`,
		target: '≤ 1 interval',
		met: worstRatio <= 1.05,
		data: { samples: polled },
	});
	const worst = Math.max(...called.map((s) => s.latencyMs));
	const calledMedian = median(called.map((s) => s.latencyMs));
	const floorMedian = median(floors.map((s) => s.latencyMs));
	report({
		case: title,
		what: `Wait for Callback, ${SAMPLES} jobs`,
		value: `median ${calledMedian} ms, max ${worst} ms`,
		versus: `Poll Until Done median ${median(polled.map((s) => s.latencyMs))} ms`,
		ratio: `${(median(polled.map((s) => s.latencyMs)) / Math.max(1, calledMedian)).toFixed(1)} × sooner`,
		target: '≤ 100 ms',
		met: worst <= 100,
		data: { samples: called },
	});
	report({
		case: title,
		what: `n8n's own floor: its Wait node resumed by a POST to the resume URL, ${SAMPLES} times`,
		value: `median ${floorMedian} ms, max ${Math.max(...floors.map((s) => s.latencyMs))} ms`,
		versus: `Wait for Callback median ${calledMedian} ms`,
		ratio: `the node adds ${calledMedian - floorMedian} ms to n8n's resume`,
		data: { samples: floors },
	});
	const simulated = polled.map((s) => checksUntil(s.durationMs, { intervalMs: POLL_S * 1000, maxIntervalMs: SETTINGS.maxPollIntervalSeconds * 1000 }, 0).polls);
	report({
		case: '5 API calls per job',
		what: `measured in n8n: status requests per job (Poll Until Done, ${POLL_S} s) / while waiting for a callback`,
		value: `${polled.map((s) => s.polls).join(', ')} / ${called.map((s) => s.polls).join(', ')} (then ${called.map((s) => s.readsAfterCallback).join(', ')} read of the record after the callback)`,
		versus: `the schedule predicts ${simulated.join(', ')} / 0`,
		target: '0 polls while waiting for a callback',
		met: called.every((s) => s.polls === 0) && polled.every((s, k) => s.polls === simulated[k]),
		data: { polled: polled.map((s) => s.polls), callback: called.map((s) => s.polls), predicted: simulated },
	});
}

/**
 * The status checks of one job that takes `durationMs`, on the node's schedule (its first check
 * one interval after the create), and when the job's end is seen.
 * @param {number} durationMs @param {{ intervalMs: number, maxIntervalMs: number }} settings @param {number} floorMs
 */
function checksUntil(durationMs, settings, floorMs) {
	const intervals = pollIntervals(settings, floorMs);
	let t = 0;
	let polls = 0;
	do {
		t += intervals.next().value;
		polls++;
	} while (t < durationMs);
	return { polls, seenAfterMs: t - durationMs };
}

/** 5: polls per job for long jobs on a simulated clock, default backoff vs a fixed 5 s loop. */
function pollCountCases() {
	const defaults = { intervalMs: SETTINGS.pollIntervalSeconds.default * 1000, maxIntervalMs: SETTINGS.maxPollIntervalSeconds * 1000 };
	const floor = AKOOL_MIN_POLL_SECONDS * 1000;
	for (const jobSeconds of [10, 60, 600]) {
		const ours = checksUntil(jobSeconds * 1000, defaults, floor);
		const fixed = checksUntil(jobSeconds * 1000, { intervalMs: 5000, maxIntervalMs: 5000 }, floor);
		report({
			case: '5 API calls per job',
			what: `${jobSeconds} s job (simulated clock): default ${SETTINGS.pollIntervalSeconds.default} s growing ×1.5 to ${SETTINGS.maxPollIntervalSeconds} s`,
			value: `${ours.polls} polls, end seen ${(ours.seenAfterMs / 1000).toFixed(1)} s late`,
			versus: `fixed 5 s loop: ${fixed.polls} polls, ${(fixed.seenAfterMs / 1000).toFixed(1)} s late`,
			ratio: `${(fixed.polls / ours.polls).toFixed(1)} × fewer polls`,
			data: { jobSeconds, ours, fixed },
		});
	}
}

/** 6: items per second, Return Immediately against an instant mock, ours vs the HTTP Request node. */
async function overheadCases(/** @type {import('../test/e2e/n8n').N8n} */ n8n, /** @type {string} */ credentialId, /** @type {any} */ mock) {
	const title = `6 overhead per item: ${ITEMS} creates, Return Immediately`;
	const time = (/** @type {any} */ execution, /** @type {string} */ node) => runsOf(execution, node).reduce((ms, run) => ms + run.executionTime, 0);
	const concurrency = SETTINGS.maxConcurrentJobs.default;
	const ours = await runOnce(n8n, akoolWorkflow(`Akool ${ITEMS} creates`, credentialId, ITEMS, i2v({ completion: 'returnImmediately' })));
	if (ours.execution.status !== 'success' || outputOf(ours.execution, 'Akool').length !== ITEMS) throw new Error(`Akool ${ITEMS} creates: ${ours.execution.status}`);
	const rate = ITEMS / (time(ours.execution, 'Akool') / 1000);
	const { execution } = await runOnce(n8n, (p) => hand.createWorkflow({ path: p, credentialId, baseUrl: mock.url, count: ITEMS }));
	if (execution.status !== 'success' || outputOf(execution, 'Create').length !== ITEMS) throw new Error(`HTTP Request ${ITEMS} creates: ${execution.status}`);
	const http = ITEMS / (time(execution, 'Create') / 1000);
	report({ case: title, what: `Akool node (default Max Concurrent Jobs, ${concurrency})`, value: `${rate.toFixed(0)} items/s`, versus: `HTTP Request node ${http.toFixed(0)} items/s`, ratio: `${(rate / http).toFixed(2)} ×`, target: '≥ 1 ×', met: rate >= http, data: { itemsPerSecond: rate, httpRequest: http } });
}

/**
 * 4: peak RSS growth of n8n while a large result is downloaded into binary data. Each download
 * runs in its own freshly started n8n, after the same workflow has downloaded a 1 MB file once
 * (so loading the node's code is not counted): in one shared process the first download paid for
 * growing the heap that the second then reused (measured: whichever ran first showed 60-120 MB more).
 * @param {(mode: string) => Promise<{ n8n: import('../test/e2e/n8n').N8n, credentialId: string }>} start
 * @param {any} mock @param {string} mode
 */
async function memoryCases(start, mock, mode) {
	const big = mock.addJob({ store: 'i2v', status: 3, fileSize: FILE_MB * 1024 * 1024 });
	const small = mock.addJob({ store: 'i2v', status: 3, fileSize: 1024 * 1024 });
	const title = `4 memory: a ${FILE_MB} MB result into binary data, ${mode === 'default' ? 'in-memory' : mode} mode`;
	/** @param {string} name @param {(credentialId: string, url: string) => (p: string) => any} build @param {string} node @param {boolean} withLater */
	const measure = async (name, build, node, withLater) => {
		const { n8n, credentialId } = await start(mode);
		try {
			const warm = await runOnce(n8n, build(credentialId, mock.resultUrl(small._id)));
			if (warm.execution.status !== 'success') throw new Error(`${name}: the 1 MB warm-up download ended ${warm.execution.status}`);
			const once = async () => {
				const { result, growthKb, idleKb } = await peakGrowth(n8n.pid, async () =>
					await runOnce(n8n, build(credentialId, mock.resultUrl(big._id)), { timeoutMs: 300_000 }).catch((error) => ({ error })),
				);
				const run = /** @type {any} */ (result);
				const item = run.execution ? outputOf(run.execution, node)[0] : undefined;
				const error = run.error?.message ?? run.execution?.data?.resultData?.error?.message;
				return { growthKb, idleKb, wallMs: run.wall, ok: run.execution?.status === 'success' && !!item?.binary?.data, stored: item?.binary?.data?.fileSize, error };
			};
			// The first large download also grows n8n's heap once; the next ones show what each costs.
			const first = await once();
			const later = [];
			if (withLater && mode === 'filesystem' && first.ok) for (let k = 0; k < 2; k++) later.push(await once());
			return { name, ...first, later: later.map((m) => m.growthKb) };
		} finally {
			await n8n.stop();
		}
	};
	const oursName = 'Akool node (Job → Download)';
	const httpName = 'HTTP Request node (File)';
	/** @param {boolean} withLater */
	const measureOurs = (withLater) => measure(oursName, (credentialId, url) => akoolWorkflow('Akool download', credentialId, 1, { resource: 'job', operation: 'download', url }), 'Akool', withLater);
	/** @param {boolean} withLater */
	const measureHttp = (withLater) => measure(httpName, (_credentialId, url) => (p) => hand.downloadWorkflow({ path: p, url }), 'Download', withLater);
	// In filesystem mode the first download's growth varies from start to start (n8n's heap and
	// Node's buffers, 40-110 MB for either node): several fresh starts, in alternating order.
	const rounds = mode === 'filesystem' ? MEM_ROUNDS : 1;
	/** @type {Array<Awaited<ReturnType<typeof measureOurs>>>} */
	const oursRuns = [];
	/** @type {Array<Awaited<ReturnType<typeof measureOurs>>>} */
	const httpRuns = [];
	for (let r = 0; r < rounds; r++) {
		const withLater = r === 0;
		if (r % 2 === 0) {
			oursRuns.push(await measureOurs(withLater));
			httpRuns.push(await measureHttp(withLater));
		} else {
			httpRuns.push(await measureHttp(withLater));
			oursRuns.push(await measureOurs(withLater));
		}
	}
	const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
	/** @param {typeof oursRuns} runs */
	const summary = (runs) => ({ ...runs[0], growthKb: median(runs.map((m) => m.growthKb)), firsts: runs.map((m) => m.growthKb), ok: runs.every((m) => m.ok) });
	const ours = summary(oursRuns);
	const http = summary(httpRuns);
	const describe = (/** @type {typeof ours} */ m) =>
		`+${mb(m.growthKb)} peak${m.firsts.length > 1 ? ` (median of ${m.firsts.length} fresh starts: ${m.firsts.map((kb) => `+${mb(kb)}`).join(', ')})` : ''} (idle ${mb(m.idleKb)}), ${m.ok ? `stored ${m.stored} in ${seconds(m.wallMs)}` : `failed: ${String(m.error).slice(0, 160)}`}${m.later.length ? `; the next ${m.later.length}: ${m.later.map((kb) => `+${mb(kb)}`).join(', ')}` : ''}`;
	const target = mode === 'filesystem' ? '≤ +64 MB (first download)' : 'refused before download';
	const met = mode === 'filesystem' ? ours.ok && ours.growthKb <= 64 * 1024 : !ours.ok && /hold in memory/.test(String(ours.error)) && ours.growthKb <= 64 * 1024;
	const ratio = ours.growthKb <= http.growthKb ? `${(http.growthKb / Math.max(ours.growthKb, 1024)).toFixed(1)} × less memory` : `${(ours.growthKb / Math.max(http.growthKb, 1024)).toFixed(1)} × more memory`;
	report({ case: title, what: ours.name, value: describe(ours), versus: `${http.name}: ${describe(http)}`, ratio, target, met, data: { ours: oursRuns, http: httpRuns } });
}

/**
 * 7: peak RSS growth of n8n (started in `database` binary data mode, n8n 2.x's default in queue
 * mode, where n8n reads each file whole into memory to store it) while 20 results of 100 MB are
 * downloaded at once: the Akool node (20 items, Return As Binary, default Max Concurrent Jobs),
 * whose downloads a process-wide bound keeps to SETTINGS.bufferedDownloads at a time, and the
 * HTTP Request node downloading the same 20 files. Each in a freshly started n8n after a 1 MB
 * warm-up; a proxy in front of the mock logs how many file requests were open at once.
 * @param {(mode: string, baseUrl?: string) => Promise<{ n8n: import('../test/e2e/n8n').N8n, credentialId: string }>} start
 * @param {any} mock
 */
async function databaseModeCases(start, mock) {
	const MiB = 1024 * 1024;
	const bound = SETTINGS.bufferedDownloads;
	const title = `7 memory: ${DB_FILES} results of ${DB_FILE_MB} MB at once into binary data, database mode`;
	const proxy = await startFileProxy(mock.url);
	mock.setOptions({ publicUrl: proxy.url });
	try {
		const files = Array.from({ length: DB_FILES }, () => mock.addJob({ store: 'i2v', status: 3, fileSize: DB_FILE_MB * MiB }));
		const small = mock.addJob({ store: 'i2v', status: 3, fileSize: MiB });
		/** @param {string} name @param {(credentialId: string, warmUp: boolean) => (p: string) => any} build @param {string} node */
		const measure = async (name, build, node) => {
			const { n8n, credentialId } = await start('database', proxy.url);
			try {
				const warm = await runOnce(n8n, build(credentialId, true));
				if (warm.execution.status !== 'success') throw new Error(`${name}: the warm-up ended ${warm.execution.status}`);
				proxy.reset();
				const { result, growthKb, idleKb } = await peakGrowth(n8n.pid, async () =>
					await runOnce(n8n, build(credentialId, false), { timeoutMs: 900_000 }).catch((error) => ({ error })),
				);
				const run = /** @type {any} */ (result);
				const items = run.execution ? outputOf(run.execution, node) : [];
				const stored = items.filter((item) => String(item.binary?.data?.id ?? '').startsWith('database:')).length;
				const error = run.error?.message ?? run.execution?.data?.resultData?.error?.message;
				return { name, growthKb, idleKb, wallMs: run.wall, ok: run.execution?.status === 'success' && stored === DB_FILES, stored, most: proxy.mostAtOnce(), error };
			} finally {
				await n8n.stop();
			}
		};
		const ours = await measure(
			`Akool node (${DB_FILES} items, Return As Binary, default Max Concurrent Jobs ${SETTINGS.maxConcurrentJobs.default}; bound: ${bound} buffered downloads at once, another only while those in flight declared < ${SETTINGS.bufferedDownloadsBudgetMb} MB)`,
			(credentialId, warmUp) => {
				if (warmUp) mock.nextJobs({ durationMs: 500, fileSize: MiB }, 2);
				else mock.nextJobs({ durationMs: 500, fileSize: DB_FILE_MB * MiB }, DB_FILES);
				return akoolWorkflow('Akool results into database mode', credentialId, warmUp ? 2 : DB_FILES, i2v({ completion: 'poll', returnAs: 'binary' }, { pollIntervalSeconds: 1 }));
			},
			'Akool',
		);
		const http = await measure(
			`HTTP Request node (File, ${DB_FILES} items: sends every request at once, stores the answers one after another)`,
			(_credentialId, warmUp) => (p) => hand.downloadWorkflow({ path: p, urls: warmUp ? [mock.resultUrl(small._id)] : files.map((job) => mock.resultUrl(job._id)) }),
			'Download',
		);
		const describe = (/** @type {typeof ours} */ m) =>
			`+${mb(m.growthKb)} peak (idle ${mb(m.idleKb)}), ${m.ok ? `${m.stored} files stored in ${seconds(m.wallMs)}` : `failed (${m.stored} stored): ${String(m.error).slice(0, 160)}`}; at most ${m.most} file requests open at once`;
		const memory = ours.growthKb <= http.growthKb ? `${(http.growthKb / Math.max(ours.growthKb, 1024)).toFixed(1)} × less memory` : `${(ours.growthKb / Math.max(http.growthKb, 1024)).toFixed(1)} × more memory`;
		const speed = ours.wallMs <= http.wallMs ? `${(http.wallMs / Math.max(ours.wallMs, 1)).toFixed(2)} × faster` : `${(ours.wallMs / Math.max(http.wallMs, 1)).toFixed(2)} × slower`;
		report({
			case: title,
			what: ours.name,
			value: describe(ours),
			versus: `${http.name}: ${describe(http)}`,
			ratio: `${memory}, ${speed}`,
			target: `≤ ${bound} at once (the bound)`,
			met: ours.ok && ours.most <= bound,
			data: { bound, budgetMb: SETTINGS.bufferedDownloadsBudgetMb, files: DB_FILES, fileMb: DB_FILE_MB, ours, http },
		});
	} finally {
		mock.setOptions({ publicUrl: null });
		await proxy.close();
	}
}

/**
 * 8: queue mode (test/queue: Redis, PostgreSQL, main, workers, a webhook process): QUEUE_RUNS
 * webhook-started executions of one Akool job each, with 2 workers, then the same with one worker
 * left (the other stopped), same cluster and run.
 * @param {any} mock
 */
async function queueModeCases(mock) {
	const { ensureQueueServices } = require('../test/queue/services');
	const { startQueueCluster } = require('../test/queue/cluster');
	const title = `8 queue mode: ${QUEUE_RUNS} executions (one ${QUEUE_JOB_MS} ms job each), 2 workers vs 1`;
	const services = ensureQueueServices();
	if (services.skip) {
		report({ case: title, what: 'skipped', value: services.skip });
		return;
	}
	const cluster = await startQueueCluster({ workers: 2, webhook: true, quiet: true });
	try {
		progress(`queue-mode cluster up in ${seconds(cluster.timings.totalMs)}`);
		const credential = await cluster.main.createCredential({ name: 'Akool sandbox', type: 'akoolApi', data: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url } });
		const burst = async (/** @type {string} */ label) => {
			const p = `bench-queue-${randomUUID()}`;
			const workflow = await cluster.main.createWorkflow({
				name: `bench queue ${label}`,
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: p, responseMode: 'onReceived' } },
					{ name: 'Akool', type: AKOOL, parameters: { resource: 'characterSwap', operation: 'create', imageUrl: { __rl: true, mode: 'url', value: 'https://example.com/hero.png' }, videoUrl: { __rl: true, mode: 'url', value: 'https://example.com/dance.mp4' }, returnAs: 'url', options: { pollIntervalSeconds: 1 } }, credentials: { akoolApi: { id: credential.id } } },
				],
				connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
			});
			await cluster.main.activate(workflow.id);
			mock.nextJobs({ durationMs: QUEUE_JOB_MS }, QUEUE_RUNS);
			const started = Date.now();
			const urls = [cluster.main.webhookUrl(p), cluster.webhook.webhookUrl(p)];
			await Promise.all(Array.from({ length: QUEUE_RUNS }, (_, i) => cluster.main.postWebhook(urls[i % 2], { run: i })));
			const list = await cluster.main.waitForExecutions(workflow.id, (l) => l.length >= QUEUE_RUNS && l.every((e) => !['running', 'new', 'waiting'].includes(e.status)), 600_000);
			const wall = Math.max(...list.map((e) => new Date(e.stoppedAt).getTime())) - started;
			const ok = list.filter((e) => e.status === 'success').length;
			const perWorker = cluster.workers.map((w) => list.filter((e) => w.executionIds().includes(String(e.id))).length);
			if (ok < QUEUE_RUNS) {
				const failed = await cluster.main.execution(list.find((e) => e.status !== 'success').id);
				throw new Error(`queue mode, ${label}: ${QUEUE_RUNS - ok} executions did not succeed, e.g. ${failed.data?.resultData?.error?.message}`);
			}
			return { wall, ok, perWorker, perMinute: (QUEUE_RUNS * 60_000) / wall };
		};
		const two = await burst('2 workers');
		await cluster.workers[1].n8n.stop();
		const one = await burst('1 worker');
		report({
			case: title,
			what: `2 workers (executions per worker ${two.perWorker.join(' / ')}, ${two.ok} succeeded)`,
			value: `${two.perMinute.toFixed(0)} executions/min (${seconds(two.wall)})`,
			versus: `1 worker: ${one.perMinute.toFixed(0)}/min (${seconds(one.wall)}, ${one.ok} succeeded)`,
			ratio: `${(two.perMinute / one.perMinute).toFixed(2)} ×`,
			data: { two, one, timings: cluster.timings },
		});
	} finally {
		await cluster.stop();
	}
}

function printTable() {
	const header = ['#', 'Case / measured', 'Value', 'Compared with', 'Ratio', 'Target', 'Met'];
	const lines = [header];
	for (const row of [...rows].sort((a, b) => a.case.localeCompare(b.case))) {
		lines.push([row.case.split(' ')[0], `${row.case.slice(row.case.indexOf(' ') + 1)} — ${row.what}`, row.value, row.versus ?? '', row.ratio ?? '', row.target ?? '', row.met === undefined ? '' : row.met ? 'yes' : 'NO']);
	}
	console.log('\n' + lines.map((cells) => `| ${cells.map((c) => c.replace(/\|/g, '/')).join(' | ')} |`).join('\n').replace(/\n/, `\n|${header.map(() => ' --- ').join('|')}|\n`));
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const json = JSON.stringify({ at: new Date().toISOString(), n8n: N8N_VERSION, node: process.version, settings: { BATCH, JOB_MS, POLL_S, FILE_MB, ITEMS, SAMPLES }, seconds: (Date.now() - t0) / 1000, rows }, null, 2);
	fs.writeFileSync(path.join(RESULTS_DIR, `bench-${stamp}.json`), json);
	fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
	progress(`done; JSON in ${path.relative(process.cwd(), path.join(RESULTS_DIR, 'latest.json'))}`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
