/**
 * One rate budget across processes: 1, 2 and 4 worker processes (the compiled client in each, as
 * n8n runs it in queue mode) send SMS on one credential against one emulator, with the Medium group
 * compressed to 10 requests per second. Every process has its own pacing gates and learns about the
 * others only from RingCentral's headers. Every item must succeed; the wall time against the
 * minimum the budget allows is reported (the benchmark measures it; here it only has to be far
 * from the livelock of processes keeping each other in RingCentral's penalty).
 */
import fs from 'node:fs';
import path from 'node:path';

import ts from 'typescript';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { directNumberOf } from '../../tools/emulator/telephony';
import { repoPath } from '../../tools/repository';
import { startWorkerProcess } from '../harness/worker-process';

const LIMIT = 10;
const WINDOW_SECONDS = 1;
const ITEMS = 100;

interface WorkerReport {
	label: string;
	sent: number;
	failed: number;
	throttled: number;
	startedAt: number;
	finishedAt: number;
	firstFailure?: string;
}

let emulator: Emulator;
let token: string;
let workerScript: string;

/**
 * The worker and its start helper, transpiled into build/ (as test/workers and test/harness, so the
 * worker's import resolves and node_modules are the repository's); answers the worker's file.
 */
function transpileWorker(): string {
	const files = { 'workers/sms-sender': path.join(__dirname, 'sms-sender.ts'), 'harness/worker-process': path.join(__dirname, '../harness/worker-process.ts') };
	for (const [name, source] of Object.entries(files)) {
		const { outputText } = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, removeComments: true },
		});
		const file = repoPath(`build/${name}.js`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, outputText);
	}
	return repoPath('build/workers/sms-sender.js');
}

/** Runs `processes` workers sharing ITEMS between them; answers what the test reports. */
async function shareTheBudget(processes: number, lastJoinsAfterMs = 0) {
	// A fresh window for every run: nothing left over from the previous one.
	await fetch(`${emulator.url}/__emulator/rate-limits`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ windowSeconds: WINDOW_SECONDS, penaltySeconds: WINDOW_SECONDS, limits: { Medium: LIMIT } }),
	});
	const rejectedBefore = emulator.rateLimiter.rejected;
	const me = emulator.state.ids.admin;
	const workers = Array.from({ length: processes }, (_, index) =>
		startWorkerProcess<WorkerReport>(workerScript, {
			RC_DIST: repoPath('dist'),
			RC_SERVER: emulator.url,
			RC_TOKEN: token,
			RC_FROM: directNumberOf(emulator.state, me) as string,
			RC_TO: '+14155550142',
			RC_COUNT: String(ITEMS / processes),
			RC_LABEL: `worker ${index + 1}`,
		}, `worker ${index + 1}`),
	);
	// Loading n8n's modules takes a while on a busy machine: every process starts sending at one moment.
	await Promise.all(workers.map((worker) => worker.ready));
	workers.slice(0, lastJoinsAfterMs ? -1 : undefined).forEach((worker) => worker.go());
	// A worker that picks up its execution while the others are spending the budget.
	if (lastJoinsAfterMs) setTimeout(() => workers[workers.length - 1].go(), lastJoinsAfterMs);
	const reports = await Promise.all(workers.map((worker) => worker.report));
	const started = Math.min(...reports.map((r) => r.startedAt));
	const wallSeconds = (Math.max(...reports.map((r) => r.finishedAt)) - started) / 1000;
	const minimumSeconds = (ITEMS / LIMIT) * WINDOW_SECONDS;
	const figures = {
		processes,
		sent: reports.reduce((sum, r) => sum + r.sent, 0),
		failed: reports.reduce((sum, r) => sum + r.failed, 0),
		throttled: emulator.rateLimiter.rejected - rejectedBefore,
		wallSeconds,
		ratio: Number((wallSeconds / minimumSeconds).toFixed(2)),
		firstFailure: reports.find((r) => r.firstFailure)?.firstFailure,
	};
	const joining = lastJoinsAfterMs ? `, the last joining after ${lastJoinsAfterMs / 1000} s` : '';
	console.log(`${processes} process(es) × ${ITEMS / processes} SMS${joining}, Medium ${LIMIT}/${WINDOW_SECONDS} s: ${JSON.stringify(figures)}`);
	return figures;
}

beforeAll(async () => {
	workerScript = transpileWorker();
	emulator = await createEmulator({ requireSpec: true, quiet: true });
	await emulator.start();
	const response = await fetch(`${emulator.url}/restapi/oauth/token`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`,
		},
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt(emulator.state.ids.admin) }),
	});
	token = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
	await emulator?.stop();
});

describe('one rate budget shared by several worker processes on one credential', () => {
	test.each([1, 2, 4])('%i process(es): every SMS is sent, none keeps the others in the penalty', async (processes) => {
		const figures = await shareTheBudget(processes);
		expect(figures.firstFailure).toBeUndefined();
		expect(figures).toMatchObject({ sent: ITEMS, failed: 0 });
		// A livelock takes many times the minimum (RingCentral's penalty restarted by every probe);
		// the benchmark measures the real ratio.
		expect(figures.ratio).toBeLessThan(3);
		if (processes === 1) expect(figures.throttled).toBe(0);
	});

	test('a worker that joins while another is spending the budget: every SMS is sent', async () => {
		const figures = await shareTheBudget(2, 3_500);
		expect(figures.firstFailure).toBeUndefined();
		expect(figures).toMatchObject({ sent: ITEMS, failed: 0 });
		expect(figures.ratio).toBeLessThan(3);
	});
});
