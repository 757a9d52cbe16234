import type { INodeProperties } from 'n8n-workflow';

import { accountIdField, pathParameter, returnAllFields, showFor } from '../../RingCentral/shared/descriptions';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { versioned } from '../../RingCentral/shared/locators';
import { answeringRuleBody, ruleFieldsCollection } from '../answeringRules';
import { ruleIdFields } from '../locators';

const RESOURCE = 'companyAnsweringRule';
const MAX_PAGE_SIZE = 1000;
const RULES_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/answering-rule`;
const RULE_URL = `${RULES_URL}/${pathParameter('ruleId')}`;

export const companyAnsweringRuleOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a company answering rule',
			description: 'Add a custom rule for calls to the company numbers (needs admin rights)',
			routing: ringCentralRoute({
				method: 'POST',
				url: RULES_URL,
				group: 'Medium',
				prepare: [answeringRuleBody('company', 'ruleFields', 'create')],
			}),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a company answering rule',
			description: 'Remove a custom company rule (the business-hours and after-hours rules cannot be deleted)',
			routing: ringCentralRoute({ method: 'DELETE', url: RULE_URL, group: 'Medium' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a company answering rule',
			description: 'One company call handling rule with its conditions, action and greetings',
			routing: ringCentralRoute({ method: 'GET', url: RULE_URL, group: 'Light' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many company answering rules',
			description: 'The company call handling rules (summaries: read one rule for every field)',
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
			action: 'Update a company answering rule',
			description: 'Change the chosen fields of a company rule (needs admin rights)',
			routing: ringCentralRoute({
				method: 'PUT',
				url: RULE_URL,
				group: 'Medium',
				prepare: [answeringRuleBody('company', 'updateFields', 'update')],
			}),
		},
	],
	default: 'get',
};

export const companyAnsweringRuleFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'update'])),
	...ruleIdFields('company', showFor(RESOURCE, ['delete', 'get', 'update'])),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Holiday closure',
		description: 'Name of the rule (up to 127 characters)',
		displayOptions: showFor(RESOURCE, ['create']),
	},
	...versioned(
		ruleFieldsCollection('company', 'ruleFields', 'Rule Fields', showFor(RESOURCE, ['create']), false, 1),
		ruleFieldsCollection('company', 'ruleFields', 'Rule Fields', showFor(RESOURCE, ['create']), false, 2),
	),
	...versioned(
		ruleFieldsCollection('company', 'updateFields', 'Update Fields', showFor(RESOURCE, ['update']), true, 1),
		ruleFieldsCollection('company', 'updateFields', 'Update Fields', showFor(RESOURCE, ['update']), true, 2),
	),
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'companyRuleFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
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
