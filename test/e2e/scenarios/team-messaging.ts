/**
 * Team Messaging: the user's teams, and a file uploaded from an n8n binary (a multipart webhook
 * call) then posted to a chat as the attachment of a new post.
 */
import { byId, input } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralTeamMessaging';
	const uploadPost = `team-messaging-upload-post-${auth}`;
	return [
		{
			id: `team-messaging-teams-${auth}`,
			auth,
			node,
			parameters: { resource: 'chat', operation: 'getMany', returnAll: true, chatFilters: { type: ['Team'] } },
		},
		{
			id: uploadPost,
			auth,
			steps: [
				{ name: 'upload', node, parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'document' } },
				{
					name: 'post',
					node,
					parameters: {
						resource: 'post',
						operation: 'create',
						chatId: byId(input(uploadPost, 'chatId')),
						text: input(uploadPost, 'text'),
						postOptions: { attachmentIds: '={{ $json.id }}' },
					},
				},
			],
		},
	];
}

const area: Area = { area: 'team-messaging', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
