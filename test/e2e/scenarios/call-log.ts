/**
 * Call Log: the newest recorded call found in the user's call log, its recording downloaded as
 * an n8n binary and answered as the webhook's binary response.
 */
import { body, output } from './expressions';
import type { Area, Auth, Scenario } from '../workflows';

function scenarios(auth: Auth): Scenario[] {
	const node = 'ringCentralCallLog';
	const recording = `call-log-recording-${auth}`;
	return [
		{
			id: recording,
			auth,
			steps: [
				{
					name: 'find',
					node,
					parameters: {
						resource: 'callRecord',
						operation: 'getMany',
						accountId: '~',
						extensionId: '~',
						limit: 1,
						filters: { recordingType: 'All', dateFrom: body('dateFrom') },
					},
				},
				// By the record's contentUri: the Recording ID field takes it as well as the bare ID.
				{ name: 'download', node, parameters: { resource: 'recording', operation: 'download', accountId: '~', recordingId: '={{ $json.recordingContentUri }}' } },
			],
			respond: {
				respondWith: 'binary',
				responseDataSource: 'set',
				inputFieldName: 'data',
				options: {
					responseCode: 200,
					responseHeaders: {
						entries: [
							{ name: 'x-file-name', value: '={{ $binary.data.fileName }}' },
							{ name: 'x-recording-id', value: `={{ ${output(recording, 'find')}.recordingId }}` },
							{ name: 'x-content-uri', value: `={{ ${output(recording, 'find')}.recordingContentUri }}` },
						],
					},
				},
			},
		},
	];
}

const area: Area = { area: 'call-log', scenarios: [...scenarios('jwt'), ...scenarios('oauth2')] };

export default area;
