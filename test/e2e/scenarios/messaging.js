/** Messaging: an SMS sent, and a large mailbox listed with Return All (several pages). */
const { body } = require('./expressions');

function scenarios(auth) {
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

module.exports = { area: 'messaging', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };
