import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { ringOutMethods } from './methods';
import { ringOutCallFields, ringOutCallOperations } from './resources/ringOutCall';

export class RingCentralRingOut implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral RingOut',
		name: 'ringCentralRingOut',
		icon: { light: 'file:../../icons/ring-out.svg', dark: 'file:../../icons/ring-out.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'ringOutCall:cancel': 'Cancel RingOut Call',
			'ringOutCall:create': 'Start RingOut Call',
			'ringOutCall:getStatus': 'Get RingOut Call Status',
		}),
		// RingCentral retired /ringout; its successor /ring-out serves every operation.
		description: 'Start, follow and cancel two-legged RingOut calls (served by RingCentral\'s /ring-out endpoint, which replaced /ringout)',
		defaults: { name: 'RingCentral RingOut' },
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
				options: [{ name: 'RingOut Call', value: 'ringOutCall' }],
				default: 'ringOutCall',
			},
			ringOutCallOperations,
			...ringOutCallFields,
		],
	};

	methods = ringOutMethods;
}
