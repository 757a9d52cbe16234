/* eslint-disable @typescript-eslint/no-explicit-any -- picker answers and journal entries of many shapes */
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
import { RingCentralTrigger } from '../../nodes/RingCentralTrigger/RingCentralTrigger.node';
import { useRingCentral } from '../harness/ringcentral';
import { useWebhookReceiver } from '../harness/webhook-receiver';

/** More users than one picker page (100) holds, so the directory pickers turn pages. */
const USER_COUNT = 130;

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
		RingCentralTrigger,
	],
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { userCount: USER_COUNT, callLogSize: 1200, rateLimits: { windowSeconds: 1 } },
});

const receiver = useWebhookReceiver();

type Credential = { type: string; id: string };
let jwt: Credential;

beforeAll(async () => {
	jwt = await rc.connect('jwt', undefined, { once: true });
});

/** What the editor gets from a node's picker: `parameters` are the node's current fields. */
async function pick(type: string, method: string, parameters: Record<string, unknown> = {}, filter?: string, paginationToken?: string) {
	return await rc.engine.loadOptions({
		type,
		parameters: { authentication: 'jwt', ...parameters },
		credential: jwt,
		listSearch: method,
		filter,
		paginationToken,
	});
}

/** Every page of a picker, the way the editor loads more while the user scrolls. */
async function allPages(type: string, method: string, parameters: Record<string, unknown> = {}, filter?: string) {
	const results: any[] = [];
	const tokens: string[] = [];
	let token: string | undefined;
	do {
		const page = await pick(type, method, parameters, filter, token);
		results.push(...page.results);
		token = page.paginationToken;
		if (token) tokens.push(token);
	} while (token && tokens.length < 50);
	return { results, tokens };
}

const names = (answer: { results: Array<{ name: string }> }) => answer.results.map((result) => result.name);
const mark = () => rc.emulator.sequence as number;
function apiCalls(since: number) {
	return rc.emulator.journal({ since }).filter((entry: { path: string }) => !entry.path.startsWith('/restapi/oauth/'));
}
const users = () => rc.emulator.state.users as string[];
const ids = () => rc.emulator.state.ids as { admin: string; supportQueue: string; salesQueue: string };

describe('extension and call queue pickers (company directory)', () => {
	test('extensions: the signed-in user first, then the directory by name and number, a page of 100 at a time', async () => {
		const since = mark();
		const first = await pick('ringCentralPresence', 'searchExtensions', { resource: 'userPresence', operation: 'get' });
		expect(first.results.slice(0, 4)).toEqual([
			{ name: 'Me (the signed-in user)', value: '~' },
			{ name: 'Alice Admin (101)', value: ids().admin },
			{ name: 'Bob Baker (102)', value: users()[1] },
			{ name: 'Carol Cole (103)', value: users()[2] },
		]);
		expect(first.results).toHaveLength(101);
		expect(first.paginationToken).toBe('2');
		expect(apiCalls(since)).toEqual([
			expect.objectContaining({ operationId: 'listDirectoryEntries', query: { showFederated: 'false', page: '1', perPage: '100' }, status: 200 }),
		]);

		const { results, tokens } = await allPages('ringCentralPresence', 'searchExtensions', { resource: 'userPresence', operation: 'get' });
		expect(tokens).toEqual(['2']);
		// Every user, the queues and the other extensions of the directory, each once, plus "Me".
		expect(results).toHaveLength(1 + rc.emulator.state.extensions.size);
		expect(new Set(results.map((r) => r.value)).size).toBe(results.length);
		expect(names({ results })).toEqual(
			expect.arrayContaining(['Support Queue (200) · call queue', 'Main Menu (300) · IVR menu', 'Take Messages Only (401) · voicemail only']),
		);
	});

	test('extensions: typing searches RingCentral\'s directory (names, extension numbers), not a page in the editor', async () => {
		let since = mark();
		const bob = await pick('ringCentralPresence', 'searchExtensions', { resource: 'userPresence', operation: 'get' }, 'bob');
		// Bob Baker and the other Bobs of the 130 users; "Me" does not match.
		expect(names(bob)[0]).toBe('Bob Baker (102)');
		expect(names(bob)).toHaveLength(Math.ceil((USER_COUNT - 1) / 12));
		expect(names(bob).every((name: string) => name.startsWith('Bob '))).toBe(true);
		expect(apiCalls(since)).toEqual([
			expect.objectContaining({
				operationId: 'searchDirectoryEntries',
				requestBody: { searchString: 'bob', showFederated: false, page: 1, perPage: 100 },
				status: 200,
			}),
		]);
		since = mark();
		const byNumber = await pick('ringCentralPresence', 'searchExtensions', { resource: 'userPresence', operation: 'get' }, '200');
		expect(names(byNumber)).toContain('Support Queue (200) · call queue');
		expect(apiCalls(since)[0].requestBody.searchString).toBe('200');
		const me = await pick('ringCentralPresence', 'searchExtensions', { resource: 'userPresence', operation: 'get' }, 'me');
		expect(me.results[0]).toEqual({ name: 'Me (the signed-in user)', value: '~' });
	});

	test('call queues: only the queues (listed by type), matched by name or number as the user types', async () => {
		const since = mark();
		const queues = await pick('ringCentralPresence', 'searchCallQueues', { resource: 'callQueuePresence', operation: 'get' });
		expect(queues.results).toEqual([
			{ name: 'Support Queue (200) · call queue', value: ids().supportQueue },
			{ name: 'Sales Queue (201) · call queue', value: ids().salesQueue },
		]);
		expect(queues.paginationToken).toBeUndefined();
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'listDirectoryEntries', query: { type: 'Department' } });
		const sales = await pick('ringCentralTrigger', 'searchCallQueues', { events: ['presence'], presenceLevel: 'callQueue' }, 'sales');
		expect(sales.results).toEqual([{ name: 'Sales Queue (201) · call queue', value: ids().salesQueue }]);
		const byNumber = await pick('ringCentralTrigger', 'searchCallQueues', { events: ['presence'], presenceLevel: 'callQueue' }, '200');
		expect(byNumber.results).toEqual([{ name: 'Support Queue (200) · call queue', value: ids().supportQueue }]);
	});

	test('pager recipients are picked by extension number, the way pager messages address people', async () => {
		const answer = await pick('ringCentralMessaging', 'searchExtensionNumbers', { resource: 'pagerMessage', operation: 'send' }, 'carol');
		expect(answer.results[0]).toEqual({ name: 'Carol Cole (103)', value: '103' });
	});
});

describe('the extension\'s own numbers', () => {
	const sms = { resource: 'sms', operation: 'send' };

	test('SMS From: only the numbers with RingCentral\'s SmsSender feature (not the company or an A2P-only number)', async () => {
		const since = mark();
		const mine = await pick('ringCentralMessaging', 'searchSmsSenderNumbers', sms);
		expect(mine.results).toEqual([
			{ name: '+16505551001 · direct number', value: '+16505551001' },
			{ name: '+16505551099 · Support line', value: '+16505551099' },
		]);
		expect(apiCalls(since)[0]).toMatchObject({
			operationId: 'listExtensionPhoneNumbers',
			path: '/restapi/v1.0/account/~/extension/~/phone-number',
			query: { page: '1', perPage: '100' },
		});
		const support = await pick('ringCentralMessaging', 'searchSmsSenderNumbers', sms, 'support');
		expect(support.results).toEqual([{ name: '+16505551099 · Support line', value: '+16505551099' }]);
	});

	test('the numbers of the extension chosen in the node, also when it was given by its extension number', async () => {
		const since = mark();
		const bobs = await pick('ringCentralMessaging', 'searchSmsSenderNumbers', { ...sms, extensionId: { __rl: true, mode: 'extensionNumber', value: '102' } });
		expect(bobs.results).toEqual([{ name: '+16505551002 · direct number', value: '+16505551002' }]);
		expect(apiCalls(since).map((call: any) => [call.operationId, call.query])).toEqual([
			['listExtensions', { extensionNumber: '102', perPage: '1' }],
			['listExtensionPhoneNumbers', { page: '1', perPage: '100' }],
		]);
		expect(apiCalls(since)[1].path).toBe(`/restapi/v1.0/account/~/extension/${users()[1]}/phone-number`);
	});

	test('Caller ID: every number the extension may show, the company number included', async () => {
		const numbers = await pick('ringCentralRingOut', 'searchCallerIdNumbers', { resource: 'ringOutCall', operation: 'create' });
		expect(numbers.results).toEqual([
			{ name: '+16505551001 · direct number', value: '+16505551001' },
			{ name: '+16505551099 · Support line', value: '+16505551099' },
			{ name: '+16505550100 · company number', value: '+16505550100' },
			{ name: '+16505550101 · Sales Line', value: '+16505550101' },
			{ name: '+18885550100 · company number', value: '+18885550100' },
		]);
	});
});

describe('personal contacts and whom to call or text', () => {
	const sms = { resource: 'sms', operation: 'send' };

	test('contacts by name, RingCentral matching the first or last name', async () => {
		const all = await pick('ringCentralContacts', 'searchContacts', { resource: 'contact', operation: 'get' });
		expect(names(all)).toEqual([
			'Pat Customer (Globex Corp)',
			'Quinn Rivera (Initech)',
			'Riley Chen (Globex Corp)',
			'Sam Patel (Umbrella Health)',
			'Taylor Brooks (Stark Logistics)',
			'Uma Schmidt (Wayne Foods)',
			'Victor Nguyen (Initech)',
			'Wendy Okafor',
		]);
		const since = mark();
		const ri = await pick('ringCentralContacts', 'searchContacts', { resource: 'contact', operation: 'get' }, 'ri');
		expect(names(ri)).toEqual(['Quinn Rivera (Initech)', 'Riley Chen (Globex Corp)']);
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'listContacts', query: { startsWith: 'ri', page: '1', perPage: '100' } });
	});

	test('SMS and RingOut recipients: each number of a contact, then colleagues\' direct numbers', async () => {
		const first = await pick('ringCentralMessaging', 'searchPhoneRecipients', sms);
		expect(first.results.slice(0, 3)).toEqual([
			{ name: 'Pat Customer (Globex Corp) · mobile · +16505550123', value: '+16505550123' },
			{ name: 'Pat Customer (Globex Corp) · business · +16505550124', value: '+16505550124' },
			{ name: 'Quinn Rivera (Initech) · business · +14155550142', value: '+14155550142' },
		]);
		expect(names(first)).toContain('Bob Baker · colleague · +16505551002');
		// Contacts fit one page, colleagues take two.
		expect(first.paginationToken).toBe('0.2');
		const second = await pick('ringCentralMessaging', 'searchPhoneRecipients', sms, undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(names(second).every((name: string) => name.includes(' · colleague · '))).toBe(true);

		const pat = await pick('ringCentralRingOut', 'searchPhoneRecipients', { resource: 'ringOutCall', operation: 'create' }, 'pat');
		expect(names(pat)).toEqual([
			'Pat Customer (Globex Corp) · mobile · +16505550123',
			'Pat Customer (Globex Corp) · business · +16505550124',
			'Sam Patel (Umbrella Health) · mobile · +12125550188',
		]);
		const number = await pick('ringCentralMessaging', 'searchPhoneRecipients', sms, '(415) 555-0142');
		expect(names(number)).toEqual(['Quinn Rivera (Initech) · business · +14155550142']);
	});

	test('fax recipients: the fax numbers of personal contacts', async () => {
		const faxes = await pick('ringCentralMessaging', 'searchFaxRecipients', { resource: 'fax', operation: 'send' });
		expect(faxes.results).toEqual([
			{ name: 'Riley Chen (Globex Corp) · business fax · +16505550178', value: '+16505550178' },
			{ name: 'Taylor Brooks (Stark Logistics) · business fax · +13125550111', value: '+13125550111' },
		]);
		expect(faxes.paginationToken).toBeUndefined();
		const taylor = await pick('ringCentralMessaging', 'searchFaxRecipients', { resource: 'fax', operation: 'send' }, 'tay');
		expect(names(taylor)).toEqual(['Taylor Brooks (Stark Logistics) · business fax · +13125550111']);
	});

	test('RingOut rings one of the extension\'s forwarding numbers first', async () => {
		const phones = await pick('ringCentralRingOut', 'searchOwnPhones', { resource: 'ringOutCall', operation: 'create' });
		expect(phones.results).toEqual([
			{ name: '+14155553000 · Mobile', value: '+14155553000' },
			{ name: '+16505551001 · Desk Phone', value: '+16505551001' },
		]);
		const bobs = await pick('ringCentralRingOut', 'searchOwnPhones', {
			resource: 'ringOutCall',
			operation: 'create',
			extensionId: { __rl: true, mode: 'list', value: users()[1] },
		}, 'desk');
		expect(bobs.results).toEqual([{ name: '+16505551002 · Desk Phone', value: '+16505551002' }]);
	});
});

describe('mailbox pickers', () => {
	const download = { resource: 'message', operation: 'downloadAttachment' };

	beforeAll(async () => {
		await fetch(new URL('/__emulator/messages/fill', rc.emulator.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ count: 150 }),
		});
	});

	test('messages: the last 90 days, newest first, named by type, party, time and text, 100 a page', async () => {
		const since = mark();
		const first = await pick('ringCentralMessaging', 'searchMessages', download);
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toMatch(/^(SMS|Voicemail|Fax|Pager message) (from|to) .+ · \d{4}-\d\d-\d\d \d\d:\d\d/);
		expect(first.paginationToken).toBe('2');
		const [call] = apiCalls(since);
		expect(call).toMatchObject({ operationId: 'listMessages', query: { page: '1', perPage: '100' } });
		expect(Date.now() - Date.parse(call.query.dateFrom)).toBeGreaterThan(89 * 24 * 3600_000);
		const second = await pick('ringCentralMessaging', 'searchMessages', download, undefined, '2');
		expect(new Set([...first.results, ...second.results].map((r: any) => r.value)).size).toBe(first.results.length + second.results.length);
	});

	test('messages: a typed phone number is searched by RingCentral, other text among the names', async () => {
		const since = mark();
		const jordan = await pick('ringCentralMessaging', 'searchMessages', download, '+1 415 555 0142');
		expect(apiCalls(since)[0].query.phoneNumber).toBe('+14155550142');
		expect(jordan.results.length).toBeGreaterThan(0);
		expect(names(jordan).every((name: string) => name.includes('+14155550142'))).toBe(true);
		const sms = await pick('ringCentralMessaging', 'searchMessages', download, 'sms from');
		expect(names(sms).every((name: string) => name.startsWith('SMS from'))).toBe(true);
	});

	test('attachments of the chosen message (a voicemail: its recording and transcription)', async () => {
		const control = (route: string, body: unknown) =>
			fetch(new URL(`/__emulator${route}`, rc.emulator.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		await control('/events/voicemail', { from: '+13125550123' });
		const voicemail = (await pick('ringCentralMessaging', 'searchMessages', download, 'voicemail from marcus')).results[0];
		expect(voicemail.name).toMatch(/^Voicemail from Marcus Lee \(\+13125550123\)/);
		const attachments = await pick('ringCentralMessaging', 'searchAttachments', {
			...download,
			messageId: { __rl: true, mode: 'list', value: voicemail.value },
		});
		expect(names(attachments)).toEqual([expect.stringMatching(/ · audio\/(mpeg|wav|x-wav)$/), expect.stringMatching(/ · text\/plain$/)]);
		const none = await pick('ringCentralMessaging', 'searchAttachments', download);
		expect(none.results).toEqual([]);
	});

	test('pager messages to reply to', async () => {
		const sent = await rc.engine.execute({
			type: 'ringCentralMessaging',
			parameters: { authentication: 'jwt', resource: 'pagerMessage', operation: 'send', toExtensionNumbers: '102', text: 'Lunch at noon?' },
			credential: jwt,
		});
		expect(sent.error).toBeUndefined();
		const pager = await pick('ringCentralMessaging', 'searchPagerMessages', { resource: 'pagerMessage', operation: 'send' });
		expect(pager.results[0]).toEqual({ name: expect.stringMatching(/^Pager message to Bob Baker \(102\) · .+ · Lunch at noon\?$/), value: String(sent.items[0].json.id) });
	});
});

describe('call log pickers', () => {
	test('recordings: the user\'s recorded calls of the last 90 days, by party, time and length, 100 a page', async () => {
		const since = mark();
		const { results, tokens } = await allPages('ringCentralCallLog', 'searchRecordings', { resource: 'recording', operation: 'download' });
		expect(tokens.length).toBeGreaterThan(0);
		expect(results[0].name).toMatch(/^(Inbound call from|Outbound call to) .+ \(\+\d+\) · \d{4}-\d\d-\d\d \d\d:\d\d · \d+m \d\ds$/);
		const recordings = [...rc.emulator.areaState('call-log').recordings.keys()];
		expect(results.every((r: any) => recordings.includes(r.value))).toBe(true);
		expect(apiCalls(since)[0]).toMatchObject({ operationId: 'readUserCallLog', query: { recordingType: 'All', page: '1', perPage: '100' } });
		const marcus = await pick('ringCentralCallLog', 'searchRecordings', { resource: 'recording', operation: 'download' }, 'marcus');
		expect(names(marcus).every((name: string) => name.includes('Marcus Lee'))).toBe(true);
	});
});

describe('call handling pickers', () => {
	const node = 'ringCentralCallHandling';

	test('answering rules of the extension and of the company', async () => {
		const user = await pick(node, 'searchUserAnsweringRules', { resource: 'userAnsweringRule', operation: 'get' });
		expect(user.results).toEqual([
			{ name: expect.stringMatching(/ · Business Hours$/), value: 'business-hours-rule' },
			{ name: expect.stringMatching(/ · After Hours$/), value: 'after-hours-rule' },
		]);
		const company = await pick(node, 'searchCompanyAnsweringRules', { resource: 'companyAnsweringRule', operation: 'get' }, 'after');
		expect(company.results).toEqual([{ name: expect.stringMatching(/ · After Hours$/), value: 'after-hours-rule' }]);
	});

	test('forwarding numbers and blocked/allowed numbers of the extension', async () => {
		const forwarding = await pick(node, 'searchForwardingNumbers', { resource: 'forwardingNumber', operation: 'get' });
		expect(names(forwarding)).toEqual(['Mobile · +14155553000', 'Desk Phone · +16505551001']);
		const block = (phoneNumber: string, status: string, label: string) =>
			rc.engine.execute({
				type: node,
				parameters: { authentication: 'jwt', resource: 'blockedNumber', operation: 'create', phoneNumber, status, label },
				credential: jwt,
			});
		await block('+14155550142', 'Allowed', 'Quinn');
		const first = await pick(node, 'searchBlockedNumbers', { resource: 'blockedNumber', operation: 'get' });
		expect(names(first)).toEqual(['+18005550199 · Extended warranty robocalls · blocked', '+12025550143 · Unknown telemarketer · blocked']);
		expect(first.paginationToken).toBe('Allowed.1');
		const allowed = await pick(node, 'searchBlockedNumbers', { resource: 'blockedNumber', operation: 'get' }, undefined, first.paginationToken);
		expect(names(allowed)).toEqual(['+16505550123 · Pat Customer · allowed', '+14155550142 · Quinn · allowed']);
		expect(allowed.paginationToken).toBeUndefined();
	});

	test('standard greetings by name, kind and the rules they are for', async () => {
		const jazz = await pick(node, 'searchStandardGreetings', { resource: 'greeting', operation: 'getStandard' }, 'jazz');
		expect(jazz.results).toEqual([{ name: 'Jazz · Hold Music · User Extension Answering Rule', value: '67073' }]);
	});
});

describe('team messaging and account pickers', () => {
	test('posts of the chosen chat, newest first, by author and text; older ones on the next page', async () => {
		const support = (await pick('ringCentralTeamMessaging', 'searchChats', { resource: 'post', operation: 'delete' }, 'support team')).results[0];
		const chat = { __rl: true, mode: 'list', value: support.value };
		const first = await pick('ringCentralTeamMessaging', 'searchPosts', { resource: 'post', operation: 'delete', chatId: chat });
		expect(first.results.length).toBe(250);
		expect(first.results[0].name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+: .+ · \d{4}-\d\d-\d\d \d\d:\d\d$/);
		expect(first.paginationToken).toEqual(expect.any(String));
		const older = await pick('ringCentralTeamMessaging', 'searchPosts', { resource: 'post', operation: 'delete', chatId: chat }, undefined, first.paginationToken);
		expect(older.results.length).toBeGreaterThan(0);
		expect(older.results.some((r: any) => first.results.some((f: any) => f.value === r.value))).toBe(false);
		const byLink = await pick('ringCentralTeamMessaging', 'searchPosts', {
			resource: 'post',
			operation: 'delete',
			chatId: { __rl: true, mode: 'url', value: `https://app.ringcentral.com/messages/${support.value}` },
		});
		expect(byLink.results[0]).toEqual(first.results[0]);
	});

	test('incoming webhooks, named by the chats they post into', async () => {
		const support = (await pick('ringCentralTeamMessaging', 'searchChats', { resource: 'incomingWebhook', operation: 'create' }, 'support team')).results[0];
		const created = await rc.engine.execute({
			type: 'ringCentralTeamMessaging',
			parameters: { authentication: 'jwt', resource: 'incomingWebhook', operation: 'create', chatId: { __rl: true, mode: 'list', value: support.value } },
			credential: jwt,
		});
		expect(created.error).toBeUndefined();
		const hooks = await pick('ringCentralTeamMessaging', 'searchWebhooks', { resource: 'incomingWebhook', operation: 'get' }, 'support');
		expect(hooks.results).toContainEqual({ name: `Into Support Team · Team · Active · ${created.items[0].json.id}`, value: String(created.items[0].json.id) });
	});

	test('subscriptions, by what they listen to and where they deliver', async () => {
		const address = receiver.url;
		const created = await rc.engine.execute({
			type: 'ringCentralAccount',
			parameters: {
				authentication: 'jwt',
				resource: 'subscription',
				operation: 'create',
				eventFilters: ['/restapi/v1.0/account/~/extension/~/presence', '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS'],
				address,
			},
			credential: jwt,
		});
		expect(created.error).toBeUndefined();
		const subscriptions = await pick('ringCentralAccount', 'searchSubscriptions', { resource: 'subscription', operation: 'get' }, 'presence');
		expect(subscriptions.results).toEqual([
			{ name: `presence, message-store/instant → ${address} · Active`, value: String(created.items[0].json.id) },
		]);
	});
});
