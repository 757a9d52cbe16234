import type { INodeProperties } from 'n8n-workflow';

import { pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'company';

export const companyOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a company',
			description: 'Name and domain of a company (team-messaging/v1/companies; replaces the retired glip/companies)',
			routing: ringCentralRoute({ method: 'GET', url: `=/team-messaging/v1/companies/${pathParameter('companyId')}`, group: 'Light' }),
		},
	],
	default: 'get',
};

export const companyFields: INodeProperties[] = [
	{
		displayName: 'Company ID',
		name: 'companyId',
		type: 'string',
		default: '~',
		required: true,
		description: 'RingCentral account ID of the company. ~ means your own company (the signed-in user\'s account).',
		displayOptions: showFor(RESOURCE, ['get']),
	},
];
