/**
 * API versions, the extensions and their phone numbers, and the authorization profile: what a
 * credential test, a health check, a permission check and the editor's pickers read.
 */
import { RcError, errors } from '../errors';
import { pageOf } from '../http-util';
import { personOf } from '../people';
import type { Extension } from '../state';
import { numbersOf } from '../telephony';
import type { HandlerContext, Route } from '../types';
import { accountOf, extensionRecordOf, listOf } from './common';

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

/** An extension as RingCentral's extension list describes it (users with their contact). */
function extensionInfo(ctx: HandlerContext, extension: Extension) {
	const person = personOf(ctx.state, extension.id);
	return {
		id: Number(extension.id),
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extension.id}`,
		extensionNumber: extension.extensionNumber,
		name: extension.name,
		type: extension.type,
		status: extension.status,
		...(person?.email !== undefined ? { contact: { firstName: person.firstName, lastName: person.lastName, email: person.email } } : {}),
	};
}

/** The company's extensions, filtered by number, type and status as RingCentral filters them. */
function listExtensions(ctx: HandlerContext) {
	accountOf(ctx);
	const number = ctx.query.extensionNumber === undefined ? undefined : String(ctx.query.extensionNumber);
	const types = listOf(ctx.query.type).map(String);
	const statuses = listOf(ctx.query.status).map(String);
	const extensions = [...ctx.state.extensions.values()].filter(
		(extension) =>
			(number === undefined || extension.extensionNumber === number) &&
			(!types.length || types.includes(extension.type)) &&
			(!statuses.length || statuses.includes(extension.status)),
	);
	return { body: pageOf(ctx, extensions.map((extension) => extensionInfo(ctx, extension))) };
}

/** The phone numbers of an extension (its own, or any for an administrator), with their features. */
function listExtensionPhoneNumbers(ctx: HandlerContext) {
	const accountId = accountOf(ctx);
	const extension = extensionRecordOf(ctx);
	if (extension.id !== ctx.auth.extensionId && !ctx.state.extensions.get(ctx.auth.extensionId)?.admin) {
		throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
	}
	const usageTypes = listOf(ctx.query.usageType).map(String);
	const records = numbersOf(ctx.state, extension.id)
		.filter((number) => !usageTypes.length || usageTypes.includes(number.usageType))
		.map(({ id, ...number }) => ({
			uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/phone-number/${id}`,
			id,
			...number,
			status: 'Normal',
			country: { id: '1', isoCode: 'US', name: 'United States' },
		}));
	return { body: pageOf(ctx, records) };
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
		{ method: 'GET', path: '/restapi/v1.0/account/{accountId}/extension', operationId: 'listExtensions', handler: listExtensions },
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/phone-number',
			operationId: 'listExtensionPhoneNumbers',
			handler: listExtensionPhoneNumbers,
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
