/**
 * Call Handling: business hours set with the weekly schedule editor then read back, a custom
 * answering rule created, read and deleted, and a greeting uploaded from an n8n binary WAV.
 */
import { body, output } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

const user = { accountId: '~', extensionId: '~' };

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralCallHandling';
	const hours = `call-handling-hours-${auth}`;
	const rule = `call-handling-rule-${auth}`;
	const weeklySchedule = {
		weekdays: [{ from: body('open'), to: body('close') }],
		saturday: [{ from: body('saturdayOpen'), to: body('saturdayClose') }],
	};
	return [
		{
			id: hours,
			auth,
			steps: [
				{ name: 'update', node, parameters: { resource: 'userBusinessHours', operation: 'update', ...user, hours: 'custom', weeklySchedule } },
				{ name: 'get', node, parameters: { resource: 'userBusinessHours', operation: 'get', ...user } },
			],
			respond: { respondWith: 'json', responseBody: `={{ { updated: ${output(hours, 'update')}, read: $json } }}` },
		},
		{
			id: `call-handling-hours-update-${auth}`,
			auth,
			node,
			parameters: { resource: 'userBusinessHours', operation: 'update', ...user, hours: 'custom', weeklySchedule },
			settings: { onError: 'continueRegularOutput' },
		},
		{
			id: rule,
			auth,
			steps: [
				{
					name: 'create',
					node,
					parameters: {
						resource: 'userAnsweringRule',
						operation: 'create',
						...user,
						name: body('name'),
						ruleFields: {
							callers: { caller: [{ callerId: body('callerNumber'), name: body('callerName') }] },
							callHandlingAction: 'TakeMessagesOnly',
						},
					},
				},
				{ name: 'get', node, parameters: { resource: 'userAnsweringRule', operation: 'get', ...user, ruleId: '={{ $json.id }}' } },
				{ name: 'delete', node, parameters: { resource: 'userAnsweringRule', operation: 'delete', ...user, ruleId: '={{ $json.id }}' } },
			],
			respond: {
				respondWith: 'json',
				responseBody: `={{ { created: ${output(rule, 'create')}, read: ${output(rule, 'get')}, deleted: $json } }}`,
			},
		},
		{
			id: `call-handling-rule-get-${auth}`,
			auth,
			node,
			parameters: { resource: 'userAnsweringRule', operation: 'get', ...user, ruleId: body('ruleId') },
			settings: { onError: 'continueRegularOutput' },
		},
		{
			id: `call-handling-greeting-${auth}`,
			auth,
			node,
			parameters: {
				resource: 'greeting',
				operation: 'createUser',
				...user,
				greetingType: body('type'),
				answeringRuleId: body('answeringRuleId'),
				binaryPropertyName: 'audio',
			},
			settings: { onError: 'continueRegularOutput' },
		},
	];
}

const area: Area = { area: 'call-handling', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
