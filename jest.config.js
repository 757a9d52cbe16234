/** Engine tier: every node runs through n8n-core against the RingCentral emulator over HTTP. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/require-spec.ts',
	setupFiles: ['<rootDir>/test/setup.ts'],
	testTimeout: 120000,
};
