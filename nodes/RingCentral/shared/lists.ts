/**
 * Several values in one field, as people type them: separated by commas, semicolons or new lines
 * (or an array from an expression). IDs also split on spaces; values that may contain spaces
 * themselves (phone numbers as "+1 (650) 555-0100", names) do not.
 */
export function splitList(value: unknown, options: { spaces?: boolean } = {}): string[] {
	const separators = options.spaces ? /[\s,;]+/ : /[,;\n]+/;
	const raw = Array.isArray(value) ? value : String(value ?? '').split(separators);
	return raw.map((entry) => String(entry ?? '').trim()).filter(Boolean);
}

/** IDs typed into one field (or given as an array). */
export function idList(value: unknown): string[] {
	return splitList(value, { spaces: true });
}

/** `values` in consecutive groups of at most `size`. */
export function chunked<T>(values: T[], size: number): T[][] {
	const groups: T[][] = [];
	for (let start = 0; start < values.length; start += size) groups.push(values.slice(start, start + size));
	return groups;
}
