/** Real audio files for upload tests: a PCM WAV tone and a silent MPEG-1 Layer III stream. */

/** @param {{ seconds?: number, sampleRate?: number, frequency?: number }} [options] */
function wavTone(options = {}) {
	const { seconds = 0.5, sampleRate = 8000, frequency = 440 } = options;
	const samples = Math.round(seconds * sampleRate);
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 12000), i * 2);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28); // byte rate
	header.writeUInt16LE(2, 32); // block align
	header.writeUInt16LE(16, 34); // bits per sample
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** Silent MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz, mono (417 bytes each, about 26 ms). */
function mp3Silence(frames = 40) {
	const frame = Buffer.alloc(417);
	frame.set([0xff, 0xfb, 0x90, 0xc0]);
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

/** An n8n binary property as an input item carries it (in-memory, base64). */
function binaryProperty(/** @type {Buffer} */ data, /** @type {string} */ fileName, /** @type {string} */ mimeType) {
	return { data: data.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop(), fileSize: String(data.length) };
}

module.exports = { wavTone, mp3Silence, binaryProperty };
