import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

type Output = (this: IExecuteSingleFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/**
 * One item per record, for answers that are a list without paging: an array (file upload) or
 * an object whose `property` holds the records (favorites, webhooks).
 */
export function recordsOf(property = 'records'): Output {
	return async function (items) {
		return items.flatMap((item) => {
			const json = item.json as unknown;
			const records = Array.isArray(json) ? json : ((json as IDataObject)?.[property] as unknown);
			return Array.isArray(records) ? records.map((record) => ({ json: record as IDataObject })) : [item];
		});
	};
}

/**
 * The Simplify switch: when the `simplify` parameter is on, each record is reduced by `pick`
 * to the fields people use; otherwise records pass through untouched.
 */
export function simplified(pick: (record: IDataObject) => IDataObject): Output {
	return async function (items) {
		if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
		return items.map((item) => ({ ...item, json: withoutEmpty(pick(item.json)) }));
	};
}

function withoutEmpty(record: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
