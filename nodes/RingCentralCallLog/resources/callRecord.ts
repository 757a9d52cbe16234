import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	accountIdField,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
	dateRangeDates,
	dateRangeFilters,
	directionFilter,
	simplifyField,
} from '../../RingCentral/shared/descriptions';
import { simplified } from '../../RingCentral/shared/output';
import { partyNumber } from '../../RingCentral/shared/parties';
import { BATCH_IDS, ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'callRecord';
const MAX_PAGE_SIZE = 1000;
const USER_CALL_LOG = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/call-log`;

/** What people read in a call record (also used for active calls); batch failures pass through. */
export function simplifyCallRecord(record: IDataObject): IDataObject {
	if (record.error) return record;
	const from = record.from as IDataObject | undefined;
	const to = record.to as IDataObject | undefined;
	const recording = record.recording as IDataObject | undefined;
	return {
		id: record.id,
		sessionId: record.sessionId,
		startTime: record.startTime,
		duration: record.duration,
		type: record.type,
		direction: record.direction,
		action: record.action,
		result: record.result,
		from: partyNumber(from),
		fromName: from?.name,
		to: partyNumber(to),
		toName: to?.name,
		extensionId: (record.extension as IDataObject | undefined)?.id,
		recordingId: recording?.id,
		recordingContentUri: recording?.contentUri,
	};
}

/** Simple or Detailed (legs, transport, billing). */
export function viewField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'View',
		name: 'view',
		type: 'options',
		options: [
			{ name: 'Simple', value: 'Simple', description: 'The call as a whole' },
			{ name: 'Detailed', value: 'Detailed', description: 'Adds each leg of the call, transport and billing' },
		],
		default: 'Simple',
		description: 'How much RingCentral tells about each call (turn Simplify off to see the details)',
		routing: { send: { type: 'query', property: 'view' } },
		displayOptions,
	};
}

/** Filters the call log and the active calls share. */
export const callTypeFilter: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'multiOptions',
	options: [
		{ name: 'Fax', value: 'Fax' },
		{ name: 'Voice', value: 'Voice' },
	],
	default: [],
	description: 'Only calls of these types',
	routing: { send: { type: 'query', property: 'type' } },
};

export const callTransportFilter: INodeProperties = {
	displayName: 'Transport',
	name: 'transport',
	type: 'multiOptions',
	options: [
		{ name: 'PSTN', value: 'PSTN', description: 'Legs from the phone network' },
		{ name: 'VoIP', value: 'VoIP', description: 'Legs from RingCentral apps and phones' },
	],
	default: [],
	description: 'Only calls with legs of these transports',
	routing: { send: { type: 'query', property: 'transport' } },
};

/** The call-log filters; transport and blocked calls exist on a user's log only. */
function callLogFilters(displayOptions: IDisplayOptions, scope: 'user' | 'company'): INodeProperties {
	const filters: INodeProperties[] = [
		...dateRangeFilters('Calls started'),
		directionFilter('calls'),
		{
			displayName: 'Extension Number',
			name: 'extensionNumber',
			type: 'string',
			default: '',
			placeholder: '101',
			description: 'Only calls of the extension with this short number (cannot be combined with Phone Number)',
			routing: { send: { type: 'query', property: 'extensionNumber' } },
		},
		{
			displayName: 'Include Deleted',
			name: 'showDeleted',
			type: 'boolean',
			default: false,
			description: 'Whether to include call records that were deleted',
			routing: { send: { type: 'query', property: 'showDeleted' } },
		},
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '14155550142',
			description: 'Only calls from or to this number (digits with country code, RingCentral expects no +)',
			routing: { send: { type: 'query', property: 'phoneNumber', value: '={{ String($value).replace(/[^0-9]/g, "") }}' } },
		},
		{
			displayName: 'Recording Type',
			name: 'recordingType',
			type: 'options',
			options: [
				{ name: 'Any Recording', value: 'All' },
				{ name: 'Automatic', value: 'Automatic' },
				{ name: 'On Demand', value: 'OnDemand' },
			],
			default: 'All',
			description: 'Only calls that were recorded, or recorded this way',
			routing: { send: { type: 'query', property: 'recordingType' } },
		},
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			default: '',
			description: 'Only the calls of this call session',
			routing: { send: { type: 'query', property: 'sessionId' } },
		},
		{
			displayName: 'Telephony Session ID',
			name: 'telephonySessionId',
			type: 'string',
			default: '',
			description: 'Only the calls of this telephony session',
			routing: { send: { type: 'query', property: 'telephonySessionId' } },
		},
		callTypeFilter,
	];
	if (scope === 'user') {
		filters.splice(4, 0, {
			displayName: 'Include Blocked',
			name: 'showBlocked',
			type: 'boolean',
			default: true,
			description: 'Whether to include calls from or to blocked numbers',
			routing: { send: { type: 'query', property: 'showBlocked' } },
		});
		filters.push(callTransportFilter);
	}
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		hint: 'Without Date From, RingCentral returns only calls of the last 24 hours',
		displayOptions,
		options: filters,
	};
}

export const callRecordOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get call records',
			description: 'Read call records of a user by ID; any number of IDs, 50 per request, one output item per record',
			routing: ringCentralRoute({
				method: 'GET',
				url: `${USER_CALL_LOG}/${BATCH_IDS}`,
				group: 'Heavy',
				batch: { idsParameter: 'callRecordIds', maxIds: 50, idKey: 'callRecordId' },
				output: simplified(simplifyCallRecord),
			}),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many call records of a user',
			description: 'A user\'s call log, newest first. Without Date From RingCentral returns only the last 24 hours.',
			routing: ringCentralRoute({
				method: 'GET',
				url: USER_CALL_LOG,
				group: 'Heavy',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
				dates: dateRangeDates('filters'),
				output: simplified(simplifyCallRecord),
			}),
		},
		{
			name: 'Get Many for Company',
			value: 'getManyForCompany',
			action: 'Get many call records of the company',
			description:
				'The call log of every extension (needs an administrator), newest first. Without Date From RingCentral returns only the last 24 hours.',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/call-log`,
				group: 'Heavy',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
				dates: dateRangeDates('filters'),
				output: simplified(simplifyCallRecord),
			}),
		},
	],
	default: 'getMany',
};

const userViews = showFor(RESOURCE, ['get', 'getMany']);
const lists = showFor(RESOURCE, ['getMany', 'getManyForCompany']);

export const callRecordFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'getMany', 'getManyForCompany'])),
	...extensionFields(userViews, 'Extension whose call log to read. ~ means the signed-in user\'s own call log.'),
	{
		displayName: 'Call Record IDs',
		name: 'callRecordIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'KbNlUvDTSV2fUA, KbNlUvDTSV2fUB',
		description: 'Call record IDs separated by commas (or an array from an expression); more than 50 are read 50 per request',
		displayOptions: showFor(RESOURCE, ['get']),
	},
	...returnAllFields(lists, MAX_PAGE_SIZE),
	callLogFilters(showFor(RESOURCE, ['getMany']), 'user'),
	callLogFilters(showFor(RESOURCE, ['getManyForCompany']), 'company'),
	viewField(showFor(RESOURCE, ['get', 'getMany', 'getManyForCompany'])),
	simplifyField(showFor(RESOURCE, ['get', 'getMany', 'getManyForCompany']), 'ID, time, duration, parties, result and recording'),
];
