/**
 * n8n in queue mode, as users scale it out: Postgres 15 and Redis from the machine's Debian
 * packages, each started on a free port with its own data folder in a temp folder and stopped by
 * its PID, then one main and any number of workers (./n8n.ts) sharing the database, the queue and
 * the encryption key, with this package linked into each.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
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

/** A queue-mode n8n: services, a main and workers. */
export class QueueCluster {
	readonly services = new QueueServices();
	main!: N8n;
	workers: N8n[] = [];

	constructor(readonly options: { workers: number; logFolder?: string; n8n?: N8nOptions }) {}

	/** Starts the services and readies the main (import and publish before `startN8n()`). */
	async prepare(): Promise<this> {
		await this.services.start();
		// The cluster's settings, then the caller's (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS, say).
		const env = { ...this.services.settings(crypto.randomBytes(24).toString('hex')), ...this.options.n8n?.env };
		const log = (name: string) => (this.options.logFolder ? path.join(this.options.logFolder, `${name}.log`) : undefined);
		this.main = await new N8n({ ...this.options.n8n, env, logFile: log('main') }).prepare();
		this.workers = await Promise.all(
			Array.from({ length: this.options.workers }, (_, index) =>
				new N8n({ ...this.options.n8n, env, command: 'worker', logFile: log(`worker-${index + 1}`) }).prepare(),
			),
		);
		return this;
	}

	async startN8n(): Promise<this> {
		await this.main.start();
		await Promise.all(this.workers.map((worker) => worker.start()));
		return this;
	}

	async stop(): Promise<void> {
		await Promise.all([...this.workers, this.main].filter(Boolean).map((n8n) => n8n.stop()));
		await this.services.stop();
	}
}
