import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectBatch, ringCentralDirectRequest } from '../RingCentral/shared/directRequest';

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

export const teamMessagingMethods = { listSearch: { searchChats, searchTeams } };
