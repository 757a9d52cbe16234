import type { INodeProperties } from 'n8n-workflow';

import { dateRangeFilters, directionFilter } from '../../RingCentral/shared/descriptions';

/** The message filters that listing the message store and syncing it share. */
export const conversationAndDateFilters: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		default: '',
		description: 'Only messages of this SMS or pager conversation',
		routing: { send: { type: 'query', property: 'conversationId' } },
	},
	...dateRangeFilters('Messages created'),
	directionFilter('messages'),
	{
		displayName: 'Latest per Conversation Only',
		name: 'distinctConversations',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the newest message of each conversation',
		routing: { send: { type: 'query', property: 'distinctConversations' } },
	},
];
