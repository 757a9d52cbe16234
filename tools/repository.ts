/**
 * Where the repository is, wherever the tools run from: their TypeScript sources (tools/, under
 * jest) or their compiled JavaScript (build/tools/, for `npm start` and `npm run emulator`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** The nearest folder at or above `start` holding a package.json. */
function findRepository(start: string): string {
	for (let folder = start; ; folder = path.dirname(folder)) {
		if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
		if (path.dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
	}
}

export const REPO = findRepository(__dirname);

/** A path inside the repository, e.g. `repoPath('spec', 'rc-public-openapi.yml')`. */
export const repoPath = (...parts: string[]): string => path.join(REPO, ...parts);
