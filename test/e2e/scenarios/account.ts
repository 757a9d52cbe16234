/**
 * Account: the API health read, and a webhook subscription's lifecycle (create with the
 * Validation-Token handshake against a receiver the test runs, read, renew, delete).
 */
import { body, output } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralAccount';
	const lifecycle = `account-subscription-${auth}`;
	const create = {
		resource: 'subscription',
		operation: 'create',
		eventFilters: [PRESENCE],
		address: body('address'),
		subscriptionOptions: { expiresIn: 3600, verificationToken: body('verificationToken') },
	};
	const byId = (operation: string) => ({ resource: 'subscription', operation, subscriptionId: '={{ $json.id }}' });
	return [
		{ id: `account-health-${auth}`, auth, node, parameters: { resource: 'api', operation: 'getHealth' } },
		{
			id: lifecycle,
			auth,
			steps: [
				{ name: 'create', node, parameters: create },
				{ name: 'get', node, parameters: byId('get') },
				{ name: 'renew', node, parameters: byId('renew') },
				{ name: 'delete', node, parameters: byId('delete') },
			],
			respond: {
				respondWith: 'json',
				responseBody: `={{ { created: ${output(lifecycle, 'create')}, read: ${output(lifecycle, 'get')}, renewed: ${output(lifecycle, 'renew')}, deleted: $json } }}`,
			},
		},
		{ id: `account-subscription-create-${auth}`, auth, node, parameters: create, settings: { onError: 'continueRegularOutput' } },
	];
}

const area: Area = { area: 'account', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
