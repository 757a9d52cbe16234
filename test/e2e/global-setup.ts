/**
 * Starts the e2e world once: the RingCentral emulator, and a real n8n (Node 24) with this
 * package linked as a community package, credentials and one workflow per API area imported and
 * published, the owner signed in and the OAuth2 credential connected through n8n's own flow.
 */
import fs from 'node:fs';
import path from 'node:path';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { credentialRecords } from '../../tools/n8n/examples';
import { N8n } from '../../tools/n8n/n8n';
import { releaseFor } from '../../tools/n8n/runtime';
import { repoPath } from '../../tools/repository';
import type { Runtime } from './client';
import areas from './scenarios';
import { CREDENTIALS, areaWorkflow } from './workflows';

const OUTPUT = repoPath('test-output/e2e');

/** What the teardown stops. */
export interface E2eWorld {
	emulator: Emulator;
	n8n: N8n;
}

type Timings = Record<string, number>;
type Time = <T>(label: string, work: () => Promise<T>) => Promise<T>;

export default async function globalSetup(): Promise<void> {
	fs.mkdirSync(OUTPUT, { recursive: true });
	const timings: Timings = {};
	const time: Time = async (label, work) => {
		const started = Date.now();
		const result = await work();
		timings[label] = Date.now() - started;
		return result;
	};
	if (!fs.existsSync(repoPath('dist/package.json'))) throw new Error('dist/ is missing: run `npm run build` first');

	const emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1 } });
	await emulator.start();
	// RC_E2E_N8N picks another tested n8n release (`1` for the 1.x line: `npm run test:e2e:n8n1`).
	const n8n = new N8n({ logFile: path.join(OUTPUT, 'n8n.log'), release: releaseFor(process.env.RC_E2E_N8N) });
	(globalThis as { __RC_E2E__?: E2eWorld }).__RC_E2E__ = { emulator, n8n };
	try {
		await startWorld(emulator, n8n, time, timings);
	} catch (error) {
		// jest skips the teardown when the setup fails: leave no n8n or emulator running.
		await n8n.stop();
		await emulator.stop();
		throw error;
	}
}

async function startWorld(emulator: Emulator, n8n: N8n, time: Time, timings: Timings) {
	await time('runtime', () => n8n.prepare());
	await time('import credentials', () => n8n.importJson('credentials', credentialRecords(emulator, CREDENTIALS)));
	const workflows = areas.map(({ area, scenarios }) => areaWorkflow(area, scenarios));
	fs.writeFileSync(path.join(OUTPUT, 'workflows.json'), JSON.stringify(workflows, null, 2));
	await time('import workflows', () => n8n.importJson('workflow', workflows.map(({ ping: _ping, ...workflow }) => workflow)));
	// Published (activated, on 1.x) before the start: n8n activates them while it starts.
	await time('publish workflows', async () => {
		for (const workflow of workflows) await n8n.publish(workflow.id);
	});
	await time('n8n start', () => n8n.start());
	// Before the pings: they are the first production executions (see N8n.signIn).
	await time('owner sign-in', () => n8n.signIn());
	await time('webhooks live', async () => {
		for (const workflow of workflows) await n8n.waitForWebhook(workflow.ping);
	});
	const oauth = await time('OAuth2 connect', () => n8n.connectOAuth2(CREDENTIALS.oauth2.id));

	const runtime: Runtime = {
		n8nUrl: n8n.url,
		emulatorUrl: emulator.url,
		userFolder: n8n.userFolder,
		release: n8n.release,
		cookie: n8n.cookie,
		node: n8n.runtime.NODE,
		n8nBin: n8n.runtime.N8N_BIN,
		n8nSettings: n8n.settings,
		oauth,
		timings,
		workflows: workflows.map((w) => ({ id: w.id, name: w.name, ping: w.ping })),
	};
	fs.writeFileSync(path.join(OUTPUT, 'runtime.json'), JSON.stringify(runtime, null, 2));
}
