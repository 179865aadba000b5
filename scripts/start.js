#!/usr/bin/env node
// `npm start`: the product on this machine. A local Akool sandbox (the mock server) plus a real
// n8n with this package installed as a community package, a credential pointing at the sandbox
// and an example workflow. Ctrl+C stops both.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const { startMockAkool } = require('../test/mock-akool');
const { ensureN8n, startN8n } = require('../test/e2e/n8n');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const MOCK_PORT = Number(process.env.MOCK_AKOOL_PORT || 4747);

async function main() {
	const mock = await startMockAkool({ port: MOCK_PORT, jobDurationMs: 8_000, fileSize: 2 * 1024 * 1024, credit: 100_000 });
	console.log(`Akool sandbox: ${mock.url}  (API key ${mock.apiKey}, Client ID ${mock.clientId})`);

	const install = ensureN8n();
	console.log(`n8n: ${install.cached ? 'already installed' : `installed in ${Math.round(install.ms / 1000)} s`} (${install.home})`);
	const n8n = await startN8n({ port: N8N_PORT });
	const credential = await n8n.createCredential({
		name: 'Akool sandbox',
		type: 'akoolApi',
		data: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url },
	});
	const example = JSON.parse(readFileSync(path.join(__dirname, '..', 'examples', 'character-swap-to-file.json'), 'utf8'));
	const workflow = await n8n.createWorkflow(example, { credentials: { akoolApi: { id: credential.id, name: credential.name } } });

	console.log(`\nn8n is running: ${n8n.url}  (started in ${(n8n.startMs / 1000).toFixed(1)} s)`);
	if (n8n.owner) console.log(`Log in as ${n8n.owner.email} / ${n8n.owner.password}`);
	console.log(`Example workflow: ${n8n.url}/workflow/${workflow.id}  → "Execute workflow"`);
	console.log('Press Ctrl+C to stop.');

	const stop = async () => {
		await n8n.stop();
		await mock.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
