/**
 * The RingCentral emulator: a local HTTP server that answers like platform.ringcentral.com —
 * OAuth, bearer checks, usage-plan rate limits, RingCentral's error bodies, pagination, batch
 * answers — and rejects every request the official OpenAPI spec would reject.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import * as account from './areas/account';
import * as callHandling from './areas/call-handling';
import * as callLog from './areas/call-log';
import * as contacts from './areas/contacts';
import * as messaging from './areas/messaging';
import * as presence from './areas/presence';
import * as ringOut from './areas/ring-out';
import * as subscriptions from './areas/subscriptions';
import type { SubscriptionStore } from './areas/subscriptions';
import * as teamMessaging from './areas/team-messaging';
import * as video from './areas/video';
import { handleControl } from './control';
import { OAuthError, RcError, errors } from './errors';
import type { QueuedFault } from './faults';
import { Faults, faultError } from './faults';
import { parseMultipart } from './http-util';
import type { MultipartPart } from './http-util';
import { NotificationCenter } from './notifications';
import type { EventNotification } from './notifications';
import { OAuthServer, SPEC_GRANTS, grantedLifetimes } from './oauth';
import { RateLimiter } from './ratelimit';
import type { RateLimitOptions } from './ratelimit';
import { loadSpec } from './spec';
import type { SpecModel, SpecProblem } from './spec';
import { createState } from './state';
import type { State } from './state';
import type { AreaModule, HandlerContext, Query, Route } from './types';
import { WebSocketGateway } from './websocket';

export type { AreaModule, EmulatorContext, Handler, HandlerContext, HandlerResult, Query, Route } from './types';

/**
 * One module per RingCentral API area, each contributing routes. Listed here, not discovered, so
 * the same list works from source (ts-jest) and compiled; in file-name order, as routes of equal
 * specificity match in this order.
 */
const AREAS: AreaModule[] = [account, callHandling, callLog, contacts, messaging, presence, ringOut, subscriptions, teamMessaging, video];

export const DEMO_APP = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret', name: 'n8n demo app' };

export interface EmulatorOptions {
	/** the OpenAPI file; default: RC_OPENAPI_SPEC or the pinned spec/rc-public-openapi.yml */
	spec?: string;
	/** without the spec, fail instead of running lenient (no request validation) */
	requireSpec?: boolean;
	userCount?: number;
	/** seconds */
	accessTokenTtl?: number;
	/** seconds */
	refreshTokenTtl?: number;
	rateLimits?: RateLimitOptions;
	/** no warning on the console when running lenient */
	quiet?: boolean;
	/** extra SMS in the first user's mailbox */
	mailboxSize?: number;
	/** company call-log records (default 300) */
	callLogSize?: number;
}

/** What a captive portal or a misconfigured proxy answers instead of RingCentral. */
const PROXY_PAGE = '<!DOCTYPE html><html><head><title>Network login</title></head><body><p>Sign in to continue to the internet.</p></body></html>';

/** One request as the journal keeps it: no token, no secrets of a form. */
export interface JournalEntry {
	seq: number;
	at: string;
	method: string;
	path: string;
	query: Query;
	operationId: string | undefined;
	/** a label of the token (at-1, client:…), never the token */
	token: string | undefined;
	contentType: string | undefined;
	requestBody: unknown;
	userAgent: string | undefined;
	/** 0 while under way, -1 for a connection reset on purpose */
	status: number;
	/** the usage-plan group the request counted against */
	group: string | undefined;
	/** query parameters ignored as RingCentral ignores them: unknown to the operation, or empty */
	ignoredQuery?: string[];
	durationMs: number;
	/** a subscription call tunnelled over the WebSocket gateway (not an HTTP request) */
	transport?: 'WebSocket';
}

/** A request the spec rejected, a response of ours the spec would reject, or a crash of the emulator. */
export type Violation =
	| { kind: 'emulator-crash'; message: string }
	/** query parameters the operation does not take: RingCentral ignores them, a client under test should not send them */
	| { kind: 'ignored-query'; operationId: string; method: string; path: string; parameters: string[] }
	| { kind: 'request'; operationId: string; method?: string; path?: string; query?: Query; body?: unknown; problems: SpecProblem[] }
	| { kind: 'response'; operationId: string; status: number; problems: SpecProblem[] };

/** What a workflow under test posted to a sink of the control API. */
export interface SinkEntry {
	at: number;
	body: unknown;
}

type Matcher = ((path: string) => Record<string, string> | undefined) & { literals: number };
type CompiledRoute = Route & { matcher: Matcher };

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const spec = await loadSpec(options.spec);
	if (!spec.available) {
		if (options.requireSpec) {
			throw new Error(`RingCentral emulator: OpenAPI spec not found at ${spec.file}. Restore spec/ from git or set RC_OPENAPI_SPEC to the spec file.`);
		}
		if (!options.quiet) {
			console.warn(
				`RingCentral emulator: OpenAPI spec not found at ${spec.file}; running lenient (no request validation). Set RC_OPENAPI_SPEC to the spec file.`,
			);
		}
	}
	return new Emulator(spec, options);
}

export class Emulator {
	readonly spec: SpecModel;
	readonly options: EmulatorOptions;
	readonly rateLimiter: RateLimiter;
	readonly faults: Faults;
	/** per-area state (message store, call log, …), rebuilt on reset */
	areaStates!: Map<string, unknown>;
	state!: State;
	oauth!: OAuthServer;
	readonly journalEntries: JournalEntry[];
	sequence: number;
	/** requests the spec rejected, and responses of ours the spec would reject */
	readonly violations: Violation[];
	readonly events: EventNotification[];
	/** delivers emitted events to webhook subscriptions */
	readonly notifications: NotificationCenter;
	/** the WebSocket gateway at /ws, for WebSocket subscriptions */
	readonly webSockets: WebSocketGateway;
	presenceSequence: number;
	readonly routes: CompiledRoute[];
	readonly server: http.Server;
	/** what workflows under test posted to the control API's sinks, by sink name */
	readonly sinks = new Map<string, SinkEntry[]>();
	url: string;
	/** the webhook subscriptions: defined by the subscriptions area when it adds its routes */
	declare subscriptions?: SubscriptionStore;

	constructor(spec: SpecModel, options: EmulatorOptions) {
		this.spec = spec;
		this.options = options;
		this.rateLimiter = new RateLimiter(options.rateLimits);
		this.faults = new Faults();
		this.webSockets = new WebSocketGateway(this);
		this.reset();
		this.journalEntries = [];
		this.sequence = 0;
		this.violations = [];
		this.events = [];
		this.notifications = new NotificationCenter(this);
		this.presenceSequence = 0;
		this.routes = AREAS.flatMap((area) => area.routes(this)).map((route) => ({ ...route, matcher: compile(route.path) }));
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.violations.push({ kind: 'emulator-crash', message: String(error?.stack ?? error) });
				if (!res.headersSent) this.send(res, 500, errors.internal().toBody());
			});
		});
		this.server.on('upgrade', (req, socket, head) => this.webSockets.upgrade(req, socket, head));
		this.server.keepAliveTimeout = 1000;
		this.url = '';
	}

	/** Fresh demo company and OAuth state; rate-limit windows, journal and faults are kept. */
	reset(): void {
		this.webSockets.reset();
		this.areaStates = new Map();
		this.state = createState({ userCount: this.options.userCount });
		this.oauth = new OAuthServer(
			{
				accessTokenTtl: this.options.accessTokenTtl ?? 3600,
				refreshTokenTtl: this.options.refreshTokenTtl ?? 604800,
				allPermissions: this.spec.appPermissions(),
			},
			{ accountId: this.state.accountId, isUser: this.state.isUser, defaultExtensionId: this.state.ids.admin },
		);
		// The demo app has every permission, so any operation can be called with it.
		this.oauth.registerApp(DEMO_APP);
	}

	/** The state an area keeps beyond the shared directory, created on first use. */
	areaState<T>(name: string, init: () => T): T {
		if (!this.areaStates.has(name)) this.areaStates.set(name, init());
		// Each name is only ever created by its own init, so it holds a T.
		return this.areaStates.get(name) as T;
	}

	async start(port = 0, host = '127.0.0.1'): Promise<this> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this;
	}

	async stop(): Promise<void> {
		this.webSockets.close();
		this.server.closeAllConnections?.();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	demoCredentials(): { server: string; clientId: string; clientSecret: string; jwt: string } {
		return {
			server: this.url,
			clientId: DEMO_APP.clientId,
			clientSecret: DEMO_APP.clientSecret,
			jwt: this.oauth.issueJwt(this.state.ids.admin),
		};
	}

	journal(filter: { operationId?: string; method?: string; since?: number } = {}): JournalEntry[] {
		return this.journalEntries.filter(
			(e) =>
				(!filter.operationId || e.operationId === filter.operationId) &&
				(!filter.method || e.method === filter.method) &&
				(filter.since === undefined || e.seq > filter.since),
		);
	}

	/** Removes and returns the violations recorded so far (tests assert on them, then expect none). */
	takeViolations(): Violation[] {
		return this.violations.splice(0);
	}

	async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://emulator');
		const rawBody = await readBody(req);
		const baseUrl = `http://${req.headers.host ?? this.url.replace(/^http:\/\//, '')}`;
		if (url.pathname.startsWith('/__emulator/')) {
			const answer = await handleControl(this, req.method ?? 'GET', url, rawBody);
			this.send(res, answer.status ?? 200, answer.body, answer.headers, answer.contentType);
			return;
		}

		const method = (req.method ?? 'GET').toUpperCase();
		const path = url.pathname;
		const route = this.match(method, path);
		const operationId = route?.operationId ?? this.oauthOperation(method, path);
		const accepted = operationId ? this.spec.acceptedQuery(operationId, queryObject(url.searchParams)) : undefined;
		const entry: JournalEntry = {
			seq: ++this.sequence,
			at: new Date(started).toISOString(),
			method,
			path,
			query: queryObject(url.searchParams),
			operationId,
			token: this.oauth.tagOf(req.headers.authorization),
			contentType: req.headers['content-type'],
			requestBody: describeBody(rawBody, req.headers['content-type']),
			userAgent: req.headers['user-agent'],
			status: 0,
			group: undefined,
			durationMs: 0,
			...(accepted?.unknown.length || accepted?.empty.length ? { ignoredQuery: [...accepted.unknown, ...accepted.empty] } : {}),
		};
		this.journalEntries.push(entry);
		// An empty value means "not given"; a parameter the operation does not know is likely a mistake.
		if (operationId && accepted?.unknown.length) {
			this.violations.push({ kind: 'ignored-query', operationId, method, path, parameters: accepted.unknown });
		}
		let rateHeaders: Record<string, string> = {};
		let fault: QueuedFault | undefined;
		const finish = (status: number, body: unknown, headers: Record<string, string> = {}, contentType: string | undefined = undefined) => {
			entry.status = status;
			entry.durationMs = Date.now() - started;
			if (fault?.kind === 'resetAfter') {
				entry.status = -1;
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'html') {
				entry.status = 200;
				this.send(res, 200, PROXY_PAGE, {}, 'text/html; charset=utf-8');
				return;
			}
			this.send(res, status, body, { ...rateHeaders, ...headers }, contentType);
		};

		try {
			fault = this.faults.take({ operationId, path });
			const delayMs = fault?.delayMs;
			if (fault?.kind === 'hang') {
				// Never answers: the request ends when the client gives up (or the emulator stops).
				entry.status = -1;
				await new Promise((resolve) => req.socket.once('close', resolve));
				entry.durationMs = Date.now() - started;
				return;
			}
			if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, delayMs ?? 1000));
			if (fault?.kind === 'reset') {
				entry.status = -1;
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'expireToken') this.oauth.expireToken(req.headers.authorization ?? '');
			if (fault && ['429', '503', '500'].includes(fault.kind)) throw faultError(fault);

			if (path.startsWith('/restapi/oauth/')) {
				const form = Object.fromEntries(new URLSearchParams(method === 'GET' ? '' : rawBody.toString('utf8')));
				const signIn = this.signInOf(String(operationId), url.searchParams, form, req.headers.authorization);
				rateHeaders = this.rateLimiter.take('Auth', `client:${signIn.client}|user:${signIn.user}`);
				entry.group = 'Auth';
				const answer = this.handleOAuth(method, url, accepted?.query ?? {}, rawBody, req.headers, baseUrl);
				finish(answer.status, answer.body, answer.headers ?? {});
				return;
			}
			if (!route) {
				throw this.spec.available && this.spec.hasOperation(method, path) ? errors.notSupported() : errors.invalidUri();
			}
			const auth = this.oauth.bearer(req.headers.authorization);
			const group = this.spec.groupOf(route.operationId) ?? 'Medium';
			entry.group = group;
			rateHeaders = this.rateLimiter.take(group, `${auth.clientId}:${auth.extensionId}`);
			const permission = this.spec.appPermissionOf(route.operationId);
			if (permission && !auth.scope.includes(permission)) throw errors.missingAppPermission(permission);

			const parts = String(req.headers['content-type'] ?? '').startsWith('multipart/')
				? parseMultipart(rawBody, String(req.headers['content-type']))
				: undefined;
			const body = parts ? multipartAsObject(parts) : parseBody(rawBody, req.headers['content-type']);
			const query = accepted?.query ?? {};
			const problems = this.spec.validateRequest(route.operationId, { method, path, query, headers: req.headers, body });
			if (problems.length) {
				this.violations.push({ kind: 'request', operationId: route.operationId, method, path, query, body, problems });
				const first = problems[0];
				throw errors.invalidParameter(first.parameter, `It ${first.message}.`);
			}
			const ctx: HandlerContext = {
				method,
				path,
				params: route.matcher(path) ?? {},
				query,
				headers: req.headers,
				body,
				rawBody,
				parts,
				baseUrl,
				auth: { accountId: auth.accountId, extensionId: auth.extensionId, clientId: auth.clientId },
				state: this.state,
				operationId: route.operationId,
				emit: (event, eventBody) => this.emit(event, eventBody, auth.extensionId),
				store: (name, init) => this.areaState(name, init),
			};
			const result = await route.handler(ctx);
			const status = result.status ?? (result.body === undefined && result.raw === undefined ? 204 : 200);
			if (result.raw !== undefined) {
				finish(status, result.raw, result.headers, result.contentType);
				return;
			}
			const responseProblems = this.spec.validateResponse(route.operationId, status, result.body);
			if (responseProblems.length) {
				this.violations.push({ kind: 'response', operationId: route.operationId, status, problems: responseProblems });
			}
			finish(status, result.body, result.headers);
		} catch (error) {
			if (error instanceof RcError) {
				finish(error.status, error.toBody(path), error.headers);
				return;
			}
			if (error instanceof OAuthError) {
				finish(error.status, error.toBody(), {});
				return;
			}
			throw error;
		}
	}

	match(method: string, path: string): CompiledRoute | undefined {
		let best: CompiledRoute | undefined;
		let bestScore = -1;
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const params = route.matcher(path);
			if (params && route.matcher.literals > bestScore) {
				best = route;
				bestScore = route.matcher.literals;
			}
		}
		return best;
	}

	oauthOperation(method: string, path: string): string | undefined {
		const map: Record<string, string> = {
			'GET /restapi/oauth/authorize': 'authorize',
			'POST /restapi/oauth/token': 'getToken',
			'POST /restapi/oauth/revoke': 'revokeToken',
			'POST /restapi/oauth/wstoken': 'authWsToken',
		};
		return map[`${method} ${path}`];
	}

	/**
	 * Who a request to the OAuth endpoints counts against in the Auth group (RingCentral counts
	 * per app and user): the app of the Basic header, of `client_id`, or of the bearer token.
	 */
	signInOf(operationId: string, query: URLSearchParams, form: Record<string, string>, authorization: string | undefined): { client: string; user: string } {
		if (operationId === 'authWsToken') {
			const record = /^Bearer\s/i.test(authorization ?? '') ? this.oauth.accessTokens.get(String(authorization).split(/\s+/)[1]) : undefined;
			return { client: record?.clientId ?? 'unknown', user: record?.extensionId ?? 'anonymous' };
		}
		const basic = authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':')[0] : undefined;
		const client = basic ?? form.client_id ?? query.get('client_id') ?? 'unknown';
		return { client, user: this.oauth.signInUser(operationId, form) ?? 'anonymous' };
	}

	handleOAuth(
		method: string,
		url: URL,
		query: Query,
		rawBody: Buffer,
		headers: http.IncomingHttpHeaders,
		baseUrl: string,
	): { status: number; body?: unknown; headers?: Record<string, string> } {
		const operationId = this.oauthOperation(method, url.pathname);
		if (!operationId) throw errors.invalidUri();
		if (operationId === 'authorize') {
			const problems = this.spec.validateRequest('authorize', { method, path: url.pathname, query, headers, body: undefined });
			if (problems.length) {
				this.violations.push({ kind: 'request', operationId, problems });
				throw new OAuthError(400, 'invalid_request', 'OAU-101', `Parameter [${problems[0].parameter}] is invalid`);
			}
			const { location } = this.oauth.authorize(new URLSearchParams(query as Record<string, string>));
			return { status: 302, headers: { Location: location } };
		}
		if (operationId === 'authWsToken') {
			const record = this.oauth.bearer(headers.authorization);
			if (!record.scope.includes('WebSocket')) throw errors.missingAppPermission('WebSocket');
			const wsUri = `${baseUrl.replace(/^http/, 'ws')}/ws`;
			return this.validated(operationId, { status: 200, body: this.oauth.wsToken(String(headers.authorization), wsUri) });
		}
		const type = String(headers['content-type'] ?? '');
		if (!type.startsWith('application/x-www-form-urlencoded')) {
			throw new OAuthError(415, 'invalid_request', 'OAU-102', 'Unsupported Media Type');
		}
		const form = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
		const typedForm = this.spec.typedForm(operationId, form);
		if (operationId === 'getToken') {
			// Lifetimes out of the spec's bounds are granted within them, not refused (see grantedLifetimes).
			const granted = grantedLifetimes(typedForm, this.oauth);
			if (typeof typedForm.access_token_ttl === 'number') typedForm.access_token_ttl = granted.access;
			if (typeof typedForm.refresh_token_ttl === 'number') typedForm.refresh_token_ttl = granted.refresh ?? 0;
		}
		const problems = this.spec.validateRequest(operationId, { method, path: url.pathname, query, headers, body: typedForm });
		if (problems.length) {
			this.violations.push({ kind: 'request', operationId, problems });
			// A grant type the spec does not have gets the token endpoint's own answer for it, not OAU-101.
			const unknownGrant = operationId === 'getToken' && !SPEC_GRANTS.includes(String(form.grant_type));
			if (!unknownGrant) throw new OAuthError(400, 'invalid_request', 'OAU-101', `Parameter [${problems[0].parameter}] is invalid`);
		}
		if (operationId === 'revokeToken') {
			// The same client authentication as at the token endpoint (platform notes §1.7).
			const client = this.oauth.authenticateClient(form, headers.authorization);
			const revoked = this.oauth.revoke(form.token ?? String(query.token ?? ''), client);
			if (revoked) this.webSockets.endOAuthSession(revoked);
			return { status: 200 };
		}
		return this.validated(operationId, { status: 200, body: this.oauth.token(form, headers.authorization) });
	}

	/** An answer of ours after checking it against the spec's response schema (a mismatch is a violation). */
	validated<T extends { status: number; body?: unknown }>(operationId: string, answer: T): T {
		const problems = this.spec.validateResponse(operationId, answer.status, answer.body);
		if (problems.length) this.violations.push({ kind: 'response', operationId, status: answer.status, problems });
		return answer;
	}

	/** Records a notification for subscriptions (delivered by the subscription engine). */
	emit(event: string, body: unknown, ownerId: string = this.state.ids.admin): EventNotification {
		const notification: EventNotification = { uuid: crypto.randomUUID(), event, timestamp: new Date().toISOString(), ownerId, body };
		this.events.push(notification);
		this.notifications.publish(notification);
		return notification;
	}

	send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, contentType?: string): void {
		const payload = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		res.writeHead(status, {
			RCRequestId: crypto.randomUUID(),
			...(payload !== '' || status === 200 ? { 'Content-Type': contentType ?? 'application/json; charset=UTF-8' } : {}),
			...headers,
		});
		res.end(payload);
	}
}

/** Compiles an OpenAPI path template into a matcher returning path params. */
function compile(template: string): Matcher {
	const parts = template.split('/');
	const matcher = (path: string) => {
		const segments = path.split('/');
		if (segments.length !== parts.length) return undefined;
		const params: Record<string, string> = {};
		for (let i = 0; i < parts.length; i++) {
			const param = /^\{(.+)\}$/.exec(parts[i]);
			if (param) {
				if (!segments[i]) return undefined;
				params[param[1]] = decodeURIComponent(segments[i]);
			} else if (parts[i] !== segments[i]) {
				return undefined;
			}
		}
		return params;
	};
	return Object.assign(matcher, { literals: parts.filter((p) => !p.startsWith('{')).length });
}

function queryObject(params: URLSearchParams): Query {
	const query: Query = {};
	for (const [key, value] of params) {
		if (key in query) query[key] = ([] as string[]).concat(query[key], value);
		else query[key] = value;
	}
	return query;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** A JSON request body; any other body is left to the handler (rawBody, parts). */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (!raw.length) return undefined;
	if (String(contentType ?? '').includes('json')) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			throw new RcError(400, 'CMN-103', "JSON can't be parsed.");
		}
	}
	return undefined;
}

/**
 * A multipart request as the object the spec's multipart schemas describe: the JSON part's fields
 * plus one placeholder string per file field (the spec types files as binary strings).
 */
function multipartAsObject(parts: MultipartPart[]): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	for (const part of parts) {
		if (part.json && typeof part.json === 'object' && !Array.isArray(part.json)) Object.assign(body, part.json);
		else if (part.name && body[part.name] === undefined) {
			body[part.name] = part.fileName !== undefined || !part.contentType.startsWith('text/') ? `<${part.data.length} bytes>` : part.data.toString('utf8');
		}
	}
	return body;
}

/** What the journal keeps of a request body: JSON as data, form fields minus secrets, else a size. */
function describeBody(raw: Buffer, contentType: string | undefined): unknown {
	if (!raw.length) return undefined;
	const type = String(contentType ?? '');
	if (type.includes('json')) {
		try {
			return JSON.parse(raw.toString('utf8'));
		} catch {
			return raw.toString('utf8').slice(0, 2000);
		}
	}
	if (type.startsWith('application/x-www-form-urlencoded')) {
		const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
		for (const secret of ['assertion', 'code', 'code_verifier', 'refresh_token', 'token', 'client_secret']) {
			if (form[secret]) form[secret] = '<redacted>';
		}
		return form;
	}
	if (type.startsWith('multipart/')) {
		try {
			return {
				parts: parseMultipart(raw, type).map((part) => ({
					name: part.name,
					fileName: part.fileName,
					contentType: part.contentType,
					size: part.data.length,
					sha256: crypto.createHash('sha256').update(part.data).digest('hex'),
					...(part.json !== undefined ? { json: part.json } : {}),
				})),
			};
		} catch {
			return `<${type}: ${raw.length} bytes, unparseable>`;
		}
	}
	return `<${type || 'binary'}: ${raw.length} bytes>`;
}
