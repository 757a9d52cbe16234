/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
/**
 * What every request path shares (the one RingCentral client), through n8n's engine over HTTP:
 * answers that are not RingCentral's, refused sign-ins, requests that never answer, and writes
 * whose outcome is unknown.
 */
import { sleep } from 'n8n-workflow';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralMessaging } from '../../nodes/RingCentralMessaging/RingCentralMessaging.node';
import { RingCentralPresence } from '../../nodes/RingCentralPresence/RingCentralPresence.node';
import { directNumberOf } from '../../tools/emulator/telephony';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralMessaging, RingCentralPresence],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 10, rateLimits: { windowSeconds: 1 } },
});

const messaging = rc.runner('ringCentralMessaging', { accountId: '~', extensionId: '~' });
const presence = rc.runner('ringCentralPresence', { accountId: '~' });
const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const journal = (since: number, operationId?: string) => rc.emulator.journal({ since, operationId }) as any[];
const numberOf = (extensionId: string) => directNumberOf(rc.emulator.state, extensionId) as string;
const sms = (text: string, extra: Record<string, unknown> = {}) => ({
	resource: 'sms',
	operation: 'send',
	from: numberOf(users()[0]),
	to: '+14155550142',
	text,
	...extra,
});
/** Request Options → Timeout of n8n's declarative nodes, in ms. */
const timeout = (ms: number) => ({ requestOptions: { timeout: ms } });
const sentTexts = () =>
	[...rc.emulator.areaState('messaging', () => undefined).mailbox(users()[0]).values()].filter((m: any) => m.type === 'SMS').map((m: any) => m.subject);

describe('answers that are not RingCentral\'s', () => {
	test('a 200 with a proxy\'s HTML page fails the item instead of becoming {"success": true}; a sent SMS is not sent again', async () => {
		const credential = await rc.connect('jwt', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'html', operationId: 'createSMSMessage' });
		const since = mark();
		const result = await messaging(credential, sms('Behind a captive portal'));
		expect(result.error?.message).toMatch(/^RingCentral answered 200 \(text\/html\) with something that is not JSON: <!DOCTYPE html>/);
		expect(result.error?.description).toContain('may have carried the request out');
		expect(journal(since, 'createSMSMessage')).toHaveLength(1);
		expect(sentTexts()).toContain('Behind a captive portal');
	});

	test('a read answered with HTML fails too', async () => {
		const credential = await rc.connect('jwt', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'html', operationId: 'readUserPresenceStatus' });
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.message).toContain('with something that is not JSON');
		expect(result.items).toEqual([]);
	});
});

describe('a credential that cannot sign in', () => {
	test('OAuth2 with a wrong client secret: the refused refresh says to reconnect the credential and is not retried', async () => {
		const credential = await rc.connect('oAuth2', users()[1]);
		rc.engine.credentials.get(credential.id).data.clientSecret = 'not-the-secret';
		rc.emulator.faults.add({ kind: 'expireToken', operationId: 'readUserPresenceStatus' });
		const since = mark();
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~' });
		expect(result.error?.message).toBe("RingCentral refused the credential's sign-in: [OAU-146] Invalid client credentials");
		expect(result.error?.description).toContain('reconnect it');
		const entries = journal(since);
		expect(entries.map((e) => [e.operationId, e.status])).toEqual([
			['readUserPresenceStatus', 401],
			['getToken', 401],
		]);
	});

	test('JWT with a wrong client secret: rejected once, with RingCentral\'s words, never retried as a network failure', async () => {
		const credential = rc.jwtCredential(users()[2]);
		rc.engine.credentials.get(credential.id).data.clientSecret = 'not-the-secret';
		const since = mark();
		const result = await presence(
			{ type: 'ringCentralJwtApi', id: String(credential.id) },
			{ resource: 'userPresence', operation: 'get', extensionId: '~' },
		);
		expect(result.error?.message).toBe("RingCentral refused the credential's sign-in: [OAU-146] Invalid client credentials");
		expect(journal(since).map((e) => [e.operationId, e.status])).toEqual([['getToken', 401]]);
	});
});

describe('requests that never answer', () => {
	test('a read that hangs times out at the timeout and is tried once more', async () => {
		const credential = await rc.connect('jwt', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'hang', operationId: 'readUserPresenceStatus' });
		const since = mark();
		const result = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~', ...timeout(1500) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.presenceStatus).toBeDefined();
		expect(journal(since, 'readUserPresenceStatus').map((e) => e.status)).toEqual([-1, 200]);
		expect(result.durationMs).toBeGreaterThanOrEqual(1500);
	});

	test('a write that hangs fails at the timeout, says its outcome is unknown, and is never sent again', async () => {
		const credential = await rc.connect('jwt', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'hang', operationId: 'createSMSMessage' });
		const since = mark();
		const result = await messaging(credential, sms('Did it go out?', timeout(1500)));
		expect(result.error?.message).toBe('RingCentral did not answer within 1.5 seconds');
		expect(result.error?.description).toContain('It was not repeated');
		expect(journal(since, 'createSMSMessage')).toHaveLength(1);
	});

	test('a hung request does not hold the credential: another execution on the same credential and group goes on', async () => {
		// A fresh credential: its window is unknown, so its first request is the gate's probe.
		const credential = await rc.connect('jwt', users()[3]);
		rc.emulator.faults.add({ kind: 'hang', operationId: 'readUserPresenceStatus' });
		const hung = presence(credential, { resource: 'userPresence', operation: 'get', extensionId: '~', ...timeout(9000) });
		await sleep(200);
		const other = await presence(credential, { resource: 'userPresence', operation: 'get', extensionId: users()[4] });
		expect(other.error).toBeUndefined();
		// The others wait for a probe's answer 5 s at most, not for its 9 s timeout.
		expect(other.durationMs).toBeLessThan(7000);
		const first = await hung;
		expect(first.error).toBeUndefined();
		expect(first.durationMs).toBeGreaterThanOrEqual(9000);
	});
});

describe('a connection that drops after a write', () => {
	test('the SMS went out: the error says the outcome is unknown, never "retry immediately", and it is not sent twice', async () => {
		const credential = await rc.connect('oAuth2', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'resetAfter', operationId: 'createSMSMessage' });
		const since = mark();
		const result = await messaging(credential, sms('Sent, but the answer was lost'));
		expect(result.error?.message).toBe('The connection to RingCentral failed before it answered: the connection was reset');
		expect(result.error?.description).toContain('may have carried the request out');
		expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/retry the request immediately/i);
		expect(journal(since, 'createSMSMessage')).toHaveLength(1);
		expect(sentTexts().filter((text: string) => text === 'Sent, but the answer was lost')).toHaveLength(1);
	});

	test('under continue on fail the failed SMS item says so in its details, paired with its input', async () => {
		const credential = await rc.connect('oAuth2', users()[0], { once: true });
		rc.emulator.faults.add({ kind: 'resetAfter', operationId: 'createSMSMessage' });
		const result = await messaging(credential, sms('={{ $json.text }}'), {
			items: [{ json: { text: 'first' } }, { json: { text: 'second' } }],
			onError: 'continueErrorOutput',
		});
		expect(result.items).toHaveLength(1);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json).toMatchObject({ details: { outcome: 'unknown', errorCode: 'ECONNRESET' } });
		expect([result.items[0].pairedItem, result.errorItems[0].pairedItem]).toEqual(expect.arrayContaining([{ item: 0 }, { item: 1 }]));
	});
});
