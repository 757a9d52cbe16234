import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import { searchExtensions } from '../RingCentral/shared/listSearch';

const HISTORY_PAGE = 100;

async function meetingPage(context: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
	const answer = await ringCentralDirectRequest.call(context, 'GET', '/rcvideo/v1/history/meetings', {
		qs: { perPage: HISTORY_PAGE, ...(filter?.trim() ? { text: filter.trim() } : {}), ...(paginationToken ? { pageToken: paginationToken } : {}) },
	});
	return {
		meetings: (answer.meetings as IDataObject[] | undefined) ?? [],
		next: (answer.paging as IDataObject | undefined)?.nextPageToken as string | undefined,
	};
}

const day = (time: unknown) => String(time ?? '').slice(0, 10);

/**
 * RingCentral Video lists no bridges, so the picker offers what the user has: their personal
 * meeting bridge, then the bridges of meetings they hosted, newest first.
 */
async function searchBridges(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	const mine = await ringCentralDirectRequest.call(this, 'GET', '/rcvideo/v2/account/~/extension/~/bridges/default', { group: 'Medium' });
	const me = String((mine.host as IDataObject | undefined)?.extensionId ?? '');
	const web = (bridge: IDataObject) => (bridge.pins as IDataObject | undefined)?.web;
	if (!paginationToken) {
		results.push({ name: `Personal meeting (${web(mine)})`, value: String(mine.id), url: String((mine.discovery as IDataObject | undefined)?.web ?? '') });
	}
	const { meetings, next } = await meetingPage(this, undefined, paginationToken);
	const seen = new Set([String(mine.id)]);
	for (const meeting of meetings) {
		const bridgeId = String(meeting.bridgeId ?? '');
		if (!bridgeId || seen.has(bridgeId) || String((meeting.hostInfo as IDataObject | undefined)?.extensionId) !== me) continue;
		seen.add(bridgeId);
		results.push({ name: `${meeting.displayName} (${meeting.shortId}, last used ${day(meeting.startTime)})`, value: bridgeId });
	}
	const wanted = filter?.trim().toLowerCase();
	return { results: wanted ? results.filter((r) => r.name.toLowerCase().includes(wanted)) : results, paginationToken: next };
}

/** Past meetings the user hosted or joined, found by name. */
async function searchMeetings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { meetings, next } = await meetingPage(this, filter, paginationToken);
	return {
		results: meetings.map((meeting) => ({ name: `${meeting.displayName} · ${day(meeting.startTime)}`, value: String(meeting.id) })),
		paginationToken: next,
	};
}

export const videoMethods = { listSearch: { searchBridges, searchExtensions, searchMeetings } };
