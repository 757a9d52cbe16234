module.exports = async function globalTeardown() {
	const world = globalThis.__RC_E2E__;
	if (!world) return;
	await world.n8n.stop();
	await world.emulator.stop();
};
