/**
 * A second n8n of the e2e tier, for the RingCentral Trigger: it has to be stopped and started
 * again (to prove self-repair after a restart), which the shared instance must not be. Its
 * workflows are `RingCentral Trigger → HTTP Request` posting every item to an emulator sink.
 */
const crypto = require('node:crypto');
const path = require('node:path');

const { N8n, REPO } = require('./n8n');
const { CREDENTIALS, credentialRecords } = require('./workflows');
const { runtime } = require('./client');

/** A trigger workflow; `sink` names the emulator sink its items go to. */
function triggerWorkflow(id, parameters, sink, emulatorUrl) {
	const webhookId = crypto.randomUUID();
	return {
		id,
		name: `e2e trigger: ${sink}`,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'RingCentral Trigger',
				type: 'n8n-nodes-ringcentral.ringCentralTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { authentication: 'jwt', ...parameters },
				credentials: { [CREDENTIALS.jwt.type]: { id: CREDENTIALS.jwt.id, name: CREDENTIALS.jwt.name } },
			},
			{
				id: crypto.randomUUID(),
				name: 'Record',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [300, 0],
				parameters: {
					method: 'POST',
					url: `${emulatorUrl}/__emulator/sinks/${sink}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'RingCentral Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		webhookId,
	};
}

/** The example workflows of examples/, with the credential they name ("RingCentral JWT (local emulator)"). */
function exampleWorkflows() {
	const folder = path.join(REPO, 'examples');
	return require('node:fs')
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({ file, ...JSON.parse(require('node:fs').readFileSync(path.join(folder, file), 'utf8')) }));
}

const EXAMPLE_CREDENTIAL = { id: 'rcDemoJwtCred001', name: 'RingCentral JWT (local emulator)', type: 'ringCentralJwtApi' };

/**
 * @param {Array<{ id: string, parameters: Record<string, any>, sink: string }>} triggers
 * @param {{ emulatorUrl?: string, logFile?: string, examples?: boolean }} [options] the e2e tier's
 *   emulator unless given; `examples` imports examples/ too
 */
async function startTriggerWorld(triggers, options = {}) {
	const emulatorUrl = options.emulatorUrl ?? runtime().emulatorUrl;
	const n8n = new N8n({ logFile: options.logFile ?? path.join(REPO, 'test-output/e2e/n8n-trigger.log') });
	await n8n.prepare();
	const workflows = triggers.map((t) => triggerWorkflow(t.id, t.parameters, t.sink, emulatorUrl));
	const examples = options.examples ? exampleWorkflows() : [];
	try {
		const emulator = { url: emulatorUrl, demoCredentials: () => demo };
		const demo = await (await fetch(`${emulatorUrl}/__emulator/demo`)).json();
		demo.server = emulatorUrl;
		const jwt = credentialRecords(emulator).find((c) => c.id === CREDENTIALS.jwt.id);
		await n8n.importJson('credentials', [jwt, ...(options.examples ? [{ ...jwt, ...EXAMPLE_CREDENTIAL }] : [])]);
		await n8n.importJson('workflow', [...workflows.map(({ webhookId, ...workflow }) => workflow), ...examples.map(({ file, ...workflow }) => workflow)]);
		await n8n.start();
		await n8n.signIn();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return {
		n8n,
		workflows,
		examples,
		webhookUrl: (id) => `${n8n.url}/webhook/${workflows.find((w) => w.id === id).webhookId}/webhook`,
		publish: (id) => n8n.cli(['publish:workflow', `--id=${id}`]),
		unpublish: (id) => n8n.cli(['unpublish:workflow', `--id=${id}`]),
		restart: async (whileStopped) => {
			await n8n.stop();
			await whileStopped?.();
			await n8n.start();
		},
		executions: async (id) => (await n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}`)).results,
	};
}

module.exports = { startTriggerWorld, exampleWorkflows, EXAMPLE_CREDENTIAL };
