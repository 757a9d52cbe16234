import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { binaryInput, multipartRequest } from '../../RingCentral/shared/binary';
import { showFor } from '../../RingCentral/shared/descriptions';
import { recordsOf } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { chatLocator } from '../locators';

const RESOURCE = 'file';

/** The name the file gets: the one the user chose, else the binary file's own. */
function uploadName(context: IExecuteSingleFunctions, binaryFileName?: string): string {
	const chosen = String((context.getNodeParameter('fileOptions', {}) as IDataObject).fileName ?? '').trim();
	return chosen || binaryFileName || 'file';
}

const binaryProperty = (context: IExecuteSingleFunctions) => String(context.getNodeParameter('binaryPropertyName', 'data'));

/** The n8n binary file as RingCentral's `body` form part. */
async function filePart(this: IExecuteSingleFunctions) {
	const { data, meta } = await binaryInput(this, binaryProperty(this));
	return [{ name: 'body', fileName: uploadName(this, meta.fileName), contentType: meta.mimeType || 'application/octet-stream', data }];
}

/** RingCentral names the stored file after the `name` query parameter. */
async function nameQuery(this: IExecuteSingleFunctions, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const name = uploadName(this, this.helpers.assertBinaryData(binaryProperty(this)).fileName);
	return { ...request, qs: { ...(request.qs ?? {}), name } };
}

export const fileOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Upload',
			value: 'upload',
			action: 'Upload a file',
			description:
				'Upload an n8n binary file; with a chat it is posted there, otherwise attach its ID to a post (team-messaging/v1/files; replaces the retired glip/files)',
			routing: ringCentralRoute({
				method: 'POST',
				url: '/team-messaging/v1/files',
				group: 'Heavy',
				// The multipart step reads the binary input first, so a missing file gets its clear error.
				prepare: [multipartRequest(filePart), nameQuery],
				output: recordsOf(),
			}),
		},
	],
	default: 'upload',
};

export const fileFields: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		description: 'Name of the binary property of the input item that holds the file',
		displayOptions: showFor(RESOURCE, ['upload']),
	},
	{
		...chatLocator(showFor(RESOURCE, ['upload']), {
			required: false,
			description: 'Chat to post the file to right away; leave empty to only upload it and attach it to a post later',
		}),
		routing: { send: { type: 'query', property: 'groupId', value: '={{ String($value ?? "").trim() || undefined }}' } },
	},
	{
		displayName: 'Options',
		name: 'fileOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['upload']),
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'report.pdf',
				description: 'Name the file gets in RingCentral (default: the binary file\'s name)',
			},
		],
	},
];
