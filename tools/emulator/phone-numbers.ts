/**
 * The emulated company's phone numbers: the main number, another company line, a toll-free number,
 * each user's direct number (the one people.ts derives) and the direct numbers of the fax line and a
 * call queue. Each has RingCentral's usage type and features (SmsSender, CallerId, …), so what may
 * send an SMS or show as caller ID reads the same in every area and picker.
 */
import { COMPANY, personOf } from './people';
import type { State } from './state';

export type UsageType = 'MainCompanyNumber' | 'AdditionalCompanyNumber' | 'CompanyNumber' | 'DirectNumber' | 'CompanyFaxNumber';

/** The features RingCentral lists for a number (spec: UserPhoneNumberInfo.features). */
export type PhoneNumberFeature = 'CallerId' | 'SmsSender' | 'A2PSmsSender' | 'MmsSender' | 'InternationalSmsSender' | 'Delegated';

export interface PhoneNumber {
	id: string;
	phoneNumber: string;
	usageType: UsageType;
	type: 'VoiceFax' | 'VoiceOnly' | 'FaxOnly';
	paymentType: 'Local' | 'TollFree';
	location: string;
	label?: string;
	/** the extension it rings, none for company numbers */
	extensionId?: string;
	features: PhoneNumberFeature[];
	primary: boolean;
}

/** Numbers of the company itself; the first is the main number (people.ts COMPANY.mainNumber). */
export const COMPANY_NUMBERS: readonly PhoneNumber[] = [
	{
		id: '1460412004',
		phoneNumber: COMPANY.mainNumber,
		usageType: 'MainCompanyNumber',
		type: 'VoiceFax',
		paymentType: 'Local',
		location: 'San Mateo, CA',
		features: ['CallerId'],
		primary: false,
	},
	{
		id: '1460413004',
		phoneNumber: '+16505550101',
		usageType: 'CompanyNumber',
		type: 'VoiceFax',
		paymentType: 'Local',
		location: 'San Mateo, CA',
		label: 'Sales Line',
		features: ['CallerId'],
		primary: false,
	},
	{
		id: '1460414004',
		phoneNumber: '+18885550100',
		usageType: 'AdditionalCompanyNumber',
		type: 'VoiceOnly',
		paymentType: 'TollFree',
		location: 'Toll Free',
		features: ['CallerId'],
		primary: false,
	},
];

/** Direct numbers of extensions that are not users, by extension number. */
const OTHER_DIRECT_NUMBERS: Record<string, Pick<PhoneNumber, 'id' | 'phoneNumber' | 'type' | 'features'>> = {
	// the Support Queue (call queue 200)
	'200': { id: '1460415004', phoneNumber: '+16505550110', type: 'VoiceOnly', features: ['CallerId'] },
	// the Fax Line (FaxUser 402): faxes only, no texts
	'402': { id: '1460416004', phoneNumber: '+16505550102', type: 'FaxOnly', features: [] },
};

/** A user's direct number: they may show it as caller ID and text from it (SMS, MMS, international SMS). */
function userNumber(state: State, extensionId: string, index: number): PhoneNumber | undefined {
	const directNumber = personOf(state, extensionId)?.directNumber;
	if (!directNumber) return undefined;
	return {
		id: String(1460500004 + index * 1000),
		phoneNumber: directNumber,
		usageType: 'DirectNumber',
		type: 'VoiceFax',
		paymentType: 'Local',
		location: 'San Mateo, CA',
		extensionId,
		features: ['CallerId', 'SmsSender', 'MmsSender', 'InternationalSmsSender'],
		primary: true,
	};
}

/** The administrator's second direct line, which texts too (so an SMS sender can be chosen). */
const ADMIN_SUPPORT_LINE: Pick<PhoneNumber, 'id' | 'phoneNumber' | 'label' | 'features'> = {
	id: '1460417004',
	phoneNumber: '+16505551099',
	label: 'Support line',
	features: ['CallerId', 'SmsSender'],
};

/** Every number of the account: company numbers first, then direct numbers by extension. */
export function accountPhoneNumbers(state: State): PhoneNumber[] {
	const numbers: PhoneNumber[] = [...COMPANY_NUMBERS];
	state.users.forEach((id, index) => {
		const number = userNumber(state, id, index);
		if (number) numbers.push(number);
		if (number && id === state.ids.admin) {
			numbers.push({ ...number, ...ADMIN_SUPPORT_LINE, primary: false });
		}
	});
	for (const extension of state.extensions.values()) {
		const other = OTHER_DIRECT_NUMBERS[extension.extensionNumber];
		if (other && extension.type !== 'User') {
			numbers.push({ ...other, usageType: 'DirectNumber', paymentType: 'Local', location: 'San Mateo, CA', extensionId: extension.id, primary: true });
		}
	}
	return numbers;
}

/**
 * The numbers an extension may use (GET …/extension/{id}/phone-number): its own direct numbers
 * plus the company numbers it may show as caller ID.
 */
export function extensionPhoneNumbers(state: State, extensionId: string): PhoneNumber[] {
	const all = accountPhoneNumbers(state);
	return [...all.filter((number) => number.extensionId === extensionId), ...all.filter((number) => number.extensionId === undefined)];
}

/** The numbers an extension may send SMS from (feature SmsSender). */
export function smsSenderNumbers(state: State, extensionId: string): string[] {
	return extensionPhoneNumbers(state, extensionId)
		.filter((number) => number.features.includes('SmsSender'))
		.map((number) => number.phoneNumber);
}
