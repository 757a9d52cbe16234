import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from './directRequest';
import { ringCentralDirectRequest } from './directRequest';
import { EXTENSION_NUMBER_MODE, ME, locatorMode, locatorValue } from './locators';

/**
 * Locator fields whose "By Extension Number" mode is resolved to the extension's ID before a
 * request is sent, with the path segment that precedes the value in the URL.
 */
const NUMBERED_PATH_FIELDS = [
	{ parameter: 'extensionId', segment: 'extension' },
	{ parameter: 'callQueueId', segment: 'call-queues' },
	{ parameter: 'entryId', segment: 'entries' },
];

/**
 * Extensions given by their short number are looked up once (RingCentral's extension list, filtered
 * by number) and the request's URL gets the internal ID in their place.
 */
export async function resolveExtensionNumbers(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<DeclarativeRestApiSettings.ResultOptions> {
	let url = String(requestData.options.url ?? '');
	for (const { parameter, segment } of NUMBERED_PATH_FIELDS) {
		const raw = this.getNodeParameter(parameter, null) as unknown;
		if (locatorMode(raw) !== EXTENSION_NUMBER_MODE) continue;
		const number = locatorValue(raw);
		const id = await extensionIdByNumber(this, number, { parameter, itemIndex: this.getItemIndex() });
		const placed = new RegExp(`/${segment}/${escapeRegExp(encodeURIComponent(number))}(?=/|\\?|$)`);
		url = url.replace(placed, `/${segment}/${encodeURIComponent(id)}`);
	}
	return url === requestData.options.url ? requestData : { ...requestData, options: { ...requestData.options, url } };
}

/**
 * The internal ID a locator field stands for: `~`, an ID, or an extension number looked up.
 * For list searches that depend on another field (the numbers of the chosen extension).
 */
export async function extensionIdOf(context: RequestContext, raw: unknown, parameter: string): Promise<string> {
	const value = locatorValue(raw);
	if (!value || value.startsWith('=')) return ME;
	if (locatorMode(raw) !== EXTENSION_NUMBER_MODE) return value;
	return await extensionIdByNumber(context, value, { parameter });
}

const LOOKUP_LIFETIME_MS = 10 * 60_000;
const lookups = new Map<string, { at: number; id: Promise<string> }>();

async function extensionIdByNumber(
	context: RequestContext,
	number: string,
	where: { parameter: string; itemIndex?: number },
): Promise<string> {
	if (!/^\d{1,8}$/.test(number)) {
		throw new NodeOperationError(context.getNode(), `"${number}" is not an extension number (digits only)`, {
			itemIndex: where.itemIndex,
			description: `Field: ${where.parameter}`,
		});
	}
	const accountId = locatorValue(context.getNodeParameter('accountId', ME)) || ME;
	const credentials = context.getNode().credentials ?? {};
	const key = JSON.stringify([credentials, accountId, number]);
	const known = lookups.get(key);
	if (known && Date.now() - known.at < LOOKUP_LIFETIME_MS) return await known.id;
	forgetOldLookups();
	const id = (async () => {
		const answer = await ringCentralDirectRequest.call(context, 'GET', `/restapi/v1.0/account/${encodeURIComponent(accountId)}/extension`, {
			qs: { extensionNumber: number, perPage: 1 },
		});
		const record = ((answer.records as IDataObject[] | undefined) ?? [])[0];
		if (!record?.id) {
			throw new NodeOperationError(context.getNode(), `No extension has the number ${number}`, {
				itemIndex: where.itemIndex,
				description: `Field: ${where.parameter}. Pick the extension from the list or enter its ID instead.`,
			});
		}
		return String(record.id);
	})();
	lookups.set(key, { at: Date.now(), id });
	// A failed lookup is not remembered: the next item asks again.
	id.catch(() => lookups.delete(key));
	return await id;
}

function forgetOldLookups() {
	const now = Date.now();
	for (const [key, lookup] of lookups) if (now - lookup.at >= LOOKUP_LIFETIME_MS) lookups.delete(key);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
