#!/usr/bin/env node
/** `npm run emulator`: a RingCentral emulator on localhost with demo credentials. */
const { createEmulator } = require('./server');

async function main() {
	const port = Number(process.env.RC_EMULATOR_PORT ?? 4010);
	const emulator = await createEmulator({
		userCount: Number(process.env.RC_EMULATOR_USERS ?? 12),
		rateLimits: { windowSeconds: Number(process.env.RC_EMULATOR_RATE_WINDOW ?? 60) },
	});
	await emulator.start(port, process.env.RC_EMULATOR_HOST ?? '127.0.0.1');
	const demo = emulator.demoCredentials();
	const lines = [
		`RingCentral emulator listening on ${emulator.url}`,
		`  OpenAPI validation: ${emulator.spec.available ? `on (${emulator.spec.file})` : 'off (spec not found)'}`,
		'  Credentials for n8n (Server: Custom URL):',
		`    Server URL:    ${demo.server}`,
		`    Client ID:     ${demo.clientId}`,
		`    Client Secret: ${demo.clientSecret}`,
		`    JWT:           ${demo.jwt}`,
		`  OAuth2 redirect: any; the authorize page signs in as extension ${emulator.state.ids.admin} and approves at once.`,
		`  Control API:     ${emulator.url}/__emulator/health, /journal, /faults, /rate-limits, /events, /reset`,
	];
	console.log(lines.join('\n'));
	const stop = async () => {
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
