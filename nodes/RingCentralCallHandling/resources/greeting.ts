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
import { greetingUpload } from '../greetings';
import { answeringRuleLocator, standardGreetingLocator } from '../locators';

const RESOURCE = 'greeting';
const MAX_PAGE_SIZE = 1000;
const ACCOUNT_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}`;
const DICTIONARY_URL = '/restapi/v1.0/dictionary/greeting';

const titled = (value: string) => value.replace(/([a-z])([A-Z])/g, '$1 $2');

export const greetingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create for Company',
			value: 'createCompany',
			action: 'Upload a company greeting',
			description: 'Upload an audio file (WAV or MP3) as a company greeting (needs admin rights)',
			routing: ringCentralRoute({ method: 'POST', url: `${ACCOUNT_URL}/greeting`, group: 'Medium', prepare: [greetingUpload()] }),
		},
		{
			name: 'Create for User',
			value: 'createUser',
			action: 'Upload a user greeting',
			description: 'Upload an audio file (WAV or MP3) as a custom greeting of a user\'s answering rule',
			routing: ringCentralRoute({
				method: 'POST',
				url: `${ACCOUNT_URL}/extension/${pathParameter('extensionId')}/greeting`,
				group: 'Heavy',
				prepare: [greetingUpload()],
			}),
		},
		{
			name: 'Get Many Standard',
			value: 'getManyStandard',
			action: 'Get many standard greetings',
			description: 'RingCentral\'s predefined greetings and music (presets for answering rules)',
			routing: ringCentralRoute({
				method: 'GET',
				url: DICTIONARY_URL,
				group: 'Medium',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
			}),
		},
		{
			name: 'Get Standard',
			value: 'getStandard',
			action: 'Get a standard greeting',
			description: 'One predefined greeting by ID',
			routing: ringCentralRoute({ method: 'GET', url: `=${DICTIONARY_URL}/${pathParameter('greetingId')}`, group: 'Medium' }),
		},
	],
	default: 'createUser',
};

export const greetingFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['createCompany', 'createUser'])),
	...extensionFields(showFor(RESOURCE, ['createUser'])),
	{
		displayName: 'Greeting Type',
		name: 'greetingType',
		type: 'options',
		options: ['Announcement', 'ConnectingAudio', 'ConnectingMessage', 'HoldMusic', 'Introductory', 'TemplateGreeting', 'Unavailable', 'Voicemail'].map(
			(value) => ({ name: titled(value), value }),
		),
		default: 'Voicemail',
		description: 'When the greeting is played',
		displayOptions: showFor(RESOURCE, ['createUser']),
	},
	{
		displayName: 'Greeting Type',
		name: 'greetingType',
		type: 'options',
		options: [
			{ name: 'Automatic Recording', value: 'AutomaticRecording', description: 'Announces that calls are recorded' },
			{ name: 'Company', value: 'Company', description: 'The company greeting of the auto-receptionist' },
			{ name: 'Start Recording', value: 'StartRecording' },
			{ name: 'Stop Recording', value: 'StopRecording' },
			{ name: 'Template Greeting', value: 'TemplateGreeting' },
		],
		default: 'Company',
		description: 'When the greeting is played',
		displayOptions: showFor(RESOURCE, ['createCompany']),
	},
	...versioned(
		{
			displayName: 'Answering Rule ID',
			name: 'answeringRuleId',
			type: 'string',
			default: 'business-hours-rule',
			required: true,
			description: 'The user\'s answering rule the greeting belongs to (business-hours-rule, after-hours-rule or a custom rule ID)',
			displayOptions: showFor(RESOURCE, ['createUser']),
		},
		answeringRuleLocator('user', showFor(RESOURCE, ['createUser']), {
			name: 'answeringRuleId',
			description: 'The extension\'s answering rule the greeting belongs to',
			initial: { mode: 'id', value: 'business-hours-rule' },
		}),
	),
	...versioned(
		{
			displayName: 'Answering Rule ID',
			name: 'answeringRuleId',
			type: 'string',
			default: '',
			description: 'Company answering rule that plays the greeting (optional; a Company greeting is applied to it)',
			displayOptions: showFor(RESOURCE, ['createCompany']),
		},
		answeringRuleLocator('company', showFor(RESOURCE, ['createCompany']), {
			name: 'answeringRuleId',
			description: 'Company answering rule that plays the greeting (optional; a Company greeting is applied to it)',
			required: false,
		}),
	),
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the audio file (WAV or MP3)',
		description: 'Binary property of the input item that holds the audio',
		displayOptions: showFor(RESOURCE, ['createCompany', 'createUser']),
	},
	{
		displayName: 'Options',
		name: 'greetingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['createUser']),
		options: [
			{
				displayName: 'Apply to Rule',
				name: 'apply',
				type: 'boolean',
				default: true,
				description: 'Whether the rule plays the new greeting right away (otherwise it is only stored)',
				routing: { send: { type: 'query', property: 'apply' } },
			},
		],
	},
	...versioned(
		{
			displayName: 'Greeting ID',
			name: 'greetingId',
			type: 'string',
			default: '',
			required: true,
			description: 'ID of the standard greeting',
			displayOptions: showFor(RESOURCE, ['getStandard']),
		},
		standardGreetingLocator(showFor(RESOURCE, ['getStandard'])),
	),
	...returnAllFields(showFor(RESOURCE, ['getManyStandard']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'standardGreetingFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getManyStandard']),
		options: [
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: ['Announcement', 'Company', 'ConnectingAudio', 'ConnectingMessage', 'HoldMusic', 'Introductory', 'Unavailable', 'Voicemail'].map(
					(value) => ({ name: titled(value), value }),
				),
				default: 'Voicemail',
				description: 'Only greetings played in this case',
				routing: { send: { type: 'query', property: 'type' } },
			},
			{
				displayName: 'Usage Type',
				name: 'usageType',
				type: 'options',
				options: [
					'AnnouncementExtensionAnsweringRule',
					'CompanyAfterHoursAnsweringRule',
					'CompanyAnsweringRule',
					'DepartmentExtensionAnsweringRule',
					'ExtensionAnsweringRule',
					'SharedLinesGroupAnsweringRule',
					'UserExtensionAnsweringRule',
					'VoicemailExtensionAnsweringRule',
				].map((value) => ({ name: titled(value), value })),
				default: 'UserExtensionAnsweringRule',
				description: 'Only greetings for this kind of rule',
				routing: { send: { type: 'query', property: 'usageType' } },
			},
		],
	},
];
