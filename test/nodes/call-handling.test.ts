/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { createHash } from 'crypto';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralCallHandling } from '../../nodes/RingCentralCallHandling/RingCentralCallHandling.node';
import { binaryProperty } from '../harness/binary';
import { mp3, wav as wavTone } from '../../tools/emulator/media';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralCallHandling],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };

const connect = (auth: Auth, extensionId?: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralCallHandling');

/** API requests (OAuth endpoints excluded) recorded since `since`. */
function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const mark = () => rc.emulator.sequence as number;
const users = () => rc.emulator.state.users as string[];
const admin = () => rc.emulator.state.ids.admin as string;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const audioItem = (data: Buffer, fileName: string, mimeType: string) => ({ json: {}, binary: { data: binaryProperty(data, fileName, mimeType) } });

function expectRejected(operationId: string, count = 1) {
	const violations = rc.emulator.takeViolations();
	expect(violations).toHaveLength(count);
	expect(violations[0]).toMatchObject({ kind: 'request', operationId });
	return violations;
}

describe.each<Auth>(['oAuth2', 'jwt'])('Call Handling main paths with %s credentials', (auth) => {
	let credential: Credential;

	beforeAll(async () => {
		credential = await connect(auth);
	});

	test('Business Hours (User) → Update then Get: the weekly schedule editor becomes weeklyRanges', async () => {
		const since = mark();
		const updated = await run(credential, {
			resource: 'userBusinessHours',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			hours: 'custom',
			weeklySchedule: {
				weekdays: [{ from: '9:00', to: '12:30' }],
				monday: [{ from: '13:30', to: '18:00' }],
				saturday: [{ from: '10:00', to: '14:00' }],
			},
		});
		expect(updated.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'PUT', operationId: 'updateUserBusinessHours', status: 200 });
		expect(call.requestBody).toEqual({
			schedule: {
				weeklyRanges: {
					monday: [
						{ from: '09:00', to: '12:30' },
						{ from: '13:30', to: '18:00' },
					],
					tuesday: [{ from: '09:00', to: '12:30' }],
					wednesday: [{ from: '09:00', to: '12:30' }],
					thursday: [{ from: '09:00', to: '12:30' }],
					friday: [{ from: '09:00', to: '12:30' }],
					saturday: [{ from: '10:00', to: '14:00' }],
				},
			},
		});
		const read = await run(credential, { resource: 'userBusinessHours', operation: 'get', accountId: '~', extensionId: '~' });
		expect(read.error).toBeUndefined();
		expect(read.items[0].json.schedule).toEqual(call.requestBody.schedule);
		expect(read.items[0].json.uri).toContain(`/extension/${admin()}/business-hours`);
	});

	test('Answering Rule (User) → Create, Get, Delete a custom rule with conditions, forwarding and greetings', async () => {
		const numbers = await run(credential, { resource: 'forwardingNumber', operation: 'getMany', accountId: '~', extensionId: '~', returnAll: true });
		const mobile = numbers.items.find((i: any) => i.json.type === 'Mobile').json;
		const since = mark();
		const created = await run(credential, {
			resource: 'userAnsweringRule',
			operation: 'create',
			accountId: '~',
			extensionId: '~',
			name: 'VIP callers',
			ruleFields: {
				callers: { caller: [{ callerId: '+16505550123', name: 'Pat Customer' }] },
				weeklySchedule: { weekdays: [{ from: '08:00', to: '20:00' }] },
				callHandlingAction: 'ForwardCalls',
				forwardingGroups: { step: [{ forwardingNumberIds: mobile.id, ringCount: 3 }] },
				ringingMode: 'Simultaneously',
				greetings: { greeting: [{ type: 'Voicemail', presetId: '66560', customGreetingId: '' }] },
				screening: 'UnknownCallerId',
			},
		});
		expect(created.error).toBeUndefined();
		const [call] = apiCalls(since, 'createAnsweringRule');
		expect(call.requestBody).toEqual({
			type: 'Custom',
			name: 'VIP callers',
			callers: [{ callerId: '+16505550123', name: 'Pat Customer' }],
			schedule: {
				weeklyRanges: Object.fromEntries(
					['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ from: '08:00', to: '20:00' }]]),
				),
			},
			callHandlingAction: 'ForwardCalls',
			forwarding: { ringingMode: 'Simultaneously', rules: [{ index: 1, ringCount: 3, forwardingNumbers: [{ id: mobile.id }] }] },
			greetings: [{ type: 'Voicemail', preset: { id: '66560' } }],
			screening: 'UnknownCallerId',
		});
		const rule = created.items[0].json;
		expect(rule).toMatchObject({ type: 'Custom', name: 'VIP callers', enabled: true, screening: 'UnknownCallerId' });
		expect(rule.forwarding.rules[0].forwardingNumbers[0]).toMatchObject({ id: mobile.id, phoneNumber: mobile.phoneNumber, type: 'Mobile' });

		const read = await run(credential, { resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: rule.id });
		expect(read.items[0].json).toMatchObject({ id: rule.id, callers: [{ callerId: '+16505550123' }] });

		const removed = await run(credential, { resource: 'userAnsweringRule', operation: 'delete', accountId: '~', extensionId: '~', ruleId: rule.id });
		expect(removed.error).toBeUndefined();
		expect(removed.items[0].json).toEqual({ success: true });
		expect(apiCalls(since, 'deleteAnsweringRule')[0].status).toBe(204);
		const gone = await run(credential, { resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: rule.id });
		expect(gone.error?.message).toContain('CMN-102');
	});

	test('Greeting → Create for User uploads real WAV audio as RingCentral\'s form and applies it to the rule', async () => {
		const audio = wavTone({ seconds: 0.4 });
		const since = mark();
		const result = await run(
			credential,
			{
				resource: 'greeting',
				operation: 'createUser',
				accountId: '~',
				extensionId: '~',
				greetingType: 'Voicemail',
				answeringRuleId: 'after-hours-rule',
				binaryPropertyName: 'data',
			},
			{ items: [audioItem(audio, 'out-of-office.wav', 'audio/x-wav')] },
		);
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since, 'createCustomUserGreeting');
		expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(call.requestBody.parts).toEqual([
			{ name: 'type', contentType: 'text/plain; charset=UTF-8', size: 9, sha256: sha256(Buffer.from('Voicemail')) },
			{ name: 'answeringRuleId', contentType: 'text/plain; charset=UTF-8', size: 16, sha256: sha256(Buffer.from('after-hours-rule')) },
			{ name: 'binary', fileName: 'out-of-office.wav', contentType: 'audio/x-wav', size: audio.length, sha256: sha256(audio) },
		]);
		const greeting = result.items[0].json;
		expect(greeting).toMatchObject({ type: 'Voicemail', contentType: 'audio/wav', answeringRule: { id: 'after-hours-rule' } });
		const content = await fetch(greeting.contentUri, { headers: { Authorization: `Bearer ${await bearer()}` } });
		expect(content.headers.get('content-type')).toBe('audio/wav');
		expect(Buffer.from(await content.arrayBuffer()).equals(audio)).toBe(true);
		const rule = await run(credential, { resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: 'after-hours-rule' });
		expect(rule.items[0].json.greetings).toContainEqual({ type: 'Voicemail', custom: { id: greeting.id } });
	});
});

/** An access token of the admin, for reading greeting content the way a browser or player would. */
async function bearer(): Promise<string> {
	const response = await fetch(`${rc.emulator.url}/restapi/oauth/token`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: rc.emulator.oauth.issueJwt(admin()) }),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

describe('Business Hours', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt');
	});

	test('User → Get of a user on 24/7 reads an empty schedule', async () => {
		const result = await run(credential, { resource: 'userBusinessHours', operation: 'get', accountId: '~', extensionId: users()[5] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.schedule).toEqual({});
	});

	test('User → Update to 24 hours, 7 days sends an empty schedule', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'userBusinessHours',
			operation: 'update',
			accountId: '~',
			extensionId: users()[6],
			hours: 'always',
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({ schedule: {} });
		expect(result.items[0].json.schedule).toEqual({});
	});

	test('User → Update with an impossible time names the day and range and sends nothing', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'userBusinessHours',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			weeklySchedule: { monday: [{ from: '09:00', to: '17:00' }], tuesday: [{ from: '25:00', to: '26:00' }] },
		});
		expect(result.error?.message).toBe('Weekly Schedule, Tuesday range 1: "From" must be a time like 09:00 (24-hour clock), not "25:00"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('User → Update with overlapping ranges is refused by RingCentral naming the range', async () => {
		const result = await run(credential, {
			resource: 'userBusinessHours',
			operation: 'update',
			accountId: '~',
			extensionId: '~',
			weeklySchedule: { friday: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }] },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('schedule.weeklyRanges.friday[1]');
		expect(result.error?.httpCode).toBe('400');
	});

	test('User → Update without any range says what to add', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'userBusinessHours', operation: 'update', accountId: '~', extensionId: '~', weeklySchedule: {} });
		expect(result.error?.message).toContain('Add at least one time range under "Weekly Schedule"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Company → Get and Update (admin)', async () => {
		const read = await run(credential, { resource: 'companyBusinessHours', operation: 'get', accountId: '~' });
		expect(read.error).toBeUndefined();
		expect(read.items[0].json.schedule.weeklyRanges.monday).toEqual([{ from: '09:00', to: '17:00' }]);
		const since = mark();
		const updated = await run(credential, {
			resource: 'companyBusinessHours',
			operation: 'update',
			accountId: '~',
			weeklySchedule: { weekdays: [{ from: '08:30', to: '17:30' }], saturday: [{ from: '09:00', to: '12:00' }] },
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'updateCompanyBusinessHours', status: 200 });
		expect(updated.items[0].json.schedule.weeklyRanges).toMatchObject({
			friday: [{ from: '08:30', to: '17:30' }],
			saturday: [{ from: '09:00', to: '12:00' }],
		});
		expect(updated.items[0].json.schedule.weeklyRanges).not.toHaveProperty('sunday');
	});

	test('Company → Update by a user who is not an administrator fails with CMN-408', async () => {
		const user = await connect('oAuth2', users()[3]);
		const result = await run(user, {
			resource: 'companyBusinessHours',
			operation: 'update',
			accountId: '~',
			weeklySchedule: { monday: [{ from: '09:00', to: '17:00' }] },
		});
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('CMN-408');
		expect(result.error?.message).toContain('EditCompanyAnsweringRules');
	});
});

describe('Answering Rule (User)', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('oAuth2');
	});

	const base = { resource: 'userAnsweringRule', accountId: '~', extensionId: '~' };

	test('Get Many: the business-hours and after-hours rules, filters by type, view and limit', async () => {
		const all = await run(credential, { ...base, operation: 'getMany', returnAll: true });
		expect(all.error).toBeUndefined();
		const ids = all.items.map((i: any) => i.json.id);
		expect(ids).toEqual(expect.arrayContaining(['business-hours-rule', 'after-hours-rule']));
		expect(all.items.find((i: any) => i.json.id === 'business-hours-rule').json).toMatchObject({
			type: 'BusinessHours',
			callHandlingAction: 'ForwardCalls',
			schedule: { ref: 'BusinessHours' },
		});
		const since = mark();
		const limited = await run(credential, {
			...base,
			operation: 'getMany',
			returnAll: false,
			limit: 1,
			view: 'Simple',
			ruleFilters: { type: ['BusinessHours', 'AfterHours'], enabledOnly: true },
		});
		expect(limited.items).toHaveLength(1);
		expect(Object.keys(limited.items[0].json).sort()).toEqual(['enabled', 'id', 'name', 'type', 'uri']);
		const [call] = apiCalls(since);
		expect(call.query).toEqual({ perPage: '1', view: 'Simple', enabledOnly: 'true', type: ['BusinessHours', 'AfterHours'] });
	});

	test('Update changes only the chosen fields; the JSON body adds the rest and fields win', async () => {
		const created = await run(credential, {
			...base,
			operation: 'create',
			name: 'Front desk',
			// +16505551001 is the admin's direct number in the emulated company
			ruleFields: { calledNumbers: { number: [{ phoneNumber: '+16505551001' }] } },
		});
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id;
		const since = mark();
		const updated = await run(credential, {
			...base,
			operation: 'update',
			ruleId: id,
			updateFields: {
				name: 'Front desk (closed)',
				callHandlingAction: 'TakeMessagesOnly',
				jsonBody: JSON.stringify({ name: 'loses to the field', missedCall: { actionType: 'PlayGreetingAndDisconnect' }, voicemail: { enabled: true } }),
				voicemailRecipientId: users()[1],
			},
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({
			name: 'Front desk (closed)',
			callHandlingAction: 'TakeMessagesOnly',
			missedCall: { actionType: 'PlayGreetingAndDisconnect' },
			voicemail: { enabled: true, recipient: { id: users()[1] } },
		});
		expect(updated.items[0].json).toMatchObject({
			name: 'Front desk (closed)',
			callHandlingAction: 'TakeMessagesOnly',
			missedCall: { actionType: 'PlayGreetingAndDisconnect' },
			voicemail: { enabled: true, recipient: { id: users()[1] } },
		});
		await run(credential, { ...base, operation: 'delete', ruleId: id });
	});

	test('Create without any condition is refused with AWR-111', async () => {
		const result = await run(credential, { ...base, operation: 'create', name: 'Catch all', ruleFields: { callHandlingAction: 'TakeMessagesOnly' } });
		expect(result.error?.message).toContain('AWR-111');
		expect(result.error?.message).toContain('At least one condition should be specified');
	});

	test('Create with a standard greeting of another type is refused with AWR-123', async () => {
		const result = await run(credential, {
			...base,
			operation: 'create',
			name: 'Wrong preset',
			ruleFields: {
				callers: { caller: [{ callerId: '+16505550199', name: '' }] },
				greetings: { greeting: [{ type: 'Voicemail', presetId: '67072', customGreetingId: '' }] },
			},
		});
		expect(result.error?.message).toContain('AWR-123');
		expect(result.error?.message).toContain('greetings[0].preset.id');
	});

	test('Create with a greeting row naming neither a preset nor a custom greeting says which row', async () => {
		const since = mark();
		const result = await run(credential, {
			...base,
			operation: 'create',
			name: 'No greeting id',
			ruleFields: {
				callers: { caller: [{ callerId: '+16505550199', name: '' }] },
				greetings: { greeting: [{ type: 'Voicemail', presetId: '', customGreetingId: '' }] },
			},
		});
		expect(result.error?.message).toBe('Greetings row 1: enter either a standard greeting ID or a custom greeting ID');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Create with malformed JSON body names the field', async () => {
		const result = await run(credential, {
			...base,
			operation: 'create',
			name: 'Bad JSON',
			ruleFields: { callers: { caller: [{ callerId: '+16505550199', name: '' }] }, jsonBody: '{ "queue": ' },
		});
		expect(result.error?.message).toContain('Additional Body (JSON)');
	});

	test('Delete of the business-hours rule is refused with AWR-110', async () => {
		const result = await run(credential, { ...base, operation: 'delete', ruleId: 'business-hours-rule' });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('AWR-110');
	});

	test('Get of an unknown rule fails with CMN-102 naming ruleId', async () => {
		const result = await run(credential, { ...base, operation: 'get', ruleId: '424242', ruleReadOptions: { showInactiveNumbers: true } });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('ruleId');
	});

	test('Update without fields says what to add and sends nothing', async () => {
		const since = mark();
		const result = await run(credential, { ...base, operation: 'update', ruleId: 'business-hours-rule', updateFields: {} });
		expect(result.error?.message).toContain('Update Fields');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Update of a custom rule to an action the extension type cannot use names callHandlingAction', async () => {
		const result = await run(credential, {
			...base,
			operation: 'update',
			ruleId: 'business-hours-rule',
			updateFields: { callHandlingAction: 'AgentQueue' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('callHandlingAction');
	});
});

describe('Answering Rule (Company)', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt');
	});
	const base = { resource: 'companyAnsweringRule', accountId: '~' };

	test('Create, Get, Get Many, Update and Delete a holiday rule', async () => {
		const since = mark();
		const created = await run(credential, {
			...base,
			operation: 'create',
			name: 'Holiday closure',
			ruleFields: {
				dateRanges: { range: [{ from: '2026-12-24T00:00:00.000Z', to: '2026-12-27T00:00:00.000Z' }] },
				callHandlingAction: 'Disconnect',
				greetings: { greeting: [{ type: 'Company', presetId: '197120', customGreetingId: '' }] },
			},
		});
		expect(created.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({
			type: 'Custom',
			name: 'Holiday closure',
			schedule: { ranges: [{ from: '2026-12-24T00:00:00.000Z', to: '2026-12-27T00:00:00.000Z' }] },
			callHandlingAction: 'Disconnect',
			greetings: [{ type: 'Company', preset: { id: '197120' } }],
		});
		const id = created.items[0].json.id;
		expect(created.items[0].json).toMatchObject({ type: 'Custom', enabled: true, callHandlingAction: 'Disconnect' });

		const read = await run(credential, { ...base, operation: 'get', ruleId: id });
		expect(read.items[0].json.greetings[0]).toMatchObject({ type: 'Company', preset: { id: '197120', name: 'After Hours' } });

		const list = await run(credential, { ...base, operation: 'getMany', returnAll: true, companyRuleFilters: { type: ['Custom'] } });
		expect(list.items.map((i: any) => i.json.id)).toContain(id);
		expect(list.items.every((i: any) => i.json.type === 'Custom')).toBe(true);

		const updated = await run(credential, {
			...base,
			operation: 'update',
			ruleId: id,
			updateFields: { callHandlingAction: 'Bypass', bypassExtensionId: users()[2], calledNumbers: { number: [{ phoneNumber: '+16505550100' }] } },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ callHandlingAction: 'Bypass', extension: { id: users()[2] } });

		const removed = await run(credential, { ...base, operation: 'delete', ruleId: id });
		expect(removed.items[0].json).toEqual({ success: true });
	});

	test('Get Many with a limit reads one page of that size', async () => {
		const since = mark();
		const result = await run(credential, { ...base, operation: 'getMany', returnAll: false, limit: 1 });
		expect(result.items).toHaveLength(1);
		expect(apiCalls(since)[0].query).toEqual({ perPage: '1' });
	});

	test('Bypass without an extension is refused with AWR-172', async () => {
		const result = await run(credential, {
			...base,
			operation: 'create',
			name: 'Straight to sales',
			ruleFields: { callers: { caller: [{ callerId: '+16505550123', name: '' }] }, callHandlingAction: 'Bypass' },
		});
		expect(result.error?.message).toContain('AWR-172');
	});

	test('a user who is not an administrator cannot create company rules (CMN-408)', async () => {
		const user = await connect('jwt', users()[4]);
		const result = await run(user, {
			...base,
			operation: 'create',
			name: 'Mine',
			ruleFields: { callers: { caller: [{ callerId: '+16505550123', name: '' }] } },
		});
		expect(result.error?.message).toContain('CMN-408');
	});

	test('an action outside the spec\'s enum is refused with CMN-101 naming callHandlingAction', async () => {
		const result = await run(credential, {
			...base,
			operation: 'update',
			ruleId: 'after-hours-rule',
			updateFields: { callHandlingAction: '={{ "ForwardCalls" }}' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('callHandlingAction');
		expectRejected('updateCompanyAnsweringRule');
	});
});

describe('Forwarding Number', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt', users()[7]);
	});
	const base = { resource: 'forwardingNumber', accountId: '~', extensionId: '~' };

	test('Get Many, Create, Get, Update and Delete', async () => {
		const list = await run(credential, { ...base, operation: 'getMany', returnAll: true });
		expect(list.items.map((i: any) => i.json.type)).toEqual(['Mobile', 'PhoneLine']);
		const since = mark();
		const created = await run(credential, {
			...base,
			operation: 'create',
			phoneNumber: '+14155550777',
			type: 'Home',
			additionalFields: { flipNumber: 3 },
		});
		expect(created.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({ phoneNumber: '+14155550777', type: 'Home', flipNumber: 3 });
		const number = created.items[0].json;
		expect(number).toMatchObject({ label: 'Home', type: 'Home', flipNumber: '3', features: ['CallFlip', 'CallForwarding'] });

		const read = await run(credential, { ...base, operation: 'get', forwardingNumberId: number.id });
		expect(read.items[0].json.phoneNumber).toBe('+14155550777');

		const before = mark();
		const updated = await run(credential, {
			...base,
			operation: 'update',
			forwardingNumberId: number.id,
			updateFields: { type: 'Other', label: 'Lake cabin', flipNumber: 4 },
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(before)[0].requestBody).toEqual({ type: 'Other', label: 'Lake cabin', flipNumber: '4' });
		expect(updated.items[0].json).toMatchObject({ label: 'Lake cabin', flipNumber: '4' });

		const removed = await run(credential, { ...base, operation: 'delete', forwardingNumberId: number.id });
		expect(removed.items[0].json).toEqual({ success: true });
	});

	test('Create with a number that is not E.164 fails with CMN-101 naming phoneNumber', async () => {
		const result = await run(credential, { ...base, operation: 'create', phoneNumber: '555-0199', type: 'Mobile' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('phoneNumber');
	});

	test('Delete of a device number is refused with FPN-107', async () => {
		const list = await run(credential, { ...base, operation: 'getMany', returnAll: true });
		const device = list.items.find((i: any) => i.json.type === 'PhoneLine').json;
		const result = await run(credential, { ...base, operation: 'delete', forwardingNumberId: device.id });
		expect(result.error?.message).toContain('FPN-107');
	});

	test('a call queue has no forwarding numbers (CMN-403)', async () => {
		const admin = await connect('oAuth2');
		const result = await run(admin, { ...base, operation: 'getMany', extensionId: rc.emulator.state.ids.supportQueue, returnAll: true });
		expect(result.error?.message).toContain('CMN-403');
	});
});

describe('Caller Blocking and Blocked/Allowed Numbers', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('oAuth2', users()[8]);
	});
	const blocking = { resource: 'callerBlocking', accountId: '~', extensionId: '~' };
	const numbers = { resource: 'blockedNumber', accountId: '~', extensionId: '~' };

	test('Caller Blocking → Get Settings and Update Settings', async () => {
		const read = await run(credential, { ...blocking, operation: 'get' });
		expect(read.items[0].json).toMatchObject({ mode: 'Specific', noCallerId: 'Allow', payPhones: 'Allow' });
		const since = mark();
		const updated = await run(credential, {
			...blocking,
			operation: 'update',
			blockingUpdateFields: {
				payPhones: 'Block',
				noCallerId: 'BlockCallsAndFaxes',
				greetings: { greeting: [{ type: 'BlockedPayPhones', presetId: '328448' }] },
			},
		});
		expect(updated.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({
			payPhones: 'Block',
			noCallerId: 'BlockCallsAndFaxes',
			greetings: [{ type: 'BlockedPayPhones', preset: { id: '328448' } }],
		});
		expect(updated.items[0].json).toMatchObject({ payPhones: 'Block', noCallerId: 'BlockCallsAndFaxes' });
	});

	test('Caller Blocking → Update with a greeting that is not for blocked calls fails with CMN-101 naming greetings', async () => {
		const result = await run(credential, {
			...blocking,
			operation: 'update',
			blockingUpdateFields: { greetings: { greeting: [{ type: 'BlockedCallersAll', presetId: '66560' }] } },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('(field: greetings)');
	});

	test('Blocked/Allowed Number → Get Many reads one list at a time', async () => {
		const blocked = await run(credential, { ...numbers, operation: 'getMany', returnAll: true });
		expect(blocked.items.map((i: any) => i.json.status)).toEqual(['Blocked', 'Blocked']);
		const since = mark();
		const allowed = await run(credential, { ...numbers, operation: 'getMany', status: 'Allowed', returnAll: false, limit: 10 });
		expect(allowed.items.map((i: any) => i.json.phoneNumber)).toEqual(['+16505550123']);
		expect(apiCalls(since)[0].query).toEqual({ status: 'Allowed', perPage: '10' });
	});

	test('Blocked/Allowed Number → Create, Get, Update (move to the allowed list) and Delete', async () => {
		const created = await run(credential, { ...numbers, operation: 'create', phoneNumber: '+13125550142', status: 'Blocked', label: 'Survey calls' });
		expect(created.error).toBeUndefined();
		const entry = created.items[0].json;
		expect(entry).toMatchObject({ phoneNumber: '+13125550142', status: 'Blocked', label: 'Survey calls' });
		const read = await run(credential, { ...numbers, operation: 'get', blockedNumberId: entry.id });
		expect(read.items[0].json.id).toBe(entry.id);
		const updated = await run(credential, { ...numbers, operation: 'update', blockedNumberId: entry.id, updateFields: { status: 'Allowed' } });
		expect(updated.items[0].json.status).toBe('Allowed');
		const allowed = await run(credential, { ...numbers, operation: 'getMany', status: 'Allowed', returnAll: true });
		expect(allowed.items.map((i: any) => i.json.id)).toContain(entry.id);
		const removed = await run(credential, { ...numbers, operation: 'delete', blockedNumberId: entry.id });
		expect(removed.items[0].json).toEqual({ success: true });
	});

	test('Blocked/Allowed Number → Create with an invalid number fails with CMN-101 naming phoneNumber', async () => {
		const since = mark();
		const result = await run(credential, { ...numbers, operation: 'create', phoneNumber: 'anonymous', status: 'Blocked', label: '' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('phoneNumber');
		expect(apiCalls(since)[0].requestBody).toEqual({ phoneNumber: 'anonymous', status: 'Blocked' });
	});

	test('Blocked/Allowed Number → Update of an unknown entry fails with CMN-102', async () => {
		const result = await run(credential, { ...numbers, operation: 'update', blockedNumberId: '777', updateFields: { label: 'x' } });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('blockedNumberId');
	});
});

describe('Greeting', () => {
	let credential: Credential;
	beforeAll(async () => {
		credential = await connect('jwt');
	});
	const upload = { resource: 'greeting', accountId: '~', binaryPropertyName: 'data' };

	test('Create for User with MP3 audio, stored without applying it to the rule', async () => {
		const audio = mp3({ seconds: 0.8 });
		const before = await run(credential, { resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: 'business-hours-rule' });
		const since = mark();
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: 'HoldMusic', answeringRuleId: 'business-hours-rule', greetingOptions: { apply: false } },
			{ items: [audioItem(audio, 'hold.mp3', 'audio/mpeg')] },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ query: { apply: 'false' }, status: 200 });
		expect(result.items[0].json).toMatchObject({ type: 'HoldMusic', contentType: 'audio/mpeg' });
		const after = await run(credential, { resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: 'business-hours-rule' });
		expect(after.items[0].json.greetings).toEqual(before.items[0].json.greetings);
	});

	test('Create for User labels audio read from disk without an audio MIME type by its extension', async () => {
		const audio = wavTone({ seconds: 0.2 });
		const since = mark();
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: 'Introductory', answeringRuleId: 'business-hours-rule' },
			{ items: [audioItem(audio, 'intro.wav', 'application/octet-stream')] },
		);
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody.parts[2]).toMatchObject({ name: 'binary', contentType: 'audio/wav' });
	});

	test('Create for User with an empty audio binary fails before sending anything', async () => {
		const since = mark();
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: 'Voicemail', answeringRuleId: 'business-hours-rule' },
			{ items: [audioItem(Buffer.alloc(0), 'empty.wav', 'audio/wav')] },
		);
		expect(result.error?.message).toBe('The binary property "data" is empty');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Create for User without the binary property names it', async () => {
		const result = await run(credential, {
			...upload,
			operation: 'createUser',
			extensionId: '~',
			greetingType: 'Voicemail',
			answeringRuleId: 'business-hours-rule',
			binaryPropertyName: 'recording',
		});
		expect(result.error?.message).toBe('The input item has no binary property "recording"');
	});

	test('Create for User with a greeting type the spec rejects fails with CMN-101 naming type', async () => {
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: '={{ "Company" }}', answeringRuleId: 'business-hours-rule' },
			{ items: [audioItem(wavTone(), 'company.wav', 'audio/wav')] },
		);
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('(field: type)');
		expectRejected('createCustomUserGreeting');
	});

	test('Create for User with a file that is not audio is refused with AWR-129', async () => {
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: 'Voicemail', answeringRuleId: 'business-hours-rule' },
			{ items: [audioItem(Buffer.from('This is not a recording.'), 'notes.wav', 'audio/wav')] },
		);
		expect(result.error?.message).toContain('AWR-129');
		expect(result.error?.message).toContain('Invalid attachment media type');
	});

	test('Create for User on an unknown rule fails with CMN-102 naming answeringRule.id', async () => {
		const result = await run(
			credential,
			{ ...upload, operation: 'createUser', extensionId: '~', greetingType: 'Voicemail', answeringRuleId: '31337' },
			{ items: [audioItem(wavTone(), 'vm.wav', 'audio/wav')] },
		);
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('answeringRule.id');
	});

	test('Create for Company uploads a company greeting and applies it to the company rule', async () => {
		const audio = wavTone({ seconds: 0.3, frequency: 660 });
		const since = mark();
		const result = await run(
			credential,
			{ ...upload, operation: 'createCompany', greetingType: 'Company', answeringRuleId: 'after-hours-rule' },
			{ items: [audioItem(audio, 'closed.wav', 'audio/wav')] },
		);
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since, 'createCompanyGreeting');
		expect(call.requestBody.parts.map((p: any) => p.name)).toEqual(['type', 'answeringRuleId', 'binary']);
		expect(call.requestBody.parts[2].sha256).toBe(sha256(audio));
		const greeting = result.items[0].json;
		expect(greeting).toMatchObject({ type: 'Company', contentType: 'audio/wav', answeringRule: { id: 'after-hours-rule' } });
		const rule = await run(credential, { resource: 'companyAnsweringRule', operation: 'get', accountId: '~', ruleId: 'after-hours-rule' });
		expect(rule.items[0].json.greetings).toEqual([{ type: 'Company', custom: { id: greeting.id } }]);
	});

	test('Create for Company with a user greeting type is refused with CMN-101 naming type', async () => {
		const result = await run(
			credential,
			{ ...upload, operation: 'createCompany', greetingType: '={{ "Voicemail" }}', answeringRuleId: '' },
			{ items: [audioItem(wavTone(), 'vm.wav', 'audio/wav')] },
		);
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('(field: type)');
		expectRejected('createCompanyGreeting');
	});

	test('Get Many Standard with filters and a limit; Get Standard by ID', async () => {
		const since = mark();
		const music = await run(credential, {
			resource: 'greeting',
			operation: 'getManyStandard',
			returnAll: false,
			limit: 2,
			standardGreetingFilters: { type: 'HoldMusic', usageType: 'UserExtensionAnsweringRule' },
		});
		expect(music.error).toBeUndefined();
		expect(music.items.map((i: any) => i.json.name)).toEqual(['Acoustic', 'Jazz']);
		expect(apiCalls(since)[0].query).toEqual({ type: 'HoldMusic', usageType: 'UserExtensionAnsweringRule', perPage: '2' });
		const all = await run(credential, { resource: 'greeting', operation: 'getManyStandard', returnAll: true });
		expect(all.items.length).toBeGreaterThan(20);
		const one = await run(credential, { resource: 'greeting', operation: 'getStandard', greetingId: '66560' });
		expect(one.items[0].json).toMatchObject({ id: '66560', type: 'Voicemail', usageType: 'UserExtensionAnsweringRule', category: 'Message' });
	});

	test('Get Standard of an unknown greeting fails with CMN-102 naming greetingId', async () => {
		const result = await run(credential, { resource: 'greeting', operation: 'getStandard', greetingId: '1' });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('greetingId');
	});

	test('Get Many Standard with a usage type the spec does not know fails with CMN-101', async () => {
		const result = await run(credential, {
			resource: 'greeting',
			operation: 'getManyStandard',
			returnAll: true,
			standardGreetingFilters: { usageType: '={{ "Everything" }}' },
		});
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('usageType');
		expectRejected('listStandardGreetings');
	});
});

describe('Call Handling: pairing and recovery', () => {
	test('continue on fail keeps each item paired, failures carrying RingCentral\'s code', async () => {
		const credential = await connect('oAuth2');
		const items = [{ json: { rule: 'business-hours-rule' } }, { json: { rule: 'nope' } }, { json: { rule: 'after-hours-rule' } }];
		const result = await run(
			credential,
			{ resource: 'userAnsweringRule', operation: 'get', accountId: '~', extensionId: '~', ruleId: '={{ $json.rule }}' },
			{ items, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toMatchObject({ details: { errorCode: 'CMN-102', httpStatus: 404, parameterName: 'ruleId' } });
		expect(result.items[2].json.id).toBe('after-hours-rule');
	});

	test('local input errors are paired too under continue on fail', async () => {
		const credential = await connect('jwt');
		const items = [{ json: { from: '09:00' } }, { json: { from: 'noon' } }];
		const result = await run(
			credential,
			{
				resource: 'userBusinessHours',
				operation: 'update',
				accountId: '~',
				extensionId: users()[9],
				weeklySchedule: { monday: [{ from: '={{ $json.from }}', to: '17:00' }] },
			},
			{ items, continueOnFail: true },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.schedule.weeklyRanges.monday).toEqual([{ from: '09:00', to: '17:00' }]);
		expect(result.items[1]).toMatchObject({ pairedItem: { item: 1 }, json: { error: expect.stringContaining('"noon"') } });
	});

	test('a 503 on the upload is retried with the same multipart body', async () => {
		const credential = await connect('jwt');
		rc.emulator.faults.add({ kind: '503', count: 1, retryAfter: 1, operationId: 'createCompanyGreeting' });
		const audio = wavTone({ seconds: 0.1 });
		const since = mark();
		const result = await run(
			credential,
			{ resource: 'greeting', operation: 'createCompany', accountId: '~', greetingType: 'StartRecording', answeringRuleId: '', binaryPropertyName: 'data' },
			{ items: [audioItem(audio, 'start.wav', 'audio/wav')] },
		);
		expect(result.error).toBeUndefined();
		const calls = apiCalls(since, 'createCompanyGreeting');
		expect(calls.map((c: any) => c.status)).toEqual([503, 200]);
		expect(calls[1].requestBody.parts.map((p: any) => p.name)).toEqual(['type', 'binary']);
		expect(calls[1].requestBody.parts[1].sha256).toBe(sha256(audio));
	});
});
