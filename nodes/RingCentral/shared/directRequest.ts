import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { BatchResult, RingCentralAnswer, RingCentralCall, UsagePlanGroup } from './client';
import { asNodeError, callRingCentral, readInBatches, RingCentralCallError } from './client';
import { credentialTypeFor, requestDefaults } from './descriptions';
import { reportedFields } from './errors';
import { resolveMediaUrl, resolveServerUrl } from './server';

/** What every n8n context that talks to RingCentral offers (execute, load options, webhook, hook, trigger). */
export interface RequestContext {
	getNode(): INode;
	getNodeParameter(parameterName: string, fallbackValue?: unknown): unknown;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

/** The name of the credential the node's Authentication field selects (for "reconnect …"). */
export function credentialNameOf(context: Pick<RequestContext, 'getNode' | 'getNodeParameter'>): string | undefined {
	return credentialOf(context).name;
}

/** The credential the node's Authentication field selects. */
function credentialOf(context: Pick<RequestContext, 'getNode' | 'getNodeParameter'>) {
	const type = credentialTypeFor(context.getNodeParameter('authentication', 'oAuth2') as string);
	const credential = context.getNode().credentials?.[type];
	// Pacing is per RingCentral user and app, i.e. per n8n credential.
	return { type, name: credential?.name, gateKey: `${type}:${credential?.id ?? credential?.name ?? 'default'}` };
}

/**
 * One call through the RingCentral client with the node's credential: n8n signs the request
 * (OAuth2 with refresh, or the JWT credential's token), the client paces, retries and checks it.
 */
export async function callAsNode(
	context: Pick<RequestContext, 'getNode' | 'getNodeParameter' | 'helpers'>,
	options: IHttpRequestOptions,
	call: Omit<RingCentralCall, 'options' | 'gateKey'>,
): Promise<RingCentralAnswer> {
	const credential = credentialOf(context);
	return await callRingCentral(
		async (request) => (await context.helpers.httpRequestWithAuthentication.call(context, credential.type, request)) as IN8nHttpFullResponse,
		{ ...call, options, gateKey: credential.gateKey },
	);
}

/** The base URLs of the credential's server. */
export interface ServerUrls {
	platform: string;
	media: string;
}

/** The server of each run of a node (n8n's execute data is one object per run, shared by its items). */
const serverOfRun = new WeakMap<object, Promise<ServerUrls>>();

/**
 * The credential's server for a request of the node's run, read from the credential once per run:
 * n8n prepares every item on its own, and decrypting the credential for each would cost as much as
 * the request.
 */
export async function serverOf(context: Pick<RequestContext, 'getNode' | 'getNodeParameter' | 'getCredentials'> & { getExecuteData?(): object | undefined }): Promise<ServerUrls> {
	const run = context.getExecuteData?.();
	const known = run && serverOfRun.get(run);
	if (known) return await known;
	const server = context.getCredentials(credentialOf(context).type).then((credentials) => ({
		platform: resolveServerUrl(credentials),
		media: resolveMediaUrl(credentials),
	}));
	if (run) serverOfRun.set(run, server);
	return await server;
}

/**
 * A failed item under continue-on-fail, paired with its input. n8n sends an item to the error
 * output when its JSON holds nothing but `error`, `message` and `details` (an item carrying an
 * `error` object would lose its JSON to n8n's normalisation): the message, and the fields in `details`.
 */
export function failedItem(error: NodeApiError | NodeOperationError, itemIndex: number, details: IDataObject = {}): INodeExecutionData {
	return { json: { error: error.message, details: { ...details, ...reportedFields(error) } }, pairedItem: { item: itemIndex } };
}

/** Extra settings of a direct request. */
export interface DirectRequest {
	qs?: IDataObject;
	body?: IDataObject;
	/** the endpoint's usage-plan group (default: Light for reads, Medium for writes) */
	group?: UsagePlanGroup;
}

/**
 * One RingCentral request from outside the routing executor: the editor's dropdowns and list
 * searches, and the trigger's subscription upkeep and message fetches. Same credential choice
 * (the Authentication field), same server, same client (pacing, retries, timeouts), RingCentral's
 * errors in words. Answers JSON; a batch answer (multipart) comes back as its text; a
 * confirmation without content as `{}`.
 */
export async function ringCentralDirectRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	request: DirectRequest = {},
): Promise<IDataObject> {
	return ((await directCall(this, method, url, request, false)) ?? {}) as IDataObject;
}

/** The same, for reads and deletes where a resource that is gone (404) is an answer, not a failure. */
export async function ringCentralDirectRequestIfFound(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	request: DirectRequest = {},
): Promise<IDataObject | undefined> {
	const answer = await directCall(this, method, url, request, true);
	return answer === NOT_FOUND ? undefined : (((answer as IDataObject | undefined) ?? {}) as IDataObject);
}

const NOT_FOUND = Symbol('not found');

async function directCall(
	context: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	request: DirectRequest,
	notFoundIsAnswer: boolean,
): Promise<unknown> {
	try {
		return (await directAnswer(context, method, url, request)).body;
	} catch (error) {
		if (notFoundIsAnswer && error instanceof RingCentralCallError && error.failure.status === 404) return NOT_FOUND;
		throw asNodeError(context.getNode(), error, { credentialName: credentialOf(context).name });
	}
}

async function directAnswer(context: RequestContext, method: IHttpRequestMethods, url: string, request: DirectRequest): Promise<RingCentralAnswer> {
	const server = await serverOf(context);
	return await callAsNode(
		context,
		{
			method,
			url,
			baseURL: server.platform,
			qs: request.qs,
			arrayFormat: requestDefaults.arrayFormat,
			body: request.body,
			json: true,
			headers: { ...requestDefaults.headers },
		},
		{ group: request.group ?? (method === 'GET' ? 'Light' : 'Medium') },
	);
}

/**
 * Reads many ids with RingCentral's batch syntax through the one batch reader: `path` gets the
 * comma-joined ids of each batch of `maxIds`. Every id comes back with its record or its failure.
 */
export async function ringCentralDirectBatch(
	this: RequestContext,
	ids: string[],
	maxIds: number,
	path: (joinedIds: string) => string,
	request: DirectRequest = {},
): Promise<BatchResult[]> {
	try {
		return await readInBatches(ids, maxIds, async (chunk) =>
			await directAnswer(this, 'GET', path(chunk.map(encodeURIComponent).join(',')), request),
		);
	} catch (error) {
		throw asNodeError(this.getNode(), error, { credentialName: credentialOf(this).name });
	}
}
