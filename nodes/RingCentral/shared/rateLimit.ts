import { sleep } from 'n8n-workflow';

/** Slack added to every estimated window end. */
const WINDOW_MARGIN_MS = 25;
/** RingCentral: "If Retry-After is not returned, the original request should be retried in 30 seconds". */
const DEFAULT_RETRY_AFTER_S = 30;
/**
 * How long the others wait for a probe's answer before one more request may go. RingCentral
 * answers in well under a second; a probe still out after this is slow or hung, and must not
 * hold every other request of the credential until its own timeout.
 */
export const PROBE_PATIENCE_MS = 5_000;
/** How often waiting requests look again without a release (to notice an overdue probe). */
const TICK_MS = 250;
/**
 * How long after a window's first answer the gate asks again, to count who else shares the
 * budget: every client of the credential asks when the window turns, so their first requests
 * land within this time of ours. With others about a quarter of the window, alone a twentieth
 * (someone new is noticed all the same), within these bounds: the window's budget is spent
 * after it all the same, only the second and later requests of a short run wait for it.
 */
export const COUNT_DELAY_MS = { min: 25, max: 1_000 };

export function countDelay(windowMs: number, crowded: boolean, firstCount = false): number {
	// The very first count of a gate waits a little longer: workers that start together reach
	// their first request at slightly different times (their own sign-ins come first).
	const part = crowded ? 4 : firstCount ? 10 : 20;
	return Math.min(COUNT_DELAY_MS.max, Math.max(COUNT_DELAY_MS.min, windowMs / part));
}

/** How many windows after another client was last seen a request stays unspent for latecomers. */
const CROWD_MEMORY_WINDOWS = 10;

/** One acquired passage through a gate. Releasing it again is harmless: only the first release counts. */
export interface GateLease {
	/**
	 * `headers` of the answer (lower-case names); `answered` is false when no answer arrived
	 * (connection failure, timeout), which teaches nothing about the limits.
	 */
	release(headers?: Record<string, string>, answered?: boolean): void;
	/**
	 * The answer was a 429: releases the lease and holds every request of the group until
	 * RingCentral's penalty is surely over. Returns Retry-After in seconds.
	 */
	throttled(headers: Record<string, string>): number;
}

/** What a request is for the gate: the one that asks about a new window, the one that counts the clients, or one that spends. */
type Role = 'probe' | 'count' | 'spend';

/**
 * Paces one usage-plan group (Light, Medium, Heavy, Auth) for one credential.
 *
 * Declarative nodes send every item's request at once, so pacing must be a gate all requests of
 * a group pass through. It learns the limit from RingCentral's X-Rate-Limit-* headers, spends
 * its share of each window's budget, then waits for the window to pass instead of provoking
 * 429s — during RingCentral's penalty every new request restarts the penalty.
 *
 * Several processes (n8n workers in queue mode, other apps of the same user) may spend the same
 * budget, and none of them can see the others — only RingCentral's counts. So each window starts
 * the same way in every process: one request asks (probe), a moment later one more request asks
 * (count). Everyone who shares the budget asked in between, so the drop in Remaining between the
 * window's start and the count's answer is how many clients share it; each spends only its share
 * of what is left. After a 429 each process waits out Retry-After plus a random part that grows
 * with the number of clients and with every penalty a probe ran into, so the processes do not
 * probe in step and keep the penalty alive for each other.
 */
export class UsageGate {
	private learned = false;

	private untracked = false;

	private windowMs = 60_000;

	private tokens = 0;

	private windowEndsAt = 0;

	private blockedUntil = 0;

	/** When the latest 429 episode began: a 429 for a request sent after it is a probe that hit the penalty again. */
	private blockedSince = 0;

	/** 429 episodes in a row without an answer in between. */
	private strikes = 0;

	/** The random part of the current episode's wait (one draw per episode). */
	private spreadMs = 0;

	/** How many clients spend this budget (this process included), as counted at the latest window's start. */
	private clients = 1;

	/** When the count request of the current window may go (undefined: counted, or no window yet). */
	private countAt: number | undefined;

	private countSent = false;

	/** Whether this gate has counted the clients of a window yet. */
	private counted = false;

	/** Requests sent since this window's first answer (and the ones still out then). */
	private windowSent = 0;

	/** When this window's share may be spent. */
	private spendFrom = 0;

	/** When another client was last seen spending this budget. */
	private crowdSeenAt = -Infinity;

	/** Remaining as the window's first answer said it. */
	private firstRemaining = 0;

	private inFlight = 0;

	/** When the latest request went out: waiting for an answer is bounded from then. */
	private lastSentAt = 0;

	private waiters: Array<() => void> = [];

	private tick?: Promise<void>;

	async acquire(signal?: AbortSignal): Promise<GateLease> {
		let role: Role = 'spend';
		for (;;) {
			if (signal?.aborted) throw new Error('Execution was cancelled');
			const now = Date.now();
			if (now < this.blockedUntil) {
				await sleep(this.blockedUntil - now);
				continue;
			}
			if (this.untracked) break;
			const overdue = now - this.lastSentAt >= PROBE_PATIENCE_MS;
			if (!this.learned || now >= this.windowEndsAt) {
				// Nothing is known about the server's current window (first use, or the one we knew
				// has passed): one request asks, the others wait for its answer — but not forever.
				if (this.inFlight === 0 || overdue) {
					role = 'probe';
					break;
				}
				await this.nextChange();
				continue;
			}
			if (this.countAt !== undefined) {
				if (now < this.countAt) {
					await sleep(this.countAt - now);
					continue;
				}
				if (!this.countSent || overdue) {
					this.countSent = true;
					role = 'count';
					break;
				}
				await this.nextChange();
				continue;
			}
			if (now < this.spendFrom) {
				await sleep(this.spendFrom - now);
				continue;
			}
			if (this.tokens > 0) {
				this.tokens--;
				break;
			}
			await sleep(Math.max(1, this.windowEndsAt - now));
		}
		this.inFlight++;
		this.windowSent++;
		const sentAt = Date.now();
		this.lastSentAt = sentAt;
		let released = false;
		const once = () => {
			if (released) return false;
			released = true;
			this.inFlight = Math.max(0, this.inFlight - 1);
			return true;
		};
		return {
			release: (headers = {}, answered = true) => {
				if (once()) this.settle(headers, answered, role);
			},
			throttled: (headers) => {
				const seconds = retryAfterSeconds(headers) ?? DEFAULT_RETRY_AFTER_S;
				if (once()) this.penalty(seconds, sentAt);
				return seconds;
			},
		};
	}

	private settle(headers: Record<string, string>, answered: boolean, role: Role): void {
		const limit = Number(headers['x-rate-limit-limit']);
		const remaining = Number(headers['x-rate-limit-remaining']);
		const windowSeconds = Number(headers['x-rate-limit-window']);
		if (!Number.isFinite(limit) || !Number.isFinite(remaining)) {
			// A group RingCentral does not meter (or a proxy that strips headers): stop pacing it.
			if (answered && !this.learned) this.untracked = true;
			if (!answered) {
				// A request that got no answer taught nothing: the next one may ask at once.
				this.lastSentAt = 0;
				if (role === 'count') this.countSent = false;
			}
			this.wake();
			return;
		}
		this.untracked = false;
		this.strikes = 0;
		if (Number.isFinite(windowSeconds) && windowSeconds > 0) this.windowMs = windowSeconds * 1000;
		const now = Date.now();
		const windowUnknown = !this.learned || now >= this.windowEndsAt;
		this.learned = true;
		if (windowUnknown) {
			this.windowEndsAt = now + this.windowMs + WINDOW_MARGIN_MS;
			this.tokens = 0;
			// The first answer of a window: before spending, count who else shares it — unless more
			// was spent before us than the other clients' first two requests of a window (we came
			// late, they are spending): then this window is theirs, and we start with the next one.
			const before = limit - 1 - remaining;
			const fresh = before <= 2 * (this.clients - 1);
			if (before > 0) this.crowdSeenAt = now;
			// So many requests before ours come from at least half as many clients: next time, with
			// them, we count.
			if (!fresh) this.clients = Math.min(limit, Math.ceil(before / 2) + 1);
			const delay = countDelay(this.windowMs, this.crowded(), !this.counted);
			this.countAt = fresh ? now + delay : undefined;
			// With others about nobody spends before everyone has counted: spending is what would make
			// a count too high. Alone, the share is spent as soon as the count has shown it.
			this.spendFrom = this.crowded() ? now + 2 * delay : 0;
			this.countSent = false;
			this.firstRemaining = remaining;
			// Requests still out may be counted in this window too.
			this.windowSent = 1 + this.inFlight;
		} else if (role === 'count' && this.countAt !== undefined) {
			// Every client asks when the window turns and counts a moment later: between our two
			// requests the server counted one request of every other client (the count of one that
			// asked before us, the first request of one that asked after us).
			this.clients = Math.min(limit, Math.max(1, this.firstRemaining - remaining));
			if (this.clients > 1) this.crowdSeenAt = now;
			this.countAt = undefined;
			this.counted = true;
			this.tokens = this.share(remaining);
		} else {
			// The server counted more than we sent: someone else spends this budget too.
			if (limit - remaining > this.windowSent) this.crowdSeenAt = now;
			// Requests still in flight have not been counted by the server yet.
			this.tokens = Math.min(this.tokens, this.share(remaining));
		}
		// Remaining = limit - 1 marks the request that opened the server's window: the server counted
		// it before answering, so a window measured from now never ends too early. A window someone
		// else opened began less than one window ago, so it too has ended one window from now.
		if (remaining === limit - 1) this.windowEndsAt = Math.max(this.windowEndsAt, now + this.windowMs + WINDOW_MARGIN_MS);
		this.wake();
	}

	/**
	 * This process's part of what is left of the window, less its requests the server has not
	 * counted yet. With others about, one request stays unspent: a client that comes late to the
	 * window asks once and must not be refused (a 429 would start the penalty for everyone).
	 */
	private share(remaining: number): number {
		const reserve = this.crowded() ? 1 : 0;
		return Math.max(0, Math.floor((remaining - reserve) / this.clients) - this.inFlight);
	}

	/** Whether another client spent this budget lately. */
	private crowded(): boolean {
		return Date.now() - this.crowdSeenAt < CROWD_MEMORY_WINDOWS * this.windowMs;
	}

	/**
	 * A 429: nothing more until the penalty is over, then a fresh window. RingCentral restarts the
	 * penalty with every request made during it, including the other clients' requests we cannot
	 * see: after Retry-After a random part follows, longer with more clients and after every probe
	 * that ran into the penalty again, so the clients' probes spread out instead of keeping the
	 * penalty alive for each other.
	 */
	private penalty(retryAfterS: number, sentAt: number): void {
		const now = Date.now();
		// Requests that were already out when the episode began get their 429s too: one episode.
		if (sentAt > this.blockedSince) {
			this.strikes++;
			this.blockedSince = now;
			this.crowdSeenAt = now;
			// A 429 means someone else spent the budget too (alone, the gate never overdraws it): at
			// least one other client, probing after Retry-After just as we do.
			const others = Math.max(1, this.clients - 1);
			this.spreadMs = Math.random() * retryAfterS * 1000 * Math.min(4, 0.5 * others * 2 ** (this.strikes - 1));
		}
		this.blockedUntil = Math.max(this.blockedUntil, now + retryAfterS * 1000 + WINDOW_MARGIN_MS + this.spreadMs);
		this.tokens = 0;
		this.countAt = undefined;
		this.windowEndsAt = this.blockedUntil;
		this.wake();
	}

	/**
	 * Resolves on the next release, or at the next tick (every waiter shares one short timer, so
	 * nothing keeps the process busy long after the last request).
	 */
	private async nextChange(): Promise<void> {
		let wake: () => void = () => undefined;
		const changed = new Promise<void>((resolve) => {
			wake = resolve;
			this.waiters.push(resolve);
		});
		this.tick ??= sleep(TICK_MS).then(() => {
			this.tick = undefined;
		});
		await Promise.race([changed, this.tick]);
		this.waiters = this.waiters.filter((waiter) => waiter !== wake);
	}

	private wake(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const resolve of waiters) resolve();
	}
}

/** Retry-After in seconds (a number or an HTTP date), if the answer has one. */
export function retryAfterSeconds(headers: Record<string, string>): number | undefined {
	const raw = headers['retry-after'];
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds);
	const date = Date.parse(raw);
	return Number.isFinite(date) ? Math.max(0, (date - Date.now()) / 1000) : undefined;
}

const gates = new Map<string, UsageGate>();

/** The gate of one credential's usage-plan group (per process; the server's headers keep it honest). */
export function usageGate(credentialKey: string, group: string): UsageGate {
	const key = `${credentialKey}|${group.toLowerCase()}`;
	let gate = gates.get(key);
	if (!gate) {
		gate = new UsageGate();
		gates.set(key, gate);
	}
	return gate;
}
