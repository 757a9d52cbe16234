/**
 * RingCentral's per-user, per-app usage-plan groups: fixed windows, headers on every response,
 * 429 CMN-301 with Retry-After when a window is exhausted, and a penalty that every request made
 * during it restarts (so a client that ignores Retry-After stays locked out).
 */
import { errors } from './errors';

export const DEFAULT_LIMITS: Readonly<Record<string, number>> = { Light: 50, Medium: 40, Heavy: 10, Auth: 5 };

export interface RateLimitOptions {
	/** false: count and send the headers, never refuse */
	enforce?: boolean;
	windowSeconds?: number;
	/** how long a client that hit the limit is locked out; default: one window */
	penaltySeconds?: number;
	/** requests per window by group name (Light, Medium, Heavy, Auth) */
	limits?: Record<string, number>;
}

export interface RateLimitSettings {
	enforce: boolean;
	windowSeconds: number;
	penaltySeconds: number;
	limits: Record<string, number>;
}

interface Bucket {
	windowStart: number;
	count: number;
	penaltyUntil: number;
}

export class RateLimiter {
	enforce!: boolean;
	windowSeconds!: number;
	penaltySeconds!: number;
	limits!: Record<string, number>;
	readonly buckets = new Map<string, Bucket>();
	rejected = 0;

	constructor(options: RateLimitOptions = {}) {
		this.configure(options);
	}

	/** Changes the given settings (the others stay) and starts every window afresh. */
	configure(options: RateLimitOptions): void {
		// Before the first configure, these fields are still undefined: the defaults apply.
		this.enforce = options.enforce ?? this.enforce ?? true;
		this.windowSeconds = options.windowSeconds ?? this.windowSeconds ?? 60;
		this.penaltySeconds = options.penaltySeconds ?? this.windowSeconds;
		this.limits = { ...DEFAULT_LIMITS, ...(this.limits ?? {}), ...(options.limits ?? {}) };
		this.buckets.clear();
	}

	settings(): RateLimitSettings {
		return { enforce: this.enforce, windowSeconds: this.windowSeconds, penaltySeconds: this.penaltySeconds, limits: this.limits };
	}

	/**
	 * Counts one request. Returns the headers to send; throws a 429 RcError when over the limit.
	 * @param subject user + app the limit applies to
	 */
	take(group: string, subject: string): Record<string, string> {
		if (group === 'NoThrottling') return {};
		const limit = this.limits[group] ?? this.limits.Medium;
		const now = Date.now();
		const key = `${subject}|${group}`;
		let bucket = this.buckets.get(key);
		if (!bucket || now - bucket.windowStart >= this.windowSeconds * 1000) {
			bucket = { windowStart: now, count: 0, penaltyUntil: bucket?.penaltyUntil ?? 0 };
			this.buckets.set(key, bucket);
		}
		const headers = (remaining: number) => ({
			'X-Rate-Limit-Group': group.toLowerCase(),
			'X-Rate-Limit-Limit': String(limit),
			'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
			'X-Rate-Limit-Window': String(this.windowSeconds),
		});
		if (this.enforce && (now < bucket.penaltyUntil || bucket.count >= limit)) {
			bucket.penaltyUntil = now + this.penaltySeconds * 1000;
			bucket.windowStart = bucket.penaltyUntil - this.windowSeconds * 1000;
			bucket.count = 0;
			this.rejected++;
			const error = errors.rateExceeded(this.penaltySeconds);
			Object.assign(error.headers, headers(0));
			throw error;
		}
		bucket.count++;
		return headers(limit - bucket.count);
	}
}
