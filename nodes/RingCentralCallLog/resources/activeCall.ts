import type { INodeProperties } from 'n8n-workflow';

import {
	accountIdField,
	directionFilter,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
	simplifyField,
} from '../../RingCentral/shared/descriptions';
import { simplified } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { callTransportFilter, callTypeFilter, simplifyCallRecord, viewField } from './callRecord';

const RESOURCE = 'activeCall';
const MAX_PAGE_SIZE = 1000;

export const activeCallOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many active calls',
			description: 'Calls of an extension that are in progress right now, newest first',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/active-calls`,
				group: 'Heavy',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
				output: simplified(simplifyCallRecord),
			}),
		},
	],
	default: 'getMany',
};

const getMany = showFor(RESOURCE, ['getMany']);

export const activeCallFields: INodeProperties[] = [
	accountIdField(getMany),
	...extensionFields(getMany, 'Extension whose calls to list. ~ means the signed-in user\'s own extension.'),
	...returnAllFields(getMany, MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'activeCallFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: getMany,
		options: [
			{
				displayName: 'Conference Type',
				name: 'conferenceType',
				type: 'multiOptions',
				options: [
					{ name: 'Audio Conferencing', value: 'AudioConferencing' },
					{ name: 'Meetings', value: 'Meetings' },
				],
				default: [],
				description: 'Only conference calls of these kinds',
				routing: { send: { type: 'query', property: 'conferenceType' } },
			},
			directionFilter('calls'),
			callTransportFilter,
			callTypeFilter,
		],
	},
	viewField(getMany),
	simplifyField(getMany, 'ID, time, duration, parties and result'),
];
