/**
 * RingCentral Video (/rcvideo): meeting bridges (each user's default PMI bridge, scheduled and
 * instant bridges: create, read, update, delete, unique web and PSTN PINs, passwords shown only to
 * the owner or an administrator) and the meeting history (newest first, search text, recordings
 * filter, time window, pageToken/perPage pagination). Errors carry errors[] only.
 */
const crypto = require('node:crypto');
const { RcError, errors } = require('../errors');
const { personOf, SEED_EPOCH } = require('../people');
const { accountOf, extensionOf } = require('./common');

const JOIN_HOST = 'https://v.ringcentral.com';
const HISTORY_MAX_PER_PAGE = 100;
const HISTORY_DEFAULT_PER_PAGE = 25;
const MEETING_COUNT = 160;

/** A stable id of RingCentral Video's shape (12 lowercase letters and digits). @param {string} seed */
function bridgeIdFrom(seed) {
	return crypto.createHash('sha256').update(seed).digest('hex').replace(/[^a-z0-9]/g, '').slice(0, 12);
}
/** Digits derived from a seed. @param {string} seed @param {number} length */
function digitsFrom(seed, length) {
	const hex = crypto.createHash('sha256').update(seed).digest('hex');
	return BigInt(`0x${hex.slice(0, 15)}`).toString().padStart(length, '7').slice(-length).replace(/^0/, '7');
}

/** @param {string} plainText @param {string} seed */
function passwordOf(plainText, seed) {
	return { plainText, pstn: digitsFrom(`${seed}:pstn-pw`, 6), joinQuery: crypto.createHash('sha256').update(`${seed}:${plainText}`).digest('base64url').slice(0, 32) };
}

/** @param {boolean} pmi */
function defaultPreferences(pmi) {
	return {
		join: { audioMuted: false, videoMuted: false, waitingRoomRequired: pmi ? 'GuestsOnly' : 'Nobody', pstn: { promptAnnouncement: true, promptParticipants: true } },
		playTones: 'Off',
		musicOnHold: true,
		joinBeforeHost: !pmi,
		screenSharing: true,
		recordingsMode: 'User',
		transcriptionsMode: 'User',
		allowEveryoneTranscribeMeetings: true,
	};
}

/** @param {any} state */
function initialVideo(state) {
	/** @type {Map<string, any>} */
	const bridges = new Map();
	const pmiOf = (/** @type {string} */ extensionId) => {
		const id = bridgeIdFrom(`pmi:${extensionId}`);
		if (!bridges.has(id)) {
			bridges.set(id, {
				id,
				name: `${personOf(state, extensionId)?.name ?? 'User'}'s personal meeting`,
				type: 'PMI',
				host: { accountId: state.accountId, extensionId },
				pins: { web: digitsFrom(`web:${extensionId}`, 10), pstn: { host: digitsFrom(`host:${extensionId}`, 8), participant: digitsFrom(`guest:${extensionId}`, 9) } },
				security: { passwordProtected: true, password: passwordOf(`Pm${digitsFrom(`pw:${extensionId}`, 6)}`, id), noGuests: false, sameAccount: false, e2ee: false },
				preferences: defaultPreferences(true),
			});
		}
		return bridges.get(id);
	};
	const scheduled = (/** @type {string} */ extensionId, /** @type {string} */ name) => {
		const id = bridgeIdFrom(`scheduled:${extensionId}:${name}`);
		bridges.set(id, {
			id,
			name,
			type: 'Scheduled',
			host: { accountId: state.accountId, extensionId },
			pins: { web: digitsFrom(`web:${id}`, 9), pstn: { host: digitsFrom(`host:${id}`, 8), participant: digitsFrom(`guest:${id}`, 9) } },
			security: { passwordProtected: false, noGuests: false, sameAccount: true, e2ee: false },
			preferences: defaultPreferences(false),
		});
		return bridges.get(id);
	};

	const users = /** @type {string[]} */ (state.users);
	const series = [
		{ bridge: scheduled(users[0], 'Weekly Support Sync'), people: users.slice(0, 4), recorded: true },
		{ bridge: scheduled(users[4] ?? users[0], 'Sales Pipeline Review'), people: [users[4], users[5], users[0]], recorded: false },
		{ bridge: pmiOf(users[0]), people: [users[0], users[1]], recorded: false, title: 'Alice / Bob 1:1' },
		{ bridge: pmiOf(users[1]), people: [users[1], users[3]], recorded: true, title: 'Escalation review', guest: 'Pat Customer' },
	];
	/** @type {any[]} */
	const meetings = [];
	for (let n = 0; n < MEETING_COUNT; n++) {
		const { bridge, people, recorded, title, guest } = series[n % series.length];
		const present = people.filter(Boolean);
		const start = SEED_EPOCH - (MEETING_COUNT - n) * 18 * 3600_000;
		const hex = crypto.createHash('sha256').update(`meeting:${n}`).digest('hex');
		const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
		const host = bridge.host.extensionId;
		meetings.push({
			id,
			shortId: bridge.pins.web,
			bridgeId: bridge.id,
			startTime: new Date(start).toISOString(),
			displayName: title ?? bridge.name,
			hostInfo: { accountId: state.accountId, extensionId: host, displayName: personOf(state, host)?.name },
			duration: 900 + (n % 5) * 600,
			type: 'Meeting',
			status: 'Done',
			participants: [
				...present.map((extensionId) => ({ id: `p-${id}-${extensionId}`, accountId: state.accountId, extensionId, displayName: personOf(state, extensionId)?.name, type: 'User' })),
				...(guest ? [{ id: `p-${id}-guest`, displayName: guest, type: 'Guest', callerId: '+16505550123' }] : []),
			],
			recordings: recorded
				? [{ id: `rec-${id}`, startTime: start + 60_000, url: `${JOIN_HOST}/recordings/${id}`, status: 'Processed', availabilityStatus: 'Alive' }]
				: [],
		});
	}
	meetings.reverse();
	return { bridges, meetings, pmiOf };
}

/** @param {import('../server').HandlerContext} ctx */
function video(ctx) {
	return ctx.store('video', () => initialVideo(ctx.state));
}

const isAdmin = (/** @type {import('../server').HandlerContext} */ ctx) => Boolean(ctx.state.extensions.get(ctx.auth.extensionId)?.admin);
const mayManage = (/** @type {import('../server').HandlerContext} */ ctx, /** @type {any} */ bridge) => bridge.host.extensionId === ctx.auth.extensionId || isAdmin(ctx);
const forbidden = (/** @type {string} */ message) => new RcError(403, 'CMN-401', message);
const conflict = (/** @type {string} */ parameterName, /** @type {string} */ message) => new RcError(409, 'CMN-101', message, { parameterName });

/** What the caller may see of a bridge: passwords and the password link only for those who manage it. @param {import('../server').HandlerContext} ctx @param {any} bridge */
function bridgeResponse(ctx, bridge, pw = '') {
	const manager = mayManage(ctx, bridge);
	const showPassword = manager || (pw && pw === bridge.security.password?.joinQuery);
	const { password, ...security } = bridge.security;
	const query = showPassword && password ? `?pw=${password.joinQuery}` : '';
	return {
		id: bridge.id,
		name: bridge.name,
		type: bridge.type,
		host: bridge.host,
		pins: bridge.pins,
		security: showPassword && password ? { ...security, password } : security,
		preferences: bridge.preferences,
		discovery: { web: `${JOIN_HOST}/join/${bridge.pins.web}${query}` },
	};
}

/** @param {Map<string, any>} bridges @param {any} pins @param {string} [except] */
function assertPinsFree(bridges, pins, except) {
	for (const bridge of bridges.values()) {
		if (bridge.id === except) continue;
		if (pins.web !== undefined && bridge.pins.web === pins.web) throw conflict('pins.web', `Web PIN [${pins.web}] is already in use`);
		for (const role of ['host', 'participant']) {
			const pin = pins.pstn?.[role];
			if (pin !== undefined && [bridge.pins.pstn?.host, bridge.pins.pstn?.participant].includes(pin)) throw conflict(`pins.pstn.${role}`, `PSTN PIN [${pin}] is already in use`);
		}
	}
}

/** @param {string} parameterName @param {unknown} value @param {number} min @param {number} max */
function assertDigits(parameterName, value, min, max) {
	if (value !== undefined && !new RegExp(`^\\d{${min},${max}}$`).test(String(value))) {
		throw errors.invalidParameter(parameterName, `It must be ${min} to ${max} digits.`);
	}
}

/** security from a request: a password implies protection; protection without one gets a generated password. @param {any} requested @param {any} current @param {string} seed */
function securityFrom(requested, current, seed) {
	if (!requested) return current;
	const { password, ...flags } = requested;
	const security = { ...current, ...flags };
	if (password !== undefined) {
		if (!/^[A-Za-z0-9]{1,10}$/.test(String(password))) throw errors.invalidParameter('security.password', 'It must be 1 to 10 letters or digits.');
		security.passwordProtected = requested.passwordProtected ?? true;
		security.password = passwordOf(String(password), seed);
	}
	if (security.passwordProtected && !security.password) security.password = passwordOf(`Rc${digitsFrom(`${seed}:generated`, 6)}`, seed);
	if (security.passwordProtected === false) delete security.password;
	return security;
}

/** @param {any} target @param {any} changes */
function deepMerge(target, changes) {
	const result = { ...target };
	for (const [key, value] of Object.entries(changes ?? {})) {
		result[key] = value && typeof value === 'object' && !Array.isArray(value) ? deepMerge(target?.[key] ?? {}, value) : value;
	}
	return result;
}

/** @param {import('../server').HandlerContext} ctx */
function ownerOf(ctx) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	if (!ctx.state.isUser(extensionId)) throw errors.notFound('extensionId');
	if (extensionId !== ctx.auth.extensionId && !isAdmin(ctx)) throw forbidden('Only the owner, a delegate or a super admin may create bridges for this user');
	return extensionId;
}

/** @param {import('../server').HandlerContext} ctx */
function createBridge(ctx) {
	const extensionId = ownerOf(ctx);
	const store = video(ctx);
	const body = ctx.body ?? {};
	const type = body.type ?? 'Instant';
	if (type === 'PMI') throw conflict('type', 'The user already has a default (PMI) bridge');
	assertDigits('pins.web', body.pins?.web, 6, 12);
	assertDigits('pins.pstn.host', body.pins?.pstn?.host, 6, 10);
	assertDigits('pins.pstn.participant', body.pins?.pstn?.participant, 6, 10);
	assertPinsFree(store.bridges, body.pins ?? {});
	const id = bridgeIdFrom(`bridge:${crypto.randomUUID()}`);
	const security = securityFrom(body.security, { passwordProtected: false, noGuests: false, sameAccount: false, e2ee: false }, id);
	const bridge = {
		id,
		name: body.name ?? 'Video meeting',
		type,
		host: { accountId: ctx.state.accountId, extensionId },
		pins: {
			web: body.pins?.web ?? digitsFrom(`web:${id}`, 9),
			pstn: { host: body.pins?.pstn?.host ?? digitsFrom(`host:${id}`, 8), participant: body.pins?.pstn?.participant ?? digitsFrom(`guest:${id}`, 9) },
		},
		security,
		preferences: deepMerge(defaultPreferences(false), body.preferences),
	};
	store.bridges.set(id, bridge);
	return { status: 201, body: bridgeResponse(ctx, bridge) };
}

/** @param {import('../server').HandlerContext} ctx */
function readDefaultBridge(ctx) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	if (!ctx.state.isUser(extensionId)) throw errors.notFound('extensionId');
	return { body: bridgeResponse(ctx, video(ctx).pmiOf(extensionId)) };
}

/** @param {import('../server').HandlerContext} ctx */
function bridgeOf(ctx) {
	const store = video(ctx);
	const bridge = store.bridges.get(ctx.params.bridgeId);
	if (!bridge) throw errors.notFound('bridgeId');
	return bridge;
}

/** @param {import('../server').HandlerContext} ctx */
function updateBridge(ctx) {
	const bridge = bridgeOf(ctx);
	if (!mayManage(ctx, bridge)) throw forbidden('Only the owner, a delegate or a super admin may update this bridge');
	const body = ctx.body ?? {};
	if (body.pins?.web !== undefined) {
		assertDigits('pins.web', body.pins.web, 6, 12);
		assertPinsFree(video(ctx).bridges, { web: body.pins.web }, bridge.id);
		bridge.pins.web = body.pins.web;
	}
	if (body.name !== undefined) bridge.name = body.name;
	bridge.security = securityFrom(body.security, bridge.security, bridge.id);
	if (body.preferences) bridge.preferences = deepMerge(bridge.preferences, body.preferences);
	return { body: bridgeResponse(ctx, bridge) };
}

/** @param {import('../server').HandlerContext} ctx */
function deleteBridge(ctx) {
	const bridge = bridgeOf(ctx);
	if (!mayManage(ctx, bridge)) throw forbidden('Only the owner, a delegate or a super admin may delete this bridge');
	if (bridge.type === 'PMI') throw forbidden('A default (PMI) bridge is deleted only with its user');
	video(ctx).bridges.delete(bridge.id);
	return { status: 204 };
}

/** Meetings the caller hosted or took part in. @param {import('../server').HandlerContext} ctx */
function visibleMeetings(ctx) {
	const user = ctx.auth.extensionId;
	return video(ctx).meetings.filter((m) => m.hostInfo.extensionId === user || m.participants.some((/** @type {any} */ p) => p.extensionId === user));
}

/** @param {import('../server').HandlerContext} ctx @param {any} meeting */
function meetingResponse(ctx, meeting) {
	const host = meeting.hostInfo.extensionId === ctx.auth.extensionId;
	return { ...meeting, rights: host ? ['delete', 'download', 'share'] : ['download'] };
}

/** @param {import('../server').HandlerContext} ctx */
function listMeetings(ctx) {
	const { query } = ctx;
	if (query.materials !== undefined && query.type !== undefined) throw errors.invalidParameter('materials', 'It cannot be combined with type.');
	const user = ctx.auth.extensionId;
	let meetings = visibleMeetings(ctx);
	if (query.type === 'My' || query.type === 'All') meetings = meetings.filter((m) => m.hostInfo.extensionId === user);
	if (query.type === 'Deleted' || query.type === 'Shared') meetings = [];
	if (query.text !== undefined) meetings = meetings.filter((m) => m.displayName.toLowerCase().includes(String(query.text).toLowerCase()));
	if (query.materials === 'Recordings') meetings = meetings.filter((m) => m.recordings.length);
	if (query.materials === 'Notes') meetings = [];
	if (query.startTime !== undefined) meetings = meetings.filter((m) => Date.parse(m.startTime) >= Number(query.startTime));
	if (query.endTime !== undefined) meetings = meetings.filter((m) => Date.parse(m.startTime) <= Number(query.endTime));
	const perPage = Math.min(query.perPage === undefined ? HISTORY_DEFAULT_PER_PAGE : Number(query.perPage), HISTORY_MAX_PER_PAGE);
	if (!Number.isInteger(perPage) || perPage < 1) throw errors.invalidParameter('perPage', 'It must be a positive number.');
	const scope = crypto.createHash('sha256').update(`${user}|${query.text ?? ''}|${query.materials ?? ''}|${query.type ?? ''}|${query.startTime ?? ''}|${query.endTime ?? ''}`).digest('base64url').slice(0, 10);
	let start = 0;
	if (query.pageToken !== undefined) {
		const match = /^([\w-]{10})\.(\d+)$/.exec(String(query.pageToken));
		if (!match || match[1] !== scope) throw errors.invalidParameter('pageToken', 'The page token is unknown or belongs to another search.');
		start = Number(match[2]);
	}
	const page = meetings.slice(start, start + perPage).map((m) => meetingResponse(ctx, m));
	const paging = /** @type {Record<string, string>} */ ({ currentPageToken: `${scope}.${start}` });
	if (start + perPage < meetings.length) paging.nextPageToken = `${scope}.${start + perPage}`;
	return { body: { meetings: page, paging } };
}

/** @param {import('../server').HandlerContext} ctx */
function readMeeting(ctx) {
	const meeting = video(ctx).meetings.find((m) => m.id === ctx.params.meetingId);
	if (!meeting) throw errors.notFound('meetingId');
	if (!visibleMeetings(ctx).includes(meeting)) throw forbidden('Only the host and participants may read this meeting');
	return { body: meetingResponse(ctx, meeting) };
}

/** @returns {import('../server').Route[]} */
function routes() {
	const ext = '/rcvideo/v2/account/{accountId}/extension/{extensionId}/bridges';
	return [
		{ method: 'POST', path: ext, operationId: 'createBridge', handler: createBridge },
		{ method: 'GET', path: `${ext}/default`, operationId: 'getDefaultBridge', handler: readDefaultBridge },
		{ method: 'GET', path: '/rcvideo/v2/bridges/{bridgeId}', operationId: 'getBridge', handler: (ctx) => ({ body: bridgeResponse(ctx, bridgeOf(ctx), String(ctx.query.pw ?? '')) }) },
		{ method: 'PATCH', path: '/rcvideo/v2/bridges/{bridgeId}', operationId: 'updateBridge', handler: updateBridge },
		{ method: 'DELETE', path: '/rcvideo/v2/bridges/{bridgeId}', operationId: 'deleteBridge', handler: deleteBridge },
		{ method: 'GET', path: '/rcvideo/v1/history/meetings', operationId: 'listVideoMeetings', handler: listMeetings },
		{ method: 'GET', path: '/rcvideo/v1/history/meetings/{meetingId}', operationId: 'getVideoMeeting', handler: readMeeting },
	];
}

module.exports = { routes };
