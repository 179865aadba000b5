/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/browser/', '/test/queue/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	testTimeout: 60_000,
	// Which Akool endpoints the workflow tier really requests from the sandbox (test/coverage/).
	globalSetup: '<rootDir>/test/coverage/global-setup.ts',
	setupFilesAfterEnv: ['<rootDir>/test/coverage/request-log.setup.ts'],
	globalTeardown: '<rootDir>/test/coverage/global-teardown.ts',
};
