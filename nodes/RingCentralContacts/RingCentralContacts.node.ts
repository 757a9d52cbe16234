import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { contactsMethods } from './methods';
import { contactFields, contactOperations } from './resources/contact';
import { directoryEntryFields, directoryEntryOperations } from './resources/directoryEntry';
import { favoriteFields, favoriteOperations } from './resources/favorite';

export class RingCentralContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Contacts',
		name: 'ringCentralContacts',
		icon: { light: 'file:../../icons/contacts.svg', dark: 'file:../../icons/contacts.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'contact:create': 'Create Contact',
			'contact:delete': 'Delete Contact',
			'contact:get': 'Get Contact',
			'contact:getMany': 'Get Many Contacts',
			'contact:replace': 'Replace Contact',
			'contact:update': 'Update Contact',
			'favorite:getMany': 'Get Many Favorites',
			'favorite:update': 'Update Favorites',
			'directoryEntry:get': 'Get Directory Entry',
			'directoryEntry:getMany': 'Get Many Directory Entries',
			'directoryEntry:search': 'Search Directory',
		}),
		description: 'Manage personal contacts and favorites, and look people up in the RingCentral company directory',
		defaults: { name: 'RingCentral Contacts' },
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
					{ name: 'Contact', value: 'contact', description: 'A contact of a user\'s personal address book' },
					{ name: 'Directory Entry', value: 'directoryEntry', description: 'A person or extension of the company directory' },
					{ name: 'Favorite', value: 'favorite', description: 'A user\'s favorite contacts' },
				],
				default: 'contact',
			},
			contactOperations,
			favoriteOperations,
			directoryEntryOperations,
			...contactFields,
			...favoriteFields,
			...directoryEntryFields,
		],
	};

	methods = contactsMethods;
}
