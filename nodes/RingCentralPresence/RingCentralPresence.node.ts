import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { authenticationProperty, credentials, requestDefaults } from '../RingCentral/shared/descriptions';
import { accountPresenceFields, accountPresenceOperations } from './resources/accountPresence';
import { agentQueuePresenceFields, agentQueuePresenceOperations } from './resources/agentQueuePresence';
import { callQueuePresenceFields, callQueuePresenceOperations } from './resources/callQueuePresence';
import { unifiedPresenceFields, unifiedPresenceOperations } from './resources/unifiedPresence';
import { userPresenceFields, userPresenceOperations } from './resources/userPresence';

export class RingCentralPresence implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Presence',
		name: 'ringCentralPresence',
		icon: { light: 'file:../../icons/ringcentral.svg', dark: 'file:../../icons/ringcentral.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
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
}
