/**
 * RingCentral's OAuth 2.0 endpoints: authorization code (with PKCE), refresh-token rotation,
 * the JWT bearer grant, revocation, and the bearer check every API route goes through.
 */
import crypto from 'node:crypto';

import { OAuthError, errors } from './errors';

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface OAuthOptions {
	/** seconds */
	accessTokenTtl: number;
	/** seconds */
	refreshTokenTtl: number;
}

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
}

interface AuthorizationCode {
	clientId: string;
	redirectUri: string;
	challenge: string | undefined;
	method: string | undefined;
	extensionId: string;
	expiresAt: number;
}

/** A live access token: who it signs in as, for which app, in which session. */
export interface AccessTokenRecord {
	clientId: string;
	extensionId: string;
	accountId: string;
	sessionId: string;
	tag: string;
	expiresAt: number;
}

interface RefreshTokenRecord {
	clientId: string;
	extensionId: string;
	sessionId: string;
	expiresAt: number;
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
type TokenForm = Record<string, string | undefined>;

interface Client {
	clientId: string;
	clientSecret: string | undefined;
}

export class OAuthServer {
	accessTokenTtl: number;
	refreshTokenTtl: number;
	readonly directory: OAuthDirectory;
	readonly signingKey: Buffer;
	readonly apps = new Map<string, OAuthApp>();
	readonly codes = new Map<string, AuthorizationCode>();
	readonly accessTokens = new Map<string, AccessTokenRecord>();
	readonly refreshTokens = new Map<string, RefreshTokenRecord>();
	issued = 0;
	/** every access token ever issued → its label, kept after expiry */
	readonly tags = new Map<string, string>();
	/** extension the authorize endpoint signs in as (it auto-approves) */
	authorizeAs: string;

	constructor(options: OAuthOptions, directory: OAuthDirectory) {
		this.accessTokenTtl = options.accessTokenTtl;
		this.refreshTokenTtl = options.refreshTokenTtl;
		this.directory = directory;
		this.signingKey = crypto.randomBytes(32);
		this.authorizeAs = directory.defaultExtensionId;
	}

	registerApp(app: { clientId: string; clientSecret?: string; redirectUris?: string[]; name?: string }): void {
		this.apps.set(app.clientId, { redirectUris: [], name: app.clientId, ...app });
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
				return this.issue(client.clientId, extensionId, false);
			}
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
		if (!grant || grant.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'OAU-106', 'Invalid authorization code');
		if (grant.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'OAU-108', 'Authorization code expired');
		if (grant.redirectUri !== form.redirect_uri) throw new OAuthError(400, 'invalid_grant', 'OAU-109', 'Redirect URIs do not match');
		if (grant.challenge) {
			const verifier = form.code_verifier ?? '';
			const computed = grant.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
			if (!verifier || computed !== grant.challenge) throw new OAuthError(400, 'invalid_grant', 'OAU-106', 'Invalid code verifier');
		} else if (!client.clientSecret) {
			throw new OAuthError(401, 'invalid_client', 'OAU-146', 'Client authentication required');
		}
		return this.issue(client.clientId, grant.extensionId, true);
	}

	refresh(form: TokenForm, client: Pick<Client, 'clientId'>): TokenResponse {
		const record = this.refreshTokens.get(form.refresh_token ?? '');
		if (!record || record.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'OAU-211', 'Invalid token');
		if (record.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'OAU-210', 'Token expired');
		// Rotation: the refresh token is single-use and the session's access token dies with it.
		this.refreshTokens.delete(form.refresh_token ?? '');
		for (const [token, access] of this.accessTokens) if (access.sessionId === record.sessionId) this.accessTokens.delete(token);
		return this.issue(client.clientId, record.extensionId, true, record.sessionId);
	}

	issue(clientId: string, extensionId: string, withRefresh: boolean, sessionId: string = crypto.randomUUID()): TokenResponse {
		const accessToken = `EMU-AT-${crypto.randomBytes(24).toString('base64url')}`;
		const tag = `at-${++this.issued}`;
		this.tags.set(accessToken, tag);
		this.accessTokens.set(accessToken, {
			clientId,
			extensionId,
			accountId: this.directory.accountId,
			sessionId,
			tag,
			expiresAt: Date.now() + this.accessTokenTtl * 1000,
		});
		const body: TokenResponse = {
			access_token: accessToken,
			token_type: 'bearer',
			expires_in: this.accessTokenTtl,
			scope: 'ReadAccounts ReadPresence EditPresence',
			owner_id: extensionId,
			endpoint_id: `emu-endpoint-${sessionId.slice(0, 8)}`,
			session_id: sessionId,
		};
		if (withRefresh) {
			const refreshToken = `EMU-RT-${crypto.randomBytes(24).toString('base64url')}`;
			this.refreshTokens.set(refreshToken, {
				clientId,
				extensionId,
				sessionId,
				expiresAt: Date.now() + this.refreshTokenTtl * 1000,
			});
			body.refresh_token = refreshToken;
			body.refresh_token_expires_in = this.refreshTokenTtl;
		}
		return body;
	}

	/** POST /restapi/oauth/revoke — ends the whole session the token belongs to. */
	revoke(token: string): void {
		const record = this.accessTokens.get(token) ?? this.refreshTokens.get(token);
		if (!record) return;
		for (const store of [this.accessTokens, this.refreshTokens]) {
			for (const [key, value] of store) if (value.sessionId === record.sessionId) store.delete(key);
		}
	}

	/** The access token behind an Authorization header, or RingCentral's 401. */
	bearer(authorization: string | undefined): AccessTokenRecord {
		if (!authorization) throw errors.tokenInvalid('OAU-123', 'Authorization header is not specified');
		const match = /^Bearer\s+(\S+)$/i.exec(authorization);
		if (!match) throw errors.tokenInvalid('OAU-123', 'Invalid Authorization header value');
		const record = this.accessTokens.get(match[1]);
		if (!record) throw errors.tokenInvalid('OAU-213', 'Token not found');
		if (record.expiresAt <= Date.now()) throw errors.tokenInvalid('OAU-128', 'Access token expired');
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
