/**
 * What every benchmark gets: the emulator, the n8n engine and the built package (dist/), so
 * benchmarks measure what users install. A benchmark module exports
 *   { title, run: async (kit) => [{ label, value, unit?, target? }] }
 * and prints ratios measured within its own run.
 */
const path = require('node:path');
const { createEmulator } = require('../../tools/emulator');
const { createEngine } = require('../harness/engine');

const DIST = path.resolve(__dirname, '../../dist');

/** Loads a compiled class from dist/, e.g. load('nodes/RingCentralPresence/RingCentralPresence.node'). */
function load(relative) {
	const file = path.join(DIST, `${relative}.js`);
	const name = path.basename(relative).split('.')[0];
	return require(file)[name];
}

const credentialTypes = () => [
	load('credentials/RingCentralOAuth2Api.credentials'),
	load('credentials/RingCentralJwtApi.credentials'),
];

/**
 * Starts an emulator and an engine for the given node classes; returns a JWT credential ready to use.
 * @param {{ nodes: any[], emulator?: any }} options
 */
async function setup(options) {
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
	/** Runs a node with JWT auth; parameters exclude `authentication`. */
	const run = (type, parameters, extra = {}) =>
		engine.execute({ type, parameters: { authentication: 'jwt', ...parameters }, credential, ...extra });
	return { emulator, engine, credential, run, stop: () => emulator.stop() };
}

/** API requests of one operation since a journal mark (OAuth requests excluded). */
function callsSince(emulator, since, operationId) {
	return emulator.journal({ since, operationId }).filter((e) => !e.path.startsWith('/restapi/oauth/'));
}

module.exports = { setup, load, callsSince };
