/**
 * RingCentral's notification service for webhook subscriptions: every event the emulator emits is
 * matched against the event filters of Active, unexpired subscriptions and POSTed to their address
 * with the Verification-Token and RingCentral's user agent. Failed deliveries are retried; a
 * subscription whose deliveries keep failing is Blacklisted, as RingCentral does after a while.
 */
const crypto = require('node:crypto');
const { postWebhook } = require('./webhook');

/** @param {string} text */
function splitFilter(text) {
	const [path, query = ''] = text.split('?');
	return { path, params: new URLSearchParams(query) };
}

/** Account-level filters receive the events of every extension of the account. */
function pathMatches(filterPath, eventPath) {
	if (filterPath === eventPath) return true;
	const withoutExtension = eventPath.replace(/^(\/restapi\/v1\.0\/account\/[^/]+)\/extension\/[^/]+(\/.+)$/, '$1$2');
	return filterPath === withoutExtension && withoutExtension !== eventPath;
}

/**
 * What an event can be filtered on, besides its path: the query it was emitted with and facts
 * of its body (message types, call direction, missed call, status codes).
 * @param {URLSearchParams} eventParams @param {any} body @param {(ids: number[]) => string[]} directionsOf
 */
function attributesOf(eventParams, body, directionsOf) {
	/** @type {Record<string, Set<string>>} */
	const attributes = {};
	const add = (/** @type {string} */ key, /** @type {any} */ value) => {
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

/** @param {URLSearchParams} params @param {any} body */
function shapeBody(params, body) {
	if (!body || typeof body !== 'object' || !('presenceStatus' in body || 'telephonyStatus' in body)) return body;
	const shaped = { ...body };
	if (params.get('detailedTelephonyState') !== 'true') {
		delete shaped.activeCalls;
		delete shaped.totalActiveCalls;
	} else if (Array.isArray(shaped.activeCalls)) {
		shaped.totalActiveCalls = shaped.activeCalls.length;
		if (params.get('sipData') !== 'true') shaped.activeCalls = shaped.activeCalls.map(({ sipData, ...call }) => call);
	}
	return shaped;
}

class NotificationCenter {
	/** @param {any} emulator */
	constructor(emulator) {
		this.emulator = emulator;
		/** @type {Array<any>} every delivery attempt's outcome, newest last */
		this.deliveries = [];
		/** @type {Map<string, any>} delivered envelopes by uuid, so a delivery can be repeated */
		this.envelopes = new Map();
		/** @type {Set<Promise<void>>} */
		this.inFlight = new Set();
		/** @type {Map<string, number>} consecutive failed deliveries per subscription */
		this.failures = new Map();
		this.settings = { timeoutMs: 3000, retries: 2, retryDelayMs: 100, blacklistAfterFailures: 3 };
	}

	/**
	 * Delivers a notification to every subscription whose filters match it.
	 * @param {{ uuid: string, event: string, timestamp: string, ownerId: string, body: any }} notification
	 */
	publish(notification) {
		const store = this.emulator.subscriptions;
		if (!store) return [];
		const event = splitFilter(notification.event);
		const attributes = attributesOf(event.params, notification.body, (ids) => this.directionsOf(ids));
		const targets = [];
		for (const subscription of store.all()) {
			if (!store.isDeliverable(subscription)) continue;
			const filter = subscription.eventFilters.find((text) => this.matches(text, event.path, attributes));
			if (!filter) continue;
			const params = splitFilter(filter).params;
			const envelope = {
				uuid: crypto.randomUUID(),
				event: filter,
				timestamp: notification.timestamp,
				subscriptionId: subscription.id,
				ownerId: notification.ownerId,
				body: shapeBody(params, notification.body),
			};
			targets.push(subscription.id);
			this.track(this.deliver(subscription, envelope));
		}
		return targets;
	}

	/** @param {string} filter @param {string} eventPath @param {Record<string, Set<string>>} attributes */
	matches(filter, eventPath, attributes) {
		const { path, params } = splitFilter(filter);
		if (!pathMatches(path, eventPath)) return false;
		for (const [key, value] of params) {
			if (SHAPING.has(key)) continue;
			if (!attributes[key]?.has(value)) return false;
		}
		return true;
	}

	/** Directions of stored messages (message-store change events only carry ids). @param {number[]} ids */
	directionsOf(ids) {
		const mailboxes = this.emulator.areaStates.get('messaging')?.mailboxes;
		if (!mailboxes) return [];
		const wanted = new Set(ids.map(Number));
		const directions = [];
		for (const box of mailboxes.values()) {
			for (const [id, record] of box) if (wanted.has(Number(id))) directions.push(record.direction);
		}
		return directions;
	}

	/** @param {any} subscription @param {any} envelope */
	async deliver(subscription, envelope) {
		this.envelopes.set(envelope.uuid, { subscriptionId: subscription.id, envelope });
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
			this.emulator.subscriptions.blacklist(subscription.id, reason);
		}
	}

	/** RingCentral sometimes delivers a notification twice: do it on purpose. @param {string} uuid */
	redeliver(uuid) {
		const known = this.envelopes.get(uuid);
		const subscription = known && this.emulator.subscriptions?.get(known.subscriptionId);
		if (!subscription) return false;
		this.track(this.deliver(subscription, known.envelope));
		return true;
	}

	/** @param {Promise<void>} promise */
	track(promise) {
		this.inFlight.add(promise);
		promise.finally(() => this.inFlight.delete(promise));
	}

	/** Resolves once every delivery under way has finished. */
	async idle() {
		while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
	}
}

module.exports = { NotificationCenter, pathMatches };
