/**
 * Call log: a company call log of configurable size (emulator option `callLogSize`, default 300,
 * spread over the last 30 days, newest first) with user and company views, RingCentral's filters
 * and its default 24-hour window, Simple and Detailed views, record reads in batches of up to 50
 * ids, active calls (from presence and running RingOut calls), and call recordings whose audio
 * (WAV or MP3) is served on the media path.
 */
import crypto from 'node:crypto';

import { RcError, errors } from '../errors';
import { idList, multipartMixed, pageOf } from '../http-util';
import { mediaAnswer, mp3, wav } from '../media';
import type { Emulator } from '../server';
import * as telephony from '../telephony';
import type { EmulatorContext, HandlerResult, Route } from '../types';
import { accountOf, dateQuery, extensionOf, flag, listOf, withEmulator } from './common';

interface Recording {
	id: string;
	type: 'Automatic' | 'OnDemand';
	contentType: 'audio/mpeg' | 'audio/wav';
	duration: number;
	/** length of the generated audio */
	seconds: number;
	/** tone of the generated audio */
	frequency: number;
}

/** A call as the emulator keeps it: the API fields plus the owner and the recording it made. */
export interface CallRecord {
	id: string;
	sessionId: string;
	telephonySessionId?: string;
	partyId?: string;
	extensionId: string;
	startTime: string;
	duration: number;
	durationMs?: number;
	type: string;
	direction: string;
	action: string;
	result: string;
	reason?: string;
	internalType: string;
	transport: string;
	from: telephony.Party;
	to: telephony.Party;
	recording?: Recording;
}

/** A call in progress (a RingOut call ringing): it has no duration until it is read. */
export type RunningCall = Omit<CallRecord, 'duration' | 'durationMs' | 'recording'>;

const DEFAULT_SIZE = 300;
const SPAN_MINUTES = 30 * 24 * 60;
const DAY_MS = 24 * 3600_000;
const BATCH_LIMIT = 50;
const FIRST_SESSION_ID = 17_133_704_004;
const FIRST_RECORDING_ID = 51_062_004_016;

const digest = (seed: string) => crypto.createHash('sha256').update(seed).digest();

class CallLog {
	readonly state: Emulator['state'];
	readonly createdAt = Math.floor(Date.now() / 1000) * 1000;
	/** extension id → active call id → call */
	readonly active = new Map<string, Map<string, RunningCall>>();
	/** newest first */
	records: CallRecord[] = [];
	readonly byId = new Map<string, CallRecord>();
	/** recording id → recording */
	readonly recordings = new Map<string, Recording>();

	constructor(emulator: Emulator) {
		this.state = emulator.state;
		this.generate(Number(emulator.options.callLogSize ?? DEFAULT_SIZE));
	}

	/** Builds `size` records, newest first; half belong to the first user (the administrator). */
	generate(size: number): void {
		this.records = [];
		this.byId.clear();
		this.recordings.clear();
		const users = this.state.users;
		for (let k = 0; k < size; k++) {
			const owner = k % 2 === 0 || users.length === 1 ? users[0] : users[1 + ((k >> 1) % (users.length - 1))];
			const minutesAgo = 5 + Math.floor((k * (SPAN_MINUTES - 10)) / Math.max(1, size));
			this.index(this.generated(k, owner, new Date(this.createdAt - minutesAgo * 60_000)));
		}
		this.records.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
	}

	/** A call that just ended (RingOut) joins the log, newest first. */
	add(record: CallRecord): CallRecord {
		this.index(record);
		this.records.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
		return record;
	}

	index(record: CallRecord): CallRecord {
		this.records.push(record);
		this.byId.set(record.id, record);
		if (record.recording) this.recordings.set(record.recording.id, record.recording);
		return record;
	}

	/** One deterministic record. */
	generated(k: number, owner: string, start: Date): CallRecord {
		const hash = digest(`call-log:${k}`);
		const own = telephony.partyOf(this.state, telephony.directNumberOfUser(this.state, owner));
		const outside = telephony.OUTSIDE_PARTIES[hash[0] % telephony.OUTSIDE_PARTIES.length];
		const fax = k % 25 === 24;
		const inbound = hash[1] % 2 === 0;
		const roll = hash[2] % 20;
		let outcome: { result: string; reason?: string; action: string };
		if (fax) outcome = inbound ? { result: 'Received', action: 'Incoming Fax' } : { result: 'Sent', action: 'Outgoing Fax' };
		else if (inbound) {
			outcome =
				roll < 14
					? { result: 'Accepted', reason: 'Accepted', action: 'Phone Call' }
					: roll < 17
						? { result: 'Missed', reason: 'Not Answered', action: 'Phone Call' }
						: { result: 'Voicemail', reason: 'Not Answered', action: 'Phone Call' };
		} else {
			outcome =
				roll < 16
					? { result: 'Call connected', reason: 'Connected', action: roll % 4 === 0 ? 'RingOut Web' : 'VoIP Call' }
					: roll < 18
						? { result: 'No Answer', reason: 'Not Answered', action: 'VoIP Call' }
						: { result: 'Busy', reason: 'Line Busy', action: 'VoIP Call' };
		}
		const talked = ['Accepted', 'Call connected'].includes(outcome.result);
		const duration = fax ? 40 + (hash[3] % 80) : talked ? 30 + hash.readUInt16BE(4) % 870 : outcome.result === 'Voicemail' ? 20 + (hash[3] % 25) : 0;
		const recorded = talked && k % 4 === 0;
		const recordingId = String(FIRST_RECORDING_ID + k);
		const recording: Recording | undefined = recorded
			? {
					id: recordingId,
					type: k % 8 === 0 ? 'OnDemand' : 'Automatic',
					contentType: k % 3 === 0 ? 'audio/mpeg' : 'audio/wav',
					duration,
					seconds: 1 + (k % 2),
					frequency: 350 + (k % 7) * 50,
				}
			: undefined;
		return {
			id: hash.toString('base64url').slice(0, 14),
			sessionId: String(FIRST_SESSION_ID + k * 1013),
			telephonySessionId: `s-${hash.toString('hex').slice(8, 40)}`,
			partyId: `p-${hash.toString('hex').slice(8, 40)}-1`,
			extensionId: owner,
			startTime: start.toISOString(),
			duration,
			durationMs: duration * 1000 + (hash[6] % 1000),
			type: fax ? 'Fax' : 'Voice',
			direction: inbound ? 'Inbound' : 'Outbound',
			...outcome,
			internalType: inbound ? 'LocalNumber' : 'Local',
			transport: 'PSTN',
			from: inbound ? { ...outside } : own,
			to: inbound ? own : { ...outside },
			...(recording ? { recording } : {}),
		};
	}

	/** Call ids are unique per extension. */
	startActive(extensionId: string, call: RunningCall): void {
		if (!this.active.has(extensionId)) this.active.set(extensionId, new Map());
		this.active.get(extensionId)?.set(call.id, call);
	}

	endActive(extensionId: string, id: string): void {
		this.active.get(extensionId)?.delete(id);
	}
}

export function callLogOf(emulator: Emulator): CallLog {
	return emulator.areaState('call-log', () => new CallLog(emulator));
}

function extensionRef(ctx: EmulatorContext, extensionId: string) {
	return { id: Number(extensionId), uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}` };
}

function recordingUris(ctx: EmulatorContext, recording: Recording) {
	const uri = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/recording/${recording.id}`;
	// RingCentral points contentUri at its media host; the emulator is both hosts.
	return { uri, contentUri: `${uri}/content` };
}

type View = 'Simple' | 'Detailed';

/** The view the query asks for: Detailed, or else Simple. */
function viewOf(ctx: EmulatorContext): View {
	return ctx.query.view === 'Detailed' ? 'Detailed' : 'Simple';
}

/** A record as the API answers it in the requested view. */
function resource(ctx: EmulatorContext, record: CallRecord, view: View = 'Simple') {
	const { extensionId, recording, transport, ...fields } = record;
	const body = {
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/call-log/${record.id}`,
		...fields,
		extension: extensionRef(ctx, extensionId),
		...(recording ? { recording: { id: recording.id, type: recording.type, ...recordingUris(ctx, recording) } } : {}),
	};
	if (view !== 'Detailed') return body;
	const { uri: _uri, id: _id, sessionId: _session, ...leg } = body;
	return {
		...body,
		transport,
		lastModifiedTime: new Date(Date.parse(record.startTime) + record.duration * 1000 + 2000).toISOString(),
		billing: { costIncluded: 0, costPurchased: 0 },
		legs: [{ ...leg, transport, legType: record.direction === 'Inbound' ? 'PstnToSip' : 'SipToPstnUnmetered', master: true }],
	};
}

/** RingCentral's call-log filters, shared by the user and company lists. */
function filtered(ctx: EmulatorContext, records: CallRecord[]): CallRecord[] {
	if (ctx.query.phoneNumber !== undefined && ctx.query.extensionNumber !== undefined) {
		throw errors.invalidParameter('phoneNumber', 'It cannot be combined with extensionNumber.');
	}
	const dateTo = dateQuery(ctx, 'dateTo') ?? Date.now();
	const dateFrom = dateQuery(ctx, 'dateFrom') ?? dateTo - DAY_MS;
	const directions = listOf(ctx.query.direction);
	const types = listOf(ctx.query.type);
	const transports = listOf(ctx.query.transport);
	const digits = ctx.query.phoneNumber !== undefined ? String(ctx.query.phoneNumber).replace(/\D/g, '') : undefined;
	const recordingType = ctx.query.recordingType ?? (flag(ctx.query.withRecording) ? 'All' : undefined);
	return records.filter((r) => {
		const time = Date.parse(r.startTime);
		if (time < dateFrom || time > dateTo) return false;
		if (directions.length && !directions.includes(r.direction)) return false;
		if (types.length && !types.includes(r.type)) return false;
		if (transports.length && !transports.includes(r.transport)) return false;
		if (digits !== undefined && ![r.from, r.to].some((p) => String(p.phoneNumber ?? '').replace(/\D/g, '') === digits)) return false;
		if (ctx.query.extensionNumber !== undefined && ctx.state.extensions.get(r.extensionId)?.extensionNumber !== String(ctx.query.extensionNumber)) {
			return false;
		}
		if (ctx.query.sessionId !== undefined && r.sessionId !== String(ctx.query.sessionId)) return false;
		if (ctx.query.telephonySessionId !== undefined && r.telephonySessionId !== String(ctx.query.telephonySessionId)) return false;
		if (recordingType && !(r.recording && (recordingType === 'All' || r.recording.type === recordingType))) return false;
		return true;
	});
}

function answerPage(ctx: EmulatorContext, records: CallRecord[]): HandlerResult {
	const page = pageOf(ctx, records, { defaultPerPage: 100, maxPerPage: 1000, totals: false });
	const view = viewOf(ctx);
	return { body: { ...page, records: page.records.map((r) => resource(ctx, r, view)) } };
}

function readUserCallLog(ctx: EmulatorContext): HandlerResult {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	mayRead(ctx, extensionId);
	const log = callLogOf(ctx.emulator);
	return answerPage(ctx, filtered(ctx, log.records.filter((r) => r.extensionId === extensionId)));
}

function readCompanyCallLog(ctx: EmulatorContext): HandlerResult {
	accountOf(ctx);
	if (!ctx.state.extensions.get(ctx.auth.extensionId)?.admin) {
		throw errors.forbidden('In order to call this API endpoint, user needs to have [FullCompanyCallLog] permission');
	}
	return answerPage(ctx, filtered(ctx, callLogOf(ctx.emulator).records));
}

/** A user reads their own call log; an administrator anyone's. */
function mayRead(ctx: EmulatorContext, extensionId: string): void {
	if (extensionId === ctx.auth.extensionId || ctx.state.extensions.get(ctx.auth.extensionId)?.admin) return;
	throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
}

function readUserCallRecord(ctx: EmulatorContext): HandlerResult {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	mayRead(ctx, extensionId);
	const ids = idList(ctx.params.callRecordId);
	if (ids.length > BATCH_LIMIT) throw new RcError(400, 'CMN-106', `Batch request is limited to ${BATCH_LIMIT} entries`);
	const log = callLogOf(ctx.emulator);
	const view = viewOf(ctx);
	const find = (id: string) => {
		const record = log.byId.get(id);
		if (!record || record.extensionId !== extensionId) throw errors.notFound('callRecordId');
		return resource(ctx, record, view);
	};
	if (ids.length === 1) return { body: find(ids[0]) };
	return multipartMixed(
		ids.map((id) => {
			const href = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/call-log/${id}`;
			try {
				return { href, status: 200, body: find(id) };
			} catch (error) {
				if (!(error instanceof RcError)) throw error;
				return { href, status: error.status, body: error.toBody() };
			}
		}),
	);
}

/** Calls in progress: those presence shows and running RingOut calls. */
function listActiveCalls(ctx: EmulatorContext): HandlerResult {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	mayRead(ctx, extensionId);
	const now = Date.now();
	const fromPresence = (ctx.state.presence.get(extensionId)?.activeCalls ?? []).map((call): CallRecord => ({
		id: call.id,
		sessionId: call.sessionId,
		telephonySessionId: call.telephonySessionId,
		partyId: call.partyId,
		extensionId,
		startTime: call.startTime,
		duration: Math.max(0, Math.round((now - Date.parse(call.startTime)) / 1000)),
		type: 'Voice',
		direction: call.direction,
		action: 'Phone Call',
		result: 'In Progress',
		internalType: 'LocalNumber',
		transport: 'PSTN',
		from: { phoneNumber: call.from, ...(call.fromName ? { name: call.fromName } : {}) },
		to: { phoneNumber: call.to, ...(call.toName ? { name: call.toName } : {}) },
	}));
	const running = [...(callLogOf(ctx.emulator).active.get(extensionId)?.values() ?? [])].map((call): CallRecord => ({
		...call,
		duration: Math.max(0, Math.round((now - Date.parse(call.startTime)) / 1000)),
	}));
	const directions = listOf(ctx.query.direction);
	const types = listOf(ctx.query.type);
	const transports = listOf(ctx.query.transport);
	const records = [...fromPresence, ...running]
		.filter((r) => (!directions.length || directions.includes(r.direction)) && (!types.length || types.includes(r.type)))
		.filter((r) => !transports.length || transports.includes(r.transport))
		.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
	return answerPage(ctx, records);
}

function recordingOf(ctx: EmulatorContext): Recording {
	accountOf(ctx);
	const recording = callLogOf(ctx.emulator).recordings.get(String(ctx.params.recordingId));
	if (!recording) throw errors.notFound('recordingId');
	return recording;
}

/** The audio of a recording: generated from its id, so every read returns the same bytes. */
export function audioOf(recording: Recording): Buffer {
	return recording.contentType === 'audio/mpeg'
		? mp3({ seconds: recording.seconds })
		: wav({ seconds: recording.seconds, frequency: recording.frequency });
}

export function routes(emulator: Emulator): Route[] {
	const account = '/restapi/v1.0/account/{accountId}';
	return [
		{ method: 'GET', path: `${account}/call-log`, operationId: 'readCompanyCallLog', handler: withEmulator(emulator, readCompanyCallLog) },
		{ method: 'GET', path: `${account}/extension/{extensionId}/call-log`, operationId: 'readUserCallLog', handler: withEmulator(emulator, readUserCallLog) },
		{
			method: 'GET',
			path: `${account}/extension/{extensionId}/call-log/{callRecordId}`,
			operationId: 'readUserCallRecord',
			handler: withEmulator(emulator, readUserCallRecord),
		},
		{
			method: 'GET',
			path: `${account}/extension/{extensionId}/active-calls`,
			operationId: 'listExtensionActiveCalls',
			handler: withEmulator(emulator, listActiveCalls),
		},
		{
			method: 'GET',
			path: `${account}/recording/{recordingId}`,
			operationId: 'readCallRecording',
			handler: withEmulator(emulator, (ctx: EmulatorContext) => {
				const recording = recordingOf(ctx);
				const { contentUri } = recordingUris(ctx, recording);
				return { body: { id: recording.id, contentUri, contentType: recording.contentType, duration: recording.duration } };
			}),
		},
		{
			method: 'GET',
			path: `${account}/recording/{recordingId}/content`,
			operationId: 'readCallRecordingContent',
			handler: withEmulator(emulator, (ctx: EmulatorContext) => {
				const recording = recordingOf(ctx);
				const extension = recording.contentType === 'audio/mpeg' ? 'mp3' : 'wav';
				return mediaAnswer(ctx, { data: audioOf(recording), contentType: recording.contentType, fileName: `recording-${recording.id}.${extension}` });
			}),
		},
	];
}
