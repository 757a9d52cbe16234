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
	const chunks = [statusPart, ...parts.map((p) => p.body)].map(
		(json) => `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json, null, 2)}\r\n`,
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

module.exports = { pageOf, multipartMixed, idList };
