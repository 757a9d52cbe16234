import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { hintFor } from './hints';

/**
 * What went wrong with one exchange, whichever n8n helper threw it:
 * - `answered`: RingCentral (or something in between) answered with an error status;
 * - `network`: no answer — refused, reset or dropped connection (`code` names it);
 * - `timeout`: no answer within the request's timeout;
 * - `auth`: the credential could not sign in or refresh (wrong client secret, revoked grant);
 * - `unexpected`: an answer that is not RingCentral's (a proxy's page, a truncated body);
 * - `cancelled`: the execution was stopped;
 * - `other`: anything else, kept with its own message.
 */
export type FailureKind = 'answered' | 'network' | 'timeout' | 'auth' | 'unexpected' | 'cancelled' | 'other';

export interface HttpFailure {
	kind: FailureKind;
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	/** the system error code (ECONNRESET, ETIMEDOUT, …) or the OAuth error (invalid_client) */
	code?: string;
	/** the message of what was thrown, for failures that are not RingCentral's answers */
	cause?: string;
}

type Thrown = {
	response?: { status?: number; headers?: unknown; data?: unknown; body?: unknown };
	code?: unknown;
	body?: unknown;
	cause?: unknown;
	message?: unknown;
	name?: unknown;
	httpCode?: unknown;
	failure?: { cause?: unknown };
	context?: { ringCentral?: unknown };
};

/** The error and what it wraps (n8n wraps what its helpers throw in NodeApiError, sometimes twice). */
function chainOf(error: unknown): Thrown[] {
	const chain: Thrown[] = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5 && !chain.includes(current as Thrown)) {
		chain.push(current as Thrown);
		current = (current as Thrown).cause;
	}
	return chain;
}

const OAUTH_ERRORS = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_request']);

/** Reads what happened from the errors n8n's request helpers throw (axios-shaped, OAuth2 client, possibly wrapped). */
export function readHttpFailure(error: unknown): HttpFailure {
	const chain = chainOf(error);
	const cause = chain.map((link) => link.message).find((message): message is string => typeof message === 'string' && !!message);
	for (const link of chain) {
		const response = link.response;
		if (response?.status) {
			return {
				kind: 'answered',
				status: response.status,
				headers: lowerCaseHeaders(response.headers),
				body: response.data ?? response.body,
				cause,
			};
		}
	}
	for (const link of chain) {
		// n8n's OAuth2 client: EAUTH with RingCentral's OAuth body (wrong client secret, refused grant).
		const body = link.body as { error?: unknown } | undefined;
		const oauthError = typeof body?.error === 'string' && OAUTH_ERRORS.has(body.error) ? body.error : undefined;
		if (link.code === 'EAUTH' || oauthError) {
			return { kind: 'auth', headers: {}, body: link.body, code: oauthError ?? 'EAUTH', cause };
		}
		// n8n itself says a credential must be reconnected (its refresh token was refused).
		if (link.failure?.cause === 'credential-invalid') {
			return { kind: 'auth', headers: {}, body: undefined, cause: typeof link.message === 'string' ? link.message : cause };
		}
	}
	const codes = chain.map((link) => link.code).filter((code): code is string => typeof code === 'string');
	const messages = chain.map((link) => String(link.message ?? '')).join(' ');
	if (codes.includes('ERR_CANCELED') || chain.some((link) => link.name === 'AbortError' || link.name === 'CanceledError')) {
		return { kind: 'cancelled', headers: {}, body: undefined, code: 'ERR_CANCELED', cause };
	}
	if (codes.includes('ETIMEDOUT') || codes.includes('ESOCKETTIMEDOUT') || (codes.includes('ECONNABORTED') && /timeout/i.test(messages))) {
		return { kind: 'timeout', headers: {}, body: undefined, code: 'ETIMEDOUT', cause };
	}
	const networkCode = codes.find((code) => /^E[A-Z_]+$/.test(code) || code === 'UND_ERR_SOCKET');
	if (networkCode) return { kind: 'network', headers: {}, body: undefined, code: networkCode, cause };
	return { kind: 'other', headers: {}, body: undefined, cause };
}

export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

export interface RingCentralErrorDetail {
	errorCode?: string;
	/** RingCentral's older logical code (e.g. TokenInvalid) when it differs from errorCode */
	logicalCode?: string;
	message?: string;
	parameterName?: string;
	/** the app permission a 403 is about (CMN-401) */
	permissionName?: string;
}

/** The first specific error in a RingCentral body (v1.0 legacy form, errors[] form or OAuth form). */
export function errorDetail(body: unknown): RingCentralErrorDetail {
	if (Buffer.isBuffer(body) || body instanceof ArrayBuffer) {
		return errorDetail(Buffer.from(body as Buffer).toString('utf8'));
	}
	if (typeof body === 'string') {
		try {
			return errorDetail(JSON.parse(body));
		} catch {
			return body.trim() ? { message: body.trim().slice(0, 300) } : {};
		}
	}
	if (!body || typeof body !== 'object') return {};
	const record = body as Record<string, unknown>;
	const first = Array.isArray(record.errors) ? (record.errors[0] as Record<string, unknown> | undefined) : undefined;
	const pick = (key: string) => {
		const value = first?.[key] ?? record[key];
		return typeof value === 'string' ? value : undefined;
	};
	const logical = typeof record.errorCode === 'string' ? record.errorCode : undefined;
	const errorCode = pick('errorCode') ?? pick('error');
	return {
		errorCode,
		logicalCode: logical && logical !== errorCode ? logical : undefined,
		message: pick('message') ?? pick('error_description'),
		parameterName: pick('parameterName'),
		permissionName: pick('permissionName'),
	};
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Check the highlighted field against RingCentral\'s allowed values.',
	401: 'The access token was rejected. Reconnect or re-create the RingCentral credential.',
	403: 'The RingCentral app or user lacks a permission this operation needs.',
	404: 'Check the ID: RingCentral could not find that resource.',
	429: 'RingCentral kept rate-limiting this request after the retries allowed.',
};

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the server name could not be resolved',
	EAI_AGAIN: 'the server name could not be resolved',
	EPIPE: 'the connection was closed',
	ECONNABORTED: 'the connection was aborted',
	EHOSTUNREACH: 'the host is unreachable',
	UND_ERR_SOCKET: 'the connection was closed',
};

/** What a mapped error tells the user beyond RingCentral's own words. */
export interface ErrorCircumstances {
	itemIndex?: number;
	/** the request may have been carried out (a write that got no answer): say so, and that it was not repeated */
	outcomeUnknown?: boolean;
	/** seconds the request was given before it counted as unanswered */
	timeoutSeconds?: number;
	/** the n8n credential's name, for "reconnect …" */
	credentialName?: string;
}

/**
 * A failure as an n8n error naming RingCentral's errorCode, its message and the offending field.
 * Built from the answer only: the request (and its token) never rides along. Failures that are not
 * RingCentral's answers keep their own message.
 */
export function ringCentralError(node: INode, failure: HttpFailure, circumstances: ErrorCircumstances = {}): NodeApiError {
	const detail = failure.kind === 'answered' || failure.kind === 'auth' ? errorDetail(failure.body) : {};
	const codes = [detail.errorCode, detail.logicalCode].filter(Boolean).join(' / ');
	const code = codes ? `[${codes}] ` : '';
	const field = detail.parameterName ? ` (field: ${detail.parameterName})` : '';
	const words = detail.message ?? failure.cause ?? 'no error message';
	const described = describe(failure, detail, `${code}${words}${field}`, circumstances);
	const hint = circumstances.outcomeUnknown ? undefined : hintFor(node, failure, detail, circumstances);
	const { message } = described;
	const description = hint ?? described.description;
	const errorResponse: JsonObject = {
		httpStatus: failure.status ?? null,
		errorCode: detail.errorCode ?? null,
		message: detail.message ?? null,
		parameterName: detail.parameterName ?? null,
		body: (failure.body && typeof failure.body === 'object' && !Buffer.isBuffer(failure.body) ? (failure.body as JsonObject) : null) ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: circumstances.itemIndex,
	});
	// NodeApiError rewrites messages that mention a system error code (ECONNRESET → "You can retry
	// the request immediately"): ours must stay what it says.
	error.message = message;
	// What continue-on-fail items and batch items report, field by field.
	error.context.ringCentral = {
		httpStatus: failure.status ?? null,
		errorCode: detail.errorCode ?? failure.code ?? null,
		...(detail.logicalCode ? { logicalCode: detail.logicalCode } : {}),
		message: detail.message ?? failure.cause ?? null,
		...(detail.parameterName ? { parameterName: detail.parameterName } : {}),
		...(circumstances.outcomeUnknown ? { outcome: 'unknown' } : {}),
		...(hint ? { hint } : {}),
	};
	return error;
}

function describe(
	failure: HttpFailure,
	detail: RingCentralErrorDetail,
	ringCentralWords: string,
	circumstances: ErrorCircumstances,
): { message: string; description?: string } {
	const unknownOutcome = circumstances.outcomeUnknown
		? 'RingCentral may have carried the request out (an SMS sent, a record changed) before the answer was lost. It was not repeated: check in RingCentral before running it again.'
		: undefined;
	switch (failure.kind) {
		case 'answered':
			return {
				message: `RingCentral answered ${failure.status}: ${ringCentralWords}`,
				description: unknownOutcome ?? (failure.status ? STATUS_HINTS[failure.status] : undefined),
			};
		case 'auth': {
			const credential = circumstances.credentialName ? `the "${circumstances.credentialName}" credential` : 'the RingCentral credential';
			const refused = detail.errorCode || detail.message ? `: ${ringCentralWords}` : '';
			return {
				message: failure.code ? `RingCentral refused the credential's sign-in${refused}` : (failure.cause ?? 'The credential needs to be reconnected'),
				description: `Open ${credential}, check its Client ID and Client Secret, and reconnect it. Requests were not retried: a refused sign-in does not fix itself.`,
			};
		}
		case 'timeout':
			return {
				message: `RingCentral did not answer within ${circumstances.timeoutSeconds ?? '?'} seconds`,
				description: unknownOutcome ?? 'RingCentral or the network is slow. Try again later, or raise Options → Timeout.',
			};
		case 'network': {
			const words = NETWORK_WORDS[failure.code ?? ''] ?? `a network error (${(failure.code ?? '').toLowerCase()})`;
			return {
				message: `The connection to RingCentral failed before it answered: ${words}`,
				description: unknownOutcome ?? 'Check that n8n can reach the RingCentral server of the credential.',
			};
		}
		case 'unexpected': {
			const contentType = failure.headers['content-type'] ? ` (${failure.headers['content-type'].split(';')[0]})` : '';
			return {
				message: `RingCentral answered ${failure.status ?? ''}${contentType} with something that is not JSON: ${failure.cause ?? ''}`.trim(),
				description:
					unknownOutcome ??
					'Something between n8n and RingCentral (a proxy, captive portal or firewall) may have answered instead, or the answer was cut off.',
			};
		}
		case 'cancelled':
			return { message: 'The request to RingCentral was cancelled with the execution' };
		default:
			return { message: failure.cause ?? 'RingCentral request failed for an unknown reason' };
	}
}

/** For the JWT exchange: RingCentral's OAuth error in words, without anything from the request. */
export function describeTokenEndpointError(failure: HttpFailure): string {
	const detail = errorDetail(failure.body);
	if (failure.kind === 'network' || failure.kind === 'timeout') return `the token endpoint could not be reached (${failure.code})`;
	const code = detail.errorCode ? `[${detail.errorCode}] ` : '';
	return `${failure.status ?? 'error'} ${code}${detail.message ?? 'no error message'}`;
}

/** The fields a failed item reports (the same as `error.context.ringCentral` of a mapped error). */
export function reportedFields(error: NodeApiError | NodeOperationError): IDataObject {
	return (error.context?.ringCentral as IDataObject | undefined) ?? {};
}
