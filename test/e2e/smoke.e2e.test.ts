/**
 * The smoke every tested n8n release passes (`npm run test:e2e` on the current one,
 * `npm run test:e2e:n8n1` on the 1.x line): n8n loads every node and credential, each node runs
 * one action, and the trigger goes through publish → event → unpublish.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
import { repoPath } from '../../tools/repository';
import { call, control, mark, n8nTypes, requests, runtime } from './client';
import { readPackageJson } from './files';
import { eventually } from './probe';
import { startTriggerWorld } from './trigger-world';
import type { TriggerWorld } from './trigger-world';

const pkg: { n8n: { nodes: string[]; credentials: string[] } } = readPackageJson();
const typeOf = (file: string) => {
	const className = file.split('/').pop()!.replace(/\.(node|credentials)\.js$/, '');
	return `${className.charAt(0).toLowerCase()}${className.slice(1)}`;
};

describe(`smoke on n8n ${runtime().release.n8n}`, () => {
	test('n8n loads every node and both credentials of the package', async () => {
		const nodes = (await n8nTypes('nodes')) as any[];
		const loaded = new Set(nodes.map((n) => n.name));
		for (const file of pkg.n8n.nodes) expect(loaded).toContain(`n8n-nodes-ringcentral.${typeOf(file)}`);
		const credentials = ((await n8nTypes('credentials')) as any[]).map((c) => c.name);
		expect(credentials).toEqual(expect.arrayContaining(pkg.n8n.credentials.map(typeOf)));
	});

	const dateFrom = new Date(Date.now() - 90 * 24 * 3600_000).toISOString();
	// One action per node, through `Webhook → node → Respond to Webhook`; both credentials take part.
	test.each<[string, string, Record<string, unknown>]>([
		['Presence', 'presence-unified-get-oauth2', {}],
		['Messaging', 'messaging-sms-jwt', { from: '+16505551001', to: '+16505551002', text: 'Smoke test' }],
		['Call Log', 'call-log-recording-jwt', { dateFrom }],
		['RingOut', 'ring-out-create-oauth2', { from: '+1 650 555 1001', to: '+14155550142', callerId: '+16505551001' }],
		['Contacts', 'contacts-lifecycle-jwt', { firstName: 'Smoke', lastName: 'Test', email: 'smoke@example.com', mobilePhone: '+16505550142' }],
		['Team Messaging', 'team-messaging-teams-jwt', {}],
		['Video', 'video-bridge-jwt', { name: 'Smoke test', password: 'Secret42' }],
		['Call Handling', 'call-handling-hours-jwt', { open: '8:30', close: '17:30', saturdayOpen: '10:00', saturdayClose: '14:00' }],
		['Account', 'account-health-oauth2', {}],
	])('%s runs an action (%s)', async (_node, scenario, body) => {
		const since = await mark();
		const answer = await call(scenario, body);
		expect(answer.status).toBe(200);
		const sent = await requests(since);
		expect(sent.length).toBeGreaterThan(0);
		expect(sent.filter((request) => request.status >= 400)).toEqual([]);
		expect(await control('DELETE', '/violations')).toEqual([]);
	});

	describe('RingCentral Trigger', () => {
		const SMS = 'rcSmokeTrigSms01';
		let world: TriggerWorld;
		const subscriptionsAt = async (url: string) =>
			((await control('GET', '/subscriptions')) as any[]).filter((s) => s.deliveryMode.address === url);

		beforeAll(async () => {
			world = await startTriggerWorld([{ id: SMS, parameters: { events: ['inboundSms'] }, sink: 'smoke-sms' }], {
				logFile: repoPath('test-output/e2e/n8n-smoke-trigger.log'),
			});
		}, 300_000);

		afterAll(async () => {
			await world?.n8n.stop();
		});

		test('publish → subscription; an inbound SMS → one execution; unpublish → subscription deleted', async () => {
			await world.publish(SMS);
			const url = world.webhookUrl(SMS);
			await eventually(async () => (await subscriptionsAt(url)).some((s) => s.status === 'Active'), 40_000, 'an Active subscription');
			await control('DELETE', '/sinks/smoke-sms');
			await control('POST', '/events/inbound-sms', { text: 'Smoke signal' });
			const [received] = await eventually(async () => {
				const items = ((await control('GET', '/sinks/smoke-sms')) as any[]) ?? [];
				return items.length ? items : undefined;
			}, 20_000, 'the SMS execution');
			expect(received.body).toMatchObject({ eventType: 'inboundSms', subject: 'Smoke signal' });
			await world.unpublish(SMS);
			await eventually(async () => (await subscriptionsAt(url)).length === 0, 30_000, 'the subscription deleted');
		});
	});
});
