/**
 * Outbound webhook requests as RingCentral's notification service makes them: the Validation-Token
 * handshake at subscription creation, and (for the delivery engine) event deliveries. Measures
 * what RingCentral measures: status, time to answer, and the response size (headers + body).
 */
import http from 'node:http';
import https from 'node:https';

export const USER_AGENT = 'RingCentral-Webhook/8.3';
/** Bodies are read only this far: enough to tell that a response is too large. */
const READ_LIMIT = 64 * 1024;

export interface WebhookAnswer {
	status: number;
	/** header names in lower case; repeated headers joined with ", " */
	headers: Record<string, string>;
	/** up to READ_LIMIT bytes */
	body: Buffer;
	/** bytes of the whole response: status line, headers and body */
	size: number;
	durationMs: number;
}

export interface WebhookFailure {
	failure: 'timeout' | 'unreachable';
	code?: string;
	durationMs: number;
}

/** POSTs to a webhook address and resolves with its answer, or with why there was none. */
export function postWebhook(
	address: string,
	options: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs: number },
): Promise<WebhookAnswer | WebhookFailure> {
	const started = Date.now();
	return new Promise((resolve) => {
		let url: URL;
		try {
			url = new URL(address);
		} catch {
			resolve({ failure: 'unreachable', code: 'EINVALIDURL', durationMs: 0 });
			return;
		}
		const payload = options.body ?? '';
		const client = url.protocol === 'https:' ? https : http;
		let settled = false;
		const settle = (result: WebhookAnswer | WebhookFailure) => {
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
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size <= READ_LIMIT) chunks.push(chunk);
				});
				response.on('end', () => {
					const headerBytes = headerSize(response);
					const headers: Record<string, string> = {};
					for (const [key, value] of Object.entries(response.headers)) headers[key] = ([] as Array<string | undefined>).concat(value).join(', ');
					settle({
						status: response.statusCode ?? 0,
						headers,
						body: Buffer.concat(chunks),
						size: headerBytes + size,
						durationMs: Date.now() - started,
					});
				});
				response.on('error', (error: NodeJS.ErrnoException) => settle({ failure: 'unreachable', code: error.code, durationMs: Date.now() - started }));
			},
		);
		const timer = setTimeout(() => {
			settle({ failure: 'timeout', durationMs: Date.now() - started });
			request.destroy();
		}, options.timeoutMs);
		request.on('error', (error: NodeJS.ErrnoException) => settle({ failure: 'unreachable', code: error.code, durationMs: Date.now() - started }));
		request.end(payload);
	});
}

/** Bytes of the status line and header block as they came over the wire. */
function headerSize(response: http.IncomingMessage): number {
	let size = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage ?? ''}\r\n`.length + 2;
	for (let i = 0; i < response.rawHeaders.length; i += 2) {
		size += Buffer.byteLength(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`);
	}
	return size;
}
