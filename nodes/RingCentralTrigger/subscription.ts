import type { IDataObject } from 'n8n-workflow';
import { randomBytes } from 'crypto';

import type { RequestContext } from '../RingCentral/shared/directRequest';
import { ringCentralDirectRequest, ringCentralDirectRequestIfFound } from '../RingCentral/shared/directRequest';
import { filtersMatch } from './events';

/** The longest lifetime RingCentral grants a WebHook subscription (10 years). */
export const MAX_WEBHOOK_LIFETIME_S = 315_360_000;
/** A subscription with less than this left is renewed rather than left to lapse. */
const RENEW_WHEN_LEFT_MS = 30 * 24 * 3600 * 1000;

/** What the trigger keeps in the node's static data. */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	verificationToken?: string;
	webhookUrl?: string;
	filters?: string[];
	expirationTime?: string;
	recentEvents?: string[];
}

export type Outcome = 'healthy' | 'renewed' | 'created' | 'replaced';

async function read(context: RequestContext, id: string): Promise<IDataObject | undefined> {
	return await ringCentralDirectRequestIfFound.call(context, 'GET', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`);
}

/** Every subscription of this user and app that delivers to the address. */
async function deliveringTo(context: RequestContext, address: string): Promise<IDataObject[]> {
	const list = await ringCentralDirectRequest.call(context, 'GET', '/restapi/v1.0/subscription');
	return ((list.records as IDataObject[] | undefined) ?? []).filter(
		(record) => (record.deliveryMode as IDataObject | undefined)?.address === address,
	);
}

/** Deletes a subscription; one that is already gone is fine. */
export async function removeSubscription(context: RequestContext, id: string): Promise<void> {
	await ringCentralDirectRequestIfFound.call(context, 'DELETE', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`);
}

/** Whether a subscription still delivers what is wanted, for long enough, to a webhook that can verify it. */
function verdict(subscription: IDataObject, wanted: string[], state: SubscriptionState): 'healthy' | 'renew' | 'replace' {
	// Without our verification token every delivery would be refused.
	if (!state.verificationToken) return 'replace';
	if (subscription.status !== 'Active') return 'replace';
	if ((subscription.disabledFilters as unknown[] | undefined)?.length) return 'replace';
	if (!filtersMatch(wanted, (subscription.eventFilters as string[] | undefined) ?? [])) return 'replace';
	const left = Date.parse(String(subscription.expirationTime)) - Date.now();
	if (!(left > 0)) return 'replace';
	return left < RENEW_WHEN_LEFT_MS ? 'renew' : 'healthy';
}

/** The subscription in static data, else one already delivering to this webhook (adopted). */
async function current(context: RequestContext, state: SubscriptionState, address: string) {
	const known = state.subscriptionId ? await read(context, state.subscriptionId) : undefined;
	// An expired subscription reads as gone but may still be stored: let RingCentral drop it.
	if (state.subscriptionId && !known) await removeSubscription(context, state.subscriptionId);
	const others = (await deliveringTo(context, address)).filter((s) => s.id !== known?.id);
	const chosen = known ?? others.shift();
	// Duplicates at the same address would deliver every event twice.
	for (const duplicate of others) await removeSubscription(context, String(duplicate.id));
	return chosen;
}

/** Whether a healthy subscription for the wanted filters exists (n8n's checkExists). */
export async function subscriptionIsHealthy(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string,
): Promise<boolean> {
	const subscription = await current(context, state, address);
	if (!subscription) return false;
	if (verdict(subscription, wanted, state) !== 'healthy') {
		await removeSubscription(context, String(subscription.id));
		return false;
	}
	remember(state, subscription, wanted, address);
	return true;
}

/** Creates the subscription; RingCentral first sends the Validation-Token handshake to the address. */
export async function createSubscription(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string,
): Promise<IDataObject> {
	const verificationToken = state.verificationToken ?? randomBytes(24).toString('hex');
	state.verificationToken = verificationToken;
	const subscription = await ringCentralDirectRequest.call(context, 'POST', '/restapi/v1.0/subscription', {
		body: {
			eventFilters: wanted,
			deliveryMode: { transportType: 'WebHook', address, verificationToken },
			expiresIn: MAX_WEBHOOK_LIFETIME_S,
		},
	});
	remember(state, subscription, wanted, address);
	return subscription;
}

/**
 * The health check: keeps a subscription delivering — renewed before it lapses, re-created when
 * RingCentral blacklisted, expired or lost it or its filters no longer match.
 */
export async function repairSubscription(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string,
): Promise<Outcome> {
	const subscription = await current(context, state, address);
	if (subscription) {
		const judged = verdict(subscription, wanted, state);
		if (judged === 'healthy') {
			remember(state, subscription, wanted, address);
			return 'healthy';
		}
		if (judged === 'renew') {
			const renewed = await ringCentralDirectRequest.call(
				context,
				'POST',
				`/restapi/v1.0/subscription/${encodeURIComponent(String(subscription.id))}/renew`,
			);
			remember(state, renewed, wanted, address);
			return 'renewed';
		}
		await removeSubscription(context, String(subscription.id));
	}
	await createSubscription(context, state, wanted, address);
	return subscription ? 'replaced' : 'created';
}

/** Removes every subscription of this trigger (n8n's delete), including ones it lost track of. */
export async function removeSubscriptions(context: RequestContext, state: SubscriptionState, address: string): Promise<void> {
	const ids = new Set<string>();
	if (state.subscriptionId) ids.add(state.subscriptionId);
	for (const subscription of await deliveringTo(context, address)) ids.add(String(subscription.id));
	for (const id of ids) await removeSubscription(context, id);
	delete state.subscriptionId;
	delete state.expirationTime;
	delete state.filters;
}

function remember(state: SubscriptionState, subscription: IDataObject, wanted: string[], address: string) {
	state.subscriptionId = String(subscription.id);
	state.expirationTime = String(subscription.expirationTime);
	state.filters = wanted;
	state.webhookUrl = address;
}
