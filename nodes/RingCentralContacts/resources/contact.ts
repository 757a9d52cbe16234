import type { IDisplayOptions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { listToRequest, requireUpdateFields } from '../../RingCentral/shared/bodies';
import type { DateField } from '../../RingCentral/shared/dates';
import {
	accountIdField,
	extensionFields,
	pathParameter,
	returnAllFields,
	showFor,
} from '../../RingCentral/shared/descriptions';
import { byIdMode, fromListMode, resourceLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'contact';
const MAX_PAGE_SIZE = 1000;
const BOOK_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/address-book/contact`;
const CONTACT_URL = `${BOOK_URL}/${pathParameter('contactId')}`;

/** The birthday of the contact fields in `collection`: a calendar day, whatever the time zones. */
const birthday = (collection: string): DateField => ({
	parameter: `${collection}.birthday`,
	label: 'Birthday',
	to: 'body',
	property: 'birthday',
	format: 'calendarDay',
});

export const contactOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			action: 'Create a contact',
			description: 'Add a contact to a user\'s personal address book',
			routing: ringCentralRoute({
				method: 'POST',
				url: BOOK_URL,
				group: 'Heavy',
				dates: [birthday('contactFields')],
				prepare: [requireUpdateFields('Contact Fields')],
			}),
		},
		{
			name: 'Delete',
			value: 'delete',
			action: 'Delete a contact',
			description: 'Remove a contact from the personal address book',
			routing: ringCentralRoute({ method: 'DELETE', url: CONTACT_URL, group: 'Heavy' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a contact',
			description: 'Read one personal contact',
			routing: ringCentralRoute({ method: 'GET', url: CONTACT_URL, group: 'Heavy' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many contacts',
			description: 'List personal contacts, optionally by name prefix or phone number, sorted',
			routing: ringCentralRoute({
				method: 'GET',
				url: BOOK_URL,
				group: 'Heavy',
				list: { style: 'page', maxPageSize: MAX_PAGE_SIZE },
				prepare: [
					listToRequest({ parameter: 'contactFilters.phoneNumber', label: 'Phone Numbers', to: 'query', property: 'phoneNumber', optional: true }),
				],
			}),
		},
		{
			name: 'Replace',
			value: 'replace',
			action: 'Replace a contact',
			description: 'Overwrite the whole contact: fields left out are cleared (PUT; use Update to change only some fields)',
			routing: ringCentralRoute({
				method: 'PUT',
				url: CONTACT_URL,
				group: 'Heavy',
				dates: [birthday('contactFields')],
				prepare: [requireUpdateFields('Contact Fields')],
			}),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update a contact',
			description: 'Change only the chosen fields of a contact; the others stay as they are',
			routing: ringCentralRoute({
				method: 'PATCH',
				url: CONTACT_URL,
				group: 'Heavy',
				dates: [birthday('updateFields')],
				prepare: [requireUpdateFields('Update Fields')],
			}),
		},
	],
	default: 'create',
};

const text = (displayName: string, name: string, description: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	routing: { send: { type: 'body', property: name } },
	...extra,
});

const phone = (displayName: string, name: string): INodeProperties =>
	text(displayName, name, `${displayName} number, in E.164 (+16505550123) or the national format of the dialing plan`, {
		placeholder: '+16505550123',
	});

const address = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	default: {},
	placeholder: `Add ${displayName}`,
	options: [
		{
			displayName: 'Address',
			name: 'address',
			values: (
				[
					['Street', 'street', 'Street address'],
					['City', 'city', 'City name'],
					['State', 'state', 'State or province'],
					['ZIP Code', 'zip', 'ZIP or postal code'],
					['Country', 'country', 'Country name'],
				] as const
			).map(([label, key, description]) => ({
				displayName: label,
				name: key,
				type: 'string' as const,
				default: '',
				description,
				routing: { send: { type: 'body' as const, property: `${name}.${key}` } },
			})),
		} satisfies INodePropertyCollection,
	],
});

/** Every field of a personal contact, as Create, Update and Replace offer them. */
const contactAttributes: INodeProperties[] = [
	text('First Name', 'firstName', 'First name of the contact'),
	text('Last Name', 'lastName', 'Last name of the contact'),
	text('Middle Name', 'middleName', 'Middle name of the contact'),
	text('Nickname', 'nickName', 'Nickname of the contact'),
	text('Company', 'company', 'Company the contact works for'),
	text('Job Title', 'jobTitle', 'Job title of the contact'),
	text('Email', 'email', 'Email address of the contact', { placeholder: 'name@email.com' }),
	text('Email 2', 'email2', 'Second email address', { placeholder: 'name@email.com' }),
	text('Email 3', 'email3', 'Third email address', { placeholder: 'name@email.com' }),
	{
		displayName: 'Birthday',
		name: 'birthday',
		type: 'dateTime',
		default: '',
		description: 'Date of birth of the contact',
	},
	text('Web Page', 'webPage', 'Home page URL of the contact', { placeholder: 'https://example.com' }),
	text('Notes', 'notes', 'Free-text notes about the contact', { typeOptions: { rows: 3 } }),
	phone('Mobile Phone', 'mobilePhone'),
	phone('Business Phone', 'businessPhone'),
	phone('Business Phone 2', 'businessPhone2'),
	phone('Home Phone', 'homePhone'),
	phone('Home Phone 2', 'homePhone2'),
	phone('Company Phone', 'companyPhone'),
	phone('Assistant Phone', 'assistantPhone'),
	phone('Car Phone', 'carPhone'),
	phone('Callback Phone', 'callbackPhone'),
	phone('Other Phone', 'otherPhone'),
	phone('Business Fax', 'businessFax'),
	phone('Other Fax', 'otherFax'),
	address('Business Address', 'businessAddress'),
	address('Home Address', 'homeAddress'),
	address('Other Address', 'otherAddress'),
];

const dialingPlanOption: INodeProperties = {
	displayName: 'Dialing Plan',
	name: 'dialingPlan',
	type: 'string',
	default: '',
	placeholder: 'US',
	description:
		'ISO 3166-1 alpha-2 country whose national format applies to phone numbers without a country code (default: the user\'s home country)',
	routing: { send: { type: 'query', property: 'dialingPlan' } },
};

export const contactFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'replace', 'update'])),
	...extensionFields(
		showFor(RESOURCE, ['create', 'delete', 'get', 'getMany', 'replace', 'update']),
		'Extension whose address book is used. ~ means the signed-in user\'s own address book.',
	),
	...versioned(
		{
			displayName: 'Contact ID',
			name: 'contactId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '4011236004',
			description: 'ID of the personal contact',
			displayOptions: showFor(RESOURCE, ['delete', 'get', 'replace', 'update']),
		},
		contactLocator(showFor(RESOURCE, ['delete', 'get', 'replace', 'update'])),
	),
	{
		displayName: 'Contact Fields',
		name: 'contactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Replace sends only these fields: anything not added here is cleared on the contact',
		displayOptions: showFor(RESOURCE, ['create', 'replace']),
		options: contactAttributes,
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor(RESOURCE, ['update']),
		options: contactAttributes,
	},
	{
		displayName: 'Options',
		name: 'contactOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['create', 'replace', 'update']),
		options: [dialingPlanOption],
	},
	...returnAllFields(showFor(RESOURCE, ['getMany']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'contactFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Name Starts With',
				name: 'startsWith',
				type: 'string',
				default: '',
				description: 'Only contacts whose first or last name starts with this text (case-insensitive)',
				routing: { send: { type: 'query', property: 'startsWith' } },
			},
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+16505550123, +14155550142',
				description: 'Only contacts with one of these numbers (E.164, separated by commas)',
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'multiOptions',
		options: [
			{ name: 'Company', value: 'Company' },
			{ name: 'First Name', value: 'FirstName' },
			{ name: 'Last Name', value: 'LastName' },
		],
		default: [],
		description: 'Fields to sort by, in the order chosen',
		displayOptions: showFor(RESOURCE, ['getMany']),
		routing: { send: { type: 'query', property: 'sortBy', value: '={{ $value.length ? $value : undefined }}' } },
	},
];

/** A personal contact picked from the address book (searched by name) or by ID. */
export function contactLocator(displayOptions?: IDisplayOptions, options: { name?: string; required?: boolean } = {}): INodeProperties {
	return resourceLocator(
		{
			name: options.name ?? 'contactId',
			displayName: 'Contact',
			description: 'A personal contact of the extension\'s address book',
			required: options.required,
			displayOptions,
		},
		[fromListMode('searchContacts'), byIdMode('4011236004')],
	);
}
