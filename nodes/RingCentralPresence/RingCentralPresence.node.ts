import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { searchCallQueues, searchExtensions } from '../RingCentral/shared/listSearch';
import { accountPresenceFields, accountPresenceOperations } from './resources/accountPresence';
import { agentQueuePresenceFields, agentQueuePresenceOperations } from './resources/agentQueuePresence';
import { callQueuePresenceFields, callQueuePresenceOperations } from './resources/callQueuePresence';
import { unifiedPresenceFields, unifiedPresenceOperations } from './resources/unifiedPresence';
import { userPresenceFields, userPresenceOperations } from './resources/userPresence';

export class RingCentralPresence implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Presence',
		name: 'ringCentralPresence',
		icon: { light: 'file:../../icons/presence.svg', dark: 'file:../../icons/presence.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'userPresence:get': 'Get User Presence',
			'userPresence:getMany': 'Get Many User Presences',
			'userPresence:update': 'Update User Presence',
			'accountPresence:getMany': 'Get Account Presence',
			'callQueuePresence:get': 'Get Call Queue Presence',
			'callQueuePresence:update': 'Update Call Queue Presence',
			'agentQueuePresence:get': 'Get Agent Queue Presence',
			'agentQueuePresence:update': 'Update Agent Queue Presence',
			'unifiedPresence:get': 'Get Unified Presence',
			'unifiedPresence:update': 'Update Unified Presence',
		}),
		description: 'Read and set the presence of RingCentral users, call queues and agents',
		defaults: { name: 'RingCentral Presence' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		requestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Account Presence', value: 'accountPresence' },
					{ name: 'Agent Queue Presence', value: 'agentQueuePresence' },
					{ name: 'Call Queue Presence', value: 'callQueuePresence' },
					{ name: 'Unified Presence', value: 'unifiedPresence' },
					{ name: 'User Presence', value: 'userPresence' },
				],
				default: 'userPresence',
			},
			userPresenceOperations,
			accountPresenceOperations,
			callQueuePresenceOperations,
			agentQueuePresenceOperations,
			unifiedPresenceOperations,
			...userPresenceFields,
			...accountPresenceFields,
			...callQueuePresenceFields,
			...agentQueuePresenceFields,
			...unifiedPresenceFields,
		],
	};

	methods = { listSearch: { searchCallQueues, searchExtensions } };
}
