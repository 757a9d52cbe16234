import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { callLogMethods } from './methods';
import { activeCallFields, activeCallOperations } from './resources/activeCall';
import { callRecordFields, callRecordOperations } from './resources/callRecord';
import { recordingFields, recordingOperations } from './resources/recording';

export class RingCentralCallLog implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Call Log',
		name: 'ringCentralCallLog',
		icon: { light: 'file:../../icons/call-log.svg', dark: 'file:../../icons/call-log.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'callRecord:get': 'Get Call Records',
			'callRecord:getMany': 'Get Many Call Records',
			'callRecord:getManyForCompany': 'Get Many Company Call Records',
			'activeCall:getMany': 'Get Many Active Calls',
			'recording:download': 'Download Recording',
			'recording:get': 'Get Recording',
		}),
		description: 'Read RingCentral call records of a user or the company, calls in progress, and call recordings',
		defaults: { name: 'RingCentral Call Log' },
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
					{ name: 'Active Call', value: 'activeCall' },
					{ name: 'Call Record', value: 'callRecord' },
					{ name: 'Recording', value: 'recording' },
				],
				default: 'callRecord',
			},
			callRecordOperations,
			activeCallOperations,
			recordingOperations,
			...callRecordFields,
			...activeCallFields,
			...recordingFields,
		],
	};

	methods = callLogMethods;
}
