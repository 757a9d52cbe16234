import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A chat (team, direct, group, personal or company chat), picked from the user's chats or by ID. */
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
		],
	};
}
