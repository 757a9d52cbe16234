/**
 * One emulator + one n8n engine per test file, with both credential types connected the way a
 * user connects them: OAuth2 through the authorization-code flow, JWT through the JWT grant.
 * After every test, any request the spec rejected (and any response of the emulator the spec
 * would reject) fails the test unless the test consumed it with `takeViolations()`.
 */
import { createEmulator } from '../../tools/emulator';
import type { Emulator, EmulatorOptions } from '../../tools/emulator/server';
import { createEngine } from './engine';
import type { CredentialClass, CredentialRef, Engine, Json, NodeClass, Run, RunResult } from './engine';

export interface RingCentralOptions {
	nodeTypes: NodeClass[];
	credentialTypes: CredentialClass[];
	emulator?: EmulatorOptions;
}

export type Auth = 'oAuth2' | 'jwt';

/** An app of the emulator a credential is for (default: the demo app, which has every permission). */
export interface App {
	clientId: string;
	clientSecret: string;
}

const DEMO_APP: App = { clientId: 'demo-client-id', clientSecret: 'demo-client-secret' };

/** What a test file gets; `emulator` and `engine` are there from `beforeAll` on. */
export interface RingCentral {
	/**
	 * The running emulator. Loosely typed for the tests on purpose: they walk its state, stores and
	 * journal (RingCentral JSON of many shapes) freely; the harness itself uses it as `Emulator`.
	 */
	emulator: Json;
	engine: Engine;
	/** OAuth2 credential connected through /restapi/oauth/authorize + /token, as n8n's OAuth flow stores it */
	oauth2Credential(extensionId?: string, app?: App): Promise<{ id: string; name: string }>;
	/** JWT credential for a user; its access token is fetched by preAuthentication on first use */
	jwtCredential(extensionId?: string, app?: App): { id: string; name: string };
	/**
	 * A credential ready for `engine.execute`: `{ type, id }`. Fresh on every call, or with
	 * `once` one per user and type for the whole file (sign-ins count against the Auth limit).
	 * `app`: another app of the emulator (one registered with fewer permissions, say).
	 */
	connect(auth: Auth, extensionId?: string, options?: { once?: boolean; app?: App }): Promise<CredentialRef>;
	/**
	 * `run(credential, parameters, extra)` for one node type: Authentication follows the
	 * credential, `defaults` fill parameters the test leaves out.
	 */
	runner(
		type: string,
		defaults?: Record<string, Json>,
	): (credential: CredentialRef, parameters: Record<string, Json>, extra?: Partial<Run>) => Promise<RunResult>;
}

export function useRingCentral(options: RingCentralOptions): RingCentral {
	// Filled in by beforeAll: tests read it from then on.
	const context = {} as RingCentral;
	beforeAll(async () => {
		const emulator = await createEmulator({ requireSpec: true, quiet: true, ...options.emulator });
		await emulator.start();
		const engine = createEngine({ nodeTypes: options.nodeTypes, credentialTypes: options.credentialTypes });
		Object.assign(context, {
			emulator,
			engine,
			async oauth2Credential(extensionId = emulator.state.ids.admin, app = DEMO_APP) {
				const oauthTokenData = await authorizationCodeFlow(emulator, extensionId, app);
				return engine.credentials.add('ringCentralOAuth2Api', {
					environment: 'custom',
					serverUrl: emulator.url,
					clientId: app.clientId,
					clientSecret: app.clientSecret,
					oauthTokenData,
				});
			},
			jwtCredential(extensionId = emulator.state.ids.admin, app = DEMO_APP) {
				return engine.credentials.add('ringCentralJwtApi', {
					environment: 'custom',
					serverUrl: emulator.url,
					clientId: app.clientId,
					clientSecret: app.clientSecret,
					jwtToken: emulator.oauth.issueJwt(extensionId),
					accessToken: '',
				});
			},
		} satisfies Pick<RingCentral, 'engine' | 'oauth2Credential' | 'jwtCredential'> & { emulator: Emulator });
	});
	const shared = new Map<string, Promise<CredentialRef>>();
	Object.assign(context, {
		async connect(auth: Auth, extensionId?: string, options: { once?: boolean; app?: App } = {}) {
			const make = async (): Promise<CredentialRef> => {
				const stored = auth === 'jwt' ? context.jwtCredential(extensionId, options.app) : await context.oauth2Credential(extensionId, options.app);
				return { type: auth === 'jwt' ? 'ringCentralJwtApi' : 'ringCentralOAuth2Api', id: String(stored.id) };
			};
			if (!options.once) return await make();
			const key = `${auth}:${extensionId ?? 'admin'}:${options.app?.clientId ?? DEMO_APP.clientId}`;
			let connecting = shared.get(key);
			if (!connecting) {
				connecting = make();
				shared.set(key, connecting);
			}
			return await connecting;
		},
		runner(type: string, defaults: Record<string, Json> = {}) {
			return (credential: CredentialRef, parameters: Record<string, Json>, extra: Partial<Run> = {}) =>
				context.engine.execute({
					type,
					parameters: { authentication: credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2', ...defaults, ...parameters },
					credential,
					...extra,
				});
		},
	} satisfies Pick<RingCentral, 'connect' | 'runner'>);
	afterEach(() => {
		const emulator = context.emulator as Emulator | undefined;
		if (!emulator) return;
		const leftovers = emulator.takeViolations();
		emulator.faults.clear();
		expect(leftovers).toEqual([]);
	});
	afterAll(async () => {
		await (context.emulator as Emulator | undefined)?.stop();
	});
	return context;
}

async function authorizationCodeFlow(emulator: Emulator, extensionId: string, app: App): Promise<Json> {
	const redirectUri = 'http://localhost:5678/rest/oauth2-credential/callback';
	emulator.oauth.authorizeAs = extensionId;
	const authorize = new URL('/restapi/oauth/authorize', emulator.url);
	authorize.searchParams.set('response_type', 'code');
	authorize.searchParams.set('client_id', app.clientId);
	authorize.searchParams.set('redirect_uri', redirectUri);
	authorize.searchParams.set('state', 'engine-tier');
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(String(redirect.headers.get('location'))).searchParams.get('code');
	const response = await fetch(new URL('/restapi/oauth/token', emulator.url), {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ grant_type: 'authorization_code', code: String(code), redirect_uri: redirectUri }),
	});
	emulator.oauth.authorizeAs = emulator.state.ids.admin;
	if (!response.ok) throw new Error(`authorization code flow failed: ${response.status} ${await response.text()}`);
	return await response.json();
}
