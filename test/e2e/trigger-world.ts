/**
 * A second n8n of the e2e tier, for the RingCentral Trigger: it has to be stopped and started
 * again (to prove self-repair after a restart), which the shared instance must not be. Its
 * workflows are `RingCentral Trigger → HTTP Request` posting every item to an emulator sink.
 */
import crypto from 'node:crypto';

import { EXAMPLE_CREDENTIALS, credentialRecords, exampleWorkflows, importable } from '../../tools/n8n/examples';
import type { EmulatorAccess, ExampleWorkflow } from '../../tools/n8n/examples';
import { N8n } from '../../tools/n8n/n8n';
import { repoPath } from '../../tools/repository';
import { runtime } from './client';
import { CREDENTIALS } from './workflows';
import type { Parameters } from './workflows';

export interface TriggerSpec {
	id: string;
	parameters: Parameters;
	/** the emulator sink the workflow's items go to */
	sink: string;
}

/** n8n's HTTP Request node posting every item to an emulator sink. */
export function recordNode(sink: string, emulatorUrl: string) {
	return {
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
	};
}

/** A trigger workflow; `sink` names the emulator sink its items go to. */
function triggerWorkflow(id: string, parameters: Parameters, sink: string, emulatorUrl: string) {
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
			recordNode(sink, emulatorUrl),
		],
		connections: { 'RingCentral Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		webhookId,
	};
}

/** For comparisons: n8n's own Webhook node (POST /webhook/<path>, answered on receipt) → the same Record node. */
export interface WebhookNodeSpec {
	id: string;
	path: string;
	sink: string;
}

function webhookNodeWorkflow(spec: WebhookNodeSpec, emulatorUrl: string) {
	const webhookId = crypto.randomUUID();
	return {
		id: spec.id,
		name: `Webhook node: ${spec.sink}`,
		nodes: [
			{
				id: crypto.randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: spec.path, responseMode: 'onReceived', options: {} },
			},
			recordNode(spec.sink, emulatorUrl),
		],
		connections: { Webhook: { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

type TriggerWorkflow = ReturnType<typeof triggerWorkflow>;

export interface TriggerWorld {
	n8n: N8n;
	workflows: TriggerWorkflow[];
	examples: ExampleWorkflow[];
	webhookUrl(id: string): string;
	publish(id: string): Promise<void>;
	unpublish(id: string): Promise<void>;
	restart(whileStopped?: () => Promise<unknown>): Promise<void>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- n8n's execution records, read by the tests
	executions(id: string): Promise<any[]>;
}

/**
 * @param options the e2e tier's emulator unless `emulatorUrl` is given; `examples` imports examples/
 *   too (with the credential they name); `webhookNodes` adds workflows of n8n's own Webhook node (for
 *   comparisons); `settings` adds n8n environment settings
 */
export async function startTriggerWorld(
	triggers: TriggerSpec[],
	options: { emulatorUrl?: string; logFile?: string; examples?: boolean; webhookNodes?: WebhookNodeSpec[]; settings?: Record<string, string>; webhookUrl?: string } = {},
): Promise<TriggerWorld> {
	const emulatorUrl = options.emulatorUrl ?? runtime().emulatorUrl;
	// The e2e tier's n8n release; the current one for callers with an emulator of their own (the benchmark).
	const release = options.emulatorUrl ? undefined : runtime().release;
	const n8n = new N8n({ logFile: options.logFile ?? repoPath('test-output/e2e/n8n-trigger.log'), release, webhookUrl: options.webhookUrl });
	await n8n.prepare();
	if (options.settings) {
		Object.assign(n8n.settings, options.settings);
		n8n.env = { ...n8n.env, ...options.settings };
	}
	const workflows = triggers.map((t) => triggerWorkflow(t.id, t.parameters, t.sink, emulatorUrl));
	const examples = options.examples ? exampleWorkflows() : [];
	try {
		const demo = (await (await fetch(`${emulatorUrl}/__emulator/demo`)).json()) as ReturnType<EmulatorAccess['demoCredentials']>;
		const emulator: EmulatorAccess = { url: emulatorUrl, demoCredentials: () => demo };
		const [jwt] = credentialRecords(emulator, CREDENTIALS);
		const [exampleJwt] = credentialRecords(emulator, EXAMPLE_CREDENTIALS);
		await n8n.importJson('credentials', [jwt, ...(options.examples ? [exampleJwt] : [])]);
		await n8n.importJson('workflow', [
			...workflows.map(({ webhookId: _webhookId, ...workflow }) => workflow),
			...(options.webhookNodes ?? []).map((spec) => webhookNodeWorkflow(spec, emulatorUrl)),
			...examples.map(importable),
		]);
		await n8n.start();
		await n8n.signIn();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	const workflowOf = (id: string) => {
		const workflow = workflows.find((w) => w.id === id);
		if (!workflow) throw new Error(`no trigger workflow ${id} in this world`);
		return workflow;
	};
	return {
		n8n,
		workflows,
		examples,
		webhookUrl: (id) => `${n8n.url}/webhook/${workflowOf(id).webhookId}/webhook`,
		publish: (id) => n8n.publish(id),
		unpublish: (id) => n8n.unpublish(id),
		restart: async (whileStopped) => {
			await n8n.stop();
			await whileStopped?.();
			await n8n.start();
		},
		executions: async (id) =>
			(await n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}&limit=100`)).results,
	};
}
