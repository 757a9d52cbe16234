#!/usr/bin/env node
/**
 * `npm run emulator`: a RingCentral emulator on localhost with demo credentials. Without the pinned
 * spec it stops with one line, unless started with --lenient (or RC_EMULATOR_LENIENT=1): then it
 * runs without request validation.
 */
import { createEmulator } from './server';

async function main(): Promise<void> {
	const lenient = process.argv.includes('--lenient') || process.env.RC_EMULATOR_LENIENT === '1';
	const port = Number(process.env.RC_EMULATOR_PORT ?? 4010);
	const emulator = await createEmulator({
		requireSpec: !lenient,
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
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
	// A missing spec is a sentence for the user, not a stack trace.
	console.error(error instanceof Error && /OpenAPI spec not found/.test(error.message) ? `${error.message} Or start with --lenient to run without request validation.` : error);
	process.exit(1);
});
