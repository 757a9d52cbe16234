import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { idList } from '../RingCentral/shared/lists';

/**
 * Builds `body.members` from a field of person IDs and (where RingCentral takes them) email
 * addresses, separated by commas or new lines, or an array from an expression.
 */
export function membersToBody(parameter: string, label: string, options: { emails: boolean; optional?: boolean }): PreSendAction {
	return async function (this: IExecuteSingleFunctions, request: IHttpRequestOptions) {
		const values = idList(this.getNodeParameter(parameter, ''));
		const itemIndex = this.getItemIndex();
		if (!values.length) {
			if (options.optional) return request;
			throw new NodeOperationError(this.getNode(), `Enter at least one person in "${label}"`, { itemIndex });
		}
		const members = values.map((value) => {
			if (!value.includes('@')) return { id: value };
			if (options.emails) return { email: value };
			throw new NodeOperationError(this.getNode(), `"${label}" takes person IDs only, not email addresses like ${value}`, { itemIndex });
		});
		return { ...request, body: { ...((request.body as IDataObject) ?? {}), members } };
	};
}
