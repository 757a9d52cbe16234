import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { recordsFromRows, rowId } from '../../RingCentral/shared/bodies';
import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { extensionLocator, versioned } from '../../RingCentral/shared/locators';
import { recordsOf } from '../../RingCentral/shared/output';
import { ringCentralRoute } from '../../RingCentral/shared/transport';
import { contactLocator } from './contact';

const RESOURCE = 'favorite';
const URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/favorite`;

export const favoriteOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many favorites',
			description: 'The user\'s favorite contacts: colleagues (extensions) and personal contacts, one item each',
			routing: ringCentralRoute({ method: 'GET', url: URL, group: 'Light', output: recordsOf('records') }),
		},
		{
			name: 'Update',
			value: 'update',
			action: 'Update the favorites list',
			description: 'Replace the whole favorites list with the entries given, in that order',
			routing: ringCentralRoute({
				method: 'PUT',
				url: URL,
				group: 'Medium',
				prepare: [
					recordsFromRows('favorites', 'favorite', 'records', (row: IDataObject, position: number) =>
						row.kind === 'contact'
							? { contactId: rowId(row, 'contactId', 'personal contact', position) }
							: { extensionId: rowId(row, 'extensionId', 'extension', position) },
					),
				],
				output: recordsOf('records'),
			}),
		},
	],
	default: 'getMany',
};

export const favoriteFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['getMany', 'update'])),
	...extensionFields(showFor(RESOURCE, ['getMany', 'update'])),
	...versioned(
		favoritesField([
			{
				displayName: 'Extension Name or ID',
				name: 'extensionId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getDirectoryExtensions' },
				default: '',
				description:
					'Colleague from the company directory. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { kind: ['extension'] } },
			},
			{
				displayName: 'Personal Contact Name or ID',
				name: 'contactId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getPersonalContacts' },
				default: '',
				description:
					'Contact from the user\'s address book. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: { show: { kind: ['contact'] } },
			},
		]),
		favoritesField([
			{
				...extensionLocator(undefined, {
					displayName: 'Colleague',
					description: 'A colleague from the company directory',
					me: false,
					byNumber: false,
					// An empty row is reported by its position before anything is sent.
					required: false,
				}),
				displayOptions: { show: { kind: ['extension'] } },
			},
			{ ...contactLocator(undefined, { required: false }), displayName: 'Personal Contact', displayOptions: { show: { kind: ['contact'] } } },
		]),
	),
];

/** The favorites rows; who a row names is a dropdown in version 1 and a searchable picker in version 2. */
function favoritesField(whoFields: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Favorites',
		name: 'favorites',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Favorite',
		default: {},
		description: 'The new list: favorites not listed here are removed',
		displayOptions: showFor(RESOURCE, ['update']),
		options: [
			{
				displayName: 'Favorite',
				name: 'favorite',
				values: [
					{
						displayName: 'Kind',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Colleague (Extension)', value: 'extension' },
							{ name: 'Personal Contact', value: 'contact' },
						],
						default: 'extension',
						description: 'Whether the favorite is someone in the company directory or a personal contact',
					},
					...whoFields,
				],
			},
		],
	};
}
