import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import {
	PICKER_PAGE_SIZE,
	accountSegment,
	currentParameter,
	directoryPage,
	extensionSegment,
	matches,
	nextPageToken,
	pageOf,
	personName,
	searchExtensions,
	searchFaxRecipients,
	searchPhoneRecipients,
	searchSmsSenderNumbers,
} from '../RingCentral/shared/listSearch';
import { locatorValue } from '../RingCentral/shared/locators';

/** How far back the message pickers look (RingCentral lists only the last 24 hours by default). */
const PICKER_HISTORY_DAYS = 90;
const DAY_MS = 24 * 3600_000;

function mailboxUrl(context: ILoadOptionsFunctions, extension: string): string {
	return `/restapi/v1.0/account/${accountSegment(context)}/extension/${extension}/message-store`;
}

function party(record: IDataObject | undefined): string {
	if (!record) return '';
	const name = String(record.name ?? '');
	const number = String(record.phoneNumber ?? record.extensionNumber ?? '');
	return name && number ? `${name} (${number})` : name || number;
}

const TYPE_NAMES: Record<string, string> = { VoiceMail: 'Voicemail', SMS: 'SMS', Fax: 'Fax', Pager: 'Pager message', Text: 'Text' };

/** "SMS from Jordan Rivera (+14155550142) · 2026-11-23 09:12 · Running late" */
function messageName(message: IDataObject): string {
	const inbound = message.direction === 'Inbound';
	const other = inbound ? party(message.from as IDataObject) : ((message.to as IDataObject[] | undefined) ?? []).map(party).join(', ');
	const when = String(message.creationTime ?? '').slice(0, 16).replace('T', ' ');
	const subject = String(message.subject ?? '').slice(0, 60);
	const type = TYPE_NAMES[String(message.type)] ?? String(message.type);
	return [`${type} ${inbound ? 'from' : 'to'} ${other}`, when, subject].filter(Boolean).join(' · ');
}

async function messages(context: ILoadOptionsFunctions, types: string[], filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const phoneNumber = filter?.trim() && /^\+?[\d\s()-]{7,}$/.test(filter.trim()) ? filter.replace(/[^\d+]/g, '') : undefined;
	const answer = await ringCentralDirectRequest.call(context, 'GET', mailboxUrl(context, await extensionSegment(context)), {
		qs: {
			dateFrom: new Date(Date.now() - PICKER_HISTORY_DAYS * DAY_MS).toISOString(),
			page,
			perPage: PICKER_PAGE_SIZE,
			...(types.length ? { messageType: types } : {}),
			// RingCentral finds a typed phone number itself; other text is matched here.
			...(phoneNumber ? { phoneNumber } : {}),
		},
	});
	const records = (answer.records as IDataObject[] | undefined) ?? [];
	const results = records
		.map((message) => ({ name: messageName(message), value: String(message.id) }))
		.filter((item) => phoneNumber || matches(filter, item.name));
	return { results, paginationToken: nextPageToken(answer, page) };
}

/** Messages of the mailbox (the last 90 days, newest first), found by party, date or text. */
async function searchMessages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await messages(this, [], filter, paginationToken);
}

/** Pager messages of the mailbox, to reply to. */
async function searchPagerMessages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return await messages(this, ['Pager'], filter, paginationToken);
}

/** The attachments of the message chosen in the Message field (recording, fax pages, MMS files, text). */
async function searchAttachments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const messageId = locatorValue(currentParameter(this, 'messageId'));
	if (!messageId) return { results: [] };
	const message = await ringCentralDirectRequest.call(
		this,
		'GET',
		`${mailboxUrl(this, await extensionSegment(this))}/${encodeURIComponent(messageId)}`,
	);
	const results = ((message.attachments as IDataObject[] | undefined) ?? [])
		.map((attachment) => ({
			name: [attachment.fileName ?? attachment.type, attachment.contentType].filter(Boolean).join(' · '),
			value: String(attachment.id),
		}))
		.filter((item) => matches(filter, item.name));
	return { results };
}

/**
 * Colleagues to page, by extension number (what pager messages are addressed with): the
 * directory's users, searched by RingCentral when the user types.
 */
async function searchExtensionNumbers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { entries, next } = await directoryPage(this, filter, paginationToken);
	const results = entries
		.filter((entry) => entry.extensionNumber)
		.map((entry) => ({ name: `${personName(entry)} (${entry.extensionNumber})`, value: String(entry.extensionNumber) }));
	return { results, paginationToken: next };
}

export const messagingMethods = {
	listSearch: {
		searchAttachments,
		searchExtensionNumbers,
		searchExtensions,
		searchFaxRecipients,
		searchMessages,
		searchPagerMessages,
		searchPhoneRecipients,
		searchSmsSenderNumbers,
	},
};
