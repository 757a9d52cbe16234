/** Helpers for n8n binary data in test input items. Audio and document bytes come from tools/emulator/media. */

/** An n8n binary property as an input item carries it (in-memory, base64). */
function binaryProperty(/** @type {Buffer} */ data, /** @type {string} */ fileName, /** @type {string} */ mimeType) {
	return { data: data.toString('base64'), mimeType, fileName, fileExtension: fileName.split('.').pop(), fileSize: String(data.length) };
}

module.exports = { binaryProperty };
