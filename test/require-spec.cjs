// Runs before any suite: every test validates against RingCentral's pinned spec, so without it
// nothing can pass. One clear line instead of hundreds of follow-on failures.
const fs = require('node:fs');
const path = require('node:path');

module.exports = async function requireSpec() {
	const repo = path.resolve(__dirname, '..');
	const spec = process.env.RC_OPENAPI_SPEC || path.join(repo, 'spec/rc-public-openapi.yml');
	const seeds = path.join(repo, 'spec/seed-operations.json');
	const missing = [spec, seeds].filter((file) => !fs.existsSync(file));
	if (missing.length) {
		process.stderr.write(`Tests need RingCentral's pinned spec data; missing: ${missing.join(', ')} (restore spec/ from git).\n`);
		process.exit(1);
	}
};
