import type { INodeProperties } from 'n8n-workflow';

import { requireUpdateFields } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { blockedCallerGreetings } from '../greetings';
import { standardGreetingLocator } from '../locators';

const RESOURCE = 'callerBlocking';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/caller-blocking`;

export const callerBlockingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Settings',
			value: 'get',
			action: 'Get caller blocking settings',
			description: 'Which calls a user blocks and the greetings blocked callers hear',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light' }),
		},
		{
			name: 'Update Settings',
			value: 'update',
			action: 'Update caller blocking settings',
			description: 'Block all calls or specific ones, calls without caller ID and pay phones',
			routing: ringCentralRoute({
				method: 'PUT',
				url: URL,
				group: 'Light',
				prepare: [blockedCallerGreetings('blockingUpdateFields'), requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'get',
};

export const callerBlockingFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...extensionFields(showFor(RESOURCE, ['get', 'update'])),
	...versioned(
		updateFields({
			displayName: 'Standard Greeting ID',
			name: 'presetId',
			type: 'string',
			default: '',
			description: 'ID of a standard greeting (Greeting → Get Many Standard, usage Blocked Calls)',
		}),
		updateFields(standardGreetingLocator(undefined, { name: 'presetId', description: 'A standard greeting for blocked calls', required: false })),
	),
];

/** The settings to change; the greeting of a row is typed in version 1 and picked in version 2. */
function updateFields(presetField: INodeProperties): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'blockingUpdateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Greetings',
				name: 'greetings',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Greeting',
				default: {},
				description: 'What blocked callers hear, per case (standard greetings of usage Blocked Calls)',
				options: [
					{
						displayName: 'Greeting',
						name: 'greeting',
						values: [
							{
								displayName: 'Case',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'All Callers Blocked', value: 'BlockedCallersAll' },
									{ name: 'No Caller ID', value: 'BlockedNoCallerId' },
									{ name: 'Pay Phone', value: 'BlockedPayPhones' },
									{ name: 'Specific Caller Blocked', value: 'BlockedCallersSpecific' },
								],
								default: 'BlockedCallersSpecific',
								description: 'Which blocked call the greeting is for',
							},
							presetField,
						],
					},
				],
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'All', value: 'All', description: 'Block every call and fax except allowed numbers' },
					{ name: 'Specific', value: 'Specific', description: 'Block the blocked numbers and the cases below' },
				],
				default: 'Specific',
				description: 'Which calls and faxes are blocked',
				routing: { send: { type: 'body', property: 'mode' } },
			},
			{
				displayName: 'No Caller ID',
				name: 'noCallerId',
				type: 'options',
				options: [
					{ name: 'Allow', value: 'Allow' },
					{ name: 'Block Calls and Faxes', value: 'BlockCallsAndFaxes' },
					{ name: 'Block Faxes', value: 'BlockFaxes' },
				],
				default: 'Allow',
				description: 'What happens to calls without caller ID (Specific mode)',
				routing: { send: { type: 'body', property: 'noCallerId' } },
			},
			{
				displayName: 'Pay Phones',
				name: 'payPhones',
				type: 'options',
				options: [
					{ name: 'Allow', value: 'Allow' },
					{ name: 'Block', value: 'Block' },
				],
				default: 'Allow',
				description: 'What happens to calls from pay phones',
				routing: { send: { type: 'body', property: 'payPhones' } },
			},
		],
	};
}
