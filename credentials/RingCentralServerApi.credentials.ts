import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { serverProperties, serverUrlExpression } from '../nodes/RingCentral/shared/server';

/**
 * Not a credential of its own (hidden from n8n's list): the Server fields the OAuth2 credential
 * inherits first. n8n lays out an inherited form parent by parent, so a credential extending only
 * n8n's OAuth2 form would show the Server choice after all of n8n's OAuth2 fields.
 */
export class RingCentralServerApi implements ICredentialType {
	name = 'ringCentralServerApi';

	displayName = 'RingCentral Server API';

	hidden = true;

	icon: Icon = { light: 'file:../icons/ringcentral.svg', dark: 'file:../icons/ringcentral.dark.svg' };

	documentationUrl = 'https://developers.ringcentral.com/guide/authentication';

	properties: INodeProperties[] = serverProperties;

	/** The server answers with its API versions (no sign-in needed). */
	test: ICredentialTestRequest = {
		request: {
			baseURL: serverUrlExpression('$credentials'),
			url: '/restapi',
		},
	};
}
