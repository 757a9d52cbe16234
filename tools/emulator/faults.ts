/**
 * Fault injection: the next N matching requests fail (or stall) the way RingCentral's edge can.
 * `hang` never answers (until the client gives up); `resetAfter` carries the request out, then drops
 * the connection before answering; `html` carries it out and answers 200 with a proxy's HTML page.
 */
import { RcError, errors } from './errors';

const FAULT_KINDS = ['429', '503', '500', 'reset', 'slow', 'expireToken', 'hang', 'resetAfter', 'html'] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	kind: FaultKind;
	/** how many matching requests fail; default 1 */
	count?: number;
	/** seconds, for 429 and 503 */
	retryAfter?: number;
	/** for slow */
	delayMs?: number;
	operationId?: string;
	pathIncludes?: string;
	/** matching requests to let through first */
	afterRequests?: number;
}

export type QueuedFault = FaultSpec & { remaining: number; skip: number };

function isFaultKind(kind: string): kind is FaultKind {
	return (FAULT_KINDS as readonly string[]).includes(kind);
}

export class Faults {
	queue: QueuedFault[] = [];

	/** Queues a fault; the spec comes from the control API, so its kind is checked (a number 429 is fine). */
	add(spec: Omit<FaultSpec, 'kind'> & { kind: unknown }): void {
		const kind = String(spec.kind);
		if (!isFaultKind(kind)) throw new Error(`Unknown fault kind ${kind}; use one of ${FAULT_KINDS.join(', ')}`);
		this.queue.push({ ...spec, kind, remaining: spec.count ?? 1, skip: spec.afterRequests ?? 0 });
	}

	clear(): void {
		this.queue = [];
	}

	/** The fault that applies to this request, if any (consumes one use of it). */
	take(request: { operationId?: string; path: string }): QueuedFault | undefined {
		for (const fault of this.queue) {
			if (fault.operationId && fault.operationId !== request.operationId) continue;
			if (fault.pathIncludes && !request.path.includes(fault.pathIncludes)) continue;
			if (fault.skip > 0) {
				fault.skip--;
				continue;
			}
			fault.remaining--;
			if (fault.remaining <= 0) this.queue.splice(this.queue.indexOf(fault), 1);
			return fault;
		}
		return undefined;
	}
}

export function faultError(fault: FaultSpec): RcError {
	if (fault.kind === '429') {
		return errors.rateExceeded(fault.retryAfter ?? 1);
	}
	if (fault.kind === '503') {
		const error = errors.unavailable();
		if (fault.retryAfter !== undefined) error.headers['Retry-After'] = String(fault.retryAfter);
		return error;
	}
	return errors.internal();
}
