/**
 * Contacts: each user's personal address book (create, read, full and partial update, delete,
 * batch ids, search by name or phone, sorting, page/perPage), favorites (read and replace the
 * whole list) and the company directory (directory/entries list, read and search). Directory
 * errors come from the ADG service: errors[] only, ADG codes.
 */
import { RcError, errors } from '../errors';
import { type BatchPart, idList, multipartMixed, pageOf } from '../http-util';
import { COMPANY, formatted, personOf } from '../people';
import type { State } from '../state';
import type { HandlerContext, HandlerResult, Query, Route } from '../types';
import { accountOf, assertMayEdit, extensionOf, flag, listOf } from './common';

const CONTACT_PATH = '/restapi/v1.0/account/{accountId}/extension/{extensionId}/address-book/contact';
const FIRST_CONTACT_ID = 4011236004;
const PHONE_FIELDS: readonly string[] = [
	'homePhone',
	'homePhone2',
	'businessPhone',
	'businessPhone2',
	'mobilePhone',
	'businessFax',
	'companyPhone',
	'assistantPhone',
	'carPhone',
	'otherPhone',
	'otherFax',
	'callbackPhone',
];
const COUNTRY_CODES: Record<string, string> = { US: '1', CA: '1', GB: '44', DE: '49', FR: '33', AU: '61' };
/** The largest page the directory service answers (its paging model caps perPage at 1000). */
const DIRECTORY_MAX_PAGE = 1000;
/** Types the directory reports as User. */
const USER_LIKE = new Set(['User', 'DigitalUser', 'VirtualUser', 'FaxUser']);

/** The admin's address book: customers and suppliers a small company calls. */
const SEED_CONTACTS: Array<Record<string, unknown>> = [
	{ firstName: 'Pat', lastName: 'Customer', company: 'Globex Corp', jobTitle: 'Procurement Lead', email: 'pat.customer@globex.example', mobilePhone: '+16505550123', businessPhone: '+16505550124' },
	{ firstName: 'Quinn', lastName: 'Rivera', company: 'Initech', jobTitle: 'CTO', email: 'quinn.rivera@initech.example', businessPhone: '+14155550142' },
	{ firstName: 'Riley', lastName: 'Chen', company: 'Globex Corp', jobTitle: 'Accounts Payable', email: 'riley.chen@globex.example', businessPhone: '+16505550177', businessFax: '+16505550178' },
	{ firstName: 'Sam', lastName: 'Patel', company: 'Umbrella Health', jobTitle: 'Office Manager', mobilePhone: '+12125550188' },
	{ firstName: 'Taylor', lastName: 'Brooks', company: 'Stark Logistics', jobTitle: 'Dispatcher', businessPhone: '+13125550110', businessFax: '+13125550111', businessAddress: { street: '200 W Madison St', city: 'Chicago', state: 'IL', zip: '60606', country: 'US' } },
	{ firstName: 'Uma', lastName: 'Schmidt', company: 'Wayne Foods', jobTitle: 'Buyer', businessPhone: '+493055501010', email: 'uma.schmidt@waynefoods.example' },
	{ firstName: 'Victor', lastName: 'Nguyen', company: 'Initech', jobTitle: 'Developer', businessPhone: '+14155550199' },
	{ firstName: 'Wendy', lastName: 'Okafor', mobilePhone: '+16465550175', notes: 'Caterer for team events' },
];

/** A personal contact: its id and availability plus the fields the client sent (spec: PersonalContactRequest). */
interface Contact {
	id: number;
	availability: string;
	firstName?: string;
	lastName?: string;
	company?: string;
	[field: string]: unknown;
}

/** One entry of a favorites list: a company extension or one of the user's contacts. */
interface Favorite {
	id: number;
	extensionId?: string;
	accountId?: string;
	contactId?: string;
}

/** PUT …/favorite (spec: FavoriteCollection). */
interface FavoritesRequest {
	records?: Array<{ extensionId?: string; contactId?: string }>;
}

/** The fields a directory search looks in and sorts by (spec: OrderBy.fieldName). */
type SearchField = 'firstName' | 'lastName' | 'extensionNumber' | 'phoneNumber' | 'email' | 'jobTitle' | 'department';

/** POST …/directory/entries/search (spec: SearchDirectoryEntriesRequest), the parts the emulator reads. */
interface DirectorySearch {
	searchString?: string;
	searchFields?: string[];
	showFederated?: boolean;
	extensionType?: string;
	extensionTypes?: string[];
	extensionStatuses?: string[];
	department?: string;
	siteIds?: string[];
	extensionIds?: string[];
	orderBy?: Array<{ index?: number; fieldName: SearchField; direction?: 'Asc' | 'Desc' }>;
	page?: number;
	perPage?: number;
}

interface DirectoryPhone {
	phoneNumber: string;
	formattedPhoneNumber: string;
	type: string;
	usageType: string;
	primary?: boolean;
}

interface DirectoryEntry {
	id: string;
	type: string;
	status: string;
	account?: { id: string; companyName: string; mainNumber: DirectoryPhone };
	extensionNumber: string;
	firstName?: string;
	lastName?: string;
	email?: string;
	department?: string;
	jobTitle?: string;
	name?: string;
	phoneNumbers: DirectoryPhone[];
	site: typeof COMPANY.site;
	hidden: boolean;
}

function initialContacts(state: State) {
	let nextId = FIRST_CONTACT_ID;
	/** extension id → contact id → contact */
	const books = new Map<string, Map<number, Contact>>();
	const adminBook = new Map<number, Contact>();
	for (const seed of SEED_CONTACTS) {
		const id = nextId;
		nextId += 1000;
		adminBook.set(id, { id, availability: 'Alive', ...seed });
	}
	books.set(state.ids.admin, adminBook);
	const patId = FIRST_CONTACT_ID;
	/** extension id → favorite records */
	const favorites = new Map<string, Favorite[]>([
		[
			state.ids.admin,
			[
				{ id: 1, extensionId: state.users[1], accountId: state.accountId },
				{ id: 2, extensionId: state.users[3], accountId: state.accountId },
				{ id: 3, contactId: String(patId) },
			],
		],
	]);
	return { books, favorites, nextId: () => (nextId += 1000) - 1000 };
}

function contactsState(ctx: HandlerContext) {
	return ctx.store('contacts', () => initialContacts(ctx.state));
}

/** The address book of the extension in the path, which only its owner (or an admin) may use. */
function bookOf(ctx: HandlerContext): { extensionId: string; book: Map<number, Contact> } {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	const { books } = contactsState(ctx);
	let book = books.get(extensionId);
	if (!book) {
		book = new Map();
		books.set(extensionId, book);
	}
	return { extensionId, book };
}

function contactUri(ctx: HandlerContext, extensionId: string, contactId: number | string): string {
	return `${ctx.baseUrl}${CONTACT_PATH.replace('{accountId}', ctx.state.accountId).replace('{extensionId}', extensionId)}/${contactId}`;
}

function contactResource(ctx: HandlerContext, extensionId: string, contact: Contact) {
	return { uri: contactUri(ctx, extensionId, contact.id), ...contact };
}

/**
 * A phone number as RingCentral stores it: E.164, or a national number of the dialing plan's
 * country (the extension's home country, US, by default).
 */
function e164(field: string, value: string, dialingPlan: string): string {
	const compact = String(value).replace(/[\s().-]/g, '');
	if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
	const countryCode = COUNTRY_CODES[dialingPlan];
	if (countryCode === '1' && /^1?\d{10}$/.test(compact)) return `+1${compact.slice(-10)}`;
	if (countryCode && /^0?\d{6,12}$/.test(compact)) return `+${countryCode}${compact.replace(/^0/, '')}`;
	throw errors.invalidParameter(field, `Phone number [${value}] is not valid for dialing plan ${dialingPlan}.`);
}

/** Request fields as stored: phones normalized; null (PATCH) removes a field. */
function contactFields(ctx: HandlerContext, body: unknown): Record<string, unknown> {
	const dialingPlan = String(ctx.query.dialingPlan ?? 'US').toUpperCase();
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body ?? {})) {
		if (value === null || value === undefined) fields[key] = null;
		// The spec types every phone field as a string.
		else if (PHONE_FIELDS.includes(key)) fields[key] = e164(key, value as string, dialingPlan);
		else fields[key] = value;
	}
	return fields;
}

function withoutNulls(contact: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== null && value !== undefined));
}

/** Contacts sort by these request values, names compared case-insensitively. */
const SORT_KEYS: Record<string, 'firstName' | 'lastName' | 'company' | undefined> = { FirstName: 'firstName', LastName: 'lastName', Company: 'company' };

function listContacts(ctx: HandlerContext): HandlerResult {
	const { extensionId, book } = bookOf(ctx);
	let records = [...book.values()];
	if (ctx.query.startsWith !== undefined) {
		const prefix = String(ctx.query.startsWith).toLowerCase();
		records = records.filter((c) => [c.firstName, c.lastName].some((name) => text(name).toLowerCase().startsWith(prefix)));
	}
	if (ctx.query.phoneNumber !== undefined) {
		const wanted = listOf(ctx.query.phoneNumber).map((n) => e164('phoneNumber', n, 'US'));
		records = records.filter((c) => PHONE_FIELDS.some((field) => wanted.some((number) => number === c[field])));
	}
	const sortBy = listOf(ctx.query.sortBy);
	if (sortBy.length) {
		records.sort((a, b) => {
			for (const sort of sortBy) {
				const key = SORT_KEYS[sort];
				const order = key === undefined ? 0 : text(a[key]).localeCompare(text(b[key]), 'en', { sensitivity: 'base' });
				if (order) return order;
			}
			return a.id - b.id;
		});
	}
	const page = pageOf(ctx, records.map((c) => contactResource(ctx, extensionId, c)), { maxPerPage: 1000 });
	return { body: { ...page, groups: { uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/address-book/group` } } };
}

/** A text field for comparing; a missing one compares as empty. */
function text(value: string | undefined): string {
	return String(value ?? '');
}

function createContact(ctx: HandlerContext): HandlerResult {
	const { extensionId, book } = bookOf(ctx);
	const fields = withoutNulls(contactFields(ctx, ctx.body));
	const id = contactsState(ctx).nextId();
	const contact: Contact = { id, availability: 'Alive', ...fields };
	book.set(id, contact);
	return { body: contactResource(ctx, extensionId, contact) };
}

type EachContact<T> = { single: true; body: T } | { single: false; parts: BatchPart[] };

/** The contacts named by the path (comma-separated ids answer as a 207 batch). */
function eachContact<T>(ctx: HandlerContext, act: (contact: Contact, book: Map<number, Contact>, extensionId: string) => T): EachContact<T> {
	const { extensionId, book } = bookOf(ctx);
	const ids = idList(ctx.params.contactId);
	const run = (raw: string) => {
		const contact = book.get(Number(raw));
		if (!contact) throw errors.notFound('contactId');
		return act(contact, book, extensionId);
	};
	if (ids.length === 1) return { single: true, body: run(ids[0]) };
	const parts = ids.map((raw): BatchPart => {
		const href = contactUri(ctx, extensionId, raw);
		try {
			return { href, status: 200, body: run(raw) };
		} catch (error) {
			if (!(error instanceof RcError)) throw error;
			return { href, status: error.status, body: error.toBody() };
		}
	});
	return { single: false, parts };
}

function readContact(ctx: HandlerContext): HandlerResult {
	const answer = eachContact(ctx, (contact, _book, extensionId) => contactResource(ctx, extensionId, contact));
	return answer.single ? { body: answer.body } : multipartMixed(answer.parts);
}

/** PUT replaces the whole contact; PATCH changes the fields sent (null removes one). */
function writeContact(partial: boolean) {
	return (ctx: HandlerContext): HandlerResult => {
		if (idList(ctx.params.contactId).length > 1) {
			throw errors.invalidParameter('contactId', 'Send one body per contact in a multipart request to update several contacts.');
		}
		const fields = contactFields(ctx, ctx.body);
		const answer = eachContact(ctx, (contact, book, extensionId) => {
			const updated = withoutNulls(partial ? { ...contact, ...fields } : { ...fields });
			// id and availability stay the stored ones, and come first.
			const stored: Contact = { id: contact.id, availability: 'Alive' };
			for (const [key, value] of Object.entries(updated)) if (key !== 'id' && key !== 'availability') stored[key] = value;
			book.set(contact.id, stored);
			return contactResource(ctx, extensionId, stored);
		});
		return { body: answer.single ? answer.body : undefined };
	};
}

function deleteContact(ctx: HandlerContext): HandlerResult {
	const { favorites } = contactsState(ctx);
	const answer = eachContact(ctx, (contact, book, extensionId) => {
		book.delete(contact.id);
		const list = favorites.get(extensionId);
		if (list) favorites.set(extensionId, list.filter((f) => f.contactId !== String(contact.id)));
		return {};
	});
	if (answer.single) return { status: 204 };
	return answer.parts.every((p) => p.status < 300) ? { status: 204 } : multipartMixed(answer.parts);
}

function favoritesOf(ctx: HandlerContext) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	return { extensionId, uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/favorite` };
}

function listFavorites(ctx: HandlerContext): HandlerResult {
	const { extensionId, uri } = favoritesOf(ctx);
	return { body: { uri, records: contactsState(ctx).favorites.get(extensionId) ?? [] } };
}

/** Replaces the whole list: every record names a company extension or one of the user's contacts. */
function updateFavorites(ctx: HandlerContext): HandlerResult {
	const { extensionId, uri } = favoritesOf(ctx);
	const { books, favorites } = contactsState(ctx);
	const book = books.get(extensionId) ?? new Map<number, Contact>();
	const request = ctx.body as FavoritesRequest | undefined;
	const records = (request?.records ?? []).map((record, index): Favorite => {
		const where = `records[${index}]`;
		if (record.extensionId !== undefined) {
			if (!ctx.state.extensions.has(String(record.extensionId))) throw new RcError(400, 'CMN-102', `Resource for parameter [${where}.extensionId] is not found`, { parameterName: `${where}.extensionId` });
			return { id: index + 1, extensionId: String(record.extensionId), accountId: ctx.state.accountId };
		}
		if (record.contactId !== undefined) {
			if (!book.has(Number(record.contactId))) throw new RcError(400, 'CMN-102', `Resource for parameter [${where}.contactId] is not found`, { parameterName: `${where}.contactId` });
			return { id: index + 1, contactId: String(record.contactId) };
		}
		throw errors.invalidParameter(where, 'Either extensionId or contactId is required.');
	});
	favorites.set(extensionId, records);
	return { body: { uri, records } };
}

/** The directory's view of an extension. */
function directoryEntry(ctx: HandlerContext, id: string, federated = true): DirectoryEntry {
	const person = personOf(ctx.state, id);
	if (!person) throw adgError(404, 'ADG-122', 'Contact not found.', ['entryId']);
	const { extension } = person;
	const type = USER_LIKE.has(extension.type) ? 'User' : extension.type;
	// Users, and only users, have a direct number.
	const isUser = person.directNumber !== undefined;
	const phoneNumbers = isUser
		? [{ phoneNumber: person.directNumber, formattedPhoneNumber: formatted(person.directNumber), type: 'VoiceFax', usageType: 'DirectNumber', primary: true }]
		: [];
	return {
		id,
		type,
		status: extension.status,
		...(federated
			? {
					account: {
						id: ctx.state.accountId,
						companyName: COMPANY.name,
						mainNumber: { phoneNumber: COMPANY.mainNumber, formattedPhoneNumber: formatted(COMPANY.mainNumber), type: 'VoiceFax', usageType: 'MainCompanyNumber' },
					},
				}
			: {}),
		extensionNumber: extension.extensionNumber,
		...(isUser
			? { firstName: person.firstName, lastName: person.lastName, email: person.email, department: person.department, jobTitle: person.jobTitle }
			: { name: extension.name }),
		phoneNumbers,
		site: COMPANY.site,
		hidden: false,
	};
}

/** Extensions the directory lists (not application extensions; enabled, disabled or not yet activated). */
function directoryIds(ctx: HandlerContext): string[] {
	return [...ctx.state.extensions.values()]
		.filter((e) => e.type !== 'ApplicationExtension' && ['Enabled', 'Disabled', 'NotActivated'].includes(e.status))
		.map((e) => String(e.id));
}

function adgError(status: number, code: string, message: string, [parameterName]: string[] = []): RcError {
	return new RcError(status, code, message, { parameterName, shape: 'errors' });
}

/**
 * page/perPage without navigation links (the directory's answer), perPage up to the service's
 * maximum, `max` (that maximum) or `all` (one page).
 */
function directoryPage(ctx: HandlerContext, records: DirectoryEntry[], paging: { page?: number | string | string[]; perPage?: number | string | string[] }) {
	const all = paging.perPage === 'all';
	const query: Query = {};
	for (const [key, value] of Object.entries({ page: paging.page, perPage: all ? 'max' : paging.perPage })) {
		if (value !== undefined) query[key] = typeof value === 'number' ? String(value) : value;
	}
	const maxPerPage = all ? Math.max(1, records.length) : DIRECTORY_MAX_PAGE;
	const page = pageOf({ ...ctx, query }, records, { maxPerPage, defaultPerPage: maxPerPage });
	return { paging: page.paging, records: page.records };
}

function listDirectoryEntries(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const federated = ctx.query.showFederated === undefined || flag(ctx.query.showFederated);
	let entries = directoryIds(ctx).map((id) => directoryEntry(ctx, id, federated));
	if (ctx.query.type !== undefined) entries = entries.filter((e) => e.type === ctx.query.type);
	if (ctx.query.typeGroup !== undefined) entries = entries.filter((e) => (e.type === 'User') === (ctx.query.typeGroup === 'User'));
	if (ctx.query.siteId !== undefined) entries = entries.filter((e) => e.site.id === ctx.query.siteId);
	return { body: directoryPage(ctx, entries, { page: ctx.query.page, perPage: ctx.query.perPage }) };
}

function readDirectoryEntry(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	if (!directoryIds(ctx).includes(ctx.params.entryId)) throw adgError(404, 'ADG-122', 'Contact not found.', ['entryId']);
	return { body: directoryEntry(ctx, ctx.params.entryId) };
}

const SEARCHABLE: readonly SearchField[] = ['firstName', 'lastName', 'extensionNumber', 'phoneNumber', 'email', 'jobTitle', 'department'];

const isSearchField = (field: string): field is SearchField => (SEARCHABLE as readonly string[]).includes(field);

/** The values of an entry a search field names (a user has one direct number). */
function valuesOf(entry: DirectoryEntry, field: SearchField): Array<string | undefined> {
	return field === 'phoneNumber' ? entry.phoneNumbers.map((p) => p.phoneNumber) : [entry[field]];
}

function searchDirectoryEntries(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const request: DirectorySearch = (ctx.body as DirectorySearch | undefined) ?? {};
	const federated = request.showFederated !== false;
	let entries = directoryIds(ctx).map((id) => directoryEntry(ctx, id, federated));
	if (request.searchString !== undefined) {
		const wanted = String(request.searchString).toLowerCase();
		if (wanted.length < 1) throw adgError(400, 'ADG-121', 'Parameter [searchString] is invalid. It must not be empty.', ['searchString']);
		const fields = request.searchFields?.length ? request.searchFields.filter(isSearchField) : SEARCHABLE;
		entries = entries.filter((entry) => fields.some((field) => valuesOf(entry, field).some((value) => text(value).toLowerCase().includes(wanted))));
	}
	const types = listOf(request.extensionType).concat(request.extensionTypes ?? []).map((t) => (USER_LIKE.has(t) ? 'User' : t));
	if (types.length) entries = entries.filter((e) => types.includes(e.type));
	const { extensionStatuses, siteIds, extensionIds } = request;
	if (extensionStatuses?.length) entries = entries.filter((e) => extensionStatuses.includes(e.status));
	if (request.department !== undefined) entries = entries.filter((e) => e.department === request.department);
	if (siteIds?.length) entries = entries.filter((e) => siteIds.includes(e.site.id));
	if (extensionIds?.length) entries = entries.filter((e) => extensionIds.includes(e.id));
	const orderBy = [...(request.orderBy ?? [])].sort((a, b) => (a.index ?? 1) - (b.index ?? 1));
	if (orderBy.length) {
		entries.sort((a, b) => {
			for (const order of orderBy) {
				const value = (entry: DirectoryEntry) =>
					text(order.fieldName === 'phoneNumber' ? (entry.phoneNumbers[0]?.phoneNumber ?? '') : (entry[order.fieldName] ?? entry.name ?? ''));
				const result = value(a).localeCompare(value(b), 'en', { sensitivity: 'base' });
				if (result) return order.direction === 'Desc' ? -result : result;
			}
			return 0;
		});
	}
	return { body: directoryPage(ctx, entries, { page: request.page, perPage: request.perPage }) };
}

export function routes(): Route[] {

	return [
		{ method: 'GET', path: CONTACT_PATH, operationId: 'listContacts', handler: listContacts },
		{ method: 'POST', path: CONTACT_PATH, operationId: 'createContact', handler: createContact },
		{ method: 'GET', path: `${CONTACT_PATH}/{contactId}`, operationId: 'readContact', handler: readContact },
		{ method: 'PUT', path: `${CONTACT_PATH}/{contactId}`, operationId: 'updateContact', handler: writeContact(false) },
		{ method: 'PATCH', path: `${CONTACT_PATH}/{contactId}`, operationId: 'patchContact', handler: writeContact(true) },
		{ method: 'DELETE', path: `${CONTACT_PATH}/{contactId}`, operationId: 'deleteContact', handler: deleteContact },
		{ method: 'GET', path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/favorite', operationId: 'listFavoriteContacts', handler: listFavorites },
		{ method: 'PUT', path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/favorite', operationId: 'updateFavoriteContactList', handler: updateFavorites },
		{ method: 'GET', path: '/restapi/v1.0/account/{accountId}/directory/entries', operationId: 'listDirectoryEntries', handler: listDirectoryEntries },
		{ method: 'GET', path: '/restapi/v1.0/account/{accountId}/directory/entries/{entryId}', operationId: 'readDirectoryEntry', handler: readDirectoryEntry },
		{ method: 'POST', path: '/restapi/v1.0/account/{accountId}/directory/entries/search', operationId: 'searchDirectoryEntries', handler: searchDirectoryEntries },
	];
}
