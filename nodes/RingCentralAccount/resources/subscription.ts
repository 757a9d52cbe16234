import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathParameter, returnAllFields, showFor } from '../../RingCentral/shared/descriptions';
import { byIdMode, fromListMode, resourceLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'subscription';
const SUBSCRIPTIONS_URL = '/restapi/v1.0/subscription';
const SUBSCRIPTION_URL = `=${SUBSCRIPTIONS_URL}/${pathParameter('subscriptionId')}`;
const MAX_WEBHOOK_LIFETIME = 315360000;

/** The list has no paging (at most 30 per user and app): one item per subscription, up to Limit. */
async function subscriptionItems(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', 50));
	const records = items.flatMap((item) => ((item.json as IDataObject).records as IDataObject[] | undefined) ?? []);
	return records.slice(0, limit).map((json) => ({ json }));
}

const eventFiltersField: INodeProperties = {
	displayName: 'Event Filters',
	name: 'eventFilters',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Event Filter' },
	default: [],
	required: true,
	placeholder: '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
	description:
		'Events to be notified of, as RingCentral event filter paths (~ means the signed-in account or user), e.g. /restapi/v1.0/account/~/extension/~/presence',
	routing: { send: { type: 'body', property: 'eventFilters' } },
};

const expiresInField: INodeProperties = {
	displayName: 'Expires In',
	name: 'expiresIn',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_WEBHOOK_LIFETIME },
	default: 604800,
	description: 'Lifetime in seconds (default 7 days, at most 10 years for webhooks); renew before it ends',
	routing: { send: { type: 'body', property: 'expiresIn' } },
};

export const subscriptionOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a webhook subscription',
			description:
				'Subscribe a webhook address to events; RingCentral first checks that the address echoes its Validation-Token header within 3 seconds',
			routing: ringCentralRoute({ method: 'POST', url: SUBSCRIPTIONS_URL, group: 'Medium' }),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a subscription',
			description: 'Cancel a subscription: no more notifications are sent',
			routing: ringCentralRoute({ method: 'DELETE', url: SUBSCRIPTION_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a subscription',
			description: 'Event filters, address, status (Active or Blacklisted) and expiration of one subscription',
			routing: ringCentralRoute({ method: 'GET', url: SUBSCRIPTION_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many subscriptions',
			description: 'The subscriptions this app holds for the signed-in user',
			routing: ringCentralRoute({ method: 'GET', url: SUBSCRIPTIONS_URL, group: 'Light', output: subscriptionItems }),
		},
		{
			name: 'Renew',
			value: 'renew',
			action: 'Renew a subscription',
			description: 'Extend a subscription by its lifetime, counted from now',
			routing: ringCentralRoute({ method: 'POST', url: `${SUBSCRIPTION_URL}/renew`, group: 'Light' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a subscription',
			description: 'Replace the event filters (and optionally the lifetime) of a subscription; this renews it too',
			routing: ringCentralRoute({ method: 'PUT', url: SUBSCRIPTION_URL, group: 'Medium' }),
		},
	],
	default: 'create',
};

export const subscriptionFields: INodeProperties[] = [
	...versioned(
		{
			displayName: 'Subscription ID',
			name: 'subscriptionId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the subscription',
			displayOptions: showFor(RESOURCE, ['delete', 'get', 'renew', 'update']),
		},
		resourceLocator(
			{
				name: 'subscriptionId',
				displayName: 'Subscription',
				description: 'One of this app\'s subscriptions for the signed-in user',
				displayOptions: showFor(RESOURCE, ['delete', 'get', 'renew', 'update']),
			},
			[
				fromListMode('searchSubscriptions'),
				byIdMode('2a8b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d', { pattern: '^\\s*[0-9A-Za-z-]{8,}\\s*$', errorMessage: 'A subscription ID is letters, digits and dashes' }),
			],
		),
	),
	{ ...eventFiltersField, displayOptions: showFor(RESOURCE, ['create', 'update']) },
	{
		displayName: 'Webhook URL',
		name: 'address',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/ringcentral',
		description: 'Where RingCentral POSTs the notifications (HTTPS in production); it must echo the Validation-Token header',
		displayOptions: showFor(RESOURCE, ['create']),
		routing: {
			send: { type: 'body', property: 'deliveryMode', value: '={{ { transportType: "WebHook", address: $value.trim() } }}' },
		},
	},
	{
		displayName: 'Options',
		name: 'subscriptionOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['create']),
		options: [
			expiresInField,
			{
				displayName: 'Verification Token',
				name: 'verificationToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Secret RingCentral sends in the Verification-Token header of every notification, so the receiver can trust it',
				routing: { send: { type: 'body', property: 'deliveryMode.verificationToken' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'subscriptionUpdateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: [{ ...expiresInField, description: 'New lifetime in seconds (default: the current one), counted from now' }],
	},
	// One answer holds them all (at most 30 per user and app): Limit only trims it.
	...returnAllFields(showFor(RESOURCE, ['getMany']), 30).map((field) =>
		field.name === 'limit' ? { ...field, hint: 'A user holds at most 30 subscriptions per app' } : field,
	),
];
