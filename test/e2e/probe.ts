/** Waiting for things to happen, and measuring a webhook the way RingCentral meets it first. */
import http from 'node:http';

/** Polls `check` until it returns a truthy value (which is returned) or the time is up. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 30000, what = 'condition'): Promise<NonNullable<T>> {
	const started = Date.now();
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

export interface Handshake {
	status: number | undefined;
	/** the Validation-Token came back */
	echoed: boolean;
	/** status line, headers and body on the wire */
	bytes: number;
	ms: number;
	headers: http.IncomingHttpHeaders;
}

/** Sends what RingCentral sends first to a new webhook and measures the answer (time and bytes on the wire). */
export async function handshake(url: string): Promise<Handshake> {
	const token = `handshake-${Date.now()}`;
	const started = process.hrtime.bigint();
	return await new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers: { 'Validation-Token': token, 'User-Agent': 'RingCentral-Webhook/8.3', 'Content-Length': 0 } }, (response) => {
			let size = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n`.length + 2;
			for (let i = 0; i < response.rawHeaders.length; i += 2) size += Buffer.byteLength(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`);
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const body = Buffer.concat(chunks);
				resolve({
					status: response.statusCode,
					echoed: response.headers['validation-token'] === token,
					bytes: size + body.length,
					ms: Number(process.hrtime.bigint() - started) / 1e6,
					headers: response.headers,
				});
			});
		});
		request.on('error', reject);
		request.end();
	});
}
