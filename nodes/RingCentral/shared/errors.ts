import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a failed HTTP exchange looked like, whichever n8n helper threw it. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	body: unknown;
	networkCode?: string;
	/** The thrown error's own message, for failures RingCentral's answer does not explain. */
	message?: string;
}

/** Reads status, headers and body from the errors n8n's request helpers throw (axios-shaped, possibly wrapped). */
export function readHttpFailure(error: unknown): HttpFailure {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	const message = candidates
		.map((c) => (c as { message?: unknown })?.message)
		.filter((text): text is string => typeof text === 'string' && text !== '')
		.pop();
	for (const candidate of candidates) {
		const response = (candidate as { response?: { status?: number; headers?: unknown; data?: unknown } })?.response;
		if (response?.status) {
			return { status: response.status, headers: lowerCaseHeaders(response.headers), body: response.data, message };
		}
	}
	const networkCode = candidates
		.map((c) => (c as { code?: unknown })?.code)
		.find((code): code is string => typeof code === 'string' && /^E[A-Z]+/.test(code));
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	return { status: Number.isFinite(httpCode) && httpCode > 0 ? httpCode : undefined, headers: {}, body: undefined, networkCode, message };
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
			return { message: body.slice(0, 300) };
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
	};
}

const STATUS_HINTS: Record<number, string> = {
	400: 'Check the highlighted field against RingCentral\'s allowed values.',
	401: 'The access token was rejected. Reconnect or re-create the RingCentral credential.',
	403: 'The RingCentral app or user lacks a permission this operation needs.',
	404: 'Check the ID: RingCentral could not find that resource.',
	429: 'RingCentral kept rate-limiting this request after the retries allowed.',
};

/**
 * A RingCentral failure as an n8n error naming the errorCode, RingCentral's message and the
 * offending field. Built from the response body only: the request (and its token) never rides along.
 */
export function ringCentralError(node: INode, failure: HttpFailure, itemIndex?: number): NodeApiError {
	const detail = errorDetail(failure.body);
	const codes = [detail.errorCode, detail.logicalCode].filter(Boolean).join(' / ');
	const code = codes ? `[${codes}] ` : '';
	const field = detail.parameterName ? ` (field: ${detail.parameterName})` : '';
	const unexplained = failure.message ?? 'no error message';
	const reason = failure.networkCode
		? `could not be reached (${failure.networkCode})`
		: failure.status === undefined
			? `request failed: ${unexplained}`
			: `answered ${failure.status}: ${code}${detail.message ?? unexplained}${field}`;
	const errorResponse: JsonObject = {
		httpStatus: failure.status ?? null,
		errorCode: detail.errorCode ?? null,
		message: detail.message ?? null,
		parameterName: detail.parameterName ?? null,
		body: (typeof failure.body === 'object' ? (failure.body as JsonObject) : null) ?? null,
	};
	const error = new NodeApiError(node, errorResponse, {
		message: `RingCentral ${reason}`,
		description: failure.status ? STATUS_HINTS[failure.status] : undefined,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
	// What continue-on-fail items and batch items report, field by field.
	error.context.ringCentral = {
		httpStatus: failure.status ?? null,
		errorCode: detail.errorCode ?? failure.networkCode ?? null,
		...(detail.logicalCode ? { logicalCode: detail.logicalCode } : {}),
		message: detail.message ?? null,
		...(detail.parameterName ? { parameterName: detail.parameterName } : {}),
	};
	return error;
}

/** For the JWT exchange: RingCentral's OAuth error in words, without anything from the request. */
export function describeTokenEndpointError(error: unknown): string {
	const failure = readHttpFailure(error);
	const detail = errorDetail(failure.body);
	if (failure.networkCode) return `the token endpoint could not be reached (${failure.networkCode})`;
	const code = detail.errorCode ? `[${detail.errorCode}] ` : '';
	return `${failure.status ?? 'error'} ${code}${detail.message ?? 'no error message'}`;
}
