/**
 * One worker process of the shared-credential benchmark: n8n's engine with the built Messaging
 * node, running its executions (each sending its SMS items) at once, as a queue-mode worker runs
 * the executions it picked up. Prints one JSON line: its failed items and when it started and ended.
 *
 * Environment: N8N_USER_FOLDER, RC_SERVER, RC_JWT, RC_FROM, RC_EXECUTIONS, RC_ITEMS, RC_LABEL.
 */
import { awaitGo } from '../harness/worker-process';
import type { CredentialClass } from '../harness/engine';

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

async function main() {
	// n8n-core reads N8N_USER_FOLDER when it loads: the kit (and with it n8n-core) comes after it is set.
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
	const { load } = require('./kit') as typeof import('./kit');
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
	const { createEngine } = require('../harness/engine') as typeof import('../harness/engine');
	const engine = createEngine({
		nodeTypes: [load('nodes/RingCentralMessaging/RingCentralMessaging.node')],
		credentialTypes: [load<CredentialClass>('credentials/RingCentralJwtApi.credentials')],
	});
	const stored = engine.credentials.add('ringCentralJwtApi', {
		environment: 'custom',
		serverUrl: required('RC_SERVER'),
		clientId: 'demo-client-id',
		clientSecret: 'demo-client-secret',
		jwtToken: required('RC_JWT'),
		accessToken: '',
	});
	const credential = { type: 'ringCentralJwtApi', id: stored.id };
	const executions = Number(required('RC_EXECUTIONS'));
	const items = Number(required('RC_ITEMS'));
	const label = required('RC_LABEL');
	await awaitGo();
	const startedAt = Date.now();
	const runs = await Promise.all(
		Array.from({ length: executions }, (_, execution) =>
			engine.execute({
				type: 'ringCentralMessaging',
				parameters: {
					authentication: 'jwt',
					accountId: '~',
					extensionId: '~',
					resource: 'sms',
					operation: 'send',
					from: required('RC_FROM'),
					to: '+14155550142',
					text: '={{ $json.text }}',
				},
				credential,
				items: Array.from({ length: items }, (__, index) => ({ json: { text: `${label}, execution ${execution + 1}, SMS ${index + 1}` } })),
				continueOnFail: true,
			}),
		),
	);
	const failed = runs.reduce((sum, run) => sum + (run.error ? items : run.items.filter((item) => item.json.error).length), 0);
	process.stdout.write(`${JSON.stringify({ failed, startedAt, finishedAt: Date.now() })}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
