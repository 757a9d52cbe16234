import type { INodeExecutionData } from 'n8n-workflow';
import { createHash } from 'crypto';

/** Notifications remembered per webhook: RingCentral repeats one within minutes, not thousands of events later. */
const REMEMBERED_PER_WEBHOOK = 1000;

/**
 * The notifications this n8n process has taken, per webhook, oldest first. n8n does not persist
 * static data that `webhook()` writes when the call starts an execution, and runs each delivery
 * on its own copy of it, so the memory of what was delivered lives here.
 */
const taken = new Map<string, Set<string>>();

/**
 * Marks a notification as taken; false when it already was. Synchronous on purpose: two
 * deliveries of one notification arriving at once cannot both pass.
 */
export function takeNotification(webhook: string, uuid: string): boolean {
	let uuids = taken.get(webhook);
	if (!uuids) taken.set(webhook, (uuids = new Set()));
	if (uuids.has(uuid)) return false;
	uuids.add(uuid);
	if (uuids.size > REMEMBERED_PER_WEBHOOK) uuids.delete(uuids.values().next().value as string);
	return true;
}

/** Forgets a notification whose handling failed, so RingCentral's next attempt is taken. */
export function releaseNotification(webhook: string, uuid: string): void {
	taken.get(webhook)?.delete(uuid);
}

/** Starts an execution of the published workflow with n8n's execution deduplication key. */
export type Starter = (items: INodeExecutionData[], deduplicationKey: string) => void;

/** The running trigger function of each published trigger node in this process (workflow:node). */
const starters = new Map<string, Starter>();

export function registerStarter(trigger: string, start: Starter): () => void {
	starters.set(trigger, start);
	return () => {
		if (starters.get(trigger) === start) starters.delete(trigger);
	};
}

export function starterOf(trigger: string): Starter | undefined {
	return starters.get(trigger);
}

/**
 * n8n's execution deduplication key for a notification: n8n keeps it on the execution in its
 * database under a unique index and skips a second execution with the same key, across
 * restarts and across the processes of one n8n. Unique per workflow and trigger node.
 */
export function deduplicationKey(trigger: string, uuid: string): string {
	const key = `ringcentral:${trigger}:${uuid}`;
	return key.length <= 200 ? key : `ringcentral:${createHash('sha256').update(key).digest('hex')}`;
}
