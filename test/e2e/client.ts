/**
 * What e2e tests use: the running n8n's webhooks, n8n's CLI, and the emulator's control API.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

import type { JournalEntry } from '../../tools/emulator/server';
import { n8nEnvironment } from '../../tools/n8n/n8n';
import type { N8nRelease } from '../../tools/n8n/runtime';
import { repoPath } from '../../tools/repository';

const RUNTIME = repoPath('test-output/e2e/runtime.json');

/** What the global setup wrote about the running world (test-output/e2e/runtime.json). */
export interface Runtime {
	n8nUrl: string;
	emulatorUrl: string;
	userFolder: string;
	/** the n8n release running */
	release: N8nRelease;
	cookie: string;
	/** the Node that runs n8n */
	node: string;
	n8nBin: string;
	/** n8n's own settings (the environment is rebuilt from them) */
	n8nSettings: Record<string, string>;
	oauth: { authorizeUrl: string; callback: string };
	timings: Record<string, number>;
	workflows: Array<{ id: string; name: string; ping: string }>;
}

/** JSON of any shape, as n8n or the emulator answered it: the tests inspect it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = any;

/** A request of the emulator's journal as tests read it over HTTP: body and query are JSON they inspect. */
export type JournalRecord = Omit<JournalEntry, 'requestBody' | 'query'> & { requestBody: Json; query: Json };

export function runtime(): Runtime {
	return JSON.parse(fs.readFileSync(RUNTIME, 'utf8')) as Runtime;
}

export interface Answer {
	status: number;
	/** JSON parsed when it is JSON, else the text */
	body: Json;
	bytes: Buffer;
	headers: Headers;
}

/** n8n's answer: JSON parsed when it is JSON, else the text; the raw bytes and headers too. */
export async function answer(response: Response): Promise<Answer> {
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let json: Json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: response.status, body: json, bytes, headers: response.headers };
}

/** POSTs a JSON body to a scenario's webhook; returns n8n's answer. */
export async function call(id: string, body: unknown = {}): Promise<Answer> {
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
 */
export async function upload(
	id: string,
	fields: Record<string, string>,
	files: Record<string, { data: Buffer; fileName: string; mimeType: string }>,
): Promise<Answer> {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	for (const [name, file] of Object.entries(files)) form.append(name, new Blob([file.data], { type: file.mimeType }), file.fileName);
	const response = await fetch(`${runtime().n8nUrl}/webhook/e2e-${id}`, { method: 'POST', body: form });
	return await answer(response);
}

/** The emulator's control API (`/__emulator/<route>`): its JSON answer, undefined when empty. */
export async function control(method: string, route: string, body?: unknown): Promise<Json> {
	const response = await fetch(`${runtime().emulatorUrl}/__emulator${route}`, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return text ? JSON.parse(text) : undefined;
}

/** The journal position now; pass it to `journal` to see what came after. */
export async function mark(): Promise<number> {
	const entries = (await control('GET', '/journal')) as JournalRecord[];
	return entries.length ? entries[entries.length - 1].seq : 0;
}

export async function journal(since: number, operationId?: string): Promise<JournalRecord[]> {
	const entries = (await control('GET', `/journal?since=${since}`)) as JournalRecord[];
	return entries.filter((e) => !operationId || e.operationId === operationId);
}

/**
 * What nodes asked RingCentral since a mark, without the credentials' own traffic: token grants,
 * a 401 that n8n answered by getting a new token and retrying (another test may have expired
 * the tokens), and a 429 that the transport waited out and sent again (the suites before may have
 * used up the emulator's one-second rate-limit window).
 */
export async function requests(since: number): Promise<JournalRecord[]> {
	const entries = await journal(since);
	return entries.filter((entry, index) => {
		if (entry.operationId === 'getToken') return false;
		const later = entries.slice(index + 1);
		if (entry.status === 429) return !later.some((retry) => retry.method === entry.method && retry.path === entry.path);
		return !(entry.status === 401 && later.some((grant) => grant.operationId === 'getToken'));
	});
}

/**
 * Reads a RingCentral URL (a contentUri on the media host, say) as the demo user would, with a
 * token of its own from the JWT grant: how tests check what reached the emulator byte for byte.
 */
export async function readAsUser(uri: string): Promise<{ status: number; contentType: string | null; bytes: Buffer }> {
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
	const { access_token: token } = (await grant.json()) as { access_token: string };
	const response = await fetch(uri, { headers: { Authorization: `Bearer ${token}` } });
	return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Runs the n8n CLI of the running instance (same user folder and database). */
export async function n8nCli(args: string[]): Promise<string> {
	const info = runtime();
	const { stdout, stderr } = await promisify(execFile)(info.node, [info.n8nBin, ...args], {
		env: n8nEnvironment(info.n8nSettings),
		maxBuffer: 64 * 1024 * 1024,
	});
	return `${stdout}${stderr}`;
}

/** n8n's REST API as the signed-in owner. */
export async function n8nRest(method: string, route: string, body?: unknown): Promise<Json> {
	const info = runtime();
	const response = await fetch(`${info.n8nUrl}/rest${route}`, {
		method,
		headers: { 'Content-Type': 'application/json', Cookie: info.cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json: Json = await response.json();
	if (!response.ok) throw new Error(`n8n ${method} ${route}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
	return json.data ?? json;
}

/** The node or credential types the editor loads (`/types/nodes.json`, `/types/credentials.json`). */
export async function n8nTypes(kind: 'nodes' | 'credentials'): Promise<Json> {
	const info = runtime();
	const get = () => fetch(`${info.n8nUrl}/types/${kind}.json`, { headers: { Cookie: info.cookie } });
	// Once more if the connection drops: a kept-alive connection that n8n has just closed (seen with n8n 1.x).
	const response = await get().catch(get);
	if (!response.ok) throw new Error(`n8n /types/${kind}.json: ${response.status}`);
	return await response.json();
}
