/**
 * Real file bytes for the emulator's media: WAV and MP3 audio (voicemail, call recordings) and PDF
 * documents (faxes), and how the media host serves them (Content-Disposition, byte ranges).
 * Deterministic: the same input always gives the same bytes, so tests compare downloads byte for byte.
 */

import type { HandlerContext, HandlerResult } from './types';

const WAV_SAMPLE_RATE = 8000;

/** 16-bit mono PCM WAV holding a tone (telephony rate, 8 kHz). */
export function wav(options: { seconds?: number; frequency?: number } = {}): Buffer {
	const samples = Math.round(WAV_SAMPLE_RATE * (options.seconds ?? 1));
	const frequency = options.frequency ?? 440;
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		const fade = Math.min(1, i / 400, (samples - i) / 400);
		const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / WAV_SAMPLE_RATE) * 12000 * fade);
		data.writeInt16LE(value, i * 2);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16); // PCM chunk size
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(WAV_SAMPLE_RATE, 24);
	header.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // byte rate
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/**
 * MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, mono: valid frames whose zeroed side information and
 * main data decode as silence (an encoder is out of scope; players and parsers accept these).
 */
export function mp3(options: { seconds?: number } = {}): Buffer {
	const frameBytes = Math.floor((144 * 128000) / 44100); // 417, no padding
	const frames = Math.ceil(((options.seconds ?? 1) * 44100) / 1152);
	const frame = Buffer.alloc(frameBytes);
	frame.set([0xff, 0xfb, 0x90, 0xc0]); // sync, MPEG-1, Layer III, no CRC | 128k, 44.1k | mono
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** A one-page PDF (Letter) with a few lines of text, with a correct cross-reference table. */
export function pdf(lines: string[]): Buffer {
	const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
	const content = [
		'BT',
		'/F1 14 Tf',
		'72 720 Td',
		'18 TL',
		...lines.map((line, i) => `${i ? "T* " : ''}(${escape(line)}) Tj`),
		'ET',
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
	];
	let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
	const offsets = objects.map((object, index) => {
		const offset = Buffer.byteLength(body, 'latin1');
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
		return offset;
	});
	const xref = Buffer.byteLength(body, 'latin1');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

const FILE_EXTENSIONS: Record<string, string> = {
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/mpeg': 'mp3',
	'application/pdf': 'pdf',
	'image/tiff': 'tif',
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'text/plain': 'txt',
};

/** File name extension for a content type the emulator serves. */
export function extensionFor(contentType: string): string {
	return FILE_EXTENSIONS[contentType] ?? 'bin';
}

export interface MediaContent {
	data: Buffer;
	contentType: string;
	fileName: string;
}

/** Binary content with its type, a Content-Disposition naming the file, and byte ranges. */
export function mediaAnswer(ctx: Pick<HandlerContext, 'query' | 'headers'>, content: MediaContent): HandlerResult {
	const disposition = String(ctx.query.contentDisposition ?? 'Inline').toLowerCase();
	const fileName = String(ctx.query.contentDispositionFilename ?? content.fileName);
	const headers: Record<string, string> = {
		'Content-Disposition': `${disposition}; filename="${fileName.replace(/"/g, '')}"`,
		'Accept-Ranges': 'bytes',
	};
	const range = /^bytes=(\d*)-(\d*)$/.exec(String(ctx.headers.range ?? ''));
	if (range && (range[1] || range[2])) {
		const size = content.data.length;
		const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
		const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
		if (start >= size || start > end) {
			return { status: 416, raw: '', contentType: content.contentType, headers: { ...headers, 'Content-Range': `bytes */${size}` } };
		}
		return {
			status: 206,
			raw: content.data.subarray(start, end + 1),
			contentType: content.contentType,
			headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}` },
		};
	}
	return { raw: content.data, contentType: content.contentType, headers };
}
