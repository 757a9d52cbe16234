const fs = require('node:fs');
const path = require('node:path');

function readPackageJson(file = path.resolve(__dirname, '../../package.json')) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const REPO = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(REPO, 'test-output/e2e/screenshots');

/**
 * What the editor check needs of every node in the n8n block (from dist/, as n8n loads them):
 * its display name, the action text of its first operation, and the selector fields it must show.
 */
function nodeDescriptions() {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (or set CHROMIUM_PATH)`);
	return readPackageJson().n8n.nodes.map((file) => {
		const exported = require(path.join(REPO, file));
		const description = new (Object.values(exported)[0])().description;
		const operations = description.properties.filter((p) => p.name === 'operation');
		const resource = description.properties.find((p) => p.name === 'resource');
		const firstResource = resource?.default;
		const operation = operations.find((p) => p.displayOptions?.show?.resource?.includes(firstResource)) ?? operations[0];
		const first = operation?.options?.find((o) => o.value === operation.default) ?? operation?.options?.[0];
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

function screenshotPath(name) {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	return path.join(SCREENSHOTS, `${name}.png`);
}

module.exports = { readPackageJson, nodeDescriptions, screenshotPath, CHROMIUM };
