/** RingCentral's error bodies: the v1.0 form (legacy top-level code plus errors[]) and the OAuth form. */

class RcError extends Error {
	/**
	 * @param {number} status
	 * @param {string} errorCode
	 * @param {string} message
	 * @param {{ parameterName?: string, legacyCode?: string, headers?: Record<string, string>, extra?: Record<string, any> }} [options]
	 */
	constructor(status, errorCode, message, options = {}) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
		this.parameterName = options.parameterName;
		this.legacyCode = options.legacyCode;
		this.headers = options.headers ?? {};
		this.extra = options.extra ?? {};
	}

	toBody() {
		const detail = { errorCode: this.errorCode, message: this.message, ...this.extra };
		if (this.parameterName) detail.parameterName = this.parameterName;
		const body = { errorCode: this.legacyCode ?? this.errorCode, message: this.message, errors: [detail] };
		if (this.parameterName) body.parameterName = this.parameterName;
		return body;
	}
}

const errors = {
	invalidParameter: (/** @type {string} */ parameterName, /** @type {string} */ why = '') =>
		new RcError(400, 'CMN-101', `Parameter [${parameterName}] value is invalid.${why ? ` ${why}` : ''}`, { parameterName }),
	notFound: (/** @type {string} */ parameterName) =>
		new RcError(404, 'CMN-102', `Resource for parameter [${parameterName}] is not found`, { parameterName }),
	invalidUri: () => new RcError(404, 'CMN-120', 'Invalid URI'),
	notSupported: () => new RcError(501, 'CMN-202', 'Operation is not supported'),
	rateExceeded: (/** @type {number} */ retryAfter) =>
		new RcError(429, 'CMN-301', 'Request rate exceeded', { headers: { 'Retry-After': String(retryAfter) } }),
	unavailable: () => new RcError(503, 'CMN-201', 'Service Temporary Unavailable'),
	internal: () => new RcError(500, 'CMN-203', 'Internal Server Error'),
	tokenInvalid: (/** @type {string} */ code, /** @type {string} */ message) =>
		new RcError(401, code, message, { legacyCode: 'TokenInvalid' }),
	forbidden: (/** @type {string} */ message) => new RcError(403, 'CMN-401', message, { legacyCode: 'InsufficientPermissions' }),
};

class OAuthError extends Error {
	/** @param {number} status @param {string} error @param {string} errorCode @param {string} message */
	constructor(status, error, errorCode, message) {
		super(message);
		this.status = status;
		this.error = error;
		this.errorCode = errorCode;
	}

	toBody() {
		return {
			error: this.error,
			error_description: this.message,
			errors: [{ errorCode: this.errorCode, message: this.message }],
		};
	}
}

module.exports = { RcError, OAuthError, errors };
