/**
 * Workflows built the way the editor builds them and published while n8n runs, through n8n's own
 * REST API (save, then publish the saved version): `Webhook → Items → RingCentral node`, the node's
 * outputs wired to sinks at the emulator. What reached each output, and what n8n recorded of the
 * execution, is what the tests read.
 */
import crypto from 'node:crypto';

import type { Answer } from './client';
import { answer, control, n8nCli, n8nRest, runtime } from './client';
import { CREDENTIALS } from './workflows';

/** JSON of any shape, as n8n answered it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Json = any;

export interface Chain {
	/** our node's type name, e.g. `ringCentralPresence` */
	node: string;
	parameters: Record<string, Json>;
	/** the node's Settings → On Error; `continueErrorOutput` wires the error output too */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** which credential the node uses (default the e2e JWT credential) */
	credential?: { id: string; name: string; type: string };
	/** workflow settings, e.g. `{ timezone: 'Europe/Berlin' }` */
	settings?: Record<string, Json>;
}

/** What reached a sink: each item's JSON, and the JSON of the input item n8n pairs it with (`$('Items').item`). */
export interface Delivered {
	item: Json;
	input: Json;
}

export interface Published {
	id: string;
	/** runs the workflow with `{ items: [...] }` as the Items node's items; answers when it has finished */
	run(items?: Json[]): Promise<Answer>;
	/** the items each output of our node passed on */
	delivered(): Promise<{ main: Delivered[]; error: Delivered[] }>;
	/** the latest execution as n8n keeps it: status, the error of the run, our node's run data */
	lastExecution(): Promise<{ status: string; error?: { message: string; description?: string }; node: Json }>;
}

const position = (x: number, y = 0): [number, number] => [x * 250, y * 200];

/** An HTTP Request node posting every item it gets, with the input item it is paired with, to an emulator sink. */
function sinkNode(name: string, sink: string, x: number, y: number) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: position(x, y),
		parameters: {
			method: 'POST',
			url: `${runtime().emulatorUrl}/__emulator/sinks/${sink}`,
			sendBody: true,
			specifyBody: 'json',
			// `$('Items').item` follows the paired item back to the input: it fails if pairing is lost.
			jsonBody: "={{ JSON.stringify({ item: $json, input: $('Items').item.json }) }}",
			options: {},
		},
	};
}

export async function publish(chain: Chain): Promise<Published> {
	const path = `built-${crypto.randomUUID().slice(0, 12)}`;
	const credential = chain.credential ?? CREDENTIALS.jwt;
	const errorOutput = chain.onError === 'continueErrorOutput';
	const nodes = [
		{
			id: crypto.randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: position(0),
			webhookId: crypto.randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{
			id: crypto.randomUUID(),
			name: 'Items',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: position(1),
			// Each item of the body; its `binary` (n8n's shape, base64 data) becomes the item's binary data.
			parameters: { jsCode: 'return ($json.body.items ?? [{}]).map(({ binary, ...json }) => ({ json, ...(binary ? { binary } : {}) }));' },
		},
		{
			id: crypto.randomUUID(),
			name: 'RingCentral',
			type: `n8n-nodes-ringcentral.${chain.node}`,
			typeVersion: 1,
			position: position(2),
			parameters: { authentication: credential.type === 'ringCentralJwtApi' ? 'jwt' : 'oAuth2', ...chain.parameters },
			credentials: { [credential.type]: { id: credential.id, name: credential.name } },
			...(chain.onError ? { onError: chain.onError } : {}),
		},
		sinkNode('Succeeded', `${path}-main`, 3, 0),
		...(errorOutput ? [sinkNode('Failed', `${path}-error`, 3, 1)] : []),
	];
	const connections = {
		Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: 'RingCentral', type: 'main', index: 0 }]] },
		RingCentral: {
			main: [[{ node: 'Succeeded', type: 'main', index: 0 }], ...(errorOutput ? [[{ node: 'Failed', type: 'main', index: 0 }]] : [])],
		},
	};
	const saved = await n8nRest('POST', '/workflows', {
		name: `built: ${chain.node} ${path}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1', ...(chain.settings ?? {}) },
	});
	await n8nRest('POST', `/workflows/${saved.id}/activate`, { versionId: saved.versionId });
	const url = `${runtime().n8nUrl}/webhook/${path}`;
	// A GET to the POST webhook says "not registered for GET" once n8n has registered it.
	for (let tries = 0; tries < 120; tries++) {
		const probe = await fetch(url, { method: 'GET' });
		if (probe.status !== 404 || /not registered for GET/.test(await probe.text())) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const sink = async (name: string): Promise<Delivered[]> =>
		(((await control('GET', `/sinks/${path}-${name}`)) as Array<{ body: Delivered }> | undefined) ?? []).map((entry) => entry.body);
	return {
		id: saved.id,
		async run(items = [{}]) {
			return await answer(await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items }) }));
		},
		async delivered() {
			return { main: await sink('main'), error: await sink('error') };
		},
		async lastExecution() {
			const list = await n8nRest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: saved.id }))}&limit=1`);
			const execution = await n8nRest('GET', `/executions/${list.results[0].id}`);
			const data = unflatten(execution.data);
			const node = data.resultData.runData.RingCentral?.[0];
			return { status: execution.status, error: data.resultData.error ?? node?.error, node };
		},
	};
}

/**
 * A credential imported into the running n8n (n8n's CLI on the same database), e.g. one whose
 * client secret is wrong. `data` holds the credential's fields; server and client are the emulator's.
 */
export async function importCredential(type: 'ringCentralJwtApi' | 'ringCentralOAuth2Api', data: Record<string, Json>) {
	const demo = await control('GET', '/demo');
	const credential = { id: `rcE2eBuilt${crypto.randomUUID().replace(/-/g, '').slice(0, 6)}`, name: `built ${type} ${Date.now()}`, type };
	const fields = { environment: 'custom', serverUrl: runtime().emulatorUrl, clientId: demo.clientId, clientSecret: demo.clientSecret, ...data };
	const file = `${runtime().userFolder}/import-built-${credential.id}.json`;
	await import('node:fs').then((fs) => fs.writeFileSync(file, JSON.stringify([{ ...credential, data: fields }])));
	const output = await n8nCli(['import:credentials', `--input=${file}`]);
	if (!/Successfully imported/.test(output)) throw new Error(`import:credentials failed: ${output}`);
	return credential;
}

/** n8n keeps execution data "flatted": every object and string is an index into one array. */
export function unflatten(text: string): Json {
	const list = JSON.parse(text) as Json[];
	const resolved = new Map<number, Json>();
	const resolve = (index: number): Json => {
		if (resolved.has(index)) return resolved.get(index);
		const value = list[index];
		if (value === null || typeof value !== 'object') {
			resolved.set(index, value);
			return value;
		}
		const copy: Json = Array.isArray(value) ? [] : {};
		resolved.set(index, copy);
		for (const [key, entry] of Object.entries(value)) copy[key] = typeof entry === 'string' ? resolve(Number(entry)) : entry;
		return copy;
	};
	return resolve(0);
}
