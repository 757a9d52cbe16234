/**
 * The control API under /__emulator/: what tests and the e2e tier use from other processes to
 * read the journal, inject faults and events, shape rate limits and tokens, and reset state.
 */
import { callLogOf } from './areas/call-log';
import { injectInbound, messageStoreOf } from './areas/messaging';
import { deliverIncomingWebhook, uploadedFile } from './areas/team-messaging';
import { inject } from './events';
import type { Emulator } from './server';
import type { ControlJson, RequestBody } from './types';

export interface ControlAnswer {
	status?: number;
	body?: ControlJson;
	headers?: Record<string, string>;
	contentType?: string;
}

/** The subscriptions area keeps the store; it is there once the emulator has its routes. */
function subscriptionsOf(emulator: Emulator) {
	if (!emulator.subscriptions) throw new Error('The subscriptions area is not loaded');
	return emulator.subscriptions;
}

export async function handleControl(emulator: Emulator, method: string, url: URL, rawBody: Buffer): Promise<ControlAnswer> {
	// Whatever JSON the test or tool sends; each route reads the fields it knows.
	const body: RequestBody = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
	const route = `${method} ${url.pathname.replace(/^\/__emulator/, '')}`;
	const presenceMatch = /^(GET|PUT) \/state\/presence\/(\d+)$/.exec(route);
	if (presenceMatch) {
		const state = emulator.state.presence.get(presenceMatch[2]);
		if (!state) return { status: 404, body: { message: `No user extension ${presenceMatch[2]}` } };
		if (presenceMatch[1] === 'PUT') Object.assign(state, body);
		return { body: state };
	}
	const eventMatch = /^POST \/events\/([a-z-]+)$/.exec(route);
	if (eventMatch) {
		const since = emulator.events.length;
		const result = inject(emulator, eventMatch[1], body);
		return { status: 201, body: { result, notifications: emulator.events.slice(since) } };
	}
	// A place for workflows under test to post what they produced (an HTTP Request node's target).
	const sinkMatch = /^(GET|POST|DELETE) \/sinks\/([a-z0-9-]+)$/.exec(route);
	if (sinkMatch) {
		const [, verb, name] = sinkMatch;
		const sink = emulator.sinks.get(name) ?? [];
		if (verb === 'POST') emulator.sinks.set(name, [...sink, { at: Date.now(), body }]);
		if (verb === 'DELETE') emulator.sinks.delete(name);
		return { status: verb === 'POST' ? 201 : 200, body: verb === 'GET' ? sink : undefined };
	}
	const redeliverMatch = /^POST \/deliveries\/([^/]+)\/redeliver$/.exec(route);
	if (redeliverMatch) {
		return emulator.notifications.redeliver(redeliverMatch[1]) ? { status: 202 } : { status: 404, body: { message: 'Unknown delivery' } };
	}
	if (/^DELETE \/subscriptions\/[^/]+$/.test(route)) {
		const id = String(route.split('/').pop());
		return subscriptionsOf(emulator).remove(id) ? { status: 204 } : { status: 404, body: { message: `No subscription ${id}` } };
	}
	const subscriptionMatch = /^POST \/subscriptions\/([^/]+)\/(blacklist|expire)$/.exec(route);
	if (subscriptionMatch) {
		const [, id, action] = subscriptionMatch;
		const store = subscriptionsOf(emulator);
		const record = action === 'blacklist' ? store.blacklist(id, body.reason) : store.expire(id);
		if (!record) return { status: 404, body: { message: `No subscription ${id}` } };
		return { body: store.resource(record, emulator.url) };
	}
	const fileMatch = /^GET \/files\/([^/]+)(?:\/[^/]*)?$/.exec(route);
	if (fileMatch) return uploadedFile(emulator, fileMatch[1]);
	const incomingWebhookMatch = /^POST \/incoming-webhooks\/([^/]+)$/.exec(route);
	if (incomingWebhookMatch) return deliverIncomingWebhook(emulator, incomingWebhookMatch[1], body);
	if (route.startsWith('GET /ws/') || route.startsWith('PUT /ws/') || route.startsWith('POST /ws/')) return webSocketControl(emulator, route, body);
	switch (route) {
		case 'GET /subscriptions':
			return { body: subscriptionsOf(emulator).all().map((r) => subscriptionsOf(emulator).resource(r, emulator.url)) };
		case 'PUT /subscriptions/settings':
			Object.assign(subscriptionsOf(emulator).settings, body);
			return { body: subscriptionsOf(emulator).settings };
		case 'GET /deliveries':
			return { body: emulator.notifications.deliveries };
		case 'POST /deliveries/idle':
			await emulator.notifications.idle();
			return { body: emulator.notifications.deliveries };
		case 'PUT /notifications/settings':
			Object.assign(emulator.notifications.settings, body);
			return { body: emulator.notifications.settings };
		case 'GET /health':
			return { body: { ok: true, url: emulator.url, specValidation: emulator.spec.available, spec: emulator.spec.file } };
		case 'GET /demo':
			return { body: { ...emulator.demoCredentials(), extensions: [...emulator.state.extensions.values()], ids: emulator.state.ids } };
		case 'GET /journal': {
			const since = url.searchParams.get('since');
			return { body: emulator.journal({ since: since === null ? undefined : Number(since) }) };
		}
		case 'DELETE /journal':
			emulator.journalEntries.length = 0;
			return { status: 204 };
		case 'POST /faults':
			for (const fault of ([] as RequestBody[]).concat(body)) emulator.faults.add(fault);
			return { status: 201, body: emulator.faults.queue };
		case 'DELETE /faults':
			emulator.faults.clear();
			return { status: 204 };
		case 'GET /rate-limits':
			return { body: emulator.rateLimiter.settings() };
		case 'PUT /rate-limits':
			emulator.rateLimiter.configure(body);
			return { body: emulator.rateLimiter.settings() };
		case 'POST /oauth/jwt':
			return { body: { jwt: emulator.oauth.issueJwt(body.extensionId ?? emulator.state.ids.admin) } };
		case 'POST /oauth/apps': {
			const app = emulator.oauth.registerApp(body);
			return { status: 201, body: { clientId: app.clientId, permissions: app.permissions } };
		}
		case 'PUT /oauth/refresh-grace':
			Object.assign(emulator.oauth.refreshGrace, body);
			return { body: emulator.oauth.refreshGrace };
		case 'POST /oauth/expire-tokens':
			emulator.oauth.expireAccessTokens();
			return { status: 204 };
		case 'PUT /oauth/ttl':
			if (body.accessTokenTtl !== undefined) emulator.oauth.accessTokenTtl = body.accessTokenTtl;
			if (body.refreshTokenTtl !== undefined) emulator.oauth.refreshTokenTtl = body.refreshTokenTtl;
			return { body: { accessTokenTtl: emulator.oauth.accessTokenTtl, refreshTokenTtl: emulator.oauth.refreshTokenTtl } };
		case 'GET /violations':
			return { body: emulator.violations };
		case 'DELETE /violations':
			return { body: emulator.takeViolations() };
		case 'GET /events':
			return { body: emulator.events };
		case 'POST /events':
			return { status: 201, body: emulator.emit(body.event, body.body, body.ownerId) };
		case 'POST /messages/inbound':
			if (body.extensionId !== undefined && !emulator.state.isUser(String(body.extensionId))) {
				return { status: 404, body: { message: `No user extension ${body.extensionId}` } };
			}
			return { status: 201, body: injectInbound(emulator, body) };
		case 'POST /messages/fill': {
			const extensionId = String(body.extensionId ?? emulator.state.ids.admin);
			if (!emulator.state.isUser(extensionId)) return { status: 404, body: { message: `No user extension ${extensionId}` } };
			const store = messageStoreOf(emulator);
			store.fill(extensionId, Number(body.count ?? 0));
			return { body: { extensionId, messages: store.mailbox(extensionId).size } };
		}
		case 'PUT /call-log': {
			const log = callLogOf(emulator);
			log.generate(Number(body.size ?? log.records.length));
			return { body: { size: log.records.length } };
		}
		case 'POST /reset':
			emulator.reset();
			emulator.faults.clear();
			emulator.rateLimiter.configure({});
			return { status: 204 };
		default:
			return { status: 404, body: { message: `Unknown control route ${route}` } };
	}
}

/**
 * The WebSocket gateway's faults and state: drop connections (the network fails; the session can be
 * recovered), time them out (WSG-902 idle / WSG-903 absolute), expire sessions (as if the client had
 * stayed away longer than recoveryTimeout), refuse the next recoveries, and its settings. Events
 * injected while a session has no connection are buffered for its recovery.
 */
function webSocketControl(emulator: Emulator, route: string, body: RequestBody): ControlAnswer {
	const gateway = emulator.webSockets;
	const chosen = () => gateway.select(typeof body.sessionId === 'string' ? body.sessionId : undefined);
	switch (route) {
		case 'GET /ws/sessions':
			return { body: { openSockets: gateway.openSockets, sessions: gateway.describe() } };
		case 'GET /ws/journal':
			return { body: gateway.journal };
		case 'PUT /ws/settings':
			for (const key of Object.keys(gateway.settings) as Array<keyof typeof gateway.settings>) {
				if (typeof body[key] === 'number') gateway.settings[key] = body[key];
			}
			return { body: gateway.settings };
		case 'POST /ws/drop': {
			const sessions = chosen().filter((session) => session.connection);
			for (const session of sessions) gateway.drop(session);
			return { body: { dropped: sessions.map((session) => session.id) } };
		}
		case 'POST /ws/timeout': {
			const kind = body.kind === 'absolute' ? 'absolute' : 'idle';
			const sessions = chosen().filter((session) => session.connection);
			for (const session of sessions) gateway.timeout(session, kind);
			return { body: { timedOut: sessions.map((session) => session.id), kind } };
		}
		case 'POST /ws/expire': {
			const sessions = chosen();
			for (const session of sessions) gateway.end(session, 'expired by the control API');
			return { body: { expired: sessions.map((session) => session.id) } };
		}
		case 'POST /ws/refuse-recovery':
			gateway.refuseRecoveries = Number(body.count ?? 1);
			return { body: { refuseRecoveries: gateway.refuseRecoveries } };
		default:
			return { status: 404, body: { message: `Unknown control route ${route}` } };
	}
}
