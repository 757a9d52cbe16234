/**
 * RingCentral's error bodies: the v1.0 form (legacy top-level code plus errors[]), the errors[]-only
 * form of the newer APIs, and the OAuth form.
 */

/**
 * APIs that answer errors with `{errors:[…]}` only (platform notes §6): team messaging, RingCentral
 * Video and the account directory service (ADG). Gateway errors (401, 429) keep the v1.0 form.
 */
const ERRORS_ONLY_APIS = [/^\/team-messaging\//, /^\/rcvideo\//, /^\/restapi\/v1\.0\/account\/[^/]+\/directory\//];

class RcError extends Error {
	/**
	 * @param {number} status
	 * @param {string} errorCode
	 * @param {string} message
	 * @param {{ parameterName?: string, legacyCode?: string, headers?: Record<string, string>, extra?: Record<string, any>, shape?: 'v1'|'errors' }} [options]
	 */
	constructor(status, errorCode, message, options = {}) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
		this.parameterName = options.parameterName;
		this.legacyCode = options.legacyCode;
		this.headers = options.headers ?? {};
		this.extra = options.extra ?? {};
		/** fixed body form; otherwise the request path decides (see ERRORS_ONLY_APIS) */
		this.shape = options.shape;
	}

	/** @param {string} [path] the request path: newer APIs answer with errors[] only */
	toBody(path) {
		const detail = { errorCode: this.errorCode, message: this.message, ...this.extra };
		if (this.parameterName) detail.parameterName = this.parameterName;
		const errorsOnly = this.shape ? this.shape === 'errors' : ERRORS_ONLY_APIS.some((api) => api.test(path ?? ''));
		if (errorsOnly) return { errors: [detail] };
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
		new RcError(429, 'CMN-301', 'Request rate exceeded', { headers: { 'Retry-After': String(retryAfter) }, shape: 'v1' }),
	unavailable: () => new RcError(503, 'CMN-201', 'Service Temporary Unavailable'),
	internal: () => new RcError(500, 'CMN-203', 'Internal Server Error'),
	tokenInvalid: (/** @type {string} */ code, /** @type {string} */ message) =>
		new RcError(401, code, message, { legacyCode: 'TokenInvalid', shape: 'v1' }),
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
