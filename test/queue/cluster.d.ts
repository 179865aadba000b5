/** Typings for ./cluster.js: a queue-mode n8n (Redis, PostgreSQL, main, workers, webhook process). */
import type { N8n } from '../e2e/n8n';
import type { PostgresServer, RedisServer } from './services';

export interface QueueClusterOptions {
	/** number of `n8n worker` processes (default 2) */
	workers?: number;
	/** start one `n8n webhook` process (default true) */
	webhook?: boolean;
	/** `n8n worker --concurrency=N` (default: n8n's, 10) */
	concurrency?: number;
	/** N8N_LOG_LEVEL of every process (default 'info': enough for "Worker started execution N") */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** extra environment for every n8n process (applied last) */
	env?: Record<string, string>;
	/** extra environment for the workers only */
	workerEnv?: Record<string, string>;
	/** the community package (default: the repo root, built); null = none */
	packageDir?: string | null;
	/** no `[n8n-queue]` progress lines on stderr */
	quiet?: boolean;
}

export interface QueueWorker {
	/** 0-based */
	index: number;
	n8n: N8n;
	pid: number;
	/** its health server: /healthz, /healthz/readiness */
	healthUrl: string;
	logFile: string;
	/** the whole log */
	log(): string;
	/** ids of the executions this worker started ("Worker started execution N (job M)" in its log), in order */
	executionIds(): string[];
}

export interface QueueWebhook {
	n8n: N8n;
	/** http://127.0.0.1:PORT: serves /webhook/… (production webhooks) and /healthz */
	url: string;
	pid: number;
	logFile: string;
	log(): string;
	/** like N8n.webhookUrl, on this process: <url>/webhook/<webhookId>/<path> or <url>/webhook/<fullPath> */
	webhookUrl(webhookIdOrFullPath: string, path?: string): string;
}

export interface QueueClusterTimings {
	/** Redis and PostgreSQL, started side by side */
	servicesMs: number;
	/** spawn → PING answered */
	redisMs: number;
	/** initdb → CREATE DATABASE → accepting connections */
	postgresMs: number;
	/** main: package install + spawn → ready + owner/API key */
	mainMs: number;
	/** main: spawn → ready (migrations included) */
	mainReadyMs: number;
	/** each worker: spawn → /healthz/readiness 200 */
	workersMs: number[];
	/** webhook process: spawn → /healthz/readiness 200 */
	webhookMs?: number;
	/** workers + webhook process, started side by side (package installs included) */
	othersMs: number;
	totalMs: number;
}

export interface QueueCluster {
	/** the main process: public API, createCredential/createWorkflow/activate/executions, webhookUrl */
	main: N8n;
	workers: QueueWorker[];
	webhook?: QueueWebhook;
	redis: RedisServer;
	postgres: PostgresServer;
	/** the queue-mode environment every n8n process got */
	env: Record<string, string>;
	timings: QueueClusterTimings;
	/** index of the worker whose log says it started this execution */
	workerOf(executionId: string | number): number | undefined;
	logs(): { main: string; workers: string[]; webhook: string };
	/** resident memory now, in MB, per process group (n8n with its task runner, postmaster with its backends) */
	memory(): { main: number; workers: number[]; webhook: number; redis: number; postgres: number };
	/** n8n processes first (side by side), then Redis and PostgreSQL. Idempotent. */
	stop(): Promise<void>;
}

/** Starts Redis + PostgreSQL, main, then the workers and the webhook process side by side. Stops what it started if any part fails. */
export function startQueueCluster(opts?: QueueClusterOptions): Promise<QueueCluster>;
/** "Worker started execution N (job M)" ids in a worker log. */
export function startedExecutionIds(log: string): string[];
