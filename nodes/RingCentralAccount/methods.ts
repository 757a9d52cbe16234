import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import { matches, searchExtensions } from '../RingCentral/shared/listSearch';

/** What a subscription listens to, in a few words: the last parts of its first event filters. */
function eventsOf(subscription: IDataObject): string {
	const filters = ((subscription.eventFilters as string[] | undefined) ?? []).map((filter) =>
		filter
			.replace(/^\/restapi\/v1\.0\/(account\/[^/]+\/)?(extension\/[^/]+\/)?/, '')
			.replace(/^\/team-messaging\/v1\//, 'team messaging ')
			.replace(/\?.*$/, ''),
	);
	return filters.length > 2 ? `${filters.slice(0, 2).join(', ')} +${filters.length - 2}` : filters.join(', ');
}

/** The subscriptions this app holds for the signed-in user (at most 30: RingCentral lists them in one answer). */
async function searchSubscriptions(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const answer = await ringCentralDirectRequest.call(this, 'GET', '/restapi/v1.0/subscription');
	const results = ((answer.records as IDataObject[] | undefined) ?? [])
		.map((subscription) => {
			const address = String((subscription.deliveryMode as IDataObject | undefined)?.address ?? '');
			return {
				name: `${eventsOf(subscription)} → ${address || 'no address'} · ${subscription.status}`,
				value: String(subscription.id),
			};
		})
		.filter((item) => matches(filter, item.name, item.value));
	return { results };
}

export const accountMethods = { listSearch: { searchExtensions, searchSubscriptions } };
