/**
 * Team messaging (/team-messaging/v1): chats of every type, conversations, teams (create, add and
 * remove members, archive), posts with cursor pagination (recordCount/pageToken), file uploads
 * kept and served back at their contentUri, persons, the company and incoming webhooks that post
 * into their chat. Errors carry errors[] only. RingCentral documents no codes for refusals of
 * membership or authorship; the emulator answers those with 403 CMN-401 and a message saying why.
 */
import crypto from 'node:crypto';

import { RcError, errors } from '../errors';
import { idList, multipartMixed } from '../http-util';
import { COMPANY, extensionByEmail, personOf, seededTime } from '../people';
import type { Emulator } from '../server';
import type { State } from '../state';
import type { Auth, HandlerContext, HandlerResult, Route } from '../types';
import { listOf } from './common';

const BASE = '/team-messaging/v1';
const DEFAULT_RECORD_COUNT = 30;
const PERSON_BATCH_LIMIT = 30;
const CONVERSATION_MEMBER_LIMIT = 15;
const POST_TEXT_LIMIT = 10000;
const ATTACHMENT_LIMIT = 25;
/** Posts in the busy Support Team chat: more than one page of the largest size (250). */
const SUPPORT_POST_COUNT = 260;

/** A chat of any type; teams have a name, a description, a public flag and a status. */
interface Chat {
	id: string;
	type: string;
	name?: string;
	description?: string;
	public?: boolean;
	status?: string;
	members: string[];
	creationTime: string;
	lastModifiedTime: string;
}

interface FileRef {
	id: string;
	contentUri: string;
	name: string;
}

interface Mention {
	id: string;
	type: string;
	name?: string;
}

interface Post {
	id: string;
	groupId: string;
	type: string;
	creatorId: string;
	creationTime: string;
	lastModifiedTime: string;
	attachments: Array<FileRef & { type: string }>;
	mentions: Mention[];
	text?: string;
	/** incoming-webhook posts */
	title?: string;
	/** PersonsAdded posts */
	addedPersonIds?: string[];
	parentPostId?: string;
	threadId?: string;
	isParent?: boolean;
}

/** An uploaded file, kept so its contentUri serves it back. */
interface StoredFile {
	id: string;
	name: string;
	contentType: string;
	data: Buffer;
	creatorId: string;
}

interface IncomingWebhook {
	id: string;
	creatorId: string;
	groupIds: string[];
	creationTime: string;
	lastModifiedTime: string;
	status: string;
	/** the secret part of its address */
	token: string;
}

/** A person in a member list of a request: by id (`~` for the caller) or by email. */
interface MemberRequest {
	id?: string;
	email?: string;
}

/** POST /team-messaging/v1/teams (spec: TMCreateTeamRequest). */
interface TeamRequest {
	name?: string;
	description?: string;
	public?: boolean;
	members?: MemberRequest[];
}

/** POST …/chats/{chatId}/posts (spec: TMCreatePostRequest). */
interface PostRequest {
	text?: string;
	attachments?: Array<{ id?: string; type?: string }>;
	parentPostId?: string;
}

/** What storing a post needs: the area's store, the directory and who writes (an incoming webhook writes as its creator). */
type PostWriter = Pick<HandlerContext, 'store' | 'state'> & { auth: Pick<Auth, 'extensionId'> };

const TICKET_TOPICS = ['cannot log in', 'asks for an invoice copy', 'reports dropped calls', 'wants to add a user', 'needs a fax number ported', 'cannot hear callers', 'asks about SMS registration', 'reports a voicemail delay'];

function initialTeamMessaging(state: State) {
	let nextChatId = 1360000006;
	let nextPostId = 7341000004;
	let nextFileId = 9852000012;
	let nextWebhookId = 5021000003;
	const chats = new Map<string, Chat>();
	/** chat id → posts, oldest first */
	const posts = new Map<string, Post[]>();
	const users = state.users;
	const admin = state.ids.admin;
	let minutesAgo = 60 * 24 * 300;

	const addChat = (chat: Omit<Chat, 'id' | 'creationTime' | 'lastModifiedTime'>) => {
		const id = String(nextChatId);
		nextChatId += 8194;
		const at = seededTime((minutesAgo -= 60));
		chats.set(id, { id, creationTime: at, lastModifiedTime: at, ...chat, members: chat.members.filter(Boolean) });
		posts.set(id, []);
		return id;
	};
	const addPost = (chatId: string, creatorId: string, fields: Partial<Post>, ago: number) => {
		const id = String(nextPostId);
		nextPostId += 2;
		const at = seededTime(ago);
		posts.get(chatId)?.push({ id, groupId: chatId, type: 'TextMessage', creatorId, creationTime: at, lastModifiedTime: at, attachments: [], mentions: [], ...fields });
	};

	const everyone = addChat({ type: 'Everyone', name: COMPANY.name, description: 'Company-wide announcements', members: [...users] });
	for (const user of users) addChat({ type: 'Personal', members: [user] });
	const support = addChat({ type: 'Team', name: 'Support Team', description: 'Customer support coordination', public: true, status: 'Active', members: users.slice(0, 4) });
	const sales = addChat({ type: 'Team', name: 'Sales Team', description: 'Pipeline and deals', public: true, status: 'Active', members: [admin, users[4], users[5]] });
	addChat({ type: 'Team', name: 'Leadership', description: 'Private planning', public: false, status: 'Active', members: [admin, users[1]] });
	addChat({ type: 'Team', name: 'Engineering', description: 'Builds and releases', public: true, status: 'Active', members: [users[6], users[7]] });
	addChat({ type: 'Team', name: 'Office Move 2025', description: 'Finished project', public: false, status: 'Archived', members: [admin, users[2]] });
	const direct = addChat({ type: 'Direct', members: [admin, users[1]] });
	addChat({ type: 'Direct', members: [admin, users[2]] });
	addChat({ type: 'Group', members: [admin, users[1], users[2]] });

	addPost(everyone, admin, { text: 'Welcome to Acme Demo Co! Office is closed on Thursday for the holiday.' }, 60 * 24 * 3);
	addPost(everyone, users[4], { text: 'Q4 kickoff slides are in the Sales Team chat.' }, 60 * 24 * 2);
	addPost(sales, admin, { type: 'PersonsAdded', addedPersonIds: [users[4], users[5]].filter(Boolean), text: undefined }, 60 * 24 * 20);
	addPost(sales, users[4], { text: 'Globex renewal signed for 3 years.' }, 60 * 24);
	addPost(direct, users[1], { text: 'Can you cover the support queue at 2pm?' }, 90);
	addPost(direct, admin, { text: 'Yes, I will take it.' }, 85);
	for (let n = 0; n < SUPPORT_POST_COUNT; n++) {
		const author = users[n % 4];
		addPost(support, author, { text: `Ticket #${4100 + n}: customer ${TICKET_TOPICS[n % TICKET_TOPICS.length]}.` }, 60 * 24 * 14 - n * 30);
	}
	for (const list of posts.values()) for (const post of list) if (post.text === undefined) delete post.text;

	return {
		chats,
		posts,
		files: new Map<string, StoredFile>(),
		webhooks: new Map<string, IncomingWebhook>(),
		newChatId: () => String((nextChatId += 8194) - 8194),
		newPostId: () => String((nextPostId += 2) - 2),
		newFileId: () => String((nextFileId += 4) - 4),
		newWebhookId: () => String((nextWebhookId += 3) - 3),
	};
}

function tm(ctx: Pick<HandlerContext, 'store' | 'state'>) {
	return ctx.store('teamMessaging', () => initialTeamMessaging(ctx.state));
}

const notFound = (parameterName: string) => errors.notFound(parameterName);
const forbidden = (message: string) => new RcError(403, 'CMN-401', message);
const invalid = (parameterName: string, why: string) => errors.invalidParameter(parameterName, why);
const now = () => new Date().toISOString();

/** Members of a chat and public teams may see it. */
function canSee(chat: Chat, user: string): boolean {
	return chat.members.includes(user) || (chat.type === 'Team' && chat.public === true);
}

function chatOf(ctx: HandlerContext, raw: string, options: { memberOnly?: boolean; parameterName?: string } = {}): Chat {
	const { chats } = tm(ctx);
	const user = ctx.auth.extensionId;
	const id = raw === '~' ? [...chats.values()].find((c) => c.type === 'Personal' && c.members[0] === user)?.id : raw;
	const chat = chats.get(String(id));
	if (!chat || !canSee(chat, user)) throw notFound(options.parameterName ?? 'chatId');
	if (options.memberOnly && !chat.members.includes(user)) throw forbidden(`You are not a member of chat [${chat.id}]`);
	return chat;
}

/** A chat as the API answers it, members included. */
function chatInfo(chat: Chat) {
	return { ...teamInfo(chat), members: chat.members.map((id) => ({ id })) };
}

/** A chat without its members, as the team list answers it. */
function teamInfo(chat: Chat) {
	const teamLike = chat.type === 'Team' || chat.type === 'Everyone';
	return {
		id: chat.id,
		type: chat.type,
		...(chat.type === 'Team' ? { public: chat.public, status: chat.status } : {}),
		...(teamLike ? { name: chat.name, description: chat.description } : {}),
		creationTime: chat.creationTime,
		lastModifiedTime: chat.lastModifiedTime,
	};
}

/** Cursor pagination: the token names the list it belongs to and where the next page starts. */
function cursorPage<T>(ctx: HandlerContext, records: T[], scope: string) {
	const count = ctx.query.recordCount === undefined ? DEFAULT_RECORD_COUNT : Number(ctx.query.recordCount);
	if (!Number.isInteger(count) || count < 1) throw invalid('recordCount', 'It must be between 1 and 250.');
	let start = 0;
	if (ctx.query.pageToken !== undefined) {
		const decoded = readToken(String(ctx.query.pageToken));
		if (!decoded || decoded.scope !== scopeKey(ctx, scope)) throw invalid('pageToken', 'The page token is unknown or belongs to another list.');
		start = decoded.offset;
	}
	const slice = records.slice(start, start + count);
	const navigation: { nextPageToken?: string; prevPageToken?: string } = {};
	if (start + count < records.length) navigation.nextPageToken = writeToken(scopeKey(ctx, scope), start + count);
	if (start > 0) navigation.prevPageToken = writeToken(scopeKey(ctx, scope), Math.max(0, start - count));
	return { records: slice, navigation };
}

const scopeKey = (ctx: HandlerContext, scope: string) =>
	crypto.createHash('sha256').update(`${ctx.auth.extensionId}|${scope}`).digest('base64url').slice(0, 12);
const writeToken = (scope: string, offset: number) => Buffer.from(`${scope}:${offset}`).toString('base64url');
function readToken(token: string): { scope: string; offset: number } | undefined {
	const match = /^([\w-]{12}):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
	return match ? { scope: match[1], offset: Number(match[2]) } : undefined;
}

function listChats(ctx: HandlerContext): HandlerResult {
	const types = listOf(ctx.query.type);
	const user = ctx.auth.extensionId;
	const visible = [...tm(ctx).chats.values()].filter((c) => canSee(c, user) && (!types.length || types.includes(c.type)));
	return { body: cursorPage(ctx, visible.map(chatInfo), `chats:${types.sort().join(',')}`) };
}

function listTeams(ctx: HandlerContext): HandlerResult {
	const user = ctx.auth.extensionId;
	const teams = [...tm(ctx).chats.values()].filter((c) => c.type === 'Team' && canSee(c, user));
	return { body: cursorPage(ctx, teams.map(teamInfo), 'teams') };
}

/** People named by id or email, as RingCentral takes them in member lists. */
function memberIds(ctx: HandlerContext, members: MemberRequest[], options: { emails?: boolean } = { emails: true }): string[] {
	return members.map((member, index) => {
		if (member.id !== undefined) {
			const id = String(member.id) === '~' ? ctx.auth.extensionId : String(member.id);
			if (!ctx.state.isUser(id)) throw new RcError(400, 'CMN-102', `Resource for parameter [members[${index}].id] is not found`, { parameterName: `members[${index}].id` });
			return id;
		}
		if (options.emails && member.email !== undefined) {
			const id = extensionByEmail(ctx.state, member.email);
			if (!id) throw new RcError(400, 'CMN-102', `Resource for parameter [members[${index}].email] is not found`, { parameterName: `members[${index}].email` });
			return id;
		}
		throw invalid(`members[${index}]`, options.emails ? 'Give the id or the email of each member.' : 'Give the id of each member.');
	});
}

/** Opens the conversation of exactly these people, creating it if it does not exist yet. */
function createConversation(ctx: HandlerContext): HandlerResult {
	const request = ctx.body as { members?: MemberRequest[] } | undefined;
	const requested = memberIds(ctx, request?.members ?? []);
	if (new Set(requested).size > CONVERSATION_MEMBER_LIMIT) throw invalid('members', `A conversation has at most ${CONVERSATION_MEMBER_LIMIT} members.`);
	const members = [...new Set([ctx.auth.extensionId, ...requested])];
	const type = members.length === 1 ? 'Personal' : members.length === 2 ? 'Direct' : 'Group';
	const store = tm(ctx);
	const same = (chat: Chat) => chat.type === type && chat.members.length === members.length && members.every((m) => chat.members.includes(m));
	const existing = [...store.chats.values()].find(same);
	if (existing) return { status: 200, body: chatInfo(existing) };
	const id = store.newChatId();
	const at = now();
	const chat: Chat = { id, type, members, creationTime: at, lastModifiedTime: at };
	store.chats.set(id, chat);
	store.posts.set(id, []);
	ctx.emit(`${BASE}/chats`, { ...chatInfo(chat), eventType: 'GroupJoined' });
	return { status: 201, body: chatInfo(chat) };
}

function createTeam(ctx: HandlerContext): HandlerResult {
	const body = (ctx.body as TeamRequest | undefined) ?? {};
	if (!String(body.name).trim()) throw invalid('name', 'A team needs a name.');
	const members = [...new Set([ctx.auth.extensionId, ...memberIds(ctx, body.members ?? [])])];
	const store = tm(ctx);
	const id = store.newChatId();
	const at = now();
	const team: Chat = { id, type: 'Team', name: body.name, description: body.description, public: body.public === true, status: 'Active', members, creationTime: at, lastModifiedTime: at };
	if (team.description === undefined) delete team.description;
	store.chats.set(id, team);
	store.posts.set(id, []);
	ctx.emit(`${BASE}/chats`, { ...chatInfo(team), eventType: 'GroupJoined' });
	return { status: 201, body: teamInfo(team) };
}

/** A team the caller belongs to and may change. */
function editableTeam(ctx: HandlerContext): Chat {
	const team = chatOf(ctx, ctx.params.chatId);
	if (team.type !== 'Team') throw notFound('chatId');
	if (!team.members.includes(ctx.auth.extensionId)) throw forbidden(`You are not a member of team [${team.id}]`);
	return team;
}

/** The member list of a team add/remove request. */
function requestedMembers(ctx: HandlerContext): MemberRequest[] {
	return (ctx.body as { members?: MemberRequest[] } | undefined)?.members ?? [];
}

function addTeamMembers(ctx: HandlerContext): HandlerResult {
	const team = editableTeam(ctx);
	if (team.status === 'Archived') throw forbidden(`Team [${team.id}] is archived`);
	const added = memberIds(ctx, requestedMembers(ctx)).filter((id) => !team.members.includes(id));
	team.members.push(...added);
	team.lastModifiedTime = now();
	if (added.length) {
		const post = storePost(ctx, team, { type: 'PersonsAdded', addedPersonIds: added });
		ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' });
	}
	return { status: 204 };
}

function removeTeamMembers(ctx: HandlerContext): HandlerResult {
	const team = editableTeam(ctx);
	if (team.status === 'Archived') throw forbidden(`Team [${team.id}] is archived`);
	const removed = memberIds(ctx, requestedMembers(ctx), { emails: false });
	team.members = team.members.filter((id) => !removed.includes(id));
	team.lastModifiedTime = now();
	return { status: 204 };
}

function archiveTeam(ctx: HandlerContext): HandlerResult {
	const team = editableTeam(ctx);
	team.status = 'Archived';
	team.lastModifiedTime = now();
	return { status: 204 };
}

function fileRef(ctx: Pick<HandlerContext, 'baseUrl'>, file: StoredFile): FileRef {
	return { id: file.id, contentUri: `${ctx.baseUrl}/__emulator/files/${file.id}/${encodeURIComponent(file.name)}`, name: file.name };
}

/** Stores a post (ids, times, mentions resolved) in its chat. */
function storePost(ctx: PostWriter, chat: Chat, fields: Partial<Post>): Post {
	const store = tm(ctx);
	const at = now();
	const mentions = [...String(fields.text ?? '').matchAll(/!\[:(Person|Team|File)\]\(([^)]+)\)/g)].map(([, type, id]): Mention => {
		const name = type === 'Person' ? personOf(ctx.state, id)?.name : type === 'Team' ? store.chats.get(id)?.name : store.files.get(id)?.name;
		return { id, type, ...(name ? { name } : {}) };
	});
	const post: Post = { id: store.newPostId(), groupId: chat.id, type: 'TextMessage', creatorId: ctx.auth.extensionId, creationTime: at, lastModifiedTime: at, attachments: [], mentions, ...fields };
	store.posts.get(chat.id)?.push(post);
	chat.lastModifiedTime = at;
	return post;
}

function listPosts(ctx: HandlerContext): HandlerResult {
	const chat = chatOf(ctx, ctx.params.chatId);
	const newestFirst = [...(tm(ctx).posts.get(chat.id) ?? [])].reverse();
	return { body: cursorPage(ctx, newestFirst, `posts:${chat.id}`) };
}

function createPost(ctx: HandlerContext): HandlerResult {
	const chat = chatOf(ctx, ctx.params.chatId, { memberOnly: true });
	if (chat.status === 'Archived') throw forbidden(`Team [${chat.id}] is archived`);
	const body = (ctx.body as PostRequest | undefined) ?? {};
	const attachments = body.attachments ?? [];
	if (body.text === undefined && !attachments.length) throw invalid('text', 'A post needs text or attachments.');
	if (String(body.text ?? '').length > POST_TEXT_LIMIT) throw invalid('text', `The text is longer than ${POST_TEXT_LIMIT} characters.`);
	if (attachments.length > ATTACHMENT_LIMIT) throw invalid('attachments', `A post has at most ${ATTACHMENT_LIMIT} attachments.`);
	const store = tm(ctx);
	const resolved = attachments.map((attachment, index) => {
		const file = attachment.type === 'File' || attachment.type === undefined ? store.files.get(String(attachment.id)) : undefined;
		if (!file) throw new RcError(400, 'CMN-102', `Resource for parameter [attachments[${index}].id] is not found`, { parameterName: `attachments[${index}].id` });
		return { ...fileRef(ctx, file), type: 'File' };
	});
	const thread: { parentPostId?: string; threadId?: string } = {};
	if (body.parentPostId !== undefined) {
		const parent = (store.posts.get(chat.id) ?? []).find((p) => p.id === String(body.parentPostId));
		if (!parent) throw new RcError(400, 'CMN-102', 'Resource for parameter [parentPostId] is not found', { parameterName: 'parentPostId' });
		parent.isParent = true;
		parent.threadId = parent.threadId ?? parent.id;
		Object.assign(thread, { parentPostId: parent.id, threadId: parent.threadId });
	}
	const post = storePost(ctx, chat, { ...(body.text !== undefined ? { text: body.text } : {}), attachments: resolved, ...thread });
	ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' });
	return { status: 201, body: post };
}

/** A post of the chat that the caller wrote. */
function ownPost(ctx: HandlerContext): { chat: Chat; list: Post[]; post: Post } {
	const chat = chatOf(ctx, ctx.params.chatId);
	const list = tm(ctx).posts.get(chat.id) ?? [];
	const post = list.find((p) => p.id === ctx.params.postId);
	if (!post) throw notFound('postId');
	if (post.creatorId !== ctx.auth.extensionId) throw forbidden('Only the author of a post may change or delete it');
	return { chat, list, post };
}

function updatePost(ctx: HandlerContext): HandlerResult {
	const { post } = ownPost(ctx);
	const body = ctx.body as { text?: string } | undefined;
	if (body?.text === undefined) throw invalid('text', 'Send the new text of the post.');
	if (String(body.text).length > POST_TEXT_LIMIT) throw invalid('text', `The text is longer than ${POST_TEXT_LIMIT} characters.`);
	post.text = body.text;
	post.lastModifiedTime = now();
	ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostChanged' });
	return { body: post };
}

function deletePost(ctx: HandlerContext): HandlerResult {
	const { list, post } = ownPost(ctx);
	list.splice(list.indexOf(post), 1);
	ctx.emit(`${BASE}/posts`, { id: post.id, eventType: 'PostRemoved' });
	return { status: 204 };
}

/**
 * Keeps every uploaded file (served back at its contentUri); with groupId the files are also
 * posted to that chat.
 */
function uploadFiles(ctx: HandlerContext): HandlerResult {
	const files = (ctx.parts ?? []).filter((part) => part.json === undefined && part.data.length);
	if (!files.length) throw new RcError(415, 'CMN-101', 'Parameter [body] value is invalid. Send the file as the multipart part "body".', { parameterName: 'body' });
	const chat = ctx.query.groupId !== undefined ? chatOf(ctx, String(ctx.query.groupId), { memberOnly: true, parameterName: 'groupId' }) : undefined;
	const store = tm(ctx);
	const stored = files.map((part, index) => {
		const name = (ctx.query.name !== undefined && files.length === 1 ? String(ctx.query.name) : part.fileName) || `file-${index + 1}`;
		const file: StoredFile = { id: store.newFileId(), name, contentType: part.contentType, data: Buffer.from(part.data), creatorId: ctx.auth.extensionId };
		store.files.set(file.id, file);
		return file;
	});
	if (chat) {
		const post = storePost(ctx, chat, { attachments: stored.map((file) => ({ ...fileRef(ctx, file), type: 'File' })) });
		ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' });
	}
	return { body: stored.map((file) => fileRef(ctx, file)) };
}

function personInfo(ctx: HandlerContext, raw: string) {
	const id = raw === '~' ? ctx.auth.extensionId : raw;
	const person = ctx.state.isUser(id) ? personOf(ctx.state, id) : undefined;
	if (!person) throw notFound('personId');
	return { id, firstName: person.firstName, lastName: person.lastName, email: person.email, companyId: ctx.state.accountId, creationTime: person.createdAt, lastModifiedTime: person.createdAt };
}

function readPersons(ctx: HandlerContext): HandlerResult {
	const ids = idList(ctx.params.personId);
	if (ids.length > PERSON_BATCH_LIMIT) throw new RcError(400, 'CMN-106', `Batch request is limited to ${PERSON_BATCH_LIMIT} entries`);
	if (ids.length === 1) return { body: personInfo(ctx, ids[0]) };
	return multipartMixed(
		ids.map((raw) => {
			const href = `${ctx.baseUrl}${BASE}/persons/${raw}`;
			try {
				return { href, status: 200, body: personInfo(ctx, raw) };
			} catch (error) {
				if (!(error instanceof RcError)) throw error;
				return { href, status: error.status, body: error.toBody(ctx.path) };
			}
		}),
	);
}

function readCompany(ctx: HandlerContext): HandlerResult {
	const id = ctx.params.companyId === '~' ? ctx.state.accountId : ctx.params.companyId;
	if (id !== ctx.state.accountId) throw notFound('companyId');
	return { body: { id, name: COMPANY.name, domain: COMPANY.domain, creationTime: COMPANY.createdAt, lastModifiedTime: COMPANY.createdAt } };
}

/** An incoming webhook as the API answers it: its address instead of its token. */
function webhookInfo(ctx: HandlerContext, hook: IncomingWebhook) {
	const { id, creatorId, groupIds, creationTime, lastModifiedTime, status } = hook;
	return { id, creatorId, groupIds, creationTime, lastModifiedTime, status, uri: `${ctx.baseUrl}/__emulator/incoming-webhooks/${hook.token}` };
}

function createWebhook(ctx: HandlerContext): HandlerResult {
	const chat = chatOf(ctx, ctx.params.groupId, { memberOnly: true, parameterName: 'groupId' });
	const store = tm(ctx);
	const at = now();
	const hook: IncomingWebhook = { id: store.newWebhookId(), creatorId: ctx.auth.extensionId, groupIds: [chat.id], creationTime: at, lastModifiedTime: at, status: 'Active', token: crypto.randomUUID() };
	store.webhooks.set(hook.id, hook);
	return { body: webhookInfo(ctx, hook) };
}

function listWebhooks(ctx: HandlerContext): HandlerResult {
	return { body: { records: [...tm(ctx).webhooks.values()].map((hook) => webhookInfo(ctx, hook)) } };
}

function listChatWebhooks(ctx: HandlerContext): HandlerResult {
	const chat = chatOf(ctx, ctx.params.groupId, { parameterName: 'groupId' });
	const hooks = [...tm(ctx).webhooks.values()].filter((hook) => hook.groupIds.includes(chat.id));
	return { body: { records: hooks.map((hook) => webhookInfo(ctx, hook)) } };
}

function readWebhooks(ctx: HandlerContext): HandlerResult {
	const { webhooks } = tm(ctx);
	const ids = idList(ctx.params.webhookId);
	const found = ids.map((id) => webhooks.get(id)).filter((hook) => hook !== undefined);
	if (!found.length) throw notFound('webhookId');
	return { body: { records: found.map((hook) => webhookInfo(ctx, hook)) } };
}

function changeWebhook(change: (hook: IncomingWebhook, store: ReturnType<typeof tm>) => void) {
	return (ctx: HandlerContext): HandlerResult => {
		const store = tm(ctx);
		const hook = store.webhooks.get(ctx.params.webhookId);
		if (!hook) throw notFound('webhookId');
		change(hook, store);
		hook.lastModifiedTime = now();
		return { status: 200 };
	};
}

/**
 * What the incoming-webhook address does (served under /__emulator/ by control.ts): an active
 * webhook posts the message into its chat as its creator.
 */
export function deliverIncomingWebhook(emulator: Emulator, token: string, message: { text?: string; title?: string } | undefined): HandlerResult {
	const store = emulator.areaState('teamMessaging', () => initialTeamMessaging(emulator.state));
	const hook = [...store.webhooks.values()].find((h) => h.token === token);
	if (!hook) return { status: 404, body: { status: 'error', message: 'Webhook not found' } };
	if (hook.status !== 'Active') return { status: 403, body: { status: 'error', message: `Webhook is ${hook.status.toLowerCase()}` } };
	if (!message?.text && !message?.title) return { status: 400, body: { status: 'error', message: 'Send text or a title' } };
	const ctx: PostWriter = { store: (name, init) => emulator.areaState(name, init), state: emulator.state, auth: { extensionId: hook.creatorId } };
	for (const chatId of hook.groupIds) {
		const chat = store.chats.get(chatId);
		if (!chat) continue;
		const post = storePost(ctx, chat, { text: message.text ?? '', ...(message.title ? { title: message.title } : {}) });
		emulator.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' }, hook.creatorId);
	}
	return { body: { status: 'OK' } };
}

/** The bytes of an uploaded file, for its contentUri. */
export function uploadedFile(emulator: Emulator, id: string): HandlerResult {
	const store = emulator.areaState('teamMessaging', () => initialTeamMessaging(emulator.state));
	const file = store.files.get(id);
	if (!file) return { status: 404, body: { message: `No file ${id}` } };
	return {
		body: file.data,
		contentType: file.contentType,
		headers: { 'Content-Disposition': `attachment; filename="${file.name.replace(/"/g, '')}"` },
	};
}

export function routes(): Route[] {
	return [
		{ method: 'GET', path: `${BASE}/chats`, operationId: 'listGlipChatsNew', handler: listChats },
		{ method: 'GET', path: `${BASE}/chats/{chatId}`, operationId: 'readGlipChatNew', handler: (ctx) => ({ body: chatInfo(chatOf(ctx, ctx.params.chatId)) }) },
		{ method: 'GET', path: `${BASE}/teams`, operationId: 'listGlipTeamsNew', handler: listTeams },
		{ method: 'POST', path: `${BASE}/conversations`, operationId: 'createGlipConversationNew', handler: createConversation },
		{ method: 'POST', path: `${BASE}/teams`, operationId: 'createGlipTeamNew', handler: createTeam },
		{ method: 'POST', path: `${BASE}/teams/{chatId}/add`, operationId: 'addGlipTeamMembersNew', handler: addTeamMembers },
		{ method: 'POST', path: `${BASE}/teams/{chatId}/remove`, operationId: 'removeGlipTeamMembersNew', handler: removeTeamMembers },
		{ method: 'POST', path: `${BASE}/teams/{chatId}/archive`, operationId: 'archiveGlipTeamNew', handler: archiveTeam },
		{ method: 'GET', path: `${BASE}/chats/{chatId}/posts`, operationId: 'readGlipPostsNew', handler: listPosts },
		{ method: 'POST', path: `${BASE}/chats/{chatId}/posts`, operationId: 'createGlipPostNew', handler: createPost },
		{ method: 'PATCH', path: `${BASE}/chats/{chatId}/posts/{postId}`, operationId: 'patchGlipPostNew', handler: updatePost },
		{ method: 'DELETE', path: `${BASE}/chats/{chatId}/posts/{postId}`, operationId: 'deleteGlipPostNew', handler: deletePost },
		{ method: 'POST', path: `${BASE}/files`, operationId: 'createGlipFileNew', handler: uploadFiles },
		{ method: 'GET', path: `${BASE}/persons/{personId}`, operationId: 'readGlipPersonNew', handler: readPersons },
		{ method: 'GET', path: `${BASE}/companies/{companyId}`, operationId: 'readTMCompanyInfoNew', handler: readCompany },
		{ method: 'POST', path: `${BASE}/groups/{groupId}/webhooks`, operationId: 'createGlipGroupWebhookNew', handler: createWebhook },
		{ method: 'GET', path: `${BASE}/groups/{groupId}/webhooks`, operationId: 'listGlipGroupWebhooksNew', handler: listChatWebhooks },
		{ method: 'GET', path: `${BASE}/webhooks`, operationId: 'listGlipWebhooksNew', handler: listWebhooks },
		{ method: 'GET', path: `${BASE}/webhooks/{webhookId}`, operationId: 'readGlipWebhookNew', handler: readWebhooks },
		{ method: 'DELETE', path: `${BASE}/webhooks/{webhookId}`, operationId: 'deleteGlipWebhookNew', handler: changeWebhook((hook, store) => store.webhooks.delete(hook.id)) },
		{ method: 'POST', path: `${BASE}/webhooks/{webhookId}/activate`, operationId: 'activateGlipWebhookNew', handler: changeWebhook((hook) => (hook.status = 'Active')) },
		{ method: 'POST', path: `${BASE}/webhooks/{webhookId}/suspend`, operationId: 'suspendGlipWebhookNew', handler: changeWebhook((hook) => (hook.status = 'Suspended')) },
	];
}
