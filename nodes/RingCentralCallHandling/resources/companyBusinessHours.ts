import type { INodeProperties } from 'n8n-workflow';

import { accountIdField, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { businessHoursBody, businessHoursFields } from '../schedule';

const RESOURCE = 'companyBusinessHours';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/business-hours`;

export const companyBusinessHoursOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the company business hours',
			description: 'Weekly schedule of the company\'s business hours, which company answering rules follow',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the company business hours',
			description: 'Set the company\'s weekly business hours (needs admin rights)',
			routing: ringCentralRoute({ method: 'PUT', url: URL, group: 'Medium', prepare: [businessHoursBody()] }),
		},
	],
	default: 'get',
};

export const companyBusinessHoursFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...businessHoursFields(showFor(RESOURCE, ['update'])),
];
