import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { teamMessagingMethods } from './methods';
import { chatFields, chatOperations } from './resources/chat';
import { companyFields, companyOperations } from './resources/company';
import { conversationFields, conversationOperations } from './resources/conversation';
import { fileFields, fileOperations } from './resources/file';
import { incomingWebhookFields, incomingWebhookOperations } from './resources/incomingWebhook';
import { personFields, personOperations } from './resources/person';
import { postFields, postOperations } from './resources/post';
import { teamFields, teamOperations } from './resources/team';

export class RingCentralTeamMessaging implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Team Messaging',
		name: 'ringCentralTeamMessaging',
		icon: { light: 'file:../../icons/team-messaging.svg', dark: 'file:../../icons/team-messaging.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'chat:get': 'Get Chat',
			'chat:getMany': 'Get Many Chats',
			'company:get': 'Get Company',
			'conversation:create': 'Open Conversation',
			'file:upload': 'Upload File',
			'incomingWebhook:activate': 'Activate Incoming Webhook',
			'incomingWebhook:create': 'Create Incoming Webhook',
			'incomingWebhook:delete': 'Delete Incoming Webhook',
			'incomingWebhook:get': 'Get Incoming Webhook',
			'incomingWebhook:getMany': 'Get Many Incoming Webhooks',
			'incomingWebhook:getManyInChat': 'Get Incoming Webhooks of Chat',
			'incomingWebhook:suspend': 'Suspend Incoming Webhook',
			'person:get': 'Get Persons',
			'post:create': 'Create Post',
			'post:delete': 'Delete Post',
			'post:getMany': 'Get Many Posts',
			'post:update': 'Update Post',
			'team:addMembers': 'Add Team Members',
			'team:archive': 'Archive Team',
			'team:create': 'Create Team',
			'team:removeMembers': 'Remove Team Members',
		}),
		description: 'Post to RingCentral chats and teams, share files and manage incoming webhooks (the API that replaced Glip)',
		defaults: { name: 'RingCentral Team Messaging' },
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
					{ name: 'Chat', value: 'chat', description: 'Any chat: team, direct, group, personal or company-wide' },
					{ name: 'Company', value: 'company', description: 'A RingCentral company (account)' },
					{ name: 'Conversation', value: 'conversation', description: 'A direct or group chat of a set of people' },
					{ name: 'File', value: 'file', description: 'A file shared in team messaging' },
					{ name: 'Incoming Webhook', value: 'incomingWebhook', description: 'A URL that posts into a chat' },
					{ name: 'Person', value: 'person', description: 'A team messaging user' },
					{ name: 'Post', value: 'post', description: 'A message in a chat' },
					{ name: 'Team', value: 'team', description: 'A named chat people join and leave' },
				],
				default: 'post',
			},
			chatOperations,
			companyOperations,
			conversationOperations,
			fileOperations,
			incomingWebhookOperations,
			personOperations,
			postOperations,
			teamOperations,
			...chatFields,
			...companyFields,
			...conversationFields,
			...fileFields,
			...incomingWebhookFields,
			...personFields,
			...postFields,
			...teamFields,
		],
	};

	methods = teamMessagingMethods;
}
