/**
 * The error mapper: what n8n's helpers throw (shapes taken from n8n-core 2.41.1 and its OAuth2
 * client, rebuilt here as literals) and the words a user reads.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readHttpFailure, ringCentralError } from '../../nodes/RingCentral/shared/errors';

const node: INode = { id: '1', name: 'RingCentral', type: 'n8n-nodes-ringcentral.ringCentralMessaging', typeVersion: 1, position: [0, 0], parameters: {} };

/** What axios throws for an answer with an error status. */
function axiosError(status: number, data: unknown, headers: Record<string, string> = {}) {
	return Object.assign(new Error(`Request failed with status code ${status}`), { name: 'AxiosError', code: 'ERR_BAD_REQUEST', response: { status, headers, data } });
}

/** What axios throws without an answer. */
function systemError(code: string, message = `connect ${code}`) {
	return Object.assign(new Error(message), { name: 'AxiosError', code });
}

/** n8n's OAuth2 client (@n8n/client-oauth2) on a refused refresh: AuthError, code EAUTH, RingCentral's body. */
function oauthRefused(error: string) {
	return Object.assign(new Error('Client authentication failed'), {
		code: 'EAUTH',
		body: { error, error_description: 'Invalid client credentials', errors: [{ errorCode: 'OAU-146', message: 'Invalid client credentials' }] },
	});
}

/** httpRequestWithAuthentication wraps whatever it caught. */
const wrapped = (error: Error) => new NodeApiError(node, error as never);

describe('readHttpFailure', () => {
	test('an answer with an error status, wrapped by n8n', () => {
		const failure = readHttpFailure(wrapped(axiosError(429, { errorCode: 'CMN-301' }, { 'Retry-After': '7' })));
		expect(failure).toMatchObject({ kind: 'answered', status: 429, headers: { 'retry-after': '7' }, body: { errorCode: 'CMN-301' } });
	});

	test('no answer: a dropped connection, a refused one, a timeout, a cancelled execution', () => {
		expect(readHttpFailure(wrapped(systemError('ECONNRESET', 'socket hang up')))).toMatchObject({ kind: 'network', code: 'ECONNRESET' });
		expect(readHttpFailure(wrapped(systemError('ECONNREFUSED')))).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
		expect(readHttpFailure(wrapped(systemError('ECONNABORTED', 'timeout of 30000ms exceeded')))).toMatchObject({ kind: 'timeout' });
		expect(readHttpFailure(wrapped(systemError('ERR_CANCELED', 'canceled')))).toMatchObject({ kind: 'cancelled' });
	});

	test('a refused OAuth2 refresh (wrong client secret) is the credential\'s failure, not the network\'s', () => {
		expect(readHttpFailure(wrapped(oauthRefused('invalid_client')))).toMatchObject({ kind: 'auth', code: 'invalid_client' });
	});

	test('n8n\'s own "reconnect the credential" (a revoked refresh token) is an auth failure keeping n8n\'s words', () => {
		const reconnect = new NodeOperationError(node, 'The credential "RingCentral" needs to be reconnected.', { failure: { cause: 'credential-invalid' } } as never);
		expect(readHttpFailure(wrapped(reconnect))).toMatchObject({ kind: 'auth', cause: 'The credential "RingCentral" needs to be reconnected.' });
	});

	test('anything else keeps its own message', () => {
		const failure = readHttpFailure(wrapped(new Error('No bridge acquired for this context. Call acquire() first.')));
		expect(failure).toMatchObject({ kind: 'other', cause: 'No bridge acquired for this context. Call acquire() first.' });
	});
});

describe('ringCentralError', () => {
	test('names RingCentral\'s code, message and field, keeps the status, carries no request', () => {
		const error = ringCentralError(node, {
			kind: 'answered',
			status: 400,
			headers: {},
			body: { errorCode: 'CMN-101', message: 'Parameter [userStatus] value is invalid.', errors: [{ errorCode: 'CMN-101', message: 'Parameter [userStatus] value is invalid.', parameterName: 'userStatus' }] },
		});
		expect(error.message).toBe('RingCentral answered 400: [CMN-101] Parameter [userStatus] value is invalid. (field: userStatus)');
		expect(error.httpCode).toBe('400');
		expect(error.context.ringCentral).toEqual({ httpStatus: 400, errorCode: 'CMN-101', message: 'Parameter [userStatus] value is invalid.', parameterName: 'userStatus' });
	});

	test('a dropped connection after a write says the outcome is unknown, and never "retry immediately"', () => {
		const error = ringCentralError(node, { kind: 'network', code: 'ECONNRESET', headers: {}, body: undefined }, { outcomeUnknown: true });
		expect(error.message).toBe('The connection to RingCentral failed before it answered: the connection was reset');
		expect(error.description).toContain('may have carried the request out');
		expect(error.description).toContain('It was not repeated');
		expect(`${error.message} ${error.description}`).not.toMatch(/retry the request immediately/i);
		expect(error.context.ringCentral).toMatchObject({ errorCode: 'ECONNRESET', outcome: 'unknown' });
	});

	test('a timeout names the seconds it waited', () => {
		const error = ringCentralError(node, { kind: 'timeout', code: 'ETIMEDOUT', headers: {}, body: undefined }, { timeoutSeconds: 30 });
		expect(error.message).toBe('RingCentral did not answer within 30 seconds');
	});

	test('a refused sign-in says to reconnect the credential, naming it', () => {
		const failure = readHttpFailure(wrapped(oauthRefused('invalid_client')));
		const error = ringCentralError(node, failure, { credentialName: 'RingCentral OAuth2 (production)' });
		expect(error.message).toBe("RingCentral refused the credential's sign-in: [OAU-146] Invalid client credentials");
		expect(error.description).toContain('Open the "RingCentral OAuth2 (production)" credential');
		expect(error.description).toContain('reconnect it');
	});

	test('an answer that is not RingCentral JSON says what came instead', () => {
		const error = ringCentralError(node, {
			kind: 'unexpected',
			status: 200,
			headers: { 'content-type': 'text/html; charset=utf-8' },
			body: '<html>…',
			cause: '<!DOCTYPE html><html><head><title>Network login</title>',
		});
		expect(error.message).toBe("RingCentral answered 200 (text/html) with something that is not JSON: <!DOCTYPE html><html><head><title>Network login</title>");
	});
});
