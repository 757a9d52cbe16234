/**
 * What e2e tests use: the running n8n's webhooks, n8n's CLI, and the emulator's control API.
 */
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { promisify } = require('node:util');

const RUNTIME = path.resolve(__dirname, '../../test-output/e2e/runtime.json');

function runtime() {
	return JSON.parse(fs.readFileSync(RUNTIME, 'utf8'));
}

/** POSTs a JSON body to a scenario's webhook; returns n8n's answer. */
async function call(id, body = {}) {
	const response = await fetch(`${runtime().n8nUrl}/webhook/e2e-${id}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json };
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

/** Runs the n8n CLI of the running instance (same user folder and database). */
async function n8nCli(args) {
	const info = runtime();
	const { stdout, stderr } = await promisify(execFile)(info.node24, [info.n8nBin, ...args], {
		env: info.env,
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

module.exports = { runtime, call, control, mark, journal, n8nCli, n8nRest, n8nTypes };
