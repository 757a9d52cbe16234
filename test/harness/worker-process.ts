/**
 * Worker processes for the shared-budget test and benchmark: each runs compiled code on its own
 * (its own pacing gates, as an n8n worker in queue mode has), prints `ready` once loaded, starts on
 * `go()` and ends with one JSON line, its report.
 */
import { spawn } from 'node:child_process';

export interface WorkerProcess<Report> {
	/** resolves once the process has loaded (or has ended) */
	ready: Promise<void>;
	/** starts the work (every process at one moment, however long loading took) */
	go(): void;
	report: Promise<Report>;
}

export function startWorkerProcess<Report>(script: string, env: Record<string, string>, label = script): WorkerProcess<Report> {
	const child = spawn(process.execPath, [script], {
		env: { ...process.env, ...env, N8N_LOG_LEVEL: 'silent' },
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	let onReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => (onReady = resolve));
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
		if (out.startsWith('ready\n')) onReady();
	});
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
	const report = new Promise<Report>((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`${label} exited with ${code}: ${err.slice(0, 500)}`));
			resolve(JSON.parse(out.trim().split('\n').pop() as string) as Report);
		});
	});
	return { ready: Promise.race([ready, report.then(() => undefined)]), go: () => child.stdin.end('go\n'), report };
}

/** In the worker: says it has loaded and waits for the go. */
export async function awaitGo(): Promise<void> {
	process.stdout.write('ready\n');
	await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
	process.stdin.unref();
}
