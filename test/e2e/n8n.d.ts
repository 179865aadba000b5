/**
 * Typings for ./n8n.js — the real-n8n e2e harness. See the JSDoc in n8n.js and
 * /work/shared/n8n-runtime.md for the background.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface StartOptions {
	/**
	 * The n8n command: 'start' (default, the main process: editor, REST and public API, owner +
	 * API key), 'worker' (queue mode: runs executions from the Redis queue; its health server on
	 * `port` is QUEUE_HEALTH_CHECK_PORT, enabled on 127.0.0.1) or 'webhook' (queue mode: serves
	 * production webhooks on `port`). The queue-mode environment (EXECUTIONS_MODE=queue,
	 * QUEUE_BULL_REDIS_*, DB_*) comes in `env`; see test/queue/cluster.js. Only 'start' creates the
	 * owner and an API key, so api()/createCredential()/... throw on the others.
	 */
	command?: 'start' | 'worker' | 'webhook';
	/** Extra command-line arguments after the command, e.g. ['--concurrency=5'] for a worker. */
	args?: string[];
	/**
	 * A built community-node package directory (package.json with an "n8n" section, dist/).
	 * Default: the repo root. It is `npm pack`ed and installed into
	 * `<userFolder>/.n8n/nodes/node_modules/<name>` on every start, the way n8n's own
	 * community-package installer does it. Pass `null` to install nothing.
	 */
	packageDir?: string | null;
	/** HTTP port (default: a free one): N8N_PORT, for a worker its health server's port. */
	port?: number;
	/** Task-broker port (N8N_RUNNERS_BROKER_PORT), default: a free one. */
	brokerPort?: number;
	/** N8N_USER_FOLDER. Default: a fresh temp dir, removed by stop() unless keepUserFolder. */
	userFolder?: string;
	/** Keep the default temp user folder on stop() (a given userFolder is never removed). */
	keepUserFolder?: boolean;
	/** Extra/overriding environment for the n8n process (applied last). */
	env?: Record<string, string>;
	/** Create the owner account + a public-API key with every scope. Default true. */
	owner?: boolean;
	/** File for n8n's stdout/stderr. Default `<userFolder>/n8n.log`. */
	log?: string;
	/**
	 * Seed a fresh user folder with the migrated database from ensureDbTemplate() when it exists
	 * (default true; saves the ~4 s of first-start migrations). Ignored when the folder has a DB,
	 * and when env.DB_TYPE is not sqlite (the template is a SQLite file).
	 */
	dbTemplate?: boolean;
	/** How long to wait for /healthz/readiness. Default 120000. */
	startTimeoutMs?: number;
	/**
	 * Aborts a start that is waiting for readiness: n8n is stopped (as by stop()) and startN8n
	 * rejects with an error named 'AbortError'. Checked between readiness polls (< 2.5 s).
	 */
	signal?: AbortSignal;
}

export interface CredentialInput {
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface WorkflowNodeInput {
	name: string;
	type: string;
	/** default 1 */
	typeVersion?: number;
	/** default [index*240, 0] */
	position?: [number, number];
	/** default {} */
	parameters?: Record<string, unknown>;
	/** default: a random UUID */
	id?: string;
	/** Set a fixed one on trigger nodes: the production URL is /webhook/<webhookId>/<path>. */
	webhookId?: string;
	credentials?: Record<string, { id: string; name?: string }>;
	[key: string]: unknown;
}

export interface WorkflowInput {
	name: string;
	nodes: WorkflowNodeInput[];
	connections?: Record<string, unknown>;
	/** merged over { executionOrder: 'v1' } */
	settings?: Record<string, unknown>;
}

export interface CreateWorkflowOptions {
	/**
	 * Credential-id rewriting: `{ akoolApi: '12' }` or `{ akoolApi: { id: '12', name: 'Akool' } }`.
	 * Every node that has a `credentials[<type>]` entry gets it replaced by the mapped id.
	 * Nodes without that credential key are left untouched (nothing is added).
	 */
	credentials?: Record<string, string | { id: string; name: string }>;
}

export type ExecutionStatus =
	| 'canceled'
	| 'crashed'
	| 'error'
	| 'new'
	| 'running'
	| 'success'
	| 'unknown'
	| 'waiting';

export interface ExecutionsOptions {
	status?: ExecutionStatus;
	/** max number returned (default: all, paging through the API 250 at a time) */
	limit?: number;
	/** include `data` (runData) for each execution */
	includeData?: boolean;
}

export interface Execution {
	/** always a string */
	id: string;
	workflowId: string;
	status: ExecutionStatus;
	mode: string;
	finished: boolean;
	startedAt: string;
	stoppedAt: string | null;
	waitTill: string | null;
	retryOf?: string | null;
	retrySuccessId?: string | null;
	/** only from execution(id) / includeData: the parsed IRunExecutionData */
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: any; binary?: any }> | null> }; error?: any; [k: string]: any }>>;
			lastNodeExecuted?: string;
			error?: any;
		};
		[k: string]: any;
	};
	[k: string]: any;
}

export interface WebhookResponse {
	status: number;
	/** parsed JSON if the response is JSON, else the text */
	body: any;
	text: string;
	headers: IncomingHttpHeaders;
	/** how many POSTs it took (> 1 when the webhook was not registered yet) */
	attempts: number;
}

export interface N8n {
	/** The command it runs (StartOptions.command). */
	command: 'start' | 'worker' | 'webhook';
	/** http://127.0.0.1:PORT (a worker: its health server, /healthz and /healthz/readiness) */
	url: string;
	port: number;
	brokerPort: number;
	/** PID of the main n8n process; also the process-group id (the task runner is in it). */
	pid: number;
	userFolder: string;
	logFile: string;
	/** the install dir (${N8N_E2E_HOME:-~/.cache/n8n-e2e}/<version>) */
	home: string;
	/** n8n version (from the selected host package.json, see N8N_E2E_HOST) */
	version: string;
	/** whether the DB was seeded from the migrated-DB template */
	fromDbTemplate: boolean;
	/** the community package installed at start, if any */
	package?: { name: string; version: string; ms: number };
	/** spawn → /healthz/readiness 200 */
	startMs: number;
	/** owner setup + API key creation */
	setupMs: number;
	/** public-API key with every scope the owner may grant ('' with owner: false, and for a worker or webhook process) */
	apiKey: string;
	/** owner login, e.g. to show a human (npm start) */
	owner?: { email: string; password: string };

	/**
	 * Production webhook URL. webhookUrl(webhookId, path) -> <url>/webhook/<webhookId>/<path>
	 * (the rule for nodes with a webhookId); webhookUrl(fullPath) -> <url>/webhook/<fullPath>.
	 */
	webhookUrl(webhookIdOrFullPath: string, path?: string): string;
	/** Public API (/api/v1) with X-N8N-API-KEY; throws (with .status, .body) on non-2xx. Returns the raw JSON. */
	api(method: string, path: string, body?: unknown): Promise<any>;
	/** Internal /rest API with the owner's cookie; throws on non-2xx; returns the `data` member when present. */
	rest(method: string, path: string, body?: unknown): Promise<any>;
	createCredential(c: CredentialInput): Promise<{ id: string; name: string; type: string }>;
	/** Fills node defaults (id, typeVersion 1, position, parameters) and settings.executionOrder 'v1'. */
	createWorkflow(wf: WorkflowInput, opts?: CreateWorkflowOptions): Promise<{ id: string; [k: string]: any }>;
	/**
	 * Publish (= activate) through POST /api/v1/workflows/{id}/publish on 2.x, /activate on 1.x.
	 * The webhooks may need a moment: use postWebhook.
	 */
	activate(id: string): Promise<void>;
	deactivate(id: string): Promise<void>;
	/** Newest first. */
	executions(workflowId?: string, opts?: ExecutionsOptions): Promise<Execution[]>;
	/** One execution with its parsed data (resultData.runData). */
	execution(id: string | number): Promise<Execution>;
	/** Polls executions(workflowId) every 200 ms until predicate(list) is true; returns that list. */
	waitForExecutions(
		workflowId: string,
		predicate: (list: Execution[]) => boolean,
		timeoutMs?: number,
	): Promise<Execution[]>;
	/**
	 * POST (JSON unless body is a string/Buffer) to a webhook URL. Retries 404 "... is not registered"
	 * (the activation race) for up to opts.retryMs (default 10000), then returns whatever came back.
	 */
	postWebhook(
		url: string,
		body: unknown,
		headers?: Record<string, string>,
		opts?: { method?: string; retryMs?: number },
	): Promise<WebhookResponse>;
	/** Live processes of this n8n (main + task runner), from /proc. */
	processes(): Array<{ pid: number; cmd: string }>;
	/** The last n lines (default 60) of the n8n log. */
	logTail(n?: number): string;
	/** Set once the main process has exited. */
	exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
	/** SIGTERM the main PID, wait for it and its task runner (SIGKILL the group after 20 s + 5 s). Idempotent. */
	stop(): Promise<void>;
}

export function startN8n(opts?: StartOptions): Promise<N8n>;

/** Runs install-n8n.sh once per process: reuses a verified install after a quick check, else installs or repairs it (blocking, progress on stderr). */
export function ensureN8n(): { home: string; cached: boolean; ms: number };
/**
 * ensureN8n() without blocking (same script, same once-per-process result); install-n8n.sh runs in
 * its own process group, sent SIGTERM when `signal` aborts (the promise then rejects, name 'AbortError').
 */
export function ensureN8nAsync(opts?: { signal?: AbortSignal }): Promise<{ home: string; cached: boolean; ms: number }>;
/** Creates (once per install, ~15 s) the migrated-DB template used by startN8n. */
export function ensureDbTemplate(opts?: { quiet?: boolean }): Promise<{ path: string; cached: boolean; ms: number }>;
export function dbTemplatePath(home: string): string;
export function n8nHome(): string;
export function installStamp(home?: string): string;
export function installCommunityPackage(
	packageDir: string,
	nodesDir: string,
): { name: string; version: string; ms: number };
/** PIDs of the live (non-zombie) processes in a process group. */
export function processGroupPids(pgid: number): number[];
export function isAlive(pid: number): boolean;
/** A TCP port on 127.0.0.1 that is free now and was not handed out by freePort before in this process. */
export function freePort(): Promise<number>;
export function request(
	method: string,
	url: string,
	opts?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number },
): Promise<{ status: number; body: any; text: string; headers: IncomingHttpHeaders }>;
/** The n8n version of the selected host (N8N_E2E_HOST; unset = test/e2e/n8n-host/package.json). */
export const N8N_VERSION: string;
/** Its major version (1 or 2): the harness switches the few API differences on it. */
export const N8N_MAJOR: number;
/** The N8N_E2E_HOST value ('' = the default host, n8n-host/package.json). */
export const N8N_E2E_HOST: string;
export const OWNER: { email: string; firstName: string; lastName: string; password: string };
export const REPO_ROOT: string;
