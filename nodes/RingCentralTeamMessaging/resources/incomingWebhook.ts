import type { INodeProperties } from 'n8n-workflow';

import { pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { recordsOf } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { CHAT_IN_URL, chatLocator, webhookLocator } from '../locators';
import { versioned } from '../../RingCentral/shared/locators';

const RESOURCE = 'incomingWebhook';
const WEBHOOK_URL = `=/team-messaging/v1/webhooks/${pathParameter('webhookId')}`;
const CHAT_WEBHOOKS_URL = `=/team-messaging/v1/groups/${pathParameter('chatId', CHAT_IN_URL)}/webhooks`;

export const incomingWebhookOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Activate',
			value: 'activate',
			action: 'Activate an incoming webhook',
			description: 'Let a suspended webhook post to its chat again (replaces the retired glip/webhooks activate endpoint)',
			routing: ringCentralRoute({ method: 'POST', url: `${WEBHOOK_URL}/activate`, group: 'Medium' }),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create an incoming webhook',
			description:
				'A URL that posts what it receives into a chat (team-messaging/v1/groups/{groupId}/webhooks; replaces the retired glip/groups/{groupId}/webhooks)',
			routing: ringCentralRoute({ method: 'POST', url: CHAT_WEBHOOKS_URL, group: 'Medium' }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete an incoming webhook',
			description: 'Remove a webhook for good (replaces the retired glip/webhooks endpoint)',
			routing: ringCentralRoute({ method: 'DELETE', url: WEBHOOK_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an incoming webhook',
			description: 'One webhook with its URL and status (replaces the retired glip/webhooks endpoint)',
			routing: ringCentralRoute({ method: 'GET', url: WEBHOOK_URL, group: 'Medium', output: recordsOf() }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many incoming webhooks',
			description: 'Every webhook of the account, one item each (team-messaging/v1/webhooks; replaces the retired glip/webhooks)',
			routing: ringCentralRoute({ method: 'GET', url: '/team-messaging/v1/webhooks', group: 'Medium', output: recordsOf() }),
		},
		{
			name: 'Get Many in Chat',
			value: 'getManyInChat',
			action: 'Get the incoming webhooks of a chat',
			description:
				'Webhooks that post into one chat (team-messaging/v1/groups/{groupId}/webhooks; replaces the retired glip/groups/{groupId}/webhooks)',
			routing: ringCentralRoute({ method: 'GET', url: CHAT_WEBHOOKS_URL, group: 'Medium', output: recordsOf() }),
		},
		{
			name: 'Suspend',
			value: 'suspend',
			action: 'Suspend an incoming webhook',
			description: 'Stop a webhook from posting until it is activated again (replaces the retired glip/webhooks suspend endpoint)',
			routing: ringCentralRoute({ method: 'POST', url: `${WEBHOOK_URL}/suspend`, group: 'Medium' }),
		},
	],
	default: 'create',
};

export const incomingWebhookFields: INodeProperties[] = [
	chatLocator(showFor(RESOURCE, ['create', 'getManyInChat'])),
	...versioned(
		{
			displayName: 'Webhook ID',
			name: 'webhookId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '5021000003',
			description: 'ID of the incoming webhook',
			displayOptions: showFor(RESOURCE, ['activate', 'delete', 'get', 'suspend']),
		},
		webhookLocator(showFor(RESOURCE, ['activate', 'delete', 'get', 'suspend'])),
	),
];
