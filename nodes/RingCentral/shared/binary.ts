import type {
	IBinaryData,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FormPart } from './multipart';
import { buildFormData } from './multipart';

/** Reads one n8n binary property of the current item, with a clear error when it is absent or empty. */
export async function binaryInput(
	context: IExecuteSingleFunctions,
	propertyName: string,
): Promise<{ data: Buffer; meta: IBinaryData }> {
	const itemIndex = context.getItemIndex();
	let meta: IBinaryData;
	try {
		meta = context.helpers.assertBinaryData(propertyName);
	} catch {
		throw new NodeOperationError(context.getNode(), `The input item has no binary property "${propertyName}"`, {
			itemIndex,
			description: 'Set the field to the name of the binary property that holds the file (often "data").',
		});
	}
	const data = await context.helpers.getBinaryDataBuffer(propertyName);
	if (!data.length) {
		throw new NodeOperationError(context.getNode(), `The binary property "${propertyName}" is empty`, { itemIndex });
	}
	return { data, meta };
}

/**
 * A prepare step that turns the request into RingCentral's multipart form: the JSON body (if any)
 * as the `request.json` part, then the file parts the operation collects from binary properties.
 */
export function multipartRequest(
	collectFiles: (this: IExecuteSingleFunctions, options: IHttpRequestOptions) => Promise<FormPart[]>,
	jsonPartName = 'request.json',
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const files = await collectFiles.call(this, options);
		const json = options.body && typeof options.body === 'object' && Object.keys(options.body).length ? options.body : undefined;
		const parts: FormPart[] = [
			...(json
				? [{ name: jsonPartName, fileName: jsonPartName, contentType: 'application/json', data: JSON.stringify(json) }]
				: []),
			...files,
		];
		const { body, contentType } = buildFormData(parts);
		return { ...options, body, json: false, headers: { ...(options.headers ?? {}), 'Content-Type': contentType } };
	};
}

/** File name from Content-Disposition, if the server sent one. */
function fileNameFrom(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
	if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
	const plain = /filename="?([^";]+)"?/i.exec(disposition);
	return plain?.[1];
}

/**
 * A downloaded file as an item: the body becomes n8n binary data (mime type and file name kept)
 * under the property the user named; the JSON keeps what the headers told.
 */
export async function binaryItem(
	context: IExecuteSingleFunctions,
	answer: { headers: Record<string, string>; body: unknown },
	propertyParameter: string,
	defaultFileName: (context: IExecuteSingleFunctions) => string,
): Promise<INodeExecutionData> {
	const property = String(context.getNodeParameter(propertyParameter, 'data'));
	const mimeType = (answer.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const fileName = fileNameFrom(answer.headers['content-disposition']) ?? defaultFileName(context);
	const body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from((answer.body ?? '') as ArrayBuffer);
	const binary = await context.helpers.prepareBinaryData(body, fileName, mimeType);
	return { json: { fileName, mimeType, fileSize: body.length }, binary: { [property]: binary } };
}
