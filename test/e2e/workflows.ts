/** Helpers the real-n8n test files share: build Akool workflows and wait for things to happen. */
import { randomUUID } from 'node:crypto';

import type { N8n } from './n8n';

export const AKOOL = 'n8n-nodes-akool.akool';
export const TRIGGER = 'n8n-nodes-akool.akoolTrigger';

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
	return { id: workflow.id as string, start: async () => await n8n.postWebhook(n8n.webhookUrl(path), { go: true }) };
}
