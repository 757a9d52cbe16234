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
 * @param {string} area workflow name suffix and id seed
 * @param {Array<{ id: string, node: string, parameters: Record<string, any>, auth?: 'jwt'|'oauth2', settings?: Record<string, any> }>} scenarios
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
		const hook = `in ${scenario.id}`;
		const action = `${scenario.id}`;
		const respond = `out ${scenario.id}`;
		add(
			{
				id: uuid(`${scenario.id}-in`),
				name: hook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, y],
				webhookId: uuid(scenario.id),
				parameters: { httpMethod: 'POST', path: `e2e-${scenario.id}`, responseMode: 'responseNode', options: {} },
			},
			action,
		);
		add(
			{
				id: uuid(`${scenario.id}-node`),
				name: action,
				type: `${PACKAGE_NAME}.${scenario.node}`,
				typeVersion: 1,
				position: [300, y],
				parameters: { authentication: auth === 'jwt' ? 'jwt' : 'oAuth2', ...scenario.parameters },
				credentials: { [CREDENTIALS[auth].type]: { id: CREDENTIALS[auth].id, name: CREDENTIALS[auth].name } },
				...(scenario.settings ?? {}),
			},
			respond,
		);
		add(
			{
				id: uuid(`${scenario.id}-out`),
				name: respond,
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [600, y],
				parameters: { respondWith: 'allIncomingItems', options: { responseCode: 200 } },
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

module.exports = { CREDENTIALS, credentialRecords, areaWorkflow };
