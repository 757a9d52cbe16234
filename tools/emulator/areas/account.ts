/**
 * API versions, the current extension, and the authorization profile: what a credential test, a
 * health check and a permission check read.
 */
import { RcError, errors } from '../errors';
import type { Extension } from '../state';
import type { HandlerContext, Route } from '../types';
import { accountOf, extensionRecordOf } from './common';

const VERSION = { versionString: '1.0.62', releaseDate: '2026-08-13T00:00:00.000Z', uriString: 'v1.0' };

/** A permission id and the scopes (Self, AllExtensions, Account, …) it reaches. */
type Grant = [permissionId: string, scopes: string[]];

interface Role {
	id: string;
	permissions: Grant[];
}

/**
 * The roles of the emulated company: the administrator holds company-wide permissions, every other
 * user the standard set scoped to themselves.
 */
export const ROLES: { admin: Role; user: Role } = {
	admin: {
		id: '1',
		permissions: [
			['ReadAccounts', ['Account']],
			['EditAccounts', ['Account']],
			['ReadExtensions', ['Account']],
			['EditExtensions', ['Account']],
			['ReadUserAnsweringRules', ['AllExtensions']],
			['EditUserAnsweringRules', ['AllExtensions']],
			['ReadCompanyAnsweringRules', ['Account']],
			['EditCompanyAnsweringRules', ['Account']],
			['ReadBlockedNumbers', ['AllExtensions']],
			['EditBlockedNumbers', ['AllExtensions']],
			['ReadUserForwardingFlipNumbers', ['AllExtensions']],
			['EditUserForwardingFlipNumbers', ['AllExtensions']],
			['ReadPresenceStatus', ['AllExtensions']],
			['EditPresenceStatus', ['AllExtensions']],
			['ReadCallLog', ['Self']],
			['ReadCompanyCallLog', ['Account']],
			['ReadCallRecording', ['AllExtensions']],
			['ReadMessages', ['Self']],
			['OutboundSMS', ['Self']],
			['InternalSMS', ['Self']],
			['OutboundFaxes', ['Self']],
			['RingOut', ['Self']],
			['ReadPersonalContacts', ['Self']],
			['EditPersonalContacts', ['Self']],
			['Users', ['UserExtensions']],
		],
	},
	user: {
		id: '3',
		permissions: [
			['ReadExtensions', ['Self']],
			['ReadUserAnsweringRules', ['Self']],
			['EditUserAnsweringRules', ['Self']],
			['ReadCompanyAnsweringRules', ['Account']],
			['ReadBlockedNumbers', ['Self']],
			['EditBlockedNumbers', ['Self']],
			['ReadUserForwardingFlipNumbers', ['Self']],
			['EditUserForwardingFlipNumbers', ['Self']],
			['ReadPresenceStatus', ['AllExtensions']],
			['EditPresenceStatus', ['Self']],
			['ReadCallLog', ['Self']],
			['ReadCallRecording', ['Self']],
			['ReadMessages', ['Self']],
			['OutboundSMS', ['Self']],
			['InternalSMS', ['Self']],
			['OutboundFaxes', ['Self']],
			['RingOut', ['Self']],
			['ReadPersonalContacts', ['Self']],
			['EditPersonalContacts', ['Self']],
		],
	},
};

/** The extension in the path and its role; only the extension itself or an administrator may read them. */
function profileOf(ctx: HandlerContext): { id: string; extension: Extension; role: Role } {
	accountOf(ctx);
	const extension = extensionRecordOf(ctx);
	const { id } = extension;
	const self = ctx.auth.extensionId;
	if (id !== self && !ctx.state.extensions.get(self)?.admin) {
		throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
	}
	const role = extension.admin ? ROLES.admin : ROLES.user;
	return { id, extension, role: extension.type === 'User' ? role : { id: '3', permissions: [] } };
}

/** Whether a permission's scopes reach the target extension. */
function covers(scopes: string[], ownerId: string, target: Extension): boolean {
	return scopes.some(
		(scope) =>
			scope === 'Account' ||
			scope === 'AllExtensions' ||
			(scope === 'Self' && target.id === ownerId) ||
			(scope === 'UserExtensions' && target.type === 'User') ||
			(scope === 'NonUserExtensions' && target.type !== 'User'),
	);
}

function activePermission(ctx: HandlerContext, roleId: string, [id, scopes]: Grant) {
	return {
		permission: {
			uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/permission/${id}`,
			id,
			siteCompatible: 'Compatible',
			readOnly: false,
			assignable: true,
		},
		effectiveRole: { uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/user-role/${roleId}`, id: roleId },
		scopes,
	};
}

/** The extension a permission check is about (query targetExtensionId), if named. */
function targetOf(ctx: HandlerContext): Extension | undefined {
	const raw = ctx.query.targetExtensionId;
	if (raw === undefined) return undefined;
	const target = ctx.state.extensions.get(raw === '~' ? ctx.auth.extensionId : String(raw));
	if (!target) throw errors.invalidParameter('targetExtensionId', 'No extension has this ID.');
	return target;
}

export function routes(): Route[] {
	return [
		{
			method: 'GET',
			path: '/restapi',
			operationId: 'readAPIVersions',
			handler: (ctx) => ({
				body: {
					uri: `${ctx.baseUrl}/restapi`,
					apiVersions: [{ uri: `${ctx.baseUrl}/restapi/v1.0`, ...VERSION }],
					serverVersion: '26.3.0-emulator',
					serverRevision: 'emulator',
				},
			}),
		},
		{
			method: 'GET',
			path: '/restapi/{apiVersion}',
			operationId: 'readAPIVersion',
			handler: (ctx) => {
				if (ctx.params.apiVersion !== 'v1.0') throw errors.notFound('apiVersion');
				return { body: { uri: `${ctx.baseUrl}/restapi/v1.0`, ...VERSION } };
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
			operationId: 'readExtension',
			handler: (ctx) => {
				const accountId = accountOf(ctx);
				const extension = extensionRecordOf(ctx);
				const { id } = extension;
				return {
					body: {
						id: Number(id),
						uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/extension/${id}`,
						extensionNumber: extension.extensionNumber,
						name: extension.name,
						type: extension.type,
						status: extension.status,
						account: { id: accountId, uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}` },
					},
				};
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile',
			operationId: 'readAuthorizationProfile',
			handler: (ctx) => {
				const { id, role } = profileOf(ctx);
				const target = targetOf(ctx);
				const permissions = role.permissions.filter(([, scopes]) => target === undefined || covers(scopes, id, target));
				return {
					body: {
						uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${id}/authz-profile`,
						permissions: permissions.map((entry) => activePermission(ctx, role.id, entry)),
					},
				};
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check',
			operationId: 'checkUserPermission',
			handler: (ctx) => {
				const { id, extension, role } = profileOf(ctx);
				const permissionId = ctx.query.permissionId;
				if (!permissionId) throw errors.invalidParameter('permissionId', 'Name the permission to check.');
				const target = targetOf(ctx) ?? extension;
				const entry = role.permissions.find(([pid]) => pid === permissionId);
				const successful = Boolean(entry && covers(entry[1], id, target));
				const uri = new URL(`${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${id}/authz-profile/check`);
				for (const [key, value] of Object.entries(ctx.query)) uri.searchParams.set(key, String(value));
				return { body: { uri: uri.toString(), successful, ...(entry ? { details: activePermission(ctx, role.id, entry) } : {}) } };
			},
		},
	];
}
