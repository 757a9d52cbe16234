import type { E2eWorld } from './global-setup';

export default async function globalTeardown(): Promise<void> {
	const world = (globalThis as { __RC_E2E__?: E2eWorld }).__RC_E2E__;
	if (!world) return;
	await world.n8n.stop();
	await world.emulator.stop();
}
