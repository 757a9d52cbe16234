/* eslint-disable @typescript-eslint/no-explicit-any -- walks n8n descriptions of every shape */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { routeOf, retiredEndpointOf, BATCH_IDS } from '../../nodes/RingCentral/shared/transport';
import { fileExists, loadClass, packageEntries, readJson, seedOperations, specOperations } from '../harness/catalogue';

/** Seed table node names → the node type that must cover their rows. */
const NODE_OF_SEED_AREA: Record<string, string> = {
	Presence: 'ringCentralPresence',
	Messaging: 'ringCentralMessaging',
	'Call Log': 'ringCentralCallLog',
	RingOut: 'ringCentralRingOut',
	Contacts: 'ringCentralContacts',
	'Team Messaging': 'ringCentralTeamMessaging',
	Video: 'ringCentralVideo',
	'Call Handling': 'ringCentralCallHandling',
	Account: 'ringCentralAccount',
};

const entries = packageEntries();
const nodes = entries.nodes.map((entry: { file: string; source: string }) => {
	const NodeClass = loadClass(entry.source);
	return { ...entry, type: new NodeClass() as INodeType };
});
const actionNodes = nodes.filter((n: any) => !n.type.description.webhooks && !n.type.description.polling);

/** Path template of a routed URL: n8n expressions and the batch placeholder become `{}`. */
function templateOf(url: string): string {
	return url
		.replace(/^=/, '')
		.replace(/\{\{.*?\}\}/g, '{}')
		.replace(BATCH_IDS, '{}');
}
const normalizeSpecPath = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

/** Every operation option of a node with the resource it belongs to. */
function operationsOf(type: INodeType) {
	return type.description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			((p.options ?? []) as INodePropertyOptions[]).map((option) => ({
				resource: (p.displayOptions?.show?.resource as string[])[0],
				option,
			})),
		);
}

function visibleFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show ?? {};
	if (show.resource && !(show.resource as string[]).includes(resource)) return false;
	if (show.operation && !(show.operation as string[]).includes(operation)) return false;
	return true;
}

describe('package n8n block', () => {
	test('lists the nodes and both credentials, each file exporting its class', () => {
		expect(entries.credentials.map((c: any) => c.file)).toEqual([
			'dist/credentials/RingCentralOAuth2Api.credentials.js',
			'dist/credentials/RingCentralJwtApi.credentials.js',
		]);
		for (const credential of entries.credentials) expect(loadClass(credential.source)).toBeDefined();
		expect(nodes.length).toBeGreaterThan(0);
	});
});

const nodeCases: Array<[string, any]> = actionNodes.map((n: any) => [n.type.description.name, n]);
describe.each<[string, any]>(nodeCases)('%s description', (_name, node) => {
	const description = node.type.description;

	test('is usable as an AI tool, offers both credentials, has icons and a codex file', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials.map((c: any) => c.name)).toEqual(['ringCentralOAuth2Api', 'ringCentralJwtApi']);
		expect(description.properties[0].name).toBe('authentication');
		for (const icon of [description.icon.light, description.icon.dark]) {
			expect(fileExists(node.source, icon.replace(/^file:/, ''))).toBe(true);
		}
		const codex = readJson(node.source.replace(/\.ts$/, '.json'));
		expect(codex.node).toBe(`n8n-nodes-ringcentral.${description.name}`);
	});

	test('every operation is routed through the shared transport to a spec operation with its usage-plan group', async () => {
		const spec = await specOperations();
		for (const { resource, option } of operationsOf(node.type)) {
			const retired = retiredEndpointOf(option.routing);
			if (retired) {
				// Kept where users look for it; it must explain itself and name an endpoint the spec no longer has.
				const stillThere = spec.some((op: any) => op.method === retired.method && normalizeSpecPath(op.path) === normalizeSpecPath(retired.path));
				expect({ resource, operation: option.value, stillThere, explained: retired.message.length > 40 }).toEqual({ resource, operation: option.value, stillThere: false, explained: true });
				expect(option.description).toMatch(/retired/i);
				continue;
			}
			const route = routeOf(option.routing);
			expect({ resource, operation: option.value, routed: Boolean(route) }).toEqual({
				resource,
				operation: option.value,
				routed: true,
			});
			const template = templateOf(route!.url);
			const match = spec.find((op: any) => op.method === route!.method && normalizeSpecPath(op.path) === template);
			expect({ resource, operation: option.value, template, found: Boolean(match) }).toEqual({
				resource,
				operation: option.value,
				template,
				found: true,
			});
			expect({ operationId: match?.operationId, group: route!.group }).toEqual({ operationId: match?.operationId, group: match?.group });
			expect(option.action).toBeTruthy();
			expect(option.description).toBeTruthy();
		}
	});

	test('displayOptions only refer to real fields and values', () => {
		const byName = new Map<string, INodeProperties>(description.properties.map((p: INodeProperties) => [p.name, p]));
		const resources = ((byName.get('resource')?.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
		for (const property of description.properties as INodeProperties[]) {
			for (const [key, values] of Object.entries(property.displayOptions?.show ?? {})) {
				const target = byName.get(key) ?? (key === 'operation' ? undefined : undefined);
				if (key === 'operation') {
					const allowed = operationsOf(node.type)
						.filter((o) => (property.displayOptions?.show?.resource as string[] | undefined)?.includes(o.resource) ?? true)
						.map((o) => o.option.value);
					for (const value of values as string[]) expect({ field: property.name, operation: value, ok: allowed.includes(value) }).toMatchObject({ ok: true });
					continue;
				}
				expect({ field: property.name, refersTo: key, exists: Boolean(target) }).toMatchObject({ exists: true });
				if (key === 'resource') for (const value of values as string[]) expect(resources).toContain(value);
				if (target?.type === 'boolean') for (const value of values as unknown[]) expect(typeof value).toBe('boolean');
			}
		}
	});

	test('no two fields share a name in the same view, and every field is described', () => {
		for (const { resource, option } of operationsOf(node.type)) {
			const visible = (description.properties as INodeProperties[]).filter(
				(p) => !['resource', 'operation'].includes(p.name) && visibleFor(p, resource, String(option.value)),
			);
			const names = visible.map((p) => p.name);
			expect({ resource, operation: option.value, names }).toEqual({ resource, operation: option.value, names: [...new Set(names)] });
		}
		const undescribed: string[] = [];
		const walk = (properties: INodeProperties[], path: string) => {
			for (const p of properties) {
				const here = `${path}${p.name}`;
				const needsDescription = !['notice', 'fixedCollection', 'collection'].includes(p.type) && !['resource', 'operation'].includes(p.name);
				if (needsDescription && !p.description && !(p.options && p.name === 'authentication')) undescribed.push(here);
				for (const child of (p.options ?? []) as any[]) {
					if (child.values) walk(child.values, `${here}.${child.name}.`);
					else if (child.type) walk([child], `${here}.`);
				}
			}
		};
		walk(description.properties, '');
		expect(undescribed).toEqual([]);
	});
});

describe('seed operation coverage', () => {
	const seeds = seedOperations() as Array<{ node: string; method: string; seedPath: string; current: string; retired: boolean }>;
	const implemented = new Map(actionNodes.map((n: any) => [n.type.description.name, n]));

	for (const [area, nodeName] of Object.entries(NODE_OF_SEED_AREA)) {
		const rows = seeds.filter((row) => row.node === area);
		if (!implemented.has(nodeName)) {
			test.todo(`${area}: ${rows.length} seed operations wait for the ${nodeName} node`);
			continue;
		}
		test(`${area}: every seed operation (${rows.length}) is served by ${nodeName}`, async () => {
			const spec = await specOperations();
			const node: any = implemented.get(nodeName);
			const served = new Set<string>();
			const retiredSeeds = new Set<string>();
			for (const { option } of operationsOf(node.type)) {
				const retired = retiredEndpointOf(option.routing);
				if (retired) {
					retiredSeeds.add(`${retired.method} ${normalizeSpecPath(retired.path)}`);
					continue;
				}
				const route = routeOf(option.routing)!;
				const match = spec.find((op: any) => op.method === route.method && normalizeSpecPath(op.path) === templateOf(route.url));
				if (match) served.add(match.operationId);
			}
			const missing = rows.filter(
				(row) =>
					!row.current.split(/[^A-Za-z]+/).some((id) => served.has(id)) &&
					!(row.retired && retiredSeeds.has(`${row.method} ${normalizeSpecPath(row.seedPath)}`)),
			);
			expect(missing).toEqual([]);
		});
	}
});
