/**
 * Drives a real n8n 2.41.1 (Node 24, from tools/n8n/n8n-runtime.sh) with this package linked in as a
 * community package, the way users get it: node types are `n8n-nodes-ringcentral.<name>`.
 * Used by `npm start`, the e2e tier, the editor check and the trigger benchmark.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { REPO } from '../repository';

export const PACKAGE_NAME = 'n8n-nodes-ringcentral';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const OWNER: Owner = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'RingCentral-demo-1' };

/** The installed runtime: the `export` lines of `n8n-runtime.sh env` (NODE24, N8N_BIN, PATH, quiet n8n settings). */
export type RuntimeEnv = Record<string, string> & { NODE24: string; N8N_BIN: string };

export interface N8nOptions {
	/** n8n's user folder (database, settings, community nodes); a new temp folder when missing */
	userFolder?: string;
	/** a free port when missing */
	port?: number;
	/** n8n's output goes here; discarded when missing */
	logFile?: string;
	/** the package linked in as a community package; this repository when missing */
	packageDir?: string;
	logLevel?: string;
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** Installs the runtime when missing (cached outside the repo) and returns the env it runs with. */
function runtimeEnv(): RuntimeEnv {
	const script = path.join(REPO, 'tools/n8n/n8n-runtime.sh');
	execFileSync(script, ['ensure'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const exports = execFileSync(script, ['env'], { encoding: 'utf8' });
	const env: Record<string, string> = {};
	for (const line of exports.split('\n')) {
		const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
		if (match) env[match[1]] = execFileSync('bash', ['-c', `printf %s ${match[2]}`], { encoding: 'utf8' });
	}
	if (!env.NODE24 || !env.N8N_BIN) throw new Error(`n8n-runtime.sh env gave no NODE24 or N8N_BIN:\n${exports}`);
	return env as RuntimeEnv;
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/**
 * The environment an n8n process runs with: the machine's, without what test runners set (n8n
 * would silence its logger under NODE_ENV=test or inherit their hooks), plus this n8n's settings.
 */
export function n8nEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
	const inherited = { ...process.env };
	for (const name of ['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID', 'N8N_LOG_LEVEL']) delete inherited[name];
	return { ...inherited, ...settings };
}

/** n8n's JSON answers, of any shape: the caller reads them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = any;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const messageOf = (error: unknown) => String(error instanceof Error ? error.message : error);

export class N8n {
	readonly options: N8nOptions;
	readonly packageDir: string;
	/** The owner's session (`n8n-auth=…`), once signed in. */
	cookie = '';
	owner?: Owner;
	// Set by prepare():
	runtime!: RuntimeEnv;
	userFolder!: string;
	port!: number;
	brokerPort!: number;
	url!: string;
	/** What this n8n needs on top of the machine's environment (and all that the e2e tier's runtime.json keeps of it). */
	settings!: Record<string, string>;
	env!: NodeJS.ProcessEnv;
	// Set by start():
	process?: ChildProcess;
	exited!: Promise<Exit>;
	startupMs?: number;

	constructor(options: N8nOptions = {}) {
		this.options = options;
		this.packageDir = options.packageDir ?? REPO;
	}

	async prepare(): Promise<this> {
		this.runtime = runtimeEnv();
		this.userFolder = this.options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rc-n8n-'));
		const nodesDir = path.join(this.userFolder, '.n8n/nodes/node_modules');
		fs.mkdirSync(nodesDir, { recursive: true });
		const link = path.join(nodesDir, PACKAGE_NAME);
		if (!fs.existsSync(link)) fs.symlinkSync(this.packageDir, link, 'dir');
		this.port = this.options.port ?? (await freePort());
		this.brokerPort = await freePort();
		this.url = `http://127.0.0.1:${this.port}`;
		this.settings = {
			...this.runtime,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		};
		this.env = n8nEnvironment(this.settings);
		return this;
	}

	/** Runs an n8n CLI command (import:*, publish:workflow, export:*, execute); returns its output. */
	async cli(args: string[]): Promise<string> {
		// `execute` starts a task broker of its own: it must not take the running instance's port.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const { stdout, stderr } = await promisify(execFile)(this.runtime.NODE24, [this.runtime.N8N_BIN, ...args], {
			env,
			maxBuffer: 64 * 1024 * 1024,
		});
		return `${stdout}${stderr}`;
	}

	/** Writes JSON to a temp file and imports it with `import:<kind>`. */
	async importJson(kind: 'credentials' | 'workflow', data: unknown[]): Promise<string> {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		const output = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (!/Successfully imported/.test(output)) throw new Error(`n8n import:${kind} failed:\n${output}`);
		return output;
	}

	async start(): Promise<this> {
		if (this.options.logFile) fs.mkdirSync(path.dirname(this.options.logFile), { recursive: true });
		const log = this.options.logFile ? fs.openSync(this.options.logFile, 'a') : 'ignore';
		const child = spawn(this.runtime.NODE24, [this.runtime.N8N_BIN, 'start'], {
			env: this.env,
			stdio: ['ignore', log, log],
			detached: false,
		});
		this.process = child;
		this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
		const started = Date.now();
		while (Date.now() - started < 120_000) {
			const ready = await fetch(`${this.url}/healthz/readiness`)
				.then((r) => r.ok)
				.catch(() => false);
			if (ready) {
				this.startupMs = Date.now() - started;
				return this;
			}
			if (child.exitCode !== null) throw new Error(`n8n exited during start (code ${child.exitCode})`);
			await sleep(250);
		}
		throw new Error('n8n did not become ready within 120 s');
	}

	async stop(): Promise<void> {
		const child = this.process;
		if (!child || child.exitCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await this.exited;
		clearTimeout(timer);
	}

	/** REST call to n8n's own API as the owner (cookie session), signing in again once on a 401. */
	async rest(method: string, route: string, body?: unknown): Promise<Json> {
		try {
			return await this.restOnce(method, route, body);
		} catch (error) {
			if (!this.owner || !/→ 401/.test(messageOf(error)) || route === '/login') throw error;
			await this.signIn(this.owner);
			return await this.restOnce(method, route, body);
		}
	}

	async restOnce(method: string, route: string, body?: unknown): Promise<Json> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let data: Json;
		try {
			data = JSON.parse(text);
		} catch {
			data = text;
		}
		if (!response.ok) throw new Error(`n8n ${method} /rest${route} → ${response.status}: ${text.slice(0, 500)}`);
		return data?.data ?? data;
	}

	/** The instance owner: created on first use, signed in afterwards. */
	async signIn(owner: Owner = OWNER): Promise<Owner> {
		this.owner = owner;
		const problems: string[] = [];
		const attempts = [
			() => this.restOnce('POST', '/owner/setup', owner),
			() => this.restOnce('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password }),
		];
		for (let round = 0; round < 5; round++) {
			for (const attempt of attempts) {
				try {
					await attempt();
					// The session must work too: GET /login answers the signed-in user.
					await this.restOnce('GET', '/login');
					return owner;
				} catch (error) {
					problems.push(messageOf(error));
				}
			}
			// Right after the start, or right after the owner was set up, n8n can refuse a session
			// it has just issued (seen once in a cold CI run): try again shortly.
			await sleep(1000);
		}
		throw new Error(`could not sign in to n8n:\n${problems.join('\n')}`);
	}

	/**
	 * Connects an OAuth2 credential through n8n's own flow: n8n builds the authorize URL, the
	 * RingCentral (emulator) authorize page redirects back to n8n's callback, n8n exchanges the code.
	 */
	async connectOAuth2(credentialId: string): Promise<{ authorizeUrl: string; callback: string }> {
		const authorizeUrl = String(await this.rest('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`));
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		const callback = consent.headers.get('location');
		if (consent.status !== 302 || !callback) throw new Error(`authorize did not redirect: ${consent.status}`);
		const finished = await fetch(callback, { headers: { Cookie: this.cookie }, redirect: 'manual' });
		const page = await finished.text();
		if (!finished.ok || (/error/i.test(page.slice(0, 2000)) && !/success/i.test(page))) {
			throw new Error(`n8n OAuth2 callback failed: ${finished.status} ${page.slice(0, 300)}`);
		}
		return { authorizeUrl, callback };
	}

	/** Waits until a production webhook answers something other than "not registered". */
	async waitForWebhook(pathName: string, method = 'GET', timeoutMs = 60_000): Promise<number> {
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			const response = await fetch(`${this.url}/webhook/${pathName}`, { method }).catch(() => undefined);
			if (response && response.status !== 404) return Date.now() - started;
			await sleep(250);
		}
		throw new Error(`webhook ${pathName} was not registered within ${timeoutMs} ms`);
	}
}
