import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isResourceLocator, locatorValue } from './locators';
import { splitList } from './lists';

/** An update with nothing chosen would send RingCentral an empty body: say so instead. */
export function requireUpdateFields(collectionDisplayName: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const body = options.body as IDataObject | undefined;
		if (!body || Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), `Add at least one field under "${collectionDisplayName}"`, {
				itemIndex: this.getItemIndex(),
			});
		}
		return options;
	};
}

/**
 * Builds `body[bodyProperty]` from the rows of a fixed collection (`parameter.rowsName`), one
 * record per row; rows whose required value is empty are reported by their position.
 */
export function recordsFromRows(
	parameter: string,
	rowsName: string,
	bodyProperty: string,
	toRecord: (row: IDataObject, position: number) => IDataObject,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const collection = this.getNodeParameter(parameter, {}) as IDataObject;
		const rows = (collection[rowsName] as IDataObject[] | undefined) ?? [];
		if (!rows.length) {
			throw new NodeOperationError(this.getNode(), `Add at least one row to "${parameter}"`, {
				itemIndex: this.getItemIndex(),
			});
		}
		let records: IDataObject[];
		try {
			records = rows.map((row, index) => toRecord(row, index + 1));
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: this.getItemIndex() });
		}
		return { ...options, body: { ...((options.body as IDataObject) ?? {}), [bodyProperty]: records } };
	};
}

/** A required id in a row (text, or a picker's value), trimmed; throws a message naming the row. */
export function rowId(row: IDataObject, key: string, label: string, position: number): string {
	const value = locatorValue(row[key]);
	if (!value) throw new Error(`Row ${position}: enter the ${label}`);
	return value;
}

const PHONE_NUMBER_FORMATTING = /[\s().-]/g;

/** Phone numbers as people type them (+1 (650) 555-0100) in the E.164 form RingCentral takes. */
export function compactPhoneNumber(value: string): string {
	return value.replace(PHONE_NUMBER_FORMATTING, '');
}

/** The same as a routing `send.value`, for a field holding one phone number. */
export const phoneNumberValue = `={{ String($value).replace(${PHONE_NUMBER_FORMATTING}, "") }}`;

/**
 * Sends a field holding several values (separated by commas, semicolons or new lines, or an
 * array from an expression) as a list in the body or query: plain values, or one `{ [key]: value }`
 * per value, e.g. the recipients of an SMS as `[{ phoneNumber }]`.
 */
export function listToRequest(options: {
	parameter: string;
	label: string;
	property: string;
	to?: 'body' | 'query';
	key?: string;
	normalize?: (value: string) => string;
	/** an empty field sends nothing instead of failing */
	optional?: boolean;
}): PreSendAction {
	return async function (this: IExecuteSingleFunctions, request: IHttpRequestOptions) {
		// A picker (version 2) holds one number, or several typed in its "By Numbers" mode.
		const values = splitList(unwrapLocator(this.getNodeParameter(options.parameter, '') as unknown)).map((value) =>
			options.normalize ? options.normalize(value) : value,
		);
		if (!values.length) {
			if (options.optional) return request;
			throw new NodeOperationError(this.getNode(), `Enter at least one value in "${options.label}"`, {
				itemIndex: this.getItemIndex(),
			});
		}
		const list = options.key ? values.map((value) => ({ [options.key as string]: value })) : values;
		if (options.to === 'query') return { ...request, qs: { ...(request.qs ?? {}), [options.property]: list } };
		return { ...request, body: { ...((request.body as IDataObject) ?? {}), [options.property]: list } };
	};
}

function unwrapLocator(value: unknown): unknown {
	return isResourceLocator(value) ? value.value : value;
}
