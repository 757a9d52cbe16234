import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { serverProperties, serverUrlExpression } from '../nodes/RingCentral/shared/server';

export class RingCentralOAuth2Api implements ICredentialType {
	name = 'ringCentralOAuth2Api';

	// The Server fields come first in the form: their hidden parent is laid out before n8n's OAuth2 fields.
	extends = ['ringCentralServerApi', 'oAuth2Api'];

	displayName = 'RingCentral OAuth2 API';

	icon: Icon = { light: 'file:../icons/ringcentral.svg', dark: 'file:../icons/ringcentral.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/guide/authentication/auth-code-flow';

	properties: INodeProperties[] = [
		...serverProperties,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{
					name: 'Authorization Code with PKCE',
					value: 'pkce',
					description: 'For RingCentral apps registered as client-side (public) apps',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: serverUrlExpression('$self', '/restapi/oauth/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: serverUrlExpression('$self', '/restapi/oauth/token'),
		},
		{
			// RingCentral grants the permissions registered on the app, so no scope is requested.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// RingCentral authenticates confidential clients with client_secret_basic.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: serverUrlExpression('$credentials'),
			url: '/restapi/v1.0/account/~/extension/~',
		},
	};
}
