import type { INodeProperties } from 'n8n-workflow';

import { requireUpdateFields } from '../../RingCentral/shared/bodies';
import {
	accountIdField,
	extensionFields,
	pathParameter,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { retiredOperation, ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'meetingBridge';
const USER_BRIDGES_URL = `=/rcvideo/v2/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/bridges`;
const BRIDGE_URL = `=/rcvideo/v2/bridges/${pathParameter('bridgeId')}`;

export const meetingBridgeOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a meeting bridge',
			description:
				'Schedule a RingCentral Video meeting: a bridge with its join link, PINs and settings (rcvideo/v2 bridges; replaces the retired RingCentral Meetings POST …/meeting)',
			routing: ringCentralRoute({ method: 'POST', url: USER_BRIDGES_URL, group: 'Heavy' }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a meeting bridge',
			description: 'Delete a scheduled or instant bridge (replaces the retired RingCentral Meetings DELETE …/meeting/{meetingId})',
			routing: ringCentralRoute({ method: 'DELETE', url: BRIDGE_URL, group: 'Medium' }),
		},
		{
			name: 'End Meeting',
			value: 'endMeeting',
			action: 'End a meeting',
			description:
				'Retired: RingCentral removed the RingCentral Meetings API (…/meeting/{meetingId}/end) and RingCentral Video has no endpoint that ends a meeting',
			routing: retiredOperation({
				method: 'POST',
				path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/meeting/{meetingId}/end',
				message:
					'Ending a meeting is no longer possible through the RingCentral API: RingCentral retired the RingCentral Meetings API, and RingCentral Video offers no replacement. End the meeting in the RingCentral Video app (it also ends when everyone leaves).',
			}),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a meeting bridge',
			description: 'A bridge with its join link, PINs and settings (replaces the retired RingCentral Meetings GET …/meeting/{meetingId})',
			routing: ringCentralRoute({ method: 'GET', url: BRIDGE_URL, group: 'Medium' }),
		},
		{
			name: 'Get Default',
			value: 'getDefault',
			action: 'Get the default meeting bridge of a user',
			description:
				'The user\'s personal meeting (PMI) bridge (rcvideo/v2 bridges/default; replaces the retired RingCentral Meetings service-info)',
			routing: ringCentralRoute({ method: 'GET', url: `${USER_BRIDGES_URL}/default`, group: 'Medium' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a meeting bridge',
			description: 'Rename a bridge or change its password and settings (replaces the retired RingCentral Meetings PUT …/meeting/{meetingId})',
			routing: ringCentralRoute({
				method: 'PATCH',
				url: BRIDGE_URL,
				group: 'Medium',
				prepare: [requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'create',
};

const body = (property: string) => ({ send: { type: 'body' as const, property } });

/** Security and meeting settings, as Create and Update offer them. */
const bridgeSettings: INodeProperties[] = [
	{
		displayName: 'Allow Screen Sharing',
		name: 'screenSharing',
		type: 'boolean',
		default: true,
		description: 'Whether participants may share their screen',
		routing: body('preferences.screenSharing'),
	},
	{
		displayName: 'Authenticated Users Only',
		name: 'noGuests',
		type: 'boolean',
		default: false,
		description: 'Whether only signed-in RingCentral users may join',
		routing: body('security.noGuests'),
	},
	{
		displayName: 'End-to-End Encryption',
		name: 'e2ee',
		type: 'boolean',
		default: false,
		description: 'Whether meetings on the bridge are end-to-end encrypted',
		routing: body('security.e2ee'),
	},
	{
		displayName: 'Enter and Exit Tones',
		name: 'playTones',
		type: 'options',
		options: [
			{ name: 'Enter Only', value: 'EnterOnly' },
			{ name: 'Exit Only', value: 'ExitOnly' },
			{ name: 'Off', value: 'Off' },
			{ name: 'On', value: 'On' },
		],
		default: 'Off',
		description: 'Which tones play when people join or leave',
		routing: body('preferences.playTones'),
	},
	{
		displayName: 'Join Before Host',
		name: 'joinBeforeHost',
		type: 'boolean',
		default: true,
		description: 'Whether participants may start the meeting before the host joins',
		routing: body('preferences.joinBeforeHost'),
	},
	{
		displayName: 'Music On Hold',
		name: 'musicOnHold',
		type: 'boolean',
		default: true,
		description: 'Whether music plays to someone waiting alone in the meeting',
		routing: body('preferences.musicOnHold'),
	},
	{
		displayName: 'Mute Audio On Entry',
		name: 'audioMuted',
		type: 'boolean',
		default: false,
		description: 'Whether participants join with their microphone muted',
		routing: body('preferences.join.audioMuted'),
	},
	{
		displayName: 'Mute Video On Entry',
		name: 'videoMuted',
		type: 'boolean',
		default: false,
		description: 'Whether participants join with their camera off',
		routing: body('preferences.join.videoMuted'),
	},
	{
		displayName: 'Password',
		name: 'password',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Meeting password (letters and digits); setting one turns password protection on',
		routing: body('security.password'),
	},
	{
		displayName: 'Password Protected',
		name: 'passwordProtected',
		type: 'boolean',
		default: false,
		description: 'Whether joining needs a password (turned on without a password, RingCentral generates one)',
		routing: body('security.passwordProtected'),
	},
	{
		displayName: 'Recording',
		name: 'recordingsMode',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'Auto', description: 'Recording starts with the meeting' },
			{ name: 'Automatic, Locked', value: 'ForceAuto', description: 'Recording starts with the meeting and cannot be stopped' },
			{ name: 'By the Host', value: 'User', description: 'The host starts recording' },
		],
		default: 'User',
		description: 'How meetings on the bridge are recorded',
		routing: body('preferences.recordingsMode'),
	},
	{
		displayName: 'Same Account Only',
		name: 'sameAccount',
		type: 'boolean',
		default: false,
		description: 'Whether only users of the same RingCentral account may join',
		routing: body('security.sameAccount'),
	},
	{
		displayName: 'Transcription',
		name: 'transcriptionsMode',
		type: 'options',
		options: [
			{ name: 'Automatic', value: 'Auto' },
			{ name: 'Automatic, Locked', value: 'ForceAuto' },
			{ name: 'By the Host', value: 'User' },
		],
		default: 'User',
		description: 'How meetings on the bridge are transcribed',
		routing: body('preferences.transcriptionsMode'),
	},
	{
		displayName: 'Waiting Room',
		name: 'waitingRoomRequired',
		type: 'options',
		options: [
			{ name: 'Everybody', value: 'Everybody' },
			{ name: 'Guests Only', value: 'GuestsOnly' },
			{ name: 'Nobody', value: 'Nobody' },
			{ name: 'Other Accounts', value: 'OtherAccount' },
		],
		default: 'Nobody',
		description: 'Who waits in the waiting room until admitted',
		routing: body('preferences.join.waitingRoomRequired'),
	},
];

export const meetingBridgeFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'getDefault'])),
	...extensionFields(
		showFor(RESOURCE, ['create', 'getDefault']),
		'The user who hosts the bridge. ~ means the signed-in user.',
	),
	{
		displayName: 'Bridge',
		name: 'bridgeId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The meeting bridge: your personal meeting or one you hosted recently, or its ID',
		displayOptions: showFor(RESOURCE, ['delete', 'get', 'update']),
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBridges', searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '25b5d4860a80' },
		],
	},
	{
		displayName:
			'RingCentral retired the RingCentral Meetings API, and RingCentral Video has no API call that ends a meeting. This operation fails with that explanation; end meetings in the RingCentral Video app.',
		name: 'endMeetingNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(RESOURCE, ['endMeeting']),
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Weekly Support Sync',
		description: 'Name of the meeting',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'name', value: '={{ $value || undefined }}' } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Instant', value: 'Instant', description: 'For one meeting right now; deleted after it' },
			{ name: 'Scheduled', value: 'Scheduled', description: 'For one or more planned meetings; deleted when long unused' },
		],
		default: 'Scheduled',
		description: 'How long the bridge lives',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'type' } },
	},
	{
		displayName: 'Additional Fields',
		name: 'bridgeFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			...bridgeSettings,
			{
				displayName: 'Web PIN',
				name: 'webPin',
				type: 'string',
				default: '',
				placeholder: '496978152',
				description: 'Digits people enter to join (generated when left empty)',
				routing: body('pins.web'),
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
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'New name of the meeting',
				routing: body('name'),
			},
			...bridgeSettings,
		],
	},
];
