/**
 * The emulated company: one account with extensions of several types, call queues with members,
 * and per-user presence. Deterministic so tests can name what they expect.
 */

export const ACCOUNT_ID = '37439510';
const FIRST_EXTENSION_ID = 62264425016;

export type ExtensionType =
	| 'User'
	| 'Department'
	| 'Announcement'
	| 'Voicemail'
	| 'FaxUser'
	| 'PagingOnly'
	| 'SharedLinesGroup'
	| 'IvrMenu'
	| 'ApplicationExtension'
	| 'ParkLocation';

export interface Extension {
	id: string;
	type: ExtensionType;
	status: string;
	extensionNumber: string;
	name: string;
	/** the company administrator (the first user) */
	admin?: boolean;
}

export interface SipData {
	callId: string;
	toTag: string;
	fromTag: string;
	remoteUri: string;
	localUri: string;
}

/** A call in a user's detailed telephony presence. */
export interface ActiveCall {
	id: string;
	direction: string;
	queueCall?: boolean;
	from: string;
	fromName?: string;
	to: string;
	toName?: string;
	startTime: string;
	telephonyStatus: string;
	sessionId: string;
	telephonySessionId: string;
	partyId: string;
	sipData?: SipData;
}

/** What a user's presence is made of: the user-set parts and what telephony and meetings report. */
export interface Presence {
	userStatus: string;
	dndStatus: string;
	message: string;
	allowSeeMyPresence: boolean;
	callerIdVisibility: string;
	ringOnMonitoredCall: boolean;
	pickUpCallsOnHold: boolean;
	acceptCallQueueCalls: boolean;
	telephonyStatus: string;
	meetingStatus: string;
	activeCalls: ActiveCall[];
	/** team messaging (unified presence) */
	glip: { status: string; visibility: string; availability: string };
	telephonyVisibility: string;
	meeting: string;
}

export interface CallQueue {
	editableMemberStatus: boolean;
	members: Map<string, { acceptCurrentQueueCalls: boolean }>;
}

export interface ExtensionRef {
	id: number;
	uri: string;
	extensionNumber: string;
}

/** The emulated company's directory, shared by every area. */
export interface State {
	accountId: string;
	extensions: Map<string, Extension>;
	/** users only */
	presence: Map<string, Presence>;
	/** keyed by the queue's (Department) extension id */
	callQueues: Map<string, CallQueue>;
	/** user extension ids, in order (the first is the administrator) */
	users: string[];
	ids: { supportQueue: string; salesQueue: string; admin: string };
	isUser: (id: string) => boolean;
	hasPresence: (id: string) => boolean;
	extensionRef(id: string, baseUrl?: string): ExtensionRef;
}

/** Types RingCentral reports as Offline without telephony/message/user/DND fields. */
export const NON_PRESENCE_TYPES: ReadonlySet<string> = new Set<ExtensionType>([
	'Department',
	'Announcement',
	'Voicemail',
	'FaxUser',
	'PagingOnly',
	'SharedLinesGroup',
	'IvrMenu',
	'ApplicationExtension',
	'ParkLocation',
]);

const FIRST_NAMES = ['Alice', 'Bob', 'Carol', 'Dan', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj'];
const LAST_NAMES = ['Admin', 'Baker', 'Cole', 'Diaz', 'Evans', 'Fox', 'Green', 'Hill', 'Irwin', 'Jones', 'King', 'Lee'];

export function createState(options: { userCount?: number } = {}): State {
	const userCount = Math.max(4, options.userCount ?? 12);
	let nextId = FIRST_EXTENSION_ID;
	const extensions = new Map<string, Extension>();
	const add = (extension: Omit<Extension, 'id' | 'status'>) => {
		const id = String(nextId);
		nextId += 1000;
		extensions.set(id, { id, status: 'Enabled', ...extension });
		return id;
	};

	const users: string[] = [];
	for (let i = 0; i < userCount; i++) {
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
		users.push(
			add({
				type: 'User',
				extensionNumber: String(101 + i),
				name: i < FIRST_NAMES.length ? `${first} ${LAST_NAMES[i]}` : `${first} ${last} ${i + 1}`,
				admin: i === 0,
			}),
		);
	}
	const supportQueue = add({ type: 'Department', extensionNumber: '200', name: 'Support Queue' });
	const salesQueue = add({ type: 'Department', extensionNumber: '201', name: 'Sales Queue' });
	add({ type: 'IvrMenu', extensionNumber: '300', name: 'Main Menu' });
	add({ type: 'Announcement', extensionNumber: '400', name: 'Holiday Message' });
	add({ type: 'Voicemail', extensionNumber: '401', name: 'Take Messages Only' });
	add({ type: 'FaxUser', extensionNumber: '402', name: 'Fax Line' });
	add({ type: 'PagingOnly', extensionNumber: '403', name: 'Warehouse Paging' });
	add({ type: 'SharedLinesGroup', extensionNumber: '404', name: 'Front Desk Lines' });
	add({ type: 'ParkLocation', extensionNumber: '405', name: 'Park Location 1' });

	const presence = new Map<string, Presence>();
	users.forEach((id, index) => presence.set(id, defaultPresence(index)));
	// Dan (4th user) is on an inbound queue call so detailed telephony has something to show.
	const onCall = presenceOf(presence, users[3]);
	onCall.telephonyStatus = 'CallConnected';
	onCall.activeCalls = [
		{
			id: 'call-7e3b9b1d',
			direction: 'Inbound',
			queueCall: true,
			from: '+16505550123',
			fromName: 'Pat Customer',
			to: '+16505550100',
			toName: 'Support Queue',
			startTime: '2026-11-23T09:00:00.000Z',
			telephonyStatus: 'CallConnected',
			sessionId: '17133704004',
			telephonySessionId: 's-a6abd24ca6774373a8120a3390d3cbe8',
			partyId: 'p-a6abd24ca6774373a8120a3390d3cbe8-2',
			sipData: {
				callId: 'c1a2b3@10.13.22.28',
				toTag: 'totag-81be',
				fromTag: 'fromtag-4c9d',
				remoteUri: 'sip:+16505550123@sip.ringcentral.com',
				localUri: 'sip:+16505550100@sip.ringcentral.com',
			},
		},
	];
	// Carol (3rd user) hides her presence from colleagues.
	presenceOf(presence, users[2]).allowSeeMyPresence = false;

	const callQueues = new Map<string, CallQueue>();
	callQueues.set(supportQueue, {
		editableMemberStatus: true,
		members: new Map(users.slice(0, 4).map((id) => [id, { acceptCurrentQueueCalls: true }])),
	});
	callQueues.set(salesQueue, {
		editableMemberStatus: false,
		members: new Map([users[0], users[4]].map((id) => [id, { acceptCurrentQueueCalls: true }])),
	});

	return {
		accountId: ACCOUNT_ID,
		extensions,
		presence,
		callQueues,
		users,
		ids: { supportQueue, salesQueue, admin: users[0] },
		isUser: (id) => extensions.get(String(id))?.type === 'User',
		hasPresence: (id) => {
			const type = extensions.get(String(id))?.type;
			return type === undefined || !NON_PRESENCE_TYPES.has(type);
		},
		extensionRef(id, baseUrl = '') {
			const extension = extensions.get(String(id));
			if (!extension) throw new Error(`No extension ${id}`);
			return {
				id: Number(id),
				uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${id}`,
				extensionNumber: extension.extensionNumber,
			};
		},
	};
}

function presenceOf(presence: Map<string, Presence>, id: string): Presence {
	const found = presence.get(id);
	if (!found) throw new Error(`No presence for ${id}`);
	return found;
}

function defaultPresence(index: number): Presence {
	return {
		userStatus: index % 5 === 1 ? 'Busy' : 'Available',
		dndStatus: 'TakeAllCalls',
		message: '',
		allowSeeMyPresence: true,
		callerIdVisibility: 'All',
		ringOnMonitoredCall: false,
		pickUpCallsOnHold: false,
		acceptCallQueueCalls: true,
		telephonyStatus: 'NoCall',
		meetingStatus: 'Disconnected',
		activeCalls: [],
		glip: { status: index % 3 === 0 ? 'Online' : 'Offline', visibility: 'Visible', availability: 'Available' },
		telephonyVisibility: 'Visible',
		meeting: 'NoMeeting',
	};
}
