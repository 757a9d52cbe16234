/**
 * Starts the e2e world once: the RingCentral emulator, and a real n8n (Node 24) with this
 * package linked as a community package, credentials and one workflow per API area imported and
 * published, the owner signed in and the OAuth2 credential connected through n8n's own flow.
 */
const fs = require('node:fs');
const path = require('node:path');

const { createEmulator } = require('../../tools/emulator');
const { N8n, REPO } = require('./n8n');
const { CREDENTIALS, areaWorkflow, credentialRecords } = require('./workflows');
const areas = require('./scenarios');

const OUTPUT = path.join(REPO, 'test-output/e2e');

module.exports = async function globalSetup() {
	fs.mkdirSync(OUTPUT, { recursive: true });
	const timings = {};
	const time = async (label, work) => {
		const started = Date.now();
		const result = await work();
		timings[label] = Date.now() - started;
		return result;
	};
	if (!fs.existsSync(path.join(REPO, 'dist/package.json'))) throw new Error('dist/ is missing: run `npm run build` first');

	const emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1 } });
	await emulator.start();
	const n8n = new N8n({ logFile: path.join(OUTPUT, 'n8n.log') });
	globalThis.__RC_E2E__ = { emulator, n8n };
	try {
		await startWorld(emulator, n8n, time, timings);
	} catch (error) {
		// jest skips the teardown when the setup fails: leave no n8n or emulator running.
		await n8n.stop();
		await emulator.stop();
		throw error;
	}
};

async function startWorld(emulator, n8n, time, timings) {
	await time('runtime', () => n8n.prepare());
	await time('import credentials', () => n8n.importJson('credentials', credentialRecords(emulator)));
	const workflows = areas.map(({ area, scenarios }) => areaWorkflow(area, scenarios));
	fs.writeFileSync(path.join(OUTPUT, 'workflows.json'), JSON.stringify(workflows, null, 2));
	await time('import workflows', () => n8n.importJson('workflow', workflows.map(({ ping, ...workflow }) => workflow)));
	// Published before the start: n8n 2.41 activates published workflows while it starts.
	await time('publish workflows', async () => {
		for (const workflow of workflows) await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
	});
	await time('n8n start', () => n8n.start());
	await time('webhooks live', async () => {
		for (const workflow of workflows) await n8n.waitForWebhook(workflow.ping);
	});
	await time('owner sign-in', () => n8n.signIn());
	const oauth = await time('OAuth2 connect', () => n8n.connectOAuth2(CREDENTIALS.oauth2.id));

	fs.writeFileSync(
		path.join(OUTPUT, 'runtime.json'),
		JSON.stringify(
			{
				n8nUrl: n8n.url,
				emulatorUrl: emulator.url,
				userFolder: n8n.userFolder,
				cookie: n8n.cookie,
				node24: n8n.runtime.NODE24,
				n8nBin: n8n.runtime.N8N_BIN,
				n8nSettings: n8n.settings,
				oauth,
				timings,
				workflows: workflows.map((w) => ({ id: w.id, name: w.name, ping: w.ping })),
			},
			null,
			2,
		),
	);
}
