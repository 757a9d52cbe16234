import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { accountIdField, extensionFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { extensionLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'authorizationProfile';
const PROFILE_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/extension/${pathParameter('extensionId')}/authz-profile`;

/** Simplify: each permission as its ID, scopes and role instead of RingCentral's nested records. */
async function simplifiedProfile(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!(this.getNodeParameter('simplify', true) as boolean)) return items;
	return items.map((item) => {
		const permissions = ((item.json.permissions as IDataObject[] | undefined) ?? []).map((entry) => ({
			id: (entry.permission as IDataObject | undefined)?.id,
			scopes: entry.scopes ?? [],
			roleId: (entry.effectiveRole as IDataObject | undefined)?.id,
		}));
		return { ...item, json: { permissions } };
	});
}

const targetExtensionRouting = {
	send: { type: 'query' as const, property: 'targetExtensionId', value: '={{ String($value ?? "").trim() || undefined }}' },
};

export const authorizationProfileOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Check Permission',
			value: 'check',
			action: 'Check a user permission',
			description: 'Whether a user holds one permission, optionally on a target extension',
			routing: ringCentralRoute({ method: 'GET', url: `${PROFILE_URL}/check`, group: 'Light' }),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get the authorization profile',
			description: 'Every permission a user holds, with its scope and role',
			routing: ringCentralRoute({ method: 'GET', url: PROFILE_URL, group: 'Medium', output: simplifiedProfile }),
		},
	],
	default: 'get',
};

export const authorizationProfileFields: INodeProperties[] = [
	accountIdField(showFor(RESOURCE, ['check', 'get'])),
	...extensionFields(showFor(RESOURCE, ['check', 'get']), 'The user whose permissions to read. ~ means the signed-in user.'),
	{
		displayName: 'Permission ID',
		name: 'permissionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ReadCallLog',
		description: 'The permission to check, e.g. ReadCallLog, EditExtensions, ReadCompanyAnsweringRules',
		displayOptions: showFor(RESOURCE, ['check']),
		routing: { send: { type: 'query', property: 'permissionId' } },
	},
	...versioned(
		{
			displayName: 'Target Extension ID',
			name: 'targetExtensionId',
			type: 'string',
			default: '',
			description: 'Extension the permissions would act on (for example the user whose call log is read); leave empty for none',
			routing: targetExtensionRouting,
			displayOptions: showFor(RESOURCE, ['check', 'get']),
		},
		{
			...extensionLocator(showFor(RESOURCE, ['check', 'get']), {
				name: 'targetExtensionId',
				displayName: 'Target Extension',
				description: 'Extension the permissions would act on (for example the user whose call log is read); leave empty for none',
				me: false,
				byNumber: false,
				required: false,
			}),
			routing: targetExtensionRouting,
		},
	),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return each permission as its ID, scopes and role instead of the raw response',
		displayOptions: showFor(RESOURCE, ['get']),
	},
];
