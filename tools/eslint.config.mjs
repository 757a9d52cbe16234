// tools/ and test/ are not part of the published package: they get an ordinary strict TypeScript lint.
// n8n's community-node rules (no `process`, no `setTimeout`, …) apply to nodes/ and credentials/ only
// (../eslint.config.mjs, n8n's template). ESLint picks the config nearest to each file (`npm run lint`
// sets ESLINT_FLAGS=v10_config_lookup_from_file; ESLint 10 does so by default).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The lint of a folder of TypeScript that is not published: type-aware, with the folder's tsconfig.json.
 * @param {string} folder @param {Record<string, unknown>} [rules] the folder's own
 */
export function typescriptLint(folder, rules = {}) {
	return tseslint.config({
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: folder } },
		rules: {
			// RingCentral's and n8n's JSON of many shapes is read as `any` on purpose (the tests assert on it);
			// the type-aware rules that stay catch what matters here: floating and misused promises.
			'@typescript-eslint/no-unsafe-argument': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-unsafe-call': 'off',
			'@typescript-eslint/no-unsafe-member-access': 'off',
			'@typescript-eslint/no-unsafe-return': 'off',
			// Implementations of async interfaces (n8n's credentials helper, route handlers) need not await.
			'@typescript-eslint/require-await': 'off',
			// `const { secret: _secret, ...rest } = record` leaves fields out on purpose.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
			],
			...rules,
		},
	});
}

export default typescriptLint(import.meta.dirname);
