/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { call, control, mark, requests } from './client';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Contacts in real n8n with the %s credential', (auth) => {
	test('Contact → Create, Get and Delete in one chain; a Get afterwards finds nothing', async () => {
		const person = { firstName: 'Ada', lastName: `Lovelace ${auth}`, email: `ada.${auth}@example.com`, mobilePhone: '+16505550142' };
		const since = await mark();
		const { status, body } = await call(`contacts-lifecycle-${auth}`, person);
		expect(status).toBe(200);
		expect(body.created).toMatchObject({ ...person, id: expect.any(Number) });
		expect(body.read).toMatchObject({ ...person, id: body.created.id });
		expect(body.deleted).toEqual({ success: true });

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.method, r.status])).toEqual([
			['createContact', 'POST', 200],
			['readContact', 'GET', 200],
			['deleteContact', 'DELETE', 204],
		]);
		const [create, read, remove] = sent;
		expect(create.requestBody).toEqual(person);
		expect(read.path).toMatch(new RegExp(`/address-book/contact/${body.created.id}$`));
		expect(remove.path).toBe(read.path);
		expect(new Set([create.token, read.token, remove.token]).size).toBe(1);

		const after = await mark();
		const gone = await call(`contacts-get-${auth}`, { contactId: String(body.created.id) });
		expect(gone.status).toBe(200);
		expect(gone.body[0]).toMatchObject({ details: { errorCode: 'CMN-102' } });
		expect((await requests(after)).map((r: any) => [r.operationId, r.status])).toEqual([['readContact', 404]]);
	});
});
