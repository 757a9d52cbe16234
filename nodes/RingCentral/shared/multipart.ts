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

export interface FormPart {
	/** form field name, e.g. `request.json`, `attachment`, `binary` */
	name: string;
	data: Buffer | string;
	contentType: string;
	fileName?: string;
}

/**
 * A multipart/form-data body built in memory: a Buffer can be re-sent after a token refresh,
 * unlike a stream, and it needs no runtime dependency.
 */
export function buildFormData(parts: FormPart[]): { body: Buffer; contentType: string } {
	const boundary = `n8n-ringcentral-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const fileName = part.fileName ? `; filename="${part.fileName.replace(/["\r\n]/g, '_')}"` : '';
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${fileName}\r\nContent-Type: ${part.contentType}\r\n\r\n`,
			),
			Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data),
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
