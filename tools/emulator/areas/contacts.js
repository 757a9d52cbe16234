/**
 * Contacts: each user's personal address book (create, read, full and partial update, delete,
 * batch ids, search by name or phone, sorting, page/perPage), favorites (read and replace the
 * whole list) and the company directory (directory/entries list, read and search). Directory
 * errors come from the ADG service: errors[] only, ADG codes.
 */
const { RcError, errors } = require('../errors');
const { idList, multipartMixed, pageOf } = require('../http-util');
const { COMPANY, formatted, personOf } = require('../people');
const { accountOf, assertMayEdit, extensionOf, flag } = require('./common');

const CONTACT_PATH = '/restapi/v1.0/account/{accountId}/extension/{extensionId}/address-book/contact';
const FIRST_CONTACT_ID = 4011236004;
const PHONE_FIELDS = [
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
const COUNTRY_CODES = /** @type {Record<string, string>} */ ({ US: '1', CA: '1', GB: '44', DE: '49', FR: '33', AU: '61' });
/** The largest page the directory service answers (its paging model caps perPage at 1000). */
const DIRECTORY_MAX_PAGE = 1000;
/** Types the directory reports as User. */
const USER_LIKE = new Set(['User', 'DigitalUser', 'VirtualUser', 'FaxUser']);

/** The admin's address book: customers and suppliers a small company calls. */
const SEED_CONTACTS = [
	{ firstName: 'Pat', lastName: 'Customer', company: 'Globex Corp', jobTitle: 'Procurement Lead', email: 'pat.customer@globex.example', mobilePhone: '+16505550123', businessPhone: '+16505550124' },
	{ firstName: 'Quinn', lastName: 'Rivera', company: 'Initech', jobTitle: 'CTO', email: 'quinn.rivera@initech.example', businessPhone: '+14155550142' },
	{ firstName: 'Riley', lastName: 'Chen', company: 'Globex Corp', jobTitle: 'Accounts Payable', email: 'riley.chen@globex.example', businessPhone: '+16505550177' },
	{ firstName: 'Sam', lastName: 'Patel', company: 'Umbrella Health', jobTitle: 'Office Manager', mobilePhone: '+12125550188' },
	{ firstName: 'Taylor', lastName: 'Brooks', company: 'Stark Logistics', jobTitle: 'Dispatcher', businessPhone: '+13125550110', businessAddress: { street: '200 W Madison St', city: 'Chicago', state: 'IL', zip: '60606', country: 'US' } },
	{ firstName: 'Uma', lastName: 'Schmidt', company: 'Wayne Foods', jobTitle: 'Buyer', businessPhone: '+493055501010', email: 'uma.schmidt@waynefoods.example' },
	{ firstName: 'Victor', lastName: 'Nguyen', company: 'Initech', jobTitle: 'Developer', businessPhone: '+14155550199' },
	{ firstName: 'Wendy', lastName: 'Okafor', mobilePhone: '+16465550175', notes: 'Caterer for team events' },
];

/** @param {any} state */
function initialContacts(state) {
	let nextId = FIRST_CONTACT_ID;
	/** @type {Map<string, Map<number, any>>} extension id → contact id → contact */
	const books = new Map();
	const adminBook = new Map();
	for (const seed of SEED_CONTACTS) {
		const id = nextId;
		nextId += 1000;
		adminBook.set(id, { id, availability: 'Alive', ...seed });
	}
	books.set(state.ids.admin, adminBook);
	const patId = FIRST_CONTACT_ID;
	/** @type {Map<string, any[]>} extension id → favorite records */
	const favorites = new Map([
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

/** @param {import('../server').HandlerContext} ctx */
function contactsState(ctx) {
	return ctx.store('contacts', () => initialContacts(ctx.state));
}

/** The address book of the extension in the path, which only its owner (or an admin) may use. */
function bookOf(/** @type {import('../server').HandlerContext} */ ctx) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	const { books } = contactsState(ctx);
	if (!books.has(extensionId)) books.set(extensionId, new Map());
	return { extensionId, book: /** @type {Map<number, any>} */ (books.get(extensionId)) };
}

/** @param {import('../server').HandlerContext} ctx @param {string} extensionId @param {any} contact */
function contactResource(ctx, extensionId, contact) {
	return { uri: `${ctx.baseUrl}${CONTACT_PATH.replace('{accountId}', ctx.state.accountId).replace('{extensionId}', extensionId)}/${contact.id}`, ...contact };
}

/**
 * A phone number as RingCentral stores it: E.164, or a national number of the dialing plan's
 * country (the extension's home country, US, by default).
 * @param {string} field @param {string} value @param {string} dialingPlan
 */
function e164(field, value, dialingPlan) {
	const compact = String(value).replace(/[\s().-]/g, '');
	if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
	const countryCode = COUNTRY_CODES[dialingPlan];
	if (countryCode === '1' && /^1?\d{10}$/.test(compact)) return `+1${compact.slice(-10)}`;
	if (countryCode && /^0?\d{6,12}$/.test(compact)) return `+${countryCode}${compact.replace(/^0/, '')}`;
	throw errors.invalidParameter(field, `Phone number [${value}] is not valid for dialing plan ${dialingPlan}.`);
}

/** Request fields as stored: phones normalized; null (PATCH) removes a field. @param {import('../server').HandlerContext} ctx */
function contactFields(ctx, /** @type {any} */ body) {
	const dialingPlan = String(ctx.query.dialingPlan ?? 'US').toUpperCase();
	/** @type {Record<string, any>} */
	const fields = {};
	for (const [key, value] of Object.entries(body ?? {})) {
		if (value === null || value === undefined) fields[key] = null;
		else if (PHONE_FIELDS.includes(key)) fields[key] = e164(key, value, dialingPlan);
		else fields[key] = value;
	}
	return fields;
}

/** @param {Record<string, any>} contact */
function withoutNulls(contact) {
	return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== null && value !== undefined));
}

/** @param {import('../server').HandlerContext} ctx */
function listContacts(ctx) {
	const { extensionId, book } = bookOf(ctx);
	let records = [...book.values()];
	if (ctx.query.startsWith !== undefined) {
		const prefix = String(ctx.query.startsWith).toLowerCase();
		records = records.filter((c) => [c.firstName, c.lastName].some((name) => String(name ?? '').toLowerCase().startsWith(prefix)));
	}
	if (ctx.query.phoneNumber !== undefined) {
		const wanted = /** @type {string[]} */ ([].concat(ctx.query.phoneNumber)).map((n) => e164('phoneNumber', n, 'US'));
		records = records.filter((c) => PHONE_FIELDS.some((field) => wanted.includes(c[field])));
	}
	const sortBy = /** @type {string[]} */ ([].concat(ctx.query.sortBy ?? []));
	if (sortBy.length) {
		const keyOf = { FirstName: 'firstName', LastName: 'lastName', Company: 'company' };
		records.sort((a, b) => {
			for (const sort of sortBy) {
				const key = keyOf[/** @type {keyof typeof keyOf} */ (sort)];
				const order = String(a[key] ?? '').localeCompare(String(b[key] ?? ''), 'en', { sensitivity: 'base' });
				if (order) return order;
			}
			return a.id - b.id;
		});
	}
	const page = pageOf(ctx, records.map((c) => contactResource(ctx, extensionId, c)), { maxPerPage: 1000 });
	return { body: { ...page, groups: { uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/address-book/group` } } };
}

/** @param {import('../server').HandlerContext} ctx */
function createContact(ctx) {
	const { extensionId, book } = bookOf(ctx);
	const fields = withoutNulls(contactFields(ctx, ctx.body));
	const id = contactsState(ctx).nextId();
	const contact = { id, availability: 'Alive', ...fields };
	book.set(id, contact);
	return { body: contactResource(ctx, extensionId, contact) };
}

/** The contacts named by the path (comma-separated ids answer as a 207 batch). @param {import('../server').HandlerContext} ctx */
function eachContact(ctx, /** @type {(contact: any, book: Map<number, any>, extensionId: string) => any} */ act) {
	const { extensionId, book } = bookOf(ctx);
	const ids = idList(ctx.params.contactId);
	const run = (/** @type {string} */ raw) => {
		const contact = book.get(Number(raw));
		if (!contact) throw errors.notFound('contactId');
		return act(contact, book, extensionId);
	};
	if (ids.length === 1) return { single: true, body: run(ids[0]) };
	const parts = ids.map((raw) => {
		const href = `${ctx.baseUrl}${CONTACT_PATH.replace('{accountId}', ctx.state.accountId).replace('{extensionId}', extensionId)}/${raw}`;
		try {
			return { href, status: 200, body: run(raw) };
		} catch (error) {
			if (!(error instanceof RcError)) throw error;
			return { href, status: error.status, body: error.toBody() };
		}
	});
	return { single: false, parts };
}

/** @param {import('../server').HandlerContext} ctx */
function readContact(ctx) {
	const answer = eachContact(ctx, (contact, _book, extensionId) => contactResource(ctx, extensionId, contact));
	return answer.single ? { body: answer.body } : multipartMixed(/** @type {any} */ (answer.parts));
}

/** PUT replaces the whole contact; PATCH changes the fields sent (null removes one). @param {boolean} partial */
function writeContact(partial) {
	return (/** @type {import('../server').HandlerContext} */ ctx) => {
		if (idList(ctx.params.contactId).length > 1) {
			throw errors.invalidParameter('contactId', 'Send one body per contact in a multipart request to update several contacts.');
		}
		const fields = contactFields(ctx, ctx.body);
		const answer = eachContact(ctx, (contact, book, extensionId) => {
			const updated = withoutNulls(partial ? { ...contact, ...fields } : { ...fields });
			const stored = { ...updated, id: contact.id, availability: 'Alive' };
			const ordered = { id: stored.id, availability: stored.availability, ...stored };
			book.set(contact.id, ordered);
			return contactResource(ctx, extensionId, ordered);
		});
		return { body: answer.body };
	};
}

/** @param {import('../server').HandlerContext} ctx */
function deleteContact(ctx) {
	const { favorites } = contactsState(ctx);
	const answer = eachContact(ctx, (contact, book, extensionId) => {
		book.delete(contact.id);
		const list = favorites.get(extensionId);
		if (list) favorites.set(extensionId, list.filter((f) => f.contactId !== String(contact.id)));
		return {};
	});
	if (answer.single) return { status: 204 };
	const parts = /** @type {any[]} */ (answer.parts);
	return parts.every((p) => p.status < 300) ? { status: 204 } : multipartMixed(parts);
}

/** @param {import('../server').HandlerContext} ctx */
function favoritesOf(ctx) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	return { extensionId, uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/favorite` };
}

/** @param {import('../server').HandlerContext} ctx */
function listFavorites(ctx) {
	const { extensionId, uri } = favoritesOf(ctx);
	return { body: { uri, records: contactsState(ctx).favorites.get(extensionId) ?? [] } };
}

/** Replaces the whole list: every record names a company extension or one of the user's contacts. @param {import('../server').HandlerContext} ctx */
function updateFavorites(ctx) {
	const { extensionId, uri } = favoritesOf(ctx);
	const { books, favorites } = contactsState(ctx);
	const book = books.get(extensionId) ?? new Map();
	const records = /** @type {any[]} */ (ctx.body?.records ?? []).map((record, index) => {
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

/** The directory's view of an extension. @param {import('../server').HandlerContext} ctx @param {string} id @param {boolean} [federated] */
function directoryEntry(ctx, id, federated = true) {
	const person = /** @type {any} */ (personOf(ctx.state, id));
	const { extension } = person;
	const type = USER_LIKE.has(extension.type) ? 'User' : extension.type;
	const isUser = extension.type === 'User';
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

/** Extensions the directory lists (not application extensions; enabled, disabled or not yet activated). @param {import('../server').HandlerContext} ctx */
function directoryIds(ctx) {
	return [...ctx.state.extensions.values()]
		.filter((e) => e.type !== 'ApplicationExtension' && ['Enabled', 'Disabled', 'NotActivated'].includes(e.status))
		.map((e) => String(e.id));
}

function adgError(/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ message, /** @type {string} */ [parameterName] = []) {
	return new RcError(status, code, message, { parameterName, shape: 'errors' });
}

/**
 * page/perPage without navigation links (the directory's answer), perPage up to the service's
 * maximum, `max` (that maximum) or `all` (one page).
 * @param {import('../server').HandlerContext} ctx @param {any[]} records @param {{ page?: any, perPage?: any }} paging
 */
function directoryPage(ctx, records, paging) {
	const all = paging.perPage === 'all';
	const query = { page: paging.page, perPage: all ? 'max' : paging.perPage };
	const maxPerPage = all ? Math.max(1, records.length) : DIRECTORY_MAX_PAGE;
	const page = pageOf({ ...ctx, query: Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) }, records, {
		maxPerPage,
		defaultPerPage: maxPerPage,
	});
	return { paging: page.paging, records: page.records };
}

/** @param {import('../server').HandlerContext} ctx */
function listDirectoryEntries(ctx) {
	accountOf(ctx);
	const federated = ctx.query.showFederated === undefined || flag(ctx.query.showFederated);
	let entries = directoryIds(ctx).map((id) => directoryEntry(ctx, id, federated));
	if (ctx.query.type !== undefined) entries = entries.filter((e) => e.type === ctx.query.type);
	if (ctx.query.typeGroup !== undefined) entries = entries.filter((e) => (e.type === 'User') === (ctx.query.typeGroup === 'User'));
	if (ctx.query.siteId !== undefined) entries = entries.filter((e) => e.site.id === ctx.query.siteId);
	return { body: directoryPage(ctx, entries, { page: ctx.query.page, perPage: ctx.query.perPage }) };
}

/** @param {import('../server').HandlerContext} ctx */
function readDirectoryEntry(ctx) {
	accountOf(ctx);
	if (!directoryIds(ctx).includes(ctx.params.entryId)) throw adgError(404, 'ADG-122', 'Contact not found.', ['entryId']);
	return { body: directoryEntry(ctx, ctx.params.entryId) };
}

const SEARCHABLE = ['firstName', 'lastName', 'extensionNumber', 'phoneNumber', 'email', 'jobTitle', 'department'];

/** @param {import('../server').HandlerContext} ctx */
function searchDirectoryEntries(ctx) {
	accountOf(ctx);
	const request = ctx.body ?? {};
	const federated = request.showFederated !== false;
	let entries = directoryIds(ctx).map((id) => directoryEntry(ctx, id, federated));
	if (request.searchString !== undefined) {
		const text = String(request.searchString).toLowerCase();
		if (text.length < 1) throw adgError(400, 'ADG-121', 'Parameter [searchString] is invalid. It must not be empty.', ['searchString']);
		const fields = request.searchFields?.length ? request.searchFields.filter((/** @type {string} */ f) => SEARCHABLE.includes(f)) : SEARCHABLE;
		entries = entries.filter((entry) =>
			fields.some((/** @type {string} */ field) => {
				const values = field === 'phoneNumber' ? entry.phoneNumbers.map((p) => p.phoneNumber) : [/** @type {any} */ (entry)[field]];
				return values.some((value) => String(value ?? '').toLowerCase().includes(text));
			}),
		);
	}
	const types = [].concat(request.extensionType ?? [], request.extensionTypes ?? []).map((t) => (USER_LIKE.has(t) ? 'User' : t));
	if (types.length) entries = entries.filter((e) => types.includes(e.type));
	if (request.extensionStatuses?.length) entries = entries.filter((e) => request.extensionStatuses.includes(e.status));
	if (request.department !== undefined) entries = entries.filter((e) => /** @type {any} */ (e).department === request.department);
	if (request.siteIds?.length) entries = entries.filter((e) => request.siteIds.includes(e.site.id));
	if (request.extensionIds?.length) entries = entries.filter((e) => request.extensionIds.includes(e.id));
	const orderBy = [...(request.orderBy ?? [])].sort((a, b) => (a.index ?? 1) - (b.index ?? 1));
	if (orderBy.length) {
		entries.sort((a, b) => {
			for (const order of orderBy) {
				const value = (/** @type {any} */ entry) =>
					String(order.fieldName === 'phoneNumber' ? entry.phoneNumbers[0]?.phoneNumber ?? '' : entry[order.fieldName] ?? entry.name ?? '');
				const result = value(a).localeCompare(value(b), 'en', { sensitivity: 'base' });
				if (result) return order.direction === 'Desc' ? -result : result;
			}
			return 0;
		});
	}
	return { body: directoryPage(ctx, entries, { page: request.page, perPage: request.perPage }) };
}

/** @returns {import('../server').Route[]} */
function routes() {
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

module.exports = { routes };
