// Runs before any suite: every test validates against RingCentral's pinned spec, so without it
// nothing can pass. One clear line instead of hundreds of follow-on failures.
import fs from 'node:fs';

import { repoPath } from '../tools/repository';

export default function requireSpec(): void {
	const spec = process.env.RC_OPENAPI_SPEC || repoPath('spec/rc-public-openapi.yml');
	const seeds = repoPath('spec/seed-operations.json');
	const missing = [spec, seeds].filter((file) => !fs.existsSync(file));
	if (missing.length) {
		process.stderr.write(`Tests need RingCentral's pinned spec data; missing: ${missing.join(', ')} (restore spec/ from git).\n`);
		process.exit(1);
	}
}
