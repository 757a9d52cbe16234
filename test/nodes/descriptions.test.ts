/* eslint-disable @typescript-eslint/no-explicit-any -- walks n8n descriptions of every shape */
import type { ICredentialType, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { routeOf, retiredEndpointOf, BATCH_IDS } from '../../nodes/RingCentral/shared/transport';
import { fileExists, loadClass, packageEntries, readJson, seedOperations, specOperations } from '../harness/catalogue';
import versionOneParameters from './fixtures/version-1-parameters.json';
import { fieldTypes, operationsOf as operationOptionsOf, parameterViews, shownFor, versionsOf } from './views';

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

const operationsOf = (type: INodeType) => operationOptionsOf(type.description);

const credentialTypes = new Map<string, ICredentialType>(
	entries.credentials.map((entry: { source: string }) => {
		const type = new (loadClass(entry.source))() as ICredentialType;
		return [type.name, type];
	}),
);

describe('package n8n block', () => {
	test('lists the nodes and the credentials (the Server fields\' parent hidden from n8n\'s list), each file exporting its class', () => {
		expect(entries.credentials.map((c: any) => c.file)).toEqual([
			'dist/credentials/RingCentralOAuth2Api.credentials.js',
			'dist/credentials/RingCentralJwtApi.credentials.js',
			'dist/credentials/RingCentralServerApi.credentials.js',
		]);
		const offered = [...credentialTypes.values()].filter((type) => !type.hidden).map((type) => type.displayName);
		expect(offered).toEqual(['RingCentral OAuth2 API', 'RingCentral JWT API']);
		expect(nodes.length).toBeGreaterThan(0);
	});
});

describe('credential forms, in the order n8n lays them out', () => {
	/** n8n's layout: each parent's fields in `extends` order, then the credential's own (a known name keeps its place). */
	function layout(name: string, n8nTypes: Record<string, INodeProperties[]>): INodeProperties[] {
		const type = credentialTypes.get(name);
		if (!type) return n8nTypes[name] ?? [];
		const fields: INodeProperties[] = [];
		for (const parent of type.extends ?? []) NodeHelpers.mergeNodeProperties(fields, layout(parent, n8nTypes));
		NodeHelpers.mergeNodeProperties(fields, type.properties);
		return fields;
	}
	const form = (name: string, n8nTypes: Record<string, INodeProperties[]> = {}) =>
		layout(name, n8nTypes)
			.filter((field) => field.type !== 'hidden')
			.map((field) => field.name);
	// n8n 2.41's own OAuth2 form, in its order (the fields RingCentral's credential does not replace are what matter).
	const field = (name: string, type: INodeProperties['type'] = 'string') => ({ displayName: name, name, type, default: '' }) as INodeProperties;
	const n8nOAuth2 = [
		field('useDynamicClientRegistration', 'hidden'),
		field('grantType', 'options'),
		field('serverUrl'),
		field('authUrl'),
		field('accessTokenUrl'),
		field('clientId'),
		field('clientSecret'),
		field('scope'),
		field('authQueryParameters'),
		field('authentication', 'options'),
		field('allowedHttpRequestDomains', 'options'),
	];

	test('OAuth2: Server first, Server URL right below it, then the OAuth2 fields and n8n\'s domain restriction', () => {
		expect(form('ringCentralOAuth2Api', { oAuth2Api: n8nOAuth2 })).toEqual([
			'environment',
			'serverUrl',
			'grantType',
			'clientId',
			'clientSecret',
			'allowedHttpRequestDomains',
		]);
	});

	test('JWT: Server, Server URL, then what the Developer Console shows', () => {
		expect(form('ringCentralJwtApi')).toEqual(['environment', 'serverUrl', 'clientId', 'clientSecret', 'jwtToken']);
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
				if (key === '@version') {
					const versions = versionsOf(description);
					const shownIn = versions.filter((version) => NodeHelpers.checkConditions(values as any, [version]));
					expect({ field: property.name, shownIn: shownIn.length > 0 }).toEqual({ field: property.name, shownIn: true });
					continue;
				}
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

	test('no two fields share a name in the same view of a node version, and every field is described', () => {
		for (const version of versionsOf(description)) {
			for (const { resource, option } of operationsOf(node.type)) {
				const visible = (description.properties as INodeProperties[]).filter(
					(p) => !['resource', 'operation'].includes(p.name) && shownFor(p, version, resource, String(option.value)),
				);
				const names = visible.map((p) => p.name);
				expect({ version, resource, operation: option.value, names }).toEqual({ version, resource, operation: option.value, names: [...new Set(names)] });
			}
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

/**
 * Fields that name something by ID but stay text in the newest version, and why. Everything else
 * whose name or label says ID is a picker (resource locator) there.
 */
const TEXT_ID_FIELDS: Record<string, string> = {
	accountId: 'RingCentral lists no accounts: ~ (the signed-in account) or the account\'s own ID',
	companyId: 'RingCentral lists no companies: ~ or the account ID of a federated company',
	extensionIds: 'many extensions at once, read 30 per request',
	messageIds: 'many messages at once, 50 per request',
	callRecordIds: 'many call records at once, 50 per request',
	conversationIds: 'many conversations at once, 50 per request',
	personIds: 'many people at once, read 30 per request',
	attachmentIds: 'several uploaded files, from File → Upload',
	forwardingNumberIds: 'several forwarding numbers rung together at one step',
	ringOutId: 'RingCentral has no list of RingOut calls: the ID comes from Create',
	customGreetingId: 'RingCentral lists no custom greetings (it only reads one by ID)',
	permissionId: 'a permission\'s name (ReadCallLog), not a record',
	callerId: 'a caller\'s phone number (caller ID), not a record',
	countryId: 'RingCentral\'s number of a dialing-plan country (1 is the United States)',
	conversationId: 'a filter value taken from a message (conversationId)',
	sessionId: 'a filter value taken from a call record',
	telephonySessionId: 'a filter value taken from a call record or event',
	siteId: 'a filter value: the site of directory entries',
	siteIds: 'a filter value: the sites of directory entries',
};

/** Whether a field names a record by ID (name ends in Id/Ids, or label says ID); fixed choices do not. */
const namesAnId = (path: string, type: string, label: string) =>
	type === 'resourceLocator' || (['string', 'number'].includes(type) && (/(^|\.)[a-z]*(Id|Ids)$/.test(path) || /\bIDs?\b/.test(label)));

function labelsOf(properties: INodeProperties[], prefix = ''): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		labels[path] = property.displayName;
		for (const child of (property.options ?? []) as any[]) {
			if (child.values) Object.assign(labels, labelsOf(child.values, `${path}.${child.name}.`));
			else if (child.type) Object.assign(labels, labelsOf([child], `${path}.`));
		}
	}
	return labels;
}

/** n8n's own expression engine resolving an expression of a node with the given parameters. */
function resolve(type: INodeType, parameters: Record<string, unknown>, expression: string): unknown {
	const node = {
		id: 'subtitle',
		name: 'subtitle',
		type: `n8n-nodes-ringcentral.${type.description.name}`,
		typeVersion: Math.max(...versionsOf(type.description)),
		position: [0, 0] as [number, number],
		parameters: parameters as any,
	};
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as any });
	return workflow.expression.getSimpleParameterValue(node, expression, 'internal', {});
}

const allNodeCases: Array<[string, any]> = nodes.map((n: any) => [n.type.description.name, n]);
describe.each<[string, any]>(allNodeCases)('%s in the editor', (name, node) => {
	const description = node.type.description;
	const newest = Math.max(...versionsOf(description));

	test('version 1 keeps every parameter workflows saved before pickers came (name and type)', () => {
		expect(versionsOf(description)).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		expect(parameterViews(description, 1)).toEqual((versionOneParameters as any)[name]);
	});

	test('in the newest version every field that names something by ID is a picker (or says why not)', () => {
		const offenders: string[] = [];
		const pickers = new Set<string>();
		for (const [view, types] of Object.entries(parameterViews(description, newest))) {
			const visible = (description.properties as INodeProperties[]).filter((p) => shownFor(p, newest, ...view.split(':')));
			const labels = labelsOf(visible);
			for (const [path, type] of Object.entries(types)) {
				const field = path.split('.').pop() as string;
				if (!namesAnId(path, type, labels[path] ?? '')) continue;
				if (type === 'resourceLocator') pickers.add(path);
				else if (!TEXT_ID_FIELDS[field]) offenders.push(`${view} ${path} (${type})`);
			}
		}
		expect(offenders).toEqual([]);
		expect(pickers.size).toBeGreaterThan(0);
	});

	test('every picker lists from a search method of the node', () => {
		const methods = Object.keys(node.type.methods?.listSearch ?? {});
		const used = new Set<string>();
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				for (const mode of property.modes ?? []) {
					if (mode.typeOptions?.searchListMethod) {
						used.add(mode.typeOptions.searchListMethod);
						expect({ field: property.name, method: mode.typeOptions.searchListMethod, searchable: mode.typeOptions.searchable }).toEqual({
							field: property.name,
							method: mode.typeOptions.searchListMethod,
							searchable: true,
						});
					}
				}
				for (const child of (property.options ?? []) as any[]) walk(child.values ?? (child.type ? [child] : []));
			}
		};
		walk(description.properties);
		expect([...used].filter((method) => !methods.includes(method))).toEqual([]);
		expect(methods.filter((method) => !used.has(method))).toEqual([]);
	});

	test('every picker mode accepts its own example (n8n matches a mode\'s validation against the whole value)', () => {
		const rejected: string[] = [];
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				for (const mode of property.modes ?? []) {
					const example = String(mode.placeholder ?? '').split(' (')[0];
					for (const validation of (mode.validation ?? []) as any[]) {
						if (example && !new RegExp(`^${validation.properties.regex}$`).test(example)) rejected.push(`${property.name} ${mode.name}: ${example}`);
					}
					const extract = mode.extractValue?.regex;
					if (extract && example && !new RegExp(extract).test(example)) rejected.push(`${property.name} ${mode.name} extract: ${example}`);
				}
				for (const child of (property.options ?? []) as any[]) walk(child.values ?? (child.type ? [child] : []));
			}
		};
		walk(description.properties);
		expect(rejected).toEqual([]);
	});

	test('the canvas subtitle reads as display names, not internal values', () => {
		const operations = operationOptionsOf(description);
		if (!operations.length) {
			const subtitle = resolve(node.type, { events: ['missedCall', 'voicemail', 'inboundSms'] }, description.subtitle);
			expect(subtitle).toBe('Missed Call, Voicemail, Inbound SMS');
			return;
		}
		for (const { resource, option } of operations) {
			const subtitle = String(resolve(node.type, { resource, operation: option.value }, description.subtitle));
			const value = String(option.value);
			const internal = subtitle === value || subtitle.includes(':') || subtitle.includes(resource) || (/[a-z][A-Z]/.test(value) && subtitle.includes(value));
			expect({ resource, operation: option.value, subtitle, internal }).toEqual({
				resource,
				operation: option.value,
				subtitle,
				internal: false,
			});
			expect(subtitle).toMatch(/^[A-Z][A-Za-z]*( [A-Za-z()]+)*$/);
			expect(option.action).toMatch(/^[A-Z][a-z]/);
		}
	});

	test('~ is explained wherever it is the default', () => {
		const unexplained: string[] = [];
		const walk = (properties: INodeProperties[]) => {
			for (const property of properties) {
				const value = (property.default as any)?.value ?? property.default;
				if (value === '~' && !/~ means/.test(property.description ?? '')) unexplained.push(property.name);
				for (const child of (property.options ?? []) as any[]) walk(child.values ?? (child.type ? [child] : []));
			}
		};
		walk(description.properties);
		expect(unexplained).toEqual([]);
	});
});

describe('phone numbers are picked where RingCentral lists them (newest versions)', () => {
	const byName = new Map(nodes.map((n: any) => [n.type.description.name, n.type.description]));
	test.each([
		['ringCentralMessaging', 'sms:send', 'from', 'searchSmsSenderNumbers'],
		['ringCentralMessaging', 'sms:send', 'to', 'searchPhoneRecipients'],
		['ringCentralMessaging', 'fax:send', 'to', 'searchFaxRecipients'],
		['ringCentralMessaging', 'pagerMessage:send', 'toExtensionNumbers', 'searchExtensionNumbers'],
		['ringCentralRingOut', 'ringOutCall:create', 'from', 'searchOwnPhones'],
		['ringCentralRingOut', 'ringOutCall:create', 'to', 'searchPhoneRecipients'],
		['ringCentralRingOut', 'ringOutCall:create', 'ringOutOptions.callerId', 'searchCallerIdNumbers'],
	])('%s %s: %s lists with %s and takes typed numbers too', (nodeName, view, path, method) => {
		const description: any = byName.get(nodeName);
		const [resource, operation] = view.split(':');
		const [top, child] = path.split('.');
		const field = description.properties.find((p: INodeProperties) => p.name === top && shownFor(p, 2, resource, operation));
		const picker = child ? field.options.find((o: INodeProperties) => o.name === child) : field;
		expect(picker.type).toBe('resourceLocator');
		expect(picker.modes.map((m: any) => m.name)).toEqual(['list', 'number']);
		expect(picker.modes[0].typeOptions).toEqual({ searchListMethod: method, searchable: true });
		expect(fieldTypes([field])).toBeDefined();
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
