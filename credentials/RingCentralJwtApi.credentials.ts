import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { createHash } from 'crypto';
import { UserError } from 'n8n-workflow';

import type { RingCentralAnswer } from '../nodes/RingCentral/shared/client';
import { callRingCentral, RingCentralCallError } from '../nodes/RingCentral/shared/client';
import type { HttpFailure } from '../nodes/RingCentral/shared/errors';
import { describeTokenEndpointError, readHttpFailure } from '../nodes/RingCentral/shared/errors';
import { resolveServerUrl, serverProperties, serverUrlExpression } from '../nodes/RingCentral/shared/server';

export class RingCentralJwtApi implements ICredentialType {
	name = 'ringCentralJwtApi';

	displayName = 'RingCentral JWT API';

	icon: Icon = { light: 'file:../icons/ringcentral.svg', dark: 'file:../icons/ringcentral.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/guide/authentication/jwt-flow';

	properties: INodeProperties[] = [
		...serverProperties,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'JWT',
			name: 'jwtToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The JWT credential generated for a user in the RingCentral Developer Console (Credentials → Create JWT)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Exchanges the JWT for an access token; n8n calls this again when a request answers 401. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { accessToken: await signInOnce(this, credentials) };
	}

	/**
	 * Code, not an `={{ }}` template: n8n evaluates a template on the calling node's workflow, which
	 * outside an execution (the trigger's periodic health check) holds no expression engine and fails.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: serverUrlExpression('$credentials'),
			url: '/restapi/v1.0/account/~/extension/~',
		},
	};
}

/** A JWT sign-in shared by every request that needs one at the same moment, and its result. */
interface SignIn {
	pending?: Promise<string>;
	token?: string;
	at: number;
}

const signIns = new Map<string, SignIn>();
/** A token obtained this recently by a concurrent request is reused instead of signing in again. */
const REUSE_WINDOW_MS = 30_000;

/**
 * Declarative nodes send all items at once, so an expired token makes every in-flight request
 * answer 401 and ask n8n to re-authenticate. RingCentral's Auth group allows about 5 sign-ins a
 * minute, so those must collapse into one exchange.
 */
async function signInOnce(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const key = createHash('sha256')
		.update(`${resolveServerUrl(credentials)}|${credentials.clientId}|${credentials.jwtToken}`)
		.digest('hex');
	const current = signIns.get(key);
	if (current?.pending) return await current.pending;
	if (current?.token && current.token !== credentials.accessToken && Date.now() - current.at < REUSE_WINDOW_MS) {
		return current.token;
	}
	const pending = exchangeJwt(helper, credentials, key);
	signIns.set(key, { pending, at: Date.now() });
	try {
		const token = await pending;
		signIns.set(key, { token, at: Date.now() });
		return token;
	} catch (error) {
		signIns.delete(key);
		throw error;
	}
}

async function exchangeJwt(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, key: string): Promise<string> {
	const clientAuth = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
	const form = new URLSearchParams({
		grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
		assertion: String(credentials.jwtToken ?? ''),
	});
	let answer: RingCentralAnswer;
	try {
		answer = await callRingCentral(async (request) => (await helper.helpers.httpRequest(request)) as IN8nHttpFullResponse, {
			options: {
				method: 'POST',
				url: `${resolveServerUrl(credentials)}/restapi/oauth/token`,
				headers: {
					Authorization: `Basic ${clientAuth}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form.toString(),
				json: true,
			},
			group: 'Auth',
			gateKey: `jwt-sign-in:${key}`,
			kind: 'signIn',
			// A repeated exchange at worst issues one more token: it may be sent again after a failure.
			repeatable: true,
		});
	} catch (error) {
		throw signInError(error instanceof RingCentralCallError ? error.failure : readHttpFailure(error));
	}
	const token = answer.body as { access_token?: string } | undefined;
	if (!token?.access_token) throw new UserError('RingCentral returned no access token for the JWT');
	return token.access_token;
}

/**
 * A fresh error (the original carries the request, whose body holds the JWT). A refusal (400 or
 * 401: wrong client secret, revoked JWT) carries RingCentral's OAuth answer as `EAUTH`, as n8n's
 * OAuth2 client does, so the node reports it as a credential to reconnect and never retries it.
 */
function signInError(failure: HttpFailure): UserError {
	const refused = failure.kind === 'answered' && (failure.status === 400 || failure.status === 401);
	const error = new UserError(`RingCentral ${refused ? 'rejected' : 'could not complete'} the JWT sign-in: ${describeTokenEndpointError(failure)}`);
	return refused ? Object.assign(error, { code: 'EAUTH', body: failure.body }) : error;
}
