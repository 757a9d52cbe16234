/**
 * Drives a real n8n (2.41.1 on Node 24 unless told otherwise; installed by ./runtime.ts) with this
 * package linked in as a community package, the way users get it: node types are
 * `n8n-nodes-ringcentral.<name>`. Where n8n 1.x differs (activating instead of publishing), it
 * says so. Used by `npm start`, the e2e tier, the editor check and the trigger benchmark.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { REPO } from '../repository';
import { N8N_RELEASES, ensureRuntime, runtimeEnvironment } from './runtime';
import type { Layout, N8nRelease } from './runtime';

export const PACKAGE_NAME = 'n8n-nodes-ringcentral';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const OWNER: Owner = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'RingCentral-demo-1' };

/** The installed runtime's environment: NODE, N8N_BIN, PATH and quiet n8n settings (./runtime.ts). */
export type RuntimeEnv = ReturnType<typeof runtimeEnvironment>;

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
	/** the n8n release to run (default: the current one, N8N_RELEASES.current) */
	release?: N8nRelease;
	/** told once when the release has to be installed first (a few minutes) */
	onInstall?: (where: Layout) => void;
	/** the public webhook URL n8n announces (default: its own address) */
	webhookUrl?: string;
	/** `worker`: a queue-mode worker, `webhook`: a queue-mode webhook processor (./cluster.ts gives the settings they need); default `start` */
	command?: 'start' | 'worker' | 'webhook';
	/** settings on top of this n8n's own (queue mode, database, encryption key, …) */
	env?: Record<string, string>;
}

/** Another process listens on a port n8n was to use. */
export class PortInUseError extends Error {
	constructor(readonly port: number) {
		super(`port ${port} is in use`);
	}
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
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

/** Whether something accepts connections on a port of this machine (IPv4 or IPv6 loopback). */
function accepts(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host, port });
		const done = (result: boolean) => {
			socket.destroy();
			resolve(result);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

function canListen(port: number, host: string): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/**
 * Whether a port is taken, asked without sending a request: a TCP connect to the loopback
 * addresses (a server on any address answers there) and a test listen on 127.0.0.1.
 */
export async function portInUse(port: number): Promise<boolean> {
	for (const host of ['127.0.0.1', '::1']) if (await accepts(host, port)) return true;
	return !(await canListen(port, '127.0.0.1'));
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
	readonly release: N8nRelease;
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
		this.release = options.release ?? N8N_RELEASES.current;
	}

	get command(): 'start' | 'worker' | 'webhook' {
		return this.options.command ?? 'start';
	}

	/** n8n's major version: 1.x activates workflows, 2.x publishes them. */
	get major(): number {
		return Number(this.release.n8n.split('.')[0]);
	}

	/** Installs the release when missing (cached outside the repo) and readies a user folder and ports. */
	async prepare(): Promise<this> {
		const onInstall = this.options.onInstall;
		this.runtime = runtimeEnvironment(await ensureRuntime({ release: this.release, onInstall }));
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
			// n8n 2.x reads N8N_WEBHOOK_URL, 1.x WEBHOOK_URL.
			N8N_WEBHOOK_URL: this.options.webhookUrl ?? `${this.url}/`,
			WEBHOOK_URL: this.options.webhookUrl ?? `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: this.options.logLevel ?? 'info',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			...(this.command === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port) } : {}),
			...this.options.env,
		};
		this.env = n8nEnvironment(this.settings);
		return this;
	}

	/** Runs an n8n CLI command (import:*, publish:workflow, export:*, execute); returns its output. */
	async cli(args: string[]): Promise<string> {
		// `execute` starts a task broker of its own: it must not take the running instance's port.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const { stdout, stderr } = await promisify(execFile)(this.runtime.NODE, [this.runtime.N8N_BIN, ...args], {
			env,
			maxBuffer: 64 * 1024 * 1024,
		});
		return `${stdout}${stderr}`;
	}

	/**
	 * Imports JSON with `import:<kind>`. Credentials hold secrets: the file n8n reads is readable by
	 * this user only, in a private temp folder that is removed right after.
	 */
	async importJson(kind: 'credentials' | 'workflow', data: unknown[]): Promise<string> {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-n8n-import-'));
		try {
			const file = path.join(folder, `${kind}.json`);
			fs.writeFileSync(file, JSON.stringify(data, null, 2), { mode: 0o600 });
			const output = await this.cli([`import:${kind}`, `--input=${file}`]);
			if (!/Successfully imported/.test(output)) throw new Error(`n8n import:${kind} failed:\n${output}`);
			return output;
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	}

	/** The ids of the workflows in this n8n's database (from `export:workflow --all`). */
	async workflowIds(): Promise<string[]> {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-n8n-export-'));
		try {
			const file = path.join(folder, 'workflows.json');
			// With no workflow at all, n8n says so and exits with 1.
			const output = await this.cli(['export:workflow', '--all', `--output=${file}`]).catch(
				(error: Error & { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`,
			);
			if (!fs.existsSync(file)) {
				if (/No workflows found/i.test(output)) return [];
				throw new Error(`n8n export:workflow failed:\n${output}`);
			}
			return (JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string }>).map((workflow) => workflow.id);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	}

	/**
	 * Publishes (2.x) or activates (1.x) a workflow. n8n 2.x's CLI reaches a running instance too;
	 * 1.x's `update:workflow` only changes the database, so a running 1.x is asked over REST (its
	 * editor's activate and deactivate).
	 */
	async publish(id: string): Promise<void> {
		if (this.major >= 2) {
			await this.cli(['publish:workflow', `--id=${id}`]);
		} else if (this.running) {
			const workflow = await this.rest('GET', `/workflows/${id}`);
			await this.rest('POST', `/workflows/${id}/activate`, { versionId: workflow.versionId });
		} else {
			await this.cli(['update:workflow', `--id=${id}`, '--active=true']);
		}
	}

	/** Unpublishes (2.x) or deactivates (1.x) a workflow. */
	async unpublish(id: string): Promise<void> {
		if (this.major >= 2) {
			await this.cli(['unpublish:workflow', `--id=${id}`]);
		} else if (this.running) {
			await this.rest('POST', `/workflows/${id}/deactivate`);
		} else {
			await this.cli(['update:workflow', `--id=${id}`, '--active=false']);
		}
	}

	get running(): boolean {
		return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
	}

	/** Starts n8n and waits until it answers; a taken port is a PortInUseError, before anything is started. */
	async start(): Promise<this> {
		if (await portInUse(this.port)) throw new PortInUseError(this.port);
		if (this.options.logFile) fs.mkdirSync(path.dirname(this.options.logFile), { recursive: true });
		const log = this.options.logFile ? fs.createWriteStream(this.options.logFile, { flags: 'a' }) : undefined;
		const child = spawn(this.runtime.NODE, [this.runtime.N8N_BIN, this.command], {
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: false,
		});
		this.process = child;
		this.exited = new Promise((resolve) =>
			child.once('exit', (code, signal) => {
				log?.end();
				resolve({ code, signal });
			}),
		);
		// n8n announces its editor URL once it has started in full (after activating workflows, and on
		// n8n 1.x after the initialisation a request that comes too early can race). The announcement
		// comes from this process, so an n8n of someone else on the port cannot pass for this one.
		let announced = false;
		let tail = '';
		const watch = (chunk: Buffer) => {
			log?.write(chunk);
			tail = (tail + chunk.toString()).slice(-4096);
			if (/Editor is now accessible via/.test(tail)) announced = true;
		};
		child.stdout.on('data', watch);
		child.stderr.on('data', watch);
		const started = Date.now();
		while (Date.now() - started < 180_000) {
			if (child.exitCode !== null) throw new Error(`n8n exited during start (code ${child.exitCode})`);
			// A worker serves only its health check (on the port it was given).
			if (this.command === 'worker' && (await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false))) {
				this.startupMs = Date.now() - started;
				return this;
			}
			// A webhook processor serves webhooks and its health check, and reports ready once it takes requests.
			if (this.command === 'webhook' && (await fetch(`${this.url}/healthz/readiness`).then((r) => r.ok, () => false))) {
				this.startupMs = Date.now() - started;
				return this;
			}
			const ready = announced && (await fetch(`${this.url}/healthz/readiness`).then((r) => r.ok, () => false));
			// With its REST API up: n8n 1.x reports ready a few seconds before its routes exist.
			const routed = ready && (await fetch(`${this.url}/rest/login`).then((r) => r.status !== 404, () => false));
			if (routed && child.exitCode === null) {
				this.startupMs = Date.now() - started;
				return this;
			}
			await sleep(250);
		}
		throw new Error('n8n did not become ready within 180 s');
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

	/**
	 * The instance owner: created on first use, signed in afterwards. Call it before the first
	 * production execution finishes: n8n then marks the owner "activated" by saving a copy of the
	 * owner it read a moment earlier, which undoes an owner setup made in between (seen on
	 * 1.123.81: the setup succeeds, then its session and the password are refused).
	 */
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
