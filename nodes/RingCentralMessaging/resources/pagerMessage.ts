import type { INodeProperties } from 'n8n-workflow';

import { listToRequest } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionIdField, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
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
				],
			}),
		},
	],
	default: 'send',
};

const send = showFor(RESOURCE, ['send']);

export const pagerMessageFields: INodeProperties[] = [
	accountIdField(send),
	extensionIdField(send, { description: 'Extension that sends, or ~ for the signed-in user' }),
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
	{
		displayName: 'Options',
		name: 'pagerOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: send,
		options: [
			{
				displayName: 'Reply To Message ID',
				name: 'replyOn',
				type: 'string',
				default: '',
				description: 'ID of a pager message this one answers; without recipients it goes to that message\'s sender',
				routing: { send: { type: 'body', property: 'replyOn', value: '={{ Number(String($value).trim()) }}' } },
			},
		],
	},
];
