import type { INodeProperties } from 'n8n-workflow';

import { accountIdField, pathParameter, returnAllFields, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'accountPresence';
const MAX_PAGE_SIZE = 1000;

export const accountPresenceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get the presence of every extension',
			description:
				'Presence of all extensions of the account (needs admin rights); call queues, IVR menus and other non-user extensions read as Offline',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/restapi/v1.0/account/${pathParameter('accountId')}/presence`,
				group: 'Heavy',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
	],
	default: 'getMany',
};

export const accountPresenceFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['getMany'])),
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'Options',
		name: 'accountPresenceOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Detailed Telephony State',
				name: 'detailedTelephonyState',
				type: 'boolean',
				default: true,
				description: 'Whether to include each extension\'s active calls with their telephony state',
				routing: { send: { type: 'query', property: 'detailedTelephonyState' } },
			},
			{
				displayName: 'SIP Data',
				name: 'sipData',
				type: 'boolean',
				default: true,
				description: 'Whether to include SIP data for each active call',
				routing: { send: { type: 'query', property: 'sipData' } },
			},
		],
	},
];
