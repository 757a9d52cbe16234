/** Wire formats shared by every area: page/cursor pagination and multipart/mixed batch answers. */
const crypto = require('node:crypto');
const { errors } = require('./errors');

/**
 * page/perPage pagination with absolute navigation URIs, as RingCentral's list endpoints answer.
 * @param {import('./server').HandlerContext} ctx
 * @param {any[]} records
 * @param {{ defaultPerPage?: number, maxPerPage?: number, totals?: boolean }} [options]
 */
function pageOf(ctx, records, options = {}) {
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
	const link = (/** @type {number} */ n) => {
		const url = new URL(ctx.baseUrl + ctx.path);
		for (const [key, value] of Object.entries(ctx.query)) {
			if (key === 'page' || key === 'perPage') continue;
			for (const v of [].concat(value)) url.searchParams.append(key, v);
		}
		url.searchParams.set('page', String(n));
		url.searchParams.set('perPage', String(perPage));
		return { uri: url.toString() };
	};
	const paging = /** @type {Record<string, number>} */ ({ page, perPage });
	if (slice.length) {
		paging.pageStart = start;
		paging.pageEnd = start + slice.length - 1;
	}
	if (options.totals !== false) {
		paging.totalPages = totalPages;
		paging.totalElements = records.length;
	}
	const navigation = /** @type {Record<string, {uri: string}>} */ ({ firstPage: link(1) });
	if (page > 1) navigation.previousPage = link(page - 1);
	if (start + perPage < records.length) navigation.nextPage = link(page + 1);
	if (options.totals !== false) navigation.lastPage = link(totalPages);
	return { uri: link(page).uri, records: slice, paging, navigation };
}

/**
 * A 207 multipart/mixed answer: the first part lists each part's status, then one part per id.
 * @param {Array<{ href: string, status: number, body: any }>} parts
 */
function multipartMixed(parts) {
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

/** Splits a comma-joined id path segment (RingCentral's batch syntax). @param {string} segment */
function idList(segment) {
	return String(segment)
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

/**
 * Parses a multipart/form-data or multipart/mixed request body into parts. Handles \r\n or \n
 * line endings; the JSON part is recognised by its Content-Type, whatever its name.
 * @param {Buffer} raw @param {string} contentType
 * @returns {Array<{ name?: string, fileName?: string, contentType: string, headers: Record<string, string>, data: Buffer, json?: any }>}
 */
function parseMultipart(raw, contentType) {
	const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
	if (!match) throw errors.invalidParameter('Content-Type', 'A multipart body needs a boundary.');
	const delimiter = Buffer.from(`--${match[1]}`);
	const parts = [];
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
		/** @type {Record<string, string>} */
		const headers = {};
		for (const line of section.subarray(0, headerEnd).toString('utf8').split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		let data = section.subarray(headerEnd + gap);
		if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
		else if (data.subarray(-1).toString() === '\n') data = data.subarray(0, -1);
		const disposition = headers['content-disposition'] ?? '';
		const part = {
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
				throw new (require('./errors').RcError)(400, 'CMN-103', "JSON can't be parsed.");
			}
		}
		parts.push(part);
		start = next;
	}
	if (!parts.length) throw errors.invalidParameter('body', 'The multipart body has no parts.');
	return parts;
}

module.exports = { pageOf, multipartMixed, idList, parseMultipart };
