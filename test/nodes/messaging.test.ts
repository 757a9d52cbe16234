/* eslint-disable @typescript-eslint/no-explicit-any -- assertions walk RingCentral JSON of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralMessaging } from '../../nodes/RingCentralMessaging/RingCentralMessaging.node';
import { messageStoreOf } from '../../tools/emulator/areas/messaging';
import { handleControl } from '../../tools/emulator/control';
import { pdf } from '../../tools/emulator/media';
import { directNumberOf } from '../../tools/emulator/telephony';
import { useRingCentral } from '../harness/ringcentral';

const rc = useRingCentral({
	nodeTypes: [RingCentralMessaging],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: 12, rateLimits: { windowSeconds: 1 } },
});

type Auth = 'oAuth2' | 'jwt';
type Credential = { type: string; id: string };
type Item = { json: Record<string, unknown>; binary?: Record<string, unknown> };

const DAY_MS = 24 * 3600_000;
const monthAgo = () => new Date(Date.now() - 31 * DAY_MS).toISOString();
const users = () => rc.emulator.state.users as string[];
const mark = () => rc.emulator.sequence as number;
const numberOf = (extensionId: string) => directNumberOf(rc.emulator.state, extensionId) as string;
const mailbox = (extensionId: string) => [...messageStoreOf(rc.emulator).mailbox(extensionId).values()] as any[];
/** The bytes the emulator keeps for an attachment. */
const contentOf = (attachmentId: number) => (messageStoreOf(rc.emulator).content.get(attachmentId) as any).data as Buffer;

const connect = (auth: Auth, extensionId: string): Promise<Credential> => rc.connect(auth, extensionId, { once: true });

const run = rc.runner('ringCentralMessaging', { accountId: '~', extensionId: '~' });

/** API requests (OAuth endpoints excluded) recorded since `since`. */
function apiCalls(since: number, operationId?: string) {
	return rc.emulator.journal({ since, operationId }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}

const binaryItem = (data: Buffer, mimeType: string, fileName: string, property = 'data'): Item => ({
	json: {},
	binary: { [property]: { data: data.toString('base64'), mimeType, fileName } },
});

/** Main paths with both credential types; each run signs in as its own user so mailboxes do not mix. */
describe.each<[Auth, number]>([
	['oAuth2', 1],
	['jwt', 2],
])('Messaging node with %s credentials', (auth, userIndex) => {
	let credential: Credential;
	let me: string;

	beforeAll(async () => {
		me = users()[userIndex];
		credential = await connect(auth, me);
	});

	test('SMS → Send texts two numbers from the user\'s own number; a colleague receives it', async () => {
		const colleague = users()[7];
		const since = mark();
		const result = await run(credential, {
			resource: 'sms',
			operation: 'send',
			from: numberOf(me),
			to: `+1 (415) 555-0142, ${numberOf(colleague)}`,
			text: 'Your order #4821 is ready.',
			smsOptions: { countryIsoCode: 'us' },
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'POST', operationId: 'createSMSMessage', status: 200 });
		expect(call.requestBody).toEqual({
			from: { phoneNumber: numberOf(me) },
			to: [{ phoneNumber: '+14155550142' }, { phoneNumber: numberOf(colleague) }],
			text: 'Your order #4821 is ready.',
			country: { isoCode: 'US' },
		});
		expect(result.items).toHaveLength(1);
		const sent = result.items[0].json;
		expect(sent).toMatchObject({ type: 'SMS', direction: 'Outbound', messageStatus: 'Queued', subject: 'Your order #4821 is ready.' });
		expect(sent.to.map((t: any) => t.phoneNumber)).toEqual(['+14155550142', numberOf(colleague)]);
		const received = mailbox(colleague).find((m) => m.direction === 'Inbound' && m.subject === 'Your order #4821 is ready.' && m.from.phoneNumber === numberOf(me));
		expect(received).toMatchObject({ type: 'SMS', readStatus: 'Unread', messageStatus: 'Received' });
		const instant = rc.emulator.events.find((e: any) => e.event.endsWith(`/extension/${colleague}/message-store/instant?type=SMS`) && e.body.id === received.id);
		expect(instant).toBeDefined();
	});

	test('SMS → Send to a number that is not E.164 fails with CMN-101 naming the recipient', async () => {
		const result = await run(credential, { resource: 'sms', operation: 'send', from: numberOf(me), to: '555-CALL', text: 'hi' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('to[0].phoneNumber');
		expect(result.error?.httpCode).toBe('400');
	});

	test('Message → Get Many with filters sends them as repeated keys and returns simplified matches', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'message',
			operation: 'getMany',
			returnAll: true,
			filters: { messageType: ['SMS', 'VoiceMail'], direction: ['Inbound'], dateFrom: monthAgo() },
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call.query).toMatchObject({ messageType: ['SMS', 'VoiceMail'], direction: 'Inbound', perPage: '1000' });
		expect(Date.parse(call.query.dateFrom)).toBeGreaterThan(Date.now() - 32 * DAY_MS);
		const expected = mailbox(me).filter((m) => ['SMS', 'VoiceMail'].includes(m.type) && m.direction === 'Inbound' && m.availability === 'Alive');
		expect(result.items).toHaveLength(expected.length);
		for (const { json } of result.items) {
			expect(Object.keys(json).sort()).toEqual(
				expect.arrayContaining(['id', 'type', 'direction', 'creationTime', 'from', 'to', 'readStatus', 'attachments']),
			);
			expect(json).not.toHaveProperty('uri');
			expect(['SMS', 'VoiceMail']).toContain(json.type);
			expect(json.direction).toBe('Inbound');
		}
		const times = result.items.map((i: any) => Date.parse(i.json.creationTime));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	test('Message → Download Attachment returns a voicemail\'s audio byte for byte as binary data', async () => {
		const voicemail = mailbox(me).find((m) => m.type === 'VoiceMail');
		const audio = voicemail.attachments.find((a: any) => a.type === 'AudioRecording');
		const since = mark();
		const result = await run(credential, {
			resource: 'message',
			operation: 'downloadAttachment',
			messageId: String(voicemail.id),
			attachmentId: String(audio.id),
			binaryPropertyName: 'voicemail',
		});
		expect(result.error).toBeUndefined();
		const expected = contentOf(audio.id);
		const binary = (result.items[0] as any).binary.voicemail;
		expect(binary).toMatchObject({ mimeType: 'audio/wav', fileName: 'voicemail.wav' });
		expect(Buffer.from(binary.data, 'base64').equals(expected)).toBe(true);
		expect(expected.subarray(0, 4).toString()).toBe('RIFF');
		expect(result.items[0].json).toEqual({ fileName: 'voicemail.wav', mimeType: 'audio/wav', fileSize: expected.length });
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'readMessageContent', status: 200 });
	});
});

describe('Messaging node: SMS and pager', () => {
	let admin: Credential;

	beforeAll(async () => {
		admin = await connect('jwt', users()[0]);
	});

	test('SMS → Send from a number that is not the user\'s fails with MSG-304 (403)', async () => {
		const result = await run(admin, { resource: 'sms', operation: 'send', from: numberOf(users()[5]), to: '+14155550142', text: 'hi' });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('MSG-304');
		expect(result.error?.message).toContain('from.phoneNumber');
	});

	test('SMS → Send without recipients says so and sends nothing', async () => {
		const since = mark();
		const result = await run(admin, { resource: 'sms', operation: 'send', from: numberOf(users()[0]), to: ' , ', text: 'hi' });
		expect(result.error?.message).toContain('Enter at least one value in "To"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Pager Message → Send reaches a colleague and every member of a call queue', async () => {
		const state = rc.emulator.state;
		const since = mark();
		const result = await run(admin, {
			resource: 'pagerMessage',
			operation: 'send',
			toExtensionNumbers: '106, 200',
			text: 'Fire drill at 3 pm.',
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({
			to: [{ extensionNumber: '106' }, { extensionNumber: '200' }],
			text: 'Fire drill at 3 pm.',
		});
		expect(result.items[0].json).toMatchObject({ type: 'Pager', direction: 'Outbound', pgToDepartment: true });
		const readers = [users()[5], ...state.callQueues.get(state.ids.supportQueue).members.keys()].filter((id) => id !== users()[0]);
		for (const reader of readers) {
			expect(mailbox(reader).some((m) => m.type === 'Pager' && m.subject === 'Fire drill at 3 pm.' && m.direction === 'Inbound')).toBe(true);
		}
	});

	test('Pager Message → Send with Reply To Message ID answers the sender of that message', async () => {
		const original = mailbox(users()[0]).find((m) => m.type === 'Pager' && m.direction === 'Inbound');
		const since = mark();
		const result = await run(admin, {
			resource: 'pagerMessage',
			operation: 'send',
			text: 'On my way.',
			pagerOptions: { replyOn: String(original.id) },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].requestBody).toEqual({ text: 'On my way.', replyOn: original.id });
		expect(result.items[0].json.to[0].extensionId).toBe(original.from.extensionId);
	});

	test('Pager Message → Send to an unknown extension number fails with CMN-102', async () => {
		const result = await run(admin, { resource: 'pagerMessage', operation: 'send', toExtensionNumbers: '999', text: 'hello?' });
		expect(result.error?.message).toContain('CMN-102');
		expect(result.error?.message).toContain('to[0].extensionNumber');
	});
});

describe('Messaging node: fax', () => {
	let admin: Credential;
	const order = pdf(['Purchase order 9001', 'Two pages of headsets']);
	const note = Buffer.from('Please confirm delivery date.\n');

	beforeAll(async () => {
		admin = await connect('oAuth2', users()[0]);
	});

	test('Fax → Send uploads binary properties as RingCentral\'s multipart form and the fax reads back byte for byte', async () => {
		const items: Item[] = [
			{
				json: {},
				binary: {
					order: { data: order.toString('base64'), mimeType: 'application/pdf', fileName: 'order.pdf' },
					note: { data: note.toString('base64'), mimeType: 'text/plain', fileName: 'note.txt' },
				},
			},
		];
		const since = mark();
		const result = await run(
			admin,
			{
				resource: 'fax',
				operation: 'send',
				to: '+12125550199',
				binaryProperties: 'order, note',
				faxOptions: { faxResolution: 'High', coverIndex: 5, coverPageText: 'Attn: Receiving', sendTime: '2026-12-01T09:30:00' },
			},
			{ items, timezone: 'Europe/Berlin' },
		);
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
		const [json, ...files] = call.requestBody.parts;
		expect(json).toMatchObject({ name: 'request.json', contentType: 'application/json' });
		expect(json.json).toEqual({
			to: [{ phoneNumber: '+12125550199' }],
			faxResolution: 'High',
			coverIndex: 5,
			coverPageText: 'Attn: Receiving',
			// The date picker's value is read in the workflow's time zone, as n8n reads its own date fields.
			sendTime: '2026-12-01T08:30:00.000Z',
		});
		expect(files.map((f: any) => [f.name, f.fileName, f.contentType, f.size])).toEqual([
			['attachment', 'order.pdf', 'application/pdf', order.length],
			['attachment', 'note.txt', 'text/plain', note.length],
		]);
		const fax = result.items[0].json;
		expect(fax).toMatchObject({ type: 'Fax', direction: 'Outbound', messageStatus: 'Queued', faxResolution: 'High', coverIndex: 5, faxPageCount: 3 });
		expect(fax.attachments.map((a: any) => a.filename)).toEqual(['order.pdf', 'note.txt']);

		for (const [index, [sent, mimeType, fileName]] of ([[order, 'application/pdf', 'order.pdf'], [note, 'text/plain', 'note.txt']] as const).entries()) {
			const download = await run(admin, {
				resource: 'message',
				operation: 'downloadAttachment',
				messageId: String(fax.id),
				attachmentId: String(fax.attachments[index].id),
				binaryPropertyName: 'data',
			});
			expect(download.error).toBeUndefined();
			const binary = (download.items[0] as any).binary.data;
			expect(binary).toMatchObject({ mimeType, fileName });
			expect(Buffer.from(binary.data, 'base64').equals(sent)).toBe(true);
		}

		const reread = await run(admin, { resource: 'message', operation: 'get', messageIds: String(fax.id) });
		expect(reread.items[0].json.messageStatus).toBe('Sent');
	});

	test('Fax → Send without the binary property fails on the item and sends nothing', async () => {
		const since = mark();
		const result = await run(admin, { resource: 'fax', operation: 'send', to: '+12125550199', binaryProperties: 'data' });
		expect(result.error?.message).toContain('The input item has no binary property "data"');
		expect(apiCalls(since)).toHaveLength(0);
	});

	test('Fax → Send of an audio file is refused by RingCentral with MSG-348 (415)', async () => {
		const result = await run(
			admin,
			{ resource: 'fax', operation: 'send', to: '+12125550199', binaryProperties: 'data' },
			{ items: [binaryItem(Buffer.from('ID3 not a document'), 'audio/mpeg', 'song.mp3')] },
		);
		expect(result.error?.httpCode).toBe('415');
		expect(result.error?.message).toContain('MSG-348');
	});

	test('Fax → Send At "tomorrow 9am" fails naming the field instead of faxing at once', async () => {
		const since = mark();
		const result = await run(
			admin,
			{ resource: 'fax', operation: 'send', to: '+12125550199', binaryProperties: 'data', faxOptions: { sendTime: 'tomorrow 9am' } },
			{ items: [binaryItem(order, 'application/pdf', 'order.pdf')] },
		);
		expect(result.error?.message).toBe('Send At: "tomorrow 9am" is not a date');
		expect(apiCalls(since)).toEqual([]);
	});

	test('Fax → Send with a cover page that does not exist fails with CMN-101 coverIndex', async () => {
		const result = await run(
			admin,
			{ resource: 'fax', operation: 'send', to: '+12125550199', binaryProperties: 'data', faxOptions: { coverIndex: 42 } },
			{ items: [binaryItem(order, 'application/pdf', 'order.pdf')] },
		);
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('coverIndex');
	});

	test('Fax → Get Cover Pages lists every template; a limit asks for exactly that many', async () => {
		const all = await run(admin, { resource: 'fax', operation: 'getCoverPages', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i: any) => i.json.name)).toEqual([
			'None', 'Ancient', 'Birthday', 'Blank', 'Clasmod', 'Classic', 'Confidential', 'Contempo', 'Elegant', 'Express', 'Formal', 'Jazzy', 'Modern', 'Urgent',
		]);
		const since = mark();
		const some = await run(admin, { resource: 'fax', operation: 'getCoverPages', returnAll: false, limit: 3 });
		expect(some.items).toHaveLength(3);
		expect(apiCalls(since).map((c: any) => c.query)).toEqual([{ perPage: '3' }]);
	});
});

describe('Messaging node: message store', () => {
	let credential: Credential;
	let me: string;

	beforeAll(async () => {
		me = users()[3];
		credential = await connect('jwt', me);
	});

	test('Message → Get Many without Date From returns RingCentral\'s last 24 hours', async () => {
		const since = mark();
		const result = await run(credential, { resource: 'message', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(apiCalls(since)[0].query).toEqual({ perPage: '1000' });
		const dayAgo = Date.now() - DAY_MS;
		const expected = mailbox(me).filter((m) => Date.parse(m.creationTime) >= dayAgo && m.availability === 'Alive');
		expect(result.items.map((i: any) => i.json.id).sort()).toEqual(expected.map((m) => m.id).sort());
		expect(result.items.length).toBeGreaterThanOrEqual(4);
	});

	test('Message → Get Many with a limit asks for that page size, Simplify off keeps RingCentral\'s record', async () => {
		const since = mark();
		const result = await run(credential, {
			resource: 'message',
			operation: 'getMany',
			returnAll: false,
			limit: 3,
			simplify: false,
			filters: { dateFrom: monthAgo(), readStatus: ['Read'] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		const calls = apiCalls(since);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toMatchObject({ perPage: '3', readStatus: 'Read' });
		for (const { json } of result.items) {
			expect(json.readStatus).toBe('Read');
			expect(json.uri).toMatch(/\/message-store\/\d+$/);
		}
	});

	test('Message → Get Many with an invalid enum from an expression fails with CMN-101 naming the filter', async () => {
		const result = await run(credential, { resource: 'message', operation: 'getMany', filters: { messageType: '={{ ["Telegram"] }}' } });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('messageType');
		expect(rc.emulator.takeViolations()).toHaveLength(1);
	});

	test('Message → Get reads one message; an unknown ID fails with CMN-102', async () => {
		const first = mailbox(me)[0];
		const one = await run(credential, { resource: 'message', operation: 'get', messageIds: String(first.id) });
		expect(one.error).toBeUndefined();
		expect(one.items).toHaveLength(1);
		expect(one.items[0].json).toMatchObject({ id: first.id, type: first.type });
		const unknown = await run(credential, { resource: 'message', operation: 'get', messageIds: '1234' });
		expect(unknown.error?.message).toContain('CMN-102');
		expect(unknown.error?.message).toContain('messageId');
		expect(unknown.error?.httpCode).toBe('404');
	});

	test('Message → Get with more than 50 IDs reads them 50 per request, one item per ID, failures included', async () => {
		const known = mailbox(me).map((m) => String(m.id));
		const unknown = Array.from({ length: 55 }, (_, i) => String(9_000_000 + i));
		const ids = [...known, ...unknown];
		const since = mark();
		const result = await run(credential, { resource: 'message', operation: 'get', messageIds: ids.join(', ') });
		expect(result.error).toBeUndefined();
		const calls = apiCalls(since);
		expect(calls).toHaveLength(Math.ceil(ids.length / 50));
		for (const call of calls) {
			expect(call.path.split('/').pop().split(',').length).toBeLessThanOrEqual(50);
			expect(call.status).toBe(207);
		}
		expect(result.items).toHaveLength(ids.length);
		expect(result.items.slice(0, known.length).map((i: any) => String(i.json.id))).toEqual(known);
		expect(result.items[known.length].json).toEqual({
			error: `Message ID ${unknown[0]}: RingCentral answered 404: [CMN-102] Resource for parameter [messageId] is not found (field: messageId)`,
			details: {
				messageId: unknown[0],
				httpStatus: 404,
				errorCode: 'CMN-102',
				message: 'Resource for parameter [messageId] is not found',
				parameterName: 'messageId',
				hint: 'RingCentral has no message with this ID (messageId) that the signed-in user can reach. Check the ID the node was given, and where it comes from if it is mapped from an earlier node.',
			},
		});
	});

	test('Message → Update marks messages read (one request for both) and they read back as Read', async () => {
		const unread = mailbox(me).filter((m) => m.readStatus === 'Unread').slice(0, 2);
		expect(unread).toHaveLength(2);
		const since = mark();
		const result = await run(credential, {
			resource: 'message',
			operation: 'update',
			messageIds: unread.map((m) => m.id).join(','),
			readStatus: 'Read',
		});
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ method: 'PUT', operationId: 'updateMessage', status: 207, requestBody: { readStatus: 'Read' } });
		expect(result.items.map((i: any) => i.json.readStatus)).toEqual(['Read', 'Read']);
		expect(unread.every((m) => m.readStatus === 'Read')).toBe(true);
	});

	test('Message → Update with a status RingCentral does not know fails with CMN-101 readStatus', async () => {
		const first = mailbox(me)[0];
		const result = await run(credential, { resource: 'message', operation: 'update', messageIds: String(first.id), readStatus: '={{ "Seen" }}' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('readStatus');
		expect(rc.emulator.takeViolations()).toHaveLength(1);
	});

	test('Message → Delete moves to Deleted, a second delete purges, bulk reports each ID', async () => {
		const [a, b, c] = mailbox(me).filter((m) => m.type === 'SMS');
		const first = await run(credential, { resource: 'message', operation: 'delete', messageIds: String(a.id) });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json).toEqual({ messageId: String(a.id), success: true });
		expect(a.availability).toBe('Deleted');
		const again = await run(credential, { resource: 'message', operation: 'delete', messageIds: String(a.id) });
		expect(again.error).toBeUndefined();
		const gone = await run(credential, { resource: 'message', operation: 'get', messageIds: String(a.id) });
		expect(gone.error?.message).toContain('CMN-102');

		const since = mark();
		const bulk = await run(credential, {
			resource: 'message',
			operation: 'delete',
			messageIds: `${b.id},${c.id},777`,
			deleteOptions: { purge: true },
		});
		expect(bulk.error).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ method: 'DELETE', status: 207, query: { purge: 'true' } });
		expect(bulk.items.map((i: any) => i.json)).toEqual([
			{ messageId: String(b.id), success: true },
			{ messageId: String(c.id), success: true },
			{ error: expect.stringContaining('Message ID 777:'), details: expect.objectContaining({ messageId: '777', httpStatus: 404, errorCode: 'CMN-102' }) },
		]);
		expect(mailbox(me).some((m) => m.id === b.id || m.id === c.id)).toBe(false);
	});

	test('Message → Delete Many deletes whole conversations, 50 per request; without any filter it refuses and sends nothing', async () => {
		const sms = mailbox(me).find((m) => m.type === 'SMS' && m.availability === 'Alive');
		const conversation = mailbox(me).filter((m) => m.conversationId === sms.conversationId);
		const others = Array.from({ length: 60 }, (_, i) => `91000000000000${String(i).padStart(5, '0')}`);
		const conversationIds = [String(sms.conversationId), ...others];
		const since = mark();
		const result = await run(credential, { resource: 'message', operation: 'deleteMany', conversationIds: conversationIds.join(', ') });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => i.json)).toEqual(conversationIds.map((conversationId) => ({ conversationId, success: true })));
		const calls = apiCalls(since);
		expect(calls.map((c: any) => [c.method, c.operationId, c.status])).toEqual([
			['DELETE', 'deleteMessageByFilter', 204],
			['DELETE', 'deleteMessageByFilter', 204],
		]);
		expect(calls.map((c: any) => c.query.conversationId)).toEqual([conversationIds.slice(0, 50), conversationIds.slice(50)]);
		expect(conversation.every((m) => m.availability === 'Deleted')).toBe(true);

		const before = mark();
		const refused = await run(credential, { resource: 'message', operation: 'deleteMany' });
		expect(refused.error?.message).toContain('Enter Conversation IDs or Received Before');
		expect(apiCalls(before)).toHaveLength(0);
	});

	test('Message → Delete Many before a date removes older messages of one type', async () => {
		const cutoff = new Date(Date.now() - 4 * DAY_MS).toISOString();
		const since = mark();
		const result = await run(credential, {
			resource: 'message',
			operation: 'deleteMany',
			receivedBefore: cutoff,
			deleteManyOptions: { type: 'VoiceMail', purge: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((i: any) => i.json)).toEqual([{ success: true }]);
		expect(apiCalls(since)[0].query).toEqual({ dateTo: cutoff, type: 'VoiceMail', purge: 'true' });
		const left = mailbox(me).filter((m) => m.type === 'VoiceMail');
		expect(left.every((m) => Date.parse(m.creationTime) >= Date.parse(cutoff))).toBe(true);
		expect(left.length).toBeGreaterThan(0);
	});

	test('Message → Download Attachment of a fax gives the PDF; an unknown attachment fails with CMN-102', async () => {
		const fax = mailbox(me).find((m) => m.type === 'Fax' && m.direction === 'Inbound');
		const [document] = fax.attachments;
		const result = await run(credential, {
			resource: 'message',
			operation: 'downloadAttachment',
			messageId: String(fax.id),
			attachmentId: String(document.id),
			binaryPropertyName: 'data',
			downloadOptions: { fileName: 'purchase-order.pdf' },
		});
		expect(result.error).toBeUndefined();
		const binary = (result.items[0] as any).binary.data;
		expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: 'purchase-order.pdf' });
		const bytes = Buffer.from(binary.data, 'base64');
		expect(bytes.equals(contentOf(document.id))).toBe(true);
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

		const missing = await run(credential, {
			resource: 'message',
			operation: 'downloadAttachment',
			messageId: String(fax.id),
			attachmentId: '42',
			binaryPropertyName: 'data',
		});
		expect(missing.error?.message).toContain('CMN-102');
		expect(missing.error?.message).toContain('attachmentId');
	});

	test('continue on fail keeps each failed item paired with its input', async () => {
		const [first, second] = mailbox(me);
		const items = [{ json: { id: String(first.id) } }, { json: { id: '31337' } }, { json: { id: String(second.id) } }];
		const result = await run(credential, { resource: 'message', operation: 'get', messageIds: '={{ $json.id }}' }, { items, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map((i: any) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toMatchObject({ error: expect.stringContaining('CMN-102'), details: { errorCode: 'CMN-102', httpStatus: 404 } });
		expect(result.items[0].json.id).toBe(first.id);
	});

	test('a date that is no date fails the item naming the field, and sends nothing (Date From "31/12/2024", "yesterday")', async () => {
		for (const dateFrom of ['31/12/2024', 'yesterday']) {
			const since = mark();
			const result = await run(credential, { resource: 'message', operation: 'getMany', filters: { dateFrom } });
			expect(result.error?.message).toBe(`Date From: "${dateFrom}" is not a date`);
			expect(result.error?.description).toContain('ISO 8601');
			expect(apiCalls(since)).toEqual([]);
		}
	});

	test('Date From from an expression (a Luxon DateTime, a JS Date, ISO text with a zone) goes out as ISO 8601 in UTC', async () => {
		const cases: Array<[string, string]> = [
			['={{ DateTime.fromISO("2026-11-27T10:00:00", { zone: "Europe/Berlin" }) }}', '2026-11-27T09:00:00.000Z'],
			['={{ new Date(Date.UTC(2026, 10, 27, 9)) }}', '2026-11-27T09:00:00.000Z'],
			['2026-11-27T09:00:00-05:00', '2026-11-27T14:00:00.000Z'],
			['2026-11-27', '2026-11-27T05:00:00.000Z'],
		];
		for (const [dateFrom, sent] of cases) {
			const since = mark();
			const result = await run(credential, { resource: 'message', operation: 'getMany', limit: 1, filters: { dateFrom } }, { timezone: 'America/New_York' });
			expect(result.error).toBeUndefined();
			expect(apiCalls(since)[0].query.dateFrom).toBe(sent);
		}
	});

	test('a bad date on one item of a list under continue on fail fails only that item, paired', async () => {
		const items = [{ json: { from: '2026-11-01' } }, { json: { from: 'tomorrow 9am' } }];
		const result = await run(
			credential,
			{ resource: 'message', operation: 'getMany', limit: 2, filters: { dateFrom: '={{ $json.from }}' } },
			{ items, onError: 'continueErrorOutput' },
		);
		expect(result.status).toBe('success');
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.every((item: any) => item.pairedItem.item === 0)).toBe(true);
		expect(result.errorItems).toEqual([
			expect.objectContaining({ json: { from: 'tomorrow 9am', error: 'Date From: "tomorrow 9am" is not a date' , details: {} }, pairedItem: { item: 1 } }),
		]);
	});
});

describe('Messaging node: message sync', () => {
	let credential: Credential;
	let me: string;

	beforeAll(async () => {
		me = users()[4];
		credential = await connect('oAuth2', me);
	});

	test('Message Sync → full then incremental: the token returns only what changed since', async () => {
		const full = await run(credential, {
			resource: 'messageSync',
			operation: 'sync',
			syncType: 'FSync',
			syncOptions: { dateFrom: monthAgo(), recordCount: 5 },
		});
		expect(full.error).toBeUndefined();
		expect(full.items).toHaveLength(1);
		const { records, syncInfo } = full.items[0].json;
		expect(records).toHaveLength(5);
		expect(syncInfo).toMatchObject({ syncType: 'FSync', olderRecordsExist: true });

		const quiet = await run(credential, { resource: 'messageSync', operation: 'sync', syncType: 'ISync', syncToken: syncInfo.syncToken });
		expect(quiet.items[0].json.records).toEqual([]);

		const changed = records[1];
		const flipped = changed.readStatus === 'Read' ? 'Unread' : 'Read';
		await run(credential, { resource: 'message', operation: 'update', messageIds: String(changed.id), readStatus: flipped });
		await run(credential, { resource: 'sms', operation: 'send', from: numberOf(me), to: '+12065550111', text: 'Synced?' });
		const since = mark();
		const next = await run(credential, { resource: 'messageSync', operation: 'sync', syncType: 'ISync', syncToken: quiet.items[0].json.syncInfo.syncToken });
		expect(next.error).toBeUndefined();
		expect(apiCalls(since)[0].query).toEqual({ syncType: 'ISync', syncToken: quiet.items[0].json.syncInfo.syncToken });
		const ids = next.items[0].json.records.map((r: any) => r.id);
		expect(ids).toContain(changed.id);
		expect(next.items[0].json.records.find((r: any) => r.subject === 'Synced?')).toBeDefined();
		expect(next.items[0].json.syncInfo.syncType).toBe('ISync');
	});

	test('Message Sync → incremental with a token that is not RingCentral\'s fails with CMN-101 syncToken', async () => {
		const result = await run(credential, { resource: 'messageSync', operation: 'sync', syncType: 'ISync', syncToken: 'not-a-token' });
		expect(result.error?.message).toContain('CMN-101');
		expect(result.error?.message).toContain('syncToken');
	});

	test('Message Sync → a token from another mailbox asks for a full sync (MSG-333)', async () => {
		const other = await connect('jwt', users()[5]);
		const theirs = await run(other, { resource: 'messageSync', operation: 'sync', syncType: 'FSync' });
		const result = await run(credential, { resource: 'messageSync', operation: 'sync', syncType: 'ISync', syncToken: theirs.items[0].json.syncInfo.syncToken });
		expect(result.error?.message).toContain('MSG-333');
	});
});

describe('Messaging node: emulator control API (what the e2e tier drives)', () => {
	const control = async (method: string, path: string, body: unknown) =>
		await handleControl(rc.emulator, method, new URL(`/__emulator${path}`, rc.emulator.url), Buffer.from(JSON.stringify(body)));

	test('an inbound SMS injected for a user is in their mailbox and raises the instant SMS event', async () => {
		const me = users()[6];
		const answer = await control('POST', '/messages/inbound', { extensionId: me, type: 'SMS', from: '+13055550190', text: 'Is the shop open?' });
		expect(answer.status).toBe(201);
		const credential = await connect('jwt', me);
		const result = await run(credential, { resource: 'message', operation: 'getMany', returnAll: true, filters: { readStatus: ['Unread'], messageType: ['SMS'] } });
		const received = result.items.find((i: any) => i.json.subject === 'Is the shop open?');
		expect(received?.json).toMatchObject({ from: '+13055550190', fromName: 'Lucas Moreau', direction: 'Inbound' });
		expect(rc.emulator.events.some((e: any) => e.event.endsWith(`/extension/${me}/message-store/instant?type=SMS`) && e.body.id === answer.body.id)).toBe(true);
		expect((await control('POST', '/messages/inbound', { extensionId: '1' })).status).toBe(404);
	});

	test('fill adds SMS over the last 30 days so Return All spans pages', async () => {
		const me = users()[8];
		const answer = await control('POST', '/messages/fill', { extensionId: me, count: 1200 });
		expect(answer.body).toEqual({ extensionId: me, messages: 1210 });
		const credential = await connect('jwt', me);
		const since = mark();
		const result = await run(credential, { resource: 'message', operation: 'getMany', returnAll: true, filters: { dateFrom: monthAgo() } });
		expect(result.items).toHaveLength(mailbox(me).filter((m) => m.availability === 'Alive').length);
		expect(apiCalls(since, 'listMessages')).toHaveLength(2);
	});
});

describe('Messaging node: Return All across pages', () => {
	const big = useRingCentral({
		nodeTypes: [RingCentralMessaging],
		credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
		emulator: { userCount: 4, mailboxSize: 2500, rateLimits: { windowSeconds: 1 } },
	});

	test('Message → Get Many with Return All follows navigation.nextPage at 1,000 per page', async () => {
		const credential = big.jwtCredential();
		const since = big.emulator.sequence;
		const result = await big.engine.execute({
			type: 'ringCentralMessaging',
			parameters: {
				authentication: 'jwt',
				resource: 'message',
				operation: 'getMany',
				accountId: '~',
				extensionId: '~',
				returnAll: true,
				filters: { dateFrom: monthAgo(), messageType: ['SMS'] },
			},
			credential: { type: 'ringCentralJwtApi', id: credential.id },
		});
		expect(result.error).toBeUndefined();
		const expected = [...messageStoreOf(big.emulator).mailbox(big.emulator.state.ids.admin).values()].filter((m: any) => m.type === 'SMS');
		expect(result.items).toHaveLength(expected.length);
		expect(expected.length).toBeGreaterThan(2500);
		const calls = big.emulator.journal({ since, operationId: 'listMessages' });
		expect(calls).toHaveLength(Math.ceil(expected.length / 1000));
		expect(calls[0].query).toMatchObject({ perPage: '1000', messageType: 'SMS' });
		expect(calls[1].query).toMatchObject({ page: '2', perPage: '1000', messageType: 'SMS' });
		expect(new Set(result.items.map((i: any) => i.json.id)).size).toBe(result.items.length);
	});
});

describe('Messaging node: an app without the SMS permission', () => {
	const app = { clientId: 'no-sms-app', clientSecret: 'no-sms-secret' };

	test.each<Auth>(['oAuth2', 'jwt'])('SMS → Send with %s credentials fails with RingCentral\'s 403 naming CMN-401 and the SMS permission; nothing is sent', async (auth) => {
		const everything = rc.emulator.spec.appPermissions() as string[];
		rc.emulator.oauth.registerApp({ ...app, permissions: everything.filter((permission) => permission !== 'SMS') });
		const credential = await rc.connect(auth, users()[0], { app });
		const sent = mailbox(users()[0]).length;
		const since = mark();
		const result = await run(credential, { resource: 'sms', operation: 'send', from: numberOf(users()[0]), to: '+14155550142', text: 'hi' });
		expect(result.error?.httpCode).toBe('403');
		expect(result.error?.message).toContain('CMN-401');
		expect(result.error?.message).toContain('application needs to have [SMS] permission');
		expect(apiCalls(since).map((call: any) => [call.operationId, call.status])).toEqual([['createSMSMessage', 403]]);
		expect(mailbox(users()[0])).toHaveLength(sent);
	});
});
