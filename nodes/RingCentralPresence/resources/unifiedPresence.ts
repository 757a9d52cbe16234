import type { INodeProperties } from 'n8n-workflow';

import { requireUpdateFields } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'unifiedPresence';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/unified-presence`;

export const unifiedPresenceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the unified presence of a user',
			description: 'Aggregated status across phone, team messaging and meetings',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Medium' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the unified presence of a user',
			description: 'Set team messaging visibility and availability, and telephony Do Not Disturb',
			routing: ringCentralRoute({
				method: 'PATCH',
				url: URL,
				group: 'Medium',
				prepare: [requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'get',
};

export const unifiedPresenceFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...extensionFields(showFor(RESOURCE, ['get', 'update'])),
	{
		displayName: 'Update Fields',
		name: 'unifiedUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Team Messaging Availability',
				name: 'glipAvailability',
				type: 'options',
				options: [
					{ name: 'Available', value: 'Available' },
					{ name: 'Do Not Disturb', value: 'DND' },
				],
				default: 'Available',
				description: 'Whether the user receives team messaging notifications',
				routing: { send: { type: 'body', property: 'glip.availability' } },
			},
			{
				displayName: 'Team Messaging Visibility',
				name: 'glipVisibility',
				type: 'options',
				options: [
					{ name: 'Invisible', value: 'Invisible' },
					{ name: 'Visible', value: 'Visible' },
				],
				default: 'Visible',
				description: 'Whether other users see the team messaging status',
				routing: { send: { type: 'body', property: 'glip.visibility' } },
			},
			{
				displayName: 'Telephony Availability',
				name: 'telephonyAvailability',
				type: 'options',
				options: [
					{ name: 'Do Not Accept Any Calls', value: 'DoNotAcceptAnyCalls' },
					{ name: 'Do Not Accept Call Queue Calls', value: 'DoNotAcceptQueueCalls' },
					{ name: 'Take All Calls', value: 'TakeAllCalls' },
				],
				default: 'TakeAllCalls',
				description: 'Telephony Do Not Disturb status',
				routing: { send: { type: 'body', property: 'telephony.availability' } },
			},
		],
	},
];
