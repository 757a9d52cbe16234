/**
 * Workflows the e2e tier imports into n8n. Each API area gets one workflow holding many
 * independent chains `Webhook (POST /webhook/e2e-<id>) → RingCentral node → Respond to Webhook`,
 * so one publication activates every scenario of the area, plus a GET ping chain to know when
 * the area's webhooks are live.
 */
const crypto = require('node:crypto');

const { PACKAGE_NAME } = require('./n8n');

/** Credentials imported into n8n, pointed at the emulator (ids are fixed so workflows can name them). */
const CREDENTIALS = {
	jwt: { id: 'rcE2eJwtCred001', name: 'RingCentral JWT (emulator)', type: 'ringCentralJwtApi' },
	oauth2: { id: 'rcE2eOAuthCred01', name: 'RingCentral OAuth2 (emulator)', type: 'ringCentralOAuth2Api' },
};

function credentialRecords(emulator) {
	const demo = emulator.demoCredentials();
	const server = { environment: 'custom', serverUrl: emulator.url, clientId: demo.clientId, clientSecret: demo.clientSecret };
	return [
		{ ...CREDENTIALS.jwt, data: { ...server, jwtToken: demo.jwt, accessToken: '' } },
		{ ...CREDENTIALS.oauth2, data: { ...server, grantType: 'authorizationCode' } },
	];
}

const uuid = (seed) => {
	const hex = crypto.createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * A scenario is one chain `Webhook → step → … → Respond to Webhook`. Most have one step, our node
 * (`node` + `parameters`); a chain of several gives `steps`, each named so later steps can read
 * earlier ones with `$('<stepName(id, name)>')`. A step's `node` is one of our node names
 * (`ringCentralContacts`: gets the scenario's credential) or a full n8n type with `typeVersion`.
 * `respond` overrides the Respond to Webhook parameters (default: all incoming items as JSON).
 * The webhook also takes multipart uploads: each file field becomes a binary property of that name.
 * @typedef {{ name: string, node: string, typeVersion?: number, parameters: Record<string, any>, settings?: Record<string, any> }} Step
 * @typedef {{ id: string, auth?: 'jwt'|'oauth2', node?: string, parameters?: Record<string, any>, settings?: Record<string, any>, steps?: Step[], respond?: Record<string, any> }} Scenario
 */

/** The name of a chain's webhook node (its output: `$('<hookName(id)>').first().json.body`). */
const hookName = (id) => `in ${id}`;

/** The name of a step of a multi-step chain. */
const stepName = (id, name) => `${id} ${name}`;

/** The chain's steps; a one-step scenario keeps the scenario id as its node name. */
function stepsOf(/** @type {Scenario} */ scenario) {
	if (scenario.steps) return scenario.steps.map((step) => ({ ...step, name: stepName(scenario.id, step.name) }));
	return [{ name: scenario.id, node: /** @type {string} */ (scenario.node), parameters: scenario.parameters ?? {}, settings: scenario.settings }];
}

/**
 * @param {string} area workflow name suffix and id seed
 * @param {Scenario[]} scenarios
 */
function areaWorkflow(area, scenarios) {
	const nodes = [];
	const connections = {};
	const add = (node, next) => {
		nodes.push(node);
		if (next) connections[node.name] = { main: [[{ node: next, type: 'main', index: 0 }]] };
	};
	const ping = `e2e-${area}-ping`;
	add(
		{
			id: uuid(`${ping}-in`),
			name: `ping ${area}`,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: uuid(ping),
			parameters: { httpMethod: 'GET', path: ping, responseMode: 'onReceived', options: {} },
		},
		undefined,
	);
	scenarios.forEach((scenario, row) => {
		const y = (row + 1) * 200;
		const auth = scenario.auth ?? 'jwt';
		const steps = stepsOf(scenario);
		const respond = `out ${scenario.id}`;
		add(
			{
				id: uuid(`${scenario.id}-in`),
				name: hookName(scenario.id),
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, y],
				webhookId: uuid(scenario.id),
				parameters: { httpMethod: 'POST', path: `e2e-${scenario.id}`, responseMode: 'responseNode', options: {} },
			},
			steps[0].name,
		);
		steps.forEach((step, index) => {
			const ours = !step.node.includes('.');
			add(
				{
					// The one-step id seed predates chains; kept so existing workflows keep their node ids.
					id: uuid(scenario.steps ? `${scenario.id}-node-${index}` : `${scenario.id}-node`),
					name: step.name,
					type: ours ? `${PACKAGE_NAME}.${step.node}` : step.node,
					typeVersion: step.typeVersion ?? 1,
					position: [300 * (index + 1), y],
					parameters: ours ? { authentication: auth === 'jwt' ? 'jwt' : 'oAuth2', ...step.parameters } : step.parameters,
					...(ours ? { credentials: { [CREDENTIALS[auth].type]: { id: CREDENTIALS[auth].id, name: CREDENTIALS[auth].name } } } : {}),
					...(step.settings ?? {}),
				},
				steps[index + 1]?.name ?? respond,
			);
		});
		add(
			{
				id: uuid(`${scenario.id}-out`),
				name: respond,
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [300 * (steps.length + 1), y],
				parameters: { respondWith: 'allIncomingItems', options: { responseCode: 200 }, ...(scenario.respond ?? {}) },
			},
			undefined,
		);
	});
	return {
		id: `rcE2e${area.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 16).padEnd(16, '0'),
		name: `e2e: ${area}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
		ping,
	};
}

module.exports = { CREDENTIALS, credentialRecords, areaWorkflow, hookName, stepName };
