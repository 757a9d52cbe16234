/**
 * Conformance: RingCentral's official subscriptions client (@ringcentral/subscriptions, on
 * @rc-ex/ws — a WebSocket client nobody here wrote) subscribes over the emulator's WebSocket
 * gateway as an app would: WS token, ConnectionDetails, the subscription tunnelled in a
 * ClientRequest, notifications, its own automatic recovery with the `wsc` token after a dropped
 * connection (missed events replayed), a new subscription when recovery fails, and revoking it.
 * Where the client and the emulator disagree, the emulator is wrong.
 */
import { SDK } from '@ringcentral/sdk';
import { Subscriptions } from '@ringcentral/subscriptions';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';

let emulator: Emulator;
/** What the test left subscribed: revoked afterwards (the client keeps timers until then). */
const live: Array<{ revoke(): Promise<void> }> = [];

beforeAll(async () => {
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1, limits: { Auth: 1000 } } });
	await emulator.start();
});
afterAll(async () => emulator.stop());
afterEach(async () => {
	for (const subscription of live.splice(0)) await subscription.revoke().catch(() => undefined);
	emulator.webSockets.reset();
	expect(emulator.takeViolations()).toEqual([]);
});

const SMS_FILTER = '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS';
const sms = (text: string) =>
	emulator.emit(`/restapi/v1.0/account/${emulator.state.accountId}/extension/${emulator.state.ids.admin}/message-store/instant`, {
		type: 'SMS',
		direction: 'Inbound',
		subject: text,
	});

async function until<T>(check: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Signs in with RingCentral's SDK and subscribes with its subscriptions client; collects the events' subjects. */
async function subscribed() {
	const sdk = new SDK({ server: emulator.url, clientId: 'demo-client-id', clientSecret: 'demo-client-secret', cachePrefix: `subscriptions-${Date.now()}-` });
	await sdk.platform().login({ jwt: emulator.oauth.issueJwt() });
	const subscription = new Subscriptions({ sdk }).createSubscription();
	const subjects: string[] = [];
	subscription.on(subscription.events.notification, (event: { body?: { subject?: string } }) => subjects.push(String(event.body?.subject)));
	const registered = await subscription.setEventFilters([SMS_FILTER]).register();
	// Revoking the extension (not just the subscription) also stops its recovery timers.
	live.push({ revoke: () => registered.wse.revoke() });
	return { registered, subjects };
}

test('subscribes over the socket: a WebSocket subscription at RingCentral, events delivered', async () => {
	const { registered, subjects } = await subscribed();
	const id = registered.subscriptionInfo?.id as string;
	expect(registered.subscriptionInfo).toMatchObject({ status: 'Active', deliveryMode: { transportType: 'WebSocket' } });
	expect(emulator.subscriptions?.get(id)?.deliveryMode.transportType).toBe('WebSocket');
	expect(emulator.journal({ operationId: 'createSubscription' }).at(-1)).toMatchObject({ transport: 'WebSocket', status: 200 });
	sms('hello');
	await until(() => subjects.includes('hello'), 'the notification');
});

test('recovers a dropped connection by itself with the wsc token: the missed events arrive, once each', async () => {
	const { subjects } = await subscribed();
	sms('before');
	await until(() => subjects.includes('before'), 'the first notification');
	emulator.webSockets.drop(emulator.webSockets.select()[0]);
	for (let i = 0; i < 3; i++) sms(`missed ${i}`);
	await until(() => subjects.includes('missed 2'), 'the replayed notifications');
	expect(subjects).toEqual(['before', 'missed 0', 'missed 1', 'missed 2']);
	const [session] = emulator.webSockets.describe();
	expect(session).toMatchObject({ state: 'connected', connections: 2, lastRecovery: { state: 'Successful', replayed: 3 } });
});

test('subscribes again when the gateway refuses to recover the session', async () => {
	const { subjects } = await subscribed();
	const first = emulator.webSockets.select()[0];
	const firstSubscription = first.subscriptionId;
	emulator.webSockets.refuseRecoveries = 1;
	emulator.webSockets.drop(first);
	const second = await until(() => emulator.webSockets.select().find((s) => s.id !== first.id && s.subscriptionId), 'a new subscription');
	expect(second.lastRecovery).toMatchObject({ state: 'Failed', errorCode: 'WSG-1005' });
	expect(second.subscriptionId).not.toBe(firstSubscription);
	expect(emulator.subscriptions?.get(String(firstSubscription))).toBeUndefined();
	sms('after');
	await until(() => subjects.includes('after'), 'the notification after re-subscribing');
});

test('revoking deletes the subscription over the socket and closes it', async () => {
	const { registered } = await subscribed();
	const id = registered.subscriptionInfo?.id as string;
	await live.pop()?.revoke();
	expect(emulator.subscriptions?.get(id)).toBeUndefined();
	expect(emulator.journal({ operationId: 'deleteSubscription' }).at(-1)).toMatchObject({ transport: 'WebSocket', status: 204 });
	await until(() => emulator.webSockets.openSockets === 0, 'the socket closed');
});
