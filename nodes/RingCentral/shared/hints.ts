import type { IDataObject, IExecutePaginationFunctions, IHttpRequestOptions, INode, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ErrorCircumstances, HttpFailure, RingCentralErrorDetail } from './errors';
import { isResourceLocator, locatorMode } from './locators';

/**
 * What the user should do about the errors RingCentral users hit most, on top of RingCentral's own
 * words (which the error message keeps): the permission to add to the app, the numbers that can
 * send SMS, the record that was not found, the phone number format, the credential to reconnect,
 * the rate limit to stay under. Undefined where there is nothing better to say than the status.
 */
export function hintFor(
	node: INode,
	failure: HttpFailure,
	detail: RingCentralErrorDetail,
	circumstances: ErrorCircumstances,
): string | undefined {
	if (failure.kind === 'auth') return signInHint(node, failure, circumstances);
	if (failure.kind !== 'answered') return undefined;
	const status = failure.status ?? 0;
	const permission = status === 403 ? missingPermission(detail) : undefined;
	if (permission) return permissionHint(node, permission, circumstances);
	if (isSmsSenderRefusal(failure.status, detail.errorCode, detail.parameterName)) {
		return 'RingCentral sends an SMS only from a number of the sending user that has SMS enabled (the number\'s SmsSender feature); the From number is not one of them.';
	}
	if (detail.errorCode === 'CMN-102' && detail.parameterName) return notFoundHint(node, detail.parameterName);
	if (status === 429) return rateLimitHint(failure);
	return undefined;
}

/** The app permission a 403 names (permissionName, or the bracketed name in RingCentral's message). */
function missingPermission(detail: RingCentralErrorDetail): string | undefined {
	if (detail.permissionName) return detail.permissionName;
	const named = /needs to have \[([A-Za-z]+)\] permission/.exec(detail.message ?? '');
	return named?.[1];
}

function isJwt(node: INode): boolean {
	return node.parameters?.authentication === 'jwt';
}

function credentialReference(circumstances: ErrorCircumstances): string {
	return circumstances.credentialName ? `the "${circumstances.credentialName}" credential` : 'the RingCentral credential';
}

function permissionHint(node: INode, permission: string, circumstances: ErrorCircumstances): string {
	const credential = credentialReference(circumstances);
	const reconnect = isJwt(node)
		? `${credential} gets it with its next sign-in, when its current access token expires (within the hour)`
		: `reconnect ${credential} (Reconnect in its dialog)`;
	return (
		`Add the "${permission}" permission to the app in the RingCentral Developer Console (edit the app's settings, its app scopes), ` +
		`then ${reconnect}: RingCentral puts an app's permissions into each token it issues, and the token in use was issued without it.`
	);
}

/** MSG-304 (or a 403 naming from.phoneNumber): the From number is not the user's, or cannot send SMS. */
export function isSmsSenderRefusal(status: unknown, errorCode: unknown, parameterName: unknown): boolean {
	return errorCode === 'MSG-304' || (status === 403 && parameterName === 'from.phoneNumber');
}

/** `callRecordId` → `call record`; RingCentral's parameter as it is where it names something else. */
function recordNoun(parameterName: string): string | undefined {
	if (!/^[a-z][A-Za-z]*Id$/.test(parameterName)) return undefined;
	return parameterName
		.replace(/Id$/, '')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase();
}

function notFoundHint(node: INode, parameterName: string): string {
	const noun = recordNoun(parameterName);
	const found = noun
		? `RingCentral has no ${noun} with this ID (${parameterName}) that the signed-in user can reach.`
		: `RingCentral has nothing the signed-in user can reach for ${parameterName}.`;
	const field = node.parameters?.[parameterName];
	if (!isResourceLocator(field)) return `${found} Check the ID the node was given, and where it comes from if it is mapped from an earlier node.`;
	const byNumber = parameterName === 'extensionId' || parameterName === 'callQueueId' ? ', or give its extension number (By Extension Number)' : '';
	const picked =
		locatorMode(field) === 'list'
			? ' The one picked in the list may have been deleted since: open the field and pick it again.'
			: ` Pick it in the node's field with From list${byNumber} instead of typing or mapping an ID.`;
	return `${found}${picked}`;
}

/** RingCentral's usage-plan group as it names it (the headers say `heavy`). */
function groupName(failure: HttpFailure): string | undefined {
	const group = failure.headers['x-rate-limit-group'];
	return group ? group.charAt(0).toUpperCase() + group.slice(1).toLowerCase() : undefined;
}

function rateLimitHint(failure: HttpFailure): string {
	const group = groupName(failure);
	const which = group ? `the ${group} usage-plan group` : 'the usage-plan group';
	return (
		`RingCentral still refused after the node waited out its rate limit and tried again several times: ${which} of this user and app is used up ` +
		'(RingCentral counts requests per user and app in the groups Light, Medium, Heavy and Auth, by default 50, 40, 10 and 5 a minute). ' +
		'Send fewer requests at a time: set Request Options → Batching (fewer Items per Batch, a Batch Interval between them), ' +
		'run large jobs less often or spread them over the day, and keep other workflows with the same credential out of the way meanwhile. ' +
		'RingCentral can raise an app\'s limits on request.'
	);
}

/** A refused refresh token (OAuth2) or JWT: say which, and how to get a working credential again. */
function signInHint(node: INode, failure: HttpFailure, circumstances: ErrorCircumstances): string | undefined {
	const credential = credentialReference(circumstances);
	// n8n's own "needs to be reconnected" (no code: RingCentral's invalid_grant on refresh) or the grant refused outright.
	const refusedGrant = failure.code === undefined || failure.code === 'invalid_grant';
	if (!refusedGrant) return undefined;
	if (isJwt(node)) {
		return (
			`RingCentral no longer accepts the JWT of ${credential}: it was revoked or has expired, or it was issued for another app. ` +
			'Create a new JWT for this app in the RingCentral Developer Console (Credentials → Create JWT) and paste it into the credential\'s JWT field. ' +
			'Requests were not retried: a refused sign-in does not fix itself.'
		);
	}
	return (
		`RingCentral no longer accepts the refresh token of ${credential}: it expired (RingCentral's refresh tokens last a week unless used) ` +
		'or the sign-in was revoked (the user signed out of the app, changed the password, or an admin removed the app\'s access). ' +
		'Open the credential and click Reconnect to sign in again. Requests were not retried: a refused sign-in does not fix itself.'
	);
}

/** An operation's own explanation of its failures (OperationRoute.explainError). */
export type ExplainError = (this: IExecutePaginationFunctions, error: NodeApiError | NodeOperationError, request: IHttpRequestOptions) => Promise<void>;

/**
 * Hints that need the request that failed, for a failed operation: a phone number RingCentral
 * could not read (the number sent is in the request), then what the operation itself can add.
 * Never throws: the error is what the user must see.
 */
export async function explainFailure(
	this: IExecutePaginationFunctions,
	error: NodeApiError | NodeOperationError,
	request: IHttpRequestOptions,
	explainOperation?: ExplainError,
): Promise<void> {
	const reported = error.context?.ringCentral as IDataObject | undefined;
	if (!reported) return;
	const phoneHint = phoneNumberHint(reported, request);
	if (phoneHint) setHint(error, reported, phoneHint);
	try {
		await explainOperation?.call(this, error, request);
	} catch {
		// the hint is extra: the error stays as it was
	}
}

/** Replaces the description with a hint, or adds to it, and reports it on failed items too. */
export function setHint(error: NodeApiError | NodeOperationError, reported: IDataObject, hint: string, add = false): void {
	error.description = add ? [error.description, hint].filter(Boolean).join(' ') : hint;
	reported.hint = error.description;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** CMN-101 about a phone number that was sent, and is not in E.164 format (a valid number refused for another reason gets none). */
function phoneNumberHint(reported: IDataObject, request: IHttpRequestOptions): string | undefined {
	const parameterName = reported.parameterName;
	if (reported.errorCode !== 'CMN-101' || typeof parameterName !== 'string' || !/(^|\.)phoneNumber$/i.test(parameterName)) return undefined;
	const sent = valueAt(request.body, parameterName);
	if (typeof sent !== 'string' || E164.test(sent)) return undefined;
	return (
		`${parameterName} was sent as "${sent}": RingCentral takes phone numbers in E.164 format, a + and the country code, then the number with its area code, ` +
		'digits only, e.g. +16505550100 (US) or +442071838750 (UK). A number without its country code (6505550100) or with letters (555-CALL) is refused.'
	);
}

/** The value at RingCentral's parameter path (`to[0].phoneNumber`) in a request body. */
function valueAt(body: unknown, path: string): unknown {
	return path
		.split(/\.|\[(\d+)\]/)
		.filter((key) => key !== undefined && key !== '')
		.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
}
