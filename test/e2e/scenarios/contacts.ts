/** Contacts: a personal contact created, read back and deleted in one chain; a read after the delete. */
import { body, output } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralContacts';
	const lifecycle = `contacts-lifecycle-${auth}`;
	return [
		{
			id: lifecycle,
			auth,
			steps: [
				{
					name: 'create',
					node,
					parameters: {
						resource: 'contact',
						operation: 'create',
						accountId: '~',
						extensionId: '~',
						contactFields: { firstName: body('firstName'), lastName: body('lastName'), email: body('email'), mobilePhone: body('mobilePhone') },
					},
				},
				{ name: 'get', node, parameters: { resource: 'contact', operation: 'get', accountId: '~', extensionId: '~', contactId: '={{ $json.id }}' } },
				{ name: 'delete', node, parameters: { resource: 'contact', operation: 'delete', accountId: '~', extensionId: '~', contactId: '={{ $json.id }}' } },
			],
			respond: {
				respondWith: 'json',
				responseBody: `={{ { created: ${output(lifecycle, 'create')}, read: ${output(lifecycle, 'get')}, deleted: $json } }}`,
			},
		},
		{
			id: `contacts-get-${auth}`,
			auth,
			node,
			parameters: { resource: 'contact', operation: 'get', accountId: '~', extensionId: '~', contactId: body('contactId') },
			settings: { onError: 'continueRegularOutput' },
		},
	];
}

const area: Area = { area: 'contacts', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
