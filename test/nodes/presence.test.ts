/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { sleep } from 'n8n-workflow';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralPresence } from '../../nodes/RingCentralPresence/RingCentralPresence.node';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralPresence],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 60, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };
/** A JWT whose signature the emulator did not make. */
const FORGED_JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxIn0', 'forged-signature'].join('.');

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId);

const run = rc.runner('ringCentralPresence');

/** API requests (OAuth endpoints excluded) recorded since `since`. */
function apiCalls(since: number, operationId?: string) {
	return rc.emulator
		.journal({ since, operationId })
		.filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const idOfType = (type: string) =>
	[...rc.emulator.state.extensions.values()].find((e: { type: string }) => e.type === type).id as string;

describe.each<Auth>(['oAuth2', 'jwt'])('Presence node with %s credentials', (auth) => {
	let credential: { type: string; id: string };

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('User Presence → Get reads the signed-in user with detailed telephony', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			extension: { id: Number(rc.emulator.state.ids.admin), extensionNumber: '101' },
			presenceStatus: 'Available',
			userStatus: 'Available',
			dndStatus: 'TakeAllCalls',
			telephonyStatus: 'NoCall',
		});
		const [call] = apiCalls(since);
		expect(call).toMatchObject({
			method: 'GET',
			path: '/restapi/v1.0/account/~/extension/~/presence',
			operationId: 'readUserPresenceStatus',
			query: {},
			status: 200,
		});
		expect(call.token).toMatch(/^at-\d+$/);
	});

	test('User Presence → Get with detailed telephony and SIP data shows the active call', async () => {
		const onCall = users()[3];
		const since = mark();
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'get',
			accountId: '~',
			extensionId: onCall,
			presenceOptions: { detailedTelephonyState: true, sipData: true },
		});
		expect(result.error).toBeUndefined();
		const presence = result.items[0].json;
		expect(presence).toMatchObject({ presenceStatus: 'Busy', telephonyStatus: 'CallConnected' });
		expect(presence.activeCalls).toHaveLength(1);
		expect(presence.activeCalls[0]).toMatchObject({ direction: 'Inbound', queueCall: true, sipData: { toTag: 'totag-81be' } });
		expect(apiCalls(since)[0].query).toEqual({ detailedTelephonyState: 'true', sipData: 'true' });
	});

	test('User Presence → Get of a non-user extension reads Offline without telephony fields', async () => {
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'get',
			accountId: '~',
			extensionId: idOfType('IvrMenu'),
		});
		expect(result.error).toBeUndefined();
		const presence = result.items[0].json;
		expect(presence.presenceStatus).toBe('Offline');
		for (const absent of ['telephonyStatus', 'message', 'userStatus', 'dndStatus']) expect(presence).not.toHaveProperty(absent);
	});

	test('User Presence → Update sends exactly the chosen fields and returns the new presence', async () => {
		const target = users()[5];
		const since = mark();
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'update',
			accountId: '~',
			extensionId: target,
			updateFields: { userStatus: 'Busy', dndStatus: 'DoNotAcceptAnyCalls', message: 'In a workshop', ringOnMonitoredCall: true },
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'PUT', operationId: 'updateUserPresenceStatus', status: 200 });
		expect(call.requestBody).toEqual({
			userStatus: 'Busy',
			dndStatus: 'DoNotAcceptAnyCalls',
			message: 'In a workshop',
			ringOnMonitoredCall: true,
		});
		expect(result.items[0].json).toMatchObject({ presenceStatus: 'Busy', userStatus: 'Busy', message: 'In a workshop' });
		const reread = await run(credential, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: target });
		expect(reread.items[0].json).toMatchObject({ dndStatus: 'DoNotAcceptAnyCalls', ringOnMonitoredCall: true });
	});

	test('User Presence → Update with an invalid enum fails with CMN-101 naming the field', async () => {
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			updateFields: { userStatus: '={{ "OnVacation" }}' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('userStatus');
		expect(result.error?.message).toContain('Offline, Busy, Available');
		const violations = rc.emulator.takeViolations();
		expect(violations).toHaveLength(1);
		expect(violations[0]).toMatchObject({ kind: 'request', operationId: 'updateUserPresenceStatus' });
	});

	test('User Presence → Update without any field says what to add and sends nothing', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'userPresence', operation: 'update', accountId: '~', extensionId: '~' });
		expect(result.error?.message).toContain('Update Fields');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('User Presence → Update of an IVR menu is refused by RingCentral', async () => {
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'update',
			accountId: '~',
			extensionId: idOfType('IvrMenu'),
			updateFields: { userStatus: 'Available' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('IvrMenu');
	});

	test('User Presence → Get of an unknown extension fails with CMN-102', async () => {
		const result = await run(credential, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '999' });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('extensionId');
		expect(result.error?.httpCode).toBe('404');
	});

	test('User Presence → Get Many reads any number of ids in batches of 30, one item per id', async () => {
		const known = [...rc.emulator.state.extensions.keys()] as string[];
		const ids = [...known, '111', '222'];
		const since = mark();
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'getMany',
			accountId: '~',
			extensionIds: ids.join(', '),
		});
		expect(result.error).toBeUndefined();
		const calls = apiCalls(since);
		expect(calls).toHaveLength(Math.ceil(ids.length / 30));
		for (const call of calls) {
			const batch = call.path.split('/')[6].split(',');
			expect(batch.length).toBeLessThanOrEqual(30);
			expect(call.status).toBe(207);
		}
		expect(result.items).toHaveLength(ids.length);
		result.items.slice(0, known.length).forEach((item: any, index: number) => {
			expect(String(item.json.extension.id)).toBe(known[index]);
			expect(item.pairedItem).toEqual({ item: 0 });
		});
		expect(result.items[known.length].json).toEqual({
			error: 'Extension ID 111: RingCentral answered 404: [CMN-102] Resource for parameter [extensionId] is not found (field: extensionId)',
			details: {
				extensionId: '111',
				httpStatus: 404,
				errorCode: 'CMN-102',
				message: 'Resource for parameter [extensionId] is not found',
				parameterName: 'extensionId',
				hint: 'RingCentral has no extension with this ID (extensionId) that the signed-in user can reach. Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
			},
		});
	});

	test('User Presence → Get Many keeps a batch whose last chunk is one unknown id (31 ids)', async () => {
		const known = users().slice(0, 30);
		const since = mark();
		const result = await run(credential, {
			resource: 'userPresence',
			operation: 'getMany',
			accountId: '~',
			extensionIds: [...known, '313131'].join(','),
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since).map((call: any) => call.status)).toEqual([207, 404]);
		expect(result.items).toHaveLength(31);
		expect(result.items.slice(0, 30).map((item: any) => String(item.json.extension.id))).toEqual(known);
		expect(result.items[30].json).toMatchObject({
			error: expect.stringContaining('Extension ID 313131: RingCentral answered 404: [CMN-102]'),
			details: { extensionId: '313131', httpStatus: 404, errorCode: 'CMN-102' },
		});
		expect(result.items.every((item: any) => item.pairedItem?.item === 0)).toBe(true);
	});

	test('Account Presence → Get Many with a limit asks for exactly that page size', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'accountPresence',
			operation: 'getMany',
			accountId: '~',
			returnAll: false,
			limit: 7,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(7);
		const calls = apiCalls(since);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toEqual({ perPage: '7' });
	});

	test('Account Presence → Get Many with Return All takes every extension, non-users as Offline', async () => {
		const result = await run(credential, {
			resource: 'accountPresence',
			operation: 'getMany',
			accountId: '~',
			returnAll: true,
			accountPresenceOptions: { detailedTelephonyState: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(rc.emulator.state.extensions.size);
		const queue = result.items.find((i: any) => String(i.json.extension.id) === rc.emulator.state.ids.supportQueue);
		expect(queue.json).toEqual(expect.objectContaining({ presenceStatus: 'Offline' }));
		expect(queue.json).not.toHaveProperty('telephonyStatus');
	});

	test('Call Queue Presence → Get and Update', async () => {
		const queueId = rc.emulator.state.ids.supportQueue;
		const read = await run(credential, { resource: 'callQueuePresence', operation: 'get', accountId: '~', callQueueId: queueId });
		expect(read.error).toBeUndefined();
		expect(read.items).toHaveLength(4);
		expect(read.items.map((item: any) => Object.keys(item.json).sort())).toEqual(
			read.items.map(() => ['acceptCurrentQueueCalls', 'acceptQueueCalls', 'member']),
		);
		const member = users()[1];
		const since = mark();
		const updated = await run(credential, {
			resource: 'callQueuePresence',
			operation: 'update',
			accountId: '~',
			callQueueId: queueId,
			members: { member: [{ memberId: member, acceptCurrentQueueCalls: false }] },
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({ records: [{ member: { id: member }, acceptCurrentQueueCalls: false }] });
		expect(updated.items).toHaveLength(4);
		const record = updated.items.find((item: any) => item.json.member.id === member).json;
		expect(record.acceptCurrentQueueCalls).toBe(false);
	});

	test('Call Queue Presence → Update of a non-member names the row in the error', async () => {
		const result = await run(credential, {
			resource: 'callQueuePresence',
			operation: 'update',
			accountId: '~',
			callQueueId: rc.emulator.state.ids.supportQueue,
			members: { member: [{ memberId: users()[40], acceptCurrentQueueCalls: true }] },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('records[0].member.id');
	});

	test('Call Queue Presence → Get of an unknown queue fails with CMN-102', async () => {
		const result = await run(credential, { resource: 'callQueuePresence', operation: 'get', accountId: '~', callQueueId: '42' });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('groupId');
	});

	test('Agent Queue Presence → Get (all and editable only) and Update', async () => {
		const all = await run(credential, { resource: 'agentQueuePresence', operation: 'get', accountId: '~', extensionId: '~' });
		expect(all.error).toBeUndefined();
		expect(all.items[0].json.records.map((r: any) => r.callQueue.name).sort()).toEqual(['Sales Queue', 'Support Queue']);
		const since = mark();
		const editable = await run(credential, {
			resource: 'agentQueuePresence',
			operation: 'get',
			accountId: '~',
			extensionId: '~',
			agentQueueFilters: { editableMemberStatus: true },
		});
		expect(apiCalls(since)[0].query).toEqual({ editableMemberStatus: 'true' });
		expect(editable.items[0].json.records.map((r: any) => r.callQueue.name)).toEqual(['Support Queue']);
		const updated = await run(credential, {
			resource: 'agentQueuePresence',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			queues: { queue: [{ callQueueId: rc.emulator.state.ids.supportQueue, acceptCalls: false }] },
		});
		expect(updated.error).toBeUndefined();
		const support = updated.items[0].json.records.find((r: any) => r.callQueue.name === 'Support Queue');
		expect(support.acceptCalls).toBe(false);
	});

	test('Unified Presence → Get and Update', async () => {
		const since = mark();
		const updated = await run(credential, {
			resource: 'unifiedPresence',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			unifiedUpdateFields: { glipAvailability: 'DND', telephonyAvailability: 'DoNotAcceptQueueCalls' },
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({
			method: 'PATCH',
			requestBody: { glip: { availability: 'DND' }, telephony: { availability: 'DoNotAcceptQueueCalls' } },
		});
		expect(updated.items[0].json).toMatchObject({ status: 'DND', glip: { availability: 'DND' } });
		const read = await run(credential, { resource: 'unifiedPresence', operation: 'get', accountId: '~', extensionId: '~' });
		expect(read.items[0].json.telephony).toMatchObject({ availability: 'DoNotAcceptQueueCalls', visibility: 'Visible' });
		await run(credential, {
			resource: 'unifiedPresence',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			unifiedUpdateFields: { glipAvailability: 'Available', telephonyAvailability: 'TakeAllCalls' },
		});
	});
});

describe('Presence node: errors, pairing and recovery', () => {
	let oauth: { type: string; id: string };
	let jwt: { type: string; id: string };

	beforeAll(async () => {
		oauth = await connect('oAuth2');
		jwt = await connect('jwt');
	});

	test('a non-admin agent cannot change a queue whose members may not change status (403)', async () => {
		const agent = await connect('jwt', users()[4]);
		const result = await run(agent, {
			resource: 'agentQueuePresence',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			queues: { queue: [{ callQueueId: rc.emulator.state.ids.salesQueue, acceptCalls: false }] },
		});
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('CMN-401');
	});

	test('continue on fail keeps each failed item paired with its input', async () => {
		const items = [{ json: { ext: users()[0] } }, { json: { ext: '404404' } }, { json: { ext: users()[2] } }];
		const result = await run(
			oauth,
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			{ items, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(3);
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toEqual({
			error: 'RingCentral answered 404: [CMN-102] Resource for parameter [extensionId] is not found (field: extensionId)',
			details: {
				httpStatus: 404,
				errorCode: 'CMN-102',
				message: 'Resource for parameter [extensionId] is not found',
				parameterName: 'extensionId',
				hint: 'RingCentral has no extension with this ID (extensionId) that the signed-in user can reach. Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
			},
		});
		expect(result.items[0].json.extension.id).toBe(Number(users()[0]));
		expect(result.errorItems).toEqual([]);
	});

	test('"Continue (using error output)": failed items go to the error output, with their input, paired', async () => {
		const items = [{ json: { ext: users()[0], row: 'a' } }, { json: { ext: '404404', row: 'b' } }, { json: { ext: users()[2], row: 'c' } }];
		const result = await run(
			oauth,
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			{ items, onError: 'continueErrorOutput' },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => [i.json.extension.id, i.pairedItem])).toEqual([
			[Number(users()[0]), { item: 0 }],
			[Number(users()[2]), { item: 2 }],
		]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].pairedItem).toEqual({ item: 1 });
		expect(result.errorItems[0].json).toMatchObject({
			ext: '404404',
			row: 'b',
			error: expect.stringContaining('[CMN-102]'),
			details: { httpStatus: 404, errorCode: 'CMN-102' },
		});
	});

	test('"Continue (using error output)": IDs of a batch that fail go to the error output, the others to the main one', async () => {
		const known = users().slice(0, 3);
		const result = await run(
			oauth,
			{ resource: 'userPresence', operation: 'getMany', accountId: '~', extensionIds: [known[0], '777', known[1], known[2]].join(',') },
			{ items: [{ json: { batch: 1 } }], onError: 'continueErrorOutput' },
		);
		expect(result.items.map((i: any) => String(i.json.extension.id))).toEqual(known);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json).toMatchObject({ batch: 1, details: { extensionId: '777', errorCode: 'CMN-102' } });
	});

	test('"Stop workflow" (the default) fails the run on the first failed item', async () => {
		const items = [{ json: { ext: users()[0] } }, { json: { ext: '404404' } }];
		const result = await run(oauth, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' }, { items });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('CMN-102');
	});

	test('a 429 storm is waited out: every item succeeds', async () => {
		rc.emulator.faults.add({ kind: '429', count: 6, retryAfter: 1, operationId: 'readUserPresenceStatus' });
		const items = users()
			.slice(0, 12)
			.map((ext) => ({ json: { ext } }));
		const since = mark();
		const result = await run(
			oauth,
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		expect(result.items.every((i: any) => !i.json.error)).toBe(true);
		const statuses = apiCalls(since).map((c: any) => c.status);
		expect(statuses.filter((s: number) => s === 429)).toHaveLength(6);
		expect(statuses.filter((s: number) => s === 200)).toHaveLength(12);
	});

	test('requests are paced to the usage-plan limit instead of provoking 429s', async () => {
		rc.emulator.rateLimiter.configure({ windowSeconds: 1, limits: { Medium: 5 } });
		try {
			const items = users()
				.slice(10, 32)
				.map((ext) => ({ json: { ext } }));
			const since = mark();
			const result = await run(
				jwt,
				{
					resource: 'userPresence',
					operation: 'update',
					accountId: '~',
					extensionId: '={{ $json.ext }}',
					updateFields: { message: 'paced' },
				},
				{ items },
			);
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(22);
			const calls = apiCalls(since);
			expect(calls.filter((c: any) => c.status === 429)).toHaveLength(0);
			expect(calls).toHaveLength(22);
			// 22 requests at 5 per 1 s window need at least 4 full windows after the first.
			expect(result.durationMs).toBeGreaterThanOrEqual(4000);
		} finally {
			rc.emulator.rateLimiter.configure({ windowSeconds: 1, limits: { Medium: 40 } });
		}
	});

	test('a window another client already spent: the node asks once, then waits for the window instead of provoking 429s', async () => {
		rc.emulator.rateLimiter.configure({ windowSeconds: 2, limits: { Medium: 5 } });
		try {
			const update = (extensionIds: string[]) =>
				run(
					jwt,
					{ resource: 'userPresence', operation: 'update', accountId: '~', extensionId: '={{ $json.ext }}', updateFields: { message: 'shared quota' } },
					{ items: extensionIds.map((ext) => ({ json: { ext } })) },
				);
			expect((await update([users()[10]])).error).toBeUndefined();
			// The window this run knew about passes; then another worker using the same user and app
			// spends all but one request of the next window.
			await sleep(2100);
			const grant = await fetch(`${rc.emulator.url}/restapi/oauth/token`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: rc.emulator.oauth.issueJwt() }),
			});
			const { access_token: otherWorker } = (await grant.json()) as any;
			for (const ext of users().slice(11, 15)) {
				const answer = await fetch(`${rc.emulator.url}/restapi/v1.0/account/~/extension/${ext}/presence`, {
					method: 'PUT',
					headers: { Authorization: `Bearer ${otherWorker}`, 'Content-Type': 'application/json' },
					body: JSON.stringify({ userStatus: 'Available' }),
				});
				expect(answer.status).toBe(200);
			}
			const since = mark();
			const result = await update(users().slice(16, 19));
			expect(result.error).toBeUndefined();
			expect(result.items.every((i: any) => !i.json.error)).toBe(true);
			const calls = apiCalls(since);
			expect(calls.map((c: any) => c.status)).toEqual([200, 200, 200]);
		} finally {
			rc.emulator.rateLimiter.configure({ windowSeconds: 1, limits: { Medium: 40 } });
		}
	});

	test('503 with Retry-After, 500 and a reset connection on reads are retried', async () => {
		rc.emulator.faults.add({ kind: '503', count: 1, retryAfter: 1, operationId: 'readUnifiedPresence' });
		rc.emulator.faults.add({ kind: '500', count: 1, operationId: 'readUnifiedPresence' });
		rc.emulator.faults.add({ kind: 'reset', count: 1, operationId: 'readUnifiedPresence' });
		const since = mark();
		const result = await run(oauth, { resource: 'unifiedPresence', operation: 'get', accountId: '~', extensionId: '~' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toHaveProperty('status');
		expect(apiCalls(since).map((c: any) => c.status)).toEqual([503, 500, -1, 200]);
	});

	test('OAuth2: an access token expiring mid-run is refreshed (rotation) and no item fails', async () => {
		const credential = await connect('oAuth2');
		const before = rc.engine.credentials.get(credential.id).data.oauthTokenData;
		rc.emulator.faults.add({ kind: 'expireToken', count: 1, afterRequests: 4, operationId: 'readUserPresenceStatus' });
		const items = users()
			.slice(0, 10)
			.map((ext) => ({ json: { ext } }));
		const since = mark();
		const result = await run(
			credential,
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(10);
		const after = rc.engine.credentials.get(credential.id).data.oauthTokenData;
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		const journal = rc.emulator.journal({ since });
		expect(journal.filter((e: any) => e.operationId === 'getToken')).toHaveLength(1);
		expect(journal.filter((e: any) => e.status === 401).length).toBeGreaterThan(0);
		expect(new Set(journal.filter((e: any) => e.status === 200 && e.operationId !== 'getToken').map((e: any) => e.token)).size).toBe(2);
	});

	test('JWT: an access token expiring mid-run is replaced by a new JWT sign-in and no item fails', async () => {
		const credential = await connect('jwt');
		await run(credential, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~' });
		const first = rc.engine.credentials.get(credential.id).data.accessToken;
		rc.emulator.faults.add({ kind: 'expireToken', count: 1, afterRequests: 3, operationId: 'readUserPresenceStatus' });
		const items = users()
			.slice(0, 8)
			.map((ext) => ({ json: { ext } }));
		const since = mark();
		const result = await run(
			credential,
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			{ items },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(8);
		expect(rc.engine.credentials.get(credential.id).data.accessToken).not.toBe(first);
		const grants = rc.emulator.journal({ since, operationId: 'getToken' });
		expect(grants).toHaveLength(1);
		expect(grants[0].requestBody).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: '<redacted>' });
	});

	test('a rejected JWT names RingCentral\'s error and never echoes the JWT or the secret', async () => {
		const credential = rc.engine.credentials.add('ringCentralJwtApi', {
			environment: 'custom',
			serverUrl: rc.emulator.url,
			clientId: 'demo-client-id',
			clientSecret: 'demo-client-secret',
			jwtToken: FORGED_JWT,
			accessToken: '',
		});
		const result = await run(
			{ type: 'ringCentralJwtApi', id: credential.id },
			{ resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~' },
		);
		const text = JSON.stringify({ message: result.error?.message, description: result.error?.description, items: result.items });
		expect(result.error?.message).toContain('OAU-140');
		expect(text).not.toContain('forged-signature');
		expect(text).not.toContain('demo-client-secret');
	});

	test('API errors carry RingCentral\'s answer but no token', async () => {
		const result = await run(oauth, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '31337' });
		const token = rc.engine.credentials.get(oauth.id).data.oauthTokenData.access_token as string;
		const serialized = JSON.stringify(result.error) + JSON.stringify(result.error?.context ?? {});
		expect(serialized).not.toContain(token);
		expect(result.error?.message).toContain('CMN-102');
	});
});

describe('Presence node: Return All across pages', () => {
	const big = useRingCentral({
		nodeTypes: [RingCentralPresence],
		credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
		emulator: { userCount: 1500, rateLimits: { windowSeconds: 1 } },
	});

	test('Account Presence → Return All follows navigation.nextPage at 1,000 per page', async () => {
		const credential = big.jwtCredential();
		const since = big.emulator.sequence;
		const result = await big.engine.execute({
			type: 'ringCentralPresence',
			parameters: { authentication: 'jwt', resource: 'accountPresence', operation: 'getMany', accountId: '~', returnAll: true },
			credential: { type: 'ringCentralJwtApi', id: credential.id },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(big.emulator.state.extensions.size);
		const calls = big.emulator.journal({ since, operationId: 'readAccountPresence' });
		expect(calls).toHaveLength(2);
		expect(calls[0].query).toEqual({ perPage: '1000' });
		expect(calls[1].query).toEqual({ page: '2', perPage: '1000' });
		const ids = new Set(result.items.map((i: any) => i.json.extension.id));
		expect(ids.size).toBe(result.items.length);
	});
});
