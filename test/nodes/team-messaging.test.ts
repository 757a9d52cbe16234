/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { createHash } from 'crypto';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralTeamMessaging } from '../../nodes/RingCentralTeamMessaging/RingCentralTeamMessaging.node';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralTeamMessaging],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };
type Item = { json: Record<string, unknown>; binary?: Record<string, unknown> };

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const authOf = (credential: Credential) => (credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2');

const run = rc.runner('ringCentralTeamMessaging');

async function listSearch(credential: Credential, method: string, filter?: string) {
	return await rc.engine.loadOptions({
		type: 'ringCentralTeamMessaging',
		parameters: { authentication: authOf(credential), resource: 'post', operation: 'create' },
		credential,
		listSearch: method,
		filter,
	});
}

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
/** A chat picked from the list, as the editor stores a resource locator. */
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const chats = () => [...rc.emulator.areaStates.get('teamMessaging').chats.values()] as any[];
const chatNamed = (name: string) => chats().find((c) => c.name === name).id as string;
const directWith = (user: string) => chats().find((c) => c.type === 'Direct' && c.members.includes(user) && c.members.includes(users()[0])).id as string;
const postsIn = (chatId: string) => rc.emulator.areaStates.get('teamMessaging').posts.get(chatId) as any[];
const eventsSince = (count: number) => (rc.emulator.events as any[]).slice(count);

function binaryItem(content: string, fileName: string, mimeType: string): Item {
	return { json: {}, binary: { data: { data: Buffer.from(content).toString('base64'), mimeType, fileName } } };
}

beforeAll(async () => {
	// The area's state exists once a first request touched it.
	await run(await connect('jwt'), { resource: 'chat', operation: 'get', chatId: byId('~') });
});

describe.each<Auth>(['oAuth2', 'jwt'])('Team Messaging node with %s credentials', (auth) => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('Chat → Get Many filters by type and stops at the limit', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'chat', operation: 'getMany', returnAll: false, limit: 2, chatFilters: { type: ['Team', 'Everyone'] } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => i.json.name)).toEqual(['Acme Demo Co', 'Support Team']);
		const calls = apiCalls(since);
		expect(calls).toHaveLength(1);
		expect(calls[0]).toMatchObject({ path: '/team-messaging/v1/chats', query: { type: ['Team', 'Everyone'], recordCount: '2' } });
	});

	test('File → Upload then Post → Create with the uploaded file: the bytes come back at contentUri', async () => {
		const csv = `ticket,status\n4101,closed\n4102,open (${auth})\n`;
		let since = mark();
		const uploaded = await run(
			credential,
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'data', chatId: fromList('') },
			{ items: [binaryItem(csv, 'tickets.csv', 'text/csv')] },
		);
		expect(uploaded.error).toBeUndefined();
		const [upload] = apiCalls(since);
		expect(upload).toMatchObject({ method: 'POST', path: '/team-messaging/v1/files', operationId: 'createGlipFileNew', query: { name: 'tickets.csv' }, status: 200 });
		expect(upload.requestBody.parts).toEqual([
			{ name: 'body', fileName: 'tickets.csv', contentType: 'text/csv', size: csv.length, sha256: createHash('sha256').update(csv).digest('hex') },
		]);
		const file = uploaded.items[0].json;
		expect(file).toMatchObject({ name: 'tickets.csv' });
		const download = await fetch(String(file.contentUri));
		expect(download.headers.get('content-type')).toBe('text/csv');
		expect(await download.text()).toBe(csv);

		const support = chatNamed('Support Team');
		const events = rc.emulator.events.length;
		since = mark();
		const posted = await run(credential, {
			resource: 'post',
			operation: 'create',
			chatId: fromList(support),
			text: 'Weekly ticket export attached',
			postOptions: { attachmentIds: String(file.id) },
		});
		expect(posted.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({
			method: 'POST',
			path: `/team-messaging/v1/chats/${support}/posts`,
			operationId: 'createGlipPostNew',
			status: 201,
			requestBody: { text: 'Weekly ticket export attached', attachments: [{ id: file.id, type: 'File' }] },
		});
		expect(posted.items[0].json).toMatchObject({
			groupId: support,
			type: 'TextMessage',
			text: 'Weekly ticket export attached',
			attachments: [{ id: file.id, type: 'File', name: 'tickets.csv', contentUri: file.contentUri }],
		});
		expect(eventsSince(events)).toEqual([
			expect.objectContaining({ event: '/team-messaging/v1/posts', body: expect.objectContaining({ eventType: 'PostAdded', id: posted.items[0].json.id }) }),
		]);
	});

	test('Post → Get Many with Return All follows the page token to the end', async () => {
		const support = chatNamed('Support Team');
		const since = mark();
		const result = await run(credential, { resource: 'post', operation: 'getMany', chatId: byId(support), returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(postsIn(support).length);
		const calls = apiCalls(since, 'readGlipPostsNew');
		expect(calls).toHaveLength(2);
		expect(calls[0].query).toEqual({ recordCount: '250' });
		expect(calls[1].query).toEqual({ recordCount: '250', pageToken: expect.any(String) });
		const times = result.items.map((i: any) => i.json.creationTime);
		expect(times).toEqual([...times].sort().reverse());
		expect(result.items.at(-1).json.text).toBe('Ticket #4100: customer cannot log in.');
	});
});

describe('Team Messaging node: every operation, bad input and pairing', () => {
	let oauth: Credential;
	let jwt: Credential;

	beforeAll(async () => {
		oauth = await connect('oAuth2');
		jwt = await connect('jwt');
	});

	test('Chat → Get reads a chat picked from the list, by ID or ~ for the personal chat', async () => {
		const support = chatNamed('Support Team');
		const listed = await run(jwt, { resource: 'chat', operation: 'get', chatId: fromList(support) });
		expect(listed.items[0].json).toMatchObject({ id: support, type: 'Team', name: 'Support Team', public: true, status: 'Active' });
		const personal = await run(jwt, { resource: 'chat', operation: 'get', chatId: byId('~') });
		expect(personal.items[0].json).toMatchObject({ type: 'Personal', members: [{ id: users()[0] }] });
	});

	test('Chat → Get of a chat the user cannot see fails with CMN-102 in the errors[] form', async () => {
		const leadership = chatNamed('Leadership');
		const outsider = await connect('jwt', users()[5]);
		const result = await run(outsider, { resource: 'chat', operation: 'get', chatId: byId(leadership) });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('RingCentral answered 404: [CMN-102] Resource for parameter [chatId] is not found (field: chatId)');
		expect((result.error as any).context.ringCentral).toEqual({
			httpStatus: 404,
			errorCode: 'CMN-102',
			message: 'Resource for parameter [chatId] is not found',
			parameterName: 'chatId',
			hint: "RingCentral has no chat with this ID (chatId) that the signed-in user can reach. Pick it in the node's field with From list instead of typing or mapping an ID.",
		});
	});

	test('Chat → Get Many with a chat type RingCentral does not know is refused', async () => {
		const result = await run(jwt, { resource: 'chat', operation: 'getMany', returnAll: true, chatFilters: { type: '={{ ["Channel"] }}' } });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('Everyone');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'listGlipChatsNew' })]);
	});

	test('chat and team dropdowns name every chat, including direct and group chats by their people', async () => {
		const chatsList = await listSearch(jwt, 'searchChats');
		const names = chatsList.results.map((r: any) => r.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'Acme Demo Co · Everyone',
				'Personal chat (only you) · Personal',
				'Support Team · Team',
				'Engineering · Team',
				'Office Move 2025 (archived) · Team',
				'Bob Baker · Direct',
				'Carol Cole · Direct',
				'Bob Baker, Carol Cole · Group',
			]),
		);
		expect(chatsList.results.find((r: any) => r.name === 'Support Team · Team')).toEqual({
			name: 'Support Team · Team',
			value: chatNamed('Support Team'),
			url: `https://app.ringcentral.com/messages/${chatNamed('Support Team')}`,
		});
		const bob = await listSearch(jwt, 'searchChats', 'bob');
		expect(bob.results.map((r: any) => r.name)).toEqual(['Bob Baker · Direct', 'Bob Baker, Carol Cole · Group']);
		const teams = await listSearch(oauth, 'searchTeams');
		expect(teams.results.every((r: any) => r.name.endsWith('· Team'))).toBe(true);
		expect(teams.results.map((r: any) => r.name)).toContain('Leadership · Team');
	});

	test('Conversation → Create opens the existing conversation of the same people, or a new one', async () => {
		const existing = await run(jwt, { resource: 'conversation', operation: 'create', conversationMembers: `bob.baker@acme-demo.example, ${users()[2]}` });
		expect(existing.error).toBeUndefined();
		expect(existing.items[0].json).toMatchObject({ type: 'Group', members: [{ id: users()[0] }, { id: users()[1] }, { id: users()[2] }] });
		const since = mark();
		const created = await run(jwt, { resource: 'conversation', operation: 'create', conversationMembers: [users()[3], users()[4]] });
		expect(apiCalls(since)[0]).toMatchObject({ status: 201, requestBody: { members: [{ id: users()[3] }, { id: users()[4] }] } });
		expect(created.items[0].json).toMatchObject({ type: 'Group', members: [{ id: users()[0] }, { id: users()[3] }, { id: users()[4] }] });
	});

	test('Conversation → Create with an unknown email names it; with nobody, nothing is sent', async () => {
		const unknown = await run(jwt, { resource: 'conversation', operation: 'create', conversationMembers: 'nobody@acme-demo.example' });
		expect(unknown.error?.message).toContain('[CMN-102] Resource for parameter [members[0].email] is not found');
		const since = mark();
		const empty = await run(jwt, { resource: 'conversation', operation: 'create', conversationMembers: ' , ' });
		expect(empty.error?.message).toBe('Enter at least one person in "Members"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Team → Create, Add Members, Remove Members, Archive', async () => {
		let since = mark();
		const created = await run(oauth, {
			resource: 'team',
			operation: 'create',
			name: 'Launch Crew',
			teamMembers: users()[1],
			teamFields: { description: 'Product launch', public: true },
		});
		expect(created.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({
			operationId: 'createGlipTeamNew',
			status: 201,
			requestBody: { name: 'Launch Crew', description: 'Product launch', public: true, members: [{ id: users()[1] }] },
		});
		const team = created.items[0].json;
		expect(team).toMatchObject({ type: 'Team', name: 'Launch Crew', public: true, status: 'Active' });
		const teamId = String(team.id);

		since = mark();
		const added = await run(oauth, { resource: 'team', operation: 'addMembers', teamId: fromList(teamId), teamMembers: 'carol.cole@acme-demo.example' });
		expect(added.items[0].json).toEqual({ success: true });
		expect(apiCalls(since)[0]).toMatchObject({ path: `/team-messaging/v1/teams/${teamId}/add`, status: 204, requestBody: { members: [{ email: 'carol.cole@acme-demo.example' }] } });
		expect(postsIn(teamId).at(-1)).toMatchObject({ type: 'PersonsAdded', addedPersonIds: [users()[2]] });

		since = mark();
		const removed = await run(oauth, { resource: 'team', operation: 'removeMembers', teamId: byId(teamId), teamMembers: users()[1] });
		expect(removed.items[0].json).toEqual({ success: true });
		expect(apiCalls(since)[0]).toMatchObject({ path: `/team-messaging/v1/teams/${teamId}/remove`, status: 204, requestBody: { members: [{ id: users()[1] }] } });
		expect(chats().find((c) => c.id === teamId).members).toEqual([users()[0], users()[2]]);

		const archived = await run(oauth, { resource: 'team', operation: 'archive', teamId: byId(teamId) });
		expect(archived.items[0].json).toEqual({ success: true });
		const read = await run(oauth, { resource: 'chat', operation: 'get', chatId: byId(teamId) });
		expect(read.items[0].json.status).toBe('Archived');

		const late = await run(oauth, { resource: 'post', operation: 'create', chatId: byId(teamId), text: 'anyone?' });
		expect(late.error?.httpCode).toBe('403');
		expect(late.error?.message).toContain(`[CMN-401] Team [${teamId}] is archived`);
	});

	test('Team → Create with an empty name is refused by RingCentral', async () => {
		const result = await run(oauth, { resource: 'team', operation: 'create', name: '   ' });
		expect(result.error?.message).toContain('[CMN-101] Parameter [name] value is invalid. A team needs a name.');
	});

	test('Team → Add Members to a team the user is not in is forbidden (403)', async () => {
		const result = await run(oauth, { resource: 'team', operation: 'addMembers', teamId: byId(chatNamed('Engineering')), teamMembers: users()[3] });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('[CMN-401] You are not a member of team');
	});

	test('Team → Remove Members takes IDs only and says so before sending', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'team', operation: 'removeMembers', teamId: byId(chatNamed('Support Team')), teamMembers: 'dan.diaz@acme-demo.example' });
		expect(result.error?.message).toBe('"Members" takes person IDs only, not email addresses like dan.diaz@acme-demo.example');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Team → Archive of a chat that is not a team fails with CMN-102', async () => {
		const result = await run(oauth, { resource: 'team', operation: 'archive', teamId: byId(directWith(users()[1])) });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('[CMN-102]');
	});

	test('Post → Create resolves mentions; Update changes the text; Delete removes it', async () => {
		const direct = directWith(users()[1]);
		const events = rc.emulator.events.length;
		const created = await run(jwt, { resource: 'post', operation: 'create', chatId: fromList(direct), text: `Thanks ![:Person](${users()[1]})!` });
		expect(created.items[0].json).toMatchObject({ text: `Thanks ![:Person](${users()[1]})!`, mentions: [{ id: users()[1], type: 'Person', name: 'Bob Baker' }] });
		const postId = String(created.items[0].json.id);

		let since = mark();
		const updated = await run(jwt, { resource: 'post', operation: 'update', chatId: byId(direct), postId, text: 'Thanks Bob!' });
		expect(apiCalls(since)[0]).toMatchObject({ method: 'PATCH', operationId: 'patchGlipPostNew', requestBody: { text: 'Thanks Bob!' } });
		expect(updated.items[0].json).toMatchObject({ id: postId, text: 'Thanks Bob!' });

		since = mark();
		const deleted = await run(jwt, { resource: 'post', operation: 'delete', chatId: byId(direct), postId });
		expect(deleted.items[0].json).toEqual({ success: true });
		expect(apiCalls(since)[0]).toMatchObject({ method: 'DELETE', operationId: 'deleteGlipPostNew', status: 204 });
		expect(postsIn(direct).some((p) => p.id === postId)).toBe(false);
		expect(eventsSince(events).map((e: any) => e.body.eventType)).toEqual(['PostAdded', 'PostChanged', 'PostRemoved']);
	});

	test('Post → Create needs text or files: nothing is sent without them; an unknown file is named', async () => {
		const support = chatNamed('Support Team');
		const since = mark();
		const empty = await run(jwt, { resource: 'post', operation: 'create', chatId: byId(support), text: '' });
		expect(empty.error?.message).toBe('Enter the text of the post or add attachments under "Options"');
		expect(apiCalls(since)).toHaveLength(0);
		const unknown = await run(jwt, { resource: 'post', operation: 'create', chatId: byId(support), postOptions: { attachmentIds: '123' } });
		expect(unknown.error?.message).toContain('[CMN-102] Resource for parameter [attachments[0].id] is not found');
	});

	test('Post → Update of someone else\'s post is forbidden (403)', async () => {
		const direct = directWith(users()[1]);
		const bobsPost = postsIn(direct).find((p) => p.creatorId === users()[1]);
		const result = await run(jwt, { resource: 'post', operation: 'update', chatId: byId(direct), postId: bobsPost.id, text: 'edited by Alice' });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('[CMN-401] Only the author of a post may change or delete it');
	});

	test('Post → Delete of a post that does not exist fails with CMN-102', async () => {
		const result = await run(jwt, { resource: 'post', operation: 'delete', chatId: byId(chatNamed('Support Team')), postId: '1' });
		expect(result.error?.message).toContain('[CMN-102] Resource for parameter [postId] is not found');
	});

	test('Post → Get Many with a limit asks for that many; a chat not visible is CMN-102', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'post', operation: 'getMany', chatId: byId(chatNamed('Sales Team')), returnAll: false, limit: 1 });
		expect(result.items.map((i: any) => i.json.text)).toEqual(['Globex renewal signed for 3 years.']);
		expect(apiCalls(since)[0].query).toEqual({ recordCount: '1' });
		const hidden = await run(oauth, { resource: 'post', operation: 'getMany', chatId: byId('999'), returnAll: true });
		expect(hidden.error?.message).toContain('[CMN-102] Resource for parameter [chatId] is not found');
	});

	test('File → Upload into a chat posts it there under the chosen name', async () => {
		const sales = chatNamed('Sales Team');
		const since = mark();
		const result = await run(
			oauth,
			{ resource: 'file', operation: 'upload', binaryPropertyName: 'report', chatId: fromList(sales), fileOptions: { fileName: 'q4-forecast.txt' } },
			{ items: [{ json: {}, binary: { report: { data: Buffer.from('Q4: 1.2M').toString('base64'), mimeType: 'text/plain', fileName: 'tmp123.txt' } } }] },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].query).toEqual({ groupId: sales, name: 'q4-forecast.txt' });
		expect(postsIn(sales).at(-1)).toMatchObject({ attachments: [expect.objectContaining({ id: result.items[0].json.id, name: 'q4-forecast.txt', type: 'File' })] });
	});

	test('File → Upload without the binary property says which one is missing', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'file', operation: 'upload', binaryPropertyName: 'attachment', chatId: fromList('') }, { items: [binaryItem('x', 'x.txt', 'text/plain')] });
		expect(result.error?.message).toBe('The input item has no binary property "attachment"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Person → Get reads many people 30 at a time, one item each, unknown ones reported', async () => {
		const ids = [...users(), '404'];
		const since = mark();
		const result = await run(oauth, { resource: 'person', operation: 'get', personIds: ids.join(',') });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)).toHaveLength(1);
		expect(result.items).toHaveLength(ids.length);
		expect(result.items[1].json).toMatchObject({ id: users()[1], firstName: 'Bob', lastName: 'Baker', email: 'bob.baker@acme-demo.example', companyId: rc.emulator.state.accountId });
		expect(result.items.at(-1).json).toEqual({
			error: 'Person ID 404: RingCentral answered 404: [CMN-102] Resource for parameter [personId] is not found (field: personId)',
			details: {
				personId: '404',
				httpStatus: 404,
				errorCode: 'CMN-102',
				message: 'Resource for parameter [personId] is not found',
				parameterName: 'personId',
				hint: 'RingCentral has no person with this ID (personId) that the signed-in user can reach. Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
			},
		});
		const me = await run(oauth, { resource: 'person', operation: 'get', personIds: '~' });
		expect(me.items[0].json).toMatchObject({ id: users()[0], firstName: 'Alice' });
	});

	test('Person → Get of one unknown person fails with CMN-102', async () => {
		const result = await run(oauth, { resource: 'person', operation: 'get', personIds: rc.emulator.state.ids.supportQueue });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('[CMN-102] Resource for parameter [personId] is not found');
	});

	test('Company → Get reads your company; another company is CMN-102', async () => {
		const mine = await run(jwt, { resource: 'company', operation: 'get', companyId: '~' });
		expect(mine.items[0].json).toEqual({
			id: rc.emulator.state.accountId,
			name: 'Acme Demo Co',
			domain: 'acme-demo.example',
			creationTime: '2019-04-02T16:20:11.000Z',
			lastModifiedTime: '2019-04-02T16:20:11.000Z',
		});
		const other = await run(jwt, { resource: 'company', operation: 'get', companyId: '1' });
		expect(other.error?.message).toContain('[CMN-102] Resource for parameter [companyId] is not found');
	});

	test('Incoming Webhook → Create, Get Many, Get Many in Chat, Get, Suspend, Activate, Delete', async () => {
		const support = chatNamed('Support Team');
		const created = await run(jwt, { resource: 'incomingWebhook', operation: 'create', chatId: fromList(support) });
		expect(created.error).toBeUndefined();
		const hook = created.items[0].json;
		expect(hook).toMatchObject({ groupIds: [support], status: 'Active', creatorId: users()[0] });
		const webhookId = String(hook.id);

		const all = await run(jwt, { resource: 'incomingWebhook', operation: 'getMany' });
		expect(all.items.map((i: any) => i.json.id)).toContain(webhookId);
		const inChat = await run(jwt, { resource: 'incomingWebhook', operation: 'getManyInChat', chatId: byId(support) });
		expect(inChat.items.map((i: any) => i.json)).toEqual([hook]);
		const one = await run(jwt, { resource: 'incomingWebhook', operation: 'get', webhookId });
		expect(one.items.map((i: any) => i.json)).toEqual([hook]);

		const suspended = await run(jwt, { resource: 'incomingWebhook', operation: 'suspend', webhookId });
		expect(suspended.items[0].json).toEqual({ success: true });
		const refused = await fetch(String(hook.uri), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'build failed' }) });
		expect(refused.status).toBe(403);

		await run(jwt, { resource: 'incomingWebhook', operation: 'activate', webhookId });
		const delivered = await fetch(String(hook.uri), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'build passed' }) });
		expect(delivered.status).toBe(200);
		expect(postsIn(support).at(-1)).toMatchObject({ text: 'build passed', creatorId: users()[0] });

		const deleted = await run(jwt, { resource: 'incomingWebhook', operation: 'delete', webhookId });
		expect(deleted.items[0].json).toEqual({ success: true });
		const gone = await run(jwt, { resource: 'incomingWebhook', operation: 'get', webhookId });
		expect(gone.error?.httpCode).toBe('404');
	});

	test.each([
		['create', 'groupId', { chatId: byId('999') }],
		['getManyInChat', 'groupId', { chatId: byId('999') }],
		['get', 'webhookId', { webhookId: '1' }],
		['activate', 'webhookId', { webhookId: '1' }],
		['suspend', 'webhookId', { webhookId: '1' }],
		['delete', 'webhookId', { webhookId: '1' }],
	])('Incoming Webhook → %s of something unknown fails with CMN-102 naming %s', async (operation, field, fields) => {
		const result = await run(jwt, { resource: 'incomingWebhook', operation, ...fields });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain(`[CMN-102] Resource for parameter [${field}] is not found (field: ${field})`);
	});

	test('Incoming Webhook → Get Many (no input to get wrong) survives an expired token: refreshed once, then answered', async () => {
		const credential = await connect('oAuth2');
		rc.emulator.oauth.expireAccessTokens();
		const since = mark();
		const result = await run(credential, { resource: 'incomingWebhook', operation: 'getMany' });
		expect(result.error).toBeUndefined();
		const calls = rc.emulator.journal({ since });
		expect(calls.map((c: any) => [c.operationId, c.status])).toEqual([
			['listGlipWebhooksNew', 401],
			['getToken', 200],
			['listGlipWebhooksNew', 200],
		]);
		expect(rc.engine.credentialEvents).toContainEqual({ credentialId: credential.id, kind: 'refreshed' });
	});

	test('continue on fail keeps each failed item paired with its input', async () => {
		const items = [{ json: { chat: chatNamed('Support Team') } }, { json: { chat: '999' } }];
		const result = await run(jwt, { resource: 'chat', operation: 'get', chatId: byId('={{ $json.chat }}') }, { items, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.name).toBe('Support Team');
		expect(result.items[1].json).toMatchObject({ details: { httpStatus: 404, errorCode: 'CMN-102', parameterName: 'chatId' } });
	});
});

describe('Team Messaging node: an app without the TeamMessaging permission', () => {
	test('Chat → Get Many fails with RingCentral\'s 403 (errors[] only, as team messaging answers) naming CMN-401 and the permission', async () => {
		const app = { clientId: 'no-team-messaging-app', clientSecret: 'no-team-messaging-secret' };
		rc.emulator.oauth.registerApp({ ...app, permissions: ['ReadAccounts', 'ReadPresence'] });
		const credential = await rc.connect('jwt', undefined, { app });
		const since = mark();
		const result = await run(credential, { resource: 'chat', operation: 'getMany', returnAll: false, limit: 2 });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('CMN-401');
		expect(result.error?.message).toContain('application needs to have [TeamMessaging] permission');
		const [call] = apiCalls(since);
		expect([call.operationId, call.status]).toEqual(['listGlipChatsNew', 403]);
	});
});
