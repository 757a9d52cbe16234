import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { recordsFromRows, rowId } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { callQueueLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'agentQueuePresence';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/call-queue-presence`;

export const agentQueuePresenceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the call queue availability of an agent',
			description: 'The call queues an extension belongs to and whether it takes calls of each',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the call queue availability of an agent',
			description: 'Take or stop taking calls of some call queues (where members may change their status)',
			routing: ringCentralRoute({
				method: 'PUT',
				url: URL,
				group: 'Medium',
				prepare: [
					recordsFromRows('queues', 'queue', 'records', (row: IDataObject, position: number) => ({
						callQueue: { id: rowId(row, 'callQueueId', 'call queue ID', position) },
						acceptCalls: row.acceptCalls as boolean,
					})),
				],
			}),
		},
	],
	default: 'get',
};

export const agentQueuePresenceFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...extensionFields(
		showFor(RESOURCE, ['get', 'update']),
		'The agent\'s extension. ~ means the signed-in user\'s own extension.',
	),
	{
		displayName: 'Filters',
		name: 'agentQueueFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['get']),
		options: [
			{
				displayName: 'Only Queues Members May Change',
				name: 'editableMemberStatus',
				type: 'boolean',
				default: true,
				description: 'Whether to return only call queues that allow members to change their queue status',
				routing: { send: { type: 'query', property: 'editableMemberStatus' } },
			},
		],
	},
	...versioned(
		queuesField({
			displayName: 'Call Queue ID',
			name: 'callQueueId',
			type: 'string',
			default: '',
			description: 'Internal extension ID of the call queue',
		}),
		queuesField(callQueueLocator(undefined, { byNumber: false, required: false, description: 'A call queue the agent belongs to' })),
	),
];

/** The queues to change, one row each: the queue as text (version 1) or picked (version 2). */
function queuesField(queueField: INodeProperties): INodeProperties {
	return {
		displayName: 'Queues',
		name: 'queues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Queue',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Queue',
				name: 'queue',
				values: [
					queueField,
					{
						displayName: 'Accept Calls',
						name: 'acceptCalls',
						type: 'boolean',
						default: true,
						description: 'Whether the agent takes calls of this queue',
					},
				],
			},
		],
	};
}
