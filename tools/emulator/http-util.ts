/** Wire formats shared by every area: page/cursor pagination and multipart/mixed batch answers. */
import crypto from 'node:crypto';

import { RcError, errors } from './errors';
import type { HandlerContext } from './types';

export interface PageOptions {
	defaultPerPage?: number;
	maxPerPage?: number;
	/** false for lists that do not count their records (no totalPages, totalElements, lastPage) */
	totals?: boolean;
}

export interface Paging {
	page: number;
	perPage: number;
	pageStart?: number;
	pageEnd?: number;
	totalPages?: number;
	totalElements?: number;
}

export interface NavigationLink {
	uri: string;
}

export interface Navigation {
	firstPage: NavigationLink;
	previousPage?: NavigationLink;
	nextPage?: NavigationLink;
	lastPage?: NavigationLink;
}

export interface Page<T> {
	uri: string;
	records: T[];
	paging: Paging;
	navigation: Navigation;
}

/** page/perPage pagination with absolute navigation URIs, as RingCentral's list endpoints answer. */
export function pageOf<T>(ctx: Pick<HandlerContext, 'query' | 'baseUrl' | 'path'>, records: readonly T[], options: PageOptions = {}): Page<T> {
	const maxPerPage = options.maxPerPage ?? 1000;
	const rawPerPage = ctx.query.perPage;
	let perPage = options.defaultPerPage ?? 100;
	if (rawPerPage === 'max' || rawPerPage === 'all') perPage = maxPerPage;
	else if (rawPerPage !== undefined) perPage = Math.min(Number(rawPerPage), maxPerPage);
	const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
	if (!Number.isInteger(perPage) || perPage < 1) throw errors.invalidParameter('perPage');
	if (!Number.isInteger(page) || page < 1) throw errors.invalidParameter('page');
	const start = (page - 1) * perPage;
	const slice = records.slice(start, start + perPage);
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	const link = (n: number): NavigationLink => {
		const url = new URL(ctx.baseUrl + ctx.path);
		for (const [key, value] of Object.entries(ctx.query)) {
			if (key === 'page' || key === 'perPage') continue;
			for (const v of ([] as string[]).concat(value)) url.searchParams.append(key, v);
		}
		url.searchParams.set('page', String(n));
		url.searchParams.set('perPage', String(perPage));
		return { uri: url.toString() };
	};
	const paging: Paging = { page, perPage };
	if (slice.length) {
		paging.pageStart = start;
		paging.pageEnd = start + slice.length - 1;
	}
	if (options.totals !== false) {
		paging.totalPages = totalPages;
		paging.totalElements = records.length;
	}
	const navigation: Navigation = { firstPage: link(1) };
	if (page > 1) navigation.previousPage = link(page - 1);
	if (start + perPage < records.length) navigation.nextPage = link(page + 1);
	if (options.totals !== false) navigation.lastPage = link(totalPages);
	return { uri: link(page).uri, records: slice, paging, navigation };
}

/** One id's answer in a batch: its URI, status and body (none for a deleted id). */
export interface BatchPart {
	href: string;
	status: number;
	body?: unknown;
}

export interface MultipartAnswer {
	status: number;
	contentType: string;
	raw: string;
}

/** A 207 multipart/mixed answer: the first part lists each part's status, then one part per id. */
export function multipartMixed(parts: readonly BatchPart[]): MultipartAnswer {
	const boundary = `Boundary_${crypto.randomBytes(6).toString('hex')}`;
	const statusPart = {
		response: parts.map((p) => ({
			href: p.href,
			status: p.status,
			responseDescription: p.status < 300 ? 'OK' : p.status === 404 ? 'Not Found' : 'Error',
		})),
	};
	// A part without a body (a deleted id: 204) is sent empty.
	const chunks = [statusPart, ...parts.map((p) => p.body)].map(
		(json) => `--${boundary}\r\nContent-Type: application/json\r\n\r\n${json === undefined ? '' : JSON.stringify(json, null, 2)}\r\n`,
	);
	return {
		status: 207,
		contentType: `multipart/mixed; boundary=${boundary}`,
		raw: `${chunks.join('')}--${boundary}--\r\n`,
	};
}

/** Splits a comma-joined id path segment (RingCentral's batch syntax). */
export function idList(segment: string): string[] {
	return String(segment)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** One part of a multipart request. */
export interface MultipartPart {
	/** the form field name of Content-Disposition */
	name?: string;
	fileName?: string;
	contentType: string;
	/** header names in lower case */
	headers: Record<string, string>;
	data: Buffer;
	/** the parsed body of a JSON part */
	json?: unknown;
}

/**
 * Parses a multipart/form-data or multipart/mixed request body into parts. Handles \r\n or \n
 * line endings; the JSON part is recognised by its Content-Type, whatever its name.
 */
export function parseMultipart(raw: Buffer, contentType: string): MultipartPart[] {
	const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
	if (!match) throw errors.invalidParameter('Content-Type', 'A multipart body needs a boundary.');
	const delimiter = Buffer.from(`--${match[1]}`);
	const parts: MultipartPart[] = [];
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		let section = raw.subarray(start + delimiter.length, next);
		if (section.subarray(0, 2).toString() === '--') break;
		section = section.subarray(section[0] === 13 ? 2 : 1);
		const crlf = section.indexOf('\r\n\r\n');
		const lf = section.indexOf('\n\n');
		const [headerEnd, gap] = crlf !== -1 && (lf === -1 || crlf < lf) ? [crlf, 4] : [lf, 2];
		if (headerEnd === -1) throw errors.invalidParameter('body', 'A multipart part has no header block.');
		const headers: Record<string, string> = {};
		for (const line of section.subarray(0, headerEnd).toString('utf8').split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		let data = section.subarray(headerEnd + gap);
		if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
		else if (data.subarray(-1).toString() === '\n') data = data.subarray(0, -1);
		const disposition = headers['content-disposition'] ?? '';
		const part: MultipartPart = {
			name: /name="([^"]*)"/i.exec(disposition)?.[1],
			fileName: /filename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: headers['content-type'] ?? 'text/plain',
			headers,
			data,
			json: undefined,
		};
		if (part.contentType.includes('json')) {
			try {
				part.json = JSON.parse(data.toString('utf8'));
			} catch {
				throw new RcError(400, 'CMN-103', "JSON can't be parsed.");
			}
		}
		parts.push(part);
		start = next;
	}
	if (!parts.length) throw errors.invalidParameter('body', 'The multipart body has no parts.');
	return parts;
}
