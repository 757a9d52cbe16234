/**
 * Runs nodes through n8n-core's own WorkflowExecute (the declarative RoutingNode n8n really uses)
 * with real credential objects: generic `authenticate` blocks and `preAuthentication` are applied
 * the way n8n's CLI applies them, OAuth2 refresh goes through n8n-core, and every token that n8n
 * would persist is written back to an in-memory credential store the tests can inspect.
 */
import { DirectoryLoader, ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData, isExpression } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { modelExpressionIsolates, withIsolate } from './expression-isolates';

const NODE_NAME = 'RingCentral';
const INPUT_NAME = 'Input';
const INPUT_TYPE = 'n8n-nodes-ringcentral.harnessInput';
/** The node a run's items come from (it never runs: its output is given). */
const inputNodeType: INodeType = {
	description: {
		name: 'harnessInput',
		displayName: 'Input',
		version: 1,
		inputs: [],
		outputs: ['main'],
		properties: [],
		defaults: {},
		group: [],
		description: 'The items of an engine run',
	},
	async execute() {
		return [[]];
	},
};

/** The version n8n gives a node added now: its default version, else the highest. */
function newestVersion(nodeType: INodeType | undefined): number {
	const { version, defaultVersion } = nodeType?.description ?? {};
	return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : (version ?? 1));
}

/** JSON of any shape (credential data, node output): the tests walk it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Json = any;

/** A credential as `engine.execute` takes it. */
export interface CredentialRef {
	type: string;
	id: string;
}

export type NodeClass = new () => INodeType;
export type CredentialClass = new () => ICredentialType;

interface StoredCredential {
	type: string;
	data: Record<string, Json>;
}

class CredentialStore {
	readonly records = new Map<string, StoredCredential>();
	private nextId = 1;

	add(type: string, data: Record<string, Json>): { id: string; name: string } {
		const id = String(this.nextId++);
		this.records.set(id, { type, data: structuredClone(data) });
		return { id, name: `${type} #${id}` };
	}

	get(id: string | null): StoredCredential {
		const record = id === null ? undefined : this.records.get(id);
		if (!record) throw new Error(`No credential with id ${id}`);
		return record;
	}
}

export interface CredentialEvent {
	credentialId: string;
	kind: 'authenticated' | 'reauthenticated' | 'refreshed';
}

class EngineCredentialsHelper extends ICredentialsHelper {
	readonly events: CredentialEvent[] = [];

	constructor(
		private readonly types: Map<string, ICredentialType>,
		private readonly store: CredentialStore,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		if (!type?.extends) return [];
		return type.extends.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		return this.type(name).properties;
	}

	/** Stored data + property defaults, with `$self` expressions (e.g. the token URL) resolved. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject> {
		const { data } = this.store.get(nodeCredentials.id);
		const merged: Record<string, Json> = { ...data };
		for (const property of this.type(typeName).properties) {
			if (merged[property.name] === undefined) merged[property.name] = property.default;
		}
		// Like n8n outside an execution: a mock workflow of its own, holding an isolate meanwhile.
		const workflow = this.scratchWorkflow();
		const resolved = await withIsolate(workflow, () =>
			workflow.expression.getComplexParameterValue(
				{ id: '', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} },
				merged,
				'internal',
				{},
				undefined,
				undefined,
				merged,
			),
		);
		return structuredClone(resolved) as ICredentialDataDecryptedObject;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine tier');
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		if (typeof type.authenticate === 'function') return await type.authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (type.authenticate?.type === 'generic') {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, values] of Object.entries(type.authenticate.properties)) {
				options[section] = options[section] ?? {};
				for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
					if (!isExpression(value)) {
						options[section][key] = value;
						continue;
					}
					if (!workflow || !node) throw new Error(`${typeName}: an expression in authenticate needs the workflow and node`);
					options[section][key] = String(
						workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '',
					);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** Mirrors n8n's CLI: refresh the expirable property when empty or expired, and persist it. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (!nodeCredentials?.id) throw new Error(`node ${node.name} has no ${typeName} credential`);
		const record = this.store.get(nodeCredentials.id);
		record.data = { ...record.data, [expirable.name]: output[expirable.name] };
		this.events.push({ credentialId: nodeCredentials.id, kind: credentialsExpired ? 'reauthenticated' : 'authenticated' });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call({ helpers: { httpRequest: helpers.helpers.httpRequest } }, credentials)) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.get(nodeCredentials.id).data = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const record = this.store.get(nodeCredentials.id);
		record.data = { ...record.data, oauthTokenData: structuredClone(data.oauthTokenData) };
		this.events.push({ credentialId: String(nodeCredentials.id), kind: 'refreshed' });
	}

	scratchWorkflow(): Workflow {
		return new Workflow({ nodes: [], connections: {}, active: false, nodeTypes: this.nodeTypes });
	}
}

/** An n8n item as tests give and read it: JSON of any shape, binary properties. */
export interface Item {
	json: Json;
	binary?: Json;
	pairedItem?: Json;
	error?: Json;
}

/** One node run: the node type's name (`ringCentralPresence`), its parameters, credential and input. */
export interface Run {
	type: string;
	parameters: Record<string, Json>;
	credential?: CredentialRef;
	/** input items; one empty item when missing */
	items?: Item[];
	/** `onError: 'continueRegularOutput'` */
	continueOnFail?: boolean;
	/** the node's Settings → On Error */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** n8n's execution mode (default manual) */
	mode?: 'manual' | 'trigger' | 'webhook';
	/** the workflow's time zone setting (default n8n's, America/New_York) */
	timezone?: string;
	/** the node version the workflow holds; the version n8n gives a node added now when missing */
	typeVersion?: number;
}

/** What a run gave: n8n's status, the error of the run or the node, the node's first output. */
export interface RunResult {
	status: IRun['status'];
	error: Json;
	/** the node's first output: `Item`s, typed loosely as the tests pick from them (`items.find(…).json`) */
	items: Json[];
	/** what n8n's error output holds (onError: continueErrorOutput) */
	errorItems: Json[];
	durationMs: number;
}

/** An editor method of a node: a `loadOptions` dropdown or the `listSearch` of a resource locator. */
export interface OptionsRun {
	type: string;
	parameters: Record<string, Json>;
	credential?: CredentialRef;
	loadOptions?: string;
	listSearch?: string;
	filter?: string;
	paginationToken?: string;
	typeVersion?: number;
}

/** @param options classes (constructors) of the package */
export function createEngine({ nodeTypes, credentialTypes }: { nodeTypes: NodeClass[]; credentialTypes: CredentialClass[] }) {
	modelExpressionIsolates();
	const byName = new Map<string, INodeType>();
	for (const NodeClass of nodeTypes) {
		const instance = new NodeClass();
		// As n8n loads declarative nodes: with its Request Options (batching, timeout, proxy).
		DirectoryLoader.applyDeclarativeNodeOptionParameters(instance);
		byName.set(instance.description.name, instance);
	}
	byName.set(inputNodeType.description.name, inputNodeType);
	// n8n's registry answers undefined for a type it does not know, whatever its declared types say.
	const lookUp = (type: string) => byName.get(type.replace(/^.*\./, '')) as INodeType;
	const nodeTypeRegistry: INodeTypes = {
		getByName: lookUp,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(lookUp(type), version),
		getKnownTypes: () => ({}),
	};
	/** One of the engine's node types, by name (`ringCentralPresence`). */
	const nodeTypeOf = (type: string): INodeType => {
		const nodeType = byName.get(type);
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	};
	const types = new Map<string, ICredentialType>(
		credentialTypes.map((C) => {
			const instance = new C();
			return [instance.name, instance];
		}),
	);
	// n8n's parent OAuth2 type only matters for its name: RingCentral's credential overrides the fields.
	types.set('oAuth2Api', { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] });
	const store = new CredentialStore();
	const credentialsHelper = new EngineCredentialsHelper(types, store, nodeTypeRegistry);

	/** What n8n hands every node context: the credentials helper, URLs and service stubs. */
	function additionalDataFor(overrides: Record<string, unknown> = {}): IWorkflowExecuteAdditionalData {
		return {
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
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	function nodeFor(run: { type: string; parameters: Record<string, Json>; credential?: CredentialRef; typeVersion?: number }): INode {
		return {
			id: 'node-under-test',
			name: NODE_NAME,
			type: `n8n-nodes-ringcentral.${run.type}`,
			typeVersion: run.typeVersion ?? newestVersion(byName.get(run.type)),
			position: [0, 0],
			parameters: run.parameters,
			credentials: run.credential
				? { [run.credential.type]: { id: run.credential.id, name: store.get(run.credential.id).type } }
				: undefined,
		};
	}

	/** Executes one node with the given input items. */
	async function execute(run: Run): Promise<RunResult> {
		const onError = run.onError ?? (run.continueOnFail ? 'continueRegularOutput' : undefined);
		const node: INode = { ...nodeFor(run), ...(onError ? { onError } : {}) };
		const mode = run.mode ?? 'manual';
		// The items come from an input node that has run, as in a workflow: n8n pairs the node's
		// output (and its error output) with them, and expressions can read them with $('Input').
		const input: INode = { id: 'input', name: INPUT_NAME, type: INPUT_TYPE, typeVersion: 1, position: [-200, 0], parameters: {} };
		const connections = { [INPUT_NAME]: { main: [[{ node: NODE_NAME, type: 'main' as const, index: 0 }]] } };
		const workflow = new Workflow({
			id: 'engine-test',
			nodes: [input, node],
			connections,
			active: false,
			nodeTypes: nodeTypeRegistry,
			settings: run.timezone ? { timezone: run.timezone } : {},
		});
		const hooks = new ExecutionLifecycleHooks(mode, '1', { id: 'engine-test', nodes: [input, node], connections } as unknown as IWorkflowBase);
		const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData)));
		const additionalData = additionalDataFor({ hooks });
		const items = (run.items ?? [{ json: {} }]) as INodeExecutionData[];
		const runExecutionData = createRunExecutionData({
			resultData: {
				runData: {
					[INPUT_NAME]: [{ startTime: Date.now(), executionTime: 0, executionIndex: 0, source: [], data: { main: [items] } }],
				},
			},
			executionData: {
				nodeExecutionStack: [
					{ node, data: { main: [items] }, source: { main: [{ previousNode: INPUT_NAME, previousNodeOutput: 0, previousNodeRun: 0 }] } },
				],
			},
		});
		const started = Date.now();
		await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		const result = await finished;
		const taskData = result.data.resultData.runData[NODE_NAME]?.[0];
		return {
			status: result.status,
			error: result.data.resultData.error ?? taskData?.error,
			items: taskData?.data?.main?.[0] ?? [],
			errorItems: taskData?.data?.main?.[1] ?? [],
			durationMs: Date.now() - started,
		};
	}

	/**
	 * Runs one of a node's editor methods (a `loadOptions` dropdown or a `listSearch` of a
	 * resource locator) the way n8n's editor backend does: in n8n-core's LoadOptionsContext, with
	 * the node's current parameters and credential.
	 */
	async function loadOptions(run: OptionsRun): Promise<Json> {
		const nodeType = nodeTypeOf(run.type);
		const node = nodeFor(run);
		const workflow = new Workflow({ id: 'engine-test', nodes: [node], connections: {}, active: false, nodeTypes: nodeTypeRegistry });
		const additionalData = {
			credentialsHelper,
			currentNodeParameters: run.parameters,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, run.loadOptions ?? run.listSearch ?? '');
		// n8n's editor backend runs these holding an expression isolate for the workflow.
		if (run.listSearch) {
			const search = nodeType.methods?.listSearch?.[run.listSearch];
			if (!search) throw new Error(`${run.type} has no listSearch method ${run.listSearch}`);
			return await withIsolate(workflow, () => search.call(context, run.filter, run.paginationToken));
		}
		const load = nodeType.methods?.loadOptions?.[run.loadOptions ?? ''];
		if (!load) throw new Error(`${run.type} has no loadOptions method ${run.loadOptions}`);
		return await withIsolate(workflow, () => load.call(context));
	}

	return {
		execute,
		loadOptions,
		credentials: store,
		credentialEvents: credentialsHelper.events,
		nodeTypes: nodeTypeRegistry,
		nodeTypeOf,
		additionalDataFor,
	};
}

export type Engine = ReturnType<typeof createEngine>;
