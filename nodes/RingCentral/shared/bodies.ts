import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

/** A required id in a row, trimmed; throws a message naming the row. */
export function rowId(row: IDataObject, key: string, label: string, position: number): string {
	const value = String(row[key] ?? '').trim();
	if (!value) throw new Error(`Row ${position}: enter the ${label}`);
	return value;
}
