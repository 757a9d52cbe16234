/**
 * Presence: batching (presence of 300 extensions) and pacing (100 updates through a usage-plan
 * group limited to 10 requests per window).
 */
import type { Bench } from './kit';

const WINDOW_SECONDS = Number(process.env.RC_BENCH_WINDOW ?? 3);
const LIMIT = 10;
const UPDATES = 100;

const bench: Bench = {
	title: 'Presence: batched reads and paced updates',
	async run({ setup, load, callsSince }) {
		const RingCentralPresence = load('nodes/RingCentralPresence/RingCentralPresence.node');
		const env = await setup({
			nodes: [RingCentralPresence],
			emulator: { userCount: 300, rateLimits: { windowSeconds: WINDOW_SECONDS, limits: { Light: 50, Medium: LIMIT } } },
		});
		try {
			const users = env.emulator.state.users;
			// Warm the credential (JWT sign-in) so it is not counted below.
			await env.run('ringCentralPresence', { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~' });

			let since = env.emulator.sequence;
			const read = await env.run('ringCentralPresence', {
				resource: 'userPresence',
				operation: 'getMany',
				accountId: '~',
				extensionIds: users.join(','),
			});
			const readCalls = callsSince(env.emulator, since).length;
			const readMinimum = Math.ceil(users.length / 30);

			// Start the measured run on a fresh window so the minimum is exact.
			await new Promise((r) => setTimeout(r, WINDOW_SECONDS * 1000 + 50));
			since = env.emulator.sequence;
			const items = users.slice(0, UPDATES).map((ext, i) => ({ json: { ext, message: `bench ${i}` } }));
			const started = Date.now();
			const updated = await env.run(
				'ringCentralPresence',
				{
					resource: 'userPresence',
					operation: 'update',
					accountId: '~',
					extensionId: '={{ $json.ext }}',
					updateFields: { message: '={{ $json.message }}' },
				},
				{ items, continueOnFail: true },
			);
			const wallMs = Date.now() - started;
			const calls = callsSince(env.emulator, since);
			const minimumMs = (Math.ceil(UPDATES / LIMIT) - 1) * WINDOW_SECONDS * 1000;
			const failed = updated.items.filter((i) => i.json.error).length + (updated.error ? UPDATES : 0);
			const ratio = wallMs / minimumMs;
			return [
				{ label: `presence of ${users.length} extensions: output items`, value: read.items.length },
				{
					label: `presence of ${users.length} extensions: requests made ÷ minimum (${readMinimum})`,
					value: readCalls / readMinimum,
					target: '1.0',
					pass: readCalls === readMinimum,
				},
				{
					label: `${UPDATES} updates, ${LIMIT} per ${WINDOW_SECONDS} s window: wall time ÷ theoretical minimum (${minimumMs / 1000} s)`,
					value: ratio,
					target: '≤ 1.05',
					pass: ratio <= 1.05,
				},
				{ label: `${UPDATES} updates: wall time`, value: wallMs / 1000, unit: 's' },
				{ label: `${UPDATES} updates: failed items`, value: failed, target: '0', pass: failed === 0 },
				{
					label: `${UPDATES} updates: 429 answers provoked`,
					value: calls.filter((c) => c.status === 429).length,
					target: '0',
					pass: calls.every((c) => c.status !== 429),
				},
			];
		} finally {
			await env.stop();
		}
	},
};

export default bench;
