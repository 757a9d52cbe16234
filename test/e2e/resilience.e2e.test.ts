/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
/**
 * A credential that cannot sign in, and a request that never answers, in a real n8n left running.
 */
import { control, journal, mark } from './client';
import { importCredential, publish } from './published';

const ADMIN_NUMBER = '+16505551001';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
	await control('DELETE', '/faults');
});

const readPresence = (credential: { id: string; name: string; type: string }) =>
	publish({ node: 'ringCentralPresence', parameters: { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~' }, credential });

describe('a credential that cannot sign in', () => {
	test('OAuth2 with a wrong client secret: reads as an authentication error to reconnect, sent once, not retried as a network failure', async () => {
		const credential = await importCredential('ringCentralOAuth2Api', {
			grantType: 'authorizationCode',
			clientSecret: 'not-the-secret',
			// An access token RingCentral no longer accepts: n8n refreshes, with the wrong secret.
			oauthTokenData: { access_token: 'EMU-AT-no-longer-valid', refresh_token: 'EMU-RT-no-longer-valid', token_type: 'bearer', expires_in: 3600 },
		});
		const flow = await readPresence(credential);
		const since = await mark();
		expect((await flow.run()).status).toBe(500);
		const { error } = await flow.lastExecution();
		expect(error?.message).toBe("RingCentral refused the credential's sign-in: [OAU-146] Invalid client credentials");
		expect(error?.description).toContain(`Open the "${credential.name}" credential`);
		expect(error?.message).not.toContain('could not be reached');
		const sent = (await journal(since)).map((r: any) => [r.operationId, r.status]);
		expect(sent).toEqual([
			['readUserPresenceStatus', 401],
			['getToken', 401],
		]);
	});

	test('JWT with a wrong client secret: RingCentral\'s refusal in words, one sign-in attempt', async () => {
		const demo = await control('GET', '/demo');
		const credential = await importCredential('ringCentralJwtApi', { clientSecret: 'not-the-secret', jwtToken: demo.jwt, accessToken: '' });
		const flow = await readPresence(credential);
		const since = await mark();
		await flow.run();
		const { error } = await flow.lastExecution();
		expect(error?.message).toBe("RingCentral refused the credential's sign-in: [OAU-146] Invalid client credentials");
		expect((await journal(since)).map((r: any) => [r.operationId, r.status])).toEqual([['getToken', 401]]);
	});
});

describe('a request that never answers', () => {
	test('does not stall the credential: an SMS from another workflow goes out within seconds; the hung SMS fails at our timeout, outcome unknown, not sent again', async () => {
		// A credential of its own, first used here: its rate window is unknown, so its first request is the gate's probe.
		const demo = await control('GET', '/demo');
		const credential = await importCredential('ringCentralJwtApi', { jwtToken: demo.jwt, accessToken: '' });
		const sms = (text: string) =>
			publish({
				node: 'ringCentralMessaging',
				parameters: { resource: 'sms', operation: 'send', accountId: '~', extensionId: '~', from: ADMIN_NUMBER, to: '+14155550142', text },
				credential,
			});
		const hanging = await sms('Will this ever answer?');
		const other = await sms('Meanwhile, from another workflow');
		await control('POST', '/faults', { kind: 'hang', operationId: 'createSMSMessage' });
		const since = await mark();

		const started = Date.now();
		const first = hanging.run();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const second = await other.run();
		const otherMs = Date.now() - started;
		expect(second.status).toBe(200);
		// It waits for the probe's answer 5 s at most (it used to wait for n8n's 300 s timeout).
		expect(otherMs).toBeLessThan(10_000);

		expect((await first).status).toBe(500);
		const hungMs = Date.now() - started;
		const { error } = await hanging.lastExecution();
		expect(error?.message).toBe('RingCentral did not answer within 60 seconds');
		expect(error?.description).toContain('It was not repeated');
		expect(hungMs).toBeGreaterThanOrEqual(60_000);
		expect(hungMs).toBeLessThan(90_000);
		const sent = await journal(since, 'createSMSMessage');
		expect(sent.map((r: any) => [r.requestBody.text, r.status])).toEqual([
			['Will this ever answer?', -1],
			['Meanwhile, from another workflow', 200],
		]);
	});
});
