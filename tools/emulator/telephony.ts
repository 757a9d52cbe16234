/**
 * Phone-number facts the messaging, call-log and RingOut areas share: who is behind a number
 * (a user's direct number, the company number or one of the outside callers), E.164 checks, and
 * stable conversation ids.
 */
import crypto from 'node:crypto';

import { errors } from './errors';
import { COMPANY, personOf } from './people';
import type { State } from './state';

export { COMPANY };

/** RingCentral takes phone numbers in E.164: + and 7 to 15 digits, no leading zero. */
export const E164 = /^\+[1-9]\d{6,14}$/;

export interface OutsideParty {
	phoneNumber: string;
	name: string;
	location: string;
}

/** People outside the company who text, call and fax (North American Numbering Plan fiction range). */
export const OUTSIDE_PARTIES: OutsideParty[] = [
	{ phoneNumber: '+14155550142', name: 'Jordan Rivera', location: 'San Francisco, CA' },
	{ phoneNumber: '+12125550187', name: 'Priya Shah', location: 'New York, NY' },
	{ phoneNumber: '+13125550123', name: 'Marcus Lee', location: 'Chicago, IL' },
	{ phoneNumber: '+16175550164', name: 'Ana Costa', location: 'Boston, MA' },
	{ phoneNumber: '+12065550111', name: 'Kenji Watanabe', location: 'Seattle, WA' },
	{ phoneNumber: '+17205550178', name: 'Fatima Noor', location: 'Denver, CO' },
	{ phoneNumber: '+13055550190', name: 'Lucas Moreau', location: 'Miami, FL' },
	{ phoneNumber: '+15125550133', name: 'Olivia Brown', location: 'Austin, TX' },
];

/** A fax machine outside the company. */
export const OUTSIDE_FAX: OutsideParty = { phoneNumber: '+12125550199', name: 'Shah & Partners Fax', location: 'New York, NY' };

/** A party as RingCentral describes it in messages and call records. */
export interface Party {
	phoneNumber: string;
	name?: string;
	location?: string;
	extensionNumber?: string;
	extensionId?: string;
}

/** The number if it is E.164, else RingCentral's CMN-101 naming the field. */
export function assertE164(value: unknown, parameterName: string): string {
	if (typeof value !== 'string' || !E164.test(value)) {
		throw errors.invalidParameter(parameterName, 'Phone numbers must be in E.164 format, e.g. +16505550100.');
	}
	return value;
}

export function directNumberOf(state: State, extensionId: string): string | undefined {
	return personOf(state, extensionId)?.directNumber;
}

/** A user's direct number; for areas that have already checked the extension is a user. */
export function directNumberOfUser(state: State, extensionId: string): string {
	const number = directNumberOf(state, extensionId);
	if (number === undefined) throw new Error(`Extension ${extensionId} is not a user: it has no direct number`);
	return number;
}

/** A phone number of an extension as RingCentral lists it, with the features that say what it may do. */
export interface ExtensionNumber {
	id: number;
	phoneNumber: string;
	usageType: 'DirectNumber' | 'MainCompanyNumber' | 'AdditionalCompanyNumber';
	type: 'VoiceFax' | 'VoiceOnly';
	paymentType: 'Local' | 'TollFree';
	label?: string;
	primary: boolean;
	features: string[];
}

/** The administrator's extra numbers: a second direct line that texts, the company's and a toll-free one that do not. */
const ADMIN_NUMBERS: Array<Omit<ExtensionNumber, 'id' | 'primary'>> = [
	{ phoneNumber: '+16505551099', usageType: 'DirectNumber', type: 'VoiceFax', paymentType: 'Local', label: 'Support line', features: ['CallerId', 'SmsSender'] },
	{ phoneNumber: COMPANY.mainNumber, usageType: 'MainCompanyNumber', type: 'VoiceFax', paymentType: 'Local', features: ['CallerId'] },
	{ phoneNumber: '+18885550100', usageType: 'AdditionalCompanyNumber', type: 'VoiceOnly', paymentType: 'TollFree', label: 'Sales toll-free', features: ['CallerId', 'A2PSmsSender'] },
];

/**
 * The numbers of an extension: a user's direct number (caller ID, SMS and MMS); the administrator
 * also answers the numbers above. Other extensions have none here.
 */
export function numbersOf(state: State, extensionId: string): ExtensionNumber[] {
	const direct = directNumberOf(state, extensionId);
	if (direct === undefined) return [];
	const id = (phoneNumber: string) => Number(`7${phoneNumber.replace(/\D/g, '').slice(-10)}`);
	const own: ExtensionNumber = {
		id: id(direct),
		phoneNumber: direct,
		usageType: 'DirectNumber',
		type: 'VoiceFax',
		paymentType: 'Local',
		primary: true,
		features: ['CallerId', 'SmsSender', 'MmsSender'],
	};
	const extra = extensionId === state.ids.admin ? ADMIN_NUMBERS.map((number) => ({ ...number, id: id(number.phoneNumber), primary: false })) : [];
	return [own, ...extra];
}

/** The user whose direct number (or additional direct line) this is, if any. */
export function userByNumber(state: State, phoneNumber: string): string | undefined {
	return state.users.find((id) => numbersOf(state, id).some((number) => number.usageType === 'DirectNumber' && number.phoneNumber === phoneNumber));
}

/** A party: number plus name and location when known. */
export function partyOf(state: State, phoneNumber: string): Party {
	const user = userByNumber(state, phoneNumber);
	const extension = user === undefined ? undefined : state.extensions.get(user);
	if (user !== undefined && extension) {
		return { phoneNumber, name: extension.name, extensionNumber: extension.extensionNumber, extensionId: user };
	}
	if (phoneNumber === COMPANY.mainNumber) return { phoneNumber, name: COMPANY.name };
	const outside = [...OUTSIDE_PARTIES, OUTSIDE_FAX].find((p) => p.phoneNumber === phoneNumber);
	return outside ? { ...outside } : { phoneNumber };
}

/** Same conversation for the same set of numbers, whoever writes first. */
export function conversationIdOf(numbers: string[]): number {
	const digest = crypto.createHash('sha256').update([...new Set(numbers)].sort().join('|')).digest();
	// int64 in the spec, kept below 2^53 so JSON readers keep every digit.
	return Number(digest.readBigUInt64BE(0) % BigInt(8_000_000_000_000_000)) + 1_000_000_000_000_000;
}
