/* eslint-disable @typescript-eslint/no-explicit-any -- RingCentral events of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralTrigger } from '../../nodes/RingCentralTrigger/RingCentralTrigger.node';
import { healthCheckSchedule } from '../../nodes/RingCentralTrigger/subscription';
import { useRingCentral } from '../harness/ringcentral';
import { inject as injectEvent } from '../../tools/emulator/events';
import { startTrigger } from '../harness/trigger';
import type { StartedTrigger } from '../harness/trigger';

const rc = useRingCentral({
	nodeTypes: [RingCentralTrigger],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { rateLimits: { windowSeconds: 1 } },
});

let jwt: { type: string; id: string };
let oauth: { type: string; id: string };
const running: any[] = [];

beforeAll(async () => {
	jwt = { type: 'ringCentralJwtApi', id: rc.jwtCredential().id };
	oauth = { type: 'ringCentralOAuth2Api', id: (await rc.oauth2Credential()).id };
});

afterEach(async () => {
	for (const trigger of running.splice(0)) {
		await trigger.deactivate().catch(() => undefined);
		await trigger.stop();
	}
});

async function trigger(parameters: Record<string, unknown>, credential = jwt) {
	const started = await startTrigger({
		engine: rc.engine,
		type: 'ringCentralTrigger',
		parameters: { authentication: credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2', ...parameters },
		credential,
	});
	running.push(started);
	return started;
}

const admin = () => rc.emulator.state.ids.admin as string;
const subscriptionsAt = (url: string) => rc.emulator.subscriptions.all().filter((s: any) => s.deliveryMode.address === url);

/** Injects an event and waits until its deliveries are answered and handled (the webhook answers before it works). */
async function inject(kind: string, input: Record<string, unknown> = {}) {
	const result = injectEvent(rc.emulator, kind, input);
	await settled();
	return result;
}

async function settled() {
	await rc.emulator.notifications.idle();
	for (const trigger of running) await trigger.settled();
}

describe.each([
	['jwt', () => jwt],
	['oAuth2', () => oauth],
])('RingCentral Trigger with %s credentials', (_name, credential) => {
	test('activation creates a 10-year webhook subscription after answering the handshake, no execution', async () => {
		const t = await trigger({ events: ['inboundSms', 'voicemail'] }, credential());
		const since = rc.emulator.sequence;
		await t.activate();
		const [create] = rc.emulator.journal({ since, operationId: 'createSubscription' });
		expect(create.status).toBe(200);
		expect(create.requestBody).toMatchObject({
			eventFilters: [
				'/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
				'/restapi/v1.0/account/~/extension/~/voicemail',
			],
			deliveryMode: { transportType: 'WebHook', address: t.webhookUrl },
			expiresIn: 315360000,
		});
		expect(create.requestBody.deliveryMode.verificationToken).toMatch(/^[0-9a-f]{48}$/);
		const [handshake] = t.answers;
		expect(handshake).toMatchObject({ handshake: true, status: 200 });
		expect(handshake.size).toBeLessThan(1024);
		expect(handshake.durationMs).toBeLessThan(3000);
		expect(t.executions).toHaveLength(0);
		const [subscription] = subscriptionsAt(t.webhookUrl);
		expect(subscription.status).toBe('Active');
		expect(subscription.eventFilters[0]).toBe(`/restapi/v1.0/account/${rc.emulator.state.accountId}/extension/${admin()}/message-store/instant?type=SMS`);
		expect(t.staticData()).toMatchObject({ subscriptionId: subscription.id, webhookUrl: t.webhookUrl });
	});

	test('an inbound SMS runs the workflow once with the message', async () => {
		const t = await trigger({ events: ['inboundSms'] }, credential());
		await t.activate();
		await inject('inbound-sms', { text: 'Call me back please', from: '+14155550142' });
		expect(t.executions).toHaveLength(1);
		const [item] = t.executions[0].items;
		expect(item.json).toMatchObject({
			eventType: 'inboundSms',
			type: 'SMS',
			direction: 'Inbound',
			subject: 'Call me back please',
			from: { phoneNumber: '+14155550142' },
			subscriptionId: subscriptionsAt(t.webhookUrl)[0].id,
		});
		expect(item.json.uuid).toBeTruthy();
	});

	test('the periodic check runs where n8n runs it — a cron callback, no expression isolate held — and re-creates a deleted subscription', async () => {
		const t = await trigger({ events: ['inboundSms'], options: { healthCheckMinutes: 1 } }, credential());
		await t.activate();
		const first = t.staticData().subscriptionId;
		rc.emulator.subscriptions.remove(first);
		const since = rc.emulator.sequence;
		tickAt(t, minutesOf(t, 1).due);
		await waitFor(() => subscriptionsAt(t.webhookUrl).length === 1);
		expect(subscriptionsAt(t.webhookUrl)[0].id).not.toBe(first);
		expect(rc.emulator.journal({ since, operationId: 'createSubscription' })).toHaveLength(1);
		await inject('inbound-sms', { text: 'after the repair' });
		expect(t.executions.map((e) => e.items[0].json.subject)).toEqual(['after the repair']);
	});
});

describe('RingCentral Trigger webhook', () => {
	test('a delivery with a wrong Verification-Token is refused with 401 and runs nothing', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		const answer = await fetch(t.webhookUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Verification-Token': 'guessed' },
			body: JSON.stringify({ uuid: 'forged-1', event: '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS', body: {} }),
		});
		expect(answer.status).toBe(401);
		const missing = await fetch(t.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
		expect(missing.status).toBe(401);
		expect(t.executions).toHaveLength(0);
	});

	test('a notification RingCentral delivers twice runs the workflow once', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		await inject('inbound-sms', { text: 'once' });
		const [delivery] = deliveriesTo(t);
		expect(rc.emulator.notifications.redeliver(delivery.uuid)).toBe(true);
		await settled();
		const again = rc.emulator.notifications.deliveries.filter((d: any) => d.uuid === delivery.uuid);
		expect(again.map((d: any) => d.status)).toEqual([200, 200]);
		expect(t.executions).toHaveLength(1);
		// Started by the running trigger function, with n8n's execution deduplication key.
		expect(t.executions[0]).toMatchObject({ mode: 'trigger', deduplicationKey: `ringcentral:${t.workflowId}:${t.node.id}:${delivery.uuid}` });
		// The webhook's static data is not what remembers it: n8n drops what a call that starts an execution writes.
		expect(JSON.stringify(t.staticData())).not.toContain(delivery.uuid);
	});

	test('two deliveries of one notification at the same moment run the workflow once', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		rc.emulator.notifications.settings.copies = 2;
		try {
			await inject('inbound-sms', { text: 'twice at once' });
		} finally {
			rc.emulator.notifications.settings.copies = 1;
		}
		const delivered = deliveriesTo(t);
		expect(delivered.map((d: any) => d.status)).toEqual([200, 200]);
		expect(delivered[0].uuid).toBe(delivered[1].uuid);
		expect(t.executions).toHaveLength(1);
		expect(t.duplicates).toHaveLength(0);
	});

	test('where no trigger function runs (an n8n webhook process), n8n starts the execution from the webhook\'s items, once', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.create();
		await inject('inbound-sms', { text: 'via a webhook process' });
		const [delivery] = deliveriesTo(t);
		rc.emulator.notifications.redeliver(delivery.uuid);
		await settled();
		expect(t.executions.map((e) => `${e.mode}:${e.items[0].json.subject}`)).toEqual(['webhook:via a webhook process']);
	});

	test('deliveries carry RingCentral\'s user agent and the verification token the trigger created', async () => {
		const t = await trigger({ events: ['voicemail'] });
		await t.activate();
		await inject('voicemail', { text: 'Please call back' });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'voicemail', type: 'VoiceMail', vmTranscriptionStatus: 'Completed' });
		const delivered = deliveriesTo(t);
		expect(delivered.map((d: any) => d.status)).toEqual([200]);
	});
});

describe('RingCentral Trigger answers first', () => {
	test('a delivery is answered before its messages are read; the execution follows with them', async () => {
		const t = await trigger({ events: ['messageStore'] });
		await t.activate();
		rc.emulator.faults.add({ kind: 'slow', delayMs: 1500, operationId: 'readMessage' });
		const since = t.answers.length;
		injectEvent(rc.emulator, 'inbound-sms', { text: 'read me later' });
		await rc.emulator.notifications.idle();
		const [answer] = t.answers.slice(since);
		expect(answer.status).toBe(200);
		expect(answer.durationMs).toBeLessThan(1000);
		expect(t.executions).toHaveLength(0);
		await settled();
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'messageStore', type: 'SMS', subject: 'read me later' });
		expect(t.executions[0].at - answer.at).toBeGreaterThanOrEqual(1500);
	});

	test('a notification delivered again while its first delivery is still being handled runs once', async () => {
		const t = await trigger({ events: ['messageStore'] });
		await t.activate();
		rc.emulator.faults.add({ kind: 'slow', delayMs: 1500, operationId: 'readMessage' });
		injectEvent(rc.emulator, 'inbound-sms', { text: 'sent while you were busy' });
		await rc.emulator.notifications.idle();
		const [first] = deliveriesTo(t);
		expect(rc.emulator.notifications.redeliver(first.uuid)).toBe(true);
		await rc.emulator.notifications.idle();
		// Both answered while the first is still reading its message.
		expect(t.executions).toHaveLength(0);
		expect(deliveriesTo(t).map((d: any) => d.status)).toEqual([200, 200]);
		await settled();
		expect(t.executions).toHaveLength(1);
		expect(t.duplicates).toHaveLength(0);
	});

	test('a message that cannot be read still runs the workflow: an item with its id and the error', async () => {
		const t = await trigger({ events: ['messageStore'] });
		await t.activate();
		rc.emulator.faults.add({ kind: '500', count: 10, operationId: 'readMessage' });
		const message = (await inject('inbound-sms', { text: 'unreadable' })) as { id: string | number };
		rc.emulator.faults.clear();
		expect(deliveriesTo(t).map((d: any) => d.status)).toEqual([200]);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items[0].json).toMatchObject({ id: String(message.id), eventType: 'messageStore', changeType: 'SMS', error: { message: expect.stringMatching(/500|RingCentral/) } });
	});
});

describe('RingCentral Trigger events', () => {
	test('Message Store Change fetches each new message (one item per message, filters by type and direction)', async () => {
		const t = await trigger({ events: ['messageStore'], messageType: 'Fax', messageDirection: 'Inbound' });
		await t.activate();
		expect(subscriptionsAt(t.webhookUrl)[0].eventFilters[0]).toMatch(/\/message-store\?type=Fax&direction=Inbound$/);
		await inject('inbound-sms', { text: 'not a fax' });
		expect(t.executions).toHaveLength(0);
		const since = rc.emulator.sequence;
		const fax = await inject('inbound-fax', { text: 'Contract' });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items).toHaveLength(1);
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'messageStore', changeType: 'Fax', id: fax.id, type: 'Fax', faxPageCount: 1 });
		expect(rc.emulator.journal({ since, operationId: 'readMessage' })).toHaveLength(1);
	});

	test('Message Store Change without fetching outputs the change summary', async () => {
		const t = await trigger({ events: ['messageStore'], fetchMessages: false });
		await t.activate();
		await inject('inbound-sms', { text: 'hi' });
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'messageStore', changes: [{ type: 'SMS', newCount: 1 }] });
	});

	test('Inbound Fax', async () => {
		const t = await trigger({ events: ['inboundFax'] });
		await t.activate();
		await inject('inbound-fax', { text: 'Invoice' });
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'inboundFax', type: 'Fax', direction: 'Inbound' });
	});

	test('Presence of the extension, with detailed telephony; of the account; of call queue members', async () => {
		const dan = rc.emulator.state.users[3] as string;
		const own = await trigger({ events: ['presence'], extensionId: dan, detailedTelephony: true });
		await own.activate();
		const account = await trigger({ events: ['presence'], presenceLevel: 'account', detailedTelephony: false });
		await account.activate();
		const queue = await trigger({ events: ['presence'], presenceLevel: 'callQueue', callQueueId: rc.emulator.state.ids.supportQueue });
		await queue.activate();
		await inject('presence', { extensionId: dan, userStatus: 'Busy' });
		expect(own.executions[0].items[0].json).toMatchObject({ eventType: 'presence', extensionId: dan, userStatus: 'Busy', telephonyStatus: 'CallConnected' });
		expect(own.executions[0].items[0].json.activeCalls).toHaveLength(1);
		expect(account.executions[0].items[0].json).not.toHaveProperty('activeCalls');
		expect(queue.executions).toHaveLength(1);
	});

	test('Telephony Session: one item per call party status change, party fields flattened', async () => {
		const t = await trigger({ events: ['telephonySession'], callDirection: 'Inbound' });
		await t.activate();
		await inject('call', { direction: 'Outbound' });
		expect(t.executions).toHaveLength(0);
		await inject('call', { direction: 'Inbound', from: '+14155550142' });
		expect(t.executions.map((e: any) => e.items[0].json.statusCode)).toEqual(['Setup', 'Proceeding', 'Answered', 'Disconnected']);
		expect(t.executions[3].items[0].json).toMatchObject({
			eventType: 'telephonySession',
			direction: 'Inbound',
			from: { phoneNumber: '+14155550142' },
			statusReason: 'CallFinished',
			missedCall: false,
			extensionId: admin(),
		});
		expect(t.executions[3].items[0].json.telephonySessionId).toMatch(/^s-/);
	});

	test('Missed Call, for the whole account', async () => {
		const t = await trigger({ events: ['missedCall'], callLevel: 'account' });
		await t.activate();
		expect(subscriptionsAt(t.webhookUrl)[0].eventFilters).toEqual([`/restapi/v1.0/account/${rc.emulator.state.accountId}/telephony/sessions?missedCall=true`]);
		await inject('call', { extensionId: rc.emulator.state.users[1] });
		expect(t.executions).toHaveLength(0);
		await inject('call', { extensionId: rc.emulator.state.users[1], outcome: 'missed' });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items[0].json).toMatchObject({ eventType: 'missedCall', missedCall: true, statusReason: 'NoAnswer' });
	});

	test('Team Messaging Post and Chat Change', async () => {
		const t = await trigger({ events: ['teamPost', 'teamChat'] });
		await t.activate();
		await inject('team-post', { text: 'Release is out' });
		await inject('team-chat', { name: 'Release Team', eventType: 'GroupRenamed' });
		await inject('team-post', { postId: '42', text: 'Release is out!', eventType: 'PostChanged' });
		await inject('team-post', { postId: '42', eventType: 'PostRemoved' });
		// RingCentral's own event type stays; which of the trigger's events it is comes as triggerEvent.
		expect(t.executions.map((e: any) => `${e.items[0].json.triggerEvent}:${e.items[0].json.eventType}`)).toEqual([
			'teamPost:PostAdded',
			'teamChat:GroupRenamed',
			'teamPost:PostChanged',
			'teamPost:PostRemoved',
		]);
		expect(t.executions[0].items[0].json).toMatchObject({ text: 'Release is out', type: 'TextMessage' });
		expect(t.executions[1].items[0].json).toMatchObject({ name: 'Release Team' });
	});

	test('Contact or Extension Change, and custom event filters', async () => {
		const t = await trigger({ events: ['extensionChange', 'custom'], changes: ['extension', 'directory'], customFilters: '/restapi/v1.0/account/~/extension/~/presence/dnd' });
		await t.activate();
		expect(subscriptionsAt(t.webhookUrl)[0].eventFilters).toHaveLength(3);
		await inject('extension-change', { extensionId: admin(), eventType: 'Delete' });
		// The extension's own change says what happened; the directory change lists it per entry.
		expect(t.executions.map((e: any) => `${e.items[0].json.triggerEvent}:${e.items[0].json.eventType}`).sort()).toEqual([
			'extensionChange:Delete',
			'extensionChange:extensionChange',
		]);
		await inject('custom', { event: `/restapi/v1.0/account/${rc.emulator.state.accountId}/extension/${admin()}/presence/dnd`, body: { dndStatus: 'DoNotAcceptAnyCalls' } });
		expect(t.executions[2].items[0].json).toMatchObject({ triggerEvent: 'custom', eventType: 'custom', dndStatus: 'DoNotAcceptAnyCalls' });
	});

	test('an unknown event filter is refused by RingCentral with SUB-508 at activation', async () => {
		const t = await trigger({ events: ['custom'], customFilters: '/restapi/v1.0/nonsense' });
		await expect(t.activate()).rejects.toThrow(/SUB-508/);
	});
});

describe('RingCentral Trigger lifecycle', () => {
	test('checkExists keeps a healthy subscription and replaces blacklisted, expired or mismatched ones', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		const first = t.staticData().subscriptionId;
		expect(await t.checkExists()).toBe(true);
		rc.emulator.subscriptions.blacklist(first);
		expect(await t.checkExists()).toBe(false);
		expect(rc.emulator.subscriptions.get(first)).toBeUndefined();
		await t.create();
		const second = t.staticData().subscriptionId;
		rc.emulator.subscriptions.expire(second);
		expect(await t.checkExists()).toBe(false);
		await t.create();
		t.node.parameters.events = ['inboundSms', 'voicemail'];
		expect(await t.checkExists()).toBe(false);
		expect(subscriptionsAt(t.webhookUrl)).toHaveLength(0);
	});

	test('the health check repairs a blacklisted subscription at start and on its schedule, and renews near expiry', async () => {
		const t = await trigger({ events: ['inboundSms'], options: { healthCheckMinutes: 5 } });
		await t.activate();
		const first = t.staticData().subscriptionId;
		// n8n starts the trigger function on its own copy of the static data, saved at activation:
		// only the webhook's address is needed from it.
		for (const key of Object.keys(t.staticData())) if (key !== 'webhookUrl') delete t.staticData()[key];
		rc.emulator.subscriptions.blacklist(first, 'I/O operation is failed. Details: [Read timed out]');
		await t.startTriggerFunction();
		const repaired = subscriptionsAt(t.webhookUrl);
		expect(repaired).toHaveLength(1);
		expect(repaired[0].id).not.toBe(first);
		expect(repaired[0].status).toBe('Active');
		await inject('inbound-sms', { text: 'after repair' });
		expect(t.executions).toHaveLength(1);

		expect(t.crons).toHaveLength(1);
		rc.emulator.subscriptions.remove(repaired[0].id);
		// n8n's cron ticks every minute; only every fifth minute, the trigger's own, checks.
		const { due, notDue } = minutesOf(t, 5);
		const quiet = rc.emulator.sequence;
		tickAt(t, notDue);
		await settle();
		expect(rc.emulator.journal({ since: quiet })).toHaveLength(0);
		tickAt(t, due);
		await waitFor(() => subscriptionsAt(t.webhookUrl).length === 1);
		const recreated = subscriptionsAt(t.webhookUrl)[0];
		recreated.expirationTime = Date.now() + 24 * 3600 * 1000;
		const since = rc.emulator.sequence;
		tickAt(t, due + 5);
		await waitFor(() => rc.emulator.journal({ since, operationId: 'renewSubscription' }).length === 1);
		expect(subscriptionsAt(t.webhookUrl)[0].id).toBe(recreated.id);
	});

	test('a webhook that keeps failing gets the subscription blacklisted; the health check brings it back', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		const id = t.staticData().subscriptionId;
		// The app's secret is rotated in n8n only: the token the webhook expects no longer matches.
		const stored = rc.engine.credentials.get(jwt.id).data;
		const secret = stored.clientSecret;
		stored.clientSecret = `${secret}-rotated`;
		rc.emulator.notifications.settings.retries = 0;
		try {
			for (let i = 0; i < 3; i++) await inject('inbound-sms', { text: `lost ${i}` });
		} finally {
			rc.emulator.notifications.settings.retries = 2;
			stored.clientSecret = secret;
		}
		expect(t.executions).toHaveLength(0);
		expect(rc.emulator.subscriptions.get(id)).toMatchObject({ status: 'Blacklisted', blacklistedData: { reason: 'Webhook responses with code: [401]' } });
		await t.startTriggerFunction();
		await inject('inbound-sms', { text: 'found again' });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].items[0].json.subject).toBe('found again');
	});

	test('activation and the health check running at the same moment make one subscription, not two', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		const first = t.staticData().subscriptionId;
		rc.emulator.subscriptions.blacklist(first);
		await Promise.all([t.activate(), t.startTriggerFunction()]);
		const live = subscriptionsAt(t.webhookUrl);
		expect(live).toHaveLength(1);
		expect(live[0].status).toBe('Active');
		await inject('inbound-sms', { text: 'exactly once' });
		expect(t.executions).toHaveLength(1);
	});

	test('deactivation deletes the subscription, duplicates and ones it lost track of included', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		// A second subscription to the same webhook, as an interrupted earlier activation can leave.
		const store = rc.emulator.subscriptions;
		const original = store.get(t.staticData().subscriptionId);
		const stray = { ...original, id: store.nextId() };
		store.records.set(stray.id, stray);
		delete t.staticData().subscriptionId;
		expect(subscriptionsAt(t.webhookUrl)).toHaveLength(2);
		await t.deactivate();
		expect(subscriptionsAt(t.webhookUrl)).toHaveLength(0);
		await t.deactivate();
	});

	test('listening for a test event uses a subscription of its own and leaves production\'s alone', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.activate();
		const production = t.staticData().subscriptionId;
		await t.listenForTestEvent();
		const test = subscriptionsAt(t.testWebhookUrl);
		expect(test).toHaveLength(1);
		expect(rc.emulator.subscriptions.get(production)?.status).toBe('Active');
		await t.stopListening();
		expect(subscriptionsAt(t.testWebhookUrl)).toHaveLength(0);
		expect(subscriptionsAt(t.webhookUrl).map((s: any) => s.id)).toEqual([production]);
	});

	test('in manual (listen for test event) mode the trigger function starts no health loop', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		const since = rc.emulator.sequence;
		const response = await t.startTriggerFunction('manual');
		expect(response.closeFunction).toBeUndefined();
		expect(t.crons).toHaveLength(0);
		expect(rc.emulator.journal({ since })).toHaveLength(0);
	});

	test('a test event ends the editor\'s manual execution with the event as the trigger\'s output', async () => {
		const t = await trigger({ events: ['inboundSms'] });
		await t.listenForTestEvent();
		await inject('inbound-sms', { text: 'Is this thing on?' });
		await waitFor(() => t.executions.length > 0, 8000);
		const [execution] = t.executions;
		expect(execution).toMatchObject({ mode: 'manual', status: 'success' });
		expect(execution.items).toHaveLength(1);
		expect(execution.items[0].json).toMatchObject({ eventType: 'inboundSms', subject: 'Is this thing on?' });
		await t.stopListening();
	});
});

describe('RingCentral Trigger health check schedule', () => {
	const MINUTE = 60_000;
	const dueMinutes = (schedule: ReturnType<typeof healthCheckSchedule>, from: number, minutes: number) =>
		Array.from({ length: minutes }, (_, m) => m).filter((m) => schedule.due(from + m * MINUTE + 30_000));

	test('45 means every 45 minutes: n8n\'s cron ticks each minute at the trigger\'s second, the check runs on every 45th', () => {
		const schedule = healthCheckSchedule('workflow-1:node-1', 45);
		expect(schedule.cronExpression).toMatch(/^([0-9]|[1-5][0-9]) \* \* \* \* \*$/);
		const due = dueMinutes(schedule, Date.UTC(2026, 0, 1), 24 * 60);
		expect(due).toHaveLength(32);
		expect(new Set(due.slice(1).map((m, i) => m - due[i]))).toEqual(new Set([45]));
	});

	test('the checks of many triggers spread over the seconds of the minute and the minutes of the interval', () => {
		const schedules = Array.from({ length: 200 }, (_, i) => healthCheckSchedule(`workflow-${i}:node-${i}`, 15));
		expect(new Set(schedules.map((s) => s.cronExpression)).size).toBeGreaterThan(45);
		const firstDue = schedules.map((s) => dueMinutes(s, Date.UTC(2026, 0, 1), 15)[0]);
		expect(new Set(firstDue).size).toBe(15);
		// The same trigger keeps its slot (n8n restarts, re-publication).
		expect(healthCheckSchedule('workflow-7:node-7', 15)).toMatchObject({ cronExpression: schedules[7].cronExpression });
	});

	test('1 minute checks every minute', () => {
		expect(dueMinutes(healthCheckSchedule('workflow-1:node-1', 1), Date.UTC(2026, 0, 1), 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});
});

/** The emulator's deliveries to the trigger's current subscription. */
const deliveriesTo = (t: StartedTrigger): any[] =>
	rc.emulator.notifications.deliveries.filter((d: any) => d.subscriptionId === t.staticData().subscriptionId);

/** Epoch minutes at which the trigger's check is due, and one at which it is not (the next minutes). */
function minutesOf(t: StartedTrigger, minutes: number) {
	const schedule = healthCheckSchedule(`${t.workflowId}:${t.node.id}`, minutes);
	const now = Math.floor(Date.now() / 60_000);
	const due = Array.from({ length: minutes }, (_, i) => now + i).find((minute) => schedule.due(minute * 60_000)) as number;
	return { due, notDue: due + 1 };
}

/** n8n's cron tick of the running trigger function at that minute: no expression isolate held. */
function tickAt(t: StartedTrigger, minute: number) {
	expect(t.crons).toHaveLength(1);
	const clock = jest.spyOn(Date, 'now').mockReturnValue(minute * 60_000 + 30_000);
	try {
		t.crons[0]();
	} finally {
		clock.mockRestore();
	}
}

/** Lets work a tick may have started reach the emulator. */
async function settle() {
	for (let i = 0; i < 5; i++) await fetch(`${rc.emulator.url}/__emulator/health`);
}

/** Polls until the condition holds; each round trip to the emulator lets pending work finish. */
async function waitFor(condition: () => boolean, timeoutMs = 5000) {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await fetch(`${rc.emulator.url}/__emulator/health`);
	}
}
