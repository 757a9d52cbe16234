/**
 * The pacing gate on its own, with jest's fake clock: what several executions sharing one
 * credential see, whatever RingCentral's headers say. (Several processes sharing one credential
 * against the emulator: test/workers.)
 */
import { countDelay, PROBE_PATIENCE_MS, UsageGate } from '../../nodes/RingCentral/shared/rateLimit';

/** RingCentral's rate-limit headers of an answer. */
const counts = (limit: number, remaining: number, windowSeconds = 60) => ({
	'x-rate-limit-group': 'light',
	'x-rate-limit-limit': String(limit),
	'x-rate-limit-remaining': String(remaining),
	'x-rate-limit-window': String(windowSeconds),
});

/** Starts `acquire` and reports whether it has resolved, without awaiting it. */
function track(gate: UsageGate) {
	const state: { lease?: Awaited<ReturnType<UsageGate['acquire']>> } = {};
	const done = gate.acquire().then((lease) => {
		state.lease = lease;
		return lease;
	});
	return { state, done };
}

/** A window's first answer is followed by one request that counts the clients, a moment later (longer with others about). */
const delayOf = (windowSeconds: number, crowded = false) => countDelay(windowSeconds * 1000, crowded, true);

/**
 * Opens a window the way every client starts one: a probe, then the count `others` requests of
 * other clients later; answers when this gate may spend its share.
 */
async function openWindow(gate: UsageGate, limit: number, windowSeconds = 60, others = 0) {
	const probe = await gate.acquire();
	probe.release(counts(limit, limit - 1, windowSeconds));
	await jest.advanceTimersByTimeAsync(delayOf(windowSeconds, others > 0));
	const count = await gate.acquire();
	count.release(counts(limit, limit - 2 - others, windowSeconds));
	await jest.advanceTimersByTimeAsync(delayOf(windowSeconds, others > 0));
}

beforeEach(() => {
	jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') });
});

afterEach(() => {
	jest.useRealTimers();
});

describe('the pacing gate', () => {
	test('while the window is unknown one request asks; a moment later one more counts the clients; then the others spend the budget', async () => {
		const gate = new UsageGate();
		const first = await gate.acquire();
		const others = [track(gate), track(gate), track(gate)];
		await jest.advanceTimersByTimeAsync(100);
		expect(others.map((o) => !!o.state.lease)).toEqual([false, false, false]);

		first.release(counts(40, 39));
		await jest.advanceTimersByTimeAsync(delayOf(60) - 10);
		expect(others.filter((o) => o.state.lease)).toHaveLength(0);
		await jest.advanceTimersByTimeAsync(20);
		const counting = others.filter((o) => o.state.lease);
		expect(counting).toHaveLength(1);
		// Nobody else asked in between: this process has the window to itself.
		counting[0].state.lease?.release(counts(40, 38));
		await jest.advanceTimersByTimeAsync(delayOf(60));
		expect(others.map((o) => !!o.state.lease)).toEqual([true, true, true]);
	});

	test('several executions at once never get more than the window allows; the rest wait for the next window', async () => {
		const gate = new UsageGate();
		await openWindow(gate, 6);
		// Two executions of 3 items each arrive together: 4 fit the window that is left.
		const waiting = Array.from({ length: 6 }, () => track(gate));
		await jest.advanceTimersByTimeAsync(10);
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(4);
		await jest.advanceTimersByTimeAsync(58_000);
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(4);
		await jest.advanceTimersByTimeAsync(1_100);
		// The new window is unknown again: one of the two left asks first.
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(5);
	});

	test('processes sharing the credential each spend their share: the count shows how many ask with us', async () => {
		const gate = new UsageGate();
		// Two other processes asked between our probe and our count (39 → 35: one each).
		await openWindow(gate, 40, 60, 2);
		const waiting = Array.from({ length: 40 }, () => track(gate));
		await jest.advanceTimersByTimeAsync(10);
		// 38 - 2 = 36 left after the count; one stays unspent for a latecomer; a third of the rest.
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(Math.floor((36 - 1) / 3));
	});

	test('answers showing the others spend faster than expected shrink our share at once', async () => {
		const gate = new UsageGate();
		await openWindow(gate, 40, 60, 1);
		const first = await gate.acquire();
		// 40 - 3 = 37 after the count → 18 for us; another client took 20 meanwhile.
		first.release(counts(40, 16));
		const waiting = Array.from({ length: 20 }, () => track(gate));
		await jest.advanceTimersByTimeAsync(10);
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(Math.floor((16 - 1) / 2));
	});

	test('a lease released twice counts once (a download whose conversion throws after success)', async () => {
		const gate = new UsageGate();
		await openWindow(gate, 10);
		const a = await gate.acquire();
		const b = await gate.acquire();
		a.release(counts(10, 7));
		a.release(counts(10, 7));
		a.release({}, false);
		// Had the second release counted, two requests would look finished while b is still out
		// and the budget would be raised by requests the server has not counted.
		const budget = gate as unknown as { tokens: number; inFlight: number };
		expect(budget.inFlight).toBe(1);
		b.release(counts(10, 6));
		expect(budget.inFlight).toBe(0);
		expect(budget.tokens).toBe(6);
	});

	test('a window others are already spending (we came late) is left to them: we start with the next one', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		// Remaining 2 of 10: the window is not ours and is nearly spent.
		probe.release(counts(10, 2, 60));
		const next = track(gate);
		await jest.advanceTimersByTimeAsync(59_000);
		expect(next.state.lease).toBeUndefined();
		await jest.advanceTimersByTimeAsync(1_100);
		expect(next.state.lease).toBeDefined();
	});

	test('a hung probe holds the others for the probe patience only, then one more request may ask', async () => {
		const gate = new UsageGate();
		await gate.acquire(); // never answers
		const other = track(gate);
		const third = track(gate);
		await jest.advanceTimersByTimeAsync(PROBE_PATIENCE_MS - 300);
		expect(other.state.lease).toBeUndefined();
		await jest.advanceTimersByTimeAsync(600);
		expect(other.state.lease).toBeDefined();
		// Only one more: the third waits for that one's answer (and the count after it).
		expect(third.state.lease).toBeUndefined();
		other.state.lease?.release(counts(20, 19));
		await jest.advanceTimersByTimeAsync(delayOf(60) + 10);
		expect(third.state.lease).toBeDefined();
	});

	test('a probe that failed without an answer lets the next request ask at once', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		const next = track(gate);
		await jest.advanceTimersByTimeAsync(50);
		expect(next.state.lease).toBeUndefined();
		probe.release({}, false);
		await jest.advanceTimersByTimeAsync(1);
		expect(next.state.lease).toBeDefined();
	});

	test('a 429 holds every request of the group for Retry-After and a random part of up to half of it more', async () => {
		const gate = new UsageGate();
		await openWindow(gate, 10);
		const refused = await gate.acquire();
		expect(refused.throttled({ 'retry-after': '20' })).toBe(20);
		const waiting = track(gate);
		await jest.advanceTimersByTimeAsync(19_900);
		expect(waiting.state.lease).toBeUndefined();
		await jest.advanceTimersByTimeAsync(10_200);
		expect(waiting.state.lease).toBeDefined();
	});

	test('with other clients about, the wait after a 429 gets a random part, longer after every probe that ran into the penalty again', async () => {
		const gate = new UsageGate();
		await openWindow(gate, 40, 60, 3);
		// Requests already out when the penalty began: one episode.
		const outs = [await gate.acquire(), await gate.acquire()];
		outs[0].throttled({ 'retry-after': '10' });
		outs[1].throttled({ 'retry-after': '10' });
		const state = gate as unknown as { strikes: number; blockedUntil: number };
		expect(state.strikes).toBe(1);
		const firstWait = state.blockedUntil - Date.now();
		expect(firstWait).toBeGreaterThanOrEqual(10_000);
		// Four clients: up to one and a half Retry-After more.
		expect(firstWait).toBeLessThanOrEqual(10_000 + 15_000 + 100);
		await jest.advanceTimersByTimeAsync(firstWait + 1);
		// The probe after the wait runs into the penalty again (another client kept it alive).
		const probe = await gate.acquire();
		probe.throttled({ 'retry-after': '10' });
		expect(state.strikes).toBe(2);
		const secondWait = state.blockedUntil - Date.now();
		expect(secondWait).toBeGreaterThanOrEqual(10_000);
		expect(secondWait).toBeLessThanOrEqual(10_000 + 40_000 + 100);
		await jest.advanceTimersByTimeAsync(secondWait + 1);
		// An answer ends the episodes.
		(await gate.acquire()).release(counts(40, 39));
		expect(state.strikes).toBe(0);
	});

	test('answers without rate-limit headers (a group RingCentral does not meter) stop the pacing', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		probe.release({ 'content-type': 'application/json' });
		const many = await Promise.all(Array.from({ length: 50 }, () => gate.acquire()));
		expect(many).toHaveLength(50);
	});
});
