/**
 * The pacing gate on its own, with jest's fake clock: what several executions sharing one
 * credential see, whatever RingCentral's headers say.
 */
import { PROBE_PATIENCE_MS, UsageGate } from '../../nodes/RingCentral/shared/rateLimit';

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

beforeEach(() => {
	jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z') });
});

afterEach(() => {
	jest.useRealTimers();
});

describe('the pacing gate', () => {
	test('while the window is unknown one request asks; the others go when its answer shows the budget', async () => {
		const gate = new UsageGate();
		const first = await gate.acquire();
		const others = [track(gate), track(gate), track(gate)];
		await jest.advanceTimersByTimeAsync(100);
		expect(others.map((o) => !!o.state.lease)).toEqual([false, false, false]);

		first.release(counts(40, 39));
		await jest.advanceTimersByTimeAsync(1);
		expect(others.map((o) => !!o.state.lease)).toEqual([true, true, true]);
	});

	test('several executions at once never get more than the window allows; the rest wait for the next window', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		probe.release(counts(5, 4));
		// Two executions of 3 items each arrive together: 4 fit the window that is left.
		const waiting = Array.from({ length: 6 }, () => track(gate));
		await jest.advanceTimersByTimeAsync(10);
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(4);
		await jest.advanceTimersByTimeAsync(59_000);
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(4);
		await jest.advanceTimersByTimeAsync(1_100);
		// The new window is unknown again: one of the two left asks first.
		expect(waiting.filter((w) => w.state.lease)).toHaveLength(5);
	});

	test('a lease released twice counts once (a download whose conversion throws after success)', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		probe.release(counts(10, 9));
		const a = await gate.acquire();
		const b = await gate.acquire();
		a.release(counts(10, 8));
		a.release(counts(10, 8));
		a.release({}, false);
		// Had the second release counted, two requests would look finished while b is still out
		// and the budget would be raised by requests the server has not counted.
		const budget = (gate as unknown as { tokens: number; inFlight: number });
		expect(budget.inFlight).toBe(1);
		b.release(counts(10, 7));
		expect(budget.inFlight).toBe(0);
		expect(budget.tokens).toBe(7);
	});

	test('a window someone else opened (another worker or app) ends one window after we first hear of it', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		// Remaining 2 of 10: the window is not ours and is nearly spent.
		probe.release(counts(10, 2, 60));
		const first = await gate.acquire();
		const second = await gate.acquire();
		const third = track(gate);
		await jest.advanceTimersByTimeAsync(30_000);
		expect(third.state.lease).toBeUndefined();
		await jest.advanceTimersByTimeAsync(30_100);
		expect(third.state.lease).toBeDefined();
		first.release(counts(10, 1));
		second.release(counts(10, 0));
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
		// Only one more: the third waits for that one's answer (or the next patience).
		expect(third.state.lease).toBeUndefined();
		other.state.lease?.release(counts(20, 18));
		await jest.advanceTimersByTimeAsync(1);
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

	test('a 429 holds every request of the group until Retry-After has passed', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		probe.release(counts(10, 9));
		expect(gate.throttled({ 'retry-after': '20' })).toBe(20);
		const waiting = track(gate);
		await jest.advanceTimersByTimeAsync(19_900);
		expect(waiting.state.lease).toBeUndefined();
		await jest.advanceTimersByTimeAsync(200);
		expect(waiting.state.lease).toBeDefined();
	});

	test('answers without rate-limit headers (a group RingCentral does not meter) stop the pacing', async () => {
		const gate = new UsageGate();
		const probe = await gate.acquire();
		probe.release({ 'content-type': 'application/json' });
		const many = await Promise.all(Array.from({ length: 50 }, () => gate.acquire()));
		expect(many).toHaveLength(50);
	});
});
