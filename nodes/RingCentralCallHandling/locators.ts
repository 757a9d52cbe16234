import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { byIdMode, fromListMode, resourceLocator, versioned } from '../RingCentral/shared/locators';
import type { RuleLevel } from './answeringRules';

interface PickerOptions {
	name?: string;
	displayName?: string;
	description?: string;
	required?: boolean;
	initial?: { mode: string; value: string };
}

/** An answering rule of the node's extension (user) or of the company, from the list or by ID. */
export function answeringRuleLocator(level: RuleLevel, displayOptions: IDisplayOptions | undefined, options: PickerOptions = {}): INodeProperties {
	return resourceLocator(
		{
			name: 'ruleId',
			displayName: 'Answering Rule',
			description:
				level === 'user'
					? 'One of the extension\'s answering rules: business hours, after hours or a custom rule'
					: 'One of the company\'s answering rules: business hours, after hours or a custom rule',
			displayOptions,
			...options,
		},
		[
			fromListMode(level === 'user' ? 'searchUserAnsweringRules' : 'searchCompanyAnsweringRules'),
			byIdMode('business-hours-rule', {
				pattern: '^\\s*(business-hours-rule|after-hours-rule|\\d+)\\s*$',
				errorMessage: 'A rule ID is business-hours-rule, after-hours-rule or a number',
			}),
		],
	);
}

/** The Rule ID of Delete, Get and Update: typed in version 1, picked from version 2 on. */
export function ruleIdFields(level: RuleLevel, displayOptions: IDisplayOptions): INodeProperties[] {
	return versioned(
		{
			displayName: 'Rule ID',
			name: 'ruleId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'business-hours-rule',
			description: 'ID of the rule: business-hours-rule, after-hours-rule or the ID of a custom rule',
			displayOptions,
		},
		answeringRuleLocator(level, displayOptions),
	);
}

export function forwardingNumberLocator(displayOptions: IDisplayOptions | undefined): INodeProperties {
	return resourceLocator(
		{
			name: 'forwardingNumberId',
			displayName: 'Forwarding Number',
			description: 'One of the extension\'s forwarding or call flip numbers',
			displayOptions,
		},
		[fromListMode('searchForwardingNumbers'), byIdMode('11174001')],
	);
}

export function blockedNumberLocator(displayOptions: IDisplayOptions | undefined): INodeProperties {
	return resourceLocator(
		{
			name: 'blockedNumberId',
			displayName: 'Blocked or Allowed Number',
			description: 'An entry of the extension\'s blocked or allowed list',
			displayOptions,
		},
		[fromListMode('searchBlockedNumbers'), byIdMode('11174501')],
	);
}

/** A standard greeting (preset) from RingCentral's dictionary, or by ID. */
export function standardGreetingLocator(displayOptions: IDisplayOptions | undefined, options: PickerOptions = {}): INodeProperties {
	return resourceLocator(
		{
			name: 'greetingId',
			displayName: 'Standard Greeting',
			description: 'One of RingCentral\'s standard greetings or music',
			displayOptions,
			...options,
		},
		[fromListMode('searchStandardGreetings'), byIdMode('66560')],
	);
}
