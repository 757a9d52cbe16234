import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	pathParameter,
	returnAllFields,
	showFor,
	simplifyField,
} from '../../RingCentral/shared/descriptions';
import { simplified } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'meetingHistory';
const MAX_PAGE_SIZE = 100;

/** When, how long, who: what a meeting list is read for. */
function simpleMeeting(meeting: IDataObject): IDataObject {
	const participants = (meeting.participants as IDataObject[] | undefined) ?? [];
	const recordings = (meeting.recordings as IDataObject[] | undefined) ?? [];
	return {
		id: meeting.id,
		displayName: meeting.displayName,
		startTime: meeting.startTime,
		duration: meeting.duration,
		status: meeting.status,
		bridgeId: meeting.bridgeId,
		host: (meeting.hostInfo as IDataObject | undefined)?.displayName,
		participants: participants.map((p) => p.displayName ?? p.callerId ?? p.id),
		recordingUrls: recordings.filter((r) => r.availabilityStatus === 'Alive').map((r) => r.url),
	};
}

export const meetingHistoryOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a past meeting',
			description: 'One meeting with its participants, recordings and notes (rcvideo/v1 history)',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/rcvideo/v1/history/meetings/${pathParameter('meetingId')}`,
				group: 'Light',
			}),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many past meetings',
			description:
				'Meetings the user hosted or joined, newest first (rcvideo/v1 history; replaces the retired RingCentral Meetings meeting list)',
			routing: ringCentralRoute({
				method: 'GET',
				url: '/rcvideo/v1/history/meetings',
				group: 'Light',
				list: {
					style: 'token',
					maxPageSize: MAX_PAGE_SIZE,
					pageSizeParameter: 'perPage',
					recordsProperty: 'meetings',
					nextPageTokenPath: 'paging.nextPageToken',
				},
				dates: [
					{ parameter: 'meetingFilters.startTime', label: 'Started After', to: 'query', property: 'startTime', format: 'epochMs' },
					{ parameter: 'meetingFilters.endTime', label: 'Started Before', to: 'query', property: 'endTime', format: 'epochMs' },
				],
				output: simplified(simpleMeeting),
			}),
		},
	],
	default: 'getMany',
};

export const meetingHistoryFields: INodeProperties[] = [
	{
		displayName: 'Meeting',
		name: 'meetingId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'A past meeting you hosted or joined',
		displayOptions: showFor(RESOURCE, ['get']),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchMeetings', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e7516383-2658-4640-9a7b-6c5d3e2f1a00' },
		],
	},
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'meetingFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Search Text',
				name: 'text',
				type: 'string',
				default: '',
				description: 'Only meetings whose name contains this text',
				routing: { send: { type: 'query', property: 'text' } },
			},
			{
				displayName: 'Started After',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: 'Only meetings that started at or after this time',
			},
			{
				displayName: 'Started Before',
				name: 'endTime',
				type: 'dateTime',
				default: '',
				description: 'Only meetings that started at or before this time',
			},
			{
				displayName: 'With Materials',
				name: 'materials',
				type: 'options',
				options: [
					{ name: 'Recordings', value: 'Recordings' },
					{ name: 'Notes', value: 'Notes' },
				],
				default: 'Recordings',
				description: 'Only meetings that have recordings, or AI notes',
				routing: { send: { type: 'query', property: 'materials' } },
			},
		],
	},
	simplifyField(showFor(RESOURCE, ['getMany']), 'name, start, duration, host, participant names and recording links'),
];
