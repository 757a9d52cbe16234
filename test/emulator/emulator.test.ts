/* eslint-disable @typescript-eslint/no-explicit-any -- raw HTTP answers of many shapes */
import { createHash } from 'crypto';

import { buildFormData, parseBatchResponse } from '../../nodes/RingCentral/shared/multipart';
import { specOperations } from '../harness/catalogue';
import { createWebhookReceiver } from '../harness/webhook-receiver';
import { createEmulator } from '../../tools/emulator/index';
import { multipartMixed, parseMultipart } from '../../tools/emulator/http-util';

let emulator: any;
const basic = `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`;

beforeAll(async () => {
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1, limits: { Auth: 100 } } });
	await emulator.start();
});
afterAll(async () => emulator.stop());
afterEach(() => {
	emulator.faults.clear();
	emulator.rateLimiter.configure({ windowSeconds: 1, limits: { Light: 50, Medium: 40, Heavy: 10, Auth: 100 } });
});

/** A token request; `authorization` empty: a public client (client_id in the form). */
async function token(form: Record<string, string>, authorization: string = basic) {
	const response = await fetch(`${emulator.url}/restapi/oauth/token`, {
		method: 'POST',
		headers: { ...(authorization ? { Authorization: authorization } : {}), 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
	});
	return { status: response.status, body: (await response.json()) as any };
}

async function authorize(params: Record<string, string>) {
	const url = new URL('/restapi/oauth/authorize', emulator.url);
	for (const [k, v] of Object.entries({ response_type: 'code', client_id: 'demo-client-id', ...params })) url.searchParams.set(k, v);
	const response = await fetch(url, { redirect: 'manual' });
	return { status: response.status, location: new URL(response.headers.get('location') ?? 'http://none/') };
}

const api = (path: string, accessToken: string, init: RequestInit = {}) =>
	fetch(`${emulator.url}${path}`, { ...init, headers: { Authorization: `Bearer ${accessToken}`, ...(init.headers ?? {}) } });

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function signIn(user?: string, authorization: string = basic, extra: Record<string, string> = {}): Promise<any> {
	const answer = await token({ grant_type: JWT_GRANT, assertion: emulator.oauth.issueJwt(user), ...extra }, authorization);
	expect(answer.status).toBe(200);
	return answer.body;
}

const basicOf = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

describe('routes', () => {
	test('every emulated route is an operation of the official spec, under the same operationId', async () => {
		const spec = await specOperations();
		for (const route of emulator.routes) {
			const match = spec.find((op: any) => op.operationId === route.operationId);
			expect({ operationId: route.operationId, method: match?.method, path: match?.path }).toEqual({
				operationId: route.operationId,
				method: route.method,
				path: route.path,
			});
		}
	});

	test('unknown URIs answer CMN-120; spec operations the emulator lacks answer CMN-202', async () => {
		const { access_token: accessToken } = (await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() })).body;
		const unknown = await api('/restapi/v1.0/nothing-here', accessToken);
		expect(unknown.status).toBe(404);
		expect(((await unknown.json()) as any).errors[0].errorCode).toBe('CMN-120');
		const known = await api('/restapi/v1.0/account/~/ivr-prompts', accessToken);
		expect(known.status).toBe(501);
		expect(((await known.json()) as any).errors[0].errorCode).toBe('CMN-202');
	});
});

describe('OAuth', () => {
	test('authorization code with PKCE (S256): the right verifier gets tokens, a wrong one is refused', async () => {
		const verifier = 'a-verifier-that-is-long-enough-for-pkce-0123456789';
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		const redirectUri = 'http://localhost:5678/callback';
		const first = await authorize({ redirect_uri: redirectUri, state: 'xyz', code_challenge: challenge, code_challenge_method: 'S256' });
		expect(first.status).toBe(302);
		expect(first.location.searchParams.get('state')).toBe('xyz');
		const wrong = await token(
			{ grant_type: 'authorization_code', code: first.location.searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: 'nope', client_id: 'demo-client-id' },
			'',
		);
		expect(wrong.status).toBe(403);
		expect(wrong.body).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-106' }] });
		const second = await authorize({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' });
		const right = await token(
			{ grant_type: 'authorization_code', code: second.location.searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: verifier, client_id: 'demo-client-id' },
			'',
		);
		expect(right.status).toBe(200);
		expect(right.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, owner_id: emulator.state.ids.admin });
		expect(right.body.refresh_token).toBeTruthy();
	});

	test('refresh tokens rotate: the old access token dies at once, the old refresh token after its grace period', async () => {
		const redirectUri = 'http://localhost:5678/callback';
		const { location } = await authorize({ redirect_uri: redirectUri });
		const issued = (await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: redirectUri })).body;
		const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(issued.refresh_token);
		const old = await api('/restapi/v1.0/account/~/extension/~', issued.access_token);
		expect(old.status).toBe(401);
		expect(await old.json()).toMatchObject({ errorCode: 'TokenInvalid', errors: [{ errorCode: 'OAU-213' }] });
		// A second worker refreshing with the same (old) refresh token gets the same new tokens…
		const again = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
		expect(again.status).toBe(200);
		expect(again.body).toMatchObject({ access_token: refreshed.body.access_token, refresh_token: refreshed.body.refresh_token });
		// …until the grace period after the new access token's first use is over.
		emulator.oauth.refreshGrace.afterUseSeconds = 0;
		try {
			expect((await api('/restapi/v1.0/account/~/extension/~', refreshed.body.access_token)).status).toBe(200);
			await new Promise((resolve) => setTimeout(resolve, 5));
			const late = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
			expect(late.status).toBe(400);
			expect(late.body.errors[0].errorCode).toBe('OAU-211');
		} finally {
			emulator.oauth.refreshGrace.afterUseSeconds = 10;
		}
		expect((await api('/restapi/v1.0/account/~/extension/~', refreshed.body.access_token)).status).toBe(200);
	});

	test('an old refresh token is refused once the new refresh token has been used', async () => {
		const { body: first } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const second = (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token })).body;
		const third = await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token });
		expect(third.status).toBe(200);
		const stale = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
		expect(stale.status).toBe(400);
		expect(stale.body.errors[0].errorCode).toBe('OAU-211');
	});

	test('revoke ends the whole session; a wrong client secret and a missing bearer are refused', async () => {
		const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const revoked = await fetch(`${emulator.url}/restapi/oauth/revoke`, {
			method: 'POST',
			headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: body.access_token }),
		});
		expect(revoked.status).toBe(200);
		expect((await api('/restapi/v1.0/account/~/extension/~', body.access_token)).status).toBe(401);
		const badSecret = await token(
			{ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() },
			`Basic ${Buffer.from('demo-client-id:wrong').toString('base64')}`,
		);
		expect(badSecret.status).toBe(401);
		expect(badSecret.body.error).toBe('invalid_client');
		const anonymous = await fetch(`${emulator.url}/restapi/v1.0/account/~/extension/~`);
		expect(anonymous.status).toBe(401);
		expect(((await anonymous.json()) as any).errors[0].errorCode).toBe('OAU-123');
	});

	test('short access-token lifetimes expire (OAU-128)', async () => {
		emulator.oauth.accessTokenTtl = 1;
		try {
			const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
			expect(body.expires_in).toBe(1);
			emulator.oauth.expireAccessTokens();
			const expired = await api('/restapi/v1.0/account/~/extension/~', body.access_token);
			expect(((await expired.json()) as any).errors[0].errorCode).toBe('OAU-128');
		} finally {
			emulator.oauth.accessTokenTtl = 3600;
		}
	});
});

describe('OAuth as RingCentral documents it', () => {
	test('lifetimes asked for are granted as RingCentral documents: access 600 s up to the default, refresh up to the default, none for <= 0', async () => {
		const short = await signIn(undefined, basic, { access_token_ttl: '600', refresh_token_ttl: '7200' });
		expect(short).toMatchObject({ expires_in: 600, refresh_token_expires_in: 7200 });
		const refreshed = await token({ grant_type: 'refresh_token', refresh_token: short.refresh_token, access_token_ttl: '3600', refresh_token_ttl: '604800' });
		expect(refreshed.body).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 604800 });
		const outOfRange = await signIn(undefined, basic, { access_token_ttl: '-1', refresh_token_ttl: '9999999' });
		expect(outOfRange).toMatchObject({ expires_in: 600, refresh_token_expires_in: 604800 });
		expect((await signIn(undefined, basic, { access_token_ttl: '86400' })).expires_in).toBe(3600);
		const noRefresh = await signIn(undefined, basic, { refresh_token_ttl: '0' });
		expect(noRefresh.refresh_token).toBeUndefined();
		const notANumber = await token({ grant_type: JWT_GRANT, assertion: emulator.oauth.issueJwt(), access_token_ttl: 'an hour' });
		expect(notANumber.status).toBe(400);
		expect(notANumber.body).toMatchObject({ error: 'invalid_request', errors: [{ errorCode: 'OAU-101' }] });
		expect(emulator.takeViolations().map((v: any) => v.kind)).toEqual(['request']);
	});

	test('a token\'s scope lists its app\'s permissions; a call needing another answers 403 CMN-401 naming it', async () => {
		emulator.oauth.registerApp({ clientId: 'read-only-app', clientSecret: 'read-only-secret', permissions: ['ReadAccounts', 'ReadPresence'] });
		const readOnly = basicOf('read-only-app', 'read-only-secret');
		const session = await signIn(undefined, readOnly);
		expect(session.scope).toBe('ReadAccounts ReadPresence');
		expect((await api('/restapi/v1.0/account/~/extension/~/presence', session.access_token)).status).toBe(200);
		const denied = await api('/restapi/v1.0/account/~/extension/~/sms', session.access_token, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ from: { phoneNumber: '+16505551001' }, to: [{ phoneNumber: '+14155550142' }], text: 'hi' }),
		});
		expect(denied.status).toBe(403);
		expect(await denied.json()).toEqual({
			errorCode: 'InsufficientPermissions',
			message: 'In order to call this API endpoint, application needs to have [SMS] permission',
			errors: [{ errorCode: 'CMN-401', message: 'In order to call this API endpoint, application needs to have [SMS] permission', permissionName: 'SMS' }],
			permissionName: 'SMS',
		});
		// A scope asked for narrows the session to those of the app's permissions.
		expect((await signIn(undefined, basic, { scope: 'ReadPresence SMS NotAPermission' })).scope).toBe('ReadPresence SMS');
		const full = await signIn();
		expect(full.scope.split(' ')).toEqual(emulator.spec.appPermissions());
		expect(full.scope.split(' ')).toEqual(expect.arrayContaining(['ReadAccounts', 'SMS', 'ReadMessages', 'TeamMessaging', 'WebSocket']));
	});

	test('wstoken gives a short-lived WebSocket token for the emulator\'s ws address; without the WebSocket permission 403', async () => {
		const session = await signIn();
		const answer = await api('/restapi/oauth/wstoken', session.access_token, { method: 'POST' });
		expect(answer.status).toBe(200);
		const body = (await answer.json()) as any;
		expect(body).toEqual({ ws_access_token: expect.any(String), uri: `${emulator.url.replace('http', 'ws')}/ws`, expires_in: 30 });
		// Good for more than one connection until it expires (RingCentral's own client reuses it to recover).
		expect(emulator.oauth.wsTokenOwner(body.ws_access_token)).toMatchObject({ extensionId: emulator.state.ids.admin });
		expect(emulator.oauth.wsTokenOwner(body.ws_access_token)).toMatchObject({ extensionId: emulator.state.ids.admin });
		expect(emulator.oauth.wsTokenOwner('EMU-WS-unknown')).toBeUndefined();
		emulator.oauth.registerApp({ clientId: 'no-ws-app', clientSecret: 's', permissions: ['ReadAccounts'] });
		const noWs = await signIn(undefined, basicOf('no-ws-app', 's'));
		const refused = await api('/restapi/oauth/wstoken', noWs.access_token, { method: 'POST' });
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({ errors: [{ errorCode: 'CMN-401', permissionName: 'WebSocket' }] });
		expect((await fetch(`${emulator.url}/restapi/oauth/wstoken`, { method: 'POST' })).status).toBe(401);
	});

	test('revoke authenticates the client and only ends sessions of that client', async () => {
		emulator.oauth.registerApp({ clientId: 'other-app', clientSecret: 'other-secret' });
		const session = await signIn();
		const revoke = (authorization: string) =>
			fetch(`${emulator.url}/restapi/oauth/revoke`, {
				method: 'POST',
				headers: { Authorization: authorization, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ token: session.access_token }),
			});
		expect((await revoke(basicOf('demo-client-id', 'wrong'))).status).toBe(401);
		expect((await revoke(basicOf('other-app', 'other-secret'))).status).toBe(200);
		expect((await api('/restapi/v1.0/account/~/extension/~', session.access_token)).status).toBe(200);
		expect((await revoke(basic)).status).toBe(200);
		expect((await api('/restapi/v1.0/account/~/extension/~', session.access_token)).status).toBe(401);
	});

	test('unknown and empty query parameters are ignored (and reported), known ones still validated', async () => {
		const session = await signIn();
		emulator.takeViolations();
		const since = emulator.sequence;
		const answer = await api('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=&noSuchFilter=1', session.access_token);
		expect(answer.status).toBe(200);
		expect(((await answer.json()) as any).activeCalls).toBeUndefined();
		expect(emulator.journal({ since })[0].ignoredQuery).toEqual(['noSuchFilter', 'detailedTelephonyState']);
		// An empty value is "not given"; only the parameter the operation does not know is a client's mistake.
		expect(emulator.takeViolations()).toEqual([
			{
				kind: 'ignored-query',
				operationId: 'readUserPresenceStatus',
				method: 'GET',
				path: '/restapi/v1.0/account/~/extension/~/presence',
				parameters: ['noSuchFilter'],
			},
		]);
		const invalid = await api('/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=maybe', session.access_token);
		expect(invalid.status).toBe(400);
		expect(emulator.takeViolations().map((v: any) => v.kind)).toEqual(['request']);
	});
});

describe('usage-plan limits', () => {
	test('headers on every answer; over the limit → 429 CMN-301 with Retry-After; requests during the penalty restart it', async () => {
		emulator.rateLimiter.configure({ windowSeconds: 1, penaltySeconds: 1, limits: { Light: 2 } });
		const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const path = '/restapi/v1.0/account/~/extension/~';
		const first = await api(path, body.access_token);
		expect(first.headers.get('x-rate-limit-group')).toBe('light');
		expect(first.headers.get('x-rate-limit-limit')).toBe('2');
		expect(first.headers.get('x-rate-limit-remaining')).toBe('1');
		expect(first.headers.get('x-rate-limit-window')).toBe('1');
		expect((await api(path, body.access_token)).status).toBe(200);
		const limited = await api(path, body.access_token);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(await limited.json()).toMatchObject({ errorCode: 'CMN-301', message: 'Request rate exceeded' });
		const duringPenalty = await api(path, body.access_token);
		expect(duringPenalty.status).toBe(429);
	});

	test('sign-ins count against the Auth group per user, as RingCentral counts them', async () => {
		emulator.rateLimiter.configure({ windowSeconds: 60, penaltySeconds: 60, limits: { Auth: 2 } });
		const [alice, bob] = emulator.state.users as string[];
		const signIn = (user: string) => token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt(user) });
		expect((await signIn(alice)).status).toBe(200);
		expect((await signIn(alice)).status).toBe(200);
		const third = await signIn(alice);
		expect(third.status).toBe(429);
		expect(third.body).toMatchObject({ errorCode: 'CMN-301' });
		expect((await signIn(bob)).status).toBe(200);
	});
});

describe('public clients', () => {
	test('sign-ins of public clients count per app (client_id), not under one shared key', async () => {
		emulator.rateLimiter.configure({ windowSeconds: 60, penaltySeconds: 60, limits: { Auth: 2 } });
		emulator.oauth.registerApp({ clientId: 'public-a' });
		emulator.oauth.registerApp({ clientId: 'public-b' });
		const attempt = (clientId: string) => token({ grant_type: JWT_GRANT, assertion: emulator.oauth.issueJwt(), client_id: clientId }, '');
		// Public clients may not use the JWT grant (OAU-251); the attempts count all the same.
		expect((await attempt('public-a')).status).toBe(400);
		expect((await attempt('public-a')).status).toBe(400);
		expect((await attempt('public-a')).status).toBe(429);
		expect((await attempt('public-b')).body.errors[0].errorCode).toBe('OAU-251');
	});
});

describe('notifications', () => {
	test('deliveries name the subscription owner and keep the account\'s ~; detailed presence lists the latest 7 calls', async () => {
		const receiver = await createWebhookReceiver();
		try {
			const session = await signIn();
			const created = await api('/restapi/v1.0/subscription', session.access_token, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					eventFilters: ['/restapi/v1.0/account/~/presence?detailedTelephonyState=true', '/restapi/v1.0/account/~/extension/~/presence/dnd'],
					deliveryMode: { transportType: 'WebHook', address: receiver.url },
				}),
			});
			expect(created.status).toBe(200);
			const admin = emulator.state.ids.admin;
			const colleague = emulator.state.users[3];
			expect(((await created.json()) as any).eventFilters).toEqual([
				`/restapi/v1.0/account/${emulator.state.accountId}/presence?detailedTelephonyState=true`,
				`/restapi/v1.0/account/${emulator.state.accountId}/extension/${admin}/presence/dnd`,
			]);
			const calls = Array.from({ length: 9 }, (_, i) => ({
				id: `call-${i}`,
				direction: 'Inbound',
				from: '+14155550142',
				to: '+16505551004',
				startTime: new Date(Date.UTC(2026, 10, 23, 9, i)).toISOString(),
				telephonyStatus: 'CallConnected',
				sessionId: `${1000 + i}`,
				telephonySessionId: `s-${i}`,
				partyId: `p-${i}`,
			}));
			const injected = await fetch(`${emulator.url}/__emulator/events/presence`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ extensionId: colleague, telephonyStatus: 'CallConnected', activeCalls: calls }),
			});
			expect(injected.status).toBe(201);
			await emulator.notifications.idle();
			emulator.emit(`/restapi/v1.0/account/${emulator.state.accountId}/extension/${admin}/presence/dnd`, { dndStatus: 'DoNotAcceptAnyCalls' }, admin);
			await emulator.notifications.idle();
			const envelopes = receiver.requests.filter((r) => r.body).map((r) => JSON.parse(r.body));
			expect(envelopes).toHaveLength(2);
			expect(envelopes[0]).toMatchObject({ event: '/restapi/v1.0/account/~/presence?detailedTelephonyState=true', ownerId: admin });
			expect(envelopes[0].body.extensionId).toBe(colleague);
			expect(envelopes[0].body.totalActiveCalls).toBe(9);
			expect(envelopes[0].body.activeCalls.map((c: any) => c.id)).toEqual(['call-2', 'call-3', 'call-4', 'call-5', 'call-6', 'call-7', 'call-8']);
			expect(envelopes[1]).toMatchObject({ event: `/restapi/v1.0/account/~/extension/${admin}/presence/dnd`, ownerId: admin });
		} finally {
			await receiver.close();
		}
	});
});

describe('call handling', () => {
	test('a rule that forwards without forwarding rules of its own rings the user\'s forwarding numbers', async () => {
		const session = await signIn();
		const created = await api('/restapi/v1.0/account/~/extension/~/answering-rule', session.access_token, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'Custom', name: 'Forward VIPs', callers: [{ callerId: '+14155550142' }], callHandlingAction: 'ForwardCalls', forwarding: { ringingMode: 'Simultaneously' } }),
		});
		expect(created.status).toBe(200);
		const rule = (await created.json()) as any;
		expect(rule.forwarding.ringingMode).toBe('Simultaneously');
		expect(rule.forwarding.rules.map((r: any) => r.forwardingNumbers[0].label)).toEqual(['Mobile', 'Desk Phone']);
		expect(emulator.takeViolations()).toEqual([]);
	});
});

describe('presence rules', () => {
	test('batch reads take up to 30 ids; 31 answer 400 InvalidMultipartRequest', async () => {
		const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const ids = [...emulator.state.extensions.keys()];
		const thirty = Array.from({ length: 30 }, (_, i) => ids[i % ids.length]).join(',');
		const ok = await api(`/restapi/v1.0/account/~/extension/${thirty}/presence`, body.access_token);
		expect(ok.status).toBe(207);
		expect(ok.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
		const tooMany = await api(`/restapi/v1.0/account/~/extension/${thirty},${ids[0]}/presence`, body.access_token);
		expect(tooMany.status).toBe(400);
		expect(await tooMany.json()).toMatchObject({
			errorCode: 'InvalidMultipartRequest',
			message: 'Extension Presence Info multipart request is limited to 30 extensions',
		});
	});
});

describe('faults and control API', () => {
	test('faults injected over HTTP apply to the next matching requests and are journaled', async () => {
		const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const injected = await fetch(`${emulator.url}/__emulator/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ kind: '503', count: 1, retryAfter: 2, operationId: 'readExtension' }),
		});
		expect(injected.status).toBe(201);
		const since = emulator.sequence;
		const failed = await api('/restapi/v1.0/account/~/extension/~', body.access_token);
		expect(failed.status).toBe(503);
		expect(failed.headers.get('retry-after')).toBe('2');
		expect((await api('/restapi/v1.0/account/~/extension/~', body.access_token)).status).toBe(200);
		const journal = (await (await fetch(`${emulator.url}/__emulator/journal?since=${since}`)).json()) as any[];
		expect(journal.map((e) => e.status)).toEqual([503, 200]);
		expect(JSON.stringify(journal)).not.toContain(body.access_token);
	});
});

describe('faults that leave the outcome unknown', () => {
	test('hang never answers; resetAfter carries the request out, then drops the connection; html answers a proxy page', async () => {
		const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
		const headers = { Authorization: `Bearer ${body.access_token}`, 'Content-Type': 'application/json' };
		const url = `${emulator.url}/restapi/v1.0/account/~/extension/~/company-pager`;
		const page = (text: string) => JSON.stringify({ to: [{ extensionNumber: '102' }], text });
		const sent = () => (emulator.journal() as any[]).filter((e) => e.operationId === 'createInternalTextMessage');

		emulator.faults.add({ kind: 'hang', operationId: 'readExtension' });
		const hung = await fetch(`${emulator.url}/restapi/v1.0/account/~/extension/~`, { headers, signal: AbortSignal.timeout(300) }).catch((error: Error) => error);
		expect((hung as Error).name).toBe('TimeoutError');

		emulator.faults.add({ kind: 'resetAfter', operationId: 'createInternalTextMessage' });
		const before = sent().length;
		const dropped = await fetch(url, { method: 'POST', headers, body: page('dropped') }).catch((error: Error) => error);
		expect((dropped as Error).message).toBe('fetch failed');
		expect(sent().length).toBe(before + 1);
		const store = await api('/restapi/v1.0/account/~/extension/~/message-store?messageType=Pager&perPage=5', body.access_token);
		expect(((await store.json()) as any).records.some((m: any) => m.subject === 'dropped')).toBe(true);

		emulator.faults.add({ kind: 'html', operationId: 'createInternalTextMessage' });
		const portal = await fetch(url, { method: 'POST', headers, body: page('behind a portal') });
		expect(portal.status).toBe(200);
		expect(portal.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await portal.text()).toContain('<html>');
	});
});

describe('notifications', () => {
	const control = (method: string, route: string, body?: unknown) =>
		fetch(`${emulator.url}/__emulator${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

	test('a notification delivered again on purpose, and several copies of one at the same moment, carry the same uuid', async () => {
		const receiver = await createWebhookReceiver();
		try {
			const { body } = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() });
			const created = await api('/restapi/v1.0/subscription', body.access_token, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS'],
					deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: 'known-token' },
				}),
			});
			expect(created.status).toBe(200);
			receiver.reset();
			// Slow answers: a copy that waited for the one before it would arrive 300 ms later.
			receiver.behave({ delayMs: 300 });
			expect((await control('PUT', '/notifications/settings', { copies: 2 })).status).toBe(200);
			try {
				await control('POST', '/events/inbound-sms', { text: 'Twice at once' });
				await control('POST', '/deliveries/idle');
			} finally {
				await control('PUT', '/notifications/settings', { copies: 1 });
			}
			const copies = receiver.requests.map((r) => ({ at: r.at, token: r.headers['verification-token'], envelope: JSON.parse(r.body) }));
			expect(copies).toHaveLength(2);
			expect(copies[1].envelope).toEqual(copies[0].envelope);
			expect(copies.map((c) => c.token)).toEqual(['known-token', 'known-token']);
			expect(Math.abs(copies[1].at - copies[0].at)).toBeLessThan(200);
			expect((await control('POST', `/deliveries/${copies[0].envelope.uuid}/redeliver`)).status).toBe(202);
			await control('POST', '/deliveries/idle');
			expect(receiver.requests).toHaveLength(3);
			expect(JSON.parse(receiver.requests[2].body)).toEqual(copies[0].envelope);
			const deliveries = (await (await control('GET', '/deliveries')).json()) as any[];
			expect(deliveries.filter((d) => d.uuid === copies[0].envelope.uuid).map((d) => d.status)).toEqual([200, 200, 200]);
			expect((await control('POST', '/deliveries/unknown-uuid/redeliver')).status).toBe(404);
		} finally {
			await receiver.close();
		}
	});
});

describe('multipart', () => {
	test('a form built by the nodes is parsed back part by part, byte for byte', () => {
		const audio = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0x0d, 0x0a, 0xff, 0x2d, 0x2d]);
		const { body, contentType } = buildFormData([
			{ name: 'request.json', fileName: 'request.json', contentType: 'application/json', data: '{"type":"Voicemail"}' },
			{ name: 'binary', fileName: 'greeting.wav', contentType: 'audio/wav', data: audio },
		]);
		const parts = parseMultipart(body, contentType);
		expect(parts.map((p: any) => [p.name, p.fileName, p.contentType])).toEqual([
			['request.json', 'request.json', 'application/json'],
			['binary', 'greeting.wav', 'audio/wav'],
		]);
		expect(parts[0].json).toEqual({ type: 'Voicemail' });
		expect(Buffer.compare(parts[1].data, audio)).toBe(0);
	});

	test('RingCentral\'s multipart/mixed fax form with \\n line endings parses', () => {
		const raw = Buffer.from(
			'--Boundary_1\nContent-Type: application/json\n\n{"to":[{"phoneNumber":"18005554567"}]}\n\n--Boundary_1\nContent-Disposition: attachment; filename="fax.txt"\n\nHello, World!\n\n--Boundary_1--\n',
		);
		const parts = parseMultipart(raw, 'multipart/mixed; boundary=Boundary_1');
		expect(parts[0].json).toEqual({ to: [{ phoneNumber: '18005554567' }] });
		expect(parts[1].data.toString()).toBe('Hello, World!\n');
	});

	test('207 batch answers round-trip through the nodes\' parser with per-part status', () => {
		const answer = multipartMixed([
			{ href: 'a', status: 200, body: { id: 1 } },
			{ href: 'b', status: 404, body: { errorCode: 'CMN-102' } },
		]);
		expect(parseBatchResponse(answer.raw)).toEqual([
			{ status: 200, body: { id: 1 } },
			{ status: 404, body: { errorCode: 'CMN-102' } },
		]);
	});
});

describe('without the spec', () => {
	test('the emulator says so and runs lenient; the test tier refuses to', async () => {
		const lenient = await createEmulator({ spec: '/nonexistent/rc-public-openapi.yml', quiet: true });
		expect(lenient.spec.available).toBe(false);
		const invalid = { userStatus: 'Nope' };
		const request = { method: 'PUT', path: '/restapi/v1.0/account/~/extension/~/presence', query: {}, headers: {}, body: invalid };
		expect(lenient.spec.validateRequest('updateUserPresenceStatus', request)).toEqual([]);
		await expect(createEmulator({ spec: '/nonexistent/rc-public-openapi.yml', requireSpec: true })).rejects.toThrow(
			/OpenAPI spec not found at \/nonexistent/,
		);
	});
});
