// @ts-check
/**
 * Real-n8n end-to-end tests: `jest -c test/e2e/jest.config.js`.
 * globalSetup installs n8n once (~8 min the first time, then reused from ~/.cache/n8n-e2e/ after a sub-second check).
 * One worker: every test file starts its own n8n (~0.5-0.7 GB RSS, 2 cores here).
 * N8N_E2E_HOST selects the n8n (unset: test/e2e/n8n-host, 2.41.1; 1.x: test/e2e/n8n-host-1.x).
 * `npm start` always serves the default host, so its test runs in the default tier only.
 */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', ...(process.env.N8N_E2E_HOST ? ['<rootDir>/test/e2e/start\\.e2e\\.test\\.ts$'] : [])],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	maxWorkers: 1,
	testTimeout: 300_000,
	slowTestThreshold: 120,
};
