import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	accountIdField,
	pathParameter,
	returnAllFields,
	showFor,
	simplifyField,
} from '../../RingCentral/shared/descriptions';
import { listToRequest } from '../../RingCentral/shared/bodies';
import { extensionLocator, versioned } from '../../RingCentral/shared/locators';
import { simplified } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'directoryEntry';
/** The directory's paging model allows 1,000 records a page; Return All asks for `max`. */
const MAX_PAGE_SIZE = 1000;
const ENTRIES_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/directory/entries`;

/** What people look up in the directory: who, how to reach them, where they sit. */
function simpleEntry(entry: IDataObject): IDataObject {
	const phones = (entry.phoneNumbers as IDataObject[] | undefined) ?? [];
	const primary = phones.find((p) => p.primary) ?? phones[0];
	const personName = [entry.firstName, entry.lastName].filter(Boolean).join(' ');
	return {
		id: entry.id,
		type: entry.type,
		status: entry.status,
		name: personName || entry.name,
		extensionNumber: entry.extensionNumber,
		email: entry.email,
		phoneNumber: primary?.phoneNumber,
		department: entry.department,
		jobTitle: entry.jobTitle,
		site: (entry.site as IDataObject | undefined)?.name,
	};
}

const EXTENSION_TYPES = [
	'Announcement',
	'DelegatedLinesGroup',
	'Department',
	'External',
	'IvrMenu',
	'Limited',
	'PagingOnly',
	'ParkLocation',
	'SharedLinesGroup',
	'TieLine',
	'User',
	'Voicemail',
].map((value) => ({ name: value === 'Department' ? 'Department (Call Queue)' : value.replace(/([a-z])([A-Z])/g, '$1 $2'), value }));

export const directoryEntryOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get a directory entry',
			description: 'One person or extension of the company directory (directory/entries; replaces the retired directory/contacts)',
			routing: ringCentralRoute({ method: 'GET', url: `${ENTRIES_URL}/${pathParameter('entryId')}`, group: 'Medium' }),
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many directory entries',
			description: 'The company directory, 1,000 entries a request (directory/entries; replaces the retired directory/contacts)',
			routing: ringCentralRoute({
				method: 'GET',
				url: ENTRIES_URL,
				group: 'Medium',
				list: { style: 'number', maxPageSize: MAX_PAGE_SIZE, returnAllPageSize: 'max' },
				output: simplified(simpleEntry),
			}),
		},
		{
			name: 'Search',
			value: 'search',
			action: 'Search the directory',
			description: 'Find colleagues by name, number, email, job title or department (directory/entries/search)',
			routing: ringCentralRoute({
				method: 'POST',
				url: `${ENTRIES_URL}/search`,
				group: 'Heavy',
				list: { style: 'number', maxPageSize: MAX_PAGE_SIZE, pagingIn: 'body' },
				prepare: [listToRequest({ parameter: 'searchOptions.siteIds', label: 'Site IDs', property: 'siteIds', optional: true })],
				output: simplified(simpleEntry),
			}),
		},
	],
	default: 'getMany',
};

export const directoryEntryFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['get', 'getMany', 'search'])),
	...versioned(
		{
			displayName: 'Entry ID',
			name: 'entryId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '62264425016',
			description: 'Internal ID of the extension in the directory',
			displayOptions: showFor(RESOURCE, ['get']),
		},
		extensionLocator(showFor(RESOURCE, ['get']), {
			name: 'entryId',
			displayName: 'Entry',
			description: 'A person or extension of the company directory',
			me: false,
		}),
	),
	{
		displayName: 'Search Text',
		name: 'searchString',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'alice',
		description: 'Text to find in the fields to search (part of a name, number, email…)',
		displayOptions: showFor(RESOURCE, ['search']),
		routing: { send: { type: 'body', property: 'searchString' } },
	},
	...returnAllFields(showFor(RESOURCE, ['getMany', 'search']), MAX_PAGE_SIZE),
	{
		displayName: 'Filters',
		name: 'directoryFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showFor(RESOURCE, ['getMany']),
		options: [
			{
				displayName: 'Extension Type',
				name: 'type',
				type: 'options',
				options: EXTENSION_TYPES,
				default: 'User',
				description: 'Only entries of this type',
				routing: { send: { type: 'query', property: 'type' } },
			},
			{
				displayName: 'Type Group',
				name: 'typeGroup',
				type: 'options',
				options: [
					{ name: 'Users', value: 'User' },
					{ name: 'Everything Else', value: 'NonUser' },
				],
				default: 'User',
				description: 'Only users, or only the other extensions (queues, IVR menus…)',
				routing: { send: { type: 'query', property: 'typeGroup' } },
			},
			{
				displayName: 'Site ID',
				name: 'siteId',
				type: 'string',
				default: '',
				description: 'Only entries of this business site',
				routing: { send: { type: 'query', property: 'siteId' } },
			},
			{
				displayName: 'Include Federated Accounts',
				name: 'showFederated',
				type: 'boolean',
				default: true,
				description: 'Whether to include entries of other accounts in a federation (and the account of each entry)',
				routing: { send: { type: 'query', property: 'showFederated' } },
			},
		],
	},
	{
		displayName: 'Options',
		name: 'searchOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor(RESOURCE, ['search']),
		options: [
			{
				displayName: 'Department',
				name: 'department',
				type: 'string',
				default: '',
				description: 'Only entries of this department',
				routing: { send: { type: 'body', property: 'department' } },
			},
			{
				displayName: 'Extension Types',
				name: 'extensionTypes',
				type: 'multiOptions',
				options: EXTENSION_TYPES.filter((t) => !['External', 'TieLine'].includes(t.value)),
				default: [],
				description: 'Only entries of these types',
				routing: { send: { type: 'body', property: 'extensionTypes' } },
			},
			{
				displayName: 'Fields to Search',
				name: 'searchFields',
				type: 'multiOptions',
				options: [
					{ name: 'Department', value: 'department' },
					{ name: 'Email', value: 'email' },
					{ name: 'Extension Number', value: 'extensionNumber' },
					{ name: 'First Name', value: 'firstName' },
					{ name: 'Job Title', value: 'jobTitle' },
					{ name: 'Last Name', value: 'lastName' },
					{ name: 'Phone Number', value: 'phoneNumber' },
				],
				default: [],
				description: 'Where to look for the text (default: all of them)',
				routing: { send: { type: 'body', property: 'searchFields' } },
			},
			{
				displayName: 'Include Federated Accounts',
				name: 'showFederated',
				type: 'boolean',
				default: true,
				description: 'Whether to include entries of other accounts in a federation',
				routing: { send: { type: 'body', property: 'showFederated' } },
			},
			{
				displayName: 'Site IDs',
				name: 'siteIds',
				type: 'string',
				default: '',
				description: 'Only entries of these business sites (IDs separated by commas)',
			},
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'options',
				options: [
					{ name: 'Department', value: 'department' },
					{ name: 'Email', value: 'email' },
					{ name: 'Extension Number', value: 'extensionNumber' },
					{ name: 'First Name', value: 'firstName' },
					{ name: 'Job Title', value: 'jobTitle' },
					{ name: 'Last Name', value: 'lastName' },
				],
				default: 'lastName',
				description: 'Field to sort the results by',
				routing: { send: { type: 'body', property: 'orderBy[0].fieldName' } },
			},
			{
				displayName: 'Sort Direction',
				name: 'sortDirection',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'Asc' },
					{ name: 'Descending', value: 'Desc' },
				],
				default: 'Asc',
				description: 'Order of the sorted results',
				routing: { send: { type: 'body', property: 'orderBy[0].direction' } },
			},
		],
	},
	simplifyFieldFor(['getMany', 'search']),
];

function simplifyFieldFor(operations: string[]): INodeProperties {
	return simplifyField(showFor(RESOURCE, operations), 'name, number, email, phone, department, job title and site of each entry');
}
