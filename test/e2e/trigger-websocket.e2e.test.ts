/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
/**
 * The RingCentral Trigger with WebSocket delivery in real n8n whose webhook URL nobody can reach
 * (it announces a closed port): events arrive over the socket the trigger keeps, survive a
 * dropped connection and a refused recovery, and unpublishing leaves nothing behind.
 */
import { repoPath } from '../../tools/repository';
import { control } from './client';
import { eventually } from './probe';
import { startTriggerWorld } from './trigger-world';
import type { TriggerWorld } from './trigger-world';

const WS = 'rcE2eTrigWsSms01';
/** Port 9 (discard) on the loopback: nothing listens there. */
const UNREACHABLE_WEBHOOK_URL = 'http://127.0.0.1:9/';

let world: TriggerWorld;

const sink = async () => ((await control('GET', '/sinks/ws-sms')) as any[] | undefined) ?? [];
const subjects = async () => (await sink()).map((entry: any) => entry.body.subject as string);
const sessions = async () => ((await control('GET', '/ws/sessions')) as any).sessions as any[];
const liveSession = async () => (await sessions()).find((s) => s.state !== 'ended' && s.subscriptionId);
const webSocketSubscriptions = async () =>
	((await control('GET', '/subscriptions')) as any[]).filter((s) => s.deliveryMode.transportType === 'WebSocket');
const sms = (text: string) => control('POST', '/events/inbound-sms', { text, from: '+14155550142' });
/** How many executions n8n has of the workflow (its list answers a page; the count is of all). */
const executionCount = async () =>
	Number((await world.n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WS }))}`)).count);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function received(count: number, what: string) {
	return await eventually(async () => {
		const got = await subjects();
		return got.length >= count ? got : undefined;
	}, 60_000, what);
}

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

beforeAll(async () => {
	await control('DELETE', '/sinks/ws-sms');
	world = await startTriggerWorld([{ id: WS, parameters: { events: ['inboundSms'], delivery: 'webSocket' }, sink: 'ws-sms' }], {
		webhookUrl: UNREACHABLE_WEBHOOK_URL,
		logFile: repoPath('test-output/e2e/n8n-trigger-websocket.log'),
	});
}, 300_000);

afterAll(async () => {
	await world?.n8n.stop();
});

describe('RingCentral Trigger over WebSocket in real n8n without a reachable webhook URL', () => {
	test('publishing connects and subscribes over the socket; each notification is one execution', async () => {
		await world.publish(WS);
		const session = await eventually(liveSession, 40_000, 'a WebSocket session with a subscription');
		expect(session.state).toBe('connected');
		// No webhook subscription of this n8n (other suites' n8n instances leave theirs on the shared emulator).
		const ours = (s: any) => [UNREACHABLE_WEBHOOK_URL, world.n8n.url].some((url) => String(s.deliveryMode.address ?? '').startsWith(url));
		expect(((await control('GET', '/subscriptions')) as any[]).filter((s) => s.deliveryMode.transportType === 'WebHook' && ours(s))).toEqual([]);
		await sms('first');
		await sms('second');
		expect((await received(2, 'two executions')).sort()).toEqual(['first', 'second']);
		const executions = await eventually(async () => {
			const all = await world.executions(WS);
			return all.length >= 2 && all.every((e: any) => e.status === 'success') ? all : undefined;
		}, 30_000, 'two finished executions');
		expect(executions).toHaveLength(2);
	});

	test('the socket drops while 20 events happen: all 20 run exactly once after recovery', async () => {
		const before = (await subjects()).length;
		const session = await liveSession();
		await control('POST', '/ws/drop', { sessionId: session.id });
		const missed = Array.from({ length: 20 }, (_, i) => `missed ${i}`);
		for (const text of missed) await sms(text);
		const got = await received(before + 20, 'the 20 missed events');
		await sleep(3000);
		// Exactly once each; n8n runs the executions side by side, so they finish in any order.
		expect((await subjects()).slice(before).sort()).toEqual([...missed].sort());
		expect(got.length).toBe(before + 20);
		expect(await executionCount()).toBe(before + 20);
		expect(await liveSession()).toMatchObject({ id: session.id, state: 'connected', lastRecovery: { state: 'Successful', replayed: 20 } });
	});

	test('recovery refused: the trigger subscribes again and the next event runs', async () => {
		const before = (await subjects()).length;
		const [first] = await webSocketSubscriptions();
		await control('POST', '/ws/refuse-recovery', { count: 1 });
		await control('POST', '/ws/drop', { sessionId: (await liveSession()).id });
		const second = await eventually(
			async () => (await webSocketSubscriptions()).find((s) => s.id !== first.id),
			40_000,
			'a new WebSocket subscription',
		);
		expect((await webSocketSubscriptions()).map((s) => s.id)).toEqual([second.id]);
		expect((await liveSession()).lastRecovery).toMatchObject({ state: 'Failed' });
		await sms('after re-subscribing');
		expect((await received(before + 1, 'the event after re-subscribing')).slice(before)).toEqual(['after re-subscribing']);
	});

	test('"Execute step" in the editor listens over a connection of its own: the event is the node\'s output, then it is gone', async () => {
		const workflow = world.workflows.find((w) => w.id === WS)!;
		const production = (await webSocketSubscriptions()).map((s) => s.id);
		// What the editor's "Execute step" on the trigger sends; with no webhook n8n starts the execution at once.
		await world.n8n.rest('POST', `/workflows/${WS}/run`, {
			workflowId: WS,
			startNodes: [{ name: workflow.nodes[0].name, sourceData: null }],
			destinationNode: { nodeName: workflow.nodes[0].name, mode: 'inclusive' },
		});
		await eventually(async () => ((await webSocketSubscriptions()).length === 2 ? true : undefined), 30_000, 'the test subscription');
		await sms('Is this thing on?');
		const manual = await eventually(async () => {
			const found = (await world.executions(WS)).find((e: any) => e.mode === 'manual' && !['new', 'running', 'waiting'].includes(e.status));
			return found ?? undefined;
		}, 30_000, 'the manual execution to finish');
		expect(manual.status).toBe('success');
		const detail = await world.n8n.rest('GET', `/executions/${manual.id}`);
		expect(detail.data).toContain('Is this thing on?');
		await eventually(async () => ((await webSocketSubscriptions()).length === 1 ? true : undefined), 30_000, 'the test subscription removed');
		expect((await webSocketSubscriptions()).map((s) => s.id)).toEqual(production);
	});

	test('unpublishing closes the connection and deletes the subscription', async () => {
		await world.unpublish(WS);
		await eventually(async () => ((await control('GET', '/ws/sessions')) as any).openSockets === 0 || undefined, 30_000, 'no open socket');
		expect(await webSocketSubscriptions()).toEqual([]);
		const count = (await subjects()).length;
		await sms('after unpublishing');
		await sleep(3000);
		expect((await subjects()).length).toBe(count);
	});
});
