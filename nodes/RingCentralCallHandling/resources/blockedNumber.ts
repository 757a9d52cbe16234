import type { INodeProperties } from 'n8n-workflow';

import { requireUpdateFields } from '../../RingCentral/shared/bodies';
import {
	accountIdField,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { blockedNumberLocator } from '../locators';

const RESOURCE = 'blockedNumber';
const MAX_PAGE_SIZE = 1000;
const NUMBERS_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/caller-blocking/phone-numbers`;
const NUMBER_URL = `${NUMBERS_URL}/${pathParameter('blockedNumberId')}`;
const RETIRED = ' (served by caller-blocking/phone-numbers, which replaced the retired blocked-number endpoint)';

const statusOptions = [
	{ name: 'Allowed', value: 'Allowed', description: 'Always let this number through, even when blocking all calls' },
	{ name: 'Blocked', value: 'Blocked' },
];

export const blockedNumberOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Block or allow a phone number',
			description: `Add a number to the blocked or the allowed list${RETIRED}`,
			routing: ringCentralRoute({ method: 'POST', url: NUMBERS_URL, group: 'Medium' }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a blocked or allowed number',
			description: `Remove a number from its list${RETIRED}`,
			routing: ringCentralRoute({ method: 'DELETE', url: NUMBER_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a blocked or allowed number',
			description: `One entry of the blocked or allowed list${RETIRED}`,
			routing: ringCentralRoute({ method: 'GET', url: NUMBER_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many blocked or allowed numbers',
			description: `The blocked list or the allowed list of a user${RETIRED}`,
			routing: ringCentralRoute({
				method: 'GET',
				url: NUMBERS_URL,
				group: 'Light',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a blocked or allowed number',
			description: `Change the number, its label, or move it between the lists${RETIRED}`,
			routing: ringCentralRoute({
				method: 'PUT',
				url: NUMBER_URL,
				group: 'Medium',
				prepare: [requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'getMany',
};

export const blockedNumberFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...extensionFields(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...versioned(
		{
			displayName: 'Blocked Number ID',
			name: 'blockedNumberId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the blocked or allowed list entry (Get Many lists them)',
			displayOptions: showFor(RESOURCE, ['delete', 'get', 'update']),
		},
		blockedNumberLocator(showFor(RESOURCE, ['delete', 'get', 'update'])),
	),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+18005550199',
		description: 'The number in E.164 format',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'phoneNumber' } },
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: statusOptions,
		default: 'Blocked',
		description: 'Which list the number goes on',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'status' } },
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		typeOptions: { maxLength: 60 },
		description: 'Your own name for the number (optional)',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'label', value: '={{ $value || undefined }}' } },
	},
	{
		displayName: 'List',
		name: 'status',
		type: 'options',
		options: statusOptions,
		default: 'Blocked',
		description: 'Which list to read (RingCentral returns one list at a time)',
		displayOptions: showFor(RESOURCE, ['getMany']),
		routing: { send: { type: 'query', property: 'status' } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 60 },
				description: 'Your own name for the number',
				routing: { send: { type: 'body', property: 'label' } },
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				description: 'The number in E.164 format',
				routing: { send: { type: 'body', property: 'phoneNumber' } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: statusOptions,
				default: 'Blocked',
				description: 'Which list the number is on',
				routing: { send: { type: 'body', property: 'status' } },
			},
		],
	},
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
];
