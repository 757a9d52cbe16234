import type { IExecuteFunctions, INode, INodeExecutionData, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import type { RequestContext } from '../RingCentral/shared/directRequest';
import { ringCentralDirectRequest, ringCentralDirectRequestIfFound } from '../RingCentral/shared/directRequest';
import type { ItemSettings } from './delivery';
import { deduplicationKey, eventItems, takeNotification } from './delivery';
import type { Envelope } from './events';

/**
 * WebSocket delivery: the trigger opens the connection to RingCentral's WebSocket gateway itself,
 * so n8n needs no public URL. One connection per running trigger function. The protocol: a WS
 * token from /restapi/oauth/wstoken, `ConnectionDetails` first, the subscription made by a REST
 * call tunnelled in a `ClientRequest`, notifications as `ServerNotification` with the webhook's
 * envelope, `Heartbeat`s to stay under the idle timeout, and after a lost connection a new one
 * with the session's `wsc` token, which replays what was missed (or, when the gateway cannot
 * recover the session, a new subscription).
 */

type Meta = { type?: string; messageId?: string; status?: number; wsc?: { token?: string; sequence?: number } };
type Frame = [Meta, unknown?];

interface ConnectionDetails {
	recoveryTimeout?: number;
	idleTimeout?: number;
	absoluteTimeout?: number;
	recoveryState?: 'Successful' | 'Failed';
	recoveryErrorCode?: string;
}

interface WsToken {
	ws_access_token: string;
	uri: string;
}

/** The gateway's answer to a tunnelled call or a connection: an `Error` frame or a non-2xx status. */
export class GatewayError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string | undefined,
		message: string,
	) {
		super(message);
	}
}

/** How long a tunnelled call, a connection's first frame or a heartbeat's echo may take. */
const ANSWER_WITHIN_MS = 30_000;
/** Waits between reconnection attempts: quick at first, then every 30 s. */
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
/** A heartbeat at least this often, well inside RingCentral's 30-minute idle timeout. */
const MAX_HEARTBEAT_MS = 5 * 60_000;
/** Reconnect (and recover) this long before the gateway's absolute timeout would end the connection. */
const BEFORE_ABSOLUTE_TIMEOUT_MS = 60_000;
const MAX_TIMER_MS = 2_147_483_647;

/** Node's built-in client (Node ≥ 22; Node 20 with --experimental-websocket). */
function webSocketClass(node: INode): typeof WebSocket {
	const client = typeof WebSocket === 'function' ? WebSocket : undefined;
	if (!client) {
		throw new NodeOperationError(node, 'WebSocket delivery needs a Node.js with a built-in WebSocket client (Node.js 22 or later)', {
			description: 'Run n8n on Node.js 22 or later, or choose Webhook delivery.',
		});
	}
	return client;
}

/**
 * Whether a failure will not go away by trying again: RingCentral refused the credential (401, or
 * a refused sign-in or refresh: an OAuth error such as invalid_grant, or n8n asking for the
 * credential to be reconnected), the app lacks a permission (403), or the request itself is wrong
 * (400, e.g. an event filter RingCentral does not accept). Network trouble, timeouts, 429 and 5xx
 * pass.
 */
function isPermanent(error: unknown): boolean {
	if (error instanceof GatewayError) return [400, 401, 403, 404].includes(error.status) && error.errorCode !== 'OAU-213';
	const { httpCode, description, context } = error as { httpCode?: unknown; description?: unknown; context?: { ringCentral?: { httpStatus?: unknown; errorCode?: unknown } } };
	if ([400, 401, 403].includes(Number(httpCode))) return true;
	const reported = context?.ringCentral;
	if (!reported || reported.httpStatus !== null) return false;
	const code = reported.errorCode;
	if (code === 'EAUTH' || (typeof code === 'string' && /^[a-z_]+$/.test(code))) return true;
	return code === null && typeof description === 'string' && /reconnect/i.test(description);
}

function messageOf(error: unknown): string {
	const { message, description } = error as { message?: string; description?: string };
	return [message, description].filter(Boolean).join(' — ') || String(error);
}

export interface ListenerEvents {
	/** one notification, once: called one at a time, in the order the gateway numbered them */
	notification(envelope: Envelope): Promise<void>;
	/** the connection cannot be kept: RingCentral refuses it for good */
	failed(error: Error): void;
	log(level: 'info' | 'warn', message: string): void;
}

export class WebSocketListener {
	private socket?: WebSocket;
	private details: ConnectionDetails = {};
	/** the session's context token and the highest sequence handled */
	private wsc?: { token: string; sequence: number };
	/** when the connection was lost (recovery is possible within recoveryTimeout of it) */
	private lostAt?: number;
	private subscriptionId?: string;
	private stopped = false;
	private attempt = 0;
	private readonly waiting = new Map<string, { resolve(frame: Frame): void; reject(error: Error): void }>();
	/** cancels the connection's timers (heartbeats, renewal, planned reconnect) */
	private readonly timers = new Set<() => void>();
	private reconnecting?: () => void;
	private heartbeatDue?: string;
	/** notifications are handled one after the other */
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly context: RequestContext,
		private readonly filters: string[],
		private readonly events: ListenerEvents,
	) {}

	/** Connects and subscribes; fails if that does not work now. */
	async start(): Promise<void> {
		await this.connect(false);
	}

	/** Ends the connection and deletes the subscription. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		this.clearTimers();
		this.reconnecting?.();
		const id = this.subscriptionId;
		this.subscriptionId = undefined;
		if (id) {
			try {
				if (this.socket?.readyState !== 1) throw new Error('not connected');
				await this.request('DELETE', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`);
			} catch {
				await ringCentralDirectRequestIfFound
					.call(this.context, 'DELETE', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`)
					.catch((error: unknown) => this.events.log('warn', `RingCentral Trigger: could not delete WebSocket subscription ${id}: ${messageOf(error)}`));
			}
		}
		this.socket?.close(1000);
		this.socket = undefined;
		for (const { reject } of this.waiting.values()) reject(new Error('The trigger stopped'));
		this.waiting.clear();
	}

	private async connect(recover: boolean): Promise<void> {
		const Client = webSocketClass(this.context.getNode());
		const token = (await ringCentralDirectRequest.call(this.context, 'POST', '/restapi/oauth/wstoken', { group: 'Auth' })) as unknown as WsToken;
		const wsc = recover ? this.wsc?.token : undefined;
		const url = `${token.uri}?access_token=${encodeURIComponent(token.ws_access_token)}${wsc ? `&wsc=${encodeURIComponent(wsc)}` : ''}`;
		const socket = new Client(url);
		const [meta, body] = await new Promise<Frame>((resolve, reject) => {
			const cancelTimer = after(ANSWER_WITHIN_MS, () => fail(new Error('RingCentral\'s WebSocket gateway did not answer')));
			const fail = (error: Error) => {
				cancelTimer();
				socket.onclose = null;
				socket.close();
				reject(error);
			};
			socket.onerror = () => fail(new Error('Could not connect to RingCentral\'s WebSocket gateway'));
			socket.onclose = () => fail(new Error('RingCentral\'s WebSocket gateway closed the connection'));
			socket.onmessage = (message: MessageEvent) => {
				cancelTimer();
				const frame = parse(message.data) ?? [{ type: 'Error' }, { message: 'Unreadable first frame' }];
				// Taken at once: a recovered session's missed notifications may follow in the same read.
				if (frame[0].type === 'ConnectionDetails' && !this.stopped) this.adopt(socket, frame, Boolean(wsc));
				resolve(frame);
			};
		});
		if (meta.type !== 'ConnectionDetails') {
			const { errorCode, message } = (body ?? {}) as { errorCode?: string; message?: string };
			socket.onclose = null;
			socket.close();
			throw new GatewayError(meta.status ?? 400, errorCode, `RingCentral's WebSocket gateway refused the connection: ${message ?? 'no reason given'}${errorCode ? ` (${errorCode})` : ''}`);
		}
		if (this.stopped) {
			socket.close(1000);
			return;
		}
		const recovered = Boolean(wsc) && this.details.recoveryState === 'Successful';
		if (wsc && !recovered) {
			this.events.log('info', `RingCentral Trigger: the WebSocket session could not be recovered (${this.details.recoveryErrorCode ?? 'no reason given'}); subscribing again`);
		}
		if (!recovered) await this.subscribe();
		this.attempt = 0;
		this.keepAlive(socket);
	}

	/** The connection is the listener's from its ConnectionDetails on. */
	private adopt(socket: WebSocket, [meta, body]: Frame, recovering: boolean): void {
		this.socket = socket;
		this.details = (body ?? {}) as ConnectionDetails;
		this.lostAt = undefined;
		socket.onmessage = (message: MessageEvent) => this.receive(socket, parse(message.data));
		socket.onerror = () => undefined;
		socket.onclose = () => this.lost(socket);
		const recovered = recovering && this.details.recoveryState === 'Successful';
		// A new session numbers its notifications afresh; a recovered one continues where this listener was.
		if (meta.wsc?.token) this.wsc = { token: meta.wsc.token, sequence: recovered ? (this.wsc?.sequence ?? 0) : (meta.wsc.sequence ?? 0) };
	}

	private async subscribe(): Promise<void> {
		const [, info] = await this.request('POST', '/restapi/v1.0/subscription', { eventFilters: this.filters, deliveryMode: { transportType: 'WebSocket' } });
		const { id, expiresIn } = (info ?? {}) as { id?: string; expiresIn?: number };
		this.subscriptionId = id;
		this.scheduleRenewal(expiresIn);
	}

	/** WebSocket subscriptions expire like any other: renewed well before. */
	private scheduleRenewal(expiresIn: number | undefined): void {
		if (!expiresIn) return;
		this.later(Math.min(expiresIn * 800, MAX_TIMER_MS), async () => {
			if (!this.subscriptionId) return;
			try {
				const [, info] = await this.request('POST', `/restapi/v1.0/subscription/${encodeURIComponent(this.subscriptionId)}/renew`);
				this.scheduleRenewal((info as { expiresIn?: number } | undefined)?.expiresIn);
			} catch (error) {
				if (error instanceof GatewayError && error.status === 404) await this.subscribe().catch((e: unknown) => this.trouble(e));
				else this.trouble(error);
			}
		});
	}

	/** Heartbeats inside the idle timeout (a missing echo means a dead connection); a planned reconnect before the absolute timeout. */
	private keepAlive(socket: WebSocket): void {
		const idle = (this.details.idleTimeout ?? 1800) * 1000;
		const every = Math.max(1000, Math.min(MAX_HEARTBEAT_MS, idle / 3));
		const beat = () => {
			if (this.socket !== socket) return;
			if (this.heartbeatDue) {
				this.events.log('warn', 'RingCentral Trigger: no answer to a WebSocket heartbeat; reconnecting');
				socket.close();
				return;
			}
			const messageId = randomUUID();
			this.heartbeatDue = messageId;
			socket.send(JSON.stringify([{ type: 'Heartbeat', messageId }]));
			this.later(every, beat);
		};
		this.heartbeatDue = undefined;
		this.later(every, beat);
		const absolute = (this.details.absoluteTimeout ?? 86400) * 1000;
		this.later(Math.min(MAX_TIMER_MS, Math.max(1000, absolute - BEFORE_ABSOLUTE_TIMEOUT_MS)), () => {
			if (this.socket === socket) socket.close(1000);
		});
	}

	private receive(socket: WebSocket, frame: Frame | undefined): void {
		if (!frame || socket !== this.socket) return;
		const [meta, body] = frame;
		if (meta.type === 'Heartbeat') {
			if (meta.messageId === this.heartbeatDue) this.heartbeatDue = undefined;
			return;
		}
		if (meta.type === 'ClientRequest' && meta.messageId) {
			this.waiting.get(meta.messageId)?.resolve(frame);
			return;
		}
		if (meta.type === 'Error') {
			// WSG-902 / WSG-903 (timeouts), a revoked sign-in: the gateway closes; recover from there.
			const { errorCode, message } = (body ?? {}) as { errorCode?: string; message?: string };
			this.events.log('info', `RingCentral Trigger: WebSocket gateway error ${errorCode ?? ''} ${message ?? ''}`.trim());
			return;
		}
		if (meta.type !== 'ServerNotification') return;
		const sequence = meta.wsc?.sequence;
		// A replayed notification this listener handled before the connection was lost.
		if (typeof sequence === 'number' && this.wsc && sequence <= this.wsc.sequence) return;
		if (typeof sequence === 'number' && meta.wsc?.token) this.wsc = { token: meta.wsc.token, sequence };
		const envelope = body as Envelope;
		this.queue = this.queue
			.then(() => this.events.notification(envelope))
			.catch((error: unknown) => this.events.log('warn', `RingCentral Trigger: a notification failed: ${messageOf(error)}`));
	}

	/** A REST call tunnelled over the socket: the answer frame, or a GatewayError for a non-2xx status. */
	private async request(method: string, path: string, body?: unknown): Promise<Frame> {
		const socket = this.socket;
		if (!socket || socket.readyState !== 1) throw new Error('Not connected to RingCentral\'s WebSocket gateway');
		const messageId = randomUUID();
		const answer = await new Promise<Frame>((resolve, reject) => {
			const cancelTimer = after(ANSWER_WITHIN_MS, () => {
				this.waiting.delete(messageId);
				reject(new Error(`RingCentral's WebSocket gateway did not answer ${method} ${path}`));
			});
			const settle = () => {
				cancelTimer();
				this.waiting.delete(messageId);
			};
			this.waiting.set(messageId, {
				resolve: (frame) => {
					settle();
					resolve(frame);
				},
				reject: (error) => {
					settle();
					reject(error);
				},
			});
			const meta = { type: 'ClientRequest', messageId, method, path };
			socket.send(JSON.stringify(body === undefined ? [meta] : [meta, body]));
		});
		const status = answer[0].status ?? 0;
		if (status < 200 || status >= 300) {
			const { errorCode, message } = (answer[1] ?? {}) as { errorCode?: string; message?: string };
			throw new GatewayError(status, errorCode, `RingCentral answered ${method} ${path} with ${status}: ${message ?? 'no reason given'}${errorCode ? ` (${errorCode})` : ''}`);
		}
		return answer;
	}

	/** The connection is gone: reconnect, recovering the session while RingCentral still keeps it. */
	private lost(socket: WebSocket): void {
		if (socket !== this.socket) return;
		this.socket = undefined;
		this.lostAt ??= Date.now();
		this.clearTimers();
		for (const { reject } of this.waiting.values()) reject(new Error('The WebSocket connection was lost'));
		this.waiting.clear();
		if (!this.stopped) this.reconnect();
	}

	private reconnect(): void {
		if (this.reconnecting || this.stopped) return;
		const wait = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] * (0.8 + Math.random() * 0.4);
		this.attempt += 1;
		this.reconnecting = after(wait, () => {
			this.reconnecting = undefined;
			if (this.stopped) return;
			const window = (this.details.recoveryTimeout ?? 180) * 1000;
			const recover = Boolean(this.wsc) && this.lostAt !== undefined && Date.now() - this.lostAt < window;
			this.connect(recover).catch((error: unknown) => {
				if (this.stopped) return;
				if (isPermanent(error)) {
					this.stopped = true;
					this.events.failed(error as Error);
					return;
				}
				this.events.log('warn', `RingCentral Trigger: reconnecting to RingCentral failed (${messageOf(error)}); trying again`);
				const socket = this.socket;
				this.socket = undefined;
				this.clearTimers();
				socket?.close();
				this.reconnect();
			});
		});
	}

	private trouble(error: unknown): void {
		if (isPermanent(error)) {
			this.stopped = true;
			this.events.failed(error as Error);
			return;
		}
		this.events.log('warn', `RingCentral Trigger: ${messageOf(error)}`);
		this.socket?.close();
	}

	private later(ms: number, work: () => void | Promise<void>): void {
		const cancel = after(ms, () => {
			this.timers.delete(cancel);
			void work();
		});
		this.timers.add(cancel);
	}

	private clearTimers(): void {
		for (const cancel of this.timers) cancel();
		this.timers.clear();
		this.heartbeatDue = undefined;
	}
}

/** Runs `work` after `ms` unless cancelled first (n8n's sleep: community nodes keep no timers of their own). */
function after(ms: number, work: () => void): () => void {
	const controller = new AbortController();
	void sleep(ms, controller.signal).then(
		() => {
			if (!controller.signal.aborted) work();
		},
		() => undefined,
	);
	return () => controller.abort();
}

function parse(data: unknown): Frame | undefined {
	try {
		const frame = JSON.parse(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8')) as unknown;
		return Array.isArray(frame) && frame[0] && typeof frame[0] === 'object' ? (frame as Frame) : undefined;
	} catch {
		return undefined;
	}
}

/** A permanent failure as n8n shows it on the workflow. */
function stoppedError(node: INode, error: Error): NodeOperationError {
	return new NodeOperationError(node, `RingCentral Trigger stopped: ${messageOf(error)}`, {
		description:
			'RingCentral refuses the WebSocket connection or subscription. Check that the credential still signs in and that the RingCentral app has the WebSocket permission, then publish the workflow again.',
	});
}

/**
 * The published workflow's connection: every notification becomes one execution (n8n's execution
 * deduplication key, as with webhooks), a permanent failure stops the trigger through n8n's
 * error reporting, and unpublishing deletes the subscription and closes the socket.
 */
export async function startWebSocketDelivery(
	context: ITriggerFunctions,
	trigger: string,
	filters: string[],
	settings: ItemSettings,
): Promise<ITriggerResponse> {
	const requests = context as unknown as RequestContext;
	const remembered = `${trigger}:websocket`;
	const listener = new WebSocketListener(requests, filters, {
		notification: async (envelope) => {
			if (typeof envelope?.uuid !== 'string' || !envelope.uuid || !takeNotification(remembered, envelope.uuid)) return;
			// eventItems never fails: a message it cannot read becomes an item with the error.
			const items = await eventItems(requests, envelope, settings);
			context.emit([items], undefined, undefined, deduplicationKey(trigger, envelope.uuid));
		},
		failed: (error) => context.emitError(stoppedError(context.getNode(), error)),
		log: (level, message) => context.logger[level](message),
	});
	try {
		await listener.start();
	} catch (error) {
		await listener.stop();
		if (isPermanent(error)) throw stoppedError(context.getNode(), error as Error);
		throw error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error);
	}
	return { closeFunction: async () => await listener.stop() };
}

/**
 * The editor's "Execute step" with WebSocket delivery: subscribes, waits for the first event and
 * answers its items, then unsubscribes. Cancelling the execution stops the wait.
 */
export async function manualWebSocketEvent(context: IExecuteFunctions, filters: string[], settings: ItemSettings): Promise<INodeExecutionData[]> {
	// The execute context reads parameters per item; the RingCentral calls read them as the other contexts do.
	const requests = Object.create(context, {
		getNodeParameter: { value: (name: string, fallback?: unknown) => context.getNodeParameter(name, 0, fallback) },
	}) as RequestContext;
	const signal = context.getExecutionCancelSignal();
	let listener: WebSocketListener | undefined;
	try {
		return await new Promise<INodeExecutionData[]>((resolve, reject) => {
			listener = new WebSocketListener(requests, filters, {
				notification: async (envelope) => resolve(await eventItems(requests, envelope, settings)),
				failed: (error) => reject(stoppedError(context.getNode(), error)),
				log: (level, message) => context.logger[level](message),
			});
			signal?.addEventListener('abort', () => reject(new NodeOperationError(context.getNode(), 'Stopped waiting for a RingCentral event')));
			listener.start().catch(reject);
		});
	} finally {
		await listener?.stop();
	}
}
