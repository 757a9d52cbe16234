/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { call, control, journal, mark } from './client';

let ids: { admin: string; supportQueue: string; salesQueue: string };
let users: string[];

beforeAll(async () => {
	const demo = await control('GET', '/demo');
	ids = demo.ids;
	users = demo.extensions.filter((e: any) => e.type === 'User').map((e: any) => e.id);
});

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Presence in real n8n with the %s credential', (auth) => {
	test('User Presence → Get', async () => {
		const since = await mark();
		const { status, body } = await call(`presence-get-${auth}`, { extensionId: users[3] });
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		expect(body[0]).toMatchObject({ telephonyStatus: 'CallConnected', extension: { id: Number(users[3]) } });
		const [request] = await journal(since, 'readUserPresenceStatus');
		expect(request).toMatchObject({ method: 'GET', query: { detailedTelephonyState: 'true' }, status: 200 });
		expect(request.token).toMatch(/^at-\d+$/);
	});

	test('User Presence → Get Many (35 ids → 2 batch requests, 35 items)', async () => {
		const wanted = [...users, ...users, ...users].slice(0, 35);
		const since = await mark();
		const { status, body } = await call(`presence-get-many-${auth}`, { extensionIds: wanted.join(',') });
		expect(status).toBe(200);
		expect(body).toHaveLength(35);
		expect(await journal(since, 'readUserPresenceStatus')).toHaveLength(2);
	});

	test('User Presence → Update, and a bad enum answered with CMN-101 on the item', async () => {
		const since = await mark();
		const updated = await call(`presence-update-${auth}`, { extensionId: users[6], userStatus: 'Busy', message: `set by ${auth}` });
		expect(updated.body[0]).toMatchObject({ userStatus: 'Busy', message: `set by ${auth}` });
		const [request] = await journal(since, 'updateUserPresenceStatus');
		expect(request.requestBody).toEqual({ userStatus: 'Busy', message: `set by ${auth}` });
		const refused = await call(`presence-update-${auth}`, { extensionId: users[6], userStatus: 'Lunch', message: 'x' });
		expect(refused.status).toBe(200);
		expect(refused.body[0].error).toContain('CMN-101');
		expect(refused.body[0]).toMatchObject({ details: { errorCode: 'CMN-101', parameterName: 'userStatus' } });
		const violations = await control('DELETE', '/violations');
		expect(violations).toHaveLength(1);
	});

	test('Account Presence → Get Many (Return All)', async () => {
		const demo = await control('GET', '/demo');
		const { body } = await call(`presence-account-${auth}`, {});
		expect(body).toHaveLength(demo.extensions.length);
	});

	test('Call Queue Presence → Get and Update', async () => {
		const read = await call(`presence-queue-get-${auth}`, { callQueueId: ids.supportQueue });
		// One item per member, like every other list.
		expect(read.body.length).toBeGreaterThan(1);
		const member = read.body[0].member.id;
		const since = await mark();
		const updated = await call(`presence-queue-update-${auth}`, { callQueueId: ids.supportQueue, memberId: member, accept: false });
		expect(updated.body.find((r: any) => r.member.id === member).acceptCurrentQueueCalls).toBe(false);
		const [request] = await journal(since, 'updateCallQueuePresence');
		expect(request.requestBody).toEqual({ records: [{ member: { id: member }, acceptCurrentQueueCalls: false }] });
		await call(`presence-queue-update-${auth}`, { callQueueId: ids.supportQueue, memberId: member, accept: true });
	});

	test('Agent Queue Presence → Get and Update', async () => {
		const read = await call(`presence-agent-get-${auth}`, {});
		expect(read.body[0].records.map((r: any) => r.callQueue.id)).toContain(ids.supportQueue);
		const updated = await call(`presence-agent-update-${auth}`, { callQueueId: ids.supportQueue, accept: false });
		expect(updated.body[0].records.find((r: any) => r.callQueue.id === ids.supportQueue).acceptCalls).toBe(false);
		await call(`presence-agent-update-${auth}`, { callQueueId: ids.supportQueue, accept: true });
	});

	test('Unified Presence → Get and Update', async () => {
		const updated = await call(`presence-unified-update-${auth}`, { glipAvailability: 'DND' });
		expect(updated.body[0]).toMatchObject({ status: 'DND', glip: { availability: 'DND' } });
		await call(`presence-unified-update-${auth}`, { glipAvailability: 'Available' });
		const read = await call(`presence-unified-get-${auth}`, {});
		expect(read.body[0].glip.availability).toBe('Available');
	});
});
