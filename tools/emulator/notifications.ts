/**
 * RingCentral's notification service: every event the emulator emits is matched against the event
 * filters of Active, unexpired subscriptions and POSTed to their address with the
 * Verification-Token and RingCentral's user agent. Failed deliveries are retried; a subscription
 * whose deliveries keep failing is Blacklisted, as RingCentral does after a while. Notifications
 * for WebSocket subscriptions go to the WebSocket gateway, which sends or buffers them.
 */
import crypto from 'node:crypto';

import type { SubscriptionStore } from './areas/subscriptions';
import type { Emulator } from './server';
import { postWebhook } from './webhook';

/** What the emulator emits: an event path, its owner and RingCentral's notification body. */
export interface EventNotification {
	uuid: string;
	event: string;
	timestamp: string;
	ownerId: string;
	body: unknown;
}

/** What a subscription receives: the notification under the event filter that matched it. */
export interface Envelope {
	uuid: string;
	event: string;
	timestamp: string;
	subscriptionId: string;
	ownerId: string;
	body: unknown;
}

/** One delivery attempt and its outcome: the webhook's status, or why there was none. */
export interface Delivery {
	subscriptionId: string;
	uuid: string;
	event: string;
	attempt: number;
	status: number | 'timeout' | 'unreachable';
	durationMs: number;
	at: string;
}

export interface DeliverySettings {
	timeoutMs: number;
	retries: number;
	retryDelayMs: number;
	blacklistAfterFailures: number;
	/**
	 * How many times each notification is delivered, all at once. RingCentral delivers a
	 * notification again when an answer comes late, possibly while the first is still handled.
	 */
	copies: number;
}

type Subscription = ReturnType<SubscriptionStore['all']>[number];

function splitFilter(text: string): { path: string; params: URLSearchParams } {
	const [path, query = ''] = text.split('?');
	return { path, params: new URLSearchParams(query) };
}

/** Account-level filters receive the events of every extension of the account. */
export function pathMatches(filterPath: string, eventPath: string): boolean {
	if (filterPath === eventPath) return true;
	const withoutExtension = eventPath.replace(/^(\/restapi\/v1\.0\/account\/[^/]+)\/extension\/[^/]+(\/.+)$/, '$1$2');
	return filterPath === withoutExtension && withoutExtension !== eventPath;
}

/** The parts of notification bodies that event filters can select on. */
interface FilterableBody {
	type?: string;
	direction?: string;
	changes?: Array<{ type?: string; newMessageIds?: number[] }>;
	parties?: Array<{
		direction?: string;
		missedCall?: boolean;
		status?: { code?: string };
		from?: { phoneNumber?: string };
		to?: { phoneNumber?: string };
	}>;
}

/**
 * What an event can be filtered on, besides its path: the query it was emitted with and facts
 * of its body (message types, call direction, missed call, status codes).
 */
function attributesOf(
	eventParams: URLSearchParams,
	notificationBody: unknown,
	directionsOf: (ids: number[]) => string[],
): Record<string, Set<string>> {
	// Bodies are the emulator's own notifications, in RingCentral's shapes.
	const body = notificationBody as FilterableBody | null | undefined;
	const attributes: Record<string, Set<string>> = {};
	const add = (key: string, value: string | boolean | null | undefined) => {
		if (value === undefined || value === null) return;
		(attributes[key] ??= new Set()).add(String(value));
	};
	for (const [key, value] of eventParams) add(key, value);
	for (const change of body?.changes ?? []) {
		add('type', change.type);
		for (const direction of directionsOf(change.newMessageIds ?? [])) add('direction', direction);
	}
	if (body?.type && body?.direction) {
		add('type', body.type);
		add('direction', body.direction);
	}
	for (const party of body?.parties ?? []) {
		add('direction', party.direction);
		add('missedCall', Boolean(party.missedCall));
		add('statusCode', party.status?.code);
		add('phoneNumber', party.from?.phoneNumber);
		add('phoneNumber', party.to?.phoneNumber);
	}
	return attributes;
}

/** Filter query parameters that shape the body instead of selecting events. */
const SHAPING = new Set(['detailedTelephonyState', 'sipData', 'aggregated', 'totalActiveCalls', 'threshold', 'interval', 'withRecordings']);

/** Presence bodies carry what the filter's shaping parameters ask for (active calls, SIP data). */
function shapeBody(params: URLSearchParams, body: unknown): unknown {
	if (!body || typeof body !== 'object' || !('presenceStatus' in body || 'telephonyStatus' in body)) return body;
	const shaped: Record<string, unknown> = { ...body };
	if (params.get('detailedTelephonyState') !== 'true') {
		delete shaped.activeCalls;
		delete shaped.totalActiveCalls;
	} else if (Array.isArray(shaped.activeCalls)) {
		shaped.totalActiveCalls = shaped.activeCalls.length;
		// The notification lists "the latest 7 active calls" (platform notes §2.8); totalActiveCalls counts all.
		const latest = latestCalls(shaped.activeCalls as Array<Record<string, unknown>>, MAX_NOTIFIED_CALLS);
		shaped.activeCalls =
			params.get('sipData') === 'true'
				? latest
				: latest.map((call) => {
						const { sipData: _sipData, ...rest } = call;
						return rest;
					});
	}
	return shaped;
}

const MAX_NOTIFIED_CALLS = 7;

/** The `count` calls that started last, in their original order. */
function latestCalls(calls: Array<Record<string, unknown>>, count: number): Array<Record<string, unknown>> {
	if (calls.length <= count) return calls;
	const startOf = (call: Record<string, unknown>) => (typeof call.startTime === 'string' ? Date.parse(call.startTime) || 0 : 0);
	const kept = new Set([...calls].sort((a, b) => startOf(b) - startOf(a)).slice(0, count));
	return calls.filter((call) => kept.has(call));
}

export class NotificationCenter {
	readonly emulator: Emulator;
	/** every delivery attempt's outcome, newest last */
	readonly deliveries: Delivery[] = [];
	/** delivered envelopes by uuid, so a delivery can be repeated */
	readonly envelopes = new Map<string, { subscriptionId: string; envelope: Envelope }>();
	readonly inFlight = new Set<Promise<void>>();
	/** consecutive failed deliveries per subscription */
	readonly failures = new Map<string, number>();
	readonly settings: DeliverySettings = { timeoutMs: 3000, retries: 2, retryDelayMs: 100, blacklistAfterFailures: 3, copies: 1 };

	constructor(emulator: Emulator) {
		this.emulator = emulator;
	}

	/** Delivers a notification to every subscription whose filters match it; returns their ids. */
	publish(notification: EventNotification): string[] {
		const store = this.emulator.subscriptions;
		if (!store) return [];
		const event = splitFilter(notification.event);
		const attributes = attributesOf(event.params, notification.body, (ids) => this.directionsOf(ids));
		const targets: string[] = [];
		for (const subscription of store.all()) {
			if (!store.isDeliverable(subscription)) continue;
			const index = subscription.eventFilters.findIndex((text: string) => this.matches(text, event.path, attributes));
			if (index === -1) continue;
			const params = splitFilter(subscription.eventFilters[index]).params;
			const envelope: Envelope = {
				uuid: crypto.randomUUID(),
				event: subscription.eventNames[index] ?? subscription.eventFilters[index],
				timestamp: notification.timestamp,
				subscriptionId: subscription.id,
				// "the subscription owner's extension" (platform notes §2.8), not the event's
				ownerId: subscription.ownerId,
				body: shapeBody(params, notification.body),
			};
			targets.push(subscription.id);
			for (let copy = 0; copy < this.settings.copies; copy++) this.track(this.deliver(subscription, envelope));
		}
		return targets;
	}

	matches(filter: string, eventPath: string, attributes: Record<string, Set<string>>): boolean {
		const { path, params } = splitFilter(filter);
		if (!pathMatches(path, eventPath)) return false;
		for (const [key, value] of params) {
			if (SHAPING.has(key)) continue;
			if (!attributes[key]?.has(value)) return false;
		}
		return true;
	}

	/** Directions of stored messages (message-store change events only carry ids). */
	directionsOf(ids: number[]): string[] {
		// Read without creating the message store: no messages, no directions.
		const store = this.emulator.areaStates.get('messaging') as { mailboxes?: Map<string, Map<string, { direction: string }>> } | undefined;
		const mailboxes = store?.mailboxes;
		if (!mailboxes) return [];
		const wanted = new Set(ids.map(Number));
		const directions: string[] = [];
		for (const box of mailboxes.values()) {
			for (const [id, record] of box) if (wanted.has(Number(id))) directions.push(record.direction);
		}
		return directions;
	}

	async deliver(subscription: Subscription, envelope: Envelope): Promise<void> {
		this.envelopes.set(envelope.uuid, { subscriptionId: subscription.id, envelope });
		if (subscription.deliveryMode.transportType === 'WebSocket') {
			this.emulator.webSockets.deliver(subscription, envelope);
			return;
		}
		const payload = JSON.stringify(envelope);
		for (let attempt = 1; attempt <= 1 + this.settings.retries; attempt++) {
			const started = Date.now();
			const answer = await postWebhook(subscription.deliveryMode.address, {
				headers: subscription.verificationToken ? { 'Verification-Token': subscription.verificationToken } : {},
				body: payload,
				timeoutMs: this.settings.timeoutMs,
			});
			const ok = !('failure' in answer) && answer.status >= 200 && answer.status < 300;
			this.deliveries.push({
				subscriptionId: subscription.id,
				uuid: envelope.uuid,
				event: envelope.event,
				attempt,
				status: 'failure' in answer ? answer.failure : answer.status,
				durationMs: Date.now() - started,
				at: new Date(started).toISOString(),
			});
			if (ok) {
				this.failures.set(subscription.id, 0);
				return;
			}
			if (attempt <= this.settings.retries) await new Promise((r) => setTimeout(r, this.settings.retryDelayMs));
		}
		const failures = (this.failures.get(subscription.id) ?? 0) + 1;
		this.failures.set(subscription.id, failures);
		if (failures >= this.settings.blacklistAfterFailures) {
			const last = this.deliveries[this.deliveries.length - 1];
			const reason =
				typeof last.status === 'number'
					? `Webhook responses with code: [${last.status}]`
					: `I/O operation is failed. Details: [${last.status === 'timeout' ? 'Read timed out' : 'Connection refused'}]`;
			this.emulator.subscriptions?.blacklist(subscription.id, reason);
		}
	}

	/** RingCentral sometimes delivers a notification twice: do it on purpose. */
	redeliver(uuid: string): boolean {
		const known = this.envelopes.get(uuid);
		const subscription = known && this.emulator.subscriptions?.get(known.subscriptionId);
		if (!subscription) return false;
		this.track(this.deliver(subscription, known.envelope));
		return true;
	}

	track(promise: Promise<void>): void {
		this.inFlight.add(promise);
		void promise.finally(() => this.inFlight.delete(promise));
	}

	/** Resolves once every delivery under way has finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
	}
}
