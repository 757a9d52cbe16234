import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { membersToBody } from '../members';

const RESOURCE = 'conversation';

export const conversationOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create or open a conversation',
			description:
				'Open the direct or group conversation of exactly these people, creating it if it does not exist (team-messaging/v1/conversations; replaces the retired glip/groups)',
			routing: ringCentralRoute({
				method: 'POST',
				url: '/team-messaging/v1/conversations',
				group: 'Medium',
				prepare: [membersToBody('conversationMembers', 'Members', { emails: true })],
			}),
		},
	],
	default: 'create',
};

export const conversationFields: INodeProperties[] = [
	{
		displayName: 'Members',
		name: 'conversationMembers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '62264426016, carol.cole@example.com',
		description: 'Person IDs or email addresses of the other people, separated by commas (up to 15; you are always included)',
		displayOptions: showFor(RESOURCE, ['create']),
	},
];
