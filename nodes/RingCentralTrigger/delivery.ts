import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { createHash, timingSafeEqual } from 'crypto';

import type { RequestContext } from '../RingCentral/shared/directRequest';
import { ringCentralDirectBatch } from '../RingCentral/shared/directRequest';
import type { Envelope } from './events';
import { changedMessages, envelopeFields, kindOf, telephonyItems } from './events';
import type { SubscriptionState } from './subscription';
import { verificationToken } from './subscription';

/** Notifications remembered per webhook: RingCentral repeats one within minutes, not thousands of events later. */
const REMEMBERED_PER_WEBHOOK = 1000;
/** RingCentral reads up to 50 messages in one request. */
const MESSAGE_BATCH = 50;

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

/** What building a notification's items reads from the node's parameters. */
export interface ItemSettings {
	events: string[];
	fetchMessages: boolean;
}

type ParameterReader = Pick<RequestContext, 'getNode' | 'getNodeParameter'>;

/**
 * The parameters a delivery needs, read once per version of the node (n8n hands every delivery a
 * fresh copy of the workflow: reading them again would evaluate any expression in them each time).
 */
const settingsOfVersion = new Map<string, { version: string; settings: ItemSettings }>();

export function itemSettings(context: ParameterReader, trigger: string): ItemSettings {
	const version = JSON.stringify(context.getNode().parameters);
	const known = settingsOfVersion.get(trigger);
	if (known?.version === version) return known.settings;
	const settings = {
		events: context.getNodeParameter('events', []) as string[],
		fetchMessages: context.getNodeParameter('fetchMessages', true) as boolean,
	};
	settingsOfVersion.set(trigger, { version, settings });
	return settings;
}

/**
 * The Verification-Token each webhook's deliveries carry, as last derived from its credential. A
 * delivery whose token matches is accepted without reading the credential; any other token is
 * checked against a freshly derived one (the credential may have changed), which then replaces it.
 */
const knownTokens = new Map<string, string>();

function sameToken(received: string, expected: string): boolean {
	const a = Buffer.from(received);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

async function tokenMatches(context: IWebhookFunctions, received: unknown): Promise<boolean> {
	if (typeof received !== 'string') return false;
	const node = context.getNode();
	const key = `${context.getWorkflow().id ?? ''}:${node.webhookId ?? node.id}:${JSON.stringify(node.credentials ?? {})}`;
	const known = knownTokens.get(key);
	if (known !== undefined && sameToken(received, known)) return true;
	const state = context.getWorkflowStaticData('node') as SubscriptionState;
	const expected = await verificationToken(context as RequestContext & IWebhookFunctions, state);
	knownTokens.set(key, expected);
	return sameToken(received, expected);
}

function answer(context: IWebhookFunctions, status: number): void {
	const response = context.getResponseObject();
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end();
}

/**
 * One request to the trigger's webhook. RingCentral allows 3 s for the answer and blacklists a
 * subscription whose deliveries keep failing, so the answer goes out first — after the token
 * check and the duplicate check, before messages are fetched or an execution starts. A delivery
 * of a notification this process already took (RingCentral repeats one it thinks was lost,
 * possibly while the first attempt is still running) is answered 200 and runs nothing.
 *
 * In production the execution is started by the trigger's running trigger function with n8n's
 * execution deduplication key (which holds across restarts); where that function does not run in
 * this process (a webhook process in queue mode), and for the editor's test events, n8n starts
 * the execution from the items returned here — on a worker too, where the node's execute()
 * passes them on.
 */
export async function receiveDelivery(context: IWebhookFunctions, trigger: string): Promise<IWebhookResponseData> {
	const headers = context.getHeaderData();
	const validationToken = headers['validation-token'];
	if (typeof validationToken === 'string') {
		// RingCentral's handshake: echo the header at once, with a response under 1,024 bytes.
		const response = context.getResponseObject();
		for (const name of response.getHeaderNames()) response.removeHeader(name);
		response.writeHead(200, { 'Validation-Token': validationToken, 'Content-Type': 'application/json' });
		response.end();
		return { noWebhookResponse: true };
	}
	if (!(await tokenMatches(context, headers['verification-token']))) {
		answer(context, 401);
		return { noWebhookResponse: true };
	}
	const envelope = context.getBodyData() as unknown as Envelope;
	const manual = context.getMode() === 'manual';
	const webhook = `${trigger}:${manual ? 'test' : 'production'}`;
	const fresh = typeof envelope?.uuid === 'string' && envelope.uuid !== '' && takeNotification(webhook, envelope.uuid);
	answer(context, 200);
	if (!fresh) return { noWebhookResponse: true };

	const items = await eventItems(context as RequestContext, envelope, itemSettings(context, trigger));
	const start = manual ? undefined : starterOf(trigger);
	if (!start) return { noWebhookResponse: true, workflowData: [items] };
	start(items, deduplicationKey(trigger, envelope.uuid));
	return { noWebhookResponse: true };
}

/**
 * The workflow's items for one notification. Never fails: RingCentral has its answer already, so
 * a message that cannot be read becomes an item with its id and the error, not a lost event.
 */
export async function eventItems(context: RequestContext, envelope: Envelope, settings: ItemSettings): Promise<INodeExecutionData[]> {
	const kind = kindOf(envelope.event);
	const body = envelope.body ?? {};
	if (kind === 'telephonySession' || kind === 'missedCall') {
		return telephonyItems(envelope, kind, settings.events.includes('missedCall')).map((json) => ({ json }));
	}
	const changes = kind === 'messageStore' && settings.fetchMessages ? changedMessages(envelope) : [];
	if (!changes.length) return [{ json: { ...body, ...envelopeFields(envelope, kind) } }];
	const mailbox = envelope.event.split('?')[0];
	const items: INodeExecutionData[] = [];
	for (const change of changes) {
		for (const message of await readMessages(context, mailbox, change.ids)) {
			items.push({ json: { ...message, ...envelopeFields(envelope, kind), changeType: change.type } });
		}
	}
	return items;
}

/** Reads new messages of a mailbox, 50 per request (RingCentral's batch read); a message that cannot be read yields its id and the error. */
async function readMessages(context: RequestContext, mailbox: string, ids: string[]): Promise<IDataObject[]> {
	try {
		const results = await ringCentralDirectBatch.call(context, ids, MESSAGE_BATCH, (joined) => `${mailbox}/${joined}`);
		return results.map(({ id, body, failure }) => (failure ? { id, error: (failure.body ?? {}) as IDataObject } : ((body ?? { id }) as IDataObject)));
	} catch (error) {
		return ids.map((id) => ({ id, error: { message: (error as Error).message } }));
	}
}
