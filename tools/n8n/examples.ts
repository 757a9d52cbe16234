/**
 * What an n8n pointed at the RingCentral emulator gets imported: the example workflows of
 * examples/, and credentials that reach the emulator (the examples name "RingCentral JWT (local emulator)").
 */
import fs from 'node:fs';
import path from 'node:path';

import { repoPath } from '../repository';

export interface CredentialRef {
	id: string;
	name: string;
	type: 'ringCentralJwtApi' | 'ringCentralOAuth2Api';
}

/** A credential pair: ids are fixed so workflows can name them. */
export interface CredentialPair {
	jwt: CredentialRef;
	oauth2: CredentialRef;
}

/** What credentials need of an emulator: its URL and demo app (the emulator itself, or its `/__emulator/demo` answer). */
export interface EmulatorAccess {
	url: string;
	demoCredentials(): { clientId: string; clientSecret: string; jwt: string };
}

/** The credentials `npm start` imports, and the one the examples name. */
export const EXAMPLE_CREDENTIALS: CredentialPair = {
	jwt: { id: 'rcDemoJwtCred001', name: 'RingCentral JWT (local emulator)', type: 'ringCentralJwtApi' },
	oauth2: { id: 'rcDemoOAuthCred1', name: 'RingCentral OAuth2 (local emulator)', type: 'ringCentralOAuth2Api' },
};

/**
 * The records `n8n import:credentials` takes for a pair pointed at the emulator: the JWT one is
 * ready to use, the OAuth2 one still has to be connected through n8n's flow (`N8n.connectOAuth2`).
 */
export function credentialRecords(emulator: EmulatorAccess, pair: CredentialPair) {
	const demo = emulator.demoCredentials();
	const server = { environment: 'custom', serverUrl: emulator.url, clientId: demo.clientId, clientSecret: demo.clientSecret };
	return [
		{ ...pair.jwt, data: { ...server, jwtToken: demo.jwt, accessToken: '' } },
		{ ...pair.oauth2, data: { ...server, grantType: 'authorizationCode' } },
	];
}

export interface ExampleWorkflow {
	/** the file in examples/ */
	file: string;
	id: string;
	name: string;
	[key: string]: unknown;
}

/** The example workflows of examples/, as n8n exports them (plus the file each came from). */
export function exampleWorkflows(): ExampleWorkflow[] {
	const folder = repoPath('examples');
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as object) }) as ExampleWorkflow);
}

/** A workflow as `n8n import:workflow` takes it: without the file it came from. */
export const importable = ({ file: _file, ...workflow }: ExampleWorkflow) => workflow;
