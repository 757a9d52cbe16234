/** Fault injection: the next N matching requests fail (or stall) the way RingCentral's edge can. */
const { errors } = require('./errors');

/**
 * @typedef {{
 *   kind: '429'|'503'|'500'|'reset'|'slow'|'expireToken',
 *   count?: number,
 *   retryAfter?: number,
 *   delayMs?: number,
 *   operationId?: string,
 *   pathIncludes?: string,
 *   afterRequests?: number,
 * }} FaultSpec
 */

class Faults {
	constructor() {
		/** @type {Array<FaultSpec & {remaining: number, skip: number}>} */
		this.queue = [];
	}

	/** @param {FaultSpec} spec */
	add(spec) {
		const known = ['429', '503', '500', 'reset', 'slow', 'expireToken'];
		if (!known.includes(String(spec.kind))) throw new Error(`Unknown fault kind ${spec.kind}; use one of ${known.join(', ')}`);
		this.queue.push({ ...spec, kind: /** @type {any} */ (String(spec.kind)), remaining: spec.count ?? 1, skip: spec.afterRequests ?? 0 });
	}

	clear() {
		this.queue = [];
	}

	/**
	 * The fault that applies to this request, if any (consumes one use of it).
	 * @param {{ operationId?: string, path: string }} request
	 */
	take(request) {
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

/** @param {FaultSpec} fault */
function faultError(fault) {
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

module.exports = { Faults, faultError };
