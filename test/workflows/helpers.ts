import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sleep } from 'n8n-workflow';
import type {
	IConnections,
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { AkoolApi } from '../../credentials/AkoolApi.credentials';
import { Akool } from '../../nodes/Akool/Akool.node';
import { AkoolTrigger } from '../../nodes/AkoolTrigger/AkoolTrigger.node';
import { loadOptions, MANUAL_TRIGGER_TYPE, runWorkflow } from '../harness';
import type { RunResult } from '../harness';
import { startMockAkool } from '../mock-akool';
import type { MockAkool, MockAkoolOptions } from '../mock-akool';

export const AKOOL_TYPE = 'n8n-nodes-akool.akool';

/**
 * The test file's Akool mock: started before all its tests (and handed to `use`), closed after them.
 * Before each test its request log, faults and queued job behaviours are cleared, and `reset` (when
 * given) is applied with setOptions.
 */
export function useMockAkool(options: MockAkoolOptions, use: (mock: MockAkool) => void, reset?: Partial<MockAkoolOptions>): void {
	let mock: MockAkool;
	beforeAll(async () => {
		mock = await startMockAkool(options);
		use(mock);
	});
	afterAll(async () => await mock.close());
	beforeEach(() => {
		mock.clearLog();
		mock.clearFaults();
		mock.clearNextJobs();
		if (reset) mock.setOptions(reset);
	});
}

export interface Workflow {
	nodes: INode[];
	connections: IConnections;
}

/** A workflow JSON file from test/workflows (what a user would import). */
export function loadWorkflow(name: string): Workflow {
	return JSON.parse(readFileSync(join(__dirname, name), 'utf8')) as Workflow;
}

/** Manual Trigger → one Akool node with these parameters (the shape the editor saves). */
export function akoolWorkflow(parameters: INodeParameters, node: Partial<INode> = {}): Workflow {
	return {
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: MANUAL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'akool',
				name: 'Akool',
				type: AKOOL_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { akoolApi: { id: '1', name: 'Akool account' } },
				...node,
			},
		],
		connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
	};
}

/** Manual Trigger → the given Akool nodes, one after the other (the shape the editor saves). */
export function chain(...steps: Array<{ name: string; parameters: INodeParameters; node?: Partial<INode> }>): Workflow {
	const nodes: INode[] = [
		{ id: 'trigger', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map(({ name, parameters, node }, k) => ({
			id: `akool-${k}`,
			name,
			type: AKOOL_TYPE,
			typeVersion: 1,
			position: [200 * (k + 1), 0] as [number, number],
			parameters,
			credentials: { akoolApi: { id: '1', name: 'Akool account' } },
			...node,
		})),
	];
	const names = nodes.map((node) => node.name);
	const connections: Workflow['connections'] = {};
	for (let k = 0; k + 1 < names.length; k++) {
		connections[names[k]] = { main: [[{ node: names[k + 1], type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

/** Fast job settings for tests: poll every 200 ms. */
export const fastOptions = { pollIntervalSeconds: 0.2, timeoutMinutes: 1 };

/** An Akool operation's parameters, with `fastOptions` under its own options. */
export const withFastOptions = (parameters: INodeParameters): INodeParameters => ({
	...parameters,
	options: { ...fastOptions, ...((parameters.options as IDataObject | undefined) ?? {}) },
});

export async function run(
	mock: MockAkool,
	workflow: Workflow,
	extra: {
		items?: number;
		inputItems?: INodeExecutionData[];
		apiKey?: string;
		clientId?: string;
		baseUrl?: string;
		signal?: AbortSignal;
		/** Stand-in for the Akool node type (e.g. one that hides engine internals). */
		akool?: INodeType;
		webhookWaitingBaseUrl?: string;
		/** n8n's REST address as WEBHOOK_URL makes it (signed binary-data links point there). */
		restApiUrl?: string;
		/** More node types the workflow uses (e.g. a test node that gives binary files). */
		nodeTypes?: Record<string, INodeType>;
	} = {},
): Promise<RunResult> {
	return await runWorkflow(workflow, {
		nodeTypes: {
			...extra.nodeTypes,
			[AKOOL_TYPE]: extra.akool ?? new Akool(),
			// How n8n names a usableAsTool node when an AI agent uses it as a tool.
			[`${AKOOL_TYPE}Tool`]: akoolTool(),
			'n8n-nodes-akool.akoolTrigger': new AkoolTrigger(),
		},
		credentialTypes: [new AkoolApi()],
		credentials: {
			akoolApi: {
				apiKey: extra.apiKey ?? mock.apiKey,
				clientId: extra.clientId ?? mock.clientId,
				baseUrl: extra.baseUrl ?? `${mock.url}/`,
			},
		},
		inputItems:
			extra.inputItems ?? Array.from({ length: extra.items ?? 1 }, (_, i) => ({ json: { row: i } })),
		signal: extra.signal,
		webhookWaitingBaseUrl: extra.webhookWaitingBaseUrl,
		restApiUrl: extra.restApiUrl,
	});
}

/** The error of a failed run, asserting the run failed. */
export function runError(result: RunResult): Error & { description?: string; context?: Record<string, unknown> } {
	if (result.status !== 'error' || !result.error) {
		throw new Error(`expected the run to fail, got status ${result.status}`);
	}
	return result.error as Error & { description?: string; context?: Record<string, unknown> };
}

export const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

/** A frame of a detect_faces answer. */
export type Frame = { landmarks_str: string[]; face_urls: string[] | null; crop_landmarks: string[] | null };

/** The mock's own face detection answer (the oracle), asked directly; the request log is cleared afterwards. */
export async function detectAtMock(mock: MockAkool, body: Record<string, unknown>): Promise<Record<string, Frame>> {
	const response = await fetch(`${mock.url}/interface/detect-api/detect_faces`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': mock.apiKey },
		body: JSON.stringify(body),
	});
	const answer = (await response.json()) as { error_code: number; faces_obj: Record<string, Frame> };
	expect(answer.error_code).toBe(0);
	mock.clearLog();
	return answer.faces_obj;
}

/** GET an Akool path on the mock directly (the oracle); the request log is cleared afterwards. */
export async function mockGet<T>(mock: MockAkool, path: string): Promise<T> {
	const response = await fetch(`${mock.url}${path}`, { headers: { 'x-api-key': mock.apiKey } });
	const answer = (await response.json()) as { code: number; msg: string; data: T };
	expect(answer.code).toBe(1000);
	mock.clearLog();
	return answer.data;
}

/**
 * A local stand-in for n8n's waiting-webhook endpoint (or any callback receiver): answers every POST
 * with HTTP 200. `url` is `base` followed by `path`.
 */
export async function startReceiver(path = '') {
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const base = `http://127.0.0.1:${port}`;
	return {
		base,
		url: `${base}${path}`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The final (status 3/4) callback the mock delivered for a job, as it was POSTed. */
export async function finalCallback(mock: MockAkool, jobId: string) {
	const deadline = Date.now() + 5000;
	const find = () =>
		mock.callbacksSent.find((sent) => sent.jobId === jobId && sent.httpStatus === 200 && [3, 4].includes((sent.payload as { status: number }).status));
	while (!find() && Date.now() < deadline) await sleep(25);
	const sent = find();
	if (!sent) throw new Error(`no final callback for ${jobId}`);
	return sent;
}

/**
 * A run waiting for Akool's callback, resumed with the video job's final callback (which must be of
 * callback type `type`): it succeeds, and its item is the finished job with the video downloaded.
 */
export async function expectVideoAfterCallback(mock: MockAkool, result: RunResult, jobId: string, type: string): Promise<void> {
	const callback = await finalCallback(mock, jobId);
	expect((callback.payload as { type: string }).type).toBe(type);
	const resumed = await result.resume({ body: callback.body });
	expect(resumed.webhookError).toBeUndefined();
	expect(resumed.result.status).toBe('success');
	const [item] = resumed.result.output('Akool');
	expect(item.json).toMatchObject({ jobId, jobType: 'video', status: 3, resultUrl: mock.resultUrl(jobId) });
	expect(sha256(await resumed.result.binaryBuffer(item))).toBe(await mock.fileSha256(`${jobId}.mp4`));
}

/**
 * Calls `methods.loadOptions[method]` of `nodeType` (the Akool node by default) through a real
 * LoadOptionsContext (the harness's loadOptions), for an Akool node with these parameters, with
 * credentials for the mock; `path` is the parameter being filled.
 */
export async function loadOptionsAt(
	mock: MockAkool,
	method: string,
	parameters: INodeParameters,
	path: string,
	nodeType: INodeType = new Akool(),
): Promise<INodePropertyOptions[]> {
	return await loadOptions(nodeType, method, akoolWorkflow(parameters).nodes[1], {
		credentialTypes: [new AkoolApi()],
		credentials: { akoolApi: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url } },
		path,
	});
}

/**
 * Calls `methods.listSearch[method]` of the Akool node through a real LoadOptionsContext (the
 * harness's loadOptions, which builds the context the way n8n's DynamicNodeParametersService does),
 * with filter and pagination token.
 */
/**
 * The Akool node as n8n hands it to an AI agent (n8n's convertNodeToAiTool): the description's
 * name ends in "Tool", which is what `@tool` in displayOptions tests (so the tool's own defaults apply).
 */
export function akoolTool(): INodeType {
	const node = new Akool();
	node.description = { ...node.description, name: `${node.description.name}Tool`, displayName: `${node.description.displayName} Tool` };
	return node;
}

export async function listSearchAt(
	mock: MockAkool,
	method: string,
	parameters: INodeParameters,
	path: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const akool = new Akool();
	const search = (akool.methods.listSearch as unknown as Record<string, (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>>)[method];
	const standIn: INodeType = {
		description: akool.description,
		methods: {
			loadOptions: {
				async [method](this: ILoadOptionsFunctions) {
					return (await search.call(this, filter, paginationToken)) as unknown as INodePropertyOptions[];
				},
			},
		},
	};
	return (await loadOptionsAt(mock, method, parameters, path, standIn)) as unknown as INodeListSearchResult;
}
