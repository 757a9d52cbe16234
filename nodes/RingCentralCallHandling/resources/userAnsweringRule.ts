import type { INodeProperties } from 'n8n-workflow';

import {
	accountIdField,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { versioned } from '../../RingCentral/shared/locators';
import { answeringRuleBody, ruleFieldsCollection } from '../answeringRules';
import { ruleIdFields } from '../locators';

const RESOURCE = 'userAnsweringRule';
const MAX_PAGE_SIZE = 1000;
const RULES_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/answering-rule`;
const RULE_URL = `${RULES_URL}/${pathParameter('ruleId')}`;

export const userAnsweringRuleOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a user answering rule',
			description: 'Add a custom call handling rule for some callers, called numbers or times',
			routing: ringCentralRoute({
				method: 'POST',
				url: RULES_URL,
				group: 'Medium',
				prepare: [answeringRuleBody('user', 'ruleFields', 'create')],
			}),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a user answering rule',
			description: 'Remove a custom rule (the business-hours and after-hours rules cannot be deleted)',
			routing: ringCentralRoute({ method: 'DELETE', url: RULE_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a user answering rule',
			description: 'One call handling rule with its conditions, action, forwarding and greetings',
			routing: ringCentralRoute({ method: 'GET', url: RULE_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many user answering rules',
			description: 'The call handling rules of an extension',
			routing: ringCentralRoute({
				method: 'GET',
				url: RULES_URL,
				group: 'Medium',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a user answering rule',
			description: 'Change the chosen fields of a rule (business-hours and after-hours rules keep their conditions)',
			routing: ringCentralRoute({
				method: 'PUT',
				url: RULE_URL,
				group: 'Medium',
				prepare: [answeringRuleBody('user', 'updateFields', 'update')],
			}),
		},
	],
	default: 'get',
};

export const userAnsweringRuleFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...extensionFields(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...ruleIdFields('user', showFor(RESOURCE, ['delete', 'get', 'update'])),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VIP callers',
		description: 'Name of the rule (up to 127 characters)',
		displayOptions: showFor(RESOURCE, ['create']),
	},
	...versioned(
		ruleFieldsCollection('user', 'ruleFields', 'Rule Fields', showFor(RESOURCE, ['create']), false, 1),
		ruleFieldsCollection('user', 'ruleFields', 'Rule Fields', showFor(RESOURCE, ['create']), false, 2),
	),
	...versioned(
		ruleFieldsCollection('user', 'updateFields', 'Update Fields', showFor(RESOURCE, ['update']), true, 1),
		ruleFieldsCollection('user', 'updateFields', 'Update Fields', showFor(RESOURCE, ['update']), true, 2),
	),
	{
		displayName: 'Options',
		name: 'ruleReadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['get']),
		options: [
			{
				displayName: 'Show Inactive Numbers',
				name: 'showInactiveNumbers',
				type: 'boolean',
				default: true,
				description: 'Whether forwarding steps that are switched off are included',
				routing: { send: { type: 'query', property: 'showInactiveNumbers' } },
			},
		],
	},
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'View',
		name: 'view',
		type: 'options',
		options: [
			{ name: 'Detailed', value: 'Detailed', description: 'Every field of each rule' },
			{ name: 'Simple', value: 'Simple', description: 'ID, name, type and whether the rule is enabled' },
		],
		default: 'Detailed',
		description: 'How much of each rule to return',
		displayOptions: showFor(RESOURCE, ['getMany']),
		routing: { send: { type: 'query', property: 'view' } },
	},
	{
		displayName: 'Filters',
		name: 'ruleFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Enabled Only',
				name: 'enabledOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active rules',
				routing: { send: { type: 'query', property: 'enabledOnly' } },
			},
			{
				displayName: 'Types',
				name: 'type',
				type: 'multiOptions',
				options: [
					{ name: 'After Hours', value: 'AfterHours' },
					{ name: 'Business Hours', value: 'BusinessHours' },
					{ name: 'Custom', value: 'Custom' },
				],
				default: [],
				description: 'Return only rules of these types',
				routing: { send: { type: 'query', property: 'type' } },
			},
		],
	},
];
