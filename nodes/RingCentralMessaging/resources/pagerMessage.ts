import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { listToRequest } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { byIdMode, fromListMode, locatorValue, resourceLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'pagerMessage';

export const pagerMessageOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Send',
			value: 'send',
			action: 'Send a pager message',
			description: 'Send an internal text message to colleagues by extension number (a call queue passes it to its members)',
			routing: ringCentralRoute({
				method: 'POST',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/company-pager`,
				group: 'Medium',
				prepare: [
					listToRequest({ parameter: 'toExtensionNumbers', label: 'To', property: 'to', key: 'extensionNumber', optional: true }),
					replyOnBody,
				],
			}),
		},
	],
	default: 'send',
};

const send = showFor(RESOURCE, ['send']);

export const pagerMessageFields: INodeProperties[] = [
	accountIdField(send),
	...extensionFields(send, 'Extension that sends. ~ means the signed-in user\'s own extension.'),
	...versioned(
		{
			displayName: 'To',
			name: 'toExtensionNumbers',
			type: 'string',
			default: '',
			placeholder: '102, 105',
			description:
				'Extension numbers (the short internal numbers) of the recipients, separated by commas. May stay empty when replying to a message.',
			displayOptions: send,
		},
		resourceLocator(
			{
				name: 'toExtensionNumbers',
				displayName: 'To',
				description: 'A colleague from the directory, or extension numbers typed in (several separated by commas). May stay empty when replying to a message.',
				required: false,
				displayOptions: send,
			},
			[
				fromListMode('searchExtensionNumbers'),
				// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
				{ displayName: 'By Extension Numbers', name: 'number', type: 'string', placeholder: '102, 105' },
			],
		),
	),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message, up to 1,024 characters',
		routing: { send: { type: 'body', property: 'text' } },
		displayOptions: send,
	},
	...versioned(
		pagerOptions({
			displayName: 'Reply To Message ID',
			name: 'replyOn',
			type: 'string',
			default: '',
			description: 'ID of a pager message this one answers; without recipients it goes to that message\'s sender',
		}),
		pagerOptions(
			resourceLocator({ name: 'replyOn', displayName: 'Reply To', description: 'The pager message this one answers; without recipients it goes to that message\'s sender', required: false }, [
				fromListMode('searchPagerMessages'),
				byIdMode('1724099032'),
			]),
		),
	),
];

function pagerOptions(replyOn: INodeProperties): INodeProperties {
	return {
		displayName: 'Options',
		name: 'pagerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: send,
		options: [replyOn],
	};
}

/** The message replied to, as the number RingCentral expects (typed in version 1, picked in version 2). */
async function replyOnBody(this: IExecuteSingleFunctions, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const replyOn = locatorValue((this.getNodeParameter('pagerOptions', {}) as IDataObject).replyOn);
	if (!replyOn) return request;
	return { ...request, body: { ...((request.body as IDataObject) ?? {}), replyOn: Number(replyOn) } };
}
