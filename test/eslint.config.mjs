// The tests get the same ordinary strict TypeScript lint as tools/ (see there), with test/tsconfig.json.
import { typescriptLint } from '../tools/eslint.config.mjs';

export default typescriptLint(import.meta.dirname, {
	// `(result.items[0] as any).binary` marks JSON a test walks, even where the value is already `any`.
	'@typescript-eslint/no-unnecessary-type-assertion': 'off',
});
