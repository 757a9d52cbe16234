/* eslint-disable @typescript-eslint/no-explicit-any -- n8n and emulator answers of many shapes */
import { call, control, journal, mark, n8nCli, n8nTypes, runtime } from './client';
import { readPackageJson } from './files';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe('n8n loads the package as users install it', () => {
	test('export:nodes registers every node of the n8n block as n8n-nodes-ringcentral.<name>', async () => {
		const pkg = readPackageJson();
		const output = await n8nCli(['export:nodes', `--output=${runtime().userFolder}/nodes.json`]);
		expect(output).toMatch(/Successfully exported/);
		const exported: Array<{ name: string; credentials?: Array<{ name: string }> }> = readPackageJson(`${runtime().userFolder}/nodes.json`);
		const ours = exported.filter((n) => n.name.startsWith('n8n-nodes-ringcentral.'));
		const expected = pkg.n8n.nodes.map((file: string) => file.split('/').pop()!.replace('.node.js', ''));
		for (const className of expected) {
			const type = `n8n-nodes-ringcentral.${className.charAt(0).toLowerCase()}${className.slice(1)}`;
			expect(ours.map((n) => n.name)).toContain(type);
		}
		const credentialNames = new Set(ours.flatMap((n) => (n.credentials ?? []).map((c) => c.name)));
		expect([...credentialNames].sort()).toEqual(['ringCentralJwtApi', 'ringCentralOAuth2Api']);
	});

	test('the editor knows both credential types (and the Server fields\' parent, hidden from its list)', async () => {
		const types = (await n8nTypes('credentials')) as any[];
		const names = types.map((t: any) => t.name);
		expect(names).toEqual(expect.arrayContaining(['ringCentralOAuth2Api', 'ringCentralJwtApi', 'ringCentralServerApi']));
		const oauth = types.find((t: any) => t.name === 'ringCentralOAuth2Api');
		// n8n's OAuth2 flow serves a credential whose parents include oAuth2Api; the first parent lays out the form.
		expect(oauth.extends).toEqual(['ringCentralServerApi', 'oAuth2Api']);
		expect(types.find((t: any) => t.name === 'ringCentralServerApi').hidden).toBe(true);
	});
});

describe('OAuth2 through n8n\'s own flow', () => {
	test('n8n connected the credential with the authorization code grant (Basic client auth)', async () => {
		const grants = await journal(0, 'getToken');
		const codeGrant = grants.find((g: any) => g.requestBody?.grant_type === 'authorization_code');
		expect(codeGrant).toMatchObject({ status: 200, token: 'client:demo-client-id' });
		expect(codeGrant?.requestBody.code).toBe('<redacted>');
		expect(runtime().oauth.callback).toContain('/rest/oauth2-credential/callback?code=');
	});

	test('the stored token is used, and refreshed by n8n when RingCentral expires it', async () => {
		const first = await mark();
		await call('presence-unified-get-oauth2', {});
		const [used] = await journal(first, 'readUnifiedPresence');
		expect(used.status).toBe(200);

		await control('POST', '/oauth/expire-tokens');
		const second = await mark();
		const { status, body } = await call('presence-unified-get-oauth2', {});
		expect(status).toBe(200);
		expect(body[0]).toHaveProperty('status');
		const after = await journal(second);
		expect(after.map((e: any) => [e.operationId, e.status])).toEqual([
			['readUnifiedPresence', 401],
			['getToken', 200],
			['readUnifiedPresence', 200],
		]);
		expect(after[1].requestBody.grant_type).toBe('refresh_token');
		expect(after[2].token).not.toBe(used.token);

		const third = await mark();
		await call('presence-unified-get-oauth2', {});
		const [again] = await journal(third);
		expect(again).toMatchObject({ operationId: 'readUnifiedPresence', status: 200, token: after[2].token });
	});

	test('the JWT credential signs in again by itself when its token expires', async () => {
		// The credential holds a token first, whichever suites ran before this one.
		expect((await call('presence-unified-get-jwt', {})).status).toBe(200);
		await control('POST', '/oauth/expire-tokens');
		const since = await mark();
		const { status } = await call('presence-unified-get-jwt', {});
		expect(status).toBe(200);
		const after = await journal(since);
		expect(after.map((e: any) => [e.operationId, e.status])).toEqual([
			['readUnifiedPresence', 401],
			['getToken', 200],
			['readUnifiedPresence', 200],
		]);
		expect(after[1].requestBody).toEqual({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: '<redacted>' });
		// Every token was expired: the OAuth2 credential refreshes now, so suites after this one start with fresh tokens.
		expect((await call('presence-unified-get-oauth2', {})).status).toBe(200);
	});
});
