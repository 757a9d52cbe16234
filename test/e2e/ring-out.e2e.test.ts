/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { call, control, mark, requests } from './client';

/** The demo admin's direct number (test/emulator/people.js). */
const ADMIN_NUMBER = '+16505551001';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('RingOut in real n8n with the %s credential', (auth) => {
	test('RingOut Call → Create, Get Status as the call connects its legs, Cancel', async () => {
		const since = await mark();
		const created = await call(`ring-out-create-${auth}`, { from: '+1 650 555 1001', to: '+14155550142', callerId: ADMIN_NUMBER });
		expect(created.status).toBe(200);
		expect(created.body).toEqual([
			expect.objectContaining({ id: expect.any(String), status: { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' } }),
		]);
		const ringOutId = created.body[0].id;
		const [create] = await requests(since);
		expect(create).toMatchObject({ operationId: 'createRingOutCall', status: 200, path: '/restapi/v1.0/account/~/extension/~/ring-out' });
		expect(create.requestBody).toEqual({
			from: { phoneNumber: ADMIN_NUMBER },
			to: { phoneNumber: '+14155550142' },
			callerId: { phoneNumber: ADMIN_NUMBER },
			playPrompt: false,
		});

		const ringing = await call(`ring-out-status-${auth}`, { ringOutId });
		expect(ringing.body[0].status).toEqual({ callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' });
		const cancelled = await call(`ring-out-cancel-${auth}`, { ringOutId });
		expect(cancelled.body).toEqual([{ success: true }]);
		expect((await requests(since)).map((r: any) => [r.operationId, r.status])).toEqual([
			['createRingOutCall', 200],
			['readRingOutCallStatus', 200],
			['deleteRingOutCall', 204],
		]);
	});

	test('RingOut Call → Create with a caller ID that is not the account\'s fails on the item', async () => {
		const { status, body } = await call(`ring-out-create-${auth}`, { from: ADMIN_NUMBER, to: '+14155550142', callerId: '+14155550199' });
		expect(status).toBe(200);
		expect(body[0]).toMatchObject({ details: { errorCode: 'CMN-101', parameterName: 'callerId.phoneNumber' } });
	});
});
