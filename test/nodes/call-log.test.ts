/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralCallLog } from '../../nodes/RingCentralCallLog/RingCentralCallLog.node';
import { audioOf, callLogOf } from '../../tools/emulator/areas/call-log';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralCallLog],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1, limits: { Heavy: 50 } } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const DAY_MS = 24 * 3600_000;
const monthAgo = () => new Date(Date.now() - 31 * DAY_MS).toISOString();
const users = () => rc.emulator.state.users as string[];
const admin = () => rc.emulator.state.ids.admin as string;
const mark = () => rc.emulator.sequence as number;
const log = () => callLogOf(rc.emulator) as any;
const recordsOf = (extensionId: string) => log().records.filter((r: any) => r.extensionId === extensionId) as any[];

const connect = (auth: Auth, extensionId = admin()): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralCallLog', { accountId: '~', extensionId: '~' });

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

describe.each<Auth>(['oAuth2', 'jwt'])('Call Log node with %s credentials', (auth) => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('Call Record → Get Many without Date From returns the user\'s calls of the last 24 hours, simplified', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'callRecord', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'readUserCallLog', query: { perPage: '1000' }, status: 200 });
		const dayAgo = Date.now() - DAY_MS;
		const expected = recordsOf(admin()).filter((r) => Date.parse(r.startTime) >= dayAgo);
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((i: any) => i.json.id)).toEqual(expected.map((r) => r.id));
		const first = result.items[0].json;
		expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'sessionId', 'startTime', 'duration', 'direction', 'result', 'from', 'to']));
		expect(first.extensionId).toBe(Number(admin()));
		expect(first).not.toHaveProperty('uri');
	});

	test('Recording → Download returns the audio byte for byte, by ID or by content URI', async () => {
		const recorded = recordsOf(admin()).find((r) => r.recording?.contentType === 'audio/wav');
		const since = mark();
		const byId = await run(credential, { resource: 'recording', operation: 'download', recordingId: recorded.recording.id, binaryPropertyName: 'audio' });
		expect(byId.error).toBeUndefined();
		const binary = (byId.items[0] as any).binary.audio;
		expect(binary).toMatchObject({ mimeType: 'audio/wav', fileName: `recording-${recorded.recording.id}.wav` });
		const expected = audioOf(recorded.recording);
		expect(Buffer.from(binary.data, 'base64').equals(expected)).toBe(true);
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'readCallRecordingContent', path: `/restapi/v1.0/account/~/recording/${recorded.recording.id}/content` });

		const meta = await run(credential, { resource: 'recording', operation: 'get', recordingId: recorded.recording.id });
		const contentUri = meta.items[0].json.contentUri;
		const byUri = await run(credential, { resource: 'recording', operation: 'download', recordingId: contentUri, binaryPropertyName: 'data' });
		expect(byUri.error).toBeUndefined();
		expect(Buffer.from((byUri.items[0] as any).binary.data.data, 'base64').equals(expected)).toBe(true);
	});
});

describe('Call Log node: call records', () => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect('jwt');
	});

	test('Call Record → Get Many with filters sends them as RingCentral expects and returns only matches', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'callRecord',
			operation: 'getMany',
			returnAll: true,
			view: 'Detailed',
			simplify: false,
			filters: { dateFrom: monthAgo(), direction: ['Inbound'], type: ['Voice'], recordingType: 'All', transport: ['PSTN', 'VoIP'] },
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call.query).toMatchObject({ view: 'Detailed', direction: 'Inbound', type: 'Voice', recordingType: 'All', transport: ['PSTN', 'VoIP'] });
		const expected = recordsOf(admin()).filter((r) => r.direction === 'Inbound' && r.type === 'Voice' && r.recording);
		expect(result.items).toHaveLength(expected.length);
		for (const { json } of result.items) {
			expect(json).toMatchObject({ direction: 'Inbound', type: 'Voice', transport: 'PSTN' });
			expect(json.recording.contentUri).toMatch(/\/recording\/\d+\/content$/);
			expect(json.legs[0]).toMatchObject({ legType: 'PstnToSip', master: true });
		}
	});

	test('Call Record → Get Many with a limit asks for exactly that page size', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'callRecord', operation: 'getMany', returnAll: false, limit: 5, filters: { dateFrom: monthAgo() } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const calls = apiCalls(since);
		expect(calls).toHaveLength(1);
		expect(calls[0].query.perPage).toBe('5');
	});

	test('Call Record → Get Many for one number: the + and formatting are dropped as RingCentral expects', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'callRecord',
			operation: 'getMany',
			returnAll: true,
			filters: { dateFrom: monthAgo(), phoneNumber: '+1 (415) 555-0142' },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].query.phoneNumber).toBe('14155550142');
		expect(result.items.length).toBeGreaterThan(0);
		for (const { json } of result.items) expect([json.from, json.to]).toContain('+14155550142');
	});

	test('Call Record → Get Many with both Phone Number and Extension Number fails with CMN-101', async () => {
		const result = await run(credential, {
			resource: 'callRecord',
			operation: 'getMany',
			filters: { phoneNumber: '14155550142', extensionNumber: '101' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('phoneNumber');
	});

	test('Call Record → Get Many for Company covers every extension; a non-admin is refused (403)', async () => {
		const result = await run(credential, {
			resource: 'callRecord',
			operation: 'getManyForCompany',
			returnAll: true,
			filters: { dateFrom: monthAgo(), extensionNumber: '102' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBe(recordsOf(users()[1]).length);
		expect(new Set(result.items.map((i: any) => i.json.extensionId))).toEqual(new Set([Number(users()[1])]));

		const all = await run(credential, { resource: 'callRecord', operation: 'getManyForCompany', returnAll: true, filters: { dateFrom: monthAgo() } });
		expect(all.items).toHaveLength(log().records.length);

		const agent = await connect('jwt', users()[4]);
		const refused = await run(agent, { resource: 'callRecord', operation: 'getManyForCompany' });
		expect(refused.error?.httpCode).toBe('403');
		expect(refused.error?.message).toContain('CMN-401');
	});

	test('Call Record → Get reads one record; 55 IDs go 50 per request, unknown IDs fail with CMN-102 per item', async () => {
		const own = recordsOf(admin());
		const one = await run(credential, { resource: 'callRecord', operation: 'get', callRecordIds: own[0].id });
		expect(one.error).toBeUndefined();
		expect(one.items).toHaveLength(1);
		expect(one.items[0].json).toMatchObject({ id: own[0].id, sessionId: own[0].sessionId });

		const ids = [...own.slice(0, 53).map((r) => r.id), 'Nope1', 'Nope2'];
		const since = mark();
		const many = await run(credential, { resource: 'callRecord', operation: 'get', callRecordIds: ids.join(','), view: 'Detailed' });
		expect(many.error).toBeUndefined();
		const calls = apiCalls(since);
		expect(calls.map((c: any) => c.path.split('/').pop().split(',').length)).toEqual([50, 5]);
		expect(calls.every((c: any) => c.status === 207 && c.query.view === 'Detailed')).toBe(true);
		expect(many.items).toHaveLength(55);
		expect(many.items.slice(0, 53).map((i: any) => i.json.id)).toEqual(ids.slice(0, 53));
		expect(many.items[53].json).toEqual({
			error: 'Call record ID Nope1: RingCentral answered 404: [CMN-102] Resource for parameter [callRecordId] is not found (field: callRecordId)',
			details: {
				callRecordId: 'Nope1',
				httpStatus: 404,
				errorCode: 'CMN-102',
				message: 'Resource for parameter [callRecordId] is not found',
				parameterName: 'callRecordId',
				hint: 'RingCentral has no call record with this ID (callRecordId) that the signed-in user can reach. Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
			},
		});
	});

	test('Call Record → Get of a colleague\'s record on one\'s own log fails with CMN-102', async () => {
		const theirs = recordsOf(users()[1])[0];
		const result = await run(credential, { resource: 'callRecord', operation: 'get', callRecordIds: theirs.id });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.httpCode).toBe('404');
	});

	test('Call Record → Get Many with a view RingCentral does not know is refused by the spec check (CMN-101)', async () => {
		const result = await run(credential, { resource: 'callRecord', operation: 'getMany', view: '={{ "Verbose" }}' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('view');
		expect(rc.emulator.takeViolations()).toHaveLength(1);
	});
});

describe('Call Log node: active calls and recordings', () => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect('oAuth2');
	});

	test('Active Call → Get Many lists the call in progress on a user\'s line', async () => {
		const onCall = users()[3];
		const since = mark();
		const result = await run(credential, { resource: 'activeCall', operation: 'getMany', extensionId: onCall, returnAll: true });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'listExtensionActiveCalls', path: `/restapi/v1.0/account/~/extension/${onCall}/active-calls` });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ direction: 'Inbound', result: 'In Progress', from: '+16505550123', fromName: 'Pat Customer' });
		const outbound = await run(credential, {
			resource: 'activeCall',
			operation: 'getMany',
			extensionId: onCall,
			returnAll: true,
			activeCallFilters: { direction: ['Outbound'] },
		});
		expect(outbound.items).toHaveLength(0);
	});

	test('Active Call → Get Many of an unknown extension fails with CMN-102', async () => {
		const result = await run(credential, { resource: 'activeCall', operation: 'getMany', extensionId: '404' });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('extensionId');
	});

	test('Recording → Get returns the recording\'s metadata; an MP3 recording downloads as audio/mpeg', async () => {
		const recorded = log().records.find((r: any) => r.recording?.contentType === 'audio/mpeg' && r.extensionId === admin());
		const meta = await run(credential, { resource: 'recording', operation: 'get', recordingId: recorded.recording.id });
		expect(meta.error).toBeUndefined();
		expect(meta.items[0].json).toEqual({
			id: recorded.recording.id,
			contentUri: `${rc.emulator.url}/restapi/v1.0/account/${rc.emulator.state.accountId}/recording/${recorded.recording.id}/content`,
			contentType: 'audio/mpeg',
			duration: recorded.duration,
		});
		const audio = await run(credential, {
			resource: 'recording',
			operation: 'download',
			recordingId: recorded.recording.id,
			binaryPropertyName: 'data',
			downloadOptions: { fileName: 'call.mp3' },
		});
		const binary = (audio.items[0] as any).binary.data;
		expect(binary).toMatchObject({ mimeType: 'audio/mpeg', fileName: 'call.mp3' });
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.equals(audioOf(recorded.recording))).toBe(true);
		expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfb]);
	});

	test('Recording → Get and Download of an unknown recording fail with CMN-102', async () => {
		for (const operation of ['get', 'download']) {
			const result = await run(credential, { resource: 'recording', operation, recordingId: '123', binaryPropertyName: 'data' });
			expect(result.error?.message).toContain('CMN-102');
			expect(result.error?.message).toContain('recordingId');
		}
	});

	test('continue on fail keeps each failed download paired with its input', async () => {
		const recorded = log().records.filter((r: any) => r.recording).slice(0, 2);
		const items = [{ json: { id: recorded[0].recording.id } }, { json: { id: '999' } }, { json: { id: recorded[1].recording.id } }];
		const result = await run(
			credential,
			{ resource: 'recording', operation: 'download', recordingId: '={{ $json.id }}', binaryPropertyName: 'data' },
			{ items, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toMatchObject({ details: { errorCode: 'CMN-102', httpStatus: 404 } });
		expect((result.items[2] as any).binary.data.mimeType).toMatch(/^audio\//);
	});
});

describe('Call Log node: Return All across pages', () => {
	const big = useRingCentral({
		nodeTypes: [RingCentralCallLog],
		credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
		emulator: { userCount: 12, callLogSize: 5000, rateLimits: { windowSeconds: 1, limits: { Heavy: 50 } } },
	});

	test('Call Record → Get Many for Company with Return All reads 5,000 records in 5 requests of 1,000', async () => {
		const credential = big.jwtCredential();
		const since = big.emulator.sequence;
		const result = await big.engine.execute({
			type: 'ringCentralCallLog',
			parameters: {
				authentication: 'jwt',
				resource: 'callRecord',
				operation: 'getManyForCompany',
				accountId: '~',
				returnAll: true,
				filters: { dateFrom: monthAgo() },
			},
			credential: { type: 'ringCentralJwtApi', id: credential.id },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5000);
		const calls = big.emulator.journal({ since, operationId: 'readCompanyCallLog' });
		expect(calls).toHaveLength(5);
		expect(calls[0].query).toMatchObject({ perPage: '1000' });
		expect(calls.slice(1).map((c: any) => c.query.page)).toEqual(['2', '3', '4', '5']);
		expect(new Set(result.items.map((i: any) => i.json.id)).size).toBe(5000);
	});

	test('Call Record → Get Many (user) with Return All follows the pages of the user\'s 2,500 records', async () => {
		const credential = big.jwtCredential();
		const since = big.emulator.sequence;
		const result = await big.engine.execute({
			type: 'ringCentralCallLog',
			parameters: { authentication: 'jwt', resource: 'callRecord', operation: 'getMany', accountId: '~', extensionId: '~', returnAll: true, filters: { dateFrom: monthAgo() } },
			credential: { type: 'ringCentralJwtApi', id: credential.id },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2500);
		expect(big.emulator.journal({ since, operationId: 'readUserCallLog' })).toHaveLength(3);
	});
});

describe('Call Log node: an app without the ReadCallLog permission', () => {
	test('with Continue On Fail each item fails on its own with CMN-401 and the permission, paired with its input', async () => {
		const app = { clientId: 'no-call-log-app', clientSecret: 'no-call-log-secret' };
		rc.emulator.oauth.registerApp({ ...app, permissions: ['ReadAccounts'] });
		const credential = await rc.connect('oAuth2', admin(), { app });
		const result = await run(
			credential,
			{ resource: 'callRecord', operation: 'getMany', returnAll: false, limit: 5 },
			{ items: [{ json: { n: 1 } }, { json: { n: 2 } }], continueOnFail: true },
		);
		expect(result.items.map((item: any) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.items as any[]) {
			expect(item.json.details).toMatchObject({ httpStatus: 403, errorCode: 'CMN-401' });
			expect(item.json.error).toContain('application needs to have [ReadCallLog] permission');
		}
	});
});
