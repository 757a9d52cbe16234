/**
 * The client's one retry policy, with a scripted transport (answers and failures as n8n's helpers
 * deliver them) and jest's fake clock.
 */
import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { RingCentralCall } from '../../nodes/RingCentral/shared/client';
import { callRingCentral, RingCentralCallError, TIMEOUT_MS } from '../../nodes/RingCentral/shared/client';

type Step = IN8nHttpFullResponse | Error;

/** A transport answering each request with the next scripted step; it records what was sent. */
function scripted(...steps: Step[]) {
	const sent: IHttpRequestOptions[] = [];
	const transport = async (options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> => {
		sent.push(options);
		const step = steps.shift();
		if (!step) throw new Error('no more scripted answers');
		if (step instanceof Error) throw step;
		return step;
	};
	return { sent, transport };
}

const ok = (body: unknown = { id: 1 }, headers: Record<string, string> = { 'content-type': 'application/json' }): IN8nHttpFullResponse => ({
	statusCode: 200,
	headers,
	body: body as IN8nHttpFullResponse['body'],
});
const status = (code: number, headers: Record<string, string> = {}) =>
	Object.assign(new Error(`Request failed with status code ${code}`), { response: { status: code, headers, data: { errorCode: `E${code}` } } });
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const timedOut = () => Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });

let key = 0;
const call = (method: string, extra: Partial<RingCentralCall> = {}): RingCentralCall => ({
	options: { method: method as IHttpRequestOptions['method'], url: '/restapi/v1.0/account/~/extension/~/sms', json: true },
	group: 'NoThrottling',
	gateKey: `unit-${++key}`,
	...extra,
});

/** Runs a call to its end while advancing the fake clock. */
async function settle<T>(promise: Promise<T>): Promise<T | RingCentralCallError> {
	const result = promise.catch((error: unknown) => error as RingCentralCallError);
	for (let i = 0; i < 100; i++) await jest.advanceTimersByTimeAsync(1000);
	return await result;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('the retry policy', () => {
	test('a read is repeated after a dropped connection and a 500; a write is not, and its outcome is unknown', async () => {
		const read = scripted(reset(), status(500), ok());
		expect(await settle(callRingCentral(read.transport, call('GET')))).toMatchObject({ status: 200, body: { id: 1 } });
		expect(read.sent).toHaveLength(3);

		const write = scripted(reset(), ok());
		const failed = await settle(callRingCentral(write.transport, call('POST')));
		expect(failed).toBeInstanceOf(RingCentralCallError);
		expect(failed).toMatchObject({ outcomeUnknown: true, failure: { kind: 'network', code: 'ECONNRESET' } });
		expect(write.sent).toHaveLength(1);
	});

	test('a write refused before anything was done (429, 503, connection refused) is waited out and sent again', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
		const write = scripted(status(429, { 'retry-after': '2' }), status(503), refused, ok());
		expect(await settle(callRingCentral(write.transport, call('POST')))).toMatchObject({ status: 200 });
		expect(write.sent).toHaveLength(4);
	});

	test('a timed-out read is tried once more; a timed-out write is not', async () => {
		const read = scripted(timedOut(), ok());
		expect(await settle(callRingCentral(read.transport, call('GET')))).toMatchObject({ status: 200 });
		const write = scripted(timedOut());
		expect(await settle(callRingCentral(write.transport, call('POST')))).toMatchObject({ outcomeUnknown: true, failure: { kind: 'timeout' } });
		expect(write.sent).toHaveLength(1);
	});

	test('a refused sign-in (EAUTH) is never repeated', async () => {
		const refusal = Object.assign(new Error('Client authentication failed'), { code: 'EAUTH', body: { error: 'invalid_client' } });
		const read = scripted(refusal, ok());
		expect(await settle(callRingCentral(read.transport, call('GET')))).toMatchObject({ failure: { kind: 'auth' } });
		expect(read.sent).toHaveLength(1);
	});

	test('our own timeouts, shorter than n8n\'s 300 s and suited to the call; the user\'s own wins', async () => {
		const sent = scripted(ok(), ok(), ok(Buffer.from('RIFF')), ok());
		await callRingCentral(sent.transport, call('GET'));
		await callRingCentral(sent.transport, call('POST'));
		await callRingCentral(sent.transport, call('GET', { expect: 'binary' }));
		await callRingCentral(sent.transport, call('GET', { timeoutMs: 5000 }));
		expect(sent.sent.map((o) => o.timeout)).toEqual([TIMEOUT_MS.read, TIMEOUT_MS.write, TIMEOUT_MS.transfer, 5000]);
		expect(Math.max(...Object.values(TIMEOUT_MS))).toBeLessThan(300_000);
	});
});

describe('what counts as an answer', () => {
	test('only an empty 204 or 200 is a confirmation', async () => {
		const empty = scripted({ statusCode: 204, headers: {}, body: '' }, { statusCode: 200, headers: {}, body: '' });
		expect(await callRingCentral(empty.transport, call('DELETE'))).toMatchObject({ status: 204, body: undefined });
		expect(await callRingCentral(empty.transport, call('DELETE'))).toMatchObject({ status: 200, body: undefined });
	});

	test('a 200 with a proxy\'s HTML page is an error, and for a write the outcome is unknown', async () => {
		const page = '<!DOCTYPE html><html><body>Sign in to continue</body></html>';
		const portal = scripted(ok(page, { 'content-type': 'text/html' }));
		const failed = await settle(callRingCentral(portal.transport, call('POST')));
		expect(failed).toMatchObject({ outcomeUnknown: true, failure: { kind: 'unexpected', status: 200, cause: page } });
	});

	test('JSON sent as text, and a multipart batch, are answers', async () => {
		const answers = scripted(ok('{"id":7}', { 'content-type': 'text/plain' }), ok('--B\r\n\r\n{}\r\n--B--', { 'content-type': 'multipart/mixed; boundary=B' }));
		expect(await callRingCentral(answers.transport, call('GET'))).toMatchObject({ body: { id: 7 } });
		expect(await callRingCentral(answers.transport, call('GET'))).toMatchObject({ body: '--B\r\n\r\n{}\r\n--B--' });
	});
});
