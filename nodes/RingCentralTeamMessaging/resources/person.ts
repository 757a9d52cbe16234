import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../RingCentral/shared/descriptions';
import { BATCH_IDS, ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'person';

export const personOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a person',
			description:
				'Name, email and company of people, read 30 at a time, one item each (team-messaging/v1/persons; replaces the retired glip/persons)',
			routing: ringCentralRoute({
				method: 'GET',
				url: `=/team-messaging/v1/persons/${BATCH_IDS}`,
				group: 'Light',
				batch: { idsParameter: 'personIds', maxIds: 30, idKey: 'personId' },
			}),
		},
	],
	default: 'get',
};

export const personFields: INodeProperties[] = [
	{
		displayName: 'Person IDs',
		name: 'personIds',
		type: 'string',
		default: '~',
		required: true,
		placeholder: '62264425016, 62264426016',
		description: 'Person IDs (a user\'s extension ID) separated by commas. ~ means yourself (the signed-in user). Any number: they are read 30 per request.',
		displayOptions: showFor(RESOURCE, ['get']),
	},
];
