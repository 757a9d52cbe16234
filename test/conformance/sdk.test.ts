/**
 * Conformance: RingCentral's own JavaScript SDK (@ringcentral/sdk, a client nobody here wrote) drives
 * the emulator through its public API as an app would — sign-ins, refresh, the authorization-code
 * flow from the SDK's own login URL, logout, API calls, paging, batch answers, subscriptions and
 * errors. Where the SDK and the emulator disagree, the emulator is wrong: nothing here adapts to it.
 */
import { SDK } from '@ringcentral/sdk';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { createWebhookReceiver } from '../harness/webhook-receiver';
import type { WebhookReceiver } from '../harness/webhook-receiver';

type Platform = ReturnType<SDK['platform']>;
/** RingCentral JSON as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const DEMO = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };
const REDIRECT_URI = 'https://app.example.com/oauth2callback';
/** Far enough back for every seeded record: lists default to the last 24 hours. */
const SINCE = '2020-01-01T00:00:00.000Z';

let emulator: Emulator;
let receiver: WebhookReceiver;
let sdks = 0;

beforeAll(async () => {
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1, limits: { Auth: 1000 } } });
	await emulator.start();
	receiver = await createWebhookReceiver();
});
afterAll(async () => {
	await receiver.close();
	await emulator.stop();
});
afterEach(() => {
	// Every request the SDK sent passed the spec, and every answer the emulator gave did too.
	expect(emulator.takeViolations()).toEqual([]);
});

/** A fresh SDK for an app of the emulator (each with its own token cache). */
function sdkFor(app: { clientId: string; clientSecret?: string } = DEMO, options: Record<string, unknown> = {}): SDK {
	sdks += 1;
	return new SDK({ server: emulator.url, ...app, redirectUri: REDIRECT_URI, cachePrefix: `conformance-${sdks}-`, ...options });
}

async function signedIn(app = DEMO, options: Record<string, unknown> = {}): Promise<Platform> {
	const platform = sdkFor(app, options).platform();
	await platform.login({ jwt: emulator.oauth.issueJwt() });
	return platform;
}

async function json(response: Response): Promise<Json> {
	return await response.json();
}

/** The error the SDK throws for a call, with the message it made of RingCentral's body. */
async function failure(call: Promise<unknown>): Promise<{ message: string; status: number | undefined; body: Json }> {
	try {
		await call;
	} catch (error) {
		const { message, response } = error as { message: string; response?: Response };
		return { message, status: response?.status, body: response ? await response.clone().json() : undefined };
	}
	throw new Error('the call succeeded');
}

/** Follows navigation.nextPage with the SDK until the last page; every page's records in order. */
async function allPages(platform: Platform, path: string, query: Record<string, string | number>): Promise<{ records: Json[]; pages: number }> {
	const records: Json[] = [];
	let page: Json = await json(await platform.get(path, query));
	let pages = 1;
	records.push(...page.records);
	while (page.navigation?.nextPage) {
		page = await json(await platform.get(page.navigation.nextPage.uri));
		pages += 1;
		records.push(...page.records);
	}
	return { records, pages };
}

describe('sign-in', () => {
	test('JWT login returns RingCentral\'s TokenInfo with a refresh token; the SDK keeps it and is logged in', async () => {
		const platform = sdkFor().platform();
		const token = await json(await platform.login({ jwt: emulator.oauth.issueJwt() }));
		expect(token).toEqual({
			access_token: expect.any(String),
			token_type: 'bearer',
			expires_in: 3600,
			refresh_token: expect.any(String),
			refresh_token_expires_in: 604800,
			scope: expect.stringContaining('ReadAccounts'),
			owner_id: emulator.state.ids.admin,
			endpoint_id: expect.any(String),
			session_id: expect.any(String),
		});
		expect(await platform.loggedIn()).toBe(true);
		expect(await platform.auth().data()).toMatchObject({ refresh_token: token.refresh_token, owner_id: emulator.state.ids.admin });
	});

	test('lifetimes asked for at login are granted', async () => {
		const platform = sdkFor().platform();
		const token = await json(await platform.login({ jwt: emulator.oauth.issueJwt(), access_token_ttl: 600, refresh_token_ttl: 7200 }));
		expect(token).toMatchObject({ expires_in: 600, refresh_token_expires_in: 7200 });
	});

	test('refresh: the SDK\'s refresh request (with its access_token_ttl/refresh_token_ttl form fields) rotates the tokens', async () => {
		const platform = await signedIn();
		const before = await platform.auth().data();
		const since = emulator.sequence;
		const after = await json(await platform.refresh());
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		const [request] = emulator.journal({ since, operationId: 'getToken' });
		expect(request).toMatchObject({ status: 200, requestBody: { grant_type: 'refresh_token', access_token_ttl: '3600', refresh_token_ttl: '604800' } });
		const stale = await fetch(`${emulator.url}/restapi/v1.0/account/~/extension/~`, { headers: { Authorization: `Bearer ${before.access_token}` } });
		expect(stale.status).toBe(401);
		expect((await json(await platform.get('/restapi/v1.0/account/~/extension/~'))).id).toBe(Number(emulator.state.ids.admin));
	});

	test('an access token RingCentral no longer accepts (401) is refreshed by the SDK and the call repeated', async () => {
		const platform = await signedIn();
		emulator.oauth.expireAccessTokens();
		const since = emulator.sequence;
		const extension = await json(await platform.get('/restapi/v1.0/account/~/extension/~'));
		expect(extension.id).toBe(Number(emulator.state.ids.admin));
		const journal = emulator.journal({ since });
		expect(journal.map((e) => [e.operationId, e.status])).toEqual([
			['readExtension', 401],
			['getToken', 200],
			['readExtension', 200],
		]);
		// After a 401 the SDK forgets the token's lifetime and asks for access_token_ttl=-1, which RingCentral
		// raises to its 600 s minimum.
		expect(journal[1].requestBody).toMatchObject({ grant_type: 'refresh_token', access_token_ttl: '-1' });
		expect((await platform.auth().data()).expires_in).toBe(600);
	});

	test('two workers refreshing the same session together both get the same new tokens (RingCentral\'s grace period)', async () => {
		const first = await signedIn();
		const second = sdkFor().platform();
		await second.auth().setData(await first.auth().data());
		const [a, b] = await Promise.all([first.refresh(), second.refresh()]);
		const [tokenA, tokenB] = [await json(a), await json(b)];
		expect(tokenB.access_token).toBe(tokenA.access_token);
		expect(tokenB.refresh_token).toBe(tokenA.refresh_token);
		await first.get('/restapi/v1.0/account/~/extension/~');
		await second.get('/restapi/v1.0/account/~/extension/~');
	});

	test('authorization code: the SDK\'s own login URL, the emulator\'s authorize redirect, parseLoginRedirect, login with the code', async () => {
		const platform = sdkFor().platform();
		const url = new URL(platform.loginUrl({ state: 'csrf-123' }));
		const since = emulator.sequence;
		expect(url.origin + url.pathname).toBe(`${emulator.url}/restapi/oauth/authorize`);
		const redirect = await fetch(url, { redirect: 'manual' });
		expect(redirect.status).toBe(302);
		const location = new URL(String(redirect.headers.get('location')));
		expect(location.origin + location.pathname).toBe(REDIRECT_URI);
		const parsed = platform.parseLoginRedirect(location.search);
		expect(parsed).toEqual({ code: expect.any(String), state: 'csrf-123', expires_in: '60' });
		const token = await json(await platform.login({ code: parsed.code }));
		expect(token).toMatchObject({ token_type: 'bearer', owner_id: emulator.state.ids.admin, refresh_token: expect.any(String) });
		expect((await json(await platform.get('/restapi/v1.0/account/~/extension/~'))).id).toBe(Number(emulator.state.ids.admin));
		// RingCentral ignores what its authorize endpoint does not take and empty values: the SDK always sends
		// ui_options and localeId (not in the spec) and display, prompt, brand_id, ui_locales empty.
		expect(emulator.journal({ since, operationId: 'authorize' })[0].ignoredQuery).toEqual([
			'ui_options',
			'localeId',
			'brand_id',
			'display',
			'prompt',
			'ui_locales',
		]);
		expect(emulator.takeViolations()).toEqual([
			{ kind: 'ignored-query', operationId: 'authorize', method: 'GET', path: '/restapi/oauth/authorize', parameters: ['ui_options', 'localeId'] },
		]);
	});

	test('authorization code with PKCE for a public client (no secret): the SDK sends client_id and its code verifier', async () => {
		emulator.oauth.registerApp({ clientId: 'conformance-spa' });
		const platform = sdkFor({ clientId: 'conformance-spa' }).platform();
		const url = new URL(platform.loginUrl({ usePKCE: true, uiOptions: ['hide_logo'], display: 'page', prompt: 'login' }));
		expect(url.searchParams.get('code_challenge_method')).toBe('S256');
		const redirect = await fetch(url, { redirect: 'manual' });
		const { code } = platform.parseLoginRedirect(new URL(String(redirect.headers.get('location'))).search);
		const token = await json(await platform.login({ code }));
		expect(token.access_token).toEqual(expect.any(String));
		const [exchange] = emulator.journal({ operationId: 'getToken' }).slice(-1);
		expect(exchange.requestBody).toMatchObject({ grant_type: 'authorization_code', client_id: 'conformance-spa', code_verifier: '<redacted>' });
		expect(emulator.takeViolations().map((v) => v.kind)).toEqual(['ignored-query']);
	});

	test('logout revokes the session at RingCentral (client authenticated) and clears the SDK', async () => {
		const platform = await signedIn();
		const { access_token: accessToken } = await platform.auth().data();
		const since = emulator.sequence;
		expect((await platform.logout()).status).toBe(200);
		expect(emulator.journal({ since }).map((e) => [e.operationId, e.token, e.status])).toEqual([['revokeToken', `client:${DEMO.clientId}`, 200]]);
		expect(await platform.loggedIn()).toBe(false);
		const revoked = await fetch(`${emulator.url}/restapi/v1.0/account/~/extension/~`, { headers: { Authorization: `Bearer ${accessToken}` } });
		expect(revoked.status).toBe(401);
	});

	test('a WebSocket token from /restapi/oauth/wstoken points at the emulator\'s WebSocket address', async () => {
		const platform = await signedIn();
		const answer = await json(await platform.post('/restapi/oauth/wstoken'));
		expect(answer).toEqual({ ws_access_token: expect.any(String), uri: `${emulator.url.replace(/^http/, 'ws')}/ws`, expires_in: 30 });
	});
});

describe('the account as a real one reads', () => {
	test('the extension record is complete: contact, regional settings, permissions, service features', async () => {
		const platform = await signedIn();
		const extension = await json(await platform.get('/restapi/v1.0/account/~/extension/~'));
		expect(extension).toMatchObject({
			id: Number(emulator.state.ids.admin),
			extensionNumber: '101',
			type: 'User',
			status: 'Enabled',
			contact: { firstName: 'Alice', lastName: 'Admin', email: expect.stringContaining('@'), businessPhone: '+16505551001' },
			regionalSettings: { homeCountry: { isoCode: 'US' }, timezone: { name: 'US/Pacific' }, language: { localeCode: 'en-US' }, timeFormat: '12h' },
			permissions: { admin: { enabled: true }, internationalCalling: { enabled: true } },
			setupWizardState: 'Completed',
		});
		expect(extension.serviceFeatures).toEqual(expect.arrayContaining([{ featureName: 'SMS', enabled: true }]));
		const account = await json(await platform.get('/restapi/v1.0/account/~'));
		expect(account).toMatchObject({ id: Number(emulator.state.accountId), mainNumber: '+16505550100', status: 'Confirmed', regionalSettings: { currency: { code: 'USD' } } });
	});

	test('the extension\'s phone numbers name their features; an SMS goes out from the SmsSender number', async () => {
		const platform = await signedIn();
		const numbers = await json(await platform.get('/restapi/v1.0/account/~/extension/~/phone-number'));
		const sender = numbers.records.find((n: Json) => n.features.includes('SmsSender'));
		expect(sender).toMatchObject({ phoneNumber: '+16505551001', usageType: 'DirectNumber' });
		expect(numbers.records.find((n: Json) => n.usageType === 'MainCompanyNumber').features).toEqual(['CallerId']);
		const sms = await json(
			await platform.post('/restapi/v1.0/account/~/extension/~/sms', {
				from: { phoneNumber: sender.phoneNumber },
				to: [{ phoneNumber: '+14155550142' }],
				text: 'Sent by the official SDK',
			}),
		);
		expect(sms).toMatchObject({ type: 'SMS', direction: 'Outbound', subject: 'Sent by the official SDK', from: { phoneNumber: sender.phoneNumber } });
		const stored = await json(await platform.get(`/restapi/v1.0/account/~/extension/~/message-store/${sms.id}`));
		expect(stored.id).toBe(sms.id);
	});
});

describe('lists and batches', () => {
	test('call log: following navigation.nextPage with the SDK reads every record once', async () => {
		const platform = await signedIn();
		const { records, pages } = await allPages(platform, '/restapi/v1.0/account/~/extension/~/call-log', { dateFrom: SINCE, perPage: 40 });
		const own = emulator.state.ids.admin;
		const expected = (await json(await platform.get('/restapi/v1.0/account/~/extension/~/call-log', { dateFrom: SINCE, perPage: 1000 }))).records;
		expect(records.map((r) => r.id)).toEqual(expected.map((r: Json) => r.id));
		expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
		expect(pages).toBe(Math.ceil(records.length / 40));
		expect(records.length).toBeGreaterThan(40);
		expect(records.every((r) => [r.from, ...(r.to ? [r.to] : [])].some((p: Json) => p?.extensionId === own) || r.extension?.id === Number(own))).toBe(true);
	});

	test('message store: the same navigation over a filled mailbox', async () => {
		const platform = await signedIn();
		await fetch(`${emulator.url}/__emulator/messages/fill`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ count: 120 }) });
		const all = await json(await platform.get('/restapi/v1.0/account/~/extension/~/message-store', { dateFrom: SINCE, perPage: 1000 }));
		const { records, pages } = await allPages(platform, '/restapi/v1.0/account/~/extension/~/message-store', { dateFrom: SINCE, perPage: 50 });
		expect(records.map((r) => r.id)).toEqual(all.records.map((r: Json) => r.id));
		expect(records.length).toBeGreaterThanOrEqual(120);
		expect(pages).toBe(Math.ceil(records.length / 50));
	});

	test('batch (207 multipart/mixed) read through the SDK\'s multipart reader: one Response per id with its own status', async () => {
		const sdk = sdkFor();
		const platform = sdk.platform();
		await platform.login({ jwt: emulator.oauth.issueJwt() });
		const [alice, bob] = emulator.state.users;
		const answer = await platform.get(`/restapi/v1.0/account/~/extension/${alice},${bob},31337/presence`);
		expect(answer.status).toBe(207);
		const parts = await sdk.client().multipart(answer);
		expect(parts.map((part) => part.status)).toEqual([200, 200, 404]);
		const [first, second, missing] = await Promise.all(parts.map(json));
		expect(first.extension.id).toBe(Number(alice));
		expect(second.extension.id).toBe(Number(bob));
		expect(missing).toMatchObject({ errorCode: 'CMN-102', errors: [{ errorCode: 'CMN-102', parameterName: 'extensionId' }] });
		const numbers = await platform.get('/restapi/v1.0/account/~/phone-number/1460412004,1460413004');
		expect((await sdk.client().multipart(numbers)).map((part) => part.status)).toEqual([200, 200]);
	});
});

describe('webhook subscriptions', () => {
	test('create (with the handshake), renew, deliver, delete — then it is gone', async () => {
		const platform = await signedIn();
		receiver.reset();
		const created = await json(
			await platform.post('/restapi/v1.0/subscription', {
				eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS'],
				deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: 'conformance-secret' },
				expiresIn: 3600,
			}),
		);
		expect(created).toMatchObject({ status: 'Active', expiresIn: 3600, deliveryMode: { transportType: 'WebHook', address: receiver.url, encryption: false } });
		expect(receiver.requests[0].headers['validation-token']).toEqual(expect.any(String));
		const renewed = await json(await platform.post(`/restapi/v1.0/subscription/${created.id}/renew`));
		expect(Date.parse(renewed.expirationTime)).toBeGreaterThanOrEqual(Date.parse(created.expirationTime));
		await fetch(`${emulator.url}/__emulator/events/inbound-sms`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Hello SDK' }) });
		await emulator.notifications.idle();
		const delivery = receiver.requests.find((r) => r.body);
		expect(delivery?.headers['verification-token']).toBe('conformance-secret');
		expect(JSON.parse(String(delivery?.body))).toMatchObject({
			event: `/restapi/v1.0/account/~/extension/${emulator.state.ids.admin}/message-store/instant?type=SMS`,
			ownerId: emulator.state.ids.admin,
			subscriptionId: created.id,
			body: { type: 'SMS', direction: 'Inbound', subject: 'Hello SDK' },
		});
		expect((await platform.delete(`/restapi/v1.0/subscription/${created.id}`)).status).toBe(204);
		const gone = await failure(platform.get(`/restapi/v1.0/subscription/${created.id}`));
		expect(gone).toMatchObject({ status: 404, message: 'Resource for parameter [subscriptionId] is not found' });
	});
});

describe('errors as the SDK reads them', () => {
	test('API errors: the SDK\'s message is RingCentral\'s message, the body has the codes', async () => {
		const platform = await signedIn();
		const notFound = await failure(platform.get('/restapi/v1.0/account/~/extension/31337'));
		expect(notFound).toMatchObject({ status: 404, message: 'Resource for parameter [extensionId] is not found', body: { errorCode: 'CMN-102' } });
		const invalid = await failure(platform.put('/restapi/v1.0/account/~/extension/~/presence', { userStatus: 'Sleeping' }));
		expect(invalid.status).toBe(400);
		expect(invalid.message).toMatch(/^Parameter \[userStatus\] value is invalid\./);
		expect(invalid.body).toMatchObject({ errorCode: 'CMN-101', errors: [{ errorCode: 'CMN-101', parameterName: 'userStatus' }] });
		expect(emulator.takeViolations().map((v) => v.kind)).toEqual(['request']);
	});

	test('OAuth errors: the SDK\'s message is RingCentral\'s error_description', async () => {
		const platform = sdkFor().platform();
		const forged = `${emulator.oauth.issueJwt().slice(0, -4)}AAAA`;
		const rejected = await failure(platform.login({ jwt: forged }));
		expect(rejected).toMatchObject({
			status: 400,
			message: 'Invalid resource owner credentials',
			body: { error: 'invalid_grant', errors: [{ errorCode: 'OAU-140' }] },
		});
		const wrongSecret = await failure(sdkFor({ clientId: DEMO.clientId, clientSecret: 'wrong' }).platform().login({ jwt: emulator.oauth.issueJwt() }));
		expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client', errors: [{ errorCode: 'OAU-146' }] } });
		const badCode = await failure(sdkFor().platform().login({ code: 'not-a-code' }));
		expect(badCode).toMatchObject({ status: 403, message: 'Invalid authorization code', body: { errors: [{ errorCode: 'OAU-106' }] } });
	});

	test('the password grant the SDK still offers (gone from the spec) is refused as RingCentral refuses it', async () => {
		const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
		try {
			const refused = await failure(sdkFor().platform().login({ username: '+16505551001', password: 'not-used-any-more' }));
			expect(refused).toMatchObject({
				status: 400,
				message: 'Unauthorized for this grant type',
				body: { error: 'unauthorized_client', errors: [{ errorCode: 'OAU-251' }] },
			});
			expect(warn).toHaveBeenCalledWith(expect.stringContaining('deprecated'));
		} finally {
			warn.mockRestore();
		}
		// The SDK sent a request the spec no longer describes.
		expect(emulator.takeViolations().map((v) => [v.kind, 'operationId' in v ? v.operationId : undefined])).toEqual([['request', 'getToken']]);
	});

	test('an app without a permission: the token\'s scope lacks it and the call answers 403 naming it', async () => {
		emulator.oauth.registerApp({ clientId: 'conformance-reader', clientSecret: 'reader-secret', permissions: ['ReadAccounts', 'ReadMessages'] });
		const platform = sdkFor({ clientId: 'conformance-reader', clientSecret: 'reader-secret' }).platform();
		const token = await json(await platform.login({ jwt: emulator.oauth.issueJwt() }));
		expect(token.scope).toBe('ReadAccounts ReadMessages');
		const denied = await failure(
			platform.post('/restapi/v1.0/account/~/extension/~/sms', { from: { phoneNumber: '+16505551001' }, to: [{ phoneNumber: '+14155550142' }], text: 'x' }),
		);
		expect(denied).toMatchObject({
			status: 403,
			message: 'In order to call this API endpoint, application needs to have [SMS] permission',
			body: { errorCode: 'InsufficientPermissions', permissionName: 'SMS', errors: [{ errorCode: 'CMN-401', permissionName: 'SMS' }] },
		});
	});

	test('429: the SDK waits the Retry-After RingCentral sends and repeats the call (handleRateLimit)', async () => {
		const platform = await signedIn(DEMO, { handleRateLimit: true });
		emulator.faults.add({ kind: '429', count: 1, retryAfter: 1, operationId: 'readExtension' });
		const limited: unknown[] = [];
		platform.on(platform.events.rateLimitError, (error) => limited.push(error));
		const started = Date.now();
		const extension = await json(await platform.get('/restapi/v1.0/account/~/extension/~'));
		expect(extension.id).toBe(Number(emulator.state.ids.admin));
		expect(limited).toHaveLength(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});
});
