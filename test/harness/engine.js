/**
 * Runs nodes through n8n-core's own WorkflowExecute (the declarative RoutingNode n8n really uses)
 * with real credential objects: generic `authenticate` blocks and `preAuthentication` are applied
 * the way n8n's CLI applies them, OAuth2 refresh goes through n8n-core, and every token that n8n
 * would persist is written back to an in-memory credential store the tests can inspect.
 */
const { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } = require('n8n-core');
const {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	isExpression,
} = require('n8n-workflow');

const NODE_NAME = 'RingCentral';

class CredentialStore {
	constructor() {
		/** @type {Map<string, {type: string, data: Record<string, any>}>} */
		this.records = new Map();
		this.nextId = 1;
	}

	/** @param {string} type @param {Record<string, any>} data */
	add(type, data) {
		const id = String(this.nextId++);
		this.records.set(id, { type, data: structuredClone(data) });
		return { id, name: `${type} #${id}` };
	}

	/** @param {string} id */
	get(id) {
		const record = this.records.get(id);
		if (!record) throw new Error(`No credential with id ${id}`);
		return record;
	}
}

class EngineCredentialsHelper extends ICredentialsHelper {
	/** @param {Map<string, any>} types @param {CredentialStore} store @param {any} nodeTypes */
	constructor(types, store, nodeTypes) {
		super();
		this.types = types;
		this.store = store;
		this.nodeTypes = nodeTypes;
		/** @type {Array<{credentialId: string, kind: string}>} */
		this.events = [];
	}

	/** @param {string} name */
	type(name) {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	/** @param {string} name @returns {string[]} */
	getParentTypes(name) {
		const type = this.types.get(name);
		if (!type?.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(/** @type {string} */ name) {
		return this.type(name).properties;
	}

	/** Stored data + property defaults, with `$self` expressions (e.g. the token URL) resolved. */
	async getDecrypted(_additionalData, nodeCredentials, typeName) {
		const { data } = this.store.get(nodeCredentials.id);
		const merged = { ...data };
		for (const property of this.type(typeName).properties) {
			if (merged[property.name] === undefined) merged[property.name] = property.default;
		}
		const workflow = this.scratchWorkflow();
		const resolved = workflow.expression.getComplexParameterValue(
			{ name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} },
			merged,
			'internal',
			{},
			undefined,
			undefined,
			merged,
		);
		return structuredClone(resolved);
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getCredentials() {
		throw new Error('not used by the engine tier');
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.type(typeName);
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions);
		if (type.authenticate?.type === 'generic') {
			for (const [section, values] of Object.entries(type.authenticate.properties)) {
				requestOptions[section] = requestOptions[section] ?? {};
				for (const [key, value] of Object.entries(values)) {
					requestOptions[section][key] = isExpression(value)
						? String(
								workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '',
							)
						: value;
				}
			}
		}
		return requestOptions;
	}

	/** Mirrors n8n's CLI: refresh the expirable property when empty or expired, and persist it. */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		const record = this.store.get(nodeCredentials.id);
		record.data = { ...record.data, [expirable.name]: output[expirable.name] };
		this.events.push({ credentialId: nodeCredentials.id, kind: credentialsExpired ? 'reauthenticated' : 'authenticated' });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
	}

	async updateCredentials(nodeCredentials, _type, data) {
		this.store.get(nodeCredentials.id).data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, _type, data) {
		const record = this.store.get(nodeCredentials.id);
		record.data = { ...record.data, oauthTokenData: structuredClone(data.oauthTokenData) };
		this.events.push({ credentialId: nodeCredentials.id, kind: 'refreshed' });
	}

	scratchWorkflow() {
		return new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: this.nodeTypes });
	}
}

/**
 * @param {{ nodeTypes: any[], credentialTypes: any[] }} options classes (constructors) of the package
 */
function createEngine({ nodeTypes, credentialTypes }) {
	const byName = new Map();
	for (const NodeClass of nodeTypes) {
		const instance = new NodeClass();
		byName.set(instance.description.name, instance);
	}
	const nodeTypeRegistry = {
		getByName: (/** @type {string} */ type) => byName.get(type.replace(/^.*\./, '')),
		getByNameAndVersion: (/** @type {string} */ type, /** @type {number|undefined} */ version) =>
			NodeHelpers.getVersionedNodeType(byName.get(type.replace(/^.*\./, '')), version),
		getKnownTypes: () => ({}),
	};
	const types = new Map(credentialTypes.map((C) => {
		const instance = new C();
		return [instance.name, instance];
	}));
	// n8n's parent OAuth2 type only matters for its name: RingCentral's credential overrides the fields.
	types.set('oAuth2Api', { name: 'oAuth2Api', properties: [] });
	const store = new CredentialStore();
	const credentialsHelper = new EngineCredentialsHelper(types, store, nodeTypeRegistry);

	/** What n8n hands every node context: the credentials helper, URLs and service stubs. */
	function additionalDataFor(/** @type {Record<string, any>} */ overrides = {}) {
		return /** @type {any} */ ({
			credentialsHelper,
			executionId: '1',
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			formBaseUrl: 'http://localhost:5678/form',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			formTestBaseUrl: 'http://localhost:5678/form-test',
			mcpBaseUrl: 'http://localhost:5678/mcp',
			mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
			variables: {},
			logAiEvent: () => undefined,
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used by these nodes');
			},
			startRunnerTask: async () => {
				throw new Error('task runners are not used by these nodes');
			},
			...overrides,
		});
	}

	/**
	 * Executes one node with the given input items.
	 * @param {{
	 *   type: string,
	 *   parameters: Record<string, any>,
	 *   credential?: { type: string, id: string },
	 *   items?: Array<{ json: any, binary?: any }>,
	 *   continueOnFail?: boolean,
	 * }} run
	 */
	async function execute(run) {
		const node = {
			id: 'node-under-test',
			name: NODE_NAME,
			type: `n8n-nodes-ringcentral.${run.type}`,
			typeVersion: byName.get(run.type)?.description.version ?? 1,
			position: [0, 0],
			parameters: run.parameters,
			credentials: run.credential
				? { [run.credential.type]: { id: run.credential.id, name: store.get(run.credential.id).type } }
				: undefined,
			...(run.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		};
		const workflow = new Workflow({
			id: 'engine-test',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: nodeTypeRegistry,
		});
		const hooks = new ExecutionLifecycleHooks('manual', '1', /** @type {any} */ ({ id: 'engine-test', nodes: [node], connections: {} }));
		/** @type {Promise<any>} */
		const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData)));
		const additionalData = additionalDataFor({ hooks });
		const items = run.items ?? [{ json: {} }];
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
			},
		});
		const started = Date.now();
		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const result = await finished;
		const taskData = result.data.resultData.runData[NODE_NAME]?.[0];
		return {
			status: result.status,
			error: result.data.resultData.error ?? taskData?.error,
			items: taskData?.data?.main?.[0] ?? [],
			durationMs: Date.now() - started,
		};
	}

	/**
	 * Runs one of a node's editor methods (a `loadOptions` dropdown or a `listSearch` of a
	 * resource locator) the way n8n's editor backend does: in n8n-core's LoadOptionsContext, with
	 * the node's current parameters and credential.
	 * @param {{
	 *   type: string,
	 *   parameters: Record<string, any>,
	 *   credential?: { type: string, id: string },
	 *   loadOptions?: string,
	 *   listSearch?: string,
	 *   filter?: string,
	 *   paginationToken?: string,
	 * }} run
	 */
	async function loadOptions(run) {
		const nodeType = byName.get(run.type);
		const node = {
			id: 'node-under-test',
			name: NODE_NAME,
			type: `n8n-nodes-ringcentral.${run.type}`,
			typeVersion: nodeType?.description.version ?? 1,
			position: [0, 0],
			parameters: run.parameters,
			credentials: run.credential
				? { [run.credential.type]: { id: run.credential.id, name: store.get(run.credential.id).type } }
				: undefined,
		};
		const workflow = new Workflow({ id: 'engine-test', nodes: [node], connections: {}, active: false, nodeTypes: nodeTypeRegistry });
		const additionalData = /** @type {any} */ ({
			credentialsHelper,
			currentNodeParameters: run.parameters,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			variables: {},
		});
		const context = new LoadOptionsContext(workflow, /** @type {any} */ (node), additionalData, run.loadOptions ?? run.listSearch ?? '');
		if (run.listSearch) return await nodeType.methods.listSearch[run.listSearch].call(context, run.filter, run.paginationToken);
		return await nodeType.methods.loadOptions[/** @type {string} */ (run.loadOptions)].call(context);
	}

	return {
		execute,
		loadOptions,
		credentials: store,
		credentialEvents: credentialsHelper.events,
		nodeTypes: nodeTypeRegistry,
		nodeTypeOf: (/** @type {string} */ type) => byName.get(type),
		additionalDataFor,
	};
}

module.exports = { createEngine };
