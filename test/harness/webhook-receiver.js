/**
 * A webhook endpoint for subscription tests: answers RingCentral's Validation-Token handshake (or
 * misbehaves on purpose: no echo, late, wrong status, oversized answer) and records every request.
 */
const http = require('node:http');

/**
 * @typedef {{ echo: boolean, delayMs: number, status: number, padBytes: number }} Behaviour
 */
const POLITE = /** @type {Behaviour} */ ({ echo: true, delayMs: 0, status: 200, padBytes: 0 });

async function createWebhookReceiver() {
	/** @type {Array<{ method: string, url: string, headers: http.IncomingHttpHeaders, body: string, at: number }>} */
	const requests = [];
	let behaviour = { ...POLITE };
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
			const { echo, delayMs, status, padBytes } = behaviour;
			setTimeout(() => {
				/** @type {Record<string, string>} */
				const headers = { 'Content-Type': 'application/json' };
				const token = req.headers['validation-token'];
				if (echo && typeof token === 'string') headers['Validation-Token'] = token;
				res.writeHead(status, headers);
				res.end(padBytes ? 'x'.repeat(padBytes) : '');
			}, delayMs);
		});
	});
	server.keepAliveTimeout = 500;
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}/webhook/ringcentral`,
		requests,
		/** @param {Partial<Behaviour>} next */
		behave(next) {
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

/** One receiver per test file, back to polite behaviour before every test. */
function useWebhookReceiver() {
	/** @type {any} */
	const context = {};
	beforeAll(async () => {
		Object.assign(context, await createWebhookReceiver());
	});
	beforeEach(() => context.reset?.());
	afterAll(async () => {
		await context.close?.();
	});
	return context;
}

module.exports = { createWebhookReceiver, useWebhookReceiver };
