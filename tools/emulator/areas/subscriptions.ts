/**
 * Subscriptions: create (with RingCentral's Validation-Token handshake against the delivery
 * address), list, read, update, renew and delete, with `~` expanded to numeric ids in the stored
 * filters, RingCentral's limits (30 per user and app, 10-year webhook lifetime) and its SUB-*
 * errors. The store is `emulator.subscriptions`, so a delivery engine can find the Active
 * subscriptions, their addresses and verification tokens, and blacklist them. WebSocket
 * subscriptions live in the same store; they are made over the WebSocket gateway's socket
 * (`tunnelledSubscriptionCall`), belong to its session and end with it.
 */
import crypto from 'node:crypto';

import { RcError, errors } from '../errors';
import type { Emulator } from '../server';
import type { HandlerContext, Route } from '../types';
import { postWebhook } from '../webhook';
import type { TunnelledOperation, WsSession } from '../websocket';

export const DEFAULT_EXPIRES_IN = 604800;
export const MAX_WEBHOOK_EXPIRES_IN = 315360000;
const MAX_PER_EXTENSION = 30;

/** A webhook subscription as the emulator keeps it (times in milliseconds). */
export interface Subscription {
	id: string;
	accountId: string;
	/** the extension that created it */
	ownerId: string;
	/** the app that created it */
	clientId: string;
	/** with `~` expanded */
	eventFilters: string[];
	/** the `event` each filter's deliveries carry: the account as the subscriber wrote it (`~` stays), the extension resolved */
	eventNames: string[];
	/** `address` is empty for WebSocket subscriptions */
	deliveryMode: { transportType: 'WebHook' | 'WebSocket'; address: string };
	verificationToken?: string;
	creationTime: number;
	expiresIn: number;
	expirationTime: number;
	/** Active, or Blacklisted after failed deliveries */
	status: string;
	blacklistedData?: { blacklistedAt: string; reason: string };
}

/** POST /restapi/v1.0/subscription (spec: CreateSubscriptionRequest), WebHook delivery. */
interface CreateSubscriptionRequest {
	eventFilters: string[];
	expiresIn?: number;
	deliveryMode: { transportType?: string; address: string; verificationToken?: string };
}

/** PUT /restapi/v1.0/subscription/{subscriptionId} (spec: UpdateSubscriptionRequest); empty renews. */
interface UpdateSubscriptionRequest {
	eventFilters: string[];
	expiresIn?: number;
}

/** A filter's query parameters and their allowed values (null: any value). */
type FilterParameters = Record<string, string[] | null>;

const ACCOUNT = String.raw`/restapi/v1\.0/account/(?<account>[^/?]+)`;
const EXTENSION = `${ACCOUNT}/extension/(?<extension>[^/?]+)`;
const BOOLEAN = ['true', 'false'];
const TELEPHONY: FilterParameters = { direction: ['Inbound', 'Outbound'], missedCall: BOOLEAN, phoneNumber: null, statusCode: null, sipData: BOOLEAN, withRecordings: BOOLEAN };
const PRESENCE: FilterParameters = { detailedTelephonyState: BOOLEAN, sipData: BOOLEAN, aggregated: BOOLEAN, totalActiveCalls: BOOLEAN };
const MESSAGE_TYPES = ['SMS', 'Fax', 'VoiceMail', 'Pager'];
const DIRECTIONS = ['Inbound', 'Outbound'];

/**
 * The event filters RingCentral accepts (shared/ringcentral/platform-notes.md §2.9): a path and
 * the query parameters it may carry, with their allowed values (null: any value).
 */
const FILTERS = ([
	[`${EXTENSION}/message-store`, { type: MESSAGE_TYPES, direction: DIRECTIONS }],
	[`${EXTENSION}/message-store/instant`, { type: ['SMS'] }],
	[`${EXTENSION}/voicemail`, {}],
	[`${EXTENSION}/fax`, { direction: DIRECTIONS }],
	[`${EXTENSION}/presence`, PRESENCE],
	[`${EXTENSION}/presence/dnd`, {}],
	[`${EXTENSION}/presence/line`, {}],
	[`${EXTENSION}/presence/line/presence`, PRESENCE],
	[`${EXTENSION}/favorite/presence`, PRESENCE],
	[`${EXTENSION}/favorite`, {}],
	[`${EXTENSION}/grant`, {}],
	[`${EXTENSION}/telephony/sessions`, TELEPHONY],
	[`${EXTENSION}`, {}],
	[`${ACCOUNT}/extension`, {}],
	[`${ACCOUNT}/presence`, PRESENCE],
	[`${ACCOUNT}/telephony/sessions`, TELEPHONY],
	[`${ACCOUNT}/call-queues/[^/?]+/presence`, {}],
	[`${ACCOUNT}/directory/entries`, {}],
	[`${ACCOUNT}/a2p-sms/batches(?:/[^/?]+)?`, {}],
	[`${ACCOUNT}/a2p-sms/messages`, { direction: DIRECTIONS }],
	[`${ACCOUNT}/a2p-sms/opt-outs`, {}],
	['/team-messaging/v1/posts', {}],
	['/team-messaging/v1/chats', {}],
	['/team-messaging/v1/groups', {}],
	[String.raw`/restapi/v1\.0/subscription/~`, { threshold: null, interval: null }],
] as Array<[string, FilterParameters]>).map(([path, query]): [RegExp, FilterParameters] => [new RegExp(`^${path}$`), query]);

const REMINDER = /^\/restapi\/v1\.0\/subscription\/~(\?|$)/;

export class SubscriptionStore {
	readonly emulator: Emulator;
	readonly records = new Map<string, Subscription>();
	sequence = 0;
	/** creations in their handshake, per app and user */
	readonly pending = new Map<string, number>();
	/** how long the webhook may take to echo the Validation-Token, and how large its answer may be */
	readonly settings = { handshakeTimeoutMs: 3000, maxHandshakeResponseBytes: 1024 };

	constructor(emulator: Emulator) {
		this.emulator = emulator;
	}

	/** Every stored subscription, expired or not (delivery engines pick with `isDeliverable`). */
	all(): Subscription[] {
		return [...this.records.values()];
	}

	get(id: string): Subscription | undefined {
		return this.records.get(String(id));
	}

	isExpired(record: Subscription, now = Date.now()): boolean {
		return record.expirationTime <= now;
	}

	/** Active and not expired: what RingCentral would deliver to. */
	isDeliverable(record: Subscription, now = Date.now()): boolean {
		return record.status === 'Active' && !this.isExpired(record, now);
	}

	blacklist(id: string, reason = 'Webhook responses with code: [404], reason: [Not Found]'): Subscription | undefined {
		const record = this.get(id);
		if (!record) return undefined;
		record.status = 'Blacklisted';
		record.blacklistedData = { blacklistedAt: new Date().toISOString(), reason };
		return record;
	}

	expire(id: string): Subscription | undefined {
		const record = this.get(id);
		if (record) record.expirationTime = Date.now() - 1000;
		return record;
	}

	remove(id: string): boolean {
		return this.records.delete(String(id));
	}

	/** Deterministic ids of 20 hex characters (the spec's SubscriptionId allows at most 20). */
	nextId(): string {
		this.sequence += 1;
		return crypto.createHash('sha256').update(`subscription-${this.sequence}`).digest('hex').slice(0, 20);
	}

	/** The SubscriptionInfo RingCentral returns. */
	resource(record: Subscription, baseUrl: string) {
		return {
			uri: `${baseUrl}/restapi/v1.0/subscription/${record.id}`,
			id: record.id,
			creationTime: new Date(record.creationTime).toISOString(),
			status: record.status,
			eventFilters: [...record.eventFilters],
			expirationTime: new Date(record.expirationTime).toISOString(),
			expiresIn: Math.max(1, Math.round((record.expirationTime - Date.now()) / 1000)),
			deliveryMode:
				record.deliveryMode.transportType === 'WebSocket'
					? { transportType: 'WebSocket' }
					: { transportType: record.deliveryMode.transportType, encryption: false, address: record.deliveryMode.address },
			...(record.blacklistedData ? { blacklistedData: { ...record.blacklistedData } } : {}),
		};
	}
}

function storeOf(emulator: Emulator): SubscriptionStore {
	return emulator.areaState('subscriptions', () => new SubscriptionStore(emulator));
}

/**
 * The `event` of the deliveries for a filter. RingCentral's notifications keep the account's `~`
 * and name the extension (platform notes §2.8: `/restapi/v1.0/account/~/extension/823476228762/…`).
 */
function eventNameOf(ctx: Pick<HandlerContext, 'auth'>, filter: string): string {
	return filter.trim().replace(/(\/extension\/)~(?=\/|\?|$)/, `$1${ctx.auth.extensionId}`);
}

/** Checks every filter and expands `~` to the account and the owner's extension. */
function expandFilters(ctx: Pick<HandlerContext, 'state' | 'auth'>, filters: string[]): string[] {
	const expanded = filters.map((filter) => {
		const [path, query = ''] = filter.trim().split('?');
		const concrete = path
			.replace(/^(\/restapi\/v1\.0\/account\/)~(?=\/|$)/, `$1${ctx.state.accountId}`)
			.replace(/(\/extension\/)~(?=\/|$)/, `$1${ctx.auth.extensionId}`);
		const known = FILTERS.find(([pattern]) => pattern.test(concrete));
		if (!known) throw invalidFilter(filter);
		const params = new URLSearchParams(query);
		for (const [key, value] of params) {
			const allowed = known[1][key];
			if (allowed === undefined || (allowed !== null && !allowed.includes(value))) throw invalidFilter(filter);
		}
		const groups = known[0].exec(concrete)?.groups ?? {};
		if (groups.account && groups.account !== ctx.state.accountId) {
			throw new RcError(403, 'SUB-406', 'Not allowed subscribe for events to extensions of other account');
		}
		if (groups.extension && !ctx.state.extensions.has(groups.extension)) {
			throw new RcError(403, 'SUB-408', 'Not allowed subscribe for unknown user');
		}
		return query ? `${concrete}?${query}` : concrete;
	});
	if (expanded.every((filter) => REMINDER.test(filter))) {
		throw new RcError(400, 'SUB-515', 'Subscription containing only reminder filter is not allowed');
	}
	return expanded;
}

function invalidFilter(filter: string): RcError {
	return new RcError(400, 'SUB-508', 'Invalid event filters', { parameterName: 'eventFilters', extra: { parameterValue: filter } });
}

function lifetime(expiresIn: number | undefined): number {
	if (expiresIn === undefined) return DEFAULT_EXPIRES_IN;
	if (expiresIn > MAX_WEBHOOK_EXPIRES_IN) {
		throw errors.invalidParameter('expiresIn', `WebHook subscriptions live at most ${MAX_WEBHOOK_EXPIRES_IN} seconds.`);
	}
	return expiresIn;
}

/**
 * RingCentral's test POST before it creates a webhook subscription: the address must answer 200
 * within the time limit, echo the Validation-Token header, and keep its answer small.
 */
async function handshake(subscriptions: SubscriptionStore, address: string, verificationToken: string | undefined): Promise<void> {
	const token = crypto.randomBytes(16).toString('hex');
	const answer = await postWebhook(address, {
		headers: { 'Validation-Token': token, ...(verificationToken ? { 'Verification-Token': verificationToken } : {}) },
		timeoutMs: subscriptions.settings.handshakeTimeoutMs,
	});
	if ('failure' in answer) {
		if (answer.failure === 'timeout') throw new RcError(400, 'SUB-520', 'Validation Token is not returned');
		throw errors.invalidParameter('deliveryMode.address', `The webhook could not be reached (${answer.code ?? 'no answer'}).`);
	}
	if (answer.status !== 200) {
		throw new RcError(400, 'SUB-522', `WebHook responds with incorrect HTTP status. HTTP status is ${answer.status}`);
	}
	if (answer.size > subscriptions.settings.maxHandshakeResponseBytes) {
		throw new RcError(400, 'SUB-525', 'WebHook server response is invalid');
	}
	if (answer.headers['validation-token'] !== token) throw new RcError(400, 'SUB-520', 'Validation Token is not returned');
}

export function routes(emulator: Emulator): Route[] {
	Object.defineProperty(emulator, 'subscriptions', { configurable: true, get: () => storeOf(emulator) });

	/** The caller's own subscription (other users' and apps' subscriptions do not exist for it). */
	const own = (ctx: HandlerContext): Subscription => {
		const record = storeOf(emulator).get(ctx.params.subscriptionId);
		if (!record || record.clientId !== ctx.auth.clientId || record.ownerId !== ctx.auth.extensionId) {
			throw errors.notFound('subscriptionId');
		}
		return record;
	};
	const live = (ctx: HandlerContext): Subscription => {
		const record = own(ctx);
		if (storeOf(emulator).isExpired(record)) {
			throw new RcError(404, 'SUB-507', `Subscription [${record.id}] was expired`, { parameterName: 'subscriptionId' });
		}
		return record;
	};
	const extend = (record: Subscription, expiresIn: number) => {
		record.expiresIn = expiresIn;
		record.expirationTime = Date.now() + expiresIn * 1000;
	};

	return [
		{
			method: 'GET',
			path: '/restapi/v1.0/subscription',
			operationId: 'listSubscriptions',
			handler: (ctx) => {
				const subscriptions = storeOf(emulator);
				const records = subscriptions
					.all()
					.filter((r) => r.clientId === ctx.auth.clientId && r.ownerId === ctx.auth.extensionId && !subscriptions.isExpired(r))
					.map((r) => subscriptions.resource(r, ctx.baseUrl));
				return { body: { uri: `${ctx.baseUrl}/restapi/v1.0/subscription`, records } };
			},
		},
		{
			method: 'POST',
			path: '/restapi/v1.0/subscription',
			operationId: 'createSubscription',
			handler: async (ctx) => {
				const subscriptions = storeOf(emulator);
				const body = ctx.body as CreateSubscriptionRequest;
				const eventFilters = expandFilters(ctx, body.eventFilters);
				const expiresIn = lifetime(body.expiresIn);
				const owner = `${ctx.auth.clientId}:${ctx.auth.extensionId}`;
				const mine = subscriptions
					.all()
					.filter((r) => r.clientId === ctx.auth.clientId && r.ownerId === ctx.auth.extensionId && !subscriptions.isExpired(r));
				// Creations still in their handshake hold a place, so parallel requests cannot overshoot the limit.
				const pending = subscriptions.pending.get(owner) ?? 0;
				if (mine.length + pending >= MAX_PER_EXTENSION) throw new RcError(403, 'SUB-505', 'Subscriptions limit exceeded');
				subscriptions.pending.set(owner, pending + 1);
				try {
					await handshake(subscriptions, body.deliveryMode.address, body.deliveryMode.verificationToken);
				} finally {
					subscriptions.pending.set(owner, (subscriptions.pending.get(owner) ?? 1) - 1);
				}
				const record: Subscription = {
					id: subscriptions.nextId(),
					accountId: ctx.state.accountId,
					ownerId: ctx.auth.extensionId,
					clientId: ctx.auth.clientId,
					eventFilters,
					eventNames: body.eventFilters.map((filter) => eventNameOf(ctx, filter)),
					deliveryMode: { transportType: 'WebHook', address: body.deliveryMode.address },
					verificationToken: body.deliveryMode.verificationToken,
					creationTime: Date.now(),
					expiresIn,
					expirationTime: 0,
					status: 'Active',
					blacklistedData: undefined,
				};
				extend(record, expiresIn);
				subscriptions.records.set(record.id, record);
				return { body: subscriptions.resource(record, ctx.baseUrl) };
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/subscription/{subscriptionId}',
			operationId: 'readSubscription',
			handler: (ctx) => ({ body: storeOf(emulator).resource(live(ctx), ctx.baseUrl) }),
		},
		{
			method: 'PUT',
			path: '/restapi/v1.0/subscription/{subscriptionId}',
			operationId: 'updateSubscription',
			handler: (ctx) => {
				const record = live(ctx);
				const body = ctx.body as UpdateSubscriptionRequest | undefined;
				if (!body || Object.keys(body).length === 0) {
					// An empty body renews with the default lifetime.
					extend(record, DEFAULT_EXPIRES_IN);
				} else {
					record.eventFilters = expandFilters(ctx, body.eventFilters);
					record.eventNames = body.eventFilters.map((filter) => eventNameOf(ctx, filter));
					extend(record, lifetime(body.expiresIn ?? record.expiresIn));
				}
				return { body: storeOf(emulator).resource(record, ctx.baseUrl) };
			},
		},
		{
			method: 'POST',
			path: '/restapi/v1.0/subscription/{subscriptionId}/renew',
			operationId: 'renewSubscription',
			handler: (ctx) => {
				const record = live(ctx);
				extend(record, record.expiresIn);
				return { body: storeOf(emulator).resource(record, ctx.baseUrl) };
			},
		},
		{
			method: 'DELETE',
			path: '/restapi/v1.0/subscription/{subscriptionId}',
			operationId: 'deleteSubscription',
			handler: (ctx) => {
				storeOf(emulator).remove(own(ctx).id);
				return {};
			},
		},
	];
}

/** An `eventFilters` value as the spec's CreateSubscriptionRequest takes it: at least one string. */
function checkedFilters(value: unknown): string[] {
	if (!Array.isArray(value) || !value.length || !value.every((filter) => typeof filter === 'string' && filter.trim())) {
		throw errors.invalidParameter('eventFilters');
	}
	return value as string[];
}

/**
 * The subscription API tunnelled over a WebSocket session (platform notes §2.10 step 5): create
 * (a WebSocket subscription of the session; a second one replaces the first, as "any given
 * WebSocket server can only have a single active subscription"), read, update, renew and delete. The
 * request body is RingCentral's WebSocket form (`deliveryMode.transportType: "WebSocket"`), which
 * the public spec's request schema does not describe; answers are checked against its responses.
 */
export function tunnelledSubscriptionCall(
	emulator: Emulator,
	session: WsSession,
	operation: TunnelledOperation,
	body: unknown,
): { status: number; body?: unknown } {
	const subscriptions = storeOf(emulator);
	const ctx = { state: emulator.state, auth: { accountId: session.accountId, extensionId: session.extensionId, clientId: session.clientId } };
	const request = (body ?? {}) as { eventFilters?: unknown; deliveryMode?: { transportType?: unknown } };
	const lifetimeS = emulator.webSockets.settings.absoluteTimeout;
	if (operation.operationId === 'createSubscription') {
		const filters = checkedFilters(request.eventFilters);
		if (request.deliveryMode?.transportType !== 'WebSocket') {
			throw errors.invalidParameter('deliveryMode.transportType', 'A subscription made over the WebSocket gateway is delivered over it: WebSocket.');
		}
		const eventFilters = expandFilters(ctx, filters);
		if (session.subscriptionId) subscriptions.remove(session.subscriptionId);
		session.subscriptionId = undefined;
		const mine = subscriptions.all().filter((r) => r.clientId === session.clientId && r.ownerId === session.extensionId && !subscriptions.isExpired(r));
		if (mine.length >= MAX_PER_EXTENSION) throw new RcError(403, 'SUB-505', 'Subscriptions limit exceeded');
		const now = Date.now();
		const record: Subscription = {
			id: subscriptions.nextId(),
			accountId: session.accountId,
			ownerId: session.extensionId,
			clientId: session.clientId,
			eventFilters,
			eventNames: filters.map((filter) => eventNameOf(ctx, filter)),
			deliveryMode: { transportType: 'WebSocket', address: '' },
			creationTime: now,
			expiresIn: lifetimeS,
			expirationTime: now + lifetimeS * 1000,
			status: 'Active',
		};
		subscriptions.records.set(record.id, record);
		session.subscriptionId = record.id;
		return { status: 200, body: subscriptions.resource(record, emulator.url) };
	}
	const record = subscriptions.get(operation.subscriptionId ?? '');
	if (!record || record.clientId !== session.clientId || record.ownerId !== session.extensionId || subscriptions.isExpired(record)) {
		throw errors.notFound('subscriptionId');
	}
	if (operation.operationId === 'readSubscription') return { status: 200, body: subscriptions.resource(record, emulator.url) };
	if (operation.operationId === 'renewSubscription') {
		record.expirationTime = Date.now() + lifetimeS * 1000;
		return { status: 200, body: subscriptions.resource(record, emulator.url) };
	}
	if (operation.operationId === 'updateSubscription') {
		const filters = checkedFilters(request.eventFilters);
		record.eventFilters = expandFilters(ctx, filters);
		record.eventNames = filters.map((filter) => eventNameOf(ctx, filter));
		return { status: 200, body: subscriptions.resource(record, emulator.url) };
	}
	subscriptions.remove(record.id);
	if (session.subscriptionId === record.id) session.subscriptionId = undefined;
	return { status: 204 };
}
