/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
import { control, journal, mark } from './client';
import { eventually } from './probe';
import { startTriggerWorld } from './trigger-world';

let world: any;
const example = (name: string) => world.examples.find((w: any) => w.file === `${name}.json`);
const active = async (workflow: any) => {
	const trigger = workflow.nodes.find((n: any) => n.type === 'n8n-nodes-ringcentral.ringCentralTrigger');
	await eventually(
		async () =>
			((await control('GET', '/subscriptions')) as any[]).some(
				(s) => s.status === 'Active' && s.deliveryMode.address.endsWith(`/${trigger.webhookId}/webhook`),
			),
		40_000,
		`the subscription of "${workflow.name}"`,
	);
};

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

beforeAll(async () => {
	world = await startTriggerWorld([], { examples: true });
	for (const name of ['missed-call-sms-follow-up', 'voicemail-to-team-chat', 'presence-based-routing']) {
		await world.publish(example(name).id);
	}
}, 300_000);

afterAll(async () => {
	await world?.n8n.stop();
});

describe('examples/ run in real n8n against the emulator', () => {
	test('missed call → SMS follow-up to the caller, from the number they called', async () => {
		await active(example('missed-call-sms-follow-up'));
		const since = await mark();
		await control('POST', '/events/call', { outcome: 'missed', from: '+12125550187' });
		const [sms] = await eventually(async () => {
			const sent = await journal(since, 'createSMSMessage');
			return sent.length ? sent : undefined;
		}, 20_000, 'the follow-up SMS');
		expect(sms.status).toBe(200);
		expect(sms.requestBody).toMatchObject({ from: { phoneNumber: '+16505551001' }, to: [{ phoneNumber: '+12125550187' }] });
		expect(sms.requestBody.text).toMatch(/missed your call/);
	});

	test('voicemail → post in the team chat', async () => {
		await active(example('voicemail-to-team-chat'));
		const since = await mark();
		await control('POST', '/events/voicemail', { from: '+13125550123' });
		const [post] = await eventually(async () => {
			const posted = await journal(since, 'createGlipPostNew');
			return posted.length ? posted : undefined;
		}, 20_000, 'the team chat post');
		expect(post).toMatchObject({ status: 201, path: '/team-messaging/v1/chats/1360106528/posts' });
		expect(post.requestBody.text).toMatch(/^New voicemail from Marcus Lee \(1 s\)/);
	});

	test('presence-based routing → the inbound SMS is paged to an available queue member', async () => {
		await active(example('presence-based-routing'));
		const demo = await control('GET', '/demo');
		const support = demo.ids.supportQueue;
		// Other tests change presence: make the second queue member (Bob) the one available agent.
		const bob = demo.extensions.find((e: any) => e.extensionNumber === '102').id;
		await control('PUT', `/state/presence/${demo.ids.admin}`, { userStatus: 'Busy' });
		await control('PUT', `/state/presence/${bob}`, { userStatus: 'Available', dndStatus: 'TakeAllCalls', telephonyStatus: 'NoCall' });
		// The example picks the queue from the list: by ID, with the name the picker showed.
		expect(example('presence-based-routing').nodes.find((n: any) => n.name === 'Support queue members').parameters.callQueueId).toEqual({
			__rl: true,
			mode: 'list',
			value: support,
			cachedResultName: 'Support Queue (200) · call queue',
		});
		const since = await mark();
		await control('POST', '/events/inbound-sms', { from: '+16175550164', text: 'My order is late' });
		const [page] = await eventually(async () => {
			const sent = await journal(since, 'createInternalTextMessage');
			return sent.length ? sent : undefined;
		}, 20_000, 'the pager message');
		expect(page.status).toBe(200);
		expect(page.requestBody.text).toBe('Customer +16175550164 texted: My order is late');
		const members = await journal(since, 'readCallQueuePresence');
		expect(members).toHaveLength(1);
		expect(page.requestBody.to).toEqual([{ extensionNumber: '102' }]);
		expect((await journal(since, 'readUserPresenceStatus')).length).toBeGreaterThan(0);
	});

	test('daily call log export → every page of yesterday\'s company calls as one CSV file', async () => {
		const since = await mark();
		const output = await world.n8n.cli(['execute', `--id=${example('daily-call-log-export').id}`, '--rawOutput']);
		const calls = await journal(since, 'readCompanyCallLog');
		expect(calls.length).toBeGreaterThan(0);
		expect(calls[0].query).toMatchObject({ perPage: '1000' });
		// Yesterday in the instance's time zone, sent to RingCentral in UTC.
		const from = Date.parse(calls[0].query.dateFrom);
		const to = Date.parse(calls[0].query.dateTo);
		expect(to - from).toBeGreaterThanOrEqual(23 * 3600_000);
		expect(to - from).toBeLessThanOrEqual(25 * 3600_000);
		expect(Date.now() - to).toBeLessThan(24 * 3600_000);
		// --rawOutput prints the run as JSON between n8n's own log lines.
		const result = JSON.parse(output.slice(output.indexOf('\n{\n') + 1, output.lastIndexOf('\n}') + 2));
		const file = result.data.resultData.runData['CSV file'][0].data.main[0][0].binary.data;
		expect(file).toMatchObject({ mimeType: 'text/csv', fileExtension: 'csv' });
		expect(file.fileName).toMatch(/^call-log-\d{4}-\d{2}-\d{2}\.csv$/);
	});
});
