/**
 * What every benchmark gets: the emulator, the n8n engine and the built package (dist/), so
 * benchmarks measure what users install. A benchmark module's default export is a `Bench`:
 * its `run(kit)` answers the figures it measured, ratios within its own run.
 */
import path from 'node:path';

import { createEmulator } from '../../tools/emulator';
import type { Emulator, EmulatorOptions, JournalEntry } from '../../tools/emulator/server';
import { repoPath } from '../../tools/repository';
import { createEngine } from '../harness/engine';
import type { CredentialClass, CredentialRef, Engine, Item, Json, NodeClass, RunResult } from '../harness/engine';

const DIST = repoPath('dist');

/** One printed figure: `pass` compares it with its target. */
export interface Row {
	label: string;
	value: number | string;
	unit?: string;
	target?: string;
	pass?: boolean;
}

export interface Bench {
	title: string;
	run(kit: Kit): Promise<Row[]>;
}

export interface BenchEnvironment {
	emulator: Emulator;
	engine: Engine;
	credential: CredentialRef;
	/** Runs a node with JWT auth; parameters exclude `authentication`. */
	run(type: string, parameters: Record<string, Json>, extra?: { items?: Item[]; continueOnFail?: boolean }): Promise<RunResult>;
	stop(): Promise<void>;
}

/** Loads a compiled class from dist/, e.g. load('nodes/RingCentralPresence/RingCentralPresence.node'). */
export function load<T = NodeClass>(relative: string): T {
	const file = path.join(DIST, `${relative}.js`);
	const name = path.basename(relative).split('.')[0];
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built package, as users install it
	return (require(file) as Record<string, T>)[name];
}

const credentialTypes = () => [
	load<CredentialClass>('credentials/RingCentralOAuth2Api.credentials'),
	load<CredentialClass>('credentials/RingCentralJwtApi.credentials'),
];

/** Starts an emulator and an engine for the given node classes; returns a JWT credential ready to use. */
export async function setup(options: { nodes: NodeClass[]; emulator?: EmulatorOptions }): Promise<BenchEnvironment> {
	const emulator = await createEmulator({ requireSpec: true, quiet: true, ...options.emulator });
	await emulator.start();
	const engine = createEngine({ nodeTypes: options.nodes, credentialTypes: credentialTypes() });
	const stored = engine.credentials.add('ringCentralJwtApi', {
		environment: 'custom',
		serverUrl: emulator.url,
		clientId: 'demo-client-id',
		clientSecret: 'demo-client-secret',
		jwtToken: emulator.oauth.issueJwt(emulator.state.ids.admin),
		accessToken: '',
	});
	const credential = { type: 'ringCentralJwtApi', id: stored.id };
	return {
		emulator,
		engine,
		credential,
		run: (type, parameters, extra = {}) =>
			engine.execute({ type, parameters: { authentication: 'jwt', ...parameters }, credential, ...extra }),
		stop: () => emulator.stop(),
	};
}

/** API requests of one operation since a journal mark (OAuth requests excluded). */
export function callsSince(emulator: Emulator, since: number, operationId?: string): JournalEntry[] {
	return emulator.journal({ since, operationId }).filter((e) => !e.path.startsWith('/restapi/oauth/'));
}

export const kit = { setup, load, callsSince };
export type Kit = typeof kit;
