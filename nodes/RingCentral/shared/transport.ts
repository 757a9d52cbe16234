import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { toBinary } from './binary';
import { credentialTypeFor } from './descriptions';
import { lowerCaseHeaders, readHttpFailure, ringCentralError } from './errors';
import { resolveExtensionNumbers } from './extensionNumbers';
import type { HttpFailure } from './errors';
import { isMultipartBody, parseBatchResponse } from './multipart';
import { retryAfterSeconds, usageGate } from './rateLimit';
import type { UsageGate } from './rateLimit';
import { mediaUrlExpression } from './server';

/** RingCentral usage-plan groups, as the spec's x-throttling-group names them. */
export type UsagePlanGroup = 'Light' | 'Medium' | 'Heavy' | 'Auth' | 'NoThrottling';

/** Placeholder in an operation URL replaced by each batch's comma-joined ids. */
export const BATCH_IDS = '__ids__';

export interface ListOptions {
	/**
	 * `page`: page/perPage + navigation.nextPage.uri; `token`: recordCount + pageToken/nextPageToken;
	 * `number`: page/perPage where the answer has no links, only `paging` (the company directory)
	 */
	style: 'page' | 'token' | 'number';
	/** the endpoint's largest page, used when returning all */
	maxPageSize: number;
	/** page size asked for when returning all, if the endpoint has a keyword for its maximum (`max`) */
	returnAllPageSize?: string;
	/** property holding the records (default `records`) */
	recordsProperty?: string;
	/** query parameter of the page size (default `perPage`, `recordCount` for `token`) */
	pageSizeParameter?: string;
	/** dotted path of the next page token in the answer (default `navigation.nextPageToken`) */
	nextPageTokenPath?: string;
	/** where `page`/`perPage` go for `number` lists (default `query`; searches take them in the body) */
	pagingIn?: 'query' | 'body';
}

export interface BatchOptions {
	/** node parameter holding the ids (comma-separated text or an array) */
	idsParameter: string;
	/** ids per request: RingCentral's documented batch limit for the endpoint */
	maxIds: number;
	/** JSON key under which a failed id is reported */
	idKey: string;
	/** the ids go as this repeated query key instead of into the URL (`BATCH_IDS`) */
	queryParameter?: string;
	/** the ids narrow the request and may be left out: without them it is sent once as it is */
	optional?: boolean;
}

export interface OperationRoute {
	method: IHttpRequestMethods;
	/** n8n expression or literal path below the server URL */
	url: string;
	group: UsagePlanGroup;
	list?: ListOptions;
	batch?: BatchOptions;
	/** builds or checks the request (body from fixed collections, required choices) before it is sent */
	prepare?: PreSendAction[];
	/** `media`: the request goes to RingCentral's media host (recording and attachment content) */
	host?: 'platform' | 'media';
	/** the answer is a file: it becomes n8n binary data under the property named by this parameter */
	download?: { binaryPropertyParameter: string; defaultFileName: (context: IExecuteSingleFunctions) => string };
	/** shapes the final items (after pagination/batching), e.g. Simplify */
	output?: (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
}

const MAX_PAGES = 10_000;
const RETRY_LIMITS = { throttled: 6, unavailable: 4, transient: 3 };
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * The routing of one RingCentral operation. Every request of every node goes through here:
 * n8n's declarative pagination hook is the one place that wraps the request call, so it hosts
 * pacing, retries, pagination, batching and error mapping for all operations.
 */
export function ringCentralRoute(route: OperationRoute): INodePropertyRouting {
	const routing: INodePropertyRouting = {
		request: {
			method: route.method,
			url: route.url,
			...(route.host === 'media' ? { baseURL: mediaUrlExpression('$credentials') } : {}),
			...(route.download ? { encoding: 'arraybuffer', json: false } : {}),
		},
		send: { paginate: true },
		operations: { pagination: executor(route) },
		output: {
			postReceive: [
				observeRateLimit(route.group),
				...(route.download ? [toBinary(route.download.binaryPropertyParameter, route.download.defaultFileName)] : []),
			],
		},
	};
	routes.set(routing, route);
	return routing;
}

const routes = new WeakMap<INodePropertyRouting, OperationRoute>();

/** What a retired operation tells the user, and the endpoint RingCentral removed. */
export interface RetiredEndpoint {
	method: IHttpRequestMethods;
	/** the removed path, as RingCentral documented it */
	path: string;
	/** why there is no successor, and what to do instead */
	message: string;
}

const retiredRoutes = new WeakMap<INodePropertyRouting, RetiredEndpoint>();

/**
 * The routing of an operation whose RingCentral endpoint was removed without a successor: kept
 * where users look for it, it sends nothing and fails the item with a message saying so (or
 * reports it on the item under continue-on-fail).
 */
export function retiredOperation(retired: RetiredEndpoint): INodePropertyRouting {
	const routing: INodePropertyRouting = {
		send: { paginate: true },
		operations: {
			async pagination(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
				const itemIndex = this.getItemIndex();
				const error = new NodeOperationError(this.getNode(), retired.message, {
					itemIndex,
					description: `RingCentral removed ${retired.method} ${retired.path}.`,
				});
				if (!this.continueOnFail()) throw error;
				return [{ json: { error: retired.message, retiredEndpoint: `${retired.method} ${retired.path}` }, pairedItem: { item: itemIndex } }];
			},
		},
	};
	retiredRoutes.set(routing, retired);
	return routing;
}

/** The retired endpoint behind an operation's routing, if it is one. */
export function retiredEndpointOf(routing: INodePropertyRouting | undefined): RetiredEndpoint | undefined {
	return routing ? retiredRoutes.get(routing) : undefined;
}

/** The route behind an operation's routing (description checks compare it with the spec). */
export function routeOf(routing: INodePropertyRouting | undefined): OperationRoute | undefined {
	return routing ? routes.get(routing) : undefined;
}

function observeRateLimit(group: UsagePlanGroup) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (group !== 'NoThrottling') usageGate(credentialKey(this), group).release(lowerCaseHeaders(response.headers));
		return items;
	};
}

/** Pacing is per RingCentral user and app, i.e. per n8n credential. */
function credentialKey(context: IExecuteSingleFunctions): string {
	const type = credentialTypeFor(context.getNodeParameter('authentication', 'oAuth2') as string);
	const credential = context.getNode().credentials?.[type];
	return `${type}:${credential?.id ?? credential?.name ?? 'default'}`;
}

function executor(route: OperationRoute) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		try {
			requestData = await resolveExtensionNumbers.call(this, requestData);
			// Body builders run here rather than as n8n preSend hooks so their errors are paired too.
			for (const prepare of route.prepare ?? []) {
				const prepared = await prepare.call(this, requestData.options as IHttpRequestOptions);
				requestData = { ...requestData, options: prepared };
			}
			let items: INodeExecutionData[];
			if (route.batch) items = await sendBatched.call(this, route, route.batch, requestData);
			else if (route.list) items = await sendList.call(this, route, route.list, requestData);
			else items = (await send.call(this, route, requestData)).map(normalizeItem);
			if (route.output) items = await route.output.call(this, items);
			return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error = asNodeError(this, caught);
			if (!this.continueOnFail()) throw error;
			const details = (error as NodeApiError).context?.ringCentral as IDataObject | undefined;
			return [{ json: { error: (error as Error).message, ...details }, pairedItem: { item: itemIndex } }];
		}
	};
}

/** One request with pacing and bounded, RingCentral-aware retries. */
async function send(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const gate: UsageGate | undefined =
		route.group === 'NoThrottling' ? undefined : usageGate(credentialKey(this), route.group);
	const method = String(requestData.options.method ?? route.method).toUpperCase();
	const signal = this.getExecutionCancelSignal();
	const attempts = { throttled: 0, unavailable: 0, transient: 0 };
	for (;;) {
		await gate?.acquire(signal);
		try {
			return await this.makeRoutingRequest(requestData);
		} catch (error) {
			const failure = readHttpFailure(error);
			gate?.release(failure.headers, failure.status !== undefined);
			if (failure.status === undefined && !failure.networkCode) throw asNodeError(this, error);
			const wait = retryWait(failure, method, attempts, gate);
			if (wait === undefined) throw toNodeError(this, failure, error);
			await sleep(wait);
		}
	}
}

/** How long to wait before retrying, or undefined when the failure is final. */
function retryWait(
	failure: HttpFailure,
	method: string,
	attempts: { throttled: number; unavailable: number; transient: number },
	gate: UsageGate | undefined,
): number | undefined {
	if (failure.status === 429) {
		if (++attempts.throttled > RETRY_LIMITS.throttled) return undefined;
		const seconds = gate ? gate.throttled(failure) : (retryAfterSeconds(failure) ?? 30);
		// The gate already holds every request of the group until Retry-After has passed.
		return gate ? 0 : seconds * 1000;
	}
	if (failure.status === 503) {
		if (++attempts.unavailable > RETRY_LIMITS.unavailable) return undefined;
		return (retryAfterSeconds(failure) ?? 2 ** (attempts.unavailable - 1)) * 1000;
	}
	const transient = failure.networkCode !== undefined || [500, 502, 504].includes(failure.status ?? 0);
	// A POST that failed mid-way may have been carried out (an SMS sent): never repeat it.
	if (transient && IDEMPOTENT.has(method)) {
		if (++attempts.transient > RETRY_LIMITS.transient) return undefined;
		return 500 * 2 ** (attempts.transient - 1);
	}
	return undefined;
}

function toNodeError(context: IExecuteSingleFunctions, failure: HttpFailure, original: unknown) {
	if (original instanceof NodeOperationError) return original;
	return ringCentralError(context.getNode(), failure, context.getItemIndex());
}

/** n8n's own errors pass through; anything else is wrapped so the item index is kept. */
function asNodeError(context: IExecuteSingleFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex: context.getItemIndex() });
}

/** Lists: Return All follows every page at the largest page size; Limit stops as soon as it has enough. */
async function sendList(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	list: ListOptions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50)));
	const pageSize: number | string =
		returnAll && list.returnAllPageSize ? list.returnAllPageSize : Math.min(list.maxPageSize, returnAll ? list.maxPageSize : limit);
	const recordsProperty = list.recordsProperty ?? 'records';
	const sizeParameter = list.pageSizeParameter ?? (list.style === 'token' ? 'recordCount' : 'perPage');
	const pagingInBody = list.style === 'number' && list.pagingIn === 'body';
	const options = { ...requestData.options, qs: { ...(requestData.options.qs ?? {}) } };
	const setPaging = (values: IDataObject) => {
		if (pagingInBody) options.body = { ...((options.body as IDataObject) ?? {}), ...values };
		else options.qs = { ...options.qs, ...values };
	};
	setPaging({ [sizeParameter]: pageSize });

	const records: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES && records.length < limit; page++) {
		const [first] = await send.call(this, route, { ...requestData, options });
		const body = (first?.json ?? {}) as IDataObject;
		const pageRecords = (body[recordsProperty] as IDataObject[] | undefined) ?? [];
		records.push(...pageRecords);
		if (!pageRecords.length) break;
		if (list.style === 'page') {
			const next = ((body.navigation as IDataObject | undefined)?.nextPage as IDataObject | undefined)?.uri as string | undefined;
			if (!next || seen.has(next)) break;
			seen.add(next);
			// nextPage.uri is absolute and already carries every query parameter.
			options.url = next;
			options.qs = {};
		} else if (list.style === 'token') {
			const token = valueAt(body, list.nextPageTokenPath ?? 'navigation.nextPageToken');
			if (typeof token !== 'string' || !token || seen.has(token)) break;
			seen.add(token);
			options.qs = { ...options.qs, pageToken: token };
		} else {
			if (!hasNextPageNumber(body.paging as IDataObject | undefined, page, pageRecords.length)) break;
			setPaging({ page: page + 1 });
		}
	}
	return records.slice(0, limit).map((json) => ({ json }));
}

/** Page-number lists without links: totals when the server gives them, else a full page means more. */
function hasNextPageNumber(paging: IDataObject | undefined, page: number, received: number): boolean {
	const current = Number(paging?.page ?? page);
	if (paging?.totalPages !== undefined) return current < Number(paging.totalPages);
	return paging?.perPage !== undefined && received >= Number(paging.perPage);
}

function valueAt(body: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], body);
}

/** Many ids: comma-joined in batches of the endpoint's limit; one item per id, failures included. */
async function sendBatched(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	batch: BatchOptions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const ids = idList(this.getNodeParameter(batch.idsParameter, ''));
	if (!ids.length && batch.optional) return (await send.call(this, route, requestData)).map(normalizeItem);
	if (!ids.length) {
		throw new NodeOperationError(this.getNode(), `Enter at least one ID in the "${batch.idsParameter}" field`, {
			itemIndex: this.getItemIndex(),
		});
	}
	const url = String(requestData.options.url);
	const items: INodeExecutionData[] = [];
	for (let start = 0; start < ids.length; start += batch.maxIds) {
		const chunk = ids.slice(start, start + batch.maxIds);
		const options = batch.queryParameter
			? { ...requestData.options, qs: { ...(requestData.options.qs ?? {}), [batch.queryParameter]: chunk } }
			: { ...requestData.options, url: url.replace(BATCH_IDS, chunk.map(encodeURIComponent).join(',')) };
		const [answer] = await send.call(this, route, { ...requestData, options });
		const body = answer?.json as unknown;
		if (isEmptyBody(body)) {
			// A bulk DELETE that fully succeeded answers 204 without parts.
			items.push(...chunk.map((id) => ({ json: { [batch.idKey]: id, success: true } })));
			continue;
		}
		if (chunk.length === 1 && !isMultipartBody(body)) {
			items.push({ json: body as IDataObject });
			continue;
		}
		const parts = isMultipartBody(body) ? parseBatchResponse(body) : [];
		chunk.forEach((id, index) => {
			const part = parts[index];
			if (part && part.status < 300) {
				items.push({ json: isEmptyBody(part.body) ? { [batch.idKey]: id, success: true } : (part.body as IDataObject) });
				return;
			}
			const failure: HttpFailure = { status: part?.status, headers: {}, body: part?.body };
			const error = ringCentralError(this.getNode(), failure, this.getItemIndex());
			items.push({ json: { [batch.idKey]: id, error: error.context.ringCentral as IDataObject } });
		});
	}
	return items;
}

export function idList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : String(value ?? '').split(/[\s,;]+/);
	return raw.map((id) => String(id).trim()).filter(Boolean);
}

function isEmptyBody(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

/** n8n expects objects; a 204 answer (no body) becomes a confirmation. */
function normalizeItem(item: INodeExecutionData): INodeExecutionData {
	if (item.json && typeof item.json === 'object') return item;
	return { ...item, json: { success: true } };
}
