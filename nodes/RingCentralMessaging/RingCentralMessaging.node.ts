import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { messagingMethods } from './methods';
import { faxFields, faxOperations } from './resources/fax';
import { messageFields, messageOperations } from './resources/message';
import { messageSyncFields, messageSyncOperations } from './resources/messageSync';
import { pagerMessageFields, pagerMessageOperations } from './resources/pagerMessage';
import { smsFields, smsOperations } from './resources/sms';

export class RingCentralMessaging implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Messaging',
		name: 'ringCentralMessaging',
		icon: { light: 'file:../../icons/messaging.svg', dark: 'file:../../icons/messaging.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'sms:send': 'Send SMS',
			'pagerMessage:send': 'Send Pager Message',
			'fax:send': 'Send Fax',
			'fax:getCoverPages': 'Get Fax Cover Pages',
			'message:delete': 'Delete Messages',
			'message:deleteMany': 'Delete Messages by Conversation or Date',
			'message:downloadAttachment': 'Download Message Attachment',
			'message:get': 'Get Messages',
			'message:getMany': 'Get Many Messages',
			'message:update': 'Mark Messages Read or Unread',
			'messageSync:sync': 'Sync Messages',
		}),
		description: 'Send SMS, pager messages and faxes, and read, sync and tidy a RingCentral mailbox',
		defaults: { name: 'RingCentral Messaging' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		requestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Fax', value: 'fax' },
					{ name: 'Message', value: 'message', description: 'Messages in the mailbox (message store) and their attachments' },
					{ name: 'Message Sync', value: 'messageSync' },
					{ name: 'Pager Message', value: 'pagerMessage', description: 'Internal text messages between extensions' },
					{ name: 'SMS', value: 'sms' },
				],
				default: 'sms',
			},
			smsOperations,
			pagerMessageOperations,
			faxOperations,
			messageOperations,
			messageSyncOperations,
			...smsFields,
			...pagerMessageFields,
			...faxFields,
			...messageFields,
			...messageSyncFields,
		],
	};

	methods = messagingMethods;
}
