/* eslint-disable @typescript-eslint/no-explicit-any -- n8n webhook answers of many shapes */
import { useWebhookReceiver } from '../harness/webhook-receiver';
import { call, control, mark, requests } from './client';

const receiver = useWebhookReceiver();

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Account in real n8n with the %s credential', (auth) => {
	test('API → Get Health reads the v1.0 version (the retired status read)', async () => {
		const since = await mark();
		const { status, body } = await call(`account-health-${auth}`, {});
		expect(status).toBe(200);
		expect(body).toEqual([expect.objectContaining({ healthy: true, apiVersion: 'v1.0', versionString: expect.any(String) })]);
		expect((await requests(since)).map((r: any) => [r.operationId, r.path, r.status])).toEqual([['readAPIVersion', '/restapi/v1.0', 200]]);
	});

	test('Subscription → Create (handshake echoed by the receiver), Get, Renew and Delete in one chain', async () => {
		const since = await mark();
		const { status, body } = await call(`account-subscription-${auth}`, { address: receiver.url, verificationToken: `secret-${auth}` });
		expect(status).toBe(200);
		const { created, read, renewed, deleted } = body;
		expect(created).toMatchObject({
			id: expect.any(String),
			status: 'Active',
			expiresIn: 3600,
			deliveryMode: { transportType: 'WebHook', address: receiver.url },
		});
		expect(created.eventFilters).toEqual([expect.stringMatching(/^\/restapi\/v1\.0\/account\/\d+\/extension\/\d+\/presence$/)]);
		expect(read).toMatchObject({ id: created.id, status: 'Active' });
		expect(Date.parse(renewed.expirationTime)).toBeGreaterThanOrEqual(Date.parse(created.expirationTime));
		expect(deleted).toEqual({ success: true });

		// RingCentral's handshake reached the receiver before the subscription existed.
		expect(receiver.requests).toHaveLength(1);
		expect(receiver.requests[0]).toMatchObject({ method: 'POST', headers: { 'validation-token': expect.any(String), 'verification-token': `secret-${auth}` } });

		const sent = await requests(since);
		expect(sent.map((r: any) => [r.operationId, r.status])).toEqual([
			['createSubscription', 200],
			['readSubscription', 200],
			['renewSubscription', 200],
			['deleteSubscription', 204],
		]);
		expect(sent[0].requestBody).toEqual({
			eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
			deliveryMode: { transportType: 'WebHook', address: receiver.url, verificationToken: `secret-${auth}` },
			expiresIn: 3600,
		});
		expect(sent.slice(1).every((r: any) => r.path.endsWith(`/subscription/${created.id}${r.operationId === 'renewSubscription' ? '/renew' : ''}`))).toBe(true);
		const remaining = await control('GET', '/subscriptions');
		expect(remaining.map((s: any) => s.id)).not.toContain(created.id);
	});

	test('Subscription → Create against an address that does not echo the Validation-Token fails with SUB-520 on the item', async () => {
		receiver.behave({ echo: false });
		const since = await mark();
		const { status, body } = await call(`account-subscription-create-${auth}`, { address: receiver.url, verificationToken: 'x' });
		expect(status).toBe(200);
		expect(body[0]).toMatchObject({ details: { errorCode: 'SUB-520' } });
		expect(receiver.requests).toHaveLength(1);
		expect(await requests(since)).toEqual([expect.objectContaining({ operationId: 'createSubscription', status: 400 })]);
	});
});
