/**
 * What the description checks compare the nodes with: the official spec's operations and the
 * seed operation table, both pinned in spec/. Both are required; a missing file fails loudly.
 */
import fs from 'node:fs';
import path from 'node:path';

import { loadSpec, specPath } from '../../tools/emulator/spec';
import { REPO, repoPath } from '../../tools/repository';
import type { Json } from './engine';

const SEED_TABLE = repoPath('spec/seed-operations.json');

export interface SpecOperationEntry {
	operationId: string;
	method: string;
	path: string;
	group: string;
}

export async function specOperations(): Promise<SpecOperationEntry[]> {
	const spec = await loadSpec();
	if (!spec.available) {
		throw new Error(`RingCentral OpenAPI spec not found at ${specPath()}: restore spec/ from git or set RC_OPENAPI_SPEC`);
	}
	return [...spec.operations].map(([operationId, entry]) => ({
		operationId,
		method: entry.method,
		path: entry.path,
		group: entry.group,
	}));
}

export function seedOperations(): Json {
	if (!fs.existsSync(SEED_TABLE)) {
		throw new Error(`Seed operation table not found at ${SEED_TABLE}: restore spec/ from git`);
	}
	return readJson(SEED_TABLE);
}

/** The package's own n8n block, with each dist path mapped back to its TypeScript source. */
export function packageEntries(): { nodes: Array<{ file: string; source: string }>; credentials: Array<{ file: string; source: string }> } {
	const pkg = readJson(repoPath('package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	const toSource = (file: string) => path.resolve(REPO, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	return {
		nodes: pkg.n8n.nodes.map((file) => ({ file, source: toSource(file) })),
		credentials: pkg.n8n.credentials.map((file) => ({ file, source: toSource(file) })),
	};
}

/** Loads a node or credential class from its source file (the class is named like the file). */
export function loadClass(source: string): Json {
	const name = path.basename(source).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- every node and credential the package names
	const exported = (require(source) as Record<string, unknown>)[name];
	if (!exported) throw new Error(`${source} does not export a class named ${name}`);
	return exported;
}

export function fileExists(from: string, relative: string): boolean {
	return fs.existsSync(path.resolve(path.dirname(from), relative));
}

export function readJson(file: string): Json {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}
