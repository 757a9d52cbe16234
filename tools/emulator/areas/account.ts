/**
 * API versions, the account and its extensions as RingCentral describes them (contact, regional
 * settings, permissions, service features), the company's phone numbers with their features, and
 * the authorization profile: what a credential test, a health check, a picker and a permission
 * check read.
 */
import { RcError, errors } from '../errors';
import { idList, multipartMixed, pageOf } from '../http-util';
import { COMPANY, personOf } from '../people';
import { accountPhoneNumbers, extensionPhoneNumbers } from '../phone-numbers';
import type { PhoneNumber } from '../phone-numbers';
import type { Extension } from '../state';
import type { HandlerContext, HandlerResult, Route } from '../types';
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

/** How the roles are named in the admin portal. */
const ROLE_NAMES = { admin: { id: ROLES.admin.id, displayName: 'Super Admin' }, user: { id: ROLES.user.id, displayName: 'Standard' } };

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
function extensionListEntry(ctx: HandlerContext, extension: Extension) {
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
	return { body: pageOf(ctx, extensions.map((extension) => extensionListEntry(ctx, extension))) };
}

/** The extension a permission check is about (query targetExtensionId), if named. */
function targetOf(ctx: HandlerContext): Extension | undefined {
	const raw = ctx.query.targetExtensionId;
	if (raw === undefined) return undefined;
	const target = ctx.state.extensions.get(raw === '~' ? ctx.auth.extensionId : String(raw));
	if (!target) throw errors.invalidParameter('targetExtensionId', 'No extension has this ID.');
	return target;
}

/** The United States, as RingCentral's country dictionary has it. */
function unitedStates(ctx: HandlerContext) {
	return { id: '1', uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/country/1`, name: 'United States', isoCode: 'US', callingCode: '1' };
}

/** The company's regional settings (Pacific time, US English), which its users inherit. */
function regionalSettings(ctx: HandlerContext) {
	const english = { id: '1033', localeCode: 'en-US', name: 'English (United States)' };
	return {
		homeCountry: unitedStates(ctx),
		timezone: {
			uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/timezone/58`,
			id: '58',
			name: 'US/Pacific',
			description: 'Pacific Time (US & Canada)',
			bias: '-480',
		},
		language: english,
		greetingLanguage: english,
		formattingLocale: english,
		timeFormat: '12h',
	};
}

/** What a user may do in the RingCentral apps (spec: ExtensionServiceFeatureInfo); non-users get telephony only. */
function serviceFeatures(extension: Extension) {
	const user = extension.type === 'User';
	const enabled = user
		? ['CallForwarding', 'Conferencing', 'DND', 'Fax', 'FaxReceiving', 'InternationalCalling', 'MMS', 'Pager', 'PagerReceiving', 'Presence', 'RingOut', 'SMS', 'SMSReceiving', 'VideoConferencing', 'Voicemail', 'VoipCalling', 'WebPhone']
		: ['CallForwarding', 'Voicemail'];
	const disabled = user ? ['InternationalSMS', 'HipaaCompliance'] : ['SMS', 'Fax', 'Pager'];
	return [
		...enabled.map((featureName) => ({ featureName, enabled: true })),
		...disabled.map((featureName) => ({ featureName, enabled: false, reason: 'ServicePlanLimitation' })),
	];
}

/** GET …/extension/{extensionId}: the record a real account returns (spec: GetExtensionInfoResponse). */
function extensionInfo(ctx: HandlerContext, accountId: string, extension: Extension) {
	const person = personOf(ctx.state, extension.id);
	const uri = `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/extension/${extension.id}`;
	const contact =
		person?.email !== undefined
			? {
					firstName: person.firstName,
					lastName: person.lastName,
					company: COMPANY.name,
					jobTitle: person.jobTitle,
					email: person.email,
					businessPhone: person.directNumber,
					businessAddress: { country: 'United States', state: 'CA', city: 'San Mateo', street: '20 Demo Drive', zip: '94403' },
					emailAsLoginName: true,
					pronouncedName: { type: 'Default', text: person.name },
					department: person.department,
				}
			: { firstName: extension.name, company: COMPANY.name };
	const role = extension.type === 'User' ? (extension.admin ? ROLE_NAMES.admin : ROLE_NAMES.user) : undefined;
	return {
		id: Number(extension.id),
		uri,
		extensionNumber: extension.extensionNumber,
		name: extension.name,
		type: extension.type,
		status: extension.status,
		account: { id: accountId, uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}` },
		contact,
		permissions: { admin: { enabled: Boolean(extension.admin) }, internationalCalling: { enabled: extension.type === 'User' } },
		profileImage: { uri: `${uri}/profile-image` },
		regionalSettings: regionalSettings(ctx),
		serviceFeatures: serviceFeatures(extension),
		setupWizardState: 'Completed',
		assignedCountry: { id: '1', uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/country/1`, isoCode: 'US', name: 'United States' },
		hidden: false,
		...(person?.createdAt ? { creationTime: person.createdAt } : {}),
		...(role
			? {
					roles: [
						{
							uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/user-role/${role.id}`,
							id: role.id,
							autoAssigned: false,
							displayName: role.displayName,
							siteCompatible: true,
							siteRestricted: false,
						},
					],
				}
			: {}),
		...(extension.type === 'Department'
			? { callQueueInfo: { slaGoal: 80, slaThresholdSeconds: 30, includeAbandonedCalls: false, abandonedThresholdSeconds: 10 } }
			: {}),
	};
}


/** GET /restapi/v1.0/account/{accountId} (spec: GetAccountInfoResponse). */
function accountInfo(ctx: HandlerContext, accountId: string) {
	const operator = ctx.state.extensionRef(ctx.state.ids.admin, ctx.baseUrl);
	return {
		id: Number(accountId),
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}`,
		mainNumber: COMPANY.mainNumber,
		operator: { uri: operator.uri, id: operator.id, extensionNumber: operator.extensionNumber },
		serviceInfo: {
			uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/service-info`,
			billingPlan: { id: '4479', name: 'Monthly-RingEX Premium', durationUnit: 'Month', duration: 1, type: 'Regular', includedPhoneLines: ctx.state.users.length },
			brand: { id: '1210', name: 'RingCentral', homeCountry: unitedStates(ctx) },
			servicePlan: { id: '18297', name: 'RingEX Premium', edition: 'Premium' },
			contractedCountry: unitedStates(ctx),
		},
		setupWizardState: 'Completed',
		signupInfo: { tosAccepted: true, signupState: ['AccountCreated', 'BillingEntered', 'AccountConfirmed'], marketingAccepted: false, creationTime: COMPANY.createdAt },
		status: 'Confirmed',
		regionalSettings: {
			...regionalSettings(ctx),
			currency: { id: 1, code: 'USD', name: 'US Dollar', symbol: '$', minorSymbol: '¢' },
		},
		federated: false,
		limits: {
			freeSoftPhoneLinesPerExtension: 1,
			meetingSize: 100,
			cloudRecordingStorage: 10,
			maxMonitoredExtensionsPerUser: 100,
			maxExtensionNumberLength: 5,
			siteCodeLength: 0,
			shortExtensionNumberLength: 3,
		},
	};
}

/** A phone number as the account's list and bulk read show it (spec: CompanyPhoneNumberInfo). */
function companyPhoneNumber(ctx: HandlerContext, number: PhoneNumber) {
	const extension = number.extensionId ? ctx.state.extensions.get(number.extensionId) : undefined;
	return {
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/phone-number/${number.id}`,
		id: Number(number.id),
		...(extension
			? {
					extension: {
						id: Number(extension.id),
						uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extension.id}`,
						name: extension.name,
						extensionNumber: extension.extensionNumber,
					},
				}
			: {}),
		...(number.label ? { label: number.label } : {}),
		location: number.location,
		paymentType: number.paymentType,
		phoneNumber: number.phoneNumber,
		status: 'Normal',
		type: number.type,
		usageType: number.usageType,
		primary: number.primary,
		activationStatus: 'Active',
	};
}

/** A phone number as an extension's list shows it, with its features (spec: UserPhoneNumberInfo). */
function userPhoneNumber(ctx: HandlerContext, number: PhoneNumber) {
	const extension = number.extensionId ? ctx.state.extensions.get(number.extensionId) : undefined;
	return {
		uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/phone-number/${number.id}`,
		id: Number(number.id),
		country: { id: '1', uri: `${ctx.baseUrl}/restapi/v1.0/dictionary/country/1`, name: 'United States' },
		...(extension
			? {
					extension: {
						id: Number(extension.id),
						uri: `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/extension/${extension.id}`,
						extensionNumber: extension.extensionNumber,
						type: extension.type,
						name: extension.name,
					},
				}
			: {}),
		...(number.label ? { label: number.label } : {}),
		location: number.location,
		paymentType: number.paymentType,
		phoneNumber: number.phoneNumber,
		primary: number.primary,
		status: 'Normal',
		type: number.type,
		usageType: number.usageType,
		features: [...number.features],
	};
}

/** Query filters of the phone-number lists: usageType (repeatable), status. */
function filtered(ctx: HandlerContext, numbers: PhoneNumber[]): PhoneNumber[] {
	const usageTypes = listOf(ctx.query.usageType);
	const statuses = listOf(ctx.query.status);
	return numbers.filter((n) => (!usageTypes.length || usageTypes.includes(n.usageType)) && (!statuses.length || statuses.includes('Normal')));
}

/** GET …/account/{accountId}/phone-number/{phoneNumberId}: one number, or several in RingCentral's batch syntax. */
function readAccountPhoneNumber(ctx: HandlerContext): HandlerResult {
	accountOf(ctx);
	const numbers = new Map(accountPhoneNumbers(ctx.state).map((n) => [n.id, n]));
	const find = (id: string) => {
		const number = numbers.get(id);
		if (!number) throw errors.notFound('phoneNumberId');
		return companyPhoneNumber(ctx, number);
	};
	const ids = idList(ctx.params.phoneNumberId);
	if (ids.length === 1) return { body: find(ids[0]) };
	return multipartMixed(
		ids.map((id) => {
			const href = `${ctx.baseUrl}/restapi/v1.0/account/${ctx.state.accountId}/phone-number/${id}`;
			try {
				return { href, status: 200, body: find(id) };
			} catch (error) {
				if (!(error instanceof RcError)) throw error;
				return { href, status: error.status, body: error.toBody() };
			}
		}),
	);
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
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
			operationId: 'readExtension',
			handler: (ctx) => ({ body: extensionInfo(ctx, accountOf(ctx), extensionRecordOf(ctx)) }),
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}',
			operationId: 'readAccountInfo',
			handler: (ctx) => ({ body: accountInfo(ctx, accountOf(ctx)) }),
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}/phone-number',
			operationId: 'listExtensionPhoneNumbers',
			handler: (ctx) => {
				accountOf(ctx);
				const extension = extensionRecordOf(ctx);
				const numbers = filtered(ctx, extensionPhoneNumbers(ctx.state, extension.id));
				return { body: pageOf(ctx, numbers.map((n) => userPhoneNumber(ctx, n))) };
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/phone-number',
			operationId: 'listAccountPhoneNumbers',
			handler: (ctx) => {
				accountOf(ctx);
				const extensionStatus = ctx.query.extensionStatus;
				const paymentTypes = listOf(ctx.query.paymentType);
				const numbers = filtered(ctx, accountPhoneNumbers(ctx.state)).filter(
					(n) =>
						(!paymentTypes.length || paymentTypes.includes(n.paymentType)) &&
						(extensionStatus === undefined || (n.extensionId !== undefined && ctx.state.extensions.get(n.extensionId)?.status === extensionStatus)),
				);
				return { body: pageOf(ctx, numbers.map((n) => companyPhoneNumber(ctx, n))) };
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/phone-number/{phoneNumberId}',
			operationId: 'readAccountPhoneNumber',
			handler: readAccountPhoneNumber,
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
