/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
import { control } from './client';
import { eventually, handshake } from './probe';
import { startTriggerWorld } from './trigger-world';

const SMS = 'rcE2eTrigSms0001';
const CALLS = 'rcE2eTrigCall001';
const EVERYTHING = 'rcE2eTrigAll0001';

let world: any;

const subscriptionsAt = async (url: string) =>
	((await control('GET', '/subscriptions')) as any[]).filter((s) => s.deliveryMode.address === url);
const sink = async (name: string) => ((await control('GET', `/sinks/${name}`)) as any[]) ?? [];
const activeSubscription = (url: string) =>
	eventually(async () => (await subscriptionsAt(url)).find((s) => s.status === 'Active'), 40_000, `an Active subscription at ${url}`);

beforeAll(async () => {
	world = await startTriggerWorld([
		{ id: SMS, parameters: { events: ['inboundSms'] }, sink: 'sms' },
		{ id: CALLS, parameters: { events: ['telephonySession', 'missedCall'] }, sink: 'calls' },
		{
			id: EVERYTHING,
			parameters: {
				events: ['messageStore', 'voicemail', 'inboundFax', 'presence', 'teamPost', 'teamChat', 'extensionChange', 'custom'],
				changes: ['extension'],
				customFilters: '/restapi/v1.0/account/~/extension/~/presence/dnd',
			},
			sink: 'everything',
		},
	]);
	for (const id of [SMS, CALLS, EVERYTHING]) await world.publish(id);
}, 300_000);

afterAll(async () => {
	await world?.n8n.stop();
});

describe('RingCentral Trigger in real n8n', () => {
	test('publishing creates the subscription with the right filters (through the Validation-Token handshake)', async () => {
		const subscription = await activeSubscription(world.webhookUrl(SMS));
		const demo = await control('GET', '/demo');
		expect(subscription.eventFilters).toEqual([
			`/restapi/v1.0/account/37439510/extension/${demo.ids.admin}/message-store/instant?type=SMS`,
		]);
		expect(Date.parse(subscription.expirationTime) - Date.now()).toBeGreaterThan(9 * 365 * 24 * 3600 * 1000);
		const calls = await activeSubscription(world.webhookUrl(CALLS));
		expect(calls.eventFilters.sort()).toEqual([
			`/restapi/v1.0/account/37439510/extension/${demo.ids.admin}/telephony/sessions`,
			`/restapi/v1.0/account/37439510/extension/${demo.ids.admin}/telephony/sessions?missedCall=true`,
		]);
	});

	test('n8n answers the handshake itself: header echoed, under 1,024 bytes, well within 3 s, no execution', async () => {
		const before = (await world.executions(SMS)).length;
		const answer = await handshake(world.webhookUrl(SMS));
		expect(answer).toMatchObject({ status: 200, echoed: true });
		expect(answer.bytes).toBeLessThan(1024);
		expect(answer.ms).toBeLessThan(3000);
		expect(answer.headers).not.toHaveProperty('content-security-policy');
		expect((await world.executions(SMS)).length).toBe(before);
	});

	test('an inbound SMS runs the workflow exactly once, with the message', async () => {
		await activeSubscription(world.webhookUrl(SMS));
		await control('DELETE', '/sinks/sms');
		await control('POST', '/events/inbound-sms', { text: 'Please call me back', from: '+14155550142' });
		const [received] = await eventually(async () => {
			const items = await sink('sms');
			return items.length ? items : undefined;
		}, 20_000, 'the SMS execution');
		expect(received.body).toMatchObject({
			eventType: 'inboundSms',
			type: 'SMS',
			subject: 'Please call me back',
			from: { phoneNumber: '+14155550142' },
		});
		await control('POST', '/deliveries/idle');
		expect(await sink('sms')).toHaveLength(1);
		const deliveries = ((await control('GET', '/deliveries')) as any[]).filter((d) => d.uuid === received.body.uuid);
		expect(deliveries.map((d) => d.status)).toEqual([200]);
	});

	test('a missed call: one execution per party status change, the last one labelled a missed call', async () => {
		await activeSubscription(world.webhookUrl(CALLS));
		await control('DELETE', '/sinks/calls');
		await control('POST', '/events/call', { outcome: 'missed' });
		const items = await eventually(async () => {
			const got = await sink('calls');
			return got.length >= 3 ? got : undefined;
		}, 20_000, 'three call executions');
		await control('POST', '/deliveries/idle');
		const seen = (await sink('calls')).map((i: any) => `${i.body.eventType}:${i.body.statusCode}`).sort();
		expect(seen).toEqual(['missedCall:Disconnected', 'telephonySession:Proceeding', 'telephonySession:Setup']);
		expect(items[0].body).toMatchObject({ direction: 'Inbound', from: { phoneNumber: '+14155550142' }, to: { phoneNumber: '+16505551001' } });
	});

	test('every other event type fires', async () => {
		await activeSubscription(world.webhookUrl(EVERYTHING));
		await control('DELETE', '/sinks/everything');
		const demo = await control('GET', '/demo');
		const kinds: Array<[string, any]> = [
			['voicemail', { text: 'Voicemail for you' }],
			['inbound-fax', { text: 'Fax for you' }],
			['presence', { userStatus: 'Busy' }],
			['team-post', { text: 'Hello team' }],
			['team-chat', { name: 'Renamed team' }],
			['extension-change', {}],
			['custom', { event: `/restapi/v1.0/account/37439510/extension/${demo.ids.admin}/presence/dnd`, body: { dndStatus: 'DoNotAcceptAnyCalls' } }],
		];
		for (const [kind, input] of kinds) await control('POST', `/events/${kind}`, input);
		const expected = ['custom', 'extensionChange', 'inboundFax', 'messageStore', 'presence', 'teamChat', 'teamPost', 'voicemail'];
		const messageTypes = (got: any[]) => got.filter((i) => i.body.eventType === 'messageStore').map((i) => i.body.type).sort();
		const items = await eventually(async () => {
			const got = await sink('everything');
			const types = new Set(got.map((i: any) => i.body.eventType));
			return expected.every((t) => types.has(t)) && messageTypes(got).length === 2 ? got : undefined;
		}, 30_000, 'every event type');
		const messages = items.filter((i: any) => i.body.eventType === 'messageStore');
		expect(messages.map((i: any) => i.body.type).sort()).toEqual(['Fax', 'VoiceMail']);
		expect(messages.every((i: any) => i.body.id && i.body.uri)).toBe(true);
	});

	test('"listen for test event" in the editor: a subscription of its own, the event as the node\'s output, then removed', async () => {
		const workflow = world.workflows.find((w: any) => w.id === SMS);
		const testUrl = world.webhookUrl(SMS).replace('/webhook/', '/webhook-test/');
		const production = await activeSubscription(world.webhookUrl(SMS));
		// What the editor's "Execute step" on the trigger sends.
		const run = await world.n8n.rest('POST', `/workflows/${SMS}/run`, {
			workflowId: SMS,
			startNodes: [{ name: workflow.nodes[0].name, sourceData: null }],
			destinationNode: { nodeName: workflow.nodes[0].name, mode: 'inclusive' },
		});
		expect(run).toEqual({ waitingForWebhook: true });
		await activeSubscription(testUrl);
		await control('POST', '/events/inbound-sms', { text: 'Is this thing on?' });
		const manual = await eventually(async () => {
			const found = (await world.executions(SMS)).find((e: any) => e.mode === 'manual' && e.status !== 'running');
			return found ?? undefined;
		}, 20_000, 'the manual execution to finish');
		expect(manual.status).toBe('success');
		const detail = await world.n8n.rest('GET', `/executions/${manual.id}`);
		expect(detail.data).toContain('Is this thing on?');
		await eventually(async () => (await subscriptionsAt(testUrl)).length === 0, 20_000, 'the test subscription removed');
		expect((await subscriptionsAt(world.webhookUrl(SMS))).map((s) => s.id)).toEqual([production.id]);
		expect((await world.executions(SMS)).filter((e: any) => e.mode === 'manual')).toHaveLength(1);
	});

	test('blacklisted while n8n was down: repaired at the next start, with no user action', async () => {
		const before = await activeSubscription(world.webhookUrl(SMS));
		await world.restart(async () => {
			await control('POST', `/subscriptions/${before.id}/blacklist`, { reason: 'Webhook responses with code: [502]' });
		});
		const repaired = await activeSubscription(world.webhookUrl(SMS));
		expect(repaired.id).not.toBe(before.id);
		expect((await subscriptionsAt(world.webhookUrl(SMS))).map((s) => s.id)).toEqual([repaired.id]);
		await control('DELETE', '/sinks/sms');
		await control('POST', '/events/inbound-sms', { text: 'After the restart' });
		const [received] = await eventually(async () => {
			const items = await sink('sms');
			return items.length ? items : undefined;
		}, 20_000, 'the SMS after the restart');
		expect(received.body.subject).toBe('After the restart');
	});

	test('deleted while n8n was down: re-created at the next start', async () => {
		const before = await activeSubscription(world.webhookUrl(CALLS));
		await world.restart(async () => {
			await control('DELETE', `/subscriptions/${before.id}`);
		});
		const recreated = await activeSubscription(world.webhookUrl(CALLS));
		expect(recreated.id).not.toBe(before.id);
	});

	test('unpublishing deletes the subscription at RingCentral', async () => {
		await activeSubscription(world.webhookUrl(EVERYTHING));
		await world.unpublish(EVERYTHING);
		await eventually(async () => (await subscriptionsAt(world.webhookUrl(EVERYTHING))).length === 0, 30_000, 'no subscription left');
	});
});
