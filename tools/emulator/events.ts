/**
 * Things that happen to a RingCentral account from outside — an SMS arrives, a call rings, someone
 * posts in a chat — as the control API injects them. Each updates the emulated state where the
 * state holds it and emits the notifications RingCentral would send, in its envelope bodies.
 */
import crypto from 'node:crypto';

import { injectInbound } from './areas/messaging';
import { presenceOf } from './areas/presence';
import type { PresenceReader } from './areas/presence';
import type { Emulator } from './server';
import { OUTSIDE_PARTIES, directNumberOf } from './telephony';
import type { ControlJson, RequestBody } from './types';

/** What the control API was sent for an event: arbitrary JSON, each injector reads its fields. */
type EventInput = RequestBody;

function extensionOf(emulator: Emulator, input: EventInput): string {
	const id = String(input.extensionId ?? emulator.state.ids.admin);
	if (!emulator.state.extensions.has(id)) throw new Error(`No extension ${id}`);
	return id;
}

const base = (emulator: Emulator, extensionId: string) =>
	`/restapi/v1.0/account/${emulator.state.accountId}/extension/${extensionId}`;

/** Messaging keeps the message store; inbound messages go through it so they can be fetched. */
function inboundMessage(emulator: Emulator, input: EventInput, type: string) {
	const extensionId = extensionOf(emulator, input);
	const message = injectInbound(emulator, { ...input, extensionId, type });
	return { extensionId, message };
}

const INJECTORS: Record<string, (emulator: Emulator, input: EventInput) => unknown> = {
	'inbound-sms': (emulator, input) => inboundMessage(emulator, input, 'SMS').message,

	voicemail(emulator, input) {
		const { extensionId, message } = inboundMessage(emulator, input, 'VoiceMail');
		emulator.emit(`${base(emulator, extensionId)}/voicemail`, message, extensionId);
		return message;
	},

	'inbound-fax'(emulator, input) {
		const { extensionId, message } = inboundMessage(emulator, input, 'Fax');
		emulator.emit(`${base(emulator, extensionId)}/fax`, message, extensionId);
		return message;
	},

	presence(emulator, input) {
		const extensionId = extensionOf(emulator, input);
		const state = emulator.state.presence.get(extensionId);
		if (!state) throw new Error(`Extension ${extensionId} has no presence`);
		const { extensionId: _ignored, ...changes } = input;
		Object.assign(state, changes);
		const ctx: PresenceReader = { state: emulator.state, baseUrl: emulator.url, auth: { extensionId } };
		const { uri: _uri, extension: _extension, ...full } = presenceOf(ctx, extensionId, { detailed: true, sipData: true });
		const body = { ...full, extensionId, sequence: ++emulator.presenceSequence };
		emulator.emit(`${base(emulator, extensionId)}/presence`, body, extensionId);
		for (const [queueId, queue] of emulator.state.callQueues) {
			if (queue.members.has(extensionId)) {
				emulator.emit(`/restapi/v1.0/account/${emulator.state.accountId}/call-queues/${queueId}/presence`, body, extensionId);
			}
		}
		return body;
	},

	/** A call and its telephony-session events: ringing, then answered and hung up, or missed. */
	call(emulator, input) {
		const extensionId = extensionOf(emulator, input);
		const name = emulator.state.extensions.get(extensionId)?.name;
		const direction = input.direction ?? 'Inbound';
		const outcome = input.outcome ?? 'answered';
		const sessionId = String(input.sessionId ?? 10_000_000_000 + Math.floor(Math.random() * 1e9));
		const telephonySessionId = `s-${crypto.randomBytes(12).toString('hex')}`;
		const own = { phoneNumber: directNumberOf(emulator.state, extensionId), name, extensionId };
		const caller = OUTSIDE_PARTIES.find((p) => p.phoneNumber === input.from) ?? OUTSIDE_PARTIES[0];
		const other = { phoneNumber: input.from ?? caller.phoneNumber, name: input.fromName ?? caller.name };
		const [from, to] = direction === 'Inbound' ? [other, own] : [own, other];
		const steps: Array<[code: string, reason?: string, missed?: boolean]> =
			outcome === 'missed'
				? [['Setup'], ['Proceeding'], ['Disconnected', 'NoAnswer', true]]
				: [['Setup'], ['Proceeding'], ['Answered'], ['Disconnected', 'CallFinished']];
		return steps.map(([code, reason, missed], index) => {
			const body = {
				sequence: index + 1,
				sessionId,
				telephonySessionId,
				serverId: '10.13.22.28.TAM',
				eventTime: new Date().toISOString(),
				parties: [
					{
						accountId: emulator.state.accountId,
						extensionId,
						id: `p-${telephonySessionId.slice(2)}-2`,
						direction,
						from,
						to,
						status: { code, ...(reason ? { reason } : {}), rcc: false },
						park: {},
						missedCall: Boolean(missed),
						standAlone: false,
						muted: false,
					},
				],
				origin: { type: 'Call' },
			};
			emulator.emit(`${base(emulator, extensionId)}/telephony/sessions`, body, extensionId);
			return body;
		});
	},

	'team-post'(emulator, input) {
		const now = new Date().toISOString();
		const body = {
			id: String(input.postId ?? Date.now()),
			groupId: String(input.chatId ?? '995723345922'),
			type: 'TextMessage',
			text: input.text ?? 'Hello, World!',
			creatorId: String(input.creatorId ?? emulator.state.ids.admin),
			addedPersonIds: null,
			creationTime: now,
			lastModifiedTime: now,
			attachments: null,
			activity: null,
			title: null,
			iconUri: null,
			iconEmoji: null,
			mentions: null,
			eventType: input.eventType ?? 'PostAdded',
		};
		emulator.emit('/team-messaging/v1/posts', body, String(input.ownerId ?? emulator.state.ids.admin));
		return body;
	},

	'team-chat'(emulator, input) {
		const now = new Date().toISOString();
		const body = {
			id: String(input.chatId ?? '995723345922'),
			type: input.type ?? 'Team',
			name: input.name ?? 'Support Team',
			members: input.members ?? [emulator.state.ids.admin],
			creationTime: now,
			lastModifiedTime: now,
			eventType: input.eventType ?? 'GroupRenamed',
		};
		emulator.emit('/team-messaging/v1/chats', body, String(input.ownerId ?? emulator.state.ids.admin));
		return body;
	},

	'extension-change'(emulator, input) {
		const extensionId = extensionOf(emulator, input);
		const eventType = input.eventType ?? 'Update';
		const info = { extensionId, ownerId: extensionId, eventType, hints: input.hints ?? ['ExtensionInfo'] };
		emulator.emit(base(emulator, extensionId), info, extensionId);
		emulator.emit(
			`/restapi/v1.0/account/${emulator.state.accountId}/extension`,
			{ extensions: [{ extensionId, eventType }] },
			String(emulator.state.ids.admin),
		);
		emulator.emit(
			`/restapi/v1.0/account/${emulator.state.accountId}/directory/entries`,
			{ accountId: emulator.state.accountId, entries: [{ id: extensionId, eventType }] },
			String(emulator.state.ids.admin),
		);
		return info;
	},

	custom(emulator, input) {
		return emulator.emit(input.event, input.body, String(input.ownerId ?? emulator.state.ids.admin));
	},
};

/** Makes an outside event happen: `kind` is one of EVENT_KINDS. */
export function inject(emulator: Emulator, kind: string, input?: EventInput): ControlJson {
	const injector = INJECTORS[kind];
	if (!injector) throw new Error(`Unknown event kind "${kind}"; use one of ${Object.keys(INJECTORS).join(', ')}`);
	return injector(emulator, input ?? {});
}

export const EVENT_KINDS = Object.keys(INJECTORS);
