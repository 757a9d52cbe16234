import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { splitList } from '../RingCentral/shared/lists';

/** The events a user picks; each becomes one or more RingCentral event filters. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Contact or Extension Change',
		value: 'extensionChange',
		description: 'An extension\'s info, the extension list, the company directory or the favorites changed',
	},
	{ name: 'Custom Event Filters', value: 'custom', description: 'RingCentral event filter strings of your own' },
	{ name: 'Inbound Fax', value: 'inboundFax', description: 'A fax arrived' },
	{ name: 'Inbound SMS', value: 'inboundSms', description: 'An SMS or MMS arrived (the message is in the event)' },
	{
		name: 'Message Store Change',
		value: 'messageStore',
		description: 'Messages were added or changed; the new messages are fetched and output one per item',
	},
	{ name: 'Missed Call', value: 'missedCall', description: 'A call was not answered' },
	{ name: 'Presence', value: 'presence', description: 'Presence of a user, of every user, or of call queue members changed' },
	{ name: 'Team Messaging Chat Change', value: 'teamChat', description: 'A chat or team was joined, left, renamed or changed' },
	{ name: 'Team Messaging Post', value: 'teamPost', description: 'A post was added, changed or removed' },
	{
		name: 'Telephony Session',
		value: 'telephonySession',
		description: 'Incoming or outgoing calls, one item per change of a call party\'s status',
	},
	{ name: 'Voicemail', value: 'voicemail', description: 'A voicemail arrived' },
];

export interface EventSettings {
	events: string[];
	extensionId: string;
	messageType: string;
	messageDirection: string;
	presenceLevel: string;
	callQueueId: string;
	detailedTelephony: boolean;
	sipData: boolean;
	callLevel: string;
	callDirection: string;
	changes: string[];
	customFilters: string;
}

const ACCOUNT = '/restapi/v1.0/account/~';

function query(params: Record<string, string | boolean | undefined>): string {
	const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '' && value !== 'any');
	return entries.length ? `?${entries.map(([key, value]) => `${key}=${value}`).join('&')}` : '';
}

/** The RingCentral event filters for the chosen events, sorted and without duplicates. */
export function eventFilters(settings: EventSettings): string[] {
	const extension = `${ACCOUNT}/extension/${settings.extensionId.trim() || '~'}`;
	const callOwner = settings.callLevel === 'account' ? ACCOUNT : extension;
	const presenceQuery = query({ detailedTelephonyState: settings.detailedTelephony || undefined, sipData: settings.sipData || undefined });
	const filters: string[] = [];
	for (const event of settings.events) {
		switch (event) {
			case 'inboundSms':
				filters.push(`${extension}/message-store/instant?type=SMS`);
				break;
			case 'messageStore':
				filters.push(`${extension}/message-store${query({ type: settings.messageType, direction: settings.messageDirection })}`);
				break;
			case 'voicemail':
				filters.push(`${extension}/voicemail`);
				break;
			case 'inboundFax':
				filters.push(`${extension}/fax?direction=Inbound`);
				break;
			case 'presence':
				if (settings.presenceLevel === 'account') filters.push(`${ACCOUNT}/presence${presenceQuery}`);
				else if (settings.presenceLevel === 'callQueue') filters.push(`${ACCOUNT}/call-queues/${settings.callQueueId.trim()}/presence`);
				else filters.push(`${extension}/presence${presenceQuery}`);
				break;
			case 'telephonySession':
				filters.push(`${callOwner}/telephony/sessions${query({ direction: settings.callDirection })}`);
				break;
			case 'missedCall':
				filters.push(`${callOwner}/telephony/sessions?missedCall=true`);
				break;
			case 'teamPost':
				filters.push('/team-messaging/v1/posts');
				break;
			case 'teamChat':
				filters.push('/team-messaging/v1/chats');
				break;
			case 'extensionChange':
				for (const change of settings.changes.length ? settings.changes : ['extension']) {
					if (change === 'extension') filters.push(extension);
					if (change === 'extensionList') filters.push(`${ACCOUNT}/extension`);
					if (change === 'directory') filters.push(`${ACCOUNT}/directory/entries`);
					if (change === 'favorites') filters.push(`${extension}/favorite`);
				}
				break;
			case 'custom':
				filters.push(...splitList(settings.customFilters));
				break;
		}
	}
	return [...new Set(filters)].sort();
}

/**
 * Whether the filters RingCentral holds are the ones wanted. RingCentral answers with `~` replaced
 * by numeric ids, so each wanted `~` matches any id segment.
 */
export function filtersMatch(wanted: string[], actual: string[]): boolean {
	if (wanted.length !== actual.length) return false;
	const patterns = wanted.map(
		(filter) =>
			new RegExp(
				`^${filter
					.split('~')
					.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
					.join('[^/?]+')}$`,
			),
	);
	return actual.every((filter) => patterns.some((pattern) => pattern.test(filter)));
}

/** What kind of notification an envelope's `event` (the subscription's concrete filter) is. */
export function kindOf(event: string): string {
	const path = event.split('?')[0];
	if (path.endsWith('/message-store/instant')) return 'inboundSms';
	if (path.endsWith('/message-store')) return 'messageStore';
	if (path.endsWith('/voicemail')) return 'voicemail';
	if (path.endsWith('/fax')) return 'inboundFax';
	if (/\/presence$/.test(path)) return 'presence';
	if (path.endsWith('/telephony/sessions')) return /[?&]missedCall=true/.test(event) ? 'missedCall' : 'telephonySession';
	if (path === '/team-messaging/v1/posts') return 'teamPost';
	if (path === '/team-messaging/v1/chats' || path === '/team-messaging/v1/groups') return 'teamChat';
	if (/\/extension(\/[^/]+)?$|\/directory\/entries$|\/favorite$/.test(path)) return 'extensionChange';
	return 'custom';
}

export interface Envelope {
	uuid: string;
	event: string;
	timestamp: string;
	subscriptionId: string;
	ownerId: string;
	body: IDataObject;
}

/**
 * The fields of the envelope every item carries. `triggerEvent` is which of the trigger's events
 * this is; `eventType` is RingCentral's own (PostAdded, GroupRenamed, Update …) where the body has
 * one, else the trigger's event as well.
 */
export function envelopeFields(envelope: Envelope, triggerEvent: string): IDataObject {
	const own = envelope.body?.eventType;
	return {
		triggerEvent,
		eventType: typeof own === 'string' && own ? own : triggerEvent,
		uuid: envelope.uuid,
		event: envelope.event,
		timestamp: envelope.timestamp,
		subscriptionId: envelope.subscriptionId,
		ownerId: envelope.ownerId,
	};
}

/**
 * One item per call party status change, with the party's fields at the top level. A party that
 * missed the call is labelled a missed call when those were asked for, whichever filter matched.
 */
export function telephonyItems(envelope: Envelope, eventType: string, missedCallsWanted = false): IDataObject[] {
	const { parties, ...session } = envelope.body as IDataObject & { parties?: IDataObject[] };
	return (parties ?? []).map((party) => {
		const status = (party.status ?? {}) as IDataObject;
		const labelled = missedCallsWanted && party.missedCall === true ? 'missedCall' : eventType;
		return {
			...session,
			...envelopeFields(envelope, labelled),
			partyId: party.id,
			extensionId: party.extensionId,
			accountId: party.accountId,
			direction: party.direction,
			from: party.from,
			to: party.to,
			statusCode: status.code,
			statusReason: status.reason,
			missedCall: party.missedCall,
			muted: party.muted,
			standAlone: party.standAlone,
			party,
		};
	});
}

/** The new message ids of a message-store change, with the mailbox they belong to. */
export function changedMessages(envelope: Envelope): Array<{ type: string; ids: string[] }> {
	const changes = ((envelope.body.changes as IDataObject[] | undefined) ?? []).map((change) => ({
		type: String(change.type ?? ''),
		ids: ((change.newMessageIds as unknown[] | undefined) ?? []).map(String),
	}));
	return changes.filter((change) => change.ids.length);
}
