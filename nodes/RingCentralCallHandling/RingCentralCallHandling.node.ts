import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { callHandlingMethods } from './methods';
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
		icon: { light: 'file:../../icons/call-handling.svg', dark: 'file:../../icons/call-handling.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'userBusinessHours:get': 'Get User Business Hours',
			'userBusinessHours:update': 'Update User Business Hours',
			'companyBusinessHours:get': 'Get Company Business Hours',
			'companyBusinessHours:update': 'Update Company Business Hours',
			'userAnsweringRule:create': 'Create User Answering Rule',
			'userAnsweringRule:delete': 'Delete User Answering Rule',
			'userAnsweringRule:get': 'Get User Answering Rule',
			'userAnsweringRule:getMany': 'Get Many User Answering Rules',
			'userAnsweringRule:update': 'Update User Answering Rule',
			'companyAnsweringRule:create': 'Create Company Answering Rule',
			'companyAnsweringRule:delete': 'Delete Company Answering Rule',
			'companyAnsweringRule:get': 'Get Company Answering Rule',
			'companyAnsweringRule:getMany': 'Get Many Company Answering Rules',
			'companyAnsweringRule:update': 'Update Company Answering Rule',
			'forwardingNumber:create': 'Create Forwarding Number',
			'forwardingNumber:delete': 'Delete Forwarding Number',
			'forwardingNumber:get': 'Get Forwarding Number',
			'forwardingNumber:getMany': 'Get Many Forwarding Numbers',
			'forwardingNumber:update': 'Update Forwarding Number',
			'callerBlocking:get': 'Get Caller Blocking Settings',
			'callerBlocking:update': 'Update Caller Blocking Settings',
			'blockedNumber:create': 'Block or Allow Number',
			'blockedNumber:delete': 'Delete Blocked or Allowed Number',
			'blockedNumber:get': 'Get Blocked or Allowed Number',
			'blockedNumber:getMany': 'Get Many Blocked or Allowed Numbers',
			'blockedNumber:update': 'Update Blocked or Allowed Number',
			'greeting:createCompany': 'Upload Company Greeting',
			'greeting:createUser': 'Upload User Greeting',
			'greeting:getManyStandard': 'Get Many Standard Greetings',
			'greeting:getStandard': 'Get Standard Greeting',
		}),
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

	methods = callHandlingMethods;
}
