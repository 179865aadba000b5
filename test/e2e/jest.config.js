// @ts-check
/**
 * Real-n8n end-to-end tests: `jest -c test/e2e/jest.config.js`.
 * globalSetup installs n8n once (~8 min the first time, then reused from ~/.cache/n8n-e2e/ after a sub-second check).
 * One worker: every test file starts its own n8n (~0.5-0.7 GB RSS, 2 cores here).
 */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	maxWorkers: 1,
	testTimeout: 300_000,
	slowTestThreshold: 120,
};
