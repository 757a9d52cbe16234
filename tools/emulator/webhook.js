/**
 * Outbound webhook requests as RingCentral's notification service makes them: the Validation-Token
 * handshake at subscription creation, and (for the delivery engine) event deliveries. Measures
 * what RingCentral measures: status, time to answer, and the response size (headers + body).
 */
const http = require('node:http');
const https = require('node:https');

const USER_AGENT = 'RingCentral-Webhook/8.3';
/** Bodies are read only this far: enough to tell that a response is too large. */
const READ_LIMIT = 64 * 1024;

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: Buffer, size: number, durationMs: number }} WebhookAnswer
 * @typedef {{ failure: 'timeout'|'unreachable', code?: string, durationMs: number }} WebhookFailure
 */

/**
 * POSTs to a webhook address and resolves with its answer, or with why there was none.
 * @param {string} address
 * @param {{ headers?: Record<string, string>, body?: string|Buffer, timeoutMs: number }} options
 * @returns {Promise<WebhookAnswer|WebhookFailure>}
 */
function postWebhook(address, options) {
	const started = Date.now();
	return new Promise((resolve) => {
		let url;
		try {
			url = new URL(address);
		} catch {
			resolve({ failure: 'unreachable', code: 'EINVALIDURL', durationMs: 0 });
			return;
		}
		const payload = options.body ?? '';
		const client = url.protocol === 'https:' ? https : http;
		let settled = false;
		const settle = (/** @type {WebhookAnswer|WebhookFailure} */ result) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		};
		const request = client.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					'User-Agent': USER_AGENT,
					'Content-Type': 'application/json; charset=UTF-8',
					'Content-Length': String(Buffer.byteLength(payload)),
					...(options.headers ?? {}),
				},
			},
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				let size = 0;
				response.on('data', (/** @type {Buffer} */ chunk) => {
					size += chunk.length;
					if (size <= READ_LIMIT) chunks.push(chunk);
				});
				response.on('end', () => {
					const headerBytes = headerSize(response);
					/** @type {Record<string, string>} */
					const headers = {};
					for (const [key, value] of Object.entries(response.headers)) headers[key] = [].concat(/** @type {any} */ (value)).join(', ');
					settle({
						status: response.statusCode ?? 0,
						headers,
						body: Buffer.concat(chunks),
						size: headerBytes + size,
						durationMs: Date.now() - started,
					});
				});
				response.on('error', (error) => settle({ failure: 'unreachable', code: /** @type {any} */ (error).code, durationMs: Date.now() - started }));
			},
		);
		const timer = setTimeout(() => {
			settle({ failure: 'timeout', durationMs: Date.now() - started });
			request.destroy();
		}, options.timeoutMs);
		request.on('error', (error) => settle({ failure: 'unreachable', code: /** @type {any} */ (error).code, durationMs: Date.now() - started }));
		request.end(payload);
	});
}

/** Bytes of the status line and header block as they came over the wire. @param {http.IncomingMessage} response */
function headerSize(response) {
	let size = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage ?? ''}\r\n`.length + 2;
	for (let i = 0; i < response.rawHeaders.length; i += 2) {
		size += Buffer.byteLength(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`);
	}
	return size;
}

module.exports = { postWebhook, USER_AGENT };
