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

/** One acquired passage through a gate. Releasing it again is harmless: only the first release counts. */
export interface GateLease {
	/**
	 * `headers` of the answer (lower-case names); `answered` is false when no answer arrived
	 * (connection failure, timeout), which teaches nothing about the limits.
	 */
	release(headers?: Record<string, string>, answered?: boolean): void;
}

/**
 * Paces one usage-plan group (Light, Medium, Heavy, Auth) for one credential.
 *
 * Declarative nodes send every item's request at once, so pacing must be a gate all requests of
 * a group pass through. It learns the limit from RingCentral's X-Rate-Limit-* headers (one probe
 * request whenever the current window is unknown), spends the window's budget, then waits for the
 * window to pass instead of provoking 429s — during RingCentral's penalty every new request
 * restarts the penalty. The server's Remaining count always wins over the local estimate, so
 * other workers, workflows and apps sharing the quota are respected.
 */
export class UsageGate {
	private learned = false;

	private untracked = false;

	private windowMs = 60_000;

	private tokens = 0;

	private windowEndsAt = 0;

	private blockedUntil = 0;

	private inFlight = 0;

	/** When the latest request went out: waiting for an answer is bounded from then. */
	private lastSentAt = 0;

	private waiters: Array<() => void> = [];

	private tick?: Promise<void>;

	async acquire(signal?: AbortSignal): Promise<GateLease> {
		for (;;) {
			if (signal?.aborted) throw new Error('Execution was cancelled');
			const now = Date.now();
			if (now < this.blockedUntil) {
				await sleep(this.blockedUntil - now);
				continue;
			}
			if (this.untracked) break;
			if (!this.learned || now >= this.windowEndsAt) {
				// Nothing is known about the server's current window (first use, or the one we knew
				// has passed): one request asks, the others wait for its answer — but not forever.
				if (this.inFlight === 0 || now - this.lastSentAt >= PROBE_PATIENCE_MS) break;
				await this.nextChange();
				continue;
			}
			if (this.tokens > 0) {
				this.tokens--;
				break;
			}
			await sleep(Math.max(1, this.windowEndsAt - now));
		}
		this.inFlight++;
		this.lastSentAt = Date.now();
		let released = false;
		return {
			release: (headers = {}, answered = true) => {
				if (released) return;
				released = true;
				this.settle(headers, answered);
			},
		};
	}

	private settle(headers: Record<string, string>, answered: boolean): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const limit = Number(headers['x-rate-limit-limit']);
		const remaining = Number(headers['x-rate-limit-remaining']);
		const windowSeconds = Number(headers['x-rate-limit-window']);
		if (!Number.isFinite(limit) || !Number.isFinite(remaining)) {
			// A group RingCentral does not meter (or a proxy that strips headers): stop pacing it.
			if (answered && !this.learned) this.untracked = true;
			// A request that got no answer taught nothing: the next one may ask at once.
			if (!answered) this.lastSentAt = 0;
			this.wake();
			return;
		}
		this.untracked = false;
		if (Number.isFinite(windowSeconds) && windowSeconds > 0) this.windowMs = windowSeconds * 1000;
		const now = Date.now();
		// Requests still in flight have not been counted by the server yet.
		const budget = remaining - this.inFlight;
		const windowUnknown = !this.learned || now >= this.windowEndsAt;
		this.learned = true;
		this.tokens = windowUnknown ? budget : Math.min(this.tokens, budget);
		// Remaining = limit - 1 marks the request that opened the server's window: the server counted
		// it before answering, so a window measured from now never ends too early. A window someone
		// else opened (another worker, workflow or app) began less than one window ago, so it too has
		// ended one window from now.
		if (windowUnknown || remaining === limit - 1) {
			this.windowEndsAt = Math.max(this.windowEndsAt, now + this.windowMs + WINDOW_MARGIN_MS);
		}
		this.wake();
	}

	/** A 429: nothing more until Retry-After has passed, then a fresh window. Returns the wait in seconds. */
	throttled(headers: Record<string, string>): number {
		const seconds = retryAfterSeconds(headers) ?? DEFAULT_RETRY_AFTER_S;
		const until = Date.now() + seconds * 1000 + WINDOW_MARGIN_MS;
		this.blockedUntil = Math.max(this.blockedUntil, until);
		this.tokens = 0;
		this.windowEndsAt = this.blockedUntil;
		return seconds;
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
