/** Helpers for n8n binary data in test input items. Audio and document bytes come from tools/emulator/media. */
import type { IBinaryData } from 'n8n-workflow';

/** An n8n binary property as an input item carries it (in-memory, base64). */
export function binaryProperty(data: Buffer, fileName: string, mimeType: string): IBinaryData {
	return { data: data.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop(), fileSize: String(data.length) };
}
