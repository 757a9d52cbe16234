import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { credentialTypeFor, requestDefaults } from './descriptions';
import { readHttpFailure, ringCentralError } from './errors';
import { retryAfterSeconds } from './rateLimit';
import { resolveServerUrl } from './server';

/** What every n8n context that talks to RingCentral outside the routing executor offers. */
export interface RequestContext {
	getNode(): INode;
	getNodeParameter(parameterName: string, fallbackValue?: unknown): unknown;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

const MAX_THROTTLED_RETRIES = 3;

/**
 * One RingCentral request from outside the routing executor: the editor's dropdowns and list
 * searches, and the trigger's subscription upkeep and message fetches. Same credential choice
 * (the Authentication field), same server, RingCentral's errors in words, and a 429 or 503 is
 * waited out a few times before it counts.
 */
export async function ringCentralDirectRequest(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	request: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const answer = await send(this, method, url, request, false);
	return answer as IDataObject;
}

/** The same, for reads and deletes where a resource that is gone (404) is an answer, not a failure. */
export async function ringCentralDirectRequestIfFound(
	this: RequestContext,
	method: IHttpRequestMethods,
	url: string,
): Promise<IDataObject | undefined> {
	return await send(this, method, url, {}, true);
}

async function send(
	context: RequestContext,
	method: IHttpRequestMethods,
	url: string,
	request: { qs?: IDataObject; body?: IDataObject },
	notFoundIsAnswer: boolean,
): Promise<IDataObject | undefined> {
	const credentialType = credentialTypeFor(context.getNodeParameter('authentication', 'oAuth2') as string);
	const credentials = await context.getCredentials(credentialType);
	for (let attempt = 0; ; attempt++) {
		try {
			return (await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
				method,
				url,
				baseURL: resolveServerUrl(credentials),
				qs: request.qs,
				arrayFormat: requestDefaults.arrayFormat,
				body: request.body,
				json: true,
				headers: { Accept: 'application/json' },
			})) as IDataObject;
		} catch (error) {
			const failure = readHttpFailure(error);
			// Not an HTTP failure (n8n could not resolve the credential, say): its own words say what happened.
			if (failure.status === undefined && !failure.networkCode) throw new NodeApiError(context.getNode(), error as JsonObject);
			if (notFoundIsAnswer && failure.status === 404) return undefined;
			if ((failure.status === 429 || failure.status === 503) && attempt < MAX_THROTTLED_RETRIES) {
				await sleep((retryAfterSeconds(failure) ?? 2 ** attempt) * 1000);
				continue;
			}
			throw ringCentralError(context.getNode(), failure);
		}
	}
}
