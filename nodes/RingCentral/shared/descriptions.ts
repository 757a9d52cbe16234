import type { INodeCredentialDescription, INodeProperties, IDisplayOptions } from 'n8n-workflow';

import type { DateField } from './dates';
import { callQueueLocator, extensionLocator, versioned } from './locators';

/** Both credentials, chosen by the Authentication field every node starts with. */
export const credentials: INodeCredentialDescription[] = [
	{ name: 'ringCentralOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'ringCentralJwtApi', required: true, displayOptions: { show: { authentication: ['jwt'] } } },
];

/**
 * Node versions of every node. Version 2 turned ID fields into pickers (resource locators);
 * version 1 keeps the text fields workflows saved before, and both run the same operations.
 */
export const nodeVersions = { version: [1, 2], defaultVersion: 2 };

/**
 * The canvas subtitle: the display name of the chosen operation ("Send SMS"), looked up in a
 * table of `resource:operation` → words.
 */
export function operationSubtitle(labels: Record<string, string>): string {
	return `={{ (${JSON.stringify(labels)})[$parameter["resource"] + ":" + $parameter["operation"]] ?? $parameter["operation"] }}`;
}

/** The credential type the Authentication field selects. */
export function credentialTypeFor(authentication: string): 'ringCentralJwtApi' | 'ringCentralOAuth2Api' {
	return authentication === 'jwt' ? 'ringCentralJwtApi' : 'ringCentralOAuth2Api';
}

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2', value: 'oAuth2', description: 'Sign in as a RingCentral user through the browser' },
		{ name: 'JWT', value: 'jwt', description: 'Server-to-server, with a JWT credential issued for a user' },
	],
	default: 'oAuth2',
};

/**
 * No baseURL here: n8n would evaluate it as an expression twice for every item. The executor
 * (transport.ts) sets the credential's server, read once per run of the node.
 */
export const requestDefaults = {
	json: true,
	headers: { Accept: 'application/json' },
	// RingCentral reads list parameters as repeated keys (type=Team&type=Direct), not type[]=…
	arrayFormat: 'repeat' as const,
};

export function accountIdField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '~',
		required: true,
		description: 'RingCentral account ID. ~ means the account of the signed-in user (the user of the credential).',
		displayOptions,
	};
}

/** The Extension ID text field of node version 1 (`~` or an internal ID). */
export function extensionIdField(
	displayOptions: IDisplayOptions,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Extension ID',
		name: 'extensionId',
		type: 'string',
		default: '~',
		required: true,
		description: 'Internal ID of the extension (not its short number). ~ means the signed-in user\'s extension.',
		displayOptions,
		...overrides,
	};
}

/**
 * The extension an operation acts on: a text field in version 1 workflows, a picker (directory,
 * ID or extension number) from version 2 on. `description` replaces the generic one in both.
 */
export function extensionFields(displayOptions: IDisplayOptions, description?: string): INodeProperties[] {
	return versioned(
		extensionIdField(displayOptions, description ? { description } : {}),
		extensionLocator(displayOptions, description ? { description } : {}),
	);
}

/** The call queue an operation or event is about: text in version 1, a picker from version 2 on. */
export function callQueueFields(displayOptions: IDisplayOptions, picker: { description?: string; byNumber?: boolean } = {}): INodeProperties[] {
	return versioned(
		{
			displayName: 'Call Queue ID',
			name: 'callQueueId',
			type: 'string',
			default: '',
			required: true,
			description: 'Internal extension ID of the call queue',
			displayOptions,
		},
		callQueueLocator(displayOptions, picker),
	);
}

/** Return All + Limit for a list; the transport turns them into page sizes and stops early. */
export function returnAllFields(displayOptions: IDisplayOptions, maxPageSize: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `RingCentral is asked for at most ${maxPageSize} per request`,
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/**
 * URL segment from a field, so `~`, ids and expressions all land safely in the path. A resource
 * locator reads as its value (n8n's `$parameter` gives a locator's value); `fromUrl` takes the ID
 * out of a pasted link (its first group).
 */
export function pathParameter(name: string, fromUrl?: RegExp): string {
	const text = `String($parameter["${name}"]).trim()`;
	const expression = `{{ encodeURIComponent(${fromUrl ? `${text}.replace(${fromUrl}, "$1")` : text}) }}`;
	pathParameters.set(expression, { name, fromUrl });
	return expression;
}

/** A path segment `pathParameter` wrote: the field, and the pattern taking the ID out of a link. */
export interface PathParameter {
	name: string;
	fromUrl?: RegExp;
}

const pathParameters = new Map<string, PathParameter>();

/** The path parameters written so far, by their expression text (the executor fills them in itself). */
export function knownPathParameters(): ReadonlyMap<string, PathParameter> {
	return pathParameters;
}

/** The Simplify switch that `simplified(...)` output steps read. */
export function simplifyField(displayOptions: IDisplayOptions, what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the response instead of the raw data (${what})`,
		displayOptions,
	};
}

/** displayOptions showing a field for some operations of one resource. */
export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

/**
 * The Date From / Date To pair of a history list (call log, message store). They carry no routing:
 * the operation's route lists `dateRangeDates(collection)` so the executor sends them, checked.
 * `happened` says what the dates are compared with, e.g. "Calls started".
 */
export function dateRangeFilters(happened: string): INodeProperties[] {
	return [
		{
			displayName: 'Date From',
			name: 'dateFrom',
			type: 'dateTime',
			default: '',
			description: `${happened} at or after this time (in the workflow's time zone unless the value names one). Default: 24 hours before Date To.`,
		},
		{
			displayName: 'Date To',
			name: 'dateTo',
			type: 'dateTime',
			default: '',
			description: `${happened} before this time (in the workflow's time zone unless the value names one). Default: now.`,
		},
	];
}

/** How the executor sends `dateRangeFilters` held in the collection `collection`. */
export function dateRangeDates(collection: string): DateField[] {
	return [
		{ parameter: `${collection}.dateFrom`, label: 'Date From', to: 'query', property: 'dateFrom', format: 'iso' },
		{ parameter: `${collection}.dateTo`, label: 'Date To', to: 'query', property: 'dateTo', format: 'iso' },
	];
}

/** The Inbound / Outbound filter of calls or messages (`things`), sent as the `direction` query parameter. */
export function directionFilter(things: string): INodeProperties {
	return {
		displayName: 'Direction',
		name: 'direction',
		type: 'multiOptions',
		options: [
			{ name: 'Inbound', value: 'Inbound' },
			{ name: 'Outbound', value: 'Outbound' },
		],
		default: [],
		description: `Only ${things} in these directions`,
		routing: { send: { type: 'query', property: 'direction' } },
	};
}

/** Where a downloaded file (`what`: "audio", "file") goes, and the name RingCentral's media host should give it. */
export function downloadFields(displayOptions: IDisplayOptions, what: string): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: `Name of the binary property the ${what} is written to`,
			displayOptions,
		},
		{
			displayName: 'Options',
			name: 'downloadOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: 'Name to give the file instead of the one RingCentral sends',
					routing: { send: { type: 'query', property: 'contentDispositionFilename' } },
				},
			],
		},
	];
}
