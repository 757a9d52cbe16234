import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { accountMethods } from './methods';
import { apiFields, apiOperations } from './resources/api';
import { authorizationProfileFields, authorizationProfileOperations } from './resources/authorizationProfile';
import { subscriptionFields, subscriptionOperations } from './resources/subscription';

export class RingCentralAccount implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Account',
		name: 'ringCentralAccount',
		icon: { light: 'file:../../icons/account.svg', dark: 'file:../../icons/account.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'api:getHealth': 'Check API Health',
			'api:getVersion': 'Get API Version',
			'api:getVersions': 'Get API Versions',
			'authorizationProfile:check': 'Check User Permission',
			'authorizationProfile:get': 'Get Authorization Profile',
			'subscription:create': 'Create Subscription',
			'subscription:delete': 'Delete Subscription',
			'subscription:get': 'Get Subscription',
			'subscription:getMany': 'Get Many Subscriptions',
			'subscription:renew': 'Renew Subscription',
			'subscription:update': 'Update Subscription',
		}),
		description: 'Check the RingCentral API, read user permissions and manage webhook subscriptions',
		defaults: { name: 'RingCentral Account' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		requestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'API', value: 'api' },
					{ name: 'Authorization Profile', value: 'authorizationProfile' },
					{ name: 'Subscription', value: 'subscription' },
				],
				default: 'api',
			},
			apiOperations,
			authorizationProfileOperations,
			subscriptionOperations,
			...apiFields,
			...authorizationProfileFields,
			...subscriptionFields,
		],
	};

	methods = accountMethods;
}
