import type { INodeProperties } from 'n8n-workflow';

import { accountIdField, downloadFields, pathParameter, showFor } from '../../RingCentral/shared/descriptions';
import { byIdMode, fromListMode, locatorValue, resourceLocator, versioned } from '../../RingCentral/shared/locators';
import { ringCentralRoute } from '../../RingCentral/shared/transport';

const RESOURCE = 'recording';

/** A recording's id inside its uri or contentUri (…/recording/{id}[/content]). */
const ID_IN_URI = /^.*\/recording\/([^/?#]+).*$/;

function recordingIdOf(value: unknown): string {
	return locatorValue(value).replace(ID_IN_URI, '$1');
}

/** The recording ID, also when the user passes a call record's recording.contentUri or uri. */
const RECORDING_URL = `=/restapi/v1.0/account/${pathParameter('accountId')}/recording/${pathParameter('recordingId', ID_IN_URI)}`;

export const recordingOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	options: [
		{
			name: 'Download',
			value: 'download',
			action: 'Download a call recording',
			description: 'The recording\'s audio (MP3 or WAV) as binary data, from RingCentral\'s media host',
			routing: ringCentralRoute({
				method: 'GET',
				url: `${RECORDING_URL}/content`,
				group: 'Heavy',
				host: 'media',
				download: {
					binaryPropertyParameter: 'binaryPropertyName',
					defaultFileName: (context) => `recording-${recordingIdOf(context.getNodeParameter('recordingId', ''))}`,
				},
			}),
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a call recording',
			description: 'The recording\'s content URI, audio type and duration',
			routing: ringCentralRoute({ method: 'GET', url: RECORDING_URL, group: 'Heavy' }),
		},
	],
	default: 'download',
};

const both = showFor(RESOURCE, ['download', 'get']);
const download = showFor(RESOURCE, ['download']);

export const recordingFields: INodeProperties[] = [
	accountIdField(both),
	...versioned(
		{
			displayName: 'Recording ID',
			name: 'recordingId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '51062004016',
			description: 'ID of the recording, as a call record\'s recording shows it; the recording\'s content URI works too',
			displayOptions: both,
		},
		resourceLocator(
			{
				name: 'recordingId',
				displayName: 'Recording',
				description: 'A call recording: your recorded calls of the last 90 days, its ID, or its URI from a call record',
				displayOptions: both,
			},
			[
				fromListMode('searchRecordings'),
				byIdMode('51062004016'),
				// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string',
					placeholder: 'https://platform.ringcentral.com/restapi/v1.0/account/~/recording/51062004016/content',
					hint: 'A call record\'s recording.uri or recording.contentUri',
					extractValue: { type: 'regex', regex: '/recording/(\\d+)' },
					validation: [
						{ type: 'regex', properties: { regex: 'https?://.+/recording/\\d+.*', errorMessage: 'Not a RingCentral recording URI' } },
					],
				},
			],
		),
	),
	...downloadFields(download, 'audio'),
];
