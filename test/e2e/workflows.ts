/**
 * Workflows the e2e tier imports into n8n. Each API area gets one workflow holding many
 * independent chains `Webhook (POST /webhook/e2e-<id>) → RingCentral node → Respond to Webhook`,
 * so one publication activates every scenario of the area, plus a GET ping chain to know when
 * the area's webhooks are live.
 */
import crypto from 'node:crypto';

import type { CredentialPair } from '../../tools/n8n/examples';
import { PACKAGE_NAME } from '../../tools/n8n/n8n';

/** Credentials imported into n8n, pointed at the emulator (ids are fixed so workflows can name them). */
export const CREDENTIALS: CredentialPair = {
	jwt: { id: 'rcE2eJwtCred001', name: 'RingCentral JWT (emulator)', type: 'ringCentralJwtApi' },
	oauth2: { id: 'rcE2eOAuthCred01', name: 'RingCentral OAuth2 (emulator)', type: 'ringCentralOAuth2Api' },
};

const uuid = (seed: string) => {
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
 */
export interface Step {
	name: string;
	node: string;
	typeVersion?: number;
	parameters: Parameters;
	settings?: Parameters;
}

export interface Scenario {
	id: string;
	auth?: Auth;
	node?: string;
	parameters?: Parameters;
	settings?: Parameters;
	steps?: Step[];
	respond?: Parameters;
}

export type Auth = 'jwt' | 'oauth2';

/** Node parameters and settings: n8n's JSON of any shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as n8n's workflow JSON
export type Parameters = Record<string, any>;

/** The scenarios of one API area: one workflow. */
export interface Area {
	area: string;
	scenarios: Scenario[];
}

/** A workflow node as n8n's workflow JSON holds it. */
interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Parameters;
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
	/** node settings (`onError`, …) */
	[setting: string]: unknown;
}

/** The name of a chain's webhook node (its output: `$('<hookName(id)>').first().json.body`). */
export const hookName = (id: string) => `in ${id}`;

/** The name of a step of a multi-step chain. */
export const stepName = (id: string, name: string) => `${id} ${name}`;

/** The chain's steps; a one-step scenario keeps the scenario id as its node name. */
function stepsOf(scenario: Scenario): Step[] {
	if (scenario.steps) return scenario.steps.map((step) => ({ ...step, name: stepName(scenario.id, step.name) }));
	return [{ name: scenario.id, node: scenario.node as string, parameters: scenario.parameters ?? {}, settings: scenario.settings }];
}

/** @param area workflow name suffix and id seed */
export function areaWorkflow(area: string, scenarios: Scenario[]) {
	const nodes: WorkflowNode[] = [];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
	const add = (node: WorkflowNode, next: string | undefined) => {
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
