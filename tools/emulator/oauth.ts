/**
 * RingCentral's OAuth 2.0 endpoints: authorization code (with PKCE), refresh-token rotation with
 * RingCentral's grace period, the JWT bearer grant, revocation, WebSocket tokens, and the bearer
 * check every API route goes through. Apps have permissions (RingCentral's OAuth scopes): a token's
 * `scope` lists them and an API call needs its operation's permission among them.
 */
import crypto from 'node:crypto';

import { OAuthError, errors } from './errors';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The grant types of the public spec's token request (PublicGetTokenRequest). */
export const SPEC_GRANTS: readonly string[] = ['authorization_code', JWT_GRANT, 'refresh_token'];

export interface OAuthOptions {
	/** seconds: the default and the longest lifetime granted */
	accessTokenTtl: number;
	/** seconds: the default and the longest lifetime granted */
	refreshTokenTtl: number;
	/** what an app registered without a permission list gets: every permission there is */
	allPermissions: string[];
}

/**
 * How long a refresh token stays usable once it has been used (platform notes §1.6, docs
 * refresh-tokens.md): about 10 s after the new access token is first used, up to 60 min while it is
 * not; within that time the same new tokens come back (two workers refreshing together both get them).
 */
export interface RefreshGrace {
	/** seconds after the new access token's first use */
	afterUseSeconds: number;
	/** seconds while the new access token is unused */
	unusedSeconds: number;
}

/** A WebSocket token's lifetime (platform notes §2.10: `"expires_in":30` in RingCentral's example). */
export const WS_TOKEN_TTL = 30;

/** What the OAuth server needs to know of the company. */
export interface OAuthDirectory {
	accountId: string;
	isUser: (extensionId: string) => boolean;
	defaultExtensionId: string;
}

export interface OAuthApp {
	clientId: string;
	/** none for a public client (PKCE) */
	clientSecret?: string;
	/** empty: any redirect URI */
	redirectUris: string[];
	name: string;
	/** the app's permissions (OAuth scopes), as in the Developer Console: ReadAccounts, SMS, … */
	permissions: string[];
}

export interface AppRegistration {
	clientId: string;
	clientSecret?: string;
	redirectUris?: string[];
	name?: string;
	/** default: every permission */
	permissions?: string[];
}

interface AuthorizationCode {
	clientId: string;
	redirectUri: string;
	challenge: string | undefined;
	method: string | undefined;
	extensionId: string;
	expiresAt: number;
}

/** A live access token: who it signs in as, for which app, in which session, with which permissions. */
export interface AccessTokenRecord {
	clientId: string;
	extensionId: string;
	accountId: string;
	sessionId: string;
	tag: string;
	expiresAt: number;
	/** the permissions the token's scope lists */
	scope: string[];
	/** when it was first used for an API call */
	firstUsedAt?: number;
}

interface RefreshTokenRecord {
	clientId: string;
	extensionId: string;
	sessionId: string;
	expiresAt: number;
	scope: string[];
	/** once used: what it was exchanged for, handed out again during the grace period */
	rotated?: { at: number; response: TokenResponse };
}

/**
 * A WebSocket token for the WebSocket gateway, on behalf of an access token. It opens connections
 * until it expires: RingCentral's own client (@rc-ex/ws) keeps using one for 80 % of `expires_in`,
 * reconnects and recoveries included, so the gateway must accept it more than once.
 */
export interface WsTokenRecord {
	/** the access token it was issued for */
	accessToken: string;
	sessionId: string;
	expiresAt: number;
}

/** POST /restapi/oauth/wstoken's answer (spec: WsTokenResponse). */
export interface WsTokenResponse {
	ws_access_token: string;
	uri: string;
	expires_in: number;
}

/** The token endpoint's answer. */
export interface TokenResponse {
	access_token: string;
	token_type: 'bearer';
	expires_in: number;
	scope: string;
	owner_id: string;
	endpoint_id: string;
	session_id: string;
	refresh_token?: string;
	refresh_token_expires_in?: number;
}

/** The form fields of a token request. */
export type TokenForm = Record<string, string | undefined>;

interface Client {
	clientId: string;
	clientSecret: string | undefined;
}

export class OAuthServer {
	accessTokenTtl: number;
	refreshTokenTtl: number;
	readonly refreshGrace: RefreshGrace = { afterUseSeconds: 10, unusedSeconds: 3600 };
	readonly allPermissions: string[];
	readonly directory: OAuthDirectory;
	readonly signingKey: Buffer;
	readonly apps = new Map<string, OAuthApp>();
	readonly codes = new Map<string, AuthorizationCode>();
	readonly accessTokens = new Map<string, AccessTokenRecord>();
	readonly refreshTokens = new Map<string, RefreshTokenRecord>();
	readonly wsTokens = new Map<string, WsTokenRecord>();
	issued = 0;
	/** every access token ever issued → its label, kept after expiry */
	readonly tags = new Map<string, string>();
	/** extension the authorize endpoint signs in as (it auto-approves) */
	authorizeAs: string;

	constructor(options: OAuthOptions, directory: OAuthDirectory) {
		this.accessTokenTtl = options.accessTokenTtl;
		this.refreshTokenTtl = options.refreshTokenTtl;
		this.allPermissions = [...options.allPermissions];
		this.directory = directory;
		this.signingKey = crypto.randomBytes(32);
		this.authorizeAs = directory.defaultExtensionId;
	}

	registerApp(app: AppRegistration): OAuthApp {
		const registered: OAuthApp = {
			...app,
			redirectUris: app.redirectUris ?? [],
			name: app.name ?? app.clientId,
			permissions: [...(app.permissions ?? this.allPermissions)],
		};
		this.apps.set(app.clientId, registered);
		return registered;
	}

	/** A JWT credential for a user, signed by this emulator (what the Developer Console would issue). */
	issueJwt(extensionId: string = this.directory.defaultExtensionId): string {
		const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const header = encode({ alg: 'HS256', typ: 'JWT' });
		const payload = encode({
			sub: extensionId,
			account: this.directory.accountId,
			iss: 'ringcentral-emulator',
			iat: Math.floor(Date.now() / 1000),
			jti: crypto.randomUUID(),
		});
		const signature = crypto.createHmac('sha256', this.signingKey).update(`${header}.${payload}`).digest('base64url');
		return `${header}.${payload}.${signature}`;
	}

	/** The extension a JWT of ours signs in as, if it is genuine and the user exists. */
	verifyJwt(jwt: string): string | undefined {
		const [header, payload, signature] = String(jwt).split('.');
		if (!header || !payload || !signature) return undefined;
		const expected = crypto.createHmac('sha256', this.signingKey).update(`${header}.${payload}`).digest('base64url');
		if (expected.length !== signature.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
			return undefined;
		}
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string };
		return this.directory.isUser(claims.sub) ? String(claims.sub) : undefined;
	}

	/** GET /restapi/oauth/authorize — signs in as `authorizeAs` and redirects back with a code. */
	authorize(query: URLSearchParams): { location: string } {
		const app = this.apps.get(query.get('client_id') ?? '');
		if (!app) throw new OAuthError(400, 'invalid_client', 'OAU-153', 'Invalid client: ' + (query.get('client_id') ?? ''));
		if (query.get('response_type') !== 'code') {
			throw new OAuthError(400, 'unsupported_response_type', 'OAU-114', 'Unsupported response type');
		}
		const redirectUri = query.get('redirect_uri') ?? '';
		if (!redirectUri || (app.redirectUris.length && !app.redirectUris.includes(redirectUri))) {
			throw new OAuthError(400, 'invalid_request', 'OAU-109', 'Redirect URIs do not match');
		}
		const challenge = query.get('code_challenge') ?? undefined;
		const method = query.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
		if (method && method !== 'plain' && method !== 'S256') {
			throw new OAuthError(400, 'invalid_request', 'OAU-101', 'Unsupported code_challenge_method');
		}
		const code = `code-${crypto.randomBytes(12).toString('base64url')}`;
		this.codes.set(code, {
			clientId: app.clientId,
			redirectUri,
			challenge,
			method,
			extensionId: this.authorizeAs,
			expiresAt: Date.now() + 60_000,
		});
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		const state = query.get('state');
		if (state !== null) target.searchParams.set('state', state);
		target.searchParams.set('expires_in', '60');
		return { location: target.toString() };
	}

	/**
	 * The user a sign-in request is for (RingCentral counts the Auth group per user): the one who
	 * signs in at authorize, the owner of the code, refresh token or JWT at the token endpoint.
	 */
	signInUser(operationId: string, form: TokenForm): string | undefined {
		if (operationId === 'authorize') return this.authorizeAs;
		if (form.grant_type === 'authorization_code') return this.codes.get(form.code ?? '')?.extensionId;
		if (form.grant_type === 'refresh_token') return this.refreshTokens.get(form.refresh_token ?? '')?.extensionId;
		if (form.grant_type === JWT_GRANT) return this.verifyJwt(form.assertion ?? '');
		return undefined;
	}

	/** POST /restapi/oauth/token */
	token(form: TokenForm, authorization: string | undefined): TokenResponse {
		const client = this.authenticateClient(form, authorization);
		switch (form.grant_type) {
			case 'authorization_code':
				return this.exchangeCode(form, client);
			case 'refresh_token':
				return this.refresh(form, client);
			case JWT_GRANT: {
				if (!client.clientSecret) throw new OAuthError(400, 'unauthorized_client', 'OAU-251', 'Unauthorized for this grant type');
				const extensionId = this.verifyJwt(form.assertion ?? '');
				if (!extensionId) throw new OAuthError(400, 'invalid_grant', 'OAU-140', 'Invalid resource owner credentials');
				// RingCentral's JWT flow returns a refresh token too (docs/authentication/jwt-flow.md).
				return this.issue(client.clientId, extensionId, { form, scope: this.grantedScope(client.clientId, form.scope) });
			}
			case 'password':
				// The password grant is gone from the public spec; apps not allowed it get this (platform notes §1.8, §9).
				throw new OAuthError(400, 'unauthorized_client', 'OAU-251', 'Unauthorized for this grant type');
			default:
				throw new OAuthError(400, 'unsupported_grant_type', 'OAU-251', 'Unsupported grant type');
		}
	}

	authenticateClient(form: TokenForm, authorization: string | undefined): Client {
		if (authorization?.startsWith('Basic ')) {
			const [clientId, ...secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
			const app = this.apps.get(clientId);
			if (!app || app.clientSecret !== secret.join(':')) {
				throw new OAuthError(401, 'invalid_client', 'OAU-146', 'Invalid client credentials');
			}
			return { clientId, clientSecret: app.clientSecret };
		}
		// Public clients (PKCE) identify themselves with client_id only.
		const app = this.apps.get(form.client_id ?? '');
		if (!app) throw new OAuthError(400, 'invalid_client', 'OAU-153', `Invalid client: ${form.client_id ?? ''}`);
		return { clientId: app.clientId, clientSecret: undefined };
	}

	exchangeCode(form: TokenForm, client: Client): TokenResponse {
		const grant = this.codes.get(form.code ?? '');
		this.codes.delete(form.code ?? '');
		// docs/basics/errors.md lists OAU-106, OAU-108 and OAU-109 with HTTP 403.
		if (!grant || grant.clientId !== client.clientId) throw new OAuthError(403, 'invalid_grant', 'OAU-106', 'Invalid authorization code');
		if (grant.expiresAt < Date.now()) throw new OAuthError(403, 'invalid_grant', 'OAU-108', 'Authorization code expired');
		if (grant.redirectUri !== form.redirect_uri) throw new OAuthError(403, 'invalid_grant', 'OAU-109', 'Redirect URIs do not match');
		if (grant.challenge) {
			const verifier = form.code_verifier ?? '';
			const computed = grant.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
			if (!verifier || computed !== grant.challenge) throw new OAuthError(403, 'invalid_grant', 'OAU-106', 'Invalid code verifier');
		} else if (!client.clientSecret) {
			throw new OAuthError(401, 'invalid_client', 'OAU-146', 'Client authentication required');
		}
		return this.issue(client.clientId, grant.extensionId, { form, scope: this.grantedScope(client.clientId, form.scope) });
	}

	/**
	 * The permissions a new session gets: the app's, or those of them a request's `scope` names
	 * ("By default, it includes all permissions configured on the client application registration").
	 */
	grantedScope(clientId: string, requested: string | undefined): string[] {
		const permissions = this.apps.get(clientId)?.permissions ?? [];
		const wanted = (requested ?? '').split(/\s+/).filter(Boolean);
		return wanted.length ? permissions.filter((permission) => wanted.includes(permission)) : [...permissions];
	}

	/**
	 * Rotation: a refresh token is used once; the session's access token dies at once. Used again
	 * within the grace period it answers with the same new tokens; after it, OAU-211.
	 */
	refresh(form: TokenForm, client: Pick<Client, 'clientId'>): TokenResponse {
		const token = form.refresh_token ?? '';
		const record = this.refreshTokens.get(token);
		if (!record || record.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'OAU-211', 'Invalid token');
		if (record.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'OAU-210', 'Token expired');
		if (record.rotated) {
			const again = this.withinGrace(record.rotated);
			if (!again) {
				this.refreshTokens.delete(token);
				throw new OAuthError(400, 'invalid_grant', 'OAU-211', 'Invalid token');
			}
			return again;
		}
		for (const [key, access] of this.accessTokens) if (access.sessionId === record.sessionId) this.accessTokens.delete(key);
		const response = this.issue(client.clientId, record.extensionId, { form, scope: record.scope, sessionId: record.sessionId });
		record.rotated = { at: Date.now(), response };
		return response;
	}

	/** The tokens a used refresh token was exchanged for, while its grace period lasts and they live. */
	withinGrace(rotated: NonNullable<RefreshTokenRecord['rotated']>): TokenResponse | undefined {
		const now = Date.now();
		const access = this.accessTokens.get(rotated.response.access_token);
		const refresh = this.refreshTokens.get(rotated.response.refresh_token ?? '');
		if (!access || !refresh || refresh.rotated) return undefined;
		const until = Math.min(
			rotated.at + this.refreshGrace.unusedSeconds * 1000,
			access.firstUsedAt === undefined ? Infinity : access.firstUsedAt + this.refreshGrace.afterUseSeconds * 1000,
		);
		if (now > until) return undefined;
		return {
			...rotated.response,
			expires_in: Math.max(0, Math.round((access.expiresAt - now) / 1000)),
			refresh_token_expires_in: Math.max(0, Math.round((refresh.expiresAt - now) / 1000)),
		};
	}

	/** New tokens for a session, for the lifetimes the request asks (see grantedLifetimes). */
	issue(clientId: string, extensionId: string, options: { form: TokenForm; scope: string[]; sessionId?: string }): TokenResponse {
		const sessionId = options.sessionId ?? crypto.randomUUID();
		const { access: accessTtl, refresh: refreshTtl } = grantedLifetimes(options.form, this);
		const accessToken = `EMU-AT-${crypto.randomBytes(24).toString('base64url')}`;
		const tag = `at-${++this.issued}`;
		this.tags.set(accessToken, tag);
		this.accessTokens.set(accessToken, {
			clientId,
			extensionId,
			accountId: this.directory.accountId,
			sessionId,
			tag,
			expiresAt: Date.now() + accessTtl * 1000,
			scope: options.scope,
		});
		const response: TokenResponse = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: accessTtl,
			scope: options.scope.join(' '),
			owner_id: extensionId,
			endpoint_id: options.form.endpoint_id || `emu-endpoint-${sessionId.slice(0, 8)}`,
			session_id: sessionId,
		};
		if (refreshTtl === undefined) return response;
		const refreshToken = `EMU-RT-${crypto.randomBytes(24).toString('base64url')}`;
		this.refreshTokens.set(refreshToken, {
			clientId,
			extensionId,
			sessionId,
			expiresAt: Date.now() + refreshTtl * 1000,
			scope: options.scope,
		});
		return { ...response, refresh_token: refreshToken, refresh_token_expires_in: refreshTtl };
	}

	/**
	 * POST /restapi/oauth/revoke — ends the whole session the token belongs to. The client
	 * authenticates as at the token endpoint; a token of another app, or none, changes nothing
	 * (RFC 7009 answers 200 for tokens it does not know). Returns the session it ended.
	 */
	revoke(token: string, client: Pick<Client, 'clientId'>): string | undefined {
		const record = this.accessTokens.get(token) ?? this.refreshTokens.get(token);
		if (!record || record.clientId !== client.clientId) return undefined;
		for (const store of [this.accessTokens, this.refreshTokens]) {
			for (const [key, value] of store) if (value.sessionId === record.sessionId) store.delete(key);
		}
		for (const [key, value] of this.wsTokens) if (value.sessionId === record.sessionId) this.wsTokens.delete(key);
		return record.sessionId;
	}

	/**
	 * POST /restapi/oauth/wstoken — a short-lived token for the WebSocket gateway at `wsUri`, for the
	 * access token of the Authorization header (already checked by `bearer`).
	 */
	wsToken(authorization: string, wsUri: string): WsTokenResponse {
		const accessToken = bearerTokenOf(authorization);
		const record = this.bearer(authorization);
		const token = `EMU-WS-${crypto.randomBytes(24).toString('base64url')}`;
		this.wsTokens.set(token, { accessToken, sessionId: record.sessionId, expiresAt: Date.now() + WS_TOKEN_TTL * 1000 });
		return { ws_access_token: token, uri: wsUri, expires_in: WS_TOKEN_TTL };
	}

	/** The access token behind a WebSocket token, or undefined if the token is unknown, expired or revoked. */
	wsTokenOwner(token: string): AccessTokenRecord | undefined {
		const record = this.wsTokens.get(token);
		if (record && record.expiresAt <= Date.now()) this.wsTokens.delete(token);
		if (!record || record.expiresAt <= Date.now()) return undefined;
		const access = this.accessTokens.get(record.accessToken);
		return access && access.expiresAt > Date.now() ? access : undefined;
	}

	/** The access token behind an Authorization header, or RingCentral's 401. */
	bearer(authorization: string | undefined): AccessTokenRecord {
		const record = this.accessTokens.get(bearerTokenOf(authorization));
		if (!record) throw errors.tokenInvalid('OAU-213', 'Token not found');
		if (record.expiresAt <= Date.now()) throw errors.tokenInvalid('OAU-128', 'Access token expired');
		record.firstUsedAt ??= Date.now();
		return record;
	}

	/** Expires every live access token now (refresh tokens stay valid). */
	expireAccessTokens(): void {
		for (const record of this.accessTokens.values()) record.expiresAt = 0;
	}

	expireToken(authorization: string): void {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		const record = match && this.accessTokens.get(match[1]);
		if (record) record.expiresAt = 0;
	}

	/** Short, stable label for the token behind a header — what the journal stores instead of the secret. */
	tagOf(authorization: string | undefined): string | undefined {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		if (match) return this.tags.get(match[1]) ?? 'unknown-token';
		if (authorization?.startsWith('Basic ')) {
			return `client:${Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':')[0]}`;
		}
		return undefined;
	}
}

/** The shortest access-token lifetime RingCentral grants. */
export const MIN_ACCESS_TOKEN_TTL = 600;

/**
 * The lifetimes granted for what a token request asks (`access_token_ttl`, `refresh_token_ttl`), as
 * RingCentral's API reference documents them: an access token lives at least 600 s and at most the
 * default ("If the value specified exceeds the default one, the default value is set. If the value
 * specified is less than 600 seconds, the minimum value (600 sec) is set"); a refresh token at most
 * the default, and with `refresh_token_ttl<=0` "refresh token is not returned". Out-of-range values
 * are granted this way, not refused (the SDK refreshes with `access_token_ttl=-1` after a 401).
 * The server's lifetimes are its defaults (short ones in tests win over the 600 s floor).
 */
export function grantedLifetimes(
	form: Record<string, unknown>,
	server: { accessTokenTtl: number; refreshTokenTtl: number },
): { access: number; refresh: number | undefined } {
	const asked = (value: unknown) => (value === undefined || value === '' ? undefined : Number(value));
	const access = asked(form.access_token_ttl);
	const refresh = asked(form.refresh_token_ttl);
	return {
		access:
			access === undefined || !Number.isInteger(access)
				? server.accessTokenTtl
				: Math.min(Math.max(access, MIN_ACCESS_TOKEN_TTL), server.accessTokenTtl),
		refresh: refresh === undefined || !Number.isInteger(refresh) ? server.refreshTokenTtl : refresh <= 0 ? undefined : Math.min(refresh, server.refreshTokenTtl),
	};
}

/** The token of a Bearer Authorization header, or RingCentral's 401 (OAU-123). */
function bearerTokenOf(authorization: string | undefined): string {
	if (!authorization) throw errors.tokenInvalid('OAU-123', 'Authorization header is not specified');
	const match = /^Bearer\s+(\S+)$/i.exec(authorization);
	if (!match) throw errors.tokenInvalid('OAU-123', 'Invalid Authorization header value');
	return match[1];
}
