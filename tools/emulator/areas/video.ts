/**
 * RingCentral Video (/rcvideo): meeting bridges (each user's default PMI bridge, scheduled and
 * instant bridges: create, read, update, delete, unique web and PSTN PINs, passwords shown only to
 * the owner or an administrator) and the meeting history (newest first, search text, recordings
 * filter, time window, pageToken/perPage pagination). Errors carry errors[] only.
 */
import crypto from 'node:crypto';

import { RcError, errors } from '../errors';
import { SEED_EPOCH, personOf } from '../people';
import type { HandlerContext, HandlerResult, Route } from '../types';
import { accountOf, extensionOf } from './common';

type State = HandlerContext['state'];
/** Request JSON the spec describes as a free-form object (meeting preferences). */
type JsonObject = Record<string, unknown>;

interface Password {
	plainText: string;
	pstn: string;
	/** the `pw` query of the join link */
	joinQuery: string;
}

interface Security {
	passwordProtected?: boolean;
	password?: Password;
	noGuests?: boolean;
	sameAccount?: boolean;
	e2ee?: boolean;
}

interface Pins {
	web?: string;
	pstn?: { host?: string; participant?: string };
}

interface Bridge {
	id: string;
	name: string;
	type: string;
	host: { accountId: string; extensionId: string };
	pins: { web: string; pstn: { host: string; participant: string } };
	security: Security;
	preferences: JsonObject;
}

interface Participant {
	id: string;
	accountId?: string;
	extensionId?: string;
	displayName?: string;
	type: 'User' | 'Guest';
	callerId?: string;
}

interface Meeting {
	id: string;
	shortId: string;
	bridgeId: string;
	startTime: string;
	displayName: string;
	hostInfo: { accountId: string; extensionId: string; displayName?: string };
	duration: number;
	type: string;
	status: string;
	participants: Participant[];
	recordings: Array<{ id: string; startTime: number; url: string; status: string; availabilityStatus: string }>;
}

/** POST …/bridges and PATCH /rcvideo/v2/bridges/{bridgeId} (spec: CreateBridgeRequest, UpdateBridgeRequest). */
interface BridgeRequest {
	name?: string;
	type?: string;
	pins?: Pins;
	security?: Omit<Security, 'password'> & { password?: string };
	preferences?: JsonObject;
}

const JOIN_HOST = 'https://v.ringcentral.com';
const HISTORY_MAX_PER_PAGE = 100;
const HISTORY_DEFAULT_PER_PAGE = 25;
const MEETING_COUNT = 160;

/** A stable id of RingCentral Video's shape (12 lowercase letters and digits). */
function bridgeIdFrom(seed: string): string {
	return crypto.createHash('sha256').update(seed).digest('hex').replace(/[^a-z0-9]/g, '').slice(0, 12);
}
/** Digits derived from a seed. */
function digitsFrom(seed: string, length: number): string {
	const hex = crypto.createHash('sha256').update(seed).digest('hex');
	return BigInt(`0x${hex.slice(0, 15)}`).toString().padStart(length, '7').slice(-length).replace(/^0/, '7');
}

function passwordOf(plainText: string, seed: string): Password {
	return { plainText, pstn: digitsFrom(`${seed}:pstn-pw`, 6), joinQuery: crypto.createHash('sha256').update(`${seed}:${plainText}`).digest('base64url').slice(0, 32) };
}

function defaultPreferences(pmi: boolean): JsonObject {
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

function initialVideo(state: State) {
	const bridges = new Map<string, Bridge>();
	const pmiOf = (extensionId: string): Bridge => {
		const id = bridgeIdFrom(`pmi:${extensionId}`);
		let bridge = bridges.get(id);
		if (!bridge) {
			bridge = {
				id,
				name: `${personOf(state, extensionId)?.name ?? 'User'}'s personal meeting`,
				type: 'PMI',
				host: { accountId: state.accountId, extensionId },
				pins: { web: digitsFrom(`web:${extensionId}`, 10), pstn: { host: digitsFrom(`host:${extensionId}`, 8), participant: digitsFrom(`guest:${extensionId}`, 9) } },
				security: { passwordProtected: true, password: passwordOf(`Pm${digitsFrom(`pw:${extensionId}`, 6)}`, id), noGuests: false, sameAccount: false, e2ee: false },
				preferences: defaultPreferences(true),
			};
			bridges.set(id, bridge);
		}
		return bridge;
	};
	const scheduled = (extensionId: string, name: string): Bridge => {
		const id = bridgeIdFrom(`scheduled:${extensionId}:${name}`);
		const bridge: Bridge = {
			id,
			name,
			type: 'Scheduled',
			host: { accountId: state.accountId, extensionId },
			pins: { web: digitsFrom(`web:${id}`, 9), pstn: { host: digitsFrom(`host:${id}`, 8), participant: digitsFrom(`guest:${id}`, 9) } },
			security: { passwordProtected: false, noGuests: false, sameAccount: true, e2ee: false },
			preferences: defaultPreferences(false),
		};
		bridges.set(id, bridge);
		return bridge;
	};

	const users: string[] = state.users;
	const series: Array<{ bridge: Bridge; people: string[]; recorded: boolean; title?: string; guest?: string }> = [
		{ bridge: scheduled(users[0], 'Weekly Support Sync'), people: users.slice(0, 4), recorded: true },
		{ bridge: scheduled(users[4] ?? users[0], 'Sales Pipeline Review'), people: [users[4], users[5], users[0]], recorded: false },
		{ bridge: pmiOf(users[0]), people: [users[0], users[1]], recorded: false, title: 'Alice / Bob 1:1' },
		{ bridge: pmiOf(users[1]), people: [users[1], users[3]], recorded: true, title: 'Escalation review', guest: 'Pat Customer' },
	];
	const meetings: Meeting[] = [];
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
				...present.map((extensionId): Participant => ({ id: `p-${id}-${extensionId}`, accountId: state.accountId, extensionId, displayName: personOf(state, extensionId)?.name, type: 'User' })),
				...(guest ? [{ id: `p-${id}-guest`, displayName: guest, type: 'Guest' as const, callerId: '+16505550123' }] : []),
			],
			recordings: recorded
				? [{ id: `rec-${id}`, startTime: start + 60_000, url: `${JOIN_HOST}/recordings/${id}`, status: 'Processed', availabilityStatus: 'Alive' }]
				: [],
		});
	}
	meetings.reverse();
	return { bridges, meetings, pmiOf };
}

function video(ctx: HandlerContext) {
	return ctx.store('video', () => initialVideo(ctx.state));
}

const isAdmin = (ctx: HandlerContext) => Boolean(ctx.state.extensions.get(ctx.auth.extensionId)?.admin);
const mayManage = (ctx: HandlerContext, bridge: Bridge) => bridge.host.extensionId === ctx.auth.extensionId || isAdmin(ctx);
const forbidden = (message: string) => new RcError(403, 'CMN-401', message);
const conflict = (parameterName: string, message: string) => new RcError(409, 'CMN-101', message, { parameterName });

/** What the caller may see of a bridge: passwords and the password link only for those who manage it. */
function bridgeResponse(ctx: HandlerContext, bridge: Bridge, pw = '') {
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

function assertPinsFree(bridges: Map<string, Bridge>, pins: Pins, except?: string): void {
	for (const bridge of bridges.values()) {
		if (bridge.id === except) continue;
		if (pins.web !== undefined && bridge.pins.web === pins.web) throw conflict('pins.web', `Web PIN [${pins.web}] is already in use`);
		for (const role of ['host', 'participant'] as const) {
			const pin = pins.pstn?.[role];
			if (pin !== undefined && [bridge.pins.pstn?.host, bridge.pins.pstn?.participant].includes(pin)) throw conflict(`pins.pstn.${role}`, `PSTN PIN [${pin}] is already in use`);
		}
	}
}

function assertDigits(parameterName: string, value: string | undefined, min: number, max: number): void {
	if (value !== undefined && !new RegExp(`^\\d{${min},${max}}$`).test(String(value))) {
		throw errors.invalidParameter(parameterName, `It must be ${min} to ${max} digits.`);
	}
}

/** security from a request: a password implies protection; protection without one gets a generated password. */
function securityFrom(requested: BridgeRequest['security'], current: Security, seed: string): Security {
	if (!requested) return current;
	const { password, ...flags } = requested;
	const security: Security = { ...current, ...flags };
	if (password !== undefined) {
		if (!/^[A-Za-z0-9]{1,10}$/.test(String(password))) throw errors.invalidParameter('security.password', 'It must be 1 to 10 letters or digits.');
		security.passwordProtected = requested.passwordProtected ?? true;
		security.password = passwordOf(String(password), seed);
	}
	if (security.passwordProtected && !security.password) security.password = passwordOf(`Rc${digitsFrom(`${seed}:generated`, 6)}`, seed);
	if (security.passwordProtected === false) delete security.password;
	return security;
}

/** Objects merge key by key; any other value (arrays too) replaces what was there. */
function deepMerge(target: JsonObject | undefined, changes: JsonObject | undefined): JsonObject {
	const result: JsonObject = { ...target };
	for (const [key, value] of Object.entries(changes ?? {})) {
		result[key] = isObject(value) ? deepMerge((target?.[key] ?? {}) as JsonObject, value) : value;
	}
	return result;
}

function isObject(value: unknown): value is JsonObject {
	return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function ownerOf(ctx: HandlerContext): string {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	if (!ctx.state.isUser(extensionId)) throw errors.notFound('extensionId');
	if (extensionId !== ctx.auth.extensionId && !isAdmin(ctx)) throw forbidden('Only the owner, a delegate or a super admin may create bridges for this user');
	return extensionId;
}

function createBridge(ctx: HandlerContext): HandlerResult {
	const extensionId = ownerOf(ctx);
	const store = video(ctx);
	const body = (ctx.body as BridgeRequest | undefined) ?? {};
	const type = body.type ?? 'Instant';
	if (type === 'PMI') throw conflict('type', 'The user already has a default (PMI) bridge');
	assertDigits('pins.web', body.pins?.web, 6, 12);
	assertDigits('pins.pstn.host', body.pins?.pstn?.host, 6, 10);
	assertDigits('pins.pstn.participant', body.pins?.pstn?.participant, 6, 10);
	assertPinsFree(store.bridges, body.pins ?? {});
	const id = bridgeIdFrom(`bridge:${crypto.randomUUID()}`);
	const security = securityFrom(body.security, { passwordProtected: false, noGuests: false, sameAccount: false, e2ee: false }, id);
	const bridge: Bridge = {
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

function readDefaultBridge(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	if (!ctx.state.isUser(extensionId)) throw errors.notFound('extensionId');
	return { body: bridgeResponse(ctx, video(ctx).pmiOf(extensionId)) };
}

function bridgeOf(ctx: HandlerContext): Bridge {
	const store = video(ctx);
	const bridge = store.bridges.get(ctx.params.bridgeId);
	if (!bridge) throw errors.notFound('bridgeId');
	return bridge;
}

function updateBridge(ctx: HandlerContext): HandlerResult {
	const bridge = bridgeOf(ctx);
	if (!mayManage(ctx, bridge)) throw forbidden('Only the owner, a delegate or a super admin may update this bridge');
	const body = (ctx.body as BridgeRequest | undefined) ?? {};
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

function deleteBridge(ctx: HandlerContext): HandlerResult {
	const bridge = bridgeOf(ctx);
	if (!mayManage(ctx, bridge)) throw forbidden('Only the owner, a delegate or a super admin may delete this bridge');
	if (bridge.type === 'PMI') throw forbidden('A default (PMI) bridge is deleted only with its user');
	video(ctx).bridges.delete(bridge.id);
	return { status: 204 };
}

/** Meetings the caller hosted or took part in. */
function visibleMeetings(ctx: HandlerContext): Meeting[] {
	const user = ctx.auth.extensionId;
	return video(ctx).meetings.filter((m) => m.hostInfo.extensionId === user || m.participants.some((p) => p.extensionId === user));
}

function meetingResponse(ctx: HandlerContext, meeting: Meeting) {
	const host = meeting.hostInfo.extensionId === ctx.auth.extensionId;
	return { ...meeting, rights: host ? ['delete', 'download', 'share'] : ['download'] };
}

function listMeetings(ctx: HandlerContext): HandlerResult {
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
	const scope = crypto.createHash('sha256').update([user, query.text, query.materials, query.type, query.startTime, query.endTime].map((part) => String(part ?? '')).join('|')).digest('base64url').slice(0, 10);
	let start = 0;
	if (query.pageToken !== undefined) {
		const match = /^([\w-]{10})\.(\d+)$/.exec(String(query.pageToken));
		if (!match || match[1] !== scope) throw errors.invalidParameter('pageToken', 'The page token is unknown or belongs to another search.');
		start = Number(match[2]);
	}
	const page = meetings.slice(start, start + perPage).map((m) => meetingResponse(ctx, m));
	const paging: Record<string, string> = { currentPageToken: `${scope}.${start}` };
	if (start + perPage < meetings.length) paging.nextPageToken = `${scope}.${start + perPage}`;
	return { body: { meetings: page, paging } };
}

function readMeeting(ctx: HandlerContext): HandlerResult {
	const meeting = video(ctx).meetings.find((m) => m.id === ctx.params.meetingId);
	if (!meeting) throw errors.notFound('meetingId');
	if (!visibleMeetings(ctx).includes(meeting)) throw forbidden('Only the host and participants may read this meeting');
	return { body: meetingResponse(ctx, meeting) };
}

export function routes(): Route[] {
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
