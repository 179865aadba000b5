// @ts-check
/**
 * The queue-mode tier: `jest -c test/queue/jest.config.js` (`npm run test:queue`). Real n8n 2.41.1
 * (the e2e tier's install) in queue mode: Redis + PostgreSQL started by the tests (./services.js),
 * a main process, two workers and a webhook process (./cluster.js), against the Akool mock.
 * globalSetup finds (as root: installs) redis-server and PostgreSQL, or prints one skip line,
 * then installs n8n like the e2e tier (test/e2e/global-setup.js). One worker: a cluster is four
 * n8n processes (~1.5 GB RSS, 2 cores here).
 */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['<rootDir>/test/queue/**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/queue/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/queue/global-setup.js',
	maxWorkers: 1,
	testTimeout: 300_000,
	slowTestThreshold: 120,
};
