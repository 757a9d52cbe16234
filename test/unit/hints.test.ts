/**
 * The hints of the error mapper for answers the emulator does not give in these shapes (literal
 * RingCentral bodies from the platform notes): a permission named only in the message, a 429
 * without rate-limit headers, a refused client secret, a CMN-404 about another extension.
 */
import type { INode } from 'n8n-workflow';

import { ringCentralError } from '../../nodes/RingCentral/shared/errors';

const node = (authentication: 'oAuth2' | 'jwt'): INode => ({
	id: '1',
	name: 'RingCentral',
	type: 'n8n-nodes-ringcentral.ringCentralCallLog',
	typeVersion: 2,
	position: [0, 0],
	parameters: { authentication },
});

describe('hints of the error mapper', () => {
	test('a 403 naming the permission only in its message (no permissionName) still names it', () => {
		const error = ringCentralError(
			node('oAuth2'),
			{
				kind: 'answered',
				status: 403,
				headers: {},
				body: { errors: [{ errorCode: 'CMN-401', message: 'In order to call this API endpoint, application needs to have [ReadCallLog] permission' }] },
			},
			{ credentialName: 'RingCentral account' },
		);
		expect(error.description).toBe(
			'Add the "ReadCallLog" permission to the app in the RingCentral Developer Console (edit the app\'s settings, its app scopes), ' +
				'then reconnect the "RingCentral account" credential (Reconnect in its dialog): RingCentral puts an app\'s permissions into each token it issues, and the token in use was issued without it.',
		);
		expect(error.context.ringCentral).toMatchObject({ errorCode: 'CMN-401', hint: error.description });
	});

	test('CMN-404 (another extension\'s data, a user permission, not the app\'s) keeps the status hint', () => {
		const error = ringCentralError(node('jwt'), {
			kind: 'answered',
			status: 403,
			headers: {},
			body: { errorCode: 'InsufficientPermissions', message: 'Attempt to access another extension', errors: [{ errorCode: 'CMN-404', message: 'Attempt to access another extension' }] },
		});
		expect(error.description).toBe('The RingCentral app or user lacks a permission this operation needs.');
		expect(error.context.ringCentral).not.toHaveProperty('hint');
	});

	test('a 429 without RingCentral\'s rate-limit headers speaks of "the usage-plan group"', () => {
		const error = ringCentralError(node('jwt'), {
			kind: 'answered',
			status: 429,
			headers: { 'retry-after': '60' },
			body: { errorCode: 'CMN-301', message: 'Request rate exceeded', errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }] },
		});
		expect(error.description).toContain('tried again several times: the usage-plan group of this user and app is used up');
	});

	test('a 429 with RingCentral\'s lower-case group header names the group as RingCentral documents it', () => {
		const error = ringCentralError(node('jwt'), {
			kind: 'answered',
			status: 429,
			headers: { 'x-rate-limit-group': 'heavy', 'retry-after': '60' },
			body: { errorCode: 'CMN-301', message: 'Request rate exceeded' },
		});
		expect(error.description).toContain('the Heavy usage-plan group of this user and app is used up');
	});

	test('a wrong client secret (invalid_client) keeps the advice to check the Client ID and Secret', () => {
		const error = ringCentralError(
			node('oAuth2'),
			{ kind: 'auth', code: 'invalid_client', headers: {}, body: { error: 'invalid_client', errors: [{ errorCode: 'OAU-146', message: 'Invalid client credentials' }] } },
			{ credentialName: 'RingCentral account' },
		);
		expect(error.description).toContain('check its Client ID and Client Secret');
		expect(error.description).not.toContain('refresh token');
	});

	test('a write whose outcome is unknown says so, whatever else the answer would hint', () => {
		const error = ringCentralError(
			node('jwt'),
			{ kind: 'answered', status: 429, headers: {}, body: { errorCode: 'CMN-301', message: 'Request rate exceeded' } },
			{ outcomeUnknown: true },
		);
		expect(error.description).toContain('It was not repeated');
	});
});
