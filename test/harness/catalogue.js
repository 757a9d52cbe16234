/**
 * What the description checks compare the nodes with: the official spec's operations and the
 * seed operation table, both pinned in spec/. Both are required; a missing file fails loudly.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadSpec, specPath } = require('../../tools/emulator/spec');

const SEED_TABLE = path.resolve(__dirname, '../../spec/seed-operations.json');

async function specOperations() {
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

function seedOperations() {
	if (!fs.existsSync(SEED_TABLE)) {
		throw new Error(`Seed operation table not found at ${SEED_TABLE}: restore spec/ from git`);
	}
	return JSON.parse(fs.readFileSync(SEED_TABLE, 'utf8'));
}

/** The package's own n8n block, with each dist path mapped back to its TypeScript source. */
function packageEntries() {
	const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
	const toSource = (/** @type {string} */ file) =>
		path.resolve(__dirname, '../..', file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	return {
		nodes: pkg.n8n.nodes.map((/** @type {string} */ file) => ({ file, source: toSource(file) })),
		credentials: pkg.n8n.credentials.map((/** @type {string} */ file) => ({ file, source: toSource(file) })),
	};
}

/** Loads a node or credential class from its source file (the class is named like the file). */
function loadClass(/** @type {string} */ source) {
	const name = path.basename(source).split('.')[0];
	const exported = require(source)[name];
	if (!exported) throw new Error(`${source} does not export a class named ${name}`);
	return exported;
}

function fileExists(/** @type {string} */ from, /** @type {string} */ relative) {
	return fs.existsSync(path.resolve(path.dirname(from), relative));
}

function readJson(/** @type {string} */ file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { specOperations, seedOperations, packageEntries, loadClass, fileExists, readJson };
