import type { INodeProperties } from 'n8n-workflow';

import { utcDateTimeValue } from '../../RingCentral/shared/descriptions';

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
	{
		displayName: 'Date From',
		name: 'dateFrom',
		type: 'dateTime',
		default: '',
		description: 'Messages created at or after this time (UTC unless the value names a zone). Default: 24 hours before Date To.',
		routing: { send: { type: 'query', property: 'dateFrom', value: utcDateTimeValue('iso') } },
	},
	{
		displayName: 'Date To',
		name: 'dateTo',
		type: 'dateTime',
		default: '',
		description: 'Messages created before this time (UTC unless the value names a zone). Default: now.',
		routing: { send: { type: 'query', property: 'dateTo', value: utcDateTimeValue('iso') } },
	},
	{
		displayName: 'Direction',
		name: 'direction',
		type: 'multiOptions',
		options: [
			{ name: 'Inbound', value: 'Inbound' },
			{ name: 'Outbound', value: 'Outbound' },
		],
		default: [],
		description: 'Only messages in these directions',
		routing: { send: { type: 'query', property: 'direction' } },
	},
	{
		displayName: 'Latest per Conversation Only',
		name: 'distinctConversations',
		type: 'boolean',
		default: false,
		description: 'Whether to return only the newest message of each conversation',
		routing: { send: { type: 'query', property: 'distinctConversations' } },
	},
];
