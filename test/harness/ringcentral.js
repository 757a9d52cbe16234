/**
 * One emulator + one n8n engine per test file, with both credential types connected the way a
 * user connects them: OAuth2 through the authorization-code flow, JWT through the JWT grant.
 * After every test, any request the spec rejected (and any response of the emulator the spec
 * would reject) fails the test unless the test consumed it with `takeViolations()`.
 */
const { createEmulator } = require('../../tools/emulator');
const { createEngine } = require('./engine');

/**
 * @param {{ nodeTypes: any[], credentialTypes: any[], emulator?: Parameters<typeof createEmulator>[0] }} options
 */
function useRingCentral(options) {
	/** @type {any} */
	const context = {};
	beforeAll(async () => {
		const emulator = await createEmulator({ requireSpec: true, quiet: true, ...options.emulator });
		await emulator.start();
		const engine = createEngine({ nodeTypes: options.nodeTypes, credentialTypes: options.credentialTypes });
		Object.assign(context, {
			emulator,
			engine,
			/** OAuth2 credential connected through /restapi/oauth/authorize + /token, as n8n's OAuth flow stores it */
			async oauth2Credential(extensionId = emulator.state.ids.admin) {
				const oauthTokenData = await authorizationCodeFlow(emulator, extensionId);
				return engine.credentials.add('ringCentralOAuth2Api', {
					environment: 'custom',
					serverUrl: emulator.url,
					clientId: 'demo-client-id',
					clientSecret: 'demo-client-secret',
					oauthTokenData,
				});
			},
			/** JWT credential for a user; its access token is fetched by preAuthentication on first use */
			jwtCredential(extensionId = emulator.state.ids.admin) {
				return engine.credentials.add('ringCentralJwtApi', {
					environment: 'custom',
					serverUrl: emulator.url,
					clientId: 'demo-client-id',
					clientSecret: 'demo-client-secret',
					jwtToken: emulator.oauth.issueJwt(extensionId),
					accessToken: '',
				});
			},
		});
	});
	/** @type {Map<string, Promise<{ type: string, id: string }>>} */
	const shared = new Map();
	Object.assign(context, {
		/**
		 * A credential ready for `engine.execute`: `{ type, id }`. Fresh on every call, or with
		 * `once` one per user and type for the whole file (sign-ins count against the Auth limit).
		 * @param {'oAuth2'|'jwt'} auth @param {string} [extensionId] @param {{ once?: boolean }} [options]
		 */
		async connect(auth, extensionId, options = {}) {
			const make = async () => {
				const stored = auth === 'jwt' ? context.jwtCredential(extensionId) : await context.oauth2Credential(extensionId);
				return { type: auth === 'jwt' ? 'ringCentralJwtApi' : 'ringCentralOAuth2Api', id: String(stored.id) };
			};
			if (!options.once) return await make();
			const key = `${auth}:${extensionId ?? 'admin'}`;
			if (!shared.has(key)) shared.set(key, make());
			return await /** @type {Promise<{ type: string, id: string }>} */ (shared.get(key));
		},
		/**
		 * `run(credential, parameters, extra)` for one node type: Authentication follows the
		 * credential, `defaults` fill parameters the test leaves out.
		 * @param {string} type @param {Record<string, any>} [defaults]
		 */
		runner(type, defaults = {}) {
			return (/** @type {{ type: string, id: string }} */ credential, /** @type {Record<string, any>} */ parameters, /** @type {any} */ extra = {}) =>
				context.engine.execute({
					type,
					parameters: { authentication: credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2', ...defaults, ...parameters },
					credential,
					...extra,
				});
		},
	});
	afterEach(() => {
		if (!context.emulator) return;
		const leftovers = context.emulator.takeViolations();
		context.emulator.faults.clear();
		expect(leftovers).toEqual([]);
	});
	afterAll(async () => {
		await context.emulator?.stop();
	});
	return context;
}

/** @param {any} emulator @param {string} extensionId */
async function authorizationCodeFlow(emulator, extensionId) {
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
	emulator.oauth.authorizeAs = extensionId;
	const authorize = new URL('/restapi/oauth/authorize', emulator.url);
	authorize.searchParams.set('response_type', 'code');
	authorize.searchParams.set('client_id', 'demo-client-id');
	authorize.searchParams.set('redirect_uri', redirectUri);
	authorize.searchParams.set('state', 'engine-tier');
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(/** @type {string} */ (redirect.headers.get('location'))).searchParams.get('code');
	const response = await fetch(new URL('/restapi/oauth/token', emulator.url), {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ grant_type: 'authorization_code', code: String(code), redirect_uri: redirectUri }),
	});
	emulator.oauth.authorizeAs = emulator.state.ids.admin;
	if (!response.ok) throw new Error(`authorization code flow failed: ${response.status} ${await response.text()}`);
	return await response.json();
}

module.exports = { useRingCentral };
