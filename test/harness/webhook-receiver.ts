/**
 * A webhook endpoint for subscription tests: answers RingCentral's Validation-Token handshake (or
 * misbehaves on purpose: no echo, late, wrong status, oversized answer) and records every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Behaviour {
	echo: boolean;
	delayMs: number;
	status: number;
	padBytes: number;
}

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	at: number;
}

const POLITE: Behaviour = { echo: true, delayMs: 0, status: 200, padBytes: 0 };

export async function createWebhookReceiver() {
	const requests: ReceivedRequest[] = [];
	let behaviour = { ...POLITE };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			const { echo, delayMs, status, padBytes } = behaviour;
			setTimeout(() => {
				const headers: Record<string, string> = { 'Content-Type': 'application/json' };
				const token = req.headers['validation-token'];
				if (echo && typeof token === 'string') headers['Validation-Token'] = token;
				res.writeHead(status, headers);
				res.end(padBytes ? 'x'.repeat(padBytes) : '');
			}, delayMs);
		});
	});
	server.keepAliveTimeout = 500;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}/webhook/ringcentral`,
		requests,
		behave(next: Partial<Behaviour>) {
			behaviour = { ...POLITE, ...next };
		},
		reset() {
			behaviour = { ...POLITE };
			requests.length = 0;
		},
		async close() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

export type WebhookReceiver = Awaited<ReturnType<typeof createWebhookReceiver>>;

/** One receiver per test file (there from `beforeAll` on), back to polite behaviour before every test. */
export function useWebhookReceiver(): WebhookReceiver {
	const context = {} as WebhookReceiver;
	beforeAll(async () => {
		Object.assign(context, await createWebhookReceiver());
	});
	beforeEach(() => context.reset?.());
	afterAll(async () => {
		await context.close?.();
	});
	return context;
}
