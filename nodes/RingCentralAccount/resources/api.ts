import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'api';

/** The retired `/restapi/v1.0/status` answered whether the API was up; the version read now tells it. */
async function healthReport(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const version = item.json as IDataObject;
		return { ...item, json: { healthy: true, apiVersion: version.uriString, versionString: version.versionString, releaseDate: version.releaseDate, uri: version.uri } };
	});
}

export const apiOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Health',
			value: 'getHealth',
			action: 'Check the API health',
			description:
				'Reads the v1.0 API version as a health check (replaces the retired /restapi/v1.0/status); fails when the API does not answer',
			// The spec's {apiVersion} path parameter, fixed to the version this package speaks.
			routing: ringCentralRoute({ method: 'GET', url: '=/restapi/{{ "v1.0" }}', group: 'NoThrottling', output: healthReport }),
		},
		{
			name: 'Get Version',
			value: 'getVersion',
			action: 'Get an API version',
			description: 'Release and URI of one REST API version',
			routing: ringCentralRoute({ method: 'GET', url: `=/restapi/${pathParameter('apiVersion')}`, group: 'NoThrottling' }),
		},
		{
			name: 'Get Versions',
			value: 'getVersions',
			action: 'Get the API versions',
			description: 'The REST API versions the server offers, and its server version',
			routing: ringCentralRoute({ method: 'GET', url: '/restapi', group: 'NoThrottling' }),
		},
	],
	default: 'getHealth',
};

export const apiFields: INodeProperties[] = [
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'string',
		default: 'v1.0',
		required: true,
		description: 'Version to read, as in the URI (v1.0)',
		displayOptions: showFor(RESOURCE, ['getVersion']),
	},
];
