/** RingOut: a call started, its status followed, and cancelled. */
import { body } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralRingOut';
	const call = { resource: 'ringOutCall', accountId: '~', extensionId: '~' };
	return [
		{
			id: `ring-out-create-${auth}`,
			auth,
			node,
			parameters: { ...call, operation: 'create', from: body('from'), to: body('to'), ringOutOptions: { callerId: body('callerId'), playPrompt: false } },
			settings: { onError: 'continueRegularOutput' },
		},
		{ id: `ring-out-status-${auth}`, auth, node, parameters: { ...call, operation: 'getStatus', ringOutId: body('ringOutId') } },
		{ id: `ring-out-cancel-${auth}`, auth, node, parameters: { ...call, operation: 'cancel', ringOutId: body('ringOutId') } },
	];
}

const area: Area = { area: 'ring-out', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
