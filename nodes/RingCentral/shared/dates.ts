import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, tryToParseDateTime } from 'n8n-workflow';

/**
 * How a date goes to RingCentral: `iso` is ISO 8601 in UTC, `epochMs` Unix milliseconds,
 * `calendarDay` the day as written (a birthday stays on its day whatever the time zones).
 */
export type DateFormat = 'iso' | 'epochMs' | 'calendarDay';

/** A dateTime field the executor reads, checks and sends (routing `send.value` would drop a bad date silently). */
export interface DateField {
	/** the parameter's path, e.g. `filters.dateFrom` */
	parameter: string;
	/** the field as the user sees it, for error messages */
	label: string;
	to: 'query' | 'body';
	/** where it goes in the query or body (dots for nesting) */
	property: string;
	format: DateFormat;
	/** sent only while these parameters have these values (the field is shown only then) */
	onlyIf?: Record<string, string>;
}

interface DateLike {
	toMillis(): number;
	toISODate?(): string | null;
	isValid?: boolean;
}

function isDateLike(value: unknown): value is DateLike {
	return !!value && typeof value === 'object' && typeof (value as DateLike).toMillis === 'function';
}

/**
 * A date from what a field holds: the date picker's text, ISO 8601 and the other formats n8n
 * accepts, a Luxon DateTime or JS Date from an expression, or Unix milliseconds. Text without a
 * zone is read in the workflow's time zone, as n8n reads its own date fields.
 */
export function parseDate(value: unknown, timezone: string): DateLike | undefined {
	if (isDateLike(value)) return value.isValid === false ? undefined : value;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : { toMillis: () => value.getTime() };
	if (typeof value === 'number') return Number.isFinite(value) ? { toMillis: () => value } : undefined;
	if (typeof value !== 'string' || !value.trim()) return undefined;
	try {
		return tryToParseDateTime(value.trim(), timezone) as unknown as DateLike;
	} catch {
		return undefined;
	}
}

/** The date as RingCentral takes it in `format`. */
export function formatDate(date: DateLike, format: DateFormat): string | number {
	const millis = date.toMillis();
	if (format === 'epochMs') return millis;
	if (format === 'calendarDay') {
		const day = date.toISODate?.() ?? new Date(millis).toISOString().slice(0, 10);
		return `${day}T00:00:00.000Z`;
	}
	return new Date(millis).toISOString();
}

function isEmptyValue(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (value && typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'value'} (${JSON.stringify(value)?.slice(0, 80)})`;
	return String(value);
}

/** Reads one dateTime value of the current item; throws an error naming the field when it is no date. */
export function dateValue(context: IExecuteSingleFunctions, value: unknown, label: string, format: DateFormat): string | number | undefined {
	if (isEmptyValue(value)) return undefined;
	const timezone = context.getTimezone();
	const date = parseDate(value, timezone);
	if (!date) {
		throw new NodeOperationError(context.getNode(), `${label}: ${shown(value)} is not a date`, {
			itemIndex: context.getItemIndex(),
			description: `Use ISO 8601 such as 2024-12-31 or 2024-12-31T09:00:00 (read in the workflow's time zone, ${timezone}), a time with a zone such as 2024-12-31T09:00:00Z, or an expression such as {{ $now.minus({ days: 3 }) }}.`,
		});
	}
	return formatDate(date, format);
}

/** Puts every date field that has a value into the request's query or body, or fails naming the first bad one. */
export function withDates<T extends Pick<IHttpRequestOptions, 'qs' | 'body'>>(context: IExecuteSingleFunctions, options: T, fields: DateField[]): T {
	let result = options;
	for (const field of fields) {
		const shown = Object.entries(field.onlyIf ?? {}).every(([name, value]) => context.getNodeParameter(name, '') === value);
		if (!shown) continue;
		const sent = dateValue(context, context.getNodeParameter(field.parameter, ''), field.label, field.format);
		if (sent === undefined) continue;
		const key = field.to === 'query' ? 'qs' : 'body';
		const target = structuredClone((result[key] as IDataObject | undefined) ?? {});
		const path = field.property.split('.');
		let node = target;
		for (const step of path.slice(0, -1)) node = (node[step] ??= {}) as IDataObject;
		node[path[path.length - 1]] = sent;
		result = { ...result, [key]: target };
	}
	return result;
}
