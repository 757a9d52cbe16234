/**
 * RingCentral's WebSocket gateway (platform notes §2.10) at the `uri` POST /restapi/oauth/wstoken
 * answers (ws://<emulator>/ws): a client connects with `?access_token=<WS token>`, gets
 * `ConnectionDetails`, subscribes by tunnelling `POST /restapi/v1.0/subscription` in a
 * `ClientRequest`, and receives `ServerNotification`s in the webhook envelope. Every frame is the
 * JSON array `[meta, body?]`. Keep-alive: the client's `Heartbeat` is echoed, the gateway pings
 * and drops a connection that does not pong in time, and ends connections idle for `idleTimeout`
 * (WSG-902) or open for `absoluteTimeout` (WSG-903).
 *
 * Sessions outlive their connections: while one is disconnected its notifications are numbered and
 * buffered (the last `recoveryBufferSize`), and a client that reconnects within `recoveryTimeout`
 * with `&wsc=<token>` of the session gets `recoveryState: "Successful"` and the notifications after
 * the token's sequence again, in order. A session that cannot be recovered answers
 * `recoveryState: "Failed"` with a `recoveryErrorCode` and starts afresh without a subscription:
 * WSG-1003 for a token of another sign-in session, WSG-1005 when the session has nothing left to
 * recover (expired, ended, no subscription) — the codes RingCentral answers in those cases; a
 * malformed token is refused with an `Error` frame WSG-400 and the connection is closed.
 *
 * The sequence: each session numbers its notifications; `ConnectionDetails` of a new session is 1,
 * every notification (sent, or buffered while the client is away) takes the next number, other
 * frames carry the current one. The `wsc` token names the session and a sequence: the position the
 * client has reached. What the platform does not document — the `Error` frame for a WS token that
 * is unknown or expired (here OAU-213, RingCentral's "Token not found"), and what becomes of a
 * connection whose sign-in session is revoked (here: an `Error` frame, closed, not recoverable) — is
 * the emulator's choice, kept RingCentral-shaped.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer } from 'ws';
import type { RawData } from 'ws';

import type { Subscription } from './areas/subscriptions';
import { tunnelledSubscriptionCall } from './areas/subscriptions';
import { RcError } from './errors';
import type { Envelope } from './notifications';
import type { Emulator } from './server';
import type { AccessTokenRecord } from './oauth';

/** What ConnectionDetails announces, and what the gateway enforces. Times in seconds unless named otherwise. */
export interface GatewaySettings {
	recoveryTimeout: number;
	recoveryBufferSize: number;
	idleTimeout: number;
	absoluteTimeout: number;
	maxConnectionsPerSession: number;
	maxActiveRequests: number;
	/** how often the gateway pings each connection */
	pingIntervalMs: number;
	/** a connection that has not answered a ping by then is dropped (RingCentral: 10 s) */
	pongTimeoutMs: number;
	/**
	 * how long after a recovery's ConnectionDetails the missed notifications follow. RingCentral's
	 * own client listens for notifications only once it has read ConnectionDetails; frames that
	 * reach it in the same read as ConnectionDetails are lost to it.
	 */
	replayDelayMs: number;
}

/** RingCentral's values (platform notes §2.10 example). */
export const DEFAULT_GATEWAY_SETTINGS: Readonly<GatewaySettings> = {
	recoveryTimeout: 180,
	recoveryBufferSize: 100,
	idleTimeout: 1800,
	absoluteTimeout: 86400,
	maxConnectionsPerSession: 50,
	maxActiveRequests: 10,
	pingIntervalMs: 30_000,
	pongTimeoutMs: 10_000,
	replayDelayMs: 100,
};

type Meta = Record<string, unknown>;
type Frame = [Meta, unknown?];

/** One connection of a session. */
interface Connection {
	socket: WebSocket;
	openedAt: number;
	lastClientMessageAt: number;
	/** when the unanswered ping went out */
	pingSentAt?: number;
	lastPingAt?: number;
	pings: number;
	pongs: number;
}

/** A WebSocket session at the gateway: one sign-in session's connection and its subscription. */
export interface WsSession {
	id: string;
	/** the OAuth session of the access token it was opened with */
	oauthSessionId: string;
	clientId: string;
	extensionId: string;
	accountId: string;
	createdAt: number;
	sequence: number;
	/** notifications not yet known to be received: the last `recoveryBufferSize` */
	buffer: Array<{ sequence: number; envelope: Envelope }>;
	/** notifications that fell out of a full buffer while the client was away */
	overflowed: number;
	subscriptionId?: string;
	connection?: Connection;
	/** a recovered connection's missed notifications are still to be replayed: new ones wait behind them */
	replaying?: boolean;
	connections: number;
	disconnectedAt?: number;
	ended?: { at: number; reason: string };
	lastRecovery?: { state: 'Successful' | 'Failed'; errorCode?: string; replayed: number; at: number };
}

/** One frame in the gateway's journal. */
export interface WsJournalEntry {
	at: number;
	sessionId?: string;
	direction: 'in' | 'out';
	type: string;
	messageId?: string;
	method?: string;
	path?: string;
	status?: number;
	sequence?: number;
	/** a notification's uuid, a ConnectionDetails' recoveryState, an Error's errorCode */
	detail?: string;
}

const WSC_PREFIX = 'EMU-WSC-';

export class WebSocketGateway {
	readonly emulator: Emulator;
	readonly settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS };
	readonly sessions = new Map<string, WsSession>();
	readonly journal: WsJournalEntry[] = [];
	/** recovery attempts still to refuse (the control API's "refuse recovery") */
	refuseRecoveries = 0;
	private readonly server = new WebSocketServer({ noServer: true });
	/** every socket the gateway accepted, bound to a session or not */
	private readonly sockets = new Set<WebSocket>();
	private readonly key = crypto.randomBytes(32);
	private ticker?: NodeJS.Timeout;

	constructor(emulator: Emulator) {
		this.emulator = emulator;
	}

	/** The HTTP server's `upgrade`: only /ws speaks WebSocket. */
	upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
		const url = new URL(request.url ?? '/', 'http://emulator');
		if (url.pathname !== '/ws') {
			socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
			return;
		}
		this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, url));
	}

	private accept(ws: WebSocket, url: URL): void {
		this.sockets.add(ws);
		ws.on('close', () => this.sockets.delete(ws));
		ws.on('error', () => undefined);
		this.tick();
		const access = this.emulator.oauth.wsTokenOwner(url.searchParams.get('access_token') ?? '');
		if (!access) {
			this.refuse(ws, undefined, 401, 'OAU-213', 'Token not found');
			return;
		}
		const wsc = url.searchParams.get('wsc');
		if (wsc === null) {
			this.open(ws, this.newSession(access));
			return;
		}
		const position = this.readWsc(wsc);
		if (!position) {
			this.refuse(ws, undefined, 400, 'WSG-400', 'Malformed WebSocket session context token');
			return;
		}
		this.recover(ws, access, position);
	}

	/** An Error frame, then the connection is closed. */
	private refuse(ws: WebSocket, session: WsSession | undefined, status: number, errorCode: string, message: string): void {
		this.send(ws, session, [{ type: 'Error', messageId: crypto.randomUUID(), status, headers: this.headers() }, { errorCode, message }], errorCode);
		ws.close(1008, errorCode);
	}

	private newSession(access: AccessTokenRecord): WsSession {
		const session: WsSession = {
			id: crypto.randomUUID(),
			oauthSessionId: access.sessionId,
			clientId: access.clientId,
			extensionId: access.extensionId,
			accountId: access.accountId,
			createdAt: Date.now(),
			sequence: 1,
			buffer: [],
			overflowed: 0,
			connections: 0,
		};
		this.sessions.set(session.id, session);
		return session;
	}

	private recover(ws: WebSocket, access: AccessTokenRecord, position: { sessionId: string; sequence: number }): void {
		const session = this.sessions.get(position.sessionId);
		const now = Date.now();
		let errorCode: string | undefined;
		if (session && session.oauthSessionId !== access.sessionId) errorCode = 'WSG-1003';
		else if (!session || session.ended || !session.subscriptionId) errorCode = 'WSG-1005';
		else if (session.disconnectedAt !== undefined && now - session.disconnectedAt > this.settings.recoveryTimeout * 1000) errorCode = 'WSG-1005';
		else if (this.refuseRecoveries > 0) {
			this.refuseRecoveries -= 1;
			errorCode = 'WSG-1005';
		}
		if (errorCode || !session) {
			// The old session cannot come back: it ends, with its subscription.
			if (session && errorCode !== 'WSG-1003') this.end(session, `recovery failed (${errorCode})`);
			const fresh = this.newSession(access);
			fresh.lastRecovery = { state: 'Failed', errorCode, replayed: 0, at: now };
			this.open(ws, fresh, { recoveryState: 'Failed', recoveryErrorCode: errorCode });
			return;
		}
		// A connection the gateway still holds (its client vanished without closing) gives way.
		if (session.connection) this.detach(session, true);
		session.lastRecovery = { state: 'Successful', replayed: 0, at: now };
		session.replaying = true;
		this.open(ws, session, { recoveryState: 'Successful' }, position.sequence);
		this.extendSubscription(session);
		const connection = session.connection;
		setTimeout(() => {
			if (session.connection !== connection || !session.lastRecovery) return;
			session.replaying = false;
			const missed = session.buffer.filter((entry) => entry.sequence > position.sequence);
			session.lastRecovery.replayed = missed.length;
			for (const entry of missed) this.sendNotification(session, entry.sequence, entry.envelope);
		}, this.settings.replayDelayMs).unref();
	}

	/** Binds a socket to a session and sends ConnectionDetails. */
	private open(ws: WebSocket, session: WsSession, recovery: Meta = {}, resumeAt?: number): void {
		const now = Date.now();
		const connection: Connection = { socket: ws, openedAt: now, lastClientMessageAt: now, pings: 0, pongs: 0 };
		session.connection = connection;
		session.connections += 1;
		session.disconnectedAt = undefined;
		ws.on('pong', () => {
			connection.pongs += 1;
			connection.pingSentAt = undefined;
		});
		ws.on('message', (data: RawData, isBinary: boolean) => this.receive(session, connection, data, isBinary));
		ws.on('close', () => {
			if (session.connection === connection) this.detach(session, false);
		});
		const sequence = resumeAt ?? session.sequence;
		const body = {
			creationTime: new Date(session.createdAt).toISOString(),
			maxConnectionsPerSession: this.settings.maxConnectionsPerSession,
			recoveryBufferSize: this.settings.recoveryBufferSize,
			recoveryTimeout: this.settings.recoveryTimeout,
			idleTimeout: this.settings.idleTimeout,
			absoluteTimeout: this.settings.absoluteTimeout,
			maxActiveRequests: this.settings.maxActiveRequests,
			...recovery,
		};
		const messageId = crypto.randomUUID();
		this.send(ws, session, [{ type: 'ConnectionDetails', messageId, status: 200, wsc: this.wsc(session, sequence), headers: this.headers(messageId) }, body], typeof recovery.recoveryState === 'string' ? recovery.recoveryState : undefined);
	}

	/** The connection is gone; the session waits `recoveryTimeout` for its client, then ends. */
	private detach(session: WsSession, terminate: boolean): void {
		const connection = session.connection;
		session.connection = undefined;
		session.replaying = false;
		session.disconnectedAt = Date.now();
		if (connection && terminate) connection.socket.terminate();
	}

	/** Ends a session for good: its connection closes and its subscription is gone. */
	end(session: WsSession, reason: string): void {
		if (session.ended) return;
		session.ended = { at: Date.now(), reason };
		const connection = session.connection;
		session.connection = undefined;
		connection?.socket.terminate();
		if (session.subscriptionId) this.emulator.subscriptions?.remove(session.subscriptionId);
		session.subscriptionId = undefined;
		session.buffer = [];
	}

	private receive(session: WsSession, connection: Connection, data: RawData, isBinary: boolean): void {
		connection.lastClientMessageAt = Date.now();
		let frame: Frame;
		try {
			if (isBinary) throw new Error('binary');
			frame = JSON.parse(rawText(data)) as Frame;
			if (!Array.isArray(frame) || !frame[0] || typeof frame[0] !== 'object') throw new Error('not [meta, body]');
		} catch {
			this.send(connection.socket, session, [{ type: 'Error', messageId: crypto.randomUUID(), status: 400, headers: this.headers() }, { errorCode: 'WSG-400', message: 'Malformed message' }], 'WSG-400');
			return;
		}
		const [meta, body] = frame;
		const messageId = typeof meta.messageId === 'string' ? meta.messageId : crypto.randomUUID();
		this.record({ sessionId: session.id, direction: 'in', type: String(meta.type), messageId, method: meta.method as string | undefined, path: meta.path as string | undefined });
		if (meta.type === 'Heartbeat') {
			this.extendSubscription(session);
			this.send(connection.socket, session, [{ type: 'Heartbeat', messageId, status: 200, wsc: this.wsc(session), headers: this.headers(messageId) }]);
			return;
		}
		if (meta.type === 'ClientRequest') {
			void this.clientRequest(session, connection, messageId, meta, body);
			return;
		}
		this.send(connection.socket, session, [{ type: 'Error', messageId, status: 400, headers: this.headers(messageId) }, { errorCode: 'WSG-400', message: `Unknown message type ${String(meta.type)}` }], 'WSG-400');
	}

	/** A REST call tunnelled over the socket: the subscription API (the only one the emulator tunnels). */
	private async clientRequest(session: WsSession, connection: Connection, messageId: string, meta: Meta, body: unknown): Promise<void> {
		const method = (typeof meta.method === 'string' ? meta.method : 'GET').toUpperCase();
		const path = (typeof meta.path === 'string' ? meta.path : '').replace(/\/+$/, '');
		const operation = subscriptionOperation(method, path);
		let status = 200;
		let answer: unknown;
		let headers: Record<string, string> = {};
		try {
			if (!operation) throw new RcError(501, 'CMN-202', 'Operation is not supported over this WebSocket gateway');
			headers = this.emulator.rateLimiter.take(this.emulator.spec.groupOf(operation.operationId) ?? 'Medium', `${session.clientId}:${session.extensionId}`);
			const result = tunnelledSubscriptionCall(this.emulator, session, operation, body);
			status = result.status;
			answer = result.body;
			if (answer !== undefined) {
				const problems = this.emulator.spec.validateResponse(operation.operationId, status, answer);
				if (problems.length) this.emulator.violations.push({ kind: 'response', operationId: operation.operationId, status, problems });
			}
		} catch (error) {
			if (!(error instanceof RcError)) throw error;
			status = error.status;
			answer = error.toBody(path);
			headers = { ...headers, ...error.headers };
		}
		this.emulator.journalEntries.push({
			seq: ++this.emulator.sequence,
			at: new Date().toISOString(),
			method,
			path,
			query: {},
			operationId: operation?.operationId,
			token: `ws:${session.id.slice(0, 8)}`,
			contentType: 'application/json',
			requestBody: body,
			userAgent: undefined,
			status,
			group: operation ? this.emulator.spec.groupOf(operation.operationId) : undefined,
			durationMs: 0,
			transport: 'WebSocket',
		});
		if (session.connection !== connection) return;
		const reply: Frame = [{ type: 'ClientRequest', messageId, status, wsc: this.wsc(session), headers: { ...this.headers(messageId), 'Content-Type': 'application/json', ...headers } }];
		if (answer !== undefined) reply.push(answer);
		this.send(connection.socket, session, reply);
	}

	/** A notification for a WebSocket subscription: sent now, or buffered until its client is back. */
	deliver(subscription: Subscription, envelope: Envelope): void {
		const session = [...this.sessions.values()].find((s) => s.subscriptionId === subscription.id && !s.ended);
		if (!session) return;
		session.sequence += 1;
		session.buffer.push({ sequence: session.sequence, envelope });
		const overflow = session.buffer.length - this.settings.recoveryBufferSize;
		if (overflow > 0) {
			session.buffer.splice(0, overflow);
			if (!session.connection) session.overflowed += overflow;
		}
		if (session.connection && !session.replaying) this.sendNotification(session, session.sequence, envelope);
	}

	private sendNotification(session: WsSession, sequence: number, envelope: Envelope): void {
		if (!session.connection) return;
		const messageId = crypto.randomUUID();
		this.send(session.connection.socket, session, [{ type: 'ServerNotification', messageId, status: 200, wsc: this.wsc(session, sequence), headers: this.headers(messageId) }, envelope], envelope.uuid);
	}

	private send(ws: WebSocket, session: WsSession | undefined, frame: Frame, detail?: string): void {
		const meta = frame[0];
		this.record({
			sessionId: session?.id,
			direction: 'out',
			type: String(meta.type),
			messageId: meta.messageId as string | undefined,
			status: meta.status as number | undefined,
			sequence: (meta.wsc as { sequence?: number } | undefined)?.sequence,
			detail: detail || undefined,
		});
		if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
	}

	private record(entry: Omit<WsJournalEntry, 'at'>): void {
		this.journal.push({ at: Date.now(), ...entry });
		if (this.journal.length > 5000) this.journal.splice(0, this.journal.length - 5000);
	}

	private headers(requestId: string = crypto.randomUUID()): Record<string, string> {
		return { RCRequestId: requestId };
	}

	/** The session's context token at a sequence (default: where the session is now). */
	private wsc(session: WsSession, sequence = session.sequence): { token: string; sequence: number } {
		const payload = Buffer.from(`${session.id}:${sequence}`).toString('base64url');
		const mac = crypto.createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
		return { token: `${WSC_PREFIX}${payload}.${mac}`, sequence };
	}

	private readWsc(token: string): { sessionId: string; sequence: number } | undefined {
		if (!token.startsWith(WSC_PREFIX)) return undefined;
		const [payload, mac] = token.slice(WSC_PREFIX.length).split('.');
		if (!payload || !mac) return undefined;
		const expected = crypto.createHmac('sha256', this.key).update(payload).digest('base64url').slice(0, 22);
		if (expected.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return undefined;
		const [sessionId, sequence] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
		return sessionId && Number.isInteger(Number(sequence)) ? { sessionId, sequence: Number(sequence) } : undefined;
	}

	/** WebSocket subscriptions live as long as their session: renewed while it is alive. */
	extendSubscription(session: WsSession): void {
		const subscription = session.subscriptionId ? this.emulator.subscriptions?.get(session.subscriptionId) : undefined;
		if (subscription) subscription.expirationTime = Date.now() + this.settings.absoluteTimeout * 1000;
	}

	/** Pings, pong deadlines, idle and absolute timeouts, and the end of sessions nobody recovered. */
	private tick(): void {
		if (this.ticker) return;
		this.ticker = setInterval(() => this.check(), 100);
		this.ticker.unref();
	}

	private check(): void {
		const now = Date.now();
		for (const session of this.sessions.values()) {
			if (session.ended) continue;
			const connection = session.connection;
			if (!connection) {
				if (session.disconnectedAt !== undefined && now - session.disconnectedAt > this.settings.recoveryTimeout * 1000) {
					this.end(session, 'not recovered within recoveryTimeout');
				}
				continue;
			}
			if (connection.pingSentAt !== undefined && now - connection.pingSentAt > this.settings.pongTimeoutMs) {
				this.detach(session, true);
				continue;
			}
			if (connection.pingSentAt === undefined && now - (connection.lastPingAt ?? connection.openedAt) >= this.settings.pingIntervalMs) {
				connection.pingSentAt = now;
				connection.lastPingAt = now;
				connection.pings += 1;
				connection.socket.ping();
			}
			if (now - connection.lastClientMessageAt > this.settings.idleTimeout * 1000) this.timeout(session, 'idle');
			else if (now - connection.openedAt > this.settings.absoluteTimeout * 1000) this.timeout(session, 'absolute');
		}
	}

	/** WSG-902 (idle) or WSG-903 (absolute): an Error frame, then the connection closes; the session can be recovered. */
	timeout(session: WsSession, kind: 'idle' | 'absolute'): void {
		const connection = session.connection;
		if (!connection) return;
		const [errorCode, message] = kind === 'idle' ? ['WSG-902', 'Idle timeout'] : ['WSG-903', 'Absolute timeout'];
		this.send(connection.socket, session, [{ type: 'Error', messageId: crypto.randomUUID(), status: 400, wsc: this.wsc(session), headers: this.headers() }, { errorCode, message }], errorCode);
		this.detach(session, false);
		connection.socket.close(1000, errorCode);
	}

	/** The connection drops without a close handshake (a network failure); the session can be recovered. */
	drop(session: WsSession): void {
		if (session.connection) this.detach(session, true);
	}

	/** The sign-in session was revoked: its WebSocket sessions end. */
	endOAuthSession(oauthSessionId: string): void {
		for (const session of this.sessions.values()) {
			if (session.oauthSessionId !== oauthSessionId || session.ended) continue;
			if (session.connection) {
				this.send(session.connection.socket, session, [{ type: 'Error', messageId: crypto.randomUUID(), status: 401, headers: this.headers() }, { errorCode: 'OAU-213', message: 'Token not found' }], 'OAU-213');
			}
			this.end(session, 'sign-in session revoked');
		}
	}

	/** Sessions as the control API shows them. */
	describe(): Array<Record<string, unknown>> {
		return [...this.sessions.values()].map((session) => ({
			id: session.id,
			state: session.ended ? 'ended' : session.connection ? 'connected' : 'disconnected',
			extensionId: session.extensionId,
			clientId: session.clientId,
			subscriptionId: session.subscriptionId ?? null,
			sequence: session.sequence,
			buffered: session.buffer.length,
			overflowed: session.overflowed,
			connections: session.connections,
			pings: session.connection?.pings ?? 0,
			pongs: session.connection?.pongs ?? 0,
			createdAt: new Date(session.createdAt).toISOString(),
			disconnectedAt: session.disconnectedAt ? new Date(session.disconnectedAt).toISOString() : null,
			ended: session.ended ? { at: new Date(session.ended.at).toISOString(), reason: session.ended.reason } : null,
			lastRecovery: session.lastRecovery ? { ...session.lastRecovery, at: new Date(session.lastRecovery.at).toISOString() } : null,
		}));
	}

	/** Open sockets, whether or not they belong to a session. */
	get openSockets(): number {
		return [...this.sockets].filter((ws) => ws.readyState === WebSocket.OPEN).length;
	}

	/** Sessions a control route names: one by id, or all that are not over. */
	select(sessionId?: string): WsSession[] {
		const live = [...this.sessions.values()].filter((s) => !s.ended);
		return sessionId ? live.filter((s) => s.id === sessionId) : live;
	}

	/** Ends everything (emulator reset or stop). */
	reset(): void {
		for (const session of this.sessions.values()) this.end(session, 'emulator reset');
		for (const ws of this.sockets) ws.terminate();
		this.sockets.clear();
		this.sessions.clear();
		this.journal.length = 0;
		this.refuseRecoveries = 0;
		Object.assign(this.settings, DEFAULT_GATEWAY_SETTINGS);
	}

	close(): void {
		this.reset();
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = undefined;
		this.server.close();
	}
}

/** The subscription operations the gateway tunnels. */
export interface TunnelledOperation {
	operationId: 'createSubscription' | 'readSubscription' | 'updateSubscription' | 'renewSubscription' | 'deleteSubscription';
	subscriptionId?: string;
}

function subscriptionOperation(method: string, path: string): TunnelledOperation | undefined {
	if (path === '/restapi/v1.0/subscription' && method === 'POST') return { operationId: 'createSubscription' };
	const renew = /^\/restapi\/v1\.0\/subscription\/([^/]+)\/renew$/.exec(path);
	if (renew && method === 'POST') return { operationId: 'renewSubscription', subscriptionId: decodeURIComponent(renew[1]) };
	const match = /^\/restapi\/v1\.0\/subscription\/([^/]+)$/.exec(path);
	if (!match) return undefined;
	const subscriptionId = decodeURIComponent(match[1]);
	if (method === 'GET') return { operationId: 'readSubscription', subscriptionId };
	if (method === 'PUT') return { operationId: 'updateSubscription', subscriptionId };
	if (method === 'DELETE') return { operationId: 'deleteSubscription', subscriptionId };
	return undefined;
}

function rawText(data: RawData): string {
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
	return Buffer.from(data).toString('utf8');
}
