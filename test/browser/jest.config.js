// @ts-check
/**
 * The real-browser tier: `jest -c test/browser/jest.config.js`. Debian's Chromium, driven by
 * playwright-core, uses n8n's editor (2.41.1, the e2e tier's install) with this package and the
 * Akool sandbox, as a user does. Screenshots go to test/browser/artifacts/ (not committed).
 */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/e2e/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/browser/global-setup.js',
	maxWorkers: 1,
	testTimeout: 120_000,
	slowTestThreshold: 60,
};
