import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	accountIdField,
	downloadFields,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
	simplifyField,
	dateRangeDates,
} from '../../RingCentral/shared/descriptions';
import { idList } from '../../RingCentral/shared/lists';
import { byIdMode, fromListMode, locatorValue, resourceLocator, versioned } from '../../RingCentral/shared/locators';
import { simplified } from '../../RingCentral/shared/output';
import { partyNumber } from '../../RingCentral/shared/parties';
import { BATCH_IDS, ringCentralRoute } from '../../RingCentral/shared/transport';
import { conversationAndDateFilters } from './messageFilters';

const RESOURCE = 'message';
const BATCH_LIMIT = 50;
const STORE = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/message-store`;
const batch = { idsParameter: 'messageIds', maxIds: BATCH_LIMIT, idKey: 'messageId' };
const conversationBatch = {
	idsParameter: 'conversationIds',
	maxIds: BATCH_LIMIT,
	idKey: 'conversationId',
	queryParameter: 'conversationId',
	optional: true,
};

/** What people read in a message record; batch failures pass through as they are. */
function simplifyMessage(record: IDataObject): IDataObject {
	if (record.error) return record;
	const from = record.from as IDataObject | undefined;
	return {
		id: record.id,
		type: record.type,
		direction: record.direction,
		creationTime: record.creationTime,
		from: partyNumber(from),
		fromName: from?.name,
		to: ((record.to as IDataObject[] | undefined) ?? []).map(partyNumber),
		subject: record.subject,
		readStatus: record.readStatus,
		messageStatus: record.messageStatus,
		availability: record.availability,
		conversationId: record.conversationId,
		attachments: ((record.attachments as IDataObject[] | undefined) ?? []).map((a) => ({
			id: a.id,
			type: a.type,
			contentType: a.contentType,
			fileName: a.fileName,
		})),
	};
}

/** Deleting by filter without a conversation or a date would empty the whole mailbox: ask for one. */
async function requireDeleteFilter(this: IExecuteSingleFunctions, request: IHttpRequestOptions) {
	const conversations = idList(this.getNodeParameter('conversationIds', ''));
	const before = String(this.getNodeParameter('receivedBefore', '') ?? '').trim();
	if (!conversations.length && !before) {
		throw new NodeOperationError(this.getNode(), 'Enter Conversation IDs or Received Before, or both', {
			itemIndex: this.getItemIndex(),
			description: 'To empty the whole mailbox, set Received Before to now.',
		});
	}
	return request;
}

export const messageOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete messages',
			description:
				'Move messages to Deleted (a second delete, or Purge, removes them for good); any number of IDs, 50 per request',
			routing: ringCentralRoute({ method: 'DELETE', url: `${STORE}/${BATCH_IDS}`, group: 'Medium', batch }),
		},
		{
			name: 'Delete Many',
			value: 'deleteMany',
			action: 'Delete messages by conversation or date',
			description: 'Delete whole conversations, or every message received before a date; one output item per conversation',
			routing: ringCentralRoute({
				method: 'DELETE',
				url: STORE,
				group: 'Medium',
				dates: [{ parameter: 'receivedBefore', label: 'Received Before', to: 'query', property: 'dateTo', format: 'iso' }],
				prepare: [requireDeleteFilter],
				batch: conversationBatch,
			}),
		},
		{
			name: 'Download Attachment',
			value: 'downloadAttachment',
			action: 'Download a message attachment',
			description: 'A voicemail recording, fax document, MMS file or SMS text as binary data',
			routing: ringCentralRoute({
				method: 'GET',
				url: `${STORE}/${pathParameter('messageId')}/content/${pathParameter('attachmentId')}`,
				group: 'Medium',
				host: 'media',
				download: {
					binaryPropertyParameter: 'binaryPropertyName',
					defaultFileName: (context) =>
						`message-${locatorValue(context.getNodeParameter('messageId', ''))}-${locatorValue(context.getNodeParameter('attachmentId', ''))}`,
				},
			}),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get messages',
			description: 'Read messages by ID; any number of IDs, 50 per request, one output item per message',
			routing: ringCentralRoute({
				method: 'GET',
				url: `${STORE}/${BATCH_IDS}`,
				group: 'Light',
				batch,
				output: simplified(simplifyMessage),
			}),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many messages',
			description: 'List the mailbox, newest first. Without Date From RingCentral returns only the last 24 hours.',
			routing: ringCentralRoute({
				method: 'GET',
				url: STORE,
				group: 'Light',
				list: { style: 'page', maxPageSize: 1000 },
				dates: dateRangeDates('filters'),
				output: simplified(simplifyMessage),
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Mark messages as read or unread',
			description: 'Set the read status of messages; any number of IDs, 50 per request',
			routing: ringCentralRoute({ method: 'PUT', url: `${STORE}/${BATCH_IDS}`, group: 'Medium', batch }),
		},
	],
	default: 'getMany',
};

const all = showFor(RESOURCE, ['delete', 'deleteMany', 'downloadAttachment', 'get', 'getMany', 'update']);
const byIds = showFor(RESOURCE, ['delete', 'get', 'update']);
const getMany = showFor(RESOURCE, ['getMany']);
const deleteMany = showFor(RESOURCE, ['deleteMany']);
const download = showFor(RESOURCE, ['downloadAttachment']);

const typeOptions = [
	{ name: 'Fax', value: 'Fax' },
	{ name: 'Pager', value: 'Pager' },
	{ name: 'SMS', value: 'SMS' },
	{ name: 'Voicemail', value: 'VoiceMail' },
];

export const messageFields: INodeProperties[] = [
	accountIdField(all),
	...extensionFields(all, 'Extension whose mailbox to use. ~ means the signed-in user\'s own mailbox.'),
	{
		displayName: 'Message IDs',
		name: 'messageIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '8930983240, 8930983241',
		description: 'Message IDs separated by commas (or an array from an expression); more than 50 are sent 50 per request',
		displayOptions: byIds,
	},
	{
		displayName: 'Read Status',
		name: 'readStatus',
		type: 'options',
		options: [
			{ name: 'Read', value: 'Read' },
			{ name: 'Unread', value: 'Unread' },
		],
		default: 'Read',
		description: 'The read status to set',
		routing: { send: { type: 'body', property: 'readStatus' } },
		displayOptions: showFor(RESOURCE, ['update']),
	},
	{
		displayName: 'Options',
		name: 'deleteOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['delete']),
		options: [
			{
				displayName: 'Purge',
				name: 'purge',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the messages and their attachments at once instead of moving them to Deleted',
				routing: { send: { type: 'query', property: 'purge' } },
			},
		],
	},
	{
		displayName: 'Conversation IDs',
		name: 'conversationIds',
		type: 'string',
		default: '',
		placeholder: '7876416245344257449',
		description: 'Conversations (SMS and pager threads) to delete, separated by commas; more than 50 are sent 50 per request',
		displayOptions: deleteMany,
	},
	{
		displayName: 'Received Before',
		name: 'receivedBefore',
		type: 'dateTime',
		default: '',
		description: "Delete only messages received before this time (in the workflow's time zone unless the value names one)",
		displayOptions: deleteMany,
	},
	{
		displayName: 'Options',
		name: 'deleteManyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: deleteMany,
		options: [
			{
				displayName: 'Message Type',
				name: 'type',
				type: 'options',
				options: [{ name: 'All', value: 'All' }, ...typeOptions, { name: 'Text', value: 'Text' }],
				default: 'All',
				description: 'Delete only messages of this type',
				routing: { send: { type: 'query', property: 'type' } },
			},
			{
				displayName: 'Purge',
				name: 'purge',
				type: 'boolean',
				default: false,
				description: 'Whether to remove the messages and their attachments at once instead of moving them to Deleted',
				routing: { send: { type: 'query', property: 'purge' } },
			},
		],
	},
	...versioned(
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the message holding the attachment',
			displayOptions: download,
		},
		resourceLocator(
			{ name: 'messageId', displayName: 'Message', description: 'The message holding the attachment (the list shows the last 90 days)', displayOptions: download },
			[fromListMode('searchMessages'), byIdMode('8930983240')],
		),
	),
	...versioned(
		{
			displayName: 'Attachment ID',
			name: 'attachmentId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the attachment, from the message\'s attachments list',
			displayOptions: download,
		},
		resourceLocator(
			{
				name: 'attachmentId',
				displayName: 'Attachment',
				description: 'One of the message\'s attachments: a voicemail recording, fax document, MMS file or the SMS text',
				displayOptions: download,
			},
			[fromListMode('searchAttachments'), byIdMode('8930983240')],
		),
	),
	...downloadFields(download, 'file'),
	...returnAllFields(getMany, 1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		hint: 'Without Date From, RingCentral returns only messages of the last 24 hours',
		displayOptions: getMany,
		options: [
			{
				displayName: 'Availability',
				name: 'availability',
				type: 'multiOptions',
				options: [
					{ name: 'Alive', value: 'Alive' },
					{ name: 'Deleted', value: 'Deleted' },
					{ name: 'Purged', value: 'Purged' },
				],
				default: [],
				description: 'Messages in these states (RingCentral lists Alive ones when empty)',
				routing: { send: { type: 'query', property: 'availability' } },
			},
			...conversationAndDateFilters,
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'multiOptions',
				options: typeOptions,
				default: [],
				description: 'Only messages of these types',
				routing: { send: { type: 'query', property: 'messageType' } },
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+14155550142',
				description: 'Only messages from or to this phone number',
				routing: { send: { type: 'query', property: 'phoneNumber' } },
			},
			{
				displayName: 'Read Status',
				name: 'readStatus',
				type: 'multiOptions',
				options: [
					{ name: 'Read', value: 'Read' },
					{ name: 'Unread', value: 'Unread' },
				],
				default: [],
				description: 'Only messages with these read statuses',
				routing: { send: { type: 'query', property: 'readStatus' } },
			},
		],
	},
	simplifyField(showFor(RESOURCE, ['get', 'getMany']), 'ID, type, direction, parties, text, statuses and attachments'),
];
