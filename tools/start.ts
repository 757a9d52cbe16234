/**
 * `npm start`: the RingCentral emulator and a real n8n with these nodes, ready to click through —
 * no RingCentral account needed. Credentials named "RingCentral JWT (local emulator)" and
 * "RingCentral OAuth2 (local emulator)" and the examples are imported; Ctrl-C stops both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createEmulator } from './emulator';
import { EXAMPLE_CREDENTIALS, credentialRecords, exampleWorkflows, importable } from './n8n/examples';
import { N8n, OWNER } from './n8n/n8n';

const EMULATOR_PORT = Number(process.env.RC_EMULATOR_PORT ?? 4010);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const CACHE =
	process.env.RC_N8N_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'n8n-nodes-ringcentral');
/** Kept between runs, so workflows you build survive a restart. */
const USER_FOLDER = process.env.RC_DEMO_USER_FOLDER ?? path.join(CACHE, 'demo');
const TRIGGER_EXAMPLES = ['missed-call-sms-follow-up.json', 'voicemail-to-team-chat.json', 'presence-based-routing.json'];

async function main() {
	const emulator = await createEmulator({ userCount: 12, rateLimits: { windowSeconds: 60 } });
	await emulator.start(EMULATOR_PORT);
	console.log(`RingCentral emulator: ${emulator.url}`);

	fs.mkdirSync(USER_FOLDER, { recursive: true });
	const n8n = new N8n({ port: N8N_PORT, userFolder: USER_FOLDER, logFile: path.join(USER_FOLDER, 'n8n.log') });
	console.log('Preparing n8n 2.41.1 (the first run installs it into the cache, a few minutes) …');
	await n8n.prepare();

	await n8n.importJson('credentials', credentialRecords(emulator, EXAMPLE_CREDENTIALS));
	const examples = exampleWorkflows();
	await n8n.importJson('workflow', examples.map(importable));
	for (const example of examples.filter((e) => TRIGGER_EXAMPLES.includes(e.file))) {
		await n8n.cli(['publish:workflow', `--id=${example.id}`]);
	}

	await n8n.start();
	await n8n.signIn();
	await n8n.connectOAuth2(EXAMPLE_CREDENTIALS.oauth2.id);

	console.log(
		[
			'',
			`n8n is ready: ${n8n.url}  (sign in as ${OWNER.email} / ${OWNER.password})`,
			'',
			'  Credentials: "RingCentral JWT (local emulator)" and "RingCentral OAuth2 (local emulator)" (already connected).',
			`  Examples:    ${examples.map((e) => e.name.replace(/^RingCentral: /, '')).join('; ')}`,
			'               (the three with a RingCentral Trigger are published and listening).',
			'',
			'  Make something happen at the emulator and watch the executions:',
			`    curl -X POST ${emulator.url}/__emulator/events/inbound-sms -H 'Content-Type: application/json' -d '{"text":"Hello"}'`,
			`    curl -X POST ${emulator.url}/__emulator/events/call -H 'Content-Type: application/json' -d '{"outcome":"missed"}'`,
			`    curl -X POST ${emulator.url}/__emulator/events/voicemail -H 'Content-Type: application/json' -d '{}'`,
			`  Every request the nodes send: ${emulator.url}/__emulator/journal`,
			'',
			'Ctrl-C stops n8n and the emulator.',
		].join('\n'),
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping …');
		await n8n.stop();
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	void n8n.exited.then(({ code }) => {
		if (!stopping) {
			console.error(`n8n stopped unexpectedly (exit code ${code}); see ${path.join(USER_FOLDER, 'n8n.log')}`);
			void emulator.stop().then(() => process.exit(1));
		}
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
