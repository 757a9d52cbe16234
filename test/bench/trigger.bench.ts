/**
 * RingCentral Trigger in real n8n (Node 24): the Validation-Token handshake as RingCentral meets
 * it (time and bytes on the wire), and event → execution latency, median of 100 inbound SMS, with
 * Webhook delivery and then (the webhook workflow unpublished) with WebSocket delivery.
 */
import { createEmulator } from '../../tools/emulator';
import { inject } from '../../tools/emulator/events';
import { repoPath } from '../../tools/repository';
import { eventually, handshake } from '../e2e/probe';
import type { Handshake } from '../e2e/probe';
import { startTriggerWorld } from '../e2e/trigger-world';
import type { TriggerWorld } from '../e2e/trigger-world';
import type { Bench } from './kit';

const EVENTS = 100;
const HANDSHAKES = 20;
const WORKFLOW = 'rcBenchTrigger01';
const WEBSOCKET_WORKFLOW = 'rcBenchTriggerWs';

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

const bench: Bench = {
	title: 'RingCentral Trigger in real n8n: handshake and event → execution latency (Webhook and WebSocket delivery)',
	async run() {
		const emulator = await createEmulator({ requireSpec: true, quiet: true });
		await emulator.start();
		let world: TriggerWorld | undefined;
		try {
			world = await startTriggerWorld(
				[
					{ id: WORKFLOW, parameters: { events: ['inboundSms'] }, sink: 'bench' },
					{ id: WEBSOCKET_WORKFLOW, parameters: { events: ['inboundSms'], delivery: 'webSocket' }, sink: 'bench-ws' },
				],
				{
				emulatorUrl: emulator.url,
				logFile: repoPath('test-output/bench-n8n.log'),
				},
			);
			await world.publish(WORKFLOW);
			const url = world.webhookUrl(WORKFLOW);
			await eventually(() => emulator.subscriptions?.all().find((s) => s.deliveryMode.address === url && s.status === 'Active'), 60_000, 'the subscription');

			const handshakes: Handshake[] = [];
			for (let i = 0; i < HANDSHAKES; i++) handshakes.push(await handshake(url));

			/** One event at a time: when its execution's item reaches the sink. */
			const measure = async (sink: string) => {
				const latencies: number[] = [];
				for (let i = 0; i < EVENTS; i++) {
					const before = (emulator.sinks?.get(sink) ?? []).length;
					const sent = Date.now();
					inject(emulator, 'inbound-sms', { text: `bench ${i}` });
					const items = await eventually(() => {
						const got = emulator.sinks?.get(sink) ?? [];
						return got.length > before ? got : undefined;
					}, 20_000, `execution ${i}`);
					latencies.push(items[items.length - 1].at - sent);
				}
				return latencies;
			};
			const latencies = await measure('bench');
			const executions = (emulator.sinks?.get('bench') ?? []).length;

			await world.unpublish(WORKFLOW);
			await world.publish(WEBSOCKET_WORKFLOW);
			await eventually(() => emulator.webSockets.describe().find((s) => s.state === 'connected' && s.subscriptionId), 60_000, 'the WebSocket subscription');
			const overSocket = await measure('bench-ws');
			const socketExecutions = (emulator.sinks?.get('bench-ws') ?? []).length;
			const bytes = Math.max(...handshakes.map((h) => h.bytes));
			return [
				{ label: 'handshake answered with the Validation-Token echoed', value: `${handshakes.filter((h) => h.echoed && h.status === 200).length}/${HANDSHAKES}`, pass: handshakes.every((h) => h.echoed && h.status === 200) },
				{ label: 'handshake response time, median', value: median(handshakes.map((h) => h.ms)), unit: 'ms', target: '< 3000 (RingCentral)', pass: median(handshakes.map((h) => h.ms)) < 3000 },
				{ label: 'handshake response size (headers + body), largest', value: bytes, unit: 'bytes', target: '< 1024 (RingCentral)', pass: bytes < 1024 },
				{ label: `event → execution latency, median of ${EVENTS}`, value: median(latencies), unit: 'ms' },
				{ label: `event → execution latency, slowest of ${EVENTS}`, value: Math.max(...latencies), unit: 'ms' },
				{ label: 'executions per event', value: executions / EVENTS, target: '1.0', pass: executions === EVENTS },
				{ label: `WebSocket delivery: event → execution latency, median of ${EVENTS}`, value: median(overSocket), unit: 'ms' },
				{ label: `WebSocket delivery: event → execution latency, slowest of ${EVENTS}`, value: Math.max(...overSocket), unit: 'ms' },
				{ label: 'WebSocket / Webhook median latency (same run)', value: median(overSocket) / median(latencies), unit: '×' },
				{ label: 'WebSocket delivery: executions per event', value: socketExecutions / EVENTS, target: '1.0', pass: socketExecutions === EVENTS },
			];
		} finally {
			await world?.n8n.stop();
			await emulator.stop();
		}
	},
};

export default bench;
