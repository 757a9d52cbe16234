/**
 * Runs a webhook trigger the way one n8n process does, with n8n-core's own contexts: its webhook
 * methods (checkExists/create/delete) in a HookContext, its `trigger()` in a TriggerContext, and
 * every HTTP request to its webhook URL — served by a real local HTTP server — through `webhook()`
 * in a WebhookContext.
 *
 * As in n8n, each of these works on its own copy of the workflow and of its static data, loaded
 * from what n8n saved (its database row), and saves it back only where n8n does:
 * - publishing (`activate`): one copy for the activation hooks and the trigger function, run side
 *   by side; saved at the end;
 * - n8n's start (`startTriggerFunction`): a new copy for the trigger function, saved at the end of
 *   the activation and whenever the trigger emits;
 * - each webhook call: a new copy, saved only when the call started no execution (n8n wraps the same
 *   static data again for the execution, which drops the "changed" mark);
 * - unpublishing: a new copy, saved; the editor's test listener: copies that are never saved.
 * Expressions evaluate only while n8n holds an expression isolate for the copy (activation, webhook
 * calls, executions; see expression-isolates.ts), not in the trigger's cron callbacks. What the
 * trigger emits is an execution unless n8n already ran one with the same deduplication key (a
 * unique key in n8n's database, shared here by every trigger of the test process). What the
 * harness cannot model: a new process (module memory survives `startTriggerFunction`); the e2e
 * tier restarts a real n8n for that.
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
import { withIsolate } from './expression-isolates';

/** A manual (test event) execution that has not finished by then is reported as hanging. */
const MANUAL_RUN_LIMIT_MS = 5000;

export interface TriggerExecution {
	at: number;
	items: Item[];
	/** the execution deduplication key the trigger emitted with */
	deduplicationKey?: string;
	/** `trigger`: emitted by the trigger function; `webhook`: started by n8n from the webhook's items */
	mode: 'webhook' | 'trigger' | 'manual';
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

/** Execution deduplication keys n8n has stored (a unique index in its database). */
const usedDeduplicationKeys = new Set<string>();

type StaticData = Record<string, Json>;

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
	const triggerOfNode = trigger;
	// Like the editor, every trigger node gets its own webhook id (its webhook path).
	const WEBHOOK_ID = crypto.randomUUID();
	const WORKFLOW_ID = `trigger-test-${WEBHOOK_ID.slice(0, 8)}`;
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
	/** The workflow's static data as n8n saved it. */
	let saved: StaticData = {};
	/** A copy of the workflow as n8n loads it for one context. */
	const load = () =>
		new Workflow({
			id: WORKFLOW_ID,
			name: 'trigger test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: engine.nodeTypes,
			staticData: JSON.parse(JSON.stringify(saved)) as StaticData,
		});
	/** n8n's saveStaticData: only a copy whose static data changed is written. */
	const save = (workflow: Workflow) => {
		const data = workflow.staticData as StaticData & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		saved = JSON.parse(JSON.stringify(data)) as StaticData;
		data.__dataChanged = false;
	};
	const executions: TriggerExecution[] = [];
	/** Emitted executions n8n skipped: their deduplication key was used before. */
	const duplicates: string[] = [];
	const answers: WebhookAnswer[] = [];
	/** What the trigger function reported through n8n's emitError (n8n then deactivates the workflow and shows the error). */
	const errors: Error[] = [];
	/** The running trigger function's cron callbacks (run them as n8n's cron would: no isolate held). */
	const crons: Array<() => void> = [];
	let running: { workflow: Workflow; response: ITriggerResponse } | undefined;
	/** Requests whose webhook() has not returned yet (it may answer first and work after). */
	const handling = new Set<Promise<void>>();

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
			const workflow = load();
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
				const result = await withIsolate(workflow, () => webhook.call(context));
				if (result.workflowData && mode === 'webhook') {
					executions.push({ at: Date.now(), items: result.workflowData[0], mode });
				}
				if (!result.workflowData && mode === 'webhook') save(workflow);
				if (!result.noWebhookResponse && !res.writableEnded) {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: 'Workflow was started' }));
				}
				if (result.workflowData && mode === 'manual') {
					executions.push({ at: Date.now(), mode, ...(await runManually(workflow, result.workflowData)) });
				}
			} catch (error) {
				if (!res.writableEnded) {
					res.writeHead(500, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ message: String(error instanceof Error ? error.message : error) }));
				}
			}
		};
		req.on('end', () => {
			const handled = answer();
			handling.add(handled);
			void handled.finally(() => handling.delete(handled));
		});
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
			workflowId: WORKFLOW_ID,
			webhookId: WEBHOOK_ID,
			isTest,
		} as IWebhookData;
	}

	/**
	 * What n8n does with a test event: a manual execution whose stack starts at the trigger node with
	 * the webhook's items. In manual mode n8n-core runs a node's trigger() there and waits for it to emit.
	 */
	async function runManually(
		workflow: Workflow,
		workflowData: INodeExecutionData[][],
		limitMs = MANUAL_RUN_LIMIT_MS,
	): Promise<{ items: Item[]; status: string; error?: string }> {
		const hooks = new ExecutionLifecycleHooks('manual', '1', { id: WORKFLOW_ID, nodes: [node], connections: {} } as unknown as IWorkflowBase);
		const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData)));
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }] },
		});
		const additionalData = engine.additionalDataFor({ hooks, webhookBaseUrl: baseUrl });
		void new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const timeout = new Promise<'hanging'>((resolve) => setTimeout(() => resolve('hanging'), limitMs).unref());
		const result = await Promise.race([finished, timeout]);
		if (result === 'hanging') return { items: [], status: 'hanging' };
		const error = result.data.resultData.error?.message;
		return { items: result.data.resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? [], status: result.status, ...(error ? { error } : {}) };
	}

	/**
	 * Whether n8n registers the node's webhook: n8n evaluates the description's httpMethod for the
	 * node's parameters and registers none (and runs no webhook methods) when it is empty.
	 */
	const hasWebhook = (workflow: Workflow) => {
		const description = (nodeType.description.webhooks as IWebhookDescription[])[0];
		const method = workflow.expression.getSimpleParameterValue(node, description.httpMethod, 'internal', {}, undefined, 'GET');
		return typeof method === 'string' && method.trim() !== '';
	};

	/** One activation hook on a copy; `test` runs it for the editor's test listener (its own URL). */
	const hook = (workflow: Workflow, method: 'checkExists' | 'create' | 'delete', test = false) => {
		const additionalData = engine.additionalDataFor({ webhookBaseUrl: baseUrl, webhookTestBaseUrl: `${baseUrl}-test` });
		const context = new HookContext(workflow, node, additionalData, test ? 'manual' : 'webhook', 'activate', webhookData(test));
		return webhookMethods[method].call(context);
	};

	/** A hook on a copy of its own, holding an isolate, saved afterwards (never for the test listener). */
	const hookAlone = async (method: 'checkExists' | 'create' | 'delete', test = false) => {
		const workflow = load();
		const answer = await withIsolate(workflow, () => hook(workflow, method, test));
		if (!test) save(workflow);
		return answer;
	};

	/** Ends the running trigger function, as n8n does when it deactivates the workflow or stops. */
	async function closeTriggerFunction() {
		const closing = running;
		running = undefined;
		crons.length = 0;
		await closing?.response.closeFunction?.();
	}

	/** Runs trigger() on a copy (the caller holds its isolate); production triggers keep running. */
	async function triggerFunction(workflow: Workflow, mode: WorkflowExecuteMode): Promise<ITriggerResponse> {
		const schedulingFunctions = { registerCron: (_cron: unknown, onTick: () => void) => crons.push(onTick) };
		const emit = (data: INodeExecutionData[][], _response?: unknown, _done?: unknown, deduplicationKey?: string) => {
			save(workflow);
			if (deduplicationKey !== undefined && usedDeduplicationKeys.has(deduplicationKey)) {
				duplicates.push(deduplicationKey);
				return;
			}
			if (deduplicationKey !== undefined) usedDeduplicationKeys.add(deduplicationKey);
			executions.push({ at: Date.now(), items: data[0], mode: 'trigger', deduplicationKey });
		};
		const context = new TriggerContext(
			workflow,
			node,
			engine.additionalDataFor({ webhookBaseUrl: baseUrl }),
			mode,
			'init',
			emit,
			(error: Error) => errors.push(error),
			() => undefined,
			schedulingFunctions as unknown as ConstructorParameters<typeof TriggerContext>[8],
		);
		const response = await triggerOfNode.call(context);
		if (!response) throw new Error(`${type}: trigger() answered nothing`);
		if (mode !== 'manual') running = { workflow, response };
		return response;
	}

	return {
		workflowId: WORKFLOW_ID,
		node,
		webhookUrl,
		executions,
		duplicates,
		answers,
		errors,
		crons,
		/** Resolves once every request under way has been handled (its webhook() returned, its execution started). */
		async settled() {
			while (handling.size) await Promise.allSettled([...handling]);
		},
		/** the node's static data as n8n saved it (what the next copy loads) */
		staticData: () => (saved[`node:${node.name}`] ??= {}) as Record<string, Json>,
		/** n8n's publication: checkExists (and create when it answers false) beside the trigger function, on one copy */
		async activate() {
			await closeTriggerFunction();
			const workflow = load();
			await withIsolate(workflow, async () => {
				const [webhooks, triggers] = await Promise.allSettled([
					(async () => {
						if (!hasWebhook(workflow)) return;
						if (!(await hook(workflow, 'checkExists'))) await hook(workflow, 'create');
					})(),
					triggerFunction(workflow, 'trigger'),
				]);
				for (const phase of [webhooks, triggers]) if (phase.status === 'rejected') throw phase.reason;
			}).catch(async (error: unknown) => {
				await closeTriggerFunction();
				throw error;
			});
			save(workflow);
		},
		checkExists: () => hookAlone('checkExists'),
		create: () => hookAlone('create'),
		/** n8n's unpublication: the trigger function ends, the delete hook runs on a fresh copy */
		async deactivate() {
			await closeTriggerFunction();
			const workflow = load();
			if (!(await withIsolate(workflow, async () => hasWebhook(workflow)))) return true;
			return await hookAlone('delete');
		},
		/**
		 * The editor's "Execute step" for a trigger without a webhook: a manual execution that starts
		 * at the trigger node with n8n's start item, where n8n-core runs the node's execute().
		 */
		runManualExecution: async (limitMs = MANUAL_RUN_LIMIT_MS) => {
			const workflow = load();
			return await runManually(workflow, [[{ json: {} }]], limitMs);
		},
		testWebhookUrl: `${baseUrl}-test/${WEBHOOK_ID}/webhook`,
		/** the editor's "listen for test event": n8n registers the test webhook, later removes it */
		async listenForTestEvent() {
			if (!(await hookAlone('checkExists', true))) await hookAlone('create', true);
		},
		stopListening: () => hookAlone('delete', true),
		/**
		 * n8n's start with the workflow published (the trigger function on a new copy of what was saved),
		 * or in `manual` mode the trigger function of the editor's manual execution (not kept running).
		 */
		async startTriggerFunction(mode: WorkflowExecuteMode = 'trigger'): Promise<ITriggerResponse> {
			if (mode !== 'manual') await closeTriggerFunction();
			const workflow = load();
			const response = await withIsolate(workflow, () => triggerFunction(workflow, mode));
			if (mode !== 'manual') save(workflow);
			return response;
		},
		async stop() {
			await closeTriggerFunction();
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
