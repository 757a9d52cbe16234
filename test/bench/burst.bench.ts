/**
 * A burst of inbound SMS delivered at once, in real n8n (Node 24) on its default expression engine:
 * the RingCentral Trigger beside n8n's own Webhook node on the same n8n, one after the other. The
 * emulator delivers as RingCentral does (3 s to answer, retries, blacklisting after repeated
 * failures); each workflow posts its items to an emulator sink. Prints the answer times of the
 * deliveries, event → execution latency, executions per event, and the subscription afterwards;
 * then the same burst to the trigger with WebSocket delivery.
 */
import { createEmulator } from '../../tools/emulator';
import type { Subscription } from '../../tools/emulator/areas/subscriptions';
import { inject } from '../../tools/emulator/events';
import type { Emulator } from '../../tools/emulator/server';
import { repoPath } from '../../tools/repository';
import { eventually } from '../e2e/probe';
import { startTriggerWorld } from '../e2e/trigger-world';
import type { TriggerWorld } from '../e2e/trigger-world';
import type { Bench, Row } from './kit';

const BURST = Number(process.env.RC_BENCH_BURST ?? 200);
const TRIGGER = 'rcBenchBurstTrig';
const SOCKET_TRIGGER = 'rcBenchBurstSock';
const WEBHOOK = 'rcBenchBurstHook';
const WEBHOOK_PATH = 'rc-bench-burst';
/** `RC_BENCH_EXPRESSION_ENGINE=legacy`: the same burst on n8n's other expression engine (for comparison). */
const ENGINE = process.env.RC_BENCH_EXPRESSION_ENGINE;

/** `RC_BENCH_CPU_PROF=<folder>`: n8n writes a V8 CPU profile there when it stops (`--cpu-prof`). */
export function profiling(): Record<string, string> | undefined {
	const folder = process.env.RC_BENCH_CPU_PROF;
	return folder ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${folder}` } : undefined;
}

const percentile = (values: number[], p: number) => {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

interface BurstResult {
	answerP50: number;
	answerMax: number;
	/** delivery attempts that failed (timeout, error status) */
	failedAttempts: number;
	latencyP50: number;
	latencyP95: number;
	executions: number;
	lost: number;
	duplicated: number;
	status: string;
}

/** The message id an item of the sink carries: the trigger's item is the message, the Webhook node's the request. */
function messageIdOf(entry: { body: unknown }): string | undefined {
	const body = entry.body as { id?: unknown; body?: { body?: { id?: unknown } } };
	const id = body.id ?? body.body?.body?.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * A subscription RingCentral would hold for n8n's Webhook node. The Webhook node cannot echo the
 * Validation-Token handshake without an expression (which would cost it what the comparison
 * measures), so the emulator gets the subscription as if the handshake had passed.
 */
function subscribeWebhookNode(emulator: Emulator, address: string): Subscription {
	const store = emulator.subscriptions;
	if (!store) throw new Error('the emulator has no subscriptions area');
	const { accountId, ids } = emulator.state;
	const filter = `/extension/${ids.admin}/message-store/instant?type=SMS`;
	const now = Date.now();
	const record: Subscription = {
		id: store.nextId(),
		accountId,
		ownerId: ids.admin,
		clientId: 'demo-client-id',
		eventFilters: [`/restapi/v1.0/account/${accountId}${filter}`],
		eventNames: [`/restapi/v1.0/account/~${filter}`],
		deliveryMode: { transportType: 'WebHook', address },
		creationTime: now,
		expiresIn: 604800,
		expirationTime: now + 604800_000,
		status: 'Active',
	};
	store.records.set(record.id, record);
	return record;
}

/** Waits until n8n runs no execution any more: each burst starts on an n8n that is not still working off the last one. */
async function quiet(world: TriggerWorld): Promise<void> {
	const running = `/executions?filter=${encodeURIComponent(JSON.stringify({ status: ['running', 'new'] }))}&limit=1`;
	await eventually(async () => ((await world.n8n.rest('GET', running)).results as unknown[]).length === 0, 300_000, 'n8n to finish its executions');
}

/**
 * Sends BURST inbound SMS at once and waits until every delivery and execution has settled. The
 * answer times and failed attempts are those of a webhook subscription's deliveries (none over WebSocket).
 */
async function burst(emulator: Emulator, subscription: Subscription, sink: string): Promise<BurstResult> {
	emulator.sinks.delete(sink);
	const firstDelivery = emulator.notifications.deliveries.length;
	const sentAt = new Map<string, number>();
	for (let i = 0; i < BURST; i++) {
		const message = inject(emulator, 'inbound-sms', { text: `burst ${i}` }) as { id: string | number };
		sentAt.set(String(message.id), Date.now());
	}
	await emulator.notifications.idle();
	// Executions may still be running: wait until every event has one, then a little more for strays.
	let seen = 0;
	let quietSince = Date.now();
	await eventually(() => {
		const count = (emulator.sinks.get(sink) ?? []).length;
		if (count !== seen) [seen, quietSince] = [count, Date.now()];
		return count >= BURST ? Date.now() - quietSince > 3000 : Date.now() - quietSince > 15_000;
	}, 300_000, `the executions of the burst (${sink})`);
	const arrivals = new Map<string, number[]>();
	for (const entry of emulator.sinks.get(sink) ?? []) {
		const id = messageIdOf(entry);
		if (id && sentAt.has(id)) arrivals.set(id, [...(arrivals.get(id) ?? []), entry.at]);
	}
	const latencies = [...arrivals].map(([id, at]) => Math.min(...at) - (sentAt.get(id) ?? 0));
	const attempts = emulator.notifications.deliveries.slice(firstDelivery).filter((d) => d.subscriptionId === subscription.id);
	const answered = attempts.filter((d) => typeof d.status === 'number');
	return {
		answerP50: percentile(answered.map((d) => d.durationMs), 50),
		answerMax: Math.max(...attempts.map((d) => d.durationMs)),
		failedAttempts: attempts.filter((d) => typeof d.status !== 'number' || d.status >= 300).length,
		latencyP50: percentile(latencies, 50),
		latencyP95: percentile(latencies, 95),
		executions: [...arrivals.values()].reduce((sum, at) => sum + at.length, 0),
		lost: BURST - arrivals.size,
		duplicated: [...arrivals.values()].filter((at) => at.length > 1).length,
		status: emulator.subscriptions?.get(subscription.id)?.status ?? 'deleted',
	};
}

const bench: Bench = {
	title: `A burst of ${BURST} deliveries in real n8n (${ENGINE ? `expression engine ${ENGINE}` : 'default expression engine'}): RingCentral Trigger beside n8n's Webhook node`,
	async run() {
		const emulator = await createEmulator({ requireSpec: true, quiet: true });
		await emulator.start();
		let world: TriggerWorld | undefined;
		try {
			world = await startTriggerWorld([
				{ id: TRIGGER, parameters: { events: ['inboundSms'] }, sink: 'burst-trigger' },
				{ id: SOCKET_TRIGGER, parameters: { events: ['inboundSms'], delivery: 'webSocket' }, sink: 'burst-socket' },
			], {
				emulatorUrl: emulator.url,
				logFile: repoPath('test-output/bench-burst-n8n.log'),
				webhookNodes: [{ id: WEBHOOK, path: WEBHOOK_PATH, sink: 'burst-webhook' }],
				settings: { ...profiling(), ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}) },
			});
			await world.publish(WEBHOOK);
			await world.n8n.waitForWebhook(WEBHOOK_PATH, 'POST');
			const hook = subscribeWebhookNode(emulator, `${world.n8n.url}/webhook/${WEBHOOK_PATH}`);
			await quiet(world);
			const webhookNode = await burst(emulator, hook, 'burst-webhook');
			emulator.subscriptions?.remove(hook.id);
			await quiet(world);

			await world.publish(TRIGGER);
			const url = world.webhookUrl(TRIGGER);
			const subscription = await eventually(
				() => emulator.subscriptions?.all().find((s) => s.deliveryMode.address === url && s.status === 'Active'),
				60_000,
				'the trigger\'s subscription',
			);
			const trigger = await burst(emulator, subscription, 'burst-trigger');
			const replaced = emulator.subscriptions?.all().some((s) => s.deliveryMode.address === url && s.id !== subscription.id);
			await quiet(world);

			// The same burst over WebSocket delivery: no webhook request, so no expression sandbox per event.
			await world.unpublish(TRIGGER);
			await world.publish(SOCKET_TRIGGER);
			const socketSession = await eventually(
				() => emulator.webSockets.describe().find((s) => s.state === 'connected' && s.subscriptionId),
				60_000,
				'the WebSocket subscription',
			);
			const socketSubscription = emulator.subscriptions?.get(String(socketSession.subscriptionId));
			if (!socketSubscription) throw new Error('the WebSocket subscription is missing');
			const socket = await burst(emulator, socketSubscription, 'burst-socket');
			const socketAfter = emulator.webSockets.describe().find((s) => s.subscriptionId === socketSession.subscriptionId);

			const ratio = trigger.latencyP50 / webhookNode.latencyP50;
			const rows: Row[] = [];
			for (const [who, r] of [['Webhook node', webhookNode], ['RingCentral Trigger', trigger]] as const) {
				rows.push(
					{ label: `${who}: answer time p50 / max`, value: Number.isNaN(r.answerP50) ? `none answered / ${Math.round(r.answerMax)}` : `${Math.round(r.answerP50)} / ${Math.round(r.answerMax)}`, unit: 'ms', target: who === 'RingCentral Trigger' ? 'max < 1000 (RingCentral allows 3000)' : undefined, pass: who === 'RingCentral Trigger' ? r.answerMax < 1000 : undefined },
					{ label: `${who}: failed delivery attempts`, value: r.failedAttempts, target: who === 'RingCentral Trigger' ? '0' : undefined, pass: who === 'RingCentral Trigger' ? r.failedAttempts === 0 : undefined },
					{ label: `${who}: event → execution p50 / p95`, value: `${Math.round(r.latencyP50)} / ${Math.round(r.latencyP95)}`, unit: 'ms' },
					{ label: `${who}: executions / lost / duplicated`, value: `${r.executions} / ${r.lost} / ${r.duplicated}`, target: who === 'RingCentral Trigger' ? `${BURST} / 0 / 0` : undefined, pass: who === 'RingCentral Trigger' ? r.executions === BURST && r.lost === 0 && r.duplicated === 0 : undefined },
				);
			}
			rows.push(
				{ label: 'RingCentral Trigger: subscription after the burst', value: replaced ? `${trigger.status} (replaced)` : trigger.status, target: 'Active, not replaced', pass: trigger.status === 'Active' && !replaced },
				{ label: 'event → execution p50, trigger ÷ Webhook node', value: ratio, unit: '×', target: '≤ 1.5', pass: ratio <= 1.5 },
				{ label: 'RingCentral Trigger over WebSocket: event → execution p50 / p95', value: `${Math.round(socket.latencyP50)} / ${Math.round(socket.latencyP95)}`, unit: 'ms' },
				{ label: 'RingCentral Trigger over WebSocket: executions / lost / duplicated', value: `${socket.executions} / ${socket.lost} / ${socket.duplicated}`, target: `${BURST} / 0 / 0`, pass: socket.executions === BURST && socket.lost === 0 && socket.duplicated === 0 },
				{ label: 'RingCentral Trigger over WebSocket: subscription and connection after the burst', value: `${socket.status}, ${String(socketAfter?.state)}`, target: 'Active, connected', pass: socket.status === 'Active' && socketAfter?.state === 'connected' },
				{ label: 'event → execution p50, trigger over WebSocket ÷ Webhook node', value: socket.latencyP50 / webhookNode.latencyP50, unit: '×', target: '≤ 1.5', pass: socket.latencyP50 / webhookNode.latencyP50 <= 1.5 },
			);
			return rows;
		} finally {
			await world?.n8n.stop();
			await emulator.stop();
		}
	},
};

export default bench;
