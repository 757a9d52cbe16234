/**
 * Team messaging (/team-messaging/v1): chats of every type, conversations, teams (create, add and
 * remove members, archive), posts with cursor pagination (recordCount/pageToken), file uploads
 * kept and served back at their contentUri, persons, the company and incoming webhooks that post
 * into their chat. Errors carry errors[] only. RingCentral documents no codes for refusals of
 * membership or authorship; the emulator answers those with 403 CMN-401 and a message saying why.
 */
const crypto = require('node:crypto');
const { RcError, errors } = require('../errors');
const { idList, multipartMixed } = require('../http-util');
const { COMPANY, extensionByEmail, personOf, seededTime } = require('../people');

const BASE = '/team-messaging/v1';
const DEFAULT_RECORD_COUNT = 30;
const PERSON_BATCH_LIMIT = 30;
const CONVERSATION_MEMBER_LIMIT = 15;
const POST_TEXT_LIMIT = 10000;
const ATTACHMENT_LIMIT = 25;
/** Posts in the busy Support Team chat: more than one page of the largest size (250). */
const SUPPORT_POST_COUNT = 260;

const TICKET_TOPICS = ['cannot log in', 'asks for an invoice copy', 'reports dropped calls', 'wants to add a user', 'needs a fax number ported', 'cannot hear callers', 'asks about SMS registration', 'reports a voicemail delay'];

/** @param {any} state */
function initialTeamMessaging(state) {
	let nextChatId = 1360000006;
	let nextPostId = 7341000004;
	let nextFileId = 9852000012;
	let nextWebhookId = 5021000003;
	const chats = new Map();
	/** @type {Map<string, any[]>} chat id → posts, oldest first */
	const posts = new Map();
	const users = /** @type {string[]} */ (state.users);
	const admin = state.ids.admin;
	let minutesAgo = 60 * 24 * 300;

	const addChat = (/** @type {any} */ chat) => {
		const id = String(nextChatId);
		nextChatId += 8194;
		const at = seededTime((minutesAgo -= 60));
		chats.set(id, { id, creationTime: at, lastModifiedTime: at, ...chat, members: chat.members.filter(Boolean) });
		posts.set(id, []);
		return id;
	};
	const addPost = (/** @type {string} */ chatId, /** @type {string} */ creatorId, /** @type {any} */ fields, /** @type {number} */ ago) => {
		const id = String(nextPostId);
		nextPostId += 2;
		const at = seededTime(ago);
		/** @type {any[]} */ (posts.get(chatId)).push({ id, groupId: chatId, type: 'TextMessage', creatorId, creationTime: at, lastModifiedTime: at, attachments: [], mentions: [], ...fields });
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
		/** @type {Map<string, { id: string, name: string, contentType: string, data: Buffer, creatorId: string }>} */
		files: new Map(),
		/** @type {Map<string, any>} */
		webhooks: new Map(),
		newChatId: () => String((nextChatId += 8194) - 8194),
		newPostId: () => String((nextPostId += 2) - 2),
		newFileId: () => String((nextFileId += 4) - 4),
		newWebhookId: () => String((nextWebhookId += 3) - 3),
	};
}

/** @param {{ store: import('../server').HandlerContext['store'], state: any }} ctx */
function tm(ctx) {
	return ctx.store('teamMessaging', () => initialTeamMessaging(ctx.state));
}

const notFound = (/** @type {string} */ parameterName) => errors.notFound(parameterName);
const forbidden = (/** @type {string} */ message) => new RcError(403, 'CMN-401', message);
const invalid = (/** @type {string} */ parameterName, /** @type {string} */ why) => errors.invalidParameter(parameterName, why);
const now = () => new Date().toISOString();

/** Members of a chat and public teams may see it. @param {any} chat @param {string} user */
function canSee(chat, user) {
	return chat.members.includes(user) || (chat.type === 'Team' && chat.public);
}

/** @param {import('../server').HandlerContext} ctx @param {string} raw @param {{ memberOnly?: boolean, parameterName?: string }} [options] */
function chatOf(ctx, raw, options = {}) {
	const { chats } = tm(ctx);
	const user = ctx.auth.extensionId;
	const id = raw === '~' ? [...chats.values()].find((c) => c.type === 'Personal' && c.members[0] === user)?.id : raw;
	const chat = chats.get(String(id));
	if (!chat || !canSee(chat, user)) throw notFound(options.parameterName ?? 'chatId');
	if (options.memberOnly && !chat.members.includes(user)) throw forbidden(`You are not a member of chat [${chat.id}]`);
	return chat;
}

/** @param {any} chat */
function chatInfo(chat) {
	const teamLike = chat.type === 'Team' || chat.type === 'Everyone';
	return {
		id: chat.id,
		type: chat.type,
		...(chat.type === 'Team' ? { public: chat.public, status: chat.status } : {}),
		...(teamLike ? { name: chat.name, description: chat.description } : {}),
		creationTime: chat.creationTime,
		lastModifiedTime: chat.lastModifiedTime,
		members: chat.members.map((/** @type {string} */ id) => ({ id })),
	};
}

/** @param {any} chat */
function teamInfo(chat) {
	const { members: _members, ...info } = chatInfo(chat);
	return info;
}

/**
 * Cursor pagination: the token names the list it belongs to and where the next page starts.
 * @param {import('../server').HandlerContext} ctx @param {any[]} records @param {string} scope
 */
function cursorPage(ctx, records, scope) {
	const count = ctx.query.recordCount === undefined ? DEFAULT_RECORD_COUNT : Number(ctx.query.recordCount);
	if (!Number.isInteger(count) || count < 1) throw invalid('recordCount', 'It must be between 1 and 250.');
	let start = 0;
	if (ctx.query.pageToken !== undefined) {
		const decoded = readToken(String(ctx.query.pageToken));
		if (!decoded || decoded.scope !== scopeKey(ctx, scope)) throw invalid('pageToken', 'The page token is unknown or belongs to another list.');
		start = decoded.offset;
	}
	const slice = records.slice(start, start + count);
	/** @type {Record<string, string>} */
	const navigation = {};
	if (start + count < records.length) navigation.nextPageToken = writeToken(scopeKey(ctx, scope), start + count);
	if (start > 0) navigation.prevPageToken = writeToken(scopeKey(ctx, scope), Math.max(0, start - count));
	return { records: slice, navigation };
}

const scopeKey = (/** @type {import('../server').HandlerContext} */ ctx, /** @type {string} */ scope) =>
	crypto.createHash('sha256').update(`${ctx.auth.extensionId}|${scope}`).digest('base64url').slice(0, 12);
const writeToken = (/** @type {string} */ scope, /** @type {number} */ offset) => Buffer.from(`${scope}:${offset}`).toString('base64url');
function readToken(/** @type {string} */ token) {
	const match = /^([\w-]{12}):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
	return match ? { scope: match[1], offset: Number(match[2]) } : undefined;
}

/** @param {import('../server').HandlerContext} ctx */
function listChats(ctx) {
	const types = /** @type {string[]} */ ([].concat(ctx.query.type ?? []));
	const user = ctx.auth.extensionId;
	const visible = [...tm(ctx).chats.values()].filter((c) => canSee(c, user) && (!types.length || types.includes(c.type)));
	return { body: cursorPage(ctx, visible.map(chatInfo), `chats:${types.sort().join(',')}`) };
}

/** @param {import('../server').HandlerContext} ctx */
function listTeams(ctx) {
	const user = ctx.auth.extensionId;
	const teams = [...tm(ctx).chats.values()].filter((c) => c.type === 'Team' && canSee(c, user));
	return { body: cursorPage(ctx, teams.map(teamInfo), 'teams') };
}

/**
 * People named by id or email, as RingCentral takes them in member lists.
 * @param {import('../server').HandlerContext} ctx @param {any[]} members @param {{ emails?: boolean }} [options]
 */
function memberIds(ctx, members, options = { emails: true }) {
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

/** Opens the conversation of exactly these people, creating it if it does not exist yet. @param {import('../server').HandlerContext} ctx */
function createConversation(ctx) {
	const requested = memberIds(ctx, ctx.body?.members ?? []);
	if (new Set(requested).size > CONVERSATION_MEMBER_LIMIT) throw invalid('members', `A conversation has at most ${CONVERSATION_MEMBER_LIMIT} members.`);
	const members = [...new Set([ctx.auth.extensionId, ...requested])];
	const type = members.length === 1 ? 'Personal' : members.length === 2 ? 'Direct' : 'Group';
	const store = tm(ctx);
	const same = (/** @type {any} */ chat) => chat.type === type && chat.members.length === members.length && members.every((m) => chat.members.includes(m));
	const existing = [...store.chats.values()].find(same);
	if (existing) return { status: 200, body: chatInfo(existing) };
	const id = store.newChatId();
	const at = now();
	const chat = { id, type, members, creationTime: at, lastModifiedTime: at };
	store.chats.set(id, chat);
	store.posts.set(id, []);
	ctx.emit(`${BASE}/chats`, { ...chatInfo(chat), eventType: 'GroupJoined' });
	return { status: 201, body: chatInfo(chat) };
}

/** @param {import('../server').HandlerContext} ctx */
function createTeam(ctx) {
	const body = ctx.body ?? {};
	if (!String(body.name).trim()) throw invalid('name', 'A team needs a name.');
	const members = [...new Set([ctx.auth.extensionId, ...memberIds(ctx, body.members ?? [])])];
	const store = tm(ctx);
	const id = store.newChatId();
	const at = now();
	const team = { id, type: 'Team', name: body.name, description: body.description, public: body.public === true, status: 'Active', members, creationTime: at, lastModifiedTime: at };
	if (team.description === undefined) delete team.description;
	store.chats.set(id, team);
	store.posts.set(id, []);
	ctx.emit(`${BASE}/chats`, { ...chatInfo(team), eventType: 'GroupJoined' });
	return { status: 201, body: teamInfo(team) };
}

/** A team the caller belongs to and may change. @param {import('../server').HandlerContext} ctx */
function editableTeam(ctx) {
	const team = chatOf(ctx, ctx.params.chatId);
	if (team.type !== 'Team') throw notFound('chatId');
	if (!team.members.includes(ctx.auth.extensionId)) throw forbidden(`You are not a member of team [${team.id}]`);
	return team;
}

/** @param {import('../server').HandlerContext} ctx */
function addTeamMembers(ctx) {
	const team = editableTeam(ctx);
	if (team.status === 'Archived') throw forbidden(`Team [${team.id}] is archived`);
	const added = memberIds(ctx, ctx.body?.members ?? []).filter((id) => !team.members.includes(id));
	team.members.push(...added);
	team.lastModifiedTime = now();
	if (added.length) {
		const post = storePost(ctx, team, { type: 'PersonsAdded', addedPersonIds: added });
		ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' });
	}
	return { status: 204 };
}

/** @param {import('../server').HandlerContext} ctx */
function removeTeamMembers(ctx) {
	const team = editableTeam(ctx);
	if (team.status === 'Archived') throw forbidden(`Team [${team.id}] is archived`);
	const removed = memberIds(ctx, ctx.body?.members ?? [], { emails: false });
	team.members = team.members.filter((/** @type {string} */ id) => !removed.includes(id));
	team.lastModifiedTime = now();
	return { status: 204 };
}

/** @param {import('../server').HandlerContext} ctx */
function archiveTeam(ctx) {
	const team = editableTeam(ctx);
	team.status = 'Archived';
	team.lastModifiedTime = now();
	return { status: 204 };
}

/** @param {import('../server').HandlerContext} ctx @param {any} file */
function fileRef(ctx, file) {
	return { id: file.id, contentUri: `${ctx.baseUrl}/__emulator/files/${file.id}/${encodeURIComponent(file.name)}`, name: file.name };
}

/** Stores a post (ids, times, mentions resolved) in its chat. @param {import('../server').HandlerContext} ctx @param {any} chat @param {any} fields */
function storePost(ctx, chat, fields) {
	const store = tm(ctx);
	const at = now();
	const mentions = [...String(fields.text ?? '').matchAll(/!\[:(Person|Team|File)\]\(([^)]+)\)/g)].map(([, type, id]) => {
		const name = type === 'Person' ? personOf(ctx.state, id)?.name : type === 'Team' ? store.chats.get(id)?.name : store.files.get(id)?.name;
		return { id, type, ...(name ? { name } : {}) };
	});
	const post = { id: store.newPostId(), groupId: chat.id, type: 'TextMessage', creatorId: ctx.auth.extensionId, creationTime: at, lastModifiedTime: at, attachments: [], mentions, ...fields };
	/** @type {any[]} */ (store.posts.get(chat.id)).push(post);
	chat.lastModifiedTime = at;
	return post;
}

/** @param {import('../server').HandlerContext} ctx */
function listPosts(ctx) {
	const chat = chatOf(ctx, ctx.params.chatId);
	const newestFirst = [...(tm(ctx).posts.get(chat.id) ?? [])].reverse();
	return { body: cursorPage(ctx, newestFirst, `posts:${chat.id}`) };
}

/** @param {import('../server').HandlerContext} ctx */
function createPost(ctx) {
	const chat = chatOf(ctx, ctx.params.chatId, { memberOnly: true });
	if (chat.status === 'Archived') throw forbidden(`Team [${chat.id}] is archived`);
	const body = ctx.body ?? {};
	const attachments = body.attachments ?? [];
	if (body.text === undefined && !attachments.length) throw invalid('text', 'A post needs text or attachments.');
	if (String(body.text ?? '').length > POST_TEXT_LIMIT) throw invalid('text', `The text is longer than ${POST_TEXT_LIMIT} characters.`);
	if (attachments.length > ATTACHMENT_LIMIT) throw invalid('attachments', `A post has at most ${ATTACHMENT_LIMIT} attachments.`);
	const store = tm(ctx);
	const resolved = attachments.map((/** @type {any} */ attachment, /** @type {number} */ index) => {
		const file = attachment.type === 'File' || attachment.type === undefined ? store.files.get(String(attachment.id)) : undefined;
		if (!file) throw new RcError(400, 'CMN-102', `Resource for parameter [attachments[${index}].id] is not found`, { parameterName: `attachments[${index}].id` });
		return { ...fileRef(ctx, file), type: 'File' };
	});
	/** @type {any} */
	const thread = {};
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

/** A post of the chat that the caller wrote. @param {import('../server').HandlerContext} ctx */
function ownPost(ctx) {
	const chat = chatOf(ctx, ctx.params.chatId);
	const list = tm(ctx).posts.get(chat.id) ?? [];
	const post = list.find((p) => p.id === ctx.params.postId);
	if (!post) throw notFound('postId');
	if (post.creatorId !== ctx.auth.extensionId) throw forbidden('Only the author of a post may change or delete it');
	return { chat, list, post };
}

/** @param {import('../server').HandlerContext} ctx */
function updatePost(ctx) {
	const { post } = ownPost(ctx);
	if (ctx.body?.text === undefined) throw invalid('text', 'Send the new text of the post.');
	if (String(ctx.body.text).length > POST_TEXT_LIMIT) throw invalid('text', `The text is longer than ${POST_TEXT_LIMIT} characters.`);
	post.text = ctx.body.text;
	post.lastModifiedTime = now();
	ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostChanged' });
	return { body: post };
}

/** @param {import('../server').HandlerContext} ctx */
function deletePost(ctx) {
	const { list, post } = ownPost(ctx);
	list.splice(list.indexOf(post), 1);
	ctx.emit(`${BASE}/posts`, { id: post.id, eventType: 'PostRemoved' });
	return { status: 204 };
}

/**
 * Keeps every uploaded file (served back at its contentUri); with groupId the files are also
 * posted to that chat.
 * @param {import('../server').HandlerContext} ctx
 */
function uploadFiles(ctx) {
	const files = (ctx.parts ?? []).filter((part) => part.json === undefined && part.data.length);
	if (!files.length) throw new RcError(415, 'CMN-101', 'Parameter [body] value is invalid. Send the file as the multipart part "body".', { parameterName: 'body' });
	const chat = ctx.query.groupId !== undefined ? chatOf(ctx, String(ctx.query.groupId), { memberOnly: true, parameterName: 'groupId' }) : undefined;
	const store = tm(ctx);
	const stored = files.map((part, index) => {
		const name = (ctx.query.name !== undefined && files.length === 1 ? String(ctx.query.name) : part.fileName) || `file-${index + 1}`;
		const file = { id: store.newFileId(), name, contentType: part.contentType, data: Buffer.from(part.data), creatorId: ctx.auth.extensionId };
		store.files.set(file.id, file);
		return file;
	});
	if (chat) {
		const post = storePost(ctx, chat, { attachments: stored.map((file) => ({ ...fileRef(ctx, file), type: 'File' })) });
		ctx.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' });
	}
	return { body: stored.map((file) => fileRef(ctx, file)) };
}

/** @param {import('../server').HandlerContext} ctx @param {string} raw */
function personInfo(ctx, raw) {
	const id = raw === '~' ? ctx.auth.extensionId : raw;
	const person = ctx.state.isUser(id) ? /** @type {any} */ (personOf(ctx.state, id)) : undefined;
	if (!person) throw notFound('personId');
	return { id, firstName: person.firstName, lastName: person.lastName, email: person.email, companyId: ctx.state.accountId, creationTime: person.createdAt, lastModifiedTime: person.createdAt };
}

/** @param {import('../server').HandlerContext} ctx */
function readPersons(ctx) {
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

/** @param {import('../server').HandlerContext} ctx */
function readCompany(ctx) {
	const id = ctx.params.companyId === '~' ? ctx.state.accountId : ctx.params.companyId;
	if (id !== ctx.state.accountId) throw notFound('companyId');
	return { body: { id, name: COMPANY.name, domain: COMPANY.domain, creationTime: COMPANY.createdAt, lastModifiedTime: COMPANY.createdAt } };
}

/** @param {import('../server').HandlerContext} ctx @param {any} hook */
function webhookInfo(ctx, hook) {
	const { token: _token, ...info } = hook;
	return { ...info, uri: `${ctx.baseUrl}/__emulator/incoming-webhooks/${hook.token}` };
}

/** @param {import('../server').HandlerContext} ctx */
function createWebhook(ctx) {
	const chat = chatOf(ctx, ctx.params.groupId, { memberOnly: true, parameterName: 'groupId' });
	const store = tm(ctx);
	const at = now();
	const hook = { id: store.newWebhookId(), creatorId: ctx.auth.extensionId, groupIds: [chat.id], creationTime: at, lastModifiedTime: at, status: 'Active', token: crypto.randomUUID() };
	store.webhooks.set(hook.id, hook);
	return { body: webhookInfo(ctx, hook) };
}

/** @param {import('../server').HandlerContext} ctx */
function listWebhooks(ctx) {
	return { body: { records: [...tm(ctx).webhooks.values()].map((hook) => webhookInfo(ctx, hook)) } };
}

/** @param {import('../server').HandlerContext} ctx */
function listChatWebhooks(ctx) {
	const chat = chatOf(ctx, ctx.params.groupId, { parameterName: 'groupId' });
	const hooks = [...tm(ctx).webhooks.values()].filter((hook) => hook.groupIds.includes(chat.id));
	return { body: { records: hooks.map((hook) => webhookInfo(ctx, hook)) } };
}

/** @param {import('../server').HandlerContext} ctx */
function readWebhooks(ctx) {
	const { webhooks } = tm(ctx);
	const ids = idList(ctx.params.webhookId);
	const found = ids.map((id) => webhooks.get(id)).filter(Boolean);
	if (!found.length) throw notFound('webhookId');
	return { body: { records: found.map((hook) => webhookInfo(ctx, hook)) } };
}

/** @param {(hook: any, store: ReturnType<typeof tm>) => void} change */
function changeWebhook(change) {
	return (/** @type {import('../server').HandlerContext} */ ctx) => {
		const store = tm(ctx);
		const hook = store.webhooks.get(ctx.params.webhookId);
		if (!hook) throw notFound('webhookId');
		change(hook, store);
		hook.lastModifiedTime = now();
		return { status: 200 };
	};
}

/**
 * What the incoming-webhook address does (served under /__emulator/ by control.js): an active
 * webhook posts the message into its chat as its creator.
 * @param {any} emulator @param {string} token @param {any} message
 */
function deliverIncomingWebhook(emulator, token, message) {
	const store = emulator.areaState('teamMessaging', () => initialTeamMessaging(emulator.state));
	const hook = [...store.webhooks.values()].find((h) => h.token === token);
	if (!hook) return { status: 404, body: { status: 'error', message: 'Webhook not found' } };
	if (hook.status !== 'Active') return { status: 403, body: { status: 'error', message: `Webhook is ${hook.status.toLowerCase()}` } };
	if (!message?.text && !message?.title) return { status: 400, body: { status: 'error', message: 'Send text or a title' } };
	const ctx = /** @type {any} */ ({ store: (/** @type {string} */ name, /** @type {() => any} */ init) => emulator.areaState(name, init), state: emulator.state, auth: { extensionId: hook.creatorId }, baseUrl: emulator.url });
	for (const chatId of hook.groupIds) {
		const chat = store.chats.get(chatId);
		if (!chat) continue;
		const post = storePost(ctx, chat, { text: message.text ?? '', ...(message.title ? { title: message.title } : {}) });
		emulator.emit(`${BASE}/posts`, { ...post, eventType: 'PostAdded' }, hook.creatorId);
	}
	return { body: { status: 'OK' } };
}

/** The bytes of an uploaded file, for its contentUri. @param {any} emulator @param {string} id */
function uploadedFile(emulator, id) {
	const store = emulator.areaState('teamMessaging', () => initialTeamMessaging(emulator.state));
	const file = store.files.get(id);
	if (!file) return { status: 404, body: { message: `No file ${id}` } };
	return {
		body: file.data,
		contentType: file.contentType,
		headers: { 'Content-Disposition': `attachment; filename="${file.name.replace(/"/g, '')}"` },
	};
}

/** @returns {import('../server').Route[]} */
function routes() {
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

module.exports = { routes, deliverIncomingWebhook, uploadedFile };
