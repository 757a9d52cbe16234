/**
 * `npm start` as a user runs it (build/tools/start.js, the real n8n from the cache): a taken port,
 * restarts that keep the user's edits, and no secret left in a file.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { EXAMPLE_CREDENTIALS } from '../../tools/n8n/examples';
import { OWNER, freePort } from '../../tools/n8n/n8n';
import { repoPath } from '../../tools/repository';

interface Started {
	child: ChildProcess;
	output: () => { stdout: string; stderr: string };
	exited: Promise<number | null>;
}

let scratch: string;

beforeAll(() => {
	scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-start-test-'));
});

afterAll(() => {
	fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs `npm start`'s program with these settings; its temp files go to a folder of its own. */
function npmStart(settings: Record<string, string>): Started {
	const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
	for (const name of ['NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID']) delete env[name];
	const child = spawn(process.execPath, [repoPath('build/tools/start.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	return { child, output: () => ({ stdout, stderr }), exited };
}

async function until(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pattern.test(started.output().stdout)) {
		if (started.child.exitCode !== null) throw new Error(`npm start exited (${started.child.exitCode}):\n${JSON.stringify(started.output())}`);
		if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${JSON.stringify(started.output())}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function stop(started: Started): Promise<number | null> {
	started.child.kill('SIGINT');
	return await started.exited;
}

/** After a failure too: Ctrl-C (which stops its n8n and emulator), and only if that hangs, a kill. */
async function cleanUp(started: Started): Promise<void> {
	if (started.child.exitCode !== null) return;
	started.child.kill('SIGINT');
	const timer = setTimeout(() => started.child.kill('SIGKILL'), 30_000);
	await started.exited;
	clearTimeout(timer);
}

/** A server that stands for another program on the port, counting the requests it gets. */
async function foreignServer(): Promise<{ port: number; requests: string[]; close: () => Promise<void> }> {
	const requests: string[] = [];
	const server = http.createServer((request, response) => {
		requests.push(`${request.method} ${request.url}`);
		response.end('{"status":"ok"}');
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { port, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('npm start with a port already taken', () => {
	test.each([
		['N8N_PORT', 'n8n'],
		['RC_EMULATOR_PORT', 'the RingCentral emulator'],
	])('%s taken: one line naming it, exit code 1, and the program on the port gets no request', async (variable, what) => {
		const foreign = await foreignServer();
		try {
			const other = variable === 'N8N_PORT' ? 'RC_EMULATOR_PORT' : 'N8N_PORT';
			const tmp = fs.mkdtempSync(path.join(scratch, 'tmp-'));
			const started = npmStart({
				[variable]: String(foreign.port),
				[other]: String(await freePort()),
				RC_DEMO_USER_FOLDER: path.join(scratch, `taken-${variable}`),
				TMPDIR: tmp,
			});
			expect(await started.exited).toBe(1);
			const { stdout, stderr } = started.output();
			expect(stdout).toBe('');
			expect(stderr.trim().split('\n')).toEqual([
				`Port ${foreign.port} (${what}) is already in use by another program: set ${variable} to a free port, e.g. ${variable}=${foreign.port + 1} npm start`,
			]);
			expect(foreign.requests).toEqual([]);
		} finally {
			await foreign.close();
		}
	});
});

/** Every regular file under a folder (symbolic links, such as the linked package, are not followed). */
function filesUnder(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return filesUnder(full);
		return entry.isFile() ? [full] : [];
	});
}

describe('npm start, stopped and started again', () => {
	const userFolder = () => path.join(scratch, 'demo');
	const tmp = () => path.join(scratch, 'start-tmp');
	let ports: { n8n: number; emulator: number };
	let cookie = '';

	const rest = async (method: string, route: string, body?: unknown) => {
		const response = await fetch(`http://127.0.0.1:${ports.n8n}/rest${route}`, {
			method,
			headers: { 'Content-Type': 'application/json', Cookie: cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const auth = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 300)}`);
		return JSON.parse(text).data;
	};
	const signIn = () => rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	const example = JSON.parse(fs.readFileSync(repoPath('examples/missed-call-sms-follow-up.json'), 'utf8')) as { id: string; name: string };

	beforeAll(async () => {
		ports = { n8n: await freePort(), emulator: await freePort() };
		fs.mkdirSync(tmp(), { recursive: true });
	});

	const settings = () => ({
		N8N_PORT: String(ports.n8n),
		RC_EMULATOR_PORT: String(ports.emulator),
		RC_DEMO_USER_FOLDER: userFolder(),
		TMPDIR: tmp(),
	});

	test('the first start imports the examples, leaves no file with a secret, and keeps quiet about installing when the cache has n8n', async () => {
		const started = npmStart(settings());
		try {
			await until(started, /n8n is ready/, 300_000);
			const { stdout } = started.output();
			expect(stdout).toContain(`RingCentral emulator: http://127.0.0.1:${ports.emulator}`);
			expect(stdout).toMatch(/Examples imported: \d+\./);
			expect(stdout).not.toMatch(/first run|a few minutes/);

			const demo = (await (await fetch(`http://127.0.0.1:${ports.emulator}/__emulator/demo`)).json()) as { clientSecret: string; jwt: string };
			const files = [...filesUnder(userFolder()), ...filesUnder(tmp())];
			expect(files.filter((file) => /import-/.test(path.basename(file)))).toEqual([]);
			for (const file of files) {
				const content = fs.readFileSync(file);
				expect({ file, secret: content.includes(demo.clientSecret), jwt: content.includes(demo.jwt) }).toEqual({ file, secret: false, jwt: false });
			}
			// The import files lived in a private temp folder, gone now (n8n keeps a folder of its own there).
			expect(fs.readdirSync(tmp()).filter((name) => name.startsWith('rc-n8n-'))).toEqual([]);

			// A user edits an example in the editor.
			await signIn();
			const workflow = await rest('GET', `/workflows/${example.id}`);
			expect(workflow.name).toBe(example.name);
			await rest('PATCH', `/workflows/${example.id}`, { name: 'My own follow-up', versionId: workflow.versionId });
			expect(await stop(started)).toBe(0);
		} finally {
			await cleanUp(started);
		}
	}, 600_000);

	test('a restart keeps the edited example and the OAuth2 credential is connected again', async () => {
		const started = npmStart(settings());
		try {
			await until(started, /n8n is ready/, 300_000);
			expect(started.output().stdout).toMatch(/Examples: \d+ kept as you left them\./);
			await signIn();
			expect((await rest('GET', `/workflows/${example.id}`)).name).toBe('My own follow-up');
			const credentials = (await rest('GET', '/credentials')) as Array<{ id: string }>;
			expect(credentials.map((c) => c.id)).toEqual(expect.arrayContaining([EXAMPLE_CREDENTIALS.jwt.id, EXAMPLE_CREDENTIALS.oauth2.id]));
			expect(fs.readdirSync(tmp()).filter((name) => name.startsWith('rc-n8n-'))).toEqual([]);
			expect(await stop(started)).toBe(0);
		} finally {
			await cleanUp(started);
		}
	}, 600_000);
});
