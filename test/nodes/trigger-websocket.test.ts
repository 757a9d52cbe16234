/* eslint-disable @typescript-eslint/no-explicit-any -- RingCentral events of many shapes */
/**
 * The trigger's WebSocket delivery through n8n's engine against the emulator's WebSocket gateway:
 * no webhook is registered, the trigger function keeps the connection, and the gateway's faults
 * (dropped connections with events waiting, refused recovery, timeouts, revoked sign-ins) end in
 * one execution per notification or in an error n8n shows.
 */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralTrigger } from '../../nodes/RingCentralTrigger/RingCentralTrigger.node';
import { inject as injectEvent } from '../../tools/emulator/events';
import { useRingCentral } from '../harness/ringcentral';
import { startTrigger } from '../harness/trigger';
import type { StartedTrigger } from '../harness/trigger';

const rc = useRingCentral({
	nodeTypes: [RingCentralTrigger],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { rateLimits: { windowSeconds: 1, limits: { Auth: 1000 } } },
});

let jwt: { type: string; id: string };
const running: StartedTrigger[] = [];

beforeAll(() => {
	jwt = { type: 'ringCentralJwtApi', id: rc.jwtCredential().id };
});

afterEach(async () => {
	for (const trigger of running.splice(0)) {
		await trigger.deactivate().catch(() => undefined);
		await trigger.stop();
	}
	rc.emulator.webSockets.reset();
});

async function trigger(parameters: Record<string, unknown>, credential = jwt) {
	const started = await startTrigger({
		engine: rc.engine,
		type: 'ringCentralTrigger',
		parameters: { authentication: credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2', delivery: 'webSocket', ...parameters } as any,
		credential,
	});
	running.push(started);
	return started;
}

async function until<T>(check: () => T | undefined | false, what: string, ms = 15_000): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

const sessions = () => rc.emulator.webSockets.describe() as any[];
const liveSession = () => sessions().find((s) => s.state !== 'ended');
const webSocketSubscriptions = () => rc.emulator.subscriptions.all().filter((s: any) => s.deliveryMode.transportType === 'WebSocket');
const sms = (text: string) => injectEvent(rc.emulator, 'inbound-sms', { text, from: '+14155550142' });
const subjects = (t: StartedTrigger) => t.executions.map((e) => e.items[0]?.json.subject);

test('published with WebSocket delivery: no webhook, one connection, the same filters as webhook mode, one execution per event', async () => {
	const t = await trigger({ events: ['inboundSms', 'voicemail'] });
	const since = rc.emulator.sequence;
	await t.activate();
	expect(t.answers).toHaveLength(0);
	expect(rc.emulator.subscriptions.all().filter((s: any) => s.deliveryMode.transportType === 'WebHook')).toHaveLength(0);
	const [create] = rc.emulator.journal({ since, operationId: 'createSubscription' });
	expect(create).toMatchObject({ transport: 'WebSocket', status: 200 });
	expect(create.requestBody).toEqual({
		eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS', '/restapi/v1.0/account/~/extension/~/voicemail'],
		deliveryMode: { transportType: 'WebSocket' },
	});
	expect(rc.emulator.webSockets.openSockets).toBe(1);
	sms('Call me back please');
	const [execution] = await until(() => t.executions.length === 1 && t.executions, 'the execution');
	expect(execution.mode).toBe('trigger');
	expect(execution.items[0].json).toMatchObject({
		eventType: 'inboundSms',
		type: 'SMS',
		direction: 'Inbound',
		subject: 'Call me back please',
		from: { phoneNumber: '+14155550142' },
		subscriptionId: webSocketSubscriptions()[0].id,
	});
	expect(execution.deduplicationKey).toContain(String(execution.items[0].json.uuid));
});

test('a message-store change reads the new messages, as webhook mode does', async () => {
	const t = await trigger({ events: ['messageStore'] });
	await t.activate();
	const since = rc.emulator.sequence;
	injectEvent(rc.emulator, 'inbound-sms', { text: 'fetched' });
	const [execution] = await until(() => t.executions.length > 0 && t.executions, 'the execution');
	expect(execution.items[0].json).toMatchObject({ eventType: 'messageStore', type: 'SMS', subject: 'fetched' });
	expect(rc.emulator.journal({ since, operationId: 'readMessage' }).length).toBeGreaterThan(0);
});

test('the connection drops while 20 events happen: after recovery all 20 run, once each, in order', async () => {
	const t = await trigger({ events: ['inboundSms'] });
	await t.activate();
	sms('before');
	await until(() => t.executions.length === 1, 'the first execution');
	const [session] = sessions();
	rc.emulator.webSockets.drop(rc.emulator.webSockets.select()[0]);
	const missed = Array.from({ length: 20 }, (_, i) => `missed ${i}`);
	for (const text of missed) sms(text);
	await until(() => t.executions.length === 21, 'the missed executions');
	expect(subjects(t)).toEqual(['before', ...missed]);
	expect(liveSession()).toMatchObject({ id: session.id, state: 'connected', lastRecovery: { state: 'Successful', replayed: 20 } });
	expect(t.duplicates).toEqual([]);
	sms('after');
	await until(() => t.executions.length === 22, 'the next execution');
	expect(webSocketSubscriptions()).toHaveLength(1);
});

test('recovery refused: the trigger subscribes again on the new session, the old subscription is gone, the next event runs', async () => {
	const t = await trigger({ events: ['inboundSms'] });
	await t.activate();
	const [first] = webSocketSubscriptions();
	rc.emulator.webSockets.refuseRecoveries = 1;
	rc.emulator.webSockets.drop(rc.emulator.webSockets.select()[0]);
	const second = await until(() => webSocketSubscriptions().find((s: any) => s.id !== first.id), 'a new subscription');
	expect(liveSession().lastRecovery).toMatchObject({ state: 'Failed', errorCode: 'WSG-1005' });
	expect(webSocketSubscriptions().map((s: any) => s.id)).toEqual([second.id]);
	sms('after re-subscribing');
	await until(() => t.executions.length === 1, 'the execution');
	expect(subjects(t)).toEqual(['after re-subscribing']);
});

test('heartbeats keep an idle connection open; a timed-out one (WSG-902/903) is recovered without losing events', async () => {
	rc.emulator.webSockets.settings.idleTimeout = 3;
	const t = await trigger({ events: ['inboundSms'] });
	await t.activate();
	const [session] = sessions();
	await new Promise((resolve) => setTimeout(resolve, 4500));
	expect(liveSession()).toMatchObject({ id: session.id, state: 'connected', connections: 1 });
	expect(rc.emulator.webSockets.journal.filter((f: any) => f.type === 'Heartbeat' && f.direction === 'in').length).toBeGreaterThanOrEqual(3);
	rc.emulator.webSockets.timeout(rc.emulator.webSockets.select()[0], 'absolute');
	sms('after the timeout');
	await until(() => t.executions.length === 1, 'the execution');
	expect(liveSession()).toMatchObject({ id: session.id, connections: 2, lastRecovery: { state: 'Successful' } });
});

test('an access token that expired during the connection: n8n refreshes it for the next WS token and the session recovers', async () => {
	const oauth = { type: 'ringCentralOAuth2Api', id: (await rc.oauth2Credential()).id };
	const t = await trigger({ events: ['inboundSms'] }, oauth);
	await t.activate();
	const [session] = sessions();
	rc.emulator.oauth.expireAccessTokens();
	const since = rc.emulator.sequence;
	rc.emulator.webSockets.drop(rc.emulator.webSockets.select()[0]);
	sms('while reconnecting');
	await until(() => t.executions.length === 1, 'the execution');
	expect(rc.emulator.journal({ since }).map((e: any) => `${e.operationId} ${e.status}`)).toEqual(
		expect.arrayContaining(['authWsToken 401', 'getToken 200', 'authWsToken 200']),
	);
	expect(liveSession()).toMatchObject({ id: session.id, state: 'connected', lastRecovery: { state: 'Successful', replayed: 1 } });
	expect(t.errors).toEqual([]);
});

test('unpublishing deletes the subscription over the socket and closes it', async () => {
	const t = await trigger({ events: ['inboundSms'] });
	await t.activate();
	const [subscription] = webSocketSubscriptions();
	const since = rc.emulator.sequence;
	running.splice(running.indexOf(t), 1);
	await t.deactivate();
	await t.stop();
	expect(rc.emulator.journal({ since, operationId: 'deleteSubscription' })).toEqual([expect.objectContaining({ transport: 'WebSocket', status: 204 })]);
	expect(rc.emulator.subscriptions.get(subscription.id)).toBeUndefined();
	await until(() => rc.emulator.webSockets.openSockets === 0, 'the socket closed');
});

test('an app without the WebSocket permission: publishing fails with a clear message, nothing left behind', async () => {
	const app = { clientId: 'no-websocket-app', clientSecret: 'no-websocket-secret' };
	rc.emulator.oauth.registerApp({ ...app, permissions: rc.emulator.spec.appPermissions().filter((p: string) => p !== 'WebSocket') });
	const t = await trigger({ events: ['inboundSms'] }, { type: 'ringCentralJwtApi', id: rc.jwtCredential(undefined, app).id });
	await expect(t.activate()).rejects.toThrow(/RingCentral Trigger stopped: .*WebSocket/);
	expect(webSocketSubscriptions()).toHaveLength(0);
	expect(rc.emulator.webSockets.openSockets).toBe(0);
});

test('a sign-in revoked during the connection stops the trigger through n8n\'s error reporting, not a silent retry loop', async () => {
	const oauth = { type: 'ringCentralOAuth2Api', id: (await rc.oauth2Credential()).id };
	const t = await trigger({ events: ['inboundSms'] }, oauth);
	await t.activate();
	const [session] = rc.emulator.webSockets.select();
	rc.emulator.oauth.revoke([...rc.emulator.oauth.accessTokens.entries()].find(([, r]: any) => r.sessionId === session.oauthSessionId)[0], { clientId: session.clientId });
	rc.emulator.webSockets.endOAuthSession(session.oauthSessionId);
	const [error] = await until(() => t.errors.length > 0 && t.errors, 'the error n8n shows');
	expect(error.message).toMatch(/^RingCentral Trigger stopped: /);
	const wsTokenCalls = rc.emulator.journal({ operationId: 'authWsToken' }).length;
	await new Promise((resolve) => setTimeout(resolve, 3000));
	expect(rc.emulator.journal({ operationId: 'authWsToken' }).length).toBe(wsTokenCalls);
});

test('"Execute step" listens over the socket: the first event is the output, then the subscription is gone', async () => {
	const t = await trigger({ events: ['inboundSms'] });
	const run = t.runManualExecution(15_000);
	await until(() => webSocketSubscriptions().length === 1, 'the test subscription');
	sms('a test event');
	const result = await run;
	expect(result.status).toBe('success');
	expect(result.items.map((item) => item.json.subject)).toEqual(['a test event']);
	await until(() => webSocketSubscriptions().length === 0 && rc.emulator.webSockets.openSockets === 0, 'the listener gone');
});

test('without a built-in WebSocket client the trigger says so', async () => {
	const t = await trigger({ events: ['inboundSms'] });
	const builtIn = globalThis.WebSocket;
	try {
		delete (globalThis as { WebSocket?: unknown }).WebSocket;
		await expect(t.activate()).rejects.toThrow(/built-in WebSocket client \(Node\.js 22 or later\)/);
	} finally {
		globalThis.WebSocket = builtIn;
	}
});
