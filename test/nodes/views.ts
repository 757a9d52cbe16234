/* eslint-disable @typescript-eslint/no-explicit-any -- walks n8n descriptions of every shape */
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Every operation option of a node with the resource it belongs to. */
export function operationsOf(description: INodeTypeDescription) {
	return description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			((p.options ?? []) as INodePropertyOptions[]).map((option) => ({
				resource: (p.displayOptions?.show?.resource as string[])[0],
				option,
			})),
		);
}

/** The versions a node offers. */
export function versionsOf(description: INodeTypeDescription): number[] {
	return Array.isArray(description.version) ? description.version : [description.version];
}

/** Whether a field shows for a resource/operation in a node version (other fields' values ignored). */
export function shownFor(property: INodeProperties, version: number, resource?: string, operation?: string): boolean {
	const show = property.displayOptions?.show ?? {};
	if (resource !== undefined && show.resource && !(show.resource as string[]).includes(resource)) return false;
	if (operation !== undefined && show.operation && !(show.operation as string[]).includes(operation)) return false;
	if (show['@version'] && !NodeHelpers.checkConditions(show['@version'] as any, [version])) return false;
	return true;
}

/** Fields by path (`collection.option`, `fixedCollection.group.value`) → type, for one view. */
export function fieldTypes(properties: INodeProperties[], prefix = ''): Record<string, string> {
	const types: Record<string, string> = {};
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		types[path] = property.type;
		for (const child of (property.options ?? []) as any[]) {
			if (child.values) Object.assign(types, fieldTypes(child.values, `${path}.${child.name}.`));
			else if (child.type) Object.assign(types, fieldTypes([child], `${path}.`));
		}
	}
	return types;
}

/**
 * What a workflow of one node version can hold: per resource:operation, the type of every field
 * (the trigger, without resources, is one view).
 */
export function parameterViews(description: INodeTypeDescription, version: number): Record<string, Record<string, string>> {
	const views: Record<string, Record<string, string>> = {};
	const visible = (resource?: string, operation?: string) =>
		description.properties.filter(
			(p) => !['resource', 'operation'].includes(p.name) && shownFor(p, version, resource, operation),
		);
	const operations = operationsOf(description);
	if (!operations.length) {
		views.all = fieldTypes(visible());
		return views;
	}
	for (const { resource, option } of operations) {
		views[`${resource}:${option.value}`] = fieldTypes(visible(resource, String(option.value)));
	}
	return views;
}
