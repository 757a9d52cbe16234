import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, credentials, requestDefaults } from '../RingCentral/shared/descriptions';
import { blockedNumberFields, blockedNumberOperations } from './resources/blockedNumber';
import { callerBlockingFields, callerBlockingOperations } from './resources/callerBlocking';
import { companyAnsweringRuleFields, companyAnsweringRuleOperations } from './resources/companyAnsweringRule';
import { companyBusinessHoursFields, companyBusinessHoursOperations } from './resources/companyBusinessHours';
import { forwardingNumberFields, forwardingNumberOperations } from './resources/forwardingNumber';
import { greetingFields, greetingOperations } from './resources/greeting';
import { userAnsweringRuleFields, userAnsweringRuleOperations } from './resources/userAnsweringRule';
import { userBusinessHoursFields, userBusinessHoursOperations } from './resources/userBusinessHours';

export class RingCentralCallHandling implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Call Handling',
		name: 'ringCentralCallHandling',
		icon: { light: 'file:../../icons/ringcentral.svg', dark: 'file:../../icons/ringcentral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage RingCentral business hours, answering rules, forwarding and blocked numbers, and greetings',
		defaults: { name: 'RingCentral Call Handling' },
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
					{ name: 'Answering Rule (Company)', value: 'companyAnsweringRule' },
					{ name: 'Answering Rule (User)', value: 'userAnsweringRule' },
					{ name: 'Blocked/Allowed Number', value: 'blockedNumber' },
					{ name: 'Business Hours (Company)', value: 'companyBusinessHours' },
					{ name: 'Business Hours (User)', value: 'userBusinessHours' },
					{ name: 'Caller Blocking', value: 'callerBlocking' },
					{ name: 'Forwarding Number', value: 'forwardingNumber' },
					{ name: 'Greeting', value: 'greeting' },
				],
				default: 'userAnsweringRule',
			},
			userBusinessHoursOperations,
			companyBusinessHoursOperations,
			userAnsweringRuleOperations,
			companyAnsweringRuleOperations,
			forwardingNumberOperations,
			callerBlockingOperations,
			blockedNumberOperations,
			greetingOperations,
			...userBusinessHoursFields,
			...companyBusinessHoursFields,
			...userAnsweringRuleFields,
			...companyAnsweringRuleFields,
			...forwardingNumberFields,
			...callerBlockingFields,
			...blockedNumberFields,
			...greetingFields,
		],
	};
}
