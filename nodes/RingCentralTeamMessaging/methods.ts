import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectBatch, ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import { currentParameter, matches } from '../RingCentral/shared/listSearch';
import { locatorValue } from '../RingCentral/shared/locators';
import { CHAT_IN_URL } from './locators';

const PAGE_SIZE = 250;
const PERSON_BATCH = 30;
/** Chats open in the RingCentral app at this address. */
const APP_CHAT_URL = 'https://app.ringcentral.com/messages/';

/** Display names of people (by person ID), read 30 per request. */
async function personNames(context: ILoadOptionsFunctions, ids: string[]): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	const people = await ringCentralDirectBatch.call(context, ids, PERSON_BATCH, (joined) => `/team-messaging/v1/persons/${joined}`);
	for (const { body } of people) {
		const person = (body ?? {}) as IDataObject;
		const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
		if (person.id) names.set(String(person.id), name || String(person.email ?? person.id));
	}
	return names;
}

/** Teams have names; direct and group chats are named after the other people in them. */
async function chatItems(context: ILoadOptionsFunctions, chats: IDataObject[]): Promise<INodeListSearchItems[]> {
	const me = ((await ringCentralDirectRequest.call(context, 'GET', '/team-messaging/v1/persons/~')) as IDataObject).id;
	const membersOf = (chat: IDataObject) =>
		((chat.members as IDataObject[] | undefined) ?? []).map((m) => String(m.id)).filter((id) => id !== String(me));
	const unnamed = chats.filter((chat) => chat.type === 'Direct' || chat.type === 'Group');
	const names = await personNames(context, [...new Set(unnamed.flatMap(membersOf))]);
	return chats.map((chat) => {
		let name = String(chat.name ?? '');
		if (chat.type === 'Personal') name = 'Personal chat (only you)';
		else if (!name) name = membersOf(chat).map((id) => names.get(id) ?? id).join(', ');
		const label = chat.type === 'Team' && chat.status === 'Archived' ? `${name} (archived)` : name;
		return { name: `${label} · ${chat.type}`, value: String(chat.id), url: `${APP_CHAT_URL}${chat.id}` };
	});
}

async function search(
	context: ILoadOptionsFunctions,
	url: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const answer = await ringCentralDirectRequest.call(context, 'GET', url, {
		qs: { recordCount: PAGE_SIZE, ...(paginationToken ? { pageToken: paginationToken } : {}) },
		group: 'Medium',
	});
	const items = await chatItems(context, (answer.records as IDataObject[]) ?? []);
	const wanted = filter?.trim().toLowerCase();
	const nextPageToken = (answer.navigation as IDataObject | undefined)?.nextPageToken as string | undefined;
	return {
		results: wanted ? items.filter((item) => item.name.toLowerCase().includes(wanted)) : items,
		paginationToken: nextPageToken,
	};
}

/** The user's chats of every kind, searchable by name (the API has no name search: filtered here). */
async function searchChats(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/team-messaging/v1/chats', filter, paginationToken);
}

/** Teams the user belongs to or may join. */
async function searchTeams(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await search(this, '/team-messaging/v1/teams', filter, paginationToken);
}

/** The chat chosen in the node's Chat field, as an ID (also when a link to it was pasted). */
function chosenChat(context: ILoadOptionsFunctions): string {
	return locatorValue(currentParameter(context, 'chatId')).replace(CHAT_IN_URL, '$1');
}

/** Posts of the chosen chat, newest first, named by their author and text. */
async function searchPosts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const chatId = chosenChat(this);
	if (!chatId) return { results: [] };
	const answer = await ringCentralDirectRequest.call(this, 'GET', `/team-messaging/v1/chats/${encodeURIComponent(chatId)}/posts`, {
		qs: { recordCount: PAGE_SIZE, ...(paginationToken ? { pageToken: paginationToken } : {}) },
	});
	const posts = (answer.records as IDataObject[] | undefined) ?? [];
	const names = await personNames(this, [...new Set(posts.map((post) => String(post.creatorId ?? '')).filter(Boolean))]);
	const results = posts
		.map((post) => {
			const text = String(post.text ?? '').replace(/\s+/g, ' ').slice(0, 60) || `${((post.attachments as unknown[]) ?? []).length} attachment(s)`;
			const author = names.get(String(post.creatorId)) ?? String(post.creatorId ?? '');
			return { name: `${author}: ${text} · ${String(post.creationTime ?? '').slice(0, 16).replace('T', ' ')}`, value: String(post.id) };
		})
		.filter((item) => matches(filter, item.name));
	return { results, paginationToken: (answer.navigation as IDataObject | undefined)?.nextPageToken as string | undefined };
}

/** The account's incoming webhooks, named by the chats they post into. */
async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const answer = await ringCentralDirectRequest.call(this, 'GET', '/team-messaging/v1/webhooks');
	const hooks = (answer.records as IDataObject[] | undefined) ?? [];
	const chatIds = [...new Set(hooks.flatMap((hook) => ((hook.groupIds ?? hook.chatIds) as string[] | undefined) ?? []).map(String))];
	const chats: IDataObject[] = [];
	for (const id of chatIds) {
		chats.push(await ringCentralDirectRequest.call(this, 'GET', `/team-messaging/v1/chats/${encodeURIComponent(id)}`));
	}
	const chatNames = new Map((await chatItems(this, chats)).map((item) => [item.value, item.name]));
	const results = hooks
		.map((hook) => {
			const into = (((hook.groupIds ?? hook.chatIds) as string[] | undefined) ?? []).map((id) => chatNames.get(String(id)) ?? String(id));
			return { name: `Into ${into.join(', ') || 'no chat'} · ${hook.status} · ${hook.id}`, value: String(hook.id) };
		})
		.filter((item) => matches(filter, item.name));
	return { results };
}

export const teamMessagingMethods = { listSearch: { searchChats, searchPosts, searchTeams, searchWebhooks } };
