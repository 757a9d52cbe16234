/**
 * n8n in queue mode, as users scale it out: Postgres 15 and Redis from the machine's Debian
 * packages, each started on a free port with its own data folder in a temp folder and stopped by
 * its PID, then one main and any number of workers and webhook processors (./n8n.ts) sharing the
 * database, the queue and the encryption key, with this package linked into each.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { N8n, freePort } from './n8n';
import type { N8nOptions } from './n8n';

export const POSTGRES_BIN = process.env.RC_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Postgres refuses to run as root: then its commands run as the `postgres` user the Debian package creates. */
const asRoot = process.getuid?.() === 0;
const postgresCommand = (binary: string, args: string[]): [string, string[]] =>
	asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(POSTGRES_BIN, binary), ...args]] : [path.join(POSTGRES_BIN, binary), args];

/** What is missing to run queue mode here, or undefined. */
export function missingQueueServices(): string | undefined {
	const missing: string[] = [];
	if (!fs.existsSync(path.join(POSTGRES_BIN, 'postgres'))) missing.push(`Postgres 15 (${POSTGRES_BIN}/postgres; Debian: apt-get install -y postgresql-15)`);
	const redis = (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, 'redis-server')));
	if (!redis) missing.push('redis-server (Debian: apt-get install -y redis-server)');
	return missing.length ? `queue mode needs ${missing.join(' and ')}` : undefined;
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Signals one process we started and waits until it is gone (killing it after 15 s). */
async function stopPid(pid: number, signal: NodeJS.Signals): Promise<void> {
	if (!alive(pid)) return;
	process.kill(pid, signal);
	for (let waited = 0; alive(pid); waited += 100) {
		if (waited === 15_000) process.kill(pid, 'SIGKILL');
		await sleep(100);
	}
}

/** Postgres and Redis for one cluster. */
export class QueueServices {
	folder = '';
	postgresPort = 0;
	redisPort = 0;
	private readonly processes: ChildProcess[] = [];
	private postgresPid = 0;

	async start(): Promise<this> {
		const missing = missingQueueServices();
		if (missing) throw new Error(missing);
		this.folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-queue-'));
		fs.chmodSync(this.folder, 0o755);
		await this.startPostgres();
		await this.startRedis();
		return this;
	}

	private async startPostgres() {
		const data = path.join(this.folder, 'postgres');
		fs.mkdirSync(data, { mode: 0o700 });
		if (asRoot) await promisify(execFile)('chown', ['postgres', data]);
		const [initdb, initArgs] = postgresCommand('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
		await promisify(execFile)(initdb, initArgs);
		this.postgresPort = await freePort();
		const [postgres, args] = postgresCommand('postgres', ['-D', data, '-p', String(this.postgresPort), '-k', data, '-c', 'listen_addresses=127.0.0.1']);
		this.spawn(postgres, args, 'postgres.log');
		const [psql, psqlArgs] = [path.join(POSTGRES_BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(this.postgresPort), '-U', 'postgres', '-c', 'CREATE DATABASE n8n']];
		for (let attempt = 0; ; attempt++) {
			try {
				await promisify(execFile)(psql, psqlArgs);
				// Postgres's own PID (under runuser the spawned process is runuser's).
				this.postgresPid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
				return;
			} catch (error) {
				if (attempt > 60) throw new Error(`Postgres did not start: ${String(error)}`);
				await sleep(500);
			}
		}
	}

	private async startRedis() {
		this.redisPort = await freePort();
		this.spawn('redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.folder], 'redis.log');
		for (let attempt = 0; ; attempt++) {
			const answer = await promisify(execFile)('redis-cli', ['-p', String(this.redisPort), 'ping']).then((r) => r.stdout, () => '');
			if (answer.includes('PONG')) return;
			if (attempt > 60) throw new Error('Redis did not start');
			await sleep(250);
		}
	}

	private spawn(command: string, args: string[], logName: string) {
		const log = fs.openSync(path.join(this.folder, logName), 'a');
		const child = spawn(command, args, { stdio: ['ignore', log, log] });
		fs.closeSync(log);
		this.processes.push(child);
	}

	/** What every n8n process of the cluster needs: queue mode, the database, the queue, one encryption key. */
	settings(encryptionKey: string): Record<string, string> {
		return {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.postgresPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			N8N_ENCRYPTION_KEY: encryptionKey,
		};
	}

	/** Stops what start() started, by PID: Postgres with a fast shutdown (SIGINT), Redis, then anything left. */
	async stop(): Promise<void> {
		if (this.postgresPid) await stopPid(this.postgresPid, 'SIGINT');
		for (const child of this.processes.reverse()) if (child.pid) await stopPid(child.pid, 'SIGTERM');
		if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
	}
}

/**
 * The load balancer in front of a cluster with webhook processors, as n8n's docs describe it:
 * production webhooks (`/webhook/…`) to the webhook processors (in turn), everything else
 * (`/webhook-test/…`, the REST API, the editor) to the main. Until `toProcessors` is set, it sends
 * everything to the main, as before webhook processors were added.
 */
export class WebhookRouter {
	url = '';
	main = '';
	processors: string[] = [];
	toProcessors = false;
	/** every request forwarded: its path and the address it went to */
	readonly forwarded: Array<{ path: string; target: string }> = [];
	private server?: http.Server;
	private turn = 0;

	async start(): Promise<this> {
		const port = await freePort();
		this.server = http.createServer((request, response) => {
			const route = request.url ?? '/';
			const target = this.targetFor(route);
			this.forwarded.push({ path: route, target });
			const upstream = http.request(`${target}${route}`, { method: request.method, headers: request.headers }, (answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			});
			upstream.on('error', () => {
				if (!response.headersSent) response.writeHead(502);
				response.end();
			});
			request.pipe(upstream);
		});
		await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${port}`;
		return this;
	}

	private targetFor(route: string): string {
		if (!this.toProcessors || !route.startsWith('/webhook/') || !this.processors.length) return this.main;
		this.turn = (this.turn + 1) % this.processors.length;
		return this.processors[this.turn];
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/**
 * A queue-mode n8n: services, a main, workers and optionally webhook processors (then every
 * process announces the router's address as n8n's webhook URL, so RingCentral delivers to it).
 */
export class QueueCluster {
	readonly services = new QueueServices();
	main!: N8n;
	workers: N8n[] = [];
	webhookProcessors: N8n[] = [];
	router?: WebhookRouter;

	constructor(readonly options: { workers: number; webhookProcessors?: number; logFolder?: string; n8n?: N8nOptions }) {}

	/** Starts the services and readies the main (import and publish before `startN8n()`). */
	async prepare(): Promise<this> {
		await this.services.start();
		// The cluster's settings, then the caller's (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS, say).
		const env = { ...this.services.settings(crypto.randomBytes(24).toString('hex')), ...this.options.n8n?.env };
		const log = (name: string) => (this.options.logFolder ? path.join(this.options.logFolder, `${name}.log`) : undefined);
		const processors = this.options.webhookProcessors ?? 0;
		if (processors > 0) this.router = await new WebhookRouter().start();
		const options: N8nOptions = { ...this.options.n8n, env, ...(this.router ? { webhookUrl: `${this.router.url}/` } : {}) };
		this.main = await new N8n({ ...options, logFile: log('main') }).prepare();
		this.workers = await Promise.all(
			Array.from({ length: this.options.workers }, (_, index) => new N8n({ ...options, command: 'worker', logFile: log(`worker-${index + 1}`) }).prepare()),
		);
		this.webhookProcessors = await Promise.all(
			Array.from({ length: processors }, (_, index) => new N8n({ ...options, command: 'webhook', logFile: log(`webhook-${index + 1}`) }).prepare()),
		);
		if (this.router) {
			this.router.main = this.main.url;
			this.router.processors = this.webhookProcessors.map((n8n) => n8n.url);
		}
		return this;
	}

	async startN8n(): Promise<this> {
		await this.main.start();
		await Promise.all([...this.workers, ...this.webhookProcessors].map((n8n) => n8n.start()));
		return this;
	}

	async stop(): Promise<void> {
		await Promise.all([...this.webhookProcessors, ...this.workers, this.main].filter(Boolean).map((n8n) => n8n.stop()));
		await this.router?.stop();
		await this.services.stop();
	}
}
