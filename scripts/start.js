#!/usr/bin/env node
// `npm start`: the product on this machine. A local Akool sandbox (the mock server) plus a real
// n8n with this package installed as a community package, a credential pointing at the sandbox
// and the example workflow. Ctrl+C stops both. Ports: N8N_PORT (5678), MOCK_AKOOL_PORT (4747).
// The sandbox n8n starts from an empty database each time (its folder is removed on stop).
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const { startMockAkool } = require('../test/mock-akool');
const { ensureN8n, startN8n } = require('../test/e2e/n8n');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const MOCK_PORT = Number(process.env.MOCK_AKOOL_PORT || 4747);
const EXAMPLE = path.join(__dirname, '..', 'examples', 'character-swap-to-file.json');

async function main() {
	/** @type {Array<() => Promise<void>>} */
	const cleanups = [];
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the Akool sandbox…');
		for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(e));
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);

	const mock = await startMockAkool({ port: MOCK_PORT, jobDurationMs: 8_000, fileSize: 2 * 1024 * 1024, credit: 100_000 });
	cleanups.push(() => mock.close());
	console.log(`Akool sandbox: ${mock.url}  (API key ${mock.apiKey}, Client ID ${mock.clientId})`);

	const install = ensureN8n();
	console.log(`n8n: ${install.cached ? 'installed' : `installed in ${Math.round(install.ms / 1000)} s`} (${install.home})`);
	if (stopping) return;
	const n8n = await startN8n({ port: N8N_PORT });
	cleanups.push(() => n8n.stop());
	if (stopping) return;
	const credential = await n8n.createCredential({
		name: 'Akool sandbox',
		type: 'akoolApi',
		data: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url },
	});
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	// The sandbox's jobs take 8 s: check every 2 s instead of the example's real-world 10 s.
	for (const node of example.nodes) {
		if (node.parameters?.operation === 'create') {
			node.parameters.options = { ...node.parameters.options, pollIntervalSeconds: 2 };
		}
	}
	const workflow = await n8n.createWorkflow(example, { credentials: { akoolApi: { id: credential.id, name: credential.name } } });

	console.log(`\nn8n is running: ${n8n.url}  (started in ${(n8n.startMs / 1000).toFixed(1)} s)`);
	if (n8n.owner) console.log(`Log in as ${n8n.owner.email} / ${n8n.owner.password}`);
	console.log(`Example workflow: ${n8n.url}/workflow/${workflow.id}  → "Execute workflow"`);
	console.log('Press Ctrl+C to stop (the sandbox n8n and its workflows are removed).');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
