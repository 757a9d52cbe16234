/**
 * One credential, several worker processes: the same job — 4 executions × 50 SMS on one JWT
 * credential, Medium group compressed to 10 requests per second — run by 1, 2 and 4 processes, each
 * with n8n's engine and the built Messaging node, as n8n's queue-mode workers run it. Every process
 * paces on its own; only RingCentral's headers connect them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createEmulator } from '../../tools/emulator';
import { directNumberOf } from '../../tools/emulator/telephony';
import { startWorkerProcess } from '../harness/worker-process';
import type { Bench, Row } from './kit';

const LIMIT = 10;
const WINDOW_SECONDS = 1;
const EXECUTIONS = 4;
const ITEMS = 50;

interface WorkerReport {
	failed: number;
	startedAt: number;
	finishedAt: number;
}

const bench: Bench = {
	title: `One credential, several workers: ${EXECUTIONS} executions × ${ITEMS} SMS, Medium ${LIMIT} per ${WINDOW_SECONDS} s`,
	async run() {
		const emulator = await createEmulator({ requireSpec: true, quiet: true });
		await emulator.start();
		const rows: Row[] = [];
		try {
			const me = emulator.state.ids.admin;
			const minimumSeconds = ((EXECUTIONS * ITEMS) / LIMIT) * WINDOW_SECONDS;
			for (const processes of [1, 2, 4]) {
				// A fresh budget for every run.
				emulator.rateLimiter.configure({ windowSeconds: WINDOW_SECONDS, penaltySeconds: WINDOW_SECONDS, limits: { Medium: LIMIT } });
				const rejectedBefore = emulator.rateLimiter.rejected;
				const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-bench-worker-'));
				const workers = Array.from({ length: processes }, (_, index) =>
					startWorkerProcess<WorkerReport>(path.join(__dirname, 'sms-worker.js'), {
						N8N_USER_FOLDER: userFolder,
						RC_SERVER: emulator.url,
						RC_JWT: emulator.oauth.issueJwt(me),
						RC_FROM: directNumberOf(emulator.state, me) as string,
						RC_EXECUTIONS: String(EXECUTIONS / processes),
						RC_ITEMS: String(ITEMS),
						RC_LABEL: `worker ${index + 1}`,
					}),
				);
				await Promise.all(workers.map((worker) => worker.ready));
				for (const worker of workers) worker.go();
				const reports = await Promise.all(workers.map((worker) => worker.report));
				fs.rmSync(userFolder, { recursive: true, force: true });
				const wallSeconds = (Math.max(...reports.map((r) => r.finishedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
				const ratio = wallSeconds / minimumSeconds;
				const failed = reports.reduce((sum, r) => sum + r.failed, 0);
				// The JWT sign-ins (Auth group) are not part of the job's budget.
				const throttled = emulator.rateLimiter.rejected - rejectedBefore;
				const which = `${processes} worker process${processes > 1 ? 'es' : ''}`;
				rows.push(
					{
						label: `${which}: wall time ÷ minimum (${minimumSeconds} s)`,
						value: ratio,
						target: processes === 1 ? '≤ 1.2' : '≤ 1.3',
						pass: ratio <= (processes === 1 ? 1.2 : 1.3),
					},
					{ label: `${which}: 429 answers`, value: throttled, target: processes === 1 ? '0' : undefined, pass: processes === 1 ? throttled === 0 : undefined },
					{ label: `${which}: failed items`, value: failed, target: '0', pass: failed === 0 },
				);
			}
		} finally {
			await emulator.stop();
		}
		return rows;
	},
};

export default bench;
