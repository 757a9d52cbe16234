/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { call, control, mark, requests } from './client';

/** Direct numbers of the demo company's first users (test/emulator/people.js): the admin signs in. */
const ADMIN_NUMBER = '+16505551001';
const COLLEAGUE_NUMBER = '+16505551002';

let users: string[];

beforeAll(async () => {
	const demo = await control('GET', '/demo');
	users = demo.extensions.filter((e: any) => e.type === 'User').map((e: any) => e.id);
});

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Messaging in real n8n with the %s credential', (auth) => {
	test('SMS → Send to a colleague and an outside number', async () => {
		const text = `Your order ships today (${auth})`;
		const since = await mark();
		const { status, body } = await call(`messaging-sms-${auth}`, { from: ADMIN_NUMBER, to: `${COLLEAGUE_NUMBER}, +1 (415) 555-0142`, text });
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		expect(body[0]).toMatchObject({
			id: expect.any(Number),
			type: 'SMS',
			direction: 'Outbound',
			subject: text,
			from: { phoneNumber: ADMIN_NUMBER },
			to: [expect.objectContaining({ phoneNumber: COLLEAGUE_NUMBER }), expect.objectContaining({ phoneNumber: '+14155550142' })],
		});
		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.path, r.status])).toEqual([['createSMSMessage', '/restapi/v1.0/account/~/extension/~/sms', 200]]);
		expect(sent[0].requestBody).toEqual({
			from: { phoneNumber: ADMIN_NUMBER },
			to: [{ phoneNumber: COLLEAGUE_NUMBER }, { phoneNumber: '+14155550142' }],
			text,
		});
	});

	test('SMS → Send from a number that is not the user\'s fails with MSG-304 on the item', async () => {
		const { status, body } = await call(`messaging-sms-${auth}`, { from: COLLEAGUE_NUMBER, to: '+14155550142', text: 'Not mine to send' });
		expect(status).toBe(200);
		expect(body[0]).toMatchObject({ details: { errorCode: 'MSG-304' } });
	});

	test('Message → Get Many with Return All reads a 1,500-message mailbox in two pages of 1,000', async () => {
		const owner = users[auth === 'jwt' ? users.length - 1 : users.length - 2];
		const filled = await control('POST', '/messages/fill', { extensionId: owner, count: 1500 });
		const dateFrom = new Date(Date.now() - 60 * 24 * 3600_000).toISOString();
		const since = await mark();
		const { status, body } = await call(`messaging-list-${auth}`, { extensionId: owner, dateFrom });
		expect(status).toBe(200);
		expect(body).toHaveLength(filled.messages);
		expect(new Set(body.map((m: any) => m.id)).size).toBe(filled.messages);
		expect(body.filter((m: any) => /^Message \d+ of 1500$/.test(m.subject ?? ''))).toHaveLength(1500);
		const times = body.map((m: any) => Date.parse(m.creationTime));
		expect(times).toEqual([...times].sort((a: number, b: number) => b - a));

		const pages = await requests(since);
		expect(pages.map((r: any) => [r.operationId, r.status, r.query.page, r.query.perPage])).toEqual([
			['listMessages', 200, undefined, '1000'],
			['listMessages', 200, '2', '1000'],
		]);
		expect(pages[0].path).toBe(`/restapi/v1.0/account/~/extension/${owner}/message-store`);
		expect(pages[0].query.dateFrom).toBe(dateFrom);
	});
});
