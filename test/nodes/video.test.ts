/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralVideo } from '../../nodes/RingCentralVideo/RingCentralVideo.node';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralVideo],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const authOf = (credential: Credential) => (credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2');

const run = rc.runner('ringCentralVideo', { accountId: '~', extensionId: '~' });

async function listSearch(credential: Credential, method: string, filter?: string, paginationToken?: string) {
	return await rc.engine.loadOptions({
		type: 'ringCentralVideo',
		parameters: { authentication: authOf(credential), resource: 'meetingBridge', operation: 'get' },
		credential,
		listSearch: method,
		filter,
		paginationToken,
	});
}

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const video = () => rc.emulator.areaStates.get('video');
/** Meetings Alice (the admin) hosted or joined, newest first. */
const alicesMeetings = () =>
	(video().meetings as any[]).filter(
		(m) => m.hostInfo.extensionId === users()[0] || m.participants.some((p: any) => p.extensionId === users()[0]),
	);

beforeAll(async () => {
	await run(await connect('jwt'), { resource: 'meetingBridge', operation: 'getDefault' });
});

describe.each<Auth>(['oAuth2', 'jwt'])('Video node with %s credentials', (auth) => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('Meeting Bridge → Create schedules a password-protected meeting; Get reads it back', async () => {
		let since = mark();
		const created = await run(credential, {
			resource: 'meetingBridge',
			operation: 'create',
			name: `Quarterly review (${auth})`,
			type: 'Scheduled',
			bridgeFields: { password: 'Q4review', waitingRoomRequired: 'GuestsOnly', audioMuted: true, joinBeforeHost: false, recordingsMode: 'Auto' },
		});
		expect(created.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'POST', path: '/rcvideo/v2/account/~/extension/~/bridges', operationId: 'createBridge', status: 201 });
		expect(call.requestBody).toEqual({
			name: `Quarterly review (${auth})`,
			type: 'Scheduled',
			security: { password: 'Q4review' },
			preferences: { join: { waitingRoomRequired: 'GuestsOnly', audioMuted: true }, joinBeforeHost: false, recordingsMode: 'Auto' },
		});
		const bridge = created.items[0].json;
		expect(bridge).toMatchObject({
			type: 'Scheduled',
			host: { accountId: rc.emulator.state.accountId, extensionId: users()[0] },
			security: { passwordProtected: true, password: { plainText: 'Q4review' } },
			preferences: { join: { waitingRoomRequired: 'GuestsOnly', audioMuted: true }, joinBeforeHost: false },
		});
		expect(bridge.discovery.web).toMatch(/^https:\/\/v\.ringcentral\.com\/join\/\d{9}\?pw=/);

		since = mark();
		const read = await run(credential, { resource: 'meetingBridge', operation: 'get', bridgeId: fromList(String(bridge.id)) });
		expect(read.items[0].json).toEqual(bridge);
		expect(apiCalls(since)[0]).toMatchObject({ path: `/rcvideo/v2/bridges/${bridge.id}`, operationId: 'getBridge' });
	});

	test('Meeting History → Get Many with a limit, simplified', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'meetingHistory', operation: 'getMany', returnAll: false, limit: 5 });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since).map((c: any) => c.query)).toEqual([{ perPage: '5' }]);
		const newest = alicesMeetings()[0];
		expect(result.items).toHaveLength(5);
		expect(result.items[0].json).toEqual({
			id: newest.id,
			displayName: newest.displayName,
			startTime: newest.startTime,
			duration: newest.duration,
			status: 'Done',
			bridgeId: newest.bridgeId,
			host: newest.hostInfo.displayName,
			participants: newest.participants.map((p: any) => p.displayName),
			recordingUrls: newest.recordings.map((r: any) => r.url),
		});
	});
});

describe('Video node: every operation, bad input and pairing', () => {
	let oauth: Credential;
	let jwt: Credential;

	beforeAll(async () => {
		oauth = await connect('oAuth2');
		jwt = await connect('jwt');
	});

	test('Meeting Bridge → Create with a web PIN already in use is a 409 naming the PIN', async () => {
		const pmi = (await run(jwt, { resource: 'meetingBridge', operation: 'getDefault' })).items[0].json;
		const result = await run(jwt, { resource: 'meetingBridge', operation: 'create', name: 'Clash', bridgeFields: { webPin: pmi.pins.web } });
		expect(result.error?.httpCode).toBe('409');
		expect(result.error?.message).toBe(`RingCentral answered 409: [CMN-101] Web PIN [${pmi.pins.web}] is already in use (field: pins.web)`);
	});

	test('Meeting Bridge → Create with a waiting room RingCentral does not know is refused, naming the field', async () => {
		const result = await run(jwt, { resource: 'meetingBridge', operation: 'create', bridgeFields: { waitingRoomRequired: '={{ "Friends" }}' } });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('(field: preferences.join.waitingRoomRequired)');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'createBridge' })]);
	});

	test('Meeting Bridge → Get Default reads the personal meeting bridge; a non-user extension is CMN-102', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'meetingBridge', operation: 'getDefault', extensionId: users()[1] });
		expect(apiCalls(since)[0]).toMatchObject({ path: `/rcvideo/v2/account/~/extension/${users()[1]}/bridges/default`, operationId: 'getDefaultBridge' });
		expect(result.items[0].json).toMatchObject({ type: 'PMI', name: 'Bob Baker\'s personal meeting', host: { extensionId: users()[1] } });
		// An administrator sees the password of any bridge.
		expect(result.items[0].json.security.password.plainText).toMatch(/^Pm\d{6}$/);

		const queue = await run(oauth, { resource: 'meetingBridge', operation: 'getDefault', extensionId: rc.emulator.state.ids.supportQueue });
		expect(queue.error?.httpCode).toBe('404');
		expect(queue.error?.message).toContain('[CMN-102] Resource for parameter [extensionId] is not found');
	});

	test('Meeting Bridge → Get shows the password only to those who manage the bridge; an unknown bridge is CMN-102', async () => {
		const alicePmi = (await run(jwt, { resource: 'meetingBridge', operation: 'getDefault' })).items[0].json;
		const carol = await connect('jwt', users()[2]);
		const seen = await run(carol, { resource: 'meetingBridge', operation: 'get', bridgeId: byId(String(alicePmi.id)) });
		expect(seen.items[0].json.security).toEqual({ passwordProtected: true, noGuests: false, sameAccount: false, e2ee: false });
		expect(seen.items[0].json.discovery.web).not.toContain('pw=');

		const missing = await run(jwt, { resource: 'meetingBridge', operation: 'get', bridgeId: byId('nosuchbridge') });
		expect(missing.error?.httpCode).toBe('404');
		expect(missing.error?.message).toContain('[CMN-102] Resource for parameter [bridgeId] is not found');
	});

	test('Meeting Bridge → Update renames and drops the password; with nothing to change nothing is sent', async () => {
		const created = await run(jwt, { resource: 'meetingBridge', operation: 'create', name: 'Standup', bridgeFields: { password: 'abc123' } });
		const id = String(created.items[0].json.id);
		let since = mark();
		const updated = await run(jwt, {
			resource: 'meetingBridge',
			operation: 'update',
			bridgeId: byId(id),
			updateFields: { name: 'Daily standup', passwordProtected: false, screenSharing: false },
		});
		expect(apiCalls(since)[0]).toMatchObject({
			method: 'PATCH',
			operationId: 'updateBridge',
			requestBody: { name: 'Daily standup', security: { passwordProtected: false }, preferences: { screenSharing: false } },
		});
		expect(updated.items[0].json).toMatchObject({ name: 'Daily standup', security: { passwordProtected: false }, preferences: { screenSharing: false } });
		expect(updated.items[0].json.security).not.toHaveProperty('password');

		since = mark();
		const empty = await run(jwt, { resource: 'meetingBridge', operation: 'update', bridgeId: byId(id), updateFields: {} });
		expect(empty.error?.message).toBe('Add at least one field under "Update Fields"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Meeting Bridge → Update of someone else\'s bridge is forbidden to a non-admin (403)', async () => {
		const alicePmi = (await run(jwt, { resource: 'meetingBridge', operation: 'getDefault' })).items[0].json;
		const dan = await connect('jwt', users()[3]);
		const result = await run(dan, { resource: 'meetingBridge', operation: 'update', bridgeId: byId(String(alicePmi.id)), updateFields: { name: 'Mine now' } });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('[CMN-401] Only the owner, a delegate or a super admin may update this bridge');
	});

	test('Meeting Bridge → Delete removes a scheduled bridge; the personal bridge cannot be deleted', async () => {
		const created = await run(oauth, { resource: 'meetingBridge', operation: 'create', name: 'One-off', type: 'Instant' });
		const id = String(created.items[0].json.id);
		const since = mark();
		const deleted = await run(oauth, { resource: 'meetingBridge', operation: 'delete', bridgeId: byId(id) });
		expect(deleted.items[0].json).toEqual({ success: true });
		expect(apiCalls(since)[0]).toMatchObject({ method: 'DELETE', path: `/rcvideo/v2/bridges/${id}`, status: 204 });
		expect(video().bridges.has(id)).toBe(false);

		const pmi = (await run(oauth, { resource: 'meetingBridge', operation: 'getDefault' })).items[0].json;
		const refused = await run(oauth, { resource: 'meetingBridge', operation: 'delete', bridgeId: byId(String(pmi.id)) });
		expect(refused.error?.httpCode).toBe('403');
		expect(refused.error?.message).toContain('A default (PMI) bridge is deleted only with its user');
	});

	test('Meeting Bridge → End Meeting says the capability was retired and sends nothing', async () => {
		const since = mark();
		const result = await run(oauth, { resource: 'meetingBridge', operation: 'endMeeting' });
		expect(result.error?.message).toBe(
			'Ending a meeting is no longer possible through the RingCentral API: RingCentral retired the RingCentral Meetings API, and RingCentral Video offers no replacement. End the meeting in the RingCentral Video app (it also ends when everyone leaves).',
		);
		expect((result.error as any).description).toBe('RingCentral removed POST /restapi/v1.0/account/{accountId}/extension/{extensionId}/meeting/{meetingId}/end.');
		expect(apiCalls(since)).toHaveLength(0);

		const paired = await run(oauth, { resource: 'meetingBridge', operation: 'endMeeting' }, { items: [{ json: {} }, { json: {} }], continueOnFail: true });
		expect(paired.status).toBe('success');
		expect(paired.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(paired.items[1].json).toMatchObject({
			error: expect.stringContaining('Ending a meeting is no longer possible'),
			details: { retiredEndpoint: 'POST /restapi/v1.0/account/{accountId}/extension/{extensionId}/meeting/{meetingId}/end' },
		});

		const routed = await run(oauth, { resource: 'meetingBridge', operation: 'endMeeting' }, { items: [{ json: { meeting: 'm1' } }], onError: 'continueErrorOutput' });
		expect(routed.items).toEqual([]);
		expect(routed.errorItems).toEqual([expect.objectContaining({ pairedItem: { item: 0 }, json: expect.objectContaining({ meeting: 'm1', details: expect.any(Object) }) })]);
	});

	test('the bridge picker offers the personal meeting, then bridges of meetings the user hosted', async () => {
		const result = await listSearch(jwt, 'searchBridges');
		const pmi = video().pmiOf(users()[0]);
		expect(result.results[0]).toEqual({ name: `Personal meeting (${pmi.pins.web})`, value: pmi.id, url: expect.stringContaining(`/join/${pmi.pins.web}?pw=`) });
		const names = result.results.map((r: any) => r.name);
		expect(names.filter((n: string) => n.startsWith('Weekly Support Sync'))).toHaveLength(1);
		expect(names.some((n: string) => n.startsWith('Sales Pipeline Review'))).toBe(false);
		expect(new Set(result.results.map((r: any) => r.value)).size).toBe(result.results.length);
		expect(result.paginationToken).toEqual(expect.any(String));

		const filtered = await listSearch(jwt, 'searchBridges', 'weekly');
		expect(filtered.results.map((r: any) => r.name)).toEqual([expect.stringMatching(/^Weekly Support Sync \(\d+, last used 2026-11-\d\d\)$/)]);
	});

	test('Meeting History → Get Many with Return All follows paging.nextPageToken; filters go to the query', async () => {
		let since = mark();
		const all = await run(oauth, { resource: 'meetingHistory', operation: 'getMany', returnAll: true, simplify: false });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i: any) => i.json.id)).toEqual(alicesMeetings().map((m) => m.id));
		const calls = apiCalls(since, 'listVideoMeetings');
		expect(calls.map((c: any) => c.query)).toEqual([{ perPage: '100' }, { perPage: '100', pageToken: expect.any(String) }]);
		expect(all.items[0].json).toHaveProperty('hostInfo');

		since = mark();
		const filtered = await run(oauth, {
			resource: 'meetingHistory',
			operation: 'getMany',
			returnAll: true,
			meetingFilters: { text: 'sync', materials: 'Recordings', startTime: '2026-11-01T00:00:00', endTime: '2026-11-23T00:00:00Z' },
		}, { timezone: 'UTC' });
		expect(apiCalls(since)[0].query).toEqual({
			text: 'sync',
			materials: 'Recordings',
			startTime: String(Date.UTC(2026, 10, 1)),
			endTime: String(Date.UTC(2026, 10, 23)),
			perPage: '100',
		});
		expect(filtered.items.length).toBeGreaterThan(0);
		for (const { json } of filtered.items) {
			expect(json.displayName).toBe('Weekly Support Sync');
			expect(json.recordingUrls).toHaveLength(1);
			expect(Date.parse(json.startTime)).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 1));
		}
	});

	test('Meeting History → Get Many with a material RingCentral does not know is refused', async () => {
		const result = await run(oauth, { resource: 'meetingHistory', operation: 'getMany', returnAll: true, meetingFilters: { materials: '={{ "Slides" }}' } });
		expect(result.error?.message).toContain('[CMN-101]');
		expect(result.error?.message).toContain('(field: materials)');
		expect(rc.emulator.takeViolations()).toEqual([expect.objectContaining({ operationId: 'listVideoMeetings' })]);
	});

	test('Meeting History → Get reads a meeting picked from the list; others\' meetings are forbidden', async () => {
		const picker = await listSearch(jwt, 'searchMeetings', 'escalation');
		expect(picker.results).toEqual([]);
		const mine = await listSearch(jwt, 'searchMeetings', 'sync');
		expect(mine.results[0].name).toMatch(/^Weekly Support Sync · 2026-11-\d\d$/);
		const since = mark();
		const read = await run(jwt, { resource: 'meetingHistory', operation: 'get', meetingId: fromList(mine.results[0].value) });
		expect(apiCalls(since)[0]).toMatchObject({ path: `/rcvideo/v1/history/meetings/${mine.results[0].value}`, operationId: 'getVideoMeeting' });
		expect(read.items[0].json).toMatchObject({ displayName: 'Weekly Support Sync', rights: ['delete', 'download', 'share'], type: 'Meeting' });

		const escalation = (video().meetings as any[]).find((m) => m.displayName === 'Escalation review');
		const forbidden = await run(jwt, { resource: 'meetingHistory', operation: 'get', meetingId: byId(escalation.id) });
		expect(forbidden.error?.httpCode).toBe('403');
		const unknown = await run(jwt, { resource: 'meetingHistory', operation: 'get', meetingId: byId('00000000-0000-4000-a000-000000000000') });
		expect(unknown.error?.message).toContain('[CMN-102] Resource for parameter [meetingId] is not found');
	});

	test('continue on fail keeps each failed item paired with its input', async () => {
		const pmi = video().pmiOf(users()[0]);
		const items = [{ json: { bridge: 'nosuch' } }, { json: { bridge: pmi.id } }];
		const result = await run(jwt, { resource: 'meetingBridge', operation: 'get', bridgeId: byId('={{ $json.bridge }}') }, { items, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json).toMatchObject({ details: { httpStatus: 404, errorCode: 'CMN-102', parameterName: 'bridgeId' } });
		expect(result.items[1].json.id).toBe(pmi.id);
	});
});
