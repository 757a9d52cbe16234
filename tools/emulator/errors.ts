/**
 * RingCentral's error bodies: the v1.0 form (legacy top-level code plus errors[]), the errors[]-only
 * form of the newer APIs, and the OAuth form.
 */

/**
 * APIs that answer errors with `{errors:[…]}` only (platform notes §6): team messaging, RingCentral
 * Video and the account directory service (ADG). Gateway errors (401, 429) keep the v1.0 form.
 */
const ERRORS_ONLY_APIS = [/^\/team-messaging\//, /^\/rcvideo\//, /^\/restapi\/v1\.0\/account\/[^/]+\/directory\//];

export interface RcErrorOptions {
	parameterName?: string;
	/** the v1.0 body's top-level errorCode, when it differs from the detail's */
	legacyCode?: string;
	headers?: Record<string, string>;
	/** more fields of the error detail (e.g. permissionName) */
	extra?: Record<string, unknown>;
	/** fixed body form; otherwise the request path decides (see ERRORS_ONLY_APIS) */
	shape?: 'v1' | 'errors';
}

export interface ErrorDetail {
	errorCode: string;
	message: string;
	parameterName?: string;
	[field: string]: unknown;
}

/** The v1.0 form: a legacy top-level code and message besides errors[]. */
export interface V1ErrorBody {
	errorCode: string;
	message: string;
	errors: ErrorDetail[];
	parameterName?: string;
	permissionName?: string;
}

export type RcErrorBody = V1ErrorBody | { errors: ErrorDetail[] };

export class RcError extends Error {
	readonly status: number;
	readonly errorCode: string;
	readonly parameterName: string | undefined;
	readonly legacyCode: string | undefined;
	readonly headers: Record<string, string>;
	readonly extra: Record<string, unknown>;
	readonly shape: 'v1' | 'errors' | undefined;

	constructor(status: number, errorCode: string, message: string, options: RcErrorOptions = {}) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
		this.parameterName = options.parameterName;
		this.legacyCode = options.legacyCode;
		this.headers = options.headers ?? {};
		this.extra = options.extra ?? {};
		this.shape = options.shape;
	}

	/** @param path the request path: newer APIs answer with errors[] only */
	toBody(path?: string): RcErrorBody {
		const detail: ErrorDetail = { errorCode: this.errorCode, message: this.message, ...this.extra };
		if (this.parameterName) detail.parameterName = this.parameterName;
		const errorsOnly = this.shape ? this.shape === 'errors' : ERRORS_ONLY_APIS.some((api) => api.test(path ?? ''));
		if (errorsOnly) return { errors: [detail] };
		const body: V1ErrorBody = { errorCode: this.legacyCode ?? this.errorCode, message: this.message, errors: [detail] };
		if (this.parameterName) body.parameterName = this.parameterName;
		// The permission a 403 is about is named at both levels, like parameterName.
		if (typeof this.extra.permissionName === 'string') body.permissionName = this.extra.permissionName;
		return body;
	}
}

export const errors = {
	invalidParameter: (parameterName: string, why = '') =>
		new RcError(400, 'CMN-101', `Parameter [${parameterName}] value is invalid.${why ? ` ${why}` : ''}`, { parameterName }),
	notFound: (parameterName: string) =>
		new RcError(404, 'CMN-102', `Resource for parameter [${parameterName}] is not found`, { parameterName }),
	invalidUri: () => new RcError(404, 'CMN-120', 'Invalid URI'),
	notSupported: () => new RcError(501, 'CMN-202', 'Operation is not supported'),
	rateExceeded: (retryAfter: number) =>
		new RcError(429, 'CMN-301', 'Request rate exceeded', { headers: { 'Retry-After': String(retryAfter) }, shape: 'v1' }),
	unavailable: () => new RcError(503, 'CMN-201', 'Service Temporary Unavailable'),
	internal: () => new RcError(500, 'CMN-203', 'Internal Server Error'),
	tokenInvalid: (code: string, message: string) => new RcError(401, code, message, { legacyCode: 'TokenInvalid', shape: 'v1' }),
	forbidden: (message: string) => new RcError(403, 'CMN-401', message, { legacyCode: 'InsufficientPermissions' }),
	/** The app (its token's scope) lacks the operation's x-app-permission (platform notes §6, docs/voice/call-log/access.md). */
	missingAppPermission: (permissionName: string) =>
		new RcError(403, 'CMN-401', `In order to call this API endpoint, application needs to have [${permissionName}] permission`, {
			legacyCode: 'InsufficientPermissions',
			extra: { permissionName },
		}),
};

export interface OAuthErrorBody {
	error: string;
	error_description: string;
	errors: Array<{ errorCode: string; message: string }>;
}

export class OAuthError extends Error {
	readonly status: number;
	readonly error: string;
	readonly errorCode: string;

	constructor(status: number, error: string, errorCode: string, message: string) {
		super(message);
		this.status = status;
		this.error = error;
		this.errorCode = errorCode;
	}

	toBody(): OAuthErrorBody {
		return {
			error: this.error,
			error_description: this.message,
			errors: [{ errorCode: this.errorCode, message: this.message }],
		};
	}
}
