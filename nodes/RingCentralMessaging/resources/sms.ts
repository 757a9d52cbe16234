import type { INodeProperties } from 'n8n-workflow';

import { compactPhoneNumber, listToRequest, phoneNumberValue } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { phoneNumberFields } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { explainSmsSenderRefusal } from '../smsSenders';

const RESOURCE = 'sms';

export const smsOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Send',
			value: 'send',
			action: 'Send an SMS',
			description: 'Send a text message to one or more phone numbers from a number of the signed-in user',
			routing: ringCentralRoute({
				method: 'POST',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/sms`,
				group: 'Medium',
				prepare: [
					listToRequest({ parameter: 'to', label: 'To', property: 'to', key: 'phoneNumber', normalize: compactPhoneNumber }),
				],
				explainError: explainSmsSenderRefusal,
			}),
		},
	],
	default: 'send',
};

const send = showFor(RESOURCE, ['send']);

export const smsFields: INodeProperties[] = [
	accountIdField(send),
	...extensionFields(
		send,
		'Extension that sends. ~ means the signed-in user\'s own extension (RingCentral sends SMS only as the signed-in user).',
	),
	...phoneNumberFields(send, {
		name: 'from',
		displayName: 'From',
		placeholder: '+16505551001',
		textDescription: 'A phone number of the sender with SMS enabled, in E.164 format (spaces, dashes and brackets are removed)',
		pickerDescription: 'The sender\'s number: the list shows the extension\'s numbers that may send SMS (RingCentral\'s SmsSender feature)',
		searchListMethod: 'searchSmsSenderNumbers',
		routing: { send: { type: 'body', property: 'from.phoneNumber', value: phoneNumberValue } },
	}),
	...phoneNumberFields(send, {
		name: 'to',
		displayName: 'To',
		placeholder: '+14155550142, +12125550187',
		textDescription: 'Recipient phone numbers in E.164 format, separated by commas (or an array from an expression)',
		pickerDescription: 'Whom to text: a personal contact or colleague from the list, or numbers typed in (several separated by commas)',
		searchListMethod: 'searchPhoneRecipients',
		several: true,
	}),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message, up to 1,000 characters',
		routing: { send: { type: 'body', property: 'text' } },
		displayOptions: send,
	},
	{
		displayName: 'Options',
		name: 'smsOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: send,
		options: [
			{
				displayName: 'Country Code',
				name: 'countryIsoCode',
				type: 'string',
				default: '',
				placeholder: 'US',
				description:
					'Two-letter ISO 3166 code of the recipients\' country, for numbers RingCentral cannot place by themselves',
				routing: { send: { type: 'body', property: 'country.isoCode', value: '={{ String($value).trim().toUpperCase() }}' } },
			},
		],
	},
];
