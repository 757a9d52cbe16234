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
import { forwardingNumberLocator } from '../locators';

const RESOURCE = 'forwardingNumber';
const MAX_PAGE_SIZE = 1000;
const NUMBERS_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/forwarding-number`;
const NUMBER_URL = `${NUMBERS_URL}/${pathParameter('forwardingNumberId')}`;

const numberTypes = [
	{ name: 'Business Mobile Phone', value: 'BusinessMobilePhone' },
	{ name: 'Home', value: 'Home' },
	{ name: 'Mobile', value: 'Mobile' },
	{ name: 'Other', value: 'Other', description: 'Use your own label' },
	{ name: 'Outage', value: 'Outage', description: 'Rings when the user\'s devices are offline' },
	{ name: 'Work', value: 'Work' },
];

export const forwardingNumberOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a forwarding number',
			description: 'Add a phone number that answering rules can forward calls to (and call flip can use)',
			routing: ringCentralRoute({ method: 'POST', url: NUMBERS_URL, group: 'Medium' }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a forwarding number',
			description: 'Remove a forwarding number (numbers of the user\'s own devices cannot be removed)',
			routing: ringCentralRoute({ method: 'DELETE', url: NUMBER_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a forwarding number',
			description: 'One forwarding or call flip number',
			routing: ringCentralRoute({ method: 'GET', url: NUMBER_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many forwarding numbers',
			description: 'The forwarding and call flip numbers of a user, device numbers included',
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
			action: 'Update a forwarding number',
			description: 'Change the number, label, type or flip number',
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

export const forwardingNumberFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...extensionFields(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...versioned(
		{
			displayName: 'Forwarding Number ID',
			name: 'forwardingNumberId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the forwarding number (Get Many lists them)',
			displayOptions: showFor(RESOURCE, ['delete', 'get', 'update']),
		},
		forwardingNumberLocator(showFor(RESOURCE, ['delete', 'get', 'update'])),
	),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550123',
		description: 'The number to forward to, in E.164 format',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'phoneNumber' } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: numberTypes,
		default: 'Other',
		description: 'Kind of number; every type except Other comes with its own label',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			{
				displayName: 'Flip Number',
				name: 'flipNumber',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 9 },
				default: 1,
				description: 'Call flip shortcut digit (1–9) that moves an ongoing call to this number',
				routing: { send: { type: 'body', property: 'flipNumber' } },
			},
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 60 },
				description: 'Title of the number (used with the type Other)',
				routing: { send: { type: 'body', property: 'label' } },
			},
		],
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
				displayName: 'Flip Number',
				name: 'flipNumber',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 9 },
				default: 1,
				description: 'Call flip shortcut digit (1–9)',
				routing: { send: { type: 'body', property: 'flipNumber', value: '={{ String($value) }}' } },
			},
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 60 },
				description: 'Title of the number',
				routing: { send: { type: 'body', property: 'label' } },
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				description: 'The number to forward to, in E.164 format',
				routing: { send: { type: 'body', property: 'phoneNumber' } },
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: numberTypes,
				default: 'Other',
				description: 'Kind of number',
				routing: { send: { type: 'body', property: 'type' } },
			},
		],
	},
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
];
