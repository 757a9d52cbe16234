/* eslint-disable @typescript-eslint/no-explicit-any -- example workflows and node descriptions of every shape */
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { RingCentralJwtApi } from '../../credentials/RingCentralJwtApi.credentials';
import { RingCentralOAuth2Api } from '../../credentials/RingCentralOAuth2Api.credentials';
import { exampleWorkflows } from '../../tools/n8n/examples';
import { loadClass, packageEntries } from '../harness/catalogue';
import { useRingCentral } from '../harness/ringcentral';
import { shownFor, versionsOf } from './views';

const ours = packageEntries().nodes.map((entry: { source: string }) => loadClass(entry.source));
const types = new Map<string, INodeType>(ours.map((NodeClass: any) => {
	const type = new NodeClass() as INodeType;
	return [`n8n-nodes-ringcentral.${type.description.name}`, type];
}));

const rc = useRingCentral({
	nodeTypes: ours,
	credentialTypes: [RingCentralOAuth2Api, RingCentralJwtApi],
	emulator: { rateLimits: { windowSeconds: 1 } },
});

const examples = exampleWorkflows().map(({ file, ...workflow }) => ({ file, workflow: workflow as any }));

/** Our nodes of the examples, each with its type. */
const ourNodes = examples.flatMap(({ file, workflow }) =>
	workflow.nodes.filter((node: any) => types.has(node.type)).map((node: any) => ({ file, node, type: types.get(node.type) as INodeType })),
);

/** The locator fields of a node's parameters, with the description of each. */
function locatorsOf(node: any, type: INodeType): Array<{ name: string; value: any; property: INodeProperties }> {
	const { resource, operation } = node.parameters;
	return Object.entries(node.parameters)
		.filter(([, value]) => (value as any)?.__rl)
		.map(([name, value]) => ({
			name,
			value,
			property: type.description.properties.find(
				(p) => p.name === name && p.type === 'resourceLocator' && shownFor(p, node.typeVersion, resource, operation),
			) as INodeProperties,
		}));
}

describe('examples/', () => {
	test('use the newest version of every RingCentral node', () => {
		for (const { file, node, type } of ourNodes) {
			expect({ file, node: node.name, typeVersion: node.typeVersion }).toEqual({
				file,
				node: node.name,
				typeVersion: Math.max(...versionsOf(type.description)),
			});
		}
	});

	test('pick with the editor\'s pickers: every locator is one of its field\'s modes, the ones from a list with a name', () => {
		const locators = ourNodes.flatMap(({ node, type }) => locatorsOf(node, type));
		expect(locators.length).toBeGreaterThan(0);
		for (const { name, value, property } of locators) {
			expect({ name, field: Boolean(property) }).toEqual({ name, field: true });
			expect(property.modes?.map((mode) => mode.name)).toContain(value.mode);
			if (value.mode === 'list') expect({ name, cachedResultName: typeof value.cachedResultName }).toEqual({ name, cachedResultName: 'string' });
		}
	});

	test('the names stored with list picks are the names the pickers show for those values (emulator demo data)', async () => {
		const credential = await rc.connect('jwt', undefined, { once: true });
		const picks = ourNodes.flatMap(({ node, type }) =>
			locatorsOf(node, type)
				.filter(({ value }) => value.mode === 'list')
				.map((pick) => ({ ...pick, node, type })),
		);
		expect(picks.map(({ name }) => name).sort()).toEqual(['callQueueId', 'chatId']);
		for (const { name, value, property, node, type } of picks) {
			const method = property.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod as string;
			let found: any;
			let paginationToken: string | undefined;
			for (let page = 0; page < 20 && !found; page++) {
				const answer = await rc.engine.loadOptions({
					type: type.description.name,
					typeVersion: node.typeVersion,
					parameters: { ...node.parameters, authentication: 'jwt' },
					credential,
					listSearch: method,
					paginationToken,
				});
				found = answer.results.find((result: any) => result.value === value.value);
				paginationToken = answer.paginationToken;
				if (!paginationToken) break;
			}
			expect({ name, listed: found?.name }).toEqual({ name, listed: value.cachedResultName });
		}
	});

	test('a workflow with a Manual Trigger starts there when the user clicks Execute workflow', () => {
		// n8n's editor prefers a schedule (or webhook, form …) trigger to a manual one when several are enabled.
		const withManual = examples.filter(({ workflow }) => workflow.nodes.some((node: any) => node.type === 'n8n-nodes-base.manualTrigger'));
		expect(withManual.map(({ file }) => file)).toEqual(['daily-call-log-export.json']);
		for (const { workflow } of withManual) {
			const enabledTriggers = workflow.nodes
				.filter((node: any) => /trigger/i.test(node.type) && !node.disabled)
				.map((node: any) => node.type);
			expect(enabledTriggers).toEqual(['n8n-nodes-base.manualTrigger']);
		}
	});
});
