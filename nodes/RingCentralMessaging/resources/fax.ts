import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryInput, multipartRequest } from '../../RingCentral/shared/binary';
import { compactPhoneNumber, listToRequest } from '../../RingCentral/shared/bodies';
import {
	accountIdField,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { idList } from '../../RingCentral/shared/lists';
import { phoneNumberFields } from '../../RingCentral/shared/locators';
import type { FormPart } from '../../RingCentral/shared/multipart';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'fax';

/** Every binary property the user named becomes one `attachment` part of the fax. */
async function faxAttachments(this: IExecuteSingleFunctions): Promise<FormPart[]> {
	const properties = idList(this.getNodeParameter('binaryProperties', 'data'));
	if (!properties.length) {
		throw new NodeOperationError(this.getNode(), 'Enter the name of at least one binary property in "Attachments"', {
			itemIndex: this.getItemIndex(),
		});
	}
	const parts: FormPart[] = [];
	for (const property of properties) {
		const { data, meta } = await binaryInput(this, property);
		parts.push({
			name: 'attachment',
			fileName: meta.fileName ?? `${property}.${meta.fileExtension ?? 'bin'}`,
			contentType: meta.mimeType || 'application/octet-stream',
			data,
		});
	}
	return parts;
}

export const faxOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Cover Pages',
			value: 'getCoverPages',
			action: 'Get fax cover pages',
			description: 'The cover page templates a fax can use, by index (0 means no cover page)',
			routing: ringCentralRoute({
				method: 'GET',
				url: '=/restapi/v1.0/dictionary/fax-cover-page',
				group: 'Light',
				list: { style: 'page', maxPageSize: 1000 },
			}),
		},
		{
			name: 'Send',
			value: 'send',
			action: 'Send a fax',
			description: 'Fax documents from binary properties (PDF, TIFF, images, text, Office files; up to 50 MB) to one or more numbers',
			routing: ringCentralRoute({
				method: 'POST',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/fax`,
				group: 'Heavy',
				dates: [{ parameter: 'faxOptions.sendTime', label: 'Send At', to: 'body', property: 'sendTime', format: 'iso' }],
				prepare: [
					listToRequest({ parameter: 'to', label: 'To', property: 'to', key: 'phoneNumber', normalize: compactPhoneNumber }),
					multipartRequest(faxAttachments),
				],
			}),
		},
	],
	default: 'send',
};

const send = showFor(RESOURCE, ['send']);
const coverPages = showFor(RESOURCE, ['getCoverPages']);

export const faxFields: INodeProperties[] = [
	accountIdField(send),
	...extensionFields(
		send,
		'Extension that sends. ~ means the signed-in user\'s own extension (faxes are sent as the signed-in user, from their fax number).',
	),
	...phoneNumberFields(send, {
		name: 'to',
		displayName: 'To',
		placeholder: '+12125550199',
		textDescription: 'Fax numbers in E.164 format, separated by commas (or an array from an expression)',
		pickerDescription: 'Where to fax: a personal contact\'s fax number from the list, or numbers typed in (several separated by commas)',
		searchListMethod: 'searchFaxRecipients',
		several: true,
	}),
	{
		displayName: 'Attachments',
		name: 'binaryProperties',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'data, attachment_1',
		description: 'Names of the input item\'s binary properties holding the documents, separated by commas; they are faxed in this order',
		displayOptions: send,
	},
	{
		displayName: 'Options',
		name: 'faxOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: send,
		options: [
			{
				displayName: 'Country Code',
				name: 'isoCode',
				type: 'string',
				default: '',
				placeholder: 'US',
				description: 'Two-letter ISO 3166 code of the recipients\' country, for numbers RingCentral cannot place by themselves',
				routing: { send: { type: 'body', property: 'isoCode', value: '={{ String($value).trim().toUpperCase() }}' } },
			},
			{
				displayName: 'Cover Page Index',
				name: 'coverIndex',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Cover page template by index, from Fax → Get Cover Pages; 0 sends no cover page. Without this option the extension\'s default cover page is used.',
				routing: { send: { type: 'body', property: 'coverIndex' } },
			},
			{
				displayName: 'Cover Page Text',
				name: 'coverPageText',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text printed on the cover page (up to 1,024 characters)',
				routing: { send: { type: 'body', property: 'coverPageText' } },
			},
			{
				displayName: 'Resolution',
				name: 'faxResolution',
				type: 'options',
				options: [
					{ name: 'High (200 Dpi)', value: 'High' },
					{ name: 'Low (100 Dpi)', value: 'Low' },
				],
				default: 'High',
				description: 'Scan resolution of the fax',
				routing: { send: { type: 'body', property: 'faxResolution' } },
			},
			{
				displayName: 'Send At',
				name: 'sendTime',
				type: 'dateTime',
				default: '',
				description: "When to send the fax (in the workflow's time zone unless the value names one); now if empty or in the past",
			},
		],
	},
	...returnAllFields(coverPages, 1000),
];
