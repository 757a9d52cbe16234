/**
 * Messaging: every user's message store (SMS, Pager, Fax and VoiceMail records with real
 * attachment bytes), sending SMS, pager messages and faxes (multipart with a JSON part), read
 * status, delete/purge (one id, 50-id batches, by conversation), attachment content on the media
 * path, fax cover pages and message sync with tokens. Sent messages reach the mailbox of a
 * colleague they are addressed to, and raise the message-store events the trigger listens for.
 */
import { RcError, errors } from '../errors';
import { type BatchPart, idList, multipartMixed, pageOf } from '../http-util';
import { mediaAnswer, pdf, wav } from '../media';
import type { Emulator } from '../server';
import type { State } from '../state';
import * as telephony from '../telephony';
import type { EmulatorContext, HandlerContext, HandlerResult, Route } from '../types';
import { accountOf, assertMayEdit, dateQuery, extensionOf, flag, listOf, withEmulator } from './common';

type Ctx = EmulatorContext;

/** A sender or recipient: a phone number (with what is known about it) or a company extension (pager). */
interface MessageParty {
	phoneNumber?: string;
	name?: string;
	location?: string;
	extensionNumber?: string;
	extensionId?: string;
	/** a fax recipient's delivery status */
	messageStatus?: string;
}

/** A file as a message is stored with it. */
interface MessageFile {
	type: string;
	contentType: string;
	fileName: string;
	data: Buffer;
	vmDuration?: number;
}

interface Attachment {
	id: number;
	type: string;
	contentType: string;
	fileName: string;
	size: number;
	vmDuration?: number;
}

/** The fields of a message that differ by type and direction: what `MessageStore.add` takes besides text and files. */
interface MessageFields {
	type: string;
	direction: string;
	from: MessageParty;
	to: MessageParty[];
	creationTime: string;
	readStatus: string;
	messageStatus: string;
	vmTranscriptionStatus?: string;
	faxResolution?: string;
	faxPageCount?: number;
	coverIndex?: number;
	coverPageText?: string;
	smsSendingAttemptsCount?: number;
	segmentCount?: number;
	smsDeliveryTime?: string;
	pgToDepartment?: boolean;
}

/** A stored message: the API record plus its owner and its place in the sync sequence. */
interface Message extends MessageFields {
	id: number;
	extensionId: string;
	availability: string;
	priority: string;
	lastModifiedTime: string;
	subject?: string;
	attachments: Attachment[];
	seq: number;
	conversationId?: number;
}

/** What a seeded mailbox entry says, by kind. */
interface SeedDetails {
	party?: number;
	text?: string;
	read?: boolean;
	seconds?: number;
	transcript?: string;
	lines?: string[];
}

type SeedKind = 'sms-in' | 'sms-out' | 'voicemail' | 'fax-in' | 'fax-out' | 'pager-in';

/** POST …/sms (spec: CreateSMSMessage). */
interface SmsRequest {
	from?: { phoneNumber?: unknown };
	to?: Array<{ phoneNumber?: unknown }>;
	text?: string;
}

/** An extension as a pager request names it. */
interface PagerParty {
	extensionId?: string;
	extensionNumber?: string;
}

/** POST …/company-pager (spec: CreateInternalTextMessageRequest). */
interface PagerRequest {
	from?: PagerParty;
	to?: PagerParty[];
	replyOn?: number;
	text?: string;
}

/** The JSON part of POST …/fax (spec: FaxRequestBody); plain `to` fields are read from the parts. */
interface FaxRequest {
	to?: Array<{ phoneNumber?: unknown; name?: string }>;
	faxResolution?: string;
	coverIndex?: number | string;
	coverPageText?: string;
}

const BATCH_LIMIT = 50;
const MAX_SMS_LENGTH = 1000;
const MAX_FAX_BYTES = 50 * 1024 * 1024;
const DAY_MS = 24 * 3600_000;
const STORE = '/restapi/v1.0/account/{accountId}/extension/{extensionId}/message-store';
const FAX_TYPES: readonly string[] = [
	'application/pdf',
	'image/tiff',
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/bmp',
	'text/plain',
	'text/html',
	'application/rtf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** Fax cover page templates of the en-US locale (index 0 means no cover page). */
const COVER_PAGES = [
	'None', 'Ancient', 'Birthday', 'Blank', 'Clasmod', 'Classic', 'Confidential',
	'Contempo', 'Elegant', 'Express', 'Formal', 'Jazzy', 'Modern', 'Urgent',
];

/**
 * What every user finds in their mailbox, newest first: [minutes ago, kind, details]. Four fall
 * within RingCentral's default 24-hour window.
 */
const SEEDED_MAILBOX: Array<[minutesAgo: number, kind: SeedKind, details: SeedDetails]> = [
	[18, 'sms-in', { party: 0, text: 'Hi, is my order #4821 ready for pickup?' }],
	[12, 'sms-out', { party: 0, text: 'Yes, it is at the front desk until 6 pm.' }],
	[190, 'sms-in', { party: 1, text: 'Please call me back about invoice 2207.', read: false }],
	[365, 'voicemail', { party: 2, seconds: 2, transcript: 'Hi, this is Marcus. Call me back when you get a chance.' }],
	[26 * 60, 'fax-in', { lines: ['Purchase order 7731', 'Qty 12 - Headsets, model HX-200', 'Deliver to: Acme Demo Co, Receiving'] }],
	[2 * 24 * 60, 'pager-in', { text: 'Standup moved to 10:30.' }],
	[3 * 24 * 60, 'sms-out', { party: 2, text: 'Thanks for your time today.' }],
	[5 * 24 * 60, 'voicemail', { party: 3, seconds: 1, transcript: 'Calling about the renewal quote.', read: true }],
	[8 * 24 * 60, 'sms-in', { party: 4, text: 'Got the package, thanks!', read: true }],
	[9 * 24 * 60, 'fax-out', { lines: ['Signed agreement', 'Acme Demo Co / Shah & Partners'] }],
];

class MessageStore {
	readonly emulator: Emulator;
	readonly state: State;
	readonly createdAt = Math.floor(Date.now() / 1000) * 1000;
	seq = 0;
	nextMessageId = 8_930_983_240;
	nextAttachmentId = 9_839_074_435;
	/** extension id → message id → record */
	readonly mailboxes = new Map<string, Map<number, Message>>();
	/** purged messages, for incremental sync */
	readonly purged = new Map<string, Map<number, { id: number; availability: string; seq: number }>>();
	/** attachment id → its bytes */
	readonly content = new Map<number, { data: Buffer; contentType: string; fileName: string }>();

	constructor(emulator: Emulator) {
		this.emulator = emulator;
		this.state = emulator.state;
	}

	/** The mailbox of an extension, seeded on first use. */
	mailbox(extensionId: string): Map<number, Message> {
		let box = this.mailboxes.get(extensionId);
		if (!box) {
			box = new Map();
			this.mailboxes.set(extensionId, box);
			if (this.state.isUser(extensionId)) this.seed(extensionId);
		}
		return box;
	}

	/** Every user's usual mailbox; the first user's gets `mailboxSize` more SMS when asked for. */
	seed(extensionId: string): void {
		const entries = [...SEEDED_MAILBOX].sort((a, b) => b[0] - a[0]);
		for (const [minutesAgo, kind, details] of entries) {
			this.seedEntry(extensionId, minutesAgo, kind, details);
		}
		if (extensionId === this.state.ids.admin) this.fill(extensionId, Number(this.emulator.options.mailboxSize ?? 0));
	}

	/**
	 * `count` more SMS, spread over the last 30 days, oldest first (a large mailbox for paging:
	 * emulator option mailboxSize, control API POST /__emulator/messages/fill).
	 */
	fill(extensionId: string, count: number): number {
		const parties = telephony.OUTSIDE_PARTIES.length;
		for (let i = count - 1; i >= 0; i--) {
			const minutesAgo = Math.floor(((i + 1) * 30 * 24 * 60) / (count + 1));
			const details = { party: i % parties, text: `Message ${i + 1} of ${count}`, read: i % 4 !== 0 };
			this.seedEntry(extensionId, minutesAgo, i % 3 ? 'sms-in' : 'sms-out', details);
		}
		return count;
	}

	/** One seeded message. */
	seedEntry(extensionId: string, minutesAgo: number, kind: SeedKind, details: SeedDetails): void {
		const own = telephony.directNumberOfUser(this.state, extensionId);
		const colleague = this.state.users.find((id) => id !== extensionId);
		const at = new Date(this.createdAt - minutesAgo * 60_000).toISOString();
		const party = telephony.OUTSIDE_PARTIES[details.party ?? 0];
		if (kind === 'sms-in' || kind === 'sms-out') {
			const inbound = kind === 'sms-in';
			this.add(extensionId, {
				type: 'SMS',
				direction: inbound ? 'Inbound' : 'Outbound',
				from: inbound ? { ...party } : telephony.partyOf(this.state, own),
				to: [inbound ? telephony.partyOf(this.state, own) : { ...party }],
				text: details.text,
				creationTime: at,
				readStatus: inbound && !details.read ? 'Unread' : 'Read',
				messageStatus: inbound ? 'Received' : 'Delivered',
			});
		} else if (kind === 'voicemail') {
			const audio = wav({ seconds: details.seconds, frequency: 300 + 40 * (details.party ?? 0) });
			this.add(extensionId, {
				type: 'VoiceMail',
				direction: 'Inbound',
				from: { ...party },
				to: [telephony.partyOf(this.state, own)],
				creationTime: at,
				readStatus: details.read ? 'Read' : 'Unread',
				messageStatus: 'Received',
				vmTranscriptionStatus: 'Completed',
				files: [
					{ type: 'AudioRecording', contentType: 'audio/wav', fileName: 'voicemail.wav', data: audio, vmDuration: details.seconds },
					{ type: 'AudioTranscription', contentType: 'text/plain', fileName: 'transcription.txt', data: Buffer.from(details.transcript ?? '') },
				],
			});
		} else if (kind === 'fax-in' || kind === 'fax-out') {
			const inbound = kind === 'fax-in';
			this.add(extensionId, {
				type: 'Fax',
				direction: inbound ? 'Inbound' : 'Outbound',
				from: inbound ? { ...telephony.OUTSIDE_FAX } : telephony.partyOf(this.state, own),
				to: [inbound ? telephony.partyOf(this.state, own) : { ...telephony.OUTSIDE_FAX, messageStatus: 'Sent' }],
				creationTime: at,
				readStatus: 'Read',
				messageStatus: inbound ? 'Received' : 'Sent',
				faxResolution: 'High',
				faxPageCount: 1,
				files: [{ type: 'RenderedDocument', contentType: 'application/pdf', fileName: 'fax.pdf', data: pdf(details.lines ?? []) }],
			});
		} else if (kind === 'pager-in' && colleague) {
			this.add(extensionId, {
				type: 'Pager',
				direction: 'Inbound',
				from: extensionParty(this.state, colleague),
				to: [extensionParty(this.state, extensionId)],
				text: details.text,
				creationTime: at,
				readStatus: 'Unread',
				messageStatus: 'Received',
			});
		}
	}

	/**
	 * Stores a new message: attachments get ids and bytes, SMS and pager text becomes a Text
	 * attachment as RingCentral does.
	 */
	add(extensionId: string, message: MessageFields & { text?: string; files?: MessageFile[] }): Message {
		const { files = [], text, ...fields } = message;
		const allFiles = text === undefined ? files : [{ type: 'Text', contentType: 'text/plain', fileName: 'message.txt', data: Buffer.from(text) }, ...files];
		const record: Message = {
			id: this.nextMessageId++,
			extensionId,
			availability: 'Alive',
			priority: 'Normal',
			lastModifiedTime: fields.creationTime,
			...fields,
			...(text !== undefined ? { subject: text } : {}),
			attachments: allFiles.map((file: MessageFile): Attachment => {
				const id = this.nextAttachmentId++;
				this.content.set(id, { data: file.data, contentType: file.contentType, fileName: file.fileName });
				return {
					id,
					type: file.type,
					contentType: file.contentType,
					fileName: file.fileName,
					size: file.data.length,
					...(file.vmDuration !== undefined ? { vmDuration: file.vmDuration } : {}),
				};
			}),
			seq: ++this.seq,
		};
		if (['SMS', 'Pager'].includes(record.type)) {
			const numbers = [record.from, ...record.to].map((p) => p.phoneNumber ?? `ext:${p.extensionId}`);
			record.conversationId = telephony.conversationIdOf(numbers);
		}
		this.mailbox(extensionId).set(record.id, record);
		return record;
	}

	touch(record: Message): void {
		record.lastModifiedTime = new Date().toISOString();
		record.seq = ++this.seq;
	}

	/** Sending advances on the next read: an SMS is delivered, a fax is sent. */
	advance(record: Message): Message {
		if (record.messageStatus !== 'Queued') return record;
		if (record.type === 'SMS') {
			record.messageStatus = 'Delivered';
			record.smsDeliveryTime = new Date().toISOString();
		} else {
			record.messageStatus = 'Sent';
			for (const to of record.to) to.messageStatus = 'Sent';
		}
		this.touch(record);
		return record;
	}

	/** Removes a message for good, remembering it for incremental sync. */
	purge(record: Message): void {
		this.mailbox(record.extensionId).delete(record.id);
		for (const attachment of record.attachments) this.content.delete(attachment.id);
		if (!this.purged.has(record.extensionId)) this.purged.set(record.extensionId, new Map());
		this.purged.get(record.extensionId)?.set(record.id, { id: record.id, availability: 'Purged', seq: ++this.seq });
	}

	/** First delete moves to Deleted, the second (or purge=true) purges. */
	remove(record: Message, purge: boolean): void {
		if (purge || record.availability === 'Deleted') {
			this.purge(record);
			return;
		}
		record.availability = 'Deleted';
		this.touch(record);
	}
}

export function messageStoreOf(emulator: Emulator): MessageStore {
	return emulator.areaState('messaging', () => new MessageStore(emulator));
}

function extensionParty(state: State, extensionId: string): MessageParty {
	const extension = state.extensions.get(extensionId);
	return { extensionId, extensionNumber: extension?.extensionNumber, name: extension?.name };
}

function storeUri(ctx: Pick<HandlerContext, 'baseUrl' | 'state'>, extensionId: string): string {
	return `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/message-store`;
}

/** A record as the API answers it. */
function resource(ctx: Pick<HandlerContext, 'baseUrl' | 'state'>, record: Message, options: { single?: boolean; fax?: boolean } = {}) {
	const { seq, extensionId, ...fields } = record;
	const uri = `${storeUri(ctx, extensionId)}/${record.id}`;
	return {
		uri,
		...fields,
		// The fax-send answer has no extensionId.
		...(options.fax ? {} : { extensionId }),
		attachments: record.attachments.map((a) => {
			const { fileName, ...rest } = a;
			// The fax-send answer names it `filename`, message-store records `fileName`.
			return { ...rest, uri: `${uri}/content/${a.id}`, ...(options.fax ? { filename: fileName } : { fileName }) };
		}),
		...(record.conversationId ? { conversation: { id: String(record.conversationId), uri: `${ctx.baseUrl}/restapi/v1.0/conversation/${record.conversationId}` } } : {}),
		// The spec requires vmSideRecipients (at least one) on single-message reads: the mailbox owner.
		...(options.single ? { vmSideRecipients: [extensionParty(ctx.state, extensionId)] } : {}),
	};
}

/** The mailbox the path names, which only its owner (or an administrator) may open. */
function mailboxOf(ctx: Ctx) {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	const store = messageStoreOf(ctx.emulator);
	return { store, extensionId, box: store.mailbox(extensionId) };
}

/** Messages are sent only as the signed-in extension. */
function senderOf(ctx: Ctx): string {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	if (extensionId !== ctx.auth.extensionId) {
		throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
	}
	if (!ctx.state.isUser(extensionId)) {
		throw new RcError(403, 'CMN-109', 'Feature not available for this extension type', { legacyCode: 'FeatureNotAvailable' });
	}
	return extensionId;
}

/** The message-store change event of a mailbox. */
function announce(emulator: Emulator, extensionId: string, record: Message): void {
	const base = `/restapi/v1.0/account/${emulator.state.accountId}/extension/${extensionId}/message-store`;
	emulator.emit(
		base,
		{
			accountId: Number(emulator.state.accountId),
			extensionId: Number(extensionId),
			lastUpdated: record.lastModifiedTime,
			changes: [{ type: record.type, newCount: 1, updatedCount: 0, newMessageIds: [record.id] }],
		},
		extensionId,
	);
}

// ——— sending ———

function sendSms(ctx: Ctx): HandlerResult {
	const extensionId = senderOf(ctx);
	const store = messageStoreOf(ctx.emulator);
	const body = (ctx.body as SmsRequest | undefined) ?? {};
	const from = telephony.assertE164(body.from?.phoneNumber, 'from.phoneNumber');
	if (!telephony.numbersOf(ctx.state, extensionId).some((number) => number.phoneNumber === from && number.features.includes('SmsSender'))) {
		throw new RcError(403, 'MSG-304', `Phone number [${from}] does not belong to the extension or is not enabled for SMS`, {
			legacyCode: 'FeatureNotAvailable',
			parameterName: 'from.phoneNumber',
		});
	}
	const recipients = listOf(body.to);
	if (!recipients.length) throw errors.invalidParameter('to', 'At least one recipient is required.');
	const to = recipients.map((r, i) => telephony.assertE164(r?.phoneNumber, `to[${i}].phoneNumber`));
	const text = String(body.text ?? '');
	if (!text.trim()) throw errors.invalidParameter('text', 'The message text is empty.');
	if (text.length > MAX_SMS_LENGTH) {
		throw new RcError(400, 'MSG-338', `Message text exceeds ${MAX_SMS_LENGTH} characters`, { parameterName: 'text' });
	}
	const now = new Date().toISOString();
	const record = store.add(extensionId, {
		type: 'SMS',
		direction: 'Outbound',
		from: telephony.partyOf(ctx.state, from),
		to: to.map((n) => telephony.partyOf(ctx.state, n)),
		text,
		creationTime: now,
		readStatus: 'Read',
		messageStatus: 'Queued',
		smsSendingAttemptsCount: 1,
		segmentCount: Math.max(1, Math.ceil(text.length / 160)),
	});
	announce(ctx.emulator, extensionId, record);
	for (const number of to) {
		const colleague = telephony.userByNumber(ctx.state, number);
		if (!colleague) continue;
		const inbound = store.add(colleague, {
			type: 'SMS',
			direction: 'Inbound',
			from: telephony.partyOf(ctx.state, from),
			to: [telephony.partyOf(ctx.state, number)],
			text,
			creationTime: now,
			readStatus: 'Unread',
			messageStatus: 'Received',
		});
		announce(ctx.emulator, colleague, inbound);
		ctx.emulator.emit(
			`/restapi/v1.0/account/${ctx.state.accountId}/extension/${colleague}/message-store/instant?type=SMS`,
			{ ...resource(ctx, inbound), ownerId: colleague },
			colleague,
		);
	}
	return { body: resource(ctx, record) };
}

function pagerTarget(ctx: Ctx, target: PagerParty | undefined, parameterName: string): string {
	const byId = target?.extensionId !== undefined ? String(target.extensionId) : undefined;
	const byNumber = target?.extensionNumber !== undefined ? String(target.extensionNumber) : undefined;
	if (!byId && !byNumber) throw errors.invalidParameter(parameterName, 'Give an extensionNumber or extensionId.');
	const id = byId ?? [...ctx.state.extensions.values()].find((e) => e.extensionNumber === byNumber)?.id;
	if (!id || !ctx.state.extensions.has(id)) {
		throw errors.notFound(`${parameterName}.${byId ? 'extensionId' : 'extensionNumber'}`);
	}
	return id;
}

function sendPager(ctx: Ctx): HandlerResult {
	const extensionId = senderOf(ctx);
	const store = messageStoreOf(ctx.emulator);
	const body = (ctx.body as PagerRequest | undefined) ?? {};
	if (body.from && pagerTarget(ctx, body.from, 'from') !== extensionId) {
		throw errors.invalidParameter('from', 'Pager messages are sent from the signed-in extension.');
	}
	let targets = listOf(body.to).map((t, i) => pagerTarget(ctx, t, `to[${i}]`));
	if (body.replyOn !== undefined) {
		const original = store.mailbox(extensionId).get(Number(body.replyOn));
		if (!original || original.type !== 'Pager') throw errors.notFound('replyOn');
		const author = original.from.extensionId;
		if (!targets.length && author !== undefined) targets = [author];
	}
	if (!targets.length) throw errors.invalidParameter('to', 'Give recipients or the message to reply on.');
	const text = String(body.text ?? '');
	if (!text.trim()) throw errors.invalidParameter('text', 'The message text is empty.');
	if (text.length > 1024) throw new RcError(400, 'MSG-338', 'Message text exceeds 1024 characters', { parameterName: 'text' });
	const now = new Date().toISOString();
	const to = targets.map((id) => extensionParty(ctx.state, id));
	const toDepartment = targets.some((id) => ctx.state.extensions.get(id)?.type === 'Department');
	const record = store.add(extensionId, {
		type: 'Pager',
		direction: 'Outbound',
		from: extensionParty(ctx.state, extensionId),
		to,
		text,
		creationTime: now,
		readStatus: 'Read',
		messageStatus: 'Sent',
		pgToDepartment: toDepartment,
	});
	announce(ctx.emulator, extensionId, record);
	// A call queue passes the message on to its members.
	const readers = new Set(
		targets.flatMap((id) => {
			const queue = ctx.state.callQueues.get(id);
			return queue ? [...queue.members.keys()] : [id];
		}),
	);
	for (const reader of readers) {
		if (reader === extensionId || !ctx.state.isUser(reader)) continue;
		const inbound = store.add(reader, {
			type: 'Pager',
			direction: 'Inbound',
			from: extensionParty(ctx.state, extensionId),
			to,
			text,
			creationTime: now,
			readStatus: 'Unread',
			messageStatus: 'Received',
			pgToDepartment: toDepartment,
		});
		announce(ctx.emulator, reader, inbound);
	}
	return { body: resource(ctx, record) };
}

/** PDF page count (Type /Page objects), 1 for other documents. */
function pagesOf(file: { contentType: string; data: Buffer }): number {
	if (file.contentType !== 'application/pdf') return 1;
	return Math.max(1, (file.data.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length);
}

function sendFax(ctx: Ctx): HandlerResult {
	const extensionId = senderOf(ctx);
	const store = messageStoreOf(ctx.emulator);
	if (!ctx.parts) {
		throw errors.invalidParameter('Content-Type', 'Sending a fax needs a multipart body with the attachments.');
	}
	const body = (ctx.body as FaxRequest | undefined) ?? {};
	// Form (c)/(b): a JSON part; form (a): plain `to` fields with bare numbers.
	const recipients = listOf(body.to).length
		? listOf(body.to)
		: ctx.parts.filter((p) => p.name === 'to' && !p.json).map((p) => ({ phoneNumber: p.data.toString('utf8').trim() }));
	if (!recipients.length) throw errors.invalidParameter('to', 'At least one recipient is required.');
	const to = recipients.map((r: { phoneNumber?: unknown; name?: string }, i) => ({
		...telephony.partyOf(ctx.state, telephony.assertE164(r?.phoneNumber, `to[${i}].phoneNumber`)),
		...(r.name ? { name: r.name } : {}),
		messageStatus: 'Queued',
	}));
	const files = ctx.parts
		.filter((p) => !p.json && p.name !== 'to' && (p.fileName !== undefined || /^attachments?$/.test(p.name ?? '')))
		.map((p, i) => ({ contentType: p.contentType.split(';')[0].trim().toLowerCase(), data: p.data, fileName: p.fileName || `attachment-${i + 1}` }));
	if (!files.length) throw errors.invalidParameter('attachment', 'At least one attachment is required.');
	for (const file of files) {
		if (!FAX_TYPES.includes(file.contentType)) {
			throw new RcError(415, 'MSG-348', `Unsupported attachment media type [${file.contentType}] of [${file.fileName}]`, {
				parameterName: 'attachment',
			});
		}
		if (!file.data.length) throw new RcError(400, 'MSG-337', `Attachment [${file.fileName}] is empty`, { parameterName: 'attachment' });
	}
	if (files.reduce((sum, f) => sum + f.data.length, 0) > MAX_FAX_BYTES) {
		throw new RcError(400, 'MSG-337', 'Fax attachments exceed 50 MB', { parameterName: 'attachment' });
	}
	const coverIndex = body.coverIndex === undefined ? undefined : Number(body.coverIndex);
	if (coverIndex !== undefined && !(Number.isInteger(coverIndex) && coverIndex >= 0 && coverIndex < COVER_PAGES.length)) {
		throw errors.invalidParameter('coverIndex', `Cover pages are 0 (none) to ${COVER_PAGES.length - 1}.`);
	}
	const record = store.add(extensionId, {
		type: 'Fax',
		direction: 'Outbound',
		from: telephony.partyOf(ctx.state, telephony.directNumberOfUser(ctx.state, extensionId)),
		to,
		creationTime: new Date().toISOString(),
		readStatus: 'Read',
		messageStatus: 'Queued',
		faxResolution: body.faxResolution ?? 'Low',
		faxPageCount: files.reduce((sum, f) => sum + pagesOf(f), 0) + (coverIndex === 0 ? 0 : 1),
		...(coverIndex !== undefined ? { coverIndex } : {}),
		...(body.coverPageText !== undefined ? { coverPageText: String(body.coverPageText) } : {}),
		// The emulator keeps the documents as sent; RingCentral renders them into one fax document.
		files: files.map((f) => ({ type: 'SourceDocument', ...f })),
	});
	announce(ctx.emulator, extensionId, record);
	return { body: resource(ctx, record, { fax: true }) };
}

// ——— message store ———

function listMessages(ctx: Ctx): HandlerResult {
	const { store, box } = mailboxOf(ctx);
	const dateTo = dateQuery(ctx, 'dateTo') ?? Date.now();
	const dateFrom = dateQuery(ctx, 'dateFrom') ?? dateTo - DAY_MS;
	const types = listOf(ctx.query.messageType);
	const directions = listOf(ctx.query.direction);
	const readStatuses = listOf(ctx.query.readStatus);
	const availability = listOf(ctx.query.availability);
	const digits = ctx.query.phoneNumber ? String(ctx.query.phoneNumber).replace(/\D/g, '') : undefined;
	let records = [...box.values()]
		.filter((m) => {
			const time = Date.parse(m.creationTime);
			if (time < dateFrom || time > dateTo) return false;
			if (types.length && !types.includes(m.type)) return false;
			if (directions.length && !directions.includes(m.direction)) return false;
			if (readStatuses.length && !readStatuses.includes(m.readStatus)) return false;
			if (!(availability.length ? availability : ['Alive']).includes(m.availability)) return false;
			if (ctx.query.conversationId !== undefined && String(m.conversationId) !== String(ctx.query.conversationId)) return false;
			if (digits && ![m.from, ...m.to].some((p) => String(p.phoneNumber ?? '').replace(/\D/g, '') === digits)) return false;
			return true;
		})
		.sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime) || b.id - a.id);
	if (flag(ctx.query.distinctConversations)) {
		const seen = new Set();
		records = records.filter((m) => {
			if (!m.conversationId) return true;
			if (seen.has(m.conversationId)) return false;
			seen.add(m.conversationId);
			return true;
		});
	}
	const page = pageOf(ctx, records, { defaultPerPage: 100, maxPerPage: 1000 });
	return { body: { ...page, records: page.records.map((m) => resource(ctx, store.advance(m))) } };
}

function batchIds(ctx: Ctx): string[] {
	const ids = idList(ctx.params.messageId);
	if (ids.length > BATCH_LIMIT) throw new RcError(400, 'CMN-106', `Batch request is limited to ${BATCH_LIMIT} entries`);
	return ids;
}

/** One id answers plainly; several answer 207 multipart/mixed, one part per id. */
function perId(ctx: Ctx, ids: string[], each: (id: string) => { status?: number; body?: unknown }): HandlerResult {
	if (ids.length === 1) {
		const answer = each(ids[0]);
		return { status: answer.status, body: answer.body };
	}
	const parts = ids.map((id): BatchPart => {
		const href = `${storeUri(ctx, extensionOf(ctx))}/${id}`;
		try {
			const answer = each(id);
			return { href, status: answer.status ?? 200, body: answer.body };
		} catch (error) {
			if (!(error instanceof RcError)) throw error;
			return { href, status: error.status, body: error.toBody() };
		}
	});
	if (parts.every((p) => p.status === 204)) return { status: 204 };
	return multipartMixed(parts);
}

function messageIn(box: Map<number, Message>, id: string): Message {
	const record = /^\d+$/.test(id) ? box.get(Number(id)) : undefined;
	if (!record) throw errors.notFound('messageId');
	return record;
}

function readMessage(ctx: Ctx): HandlerResult {
	const { store, box } = mailboxOf(ctx);
	const ids = batchIds(ctx);
	return perId(ctx, ids, (id) => ({ body: resource(ctx, store.advance(messageIn(box, id)), { single: ids.length === 1 }) }));
}

function updateMessage(ctx: Ctx): HandlerResult {
	const { store, box } = mailboxOf(ctx);
	// The spec requires readStatus (UpdateMessageRequest); the bulk request forms are not read.
	const { readStatus } = (ctx.body ?? {}) as { readStatus: string };
	return perId(ctx, batchIds(ctx), (id) => {
		const record = messageIn(box, id);
		if (record.readStatus !== readStatus) {
			record.readStatus = readStatus;
			store.touch(record);
		}
		return { body: resource(ctx, record) };
	});
}

function deleteMessage(ctx: Ctx): HandlerResult {
	const { store, box } = mailboxOf(ctx);
	const purge = flag(ctx.query.purge);
	return perId(ctx, batchIds(ctx), (id) => {
		store.remove(messageIn(box, id), purge);
		return { status: 204 };
	});
}

function deleteByFilter(ctx: Ctx): HandlerResult {
	const { store, box } = mailboxOf(ctx);
	const conversations = listOf(ctx.query.conversationId).map(String);
	if (conversations.length > BATCH_LIMIT) {
		throw new RcError(400, 'CMN-106', `Batch request is limited to ${BATCH_LIMIT} entries`, { parameterName: 'conversationId' });
	}
	const dateTo = dateQuery(ctx, 'dateTo') ?? Date.now();
	const type = ctx.query.type ?? 'All';
	const purge = flag(ctx.query.purge);
	for (const record of [...box.values()]) {
		if (Date.parse(record.creationTime) >= dateTo) continue;
		if (type !== 'All' && record.type !== type) continue;
		if (conversations.length && !conversations.includes(String(record.conversationId))) continue;
		store.remove(record, purge);
	}
	return { status: 204 };
}

function readContent(ctx: Ctx): HandlerResult {
	const { box } = mailboxOf(ctx);
	const record = messageIn(box, String(ctx.params.messageId));
	const attachmentId = Number(ctx.params.attachmentId);
	const attachment = record.attachments.find((a) => a.id === attachmentId);
	const content = attachment && messageStoreOf(ctx.emulator).content.get(attachmentId);
	if (!content) throw errors.notFound('attachmentId');
	return mediaAnswer(ctx, content);
}

// ——— sync ———

function syncTokenOf(extensionId: string, seq: number): string {
	return Buffer.from(`msync.${extensionId}.${seq}`).toString('base64url');
}

function readSyncToken(token: string): { extensionId: string; seq: number } | undefined {
	const match = /^msync\.(\d+)\.(\d+)$/.exec(Buffer.from(String(token), 'base64url').toString('utf8'));
	return match ? { extensionId: match[1], seq: Number(match[2]) } : undefined;
}

function syncMessages(ctx: Ctx): HandlerResult {
	const { store, extensionId, box } = mailboxOf(ctx);
	const syncType = ctx.query.syncType ?? 'FSync';
	const types = listOf(ctx.query.messageType);
	const directions = listOf(ctx.query.direction);
	const matches = (m: Message) =>
		(!types.length || types.includes(m.type)) &&
		(!directions.length || directions.includes(m.direction)) &&
		(ctx.query.conversationId === undefined || String(m.conversationId) === String(ctx.query.conversationId));
	let records;
	let olderRecordsExist = false;
	if (syncType === 'ISync') {
		if (!ctx.query.syncToken) throw errors.invalidParameter('syncToken', 'Incremental sync needs the syncToken of a previous sync.');
		const token = readSyncToken(String(ctx.query.syncToken));
		if (!token) throw errors.invalidParameter('syncToken');
		if (token.extensionId !== extensionId || token.seq > store.seq) {
			throw new RcError(400, 'MSG-333', 'Invalid message synchronisation request: full synchronization is required', {
				parameterName: 'syncToken',
			});
		}
		const changed = [...box.values()].filter((m) => m.seq > token.seq && matches(m)).map((m) => resource(ctx, m));
		const purged = [...(store.purged.get(extensionId)?.values() ?? [])]
			.filter((p) => p.seq > token.seq)
			.map((p) => ({ id: p.id, availability: 'Purged' }));
		records = [...changed, ...purged];
	} else {
		const dateTo = dateQuery(ctx, 'dateTo') ?? Date.now();
		const dateFrom = dateQuery(ctx, 'dateFrom') ?? dateTo - DAY_MS;
		let found = [...box.values()]
			.filter((m) => m.availability === 'Alive' && matches(m))
			.filter((m) => Date.parse(m.creationTime) >= dateFrom && Date.parse(m.creationTime) <= dateTo)
			.sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
		if (flag(ctx.query.distinctConversations)) {
			const seen = new Set();
			found = found.filter((m) => !m.conversationId || (!seen.has(m.conversationId) && seen.add(m.conversationId)));
		}
		const limit = ctx.query.recordCount === undefined ? Infinity : Number(ctx.query.recordCount);
		olderRecordsExist = found.length > limit;
		records = found.slice(0, limit).map((m) => resource(ctx, store.advance(m)));
	}
	return {
		body: {
			uri: `${ctx.baseUrl}${ctx.path}`,
			records,
			syncInfo: { syncType, syncToken: syncTokenOf(extensionId, store.seq), syncTime: new Date().toISOString(), olderRecordsExist },
		},
	};
}

function listCoverPages(ctx: Ctx): HandlerResult {
	const records = COVER_PAGES.map((name, id) => ({ id: String(id), name }));
	return { body: pageOf(ctx, records, { defaultPerPage: 100, maxPerPage: 1000 }) };
}

/** Control API: a message arriving from outside (SMS, voicemail or fax) for an extension. */
export function injectInbound(emulator: Emulator, input: { extensionId?: string; type?: string; from?: string; text?: string }) {
	const store = messageStoreOf(emulator);
	const extensionId = String(input.extensionId ?? emulator.state.ids.admin);
	if (!emulator.state.isUser(extensionId)) throw new Error(`No user extension ${extensionId}`);
	const type = input.type ?? 'SMS';
	const from = telephony.partyOf(emulator.state, input.from ?? telephony.OUTSIDE_PARTIES[0].phoneNumber);
	const to = [telephony.partyOf(emulator.state, telephony.directNumberOfUser(emulator.state, extensionId))];
	const now = new Date().toISOString();
	const common = { direction: 'Inbound', from, to, creationTime: now, readStatus: 'Unread', messageStatus: 'Received' };
	let record: Message;
	if (type === 'VoiceMail') {
		record = store.add(extensionId, {
			...common,
			type,
			vmTranscriptionStatus: 'Completed',
			files: [
				{ type: 'AudioRecording', contentType: 'audio/wav', fileName: 'voicemail.wav', data: wav({ seconds: 1 }), vmDuration: 1 },
				{ type: 'AudioTranscription', contentType: 'text/plain', fileName: 'transcription.txt', data: Buffer.from(input.text ?? '') },
			],
		});
	} else if (type === 'Fax') {
		record = store.add(extensionId, {
			...common,
			type,
			faxResolution: 'High',
			faxPageCount: 1,
			files: [{ type: 'RenderedDocument', contentType: 'application/pdf', fileName: 'fax.pdf', data: pdf([input.text ?? 'Incoming fax']) }],
		});
	} else {
		record = store.add(extensionId, { ...common, type: 'SMS', text: input.text ?? 'Hello' });
	}
	announce(emulator, extensionId, record);
	const body = resource({ baseUrl: emulator.url, state: emulator.state }, record);
	if (type === 'SMS') {
		emulator.emit(`/restapi/v1.0/account/${emulator.state.accountId}/extension/${extensionId}/message-store/instant?type=SMS`, { ...body, ownerId: extensionId }, extensionId);
	}
	return body;
}

export function routes(emulator: Emulator): Route[] {
	const extension = '/restapi/v1.0/account/{accountId}/extension/{extensionId}';
	return [
		{ method: 'POST', path: `${extension}/sms`, operationId: 'createSMSMessage', handler: withEmulator(emulator, sendSms) },
		{ method: 'POST', path: `${extension}/company-pager`, operationId: 'createInternalTextMessage', handler: withEmulator(emulator, sendPager) },
		{ method: 'POST', path: `${extension}/fax`, operationId: 'createFaxMessage', handler: withEmulator(emulator, sendFax) },
		{ method: 'GET', path: '/restapi/v1.0/dictionary/fax-cover-page', operationId: 'listFaxCoverPages', handler: withEmulator(emulator, listCoverPages) },
		{ method: 'GET', path: STORE, operationId: 'listMessages', handler: withEmulator(emulator, listMessages) },
		{ method: 'DELETE', path: STORE, operationId: 'deleteMessageByFilter', handler: withEmulator(emulator, deleteByFilter) },
		{ method: 'GET', path: `${STORE}/{messageId}`, operationId: 'readMessage', handler: withEmulator(emulator, readMessage) },
		{ method: 'PUT', path: `${STORE}/{messageId}`, operationId: 'updateMessage', handler: withEmulator(emulator, updateMessage) },
		{ method: 'DELETE', path: `${STORE}/{messageId}`, operationId: 'deleteMessage', handler: withEmulator(emulator, deleteMessage) },
		{ method: 'GET', path: `${STORE}/{messageId}/content/{attachmentId}`, operationId: 'readMessageContent', handler: withEmulator(emulator, readContent) },
		{ method: 'GET', path: `${extension}/message-sync`, operationId: 'syncMessages', handler: withEmulator(emulator, syncMessages) },
	];
}
