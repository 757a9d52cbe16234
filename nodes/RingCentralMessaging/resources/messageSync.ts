import type { INodeProperties } from 'n8n-workflow';

import {
	accountIdField,
	dateRangeDates,
	extensionFields,
	pathParameter,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { conversationAndDateFilters } from './messageFilters';

const RESOURCE = 'messageSync';

export const messageSyncOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Sync',
			value: 'sync',
			action: 'Sync messages',
			description:
				'Full sync returns the mailbox (newest first) and a sync token; incremental sync with that token returns only what changed since. One output item holds the records and syncInfo.syncToken.',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/message-sync`,
				group: 'Light',
				dates: dateRangeDates('syncOptions').map((date) => ({ ...date, onlyIf: { syncType: 'FSync' } })),
			}),
		},
	],
	default: 'sync',
};

const sync = showFor(RESOURCE, ['sync']);
const fullSync = { show: { ...sync.show, syncType: ['FSync'] } };

export const messageSyncFields: INodeProperties[] = [
	accountIdField(sync),
	...extensionFields(sync, 'Extension whose mailbox to sync. ~ means the signed-in user\'s own mailbox.'),
	{
		displayName: 'Sync Type',
		name: 'syncType',
		type: 'options',
		options: [
			{ name: 'Full', value: 'FSync', description: 'Start over: the messages of a period and a new sync token' },
			{ name: 'Incremental', value: 'ISync', description: 'Only messages created, changed or deleted since a sync token' },
		],
		default: 'FSync',
		description: 'Whether to start a new sync or continue from a sync token',
		routing: { send: { type: 'query', property: 'syncType' } },
		displayOptions: sync,
	},
	{
		displayName: 'Sync Token',
		name: 'syncToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: '={{ $json.syncInfo.syncToken }}',
		description: 'The syncInfo.syncToken of the previous sync (full or incremental)',
		routing: { send: { type: 'query', property: 'syncToken' } },
		displayOptions: { show: { ...sync.show, syncType: ['ISync'] } },
	},
	{
		displayName: 'Options',
		name: 'syncOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		hint: 'Without Date From, RingCentral syncs only the last 24 hours',
		displayOptions: fullSync,
		options: [
			...conversationAndDateFilters,
			{
				displayName: 'Max Records',
				name: 'recordCount',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description: 'The newest messages up to this number; syncInfo.olderRecordsExist tells whether more were left out',
				routing: { send: { type: 'query', property: 'recordCount' } },
			},
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'multiOptions',
				options: [
					{ name: 'Fax', value: 'Fax' },
					{ name: 'Pager', value: 'Pager' },
					{ name: 'SMS', value: 'SMS' },
					{ name: 'Voicemail', value: 'VoiceMail' },
				],
				default: [],
				description: 'Only messages of these types',
				routing: { send: { type: 'query', property: 'messageType' } },
			},
		],
	},
];
