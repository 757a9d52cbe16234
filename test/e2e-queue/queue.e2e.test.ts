/**
 * n8n in queue mode (tools/n8n/cluster.ts): Postgres and Redis from Debian's packages, a main, two
 * workers and a webhook processor behind a load balancer, the package linked into each, and manual
 * executions offloaded to the workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS, the behaviour n8n is
 * moving to; production executions go to the workers either way). Production executions of our
 * action nodes run on the workers; publishing the trigger creates one RingCentral subscription,
 * from the main only; a burst of events runs once each, on the workers, also when the webhook
 * processor takes the deliveries; a test event from the editor's listener reaches the worker that
 * runs it; two workers refresh one expired OAuth2 token once; the trigger's periodic subscription
 * check runs in the main only.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- n8n's execution records, of many shapes */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { createEmulator } from '../../tools/emulator';
import { inject } from '../../tools/emulator/events';
import type { Emulator } from '../../tools/emulator/server';
import { directNumberOf } from '../../tools/emulator/telephony';
import { QueueCluster, missingQueueServices } from '../../tools/n8n/cluster';
import { credentialRecords } from '../../tools/n8n/examples';
import { PACKAGE_NAME } from '../../tools/n8n/n8n';
import { repoPath } from '../../tools/repository';
import { eventually } from '../e2e/probe';
import { unflatten } from '../e2e/published';
import messaging from '../e2e/scenarios/messaging';
import presence from '../e2e/scenarios/presence';
import { recordNode } from '../e2e/trigger-world';
import { CREDENTIALS, areaWorkflow } from '../e2e/workflows';

const OUTPUT = repoPath('test-output/e2e-queue');
const SMS_HOOK = 'e2e-messaging-sms-jwt';
const PRESENCE_HOOK = 'e2e-presence-unified-get-oauth2';
const SINK = 'queue-trigger';
const SOCKET_SINK = 'queue-trigger-websocket';
const BURST = 30;

let emulator: Emulator;
let cluster: QueueCluster;
/** When the main had started (and activated the trigger). */
let startedAt = 0;
const sms = areaWorkflow('queue-messaging', messaging.scenarios.filter((scenario) => scenario.id === 'messaging-sms-jwt'));
const oauth2 = areaWorkflow('queue-presence', presence.scenarios.filter((scenario) => scenario.id === 'presence-unified-get-oauth2'));

/**
 * A published trigger workflow: inbound SMS of the JWT credential's user, every item posted to an
 * emulator sink by n8n's HTTP Request node, and the subscription checked every minute.
 */
const TRIGGER_WEBHOOK_ID = '6f1c1e52-5a4b-4c51-9a3e-2b7d1f0c9e02';
const triggerWorkflow = (emulatorUrl: string, variant: { id: string; sink: string; webSocket?: boolean } = { id: 'rcQueueTrigger01', sink: SINK }) => ({
	id: variant.id,
	name: `queue: trigger${variant.webSocket ? ' over WebSocket' : ''}`,
	nodes: [
		{
			id: `${variant.id}-trigger`,
			name: 'RingCentral Trigger',
			type: `${PACKAGE_NAME}.ringCentralTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: variant.webSocket ? '6f1c1e52-5a4b-4c51-9a3e-2b7d1f0c9e12' : TRIGGER_WEBHOOK_ID,
			parameters: { authentication: 'jwt', events: ['inboundSms'], ...(variant.webSocket ? { delivery: 'webSocket' } : { options: { healthCheckMinutes: 1 } }) },
			credentials: { [CREDENTIALS.jwt.type]: { id: CREDENTIALS.jwt.id, name: CREDENTIALS.jwt.name } },
		},
		recordNode(variant.sink, emulatorUrl),
	],
	connections: { 'RingCentral Trigger': { main: [[{ node: 'Record', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
	pinData: {},
});
const TRIGGER = 'rcQueueTrigger01';
const SOCKET_TRIGGER = 'rcQueueTrigger02';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mainLog = () => fs.readFileSync(path.join(OUTPUT, 'main.log'), 'utf8');
const workerLog = (index: number) => fs.readFileSync(path.join(OUTPUT, `worker-${index + 1}.log`), 'utf8');
/** The executions n8n's workers logged as taken from the queue, per worker. */
const workerExecutions = () => [0, 1].map((index) => [...workerLog(index).matchAll(/Worker started execution (\d+) /g)].map((match) => match[1]));
/** The webhook URL every process announces: the load balancer's (cluster.ts's WebhookRouter). */
const productionUrl = () => `${cluster.main.settings.N8N_WEBHOOK_URL}webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
const testUrl = () => `${cluster.main.settings.N8N_WEBHOOK_URL}webhook-test/${TRIGGER_WEBHOOK_ID}/webhook`;
const subscriptionsAt = (address: string) => emulator.subscriptions?.all().filter((s) => s.deliveryMode.address === address) ?? [];
const activeSubscription = (address: string) =>
	eventually(() => subscriptionsAt(address).find((s) => s.status === 'Active'), 60_000, `an Active subscription at ${address}`);
const executions = async (workflowId: string): Promise<any[]> =>
	(await cluster.main.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`)).results;
/** The workflow's executions once none is new or running. */
const settledExecutions = (workflowId: string) =>
	eventually(async () => {
		const found = await executions(workflowId);
		return found.every((e) => !['new', 'running'].includes(e.status)) ? found : undefined;
	}, 120_000, `the executions of ${workflowId} to finish`);

/**
 * "Execute step" on the trigger as the editor sends it, then one inbound SMS: the manual execution
 * once finished, the trigger's output in it, and the event. The test subscription is gone after,
 * the production one untouched.
 */
async function listenForTestEvent() {
	const production = await activeSubscription(productionUrl());
	const before = new Set((await executions(TRIGGER)).map((e) => String(e.id)));
	const trigger = triggerWorkflow(emulator.url).nodes[0].name;
	const run = await cluster.main.rest('POST', `/workflows/${TRIGGER}/run`, {
		workflowId: TRIGGER,
		startNodes: [{ name: trigger, sourceData: null }],
		destinationNode: { nodeName: trigger, mode: 'inclusive' },
	});
	expect(run).toEqual({ waitingForWebhook: true });
	await activeSubscription(testUrl());
	const text = `Is this thing on? ${crypto.randomUUID()}`;
	const message = inject(emulator, 'inbound-sms', { text }) as { id: string | number };
	const manual = await eventually(async () => {
		const found = (await executions(TRIGGER)).find((e) => !before.has(String(e.id)) && e.mode === 'manual' && !['new', 'running', 'waiting'].includes(e.status));
		return found ?? undefined;
	}, 60_000, 'the manual execution to finish');
	expect(manual.status).toBe('success');
	const detail = await cluster.main.rest('GET', `/executions/${manual.id}`);
	const output = unflatten(detail.data).resultData.runData[trigger][0].data.main[0] as Array<{ json: Record<string, unknown> }>;
	await eventually(() => subscriptionsAt(testUrl()).length === 0, 30_000, 'the test subscription removed');
	expect(subscriptionsAt(productionUrl()).map((s) => s.id)).toEqual([production.id]);
	return { manual, output, message, text };
}

beforeAll(async () => {
	const missing = missingQueueServices();
	if (missing) throw new Error(`${missing}: .ci/run installs them; locally, install them or skip this suite`);
	if (!fs.existsSync(repoPath('dist/package.json'))) throw new Error('dist/ is missing: run `npm run build` first');
	fs.rmSync(OUTPUT, { recursive: true, force: true });
	fs.mkdirSync(OUTPUT, { recursive: true });
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1 } });
	await emulator.start();
	cluster = new QueueCluster({ workers: 2, webhookProcessors: 1, logFolder: OUTPUT, n8n: { env: { OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' } } });
	try {
		await cluster.prepare();
		const { main } = cluster;
		await main.importJson('credentials', credentialRecords(emulator, CREDENTIALS));
		const workflows = [sms, oauth2].map(({ ping: _ping, ...workflow }) => workflow);
		await main.importJson('workflow', [...workflows, triggerWorkflow(emulator.url), triggerWorkflow(emulator.url, { id: SOCKET_TRIGGER, sink: SOCKET_SINK, webSocket: true })]);
		for (const id of [sms.id, oauth2.id, TRIGGER]) await main.publish(id);
		await cluster.startN8n();
		startedAt = Date.now();
		// Before the pings: they are the first production executions (see N8n.signIn).
		await main.signIn();
		await main.waitForWebhook(sms.ping);
		await main.waitForWebhook(oauth2.ping);
		await main.connectOAuth2(CREDENTIALS.oauth2.id);
	} catch (error) {
		await cluster.stop();
		await emulator.stop();
		throw error;
	}
}, 600_000);

afterEach(() => {
	expect(emulator.takeViolations()).toEqual([]);
});

afterAll(async () => {
	await cluster?.stop();
	await emulator?.stop();
});

describe('n8n in queue mode: a main, two workers, Postgres and Redis', () => {
	test('action nodes run on the workers: every webhook call sends its SMS and answers through the main', async () => {
		const me = emulator.state.ids.admin;
		const from = directNumberOf(emulator.state, me) as string;
		const calls = Array.from({ length: 6 }, (_, index) =>
			fetch(`${cluster.main.url}/webhook/${SMS_HOOK}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ from, to: '+14155550142', text: `queue mode ${index + 1}` }),
			}).then(async (response) => ({ status: response.status, body: (await response.json()) as Array<{ id?: number; messageStatus?: string }> })),
		);
		const answers = await Promise.all(calls);
		expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
		for (const answer of answers) expect(answer.body[0]).toMatchObject({ id: expect.anything(), messageStatus: expect.any(String) });
		const sent = emulator.journal({ operationId: 'createSMSMessage' }).filter((entry) => entry.status === 200);
		expect(sent).toHaveLength(6);
		// n8n's worker logs each execution it takes from the queue; the main runs none of them.
		const started = workerExecutions();
		expect(started[0].length + started[1].length).toBeGreaterThanOrEqual(6);
		expect(mainLog()).not.toMatch(/Worker started execution/);
	});

	test('publishing the trigger created exactly one RingCentral subscription', async () => {
		const created = () =>
			emulator
				.journal({ operationId: 'createSubscription' })
				.filter((entry) => entry.status > 0 && entry.status < 300)
				.filter((entry) => (entry.requestBody as { deliveryMode?: { address?: string } }).deliveryMode?.address === productionUrl());
		// n8n activates published workflows while the main starts; the subscription's handshake follows.
		await eventually(() => created().length > 0, 60_000, 'the trigger\'s subscription');
		// Workers and a restart-free cluster add none.
		await sleep(3_000);
		expect(created()).toHaveLength(1);
		expect(subscriptionsAt(productionUrl()).map((s) => s.status)).toEqual(['Active']);
	});

	test(`a burst of ${BURST} inbound SMS: one execution per event, each run by a worker, the subscription still Active`, async () => {
		const subscription = await activeSubscription(productionUrl());
		const before = new Set((await executions(TRIGGER)).map((e) => String(e.id)));
		emulator.sinks.delete(SINK);
		const injected = Array.from({ length: BURST }, (_, index) => String((inject(emulator, 'inbound-sms', { text: `queue burst ${index + 1}` }) as { id: string | number }).id));
		await emulator.notifications.idle();
		// Every event has its execution, then a pause long enough for a duplicate to show.
		await eventually(() => (emulator.sinks.get(SINK) ?? []).length >= BURST, 120_000, `${BURST} items in the sink`);
		await sleep(5_000);
		const received = (emulator.sinks.get(SINK) ?? []).map((entry) => String((entry.body as { id?: unknown }).id));
		expect([...received].sort()).toEqual([...injected].sort());
		expect(new Set(received).size).toBe(BURST);

		const runs = (await settledExecutions(TRIGGER)).filter((e) => !before.has(String(e.id)));
		expect(runs).toHaveLength(BURST);
		expect(runs.every((e) => e.mode === 'trigger' && e.status === 'success')).toBe(true);
		// Each one was taken from the queue by a worker, none by the main.
		const byWorkers = new Set(workerExecutions().flat());
		expect(runs.filter((e) => !byWorkers.has(String(e.id)))).toEqual([]);
		expect(mainLog()).not.toMatch(/Worker started execution/);
		expect(emulator.subscriptions?.get(subscription.id)?.status).toBe('Active');
		expect(subscriptionsAt(productionUrl()).map((s) => s.id)).toEqual([subscription.id]);
	});

	test('a webhook processor behind the load balancer takes the deliveries: each event runs once, started there, run by a worker', async () => {
		const { router } = cluster;
		if (!router) throw new Error('the cluster has no load balancer');
		const subscription = await activeSubscription(productionUrl());
		const before = new Set((await executions(TRIGGER)).map((e) => String(e.id)));
		emulator.sinks.delete(SINK);
		const forwardedBefore = router.forwarded.length;
		// The load balancer now sends production webhooks to the webhook processor.
		router.toProcessors = true;
		let injected: string[];
		try {
			injected = Array.from({ length: 10 }, (_, index) => String((inject(emulator, 'inbound-sms', { text: `webhook processor ${index + 1}` }) as { id: string | number }).id));
			await emulator.notifications.idle();
			await eventually(() => (emulator.sinks.get(SINK) ?? []).length >= injected.length, 120_000, `${injected.length} items in the sink`);
			await sleep(5_000);
		} finally {
			router.toProcessors = false;
		}
		const received = (emulator.sinks.get(SINK) ?? []).map((entry) => String((entry.body as { id?: unknown }).id));
		expect([...received].sort()).toEqual([...injected].sort());
		const deliveries = router.forwarded.slice(forwardedBefore).filter((f) => f.path.startsWith(`/webhook/${TRIGGER_WEBHOOK_ID}/`));
		expect(deliveries.length).toBeGreaterThanOrEqual(injected.length);
		expect(deliveries.filter((d) => d.target !== cluster.webhookProcessors[0].url)).toEqual([]);

		// Started by the webhook processor from the items its webhook() returned (mode webhook: the
		// trigger function in the main starts its own with mode trigger), each taken by a worker.
		const runs = (await settledExecutions(TRIGGER)).filter((e) => !before.has(String(e.id)));
		expect(runs.map((e) => [e.mode, e.status])).toEqual(Array(injected.length).fill(['webhook', 'success']));
		const byWorkers = new Set(workerExecutions().flat());
		expect(runs.filter((e) => !byWorkers.has(String(e.id)))).toEqual([]);
		expect(mainLog()).not.toMatch(/Worker started execution/);
		expect(emulator.subscriptions?.get(subscription.id)?.status).toBe('Active');
	});

	test('WebSocket delivery: one connection for the published workflow, not one per process; each event runs once on a worker', async () => {
		const { main } = cluster;
		const before = new Set((await executions(SOCKET_TRIGGER)).map((e) => String(e.id)));
		await main.publish(SOCKET_TRIGGER);
		const session = await eventually(
			() => emulator.webSockets.describe().find((s) => s.state === 'connected' && s.subscriptionId),
			60_000,
			'the WebSocket subscription',
		);
		emulator.sinks.delete(SOCKET_SINK);
		const injected = Array.from({ length: 5 }, (_, index) => String((inject(emulator, 'inbound-sms', { text: `over the socket ${index + 1}` }) as { id: string | number }).id));
		await eventually(() => (emulator.sinks.get(SOCKET_SINK) ?? []).length >= injected.length, 60_000, `${injected.length} items in the WebSocket workflow's sink`);
		await sleep(5_000);
		const received = (emulator.sinks.get(SOCKET_SINK) ?? []).map((entry) => String((entry.body as { id?: unknown }).id));
		expect([...received].sort()).toEqual([...injected].sort());

		// The main's trigger function holds the one connection; the workers and the webhook processor open none.
		const sessions = emulator.webSockets.describe().filter((s) => s.state !== 'ended');
		expect(sessions.map((s) => [s.id, s.state, s.connections])).toEqual([[session.id, 'connected', 1]]);
		const runs = (await settledExecutions(SOCKET_TRIGGER)).filter((e) => !before.has(String(e.id)));
		expect(runs.map((e) => [e.mode, e.status])).toEqual(Array(injected.length).fill(['trigger', 'success']));
		const byWorkers = new Set(workerExecutions().flat());
		expect(runs.filter((e) => !byWorkers.has(String(e.id)))).toEqual([]);

		await main.unpublish(SOCKET_TRIGGER);
		await eventually(() => emulator.webSockets.describe().every((s) => s.state !== 'connected'), 60_000, 'the WebSocket connection closed');
		expect(emulator.subscriptions?.get(String(session.subscriptionId))).toBeUndefined();
	});

	test('"listen for test event" with manual executions offloaded: the worker finishes with the event as the trigger\'s output', async () => {
		const { manual, output, message, text } = await listenForTestEvent();
		// The trigger's output is the event (it was 0 items while the event stayed in the main's memory).
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ subject: text, triggerEvent: 'inboundSms' });
		expect(String(output[0].json.id)).toBe(String(message.id));
		expect(workerExecutions().flat()).toContain(String(manual.id));
		expect(mainLog()).not.toMatch(/Worker started execution/);
	});

	test('an expired OAuth2 token, several executions on both workers at once: all succeed, one refresh grant per round', async () => {
		let roundsOnBothWorkers = 0;
		for (let round = 1; round <= 3; round++) {
			const workersBefore = workerExecutions().map((ids) => ids.length);
			emulator.oauth.expireAccessTokens();
			const since = emulator.journal().at(-1)?.seq ?? 0;
			const answers = await Promise.all(
				Array.from({ length: 8 }, () =>
					fetch(`${cluster.main.url}/webhook/${PRESENCE_HOOK}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(
						async (response) => ({ status: response.status, body: (await response.json()) as Array<Record<string, unknown>> }),
					),
				),
			);
			expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
			for (const answer of answers) expect(answer.body[0]).toHaveProperty('status');
			const after = emulator.journal({ since });
			const refreshes = after.filter((e) => e.operationId === 'getToken' && (e.requestBody as { grant_type?: string }).grant_type === 'refresh_token');
			expect(refreshes.map((e) => e.status)).toEqual([200]);
			expect(after.filter((e) => e.operationId === 'readUnifiedPresence' && e.status === 200)).toHaveLength(8);
			const started = workerExecutions().map((ids, index) => ids.length - workersBefore[index]);
			expect(started[0] + started[1]).toBeGreaterThanOrEqual(8);
			if (started.every((count) => count > 0)) roundsOnBothWorkers++;
		}
		// n8n's queue does not promise to spread 8 jobs over both workers; it has in every run so far,
		// and at least one round must have, or the refresh was never raced across processes.
		expect(roundsOnBothWorkers).toBeGreaterThanOrEqual(1);
	});

	test('the periodic subscription check runs in the main only: one read of the subscription per minute', async () => {
		const subscription = await activeSubscription(productionUrl());
		// A check reads the subscription once (again after a sign-in when RingCentral refused the token);
		// the main's start-up check (during the activation) is over 10 s after the cluster is up.
		const checks = () =>
			emulator
				.journal({ operationId: 'readSubscription' })
				.filter((e) => e.path.endsWith(`/subscription/${subscription.id}`) && e.status === 200 && Date.parse(e.at) > startedAt + 10_000)
				.map((e) => Date.parse(e.at));
		// Every minute at a second of the trigger's own: the first periodic check comes within 60 s of the start.
		await eventually(() => checks().length > 0, Math.max(1_000, startedAt + 75_000 - Date.now()), 'the first periodic subscription check');
		// Were the workers checking too, their reads would come within the same second.
		await sleep(5_000);
		const reads = checks();
		expect(reads.length).toBeGreaterThanOrEqual(1);
		expect(reads.length).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 60_000));
		for (let index = 1; index < reads.length; index++) expect(reads[index] - reads[index - 1]).toBeGreaterThan(30_000);
	});

	test('"listen for test event" without offloading (the main restarted with it off): the main runs it, with the event as the trigger\'s output', async () => {
		const { main } = cluster;
		const production = await activeSubscription(productionUrl());
		await main.stop();
		main.env = { ...main.env, OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'false' };
		await main.start();
		const { manual, output, message, text } = await listenForTestEvent();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ subject: text, triggerEvent: 'inboundSms' });
		expect(String(output[0].json.id)).toBe(String(message.id));
		// No worker took it from the queue: the main ran it.
		expect(workerExecutions().flat()).not.toContain(String(manual.id));
		// The restart kept the published workflow's subscription.
		expect(subscriptionsAt(productionUrl()).map((s) => s.id)).toEqual([production.id]);
	});
});
