/**
 * The RingCentral emulator: a local HTTP server that answers like platform.ringcentral.com —
 * OAuth, bearer checks, usage-plan rate limits, RingCentral's error bodies, pagination, batch
 * answers — and rejects every request the official OpenAPI spec would reject.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { loadSpec } = require('./spec');
const { RcError, OAuthError, errors } = require('./errors');
const { OAuthServer } = require('./oauth');
const { RateLimiter } = require('./ratelimit');
const { Faults, faultError } = require('./faults');
const { createState } = require('./state');
const { handleControl } = require('./control');
const { NotificationCenter } = require('./notifications');
const { parseMultipart } = require('./http-util');

const fs = require('node:fs');
const path = require('node:path');

/** Every module in areas/ (except helpers) contributes routes: one file per RingCentral API area. */
const AREAS = fs
	.readdirSync(path.join(__dirname, 'areas'))
	.filter((file) => file.endsWith('.js') && file !== 'common.js')
	.sort()
	.map((file) => require(path.join(__dirname, 'areas', file)));

/**
 * @typedef {{
 *   method: string, path: string, params: Record<string, string>, query: Record<string, any>,
 *   headers: http.IncomingHttpHeaders, body: any, rawBody: Buffer, baseUrl: string,
 *   auth: { accountId: string, extensionId: string, clientId: string },
 *   state: ReturnType<typeof createState>, operationId: string,
 *   parts?: ReturnType<typeof parseMultipart>,
 *   emit: (event: string, body: any) => void,
 *   store: <T>(name: string, init: () => T) => T,
 * }} HandlerContext
 * @typedef {{ status?: number, body?: any, headers?: Record<string, string>, raw?: string|Buffer, contentType?: string }} HandlerResult
 * @typedef {{ method: string, path: string, operationId: string, handler: (ctx: HandlerContext) => HandlerResult|Promise<HandlerResult> }} Route
 */

const DEMO_APP = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret', name: 'n8n demo app' };

/**
 * @param {{
 *   spec?: string, requireSpec?: boolean, userCount?: number,
 *   accessTokenTtl?: number, refreshTokenTtl?: number,
 *   rateLimits?: { enforce?: boolean, windowSeconds?: number, penaltySeconds?: number, limits?: Record<string, number> },
 *   quiet?: boolean,
 *   mailboxSize?: number, callLogSize?: number,
 * }} [options] mailboxSize: extra SMS in the first user's mailbox; callLogSize: company call-log records (default 300)
 */
async function createEmulator(options = {}) {
	const spec = await loadSpec(options.spec);
	if (!spec.available) {
		const line = `RingCentral emulator: OpenAPI spec not found at ${spec.file}; running lenient (no request validation). Set RC_OPENAPI_SPEC to the spec file.`;
		if (options.requireSpec) throw new Error(line);
		if (!options.quiet) console.warn(line);
	}
	const emulator = new Emulator(spec, options);
	return emulator;
}

class Emulator {
	/** @param {any} spec @param {any} options */
	constructor(spec, options) {
		this.spec = spec;
		this.options = options;
		this.rateLimiter = new RateLimiter(options.rateLimits);
		this.faults = new Faults();
		this.reset();
		/** @type {Array<any>} */
		this.journalEntries = [];
		this.sequence = 0;
		/** requests the spec rejected, and responses of ours the spec would reject */
		/** @type {Array<any>} */
		this.violations = [];
		/** @type {Array<any>} */
		this.events = [];
		/** delivers emitted events to webhook subscriptions */
		this.notifications = new NotificationCenter(this);
		this.presenceSequence = 0;
		this.routes = AREAS.flatMap((area) => area.routes(this)).map((route) => ({ ...route, matcher: compile(route.path) }));
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((error) => {
				this.violations.push({ kind: 'emulator-crash', message: String(error?.stack ?? error) });
				if (!res.headersSent) this.send(res, 500, errors.internal().toBody());
			});
		});
		this.server.keepAliveTimeout = 1000;
		this.url = '';
	}

	/** Fresh demo company and OAuth state; rate-limit windows, journal and faults are kept. */
	reset() {
		/** @type {Map<string, any>} per-area state (message store, call log, …), rebuilt on reset */
		this.areaStates = new Map();
		this.state = createState({ userCount: this.options.userCount });
		this.oauth = new OAuthServer(
			{ accessTokenTtl: this.options.accessTokenTtl ?? 3600, refreshTokenTtl: this.options.refreshTokenTtl ?? 604800 },
			{ accountId: this.state.accountId, isUser: this.state.isUser, defaultExtensionId: this.state.ids.admin },
		);
		this.oauth.registerApp(DEMO_APP);
	}

	/**
	 * The state an area keeps beyond the shared directory, created on first use.
	 * @template T @param {string} name @param {() => T} init @returns {T}
	 */
	areaState(name, init) {
		if (!this.areaStates.has(name)) this.areaStates.set(name, init());
		return this.areaStates.get(name);
	}

	async start(port = 0, host = '127.0.0.1') {
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => resolve(undefined));
		});
		const address = /** @type {import('node:net').AddressInfo} */ (this.server.address());
		this.url = `http://${host}:${address.port}`;
		return this;
	}

	async stop() {
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(() => resolve(undefined)));
	}

	demoCredentials() {
		return {
			server: this.url,
			clientId: DEMO_APP.clientId,
			clientSecret: DEMO_APP.clientSecret,
			jwt: this.oauth.issueJwt(this.state.ids.admin),
		};
	}

	/** @param {{ operationId?: string, method?: string, since?: number }} [filter] */
	journal(filter = {}) {
		return this.journalEntries.filter(
			(e) =>
				(!filter.operationId || e.operationId === filter.operationId) &&
				(!filter.method || e.method === filter.method) &&
				(filter.since === undefined || e.seq > filter.since),
		);
	}

	/** Removes and returns the violations recorded so far (tests assert on them, then expect none). */
	takeViolations() {
		return this.violations.splice(0);
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async handle(req, res) {
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
		const entry = {
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
		};
		this.journalEntries.push(entry);
		/** @type {Record<string, string>} */
		let rateHeaders = {};
		const finish = (/** @type {number} */ status, /** @type {any} */ body, /** @type {Record<string, string>} */ headers = {}, /** @type {string|undefined} */ contentType = undefined) => {
			entry.status = status;
			entry.durationMs = Date.now() - started;
			this.send(res, status, body, { ...rateHeaders, ...headers }, contentType);
		};

		try {
			const fault = this.faults.take({ operationId, path });
			if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
			if (fault?.kind === 'reset') {
				entry.status = -1;
				req.socket.destroy();
				return;
			}
			if (fault?.kind === 'expireToken') this.oauth.expireToken(req.headers.authorization ?? '');
			if (fault && ['429', '503', '500'].includes(fault.kind)) throw faultError(fault);

			if (path.startsWith('/restapi/oauth/')) {
				const client = this.oauth.tagOf(req.headers.authorization) ?? 'public';
				const form = Object.fromEntries(new URLSearchParams(method === 'GET' ? '' : rawBody.toString('utf8')));
				const user = this.oauth.signInUser(String(operationId), form) ?? 'anonymous';
				rateHeaders = this.rateLimiter.take('Auth', `${client}|user:${user}`);
				entry.group = /** @type {any} */ ('Auth');
				const answer = this.handleOAuth(method, url, rawBody, req.headers);
				finish(answer.status, answer.body, answer.headers ?? {});
				return;
			}
			if (!route) {
				throw this.spec.available && this.spec.api.router.matchOperation({ method, path })
					? errors.notSupported()
					: errors.invalidUri();
			}
			const auth = this.oauth.bearer(req.headers.authorization);
			const group = this.spec.groupOf(route.operationId) ?? 'Medium';
			entry.group = group;
			rateHeaders = this.rateLimiter.take(group, `${auth.clientId}:${auth.extensionId}`);

			const parts = String(req.headers['content-type'] ?? '').startsWith('multipart/')
				? parseMultipart(rawBody, String(req.headers['content-type']))
				: undefined;
			const body = parts ? multipartAsObject(parts) : parseBody(rawBody, req.headers['content-type']);
			const query = queryObject(url.searchParams);
			const problems = this.spec.validateRequest(route.operationId, { method, path, query, headers: req.headers, body });
			if (problems.length) {
				this.violations.push({ kind: 'request', operationId: route.operationId, method, path, query, body, problems });
				const first = problems[0];
				throw errors.invalidParameter(first.parameter, `It ${first.message}.`);
			}
			/** @type {HandlerContext} */
			const ctx = {
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
			if (error instanceof RcError || error instanceof OAuthError) {
				finish(error.status, error.toBody(path), /** @type {any} */ (error).headers ?? {});
				return;
			}
			throw error;
		}
	}

	/** @param {string} method @param {string} path */
	match(method, path) {
		let best;
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

	/** @param {string} method @param {string} path */
	oauthOperation(method, path) {
		const map = /** @type {Record<string, string>} */ ({
			'GET /restapi/oauth/authorize': 'authorize',
			'POST /restapi/oauth/token': 'getToken',
			'POST /restapi/oauth/revoke': 'revokeToken',
		});
		return map[`${method} ${path}`];
	}

	/**
	 * @param {string} method @param {URL} url @param {Buffer} rawBody @param {http.IncomingHttpHeaders} headers
	 * @returns {{status: number, body?: any, headers?: Record<string, string>}}
	 */
	handleOAuth(method, url, rawBody, headers) {
		const operationId = this.oauthOperation(method, url.pathname);
		if (!operationId) throw errors.invalidUri();
		if (operationId === 'authorize') {
			const problems = this.spec.validateRequest('authorize', {
				method,
				path: url.pathname,
				query: queryObject(url.searchParams),
				headers,
				body: undefined,
			});
			if (problems.length) {
				this.violations.push({ kind: 'request', operationId, problems });
				throw new OAuthError(400, 'invalid_request', 'OAU-101', `Parameter [${problems[0].parameter}] is invalid`);
			}
			const { location } = this.oauth.authorize(url.searchParams);
			return { status: 302, headers: { Location: location } };
		}
		const type = String(headers['content-type'] ?? '');
		if (!type.startsWith('application/x-www-form-urlencoded')) {
			throw new OAuthError(415, 'invalid_request', 'OAU-102', 'Unsupported Media Type');
		}
		const form = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
		const problems = this.spec.validateRequest(operationId, { method, path: url.pathname, query: {}, headers, body: form });
		if (problems.length) {
			this.violations.push({ kind: 'request', operationId, problems });
			throw new OAuthError(400, 'invalid_request', 'OAU-101', `Parameter [${problems[0].parameter}] is invalid`);
		}
		if (operationId === 'revokeToken') {
			this.oauth.revoke(form.token ?? url.searchParams.get('token') ?? '');
			return { status: 200 };
		}
		return { status: 200, body: this.oauth.token(form, headers.authorization) };
	}

	/** Records a notification for subscriptions (delivered by the subscription engine). */
	emit(/** @type {string} */ event, /** @type {any} */ body, /** @type {string} */ ownerId = this.state.ids.admin) {
		const notification = { uuid: crypto.randomUUID(), event, timestamp: new Date().toISOString(), ownerId, body };
		this.events.push(notification);
		this.notifications.publish(notification);
		return notification;
	}

	/**
	 * @param {http.ServerResponse} res @param {number} status @param {any} body
	 * @param {Record<string, string>} [headers] @param {string} [contentType]
	 */
	send(res, status, body, headers = {}, contentType) {
		const payload = body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		res.writeHead(status, {
			RCRequestId: crypto.randomUUID(),
			...(payload !== '' || status === 200 ? { 'Content-Type': contentType ?? 'application/json; charset=UTF-8' } : {}),
			...headers,
		});
		res.end(payload);
	}
}

/** Compiles an OpenAPI path template into a matcher returning path params. @param {string} template */
function compile(template) {
	const parts = template.split('/');
	const matcher = (/** @type {string} */ path) => {
		const segments = path.split('/');
		if (segments.length !== parts.length) return undefined;
		/** @type {Record<string, string>} */
		const params = {};
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
	matcher.literals = parts.filter((p) => !p.startsWith('{')).length;
	return matcher;
}

/** @param {URLSearchParams} params */
function queryObject(params) {
	/** @type {Record<string, any>} */
	const query = {};
	for (const [key, value] of params) {
		if (key in query) query[key] = [].concat(query[key], value);
		else query[key] = value;
	}
	return query;
}

/** @param {http.IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** @param {Buffer} raw @param {string|undefined} contentType */
function parseBody(raw, contentType) {
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
 * @param {ReturnType<typeof parseMultipart>} parts
 */
function multipartAsObject(parts) {
	/** @type {Record<string, any>} */
	const body = {};
	for (const part of parts) {
		if (part.json && typeof part.json === 'object' && !Array.isArray(part.json)) Object.assign(body, part.json);
		else if (part.name && body[part.name] === undefined) {
			body[part.name] = part.fileName !== undefined || !part.contentType.startsWith('text/') ? `<${part.data.length} bytes>` : part.data.toString('utf8');
		}
	}
	return body;
}

/** What the journal keeps of a request body: JSON as data, form fields minus secrets, else a size. */
function describeBody(/** @type {Buffer} */ raw, /** @type {string|undefined} */ contentType) {
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

module.exports = { createEmulator, DEMO_APP };
