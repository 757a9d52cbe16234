/**
 * n8n in queue mode (tools/n8n/cluster.ts): Postgres and Redis from Debian's packages, a main and
 * two workers with the package linked into each. Production executions of our action nodes run on
 * the workers; publishing the trigger creates one RingCentral subscription, from the main only.
 */
import fs from 'node:fs';
import path from 'node:path';

import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { directNumberOf } from '../../tools/emulator/telephony';
import { QueueCluster, missingQueueServices } from '../../tools/n8n/cluster';
import { credentialRecords } from '../../tools/n8n/examples';
import { PACKAGE_NAME } from '../../tools/n8n/n8n';
import { repoPath } from '../../tools/repository';
import messaging from '../e2e/scenarios/messaging';
import { CREDENTIALS, areaWorkflow } from '../e2e/workflows';

const OUTPUT = repoPath('test-output/e2e-queue');
const SMS_HOOK = 'e2e-messaging-sms-jwt';

let emulator: Emulator;
let cluster: QueueCluster;
const sms = areaWorkflow('queue-messaging', messaging.scenarios.filter((scenario) => scenario.id === 'messaging-sms-jwt'));

/** A published trigger workflow: inbound SMS of the JWT credential's user. */
const triggerWorkflow = {
	id: 'rcQueueTrigger01',
	name: 'queue: trigger',
	nodes: [
		{
			id: '6f1c1e52-5a4b-4c51-9a3e-2b7d1f0c9e01',
			name: 'RingCentral Trigger',
			type: `${PACKAGE_NAME}.ringCentralTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: '6f1c1e52-5a4b-4c51-9a3e-2b7d1f0c9e02',
			parameters: { authentication: 'jwt', events: ['inboundSms'] },
			credentials: { [CREDENTIALS.jwt.type]: { id: CREDENTIALS.jwt.id, name: CREDENTIALS.jwt.name } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

const workerLog = (index: number) => fs.readFileSync(path.join(OUTPUT, `worker-${index + 1}.log`), 'utf8');

beforeAll(async () => {
	const missing = missingQueueServices();
	if (missing) throw new Error(`${missing}: .ci/run installs them; locally, install them or skip this suite`);
	if (!fs.existsSync(repoPath('dist/package.json'))) throw new Error('dist/ is missing: run `npm run build` first');
	fs.rmSync(OUTPUT, { recursive: true, force: true });
	fs.mkdirSync(OUTPUT, { recursive: true });
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1 } });
	await emulator.start();
	cluster = new QueueCluster({ workers: 2, logFolder: OUTPUT });
	try {
		await cluster.prepare();
		const { main } = cluster;
		await main.importJson('credentials', credentialRecords(emulator, CREDENTIALS));
		const { ping: _ping, ...workflow } = sms;
		await main.importJson('workflow', [workflow, triggerWorkflow]);
		await main.publish(sms.id);
		await main.publish(triggerWorkflow.id);
		await cluster.startN8n();
		await main.waitForWebhook(sms.ping);
	} catch (error) {
		await cluster.stop();
		await emulator.stop();
		throw error;
	}
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await emulator?.stop();
});

describe('n8n in queue mode: a main, two workers, Postgres and Redis', () => {
	test('action nodes run on the workers: every webhook call sends its SMS and answers through the main', async () => {
		const me = emulator.state.ids.admin;
		const from = directNumberOf(emulator.state, me) as string;
		const calls = Array.from({ length: 6 }, (_, index) =>
			fetch(`${cluster.main.url}/webhook/${SMS_HOOK}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ from, to: '+14155550142', text: `queue mode ${index + 1}` }),
			}).then(async (response) => ({ status: response.status, body: (await response.json()) as Array<{ id?: number; messageStatus?: string }> })),
		);
		const answers = await Promise.all(calls);
		expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
		for (const answer of answers) expect(answer.body[0]).toMatchObject({ id: expect.anything(), messageStatus: expect.any(String) });
		const sent = emulator.journal({ operationId: 'createSMSMessage' }).filter((entry) => entry.status === 200);
		expect(sent).toHaveLength(6);
		// n8n's worker logs each execution it takes from the queue; the main runs none of them.
		const started = [0, 1].map((index) => (workerLog(index).match(/Worker started execution/g) ?? []).length);
		expect(started[0] + started[1]).toBeGreaterThanOrEqual(6);
		expect(fs.readFileSync(path.join(OUTPUT, 'main.log'), 'utf8')).not.toMatch(/Worker started execution/);
	});

	test('publishing the trigger created exactly one RingCentral subscription', async () => {
		const created = () => emulator.journal({ operationId: 'createSubscription' }).filter((entry) => entry.status > 0 && entry.status < 300);
		// n8n activates published workflows while the main starts; the subscription's handshake follows.
		for (let waited = 0; created().length === 0 && waited < 60_000; waited += 500) await new Promise((resolve) => setTimeout(resolve, 500));
		// Workers and a restart-free cluster add none.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		expect(created()).toHaveLength(1);
	});
});
