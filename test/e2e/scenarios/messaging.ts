/** Messaging: an SMS sent, and a large mailbox listed with Return All (several pages). */
import { body } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralMessaging';
	return [
		{
			id: `messaging-sms-${auth}`,
			auth,
			node,
			parameters: { resource: 'sms', operation: 'send', accountId: '~', extensionId: '~', from: body('from'), to: body('to'), text: body('text') },
			settings: { onError: 'continueRegularOutput' },
		},
		{
			id: `messaging-list-${auth}`,
			auth,
			node,
			parameters: {
				resource: 'message',
				operation: 'getMany',
				accountId: '~',
				extensionId: body('extensionId'),
				returnAll: true,
				filters: { dateFrom: body('dateFrom') },
			},
		},
	];
}

const area: Area = { area: 'messaging', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
