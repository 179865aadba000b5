// @ts-check
/**
 * A queue-mode n8n (types: ./cluster.d.ts): Redis + PostgreSQL (./services.js), the main process
 * (`n8n start`: editor, REST/public API, owner + API key, production webhooks, enqueues
 * executions), N workers (`n8n worker`: run the executions) and optionally one webhook process
 * (`n8n webhook`: production webhooks only), all started through test/e2e/n8n.js `startN8n` with
 * the same N8N_ENCRYPTION_KEY (its fixed default) and the queue-mode environment.
 *
 * Every n8n process has its own user folder with the community package installed into its
 * `.n8n/nodes` the way n8n installs one (startN8n's default; no shared nodes folder), and its own
 * task-broker port. Main starts first (it runs the database migrations), then the workers and the
 * webhook process side by side. The public webhook base (N8N_WEBHOOK_URL) of every process is
 * main's URL.
 */
'use strict';

const fs = require('node:fs');

const { processGroupPids, startN8n, N8N_VERSION } = require('../e2e/n8n');
const { ensureQueueServices, startPostgres, startRedis } = require('./services');

/** @param {string} file */
function readLog(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

/**
 * Resident memory of a process group (a process and its children: n8n + task runner, postmaster +
 * backends), in MB, from /proc.
 * @param {number} pgid
 */
function groupRssMb(pgid) {
	let kb = 0;
	for (const pid of processGroupPids(pgid)) {
		try {
			kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] || 0);
		} catch {
			/* gone */
		}
	}
	return Math.round(kb / 1024);
}

/**
 * Execution ids a worker's log says it started ("Worker started execution 12 (job 3)", logged at
 * info by n8n's JobProcessor; n8n 2.41's executions API does not say which worker ran one).
 * @param {string} log
 */
function startedExecutionIds(log) {
	return [...log.matchAll(/Worker started execution (\d+) \(job /g)].map((m) => m[1]);
}

/**
 * @param {import('./cluster').QueueClusterOptions} [opts]
 * @returns {Promise<import('./cluster').QueueCluster>}
 */
async function startQueueCluster(opts = {}) {
	const workerCount = opts.workers ?? 2;
	const withWebhook = opts.webhook ?? true;
	const say = (/** @type {string} */ line) => {
		if (!opts.quiet) process.stderr.write(`[n8n-queue] ${line}\n`);
	};
	const services = ensureQueueServices();
	if (services.skip) throw new Error(services.skip);

	/** @type {Array<{ stop: () => Promise<void>, n8n: boolean }>} what is running, in start order */
	const running = [];
	/** @type {Promise<void> | undefined} */
	let stopping;
	const stop = () => {
		// n8n first (its graceful shutdown still talks to Redis and PostgreSQL), then the servers
		stopping ||= (async () => {
			const t = Date.now();
			await Promise.allSettled(running.filter((r) => r.n8n).map((r) => r.stop()));
			await Promise.allSettled(running.filter((r) => !r.n8n).map((r) => r.stop()));
			say(`stopped in ${Date.now() - t} ms`);
		})();
		return stopping;
	};
	/** @param {() => Promise<void>} fn @param {boolean} isN8n */
	const track = (fn, isN8n) => running.push({ stop: fn, n8n: isN8n });

	const t0 = Date.now();
	/** @type {import('./cluster').QueueClusterTimings} */
	const timings = { servicesMs: 0, redisMs: 0, postgresMs: 0, mainMs: 0, mainReadyMs: 0, workersMs: [], webhookMs: undefined, othersMs: 0, totalMs: 0 };
	try {
		// Redis and PostgreSQL side by side
		const [redisResult, pgResult] = await Promise.allSettled([startRedis(), startPostgres({ database: 'n8n' })]);
		if (redisResult.status === 'fulfilled') track(redisResult.value.stop, false);
		if (pgResult.status === 'fulfilled') track(pgResult.value.stop, false);
		if (redisResult.status === 'rejected') throw redisResult.reason;
		if (pgResult.status === 'rejected') throw pgResult.reason;
		const redis = redisResult.value;
		const postgres = pgResult.value;
		timings.redisMs = redis.startMs;
		timings.postgresMs = postgres.startMs;
		timings.servicesMs = Date.now() - t0;
		say(
			`Redis ${redis.version} on :${redis.port} in ${redis.startMs} ms; PostgreSQL ${postgres.version} (${postgres.source}, as ${postgres.runsAs}) on :${postgres.port} in ${postgres.startMs} ms` +
				` (initdb ${postgres.phases.initdbMs} ms, CREATE DATABASE ${postgres.phases.createDatabaseMs} ms, server ${postgres.phases.serverMs} ms)`,
		);

		/** @type {Record<string, string>} */
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_LOG_LEVEL: opts.logLevel || 'info',
			// what n8n 2.41 recommends in queue mode (it warns otherwise): manual runs go to workers too
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...(opts.env || {}),
		};

		// main: runs the migrations, so it goes first
		const t1 = Date.now();
		const main = await startN8n({ env, packageDir: opts.packageDir, startTimeoutMs: 180_000 });
		track(main.stop, true);
		timings.mainMs = Date.now() - t1;
		timings.mainReadyMs = main.startMs;
		say(`main (n8n start ${N8N_VERSION}) ${main.url} ready in ${main.startMs} ms (+ owner/API key ${main.setupMs} ms, package install ${main.package?.ms ?? 0} ms)`);

		// workers and the webhook process side by side
		const shared = { ...env, N8N_WEBHOOK_URL: `${main.url}/`, N8N_EDITOR_BASE_URL: `${main.url}/`, ...(opts.env || {}) };
		const t2 = Date.now();
		const starts = [
			...Array.from({ length: workerCount }, () =>
				startN8n({
					command: 'worker',
					env: { ...shared, ...(opts.workerEnv || {}) },
					args: opts.concurrency ? [`--concurrency=${opts.concurrency}`] : [],
					packageDir: opts.packageDir,
					startTimeoutMs: 180_000,
				}),
			),
			...(withWebhook ? [startN8n({ command: 'webhook', env: shared, packageDir: opts.packageDir, startTimeoutMs: 180_000 })] : []),
		];
		const results = await Promise.allSettled(starts);
		for (const r of results) if (r.status === 'fulfilled') track(r.value.stop, true);
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw /** @type {PromiseRejectedResult} */ (failed).reason;
		const started = results.map((r) => /** @type {PromiseFulfilledResult<import('../e2e/n8n').N8n>} */ (r).value);
		timings.othersMs = Date.now() - t2;

		/** @type {import('./cluster').QueueWorker[]} */
		const workers = started.slice(0, workerCount).map((n8n, index) => ({
			index,
			n8n,
			pid: n8n.pid,
			healthUrl: n8n.url,
			logFile: n8n.logFile,
			log: () => readLog(n8n.logFile),
			executionIds: () => startedExecutionIds(readLog(n8n.logFile)),
		}));
		timings.workersMs = workers.map((w) => w.n8n.startMs);
		const webhookN8n = withWebhook ? started[workerCount] : undefined;
		/** @type {import('./cluster').QueueWebhook | undefined} */
		const webhook = webhookN8n && {
			n8n: webhookN8n,
			url: webhookN8n.url,
			pid: webhookN8n.pid,
			logFile: webhookN8n.logFile,
			log: () => readLog(webhookN8n.logFile),
			webhookUrl: (idOrPath, p) => webhookN8n.webhookUrl(idOrPath, p),
		};
		timings.webhookMs = webhookN8n?.startMs;
		timings.totalMs = Date.now() - t0;
		say(
			`${workerCount} worker(s) ready in ${timings.workersMs.join(' / ')} ms` +
				(webhook ? `, webhook process ${webhook.url} in ${timings.webhookMs} ms` : '') +
				` (started side by side: ${timings.othersMs} ms); cluster up in ${timings.totalMs} ms`,
		);

		return {
			main,
			workers,
			webhook,
			redis,
			postgres,
			env,
			timings,
			workerOf: (executionId) => {
				const id = String(executionId);
				const w = workers.find((x) => x.executionIds().includes(id));
				return w ? w.index : undefined;
			},
			memory: () => ({
				main: groupRssMb(main.pid),
				workers: workers.map((w) => groupRssMb(w.pid)),
				webhook: webhook ? groupRssMb(webhook.pid) : 0,
				redis: groupRssMb(redis.pid),
				postgres: groupRssMb(postgres.pid),
			}),
			logs: () => ({
				main: readLog(main.logFile),
				workers: workers.map((w) => w.log()),
				webhook: webhook ? webhook.log() : '',
			}),
			stop,
		};
	} catch (e) {
		await stop();
		throw e;
	}
}

module.exports = { startQueueCluster, startedExecutionIds };
