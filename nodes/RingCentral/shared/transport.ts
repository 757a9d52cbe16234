import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryItem } from './binary';
import type { RingCentralAnswer, UsagePlanGroup } from './client';
import { asNodeError, readInBatches } from './client';
import type { DateField } from './dates';
import { withDates } from './dates';
import { callAsNode, credentialNameOf, failedItem } from './directRequest';
import { ringCentralError } from './errors';
import { resolveExtensionNumbers } from './extensionNumbers';
import type { ExplainError } from './hints';
import { explainFailure } from './hints';
import { idList } from './lists';
import { mediaUrlExpression } from './server';

export type { UsagePlanGroup } from './client';
export { idList } from './lists';

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
	/** dateTime fields read, checked and sent by the executor (before `prepare`) */
	dates?: DateField[];
	/** builds or checks the request (body from fixed collections, required choices) before it is sent */
	prepare?: PreSendAction[];
	/** `media`: the request goes to RingCentral's media host (recording and attachment content) */
	host?: 'platform' | 'media';
	/** the answer is a file: it becomes n8n binary data under the property named by this parameter */
	download?: { binaryPropertyParameter: string; defaultFileName: (context: IExecuteSingleFunctions) => string };
	/** shapes the final items (after pagination/batching), e.g. Simplify */
	output?: (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
	/**
	 * adds to the error of a failed request what only this operation can tell, looked up when it
	 * failed (SMS Send: the numbers that can send)
	 */
	explainError?: ExplainError;
}

const MAX_PAGES = 10_000;

/**
 * The routing of one RingCentral operation. n8n's declarative pagination hook is the one place
 * that wraps an operation's request, so it hosts the executor: dates, body builders, lists,
 * batches and downloads, each request sent through the RingCentral client (client.ts).
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
 * where users look for it, it sends nothing and fails the item with a message saying so (under
 * continue-on-fail, a failed item that n8n's error output takes).
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
				return [failedItem(error, itemIndex, { retiredEndpoint: `${retired.method} ${retired.path}` })];
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


function executor(route: OperationRoute) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		try {
			// Dates and body builders run here rather than in n8n's routing (send.value, preSend) so a
			// bad value fails the item with a clear error, paired with its input, instead of vanishing.
			if (route.dates) requestData = { ...requestData, options: withDates(this, requestData.options, route.dates) };
			requestData = await resolveExtensionNumbers.call(this, requestData);
			for (const prepare of route.prepare ?? []) {
				const prepared = await prepare.call(this, requestData.options as IHttpRequestOptions);
				requestData = { ...requestData, options: prepared };
			}
			let items: INodeExecutionData[];
			if (route.batch) items = await sendBatched.call(this, route, route.batch, requestData);
			else if (route.list) items = await sendList.call(this, route, route.list, requestData);
			else items = await sendOnce.call(this, route, requestData);
			if (route.output) items = await route.output.call(this, items);
			return items.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error = asNodeError(this.getNode(), caught, { itemIndex, credentialName: credentialNameOf(this) });
			await explainFailure.call(this, error, requestData.options as IHttpRequestOptions, route.explainError);
			if (!this.continueOnFail()) throw error;
			return [failedItem(error, itemIndex)];
		}
	};
}

/** One request of an operation through the RingCentral client. */
async function send(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	options: DeclarativeRestApiSettings.HttpRequestOptions,
): Promise<RingCentralAnswer> {
	return await callAsNode(this, options as IHttpRequestOptions, {
		group: route.group,
		expect: route.download ? 'binary' : 'json',
		signal: this.getExecutionCancelSignal(),
		// A timeout the user set under Request Options wins over the client's own.
		timeoutMs: ((this.getNodeParameter('requestOptions', {}) as IDataObject).timeout as number | undefined) || undefined,
	});
}

/** A single request: its record, a file, or a confirmation when RingCentral answers without content. */
async function sendOnce(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const answer = await send.call(this, route, requestData.options);
	if (route.download) {
		return [await binaryItem(this, answer, route.download.binaryPropertyParameter, route.download.defaultFileName)];
	}
	return [{ json: answer.body === undefined ? { success: true } : (answer.body as IDataObject) }];
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
		const body = ((await send.call(this, route, options)).body ?? {}) as IDataObject;
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

/** `extensionId` → `Extension ID`, for messages about one id. */
function idLabel(idKey: string): string {
	const words = idKey.replace(/Id$/, ' ID').replace(/([a-z])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1).replace(/ (?!ID)([A-Z])/g, (_, letter: string) => ` ${letter.toLowerCase()}`);
}

/** Many ids in batches of the endpoint's limit: one item per id, each failure an item of its own. */
async function sendBatched(
	this: IExecutePaginationFunctions,
	route: OperationRoute,
	batch: BatchOptions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const ids = idList(this.getNodeParameter(batch.idsParameter, ''));
	if (!ids.length && batch.optional) return await sendOnce.call(this, route, requestData);
	if (!ids.length) {
		throw new NodeOperationError(this.getNode(), `Enter at least one ID in the "${batch.idsParameter}" field`, {
			itemIndex: this.getItemIndex(),
		});
	}
	const url = String(requestData.options.url);
	const results = await readInBatches(ids, batch.maxIds, async (chunk) => {
		const options = batch.queryParameter
			? { ...requestData.options, qs: { ...(requestData.options.qs ?? {}), [batch.queryParameter]: chunk } }
			: { ...requestData.options, url: url.replace(BATCH_IDS, chunk.map(encodeURIComponent).join(',')) };
		return await send.call(this, route, options);
	});
	return results.map((result): INodeExecutionData => {
		if (!result.failure) return { json: result.body === undefined ? { [batch.idKey]: result.id, success: true } : (result.body as IDataObject) };
		// Shaped like a failed item, so "Continue (using error output)" sends failed IDs to the error output.
		const error = ringCentralError(this.getNode(), result.failure, { itemIndex: this.getItemIndex() });
		error.message = `${idLabel(batch.idKey)} ${result.id}: ${error.message}`;
		return failedItem(error, this.getItemIndex(), { [batch.idKey]: result.id });
	});
}
