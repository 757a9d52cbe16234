import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import { searchContacts, searchExtensions } from '../RingCentral/shared/listSearch';

/** Pages read at most for a dropdown, so a huge directory cannot stall the editor. */
const MAX_PAGES = 10;

function pathValue(context: ILoadOptionsFunctions, name: string): string {
	return encodeURIComponent(String(context.getNodeParameter(name, '~') || '~').trim());
}

/** Every user of the company directory, for picking favorites (node version 1's dropdown). */
async function getDirectoryExtensions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const url = `/restapi/v1.0/account/${pathValue(this, 'accountId')}/directory/entries`;
	const options: INodePropertyOptions[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const answer = await ringCentralDirectRequest.call(this, 'GET', url, { qs: { perPage: 'max', page, typeGroup: 'User' }, group: 'Medium' });
		for (const entry of (answer.records as IDataObject[]) ?? []) {
			const name = [entry.firstName, entry.lastName].filter(Boolean).join(' ') || String(entry.name ?? entry.id);
			options.push({ name: entry.extensionNumber ? `${name} (${entry.extensionNumber})` : name, value: String(entry.id) });
		}
		const paging = (answer.paging ?? {}) as IDataObject;
		if (Number(paging.page ?? page) >= Number(paging.totalPages ?? page)) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The user's personal contacts, for picking favorites (node version 1's dropdown). */
async function getPersonalContacts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const url = `/restapi/v1.0/account/${pathValue(this, 'accountId')}/extension/${pathValue(this, 'extensionId')}/address-book/contact`;
	const options: INodePropertyOptions[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const answer = await ringCentralDirectRequest.call(this, 'GET', url, {
			qs: { perPage: 1000, page, sortBy: ['LastName', 'FirstName'] },
			group: 'Heavy',
		});
		for (const contact of (answer.records as IDataObject[]) ?? []) {
			const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || String(contact.company ?? contact.id);
			options.push({ name: contact.company && name !== contact.company ? `${name} (${contact.company})` : name, value: String(contact.id) });
		}
		if (!((answer.navigation as IDataObject | undefined)?.nextPage)) break;
	}
	return options;
}

export const contactsMethods = {
	loadOptions: { getDirectoryExtensions, getPersonalContacts },
	listSearch: { searchContacts, searchExtensions },
};
