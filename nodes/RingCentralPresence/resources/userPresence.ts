import type { INodeProperties } from 'n8n-workflow';

import { requireUpdateFields } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { BATCH_IDS, ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'userPresence';
const PRESENCE_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/presence`;

export const userPresenceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the presence of a user',
			description: 'Status, Do Not Disturb, message and telephony state of one extension',
			routing: ringCentralRoute({ method: 'GET', url: PRESENCE_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get the presence of many users',
			description: 'Presence of a list of extensions, read 30 at a time (one output item per extension)',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${BATCH_IDS}/presence`,
				group: 'Light',
				batch: { idsParameter: 'extensionIds', maxIds: 30, idKey: 'extensionId' },
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the presence of a user',
			description: 'Set availability, Do Not Disturb, status message and monitoring options',
			routing: ringCentralRoute({
				method: 'PUT',
				url: PRESENCE_URL,
				group: 'Medium',
				prepare: [requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'get',
};

const telephonyOptions: INodeProperties = {
	displayName: 'Options',
	name: 'presenceOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: showFor(RESOURCE, ['get', 'getMany']),
	options: [
		{
			displayName: 'Detailed Telephony State',
			name: 'detailedTelephonyState',
			type: 'boolean',
			default: true,
			description: 'Whether to include the active calls (up to the latest 7) with their telephony state',
			routing: { send: { type: 'query', property: 'detailedTelephonyState' } },
		},
		{
			displayName: 'SIP Data',
			name: 'sipData',
			type: 'boolean',
			default: true,
			description: 'Whether to include SIP data (tags and URIs) for each active call',
			routing: { send: { type: 'query', property: 'sipData' } },
		},
	],
};

export const userPresenceFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'getMany', 'update'])),
	...extensionFields(showFor(RESOURCE, ['get', 'update'])),
	{
		displayName: 'Extension IDs',
		name: 'extensionIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '62264425016, 62264426016',
		description:
			'Internal extension IDs separated by commas (or an array from an expression). Any number: they are read 30 per request.',
		displayOptions: showFor(RESOURCE, ['getMany']),
	},
	telephonyOptions,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Accept Call Queue Calls',
				name: 'acceptCallQueueCalls',
				type: 'boolean',
				default: true,
				description:
					'Whether the user receives call queue calls (agent state; applies when the account uses the new communication handling)',
				routing: { send: { type: 'body', property: 'acceptCallQueueCalls' } },
			},
			{
				displayName: 'Allow See My Presence',
				name: 'allowSeeMyPresence',
				type: 'boolean',
				default: true,
				description: 'Whether other extensions can see this presence status',
				routing: { send: { type: 'body', property: 'allowSeeMyPresence' } },
			},
			{
				displayName: 'Caller ID Visibility',
				name: 'callerIdVisibility',
				type: 'options',
				options: [
					{ name: 'All', value: 'All' },
					{ name: 'None', value: 'None' },
					{ name: 'Permitted Users', value: 'PermittedUsers' },
				],
				default: 'All',
				description: 'Who sees the presence when Allow See My Presence is on',
				routing: { send: { type: 'body', property: 'callerIdVisibility' } },
			},
			{
				displayName: 'Do Not Disturb',
				name: 'dndStatus',
				type: 'options',
				options: [
					{ name: 'Do Not Accept Any Calls', value: 'DoNotAcceptAnyCalls' },
					{
						name: 'Do Not Accept Call Queue Calls',
						value: 'DoNotAcceptDepartmentCalls',
						description: 'Only for members of a call queue',
					},
					{ name: 'Take All Calls', value: 'TakeAllCalls' },
					{
						name: 'Take Call Queue Calls Only',
						value: 'TakeDepartmentCallsOnly',
						description: 'Only for members of a call queue (some migrated accounts)',
					},
					{ name: 'Unknown', value: 'Unknown' },
				],
				default: 'TakeAllCalls',
				description: 'Do Not Disturb status; not for user extensions on the new communication handling (use Personal)',
				routing: { send: { type: 'body', property: 'dndStatus' } },
			},
			{
				displayName: 'Do Not Disturb (Personal)',
				name: 'dndStatusPersonal',
				type: 'options',
				options: [
					{ name: 'Do Not Accept Any Calls', value: 'DoNotAcceptAnyCalls' },
					{ name: 'Take All Calls', value: 'TakeAllCalls' },
					{ name: 'Unknown', value: 'Unknown' },
				],
				default: 'TakeAllCalls',
				description: 'Do Not Disturb for users on the new communication handling',
				routing: { send: { type: 'body', property: 'dndStatusPersonal' } },
			},
			{
				displayName: 'Pick Up Calls On Hold',
				name: 'pickUpCallsOnHold',
				type: 'boolean',
				default: false,
				description: 'Whether the user can pick up a monitored line on hold',
				routing: { send: { type: 'body', property: 'pickUpCallsOnHold' } },
			},
			{
				displayName: 'Ring On Monitored Call',
				name: 'ringOnMonitoredCall',
				type: 'boolean',
				default: false,
				description: 'Whether the phone rings when a monitored user is ringing',
				routing: { send: { type: 'body', property: 'ringOnMonitoredCall' } },
			},
			{
				displayName: 'Status Message',
				name: 'message',
				type: 'string',
				default: '',
				typeOptions: { maxLength: 75 },
				description: 'Custom status message (up to 75 characters)',
				routing: { send: { type: 'body', property: 'message' } },
			},
			{
				displayName: 'User Status',
				name: 'userStatus',
				type: 'options',
				options: [
					{ name: 'Available', value: 'Available' },
					{ name: 'Busy', value: 'Busy' },
					{ name: 'Offline', value: 'Offline' },
				],
				default: 'Available',
				description: 'Presence status the user publishes',
				routing: { send: { type: 'body', property: 'userStatus' } },
			},
		],
	},
];
