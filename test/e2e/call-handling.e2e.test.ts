/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import crypto from 'node:crypto';

import { wav as wavTone } from '../../tools/emulator/media';
import { call, control, mark, readAsUser, requests, upload } from './client';

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Call Handling in real n8n with the %s credential', (auth) => {
	test('User Business Hours → Update from the weekly schedule editor, then Get reads the same schedule', async () => {
		const day = [{ from: '08:30', to: '17:30' }];
		const since = await mark();
		const { status, body } = await call(`call-handling-hours-${auth}`, { open: '8:30', close: '17:30', saturdayOpen: '10:00', saturdayClose: '14:00' });
		expect(status).toBe(200);
		const weeklyRanges = { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day, saturday: [{ from: '10:00', to: '14:00' }] };
		expect(body.updated.schedule.weeklyRanges).toEqual(weeklyRanges);
		expect(body.read.schedule.weeklyRanges).toEqual(weeklyRanges);

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.method, r.status])).toEqual([
			['updateUserBusinessHours', 'PUT', 200],
			['readUserBusinessHours', 'GET', 200],
		]);
		expect(sent[0].requestBody).toEqual({ schedule: { weeklyRanges } });
	});

	test('User Business Hours → Update refuses a range that ends before it starts, on the item, without calling RingCentral', async () => {
		const since = await mark();
		const { status, body } = await call(`call-handling-hours-update-${auth}`, { open: '18:00', close: '09:00', saturdayOpen: '10:00', saturdayClose: '14:00' });
		expect(status).toBe(200);
		expect(body[0].error).toBe('Weekly Schedule, Every Weekday range 1: the range must end after it starts (18:00–09:00)');
		expect(await requests(since)).toEqual([]);
	});

	test('User Answering Rule → Create, Get and Delete in one chain; the rule is gone afterwards', async () => {
		const since = await mark();
		const { status, body } = await call(`call-handling-rule-${auth}`, { name: `VIP callers (${auth})`, callerNumber: '+14155550142', callerName: 'Grace Hopper' });
		expect(status).toBe(200);
		expect(body.created).toMatchObject({
			id: expect.any(String),
			type: 'Custom',
			name: `VIP callers (${auth})`,
			enabled: true,
			callers: [{ callerId: '+14155550142', name: 'Grace Hopper' }],
			callHandlingAction: 'TakeMessagesOnly',
		});
		expect(body.read).toMatchObject({ id: body.created.id, name: `VIP callers (${auth})`, callHandlingAction: 'TakeMessagesOnly' });
		expect(body.deleted).toEqual({ success: true });

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.method, r.status])).toEqual([
			['createAnsweringRule', 'POST', 200],
			['readAnsweringRule', 'GET', 200],
			['deleteAnsweringRule', 'DELETE', 204],
		]);
		expect(sent[0].requestBody).toEqual({
			type: 'Custom',
			name: `VIP callers (${auth})`,
			callers: [{ callerId: '+14155550142', name: 'Grace Hopper' }],
			callHandlingAction: 'TakeMessagesOnly',
		});
		expect(sent[2].path).toMatch(new RegExp(`/answering-rule/${body.created.id}$`));

		const gone = await call(`call-handling-rule-get-${auth}`, { ruleId: body.created.id });
		expect(gone.body[0]).toMatchObject({ details: { errorCode: 'CMN-102' } });
	});

	test('Greeting → Create for User uploads an n8n binary WAV; RingCentral keeps the same bytes and the rule plays it', async () => {
		const wav = wavTone({ seconds: 1, frequency: auth === 'jwt' ? 440 : 523 });
		const since = await mark();
		const { status, body } = await upload(
			`call-handling-greeting-${auth}`,
			{ type: 'Voicemail', answeringRuleId: 'business-hours-rule' },
			{ audio: { data: wav, fileName: `voicemail-${auth}.wav`, mimeType: 'audio/wav' } },
		);
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		expect(body[0]).toMatchObject({ id: expect.any(String), type: 'Voicemail', contentType: 'audio/wav', answeringRule: { id: 'business-hours-rule' } });

		const [request] = await requests(since);
		expect(request).toMatchObject({ operationId: 'createCustomUserGreeting', status: 200 });
		expect(request.contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(request.requestBody.parts).toEqual([
			expect.objectContaining({ name: 'type', size: 'Voicemail'.length }),
			expect.objectContaining({ name: 'answeringRuleId', size: 'business-hours-rule'.length }),
			expect.objectContaining({ name: 'binary', fileName: `voicemail-${auth}.wav`, contentType: 'audio/wav', size: wav.length, sha256: sha256(wav) }),
		]);

		const stored = await readAsUser(body[0].contentUri);
		expect(stored.status).toBe(200);
		expect(stored.bytes.equals(wav)).toBe(true);
		const rule = await readAsUser(body[0].answeringRule.uri);
		expect(JSON.parse(rule.bytes.toString('utf8')).greetings).toContainEqual({ type: 'Voicemail', custom: expect.objectContaining({ id: body[0].id }) });
	});

	test('Greeting → Create for User: audio the spec does not take (a text file labelled WAV) fails on the item', async () => {
		const { body } = await upload(
			`call-handling-greeting-${auth}`,
			{ type: 'Voicemail', answeringRuleId: 'business-hours-rule' },
			{ audio: { data: Buffer.from('not audio at all'), fileName: 'notes.wav', mimeType: 'audio/wav' } },
		);
		expect(body[0]).toMatchObject({ details: { errorCode: 'AWR-129' } });
	});
});
