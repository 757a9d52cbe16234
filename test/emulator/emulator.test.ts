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

async function token(form: Record<string, string>, authorization: string | undefined = basic) {
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
			undefined,
		);
		expect(wrong.status).toBe(400);
		expect(wrong.body).toMatchObject({ error: 'invalid_grant', errors: [{ errorCode: 'OAU-106' }] });
		const second = await authorize({ redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' });
		const right = await token(
			{ grant_type: 'authorization_code', code: second.location.searchParams.get('code')!, redirect_uri: redirectUri, code_verifier: verifier, client_id: 'demo-client-id' },
			undefined,
		);
		expect(right.status).toBe(200);
		expect(right.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, owner_id: emulator.state.ids.admin });
		expect(right.body.refresh_token).toBeTruthy();
	});

	test('refresh tokens rotate: the old refresh and access tokens stop working', async () => {
		const redirectUri = 'http://localhost:5678/callback';
		const { location } = await authorize({ redirect_uri: redirectUri });
		const issued = (await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: redirectUri })).body;
		const refreshed = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(issued.refresh_token);
		const reused = await token({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
		expect(reused.status).toBe(400);
		expect(reused.body.errors[0].errorCode).toBe('OAU-211');
		const old = await api('/restapi/v1.0/account/~/extension/~', issued.access_token);
		expect(old.status).toBe(401);
		expect(await old.json()).toMatchObject({ errorCode: 'TokenInvalid', errors: [{ errorCode: 'OAU-213' }] });
		expect((await api('/restapi/v1.0/account/~/extension/~', refreshed.body.access_token)).status).toBe(200);
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
