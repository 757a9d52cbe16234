import type { INodeProperties } from 'n8n-workflow';

import { pathParameter, returnAllFields, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { CHAT_IN_URL, chatLocator } from '../locators';

const RESOURCE = 'chat';
const MAX_PAGE_SIZE = 250;

export const chatOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a chat',
			description: 'One chat with its members (team-messaging/v1/chats; replaces the retired glip/groups)',
			routing: ringCentralRoute({ method: 'GET', url: `=/team-messaging/v1/chats/${pathParameter('chatId', CHAT_IN_URL)}`, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many chats',
			description:
				'Chats the user belongs to and public teams they may join, oldest first, read 250 at a time (team-messaging/v1/chats; replaces the retired glip/groups)',
			routing: ringCentralRoute({
				method: 'GET',
				url: '/team-messaging/v1/chats',
				group: 'Medium',
				list: { style: 'token', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
	],
	default: 'getMany',
};

export const chatFields: INodeProperties[] = [
	chatLocator(showFor(RESOURCE, ['get'])),
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'chatFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Types',
				name: 'type',
				type: 'multiOptions',
				options: [
					{ name: 'Direct', value: 'Direct', description: 'One-to-one conversations' },
					{ name: 'Everyone', value: 'Everyone', description: 'The company-wide chat' },
					{ name: 'Group', value: 'Group', description: 'Conversations of three or more people without a name' },
					{ name: 'Personal', value: 'Personal', description: 'The user\'s own chat' },
					{ name: 'Team', value: 'Team', description: 'Named teams' },
				],
				default: [],
				description: 'Only chats of these types (default: all)',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},
];
