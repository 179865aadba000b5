/**
 * In-process workflow harness: runs a workflow through the real n8n-core `WorkflowExecute`
 * with our node instances, real HTTP (n8n-core's OutboundHttp), real binary-data storage
 * (filesystem mode in a temp dir) and credentials applied the way n8n's CLI does.
 * Modelled on n8n's `NodeTestHarness` (packages/core/nodes-testing), which is not published.
 * `restApiUrl` points at a small local server that answers n8n's signed binary-data URLs
 * (`this.helpers.createBinarySignedUrl`) the way n8n's BinaryDataController does.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
	BinaryDataConfig,
	BinaryDataService,
	ErrorReporter,
	ExecutionLifecycleHooks,
	FileNotFoundError,
	InstanceSettings,
	LoadOptionsContext,
	WebhookContext,
	WorkflowExecute,
	isValidNonDefaultMode,
} from 'n8n-core';
import {
	BaseError,
	NodeHelpers,
	UserError,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunData,
	type ITriggerFunctions,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IRunExecutionData,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';

export interface RunOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	inputItems?: INodeExecutionData[];
	signal?: AbortSignal;
	webhookWaitingBaseUrl?: string;
	/** n8n's REST address (WEBHOOK_URL + /rest), where signed binary-data links point; default the harness's own server. */
	restApiUrl?: string;
}

export interface RunResult {
	status: 'success' | 'error' | 'waiting' | 'canceled' | string;
	error?: Error;
	waitTill?: Date;
	runData: IRunData;
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	nodeError(nodeName: string): Error | undefined;
	binaryBuffer(item: INodeExecutionData, property?: string): Promise<Buffer>;
	durationMs: number;
	/** For a waiting run: n8n's waiting webhook receives this request (see resumeWaiting). */
	resume(request: ResumeRequest): Promise<ResumeResult>;
	/** For a waiting run: its wait limit passes (n8n's WaitTracker restarts it; no node code runs). */
	expireWait(): Promise<RunResult>;
}

export interface ResumeRequest {
	body: unknown;
	headers?: Record<string, string>;
	query?: Record<string, string>;
}

export interface ResumeResult {
	/** What the caller (Akool) got back. */
	response: { status: number; body: unknown };
	/** The run after the resume: `status: 'waiting'` again when the node kept waiting. */
	result: RunResult;
	/** The node's webhook() threw (n8n 2.41 would then resume with its run data wiped). */
	webhookError?: Error;
	/** Time from the request until the response was sent, and until webhook() returned. */
	respondedMs?: number;
	webhookMs: number;
}

export type WorkflowInput = { nodes: INode[]; connections: IConnections; settings?: IWorkflowSettings } | string;

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** Stand-in for nodes-base's Manual Trigger (not installed): a real `trigger()` that emits on the manual run. */
function manualTrigger(items: INodeExecutionData[] | undefined): INodeType {
	return {
		description: {
			displayName: 'Manual Trigger', name: 'manualTrigger', group: ['trigger', 'input'], version: 1,
			description: 'Runs the flow on clicking a button in n8n', defaults: { name: 'Manual Trigger' },
			inputs: [], outputs: ['main'], properties: [],
		},
		async trigger(this: ITriggerFunctions) {
			// In manual mode n8n-core replaces `this.emit` after trigger() returns, then calls this.
			return { manualTriggerFunction: async () => this.emit([items ?? [{ json: {} }]]) };
		},
	};
}

// ---- one-time n8n-core setup (per jest module registry, i.e. per test file) ----
// n8n-core has its own nested copy of @n8n/di (0.17) next to a hoisted 0.16: we must use the copy
// n8n-core resolves, through jest's `require` (not createRequire), or Container.set() is invisible to it.
const coreDir = dirname(require.resolve('n8n-core'));
const fromCore = (id: string) => require(require.resolve(id, { paths: [coreDir] }));
type ContainerT = { get<T>(c: abstract new (...a: never[]) => T): T; set<T>(c: abstract new (...a: never[]) => T, v: T): void };
const Container: ContainerT = fromCore('@n8n/di').Container;

/**
 * Switches n8n-core's binary data mode for the next runs ('default' = in memory, the item carries
 * base64; 'filesystem-v2' = the harness's store) and returns the previous one. Call after a run
 * has initialised the harness.
 */
export function setBinaryDataMode(mode: string): string {
	const service = Container.get(BinaryDataService) as unknown as { mode: string };
	const previous = service.mode;
	service.mode = mode;
	return previous;
}

const silentLogger = new Proxy({}, { get: (_t, key) => (key === 'scoped' ? () => silentLogger : () => {}) });
/** Original node errors, by `${executionId}/${nodeName}`: n8n-core keeps only a spread copy in run data. */
const reportedErrors = new Map<string, Error>();
let ready: Promise<void> | undefined;
let harnessHome: string | undefined; // temp n8n user folder (settings + binary data)
let binaryDataServer: Server | undefined; // answers ${restApiUrl}/binary-data/signed (startBinaryDataServer)
let harnessRestApiUrl: string | undefined;
// Module-level so jest accepts it (hooks cannot be added inside a test); `process.on('exit')` is
// not forwarded out of jest's sandbox, so it would leave the temp dir behind.
if (typeof afterAll === 'function') {
	afterAll(async () => {
		if (binaryDataServer) {
			const server = binaryDataServer;
			binaryDataServer = undefined;
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
		if (harnessHome) rmSync(harnessHome, { recursive: true, force: true });
	});
}

/** The harness's `restApiUrl` (`http://127.0.0.1:<port>/rest`), where its signed binary-data URLs point; set by the first run. */
export function harnessRestUrl(): string {
	if (!harnessRestApiUrl) throw new Error('Harness: not set up yet (run a workflow first)');
	return harnessRestApiUrl;
}

/** n8n's BadRequestError (a 400 with the message as the body). */
class BadRequestError extends Error {}

/** n8n 2.41.1 BinaryDataController.validateBinaryDataId. */
function validateBinaryDataId(binaryDataId: string | undefined): asserts binaryDataId is string {
	if (!binaryDataId) throw new BadRequestError('Missing binary data ID');
	const separatorIndex = binaryDataId.indexOf(':');
	if (separatorIndex === -1) throw new BadRequestError('Malformed binary data ID');
	if (!isValidNonDefaultMode(binaryDataId.substring(0, separatorIndex))) throw new BadRequestError('Invalid binary data mode');
	const path = binaryDataId.substring(separatorIndex + 1);
	if (path === '' || path === '/' || path === '//') throw new BadRequestError('Malformed binary data ID');
	if (path.split(/[/\\]/).includes('..')) throw new BadRequestError('Malformed binary data ID');
}

/** n8n's sandbox CSP (n8n-core getHtmlSandboxCSP), sent with every binary-data download. */
const HTML_SANDBOX_CSP =
	'sandbox allow-downloads allow-forms allow-modals allow-orientation-lock allow-pointer-lock allow-popups allow-popups-to-escape-sandbox allow-presentation allow-scripts allow-top-navigation-by-user-activation allow-top-navigation-to-custom-protocols';
/** @n8n/api-types BinaryDataSignedQueryDto: `token` must look like a JWT. */
const JWT_FORMAT = /^[A-Za-z0-9-_]+\.[A-Za-z0-9-_]+\.[A-Za-z0-9-_]+$/;

/**
 * GET `/rest/binary-data/signed?token=` exactly as n8n 2.41.1 answers it (controller.registry.js query DTO
 * check, BinaryDataController.getSigned + setContentHeaders with action 'download'; no login needed):
 * - `token` missing, repeated or not JWT-shaped → 400 with the zod issue as JSON;
 * - a token n8n did not sign, or an expired one → 400 with jsonwebtoken's message (`invalid signature`, `jwt expired`);
 * - an id that is not a stored mode's → 400 with the message (`Invalid binary data mode`, `Malformed binary data ID`);
 * - the file is gone → 404, empty;
 * - else 200 with the bytes, `Content-Type` = the stored mime type, `Content-Length`, `Content-Disposition: attachment; filename="…"`.
 * Other paths and methods → 404.
 */
async function answerBinaryData(req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://harness.invalid');
	if (url.pathname.replace(/\/$/, '') !== '/rest/binary-data/signed' || (req.method !== 'GET' && req.method !== 'HEAD')) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end(`Cannot ${req.method} ${url.pathname}`);
		return;
	}
	const tokens = url.searchParams.getAll('token');
	const issue =
		tokens.length === 0
			? { code: 'invalid_type', expected: 'string', received: 'undefined', path: ['token'], message: 'Required' }
			: tokens.length > 1
				? { code: 'invalid_type', expected: 'string', received: 'array', path: ['token'], message: 'Expected string, received array' }
				: JWT_FORMAT.test(tokens[0])
					? undefined
					: { validation: 'regex', code: 'invalid_string', message: 'Token must be a valid JWT format', path: ['token'] };
	if (issue) {
		const json = JSON.stringify(issue);
		res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
		return;
	}
	const service = Container.get(BinaryDataService);
	const { JsonWebTokenError } = fromCore('jsonwebtoken') as { JsonWebTokenError: new (...a: never[]) => Error };
	try {
		const binaryDataId = service.validateSignedToken(tokens[0]);
		validateBinaryDataId(binaryDataId);
		try {
			const metadata = await service.getMetadata(binaryDataId);
			if (metadata.mimeType) res.setHeader('Content-Type', metadata.mimeType);
			res.setHeader('Content-Length', metadata.fileSize);
			res.setHeader('Content-Disposition', metadata.fileName ? `attachment; filename="${encodeURIComponent(metadata.fileName)}"` : 'attachment');
		} catch {
			res.setHeader('Content-Disposition', 'attachment');
		}
		res.setHeader('Content-Security-Policy', HTML_SANDBOX_CSP);
		const stream = await service.getAsStream(binaryDataId);
		res.writeHead(200);
		if (req.method === 'HEAD') {
			stream.destroy();
			res.end();
			return;
		}
		pipeline(stream, res, () => {});
	} catch (error) {
		res.removeHeader('Content-Length');
		if (error instanceof FileNotFoundError) {
			res.writeHead(404).end();
		} else if (error instanceof BadRequestError || error instanceof JsonWebTokenError) {
			res.writeHead(400).end((error as Error).message);
		} else {
			res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ code: 500, message: (error as Error).message }));
		}
	}
}

/**
 * Starts the harness's stand-in for n8n's REST server on a free port of 127.0.0.1 (only the signed
 * binary-data route: what Akool fetches) and returns its `restApiUrl`. Unref'd, so it never keeps a
 * process alive; closed after the test file (afterAll above).
 */
async function startBinaryDataServer(): Promise<string> {
	const server = createServer((req, res) => {
		answerBinaryData(req, res).catch(() => res.destroy());
	});
	server.on('connection', (socket) => socket.unref());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	server.unref();
	binaryDataServer = server;
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest`;
}

async function setup(): Promise<void> {
	ready ??= (async () => {
		Container.set(fromCore('@n8n/backend-common').Logger, silentLogger); // n8n-core logs via Container Logger
		// WorkflowExecute reports each node error here (with nodeName/executionId) before keeping only a
		// spread copy. BaseError subclasses (NodeOperationError, NodeApiError) arrive as the original
		// object; plain Errors arrive sanitized (message = class name), so those are not recorded.
		Container.set(ErrorReporter, {
			error: (e: unknown, o?: { extra?: Record<string, unknown> }) => {
				if (e instanceof BaseError && o?.extra?.nodeName) reportedErrors.set(`${String(o.extra.executionId)}/${String(o.extra.nodeName)}`, e);
			},
			warn: () => {}, info: () => {},
		} as unknown as ErrorReporter);
		// InstanceSettings would otherwise create ~/.n8n/config with an encryption key.
		const home = (harnessHome = mkdtempSync(join(tmpdir(), 'n8n-harness-')));
		const settingsConfig = { n8nFolder: join(home, '.n8n'), userHome: home, encryptionKey: 'harness-key', enforceSettingsFilePermissions: false };
		Container.set(InstanceSettings, new (InstanceSettings as unknown as new (...a: unknown[]) => InstanceSettings)(settingsConfig, silentLogger));
		// 'filesystem' mode: prepareBinaryData(stream) is piped to disk, items carry only an id.
		// signingSecret: what createBinarySignedUrl signs with, derived from the encryption key as n8n does
		// when N8N_BINARY_DATA_SIGNING_SECRET is not set (BinaryDataConfig constructor).
		const signingSecret = createHash('sha256').update(`url-signing:${settingsConfig.encryptionKey}`).digest('base64');
		Object.assign(Container.get(BinaryDataConfig), { mode: 'filesystem', localStoragePath: join(home, 'binary-data'), signingSecret });
		await Container.get(BinaryDataService).init();
		harnessRestApiUrl = await startBinaryDataServer();
	})();
	await ready;
}

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}
	getByName(type: string) {
		const nodeType = this.types[type];
		if (!nodeType) throw new UserError(`Harness: unknown node type "${type}" (add it to options.nodeTypes)`);
		return nodeType;
	}
	getByNameAndVersion(type: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}
	getKnownTypes() {
		return {};
	}
}

/** Gives each node a reference to every credential it declares and the test supplies, as picking one in the UI would. */
function prepareNodes(nodes: INode[], nodeTypes: INodeTypes, credentials: Record<string, unknown>): INode[] {
	return structuredClone(nodes).map((node) => {
		for (const { name } of nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? []) {
			if (credentials[name] && !node.credentials?.[name]) node.credentials = { ...node.credentials, [name]: { id: name, name } };
		}
		return node;
	});
}

let executionCounter = 0;

function additionalDataFor(executionId: string, webhookWaitingBaseUrl: string, credentialsHelper: HarnessCredentialsHelper) {
	const base = webhookWaitingBaseUrl.replace(/\/webhook-waiting\/?$/, '');
	const unsupported = (what: string) => async () => {
		throw new UserError(`Harness: ${what} is not supported`);
	};
	// A plain object, not a jest-mock-extended mock: with a deep mock every optional hook
	// (evalLlmMockHandler, encryptedRunnerIdentity, otel, ...) is a truthy jest.fn and changes n8n-core's path.
	// restApiUrl: the harness's binary-data server (createBinarySignedUrl → `${restApiUrl}/binary-data/signed?token=`).
	return {
		executionId, credentialsHelper, currentNodeExecutionIndex: 0, variables: {},
		restApiUrl: harnessRestApiUrl ?? `${base}/rest`, instanceBaseUrl: `${base}/`,
		webhookBaseUrl: `${base}/webhook`, webhookWaitingBaseUrl, webhookTestBaseUrl: `${base}/webhook-test`,
		formBaseUrl: `${base}/form`, formWaitingBaseUrl: `${base}/form-waiting`, formTestBaseUrl: `${base}/form-test`,
		mcpBaseUrl: `${base}/mcp`, mcpTestBaseUrl: `${base}/mcp-test`,
		logAiEvent: () => {},
		executeWorkflow: unsupported('executeWorkflow (sub-workflows)'),
		getRunExecutionData: unsupported('getRunExecutionData'),
		getRuntimeCredential: unsupported('getRuntimeCredential'),
		startRunnerTask: unsupported('task runners (Code node)'),
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runWorkflow(input: WorkflowInput, options: RunOptions): Promise<RunResult> {
	await setup();
	const started = performance.now();
	const json = typeof input === 'string' ? (JSON.parse(readFileSync(input, 'utf8')) as Exclude<WorkflowInput, string>) : input;
	const nodeTypes = new HarnessNodeTypes({ [MANUAL_TRIGGER_TYPE]: manualTrigger(options.inputItems), ...options.nodeTypes });
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, { ...options.credentials });
	const workflow = new Workflow({
		id: 'harness', name: 'harness', active: false, nodeTypes, connections: json.connections,
		nodes: prepareNodes(json.nodes, nodeTypes, options.credentials),
		settings: { executionOrder: 'v1', ...json.settings }, // what the n8n editor saves for new workflows
	});
	const startNode = Object.values(workflow.nodes).find((n) => n.type === MANUAL_TRIGGER_TYPE) ?? workflow.getStartNode();
	if (!startNode) throw new UserError('Harness: the workflow has no start node');

	const executionId = String(++executionCounter);
	const additionalData = additionalDataFor(executionId, options.webhookWaitingBaseUrl ?? 'http://127.0.0.1:5678/webhook-waiting', credentialsHelper);
	if (options.restApiUrl) additionalData.restApiUrl = options.restApiUrl;
	// createRunExecutionData also generates the resumeToken that a server run has (→ ?signature= in resumeUrl).
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	return await execute({ json, workflow, additionalData, runExecutionData, signal: options.signal, started, nodeTypes });
}

interface Execution {
	json: Exclude<WorkflowInput, string>;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	runExecutionData: IRunExecutionData;
	signal?: AbortSignal;
	started: number;
	nodeTypes: HarnessNodeTypes;
}

/** Runs (or continues) an execution through n8n-core's WorkflowExecute and wraps the outcome. */
async function execute(exec: Execution): Promise<RunResult> {
	const { json, workflow, additionalData, runExecutionData, signal, started } = exec;
	const executionId = String(additionalData.executionId);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { ...json, id: workflow.id, name: workflow.name } as unknown as IWorkflowBase);
	let firstAfter: IRun | undefined; // on cancel, n8n-core fires workflowExecuteAfter at once with status 'canceled'
	hooks.addHandler('workflowExecuteAfter', (run) => void (firstAfter ??= run));
	additionalData.hooks = hooks;

	let run: IRun | undefined;
	let thrown: Error | undefined;
	try {
		// Returns a PCancelable; cancel() aborts the AbortController behind getExecutionCancelSignal().
		const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const cancel = () => execution.cancel();
		if (signal?.aborted) cancel();
		signal?.addEventListener('abort', cancel, { once: true });
		try {
			run = await execution; // resolves only once the running node has actually returned/thrown
		} finally {
			signal?.removeEventListener('abort', cancel);
		}
	} catch (error) {
		thrown = error as Error; // e.g. WorkflowHasIssuesError, thrown before anything runs
	}
	const durationMs = performance.now() - started;

	const runData = run?.data.resultData.runData ?? {};
	/** n8n-core stores `{ ...error, message, stack }`: swap in the original if we saw it, else rebuild an Error. */
	const toError = (copy: object | undefined, nodeName?: string): Error | undefined => {
		if (!copy) return undefined;
		const original = nodeName ? reportedErrors.get(`${executionId}/${nodeName}`) : undefined;
		if (original && original.message === (copy as Error).message) return original;
		return copy instanceof Error ? copy : Object.assign(new Error((copy as Error).message), copy);
	};
	const lastRun = (nodeName: string) => {
		const task = runData[nodeName]?.at(-1);
		if (!task) throw new Error(`Harness: node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'})`);
		return task;
	};
	const { error: runError, lastNodeExecuted } = run?.data.resultData ?? {};
	let status = run?.status ?? 'error';
	if (firstAfter?.status === 'canceled') status = 'canceled';
	else if (runError && status === 'running') status = 'error'; // n8n-core's .catch path keeps 'running'
	/** The execution as n8n persists it (the DB copy a resume or the WaitTracker loads). */
	const persisted = () => {
		if (status !== 'waiting' || !run) throw new Error(`Harness: the run is ${status}, not waiting`);
		return JSON.parse(JSON.stringify(run.data)) as IRunExecutionData;
	};
	const result: RunResult = {
		status: thrown ? 'error' : status,
		error: thrown ?? toError(runError, lastNodeExecuted),
		waitTill: run?.waitTill ?? undefined,
		runData,
		durationMs,
		output: (nodeName, outputIndex = 0) => lastRun(nodeName).data?.main?.[outputIndex] ?? [],
		nodeError: (nodeName) => toError(lastRun(nodeName).error, nodeName),
		binaryBuffer: async (item, property = 'data') => {
			const binary = item.binary?.[property];
			if (!binary) throw new Error(`Harness: item has no binary property "${property}"`);
			return await Container.get(BinaryDataService).getAsBuffer(binary); // by id (filesystem) or base64 (memory)
		},
		resume: async (request) => await resumeWaiting(exec, persisted(), request, result),
		expireWait: async () => {
			// n8n's WaitTracker restarts the stored execution as it is (waitTill set); n8n-core then
			// handles the waiting node without running its code (workflow-execute handleWaitingState).
			const data = persisted();
			data.waitTill = new Date(Date.now() - 1000);
			return await execute({ ...exec, runExecutionData: data, started: performance.now() });
		},
	};
	return result;
}

/** The express response a webhook handler gets: records the one answer it sends. */
function fakeResponse(onSend: () => void = () => {}) {
	const listeners: Array<{ event: string; fn: () => void }> = [];
	return {
		headersSent: false,
		writableFinished: false,
		statusCode: 200,
		sent: undefined as { status: number; body: unknown } | undefined,
		status(code: number) {
			this.statusCode = code;
			return this;
		},
		json(body: unknown) {
			return this.send(body);
		},
		send(body: unknown) {
			if (this.sent) throw new Error('Harness: the webhook answered twice');
			this.sent = { status: this.statusCode, body };
			this.headersSent = true;
			this.writableFinished = true;
			onSend();
			// Like http.ServerResponse: 'finish' once the answer is sent (listeners run once).
			for (const { fn } of listeners.splice(0).filter((listener) => listener.event === 'finish')) fn();
			return this;
		},
		end() {
			return this.send(undefined);
		},
		once(event: string, fn: () => void) {
			listeners.push({ event, fn });
			return this;
		},
		on(event: string, fn: () => void) {
			return this.once(event, fn);
		},
		setHeader() {},
		header() {
			return this;
		},
	};
}

/**
 * What n8n 2.41's WaitingWebhooks + WebhookHelpers do with a POST to `$execution.resumeUrl`
 * (n8n@2.41.1 dist/webhooks/waiting-webhooks.js getWebhookExecutionData, webhook-helpers.js
 * executeWebhook/prepareExecutionData), with n8n-core's real WebhookContext:
 * 1. load the stored execution; disable the waiting node on the stack; clear waitTill;
 * 2. call the node's restartWebhook `webhook()` with the request;
 * 3. no `workflowData` → only answer the caller (the execution stays waiting, nothing is saved);
 *    `workflowData` → it becomes the waiting node's output (`forwardAllOutputs`) and the
 *    execution continues from there.
 */
async function resumeWaiting(exec: Execution, data: IRunExecutionData, request: ResumeRequest, waiting: RunResult): Promise<ResumeResult> {
	const { workflow, additionalData } = exec;
	const t0 = performance.now();
	const lastNodeExecuted = data.resultData.lastNodeExecuted!;
	data.executionData!.nodeExecutionStack[0].node.disabled = true;
	data.waitTill = undefined;
	const node = workflow.getNode(lastNodeExecuted)!;
	const nodeType = exec.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks?.find((webhook) => webhook.restartWebhook === true);
	if (!description || !nodeType.webhook) throw new Error(`Harness: node "${node.name}" has no restartWebhook`);

	let respondedMs: number | undefined;
	const res = fakeResponse(() => (respondedMs = performance.now() - t0));
	const req = { method: 'POST', body: request.body, headers: request.headers ?? { 'content-type': 'application/json' }, query: request.query ?? {}, params: {} };
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: '',
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new WebhookContext(
		workflow,
		node,
		{ ...additionalData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData,
		'manual',
		webhookData,
		[],
		data,
	);
	let answer: IWebhookResponseData | undefined;
	let webhookError: Error | undefined;
	try {
		answer = await nodeType.webhook.call(context);
	} catch (error) {
		webhookError = error as Error;
	}
	const webhookMs = performance.now() - t0;
	let response = res.sent;
	if (!response) {
		response = webhookError
			? { status: 500, body: { message: 'Error in workflow' } }
			: answer?.noWebhookResponse
				? { status: 200, body: undefined }
				: { status: 200, body: answer?.webhookResponse ?? { message: 'Webhook call received' } };
	}
	if (webhookError || answer?.workflowData === undefined) {
		return { response, result: waiting, webhookError, respondedMs, webhookMs };
	}
	const entry = data.executionData!.nodeExecutionStack[0];
	entry.data.main = answer.workflowData;
	entry.metadata = { ...entry.metadata, forwardAllOutputs: true } as typeof entry.metadata;
	const result = await execute({ ...exec, runExecutionData: data, signal: undefined, started: performance.now() });
	return { response, result, respondedMs, webhookMs };
}

export interface LoadOptionsArgs {
	credentialTypes?: ICredentialType[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Parameter path the UI passes, e.g. 'parameters.avatarId' (used by getCurrentNodeParameter('&x')). */
	path?: string;
}

/** Calls `methods.loadOptions[methodName]` through a real LoadOptionsContext, as the CLI's DynamicNodeParametersService does. */
export async function loadOptions(
	nodeType: INodeType | IVersionedNodeType,
	methodName: string,
	node: INode,
	{ credentialTypes = [], credentials = {}, path = 'parameters' }: LoadOptionsArgs = {},
): Promise<INodePropertyOptions[]> {
	await setup();
	const nodeTypes = new HarnessNodeTypes({ [node.type]: nodeType });
	const method = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).methods?.loadOptions?.[methodName];
	if (!method) throw new UserError(`Harness: node type has no loadOptions method "${methodName}"`);
	const [prepared] = prepareNodes([node], nodeTypes, credentials);
	const workflow = new Workflow({ nodes: [prepared], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor('', 'http://127.0.0.1:5678/webhook-waiting', new HarnessCredentialsHelper(credentialTypes, { ...credentials }));
	additionalData.executionId = undefined;
	additionalData.currentNodeParameters = workflow.nodes[prepared.name].parameters;
	return await method.call(new LoadOptionsContext(workflow, workflow.nodes[prepared.name], additionalData, path));
}

export interface WebhookCall {
	response: { status: number; body: unknown };
	answer?: IWebhookResponseData;
	error?: Error;
	/** n8n registered an execution for the call's workflowData (none when it had none, or registration failed). */
	started: boolean;
}

export interface WebhookRequest extends ResumeRequest {
	/**
	 * n8n fails to register the execution after webhook() returned workflowData (WorkflowRunner.run
	 * throws, e.g. a database lock under load): n8n answers 500, unless the node already answered
	 * itself, and the workflow's static data is not saved.
	 */
	registrationFails?: boolean;
}

/**
 * A production webhook of a trigger node, called the way n8n 2.41's live webhooks do (n8n-core's
 * real WebhookContext; n8n@2.41.1 dist/webhooks/live-webhooks.js executeWebhook,
 * webhook-helpers.js executeWebhook, workflow-runner.js): every call builds the workflow from its
 * stored static data, and n8n's answer goes out on the same response object (so the node can see
 * it). What webhook() wrote into the static data is saved only where n8n 2.41 saves it:
 * - the node answered itself (noWebhookResponse), or returned no workflowData: n8n answers at
 *   once and saves the static data;
 * - workflowData with the answer left to n8n (onReceived): n8n registers the execution first
 *   (WorkflowRunner.run), then answers 200 and "saves" — but registering builds the execution's
 *   Workflow from the same static data object, which resets its change flag
 *   (workflow-runner.js establishContextForPersistence → ObservableObject.create), so nothing is
 *   saved. If registration fails (`registrationFails`), n8n answers 500 and saves nothing.
 */
export async function webhookCaller(options: {
	nodeType: INodeType;
	type: string;
	parameters: INodeParameters;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
}): Promise<(request: WebhookRequest) => Promise<WebhookCall>> {
	await setup();
	const nodeTypes = new HarnessNodeTypes({ [options.type]: options.nodeType });
	const [node] = prepareNodes(
		[{ id: 'trigger-node', name: 'Trigger', type: options.type, typeVersion: 1, position: [0, 0], parameters: options.parameters }],
		nodeTypes,
		options.credentials,
	);
	let storedStaticData: IDataObject = {};
	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes, { ...options.credentials });
	const description = options.nodeType.description.webhooks![0];
	return async (request) => {
		const workflow = new Workflow({
			id: 'harness-trigger', nodes: [node], connections: {}, active: true, nodeTypes,
			staticData: JSON.parse(JSON.stringify(storedStaticData)) as IDataObject,
		});
		const save = () => {
			storedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		};
		const res = fakeResponse();
		const additionalData = additionalDataFor('', 'http://127.0.0.1:5678/webhook-waiting', credentialsHelper);
		const req = { method: 'POST', body: request.body, headers: request.headers ?? { 'content-type': 'application/json' }, query: request.query ?? {}, params: {} };
		const webhookData: IWebhookData = {
			httpMethod: 'POST', node: node.name, path: 'akool', webhookDescription: description, workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			workflow, workflow.nodes[node.name],
			{ ...additionalData, httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData,
			'webhook', webhookData, [], null,
		);
		/** n8n's own answer, on the response the node was given (unless the node answered already). */
		const answerWith = (status: number, body: unknown) => {
			if (!res.sent) res.status(status).json(body);
			return res.sent!;
		};
		let answer: IWebhookResponseData;
		try {
			answer = await options.nodeType.webhook!.call(context);
		} catch (error) {
			return { response: answerWith(500, { message: 'Error in workflow' }), error: error as Error, started: false };
		}
		if (answer.noWebhookResponse || answer.workflowData === undefined) {
			save();
			const response = res.sent ?? (answer.noWebhookResponse ? { status: 200, body: undefined } : answerWith(200, answer.webhookResponse));
			return { response, answer, started: answer.workflowData !== undefined && !request.registrationFails };
		}
		if (request.registrationFails) {
			return { response: answerWith(500, { message: 'There was a problem executing the workflow' }), answer, started: false };
		}
		return { response: answerWith(200, answer.webhookResponse), answer, started: true };
	};
}
