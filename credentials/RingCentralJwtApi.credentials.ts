import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { describeTokenEndpointError } from '../nodes/RingCentral/shared/errors';
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
			name: 'jwt',
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
		const clientAuth = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
		const form = new URLSearchParams({
			grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
			assertion: String(credentials.jwt ?? ''),
		});
		try {
			const token = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${resolveServerUrl(credentials)}/restapi/oauth/token`,
				headers: {
					Authorization: `Basic ${clientAuth}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form.toString(),
				json: true,
			})) as { access_token?: string };
			if (!token.access_token) {
				throw new UserError('RingCentral returned no access token for the JWT');
			}
			return { accessToken: token.access_token };
		} catch (error) {
			if (error instanceof UserError) throw error;
			// A fresh error: the original carries the request, whose body holds the JWT.
			throw new UserError(`RingCentral rejected the JWT sign-in: ${describeTokenEndpointError(error)}`);
		}
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: serverUrlExpression('$credentials'),
			url: '/restapi/v1.0/account/~/extension/~',
		},
	};
}
