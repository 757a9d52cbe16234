/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { call, control, journal, mark, requests } from './client';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Video in real n8n with the %s credential', (auth) => {
	test('Meeting Bridge → Create and Get: the join link carries the web PIN and the password; Delete removes it', async () => {
		const since = await mark();
		const { status, body } = await call(`video-bridge-${auth}`, { name: `Weekly sync (${auth})`, password: 'Secret42' });
		expect(status).toBe(200);
		const { created, read } = body;
		expect(created).toMatchObject({
			name: `Weekly sync (${auth})`,
			type: 'Scheduled',
			security: { passwordProtected: true, password: { plainText: 'Secret42' } },
			preferences: { join: { waitingRoomRequired: 'GuestsOnly' } },
		});
		expect(created.pins.web).toMatch(/^\d+$/);
		expect(created.discovery.web).toBe(`https://v.ringcentral.com/join/${created.pins.web}?pw=${created.security.password.joinQuery}`);
		expect(read).toEqual(created);

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.status])).toEqual([
			['createBridge', 201],
			['getBridge', 200],
		]);
		expect(sent[0].path).toMatch(/^\/rcvideo\/v2\/account\/~\/extension\/~\/bridges$/);
		expect(sent[0].requestBody).toEqual({
			name: `Weekly sync (${auth})`,
			type: 'Scheduled',
			security: { passwordProtected: true, password: 'Secret42' },
			preferences: { join: { waitingRoomRequired: 'GuestsOnly' } },
		});
		expect(sent[1].path).toBe(`/rcvideo/v2/bridges/${created.id}`);

		const removed = await call(`video-bridge-delete-${auth}`, { bridgeId: created.id });
		expect(removed.body).toEqual([{ success: true }]);
		const again = await call(`video-bridge-delete-${auth}`, { bridgeId: created.id });
		expect(again.body[0].error).toBeDefined();
		expect((await requests(since)).filter((r: any) => r.operationId === 'deleteBridge').map((r: any) => r.status)).toEqual([204, 404]);
	});

	test('Meeting Bridge → End Meeting explains its retirement on the item (continue on fail) and sends nothing', async () => {
		const since = await mark();
		const { status, body } = await call(`video-end-meeting-${auth}`, {});
		expect(status).toBe(200);
		expect(body).toEqual([
			{
				error: expect.stringContaining('Ending a meeting is no longer possible through the RingCentral API'),
				details: { retiredEndpoint: 'POST /restapi/v1.0/account/{accountId}/extension/{extensionId}/meeting/{meetingId}/end' },
			},
		]);
		expect(body[0].error).toContain('RingCentral Video offers no replacement');
		expect(await journal(since)).toEqual([]);
	});
});
