import type { IHttpRequestOptions, IN8nHttpFullResponse, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { HttpFailure } from './errors';
import { lowerCaseHeaders, readHttpFailure, ringCentralError } from './errors';
import { isMultipartBody, parseBatchResponse } from './multipart';
import { chunked } from './lists';
import { retryAfterSeconds, usageGate } from './rateLimit';

/** RingCentral usage-plan groups, as the spec's x-throttling-group names them. */
export type UsagePlanGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth' | 'NoThrottling';

/** What a call does: it decides how long the call may take. */
export type CallKind = 'read' | 'write' | 'transfer' | 'signIn';

/**
 * Our own timeouts, well under n8n's 300 s: RingCentral answers reads in a second or two and
 * writes in a few (telephony and fax set-up take longest); media up- and downloads move files.
 */
export const TIMEOUT_MS: Record<CallKind, number> = { read: 30_000, write: 60_000, transfer: 180_000, signIn: 20_000 };

/** Bounded retries of the one retry policy. */
export const RETRY_LIMITS = { throttled: 6, unavailable: 4, transient: 3, timedOut: 1 };

/** Methods that may be sent again after a failure: repeating them cannot do anything twice. */
const REPEATABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Connection failures that happen before anything is sent: any request may be tried again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** One request to RingCentral, as every path of the package sends it. */
export interface RingCentralCall {
	/** what n8n's request helpers take: method, url, baseURL, qs, body, headers, json, encoding, … */
	options: IHttpRequestOptions;
	group: UsagePlanGroup;
	/** the pacing gate's key: one per credential (or per sign-in identity for the JWT exchange) */
	gateKey: string;
	/** default: `transfer` for file bodies and downloads, `read` for GET/HEAD/OPTIONS, else `write` */
	kind?: CallKind;
	/** whether the request may be sent again after it failed unanswered; default: GET, HEAD, OPTIONS, PUT, DELETE */
	repeatable?: boolean;
	/** a timeout the user chose (the node's Request Options → Timeout) wins over ours */
	timeoutMs?: number;
	signal?: AbortSignal;
	/** `binary`: the body is a file; otherwise it must be JSON, a batch (multipart/mixed) or empty */
	expect?: 'json' | 'binary';
}

/** A successful answer. `body` is undefined for a confirmation without content (204, or an empty 200). */
export interface RingCentralAnswer {
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

/** Sends one request however the caller authenticates: n8n's credential helpers, or a plain request. */
export type Transport = (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

/** A call that failed for good, with what the error message needs to say. */
export class RingCentralCallError extends Error {
	constructor(
		readonly failure: HttpFailure,
		/** the request may have been carried out, and was not repeated */
		readonly outcomeUnknown: boolean,
		readonly timeoutSeconds: number,
	) {
		super(failure.cause ?? `RingCentral request failed (${failure.kind})`);
		this.name = 'RingCentralCallError';
	}
}

/**
 * The RingCentral client: every request of every node, picker, trigger upkeep, message fetch and
 * JWT exchange goes through here. One pacing gate per credential and usage-plan group, one retry
 * policy, our own timeouts, and answers checked for what they are.
 */
export async function callRingCentral(transport: Transport, call: RingCentralCall): Promise<RingCentralAnswer> {
	const method = String(call.options.method ?? 'GET').toUpperCase();
	const kind = call.kind ?? kindOf(method, call);
	const repeatable = call.repeatable ?? REPEATABLE_METHODS.has(method);
	const timeoutMs = call.timeoutMs ?? TIMEOUT_MS[kind];
	const gate = call.group === 'NoThrottling' ? undefined : usageGate(call.gateKey, call.group);
	const attempts = { throttled: 0, unavailable: 0, transient: 0, timedOut: 0 };
	for (;;) {
		const lease = await gate?.acquire(call.signal);
		const outcome = await transport({ ...call.options, timeout: timeoutMs, returnFullResponse: true }).then(
			(response) => ({ response, failure: undefined }),
			(error: unknown) => ({ response: undefined, failure: readHttpFailure(error) }),
		);
		if (outcome.failure) {
			const { failure } = outcome;
			// The gate holds every request of the group until RingCentral's penalty is over.
			if (failure.status === 429 && lease) lease.throttled(failure.headers);
			else lease?.release(failure.headers, failure.kind === 'answered');
			const wait = retryWait(failure, repeatable, attempts, !!gate);
			if (wait === undefined) throw new RingCentralCallError(failure, !repeatable && mayHaveBeenCarriedOut(failure), timeoutMs / 1000);
			await sleep(wait);
			continue;
		}
		const response = outcome.response as IN8nHttpFullResponse;
		const headers = lowerCaseHeaders(response.headers);
		// Counts of another group (a caller that guessed the group wrong) teach this gate nothing.
		const otherGroup = headers['x-rate-limit-group'] && headers['x-rate-limit-group'].toLowerCase() !== call.group.toLowerCase();
		lease?.release(otherGroup ? {} : headers, !otherGroup);
		return checkedAnswer(response.statusCode, headers, response.body, call.expect ?? 'json', repeatable, timeoutMs);
	}
}

function kindOf(method: string, call: RingCentralCall): CallKind {
	if (call.expect === 'binary' || call.options.encoding === 'arraybuffer' || Buffer.isBuffer(call.options.body)) return 'transfer';
	return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'read' : 'write';
}

/** How long to wait before sending again, or undefined when the failure is final. */
function retryWait(failure: HttpFailure, repeatable: boolean, attempts: typeof RETRY_LIMITS, paced: boolean): number | undefined {
	// RingCentral refused these before doing anything: waiting them out is always safe.
	if (failure.status === 429) {
		if (++attempts.throttled > RETRY_LIMITS.throttled) return undefined;
		// A paced call waits in its gate, which already holds the group.
		if (paced) return 0;
		return (retryAfterSeconds(failure.headers) ?? 30) * 1000;
	}
	if (failure.status === 503) {
		if (++attempts.unavailable > RETRY_LIMITS.unavailable) return undefined;
		return (retryAfterSeconds(failure.headers) ?? 2 ** (attempts.unavailable - 1)) * 1000;
	}
	const notSent = failure.kind === 'network' && NOT_SENT.has(failure.code ?? '');
	const transient = failure.kind === 'network' || [500, 502, 504].includes(failure.status ?? 0);
	// A write that failed on the way may have been carried out (an SMS sent): never repeat it.
	if (transient && (repeatable || notSent)) {
		if (++attempts.transient > RETRY_LIMITS.transient) return undefined;
		return 500 * 2 ** (attempts.transient - 1);
	}
	if (failure.kind === 'timeout' && repeatable) {
		if (++attempts.timedOut > RETRY_LIMITS.timedOut) return undefined;
		return 0;
	}
	return undefined;
}

/** Whether a failed request may have been carried out by RingCentral anyway. */
function mayHaveBeenCarriedOut(failure: HttpFailure): boolean {
	if (failure.kind === 'timeout') return true;
	if (failure.kind === 'network') return !NOT_SENT.has(failure.code ?? '');
	return failure.kind === 'answered' && [500, 502, 504].includes(failure.status ?? 0);
}

/**
 * Only an empty answer is a confirmation; JSON is JSON; a batch is multipart text. Anything else
 * (a proxy's page, a captive portal, a truncated body) is not RingCentral's answer and says so.
 */
function checkedAnswer(
	status: number,
	headers: Record<string, string>,
	body: unknown,
	expect: 'json' | 'binary',
	repeatable: boolean,
	timeoutMs: number,
): RingCentralAnswer {
	if (expect === 'binary') return { status, headers, body: asBuffer(body) };
	if (body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0)) {
		return { status, headers, body: undefined };
	}
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return { status, headers, body };
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body as string);
	if (isMultipartBody(text as unknown) || (headers['content-type'] ?? '').startsWith('multipart/')) return { status, headers, body: text };
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object') return { status, headers, body: parsed };
	} catch {
		// not JSON: reported below
	}
	const failure: HttpFailure = { kind: 'unexpected', status, headers, body: text, cause: text.trim().slice(0, 200) };
	throw new RingCentralCallError(failure, !repeatable, timeoutMs / 1000);
}

function asBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return Buffer.from(body as ArrayBuffer);
	return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
}

/** One id's result in a batch: its record, a confirmation (`body` undefined) or its own failure. */
export interface BatchResult {
	id: string;
	body?: unknown;
	failure?: HttpFailure;
}

/**
 * The one batch reader. RingCentral takes several ids comma-joined in one request and answers
 * 207 multipart/mixed (a status part, then one part per id), a plain answer for a single id, or
 * an empty 204 when a bulk delete fully succeeded. Every id comes back with its own result: an
 * id that fails alone (the last chunk of one) is that id's failure, not the whole batch's. A
 * lone id asked for on its own fails the call, as reading one record does.
 */
export async function readInBatches(
	ids: string[],
	maxIds: number,
	send: (chunk: string[]) => Promise<RingCentralAnswer>,
): Promise<BatchResult[]> {
	const results: BatchResult[] = [];
	for (const chunk of chunked(ids, maxIds)) {
		const outcome = await send(chunk).then(
			(answer) => ({ answer, error: undefined }),
			(error: unknown) => ({ answer: undefined, error }),
		);
		if (outcome.error !== undefined) {
			if (ids.length > 1 && chunk.length === 1 && outcome.error instanceof RingCentralCallError && isAboutTheId(outcome.error.failure)) {
				results.push({ id: chunk[0], failure: outcome.error.failure });
				continue;
			}
			throw outcome.error;
		}
		const answer = outcome.answer as RingCentralAnswer;
		if (answer.body === undefined) {
			results.push(...chunk.map((id) => ({ id })));
			continue;
		}
		if (typeof answer.body !== 'string') {
			if (chunk.length === 1) {
				results.push({ id: chunk[0], body: answer.body });
				continue;
			}
			throw new RingCentralCallError(
				{ kind: 'unexpected', status: answer.status, headers: answer.headers, body: answer.body, cause: `one answer for ${chunk.length} IDs instead of one part per ID` },
				false,
				0,
			);
		}
		const parts = parseBatchResponse(answer.body);
		chunk.forEach((id, index) => {
			const part = parts[index];
			if (part && part.status < 300) results.push({ id, body: isEmpty(part.body) ? undefined : part.body });
			else results.push({ id, failure: { kind: 'answered', status: part?.status, headers: {}, body: part?.body, cause: part ? undefined : 'no part for this ID in the answer' } });
		});
	}
	return results;
}

/** A single id's request failed because of the id (unknown, not allowed), not because of the request or the credential. */
function isAboutTheId(failure: HttpFailure): boolean {
	const status = failure.status ?? 0;
	return failure.kind === 'answered' && status >= 400 && status < 500 && status !== 401 && status !== 429;
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '';
}

/**
 * What a node reports for anything its RingCentral calls threw: n8n's own errors pass through,
 * failed calls are mapped (RingCentral's words, the field, what to do), anything else keeps its message.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	circumstances: { itemIndex?: number; credentialName?: string } = {},
): NodeApiError | NodeOperationError {
	if (error instanceof RingCentralCallError) {
		return ringCentralError(node, error.failure, {
			...circumstances,
			outcomeUnknown: error.outcomeUnknown,
			timeoutSeconds: error.timeoutSeconds,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex: circumstances.itemIndex });
}
