/**
 * Drives a real n8n 2.41.1 (Node 24, from scripts/n8n-runtime.sh) with this package linked in as a
 * community package, the way users get it: node types are `n8n-nodes-ringcentral.<name>`.
 * Used by the e2e tier, the editor check and `npm start`.
 */
const { execFile, execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');

const REPO = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-ringcentral';
const OWNER = { email: 'owner@example.com', firstName: 'Demo', lastName: 'Owner', password: 'RingCentral-demo-1' };

/** Installs the runtime when missing (cached outside the repo) and returns the env it runs with. */
function runtimeEnv() {
	const script = path.join(REPO, 'scripts/n8n-runtime.sh');
	execFileSync(script, ['ensure'], { stdio: ['ignore', 'ignore', 'inherit'] });
	const exports = execFileSync(script, ['env'], { encoding: 'utf8' });
	const env = {};
	for (const line of exports.split('\n')) {
		const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
		if (match) env[match[1]] = execFileSync('bash', ['-c', `printf %s ${match[2]}`], { encoding: 'utf8' });
	}
	return env;
}

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * The environment an n8n process runs with: the machine's, without what test runners set (n8n
 * would silence its logger under NODE_ENV=test or inherit their hooks), plus this n8n's settings.
 * @param {Record<string, string>} settings
 */
function n8nEnvironment(settings) {
	const inherited = { ...process.env };
	for (const name of ['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID', 'N8N_LOG_LEVEL']) delete inherited[name];
	return { ...inherited, ...settings };
}

class N8n {
	/**
	 * @param {{ userFolder?: string, port?: number, logFile?: string, packageDir?: string }} [options]
	 */
	constructor(options = {}) {
		this.options = options;
		this.packageDir = options.packageDir ?? REPO;
		this.cookie = '';
	}

	async prepare() {
		this.runtime = runtimeEnv();
		this.userFolder = this.options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rc-n8n-'));
		const nodesDir = path.join(this.userFolder, '.n8n/nodes/node_modules');
		fs.mkdirSync(nodesDir, { recursive: true });
		const link = path.join(nodesDir, PACKAGE_NAME);
		if (!fs.existsSync(link)) fs.symlinkSync(this.packageDir, link, 'dir');
		this.port = this.options.port ?? (await freePort());
		this.brokerPort = await freePort();
		this.url = `http://127.0.0.1:${this.port}`;
		/** What this n8n needs on top of the machine's environment (and all that runtime.json keeps of it). */
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
	async cli(args) {
		// `execute` starts a task broker of its own: it must not take the running instance's port.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const { stdout, stderr } = await promisify(execFile)(this.runtime.NODE24, [this.runtime.N8N_BIN, ...args], {
			env,
			maxBuffer: 64 * 1024 * 1024,
		});
		return `${stdout}${stderr}`;
	}

	/** Writes JSON to a temp file and imports it with `import:<kind>`. */
	async importJson(kind, data) {
		const file = path.join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		const output = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (!/Successfully imported/.test(output)) throw new Error(`n8n import:${kind} failed:\n${output}`);
		return output;
	}

	async start() {
		if (this.options.logFile) fs.mkdirSync(path.dirname(this.options.logFile), { recursive: true });
		const log = this.options.logFile ? fs.openSync(this.options.logFile, 'a') : 'ignore';
		this.process = spawn(this.runtime.NODE24, [this.runtime.N8N_BIN, 'start'], {
			env: this.env,
			stdio: ['ignore', log, log],
			detached: false,
		});
		this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
		const started = Date.now();
		while (Date.now() - started < 120_000) {
			const ready = await fetch(`${this.url}/healthz/readiness`).then((r) => r.ok).catch(() => false);
			if (ready) {
				this.startupMs = Date.now() - started;
				return this;
			}
			if (this.process.exitCode !== null) throw new Error(`n8n exited during start (code ${this.process.exitCode})`);
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error('n8n did not become ready within 120 s');
	}

	async stop() {
		if (!this.process || this.process.exitCode !== null) return;
		this.process.kill('SIGTERM');
		const timer = setTimeout(() => this.process.kill('SIGKILL'), 20_000);
		await this.exited;
		clearTimeout(timer);
	}

	/** REST call to n8n's own API as the owner (cookie session), signing in again once on a 401. */
	async rest(method, route, body) {
		try {
			return await this.restOnce(method, route, body);
		} catch (error) {
			if (!this.owner || !/→ 401/.test(String(error.message)) || route === '/login') throw error;
			await this.signIn(this.owner);
			return await this.restOnce(method, route, body);
		}
	}

	async restOnce(method, route, body) {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
			redirect: 'manual',
		});
		const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await response.text();
		let data;
		try {
			data = JSON.parse(text);
		} catch {
			data = text;
		}
		if (!response.ok) throw new Error(`n8n ${method} /rest${route} → ${response.status}: ${text.slice(0, 500)}`);
		return data?.data ?? data;
	}

	/** The instance owner: created on first use, signed in afterwards. */
	async signIn(owner = OWNER) {
		this.owner = owner;
		const problems = [];
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
					problems.push(String(error.message));
				}
			}
			// Right after the start, or right after the owner was set up, n8n can refuse a session
			// it has just issued (seen once in a cold CI run): try again shortly.
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error(`could not sign in to n8n:\n${problems.join('\n')}`);
	}

	/**
	 * Connects an OAuth2 credential through n8n's own flow: n8n builds the authorize URL, the
	 * RingCentral (emulator) authorize page redirects back to n8n's callback, n8n exchanges the code.
	 */
	async connectOAuth2(credentialId) {
		const authorizeUrl = await this.rest('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		const callback = consent.headers.get('location');
		if (consent.status !== 302 || !callback) throw new Error(`authorize did not redirect: ${consent.status}`);
		const finished = await fetch(callback, { headers: { Cookie: this.cookie }, redirect: 'manual' });
		const page = await finished.text();
		if (!finished.ok || /error/i.test(page.slice(0, 2000)) && !/success/i.test(page)) {
			throw new Error(`n8n OAuth2 callback failed: ${finished.status} ${page.slice(0, 300)}`);
		}
		return { authorizeUrl, callback };
	}

	/** Waits until a production webhook answers something other than "not registered". */
	async waitForWebhook(pathName, method = 'GET', timeoutMs = 60_000) {
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			const response = await fetch(`${this.url}/webhook/${pathName}`, { method }).catch(() => undefined);
			if (response && response.status !== 404) return Date.now() - started;
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`webhook ${pathName} was not registered within ${timeoutMs} ms`);
	}
}

module.exports = { N8n, OWNER, PACKAGE_NAME, REPO, freePort, n8nEnvironment };
