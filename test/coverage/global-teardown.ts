import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ENDPOINTS } from '../reference/endpoints';

interface RunConfig {
	testPathPattern?: string;
	testNamePattern?: string;
}

/**
 * "A workflow test runs it": after a run of the whole workflow tier (every test/workflows/*.test.ts
 * file ran, no test-name filter), every endpoint the package implements (test/reference/endpoints.ts)
 * must have been requested by the node from the sandbox at least once, as recorded by
 * request-log.setup.ts: real requests of real runs, not the path's presence in a test's text. A
 * partial run only prints what it saw. Fails the run (throws) naming the endpoints never called.
 */
export default function globalTeardown(config: RunConfig): void {
	const dir = process.env.AKOOL_REQUEST_LOG;
	if (!dir || !existsSync(dir)) return;
	try {
		const logs = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { file: string; requests: string[] });
		const workflowFiles = readdirSync(join(__dirname, '../workflows')).filter((name) => name.endsWith('.test.ts'));
		const ran = new Set(logs.map((log) => log.file.split('/').pop()));
		const whole = !config.testNamePattern && workflowFiles.every((name) => ran.has(name));
		if (!whole) return;
		const requested = new Set(logs.flatMap((log) => log.requests));
		const pattern = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{_?id\}/, '[^/]+')}$`);
		const missing = ENDPOINTS.filter((endpoint) => endpoint.operation).filter((endpoint) => {
			const matches = pattern(endpoint.path);
			return ![...requested].some((request) => {
				const [method, path] = request.split(' ');
				return method === endpoint.method && matches.test(path);
			});
		});
		if (missing.length) {
			throw new Error(
				`Coverage: ${missing.length} implemented Akool endpoint(s) were never requested by a workflow test: ${missing.map((endpoint) => `${endpoint.method} ${endpoint.path}`).join(', ')}`,
			);
		}
		// eslint-disable-next-line no-console
		console.log(`Akool coverage: every one of the ${ENDPOINTS.filter((endpoint) => endpoint.operation).length} implemented endpoints was requested by a workflow test (${requested.size} distinct requests).`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
