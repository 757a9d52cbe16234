import fs from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodeType, NodeParameterValue } from 'n8n-workflow';

import { REPO, repoPath } from '../../tools/repository';

interface PackageJson {
	name: string;
	version: string;
	n8n: { nodes: string[]; credentials: string[]; [key: string]: unknown };
	[key: string]: unknown;
}

/** The package's package.json, or another JSON file given (n8n's exports, say) typed by the caller. */
export function readPackageJson<T = PackageJson>(file = repoPath('package.json')): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = repoPath('test-output/e2e/screenshots');

/** An operation's option as n8n's node descriptions give it (with the action text the node panel shows). */
type OperationOption = { value: unknown; action?: string };

/**
 * What the editor check needs of every node in the n8n block (from dist/, as n8n loads them):
 * its display name, the action text of its first operation, and the selector fields it must show.
 */
export function nodeDescriptions() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (or set CHROMIUM_PATH)`);
	return readPackageJson().n8n.nodes.map((file) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the dist files package.json names, loaded as n8n loads them
		const exported = require(path.join(REPO, file)) as Record<string, new () => INodeType>;
		const description = new (Object.values(exported)[0])().description;
		const operations = description.properties.filter((p) => p.name === 'operation');
		const resource = description.properties.find((p) => p.name === 'resource');
		const firstResource = resource?.default as NodeParameterValue;
		const operation: INodeProperties | undefined =
			operations.find((p) => p.displayOptions?.show?.resource?.includes(firstResource)) ?? operations[0];
		const options = operation?.options as OperationOption[] | undefined;
		const first = options?.find((o) => o.value === operation?.default) ?? options?.[0];
		const trigger = description.group.includes('trigger');
		return {
			name: description.name,
			displayName: description.displayName,
			// The node panel lists triggers under the app's name, without " Trigger".
			creatorName: trigger ? description.displayName.replace(/ Trigger$/, '') : description.displayName,
			firstAction: trigger ? undefined : (first?.action ?? description.defaults.name),
			selectors: resource ? ['resource', 'operation'] : ['events'],
		};
	});
}

export function screenshotPath(name: string): string {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	return path.join(SCREENSHOTS, `${name}.png`);
}

/** The README's pictures: committed in docs/images/ when `npm run screenshots` asks for them, else beside the other screenshots. */
export const README_IMAGES = repoPath('docs/images');

export function readmeImagePath(name: string): string {
	if (process.env.RC_README_IMAGES !== '1') return screenshotPath(`readme-${name}`);
	fs.mkdirSync(README_IMAGES, { recursive: true });
	return path.join(README_IMAGES, `${name}.png`);
}
