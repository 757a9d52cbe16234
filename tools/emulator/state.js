/**
 * The emulated company: one account with extensions of several types, call queues with members,
 * and per-user presence. Deterministic so tests can name what they expect.
 */

const ACCOUNT_ID = '37439510';
const FIRST_EXTENSION_ID = 62264425016;

/** Types RingCentral reports as Offline without telephony/message/user/DND fields. */
const NON_PRESENCE_TYPES = new Set([
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

/**
 * @param {{ userCount?: number }} [options]
 */
function createState(options = {}) {
	const userCount = Math.max(4, options.userCount ?? 12);
	let nextId = FIRST_EXTENSION_ID;
	/** @type {Map<string, any>} */
	const extensions = new Map();
	const add = (/** @type {any} */ extension) => {
		const id = String(nextId);
		nextId += 1000;
		extensions.set(id, { id, status: 'Enabled', ...extension });
		return id;
	};

	const users = [];
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

	/** @type {Map<string, any>} */
	const presence = new Map();
	users.forEach((id, index) => presence.set(id, defaultPresence(index)));
	// Dan (4th user) is on an inbound queue call so detailed telephony has something to show.
	const onCall = presence.get(users[3]);
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
	presence.get(users[2]).allowSeeMyPresence = false;

	/** @type {Map<string, { editableMemberStatus: boolean, members: Map<string, { acceptCurrentQueueCalls: boolean }> }>} */
	const callQueues = new Map();
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
		/** @param {string} id */
		isUser: (id) => extensions.get(String(id))?.type === 'User',
		/** @param {string} id */
		hasPresence: (id) => !NON_PRESENCE_TYPES.has(extensions.get(String(id))?.type),
		/** @param {string} id */
		extensionRef(id, baseUrl = '') {
			const extension = extensions.get(String(id));
			return {
				id: Number(id),
				uri: `${baseUrl}/restapi/v1.0/account/${ACCOUNT_ID}/extension/${id}`,
				extensionNumber: extension.extensionNumber,
			};
		},
	};
}

/** @param {number} index */
function defaultPresence(index) {
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

module.exports = { createState, NON_PRESENCE_TYPES, ACCOUNT_ID };
