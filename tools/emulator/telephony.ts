/**
 * Phone-number facts the messaging, call-log and RingOut areas share: who is behind a number
 * (a user's direct number, the company number or one of the outside callers), E.164 checks, and
 * stable conversation ids.
 */
import crypto from 'node:crypto';

import { errors } from './errors';
import { COMPANY, personOf } from './people';
import { accountPhoneNumbers } from './phone-numbers';
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
/** The user whose direct number (or additional direct line) this is, if any. */
export function userByNumber(state: State, phoneNumber: string): string | undefined {
	const number = accountPhoneNumbers(state).find((n) => n.usageType === 'DirectNumber' && n.phoneNumber === phoneNumber);
	return number?.extensionId !== undefined && state.users.includes(number.extensionId) ? number.extensionId : undefined;
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
