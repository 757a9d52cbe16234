/**
 * `npm start`: the RingCentral emulator and a real n8n with these nodes, ready to click through —
 * no RingCentral account needed. Credentials named "RingCentral JWT (local emulator)" and
 * "RingCentral OAuth2 (local emulator)" and the examples are imported; Ctrl-C stops both.
 */
import fs from 'node:fs';
import path from 'node:path';

import { createEmulator } from './emulator';
import { EXAMPLE_CREDENTIALS, credentialRecords, exampleWorkflows, importable } from './n8n/examples';
import { N8n, OWNER, PortInUseError, portInUse } from './n8n/n8n';
import { N8N_RELEASES, UnsupportedPlatformError, defaultCache, nodePackage } from './n8n/runtime';

const TRIGGER_EXAMPLES = ['missed-call-sms-follow-up.json', 'voicemail-to-team-chat.json', 'presence-based-routing.json'];

/** A reason to stop that the user can act on: printed as one line, no stack. */
class Refusal extends Error {}

function portSetting(variable: string, fallback: number): number {
	const value = process.env[variable];
	if (value === undefined || value === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Refusal(`${variable}=${value} is not a port number (1-65535).`);
	return port;
}

const taken = (port: number, what: string, variable: string) =>
	new Refusal(`Port ${port} (${what}) is already in use by another program: set ${variable} to a free port, e.g. ${variable}=${port + 1} npm start`);

async function main(): Promise<void> {
	const emulatorPort = portSetting('RC_EMULATOR_PORT', 4010);
	const n8nPort = portSetting('N8N_PORT', 5678);
	/** Kept between runs, so workflows you build survive a restart. */
	const userFolder = process.env.RC_DEMO_USER_FOLDER || path.join(defaultCache(), 'demo');
	try {
		nodePackage();
	} catch (error) {
		if (error instanceof UnsupportedPlatformError) throw new Refusal(error.message);
		throw error;
	}
	// Before anything is started, installed or asked: whatever listens there is not ours to touch.
	if (await portInUse(emulatorPort)) throw taken(emulatorPort, 'the RingCentral emulator', 'RC_EMULATOR_PORT');
	if (await portInUse(n8nPort)) throw taken(n8nPort, 'n8n', 'N8N_PORT');

	const emulator = await createEmulator({ userCount: 12, rateLimits: { windowSeconds: 60 } });
	await emulator.start(emulatorPort).catch((error: NodeJS.ErrnoException) => {
		throw error.code === 'EADDRINUSE' ? taken(emulatorPort, 'the RingCentral emulator', 'RC_EMULATOR_PORT') : error;
	});
	console.log(`RingCentral emulator: ${emulator.url}`);

	fs.mkdirSync(userFolder, { recursive: true });
	const release = N8N_RELEASES.current;
	const n8n = new N8n({
		port: n8nPort,
		userFolder,
		logFile: path.join(userFolder, 'n8n.log'),
		release,
		onInstall: (where) =>
			console.log(`Installing n8n ${release.n8n} with Node ${release.node} into ${where.cache} (first run only, a few minutes) …`),
	});
	try {
		await n8n.prepare();
		// The credentials point at this emulator (its port may differ from the last run): always imported.
		await n8n.importJson('credentials', credentialRecords(emulator, EXAMPLE_CREDENTIALS));
		// The examples only when absent: your edits to them survive restarts.
		const present = new Set(await n8n.workflowIds());
		const examples = exampleWorkflows();
		const missing = examples.filter((example) => !present.has(example.id));
		if (missing.length) {
			await n8n.importJson('workflow', missing.map(importable));
			for (const example of missing.filter((e) => TRIGGER_EXAMPLES.includes(e.file))) await n8n.publish(example.id);
		}
		console.log(
			missing.length === examples.length
				? `Examples imported: ${examples.length}.`
				: `Examples: ${examples.length - missing.length} kept as you left them${missing.length ? `, ${missing.length} imported` : ''}.`,
		);

		await n8n.start();
		await n8n.signIn();
		await n8n.connectOAuth2(EXAMPLE_CREDENTIALS.oauth2.id);
	} catch (error) {
		await n8n.stop();
		await emulator.stop();
		throw error instanceof PortInUseError ? taken(error.port, 'n8n', 'N8N_PORT') : error;
	}
	const examples = exampleWorkflows();

	console.log(
		[
			'',
			`n8n is ready: ${n8n.url}  (sign in as ${OWNER.email} / ${OWNER.password})`,
			'',
			'  Credentials: "RingCentral JWT (local emulator)" and "RingCentral OAuth2 (local emulator)" (already connected).',
			`  Examples:    ${examples.map((e) => e.name.replace(/^RingCentral: /, '')).join('; ')}`,
			'               (the three with a RingCentral Trigger were published when first imported, and listen).',
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
			console.error(`n8n stopped unexpectedly (exit code ${code}); see ${path.join(userFolder, 'n8n.log')}`);
			void emulator.stop().then(() => process.exit(1));
		}
	});
}

main().catch((error) => {
	console.error(error instanceof Refusal ? error.message : error);
	process.exit(1);
});
