/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralContacts } from '../../nodes/RingCentralContacts/RingCentralContacts.node';
import { useRingCentral } from '../harness/ringcentral';

/** More users than one directory page (1,000) holds, so Return All has to turn pages. */
const USER_COUNT = 1005;
const PAT_CUSTOMER = 4011236004;

const rc = useRingCentral({
	nodeTypes: [RingCentralContacts],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: USER_COUNT, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralContacts', { accountId: '~', extensionId: '~' });

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const BOOK = '/restapi/v1.0/account/~/extension/~/address-book/contact';

describe.each<Auth>(['oAuth2', 'jwt'])('Contacts node with %s credentials', (auth) => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('Contact → Create, Get, Delete: the address book round trip', async () => {
		let since = mark();
		const created = await run(credential, {
			resource: 'contact',
			operation: 'create',
			contactFields: {
				firstName: 'Nora',
				lastName: `Lind ${auth}`,
				company: 'Hooli',
				email: 'nora.lind@hooli.example',
				mobilePhone: '(415) 555-0131',
				birthday: '1990-04-12T00:00:00',
				businessAddress: { address: { street: '1 Infinite Loop', city: 'Cupertino', state: 'CA', zip: '95014', country: 'US' } },
			},
			contactOptions: { dialingPlan: 'US' },
		});
		expect(created.error).toBeUndefined();
		const [createCall] = apiCalls(since);
		expect(createCall).toMatchObject({ method: 'POST', path: BOOK, operationId: 'createContact', query: { dialingPlan: 'US' }, status: 200 });
		expect(createCall.requestBody).toEqual({
			firstName: 'Nora',
			lastName: `Lind ${auth}`,
			company: 'Hooli',
			email: 'nora.lind@hooli.example',
			mobilePhone: '(415) 555-0131',
			birthday: '1990-04-12T00:00:00.000Z',
			businessAddress: { street: '1 Infinite Loop', city: 'Cupertino', state: 'CA', zip: '95014', country: 'US' },
		});
		const contact = created.items[0].json;
		expect(contact).toMatchObject({ availability: 'Alive', mobilePhone: '+14155550131', firstName: 'Nora' });
		expect(typeof contact.id).toBe('number');

		since = mark();
		const read = await run(credential, { resource: 'contact', operation: 'get', contactId: String(contact.id) });
		expect(read.error).toBeUndefined();
		expect(read.items[0].json).toEqual(contact);
		expect(apiCalls(since)[0]).toMatchObject({ method: 'GET', path: `${BOOK}/${contact.id}`, operationId: 'readContact' });

		since = mark();
		const deleted = await run(credential, { resource: 'contact', operation: 'delete', contactId: String(contact.id) });
		expect(deleted.error).toBeUndefined();
		expect(deleted.items).toEqual([expect.objectContaining({ json: { success: true } })]);
		expect(apiCalls(since)[0]).toMatchObject({ method: 'DELETE', operationId: 'deleteContact', status: 204 });

		const gone = await run(credential, { resource: 'contact', operation: 'get', contactId: String(contact.id) });
		expect(gone.error?.httpCode).toBe('404');
		expect(gone.error?.message).toContain('[CMN-102]');
		expect(gone.error?.message).toContain('field: contactId');
	});

	test('Contact → Get Many searches by name, sorts, and stops at the limit', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'contact',
			operation: 'getMany',
			returnAll: false,
			limit: 2,
			contactFilters: { startsWith: 'r' },
			sortBy: ['LastName', 'FirstName'],
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => `${i.json.firstName} ${i.json.lastName}`)).toEqual(['Riley Chen', 'Quinn Rivera']);
		const calls = apiCalls(since);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ startsWith: 'r', sortBy: ['LastName', 'FirstName'], perPage: '2' });
	});

	test('Directory Entry → Get Many with Return All turns pages at the largest page size', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'directoryEntry', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(rc.emulator.state.extensions.size);
		const calls = apiCalls(since, 'listDirectoryEntries');
		expect(calls.map((c: any) => c.query)).toEqual([{ perPage: 'max' }, { perPage: 'max', page: '2' }]);
		expect(result.items[0].json).toEqual({
			id: rc.emulator.state.ids.admin,
			type: 'User',
			status: 'Enabled',
			name: 'Alice Admin',
			extensionNumber: '101',
			email: 'alice.admin@acme-demo.example',
			phoneNumber: '+16505551001',
			department: 'Management',
			jobTitle: 'Office Administrator',
			site: 'Headquarters',
		});
	});
});

describe('Contacts node: every operation, bad input and pairing', () => {
	let oauth: Credential;
	let jwt: Credential;

	beforeAll(async () => {
		oauth = await connect('oAuth2');
		jwt = await connect('jwt');
	});

	test('Contact → Create refuses a phone number RingCentral cannot read, naming the field', async () => {
		const result = await run(oauth, { resource: 'contact', operation: 'create', contactFields: { firstName: 'Bad', mobilePhone: '555-01' } });
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toBe(
			'RingCentral answered 400: [CMN-101] Parameter [mobilePhone] value is invalid. Phone number [555-01] is not valid for dialing plan US. (field: mobilePhone)',
		);
	});

	test('Contact → Create with no field says what to add and sends nothing', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'contact', operation: 'create', contactFields: {} });
		expect(result.error?.message).toBe('Add at least one field under "Contact Fields"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Contact → Get Many by phone numbers sends them as repeated keys', async () => {
		const since = mark();
		const result = await run(jwt, {
			resource: 'contact',
			operation: 'getMany',
			returnAll: true,
			contactFilters: { phoneNumber: '+16505550123, +14155550142' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => i.json.lastName)).toEqual(['Customer', 'Rivera']);
		expect(apiCalls(since)[0].query).toEqual({ phoneNumber: ['+16505550123', '+14155550142'], perPage: '1000' });
	});

	test('Contact → Get Many with an unknown sort field is refused by RingCentral', async () => {
		const result = await run(jwt, { resource: 'contact', operation: 'getMany', returnAll: true, sortBy: '={{ ["Birthday"] }}' });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('sortBy');
		expect(result.error?.message).toContain('FirstName, LastName, Company');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ kind: 'request', operationId: 'listContacts' })]);
	});

	test('Contact → Update changes only the chosen fields; Replace clears the rest', async () => {
		const created = await run(oauth, {
			resource: 'contact',
			operation: 'create',
			contactFields: { firstName: 'Omar', lastName: 'Haddad', company: 'Soylent', notes: 'met at expo', businessPhone: '+13125550161' },
		});
		const id = String(created.items[0].json.id);

		let since = mark();
		const updated = await run(oauth, { resource: 'contact', operation: 'update', contactId: id, updateFields: { jobTitle: 'Buyer' } });
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ method: 'PATCH', operationId: 'patchContact', requestBody: { jobTitle: 'Buyer' } });
		expect(updated.items[0].json).toMatchObject({ firstName: 'Omar', company: 'Soylent', notes: 'met at expo', jobTitle: 'Buyer' });

		since = mark();
		const replaced = await run(oauth, { resource: 'contact', operation: 'replace', contactId: id, contactFields: { firstName: 'Omar', lastName: 'Haddad' } });
		expect(replaced.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ method: 'PUT', operationId: 'updateContact', requestBody: { firstName: 'Omar', lastName: 'Haddad' } });
		expect(replaced.items[0].json).not.toHaveProperty('company');
		expect(replaced.items[0].json).not.toHaveProperty('jobTitle');
		expect(replaced.items[0].json).toMatchObject({ id: Number(id), firstName: 'Omar', lastName: 'Haddad' });
	});

	test('Contact → Update of a contact that does not exist fails with CMN-102', async () => {
		const result = await run(oauth, { resource: 'contact', operation: 'update', contactId: '4011000000', updateFields: { notes: 'x' } });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toContain('[CMN-102] Resource for parameter [contactId] is not found');
	});

	test('Contact → Replace with an invalid email is refused, naming the field', async () => {
		const result = await run(oauth, {
			resource: 'contact',
			operation: 'replace',
			contactId: String(PAT_CUSTOMER),
			contactFields: { firstName: 'Pat', email: 'pat-at-globex' },
		});
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('(field: email)');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'updateContact' })]);
	});

	test('Contact → Delete of a colleague\'s contact is refused to a non-admin (403)', async () => {
		const colleague = await connect('jwt', users()[1]);
		const result = await run(colleague, {
			resource: 'contact',
			operation: 'delete',
			extensionId: rc.emulator.state.ids.admin,
			contactId: String(PAT_CUSTOMER),
		});
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('[CMN-404 / InsufficientPermissions] Attempt to access another extension');
	});

	test('Favorite → Get Many gives one item per favorite', async () => {
		const result = await run(oauth, { resource: 'favorite', operation: 'getMany' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => i.json)).toEqual([
			{ id: 1, extensionId: users()[1], accountId: rc.emulator.state.accountId },
			{ id: 2, extensionId: users()[3], accountId: rc.emulator.state.accountId },
			{ id: 3, contactId: String(PAT_CUSTOMER) },
		]);
	});

	test('Favorite → Get Many of an unknown extension fails with CMN-102', async () => {
		const result = await run(oauth, { resource: 'favorite', operation: 'getMany', extensionId: '123' });
		expect(result.error?.message).toContain('[CMN-102]');
		expect(result.error?.message).toContain('field: extensionId');
	});

	test('Favorite → Update replaces the whole list from rows picked in the dropdowns', async () => {
		const colleague = await connect('jwt', users()[5]);
		const extensions = await rc.engine.loadOptions({
			type: 'ringCentralContacts',
			parameters: { authentication: 'jwt', resource: 'favorite', operation: 'update', accountId: '~', extensionId: '~' },
			credential: colleague,
			loadOptions: 'getDirectoryExtensions',
		});
		// Users, and the fax user the directory reports as a User.
		expect(extensions).toHaveLength(USER_COUNT + 1);
		expect(extensions).toContainEqual({ name: 'Bob Baker (102)', value: users()[1] });
		expect(extensions).toContainEqual(expect.objectContaining({ name: 'Fax Line (402)' }));
		expect(extensions.map((o: any) => o.name)).toEqual([...extensions.map((o: any) => o.name)].sort((a, b) => a.localeCompare(b)));

		const own = await run(colleague, { resource: 'contact', operation: 'create', contactFields: { firstName: 'Gina', lastName: 'Lopez', company: 'Acme Catering' } });
		const contacts = await rc.engine.loadOptions({
			type: 'ringCentralContacts',
			parameters: { authentication: 'jwt', resource: 'favorite', operation: 'update', accountId: '~', extensionId: '~' },
			credential: colleague,
			loadOptions: 'getPersonalContacts',
		});
		expect(contacts).toEqual([{ name: 'Gina Lopez (Acme Catering)', value: String(own.items[0].json.id) }]);

		const since = mark();
		const result = await run(colleague, {
			resource: 'favorite',
			operation: 'update',
			favorites: {
				favorite: [
					{ kind: 'extension', extensionId: extensions.find((o: any) => o.name.startsWith('Carol Cole')).value },
					{ kind: 'contact', contactId: contacts[0].value },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({
			method: 'PUT',
			operationId: 'updateFavoriteContactList',
			requestBody: { records: [{ extensionId: users()[2] }, { contactId: contacts[0].value }] },
		});
		expect(result.items.map((i: any) => i.json)).toEqual([
			{ id: 1, extensionId: users()[2], accountId: rc.emulator.state.accountId },
			{ id: 2, contactId: contacts[0].value },
		]);
	});

	test('Favorite → Update names the incomplete row and sends nothing; RingCentral names an unknown extension', async () => {
		const since = mark();
		const incomplete = await run(oauth, { resource: 'favorite', operation: 'update', favorites: { favorite: [{ kind: 'contact', contactId: '' }] } });
		expect(incomplete.error?.message).toBe('Row 1: enter the personal contact');
		expect(apiCalls(since)).toHaveLength(0);

		const unknown = await run(oauth, { resource: 'favorite', operation: 'update', favorites: { favorite: [{ kind: 'extension', extensionId: '404' }] } });
		expect(unknown.error?.message).toContain('[CMN-102] Resource for parameter [records[0].extensionId] is not found');
	});

	test('Directory Entry → Get reads one entry; an unknown one is the ADG service\'s ADG-122', async () => {
		const queue = rc.emulator.state.ids.supportQueue;
		const read = await run(jwt, { resource: 'directoryEntry', operation: 'get', entryId: queue });
		expect(read.error).toBeUndefined();
		expect(read.items[0].json).toMatchObject({ id: queue, type: 'Department', name: 'Support Queue', extensionNumber: '200' });

		const missing = await run(jwt, { resource: 'directoryEntry', operation: 'get', entryId: '77' });
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.message).toBe('RingCentral answered 404: [ADG-122] Contact not found. (field: entryId)');
	});

	test('Directory Entry → Get Many with filters and a limit, raw when Simplify is off', async () => {
		const since = mark();
		const result = await run(oauth, {
			resource: 'directoryEntry',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			directoryFilters: { typeGroup: 'NonUser', showFederated: false },
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].query).toEqual({ typeGroup: 'NonUser', showFederated: 'false', perPage: '3' });
		expect(result.items.map((i: any) => i.json.name)).toEqual(['Support Queue', 'Sales Queue', 'Main Menu']);
		expect(result.items[0].json).not.toHaveProperty('account');
		expect(result.items[0].json.site).toEqual({ id: '8a3c0e21004', name: 'Headquarters', code: 'HQ' });
	});

	test('Directory Entry → Get Many with a type RingCentral does not know is refused', async () => {
		const result = await run(oauth, { resource: 'directoryEntry', operation: 'getMany', returnAll: true, directoryFilters: { type: '={{ "Robot" }}' } });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('field: type');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'listDirectoryEntries' })]);
	});

	test('Directory Entry → Search finds colleagues by text, sorted, with paging in the body', async () => {
		const since = mark();
		const result = await run(jwt, {
			resource: 'directoryEntry',
			operation: 'search',
			searchString: 'support',
			returnAll: false,
			limit: 10,
			searchOptions: { searchFields: ['department', 'jobTitle'], orderBy: 'firstName', sortDirection: 'Desc', extensionTypes: ['User'] },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({
			method: 'POST',
			operationId: 'searchDirectoryEntries',
			requestBody: {
				searchString: 'support',
				searchFields: ['department', 'jobTitle'],
				orderBy: [{ fieldName: 'firstName', direction: 'Desc' }],
				extensionTypes: ['User'],
				perPage: 10,
			},
		});
		expect(result.items).toHaveLength(10);
		const firstNames = result.items.map((i: any) => i.json.name.split(' ')[0]);
		expect(firstNames).toEqual([...firstNames].sort().reverse());
		for (const { json } of result.items) expect(`${json.department} ${json.jobTitle}`.toLowerCase()).toContain('support');
	});

	test('Directory Entry → Search with Return All pages through the body', async () => {
		const since = mark();
		const result = await run(jwt, { resource: 'directoryEntry', operation: 'search', searchString: 'acme-demo', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(USER_COUNT);
		expect(apiCalls(since).map((c: any) => [c.requestBody.page, c.requestBody.perPage])).toEqual([
			[undefined, 1000],
			[2, 1000],
		]);
	});

	test('Directory Entry → Search with an unknown sort field is refused, naming it', async () => {
		const result = await run(jwt, { resource: 'directoryEntry', operation: 'search', searchString: 'a', returnAll: true, searchOptions: { orderBy: '={{ "salary" }}' } });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('field: orderBy[0].fieldName');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'searchDirectoryEntries' })]);
	});

	test('continue on fail keeps each failed item paired with its input', async () => {
		const items = [{ json: { id: String(PAT_CUSTOMER) } }, { json: { id: '1' } }];
		const result = await run(oauth, { resource: 'contact', operation: 'get', contactId: '={{ $json.id }}' }, { items, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json.lastName).toBe('Customer');
		expect(result.items[1].json).toMatchObject({ details: { httpStatus: 404, errorCode: 'CMN-102', parameterName: 'contactId' } });
	});
});
