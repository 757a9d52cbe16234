import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { byIdMode, fromListMode, resourceLocator } from '../RingCentral/shared/locators';

/** Chats open in the RingCentral app at https://app.ringcentral.com/messages/<chat ID>. */
export const CHAT_IN_URL = /^\s*https?:\/\/app\.ringcentral\.com\/messages\/(\d+).*$/;

/** A chat (team, direct, group, personal or company chat), picked from the user's chats, by ID or by its link. */
export function chatLocator(
	displayOptions: IDisplayOptions,
	options: { name?: string; displayName?: string; required?: boolean; description?: string; teamsOnly?: boolean } = {},
): INodeProperties {
	const { name = 'chatId', teamsOnly = false } = options;
	return {
		displayName: options.displayName ?? (teamsOnly ? 'Team' : 'Chat'),
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description ?? (teamsOnly ? 'The team' : 'The chat: a team, a direct or group conversation, or your personal chat'),
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: teamsOnly ? 'searchTeams' : 'searchChats', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: teamsOnly ? '1360106528' : '1360106528 (or ~ for your personal chat)',
				validation: [
					{
						type: 'regex',
						properties: { regex: teamsOnly ? '^\\s*\\d+\\s*$' : '^\\s*(~|\\d+)\\s*$', errorMessage: 'A chat ID is a number' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://app.ringcentral.com/messages/1360106528',
				hint: 'The chat\'s link in the RingCentral app',
				extractValue: { type: 'regex', regex: 'app\\.ringcentral\\.com/messages/(\\d+)' },
				validation: [
					{
						type: 'regex',
						properties: { regex: '\\s*https?://app\\.ringcentral\\.com/messages/\\d+.*', errorMessage: 'Not a link to a RingCentral chat' },
					},
				],
			},
		],
	};
}

/** A post of the chosen chat, from its latest posts or by ID. */
export function postLocator(displayOptions: IDisplayOptions | undefined, options: { name?: string; displayName?: string; description?: string; required?: boolean } = {}): INodeProperties {
	return resourceLocator(
		{
			name: options.name ?? 'postId',
			displayName: options.displayName ?? 'Post',
			description: options.description ?? 'A post of the chat',
			required: options.required,
			displayOptions,
		},
		[fromListMode('searchPosts'), byIdMode('7341000534')],
	);
}

export function webhookLocator(displayOptions: IDisplayOptions): INodeProperties {
	return resourceLocator(
		{ name: 'webhookId', displayName: 'Incoming Webhook', description: 'One of the account\'s incoming webhooks', displayOptions },
		[fromListMode('searchWebhooks'), byIdMode('5021000003')],
	);
}
