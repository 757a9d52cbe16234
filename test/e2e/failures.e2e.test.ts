/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
/**
 * Failed items, partial batches and dates in a real n8n, with workflows built as the editor builds
 * them (Settings → On Error, both outputs wired, expressions such as {{ $now.minus({days: 3}) }}).
 */
import { control, journal, mark } from './client';
import { publish } from './published';

let users: string[];
let queueId: string;
let adminNumber: string;

beforeAll(async () => {
	const demo = await control('GET', '/demo');
	users = demo.extensions.filter((e: any) => e.type === 'User').map((e: any) => e.id);
	queueId = demo.ids.supportQueue;
	adminNumber = '+16505551001';
});

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
	await control('DELETE', '/faults');
});

describe('"Continue (using error output)" in real n8n', () => {
	test('failed items go to the error output with their input; the others to the main output, each paired', async () => {
		const flow = await publish({
			node: 'ringCentralPresence',
			parameters: { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			onError: 'continueErrorOutput',
		});
		const answer = await flow.run([{ ext: users[0], row: 'a' }, { ext: '404404', row: 'b' }, { ext: users[1], row: 'c' }]);
		expect(answer.status).toBe(200);
		const { main, error } = await flow.delivered();
		expect(main.map((d) => [d.input.row, String(d.item.extension.id)])).toEqual([
			['a', users[0]],
			['c', users[1]],
		]);
		expect(error).toHaveLength(1);
		expect(error[0].input).toEqual({ ext: '404404', row: 'b' });
		expect(error[0].item).toMatchObject({
			ext: '404404',
			row: 'b',
			error: 'RingCentral answered 404: [CMN-102] Resource for parameter [extensionId] is not found (field: extensionId)',
			details: {
				httpStatus: 404,
				errorCode: 'CMN-102',
				parameterName: 'extensionId',
				hint: expect.stringContaining('RingCentral has no extension with this ID (extensionId) that the signed-in user can reach.'),
			},
		});
	});

	test('a retired operation goes to the error output too', async () => {
		const flow = await publish({ node: 'ringCentralVideo', parameters: { resource: 'meetingBridge', operation: 'endMeeting' }, onError: 'continueErrorOutput' });
		await flow.run([{ meeting: 'standup' }]);
		const { main, error } = await flow.delivered();
		expect(main).toEqual([]);
		expect(error).toHaveLength(1);
		expect(error[0].item).toMatchObject({
			meeting: 'standup',
			error: expect.stringContaining('Ending a meeting is no longer possible'),
			details: { retiredEndpoint: 'POST /restapi/v1.0/account/{accountId}/extension/{extensionId}/meeting/{meetingId}/end' },
		});
	});

	test('"Continue (regular output)" keeps failed items in the main output, paired with their input', async () => {
		const flow = await publish({
			node: 'ringCentralPresence',
			parameters: { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '={{ $json.ext }}' },
			onError: 'continueRegularOutput',
		});
		await flow.run([{ ext: '404404', row: 'a' }, { ext: users[2], row: 'b' }]);
		const { main } = await flow.delivered();
		expect(main.map((d) => d.input.row)).toEqual(['a', 'b']);
		expect(main[0].item).toMatchObject({ error: expect.stringContaining('[CMN-102]'), details: { httpStatus: 404 } });
		expect(String(main[1].item.extension.id)).toBe(users[2]);
	});
});

describe('what to do about an error, in real n8n', () => {
	test('SMS from a colleague\'s number: the failed execution\'s error says which numbers can send, looked up by the node', async () => {
		const flow = await publish({
			node: 'ringCentralMessaging',
			parameters: { resource: 'sms', operation: 'send', accountId: '~', extensionId: '~', from: '+16505551002', to: '+14155550142', text: 'Hello' },
		});
		const since = await mark();
		expect((await flow.run()).status).toBe(500);
		const { error } = await flow.lastExecution();
		expect(error?.message).toContain('[MSG-304 / FeatureNotAvailable]');
		expect(error?.description).toContain('the From number is not one of them.');
		expect(error?.description).toContain(`Numbers of this user that can send SMS: ${adminNumber} (direct number), +16505551099 (Support line).`);
		const sent = (await journal(since)).filter((r: any) => r.operationId !== 'getToken');
		expect(sent.map((r: any) => [r.operationId, r.status])).toEqual([
			['createSMSMessage', 403],
			['listExtensionPhoneNumbers', 200],
		]);
	});
});

describe('batches in real n8n', () => {
	test('31 IDs whose 31st is unknown: the 30 records and one failed ID, not a failed node', async () => {
		const flow = await publish({
			node: 'ringCentralPresence',
			parameters: { resource: 'userPresence', operation: 'getMany', accountId: '~', extensionIds: '={{ $json.ids }}' },
		});
		// The demo company has fewer than 30 users: known ones repeat.
		const known = Array.from({ length: 30 }, (_, index) => users[index % users.length]);
		const since = await mark();
		const answer = await flow.run([{ ids: [...known, '313131'].join(',') }]);
		expect(answer.status).toBe(200);
		expect((await journal(since, 'readUserPresenceStatus')).map((r) => r.status)).toEqual([207, 404]);
		const { main } = await flow.delivered();
		expect(main).toHaveLength(31);
		expect(main.slice(0, 30).map((d) => String(d.item.extension.id))).toEqual(known);
		expect(main[30].item).toMatchObject({ details: { extensionId: '313131', httpStatus: 404, errorCode: 'CMN-102' } });
	});

	test('Call Queue Presence → Get gives one item per member', async () => {
		const flow = await publish({ node: 'ringCentralPresence', parameters: { resource: 'callQueuePresence', operation: 'get', accountId: '~', callQueueId: queueId } });
		await flow.run();
		const { main } = await flow.delivered();
		expect(main.length).toBeGreaterThan(1);
		for (const { item } of main) expect(item).toEqual(expect.objectContaining({ member: expect.objectContaining({ id: expect.any(String) }) }));
	});
});

describe('dates in real n8n', () => {
	const listMessages = (dateFrom: string, settings?: Record<string, any>) =>
		publish({
			node: 'ringCentralMessaging',
			parameters: { resource: 'message', operation: 'getMany', accountId: '~', extensionId: '~', returnAll: false, limit: 1, filters: { dateFrom } },
			settings,
		});

	test('Date From = {{ $now.minus({days: 3}) }} (a Luxon DateTime) is sent', async () => {
		const flow = await listMessages('={{ $now.minus({days: 3}) }}');
		const since = await mark();
		expect((await flow.run()).status).toBe(200);
		const [request] = await journal(since, 'listMessages');
		expect(Math.abs(Date.parse(request.query.dateFrom) - (Date.now() - 3 * 86_400_000))).toBeLessThan(120_000);
	});

	test('Call Log → Get Many with Date From = {{ $now.minus({days: 3}) }} sends it', async () => {
		const flow = await publish({
			node: 'ringCentralCallLog',
			parameters: { resource: 'callRecord', operation: 'getMany', accountId: '~', extensionId: '~', returnAll: false, limit: 1, filters: { dateFrom: '={{ $now.minus({days: 3}) }}' } },
		});
		const since = await mark();
		expect((await flow.run()).status).toBe(200);
		const [request] = await journal(since, 'readUserCallLog');
		expect(Math.abs(Date.parse(request.query.dateFrom) - (Date.now() - 3 * 86_400_000))).toBeLessThan(120_000);
	});

	test.each(['31/12/2024', 'yesterday'])('Date From "%s" fails naming the field, and nothing is sent', async (dateFrom) => {
		const flow = await listMessages(dateFrom);
		const since = await mark();
		expect((await flow.run()).status).toBe(500);
		const execution = await flow.lastExecution();
		expect(execution.status).toBe('error');
		expect(execution.error?.message).toBe(`Date From: "${dateFrom}" is not a date`);
		expect(await journal(since, 'listMessages')).toEqual([]);
	});

	test('Fax → Send At "tomorrow 9am" fails naming the field instead of faxing at once', async () => {
		const flow = await publish({
			node: 'ringCentralMessaging',
			parameters: { resource: 'fax', operation: 'send', accountId: '~', extensionId: '~', to: '+12125550199', binaryProperties: 'data', faxOptions: { sendTime: 'tomorrow 9am' } },
		});
		const since = await mark();
		const document = { data: Buffer.from('Quarterly order form').toString('base64'), mimeType: 'text/plain', fileName: 'order.txt' };
		await flow.run([{ binary: { data: document } }]);
		expect((await flow.lastExecution()).error?.message).toBe('Send At: "tomorrow 9am" is not a date');
		expect(await journal(since, 'createFaxMessage')).toEqual([]);
	});

	test('a date-picker value without a zone is read in the workflow\'s time zone', async () => {
		const flow = await listMessages('2026-11-20T09:00:00', { timezone: 'Europe/Berlin' });
		const since = await mark();
		await flow.run();
		const [request] = await journal(since, 'listMessages');
		expect(request.query.dateFrom).toBe('2026-11-20T08:00:00.000Z');
	});
});

describe('answers that are not what they seem, in real n8n', () => {
	const sendSms = (onError?: 'continueErrorOutput') =>
		publish({
			node: 'ringCentralMessaging',
			parameters: { resource: 'sms', operation: 'send', accountId: '~', extensionId: '~', from: adminNumber, to: '+14155550142', text: '={{ $json.text }}' },
			onError,
		});

	test('a 200 that is not JSON (a proxy\'s page) is a failed item, not {"success": true}; the SMS that went out is not sent again', async () => {
		const flow = await sendSms('continueErrorOutput');
		await control('POST', '/faults', { kind: 'html', operationId: 'createSMSMessage' });
		const since = await mark();
		await flow.run([{ text: 'Behind a captive portal' }]);
		const { main, error } = await flow.delivered();
		expect(main).toEqual([]);
		expect(error[0].item).toMatchObject({ error: expect.stringMatching(/^RingCentral answered 200 \(text\/html\) with something that is not JSON/) });
		expect(await journal(since, 'createSMSMessage')).toHaveLength(1);
	});

	test('a connection dropped after the SMS went out: the outcome is unknown, never "retry immediately", not sent twice', async () => {
		const flow = await sendSms();
		await control('POST', '/faults', { kind: 'resetAfter', operationId: 'createSMSMessage' });
		const since = await mark();
		await flow.run([{ text: 'Sent, but the answer was lost' }]);
		const { error } = await flow.lastExecution();
		expect(error?.message).toBe('The connection to RingCentral failed before it answered: the connection was reset');
		expect(error?.description).toContain('may have carried the request out');
		expect(JSON.stringify(error)).not.toMatch(/retry the request immediately/i);
		expect(await journal(since, 'createSMSMessage')).toHaveLength(1);
	});
});
