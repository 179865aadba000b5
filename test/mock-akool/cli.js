#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run mock` / `node test/mock-akool/cli.js`: runs the Akool mock until SIGINT/SIGTERM.
 * Env: MOCK_AKOOL_PORT (default 4747, 0 = random), MOCK_AKOOL_API_KEY, MOCK_AKOOL_CLIENT_ID,
 *      MOCK_AKOOL_JOB_MS, MOCK_AKOOL_PUBLIC_URL, MOCK_AKOOL_CREDIT, MOCK_AKOOL_STRICT (default 1; 0 = lenient),
 *      MOCK_AKOOL_FILE_SIZE (bytes: every result file is synthetic bytes of that size; unset = real media),
 *      MOCK_AKOOL_FETCH_INPUTS (signed | all | none; default signed: jobs download n8n's signed binary-data URLs).
 */

const { startMockAkool } = require('./index.js');

/** @param {string} name @param {number} fallback */
function intEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
	return n;
}

async function main() {
	const env = process.env;
	const mock = await startMockAkool({
		port: intEnv('MOCK_AKOOL_PORT', 4747),
		host: '127.0.0.1',
		jobDurationMs: intEnv('MOCK_AKOOL_JOB_MS', 1000),
		credit: intEnv('MOCK_AKOOL_CREDIT', 1000),
		...(env.MOCK_AKOOL_FILE_SIZE ? { fileSize: intEnv('MOCK_AKOOL_FILE_SIZE', 0) } : {}),
		strict: !['0', 'false'].includes((env.MOCK_AKOOL_STRICT ?? '').trim().toLowerCase()),
		...(env.MOCK_AKOOL_API_KEY ? { apiKey: env.MOCK_AKOOL_API_KEY } : {}),
		...(env.MOCK_AKOOL_CLIENT_ID ? { clientId: env.MOCK_AKOOL_CLIENT_ID } : {}),
		...(env.MOCK_AKOOL_PUBLIC_URL ? { publicUrl: env.MOCK_AKOOL_PUBLIC_URL } : {}),
		...(env.MOCK_AKOOL_FETCH_INPUTS ? { fetchInputs: /** @type {'signed' | 'all' | 'none'} */ (env.MOCK_AKOOL_FETCH_INPUTS.trim()) } : {}),
	});
	process.stdout.write(
		`Akool mock listening on ${mock.url}\n` +
			`API key (x-api-key / clientSecret): ${mock.apiKey}\n` +
			`Client ID: ${mock.clientId}\n` +
			`Control API: ${mock.url}/__mock/state\n`,
	);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		mock.close().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`Akool mock failed to start: ${err instanceof Error ? err.message : err}\n`);
	process.exit(1);
});
