import type { INodeProperties } from 'n8n-workflow';

import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { businessHoursBody, businessHoursFields } from '../schedule';

const RESOURCE = 'userBusinessHours';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/business-hours`;

export const userBusinessHoursOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the business hours of a user',
			description: 'Weekly schedule of the user\'s business hours; an empty schedule means 24 hours, 7 days a week',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light' }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the business hours of a user',
			description: 'Set the weekly schedule that the user\'s business-hours and after-hours rules follow',
			routing: ringCentralRoute({ method: 'PUT', url: URL, group: 'Medium', prepare: [businessHoursBody()] }),
		},
	],
	default: 'get',
};

export const userBusinessHoursFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'update'])),
	...extensionFields(showFor(RESOURCE, ['get', 'update'])),
	...businessHoursFields(showFor(RESOURCE, ['update'])),
];
