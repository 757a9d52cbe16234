import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

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
import { partyNumber } from '../RingCentral/shared/parties';

/** How far back the recording picker looks. */
const PICKER_HISTORY_DAYS = 90;

function who(party: IDataObject | undefined): string {
	const number = partyNumber(party);
	return party?.name ? `${party.name} (${number})` : String(number ?? '');
}

function duration(seconds: unknown): string {
	const total = Number(seconds ?? 0);
	return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}

/**
 * Recorded calls of the signed-in user in the last 90 days, newest first: "Inbound call from
 * Jordan Rivera (+14155550142) · 2026-11-23 09:12 · 2m 05s".
 */
async function searchRecordings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const answer = await ringCentralDirectRequest.call(
		this,
		'GET',
		`/restapi/v1.0/account/${accountSegment(this)}/extension/${await extensionSegment(this)}/call-log`,
		{
			qs: {
				recordingType: 'All',
				dateFrom: new Date(Date.now() - PICKER_HISTORY_DAYS * 24 * 3600_000).toISOString(),
				page,
				perPage: PICKER_PAGE_SIZE,
			},
		},
	);
	const results = ((answer.records as IDataObject[] | undefined) ?? [])
		.filter((call) => (call.recording as IDataObject | undefined)?.id)
		.map((call) => {
			const inbound = call.direction === 'Inbound';
			const other = who((inbound ? call.from : call.to) as IDataObject | undefined);
			const when = String(call.startTime ?? '').slice(0, 16).replace('T', ' ');
			const name = `${inbound ? 'Inbound call from' : 'Outbound call to'} ${other} · ${when} · ${duration(call.duration)}`;
			return { name, value: String((call.recording as IDataObject).id) };
		})
		.filter((item) => matches(filter, item.name));
	return { results, paginationToken: nextPageToken(answer, page) };
}

export const callLogMethods = { listSearch: { searchExtensions, searchRecordings } };
