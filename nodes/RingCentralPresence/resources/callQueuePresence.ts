import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { recordsFromRows, rowId } from '../../RingCentral/shared/bodies';
import { accountIdField, callQueueFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { recordsOf } from '../../RingCentral/shared/output';
import { extensionLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'callQueuePresence';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/call-queues/${pathParameter('callQueueId')}/presence`;

export const callQueuePresenceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the presence of call queue members',
			description: 'Whether each member of a call queue takes calls of this queue and of queues in general (one item per member)',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light', output: recordsOf() }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the presence of call queue members',
			description: 'Turn taking calls of this queue on or off for some members (needs admin rights)',
			routing: ringCentralRoute({
				method: 'PUT',
				url: URL,
				group: 'Medium',
				prepare: [
					recordsFromRows('members', 'member', 'records', (row: IDataObject, position: number) => ({
						member: { id: rowId(row, 'memberId', 'member extension ID', position) },
						acceptCurrentQueueCalls: row.acceptCurrentQueueCalls as boolean,
					})),
				],
				output: recordsOf(),
			}),
		},
	],
	default: 'get',
};

/** The queue members to change, one row each: the member as text (version 1) or picked (version 2). */
function membersField(memberField: INodeProperties): INodeProperties {
	return {
		displayName: 'Members',
		name: 'members',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Member',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Member',
				name: 'member',
				values: [
					memberField,
					{
						displayName: 'Accept Calls of This Queue',
						name: 'acceptCurrentQueueCalls',
						type: 'boolean',
						default: true,
						description: 'Whether the member takes calls of this call queue',
					},
				],
			},
		],
	};
}

export const callQueuePresenceFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...callQueueFields(showFor(RESOURCE, ['get', 'update'])),
	...versioned(
		membersField({
			displayName: 'Member Extension ID',
			name: 'memberId',
			type: 'string',
			default: '',
			description: 'Internal extension ID of a queue member',
		}),
		membersField(
			extensionLocator(undefined, {
				name: 'memberId',
				displayName: 'Member',
				description: 'A member of the call queue',
				me: false,
				byNumber: false,
				// An empty row is reported by its position before anything is sent.
				required: false,
			}),
		),
	),
];
