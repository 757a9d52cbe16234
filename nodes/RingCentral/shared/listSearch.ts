import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from './directRequest';
import { extensionIdOf } from './extensionNumbers';
import { ME, ME_NAME, locatorValue } from './locators';

/** Entries a picker asks RingCentral for at a time. */
export const PICKER_PAGE_SIZE = 100;

/** A field of the node as the editor holds it now (an expression is not resolved: it reads as unset). */
export function currentParameter(context: ILoadOptionsFunctions, name: string): unknown {
	const value = context.getCurrentNodeParameter(name);
	return typeof value === 'string' && value.startsWith('=') ? undefined : value;
}

/** The account in the node's Account ID field, `~` when unset, as a URL segment. */
export function accountSegment(context: ILoadOptionsFunctions): string {
	return encodeURIComponent(locatorValue(currentParameter(context, 'accountId')) || ME);
}

/** The extension the node's Extension field names (an extension number is looked up), as a URL segment. */
export async function extensionSegment(context: ILoadOptionsFunctions, parameter = 'extensionId'): Promise<string> {
	return encodeURIComponent(await extensionIdOf(context, currentParameter(context, parameter), parameter));
}

/** The page number a picker's pagination token stands for (RingCentral's page/perPage lists). */
export function pageOf(paginationToken?: string): number {
	const page = Number(paginationToken);
	return Number.isInteger(page) && page > 1 ? page : 1;
}

/** The token of the page after `page`, when RingCentral says there is one. */
export function nextPageToken(answer: IDataObject, page: number): string | undefined {
	const navigation = answer.navigation as IDataObject | undefined;
	const paging = answer.paging as IDataObject | undefined;
	if (navigation?.nextPage) return String(page + 1);
	if (paging?.totalPages !== undefined && Number(paging.page ?? page) < Number(paging.totalPages)) return String(page + 1);
	return undefined;
}

/** Whether an entry's texts contain what the user typed (case-insensitive; digits also without formatting). */
export function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	const wanted = filter?.trim().toLowerCase();
	if (!wanted) return true;
	const digits = wanted.replace(/[^\d]/g, '');
	return texts.some((text) => {
		const value = String(text ?? '').toLowerCase();
		return value.includes(wanted) || (digits.length >= 3 && /^[\d\s()+.-]+$/.test(wanted) && value.replace(/[^\d]/g, '').includes(digits));
	});
}

export function personName(record: IDataObject): string {
	return [record.firstName, record.lastName].filter(Boolean).join(' ') || String(record.name ?? record.id ?? '');
}

const EXTENSION_KINDS: Record<string, string> = {
	Department: 'call queue',
	IvrMenu: 'IVR menu',
	Announcement: 'announcement',
	Voicemail: 'voicemail only',
	SharedLinesGroup: 'shared lines',
	PagingOnly: 'paging',
	ParkLocation: 'park location',
	DelegatedLinesGroup: 'delegated lines',
	Limited: 'limited',
};

function directoryItem(entry: IDataObject): INodeListSearchItems {
	const kind = EXTENSION_KINDS[String(entry.type)];
	const number = entry.extensionNumber ? ` (${entry.extensionNumber})` : '';
	return { name: `${personName(entry)}${number}${kind ? ` · ${kind}` : ''}`, value: String(entry.id) };
}

/**
 * One page of the company directory: the whole list by page, or RingCentral's directory search
 * (people's names, extension numbers, phone numbers, emails) when the user typed something.
 */
export async function directoryPage(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	type?: string,
): Promise<{ entries: IDataObject[]; next?: string }> {
	const page = pageOf(paginationToken);
	const url = `/restapi/v1.0/account/${accountSegment(context)}/directory/entries`;
	const answer = filter?.trim()
		? await ringCentralDirectRequest.call(context, 'POST', `${url}/search`, {
				body: { searchString: filter.trim(), showFederated: false, page, perPage: PICKER_PAGE_SIZE, ...(type ? { extensionType: type } : {}) },
			})
		: await ringCentralDirectRequest.call(context, 'GET', url, {
				qs: { showFederated: false, page, perPage: PICKER_PAGE_SIZE, ...(type ? { type } : {}) },
			});
	const entries = ((answer.records as IDataObject[] | undefined) ?? []).filter((entry) => entry.type !== 'External');
	return { entries, next: nextPageToken(answer, page) };
}

/** Extensions of the company directory, the signed-in user first; typing searches the directory. */
export async function searchExtensions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { entries, next } = await directoryPage(this, filter, paginationToken);
	const me = !paginationToken && matches(filter, ME_NAME, ME) ? [{ name: ME_NAME, value: ME }] : [];
	return { results: [...me, ...entries.map(directoryItem)], paginationToken: next };
}

/**
 * Call queues (Department extensions) of the company directory. RingCentral's directory search
 * matches people's names, not a queue's, so the queues are listed by type and matched here.
 */
export async function searchCallQueues(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { entries, next } = await directoryPage(this, undefined, paginationToken, 'Department');
	const results = entries
		.filter((entry) => entry.type === 'Department')
		.map(directoryItem)
		.filter((item) => matches(filter, item.name));
	return { results, paginationToken: next };
}

const USAGE_NAMES: Record<string, string> = {
	MainCompanyNumber: 'company number',
	AdditionalCompanyNumber: 'company number',
	CompanyNumber: 'company number',
	DirectNumber: 'direct number',
	CompanyFaxNumber: 'company fax number',
	ForwardedNumber: 'forwarded number',
	ForwardedCompanyNumber: 'forwarded company number',
	ContactCenterNumber: 'contact center number',
	ConferencingNumber: 'conferencing number',
	BusinessMobileNumber: 'business mobile number',
};

/** What a number of an extension is, in words: its label, else its use ("direct number"). */
export function numberKind(number: IDataObject): string {
	return String(number.label ?? '') || USAGE_NAMES[String(number.usageType)] || String(number.usageType ?? '');
}

/** One page of the numbers of the node's extension that have `feature`, matching what the user typed. */
async function ownNumbers(context: ILoadOptionsFunctions, feature: string, filter?: string, paginationToken?: string) {
	const page = pageOf(paginationToken);
	const answer = await ringCentralDirectRequest.call(
		context,
		'GET',
		`/restapi/v1.0/account/${accountSegment(context)}/extension/${await extensionSegment(context)}/phone-number`,
		{ qs: { page, perPage: PICKER_PAGE_SIZE } },
	);
	const results = ((answer.records as IDataObject[] | undefined) ?? [])
		.filter((number) => ((number.features as string[] | undefined) ?? []).includes(feature))
		.map((number) => {
			const kind = numberKind(number);
			return { name: kind ? `${number.phoneNumber} · ${kind}` : String(number.phoneNumber), value: String(number.phoneNumber) };
		})
		.filter((item) => matches(filter, item.name));
	return { results, paginationToken: nextPageToken(answer, page) };
}

/** Numbers of the node's extension that may send SMS (RingCentral's SmsSender feature). */
export async function searchSmsSenderNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await ownNumbers(this, 'SmsSender', filter, paginationToken);
}

/** Numbers of the node's extension that may be shown as caller ID (the CallerId feature). */
export async function searchCallerIdNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await ownNumbers(this, 'CallerId', filter, paginationToken);
}

/** The phone fields of a personal contact, with the words people use for them. */
const CONTACT_PHONES: Array<[string, string]> = [
	['mobilePhone', 'mobile'],
	['businessPhone', 'business'],
	['businessPhone2', 'business 2'],
	['companyPhone', 'company'],
	['homePhone', 'home'],
	['homePhone2', 'home 2'],
	['assistantPhone', 'assistant'],
	['carPhone', 'car'],
	['callbackPhone', 'callback'],
	['otherPhone', 'other'],
];
const CONTACT_FAXES: Array<[string, string]> = [
	['businessFax', 'business fax'],
	['otherFax', 'other fax'],
];

function contactLabel(contact: IDataObject): string {
	const name = personName(contact) || String(contact.company ?? contact.id);
	return contact.company && name !== contact.company ? `${name} (${contact.company})` : name;
}

/**
 * A page of the personal contacts of the node's extension; a typed name is matched by RingCentral
 * (first or last name prefix).
 */
export async function contactPage(context: ILoadOptionsFunctions, filter: string | undefined, page: number) {
	const startsWith = filter?.trim() && !/^[\d\s()+.-]+$/.test(filter.trim()) ? filter.trim() : undefined;
	const answer = await ringCentralDirectRequest.call(
		context,
		'GET',
		`/restapi/v1.0/account/${accountSegment(context)}/extension/${await extensionSegment(context)}/address-book/contact`,
		{ qs: { page, perPage: PICKER_PAGE_SIZE, sortBy: ['FirstName', 'LastName'], ...(startsWith ? { startsWith } : {}) } },
	);
	return { contacts: (answer.records as IDataObject[] | undefined) ?? [], next: nextPageToken(answer, page) };
}

/** Personal contacts of the node's extension, by name: for the fields that take a contact. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const { contacts, next } = await contactPage(this, filter, page);
	const results = contacts.map((contact) => ({ name: contactLabel(contact), value: String(contact.id) }));
	return { results, paginationToken: next };
}

/**
 * Whom to send to: the phone numbers of personal contacts and of colleagues in the directory,
 * one entry per number. Both lists are paged together; the token holds both page numbers.
 */
async function recipients(
	context: ILoadOptionsFunctions,
	fields: Array<[string, string]>,
	withColleagues: boolean,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const [contactsPage, colleaguesPage] = (paginationToken ?? '1.1').split('.').map(Number);
	const results: INodeListSearchItems[] = [];
	let nextContacts = 0;
	if (contactsPage > 0) {
		const { contacts, next } = await contactPage(context, filter, contactsPage);
		nextContacts = Number(next ?? 0);
		for (const contact of contacts) {
			for (const [field, kind] of fields) {
				if (!contact[field]) continue;
				const item = { name: `${contactLabel(contact)} · ${kind} · ${contact[field]}`, value: String(contact[field]) };
				// RingCentral matched the name; a number typed is matched here.
				if (matches(filter, contactLabel(contact), contact[field])) results.push(item);
			}
		}
	}
	let nextColleagues = 0;
	if (withColleagues && colleaguesPage > 0) {
		const { entries, next } = await directoryPage(context, filter, String(colleaguesPage), 'User');
		nextColleagues = Number(next ?? 0);
		for (const entry of entries) {
			for (const phone of (entry.phoneNumbers as IDataObject[] | undefined) ?? []) {
				results.push({ name: `${personName(entry)} · colleague · ${phone.phoneNumber}`, value: String(phone.phoneNumber) });
			}
		}
	}
	const more = nextContacts > 0 || nextColleagues > 0;
	return { results, paginationToken: more ? `${nextContacts}.${nextColleagues}` : undefined };
}

/** Phone numbers of personal contacts and colleagues, for SMS and calls. */
export async function searchPhoneRecipients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await recipients(this, CONTACT_PHONES, true, filter, paginationToken);
}

/** Fax numbers of personal contacts. */
export async function searchFaxRecipients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await recipients(this, CONTACT_FAXES, false, filter, paginationToken);
}
