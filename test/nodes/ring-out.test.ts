/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralRingOut } from '../../nodes/RingCentralRingOut/RingCentralRingOut.node';
import { callLogOf } from '../../tools/emulator/areas/call-log';
import { directNumberOf } from '../../tools/emulator/telephony';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralRingOut],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 6, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const users = () => rc.emulator.state.users as string[];
const mark = () => rc.emulator.sequence as number;
const numberOf = (extensionId: string) => directNumberOf(rc.emulator.state, extensionId) as string;

const connect = (auth: Auth, extensionId: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralRingOut', { resource: 'ringOutCall', accountId: '~', extensionId: '~' });

function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

describe.each<[Auth, number]>([
	['oAuth2', 1],
	['jwt', 2],
])('RingOut node with %s credentials', (auth, userIndex) => {
	let credential: Credential;
	let me: string;

	beforeAll(async () => {
		me = users()[userIndex];
		credential = await connect(auth, me);
	});

	test('RingOut Call → Create, then Get Status follows the call until it is connected and logged', async () => {
		const since = mark();
		const created = await run(credential, {
			operation: 'create',
			from: numberOf(me),
			to: '+1 415 555 0142',
			ringOutOptions: { callerId: '+16505550100', playPrompt: false, countryId: '1' },
		});
		expect(created.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'POST', path: '/restapi/v1.0/account/~/extension/~/ring-out', operationId: 'createRingOutCall' });
		expect(call.requestBody).toEqual({
			from: { phoneNumber: numberOf(me) },
			to: { phoneNumber: '+14155550142' },
			callerId: { phoneNumber: '+16505550100' },
			playPrompt: false,
			country: { id: '1' },
		});
		const ringOut = created.items[0].json;
		expect(ringOut).toMatchObject({ status: { callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' } });
		expect(ringOut.uri).toMatch(/\/ring-out\/\d+$/);
		expect(callLogOf(rc.emulator).active.get(me)?.has(`ringout-${ringOut.id}`)).toBe(true);

		const callerAnswered = await run(credential, { operation: 'getStatus', ringOutId: ringOut.id });
		expect(callerAnswered.items[0].json.status).toEqual({ callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' });
		const connected = await run(credential, { operation: 'getStatus', ringOutId: ringOut.id });
		expect(connected.items[0].json.status).toEqual({ callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' });
		expect(callLogOf(rc.emulator).active.get(me)?.has(`ringout-${ringOut.id}`)).toBe(false);
		expect(callLogOf(rc.emulator).records.find((r: any) => r.id === `RO${ringOut.id}`)).toMatchObject({
			extensionId: me,
			action: 'RingOut Web',
			result: 'Call connected',
		});
		expect(apiCalls(since, 'readRingOutCallStatus').map((c: any) => c.path)).toEqual([
			`/restapi/v1.0/account/~/extension/~/ring-out/${ringOut.id}`,
			`/restapi/v1.0/account/~/extension/~/ring-out/${ringOut.id}`,
		]);
	});

	test('RingOut Call → Cancel stops a ringing call; its status is gone afterwards (CMN-102)', async () => {
		const created = await run(credential, { operation: 'create', from: numberOf(me), to: '+12125550187' });
		const id = created.items[0].json.id;
		const since = mark();
		const cancelled = await run(credential, { operation: 'cancel', ringOutId: id });
		expect(cancelled.error).toBeUndefined();
		expect(cancelled.items[0].json).toEqual({ success: true });
		expect(apiCalls(since)[0]).toMatchObject({ method: 'DELETE', operationId: 'deleteRingOutCall', status: 204 });
		expect(callLogOf(rc.emulator).active.get(me)?.has(`ringout-${id}`)).toBe(false);
		const status = await run(credential, { operation: 'getStatus', ringOutId: id });
		expect(status.error?.message).toContain('CMN-102');
		expect(status.error?.message).toContain('ringoutId');
	});
});

describe('RingOut node: bad input', () => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect('jwt', users()[0]);
	});

	test('Create with a number that is not E.164 fails with CMN-101 naming it', async () => {
		const result = await run(credential, { operation: 'create', from: numberOf(users()[0]), to: '0800-FLOWERS' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('to.phoneNumber');
		expect(result.error?.httpCode).toBe('400');
	});

	test('Create with a caller ID the account does not own fails with CMN-101 callerId.phoneNumber', async () => {
		const result = await run(credential, {
			operation: 'create',
			from: numberOf(users()[0]),
			to: '+14155550142',
			ringOutOptions: { callerId: '+14155550199' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('callerId.phoneNumber');
	});

	test('Get Status and Cancel of an unknown RingOut fail with CMN-102', async () => {
		for (const operation of ['getStatus', 'cancel']) {
			const result = await run(credential, { operation, ringOutId: '42' });
			expect(result.error?.message).toContain('CMN-102');
			expect(result.error?.httpCode).toBe('404');
		}
	});

	test('Get Status of another user\'s RingOut is not found on one\'s own line', async () => {
		const other = await connect('jwt', users()[3]);
		const created = await run(other, { operation: 'create', from: numberOf(users()[3]), to: '+14155550142' });
		const result = await run(credential, { operation: 'getStatus', ringOutId: created.items[0].json.id });
		expect(result.error?.message).toContain('CMN-102');
	});

	test('the description says that /ring-out serves the retired /ringout paths', () => {
		const { description } = new RingCentralRingOut();
		expect(String(description.description)).toContain('/ring-out');
		expect(String(description.description)).toContain('/ringout');
	});
});
