import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, INode, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AkoolApi } from '../../credentials/AkoolApi.credentials';
import { Akool } from '../../nodes/Akool/Akool.node';
import { AkoolTrigger } from '../../nodes/AkoolTrigger/AkoolTrigger.node';
import { MANUAL_TRIGGER_TYPE, runWorkflow } from '../harness';
import type { RunResult } from '../harness';
import type { MockAkool } from '../mock-akool';

export const AKOOL_TYPE = 'n8n-nodes-akool.akool';

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

/** Fast job settings for tests: poll every 200 ms. */
export const fastOptions = { pollIntervalSeconds: 0.2, timeoutMinutes: 1 };

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
	} = {},
): Promise<RunResult> {
	return await runWorkflow(workflow, {
		nodeTypes: {
			[AKOOL_TYPE]: extra.akool ?? new Akool(),
			// How n8n names a usableAsTool node when an AI agent uses it as a tool.
			[`${AKOOL_TYPE}Tool`]: new Akool(),
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
