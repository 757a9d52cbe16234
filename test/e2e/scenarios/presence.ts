/** Every Presence operation, once per credential type; inputs come from the webhook body. */
import { body } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const id = (name: string) => `presence-${name}-${auth}`;
	const node = 'ringCentralPresence';
	return [
		{ id: id('get'), auth, node, parameters: { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: body('extensionId'), presenceOptions: { detailedTelephonyState: true } } },
		{ id: id('get-many'), auth, node, parameters: { resource: 'userPresence', operation: 'getMany', accountId: '~', extensionIds: body('extensionIds') } },
		{ id: id('update'), auth, node, parameters: { resource: 'userPresence', operation: 'update', accountId: '~', extensionId: body('extensionId'), updateFields: { userStatus: body('userStatus'), message: body('message') } }, settings: { onError: 'continueRegularOutput' } },
		{ id: id('account'), auth, node, parameters: { resource: 'accountPresence', operation: 'getMany', accountId: '~', returnAll: true } },
		{ id: id('queue-get'), auth, node, parameters: { resource: 'callQueuePresence', operation: 'get', accountId: '~', callQueueId: body('callQueueId') } },
		{ id: id('queue-update'), auth, node, parameters: { resource: 'callQueuePresence', operation: 'update', accountId: '~', callQueueId: body('callQueueId'), members: { member: [{ memberId: body('memberId'), acceptCurrentQueueCalls: body('accept') }] } } },
		{ id: id('agent-get'), auth, node, parameters: { resource: 'agentQueuePresence', operation: 'get', accountId: '~', extensionId: '~' } },
		{ id: id('agent-update'), auth, node, parameters: { resource: 'agentQueuePresence', operation: 'update', accountId: '~', extensionId: '~', queues: { queue: [{ callQueueId: body('callQueueId'), acceptCalls: body('accept') }] } } },
		{ id: id('unified-get'), auth, node, parameters: { resource: 'unifiedPresence', operation: 'get', accountId: '~', extensionId: '~' } },
		{ id: id('unified-update'), auth, node, parameters: { resource: 'unifiedPresence', operation: 'update', accountId: '~', extensionId: '~', unifiedUpdateFields: { glipAvailability: body('glipAvailability') } } },
	];
}

const area: Area = { area: 'presence', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
