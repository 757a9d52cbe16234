import type { E2eWorld } from './global-setup';

export default async function globalTeardown(): Promise<void> {
	const world = (globalThis as { __RC_E2E__?: E2eWorld }).__RC_E2E__;
	if (!world) return;
	// Whatever a suite left behind: every request the tier made must have matched RingCentral's spec.
	const violations = world.emulator.takeViolations();
	await world.n8n.stop();
	await world.emulator.stop();
	if (violations.length) throw new Error(`the emulator recorded ${violations.length} spec violation(s): ${JSON.stringify(violations).slice(0, 2000)}`);
}
