import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	authenticationProperty,
	credentials,
	nodeVersions,
	operationSubtitle,
	requestDefaults,
} from '../RingCentral/shared/descriptions';
import { videoMethods } from './methods';
import { meetingBridgeFields, meetingBridgeOperations } from './resources/meetingBridge';
import { meetingHistoryFields, meetingHistoryOperations } from './resources/meetingHistory';

export class RingCentralVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Video',
		name: 'ringCentralVideo',
		icon: { light: 'file:../../icons/video.svg', dark: 'file:../../icons/video.dark.svg' },
		group: ['transform'],
		...nodeVersions,
		subtitle: operationSubtitle({
			'meetingBridge:create': 'Create Meeting Bridge',
			'meetingBridge:delete': 'Delete Meeting Bridge',
			'meetingBridge:endMeeting': 'End Meeting (Retired)',
			'meetingBridge:get': 'Get Meeting Bridge',
			'meetingBridge:getDefault': 'Get Default Meeting Bridge',
			'meetingBridge:update': 'Update Meeting Bridge',
			'meetingHistory:get': 'Get Past Meeting',
			'meetingHistory:getMany': 'Get Many Past Meetings',
		}),
		description: 'Schedule RingCentral Video meetings and read the meeting history (replaces the retired RingCentral Meetings API)',
		defaults: { name: 'RingCentral Video' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		requestDefaults,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Meeting Bridge', value: 'meetingBridge', description: 'A meeting room with its join link, PINs and settings' },
					{ name: 'Meeting History', value: 'meetingHistory', description: 'Meetings that took place' },
				],
				default: 'meetingBridge',
			},
			meetingBridgeOperations,
			meetingHistoryOperations,
			...meetingBridgeFields,
			...meetingHistoryFields,
		],
	};

	methods = videoMethods;
}
