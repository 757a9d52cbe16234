/**
 * One worker process of the shared-budget test: sends SMS through the package's compiled client
 * (dist/) with n8n's own outbound HTTP client, all at once as a declarative node does, and prints
 * one JSON line with what happened. The test transpiles this file and starts it N times; every
 * process has its own pacing gates, exactly like n8n workers in queue mode.
 *
 * Environment: RC_DIST (the built package), RC_SERVER, RC_TOKEN, RC_FROM, RC_TO, RC_COUNT, RC_LABEL.
 * It prints `ready` once loaded and starts sending on the first line it reads.
 */
import path from 'node:path';

import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { awaitGo } from '../harness/worker-process';

type Client = typeof import('../../nodes/RingCentral/shared/client');

interface OutboundRequests {
	request(options: IHttpRequestOptions): Promise<IN8nHttpFullResponse>;
}

function required(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set`);
	return value;
}

async function main() {
	const dist = required('RC_DIST');
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package, as n8n loads it
	const client = require(path.join(dist, 'nodes/RingCentral/shared/client.js')) as Client;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's own HTTP client, as helpers.httpRequest uses it
	const { Container } = require('@n8n/di') as { Container: { get<T>(type: unknown): T } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
	const { OutboundHttp } = require('@n8n/backend-network') as { OutboundHttp: unknown };
	const http = Container.get<{ requests(): OutboundRequests }>(OutboundHttp).requests();
	const server = required('RC_SERVER');
	const token = required('RC_TOKEN');
	const count = Number(required('RC_COUNT'));
	const label = process.env.RC_LABEL ?? 'worker';
	let throttled = 0;
	const transport = async (options: IHttpRequestOptions) => {
		try {
			return await http.request({ ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
		} catch (error) {
			if ((error as { response?: { status?: number } }).response?.status === 429) throttled++;
			throw error;
		}
	};
	// Loaded: start when the test says go (every process at one moment).
	await awaitGo();
	const started = Date.now();
	const outcomes = await Promise.all(
		Array.from({ length: count }, async (_, index) => {
			try {
				await client.callRingCentral(transport, {
					options: {
						method: 'POST',
						baseURL: server,
						url: '/restapi/v1.0/account/~/extension/~/sms',
						body: { from: { phoneNumber: required('RC_FROM') }, to: [{ phoneNumber: required('RC_TO') }], text: `${label} #${index + 1}` },
						json: true,
					},
					group: 'Medium',
					// One credential shared by every process.
					gateKey: 'shared-jwt-credential',
				});
				return undefined;
			} catch (error) {
				return error instanceof Error ? error.message : String(error);
			}
		}),
	);
	const failures = outcomes.filter((outcome): outcome is string => outcome !== undefined);
	process.stdout.write(`${JSON.stringify({ label, sent: count - failures.length, failed: failures.length, throttled, startedAt: started, finishedAt: Date.now(), firstFailure: failures[0] })}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
