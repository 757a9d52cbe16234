import type { CronExpression, IDataObject } from 'n8n-workflow';
import { createHash, createHmac, randomBytes } from 'crypto';

import type { RequestContext } from '../RingCentral/shared/directRequest';
import { ringCentralDirectRequest, ringCentralDirectRequestIfFound } from '../RingCentral/shared/directRequest';
import { credentialTypeFor } from '../RingCentral/shared/descriptions';
import { filtersMatch } from './events';

/** The longest lifetime RingCentral grants a WebHook subscription (10 years). */
export const MAX_WEBHOOK_LIFETIME_S = 315_360_000;
/** A subscription with less than this left is renewed rather than left to lapse. */
const RENEW_WHEN_LEFT_MS = 30 * 24 * 3600 * 1000;

/** What the trigger keeps in the node's static data: a cache, never the only copy of anything it needs. */
export interface SubscriptionState extends IDataObject {
	subscriptionId?: string;
	webhookUrl?: string;
	filters?: string[];
	expirationTime?: string;
	fallbackToken?: string;
}

/** `unknown`: the webhook's address is not known yet (the activation is about to create the subscription). */
export type Outcome = 'healthy' | 'renewed' | 'created' | 'replaced' | 'unknown';

/**
 * When a trigger's periodic check runs: every `minutes` minutes, counted from the epoch, at a
 * minute and second of its own (derived from the trigger's identity), so that the checks of many
 * triggers spread out instead of all firing at the same second. n8n's cron ticks every minute at
 * that second; `due` says whether this minute is one of the trigger's.
 */
export function healthCheckSchedule(trigger: string, minutes: number) {
	const spread = createHash('sha256').update(trigger).digest().readUInt32BE(0);
	const second = spread % 60;
	const offset = Math.floor(spread / 60) % minutes;
	return {
		cronExpression: `${second} * * * * *` as CronExpression,
		due: (now: number) => (Math.floor(now / 60_000) - offset) % minutes === 0,
	};
}

const upkeep = new Map<string, Promise<unknown>>();

/**
 * Runs subscription upkeep for one webhook at a time. n8n may run the activation hooks and the
 * trigger's health check at the same moment (at start, on separate copies of the workflow);
 * without this both would create a subscription and every event would run twice.
 */
export async function oneAtATime<T>(webhook: string, work: () => Promise<T>): Promise<T> {
	const previous = upkeep.get(webhook) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(work);
	upkeep.set(webhook, next);
	try {
		return await next;
	} finally {
		if (upkeep.get(webhook) === next) upkeep.delete(webhook);
	}
}

/**
 * The Verification-Token RingCentral sends with every delivery. n8n runs the webhook, the
 * activation hooks and the health check on separate copies of the node's static data, so the
 * token is derived — from the app's client secret and this webhook — instead of stored.
 */
export async function verificationToken(
	context: RequestContext & { getWorkflow(): { id?: string } },
	state: SubscriptionState,
): Promise<string> {
	const credentialType = credentialTypeFor(context.getNodeParameter('authentication', 'oAuth2') as string);
	const credentials = await context.getCredentials(credentialType);
	const secret = typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '';
	if (!secret) return (state.fallbackToken ??= randomBytes(24).toString('hex'));
	const node = context.getNode();
	return createHmac('sha256', secret)
		.update(`ringcentral-trigger:${context.getWorkflow().id ?? ''}:${node.webhookId ?? node.id}`)
		.digest('hex')
		.slice(0, 48);
}

async function read(context: RequestContext, id: string): Promise<IDataObject | undefined> {
	return await ringCentralDirectRequestIfFound.call(context, 'GET', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`);
}

/** Deletes a subscription; one that is already gone is fine. */
export async function removeSubscription(context: RequestContext, id: string): Promise<void> {
	await ringCentralDirectRequestIfFound.call(context, 'DELETE', `/restapi/v1.0/subscription/${encodeURIComponent(id)}`);
}

const addressOf = (subscription: IDataObject) => String((subscription.deliveryMode as IDataObject | undefined)?.address ?? '');

/**
 * Every subscription of this user and app that delivers to the address. Only the exact address
 * counts: the editor's test listener has a subscription of its own at the test URL.
 */
async function deliveringTo(context: RequestContext, address: string): Promise<IDataObject[]> {
	const list = await ringCentralDirectRequest.call(context, 'GET', '/restapi/v1.0/subscription');
	return ((list.records as IDataObject[] | undefined) ?? []).filter((record) => addressOf(record) === address);
}

/** Whether a subscription still delivers what is wanted, for long enough. */
function verdict(subscription: IDataObject, wanted: string[]): 'healthy' | 'renew' | 'replace' {
	if (subscription.status !== 'Active') return 'replace';
	if ((subscription.disabledFilters as unknown[] | undefined)?.length) return 'replace';
	if (!filtersMatch(wanted, (subscription.eventFilters as string[] | undefined) ?? [])) return 'replace';
	const left = Date.parse(String(subscription.expirationTime)) - Date.now();
	if (!(left > 0)) return 'replace';
	return left < RENEW_WHEN_LEFT_MS ? 'renew' : 'healthy';
}

/** The subscription in static data, else one already delivering to this webhook (adopted). */
async function current(context: RequestContext, state: SubscriptionState, address: string) {
	// The stored id is only this webhook's when it was stored for this address (not the test listener's).
	const storedId = state.webhookUrl === address ? state.subscriptionId : undefined;
	const known = storedId ? await read(context, storedId) : undefined;
	// An expired subscription reads as gone but may still be stored: let RingCentral drop it.
	if (storedId && !known) await removeSubscription(context, storedId);
	const others = (await deliveringTo(context, address)).filter((s) => s.id !== known?.id);
	const chosen = known ?? others.shift();
	// Duplicates at the same address would deliver every event twice.
	for (const duplicate of others) await removeSubscription(context, String(duplicate.id));
	return chosen;
}

/**
 * What the upkeep of one activation found moments ago. n8n publishes a workflow by calling
 * checkExists, then create when it answered false, and starts the trigger function (whose first
 * check follows) at the same time — all on one copy of the workflow, so one static data object.
 * Within that activation the answer still holds: the subscriptions need not be listed again.
 */
const lastLookup = new WeakMap<SubscriptionState, { at: number; address: string; filters: string; healthyId?: string }>();
const LOOKUP_HOLDS_MS = 10_000;

/** Notes that the address has a healthy subscription with this id, or (no id) none at all. */
function noteLookup(state: SubscriptionState, address: string, wanted: string[], healthyId?: string) {
	lastLookup.set(state, { at: Date.now(), address, filters: wanted.join('\n'), healthyId });
}

/** What a lookup of this activation found just now for this address and these filters (used once). */
function recentLookup(state: SubscriptionState, address: string, wanted: string[], duringActivation: boolean) {
	const lookup = lastLookup.get(state);
	lastLookup.delete(state);
	if (!duringActivation || !lookup || Date.now() - lookup.at > LOOKUP_HOLDS_MS) return undefined;
	return lookup.address === address && lookup.filters === wanted.join('\n') ? lookup : undefined;
}

/** Whether a healthy subscription for the wanted filters exists (n8n's checkExists). */
export async function subscriptionIsHealthy(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string,
): Promise<boolean> {
	const subscription = await current(context, state, address);
	if (subscription && verdict(subscription, wanted) === 'healthy') {
		remember(state, subscription, wanted);
		noteLookup(state, address, wanted, state.subscriptionId);
		return true;
	}
	if (subscription) await removeSubscription(context, String(subscription.id));
	noteLookup(state, address, wanted);
	return false;
}

/** Creates the subscription; RingCentral first sends the Validation-Token handshake to the address. */
async function createSubscription(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string,
	token: string,
): Promise<IDataObject> {
	const subscription = await ringCentralDirectRequest.call(context, 'POST', '/restapi/v1.0/subscription', {
		body: {
			eventFilters: wanted,
			deliveryMode: { transportType: 'WebHook', address, verificationToken: token },
			expiresIn: MAX_WEBHOOK_LIFETIME_S,
		},
	});
	remember(state, subscription, wanted);
	noteLookup(state, address, wanted, state.subscriptionId);
	return subscription;
}

/**
 * The health check: keeps a subscription delivering — renewed before it lapses, re-created when
 * RingCentral blacklisted, expired or lost it or its filters no longer match. `duringActivation`:
 * part of an activation (n8n's create, the trigger function's first check), which may rely on
 * what the activation found moments ago; the periodic check always looks.
 */
export async function repairSubscription(
	context: RequestContext,
	state: SubscriptionState,
	wanted: string[],
	address: string | undefined,
	token: string,
	duringActivation: boolean,
): Promise<Outcome> {
	// Without the address (a health check that started before the first activation finished)
	// there is nothing to look after yet: the activation creates the subscription.
	if (!address) return 'unknown';
	const recent = recentLookup(state, address, wanted, duringActivation);
	if (recent?.healthyId && recent.healthyId === state.subscriptionId && state.webhookUrl === address) return 'healthy';
	if (recent && !recent.healthyId) {
		await createSubscription(context, state, wanted, address, token);
		return 'created';
	}
	const subscription = await current(context, state, address);
	if (subscription) {
		const judged = verdict(subscription, wanted);
		if (judged === 'healthy') {
			remember(state, subscription, wanted);
			return 'healthy';
		}
		if (judged === 'renew') {
			const renewed = await ringCentralDirectRequest.call(
				context,
				'POST',
				`/restapi/v1.0/subscription/${encodeURIComponent(String(subscription.id))}/renew`,
				{ group: 'Light' },
			);
			remember(state, renewed, wanted);
			return 'renewed';
		}
		await removeSubscription(context, String(subscription.id));
	}
	await createSubscription(context, state, wanted, address, token);
	return subscription ? 'replaced' : 'created';
}

/** Removes every subscription of this trigger (n8n's delete), including ones it lost track of. */
export async function removeSubscriptions(context: RequestContext, state: SubscriptionState, address: string): Promise<void> {
	const ids = new Set<string>();
	// The stored id only counts when it is this webhook's (the test listener must not delete production's).
	if (state.subscriptionId && state.webhookUrl === address) ids.add(state.subscriptionId);
	for (const subscription of await deliveringTo(context, address)) ids.add(String(subscription.id));
	for (const id of ids) await removeSubscription(context, id);
	lastLookup.delete(state);
	if (state.webhookUrl !== address) return;
	delete state.subscriptionId;
	delete state.expirationTime;
	delete state.filters;
	delete state.webhookUrl;
}

function remember(state: SubscriptionState, subscription: IDataObject, wanted: string[]) {
	state.subscriptionId = String(subscription.id);
	state.expirationTime = String(subscription.expirationTime);
	state.filters = wanted;
	state.webhookUrl = addressOf(subscription) || state.webhookUrl;
}
