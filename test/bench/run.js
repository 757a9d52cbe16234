#!/usr/bin/env node
/**
 * `npm run bench [name…]`: runs test/bench/*.bench.js against the built package and the emulator,
 * printing each figure with its target. Ratios are measured within one run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps an instance key in $N8N_USER_FOLDER/.n8n: never the user's own.
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-bench-'));
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
const kit = require('./kit');

async function main() {
	const wanted = process.argv.slice(2);
	const files = fs
		.readdirSync(__dirname)
		.filter((f) => f.endsWith('.bench.js'))
		.filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
		.sort();
	if (!fs.existsSync(path.resolve(__dirname, '../../dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	let failures = 0;
	for (const file of files) {
		const bench = require(path.join(__dirname, file));
		const started = Date.now();
		console.log(`\n## ${bench.title}`);
		const rows = await bench.run(kit);
		for (const row of rows) {
			const value = typeof row.value === 'number' ? Number(row.value.toFixed(3)) : row.value;
			const verdict = row.pass === undefined ? '' : row.pass ? '  ✓' : '  ✗';
			if (row.pass === false) failures++;
			console.log(`- ${row.label}: ${value}${row.unit ? ` ${row.unit}` : ''}${row.target ? `  (target ${row.target})` : ''}${verdict}`);
		}
		console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	}
	if (failures) {
		console.log(`\n${failures} figure(s) missed their target`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
