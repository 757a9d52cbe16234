/**
 * RingOut: two-legged calls (RingCentral first rings the caller's own phone, then connects the
 * called party). A call's status advances one step each time it is read: the caller answers,
 * then the called party, then the call is connected and lands in the call log. While it runs it
 * is one of the extension's active calls; cancelling ends it.
 */
import { RcError, errors } from '../errors';
import type { Emulator } from '../server';
import * as telephony from '../telephony';
import type { EmulatorContext, HandlerResult, Route } from '../types';
import { callLogOf } from './call-log';
import { accountOf, assertMayEdit, extensionOf, withEmulator } from './common';

interface RingOutCall {
	id: string;
	extensionId: string;
	/** the phone RingCentral rings first */
	from: string;
	/** the called party */
	to: string;
	/** index into PROGRESS */
	step: number;
	startTime: string;
}

/** POST …/ring-out (spec: MakeRingOutRequest). */
interface RingOutRequest {
	from?: { phoneNumber?: string; forwardingNumberId?: string };
	to?: { phoneNumber?: string };
	callerId?: { phoneNumber?: string };
	country?: { id?: string };
}

const FIRST_RINGOUT_ID = 234_343_434;
const PATH = '/restapi/v1.0/account/{accountId}/extension/{extensionId}/ring-out';

/** What each successive status read reports. */
const PROGRESS = [
	{ callStatus: 'InProgress', callerStatus: 'InProgress', calleeStatus: 'InProgress' },
	{ callStatus: 'InProgress', callerStatus: 'Success', calleeStatus: 'InProgress' },
	{ callStatus: 'Success', callerStatus: 'Success', calleeStatus: 'Success' },
];

function sessionsOf(emulator: Emulator) {
	return emulator.areaState('ring-out', () => ({ nextId: FIRST_RINGOUT_ID, calls: new Map<string, RingOutCall>() }));
}

function resource(ctx: EmulatorContext, call: RingOutCall) {
	return {
		id: call.id,
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${call.extensionId}/ring-out/${call.id}`,
		status: { ...PROGRESS[call.step] },
	};
}

function ownerOf(ctx: EmulatorContext): string {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	return extensionId;
}

function createRingOut(ctx: EmulatorContext): HandlerResult {
	const extensionId = ownerOf(ctx);
	if (!ctx.state.isUser(extensionId)) {
		throw new RcError(403, 'CMN-109', 'Feature not available for this extension type', { legacyCode: 'FeatureNotAvailable' });
	}
	const body = (ctx.body as RingOutRequest | undefined) ?? {};
	if (body.from?.phoneNumber === undefined && body.from?.forwardingNumberId === undefined) {
		throw errors.invalidParameter('from.phoneNumber', 'Give the phone to ring first.');
	}
	const from = body.from?.phoneNumber !== undefined ? telephony.assertE164(body.from.phoneNumber, 'from.phoneNumber') : undefined;
	const to = telephony.assertE164(body.to?.phoneNumber, 'to.phoneNumber');
	if (body.callerId?.phoneNumber !== undefined) {
		const callerId = telephony.assertE164(body.callerId.phoneNumber, 'callerId.phoneNumber');
		const allowed = [telephony.directNumberOfUser(ctx.state, extensionId), telephony.COMPANY.mainNumber];
		if (!allowed.includes(callerId)) {
			throw errors.invalidParameter('callerId.phoneNumber', 'The caller ID must be one of the account\'s phone numbers.');
		}
	}
	if (body.country?.id !== undefined && !/^\d+$/.test(String(body.country.id))) throw errors.invalidParameter('country.id');
	const sessions = sessionsOf(ctx.emulator);
	const call: RingOutCall = {
		id: String(sessions.nextId++),
		extensionId,
		from: from ?? telephony.directNumberOfUser(ctx.state, extensionId),
		to,
		step: 0,
		startTime: new Date().toISOString(),
	};
	sessions.calls.set(call.id, call);
	callLogOf(ctx.emulator).startActive(extensionId, {
		id: `ringout-${call.id}`,
		sessionId: String(27_000_000_000 + Number(call.id)),
		extensionId,
		startTime: call.startTime,
		type: 'Voice',
		direction: 'Outbound',
		action: 'RingOut Web',
		result: 'In Progress',
		internalType: 'RingOut',
		transport: 'PSTN',
		from: telephony.partyOf(ctx.state, call.from),
		to: telephony.partyOf(ctx.state, to),
	});
	return { body: resource(ctx, call) };
}

function callOf(ctx: EmulatorContext): RingOutCall {
	const extensionId = ownerOf(ctx);
	const call = sessionsOf(ctx.emulator).calls.get(String(ctx.params.ringoutId));
	if (!call || call.extensionId !== extensionId) throw errors.notFound('ringoutId');
	return call;
}

function readRingOut(ctx: EmulatorContext): HandlerResult {
	const call = callOf(ctx);
	if (call.step < PROGRESS.length - 1) {
		call.step += 1;
		if (call.step === PROGRESS.length - 1) connected(ctx, call);
	}
	return { body: resource(ctx, call) };
}

/** The call is connected: no longer ringing, and in the call log. */
function connected(ctx: EmulatorContext, call: RingOutCall): void {
	const log = callLogOf(ctx.emulator);
	log.endActive(call.extensionId, `ringout-${call.id}`);
	const duration = Math.max(1, Math.round((Date.now() - Date.parse(call.startTime)) / 1000));
	log.add({
		id: `RO${call.id}`,
		sessionId: String(27_000_000_000 + Number(call.id)),
		extensionId: call.extensionId,
		startTime: call.startTime,
		duration,
		durationMs: duration * 1000,
		type: 'Voice',
		direction: 'Outbound',
		action: 'RingOut Web',
		result: 'Call connected',
		reason: 'Connected',
		internalType: 'RingOut',
		transport: 'PSTN',
		from: telephony.partyOf(ctx.state, call.from),
		to: telephony.partyOf(ctx.state, call.to),
	});
}

function cancelRingOut(ctx: EmulatorContext): HandlerResult {
	const call = callOf(ctx);
	sessionsOf(ctx.emulator).calls.delete(call.id);
	callLogOf(ctx.emulator).endActive(call.extensionId, `ringout-${call.id}`);
	return { status: 204 };
}

export function routes(emulator: Emulator): Route[] {
	return [
		{ method: 'POST', path: PATH, operationId: 'createRingOutCall', handler: withEmulator(emulator, createRingOut) },
		{ method: 'GET', path: `${PATH}/{ringoutId}`, operationId: 'readRingOutCallStatus', handler: withEmulator(emulator, readRingOut) },
		{ method: 'DELETE', path: `${PATH}/{ringoutId}`, operationId: 'deleteRingOutCall', handler: withEmulator(emulator, cancelRingOut) },
	];
}
