import type { IDataObject, IHttpRequestMethods, ILoadOptionsFunctions } from 'n8n-workflow';

import { credentialTypeFor, requestDefaults } from './descriptions';
import { readHttpFailure, ringCentralError } from './errors';
import { resolveServerUrl } from './server';

/**
 * One RingCentral request for the editor's dropdowns and list searches. They run outside the
 * routing executor (no items, no pacing), so this is their one way in: the credential the
 * Authentication field selects, its server, and RingCentral's errors in words.
 */
export async function ringCentralOptionsRequest(
	this: ILoadOptionsFunctions,
	method: IHttpRequestMethods,
	url: string,
	request: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	const credentialType = credentialTypeFor(this.getNodeParameter('authentication', 'oAuth2') as string);
	const credentials = await this.getCredentials(credentialType);
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
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
		throw ringCentralError(this.getNode(), readHttpFailure(error));
	}
}
