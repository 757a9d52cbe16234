/**
 * Runs a webhook trigger the way one n8n process does, with n8n-core's own contexts: its webhook
 * methods (checkExists/create/delete) in a HookContext, its `trigger()` in a TriggerContext, and
 * every HTTP request to its webhook URL — served by a real local HTTP server — through `webhook()`
 * in a WebhookContext. The workflow object (and so the node's static data) is shared by all three,
 * as in n8n. What the webhook starts is recorded as executions.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const { ExecutionLifecycleHooks, HookContext, TriggerContext, WebhookContext, WorkflowExecute } = require('n8n-core');
const { Workflow, createRunExecutionData } = require('n8n-workflow');

/** A manual (test event) execution that has not finished by then is reported as hanging. */
const MANUAL_RUN_LIMIT_MS = 5000;

/**
 * @param {{ engine: any, type: string, parameters: Record<string, any>, credential: { type: string, id: string } }} options
 */
async function startTrigger({ engine, type, parameters, credential }) {
	const nodeType = engine.nodeTypeOf(type);
	// Like the editor, every trigger node gets its own webhook id (its webhook path).
	const WEBHOOK_ID = crypto.randomUUID();
	const node = {
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
	/** @type {Array<{ at: number, items: any[], mode: 'webhook' | 'manual', status?: string }>} */
	const executions = [];
	/** @type {Array<{ at: number, status: number, headers: Record<string, any>, size: number, durationMs: number, handshake: boolean }>} */
	const answers = [];
	/** @type {Array<() => void>} */
	const crons = [];

	const server = http.createServer((req, res) => {
		const started = Date.now();
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
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
				const result = await nodeType.webhook.call(context);
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
					res.end(JSON.stringify({ message: String(error?.message ?? error) }));
				}
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const baseUrl = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/webhook`;
	const webhookUrl = `${baseUrl}/${WEBHOOK_ID}/webhook`;

	function webhookData(isTest = false) {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks[0],
			workflowId: workflow.id,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/**
	 * What n8n does with a test event: a manual execution whose stack starts at the trigger node with
	 * the webhook's items. In manual mode n8n-core runs a node's trigger() there and waits for it to emit.
	 * @param {any[][]} workflowData
	 */
	async function runManually(workflowData) {
		const hooks = new ExecutionLifecycleHooks('manual', '1', /** @type {any} */ ({ id: workflow.id, nodes: [node], connections: {} }));
		/** @type {Promise<any>} */
		const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData)));
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }] },
		});
		const additionalData = engine.additionalDataFor({ hooks, webhookBaseUrl: baseUrl });
		void new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		/** @type {any} */
		const timeout = new Promise((resolve) => setTimeout(() => resolve('hanging'), MANUAL_RUN_LIMIT_MS).unref());
		const result = await Promise.race([finished, timeout]);
		if (result === 'hanging') return { items: [], status: 'hanging' };
		return { items: result.data.resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? [], status: result.status };
	}

	/** The activation hooks; `test` runs them for the editor's test listener (its own URL). */
	const hook = (/** @type {'checkExists'|'create'|'delete'} */ method, test = false) => {
		const additionalData = engine.additionalDataFor({ webhookBaseUrl: baseUrl, webhookTestBaseUrl: `${baseUrl}-test` });
		const context = new HookContext(workflow, node, additionalData, test ? 'manual' : 'webhook', 'activate', webhookData(test));
		return nodeType.webhookMethods.default[method].call(context);
	};

	return {
		workflow,
		node,
		webhookUrl,
		executions,
		answers,
		crons,
		staticData: () => workflow.getStaticData('node', node),
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
		async startTriggerFunction(mode = 'trigger') {
			const schedulingFunctions = {
				registerCron: (/** @type {any} */ _cron, /** @type {() => void} */ onTick) => crons.push(onTick),
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
				schedulingFunctions,
			);
			return await nodeType.trigger.call(context);
		},
		async stop() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/** Bytes of the status line and headers this response sent. @param {http.ServerResponse} res */
function headerBytes(res) {
	const header = /** @type {any} */ (res)._header;
	return typeof header === 'string' ? Buffer.byteLength(header) : 0;
}

module.exports = { startTrigger };
