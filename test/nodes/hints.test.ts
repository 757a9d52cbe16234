/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON and n8n errors of many shapes */
/**
 * What an error tells the user to do, for the errors RingCentral users hit most, through n8n's
 * engine against the emulator: the message keeps RingCentral's errorCode and words, the
 * description (and a failed item's details) says what to do.
 */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralCallHandling } from '../../nodes/RingCentralCallHandling/RingCentralCallHandling.node';
import { RingCentralContacts } from '../../nodes/RingCentralContacts/RingCentralContacts.node';
import { RingCentralMessaging } from '../../nodes/RingCentralMessaging/RingCentralMessaging.node';
import { RingCentralPresence } from '../../nodes/RingCentralPresence/RingCentralPresence.node';
import { RingCentralRingOut } from '../../nodes/RingCentralRingOut/RingCentralRingOut.node';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralMessaging, RingCentralPresence, RingCentralContacts, RingCentralRingOut, RingCentralCallHandling],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';

/** The demo company's administrator texts from these (tools/emulator/phone-numbers.ts). */
const ADMIN_DIRECT_NUMBER = '+16505551001';
const ADMIN_SUPPORT_LINE = '+16505551099';
const COLLEAGUE_NUMBER = '+16505551002';

const messaging = rc.runner('ringCentralMessaging', { accountId: '~', extensionId: '~' });
const presence = rc.runner('ringCentralPresence', { accountId: '~' });
const contacts = rc.runner('ringCentralContacts', { accountId: '~', extensionId: '~' });
const ringOut = rc.runner('ringCentralRingOut', { accountId: '~', extensionId: '~' });
const admin = () => rc.emulator.state.ids.admin as string;
const mark = () => rc.emulator.sequence as number;
const journal = (since: number) => (rc.emulator.journal({ since }) as any[]).map((entry) => [entry.operationId, entry.status]);
/** The same without sign-ins (a credential's first use signs in). */
const apiCalls = (since: number) => journal(since).filter(([operationId]) => operationId !== 'getToken');
const sms = (from: string, to = '+14155550142') => ({ resource: 'sms', operation: 'send', from, to, text: 'Your table is ready' });
/** The name the harness gives a credential in the node (its type). */
const credentialName = (auth: Auth) => (auth === 'jwt' ? 'ringCentralJwtApi' : 'ringCentralOAuth2Api');

describe('a missing app permission names it, says where to add it and that the credential must be reconnected', () => {
	test.each<Auth>(['oAuth2', 'jwt'])('SMS → Send with an app without "SMS" (%s)', async (auth) => {
		const app = { clientId: `no-sms-${auth}`, clientSecret: 'no-sms-secret' };
		const everything = rc.emulator.spec.appPermissions() as string[];
		rc.emulator.oauth.registerApp({ ...app, permissions: everything.filter((permission) => permission !== 'SMS') });
		const credential = await rc.connect(auth, admin(), { app });
		const result = await messaging(credential, sms(ADMIN_DIRECT_NUMBER));
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toBe(
			'RingCentral answered 403: [CMN-401 / InsufficientPermissions] In order to call this API endpoint, application needs to have [SMS] permission',
		);
		expect(result.error?.description).toContain('Add the "SMS" permission to the app in the RingCentral Developer Console');
		if (auth === 'oAuth2') {
			expect(result.error?.description).toContain(`then reconnect the "${credentialName(auth)}" credential (Reconnect in its dialog)`);
		} else {
			expect(result.error?.description).toContain(`then the "${credentialName(auth)}" credential gets it with its next sign-in`);
		}

		// What the hint promises: with the permission added, a new token (reconnect / next JWT sign-in) carries it.
		rc.emulator.oauth.registerApp({ ...app, permissions: everything });
		const renewed = auth === 'oAuth2' ? await rc.connect(auth, admin(), { app }) : credential;
		if (auth === 'jwt') {
			const stale = await messaging(renewed, sms(ADMIN_DIRECT_NUMBER));
			expect(stale.error?.httpCode).toBe('403');
			rc.emulator.faults.add({ kind: 'expireToken', operationId: 'createSMSMessage' });
		}
		const sent = await messaging(renewed, sms(ADMIN_DIRECT_NUMBER));
		expect(sent.error).toBeUndefined();
		expect(sent.items[0].json).toMatchObject({ type: 'SMS', direction: 'Outbound' });
	});

	test('under Continue (using error output) the failed item carries the hint in its details', async () => {
		const app = { clientId: 'presence-less', clientSecret: 'presence-less-secret' };
		rc.emulator.oauth.registerApp({ ...app, permissions: ['ReadAccounts'] });
		const credential = await rc.connect('jwt', admin(), { app });
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' }, { onError: 'continueErrorOutput' });
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.details).toMatchObject({
			httpStatus: 403,
			errorCode: 'CMN-401',
			hint: expect.stringContaining('Add the "ReadPresence" permission to the app'),
		});
	});
});

describe('SMS from a number that cannot send: the numbers that can', () => {
	test('SMS → Send from a colleague\'s number fails with MSG-304 and lists the user\'s SMS numbers', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const since = mark();
		const result = await messaging(credential, sms(COLLEAGUE_NUMBER));
		expect(result.error?.message).toBe(
			`RingCentral answered 403: [MSG-304 / FeatureNotAvailable] Phone number [${COLLEAGUE_NUMBER}] does not belong to the extension or is not enabled for SMS (field: from.phoneNumber)`,
		);
		expect(result.error?.description).toBe(
			'RingCentral sends an SMS only from a number of the sending user that has SMS enabled (the number\'s SmsSender feature); ' +
				'the From number is not one of them. ' +
				`Numbers of this user that can send SMS: ${ADMIN_DIRECT_NUMBER} (direct number), ${ADMIN_SUPPORT_LINE} (Support line). ` +
				'Choose one in From: its From list offers only these.',
		);
		// The look-up is one request of the same credential, after the refused SMS.
		expect(apiCalls(since)).toEqual([
			['createSMSMessage', 403],
			['listExtensionPhoneNumbers', 200],
		]);
	});

	test('the numbers of the extension the SMS was sent as, given by its extension number', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await messaging(credential, { ...sms(COLLEAGUE_NUMBER), extensionId: { __rl: true, mode: 'extensionNumber', value: '101' } });
		expect(result.error?.description).toContain(`Numbers of this user that can send SMS: ${ADMIN_DIRECT_NUMBER} (direct number), ${ADMIN_SUPPORT_LINE} (Support line).`);
	});

	test('when the numbers cannot be listed (the app may not read accounts), the error says so and keeps RingCentral\'s answer', async () => {
		const app = { clientId: 'sms-only', clientSecret: 'sms-only-secret' };
		rc.emulator.oauth.registerApp({ ...app, permissions: ['SMS'] });
		const credential = await rc.connect('jwt', admin(), { app });
		const result = await messaging(credential, sms(COLLEAGUE_NUMBER), { onError: 'continueErrorOutput' });
		const [failed] = result.errorItems;
		expect(failed.json.error).toContain('[MSG-304 / FeatureNotAvailable]');
		expect(failed.json.details).toMatchObject({ errorCode: 'MSG-304', httpStatus: 403, parameterName: 'from.phoneNumber' });
		expect(failed.json.details.hint).toContain('the From number is not one of them.');
		expect(failed.json.details.hint).toContain(
			'The user\'s numbers could not be listed: RingCentral answered 403: [CMN-401 / InsufficientPermissions] In order to call this API endpoint, application needs to have [ReadAccounts] permission',
		);
	});
});

describe('a record that is not there names the field and suggests the picker', () => {
	test('Presence → Get of an extension ID that does not exist (typed By ID)', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: { __rl: true, mode: 'id', value: '404404' } });
		expect(result.error?.message).toBe('RingCentral answered 404: [CMN-102] Resource for parameter [extensionId] is not found (field: extensionId)');
		expect(result.error?.description).toBe(
			'RingCentral has no extension with this ID (extensionId) that the signed-in user can reach. ' +
				'Pick it in the node\'s field with From list, or give its extension number (By Extension Number) instead of typing or mapping an ID.',
		);
	});

	test('Contacts → Get of a contact picked from the list and deleted since', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const created = await contacts(credential, { resource: 'contact', operation: 'create', contactFields: { firstName: 'Gone', lastName: 'Soon' } });
		expect(created.error).toBeUndefined();
		const id = String(created.items[0].json.id);
		const removed = await contacts(credential, { resource: 'contact', operation: 'delete', contactId: { __rl: true, mode: 'id', value: id } });
		expect(removed.error).toBeUndefined();
		const result = await contacts(credential, { resource: 'contact', operation: 'get', contactId: { __rl: true, mode: 'list', value: id, cachedResultName: 'Gone Soon' } });
		expect(result.error?.message).toContain('[CMN-102]');
		expect(result.error?.description).toBe(
			'RingCentral has no contact with this ID (contactId) that the signed-in user can reach. ' +
				'The one picked in the list may have been deleted since: open the field and pick it again.',
		);
	});

	test('a version 1 node (a text field, mapped from an earlier node) is told to check where the ID comes from', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await presence(
			credential,
			{ resource: 'userPresence', operation: 'get', extensionId: '={{ $json.ext }}' },
			{ typeVersion: 1, items: [{ json: { ext: '404404' } }] },
		);
		expect(result.error?.description).toBe(
			'RingCentral has no extension with this ID (extensionId) that the signed-in user can reach. ' +
				'Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
		);
	});
});

describe('a phone number RingCentral cannot read asks for E.164, with the number sent and an example', () => {
	const e164 =
		'RingCentral takes phone numbers in E.164 format, a + and the country code, then the number with its area code, digits only, ' +
		'e.g. +16505550100 (US) or +442071838750 (UK). A number without its country code (6505550100) or with letters (555-CALL) is refused.';

	test('SMS → Send to 555-CALL', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await messaging(credential, sms(ADMIN_DIRECT_NUMBER, '555-CALL'));
		expect(result.error?.message).toContain('[CMN-101] Parameter [to[0].phoneNumber] value is invalid.');
		// The node sent it without the dash (it removes spaces, dashes and brackets).
		expect(result.error?.description).toBe(`to[0].phoneNumber was sent as "555CALL": ${e164}`);
	});

	test('RingOut → Start to a number without its country code', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await ringOut(credential, { resource: 'ringOutCall', operation: 'create', from: ADMIN_DIRECT_NUMBER, to: '6505550123' });
		expect(result.error?.message).toContain('[CMN-101] Parameter [to.phoneNumber] value is invalid.');
		expect(result.error?.description).toBe(`to.phoneNumber was sent as "6505550123": ${e164}`);
	});

	test('a number in E.164 that RingCentral refuses for another reason (a caller ID the account does not own) gets no format advice', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		const result = await ringOut(credential, {
			resource: 'ringOutCall',
			operation: 'create',
			from: ADMIN_DIRECT_NUMBER,
			to: '+14155550142',
			ringOutOptions: { callerId: '+14155550199' },
		});
		expect(result.error?.message).toContain('callerId.phoneNumber');
		expect(result.error?.description).not.toContain('E.164');
	});
});

describe('a credential RingCentral no longer accepts says which, and how to reconnect it', () => {
	const refreshToken = (credentialId: string) => rc.engine.credentials.get(credentialId).data.oauthTokenData.refresh_token as string;

	test('OAuth2 whose sign-in was revoked: n8n\'s "needs to be reconnected", with what happened and what to click', async () => {
		const credential = await rc.connect('oAuth2', admin());
		const revoked = await fetch(new URL('/restapi/oauth/revoke', rc.emulator.url), {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: refreshToken(credential.id) }),
		});
		expect(revoked.status).toBe(200);
		const since = mark();
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.message).toBe('The credential "ringCentralOAuth2Api" needs to be reconnected.');
		expect(result.error?.description).toBe(
			'RingCentral no longer accepts the refresh token of the "ringCentralOAuth2Api" credential: it expired (RingCentral\'s refresh tokens last a week unless used) ' +
				'or the sign-in was revoked (the user signed out of the app, changed the password, or an admin removed the app\'s access). ' +
				'Open the credential and click Reconnect to sign in again. Requests were not retried: a refused sign-in does not fix itself.',
		);
		expect(journal(since)).toEqual([
			['readUserPresenceStatus', 401],
			['getToken', 400],
		]);
	});

	test('OAuth2 whose refresh token expired (OAU-210)', async () => {
		const credential = await rc.connect('oAuth2', admin());
		rc.emulator.oauth.refreshTokens.get(refreshToken(credential.id)).expiresAt = Date.now() - 1000;
		rc.emulator.faults.add({ kind: 'expireToken', operationId: 'readUserPresenceStatus' });
		const since = mark();
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.description).toContain('RingCentral no longer accepts the refresh token of the "ringCentralOAuth2Api" credential');
		// The refresh may first wait out the Auth group (this file signs in often): RingCentral's last word is OAU-210.
		const refreshes = (rc.emulator.journal({ since, operationId: 'getToken' }) as any[]).map((entry) => entry.status);
		expect(refreshes[refreshes.length - 1]).toBe(400);
	});

	test('JWT that RingCentral refuses (revoked, or not this app\'s): a new JWT, pasted into the credential', async () => {
		const stored = rc.jwtCredential(admin());
		const data = rc.engine.credentials.get(String(stored.id)).data;
		// Another signature: what RingCentral answers for a JWT it no longer honours.
		data.jwtToken = `${String(data.jwtToken).slice(0, -4)}AAAA`;
		const since = mark();
		const result = await presence({ type: 'ringCentralJwtApi', id: String(stored.id) }, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.message).toBe("RingCentral refused the credential's sign-in: [OAU-140] Invalid resource owner credentials");
		expect(result.error?.description).toBe(
			'RingCentral no longer accepts the JWT of the "ringCentralJwtApi" credential: it was revoked or has expired, or it was issued for another app. ' +
				'Create a new JWT for this app in the RingCentral Developer Console (Credentials → Create JWT) and paste it into the credential\'s JWT field. ' +
				'Requests were not retried: a refused sign-in does not fix itself.',
		);
		expect(JSON.stringify(result.error)).not.toContain(String(data.jwtToken));
		expect(journal(since)).toEqual([['getToken', 400]]);
	});
});

describe('a rate limit that outlasts every retry', () => {
	afterEach(() => {
		rc.emulator.rateLimiter.configure({ limits: { Light: 50 }, windowSeconds: 1, penaltySeconds: 1 });
	});

	test('Presence → Get, its Light group used up: the group, and what to do (batching, spreading runs)', async () => {
		const credential = await rc.connect('jwt', admin(), { once: true });
		// Nothing gets through in the Light group of this user and app: every attempt is a 429.
		rc.emulator.rateLimiter.configure({ limits: { Light: 0 }, windowSeconds: 1, penaltySeconds: 1 });
		const since = mark();
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.message).toBe('RingCentral answered 429: [CMN-301] Request rate exceeded');
		expect(result.error?.description).toContain(
			'RingCentral still refused after the node waited out its rate limit and tried again several times: the Light usage-plan group of this user and app is used up',
		);
		expect(result.error?.description).toContain('set Request Options → Batching (fewer Items per Batch, a Batch Interval between them)');
		expect(result.error?.description).toContain('run large jobs less often or spread them over the day');
		const attempts = journal(since).filter(([operationId]) => operationId === 'readUserPresenceStatus');
		expect(attempts.length).toBeGreaterThan(1);
		expect(attempts.every(([, status]) => status === 429)).toBe(true);
	}, 60_000);
});
