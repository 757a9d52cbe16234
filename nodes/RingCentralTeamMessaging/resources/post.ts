import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pathParameter, returnAllFields, showFor } from '../../RingCentral/shared/descriptions';
import { idList } from '../../RingCentral/shared/lists';
import { versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { CHAT_IN_URL, chatLocator, postLocator } from '../locators';

const RESOURCE = 'post';
const MAX_PAGE_SIZE = 250;
const POSTS_URL = `=/team-messaging/v1/chats/${pathParameter('chatId', CHAT_IN_URL)}/posts`;
const POST_URL = `${POSTS_URL}/${pathParameter('postId')}`;

/** Text, uploaded files (by the IDs File → Upload returned) or both: RingCentral needs one of them. */
async function postBody(this: IExecuteSingleFunctions, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const options = this.getNodeParameter('postOptions', {}) as IDataObject;
	const fileIds = idList(options.attachmentIds);
	const body = { ...((request.body as IDataObject) ?? {}) };
	if (body.text === '') delete body.text;
	if (fileIds.length) body.attachments = fileIds.map((id) => ({ id, type: 'File' }));
	if (body.text === undefined && !fileIds.length) {
		throw new NodeOperationError(this.getNode(), 'Enter the text of the post or add attachments under "Options"', {
			itemIndex: this.getItemIndex(),
		});
	}
	return { ...request, body };
}

export const postOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a post',
			description:
				'Post text and uploaded files to a chat (team-messaging/v1/chats/{chatId}/posts; replaces the retired glip/posts and glip/groups/{groupId}/posts)',
			routing: ringCentralRoute({ method: 'POST', url: POSTS_URL, group: 'Medium', prepare: [postBody] }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a post',
			description: 'Remove one of your posts from a chat',
			routing: ringCentralRoute({ method: 'DELETE', url: POST_URL, group: 'Medium' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many posts',
			description:
				'Posts of a chat, newest first, read 250 at a time (team-messaging/v1/chats/{chatId}/posts; replaces the retired glip/posts)',
			routing: ringCentralRoute({
				method: 'GET',
				url: POSTS_URL,
				group: 'Medium',
				list: { style: 'token', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a post',
			description:
				'Change the text of one of your posts (PATCH team-messaging/v1/chats/{chatId}/posts/{postId}; replaces the retired glip/groups/{groupId}/posts/{postId}/text)',
			routing: ringCentralRoute({ method: 'PATCH', url: POST_URL, group: 'Medium' }),
		},
	],
	default: 'create',
};

export const postFields: INodeProperties[] = [
	chatLocator(showFor(RESOURCE, ['create', 'delete', 'getMany', 'update'])),
	...versioned(
		{
			displayName: 'Post ID',
			name: 'postId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '7341000534',
			description: 'ID of the post',
			displayOptions: showFor(RESOURCE, ['delete', 'update']),
		},
		postLocator(showFor(RESOURCE, ['delete', 'update']), { description: 'One of your posts in the chat' }),
	),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Deploy finished, see ![:Person](62264426016)',
		description:
			'Text of the post (Markdown, up to 10,000 characters). Mention people or teams with ![:Person](ID) or ![:Team](ID).',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: { send: { type: 'body', property: 'text' } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The new text of the post',
		displayOptions: showFor(RESOURCE, ['update']),
		routing: { send: { type: 'body', property: 'text' } },
	},
	...versioned(
		postOptions({
			displayName: 'Reply To Post ID',
			name: 'parentPostId',
			type: 'string',
			default: '',
			description: 'Post this as a reply in the thread of that post',
			routing: { send: { type: 'body', property: 'parentPostId' } },
		}),
		postOptions({
			...postLocator(undefined, {
				name: 'parentPostId',
				displayName: 'Reply To',
				description: 'Post this as a reply in the thread of that post',
				required: false,
			}),
			routing: { send: { type: 'body', property: 'parentPostId' } },
		}),
	),
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
];

/** The options of a new post; the post replied to is typed in version 1 and picked in version 2. */
function postOptions(parentPost: INodeProperties): INodeProperties {
	return {
		displayName: 'Options',
		name: 'postOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			{
				displayName: 'Attachment File IDs',
				name: 'attachmentIds',
				type: 'string',
				default: '',
				placeholder: '9852000012, 9852000016',
				description: 'IDs of files uploaded with File → Upload, separated by commas (up to 25)',
			},
			parentPost,
		],
	};
}
