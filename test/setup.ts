// n8n-core writes an instance key into $N8N_USER_FOLDER/.n8n on first use: keep it out of $HOME.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!process.env.RC_TEST_USER_FOLDER) {
	process.env.RC_TEST_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-n8n-engine-'));
}
process.env.N8N_USER_FOLDER = process.env.RC_TEST_USER_FOLDER;
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
