import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberValue } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { phoneNumberFields, phoneNumberLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'ringOutCall';
const RING_OUT = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/ring-out`;
const RING_OUT_CALL = `${RING_OUT}/${pathParameter('ringOutId')}`;

export const ringOutCallOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Cancel',
			value: 'cancel',
			action: 'Cancel a ring out call',
			description: 'Stop a RingOut call that is still ringing or connecting',
			routing: ringCentralRoute({ method: 'DELETE', url: RING_OUT_CALL, group: 'Heavy' }),
		},
		{
			name: 'Create',
			value: 'create',
			action: 'Start a ring out call',
			description: 'RingCentral rings your phone (From) first, then connects the number you call (To)',
			routing: ringCentralRoute({ method: 'POST', url: RING_OUT, group: 'Heavy' }),
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			action: 'Get the status of a ring out call',
			description: 'Call, caller and callee status (InProgress, Success, Busy, NoAnswer, …) of a RingOut call',
			routing: ringCentralRoute({ method: 'GET', url: RING_OUT_CALL, group: 'Light' }),
		},
	],
	default: 'create',
};

const all = showFor(RESOURCE, ['cancel', 'create', 'getStatus']);
const create = showFor(RESOURCE, ['create']);

export const ringOutCallFields: INodeProperties[] = [
	accountIdField(all),
	...extensionFields(all, 'Extension that calls. ~ means the signed-in user\'s own extension.'),
	{
		displayName: 'RingOut ID',
		name: 'ringOutId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '234343434',
		description: 'The ID Create returned',
		displayOptions: showFor(RESOURCE, ['cancel', 'getStatus']),
	},
	...phoneNumberFields(create, {
		name: 'from',
		displayName: 'From (Your Phone)',
		placeholder: '+16505551001',
		textDescription: 'The phone RingCentral rings first, in E.164 format: one of your numbers or a phone you forward calls to',
		pickerDescription: 'The phone RingCentral rings first: one of the extension\'s forwarding numbers from the list, or a number typed in',
		searchListMethod: 'searchOwnPhones',
		routing: { send: { type: 'body', property: 'from.phoneNumber', value: phoneNumberValue } },
	}),
	...phoneNumberFields(create, {
		name: 'to',
		displayName: 'To',
		placeholder: '+14155550142',
		textDescription: 'The number to connect you with, in E.164 format',
		pickerDescription: 'Whom to call: a personal contact or colleague from the list, or a number typed in',
		searchListMethod: 'searchPhoneRecipients',
		routing: { send: { type: 'body', property: 'to.phoneNumber', value: phoneNumberValue } },
	}),
	...versioned(
		ringOutOptions({
			displayName: 'Caller ID',
			name: 'callerId',
			type: 'string',
			default: '',
			placeholder: '+16505550100',
			description: 'The number the called party sees, one of the account\'s numbers (default: your number)',
			routing: { send: { type: 'body', property: 'callerId.phoneNumber', value: phoneNumberValue } },
		}),
		ringOutOptions({
			...phoneNumberLocator(undefined, {
				name: 'callerId',
				displayName: 'Caller ID',
				description: 'The number the called party sees: one of the extension\'s caller ID numbers (default: your number)',
				searchListMethod: 'searchCallerIdNumbers',
				placeholder: '+16505550100',
				required: false,
			}),
			routing: { send: { type: 'body', property: 'callerId.phoneNumber', value: phoneNumberValue } },
		}),
	),
];

/** RingOut's options; Caller ID is typed in version 1 and picked in version 2. */
function ringOutOptions(callerId: INodeProperties): INodeProperties {
	return {
		displayName: 'Options',
		name: 'ringOutOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: create,
		options: [
			callerId,
			{
				displayName: 'Country ID',
				name: 'countryId',
				type: 'string',
				default: '',
				placeholder: '1',
				description: 'RingCentral\'s ID of the dialing-plan country (1 is the United States); default: the extension\'s home country',
				routing: { send: { type: 'body', property: 'country.id' } },
			},
			{
				displayName: 'Play Prompt',
				name: 'playPrompt',
				type: 'boolean',
				default: true,
				description: 'Whether you hear a prompt (press 1 to connect) when you answer your phone',
				routing: { send: { type: 'body', property: 'playPrompt' } },
			},
		],
	};
}
