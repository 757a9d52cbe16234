/**
 * What e2e tests use: the running n8n's webhooks, n8n's CLI, and the emulator's control API.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');

const { n8nEnvironment } = require('./n8n');

const RUNTIME = path.resolve(__dirname, '../../test-output/e2e/runtime.json');

function runtime() {
	return JSON.parse(fs.readFileSync(RUNTIME, 'utf8'));
}

/** n8n's answer: JSON parsed when it is JSON, else the text; the raw bytes and headers too. */
async function answer(response) {
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json, bytes, headers: response.headers };
}

/** POSTs a JSON body to a scenario's webhook; returns n8n's answer. */
async function call(id, body = {}) {
	const response = await fetch(`${runtime().n8nUrl}/webhook/e2e-${id}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return await answer(response);
}

/**
 * POSTs a multipart form to a scenario's webhook: text fields, and files that n8n's Webhook node
 * turns into binary properties named after their field.
 * @param {string} id @param {Record<string, string>} fields
 * @param {Record<string, { data: Buffer, fileName: string, mimeType: string }>} files
 */
async function upload(id, fields, files) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	for (const [name, file] of Object.entries(files)) form.append(name, new Blob([file.data], { type: file.mimeType }), file.fileName);
	const response = await fetch(`${runtime().n8nUrl}/webhook/e2e-${id}`, { method: 'POST', body: form });
	return await answer(response);
}

async function control(method, route, body) {
	const response = await fetch(`${runtime().emulatorUrl}/__emulator${route}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return text ? JSON.parse(text) : undefined;
}

/** The journal position now; pass it to `journal` to see what came after. */
async function mark() {
	const entries = await control('GET', '/journal');
	return entries.length ? entries[entries.length - 1].seq : 0;
}

async function journal(since, operationId) {
	const entries = await control('GET', `/journal?since=${since}`);
	return entries.filter((e) => !operationId || e.operationId === operationId);
}

/**
 * What nodes asked RingCentral since a mark, without the credentials' own traffic: token grants,
 * and a 401 that n8n answered by getting a new token and retrying (another test may have expired
 * the tokens).
 */
async function requests(since) {
	const entries = await journal(since);
	return entries.filter((entry, index) => {
		if (entry.operationId === 'getToken') return false;
		return !(entry.status === 401 && entries.slice(index + 1).some((later) => later.operationId === 'getToken'));
	});
}

/**
 * Reads a RingCentral URL (a contentUri on the media host, say) as the demo user would, with a
 * token of its own from the JWT grant: how tests check what reached the emulator byte for byte.
 */
async function readAsUser(uri) {
	const info = runtime();
	const demo = await control('GET', '/demo');
	const grant = await fetch(`${info.emulatorUrl}/restapi/oauth/token`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from(`${demo.clientId}:${demo.clientSecret}`).toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: demo.jwt }),
	});
	if (!grant.ok) throw new Error(`JWT grant: ${grant.status} ${await grant.text()}`);
	const { access_token: token } = await grant.json();
	const response = await fetch(uri, { headers: { Authorization: `Bearer ${token}` } });
	return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Runs the n8n CLI of the running instance (same user folder and database). */
async function n8nCli(args) {
	const info = runtime();
	const { stdout, stderr } = await promisify(execFile)(info.node24, [info.n8nBin, ...args], {
		env: n8nEnvironment(info.n8nSettings),
		maxBuffer: 64 * 1024 * 1024,
	});
	return `${stdout}${stderr}`;
}

/** n8n's REST API as the signed-in owner. */
async function n8nRest(method, route, body) {
	const info = runtime();
	const response = await fetch(`${info.n8nUrl}/rest${route}`, {
		method,
		headers: { 'Content-Type': 'application/json', Cookie: info.cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await response.json();
	if (!response.ok) throw new Error(`n8n ${method} ${route}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
	return json.data ?? json;
}

/** The node or credential types the editor loads (`/types/nodes.json`, `/types/credentials.json`). */
async function n8nTypes(kind) {
	const info = runtime();
	const response = await fetch(`${info.n8nUrl}/types/${kind}.json`, { headers: { Cookie: info.cookie } });
	if (!response.ok) throw new Error(`n8n /types/${kind}.json: ${response.status}`);
	return await response.json();
}

module.exports = { runtime, call, upload, control, mark, journal, requests, readAsUser, n8nCli, n8nRest, n8nTypes };
