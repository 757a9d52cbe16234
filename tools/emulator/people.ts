/**
 * Who the people of the emulated company are, beyond their extension: names, emails, direct
 * numbers, departments and the company itself. Derived from the shared directory (state.ts) so
 * every area describes the same person the same way.
 */
import type { Extension, State } from './state';

export const COMPANY = {
	name: 'Acme Demo Co',
	domain: 'acme-demo.example',
	mainNumber: '+16505550100',
	createdAt: '2019-04-02T16:20:11.000Z',
	site: { id: '8a3c0e21004', name: 'Headquarters', code: 'HQ' },
};

const DEPARTMENTS = ['Management', 'Support', 'Support', 'Support', 'Sales', 'Sales', 'Engineering', 'Engineering', 'Finance', 'Marketing', 'Operations', 'Legal'];
const JOB_TITLES = ['Office Administrator', 'Support Engineer', 'Support Engineer', 'Support Lead', 'Account Executive', 'Sales Manager', 'Software Engineer', 'Engineering Manager', 'Controller', 'Marketing Specialist', 'Operations Analyst', 'Counsel'];

/** 2026-11-23T08:00:00Z: the emulator's "now" for seeded timestamps, so data reads the same every run. */
export const SEED_EPOCH = Date.UTC(2026, 10, 23, 8, 0, 0);

export function seededTime(minutesAgo: number): string {
	return new Date(SEED_EPOCH - minutesAgo * 60_000).toISOString();
}

/** E.164 → (650) 555-1001 for North American numbers, else unchanged. */
export function formatted(e164: string): string {
	const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
	return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

/** A user: a person with a name, email, department and direct number. */
export interface UserPerson {
	extension: Extension;
	/** position among the company's users */
	index: number;
	name: string;
	firstName: string;
	lastName: string;
	email: string;
	department: string;
	jobTitle: string;
	directNumber: string;
	createdAt: string;
}

/**
 * Any other extension (a queue, an IVR menu, …): only its name. The user fields are declared
 * undefined so `person.email !== undefined` (or any of them) tells a user apart.
 */
export type OtherPerson = Pick<UserPerson, 'extension' | 'index' | 'name'> & {
	[K in Exclude<keyof UserPerson, 'extension' | 'index' | 'name'>]?: undefined;
};

export type Person = UserPerson | OtherPerson;

/** The person behind an extension (users get names, email, department and a direct number). */
export function personOf(state: State, extensionId: string): Person | undefined {
	const extension = state.extensions.get(String(extensionId));
	if (!extension) return undefined;
	const index = state.users.indexOf(String(extensionId));
	if (index === -1) return { extension, index, name: extension.name };
	const [firstName, ...rest] = extension.name.split(' ');
	return {
		extension,
		index,
		name: extension.name,
		firstName,
		lastName: rest.join(' '),
		email: `${extension.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@${COMPANY.domain}`,
		department: DEPARTMENTS[index % DEPARTMENTS.length],
		jobTitle: JOB_TITLES[index % JOB_TITLES.length],
		directNumber: `+1650555${String(1001 + index).padStart(4, '0')}`,
		createdAt: seededTime(60 * 24 * (400 - (index % 365))),
	};
}

/** The user whose email this is (case-insensitive), if any. */
export function extensionByEmail(state: State, email: string): string | undefined {
	const wanted = String(email).toLowerCase();
	return state.users.find((id) => personOf(state, id)?.email === wanted);
}
