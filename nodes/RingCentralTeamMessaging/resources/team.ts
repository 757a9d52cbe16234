import type { INodeProperties } from 'n8n-workflow';

import { pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { CHAT_IN_URL, chatLocator } from '../locators';
import { membersToBody } from '../members';

const RESOURCE = 'team';
const TEAM_URL = `=/team-messaging/v1/teams/${pathParameter('teamId', CHAT_IN_URL)}`;

export const teamOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Add Members',
			value: 'addMembers',
			action: 'Add members to a team',
			description: 'Add people to a team (team-messaging/v1/teams/{chatId}/add; replaces the retired glip/groups bulk-assign)',
			routing: ringCentralRoute({
				method: 'POST',
				url: `${TEAM_URL}/add`,
				group: 'Medium',
				prepare: [membersToBody('teamMembers', 'Members', { emails: true })],
			}),
		},
		{
			name: 'Archive',
			value: 'archive',
			action: 'Archive a team',
			description: 'Set a team\'s status to Archived: it stays readable but takes no new posts',
			routing: ringCentralRoute({ method: 'POST', url: `${TEAM_URL}/archive`, group: 'Medium' }),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Create a team',
			description: 'Create a named team and add people to it (team-messaging/v1/teams; replaces the retired glip/groups)',
			routing: ringCentralRoute({
				method: 'POST',
				url: '/team-messaging/v1/teams',
				group: 'Medium',
				prepare: [membersToBody('teamMembers', 'Members', { emails: true, optional: true })],
			}),
		},
		{
			name: 'Remove Members',
			value: 'removeMembers',
			action: 'Remove members from a team',
			description:
				'Take people out of a team (team-messaging/v1/teams/{chatId}/remove; replaces the retired glip/groups bulk-assign)',
			routing: ringCentralRoute({
				method: 'POST',
				url: `${TEAM_URL}/remove`,
				group: 'Medium',
				prepare: [membersToBody('teamMembers', 'Members', { emails: false })],
			}),
		},
	],
	default: 'create',
};

export const teamFields: INodeProperties[] = [
	chatLocator(showFor(RESOURCE, ['addMembers', 'archive', 'removeMembers']), { name: 'teamId', teamsOnly: true }),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Launch Team',
		description: 'Name of the new team',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'name' } },
	},
	{
		displayName: 'Members',
		name: 'teamMembers',
		type: 'string',
		default: '',
		placeholder: '62264426016, carol.cole@example.com',
		description: 'Person IDs or email addresses, separated by commas (you join a team you create automatically)',
		displayOptions: showFor(RESOURCE, ['create']),
	},
	{
		displayName: 'Members',
		name: 'teamMembers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '62264426016, carol.cole@example.com',
		description: 'Person IDs or email addresses of the people to add, separated by commas',
		displayOptions: showFor(RESOURCE, ['addMembers']),
	},
	{
		displayName: 'Members',
		name: 'teamMembers',
		type: 'string',
		default: '',
		required: true,
		placeholder: '62264426016, 62264427016',
		description: 'Person IDs of the members to remove, separated by commas',
		displayOptions: showFor(RESOURCE, ['removeMembers']),
	},
	{
		displayName: 'Additional Fields',
		name: 'teamFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the team is about',
				routing: { send: { type: 'body', property: 'description' } },
			},
			{
				displayName: 'Public',
				name: 'public',
				type: 'boolean',
				default: false,
				description: 'Whether anyone in the company can find and join the team',
				routing: { send: { type: 'body', property: 'public' } },
			},
		],
	},
];
