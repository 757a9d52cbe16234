/**
 * Presence: user, account, call-queue, agent-queue and unified presence, with RingCentral's rules:
 * non-user extension types read as Offline without telephony/message/user/DND fields, a user who
 * hides presence reads as Offline to others, and batch reads are limited to 30 ids.
 */
import { RcError, errors } from '../errors';
import { idList, multipartMixed, pageOf } from '../http-util';
import type { CallQueue, Presence } from '../state';
import type { Auth, HandlerContext, HandlerResult, Route } from '../types';
import { accountOf, assertMayEdit, extensionOf, flag } from './common';


/** What reading presence needs: the directory, the base URL and who is asking (events read it outside a request). */
export type PresenceReader = Pick<HandlerContext, 'state' | 'baseUrl'> & { auth: Pick<Auth, 'extensionId'> };

/** PUT …/presence (spec: PresenceInfoRequest). */
interface PresenceUpdate {
	userStatus?: string;
	dndStatus?: string;
	dndStatusPersonal?: string;
	message?: string;
	allowSeeMyPresence?: boolean;
	ringOnMonitoredCall?: boolean;
	pickUpCallsOnHold?: boolean;
	callerIdVisibility?: string;
	acceptCallQueueCalls?: boolean;
}

/** PATCH …/unified-presence (spec: UpdateUnifiedPresence). */
interface UnifiedPresenceUpdate {
	glip?: { visibility?: string; availability?: string };
	telephony?: { availability?: string };
}

/** PUT …/call-queues/{groupId}/presence and …/call-queue-presence (records of members or queues). */
interface QueuePresenceUpdate {
	records?: Array<{ member?: { id?: unknown }; callQueue?: { id?: unknown }; acceptCurrentQueueCalls?: boolean; acceptCalls?: boolean }>;
}

const BATCH_LIMIT = 30;
const PRESENCE_PATH = '/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence';

/** The presence a user sets and telephony reports (users have one; other extension types none). */
function presenceRecord(ctx: Pick<HandlerContext, 'state'>, id: string): Presence {
	const p = ctx.state.presence.get(id);
	if (!p) throw errors.notFound('extensionId');
	return p;
}

function aggregateStatus(p: Presence): string {
	if (p.userStatus === 'Offline') return 'Offline';
	if (p.telephonyStatus !== 'NoCall' || p.userStatus === 'Busy' || p.dndStatus === 'DoNotAcceptAnyCalls') return 'Busy';
	return 'Available';
}

export function presenceOf(ctx: PresenceReader, id: string, options: { detailed?: boolean; sipData?: boolean } = {}) {
	const { state } = ctx;
	const base = {
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${state.accountId}/extension/${id}/presence`,
		extension: state.extensionRef(id, ctx.baseUrl),
	};
	const p = state.presence.get(id);
	const hidden = p && !p.allowSeeMyPresence && id !== ctx.auth.extensionId;
	if (!state.hasPresence(id) || !p || hidden) {
		return { ...base, presenceStatus: 'Offline', ...(hidden ? { allowSeeMyPresence: false } : {}) };
	}
	const body = {
		...base,
		presenceStatus: aggregateStatus(p),
		userStatus: p.userStatus,
		dndStatus: p.dndStatus,
		allowSeeMyPresence: p.allowSeeMyPresence,
		callerIdVisibility: p.callerIdVisibility,
		ringOnMonitoredCall: p.ringOnMonitoredCall,
		pickUpCallsOnHold: p.pickUpCallsOnHold,
		acceptCallQueueCalls: p.acceptCallQueueCalls,
		telephonyStatus: p.telephonyStatus,
		meetingStatus: p.meetingStatus,
		...(p.message ? { message: p.message } : {}),
	};
	if (!options.detailed) return body;
	const activeCalls = p.activeCalls.map((call: { sipData?: unknown }) => {
		const { sipData, ...rest } = call;
		return options.sipData ? { ...rest, sipData } : rest;
	});
	return { ...body, activeCalls };
}

function readUserPresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const options = { detailed: flag(ctx.query.detailedTelephonyState), sipData: flag(ctx.query.sipData) };
	const ids = idList(ctx.params.extensionId);
	if (ids.length > BATCH_LIMIT) {
		throw new RcError(400, 'CMN-106', 'Extension Presence Info multipart request is limited to 30 extensions', {
			legacyCode: 'InvalidMultipartRequest',
		});
	}
	if (ids.length === 1) return { body: presenceOf(ctx, extensionOf(ctx, ids[0]), options) };
	return multipartMixed(
		ids.map((raw) => {
			const href = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${raw}/presence`;
			try {
				return { href, status: 200, body: presenceOf(ctx, extensionOf(ctx, raw), options) };
			} catch (error) {
				if (!(error instanceof RcError)) throw error;
				return { href, status: error.status, body: error.toBody() };
			}
		}),
	);
}

function updateUserPresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	assertMayEdit(ctx, id);
	if (!ctx.state.hasPresence(id)) {
		const type = ctx.state.extensions.get(id)?.type;
		throw errors.invalidParameter('extensionId', `Presence cannot be set for extensions of type ${type}.`);
	}
	const body = (ctx.body as PresenceUpdate | undefined) ?? {};
	const p = presenceRecord(ctx, id);
	const inQueue = [...ctx.state.callQueues.values()].some((q) => q.members.has(id));
	if (body.dndStatus !== undefined && ['DoNotAcceptDepartmentCalls', 'TakeDepartmentCallsOnly'].includes(body.dndStatus) && !inQueue) {
		throw errors.invalidParameter('dndStatus', 'The extension is not a member of any call queue.');
	}
	if (body.userStatus !== undefined) p.userStatus = body.userStatus;
	if (body.dndStatus !== undefined) p.dndStatus = body.dndStatus;
	if (body.message !== undefined) p.message = body.message;
	if (body.allowSeeMyPresence !== undefined) p.allowSeeMyPresence = body.allowSeeMyPresence;
	if (body.ringOnMonitoredCall !== undefined) p.ringOnMonitoredCall = body.ringOnMonitoredCall;
	if (body.pickUpCallsOnHold !== undefined) p.pickUpCallsOnHold = body.pickUpCallsOnHold;
	if (body.callerIdVisibility !== undefined) p.callerIdVisibility = body.callerIdVisibility;
	if (body.dndStatusPersonal !== undefined) p.dndStatus = body.dndStatusPersonal;
	if (body.acceptCallQueueCalls !== undefined) p.acceptCallQueueCalls = body.acceptCallQueueCalls;
	ctx.emit(`/restapi/v1.0/account/${ctx.state.accountId}/extension/${id}/presence`, presenceOf(ctx, id));
	return { body: presenceOf(ctx, id) };
}

function readAccountPresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const options = { detailed: flag(ctx.query.detailedTelephonyState), sipData: flag(ctx.query.sipData) };
	const records = [...ctx.state.extensions.keys()].map((id) => presenceOf(ctx, id, options));
	return { body: pageOf(ctx, records, { defaultPerPage: 100, maxPerPage: 1000 }) };
}

function queueOf(ctx: HandlerContext): CallQueue {
	const queue = ctx.state.callQueues.get(String(ctx.params.groupId));
	if (!queue) throw errors.notFound('groupId');
	return queue;
}

function callQueuePresence(ctx: HandlerContext, queue = queueOf(ctx)) {
	return {
		records: [...queue.members].map(([id, membership]) => {
			const extension = ctx.state.extensions.get(id);
			return {
				member: {
					id,
					name: extension?.name,
					extensionNumber: extension?.extensionNumber,
					site: { id: 'main-site', name: 'Main Site' },
				},
				acceptQueueCalls: ctx.state.presence.get(id)?.acceptCallQueueCalls,
				acceptCurrentQueueCalls: membership.acceptCurrentQueueCalls,
			};
		}),
	};
}

function updateCallQueuePresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const queue = queueOf(ctx);
	if (!ctx.state.extensions.get(ctx.auth.extensionId)?.admin) throw errors.forbidden('Administrator permission required');
	const records = (ctx.body as QueuePresenceUpdate | undefined)?.records ?? [];
	records.forEach((record, i) => {
		const membership = queue.members.get(String(record?.member?.id));
		if (!membership) throw errors.invalidParameter(`records[${i}].member.id`, 'The extension is not a member of this call queue.');
	});
	for (const record of records) {
		const membership = queue.members.get(String(record.member?.id));
		if (record.acceptCurrentQueueCalls !== undefined && membership) {
			membership.acceptCurrentQueueCalls = record.acceptCurrentQueueCalls;
		}
	}
	return { body: callQueuePresence(ctx, queue) };
}

function agentQueues(ctx: HandlerContext, id: string, editableOnly = false) {
	return [...ctx.state.callQueues]
		.filter(([, queue]) => queue.members.has(id) && (!editableOnly || queue.editableMemberStatus))
		.map(([queueId, queue]) => {
			const extension = ctx.state.extensions.get(queueId);
			return {
				callQueue: {
					id: queueId,
					name: extension?.name,
					extensionNumber: extension?.extensionNumber,
					editableMemberStatus: queue.editableMemberStatus,
				},
				acceptCalls: queue.members.get(id)?.acceptCurrentQueueCalls,
			};
		});
}

function readAgentQueuePresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	return { body: { records: agentQueues(ctx, id, flag(ctx.query.editableMemberStatus)) } };
}

function updateAgentQueuePresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	assertMayEdit(ctx, id);
	const isAdmin = Boolean(ctx.state.extensions.get(ctx.auth.extensionId)?.admin);
	const records = (ctx.body as QueuePresenceUpdate | undefined)?.records ?? [];
	records.forEach((record, i) => {
		const queueId = String(record?.callQueue?.id);
		const queue = ctx.state.callQueues.get(queueId);
		if (!queue || !queue.members.has(id)) {
			throw errors.invalidParameter(`records[${i}].callQueue.id`, 'The extension is not a member of this call queue.');
		}
		if (!queue.editableMemberStatus && !isAdmin) {
			throw errors.forbidden(`Members of call queue [${queueId}] are not allowed to change their queue status`);
		}
	});
	for (const record of records) {
		const membership = ctx.state.callQueues.get(String(record.callQueue?.id))?.members.get(id);
		if (record.acceptCalls !== undefined && membership) membership.acceptCurrentQueueCalls = record.acceptCalls;
	}
	return { body: { records: agentQueues(ctx, id) } };
}

/** dndStatus → unified presence's telephony availability. */
const TELEPHONY_AVAILABILITY: Record<string, string> = {
	TakeAllCalls: 'TakeAllCalls',
	DoNotAcceptAnyCalls: 'DoNotAcceptAnyCalls',
	DoNotAcceptDepartmentCalls: 'DoNotAcceptQueueCalls',
	TakeDepartmentCallsOnly: 'TakeAllCalls',
	Unknown: 'TakeAllCalls',
};

function unifiedPresenceOf(ctx: HandlerContext, id: string) {
	const p = ctx.state.presence.get(id);
	if (!ctx.state.hasPresence(id) || !p) return { status: 'Offline' };
	const self = id === ctx.auth.extensionId;
	const telephonyAvailability = TELEPHONY_AVAILABILITY[p.dndStatus];
	let status = aggregateStatus(p);
	if (telephonyAvailability === 'DoNotAcceptAnyCalls' || p.glip.availability === 'DND') status = 'DND';
	const visible = (visibility: string) => self || visibility === 'Visible';
	return {
		status,
		glip: {
			...(visible(p.glip.visibility) ? { status: p.glip.status } : {}),
			...(self ? { visibility: p.glip.visibility } : {}),
			availability: p.glip.availability,
		},
		telephony: {
			...(visible(p.telephonyVisibility) ? { status: p.telephonyStatus } : {}),
			...(self ? { visibility: p.telephonyVisibility } : {}),
			availability: telephonyAvailability,
		},
		meeting: { status: p.meeting },
	};
}

function readUnifiedPresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const ids = idList(ctx.params.extensionId);
	if (ids.length > BATCH_LIMIT) {
		throw new RcError(400, 'CMN-106', `Batch request is limited to ${BATCH_LIMIT} entries`);
	}
	if (ids.length === 1) return { body: unifiedPresenceOf(ctx, extensionOf(ctx, ids[0])) };
	return {
		status: 207,
		body: ids.map((raw) => {
			try {
				const id = extensionOf(ctx, raw);
				return { resourceId: id, status: 200, body: unifiedPresenceOf(ctx, id) };
			} catch (error) {
				if (!(error instanceof RcError)) throw error;
				return { resourceId: raw, status: error.status };
			}
		}),
	};
}

function updateUnifiedPresence(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	assertMayEdit(ctx, id);
	if (!ctx.state.isUser(id)) throw errors.invalidParameter('extensionId', 'Unified presence applies to user extensions only.');
	const p = presenceRecord(ctx, id);
	const { glip = {}, telephony = {} } = (ctx.body as UnifiedPresenceUpdate | undefined) ?? {};
	if (glip.visibility !== undefined) p.glip.visibility = glip.visibility;
	if (glip.availability !== undefined) p.glip.availability = glip.availability;
	if (telephony.availability !== undefined) {
		const dndStatus: Record<string, string> = { DoNotAcceptQueueCalls: 'DoNotAcceptDepartmentCalls' };
		p.dndStatus = dndStatus[telephony.availability] ?? telephony.availability;
	}
	return { body: unifiedPresenceOf(ctx, id) };
}

export function routes(): Route[] {
	return [
		{ method: 'GET', path: PRESENCE_PATH, operationId: 'readUserPresenceStatus', handler: readUserPresence },
		{ method: 'PUT', path: PRESENCE_PATH, operationId: 'updateUserPresenceStatus', handler: updateUserPresence },
		{ method: 'GET', path: '/restapi/v1.0/account/{accountId}/presence', operationId: 'readAccountPresence', handler: readAccountPresence },
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/call-queues/{groupId}/presence',
			operationId: 'readCallQueuePresence',
			handler: (ctx) => {
				accountOf(ctx);
				return { body: callQueuePresence(ctx) };
			},
		},
		{
			method: 'PUT',
			path: '/restapi/v1.0/account/{accountId}/call-queues/{groupId}/presence',
			operationId: 'updateCallQueuePresence',
			handler: updateCallQueuePresence,
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/call-queue-presence',
			operationId: 'readExtensionCallQueuePresence',
			handler: readAgentQueuePresence,
		},
		{
			method: 'PUT',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/call-queue-presence',
			operationId: 'updateExtensionCallQueuePresence',
			handler: updateAgentQueuePresence,
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/unified-presence',
			operationId: 'readUnifiedPresence',
			handler: readUnifiedPresence,
		},
		{
			method: 'PATCH',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/unified-presence',
			operationId: 'updateUnifiedPresence',
			handler: updateUnifiedPresence,
		},
	];
}
