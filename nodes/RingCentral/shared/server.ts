import type { INodeProperties } from 'n8n-workflow';

export const PRODUCTION_SERVER = 'https://platform.ringcentral.com';
export const PARTNER_SERVER = 'https://platform.ringcentral.biz';

/** Server choice shared by both credentials; the custom URL is how the local emulator is reached. */
export const serverProperties: INodeProperties[] = [
	{
		displayName: 'Server',
		name: 'environment',
		type: 'options',
		options: [
			{ name: 'Production', value: PRODUCTION_SERVER, description: PRODUCTION_SERVER },
			{
				name: 'AT&T Office@Hand / Verizon',
				value: PARTNER_SERVER,
				description: `${PARTNER_SERVER} (segregated partner environment)`,
			},
			{ name: 'Custom URL', value: 'custom', description: 'For example a local RingCentral emulator' },
		],
		default: PRODUCTION_SERVER,
	},
	{
		displayName: 'Server URL',
		name: 'serverUrl',
		type: 'string',
		default: '',
		placeholder: 'http://localhost:4010',
		description: 'Base URL of the RingCentral API, without a trailing path',
		displayOptions: { show: { environment: ['custom'] } },
		required: true,
	},
];

/**
 * n8n expression resolving the API base URL from a credential. `source` is `$credentials` in nodes
 * and `$self` inside a credential's own hidden fields.
 */
export function serverUrlExpression(source: '$credentials' | '$self', path = ''): string {
	const pick = `(${source}.environment === "custom" ? ${source}.serverUrl : ${source}.environment)`;
	const suffix = path ? ` + "${path}"` : '';
	return `={{ String(${pick} || "").replace(/\\/+$/, "")${suffix} }}`;
}

/** Same resolution for code that already holds the decrypted credential object. */
export function resolveServerUrl(credentials: { environment?: unknown; serverUrl?: unknown }): string {
	const chosen = credentials.environment === 'custom' ? credentials.serverUrl : credentials.environment;
	return String(chosen || PRODUCTION_SERVER).replace(/\/+$/, '');
}

/**
 * Base URL for media downloads (recordings, message attachments): RingCentral serves content from
 * its media host (platform.* → media.*); a custom server (the emulator) serves both.
 */
export function resolveMediaUrl(credentials: { environment?: unknown; serverUrl?: unknown }): string {
	const server = resolveServerUrl(credentials);
	return credentials.environment === 'custom' ? server : server.replace('://platform.', '://media.');
}
