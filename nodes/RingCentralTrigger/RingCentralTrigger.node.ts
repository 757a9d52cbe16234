import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { RequestContext } from '../RingCentral/shared/directRequest';
import { authenticationProperty, callQueueFields, credentials, nodeVersions } from '../RingCentral/shared/descriptions';
import { searchCallQueues, searchExtensions } from '../RingCentral/shared/listSearch';
import { extensionLocator, locatorValue, versioned } from '../RingCentral/shared/locators';
import { itemSettings, receiveDelivery, registerStarter } from './delivery';
import type { EventSettings } from './events';
import { EVENT_OPTIONS, eventFilters } from './events';
import type { SubscriptionState } from './subscription';
import {
	healthCheckSchedule,
	oneAtATime,
	removeSubscriptions,
	repairSubscription,
	subscriptionIsHealthy,
	verificationToken,
} from './subscription';
import { manualWebSocketEvent, startWebSocketDelivery } from './websocket';

/** Events whose filters name an extension (the rest are account-wide or team messaging). */
const PER_EXTENSION = ['inboundSms', 'messageStore', 'voicemail', 'inboundFax', 'presence', 'telephonySession', 'missedCall', 'extensionChange'];

type ParameterReader = Pick<RequestContext, 'getNode' | 'getNodeParameter'>;

function settingsOf(context: Pick<ParameterReader, 'getNodeParameter'>): EventSettings {
	const get = <T>(name: string, fallback: T) => context.getNodeParameter(name, fallback) as T;
	return {
		events: get<string[]>('events', []),
		extensionId: locatorValue(get<unknown>('extensionId', '~')),
		messageType: get('messageType', 'any'),
		messageDirection: get('messageDirection', 'any'),
		presenceLevel: get('presenceLevel', 'extension'),
		callQueueId: locatorValue(get<unknown>('callQueueId', '')),
		detailedTelephony: get('detailedTelephony', true),
		sipData: get('sipData', false),
		callLevel: get('callLevel', 'extension'),
		callDirection: get('callDirection', 'any'),
		changes: get<string[]>('changes', ['extension']),
		customFilters: get('customFilters', ''),
	};
}

function wantedFilters(context: ParameterReader): string[] {
	const filters = eventFilters(settingsOf(context));
	if (!filters.length) throw new NodeOperationError(context.getNode(), 'Choose at least one event to listen for');
	return filters;
}

/** One upkeep at a time per webhook of this node (production and test listener apart). */
const upkeepKey = (context: IHookFunctions | ITriggerFunctions, address: string | undefined) =>
	`${context.getWorkflow().id}:${context.getNode().id}:${address ?? ''}`;

/** A trigger node of a workflow: whose running trigger function and notifications are whose. */
const triggerKey = (context: IWebhookFunctions | ITriggerFunctions | IExecuteFunctions) => `${context.getWorkflow().id}:${context.getNode().id}`;

export class RingCentralTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RingCentral Trigger',
		name: 'ringCentralTrigger',
		icon: { light: 'file:../../icons/trigger.svg', dark: 'file:../../icons/trigger.dark.svg' },
		group: ['trigger'],
		...nodeVersions,
		// The chosen events by their names ("Missed Call, Voicemail").
		subtitle: `={{ $parameter["events"].map((event) => (${JSON.stringify(
			Object.fromEntries(EVENT_OPTIONS.map((option) => [option.value, option.name])),
		)})[event] ?? event).join(", ") }}`,
		description: 'Starts the workflow on RingCentral events: SMS, voicemail, fax, calls, presence, team messaging and more',
		defaults: { name: 'RingCentral Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials,
		// With WebSocket delivery the node has no webhook: n8n registers none and runs no webhook methods.
		webhooks: [{ name: 'default', httpMethod: '={{$parameter["delivery"] === "webSocket" ? "" : "POST"}}', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			authenticationProperty,
			{
				displayName: 'Delivery',
				name: 'delivery',
				type: 'options',
				options: [
					{
						name: 'Webhook (Public URL)',
						value: 'webhook',
						description: 'RingCentral posts each event to this workflow\'s production webhook URL, which it must reach over HTTPS',
					},
					{
						name: 'WebSocket (No Public URL Needed)',
						value: 'webSocket',
						description: 'Keeps a connection from n8n to RingCentral open and receives the events over it. Needs the WebSocket permission in the RingCentral app.',
					},
				],
				default: 'webhook',
				description: 'How RingCentral delivers events to n8n',
			},
			{
				displayName:
					'RingCentral must reach this workflow\'s production webhook URL over HTTPS. The trigger re-creates its subscription by itself when RingCentral blacklists, expires or loses it.',
				name: 'reachabilityNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { delivery: ['webhook'] } },
			},
			{
				displayName:
					'n8n connects to RingCentral and keeps the connection open while the workflow is published; events missed during a short outage are delivered when it reconnects.',
				name: 'webSocketNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { delivery: ['webSocket'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: ['inboundSms'],
				required: true,
				description: 'The RingCentral events that start the workflow',
			},
			...versioned(
				{
					displayName: 'Extension ID',
					name: 'extensionId',
					type: 'string',
					default: '~',
					description: 'Internal ID of the extension whose events to receive. ~ means the signed-in user\'s extension.',
					displayOptions: { show: { events: PER_EXTENSION } },
				},
				extensionLocator(
					{ show: { events: PER_EXTENSION } },
					{ description: 'The extension whose events to receive. ~ means the signed-in user\'s own extension.', byNumber: false },
				),
			),
			{
				displayName: 'Message Type',
				name: 'messageType',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Fax', value: 'Fax' },
					{ name: 'Pager', value: 'Pager' },
					{ name: 'SMS', value: 'SMS' },
					{ name: 'Voicemail', value: 'VoiceMail' },
				],
				default: 'any',
				description: 'Only changes of this message type',
				displayOptions: { show: { events: ['messageStore'] } },
			},
			{
				displayName: 'Message Direction',
				name: 'messageDirection',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Inbound', value: 'Inbound' },
					{ name: 'Outbound', value: 'Outbound' },
				],
				default: 'any',
				description: 'Only changes of messages in this direction',
				displayOptions: { show: { events: ['messageStore'] } },
			},
			{
				displayName: 'Fetch Changed Messages',
				name: 'fetchMessages',
				type: 'boolean',
				default: true,
				description:
					'Whether to read each new message and output one item per message (RingCentral\'s change event only carries message IDs)',
				displayOptions: { show: { events: ['messageStore'] } },
			},
			{
				displayName: 'Presence Of',
				name: 'presenceLevel',
				type: 'options',
				options: [
					{ name: 'The Extension', value: 'extension' },
					{ name: 'Every User of the Account', value: 'account', description: 'Needs admin rights' },
					{ name: 'Members of a Call Queue', value: 'callQueue' },
				],
				default: 'extension',
				description: 'Whose presence changes start the workflow',
				displayOptions: { show: { events: ['presence'] } },
			},
			...callQueueFields(
				{ show: { events: ['presence'], presenceLevel: ['callQueue'] } },
				{ description: 'The call queue whose members\' presence starts the workflow', byNumber: false },
			),
			{
				displayName: 'Detailed Telephony State',
				name: 'detailedTelephony',
				type: 'boolean',
				default: true,
				description: 'Whether presence events include the active calls',
				displayOptions: { show: { events: ['presence'], presenceLevel: ['extension', 'account'] } },
			},
			{
				displayName: 'SIP Data',
				name: 'sipData',
				type: 'boolean',
				default: false,
				description: 'Whether active calls in presence events include SIP data',
				displayOptions: { show: { events: ['presence'], presenceLevel: ['extension', 'account'] } },
			},
			{
				displayName: 'Calls Of',
				name: 'callLevel',
				type: 'options',
				options: [
					{ name: 'The Extension', value: 'extension' },
					{ name: 'The Whole Account', value: 'account', description: 'Includes calls to call queues and IVR menus; needs admin rights' },
				],
				default: 'extension',
				description: 'Whose calls start the workflow',
				displayOptions: { show: { events: ['telephonySession', 'missedCall'] } },
			},
			{
				displayName: 'Call Direction',
				name: 'callDirection',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Incoming', value: 'Inbound' },
					{ name: 'Outgoing', value: 'Outbound' },
				],
				default: 'any',
				description: 'Only calls in this direction',
				displayOptions: { show: { events: ['telephonySession'] } },
			},
			{
				displayName: 'Changes Of',
				name: 'changes',
				type: 'multiOptions',
				options: [
					{ name: 'Company Directory', value: 'directory' },
					{ name: 'Extension Info', value: 'extension' },
					{ name: 'Extension List', value: 'extensionList' },
					{ name: 'Favorites', value: 'favorites' },
				],
				default: ['extension'],
				description: 'Which contact and extension changes start the workflow',
				displayOptions: { show: { events: ['extensionChange'] } },
			},
			{
				displayName: 'Event Filters',
				name: 'customFilters',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '/restapi/v1.0/account/~/extension/~/presence/dnd',
				description: 'RingCentral event filter strings, one per line',
				displayOptions: { show: { events: ['custom'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Health Check Every (Minutes)',
						name: 'healthCheckMinutes',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 1440 },
						default: 15,
						description:
							'How often the published workflow checks its subscription and repairs it (renews, or re-creates one RingCentral blacklisted, expired or deleted), in minutes. Each workflow checks at a minute and second of its own. 0 checks only when n8n starts.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchCallQueues, searchExtensions } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const address = this.getNodeWebhookUrl('default') as string;
				return await oneAtATime(upkeepKey(this, address), () =>
					subscriptionIsHealthy(this as RequestContext, state, wantedFilters(this), address),
				);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const address = this.getNodeWebhookUrl('default') as string;
				const token = await verificationToken(this as RequestContext & IHookFunctions, state);
				// Idempotent: a healthy subscription the health check made meanwhile is adopted.
				await oneAtATime(upkeepKey(this, address), () =>
					repairSubscription(this as RequestContext, state, wantedFilters(this), address, token, true),
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const address = this.getNodeWebhookUrl('default') as string;
				await oneAtATime(upkeepKey(this, address), () => removeSubscriptions(this as RequestContext, state, address));
				return true;
			},
		},
	};

	/**
	 * n8n calls this when the workflow is activated and again every time n8n starts — unlike the
	 * webhook methods, which it skips for webhooks it already knows. So this is where a subscription
	 * RingCentral blacklisted or expired while n8n was down gets repaired, and then kept healthy.
	 * It also starts the executions of the production webhook (see webhook()).
	 */
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const key = triggerKey(this);
		// Test events are executions n8n starts from the webhook's items (see execute()).
		if (this.getMode() === 'manual') return {};
		// Read now: n8n evaluates parameters only while it activates (later, in the cron callback,
		// the workflow holds no expression engine). The static data is the trigger's own copy,
		// loaded when it started: it only has to know the webhook's address (saved at activation).
		const wanted = wantedFilters(this);
		if (this.getNodeParameter('delivery', 'webhook') === 'webSocket') {
			return await startWebSocketDelivery(this, key, wanted, itemSettings(this, key));
		}
		const minutes = Math.floor(Number((this.getNodeParameter('options', {}) as IDataObject).healthCheckMinutes ?? 15));
		const unregister = registerStarter(key, (items, deduplication) => this.emit([items], undefined, undefined, deduplication));
		const state = this.getWorkflowStaticData('node') as SubscriptionState;
		let running = false;
		const check = async (duringActivation: boolean) => {
			if (running) return;
			running = true;
			try {
				const token = await verificationToken(this as RequestContext & ITriggerFunctions, state);
				const outcome = await oneAtATime(upkeepKey(this, state.webhookUrl), () =>
					repairSubscription(this as RequestContext, state, wanted, state.webhookUrl, token, duringActivation),
				);
				if (!['healthy', 'unknown'].includes(outcome)) {
					this.logger.info(`RingCentral Trigger: subscription ${outcome} (${state.subscriptionId})`);
				}
			} catch (error) {
				this.logger.warn(`RingCentral Trigger: subscription check failed: ${(error as Error).message}`);
			} finally {
				running = false;
			}
		};
		await check(true);
		if (minutes > 0) {
			const schedule = healthCheckSchedule(key, minutes);
			this.helpers.registerCron({ expression: schedule.cronExpression }, () => {
				if (schedule.due(Date.now())) void check(false);
			});
		}
		return { closeFunction: async () => unregister() };
	}

	/** RingCentral's deliveries (delivery.ts): answered first, then turned into items. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, triggerKey(this));
	}

	/**
	 * The node's output in an execution n8n starts with items already on it: a test event from the
	 * editor's listener (n8n puts the webhook's items there, and a worker running the execution
	 * reads them from n8n's database), or a delivery started by the trigger function. n8n-core
	 * runs execute() in preference to trigger() for such a node, also in manual mode.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// "Execute step" with WebSocket delivery: no webhook brings the event, the node waits for one itself.
		if (this.getMode() === 'manual' && this.getNodeParameter('delivery', 0, 'webhook') === 'webSocket') {
			const reader: ParameterReader = { getNode: () => this.getNode(), getNodeParameter: (name, fallback) => this.getNodeParameter(name, 0, fallback) };
			return [await manualWebSocketEvent(this, wantedFilters(reader), itemSettings(reader, triggerKey(this)))];
		}
		return [this.getInputData()];
	}
}
