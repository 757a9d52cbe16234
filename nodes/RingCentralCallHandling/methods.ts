import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import {
	PICKER_PAGE_SIZE,
	accountSegment,
	extensionSegment,
	matches,
	nextPageToken,
	pageOf,
	searchExtensions,
} from '../RingCentral/shared/listSearch';

const titled = (value: unknown) => String(value ?? '').replace(/([a-z])([A-Z])/g, '$1 $2');

/** One page of a RingCentral list whose entries the user's text is matched against here. */
async function filteredPage(
	context: ILoadOptionsFunctions,
	url: string,
	toItem: (record: IDataObject) => INodeListSearchItems,
	filter?: string,
	paginationToken?: string,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const answer = await ringCentralDirectRequest.call(context, 'GET', url, { qs: { ...qs, page, perPage: PICKER_PAGE_SIZE } });
	const results = ((answer.records as IDataObject[] | undefined) ?? []).map(toItem).filter((item) => matches(filter, item.name, item.value));
	return { results, paginationToken: nextPageToken(answer, page) };
}

const userUrl = async (context: ILoadOptionsFunctions, path: string) =>
	`/restapi/v1.0/account/${accountSegment(context)}/extension/${await extensionSegment(context)}/${path}`;

const ruleItem = (rule: IDataObject) => ({
	name: `${rule.name ?? rule.id} · ${titled(rule.type)}${rule.enabled === false ? ' (disabled)' : ''}`,
	value: String(rule.id),
});

/** The answering rules of the node's extension (business hours, after hours and custom rules). */
async function searchUserAnsweringRules(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await filteredPage(this, await userUrl(this, 'answering-rule'), ruleItem, filter, paginationToken);
}

/** The company's answering rules (the auto-receptionist's). */
async function searchCompanyAnsweringRules(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await filteredPage(this, `/restapi/v1.0/account/${accountSegment(this)}/answering-rule`, ruleItem, filter, paginationToken);
}

/** The forwarding and call flip numbers of the node's extension. */
async function searchForwardingNumbers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const item = (number: IDataObject) => ({
		name: `${number.label ?? titled(number.type)} · ${number.phoneNumber}`,
		value: String(number.id),
	});
	return await filteredPage(this, await userUrl(this, 'forwarding-number'), item, filter, paginationToken);
}

/**
 * The blocked list, then the allowed list, of the node's extension (RingCentral returns one list a
 * request); the token holds the list and its page.
 */
async function searchBlockedNumbers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const [status, page] = (paginationToken ?? 'Blocked.1').split('.');
	const item = (number: IDataObject) => ({
		name: `${number.phoneNumber}${number.label ? ` · ${number.label}` : ''} · ${status.toLowerCase()}`,
		value: String(number.id),
	});
	const { results, paginationToken: next } = await filteredPage(
		this,
		await userUrl(this, 'caller-blocking/phone-numbers'),
		item,
		filter,
		page,
		{ status },
	);
	const following = next ? `${status}.${next}` : status === 'Blocked' ? 'Allowed.1' : undefined;
	return { results, paginationToken: following };
}

/** RingCentral's standard greetings and music, named by what they are and when they play. */
async function searchStandardGreetings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const item = (greeting: IDataObject) => ({
		name: `${greeting.name} · ${titled(greeting.type)} · ${titled(greeting.usageType)}`,
		value: String(greeting.id),
	});
	return await filteredPage(this, '/restapi/v1.0/dictionary/greeting', item, filter, paginationToken);
}

export const callHandlingMethods = {
	listSearch: {
		searchBlockedNumbers,
		searchCompanyAnsweringRules,
		searchExtensions,
		searchForwardingNumbers,
		searchStandardGreetings,
		searchUserAnsweringRules,
	},
};
