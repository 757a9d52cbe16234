/**
 * RingCentral batch answers (207 Multi-Status): multipart/mixed whose first part lists each
 * part's status, followed by one JSON part per requested id. Line endings may be \n or \r\n.
 */
export interface BatchPart {
	status: number;
	body: unknown;
}

export function isMultipartBody(body: unknown): body is string {
	return typeof body === 'string' && body.trimStart().startsWith('--');
}

export function parseBatchResponse(text: string): BatchPart[] {
	const normalized = text.replace(/\r\n/g, '\n').trimStart();
	const delimiter = normalized.slice(0, normalized.indexOf('\n')).trim();
	const sections = normalized
		.split(delimiter)
		.slice(1)
		.filter((section) => !section.startsWith('--'));
	const bodies = sections.map((section) => {
		const separator = section.indexOf('\n\n');
		const content = (separator === -1 ? section : section.slice(separator + 2)).trim();
		try {
			return JSON.parse(content) as unknown;
		} catch {
			return content;
		}
	});
	const [statusPart, ...parts] = bodies;
	const statuses = ((statusPart as { response?: Array<{ status?: number }> })?.response ?? []).map((r) =>
		Number(r.status ?? 200),
	);
	return parts.map((body, index) => ({ status: statuses[index] ?? 200, body }));
}
