/** Video: a meeting bridge created and read back, deleted; End Meeting's retirement message. */
import { body, byId, output } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralVideo';
	const bridge = `video-bridge-${auth}`;
	return [
		{
			id: bridge,
			auth,
			steps: [
				{
					name: 'create',
					node,
					parameters: {
						resource: 'meetingBridge',
						operation: 'create',
						accountId: '~',
						extensionId: '~',
						name: body('name'),
						type: 'Scheduled',
						bridgeFields: { waitingRoomRequired: 'GuestsOnly', passwordProtected: true, password: body('password') },
					},
				},
				{ name: 'get', node, parameters: { resource: 'meetingBridge', operation: 'get', bridgeId: byId('={{ $json.id }}') } },
			],
			respond: { respondWith: 'json', responseBody: `={{ { created: ${output(bridge, 'create')}, read: $json } }}` },
		},
		{
			id: `video-bridge-delete-${auth}`,
			auth,
			node,
			parameters: { resource: 'meetingBridge', operation: 'delete', bridgeId: byId(body('bridgeId')) },
			settings: { onError: 'continueRegularOutput' },
		},
		{
			id: `video-end-meeting-${auth}`,
			auth,
			node,
			parameters: { resource: 'meetingBridge', operation: 'endMeeting' },
			settings: { onError: 'continueRegularOutput' },
		},
	];
}

const area: Area = { area: 'video', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
