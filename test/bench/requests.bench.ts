/**
 * 1,000 cheap GETs in one execution, in real n8n (Node 24, default expression engine): our
 * Presence node beside n8n's HTTP Request node with the same JWT credential, against the same
 * emulator with no rate limit in the way. Prints the wall ratio, how long after the node started
 * its first request reached the emulator, and the longest `/healthz` answer while each ran (n8n's
 * main thread blocked by item preparation delays every webhook delivery too).
 */
import crypto from 'node:crypto';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { credentialRecords } from '../../tools/n8n/examples';
import { N8n } from '../../tools/n8n/n8n';
import { repoPath } from '../../tools/repository';
import { unflatten } from '../e2e/published';
import { CREDENTIALS } from '../e2e/workflows';
import { profiling } from './burst.bench';
import type { Bench, Row } from './kit';

const ITEMS = Number(process.env.RC_BENCH_GETS ?? 1000);
const PRESENCE_PATH = '/restapi/v1.0/account/~/extension/~/presence';

interface Contender {
	who: string;
	id: string;
	path: string;
	node: Record<string, unknown>;
}

const credential = { [CREDENTIALS.jwt.type]: { id: CREDENTIALS.jwt.id, name: CREDENTIALS.jwt.name } };

/** The Presence node reading the user's own presence; `requestOptions` as the node's Request Options set them. */
function presenceNode(requestOptions?: Record<string, unknown>) {
	return {
		type: 'n8n-nodes-ringcentral.ringCentralPresence',
		typeVersion: 1,
		parameters: { authentication: 'jwt', resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '~', ...(requestOptions ? { requestOptions } : {}) },
		credentials: credential,
	};
}

function contenders(emulatorUrl: string): Contender[] {
	return [
		{ who: 'RingCentral Presence', id: 'rcBenchGetsRcNode', path: 'rc-bench-gets-ringcentral', node: presenceNode() },
		{
			// n8n's routing loop prepares every item before any request can leave, and yields only for
			// Batching's interval: what a user with large runs can set.
			who: 'RingCentral Presence, Batching 100 items / 1 ms',
			id: 'rcBenchGetsRcBatched',
			path: 'rc-bench-gets-ringcentral-batched',
			node: presenceNode({ batching: { batch: { batchSize: 100, batchInterval: 1 } } }),
		},
		{
			who: 'HTTP Request',
			id: 'rcBenchGetsHttpNode',
			path: 'rc-bench-gets-http-request',
			node: {
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'GET',
					url: `${emulatorUrl}${PRESENCE_PATH}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: CREDENTIALS.jwt.type,
					options: {},
				},
				credentials: credential,
			},
		},
	];
}

/** `Webhook (GET, answers when done) → Items (ITEMS items) → the contender`. */
function workflowOf(contender: Contender) {
	const node = (name: string, x: number, rest: Record<string, unknown>) => ({ id: crypto.randomUUID(), name, position: [x, 0], ...rest });
	return {
		id: contender.id,
		name: `1,000 GETs: ${contender.who}`,
		nodes: [
			node('Webhook', 0, {
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: crypto.randomUUID(),
				parameters: { httpMethod: 'GET', path: contender.path, responseMode: 'lastNode', responseData: 'noData', options: {} },
			}),
			node('Items', 200, {
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: { jsCode: `return Array.from({ length: ${ITEMS} }, (_, i) => ({ json: { i } }));` },
			}),
			node('GET', 400, contender.node),
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'GET', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

interface Run {
	wallMs: number;
	firstRequestMs: number;
	healthzMaxMs: number;
	items: number;
	failed: number;
}

/** Asks n8n's /healthz one request after the other until stopped; answers the longest answer time. */
function watchHealth(n8nUrl: string) {
	let stopped = false;
	let longest = 0;
	const loop = (async () => {
		while (!stopped) {
			const started = performance.now();
			await (await fetch(`${n8nUrl}/healthz`)).arrayBuffer();
			longest = Math.max(longest, performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	})();
	return async () => {
		stopped = true;
		await loop;
		return longest;
	};
}

async function runOnce(n8n: N8n, emulator: Emulator, contender: Contender): Promise<Run> {
	const since = emulator.sequence;
	const stopWatching = watchHealth(n8n.url);
	const response = await fetch(`${n8n.url}/webhook/${contender.path}`);
	await response.arrayBuffer();
	const healthzMaxMs = await stopWatching();
	if (!response.ok) throw new Error(`${contender.who}: the workflow answered ${response.status}`);
	const list = await n8n.rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: contender.id }))}&limit=1`);
	const execution = await n8n.rest('GET', `/executions/${list.results[0].id}`);
	const run = unflatten(execution.data).resultData.runData.GET[0] as { startTime: number; executionTime: number; data: { main: Array<Array<{ json: Record<string, unknown> }>> } };
	const requests = emulator.journal({ since }).filter((e) => e.path.endsWith('/presence'));
	const first = Math.min(...requests.map((e) => Date.parse(e.at)));
	const items = run.data.main[0] ?? [];
	return {
		wallMs: run.executionTime,
		firstRequestMs: first - run.startTime,
		healthzMaxMs,
		items: items.length,
		failed: items.filter((item) => item.json.error !== undefined).length,
	};
}

const bench: Bench = {
	title: `${ITEMS} cheap GETs in one execution in real n8n (default expression engine): RingCentral Presence beside n8n's HTTP Request node`,
	async run() {
		// No rate limit in the way: the figure is the nodes' own cost.
		const emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { limits: { Light: 1_000_000 } } });
		await emulator.start();
		const n8n = new N8n({ logFile: repoPath('test-output/bench-requests-n8n.log') });
		try {
			await n8n.prepare();
			const profile = profiling();
			if (profile) n8n.env = { ...n8n.env, ...profile };
			const [jwt] = credentialRecords(emulator, CREDENTIALS);
			const all = contenders(emulator.url);
			await n8n.importJson('credentials', [jwt]);
			await n8n.importJson('workflow', all.map(workflowOf));
			for (const contender of all) await n8n.publish(contender.id);
			await n8n.start();
			await n8n.signIn();
			for (const contender of all) await n8n.waitForWebhook(contender.path, 'GET');
			// A first run of each loads its code and signs in; the second is measured.
			for (const contender of all) await runOnce(n8n, emulator, contender);
			const runs: Run[] = [];
			for (const contender of all) runs.push(await runOnce(n8n, emulator, contender));
			const [ours, batched, theirs] = runs;
			const ratio = ours.wallMs / theirs.wallMs;
			const rows: Row[] = [];
			all.forEach((contender, index) => {
				const run = runs[index];
				const mine = index === 0;
				rows.push(
					{ label: `${contender.who}: wall time of the node`, value: run.wallMs, unit: 'ms' },
					{ label: `${contender.who}: first request after the node started`, value: run.firstRequestMs, unit: 'ms' },
					{ label: `${contender.who}: longest /healthz answer during the run`, value: Math.round(run.healthzMaxMs), unit: 'ms', target: mine ? '< 100' : undefined, pass: mine ? run.healthzMaxMs < 100 : undefined },
					{ label: `${contender.who}: output items / failed`, value: `${run.items} / ${run.failed}`, target: mine ? `${ITEMS} / 0` : undefined, pass: mine ? run.items === ITEMS && run.failed === 0 : undefined },
				);
			});
			rows.push(
				{ label: 'wall time, RingCentral Presence ÷ HTTP Request', value: ratio, unit: '×', target: '≤ 1.0', pass: ratio <= 1.0 },
				{ label: 'wall time, RingCentral Presence with Batching ÷ HTTP Request', value: batched.wallMs / theirs.wallMs, unit: '×' },
			);
			return rows;
		} finally {
			await n8n.stop();
			await emulator.stop();
		}
	},
};

export default bench;
