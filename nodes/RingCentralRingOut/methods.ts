import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import {
	PICKER_PAGE_SIZE,
	accountSegment,
	extensionSegment,
	matches,
	nextPageToken,
	pageOf,
	searchCallerIdNumbers,
	searchExtensions,
	searchPhoneRecipients,
} from '../RingCentral/shared/listSearch';

/** The phones RingCentral can ring first: the extension's forwarding numbers (mobile, desk phone, …). */
async function searchOwnPhones(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const answer = await ringCentralDirectRequest.call(
		this,
		'GET',
		`/restapi/v1.0/account/${accountSegment(this)}/extension/${await extensionSegment(this)}/forwarding-number`,
		{ qs: { page, perPage: PICKER_PAGE_SIZE } },
	);
	const results = ((answer.records as IDataObject[] | undefined) ?? [])
		.filter((number) => number.phoneNumber)
		.map((number) => ({ name: `${number.phoneNumber} · ${number.label ?? number.type}`, value: String(number.phoneNumber) }))
		.filter((item) => matches(filter, item.name));
	return { results, paginationToken: nextPageToken(answer, page) };
}

export const ringOutMethods = { listSearch: { searchCallerIdNumbers, searchExtensions, searchOwnPhones, searchPhoneRecipients } };
