/**
 * `npm run bench [name…]`: runs test/bench/*.bench.ts (compiled to build/bench) against the built
 * package and the emulator, printing each figure with its target. Ratios are measured within one run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoPath } from '../../tools/repository';
import type { Bench, Kit } from './kit';

// n8n-core keeps an instance key in $N8N_USER_FOLDER/.n8n: never the user's own. Set before n8n-core loads.
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-bench-'));
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment above is set
const { kit } = require('./kit') as { kit: Kit };

async function main() {
	const wanted = process.argv.slice(2);
	// The benchmarks of the source folder (a compiled one left behind by a deleted source is not one).
	const files = fs
		.readdirSync(repoPath('test/bench'))
		.filter((f) => f.endsWith('.bench.ts'))
		.filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
		.sort();
	if (!fs.existsSync(repoPath('dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	let failures = 0;
	for (const file of files) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the benchmarks asked for, by file name
		const bench = (require(path.join(__dirname, file.replace(/\.ts$/, '.js'))) as { default: Bench }).default;
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
