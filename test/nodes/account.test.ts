/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { randomUUID } from 'crypto';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralAccount } from '../../nodes/RingCentralAccount/RingCentralAccount.node';
import { useRingCentral } from '../harness/ringcentral';
import { useWebhookReceiver } from '../harness/webhook-receiver';

const rc = useRingCentral({
	nodeTypes: [RingCentralAccount],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1 } },
});
const receiver = useWebhookReceiver();

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralAccount');

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const admin = () => rc.emulator.state.ids.admin as string;
const accountId = () => rc.emulator.state.accountId as string;

/** What a workflow author would type as the subscription's verification token. */
const verification = randomUUID();

const SMS = '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true';

function subscriptionParameters(extra: Record<string, unknown> = {}) {
	return { resource: 'subscription', operation: 'create', eventFilters: [SMS], address: receiver.url, ...extra };
}

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${rc.emulator.url}/__emulator${path}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as any };
}

describe.each<Auth>(['oAuth2', 'jwt'])('Account main paths with %s credentials', (auth) => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('API → Get Health reads the v1.0 version (the retired status read)', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'api', operation: 'getHealth' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({
			healthy: true,
			apiVersion: 'v1.0',
			versionString: '1.0.62',
			releaseDate: '2026-08-13T00:00:00.000Z',
			uri: `${rc.emulator.url}/restapi/v1.0`,
		});
		expect(apiCalls(since)).toEqual([expect.objectContaining({ method: 'GET', path: '/restapi/v1.0', operationId: 'readAPIVersion', status: 200 })]);
	});

	test('Subscription → Create performs the Validation-Token handshake, then Get, Update, Renew and Delete', async () => {
		const since = mark();
		const created = await run(
			credential,
			subscriptionParameters({
				eventFilters: [SMS, PRESENCE],
				subscriptionOptions: { verificationToken: verification, expiresIn: 3600 },
			}),
		);
		expect(created.error).toBeUndefined();
		const [call] = apiCalls(since, 'createSubscription');
		expect(call.requestBody).toEqual({
			eventFilters: [SMS, PRESENCE],
			deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: verification },
			expiresIn: 3600,
		});
		expect(receiver.requests).toHaveLength(1);
		const [handshake] = receiver.requests;
		expect(handshake).toMatchObject({ method: 'POST', url: '/webhook/ringcentral', body: '' });
		expect(handshake.headers).toMatchObject({
			'verification-token': verification,
			'user-agent': 'RingCentral-Webhook/8.3',
			'content-type': expect.stringContaining('application/json'),
		});
		expect(handshake.headers['validation-token']).toMatch(/^\w{16,}$/);

		const subscription = created.items[0].json;
		expect(subscription).toMatchObject({
			status: 'Active',
			eventFilters: [
				`/restapi/v1.0/account/${accountId()}/extension/${admin()}/message-store/instant?type=SMS`,
				`/restapi/v1.0/account/${accountId()}/extension/${admin()}/presence?detailedTelephonyState=true`,
			],
			deliveryMode: { transportType: 'WebHook', encryption: false, address: receiver.url },
		});
		expect(subscription.deliveryMode).not.toHaveProperty('verificationToken');
		expect(subscription.expiresIn).toBeGreaterThan(3590);
		const id = subscription.id as string;

		const read = await run(credential, { resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(read.items[0].json).toMatchObject({ id, status: 'Active' });

		const beforeUpdate = mark();
		const updated = await run(credential, {
			resource: 'subscription',
			operation: 'update',
			subscriptionId: id,
			eventFilters: [PRESENCE],
			subscriptionUpdateOptions: { expiresIn: 7200 },
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(beforeUpdate)[0].requestBody).toEqual({ eventFilters: [PRESENCE], expiresIn: 7200 });
		expect(updated.items[0].json.eventFilters).toEqual([
			`/restapi/v1.0/account/${accountId()}/extension/${admin()}/presence?detailedTelephonyState=true`,
		]);
		expect(updated.items[0].json.expiresIn).toBeGreaterThan(7190);

		const beforeRenew = mark();
		const renewed = await run(credential, { resource: 'subscription', operation: 'renew', subscriptionId: id });
		expect(renewed.error).toBeUndefined();
		expect(apiCalls(beforeRenew)[0]).toMatchObject({ method: 'POST', path: `/restapi/v1.0/subscription/${id}/renew`, status: 200 });
		expect(apiCalls(beforeRenew)[0].requestBody).toBeUndefined();
		expect(Date.parse(renewed.items[0].json.expirationTime)).toBeGreaterThanOrEqual(Date.parse(updated.items[0].json.expirationTime));

		const removed = await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: id });
		expect(removed.items[0].json).toEqual({ success: true });
		const gone = await run(credential, { resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(gone.error?.message).toContain('CMN-102');
		expect(gone.error?.httpCode).toBe('404');
	});
});

describe('API', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt');
	});

	test('Get Versions lists the versions and the server', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'api', operation: 'getVersions' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ apiVersions: [{ uriString: 'v1.0', versionString: '1.0.62' }], serverVersion: expect.any(String) });
		expect(apiCalls(since)[0]).toMatchObject({ path: '/restapi', operationId: 'readAPIVersions', group: 'NoThrottling' });
	});

	test('Get Version reads one version', async () => {
		const result = await run(credential, { resource: 'api', operation: 'getVersion', apiVersion: 'v1.0' });
		expect(result.items[0].json).toMatchObject({ uriString: 'v1.0', uri: `${rc.emulator.url}/restapi/v1.0` });
	});

	test('Get Version of a version that does not exist fails with CMN-102 naming apiVersion', async () => {
		const result = await run(credential, { resource: 'api', operation: 'getVersion', apiVersion: 'v9' });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('apiVersion');
	});

	test('Get Health reports an API that stays unavailable (after the retries) on the item', async () => {
		rc.emulator.faults.add({ kind: '503', count: 5, retryAfter: 0, operationId: 'readAPIVersion' });
		const since = mark();
		const result = await run(credential, { resource: 'api', operation: 'getHealth' }, { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ details: { httpStatus: 503, errorCode: 'CMN-201' }, error: expect.stringContaining('503') });
		expect(apiCalls(since).map((c: any) => c.status)).toEqual([503, 503, 503, 503, 503]);
	});
});

describe('Authorization Profile', () => {
	let adminCredential: Credential;
	let userCredential: Credential;
	beforeAll(async () => {
		adminCredential = await connect('oAuth2');
		userCredential = await connect('jwt', users()[3]);
	});
	const base = { resource: 'authorizationProfile', accountId: '~', extensionId: '~' };

	test('Get (simplified) lists each permission with its scopes and role', async () => {
		const result = await run(adminCredential, { ...base, operation: 'get', simplify: true });
		expect(result.error).toBeUndefined();
		const permissions = result.items[0].json.permissions as any[];
		expect(permissions).toContainEqual({ id: 'EditCompanyAnsweringRules', scopes: ['Account'], roleId: '1' });
		expect(permissions).toContainEqual({ id: 'ReadCallLog', scopes: ['Self'], roleId: '1' });
	});

	test('Get (raw) of a standard user, narrowed to a target extension', async () => {
		const since = mark();
		const result = await run(userCredential, { ...base, operation: 'get', simplify: false, targetExtensionId: users()[5] });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].query).toEqual({ targetExtensionId: users()[5] });
		const ids = result.items[0].json.permissions.map((p: any) => p.permission.id);
		// Only permissions whose scope reaches another user are left.
		expect(ids.sort()).toEqual(['ReadCompanyAnsweringRules', 'ReadPresenceStatus']);
		expect(result.items[0].json.permissions[0]).toMatchObject({ effectiveRole: { id: '3' }, permission: { siteCompatible: 'Compatible' } });
	});

	test('Get of another user\'s profile by a standard user fails with CMN-404', async () => {
		const result = await run(userCredential, { ...base, operation: 'get', extensionId: admin() });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('CMN-404');
	});

	test('Check Permission: granted, not granted, and not reaching the target', async () => {
		const since = mark();
		const granted = await run(adminCredential, { ...base, operation: 'check', permissionId: 'ReadCompanyCallLog', targetExtensionId: '' });
		expect(granted.items[0].json).toMatchObject({ successful: true, details: { permission: { id: 'ReadCompanyCallLog' }, scopes: ['Account'] } });
		expect(apiCalls(since)[0].query).toEqual({ permissionId: 'ReadCompanyCallLog' });
		const missing = await run(userCredential, { ...base, operation: 'check', permissionId: 'EditCompanyAnsweringRules' });
		expect(missing.items[0].json).toMatchObject({ successful: false });
		expect(missing.items[0].json).not.toHaveProperty('details');
		const elsewhere = await run(userCredential, { ...base, operation: 'check', permissionId: 'EditBlockedNumbers', targetExtensionId: users()[6] });
		expect(elsewhere.items[0].json).toMatchObject({ successful: false, details: { scopes: ['Self'] } });
	});

	test('Check Permission on an extension that does not exist fails with CMN-101 naming targetExtensionId', async () => {
		const result = await run(adminCredential, { ...base, operation: 'check', permissionId: 'ReadCallLog', targetExtensionId: '123' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('targetExtensionId');
	});
});

describe('Subscription', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt');
	});
	afterEach(() => {
		rc.emulator.subscriptions.settings.handshakeTimeoutMs = 3000;
	});

	test('Get Many returns this app\'s subscriptions of the user, up to the limit', async () => {
		const first = await run(credential, subscriptionParameters());
		const second = await run(credential, subscriptionParameters({ eventFilters: [PRESENCE] }));
		const other = await run(await connect('jwt', users()[2]), subscriptionParameters());
		const all = await run(credential, { resource: 'subscription', operation: 'getMany', returnAll: true });
		const ids = all.items.map((i: any) => i.json.id);
		expect(ids).toEqual(expect.arrayContaining([first.items[0].json.id, second.items[0].json.id]));
		expect(ids).not.toContain(other.items[0].json.id);
		const since = mark();
		const limited = await run(credential, { resource: 'subscription', operation: 'getMany', returnAll: false, limit: 1 });
		expect(limited.items).toHaveLength(1);
		expect(apiCalls(since)[0].query).toEqual({});
		for (const id of ids) await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: id });
	});

	test('another user cannot read the subscription (CMN-102)', async () => {
		const created = await run(credential, subscriptionParameters());
		const stranger = await connect('oAuth2', users()[2]);
		const result = await run(stranger, { resource: 'subscription', operation: 'get', subscriptionId: created.items[0].json.id });
		expect(result.error?.message).toContain('CMN-102');
		await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: created.items[0].json.id });
	});

	test('Create: a webhook that does not echo the Validation-Token fails with SUB-520', async () => {
		receiver.behave({ echo: false });
		const result = await run(credential, subscriptionParameters());
		expect(result.error?.message).toContain('SUB-520');
		expect(result.error?.message).toContain('Validation Token is not returned');
		expect(receiver.requests).toHaveLength(1);
	});

	test('Create: a webhook that echoes too late fails with SUB-520', async () => {
		rc.emulator.subscriptions.settings.handshakeTimeoutMs = 300;
		receiver.behave({ delayMs: 600 });
		const result = await run(credential, subscriptionParameters());
		expect(result.error?.message).toContain('SUB-520');
		expect(result.durationMs).toBeGreaterThanOrEqual(300);
	});

	test('Create: a webhook answering with another status fails with SUB-522', async () => {
		receiver.behave({ status: 500 });
		const result = await run(credential, subscriptionParameters());
		expect(result.error?.message).toContain('SUB-522');
		expect(result.error?.message).toContain('HTTP status is 500');
	});

	test('Create: a webhook answer over 1,024 bytes (headers and body) fails with SUB-525', async () => {
		receiver.behave({ padBytes: 1000 });
		const result = await run(credential, subscriptionParameters());
		expect(result.error?.message).toContain('SUB-525');
		expect(result.error?.message).toContain('WebHook server response is invalid');
	});

	test('Create: an event filter RingCentral does not know fails with SUB-508 naming eventFilters', async () => {
		const result = await run(credential, subscriptionParameters({ eventFilters: [SMS, '/restapi/v1.0/account/~/extension/~/sms-received'] }));
		expect(result.error?.message).toContain('SUB-508');
		expect(result.error?.message).toContain('(field: eventFilters)');
		expect(receiver.requests).toHaveLength(0);
	});

	test('Create: a lifetime over 10 years fails with CMN-101 naming expiresIn', async () => {
		const result = await run(credential, subscriptionParameters({ subscriptionOptions: { expiresIn: '={{ 315360001 }}' } }));
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('expiresIn');
	});

	test('Create: an address that is not a URL is refused by the spec (CMN-101 naming deliveryMode.address)', async () => {
		const result = await run(credential, subscriptionParameters({ address: 'n8n webhook' }));
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('deliveryMode.address');
		const violations = rc.emulator.takeViolations();
		expect(violations).toHaveLength(1);
		expect(violations[0]).toMatchObject({ kind: 'request', operationId: 'createSubscription' });
	});

	test('Create: the 31st subscription of a user and app fails with SUB-505 (items handshake in parallel)', async () => {
		const user = await connect('jwt', users()[9]);
		const items = Array.from({ length: 31 }, (_, index) => ({ json: { index } }));
		const result = await run(user, subscriptionParameters(), { items, continueOnFail: true });
		const failed = result.items.filter((i: any) => i.json.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({ details: { errorCode: 'SUB-505', httpStatus: 403 } });
		expect(result.items.filter((i: any) => i.json.status === 'Active')).toHaveLength(30);
		const ids = result.items.filter((i: any) => i.json.id).map((i: any) => ({ json: { id: i.json.id } }));
		const removed = await run(user, { resource: 'subscription', operation: 'delete', subscriptionId: '={{ $json.id }}' }, { items: ids });
		expect(removed.items).toHaveLength(30);
	});

	test('Get shows a blacklisted subscription with the reason', async () => {
		const created = await run(credential, subscriptionParameters());
		const id = created.items[0].json.id;
		const blacklisted = await control('POST', `/subscriptions/${id}/blacklist`, { reason: 'Webhook responses with code: [404], reason: [Not Found]' });
		expect(blacklisted.status).toBe(200);
		const read = await run(credential, { resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(read.items[0].json).toMatchObject({
			status: 'Blacklisted',
			blacklistedData: { reason: 'Webhook responses with code: [404], reason: [Not Found]', blacklistedAt: expect.any(String) },
		});
		await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: id });
	});

	test('Renew of an expired subscription fails with SUB-507; it no longer lists', async () => {
		const created = await run(credential, subscriptionParameters());
		const id = created.items[0].json.id;
		expect((await control('POST', `/subscriptions/${id}/expire`)).status).toBe(200);
		const renewed = await run(credential, { resource: 'subscription', operation: 'renew', subscriptionId: id });
		expect(renewed.error?.message).toContain('SUB-507');
		const list = await run(credential, { resource: 'subscription', operation: 'getMany', returnAll: true });
		expect(list.items.map((i: any) => i.json.id)).not.toContain(id);
	});

	test('Update with an invalid event filter fails with SUB-508 and keeps the old filters', async () => {
		const created = await run(credential, subscriptionParameters());
		const id = created.items[0].json.id;
		const result = await run(credential, { resource: 'subscription', operation: 'update', subscriptionId: id, eventFilters: ['/restapi/v1.0/account/~/nothing'] });
		expect(result.error?.message).toContain('SUB-508');
		const read = await run(credential, { resource: 'subscription', operation: 'get', subscriptionId: id });
		expect(read.items[0].json.eventFilters).toEqual([`/restapi/v1.0/account/${accountId()}/extension/${admin()}/message-store/instant?type=SMS`]);
		await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: id });
	});

	test('Delete and Renew of an unknown subscription fail with CMN-102 naming subscriptionId', async () => {
		const removed = await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: '0123456789abcdef0123' });
		expect(removed.error?.message).toContain('CMN-102');
		expect(removed.error?.message).toContain('subscriptionId');
		const renewed = await run(credential, { resource: 'subscription', operation: 'renew', subscriptionId: '0123456789abcdef0123' });
		expect(renewed.error?.httpCode).toBe('404');
	});

	test('the control API lists every subscription for the delivery engine and the e2e tier', async () => {
		const created = await run(credential, subscriptionParameters({ subscriptionOptions: { verificationToken: verification } }));
		const listed = await control('GET', '/subscriptions');
		const record = listed.body.find((s: any) => s.id === created.items[0].json.id);
		expect(record).toMatchObject({ status: 'Active', deliveryMode: { address: receiver.url } });
		expect(JSON.stringify(listed.body)).not.toContain(verification);
		expect(rc.emulator.subscriptions.get(record.id)).toMatchObject({ verificationToken: verification, ownerId: admin() });
		await run(credential, { resource: 'subscription', operation: 'delete', subscriptionId: record.id });
	});
});
