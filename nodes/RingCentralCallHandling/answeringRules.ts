import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import { dateValue } from '../RingCentral/shared/dates';
import { idList } from '../RingCentral/shared/lists';
import { extensionLocator, locatorValue } from '../RingCentral/shared/locators';
import { standardGreetingLocator } from './locators';
import { weeklyRangesFrom, weeklyScheduleField } from './schedule';

/** User rules belong to an extension; company rules answer the company numbers (the auto-receptionist). */
export type RuleLevel = 'user' | 'company';

const USER_GREETING_TYPES = [
	'Announcement',
	'ConnectingAudio',
	'ConnectingMessage',
	'HoldMusic',
	'InterruptPrompt',
	'Introductory',
	'Unavailable',
	'Voicemail',
];

const conditionFields: INodeProperties[] = [
	{
		displayName: 'Callers',
		name: 'callers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Caller',
		default: {},
		description: 'The rule applies to calls from these numbers',
		options: [
			{
				displayName: 'Caller',
				name: 'caller',
				values: [
					{
						displayName: 'Caller ID',
						name: 'callerId',
						type: 'string',
						default: '',
						placeholder: '+16505550123',
						description: 'Phone number of the caller',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'Contact name of the caller (optional)',
					},
				],
			},
		],
	},
	{
		displayName: 'Called Numbers',
		name: 'calledNumbers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Called Number',
		default: {},
		description: 'The rule applies to calls to these of your numbers',
		options: [
			{
				displayName: 'Number',
				name: 'number',
				values: [
					{
						displayName: 'Phone Number',
						name: 'phoneNumber',
						type: 'string',
						default: '',
						placeholder: '+16505552000',
						description: 'One of the direct numbers the rule owner answers, in E.164 format',
					},
				],
			},
		],
	},
	weeklyScheduleField(undefined, 'The rule applies during these time ranges each week'),
	{
		displayName: 'Date Ranges',
		name: 'dateRanges',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Date Range',
		default: {},
		description: 'The rule applies between these dates (e.g. holidays); not together with a weekly schedule',
		options: [
			{
				displayName: 'Range',
				name: 'range',
				values: [
					{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'Start of the range' },
					{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'End of the range' },
				],
			},
		],
	},
	{
		displayName: 'Only During',
		name: 'scheduleRef',
		type: 'options',
		options: [
			{ name: 'Business Hours', value: 'BusinessHours' },
			{ name: 'After Hours', value: 'AfterHours' },
		],
		default: 'BusinessHours',
		description: 'Limit the rule to business hours or after hours; needs callers or called numbers as well',
	},
];

const jsonBodyField: INodeProperties = {
	displayName: 'Additional Body (JSON)',
	name: 'jsonBody',
	type: 'json',
	default: '{}',
	description:
		'Any other answering rule fields as RingCentral documents them (e.g. queue, missedCall); merged with the fields above, which win',
};

const titled = (value: string) => value.replace(/([a-z])([A-Z])/g, '$1 $2');

const greetingTypeField: Record<RuleLevel, INodeProperties> = {
	user: {
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: USER_GREETING_TYPES.map((type) => ({ name: titled(type), value: type })),
		default: 'Voicemail',
		description: 'When the greeting is played',
	},
	company: {
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [{ name: 'Company', value: 'Company' }],
		default: 'Company',
		description: 'When the greeting is played (company rules play the company greeting)',
	},
};

/** Fields whose type changed in node version 2 (ID text → picker). */
type FieldVersion = 1 | 2;

/** An extension to hand calls to, typed (version 1) or picked (version 2); optional in both. */
function extensionField(version: FieldVersion, name: string, displayName: string, description: string): INodeProperties {
	if (version === 1) return { displayName: `${displayName} ID`, name, type: 'string', default: '', description: `${description} (internal extension ID)` };
	return extensionLocator(undefined, { name, displayName, description, me: false, byNumber: false, required: false });
}

function greetingsField(level: RuleLevel, version: FieldVersion): INodeProperties {
	const presetField: INodeProperties =
		version === 1
			? {
					displayName: 'Standard Greeting ID',
					name: 'presetId',
					type: 'string',
					default: '',
					description: 'ID of a standard greeting (Greeting → Get Many Standard); leave empty for a custom greeting',
				}
			: standardGreetingLocator(undefined, {
					name: 'presetId',
					description: 'A standard greeting from RingCentral\'s list; leave empty for a custom greeting',
					required: false,
				});
	return {
		displayName: 'Greetings',
		name: 'greetings',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Greeting',
		default: {},
		description: 'Greetings the rule plays: a standard greeting (preset) or a custom one you uploaded',
		options: [
			{
				displayName: 'Greeting',
				name: 'greeting',
				values: [
					greetingTypeField[level],
					presetField,
					{
						displayName: 'Custom Greeting ID',
						name: 'customGreetingId',
						type: 'string',
						default: '',
						description: 'ID of a greeting you uploaded (Greeting → Create); leave empty for a standard greeting',
					},
				],
			},
		],
	};
}

const userActionFields = (version: FieldVersion): INodeProperties[] => [
	{
		displayName: 'Call Handling Action',
		name: 'callHandlingAction',
		type: 'options',
		options: [
			{ name: 'Agent Queue', value: 'AgentQueue', description: 'Call queues only' },
			{ name: 'Forward Calls', value: 'ForwardCalls', description: 'Ring the apps and forwarding numbers' },
			{ name: 'Play Announcement Only', value: 'PlayAnnouncementOnly' },
			{ name: 'Shared Lines', value: 'SharedLines', description: 'Shared lines groups only' },
			{ name: 'Take Messages Only', value: 'TakeMessagesOnly', description: 'Straight to voicemail' },
			{ name: 'Transfer to Extension', value: 'TransferToExtension' },
			{ name: 'Unconditional Forwarding', value: 'UnconditionalForwarding', description: 'Send every call to one number' },
		],
		default: 'ForwardCalls',
		description: 'What happens to calls the rule applies to',
	},
	{
		displayName: 'Forwarding Order',
		name: 'forwardingGroups',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Forwarding Step',
		default: {},
		description: 'For Forward Calls: the forwarding numbers to ring, step by step in this order',
		options: [
			{
				displayName: 'Step',
				name: 'step',
				values: [
					{
						displayName: 'Forwarding Number IDs',
						name: 'forwardingNumberIds',
						type: 'string',
						default: '',
						description: 'IDs of forwarding numbers (Forwarding Number → Get Many) rung together at this step, separated by commas',
					},
					{
						displayName: 'Ring Count',
						name: 'ringCount',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 15 },
						default: 4,
						description: 'How many rings before the next step',
					},
				],
			},
		],
	},
	{
		displayName: 'Ringing Mode',
		name: 'ringingMode',
		type: 'options',
		options: [
			{ name: 'Sequentially', value: 'Sequentially' },
			{ name: 'Simultaneously', value: 'Simultaneously' },
		],
		default: 'Sequentially',
		description: 'For Forward Calls: ring the forwarding steps one after another or all at once',
	},
	{
		displayName: 'Ring Apps First',
		name: 'notifyMySoftPhones',
		type: 'boolean',
		default: true,
		description: 'Whether the desktop and mobile apps ring before the forwarding numbers',
	},
	{
		displayName: 'App Ring Count',
		name: 'softPhonesRingCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1,
		description: 'How many rings on the apps before forwarding starts',
	},
	{
		displayName: 'Forward All Calls To',
		name: 'unconditionalForwardingNumber',
		type: 'string',
		default: '',
		placeholder: '+16505550123',
		description: 'For Unconditional Forwarding: the number that receives every call',
	},
	extensionField(version, 'transferExtensionId', 'Transfer Extension', 'For Transfer to Extension: the extension that takes the calls'),
	{
		displayName: 'Voicemail',
		name: 'voicemailEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether callers can leave a voicemail',
	},
	extensionField(
		version,
		'voicemailRecipientId',
		'Voicemail Recipient',
		'The extension whose mailbox takes the voicemails (default: the rule owner)',
	),
	{
		displayName: 'Call Screening',
		name: 'screening',
		type: 'options',
		options: [
			{ name: 'Off', value: 'Off' },
			{ name: 'No Caller ID', value: 'NoCallerId', description: 'Ask callers without caller ID for their name' },
			{ name: 'Unknown Caller ID', value: 'UnknownCallerId', description: 'Ask callers not in your contacts for their name' },
			{ name: 'Always', value: 'Always' },
		],
		default: 'Off',
		description: 'Whether callers are asked to say their name before being connected',
	},
];

const companyActionFields = (version: FieldVersion): INodeProperties[] => [
	{
		displayName: 'Call Handling Action',
		name: 'callHandlingAction',
		type: 'options',
		options: [
			{ name: 'Operator', value: 'Operator', description: 'Play the company greeting and connect to the operator' },
			{ name: 'Disconnect', value: 'Disconnect', description: 'Play the company greeting and hang up' },
			{ name: 'Bypass', value: 'Bypass', description: 'Skip the greeting and connect straight to an extension' },
		],
		default: 'Operator',
		description: 'What happens to calls the rule applies to',
	},
	extensionField(version, 'bypassExtensionId', 'Bypass Extension', 'For Bypass: the extension that takes the calls'),
];

/**
 * The collection of rule fields (conditions, action, greetings, JSON body) for one level; in
 * `version` 2 the extensions and standard greetings it names are pickers.
 */
export function ruleFieldsCollection(
	level: RuleLevel,
	name: string,
	displayName: string,
	displayOptions: IDisplayOptions,
	withName: boolean,
	version: FieldVersion,
): INodeProperties {
	const options: INodeProperties[] = [
		...(withName
			? [{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the rule' } as INodeProperties]
			: []),
		{ displayName: 'Enabled', name: 'enabled', type: 'boolean', default: true, description: 'Whether the rule is active' },
		...conditionFields,
		...(level === 'user' ? userActionFields(version) : companyActionFields(version)),
		greetingsField(level, version),
		jsonBodyField,
	];
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

function rows(collection: IDataObject, field: string, row: string): IDataObject[] {
	return ((collection[field] as IDataObject | undefined)?.[row] as IDataObject[] | undefined) ?? [];
}

/** A field's text, or the value of a picker (version 2), trimmed. */
function text(value: unknown): string {
	return locatorValue(value);
}

/** Nested objects merged key by key; arrays and values of `over` replace those of `base`. */
function deepMerge(base: IDataObject, over: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, value] of Object.entries(over)) {
		const current = merged[key];
		const bothObjects = [current, value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
		merged[key] = bothObjects ? deepMerge(current as IDataObject, value as IDataObject) : value;
	}
	return merged;
}

function jsonObject(value: unknown): IDataObject {
	if (value === undefined || value === '') return {};
	const parsed = typeof value === 'string' ? jsonParse<unknown>(value, { errorMessage: 'Additional Body (JSON) is not valid JSON' }) : value;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Additional Body (JSON) must be a JSON object');
	return parsed as IDataObject;
}

/**
 * RingCentral's answering rule body from the collection's fields; `isoDate` turns a date field's
 * value into ISO 8601 (and throws naming the field when it is no date).
 */
export function ruleBodyFrom(level: RuleLevel, fields: IDataObject, isoDate: (value: unknown, label: string) => string): IDataObject {
	const body: IDataObject = {};
	const set = (path: string, value: unknown) => {
		if (value === undefined || value === '') return;
		const keys = path.split('.');
		let target = body;
		for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as IDataObject;
		target[keys[keys.length - 1]] = value as IDataObject;
	};
	set('name', fields.name === undefined ? undefined : text(fields.name));
	set('enabled', fields.enabled);
	const callers = rows(fields, 'callers', 'caller').map((row, index) => {
		if (!text(row.callerId)) throw new Error(`Callers row ${index + 1}: enter the caller ID`);
		return { callerId: text(row.callerId), ...(text(row.name) ? { name: text(row.name) } : {}) };
	});
	if (callers.length) set('callers', callers);
	const calledNumbers = rows(fields, 'calledNumbers', 'number').map((row, index) => {
		if (!text(row.phoneNumber)) throw new Error(`Called Numbers row ${index + 1}: enter the phone number`);
		return { phoneNumber: text(row.phoneNumber) };
	});
	if (calledNumbers.length) set('calledNumbers', calledNumbers);
	if (fields.weeklySchedule !== undefined) {
		const weeklyRanges = weeklyRangesFrom(fields.weeklySchedule as IDataObject);
		if (Object.keys(weeklyRanges).length) set('schedule.weeklyRanges', weeklyRanges);
	}
	const ranges = rows(fields, 'dateRanges', 'range').map((row, index) => {
		if (!text(row.from) || !text(row.to)) throw new Error(`Date Ranges row ${index + 1}: enter both dates`);
		return { from: isoDate(row.from, `Date Ranges row ${index + 1} From`), to: isoDate(row.to, `Date Ranges row ${index + 1} To`) };
	});
	if (ranges.length) set('schedule.ranges', ranges);
	set('schedule.ref', fields.scheduleRef);
	set('callHandlingAction', fields.callHandlingAction);
	if (level === 'user') {
		set('forwarding.notifyMySoftPhones', fields.notifyMySoftPhones);
		set('forwarding.softPhonesRingCount', fields.softPhonesRingCount);
		set('forwarding.ringingMode', fields.ringingMode);
		const steps = rows(fields, 'forwardingGroups', 'step').map((row, index) => {
			const ids = idList(row.forwardingNumberIds);
			if (!ids.length) throw new Error(`Forwarding Order step ${index + 1}: enter at least one forwarding number ID`);
			return { index: index + 1, ringCount: Number(row.ringCount ?? 4), forwardingNumbers: ids.map((id) => ({ id })) };
		});
		if (steps.length) set('forwarding.rules', steps);
		set('unconditionalForwarding.phoneNumber', text(fields.unconditionalForwardingNumber));
		set('transfer.extension.id', text(fields.transferExtensionId));
		set('voicemail.enabled', fields.voicemailEnabled);
		set('voicemail.recipient.id', text(fields.voicemailRecipientId));
		set('screening', fields.screening);
	} else {
		set('extension.id', text(fields.bypassExtensionId));
	}
	const greetings = rows(fields, 'greetings', 'greeting').map((row, index) => {
		const presetId = text(row.presetId);
		const customId = text(row.customGreetingId);
		if (Boolean(presetId) === Boolean(customId)) {
			throw new Error(`Greetings row ${index + 1}: enter either a standard greeting ID or a custom greeting ID`);
		}
		return { type: row.type, ...(presetId ? { preset: { id: presetId } } : { custom: { id: customId } }) };
	});
	if (greetings.length) set('greetings', greetings);
	return deepMerge(jsonObject(fields.jsonBody), body);
}

/**
 * Builds the request body of a create or update from the rule fields; a create also carries the
 * required name and RingCentral's `Custom` type (the only type that can be created).
 */
export function answeringRuleBody(level: RuleLevel, collection: string, operation: 'create' | 'update'): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const fields = this.getNodeParameter(collection, {}) as IDataObject;
		let body: IDataObject;
		try {
			body = ruleBodyFrom(level, fields, (value, label) => String(dateValue(this, value, label, 'iso')));
		} catch (error) {
			// A date the field could not read is already a node error naming the field.
			throw error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: this.getItemIndex() });
		}
		if (operation === 'create') {
			body = { type: 'Custom', ...body, name: text(this.getNodeParameter('name', '')) };
		} else if (!Object.keys(body).length) {
			throw new NodeOperationError(this.getNode(), 'Add at least one field under "Update Fields"', { itemIndex: this.getItemIndex() });
		}
		return { ...options, body };
	};
}
