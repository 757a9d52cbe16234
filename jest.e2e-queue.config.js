/** Queue-mode tier: real n8n 2.41.1 as users scale it out (Postgres, Redis, a main and 2 workers), against the emulator. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }],
	},
	maxWorkers: 1,
	testTimeout: 300000,
};
