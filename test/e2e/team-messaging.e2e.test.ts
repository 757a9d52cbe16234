/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import crypto from 'node:crypto';

import { call, control, mark, requests, upload } from './client';

const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Team Messaging in real n8n with the %s credential', (auth) => {
	test('File → Upload of an n8n binary, then Post → Create with the file in a team chat; the bytes are readable at contentUri', async () => {
		const teams = await call(`team-messaging-teams-${auth}`, {});
		expect(teams.status).toBe(200);
		expect(teams.body.every((chat: any) => chat.type === 'Team')).toBe(true);
		const support = teams.body.find((chat: any) => chat.name === 'Support Team');
		expect(support).toBeDefined();

		// Not text: bytes that any text or JSON handling on the way would damage.
		const document = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(4096), Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a])]);
		const since = await mark();
		const { status, body } = await upload(
			`team-messaging-upload-post-${auth}`,
			{ chatId: support.id, text: `Minutes from the ${auth} run` },
			{ document: { data: document, fileName: `minutes-${auth}.pdf`, mimeType: 'application/pdf' } },
		);
		expect(status).toBe(200);
		expect(body).toHaveLength(1);
		const post = body[0];
		expect(post).toMatchObject({ groupId: support.id, text: `Minutes from the ${auth} run`, type: 'TextMessage' });
		expect(post.attachments).toEqual([expect.objectContaining({ type: 'File', name: `minutes-${auth}.pdf`, contentUri: expect.any(String) })]);

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.status])).toEqual([
			['createGlipFileNew', 200],
			['createGlipPostNew', 201],
		]);
		const [uploaded, posted] = sent;
		expect(uploaded.query).toEqual({ name: `minutes-${auth}.pdf` });
		expect(uploaded.requestBody.parts).toEqual([
			expect.objectContaining({ name: 'body', fileName: `minutes-${auth}.pdf`, contentType: 'application/pdf', size: document.length, sha256: sha256(document) }),
		]);
		expect(posted.path).toBe(`/team-messaging/v1/chats/${support.id}/posts`);
		expect(posted.requestBody).toEqual({ text: `Minutes from the ${auth} run`, attachments: [{ id: post.attachments[0].id, type: 'File' }] });

		const stored = await fetch(post.attachments[0].contentUri);
		expect(stored.status).toBe(200);
		expect(stored.headers.get('content-type')).toContain('application/pdf');
		expect(Buffer.from(await stored.arrayBuffer()).equals(document)).toBe(true);
	});
});
