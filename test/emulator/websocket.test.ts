/* eslint-disable @typescript-eslint/no-explicit-any -- gateway frames of many shapes */
/**
 * The emulator's WebSocket gateway speaks RingCentral's documented protocol (platform notes §2.10):
 * ConnectionDetails, ClientRequest tunnelling, ServerNotification envelopes, Heartbeat, pings,
 * idle and absolute timeouts, and session recovery with replay — driven here frame by frame with
 * the `ws` client, so every rule is visible. The trigger's own client is tested in test/nodes.
 */
import crypto from 'node:crypto';

import WebSocket from 'ws';

import { createEmulator } from '../../tools/emulator/index';
import type { Emulator } from '../../tools/emulator/server';

let emulator: Emulator;
const basic = `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`;
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

beforeAll(async () => {
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1, limits: { Auth: 1000 } } });
	await emulator.start();
});
afterAll(async () => emulator.stop());
afterEach(() => {
	for (const client of clients.splice(0)) client.ws.terminate();
	emulator.webSockets.reset();
	expect(emulator.takeViolations()).toEqual([]);
});

async function signIn(authorization = basic): Promise<any> {
	const response = await fetch(`${emulator.url}/restapi/oauth/token`, {
		method: 'POST',
		headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: JWT_GRANT, assertion: emulator.oauth.issueJwt() }),
	});
	expect(response.status).toBe(200);
	return await response.json();
}

async function wsToken(accessToken: string): Promise<any> {
	const response = await fetch(`${emulator.url}/restapi/oauth/wstoken`, { method: 'POST', headers: { Authorization: `Bearer ${accessToken}` } });
	expect(response.status).toBe(200);
	return await response.json();
}

interface Client {
	ws: WebSocket;
	frames: any[];
	closed: Promise<{ code: number }>;
	/** the first frame (after `from`) that matches, waiting for it */
	next(match: (frame: any) => boolean, from?: number): Promise<any>;
	send(frame: unknown[]): void;
	request(method: string, path: string, body?: unknown): Promise<any>;
}
const clients: Client[] = [];
const text = (data: WebSocket.RawData) => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');

/** Connects with a fresh WS token of the session; `wsc` recovers. */
async function connect(accessToken: string, wsc?: string, options: { autoPong?: boolean } = {}): Promise<Client> {
	const { uri, ws_access_token: token } = await wsToken(accessToken);
	const url = `${uri}?access_token=${encodeURIComponent(token)}${wsc ? `&wsc=${encodeURIComponent(wsc)}` : ''}`;
	const ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
	const frames: any[] = [];
	const waiters = new Set<() => void>();
	ws.on('message', (data) => {
		frames.push(JSON.parse(text(data)));
		for (const wake of waiters) wake();
	});
	ws.on('error', () => undefined);
	const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
	const next = (match: (frame: any) => boolean, from = 0) =>
		new Promise<any>((resolve, reject) => {
			const look = () => {
				const found = frames.slice(from).find(match);
				if (found) {
					waiters.delete(look);
					clearTimeout(timer);
					resolve(found);
				}
			};
			const timer = setTimeout(() => {
				waiters.delete(look);
				reject(new Error(`no matching frame; got ${JSON.stringify(frames.map((f) => f[0].type))}`));
			}, 5000);
			waiters.add(look);
			look();
		});
	const send = (frame: unknown[]) => ws.send(JSON.stringify(frame));
	const client: Client = {
		ws,
		frames,
		closed,
		next,
		send,
		async request(method, path, body) {
			const messageId = crypto.randomUUID();
			const from = frames.length;
			send(body === undefined ? [{ type: 'ClientRequest', messageId, method, path }] : [{ type: 'ClientRequest', messageId, method, path }, body]);
			return await next((frame) => frame[0].messageId === messageId, from);
		},
	};
	clients.push(client);
	await next(() => true);
	return client;
}

const SMS_FILTER = '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
const subscribe = (client: Client, filters = [SMS_FILTER]) =>
	client.request('POST', '/restapi/v1.0/subscription/', { eventFilters: filters, deliveryMode: { transportType: 'WebSocket' } });
const sms = (text: string) => emulator.emit(`/restapi/v1.0/account/${emulator.state.accountId}/extension/${emulator.state.ids.admin}/message-store/instant`, { type: 'SMS', direction: 'Inbound', subject: text });
const notifications = (client: Client, from = 0) => client.frames.slice(from).filter((f) => f[0].type === 'ServerNotification');
const session = (id?: string) => emulator.webSockets.describe().find((s) => !id || s.id === id) as any;
const until = async (check: () => boolean, what: string, ms = 5000) => {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
};

describe('connecting', () => {
	test('the first frame is ConnectionDetails with the wsc token and the documented limits', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [meta, body] = client.frames[0];
		expect(meta).toMatchObject({ type: 'ConnectionDetails', status: 200, wsc: { token: expect.any(String), sequence: 1 }, headers: { RCRequestId: expect.any(String) } });
		expect(body).toEqual({
			creationTime: expect.any(String),
			maxConnectionsPerSession: 50,
			recoveryBufferSize: 100,
			recoveryTimeout: 180,
			idleTimeout: 1800,
			absoluteTimeout: 86400,
			maxActiveRequests: 10,
		});
		expect(body).not.toHaveProperty('recoveryState');
	});

	test('a WS token opens connections until it expires; an unknown or expired one gets an Error frame (OAU-213) and the connection closes', async () => {
		const { access_token: accessToken } = await signIn();
		const { uri, ws_access_token: token } = await wsToken(accessToken);
		const firstFrame = (ws: WebSocket) => new Promise<any>((resolve) => ws.once('message', (data) => resolve(JSON.parse(text(data)))));
		for (let i = 0; i < 2; i++) {
			const ws = new WebSocket(`${uri}?access_token=${token}`);
			expect((await firstFrame(ws))[0].type).toBe('ConnectionDetails');
			ws.terminate();
		}
		for (const spoilt of ['EMU-WS-unknown', token]) {
			if (spoilt === token) emulator.oauth.wsTokens.get(token)!.expiresAt = Date.now() - 1;
			const refused = new WebSocket(`${uri}?access_token=${spoilt}`);
			const [frame] = await Promise.all([firstFrame(refused), new Promise((resolve) => refused.once('close', resolve))]);
			expect(frame).toEqual([expect.objectContaining({ type: 'Error', status: 401 }), { errorCode: 'OAU-213', message: 'Token not found' }]);
		}
	});

	test('only /ws upgrades', async () => {
		const ws = new WebSocket(`${emulator.url.replace(/^http/, 'ws')}/other`);
		const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
		expect(error.message).toMatch(/404/);
	});
});

describe('subscribing over the socket', () => {
	test('a ClientRequest POST creates a WebSocket subscription, listed over REST like any other', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [meta, body] = await subscribe(client);
		expect(meta).toMatchObject({ type: 'ClientRequest', status: 200, wsc: { sequence: 1 } });
		expect(body).toMatchObject({
			id: expect.any(String),
			status: 'Active',
			deliveryMode: { transportType: 'WebSocket' },
			eventFilters: [`/restapi/v1.0/account/${emulator.state.accountId}/extension/${emulator.state.ids.admin}/message-store/instant?type=SMS`],
		});
		const listed: any = await (await fetch(`${emulator.url}/restapi/v1.0/subscription`, { headers: { Authorization: `Bearer ${accessToken}` } })).json();
		expect(listed.records.map((r: any) => [r.id, r.deliveryMode.transportType])).toContainEqual([body.id, 'WebSocket']);
		expect(emulator.journal({ operationId: 'createSubscription' }).at(-1)).toMatchObject({ transport: 'WebSocket', status: 200, path: '/restapi/v1.0/subscription' });
	});

	test('a second subscription on the same session replaces the first; renew and PUT extend and change it; DELETE removes it', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [, first] = await subscribe(client);
		const [, second] = await subscribe(client, ['/restapi/v1.0/account/~/extension/~/voicemail']);
		expect(emulator.subscriptions?.get(first.id)).toBeUndefined();
		expect(session().subscriptionId).toBe(second.id);
		emulator.subscriptions!.get(second.id)!.expirationTime = Date.now() + 60_000;
		const [renewed, renewedBody] = await client.request('POST', `/restapi/v1.0/subscription/${second.id}/renew`);
		expect(renewed).toMatchObject({ type: 'ClientRequest', status: 200 });
		expect(renewedBody).toMatchObject({ id: second.id, expiresIn: 86400, deliveryMode: { transportType: 'WebSocket' } });
		const [updated, updatedBody] = await client.request('PUT', `/restapi/v1.0/subscription/${second.id}`, { eventFilters: [SMS_FILTER], deliveryMode: { transportType: 'WebSocket' } });
		expect(updated.status).toBe(200);
		expect(updatedBody.eventFilters).toEqual([expect.stringMatching(/message-store\/instant\?type=SMS$/)]);
		expect(emulator.journal({ operationId: 'renewSubscription' }).at(-1)).toMatchObject({ transport: 'WebSocket', status: 200 });
		const [deleted, nothing] = await client.request('DELETE', `/restapi/v1.0/subscription/${second.id}`);
		expect(deleted).toMatchObject({ type: 'ClientRequest', status: 204 });
		expect(nothing).toBeUndefined();
		expect(emulator.subscriptions?.get(second.id)).toBeUndefined();
	});

	test('RingCentral\'s errors come back in the ClientRequest answer: invalid filters, a webhook over the socket', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [meta, body] = await subscribe(client, ['/restapi/v1.0/account/~/extension/~/nonsense']);
		expect(meta.status).toBe(400);
		expect(body).toMatchObject({ errorCode: 'SUB-508', errors: [{ errorCode: 'SUB-508', parameterName: 'eventFilters' }] });
		const [webhook] = await client.request('POST', '/restapi/v1.0/subscription', { eventFilters: [SMS_FILTER], deliveryMode: { transportType: 'WebHook', address: 'https://example.com' } });
		expect(webhook.status).toBe(400);
		const [other, otherBody] = await client.request('GET', '/restapi/v1.0/account/~/extension/~');
		expect(other.status).toBe(501);
		expect(otherBody).toMatchObject({ errorCode: 'CMN-202' });
	});

	test('events arrive as ServerNotification with the webhook envelope, numbered by the session', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [, subscription] = await subscribe(client);
		sms('one');
		sms('two');
		const second = await client.next((f) => f[0].type === 'ServerNotification' && f[1].body.subject === 'two');
		const [first] = notifications(client);
		expect(first[0]).toMatchObject({ type: 'ServerNotification', status: 200, wsc: { sequence: 2 }, headers: { RCRequestId: expect.any(String) } });
		expect(first[1]).toEqual({
			uuid: expect.any(String),
			event: `/restapi/v1.0/account/~/extension/${emulator.state.ids.admin}/message-store/instant?type=SMS`,
			timestamp: expect.any(String),
			subscriptionId: subscription.id,
			ownerId: emulator.state.ids.admin,
			body: expect.objectContaining({ subject: 'one' }),
		});
		expect(second[0].wsc.sequence).toBe(3);
	});
});

describe('keep-alive', () => {
	test('a Heartbeat is echoed with its messageId and the current wsc', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		client.send([{ type: 'Heartbeat', messageId: 'hb-1' }]);
		const [echo] = await client.next((f) => f[0].type === 'Heartbeat');
		expect(echo).toMatchObject({ type: 'Heartbeat', messageId: 'hb-1', status: 200, wsc: { sequence: 1 } });
	});

	test('the gateway pings; a client that pongs stays, one that does not is dropped after the pong timeout', async () => {
		Object.assign(emulator.webSockets.settings, { pingIntervalMs: 200, pongTimeoutMs: 300 });
		const { access_token: accessToken } = await signIn();
		const polite = await connect(accessToken);
		const silent = await connect(accessToken, undefined, { autoPong: false });
		const [politeSession, silentSession] = emulator.webSockets.describe().slice(-2) as any[];
		await silent.closed;
		expect(session(silentSession.id)).toMatchObject({ state: 'disconnected' });
		expect(session(politeSession.id)).toMatchObject({ state: 'connected' });
		expect(session(politeSession.id).pongs).toBeGreaterThan(0);
		expect(polite.ws.readyState).toBe(WebSocket.OPEN);
	});

	test('idle too long: Error WSG-902, then closed; open too long: WSG-903', async () => {
		Object.assign(emulator.webSockets.settings, { idleTimeout: 0.3 });
		const { access_token: accessToken } = await signIn();
		const idle = await connect(accessToken);
		await idle.closed;
		expect(idle.frames.at(-1)).toEqual([expect.objectContaining({ type: 'Error' }), { errorCode: 'WSG-902', message: 'Idle timeout' }]);
		Object.assign(emulator.webSockets.settings, { idleTimeout: 1800, absoluteTimeout: 0.3 });
		const old = await connect(accessToken);
		const beating = setInterval(() => old.send([{ type: 'Heartbeat', messageId: crypto.randomUUID() }]), 50);
		await old.closed;
		clearInterval(beating);
		expect(old.frames.at(-1)[1]).toEqual({ errorCode: 'WSG-903', message: 'Absolute timeout' });
	});
});

describe('recovery', () => {
	test('dropped, events buffered, recovered with wsc: recoveryState Successful and the missed events replayed in order, once', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		const [, subscription] = await subscribe(client);
		sms('before');
		const before = await client.next((f) => f[0].type === 'ServerNotification');
		const wsc = before[0].wsc.token;
		await (await fetch(`${emulator.url}/__emulator/ws/drop`, { method: 'POST' })).json();
		await client.closed;
		for (let i = 0; i < 5; i++) sms(`missed ${i}`);
		expect(session()).toMatchObject({ state: 'disconnected', buffered: 6, subscriptionId: subscription.id });
		emulator.webSockets.settings.replayDelayMs = 300;
		const recovered = await connect(accessToken, wsc);
		expect(recovered.frames[0]).toEqual([
			expect.objectContaining({ type: 'ConnectionDetails', wsc: { token: expect.any(String), sequence: 2 } }),
			expect.objectContaining({ recoveryState: 'Successful' }),
		]);
		// The replay follows ConnectionDetails a moment later; an event in between waits behind it.
		sms('during');
		await recovered.next((f) => f[0].type === 'ServerNotification' && f[1].body.subject === 'during');
		const replayed = notifications(recovered);
		expect(replayed.map((f) => f[1].body.subject)).toEqual(['missed 0', 'missed 1', 'missed 2', 'missed 3', 'missed 4', 'during']);
		expect(replayed.map((f) => f[0].wsc.sequence)).toEqual([3, 4, 5, 6, 7, 8]);
		sms('after');
		const after = await recovered.next((f) => f[0].type === 'ServerNotification' && f[1].body.subject === 'after');
		expect(after[0].wsc.sequence).toBe(9);
		expect(session()).toMatchObject({ state: 'connected', connections: 2, lastRecovery: { state: 'Successful', replayed: 6 } });
	});

	test('beyond the recovery buffer the oldest missed events are gone', async () => {
		emulator.webSockets.settings.recoveryBufferSize = 3;
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		await subscribe(client);
		const wsc = client.frames[0][0].wsc.token;
		emulator.webSockets.drop(emulator.webSockets.select()[0]);
		for (let i = 0; i < 5; i++) sms(`missed ${i}`);
		expect(session()).toMatchObject({ buffered: 3, overflowed: 2 });
		const recovered = await connect(accessToken, wsc);
		await recovered.next((f) => f[0].type === 'ServerNotification' && f[1].body.subject === 'missed 4');
		expect(notifications(recovered).map((f) => f[1].body.subject)).toEqual(['missed 2', 'missed 3', 'missed 4']);
	});

	test('after recoveryTimeout, or refused, or expired: recoveryState Failed (WSG-1005), a new session without the old subscription', async () => {
		const { access_token: accessToken } = await signIn();
		for (const spoil of ['timeout', 'refused', 'expired']) {
			emulator.webSockets.reset();
			emulator.webSockets.settings.recoveryTimeout = spoil === 'timeout' ? 0.2 : 180;
			const client = await connect(accessToken);
			const [, subscription] = await subscribe(client);
			const wsc = client.frames.at(-1)[0].wsc.token;
			const old = session().id;
			emulator.webSockets.drop(emulator.webSockets.select()[0]);
			if (spoil === 'timeout') await until(() => session(old).state === 'ended', 'the session to end');
			if (spoil === 'refused') await fetch(`${emulator.url}/__emulator/ws/refuse-recovery`, { method: 'POST', body: JSON.stringify({ count: 1 }) });
			if (spoil === 'expired') await fetch(`${emulator.url}/__emulator/ws/expire`, { method: 'POST', body: JSON.stringify({ sessionId: old }) });
			sms('lost');
			const again = await connect(accessToken, wsc);
			expect(again.frames[0][1]).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1005' });
			expect(again.frames[0][0].wsc.sequence).toBe(1);
			expect(emulator.subscriptions?.get(subscription.id)).toBeUndefined();
			expect(session(old).state).toBe('ended');
			expect(notifications(again)).toEqual([]);
			// Subscribing again on the new connection delivers again.
			await subscribe(again);
			sms('found');
			await again.next((f) => f[0].type === 'ServerNotification' && f[1].body.subject === 'found');
		}
	});

	test('the wsc of another sign-in session is not recovered (WSG-1003); a malformed one is refused (WSG-400) and closed', async () => {
		const first = await signIn();
		const client = await connect(first.access_token);
		await subscribe(client);
		const wsc = client.frames[0][0].wsc.token;
		emulator.webSockets.drop(emulator.webSockets.select()[0]);
		const other = await signIn();
		const stranger = await connect(other.access_token, wsc);
		expect(stranger.frames[0][1]).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1003' });
		const { uri, ws_access_token: token } = await wsToken(other.access_token);
		const forged = new WebSocket(`${uri}?access_token=${token}&wsc=${encodeURIComponent(`${wsc.slice(0, -3)}xyz`)}`);
		const [frame, code] = await Promise.all([
			new Promise<any>((resolve) => forged.once('message', (data) => resolve(JSON.parse(text(data))))),
			new Promise((resolve) => forged.once('close', resolve)),
		]);
		expect(frame[1]).toEqual({ errorCode: 'WSG-400', message: 'Malformed WebSocket session context token' });
		expect(code).toBe(1008);
	});

	test('a recovery while the gateway still holds the old connection takes over from it', async () => {
		const { access_token: accessToken } = await signIn();
		const client = await connect(accessToken);
		await subscribe(client);
		const wsc = client.frames.at(-1)[0].wsc.token;
		const recovered = await connect(accessToken, wsc);
		expect(recovered.frames[0][1].recoveryState).toBe('Successful');
		await client.closed;
		sms('to the new one');
		await recovered.next((f) => f[0].type === 'ServerNotification');
		expect(emulator.webSockets.openSockets).toBe(1);
	});

	test('revoking the sign-in session ends its WebSocket sessions', async () => {
		const signedIn = await signIn();
		const client = await connect(signedIn.access_token);
		const [, subscription] = await subscribe(client);
		await fetch(`${emulator.url}/restapi/oauth/revoke`, {
			method: 'POST',
			headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: signedIn.access_token }),
		});
		await client.closed;
		expect(client.frames.at(-1)[1]).toEqual({ errorCode: 'OAU-213', message: 'Token not found' });
		expect(session()).toMatchObject({ state: 'ended' });
		expect(emulator.subscriptions?.get(subscription.id)).toBeUndefined();
	});
});
