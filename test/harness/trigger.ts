/**
 * Runs a webhook trigger the way one n8n process does, with n8n-core's own contexts: its webhook
 * methods (checkExists/create/delete) in a HookContext, its `trigger()` in a TriggerContext, and
 * every HTTP request to its webhook URL — served by a real local HTTP server — through `webhook()`
 * in a WebhookContext. The workflow object (and so the node's static data) is shared by all three,
 * as in n8n. What the webhook starts is recorded as executions.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, TriggerContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookDescription,
	IWorkflowBase,
	ITriggerResponse,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { CredentialRef, Engine, Item, Json } from './engine';

/** A manual (test event) execution that has not finished by then is reported as hanging. */
const MANUAL_RUN_LIMIT_MS = 5000;

export interface TriggerExecution {
	at: number;
	items: Item[];
	mode: 'webhook' | 'manual';
	status?: string;
}

/** What the webhook answered to one request. */
export interface WebhookAnswer {
	at: number;
	status: number;
	headers: http.OutgoingHttpHeaders;
	/** status line, headers and body */
	size: number;
	durationMs: number;
	/** the request carried a Validation-Token */
	handshake: boolean;
}

export async function startTrigger({
	engine,
	type,
	parameters,
	credential,
}: {
	engine: Engine;
	type: string;
	parameters: Record<string, Json>;
	credential: CredentialRef;
}) {
	const nodeType = engine.nodeTypeOf(type);
	// n8n calls these with a context as `this`, and so does the harness (`.call(context)`).
	/* eslint-disable @typescript-eslint/unbound-method */
	const webhook = nodeType.webhook;
	const webhookMethods = nodeType.webhookMethods?.default;
	const trigger = nodeType.trigger;
	/* eslint-enable @typescript-eslint/unbound-method */
	if (!webhook || !webhookMethods || !trigger) throw new Error(`${type} is not a webhook trigger with a trigger function`);
	// Like the editor, every trigger node gets its own webhook id (its webhook path).
	const WEBHOOK_ID = crypto.randomUUID();
	const node: INode = {
		id: 'trigger-under-test',
		name: 'RingCentral Trigger',
		type: `n8n-nodes-ringcentral.${type}`,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.type } },
	};
	const workflow = new Workflow({
		id: `trigger-test-${WEBHOOK_ID.slice(0, 8)}`,
		name: 'trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: engine.nodeTypes,
		staticData: {},
	});
	const executions: TriggerExecution[] = [];
	const answers: WebhookAnswer[] = [];
	const crons: Array<() => void> = [];

	const server = http.createServer((req, res) => {
		const started = Date.now();
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		const answer = async () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			Object.assign(req, { body: raw ? JSON.parse(raw) : {}, query: {} });
			const handshake = typeof req.headers['validation-token'] === 'string';
			// The editor's test listener has its own URL, and n8n runs what arrives there in manual mode.
			const mode = String(req.url).startsWith('/webhook-test/') ? 'manual' : 'webhook';
			const finish = () =>
				answers.push({
					at: started,
					status: res.statusCode,
					headers: res.getHeaders(),
					size: headerBytes(res) + Number(res.getHeader('content-length') ?? 0),
					durationMs: Date.now() - started,
					handshake,
				});
			res.on('finish', finish);
			try {
				const context = new WebhookContext(
					workflow,
					node,
					engine.additionalDataFor({ httpRequest: req, httpResponse: res, webhookBaseUrl: baseUrl }),
					mode,
					webhookData(mode === 'manual'),
					[],
					null,
				);
				const result = await webhook.call(context);
				if (result.workflowData && mode === 'webhook') {
					executions.push({ at: Date.now(), items: result.workflowData[0], mode });
				}
				if (!result.noWebhookResponse && !res.writableEnded) {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: 'Workflow was started' }));
				}
				if (result.workflowData && mode === 'manual') {
					executions.push({ at: Date.now(), mode, ...(await runManually(result.workflowData)) });
				}
			} catch (error) {
				if (!res.writableEnded) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: String(error instanceof Error ? error.message : error) }));
				}
			}
		};
		req.on('end', () => void answer());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	const webhookUrl = `${baseUrl}/${WEBHOOK_ID}/webhook`;

	/** What n8n knows of the trigger's webhook (n8n-core's contexts read no more of it). */
	function webhookData(isTest = false): IWebhookData {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: (nodeType.description.webhooks as IWebhookDescription[])[0],
			workflowId: String(workflow.id),
			webhookId: WEBHOOK_ID,
			isTest,
		} as IWebhookData;
	}

	/**
	 * What n8n does with a test event: a manual execution whose stack starts at the trigger node with
	 * the webhook's items. In manual mode n8n-core runs a node's trigger() there and waits for it to emit.
	 */
	async function runManually(workflowData: INodeExecutionData[][]): Promise<{ items: Item[]; status: string }> {
		const hooks = new ExecutionLifecycleHooks('manual', '1', { id: workflow.id, nodes: [node], connections: {} } as unknown as IWorkflowBase);
		const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData)));
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }] },
		});
		const additionalData = engine.additionalDataFor({ hooks, webhookBaseUrl: baseUrl });
		void new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const timeout = new Promise<'hanging'>((resolve) => setTimeout(() => resolve('hanging'), MANUAL_RUN_LIMIT_MS).unref());
		const result = await Promise.race([finished, timeout]);
		if (result === 'hanging') return { items: [], status: 'hanging' };
		return { items: result.data.resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? [], status: result.status };
	}

	/** The activation hooks; `test` runs them for the editor's test listener (its own URL). */
	const hook = (method: 'checkExists' | 'create' | 'delete', test = false) => {
		const additionalData = engine.additionalDataFor({ webhookBaseUrl: baseUrl, webhookTestBaseUrl: `${baseUrl}-test` });
		const context = new HookContext(workflow, node, additionalData, test ? 'manual' : 'webhook', 'activate', webhookData(test));
		return webhookMethods[method].call(context);
	};

	return {
		workflow,
		node,
		webhookUrl,
		executions,
		answers,
		crons,
		staticData: () => workflow.getStaticData('node', node) as Record<string, Json>,
		/** n8n's activation: checkExists, and create when it answers false */
		async activate() {
			if (!(await hook('checkExists'))) await hook('create');
		},
		checkExists: () => hook('checkExists'),
		create: () => hook('create'),
		deactivate: () => hook('delete'),
		testWebhookUrl: `${baseUrl}-test/${WEBHOOK_ID}/webhook`,
		/** the editor's "listen for test event": n8n registers the test webhook, later removes it */
		async listenForTestEvent() {
			if (!(await hook('checkExists', true))) await hook('create', true);
		},
		stopListening: () => hook('delete', true),
		/** n8n's start or activation of the trigger function; its cron jobs are kept to be run by the test */
		async startTriggerFunction(mode: WorkflowExecuteMode = 'trigger'): Promise<ITriggerResponse> {
			const schedulingFunctions = {
				registerCron: (_cron: unknown, onTick: () => void) => crons.push(onTick),
			};
			const context = new TriggerContext(
				workflow,
				node,
				engine.additionalDataFor({ webhookBaseUrl: baseUrl }),
				mode,
				'init',
				() => undefined,
				() => undefined,
				() => undefined,
				schedulingFunctions as unknown as ConstructorParameters<typeof TriggerContext>[8],
			);
			const response = await trigger.call(context);
			if (!response) throw new Error(`${type}: trigger() answered nothing`);
			return response;
		},
		async stop() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

export type StartedTrigger = Awaited<ReturnType<typeof startTrigger>>;

/** Bytes of the status line and headers this response sent. */
function headerBytes(res: http.ServerResponse): number {
	const header = (res as unknown as { _header?: unknown })._header;
	return typeof header === 'string' ? Buffer.byteLength(header) : 0;
}
