/** Helpers the real-n8n test files share: build Akool workflows and wait for things to happen. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8n } from './n8n';

export const AKOOL = 'n8n-nodes-akool.akool';
export const TRIGGER = 'n8n-nodes-akool.akoolTrigger';

/**
 * The Akool credential of the sandbox `akool` (its key and Client ID) in `n8n`; `baseUrl` when the
 * node should reach it through something in front of it (a proxy). Returns the credential's id.
 */
export async function sandboxCredential(
	n8n: Pick<N8n, 'createCredential'>,
	akool: { apiKey: string; clientId: string; url: string },
	options: { name?: string; baseUrl?: string } = {},
): Promise<string> {
	const credential = await n8n.createCredential({
		name: options.name ?? 'Akool sandbox',
		type: 'akoolApi',
		data: { apiKey: akool.apiKey, clientId: akool.clientId, baseUrl: options.baseUrl ?? akool.url },
	});
	return credential.id as string;
}

/** Polls `fn` every 100 ms until it gives a value; on timeout fails with the tail of n8n's log. */
export async function until<T>(
	n8n: N8n | undefined,
	what: string,
	fn: () => Promise<T | undefined> | T | undefined,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await fn();
		if (value !== undefined && value !== false) return value;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`timed out waiting for ${what}\n${n8n?.logTail(30)}`);
}

/** An active workflow Webhook (POST /webhook/<path>) → Akool node with these parameters. */
export async function webhookStartedWorkflow(
	n8n: N8n,
	credentialId: string,
	name: string,
	akoolParameters: Record<string, unknown>,
) {
	const path = `start-${randomUUID()}`;
	const workflow = await n8n.createWorkflow({
		name,
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' },
			},
			{ name: 'Akool', type: AKOOL, parameters: akoolParameters, credentials: { akoolApi: { id: credentialId } } },
		],
		connections: { Start: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
	});
	await n8n.activate(workflow.id);
	return { id: workflow.id as string, path, start: async () => await n8n.postWebhook(n8n.webhookUrl(path), { go: true }) };
}

/**
 * An example workflow of examples/ as a user imports it, with two changes a test needs: its
 * manual trigger becomes a Webhook (so the test can start it) and its Akool nodes poll the
 * sandbox every `pollSeconds` (the examples poll every 10 s, as against Akool).
 */
export async function exampleStartedByWebhook(n8n: N8n, credentialId: string, file: string, pollSeconds = 0.5) {
	const example = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as {
		name: string;
		nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name?: string }>; webhookId?: string; typeVersion?: number }>;
		connections: Record<string, unknown>;
	};
	const path = `example-${randomUUID()}`;
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-base.manualTrigger') {
			return { ...node, type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } };
		}
		if (node.type !== AKOOL) return node;
		// Only nodes that poll (the examples set their interval, 10 s as against Akool) poll faster.
		const options = (node.parameters.options as Record<string, unknown> | undefined) ?? {};
		const polls = 'pollIntervalSeconds' in options;
		const parameters = polls ? { ...node.parameters, options: { ...options, pollIntervalSeconds: pollSeconds } } : node.parameters;
		return { ...node, parameters, credentials: { akoolApi: { id: credentialId } } };
	});
	const workflow = await n8n.createWorkflow({ name: example.name, nodes, connections: example.connections });
	await n8n.activate(workflow.id);
	return { id: workflow.id as string, path, start: async () => await n8n.postWebhook(n8n.webhookUrl(path), { go: true }) };
}
