import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

import { onApiRequest } from '../mock-akool';

/**
 * Runs before every test file (jest.config.js `setupFilesAfterEnv`). In a file of the workflow
 * tier (test/workflows/), it records every Akool API request the sandbox receives during the file
 * (method and path), and writes them, once the file is done, to the run's request log
 * (AKOOL_REQUEST_LOG, set by global-setup.ts). global-teardown.ts checks the log against the
 * endpoints the package claims to implement.
 */
const dir = process.env.AKOOL_REQUEST_LOG;
const testPath = expect.getState().testPath ?? '';
const root = join(__dirname, '../..');

if (dir && testPath.includes(`${sep}test${sep}workflows${sep}`)) {
	const seen = new Set<string>();
	const stop = onApiRequest((request) => seen.add(`${request.method} ${request.path}`));
	afterAll(() => {
		stop();
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${basename(testPath)}.json`), JSON.stringify({ file: relative(root, testPath), requests: [...seen] }));
	});
}
