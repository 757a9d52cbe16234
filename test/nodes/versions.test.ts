/* eslint-disable @typescript-eslint/no-explicit-any -- journal entries and node output of many shapes */
import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { RingCentralAccount } from '../../nodes/RingCentralAccount/RingCentralAccount.node';
import { RingCentralCallHandling } from '../../nodes/RingCentralCallHandling/RingCentralCallHandling.node';
import { RingCentralCallLog } from '../../nodes/RingCentralCallLog/RingCentralCallLog.node';
import { RingCentralContacts } from '../../nodes/RingCentralContacts/RingCentralContacts.node';
import { RingCentralMessaging } from '../../nodes/RingCentralMessaging/RingCentralMessaging.node';
import { RingCentralPresence } from '../../nodes/RingCentralPresence/RingCentralPresence.node';
import { RingCentralRingOut } from '../../nodes/RingCentralRingOut/RingCentralRingOut.node';
import { RingCentralTeamMessaging } from '../../nodes/RingCentralTeamMessaging/RingCentralTeamMessaging.node';
import { useRingCentral } from '../harness/ringcentral';

/**
 * Version 1 workflows keep their text fields; version 2 saves pickers ({ __rl, mode, value }). The
 * same operation must send RingCentral the same request from either shape.
 */
const rc = useRingCentral({
	nodeTypes: [
		RingCentralAccount,
		RingCentralCallHandling,
		RingCentralCallLog,
		RingCentralContacts,
		RingCentralMessaging,
		RingCentralPresence,
		RingCentralRingOut,
		RingCentralTeamMessaging,
	],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { rateLimits: { windowSeconds: 1 } },
});

type Credential = { type: string; id: string };
let jwt: Credential;

beforeAll(async () => {
	jwt = await rc.connect('jwt', undefined, { once: true });
});

const picked = (value: string, mode = 'list', cachedResultName?: string) => ({ __rl: true, mode, value, ...(cachedResultName ? { cachedResultName } : {}) });
const users = () => rc.emulator.state.users as string[];
const ids = () => rc.emulator.state.ids as { admin: string; supportQueue: string; salesQueue: string };
const mark = () => rc.emulator.sequence as number;
const requestsSince = (since: number) =>
	rc.emulator
		.journal({ since })
		.filter((entry: any) => !entry.path.startsWith('/restapi/oauth/'))
		.map((entry: any) => ({ method: entry.method, path: entry.path, query: entry.query, body: entry.requestBody, status: entry.status }));

/** Runs one node in a version and returns the requests it sent and its result. */
async function sent(type: string, typeVersion: number, parameters: Record<string, unknown>) {
	const since = mark();
	const result = await rc.engine.execute({ type, typeVersion, parameters: { authentication: 'jwt', ...parameters }, credential: jwt });
	return { result, requests: requestsSince(since) };
}

/** Version 1 with text fields and version 2 with pickers send the same requests and get the same answer. */
async function sameRequests(type: string, common: Record<string, unknown>, version1: Record<string, unknown>, version2: Record<string, unknown>) {
	const one = await sent(type, 1, { ...common, ...version1 });
	const two = await sent(type, 2, { ...common, ...version2 });
	expect(one.result.error).toBeUndefined();
	expect(two.result.error).toBeUndefined();
	expect(one.requests.length).toBeGreaterThan(0);
	expect(two.requests).toEqual(one.requests);
	return { one, two };
}

describe('version 1 and version 2 shapes of the changed operations send the same requests', () => {
	test('Presence → User Presence → Get: Extension ID text / extension picked from the list, by ID, or ~', async () => {
		const common = { resource: 'userPresence', operation: 'get' };
		const { one } = await sameRequests('ringCentralPresence', common, { extensionId: users()[1] }, { extensionId: picked(users()[1], 'list', 'Bob Baker (102)') });
		expect(one.requests[0].path).toBe(`/restapi/v1.0/account/~/extension/${users()[1]}/presence`);
		await sameRequests('ringCentralPresence', common, { extensionId: users()[2] }, { extensionId: picked(users()[2], 'id') });
		await sameRequests('ringCentralPresence', common, { extensionId: '~' }, { extensionId: picked('~', 'list', 'Me (the signed-in user)') });
	});

	test('path fields are read for each item as n8n\'s $parameter reads them: expressions in text and pickers, a picker\'s link pattern', async () => {
		const items = users().slice(1, 3).map((ext) => ({ json: { ext: ` ${ext} `, account: '~' } }));
		const paths = async (typeVersion: number, extensionId: unknown) => {
			const since = mark();
			const result = await rc.engine.execute({
				type: 'ringCentralPresence',
				typeVersion,
				parameters: { authentication: 'jwt', resource: 'userPresence', operation: 'get', accountId: '={{ $json.account }}', extensionId },
				credential: jwt,
				items,
			});
			expect(result.error).toBeUndefined();
			return requestsSince(since).map((r: { path: string }) => r.path);
		};
		const expected = users().slice(1, 3).map((ext) => `/restapi/v1.0/account/~/extension/${ext}/presence`);
		expect(await paths(1, '={{ $json.ext }}')).toEqual(expected);
		expect(await paths(2, picked('={{ $json.ext }}', 'id'))).toEqual(expected);
		const link = { ...picked(`https://service.example.com/extension/${users()[1]}/details`, 'url'), __regex: 'extension/(\\d+)' };
		expect(await paths(2, link)).toEqual([expected[0], expected[0]]);
	});

	test('Presence → version 2 left at its defaults reads the signed-in user (~ picked as "Me")', async () => {
		const { requests } = await sent('ringCentralPresence', 2, { resource: 'userPresence', operation: 'get' });
		expect(requests[0].path).toBe('/restapi/v1.0/account/~/extension/~/presence');
	});

	test('Presence → Call Queue Presence → Update: queue and member rows typed / picked', async () => {
		const common = { resource: 'callQueuePresence', operation: 'update' };
		const { one } = await sameRequests(
			'ringCentralPresence',
			common,
			{ callQueueId: ids().supportQueue, members: { member: [{ memberId: users()[1], acceptCurrentQueueCalls: false }] } },
			{
				callQueueId: picked(ids().supportQueue, 'list', 'Support Queue (200) · call queue'),
				members: { member: [{ memberId: picked(users()[1], 'list', 'Bob Baker (102)'), acceptCurrentQueueCalls: false }] },
			},
		);
		expect(one.requests[0]).toMatchObject({
			method: 'PUT',
			path: `/restapi/v1.0/account/~/call-queues/${ids().supportQueue}/presence`,
			body: { records: [{ member: { id: users()[1] }, acceptCurrentQueueCalls: false }] },
			status: 200,
		});
	});

	test('Messaging → SMS → Send: From and To typed / From picked, To typed as several numbers', async () => {
		const common = { resource: 'sms', operation: 'send', text: 'Your order shipped' };
		const { one } = await sameRequests(
			'ringCentralMessaging',
			common,
			{ from: '+16505551001', to: '+14155550142, +1 (212) 555-0187' },
			{ from: picked('+16505551001', 'list', '+16505551001 · direct number'), to: picked('+14155550142, +1 (212) 555-0187', 'number') },
		);
		expect(one.requests[0].body).toEqual({
			from: { phoneNumber: '+16505551001' },
			to: [{ phoneNumber: '+14155550142' }, { phoneNumber: '+12125550187' }],
			text: 'Your order shipped',
		});
	});

	test('Messaging → Pager Message → Send: recipients and the message replied to, typed / picked', async () => {
		const common = { resource: 'pagerMessage', operation: 'send', text: 'Got it' };
		const first = await sent('ringCentralMessaging', 1, { ...common, toExtensionNumbers: '102' });
		const replyTo = String(first.result.items[0].json.id);
		const { one } = await sameRequests(
			'ringCentralMessaging',
			common,
			{ toExtensionNumbers: '102, 103', pagerOptions: { replyOn: replyTo } },
			{ toExtensionNumbers: picked('102, 103', 'number'), pagerOptions: { replyOn: picked(replyTo, 'list', 'Pager message to Bob Baker (102)') } },
		);
		expect(one.requests[0].body).toEqual({ to: [{ extensionNumber: '102' }, { extensionNumber: '103' }], text: 'Got it', replyOn: Number(replyTo) });
	});

	test('Messaging → Message → Download Attachment: message and attachment typed / picked', async () => {
		const inbound = await fetch(new URL('/__emulator/events/voicemail', rc.emulator.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ from: '+13125550123' }),
		});
		expect(inbound.ok).toBe(true);
		const list = await sent('ringCentralMessaging', 1, { resource: 'message', operation: 'getMany', filters: { messageType: ['VoiceMail'] }, simplify: false });
		const voicemail = list.result.items[0].json;
		const attachment = String(voicemail.attachments[0].id);
		const common = { resource: 'message', operation: 'downloadAttachment' };
		const { one, two } = await sameRequests(
			'ringCentralMessaging',
			common,
			{ messageId: String(voicemail.id), attachmentId: attachment },
			{ messageId: picked(String(voicemail.id), 'list', 'Voicemail from Marcus Lee'), attachmentId: picked(attachment, 'id') },
		);
		expect(two.result.items[0].binary.data.fileName).toBe(one.result.items[0].binary.data.fileName);
	});

	test('Call Log → Recording → Get: Recording ID (or its URI) typed / picked, by ID or by URI', async () => {
		const calls = await sent('ringCentralCallLog', 2, { resource: 'callRecord', operation: 'getMany', returnAll: true, filters: { recordingType: 'All', dateFrom: '2020-01-01T00:00:00' } });
		const recording = calls.result.items[0].json;
		const common = { resource: 'recording', operation: 'get' };
		await sameRequests('ringCentralCallLog', common, { recordingId: recording.recordingId }, { recordingId: picked(recording.recordingId, 'list', 'Inbound call') });
		await sameRequests('ringCentralCallLog', common, { recordingId: recording.recordingContentUri }, { recordingId: picked(recording.recordingContentUri, 'url') });
	});

	test('Contacts → Favorite → Update: rows picked in version 1\'s dropdowns / version 2\'s pickers', async () => {
		const common = { resource: 'favorite', operation: 'update' };
		const patId = '4011236004';
		const { one } = await sameRequests(
			'ringCentralContacts',
			common,
			{ favorites: { favorite: [{ kind: 'extension', extensionId: users()[2] }, { kind: 'contact', contactId: patId }] } },
			{
				favorites: {
					favorite: [
						{ kind: 'extension', extensionId: picked(users()[2], 'list', 'Carol Cole (103)') },
						{ kind: 'contact', contactId: picked(patId, 'list', 'Pat Customer (Globex Corp)') },
					],
				},
			},
		);
		expect(one.requests[0].body).toEqual({ records: [{ extensionId: users()[2] }, { contactId: patId }] });
	});

	test('Call Handling → User Answering Rule → Update: rule and extensions in the rule fields typed / picked', async () => {
		const common = { resource: 'userAnsweringRule', operation: 'update' };
		const { one } = await sameRequests(
			'ringCentralCallHandling',
			common,
			{ ruleId: 'after-hours-rule', updateFields: { callHandlingAction: 'TransferToExtension', transferExtensionId: users()[1], voicemailRecipientId: users()[2] } },
			{
				ruleId: picked('after-hours-rule', 'list', 'After Hours · After Hours'),
				updateFields: {
					callHandlingAction: 'TransferToExtension',
					transferExtensionId: picked(users()[1], 'list', 'Bob Baker (102)'),
					voicemailRecipientId: picked(users()[2], 'id'),
				},
			},
		);
		expect(one.requests[0]).toMatchObject({
			path: '/restapi/v1.0/account/~/extension/~/answering-rule/after-hours-rule',
			body: { callHandlingAction: 'TransferToExtension', transfer: { extension: { id: users()[1] } }, voicemail: { recipient: { id: users()[2] } } },
		});
	});

	test('Team Messaging → Post → Create: the chat picked from the list, by ID or by its app link', async () => {
		const chats = await sent('ringCentralTeamMessaging', 2, { resource: 'chat', operation: 'getMany', returnAll: true, chatFilters: { type: ['Team'] } });
		const support = String(chats.result.items.find((item: any) => item.json.name === 'Support Team').json.id);
		const common = { resource: 'post', operation: 'create', text: 'Standup in 5' };
		const { one } = await sameRequests('ringCentralTeamMessaging', common, { chatId: picked(support, 'id') }, { chatId: picked(`https://app.ringcentral.com/messages/${support}`, 'url') });
		expect(one.requests[0].path).toBe(`/team-messaging/v1/chats/${support}/posts`);
	});

	test('Messaging → SMS → Send from a second number with the SmsSender feature, picked from the list', async () => {
		const { result, requests } = await sent('ringCentralMessaging', 2, {
			resource: 'sms',
			operation: 'send',
			from: picked('+16505551099', 'list', '+16505551099 · Support line'),
			to: picked('+14155550142', 'list', 'Quinn Rivera (Initech) · business · +14155550142'),
			text: 'We are on it',
		});
		expect(result.error).toBeUndefined();
		expect(requests[0]).toMatchObject({ status: 200, body: { from: { phoneNumber: '+16505551099' }, to: [{ phoneNumber: '+14155550142' }] } });
		const companyNumber = await sent('ringCentralMessaging', 2, {
			resource: 'sms',
			operation: 'send',
			from: picked('+16505550100', 'number'),
			to: picked('+14155550142', 'number'),
			text: 'From the main line',
		});
		expect(companyNumber.result.error?.message).toContain('[MSG-304 / FeatureNotAvailable] Phone number [+16505550100] does not belong to the extension or is not enabled for SMS');
	});

	test('Account → Authorization Profile → Check Permission: target extension typed / picked', async () => {
		const common = { resource: 'authorizationProfile', operation: 'check', permissionId: 'ReadCallLog' };
		const { one } = await sameRequests('ringCentralAccount', common, { targetExtensionId: users()[1] }, { targetExtensionId: picked(users()[1], 'list', 'Bob Baker (102)') });
		expect(one.requests[0].query).toEqual({ permissionId: 'ReadCallLog', targetExtensionId: users()[1] });
		const none = await sent('ringCentralAccount', 2, common);
		expect(none.requests[0].query).toEqual({ permissionId: 'ReadCallLog' });
	});
});

describe('extensions given by their extension number (version 2)', () => {
	test('the number is looked up once (RingCentral\'s extension list) and its ID goes into the path', async () => {
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		const since = mark();
		const result = await rc.engine.execute({
			type: 'ringCentralPresence',
			parameters: { authentication: 'jwt', resource: 'userPresence', operation: 'get', extensionId: picked('103', 'extensionNumber') },
			credential: jwt,
			items,
		});
		expect(result.error).toBeUndefined();
		const requests = requestsSince(since);
		expect(requests.filter((r: any) => r.path === '/restapi/v1.0/account/~/extension')).toEqual([
			{ method: 'GET', path: '/restapi/v1.0/account/~/extension', query: { extensionNumber: '103', perPage: '1' }, body: undefined, status: 200 },
		]);
		expect(requests.filter((r: any) => r.path.endsWith('/presence')).map((r: any) => r.path)).toEqual(
			Array(3).fill(`/restapi/v1.0/account/~/extension/${users()[2]}/presence`),
		);
	});

	test('call queues and directory entries by their number too', async () => {
		const queue = await sent('ringCentralPresence', 2, { resource: 'callQueuePresence', operation: 'get', callQueueId: picked('201', 'extensionNumber') });
		expect(queue.result.error).toBeUndefined();
		expect(queue.requests.at(-1).path).toBe(`/restapi/v1.0/account/~/call-queues/${ids().salesQueue}/presence`);
		const entry = await sent('ringCentralContacts', 2, { resource: 'directoryEntry', operation: 'get', entryId: picked('300', 'extensionNumber') });
		expect(entry.result.error).toBeUndefined();
		expect(entry.result.items[0].json).toMatchObject({ extensionNumber: '300', name: 'Main Menu', type: 'IvrMenu' });
	});

	test('a number no extension has fails the item with a message naming the field, and sends nothing else', async () => {
		const { result, requests } = await sent('ringCentralPresence', 2, { resource: 'userPresence', operation: 'get', extensionId: picked('999', 'extensionNumber') });
		expect(result.error?.message).toBe('No extension has the number 999');
		expect(result.error?.description).toBe('Field: extensionId. Pick the extension from the list or enter its ID instead.');
		expect(requests.map((r: any) => r.path)).toEqual(['/restapi/v1.0/account/~/extension']);
		const paired = await rc.engine.execute({
			type: 'ringCentralPresence',
			parameters: { authentication: 'jwt', resource: 'userPresence', operation: 'get', extensionId: picked('={{ $json.ext }}', 'extensionNumber') },
			credential: jwt,
			items: [{ json: { ext: '102' } }, { json: { ext: '998' } }],
			continueOnFail: true,
		});
		expect(paired.items.map((item: any) => [item.pairedItem, item.json.error ?? item.json.userStatus])).toEqual([
			[{ item: 0 }, expect.any(String)],
			[{ item: 1 }, 'No extension has the number 998'],
		]);
	});
});
