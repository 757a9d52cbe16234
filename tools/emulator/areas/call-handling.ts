/**
 * Call handling: business hours (user and company), answering rules (user and company), forwarding
 * numbers, caller blocking with its blocked/allowed list, custom greeting uploads and the standard
 * greetings dictionary. RingCentral's rules are enforced with its error codes: only custom rules
 * are created, Business/After Hours rules cannot be deleted, presets must fit the greeting type and
 * usage, uploads must be real audio, company rules need the admin's permission.
 */
import { RcError, errors } from '../errors';
import { pageOf } from '../http-util';
import type { MultipartPart } from '../http-util';
import { personOf } from '../people';
import { COMPANY_NUMBERS as COMPANY_PHONE_NUMBERS } from '../phone-numbers';
import type { ExtensionType, State } from '../state';
import type { HandlerContext, HandlerResult, RequestBody, Route } from '../types';
import { accountOf, assertMayEdit, extensionOf, extensionRecordOf, flag, listOf } from './common';

type Ctx = HandlerContext;

const DAYS: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAYS = DAYS.slice(0, 5);
const E164 = /^\+[1-9]\d{7,14}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_RULE_NAME = 127;
const MAX_FORWARDING_NUMBERS = 10;
/** The company's own numbers (phone-numbers.ts): what company rules may be called on. */
const COMPANY_NUMBERS = COMPANY_PHONE_NUMBERS.map((number) => number.phoneNumber);
const BUSINESS_HOURS_RULE = 'business-hours-rule';
const AFTER_HOURS_RULE = 'after-hours-rule';
/** Extension types with call handling rules, and the call handling actions each may use. */
const ACTIONS_BY_TYPE: Partial<Record<ExtensionType, string[]>> = {
	User: ['ForwardCalls', 'UnconditionalForwarding', 'TakeMessagesOnly', 'PlayAnnouncementOnly', 'TransferToExtension'],
	Department: ['AgentQueue', 'UnconditionalForwarding', 'TakeMessagesOnly', 'TransferToExtension'],
	Voicemail: ['TakeMessagesOnly'],
	Announcement: ['PlayAnnouncementOnly'],
	SharedLinesGroup: ['SharedLines', 'UnconditionalForwarding', 'TakeMessagesOnly'],
};
const USAGE_BY_TYPE: Partial<Record<ExtensionType, string>> = {
	User: 'UserExtensionAnsweringRule',
	Department: 'DepartmentExtensionAnsweringRule',
	Voicemail: 'VoicemailExtensionAnsweringRule',
	Announcement: 'AnnouncementExtensionAnsweringRule',
	SharedLinesGroup: 'SharedLinesGroupAnsweringRule',
};
const LABEL_OF_TYPE: Record<string, string> = {
	Home: 'Home',
	Mobile: 'Mobile',
	Work: 'Work',
	Other: 'Other',
	Outage: 'Outage',
	BusinessMobilePhone: 'Business Mobile Phone',
};

/** A greeting of RingCentral's dictionary. */
export interface StandardGreeting {
	id: string;
	usageType: string;
	type: string;
	category: string;
	name: string;
	text?: string;
}

type GreetingRow = [id: string, usageType: string, type: string, category: string, name: string, text?: string];

/**
 * RingCentral's standard greetings: [id, usageType, type, category, name, text?]. Custom greetings
 * are never listed here.
 */
const GREETING_ROWS: GreetingRow[] = [
	['65536', 'UserExtensionAnsweringRule', 'Introductory', 'None', 'None'],
	['65792', 'UserExtensionAnsweringRule', 'Announcement', 'Message', 'Default', 'Hello, the person you are calling is not available. Goodbye.'],
	['66048', 'UserExtensionAnsweringRule', 'ConnectingMessage', 'Message', 'Default', 'Please wait while I try to connect you.'],
	['66304', 'UserExtensionAnsweringRule', 'ConnectingAudio', 'Music', 'Acoustic'],
	['66305', 'UserExtensionAnsweringRule', 'ConnectingAudio', 'Music', 'Classical'],
	['66306', 'UserExtensionAnsweringRule', 'ConnectingAudio', 'RingTones', 'Ring Tones'],
	['66560', 'UserExtensionAnsweringRule', 'Voicemail', 'Message', 'Default', 'You have reached the voice mailbox. Please leave a message after the tone.'],
	['66816', 'UserExtensionAnsweringRule', 'Unavailable', 'Message', 'Default', 'The person you are calling is not available. Please try again later.'],
	['67072', 'UserExtensionAnsweringRule', 'HoldMusic', 'Music', 'Acoustic'],
	['67073', 'UserExtensionAnsweringRule', 'HoldMusic', 'Music', 'Jazz'],
	['67074', 'UserExtensionAnsweringRule', 'HoldMusic', 'None', 'None'],
	['131584', 'DepartmentExtensionAnsweringRule', 'Introductory', 'None', 'None'],
	['131840', 'DepartmentExtensionAnsweringRule', 'ConnectingAudio', 'Music', 'Acoustic'],
	['132096', 'DepartmentExtensionAnsweringRule', 'Voicemail', 'Message', 'Default', 'All agents are busy. Please leave a message after the tone.'],
	['132352', 'DepartmentExtensionAnsweringRule', 'HoldMusic', 'Music', 'Classical'],
	['196608', 'CompanyAnsweringRule', 'Company', 'Message', 'Default', 'Thank you for calling. Please enter the extension of the person you are calling.'],
	['196864', 'CompanyAnsweringRule', 'Company', 'None', 'None'],
	['197120', 'CompanyAfterHoursAnsweringRule', 'Company', 'Message', 'After Hours', 'Thank you for calling. Our office is closed. Please call back during business hours.'],
	['262144', 'VoicemailExtensionAnsweringRule', 'Voicemail', 'Message', 'Default', 'Please leave a message after the tone.'],
	['262400', 'AnnouncementExtensionAnsweringRule', 'Announcement', 'Message', 'Default', 'This is an announcement.'],
	['262656', 'SharedLinesGroupAnsweringRule', 'ConnectingAudio', 'Music', 'Acoustic'],
	['327680', 'BlockedCalls', 'BlockedCallersAll', 'Message', 'Default', 'The party you are calling does not accept calls.'],
	['327936', 'BlockedCalls', 'BlockedCallersSpecific', 'Message', 'Default', 'The party you are calling does not accept calls from your number.'],
	['328192', 'BlockedCalls', 'BlockedNoCallerId', 'Message', 'Default', 'The party you are calling does not accept calls without caller ID.'],
	['328448', 'BlockedCalls', 'BlockedPayPhones', 'Message', 'Default', 'The party you are calling does not accept calls from pay phones.'],
	['393216', 'CallRecording', 'StartRecording', 'Message', 'Default', 'This call is being recorded.'],
	['393472', 'CallRecording', 'StopRecording', 'Message', 'Default', 'Call recording has stopped.'],
	['393728', 'CallRecording', 'AutomaticRecording', 'Message', 'Default', 'This call may be recorded for quality assurance.'],
];
export const STANDARD_GREETINGS: StandardGreeting[] = GREETING_ROWS.map(([id, usageType, type, category, name, text]) => ({
	id,
	usageType,
	type,
	category,
	name,
	...(text ? { text } : {}),
}));
const GREETING_BY_ID = new Map(STANDARD_GREETINGS.map((g) => [g.id, g]));

interface TimeRange {
	from: string;
	to: string;
}

/** Time ranges by day of the week (monday … sunday); no days: 24/7. */
type WeeklyRanges = Record<string, TimeRange[] | undefined>;

interface Schedule {
	weeklyRanges?: WeeklyRanges;
	/** date-time ranges */
	ranges?: TimeRange[];
	/** BusinessHours or AfterHours: the company's or the user's hours */
	ref?: string;
}

/** A rule's greeting of one type: a preset of the dictionary or an uploaded custom greeting. */
interface RuleGreeting {
	type: string;
	preset?: { id: string };
	custom?: { id: string };
}

/** One step of a rule's forwarding: numbers (by id) that ring together. */
interface ForwardingGroup {
	index: number;
	ringCount: number;
	enabled: boolean;
	forwardingNumbers: Array<{ id: string }>;
}

/** A rule's forwarding settings as stored: the request's settings, numbers by id only. */
interface RuleForwarding {
	notifyMySoftPhones?: boolean;
	softPhonesRingCount?: number;
	softPhonesAlwaysRing?: boolean;
	softPhonesPositionTop?: boolean;
	ringingMode?: string;
	rules?: ForwardingGroup[];
}

/**
 * An answering rule as stored, user or company: the fields RingCentral takes, as the request gave
 * them once the spec validated it (company rules use `extension`, user rules the others).
 */
interface AnsweringRule {
	id: string;
	type: string;
	name?: string;
	enabled: boolean;
	callers?: Array<{ callerId?: string; name?: string }>;
	calledNumbers?: Array<{ id?: string; phoneNumber?: string }>;
	schedule?: Schedule;
	callHandlingAction?: string;
	unconditionalForwarding?: { phoneNumber?: string; action?: string };
	queue?: unknown;
	transfer?: { extension: { id: string } };
	voicemail?: { enabled?: boolean; recipient?: { id: string } };
	missedCall?: unknown;
	greetings?: RuleGreeting[];
	screening?: string;
	forwarding?: RuleForwarding;
	/** the Bypass target of a company rule */
	extension?: { id: string };
}

interface ForwardingNumber {
	id: string;
	phoneNumber: string;
	label: string;
	type: string;
	features: string[];
	flipNumber?: string;
	/** numbers of devices (desk phones) */
	device?: { id: string };
}

interface BlockingSettings {
	mode: string;
	noCallerId: string;
	payPhones: string;
	greetings: RuleGreeting[];
}

interface BlockedNumber {
	id: string;
	phoneNumber: string;
	label: string;
	/** Blocked or Allowed */
	status: string;
}

type AudioType = 'audio/wav' | 'audio/mpeg';

interface CustomGreeting {
	id: string;
	/** the extension id, or 'company' */
	owner: string;
	type: string;
	contentType: AudioType;
	data: Buffer;
	fileName: string | undefined;
	durationSeconds: number;
	answeringRuleId: string | undefined;
}

interface CallHandlingStore {
	nextId: number;
	directNumbers: Map<string, string>;
	companyHours: WeeklyRanges;
	/** extension → weekly ranges ({} = 24/7) */
	userHours: Map<string, WeeklyRanges>;
	userRules: Map<string, Map<string, AnsweringRule>>;
	companyRules: Map<string, AnsweringRule>;
	forwarding: Map<string, Map<string, ForwardingNumber>>;
	blocking: Map<string, BlockingSettings>;
	blockedNumbers: Map<string, Map<string, BlockedNumber>>;
	/** custom greetings by id */
	greetings: Map<string, CustomGreeting>;
	id(): string;
}

function store(ctx: Ctx): CallHandlingStore {
	return ctx.store('callHandling', () => createStore(ctx.state));
}

/** The company's call handling as RingCentral sets up a new account; users' settings appear on first use. */
function createStore(state: State): CallHandlingStore {
	const directNumbers = new Map(state.users.map((id) => [id, String(personOf(state, id)?.directNumber)]));
	return {
		nextId: 1009437000,
		directNumbers,
		companyHours: weekly(WEEKDAYS, [{ from: '09:00', to: '17:00' }]),
		userHours: new Map(),
		userRules: new Map(),
		companyRules: new Map([
			[BUSINESS_HOURS_RULE, companyRule(BUSINESS_HOURS_RULE, 'BusinessHours', 'Business Hours', '196608')],
			[AFTER_HOURS_RULE, companyRule(AFTER_HOURS_RULE, 'AfterHours', 'After Hours', '197120')],
		]),
		forwarding: new Map(),
		blocking: new Map(),
		blockedNumbers: new Map(),
		greetings: new Map(),
		id() {
			this.nextId += 1;
			return String(this.nextId);
		},
	};
}

function weekly(days: readonly string[], ranges: TimeRange[]): WeeklyRanges {
	return Object.fromEntries(days.map((day) => [day, ranges.map((r) => ({ ...r }))]));
}

function companyRule(id: string, type: string, name: string, presetId: string): AnsweringRule {
	return {
		id,
		type,
		name,
		enabled: true,
		schedule: { ref: type },
		callHandlingAction: 'Operator',
		greetings: [{ type: 'Company', preset: { id: presetId } }],
	};
}

// ---------------------------------------------------------------- validation

/** Weekly ranges as RingCentral checks them: known days, hh:mm times, from before to, no overlaps. */
function checkWeeklyRanges(weeklyRanges: WeeklyRanges | undefined, path: string, options: { requireRanges?: boolean } = {}): void {
	if (weeklyRanges === undefined) return;
	for (const [day, ranges] of Object.entries(weeklyRanges ?? {})) {
		if (!DAYS.includes(day)) throw errors.invalidParameter(`${path}.${day}`, 'Unknown day of the week.');
		if (!Array.isArray(ranges) || (options.requireRanges && ranges.length === 0)) {
			throw new RcError(400, 'AWR-176', `At least one time range for [${day}] required`, { parameterName: `${path}.${day}` });
		}
		const sorted = ranges
			.map((range, index) => {
				for (const end of ['from', 'to'] as const) {
					if (!TIME.test(String(range?.[end] ?? ''))) {
						throw errors.invalidParameter(`${path}.${day}[${index}].${end}`, 'Use the time format hh:mm (00:00 to 23:59).');
					}
				}
				if (range.from >= range.to) {
					throw errors.invalidParameter(`${path}.${day}[${index}]`, `The range must end after it starts (${range.from} - ${range.to}).`);
				}
				return { ...range, index };
			})
			.sort((a, b) => a.from.localeCompare(b.from));
		for (let i = 1; i < sorted.length; i++) {
			if (sorted[i].from < sorted[i - 1].to) {
				throw errors.invalidParameter(`${path}.${day}[${sorted[i].index}]`, 'Time ranges of one day must not overlap.');
			}
		}
	}
}

function checkSchedule(schedule: Schedule | undefined, path = 'schedule'): void {
	if (schedule === undefined) return;
	const kinds = (['weeklyRanges', 'ranges', 'ref'] as const).filter((k) => schedule[k] !== undefined);
	if (kinds.length > 1) throw errors.invalidParameter(path, `Only one of weeklyRanges, ranges or ref may be given, not ${kinds.join(' and ')}.`);
	checkWeeklyRanges(schedule.weeklyRanges, `${path}.weeklyRanges`);
	(schedule.ranges ?? []).forEach((range, index) => {
		if (!(Date.parse(range.from) < Date.parse(range.to))) {
			throw errors.invalidParameter(`${path}.ranges[${index}]`, 'The range must end after it starts.');
		}
	});
	if ((schedule.ranges ?? []).length > 1000) throw new RcError(400, 'AWR-126', 'The amount of schedule ranges exceeds 1000');
}

function checkName(body: Pick<AnsweringRule, 'name'>): void {
	if (body.name !== undefined && String(body.name).length > MAX_RULE_NAME) {
		throw new RcError(400, 'AWR-179', `[name] is too long: up to ${MAX_RULE_NAME} symbols supported`, { parameterName: 'name' });
	}
	if (body.name !== undefined && !String(body.name).trim()) throw errors.invalidParameter('name', 'The name must not be empty.');
}

/** A custom rule must say when it applies; a Business/After Hours reference alone is not a condition. */
function checkConditions(rule: AnsweringRule): void {
	const hasCallers = (rule.callers ?? []).length > 0;
	const hasNumbers = (rule.calledNumbers ?? []).length > 0;
	const schedule = rule.schedule ?? {};
	const hasOwnSchedule = Object.keys(schedule.weeklyRanges ?? {}).length > 0 || (schedule.ranges ?? []).length > 0;
	if (!hasCallers && !hasNumbers && !hasOwnSchedule) {
		if (schedule.ref) {
			throw new RcError(400, 'AWR-120', 'Business Hours/After Hours schedule condition is allowed only with other answering rule conditions');
		}
		throw new RcError(400, 'AWR-111', 'At least one condition should be specified');
	}
}

function checkCallers(callers: AnsweringRule['callers']): void {
	const seen = new Set<string>();
	(callers ?? []).forEach((caller, index) => {
		const id = String(caller.callerId ?? '').trim();
		if (!id) throw errors.invalidParameter(`callers[${index}].callerId`, 'Enter the caller\'s phone number.');
		if (seen.has(id)) throw new RcError(400, 'AWR-107', 'More than one caller with the same [callerId]', { parameterName: `callers[${index}].callerId` });
		seen.add(id);
	});
}

/** @param allowed the numbers the rule's owner answers */
function checkCalledNumbers(calledNumbers: AnsweringRule['calledNumbers'], allowed: Array<string | undefined>): void {
	const seen = new Set<string>();
	(calledNumbers ?? []).forEach((called, index) => {
		const number = String(called.phoneNumber ?? '');
		if (seen.has(number)) {
			throw new RcError(400, 'AWR-113', 'More than one called number with the same [calledNumbers.phoneNumber]', {
				parameterName: `calledNumbers[${index}].phoneNumber`,
			});
		}
		seen.add(number);
		if (!allowed.includes(number)) throw errors.notFound(`calledNumbers[${index}].phoneNumber`);
	});
}

/**
 * Greetings of a rule: one per type, presets from the dictionary that fit the type and usage,
 * custom greetings uploaded for the same owner.
 * @param owner extension id or 'company'
 */
function checkRuleGreetings(ctx: Ctx, greetings: RuleGreeting[] | undefined, usages: Array<string | undefined>, owner: string): void {
	const seen = new Set<string>();
	(greetings ?? []).forEach((greeting, index) => {
		if (seen.has(greeting.type)) throw new RcError(400, 'AWR-106', `Greeting [${greeting.type}] is duplicated`, { parameterName: `greetings[${index}].type` });
		seen.add(greeting.type);
		if (greeting.custom) {
			const custom = store(ctx).greetings.get(String(greeting.custom.id));
			if (!custom || custom.owner !== owner) throw errors.notFound(`greetings[${index}].custom.id`);
			return;
		}
		const presetId = String(greeting.preset?.id ?? '');
		if (!presetId) throw errors.invalidParameter(`greetings[${index}]`, 'Give a preset or a custom greeting.');
		const preset = GREETING_BY_ID.get(presetId);
		if (!preset) {
			throw new RcError(400, 'AWR-124', `presetId specified for greeting type [${greeting.type}] is not found`, {
				parameterName: `greetings[${index}].preset.id`,
			});
		}
		if (usages.includes('CompanyAnsweringRule') && preset.type !== 'Company') {
			throw new RcError(400, 'AWR-170', 'Invalid greeting type: preset with [CompanyGreeting] must be used', {
				parameterName: `greetings[${index}].preset.id`,
			});
		}
		if (preset.type !== greeting.type || !usages.includes(preset.usageType)) {
			throw new RcError(400, 'AWR-123', `Preset [${presetId}] can not be used for greeting type [${greeting.type}]`, {
				parameterName: `greetings[${index}].preset.id`,
			});
		}
	});
}

// ---------------------------------------------------------------- business hours

function scheduleBody(ranges: WeeklyRanges): Schedule {
	const days = DAYS.filter((day) => ranges[day]?.length);
	return days.length ? { weeklyRanges: Object.fromEntries(days.map((day) => [day, ranges[day]])) } : {};
}

function userHoursOf(ctx: Ctx, id: string): WeeklyRanges {
	const hours = store(ctx).userHours;
	let ranges = hours.get(id);
	if (!ranges) {
		// The account owner keeps custom hours; everybody else starts on 24/7.
		ranges = id === ctx.state.ids.admin ? weekly(WEEKDAYS, [{ from: '08:00', to: '18:00' }]) : {};
		hours.set(id, ranges);
	}
	return ranges;
}

function readUserBusinessHours(ctx: Ctx): HandlerResult {
	const accountId = accountOf(ctx);
	const id = extensionOf(ctx);
	return {
		body: {
			uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/extension/${id}/business-hours`,
			schedule: scheduleBody(userHoursOf(ctx, id)),
		},
	};
}

function updateUserBusinessHours(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	assertMayEdit(ctx, id);
	const ranges: WeeklyRanges = ctx.body.schedule?.weeklyRanges ?? {};
	checkWeeklyRanges(ranges, 'schedule.weeklyRanges');
	store(ctx).userHours.set(id, structuredClone(ranges));
	return readUserBusinessHours(ctx);
}

function readCompanyBusinessHours(ctx: Ctx): HandlerResult {
	const accountId = accountOf(ctx);
	return {
		body: { uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/business-hours`, schedule: scheduleBody(store(ctx).companyHours) },
	};
}

function updateCompanyBusinessHours(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	requireAdmin(ctx, 'EditCompanyAnsweringRules');
	const ranges: WeeklyRanges = ctx.body.schedule?.weeklyRanges ?? {};
	checkWeeklyRanges(ranges, 'schedule.weeklyRanges', { requireRanges: true });
	store(ctx).companyHours = structuredClone(ranges);
	return readCompanyBusinessHours(ctx);
}

/** Company-wide settings need an administrator. */
function requireAdmin(ctx: Ctx, permission: string): void {
	if (ctx.state.extensions.get(ctx.auth.extensionId)?.admin) return;
	throw new RcError(403, 'CMN-408', `In order to call this API endpoint, user needs to have [${permission}] permission for requested resource.`, {
		legacyCode: 'InsufficientPermissions',
		extra: { permissionName: permission },
	});
}

// ---------------------------------------------------------------- forwarding numbers

function forwardingOf(ctx: Ctx, id: string): Map<string, ForwardingNumber> {
	const type = extensionRecordOf(ctx, id).type;
	if (type !== 'User') throw new RcError(403, 'CMN-403', 'The feature is not available for this extension type');
	const all = store(ctx).forwarding;
	let numbers = all.get(id);
	if (!numbers) {
		const index = ctx.state.users.indexOf(id);
		const s = store(ctx);
		numbers = new Map(
			[
				{ phoneNumber: `+1415555${3000 + index}`, label: 'Mobile', type: 'Mobile', features: ['CallFlip', 'CallForwarding'], flipNumber: '1' },
				// the desk phone rings on the user's direct number
				{ phoneNumber: s.directNumbers.get(id) ?? '', label: 'Desk Phone', type: 'PhoneLine', features: ['CallForwarding'], device: { id: String(80440001 + index) } },
			].map((number): [string, ForwardingNumber] => {
				const numberId = s.id();
				return [numberId, { id: numberId, ...number }];
			}),
		);
		all.set(id, numbers);
	}
	return numbers;
}

/** A user's forwarding numbers in order; other extension types have none. */
function forwardingNumbersOf(ctx: Ctx, extensionId: string): ForwardingNumber[] {
	return extensionRecordOf(ctx, extensionId).type === 'User' ? [...forwardingOf(ctx, extensionId).values()] : [];
}

function forwardingResource(ctx: Ctx, extensionId: string, number: ForwardingNumber) {
	const extension = extensionRecordOf(ctx, extensionId);
	return {
		id: number.id,
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/forwarding-number/${number.id}`,
		phoneNumber: number.phoneNumber,
		label: number.label,
		type: number.type,
		features: number.features,
		...(number.flipNumber !== undefined ? { flipNumber: number.flipNumber } : {}),
		...(number.device ? { device: number.device } : {}),
		extension: { id: extensionId, name: extension.name, extensionNumber: extension.extensionNumber },
	};
}

function forwardingContext(ctx: Ctx): { extensionId: string; numbers: Map<string, ForwardingNumber> } {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	return { extensionId, numbers: forwardingOf(ctx, extensionId) };
}

function forwardingNumberOf(ctx: Ctx, numbers: Map<string, ForwardingNumber>): ForwardingNumber {
	const number = numbers.get(String(ctx.params.forwardingNumberId));
	if (!number) throw errors.notFound('forwardingNumberId');
	return number;
}

/** The checks RingCentral makes on a forwarding number's phone number, label and flip number. */
function checkForwardingNumber(ctx: Ctx, numbers: Map<string, ForwardingNumber>, candidate: Omit<ForwardingNumber, 'id'>, selfId?: string): void {
	const others = [...numbers.values()].filter((n) => n.id !== selfId);
	if (!E164.test(String(candidate.phoneNumber ?? ''))) {
		throw errors.invalidParameter('phoneNumber', 'Use the E.164 format, for example +16505550123.');
	}
	const direct = [...COMPANY_NUMBERS, ...store(ctx).directNumbers.values()];
	if (direct.includes(candidate.phoneNumber) && candidate.type !== 'PhoneLine') {
		throw new RcError(400, 'FPN-105', `Number ${candidate.phoneNumber} duplicates with company/extension direct number`, { parameterName: 'phoneNumber' });
	}
	if (others.some((n) => n.label === candidate.label)) {
		throw new RcError(400, 'FPN-102', `Label of number ${candidate.label} duplicates with existing forwarding number label`, { parameterName: 'label' });
	}
	if (candidate.flipNumber !== undefined) {
		const flip = Number(candidate.flipNumber);
		if (!Number.isInteger(flip) || flip < 1 || flip > 9) throw errors.invalidParameter('flipNumber', 'Flip numbers are 1 to 9.');
		if (others.some((n) => n.flipNumber === String(flip))) {
			throw new RcError(400, 'FPN-106', `Flip number ${flip} is already in use`, { parameterName: 'flipNumber' });
		}
	}
}

function listForwardingNumbers(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = forwardingContext(ctx);
	return { body: pageOf(ctx, [...numbers.values()].map((n) => forwardingResource(ctx, extensionId, n))) };
}

function createForwardingNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = forwardingContext(ctx);
	assertMayEdit(ctx, extensionId);
	const body = ctx.body;
	if (numbers.size >= MAX_FORWARDING_NUMBERS) {
		throw new RcError(400, 'FPN-103', `Limit of available forwarding numbers (${MAX_FORWARDING_NUMBERS}) exceeded`);
	}
	const type: string = body.type ?? 'Other';
	if (type === 'PhoneLine' || type === 'ExtensionApps') throw errors.invalidParameter('type', `Numbers of type ${type} come from devices and apps.`);
	// RingCentral ignores the label when a type is given, except for Other.
	const label: string = body.type && body.type !== 'Other' ? LABEL_OF_TYPE[type] : (body.label ?? 'Other');
	const candidate: Omit<ForwardingNumber, 'id'> = {
		phoneNumber: body.phoneNumber,
		label,
		type,
		features: ['CallFlip', 'CallForwarding'],
		...(body.flipNumber !== undefined ? { flipNumber: String(body.flipNumber) } : {}),
	};
	checkForwardingNumber(ctx, numbers, candidate);
	const id = store(ctx).id();
	const number = { id, ...candidate };
	numbers.set(id, number);
	return { body: forwardingResource(ctx, extensionId, number) };
}

function readForwardingNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = forwardingContext(ctx);
	return { body: forwardingResource(ctx, extensionId, forwardingNumberOf(ctx, numbers)) };
}

function updateForwardingNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = forwardingContext(ctx);
	assertMayEdit(ctx, extensionId);
	const number = forwardingNumberOf(ctx, numbers);
	const body = ctx.body ?? {};
	if (number.device && body.phoneNumber !== undefined && body.phoneNumber !== number.phoneNumber) {
		throw errors.invalidParameter('phoneNumber', 'The number of a device cannot be changed.');
	}
	const type: string = body.type ?? number.type;
	const label: string = body.type && body.type !== 'Other' ? (LABEL_OF_TYPE[type] ?? number.label) : (body.label ?? number.label);
	const candidate: ForwardingNumber = {
		...number,
		phoneNumber: body.phoneNumber ?? number.phoneNumber,
		label,
		type,
		...(body.flipNumber !== undefined && body.flipNumber !== '' ? { flipNumber: String(body.flipNumber) } : {}),
	};
	checkForwardingNumber(ctx, numbers, candidate, number.id);
	numbers.set(number.id, candidate);
	return { body: forwardingResource(ctx, extensionId, candidate) };
}

function deleteForwardingNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = forwardingContext(ctx);
	assertMayEdit(ctx, extensionId);
	const number = forwardingNumberOf(ctx, numbers);
	if (number.device) throw new RcError(403, 'FPN-107', 'Device number cannot be deleted from the forwarding number list');
	numbers.delete(number.id);
	// Rules that forwarded to the number forget it, as RingCentral does.
	for (const rule of rulesOf(ctx, extensionId).values()) {
		for (const group of rule.forwarding?.rules ?? []) {
			group.forwardingNumbers = group.forwardingNumbers.filter((f) => f.id !== number.id);
		}
	}
	return {};
}

// ---------------------------------------------------------------- user answering rules

function rulesOf(ctx: Ctx, extensionId: string): Map<string, AnsweringRule> {
	const extension = extensionRecordOf(ctx, extensionId);
	if (!ACTIONS_BY_TYPE[extension.type]) throw new RcError(403, 'CMN-403', 'The feature is not available for this extension type');
	const all = store(ctx).userRules;
	let rules = all.get(extensionId);
	if (!rules) {
		rules = defaultRules(ctx, extensionId, extension.type);
		all.set(extensionId, rules);
	}
	return rules;
}

function defaultRules(ctx: Ctx, extensionId: string, type: ExtensionType): Map<string, AnsweringRule> {
	const usage = USAGE_BY_TYPE[type];
	const presets = STANDARD_GREETINGS.filter((g) => g.usageType === usage);
	const firstOf = (greetingType: string) => presets.find((g) => g.type === greetingType);
	const greetings = ['Introductory', 'Announcement', 'ConnectingAudio', 'ConnectingMessage', 'Voicemail', 'Unavailable', 'HoldMusic']
		.map((greetingType) => firstOf(greetingType))
		.filter((preset): preset is StandardGreeting => Boolean(preset))
		.map((preset) => ({ type: preset.type, preset: { id: preset.id } }));
	const base = (id: string, ruleType: string, name: string) => ({
		id,
		type: ruleType,
		name,
		enabled: true,
		schedule: { ref: ruleType },
		greetings,
		screening: 'Off',
		voicemail: { enabled: true, recipient: { id: extensionId } },
	});
	if (type !== 'User') {
		const action = ACTIONS_BY_TYPE[type]?.[0];
		return new Map([
			[BUSINESS_HOURS_RULE, { ...base(BUSINESS_HOURS_RULE, 'BusinessHours', 'Business Hours'), callHandlingAction: action }],
			[AFTER_HOURS_RULE, { ...base(AFTER_HOURS_RULE, 'AfterHours', 'After Hours'), callHandlingAction: 'TakeMessagesOnly' }],
		]);
	}
	const numbers = [...forwardingOf(ctx, extensionId).values()];
	return new Map<string, AnsweringRule>([
		[
			BUSINESS_HOURS_RULE,
			{
				...base(BUSINESS_HOURS_RULE, 'BusinessHours', 'Business Hours'),
				callHandlingAction: 'ForwardCalls',
				forwarding: {
					notifyMySoftPhones: true,
					softPhonesRingCount: 1,
					softPhonesAlwaysRing: true,
					softPhonesPositionTop: false,
					ringingMode: 'Sequentially',
					rules: defaultForwardingRules(numbers),
				},
			},
		],
		[AFTER_HOURS_RULE, { ...base(AFTER_HOURS_RULE, 'AfterHours', 'After Hours'), callHandlingAction: 'TakeMessagesOnly' }],
	]);
}

function ruleContext(ctx: Ctx, extensionId: string = extensionOf(ctx)): { extensionId: string; rules: Map<string, AnsweringRule> } {
	accountOf(ctx);
	return { extensionId, rules: rulesOf(ctx, extensionId) };
}

function ruleOf(ctx: Ctx, rules: Map<string, AnsweringRule>): AnsweringRule {
	const rule = rules.get(String(ctx.params.ruleId));
	if (!rule) throw errors.notFound('ruleId');
	return rule;
}

function ruleResource(
	ctx: Ctx,
	extensionId: string,
	rule: AnsweringRule,
	options: { view?: string | string[]; showInactiveNumbers?: boolean } = {},
): Record<string, unknown> {
	const uri = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/answering-rule/${rule.id}`;
	if (options.view === 'Simple') return { uri, id: rule.id, type: rule.type, name: rule.name, enabled: rule.enabled };
	const numbers = extensionRecordOf(ctx, extensionId).type === 'User' ? forwardingOf(ctx, extensionId) : new Map<string, ForwardingNumber>();
	const copy = structuredClone(rule);
	const body: Record<string, unknown> = { uri, ...copy };
	if (rule.forwarding) {
		const groups = rule.forwarding.rules ?? [];
		body.forwarding = {
			...copy.forwarding,
			rules: groups
				.filter((group) => options.showInactiveNumbers || group.enabled !== false)
				.map((group) => {
					const { enabled, ...rest } = group;
					return {
						...rest,
						...(options.showInactiveNumbers ? { enabled } : {}),
						forwardingNumbers: group.forwardingNumbers
							.map((f) => numbers.get(f.id))
							.filter((n): n is ForwardingNumber => Boolean(n))
							.map((n) => ({
								id: n.id,
								uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/forwarding-number/${n.id}`,
								phoneNumber: n.phoneNumber,
								label: n.label,
								type: n.type,
							})),
					};
				}),
		};
	}
	if (rule.transfer) body.transfer = { extension: extensionRef(ctx, rule.transfer.extension.id) };
	if (rule.voicemail?.recipient) {
		body.voicemail = {
			...copy.voicemail,
			recipient: {
				id: rule.voicemail.recipient.id,
				uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${rule.voicemail.recipient.id}`,
			},
		};
	}
	body.greetings = (rule.greetings ?? []).map((g) => greetingRef(ctx, g));
	return body;
}

function extensionRef(ctx: Ctx, id: string) {
	const extension = extensionRecordOf(ctx, String(id));
	return {
		id: String(id),
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${id}`,
		name: extension.name,
		extensionNumber: extension.extensionNumber,
	};
}

function greetingRef(ctx: Ctx, greeting: RuleGreeting) {
	if (greeting.custom) return { type: greeting.type, custom: { id: greeting.custom.id } };
	const preset = GREETING_BY_ID.get(String(greeting.preset?.id));
	return {
		type: greeting.type,
		preset: { uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/greeting/${preset?.id}`, id: String(preset?.id), name: preset?.name ?? '' },
	};
}

/**
 * What a user rule's fields must satisfy, on create and on update.
 * @param rule the rule as it would be stored
 * @param changes the request body
 */
function checkUserRule(ctx: Ctx, extensionId: string, rule: AnsweringRule, changes: RequestBody): void {
	const extension = extensionRecordOf(ctx, extensionId);
	checkName(rule);
	checkSchedule(rule.schedule);
	checkCallers(rule.callers);
	const numbers = extension.type === 'User' ? [store(ctx).directNumbers.get(extensionId)] : COMPANY_NUMBERS;
	checkCalledNumbers(rule.calledNumbers, numbers);
	if (rule.type === 'Custom') checkConditions(rule);
	if (rule.callHandlingAction && !ACTIONS_BY_TYPE[extension.type]?.includes(rule.callHandlingAction)) {
		throw errors.invalidParameter('callHandlingAction', `${rule.callHandlingAction} is not available for extensions of type ${extension.type}.`);
	}
	if (rule.callHandlingAction === 'UnconditionalForwarding' && !rule.unconditionalForwarding?.phoneNumber) {
		throw errors.invalidParameter('unconditionalForwarding.phoneNumber', 'Unconditional forwarding needs a phone number.');
	}
	if (rule.unconditionalForwarding?.phoneNumber && !E164.test(rule.unconditionalForwarding.phoneNumber)) {
		throw errors.invalidParameter('unconditionalForwarding.phoneNumber', 'Use the E.164 format, for example +16505550123.');
	}
	if (rule.callHandlingAction === 'TransferToExtension') {
		const target = String(rule.transfer?.extension?.id ?? '');
		if (!target) throw errors.invalidParameter('transfer.extension.id', 'Transfer to extension needs the extension.');
		if (!ctx.state.extensions.has(target)) throw errors.notFound('transfer.extension.id');
	}
	checkForwardingRules(ctx, extensionId, rule.forwarding);
	const recipient = rule.voicemail?.recipient?.id;
	if (recipient !== undefined) {
		const type = ctx.state.extensions.get(String(recipient))?.type;
		if (!type) throw errors.notFound('voicemail.recipient.id');
		if (!['User', 'Voicemail', 'SharedLinesGroup'].includes(type) && String(recipient) !== extensionId) {
			throw new RcError(400, 'AWR-149', 'Only user, voicemail or shared line group extension can be a voicemail recipient', {
				parameterName: 'voicemail.recipient.id',
			});
		}
	}
	if (changes.greetings?.some((g: RuleGreeting) => g.type === 'HoldMusic') && rule.id !== BUSINESS_HOURS_RULE) {
		throw new RcError(400, 'AWR-165', 'Hold music can be set for business hours rule only: the same value will be applied to all rules');
	}
	checkRuleGreetings(ctx, rule.greetings, [USAGE_BY_TYPE[extension.type]], extensionId);
}

function checkForwardingRules(ctx: Ctx, extensionId: string, forwarding: RuleForwarding | undefined): void {
	if (!forwarding?.rules) return;
	const numbers = forwardingOf(ctx, extensionId);
	const used = new Set<string>();
	forwarding.rules.forEach((group, position) => {
		if (group.index !== undefined && group.index < 1) throw new RcError(400, 'AWR-137', 'Rule index should be greater than 0');
		if (group.index !== undefined && group.index !== position + 1) throw new RcError(400, 'AWR-100', 'Rule indexes should be sequential');
		(group.forwardingNumbers ?? []).forEach((f, index) => {
			const parameter = `forwarding.rules[${position}].forwardingNumbers[${index}].id`;
			if (!numbers.has(String(f.id))) throw errors.notFound(parameter);
			if (used.has(String(f.id))) {
				throw new RcError(400, 'AWR-101', 'Parameter [forwarding.rules[].forwardingNumbers[].id] are duplicated', { parameterName: parameter });
			}
			used.add(String(f.id));
		});
	});
}

/** A user's forwarding numbers ringing one after the other: what a rule forwards to unless told otherwise. */
function defaultForwardingRules(numbers: readonly ForwardingNumber[]): ForwardingGroup[] {
	return numbers.map((number, index) => ({ index: index + 1, ringCount: 4, enabled: true, forwardingNumbers: [{ id: number.id }] }));
}

/**
 * The stored form of a rule's forwarding: numbers by id only.
 * @param forwarding the request's forwarding, if any
 * @param defaults the forwarding rules of a rule that sends forwarding settings but none of its own
 */
function storedForwarding(forwarding: RequestBody, defaults: () => ForwardingGroup[], previous?: RuleForwarding): RuleForwarding | undefined {
	if (!forwarding) return previous;
	const merged: RuleForwarding = { ...(previous ?? {}), ...forwarding };
	merged.rules ??= defaults();
	if (forwarding.rules) {
		merged.rules = forwarding.rules.map((group: RequestBody, position: number) => ({
			index: group.index ?? position + 1,
			ringCount: group.ringCount ?? 4,
			enabled: group.enabled ?? true,
			forwardingNumbers: (group.forwardingNumbers ?? []).map((f: RequestBody) => ({ id: String(f.id) })),
		}));
	}
	return merged;
}

/** Copies the fields the request gives onto a stored rule, as deep copies. */
function copyGiven(rule: AnsweringRule, body: RequestBody, fields: ReadonlyArray<keyof AnsweringRule>): void {
	for (const key of fields) if (body[key] !== undefined) assign(rule, key, structuredClone(body[key]));
}

function assign<K extends keyof AnsweringRule>(rule: AnsweringRule, key: K, value: AnsweringRule[K]): void {
	rule[key] = value;
}

const USER_RULE_FIELDS: ReadonlyArray<keyof AnsweringRule> = [
	'name',
	'enabled',
	'callers',
	'calledNumbers',
	'schedule',
	'callHandlingAction',
	'unconditionalForwarding',
	'queue',
	'transfer',
	'voicemail',
	'missedCall',
	'greetings',
	'screening',
];

function listAnsweringRules(ctx: Ctx): HandlerResult {
	const { extensionId, rules } = ruleContext(ctx);
	const types = listOf(ctx.query.type);
	const view = ctx.query.view ?? 'Simple';
	const records = [...rules.values()]
		.filter((rule) => !types.length || types.includes(rule.type))
		.filter((rule) => !flag(ctx.query.enabledOnly) || rule.enabled)
		.map((rule) => ruleResource(ctx, extensionId, rule, { view }));
	return { body: pageOf(ctx, records) };
}

function createAnsweringRule(ctx: Ctx): HandlerResult {
	const { extensionId, rules } = ruleContext(ctx);
	assertMayEdit(ctx, extensionId);
	const body = ctx.body;
	if (body.type !== 'Custom') {
		throw new RcError(400, 'AWR-108', 'Only custom rule can be created', { parameterName: 'type' });
	}
	const id = store(ctx).id();
	const rule: AnsweringRule = { id, type: 'Custom', enabled: true, screening: 'Off', callHandlingAction: 'ForwardCalls' };
	copyGiven(rule, body, USER_RULE_FIELDS);
	const extensionType = extensionRecordOf(ctx, extensionId).type;
	if (extensionType !== 'User' && !body.callHandlingAction) rule.callHandlingAction = ACTIONS_BY_TYPE[extensionType]?.[0];
	rule.forwarding = storedForwarding(body.forwarding, () => defaultForwardingRules(forwardingNumbersOf(ctx, extensionId)));
	checkUserRule(ctx, extensionId, rule, body);
	if (!rule.forwarding) delete rule.forwarding;
	rules.set(id, rule);
	return { body: ruleResource(ctx, extensionId, rule) };
}

function readAnsweringRule(ctx: Ctx): HandlerResult {
	const { extensionId, rules } = ruleContext(ctx);
	return { body: ruleResource(ctx, extensionId, ruleOf(ctx, rules), { showInactiveNumbers: flag(ctx.query.showInactiveNumbers) }) };
}

function updateAnsweringRule(ctx: Ctx): HandlerResult {
	const { extensionId, rules } = ruleContext(ctx);
	assertMayEdit(ctx, extensionId);
	const rule = ruleOf(ctx, rules);
	const body = ctx.body ?? {};
	if (body.type !== undefined && body.type !== rule.type) throw new RcError(400, 'AWR-164', 'Rule type cannot be changed', { parameterName: 'type' });
	if (rule.type !== 'Custom' && (body.callers || body.calledNumbers || body.schedule)) {
		throw errors.invalidParameter(body.schedule ? 'schedule' : body.callers ? 'callers' : 'calledNumbers', `The conditions of the ${rule.name} rule are fixed.`);
	}
	const updated = structuredClone(rule);
	copyGiven(updated, body, USER_RULE_FIELDS);
	updated.forwarding = storedForwarding(body.forwarding, () => defaultForwardingRules(forwardingNumbersOf(ctx, extensionId)), rule.forwarding);
	checkUserRule(ctx, extensionId, updated, body);
	if (!updated.forwarding) delete updated.forwarding;
	rules.set(rule.id, updated);
	return {
		body: ruleResource(ctx, extensionId, updated, { showInactiveNumbers: body.showInactiveNumbers === true }),
	};
}

function deleteAnsweringRule(ctx: Ctx): HandlerResult {
	const { extensionId, rules } = ruleContext(ctx);
	assertMayEdit(ctx, extensionId);
	const rule = ruleOf(ctx, rules);
	if (rule.type !== 'Custom') throw new RcError(403, 'AWR-110', 'Business Hours/After Hours rule cannot be deleted');
	rules.delete(rule.id);
	return {};
}

// ---------------------------------------------------------------- company answering rules

const COMPANY_RULE_FIELDS: ReadonlyArray<keyof AnsweringRule> = ['name', 'enabled', 'callers', 'calledNumbers', 'schedule', 'callHandlingAction', 'extension', 'greetings'];

function companyRuleResource(ctx: Ctx, rule: AnsweringRule, listed = false): Record<string, unknown> {
	const uri = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/answering-rule/${rule.id}`;
	const summary = {
		id: rule.id,
		uri,
		enabled: rule.enabled,
		type: rule.type,
		name: rule.name,
		...(rule.calledNumbers ? { calledNumbers: rule.calledNumbers.map((n) => ({ phoneNumber: n.phoneNumber })) } : {}),
		...(rule.extension ? { extension: { id: String(rule.extension.id) } } : {}),
	};
	if (listed) return summary;
	return {
		...summary,
		...(rule.callers ? { callers: rule.callers } : {}),
		...(rule.calledNumbers ? { calledNumbers: rule.calledNumbers.map((n) => ({ id: companyNumberId(n.phoneNumber), phoneNumber: n.phoneNumber })) } : {}),
		...(rule.schedule ? { schedule: rule.schedule } : {}),
		callHandlingAction: rule.callHandlingAction,
		greetings: (rule.greetings ?? []).map((g) => greetingRef(ctx, g)),
	};
}

function companyNumberId(phoneNumber: string | undefined): string | undefined {
	return COMPANY_PHONE_NUMBERS.find((number) => number.phoneNumber === phoneNumber)?.id;
}

function checkCompanyRule(ctx: Ctx, rule: AnsweringRule): void {
	checkName(rule);
	checkSchedule(rule.schedule);
	checkCallers(rule.callers);
	(rule.calledNumbers ?? []).forEach((n) => {
		if (!n.phoneNumber && n.id) n.phoneNumber = COMPANY_NUMBERS.find((number) => companyNumberId(number) === String(n.id));
	});
	checkCalledNumbers(rule.calledNumbers, COMPANY_NUMBERS);
	if (rule.type === 'Custom') checkConditions(rule);
	if (rule.callHandlingAction === 'Bypass' && !rule.extension?.id) {
		throw new RcError(400, 'AWR-172', '[extension] must be specified for [Bypass] call handling action', { parameterName: 'extension' });
	}
	if (rule.callHandlingAction !== 'Bypass' && rule.extension) {
		throw new RcError(400, 'AWR-173', '[extension] can be specified for [Bypass] call handling action only', { parameterName: 'extension' });
	}
	if (rule.extension && !ctx.state.extensions.has(String(rule.extension.id))) throw errors.notFound('extension.id');
	checkRuleGreetings(ctx, rule.greetings, ['CompanyAnsweringRule', 'CompanyAfterHoursAnsweringRule'], 'company');
}

function companyRuleOf(ctx: Ctx): AnsweringRule {
	const rule = store(ctx).companyRules.get(String(ctx.params.ruleId));
	if (!rule) throw errors.notFound('ruleId');
	return rule;
}

function listCompanyAnsweringRules(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	const types = listOf(ctx.query.type);
	const records = [...store(ctx).companyRules.values()]
		.filter((rule) => !types.length || types.includes(rule.type))
		.map((rule) => companyRuleResource(ctx, rule, true));
	return { body: pageOf(ctx, records) };
}

function createCompanyAnsweringRule(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	requireAdmin(ctx, 'EditCompanyAnsweringRules');
	const body = ctx.body;
	if ((body.type ?? 'Custom') !== 'Custom') throw new RcError(400, 'AWR-108', 'Only custom rule can be created', { parameterName: 'type' });
	const s = store(ctx);
	const id = s.id();
	const rule: AnsweringRule = { id, type: 'Custom', enabled: true, callHandlingAction: 'Operator', name: `My Rule ${s.companyRules.size - 1}` };
	copyGiven(rule, body, COMPANY_RULE_FIELDS);
	checkCompanyRule(ctx, rule);
	s.companyRules.set(id, rule);
	return { body: companyRuleResource(ctx, rule) };
}

function readCompanyAnsweringRule(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	return { body: companyRuleResource(ctx, companyRuleOf(ctx)) };
}

function updateCompanyAnsweringRule(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	requireAdmin(ctx, 'EditCompanyAnsweringRules');
	const rule = companyRuleOf(ctx);
	const body = ctx.body ?? {};
	if (body.type !== undefined && body.type !== rule.type) throw new RcError(400, 'AWR-164', 'Rule type cannot be changed', { parameterName: 'type' });
	const updated = structuredClone(rule);
	copyGiven(updated, body, COMPANY_RULE_FIELDS);
	if (body.callHandlingAction !== undefined && body.callHandlingAction !== 'Bypass' && body.extension === undefined) delete updated.extension;
	checkCompanyRule(ctx, updated);
	store(ctx).companyRules.set(rule.id, updated);
	return { body: companyRuleResource(ctx, updated) };
}

function deleteCompanyAnsweringRule(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	requireAdmin(ctx, 'EditCompanyAnsweringRules');
	const rule = companyRuleOf(ctx);
	if (rule.type !== 'Custom') throw new RcError(403, 'AWR-110', 'Business Hours/After Hours rule cannot be deleted');
	store(ctx).companyRules.delete(rule.id);
	return {};
}

// ---------------------------------------------------------------- caller blocking

/** The dictionary's first preset of a greeting type. */
function presetOfType(type: string): StandardGreeting {
	const preset = STANDARD_GREETINGS.find((g) => g.type === type);
	if (!preset) throw new Error(`No standard greeting of type ${type}`);
	return preset;
}

function blockingOf(ctx: Ctx, id: string): BlockingSettings {
	const all = store(ctx).blocking;
	let settings = all.get(id);
	if (!settings) {
		settings = {
			mode: 'Specific',
			noCallerId: 'Allow',
			payPhones: 'Allow',
			greetings: ['BlockedCallersSpecific', 'BlockedNoCallerId', 'BlockedPayPhones'].map((type) => ({
				type,
				preset: { id: presetOfType(type).id },
			})),
		};
		all.set(id, settings);
	}
	return settings;
}

function blockingResource(ctx: Ctx, settings: BlockingSettings) {
	return {
		mode: settings.mode,
		noCallerId: settings.noCallerId,
		payPhones: settings.payPhones,
		greetings: settings.greetings.map((g) => greetingRef(ctx, g)),
	};
}

function readCallerBlockingSettings(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	return { body: blockingResource(ctx, blockingOf(ctx, extensionOf(ctx))) };
}

function updateCallerBlockingSettings(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	const id = extensionOf(ctx);
	assertMayEdit(ctx, id);
	const settings = blockingOf(ctx, id);
	const body = ctx.body ?? {};
	if (body.greetings !== undefined) {
		body.greetings.forEach((greeting: RequestBody, index: number) => {
			const preset = GREETING_BY_ID.get(String(greeting.preset?.id ?? ''));
			if (!preset || preset.usageType !== 'BlockedCalls' || preset.type !== greeting.type) {
				throw errors.invalidParameter('greetings', `Greeting ${index + 1} (${greeting.type}) needs a blocked-calls preset of that type.`);
			}
		});
	}
	for (const key of ['mode', 'noCallerId', 'payPhones'] as const) if (body[key] !== undefined) settings[key] = body[key];
	if (body.greetings !== undefined) {
		const byType = new Map(settings.greetings.map((g) => [g.type, g]));
		for (const g of body.greetings) byType.set(g.type, { type: g.type, preset: { id: String(g.preset.id) } });
		settings.greetings = [...byType.values()];
	}
	return { body: blockingResource(ctx, settings) };
}

function blockedNumbersOf(ctx: Ctx): { extensionId: string; numbers: Map<string, BlockedNumber> } {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	const all = store(ctx).blockedNumbers;
	let numbers = all.get(extensionId);
	if (!numbers) {
		const s = store(ctx);
		numbers = new Map(
			[
				{ phoneNumber: '+18005550199', label: 'Extended warranty robocalls', status: 'Blocked' },
				{ phoneNumber: '+12025550143', label: 'Unknown telemarketer', status: 'Blocked' },
				{ phoneNumber: '+16505550123', label: 'Pat Customer', status: 'Allowed' },
			].map((entry): [string, BlockedNumber] => {
				const id = s.id();
				return [id, { id, ...entry }];
			}),
		);
		all.set(extensionId, numbers);
	}
	return { extensionId, numbers };
}

function blockedResource(ctx: Ctx, extensionId: string, entry: BlockedNumber) {
	return {
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extensionId}/caller-blocking/phone-numbers/${entry.id}`,
		id: entry.id,
		phoneNumber: entry.phoneNumber,
		...(entry.label ? { label: entry.label } : {}),
		status: entry.status,
	};
}

function checkBlockedNumber(numbers: Map<string, BlockedNumber>, candidate: Omit<BlockedNumber, 'id'>, selfId?: string): void {
	if (!E164.test(String(candidate.phoneNumber ?? ''))) {
		throw errors.invalidParameter('phoneNumber', 'Use the E.164 format, for example +16505550123.');
	}
	const duplicate = [...numbers.values()].find((n) => n.id !== selfId && n.phoneNumber === candidate.phoneNumber);
	if (duplicate) throw errors.invalidParameter('phoneNumber', `${candidate.phoneNumber} is already on the ${duplicate.status.toLowerCase()} list.`);
}

function blockedEntryOf(ctx: Ctx, numbers: Map<string, BlockedNumber>): BlockedNumber {
	const entry = numbers.get(String(ctx.params.blockedNumberId));
	if (!entry) throw errors.notFound('blockedNumberId');
	return entry;
}

function listBlockedAllowedNumbers(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = blockedNumbersOf(ctx);
	const status = ctx.query.status ?? 'Blocked';
	const records = [...numbers.values()].filter((n) => n.status === status).map((n) => blockedResource(ctx, extensionId, n));
	return { body: pageOf(ctx, records) };
}

function createBlockedAllowedNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = blockedNumbersOf(ctx);
	assertMayEdit(ctx, extensionId);
	const candidate: Omit<BlockedNumber, 'id'> = { phoneNumber: ctx.body.phoneNumber, label: ctx.body.label ?? '', status: ctx.body.status ?? 'Blocked' };
	checkBlockedNumber(numbers, candidate);
	const id = store(ctx).id();
	const entry = { id, ...candidate };
	numbers.set(id, entry);
	return { body: blockedResource(ctx, extensionId, entry) };
}

function readBlockedAllowedNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = blockedNumbersOf(ctx);
	return { body: blockedResource(ctx, extensionId, blockedEntryOf(ctx, numbers)) };
}

function updateBlockedAllowedNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = blockedNumbersOf(ctx);
	assertMayEdit(ctx, extensionId);
	const entry = blockedEntryOf(ctx, numbers);
	const body = ctx.body ?? {};
	const candidate = { ...entry };
	for (const key of ['phoneNumber', 'label', 'status'] as const) if (body[key] !== undefined) candidate[key] = body[key];
	checkBlockedNumber(numbers, candidate, entry.id);
	numbers.set(entry.id, candidate);
	return { body: blockedResource(ctx, extensionId, candidate) };
}

function deleteBlockedAllowedNumber(ctx: Ctx): HandlerResult {
	const { extensionId, numbers } = blockedNumbersOf(ctx);
	assertMayEdit(ctx, extensionId);
	numbers.delete(blockedEntryOf(ctx, numbers).id);
	return {};
}

// ---------------------------------------------------------------- greetings

function standardGreetingResource(ctx: Ctx, greeting: StandardGreeting) {
	return {
		id: greeting.id,
		uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/greeting/${greeting.id}`,
		name: greeting.name,
		usageType: greeting.usageType,
		type: greeting.type,
		category: greeting.category,
		...(greeting.text ? { text: greeting.text } : {}),
	};
}

function listStandardGreetings(ctx: Ctx): HandlerResult {
	const records = STANDARD_GREETINGS.filter(
		(g) => (!ctx.query.type || g.type === ctx.query.type) && (!ctx.query.usageType || g.usageType === ctx.query.usageType),
	).map((g) => standardGreetingResource(ctx, g));
	return { body: pageOf(ctx, records) };
}

function readStandardGreeting(ctx: Ctx): HandlerResult {
	const greeting = GREETING_BY_ID.get(String(ctx.params.greetingId));
	if (!greeting) throw errors.notFound('greetingId');
	return { body: standardGreetingResource(ctx, greeting) };
}

export interface SniffedAudio {
	contentType: AudioType;
	durationSeconds: number;
}

/**
 * What the uploaded file really is: RingCentral takes WAV (RIFF/WAVE with a fmt and a data chunk)
 * and MP3 (an ID3 tag or an MPEG audio frame); anything else is refused whatever its label.
 */
export function sniffAudio(data: Buffer): SniffedAudio | undefined {
	if (data.length >= 44 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WAVE') {
		let offset = 12;
		let byteRate = 0;
		while (offset + 8 <= data.length) {
			const id = data.toString('ascii', offset, offset + 4);
			const size = data.readUInt32LE(offset + 4);
			if (id === 'fmt ') {
				const format = data.readUInt16LE(offset + 8);
				const channels = data.readUInt16LE(offset + 10);
				byteRate = data.readUInt32LE(offset + 16);
				if (![1, 3, 6, 7].includes(format) || channels < 1 || !byteRate) return undefined;
			}
			if (id === 'data') return byteRate && size > 0 ? { contentType: 'audio/wav', durationSeconds: size / byteRate } : undefined;
			offset += 8 + size + (size % 2);
		}
		return undefined;
	}
	let start = 0;
	if (data.toString('ascii', 0, 3) === 'ID3' && data.length > 10) {
		start = 10 + ((data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9]);
	}
	const header = data.subarray(start, start + 4);
	if (header.length === 4 && header[0] === 0xff && (header[1] & 0xe0) === 0xe0) {
		const version = (header[1] >> 3) & 3;
		const layer = (header[1] >> 1) & 3;
		const bitrate = header[2] >> 4;
		const rate = (header[2] >> 2) & 3;
		if (version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && rate !== 3) {
			const kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320][bitrate];
			return { contentType: 'audio/mpeg', durationSeconds: ((data.length - start) * 8) / (kbps * 1000) };
		}
	}
	return undefined;
}

const AUDIO_LABELS: Record<AudioType, string[]> = { 'audio/wav': ['audio/wav', 'audio/x-wav', 'audio/wave'], 'audio/mpeg': ['audio/mpeg', 'audio/mp3'] };

interface Upload {
	/** the greeting type */
	type: string;
	answeringRuleId: string | undefined;
	file: MultipartPart;
	audio: SniffedAudio;
}

/**
 * The greeting upload as RingCentral reads it: fields `type` and `answeringRuleId` (form-data) or
 * `answeringRule.id` (a JSON part), and the audio in `binary`.
 */
function readUpload(ctx: Ctx): Upload {
	const body = ctx.body ?? {};
	const file = (ctx.parts ?? []).find((part) => part.name === 'binary') ?? (ctx.parts ?? []).find((part) => part.fileName !== undefined && !part.json);
	if (!file) throw errors.invalidParameter('binary', 'Attach the audio file as the binary part.');
	if (!file.data.length) throw new RcError(400, 'AWR-128', 'Attachment body is empty', { parameterName: 'binary' });
	const audio = sniffAudio(file.data);
	const declared = file.contentType.split(';')[0].trim().toLowerCase();
	if (!audio || !AUDIO_LABELS[audio.contentType].includes(declared)) {
		throw new RcError(400, 'AWR-129', 'Invalid attachment media type', { parameterName: 'binary' });
	}
	const answeringRuleId = body.answeringRuleId ?? body.answeringRule?.id;
	return { type: body.type, answeringRuleId: answeringRuleId === undefined ? undefined : String(answeringRuleId), file, audio };
}

function customGreetingResource(ctx: Ctx, greeting: CustomGreeting) {
	const base =
		greeting.owner === 'company'
			? `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/greeting/${greeting.id}`
			: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${greeting.owner}/greeting/${greeting.id}`;
	const ruleBase =
		greeting.owner === 'company'
			? `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/answering-rule`
			: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${greeting.owner}/answering-rule`;
	return {
		uri: base,
		id: greeting.id,
		type: greeting.type,
		contentType: greeting.contentType,
		contentUri: `${base}/content`,
		...(greeting.answeringRuleId ? { answeringRule: { id: greeting.answeringRuleId, uri: `${ruleBase}/${greeting.answeringRuleId}` } } : {}),
	};
}

/** Puts an uploaded greeting on a rule, replacing the rule's greeting of that type. */
function applyGreeting(rule: AnsweringRule, greeting: CustomGreeting): void {
	rule.greetings = [...(rule.greetings ?? []).filter((g) => g.type !== greeting.type), { type: greeting.type, custom: { id: greeting.id } }];
}

function createCustomUserGreeting(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	const extensionId = extensionOf(ctx);
	assertMayEdit(ctx, extensionId);
	const upload = readUpload(ctx);
	const apply = ctx.query.apply === undefined ? true : flag(ctx.query.apply);
	const rules = rulesOf(ctx, extensionId);
	if (apply && !upload.answeringRuleId) throw errors.invalidParameter('answeringRuleId', 'Applying a greeting needs the answering rule.');
	const rule = upload.answeringRuleId ? rules.get(upload.answeringRuleId) : undefined;
	if (upload.answeringRuleId && !rule) throw errors.notFound('answeringRule.id');
	if (upload.type === 'HoldMusic' && upload.answeringRuleId && upload.answeringRuleId !== BUSINESS_HOURS_RULE) {
		throw new RcError(400, 'AWR-165', 'Hold music can be set for business hours rule only: the same value will be applied to all rules');
	}
	const s = store(ctx);
	const greeting: CustomGreeting = {
		id: s.id(),
		owner: extensionId,
		type: upload.type,
		contentType: upload.audio.contentType,
		data: upload.file.data,
		fileName: upload.file.fileName,
		durationSeconds: upload.audio.durationSeconds,
		answeringRuleId: upload.answeringRuleId,
	};
	s.greetings.set(greeting.id, greeting);
	// apply needs the rule (checked above), so there is one to put it on.
	if (apply && rule) applyGreeting(rule, greeting);
	return { body: customGreetingResource(ctx, greeting) };
}

function createCompanyGreeting(ctx: Ctx): HandlerResult {
	accountOf(ctx);
	requireAdmin(ctx, 'EditCompanyAnsweringRules');
	const upload = readUpload(ctx);
	const s = store(ctx);
	const rule = upload.answeringRuleId === undefined ? undefined : s.companyRules.get(upload.answeringRuleId);
	if (upload.answeringRuleId !== undefined && !rule) throw errors.notFound('answeringRule.id');
	const greeting: CustomGreeting = {
		id: s.id(),
		owner: 'company',
		type: upload.type,
		contentType: upload.audio.contentType,
		data: upload.file.data,
		fileName: upload.file.fileName,
		durationSeconds: upload.audio.durationSeconds,
		answeringRuleId: upload.answeringRuleId,
	};
	s.greetings.set(greeting.id, greeting);
	if (rule && greeting.type === 'Company') applyGreeting(rule, greeting);
	return { body: customGreetingResource(ctx, greeting) };
}

function customGreetingOf(ctx: Ctx, owner: string): CustomGreeting {
	const greeting = store(ctx).greetings.get(String(ctx.params.greetingId));
	if (!greeting || greeting.owner !== owner) throw errors.notFound('greetingId');
	return greeting;
}

function audioContent(greeting: CustomGreeting): HandlerResult {
	return { raw: greeting.data, contentType: greeting.contentType, headers: { 'Content-Disposition': `inline; filename="${greeting.fileName ?? `greeting-${greeting.id}`}"` } };
}

export function routes(): Route[] {

	const user = '/restapi/v1.0/account/{accountId}/extension/{extensionId}';
	const account = '/restapi/v1.0/account/{accountId}';
	return [
		{ method: 'GET', path: `${user}/business-hours`, operationId: 'readUserBusinessHours', handler: readUserBusinessHours },
		{ method: 'PUT', path: `${user}/business-hours`, operationId: 'updateUserBusinessHours', handler: updateUserBusinessHours },
		{ method: 'GET', path: `${account}/business-hours`, operationId: 'readCompanyBusinessHours', handler: readCompanyBusinessHours },
		{ method: 'PUT', path: `${account}/business-hours`, operationId: 'updateCompanyBusinessHours', handler: updateCompanyBusinessHours },
		{ method: 'GET', path: `${user}/answering-rule`, operationId: 'listAnsweringRules', handler: listAnsweringRules },
		{ method: 'POST', path: `${user}/answering-rule`, operationId: 'createAnsweringRule', handler: createAnsweringRule },
		{ method: 'GET', path: `${user}/answering-rule/{ruleId}`, operationId: 'readAnsweringRule', handler: readAnsweringRule },
		{ method: 'PUT', path: `${user}/answering-rule/{ruleId}`, operationId: 'updateAnsweringRule', handler: updateAnsweringRule },
		{ method: 'DELETE', path: `${user}/answering-rule/{ruleId}`, operationId: 'deleteAnsweringRule', handler: deleteAnsweringRule },
		{ method: 'GET', path: `${account}/answering-rule`, operationId: 'listCompanyAnsweringRules', handler: listCompanyAnsweringRules },
		{ method: 'POST', path: `${account}/answering-rule`, operationId: 'createCompanyAnsweringRule', handler: createCompanyAnsweringRule },
		{ method: 'GET', path: `${account}/answering-rule/{ruleId}`, operationId: 'readCompanyAnsweringRule', handler: readCompanyAnsweringRule },
		{ method: 'PUT', path: `${account}/answering-rule/{ruleId}`, operationId: 'updateCompanyAnsweringRule', handler: updateCompanyAnsweringRule },
		{ method: 'DELETE', path: `${account}/answering-rule/{ruleId}`, operationId: 'deleteCompanyAnsweringRule', handler: deleteCompanyAnsweringRule },
		{ method: 'GET', path: `${user}/forwarding-number`, operationId: 'listForwardingNumbers', handler: listForwardingNumbers },
		{ method: 'POST', path: `${user}/forwarding-number`, operationId: 'createForwardingNumber', handler: createForwardingNumber },
		{ method: 'GET', path: `${user}/forwarding-number/{forwardingNumberId}`, operationId: 'readForwardingNumber', handler: readForwardingNumber },
		{ method: 'PUT', path: `${user}/forwarding-number/{forwardingNumberId}`, operationId: 'updateForwardingNumber', handler: updateForwardingNumber },
		{ method: 'DELETE', path: `${user}/forwarding-number/{forwardingNumberId}`, operationId: 'deleteForwardingNumber', handler: deleteForwardingNumber },
		{ method: 'GET', path: `${user}/caller-blocking`, operationId: 'readCallerBlockingSettings', handler: readCallerBlockingSettings },
		{ method: 'PUT', path: `${user}/caller-blocking`, operationId: 'updateCallerBlockingSettings', handler: updateCallerBlockingSettings },
		{ method: 'GET', path: `${user}/caller-blocking/phone-numbers`, operationId: 'listBlockedAllowedNumbers', handler: listBlockedAllowedNumbers },
		{ method: 'POST', path: `${user}/caller-blocking/phone-numbers`, operationId: 'createBlockedAllowedNumber', handler: createBlockedAllowedNumber },
		{ method: 'GET', path: `${user}/caller-blocking/phone-numbers/{blockedNumberId}`, operationId: 'readBlockedAllowedNumber', handler: readBlockedAllowedNumber },
		{ method: 'PUT', path: `${user}/caller-blocking/phone-numbers/{blockedNumberId}`, operationId: 'updateBlockedAllowedNumber', handler: updateBlockedAllowedNumber },
		{ method: 'DELETE', path: `${user}/caller-blocking/phone-numbers/{blockedNumberId}`, operationId: 'deleteBlockedAllowedNumber', handler: deleteBlockedAllowedNumber },
		{ method: 'GET', path: '/restapi/v1.0/dictionary/greeting', operationId: 'listStandardGreetings', handler: listStandardGreetings },
		{ method: 'GET', path: '/restapi/v1.0/dictionary/greeting/{greetingId}', operationId: 'readStandardGreeting', handler: readStandardGreeting },
		{ method: 'POST', path: `${user}/greeting`, operationId: 'createCustomUserGreeting', handler: createCustomUserGreeting },
		{ method: 'POST', path: `${account}/greeting`, operationId: 'createCompanyGreeting', handler: createCompanyGreeting },
		{
			method: 'GET',
			path: `${user}/greeting/{greetingId}`,
			operationId: 'readCustomGreeting',
			handler: (ctx) => {
				accountOf(ctx);
				return { body: customGreetingResource(ctx, customGreetingOf(ctx, extensionOf(ctx))) };
			},
		},
		{
			method: 'GET',
			path: `${user}/greeting/{greetingId}/content`,
			operationId: 'readGreetingContent',
			handler: (ctx) => {
				accountOf(ctx);
				return audioContent(customGreetingOf(ctx, extensionOf(ctx)));
			},
		},
		{
			method: 'GET',
			path: `${account}/greeting/{greetingId}/content`,
			operationId: 'readAccountGreetingContent',
			handler: (ctx) => {
				accountOf(ctx);
				return audioContent(customGreetingOf(ctx, 'company'));
			},
		},
	];
}
