/* eslint-disable @typescript-eslint/no-explicit-any -- node descriptions and n8n answers of every shape */
import { chromium, selectors } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { exampleWorkflows, importable } from '../../tools/n8n/examples';
import { PACKAGE_NAME } from '../../tools/n8n/n8n';
import { control, n8nRest, runtime } from './client';
import { nodeDescriptions, readmeImagePath, screenshotPath, CHROMIUM } from './files';
import { CREDENTIALS } from './workflows';

/** Console noise of an offline machine, not of the page: blocked network and the pre-login probe. */
const IGNORED = [/Failed to load resource/, /net::ERR_/];

let browser: Browser;
let context: BrowserContext;

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

beforeAll(async () => {
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	context = await signedIn({ width: 1400, height: 900 });
});

afterAll(async () => {
	await browser?.close();
});

/** A browser context signed in to the e2e n8n. */
async function signedIn(viewport: { width: number; height: number }): Promise<BrowserContext> {
	const signed = await browser.newContext({ viewport });
	const [name, ...value] = runtime().cookie.split('=');
	await signed.addCookies([{ name, value: value.join('='), url: runtime().n8nUrl }]);
	return signed;
}

/** A page that collects the editor's own errors. */
async function editorPage(on: BrowserContext = context): Promise<{ page: Page; errors: string[] }> {
	const page = await on.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' && !IGNORED.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(String(error)));
	return { page, errors };
}

const cases: Array<[string, any]> = nodeDescriptions().map((d: any) => [d.displayName, d]);
describe.each<[string, any]>(cases)('editor: %s', (_name, description) => {
	test('is added from the node panel and its parameter panel renders', async () => {
		const { page, errors } = await editorPage();
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/new`);
			await page.getByTestId('node-creator-plus-button').click();
			await page.keyboard.type(description.displayName);
			await page.getByTestId('node-creator-item-name').getByText(description.creatorName, { exact: true }).first().click();
			const ndv = page.getByTestId('ndv');
			if (description.firstAction) {
				await page.getByText(description.firstAction, { exact: true }).first().click();
			} else {
				// The panel offers a trigger once per event ("On inbound sms", …): take the first.
				await page.getByText(/^On /).first().click();
			}
			await ndv.waitFor();
			for (const field of description.selectors) await ndv.getByTestId(`parameter-input-${field}`).waitFor();
			await page.screenshot({ path: screenshotPath(description.name) });
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});
});

/**
 * One node of each type, set to an operation with a picker, in one workflow: what the picker must
 * list from the emulator's demo company (with names), what typing must narrow it to, and the
 * subtitle the canvas must show. `listed` holds names the first page contains; `searched` tests
 * every name after typing `search`.
 */
interface PickerCase {
	node: string;
	parameters: Record<string, unknown>;
	field: string;
	listed: Array<string | RegExp>;
	search: string;
	searched: (names: string[]) => boolean;
	subtitle: string;
}

const only = (...expected: string[]) => (names: string[]) => JSON.stringify(names) === JSON.stringify(expected);
const every = (pattern: RegExp) => (names: string[]) => names.length > 0 && names.every((name) => pattern.test(name));

const PICKERS: PickerCase[] = [
	{
		node: 'ringCentralPresence',
		parameters: { resource: 'callQueuePresence', operation: 'get' },
		field: 'callQueueId',
		listed: ['Support Queue (200) · call queue', 'Sales Queue (201) · call queue'],
		search: 'sales',
		searched: only('Sales Queue (201) · call queue'),
		subtitle: 'Get Call Queue Presence',
	},
	{
		node: 'ringCentralMessaging',
		parameters: { resource: 'sms', operation: 'send' },
		field: 'from',
		listed: ['+16505551001 · direct number', '+16505551099 · Support line'],
		search: 'support',
		searched: only('+16505551099 · Support line'),
		subtitle: 'Send SMS',
	},
	{
		node: 'ringCentralCallLog',
		parameters: { resource: 'recording', operation: 'download' },
		field: 'recordingId',
		listed: [/^(Inbound call from|Outbound call to) .+ · \d{4}-\d\d-\d\d \d\d:\d\d · \d+m \d\ds$/],
		search: 'inbound',
		searched: every(/^Inbound call from /),
		subtitle: 'Download Recording',
	},
	{
		node: 'ringCentralRingOut',
		parameters: { resource: 'ringOutCall', operation: 'create' },
		field: 'to',
		listed: ['Pat Customer (Globex Corp) · mobile · +16505550123', 'Bob Baker · colleague · +16505551002'],
		search: 'quinn',
		searched: only('Quinn Rivera (Initech) · business · +14155550142'),
		subtitle: 'Start RingOut Call',
	},
	{
		node: 'ringCentralContacts',
		parameters: { resource: 'contact', operation: 'get' },
		field: 'contactId',
		listed: ['Pat Customer (Globex Corp)', 'Riley Chen (Globex Corp)'],
		search: 'ri',
		searched: every(/\bri/i),
		subtitle: 'Get Contact',
	},
	{
		node: 'ringCentralTeamMessaging',
		parameters: { resource: 'post', operation: 'create' },
		field: 'chatId',
		listed: ['Support Team · Team', 'Bob Baker · Direct'],
		search: 'bob',
		searched: every(/Bob/),
		subtitle: 'Create Post',
	},
	{
		node: 'ringCentralVideo',
		parameters: { resource: 'meetingBridge', operation: 'getDefault' },
		field: 'extensionId',
		listed: ['Me (the signed-in user)', 'Alice Admin (101)', 'Bob Baker (102)', 'Support Queue (200) · call queue'],
		search: 'carol',
		// n8n keeps the current choice (Me, the default) on top of the matches.
		searched: only('Me (the signed-in user)', 'Carol Cole (103)'),
		subtitle: 'Get Default Meeting Bridge',
	},
	{
		node: 'ringCentralCallHandling',
		parameters: { resource: 'userAnsweringRule', operation: 'get' },
		field: 'ruleId',
		listed: [/ · Business Hours$/, / · After Hours$/],
		search: 'after',
		searched: every(/ · After Hours$/),
		subtitle: 'Get User Answering Rule',
	},
	{
		node: 'ringCentralAccount',
		parameters: { resource: 'authorizationProfile', operation: 'check' },
		field: 'targetExtensionId',
		listed: ['Alice Admin (101)', 'Bob Baker (102)'],
		search: 'bob',
		searched: only('Bob Baker (102)'),
		subtitle: 'Check User Permission',
	},
	{
		node: 'ringCentralTrigger',
		parameters: { events: ['presence'], presenceLevel: 'callQueue' },
		field: 'callQueueId',
		listed: ['Support Queue (200) · call queue', 'Sales Queue (201) · call queue'],
		search: '201',
		searched: only('Sales Queue (201) · call queue'),
		subtitle: 'Presence',
	},
];

/** The name a node gets on the editor check's canvas: its display name ("RingCentral Presence"). */
const displayNames = new Map(nodeDescriptions().map((d: any) => [d.name as string, d.displayName as string]));
const nodeName = (node: string, typeVersion = 2) => `${displayNames.get(node)}${typeVersion === 1 ? ' (version 1)' : ''}`;

/** A node of the editor workflow: the newest version, the e2e JWT credential. */
function editorNode(node: string, index: number, parameters: Record<string, unknown>, typeVersion = 2) {
	return {
		id: `editor-${index}`,
		name: nodeName(node, typeVersion),
		type: `${PACKAGE_NAME}.${node}`,
		typeVersion,
		position: [(index % 5) * 260, Math.floor(index / 5) * 220],
		parameters: { authentication: 'jwt', ...parameters },
		credentials: { [CREDENTIALS.jwt.type]: { id: CREDENTIALS.jwt.id, name: CREDENTIALS.jwt.name } },
	};
}

/** Names the open picker lists, once `ready` holds for them (the editor loads and filters asynchronously). */
async function pickerNames(page: Page, ready: (names: string[]) => boolean, timeoutMs = 20_000): Promise<string[]> {
	const started = Date.now();
	let names: string[] = [];
	while (Date.now() - started < timeoutMs) {
		names = (await page.getByTestId('rlc-item').allInnerTexts()).map((text) => text.trim());
		if (ready(names)) return names;
		await page.waitForTimeout(250);
	}
	return names;
}

const hasAll = (expected: Array<string | RegExp>) => (names: string[]) =>
	expected.every((want) => names.some((name) => (typeof want === 'string' ? name === want : want.test(name))));

describe('editor: the pickers, the canvas and the forms', () => {
	let workflowId: string;
	const oldNode = editorNode('ringCentralPresence', PICKERS.length, { resource: 'userPresence', operation: 'get', accountId: '~', extensionId: '62264426016' }, 1);

	beforeAll(async () => {
		const created = await n8nRest('POST', '/workflows', {
			name: 'editor: every RingCentral node',
			nodes: [...PICKERS.map((picker, index) => editorNode(picker.node, index, picker.parameters)), oldNode],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		workflowId = created.id;
	});

	test('the canvas shows each node with its own icon and the operation by its display name', async () => {
		const { page, errors } = await editorPage();
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${workflowId}`);
			await page.getByTestId('canvas-node').first().waitFor();
			await page.waitForTimeout(1000);
			const nodes = await page.getByTestId('canvas-node').evaluateAll((elements) =>
				elements.map((element) => ({
					name: element.getAttribute('data-node-name'),
					lines: String((element as { innerText?: string }).innerText ?? '').split('\n').map((line: string) => line.trim()).filter(Boolean),
					icon: element.querySelector('img')?.getAttribute('src') ?? '',
				})),
			);
			for (const picker of PICKERS) {
				const node = nodes.find((n) => n.name === nodeName(picker.node));
				expect({ node: picker.node, subtitle: node?.lines[1] }).toEqual({ node: picker.node, subtitle: picker.subtitle });
			}
			const icons = PICKERS.map((picker) => nodes.find((n) => n.name === nodeName(picker.node))?.icon);
			expect(new Set(icons).size).toBe(PICKERS.length);
			for (const icon of icons) expect(icon).toMatch(new RegExp(`^/icons/${PACKAGE_NAME}/dist/icons/[a-z-]+\\.svg$`));
			await page.screenshot({ path: screenshotPath('canvas') });
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});

	test.each(PICKERS.map((picker, index) => [picker.node, picker.field, index] as const))(
		'%s: the %s picker lists the emulator\'s records by name and RingCentral is searched as the user types',
		async (node, field, index) => {
			const picker = PICKERS[index];
			const { page, errors } = await editorPage();
			try {
				await page.goto(`${runtime().n8nUrl}/workflow/${workflowId}/editor-${index}`);
				const ndv = page.getByTestId('ndv');
				await ndv.waitFor();
				await ndv.getByTestId(`resource-locator-${field}`).getByTestId('rlc-input').click();
				const listed = await pickerNames(page, hasAll(picker.listed));
				if (!hasAll(picker.listed)(listed)) await page.screenshot({ path: screenshotPath(`${node}.picker.failed`) });
				expect({ node, names: listed, listed: hasAll(picker.listed)(listed) }).toEqual({ node, names: listed, listed: true });
				const search = page.getByTestId('rlc-search');
				const input = (await search.locator('input').count()) ? search.locator('input').first() : search;
				await input.fill(picker.search);
				const searched = await pickerNames(page, picker.searched);
				if (!picker.searched(searched)) await page.screenshot({ path: screenshotPath(`${node}.picker.failed`) });
				expect({ node, search: picker.search, names: searched, searched: picker.searched(searched) }).toEqual({
					node,
					search: picker.search,
					names: searched,
					searched: true,
				});
				await page.screenshot({ path: screenshotPath(`${node}.picker`) });
				expect(errors).toEqual([]);
			} finally {
				await page.close();
			}
		},
	);

	test('a version 1 node (saved before the pickers) opens with its text fields and values', async () => {
		const { page, errors } = await editorPage();
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${workflowId}/${oldNode.id}`);
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			const field = ndv.getByTestId('parameter-input-extensionId');
			await field.waitFor();
			expect(await field.locator('input, textarea').first().inputValue()).toBe('62264426016');
			expect(await ndv.getByTestId('resource-locator-extensionId').count()).toBe(0);
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});

	test('the OAuth2 credential form starts with the Server, Server URL right below it', async () => {
		const { page } = await editorPage();
		try {
			await page.goto(`${runtime().n8nUrl}/home/credentials/${CREDENTIALS.oauth2.id}`);
			const dialog = page.getByTestId('credential-edit-dialog');
			await dialog.getByText('Client Secret').first().waitFor();
			const labels = (await dialog.locator('label').allInnerTexts()).map((label) => label.split('\n')[0].replace(/\s*\*$/, '').trim());
			const fields = labels.filter((label) => label !== 'OAuth Redirect URL');
			expect(fields.slice(0, 5)).toEqual(['Server', 'Server URL', 'Grant Type', 'Client ID', 'Client Secret']);
			expect(fields.indexOf('Allowed HTTP Request Domains')).toBeGreaterThan(fields.indexOf('Client Secret'));
			await page.screenshot({ path: screenshotPath('credential-oauth2') });
		} finally {
			await page.close();
		}
	});

	test('the call-log export example runs from its Manual Trigger when the user clicks Execute workflow', async () => {
		const example = exampleWorkflows().find((workflow) => workflow.file === 'daily-call-log-export.json');
		const { id: _id, ...workflow } = importable(example as any) as any;
		const created = await n8nRest('POST', '/workflows', { ...workflow, name: `${workflow.name} (editor check)` });
		const { page } = await editorPage();
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${created.id}`);
			await page.getByTestId('canvas-node').first().waitFor();
			const buttons = (await page.locator('[data-test-id^="execute-workflow-button"]').allInnerTexts()).join(' ');
			expect(buttons).toContain('Execute workflow');
			expect(buttons).not.toContain('Every morning');
			await page.screenshot({ path: screenshotPath('example-daily-call-log-export') });
		} finally {
			await page.close();
		}
	});
});

/**
 * The README's pictures, taken from the real editor at a size that reads on npmjs.com: a workflow
 * on the canvas, a node panel with a picker open, a node's output after Execute step.
 * `npm run screenshots` writes them into docs/images/ (RC_README_IMAGES=1).
 */
describe('editor: the README pictures', () => {
	let pictures: BrowserContext;
	/** The canvas is wide and low; the node panel tall enough for a picker to open below its field. */
	let canvas: BrowserContext;
	let panel: BrowserContext;

	beforeAll(async () => {
		pictures = await signedIn({ width: 1280, height: 720 });
		canvas = await signedIn({ width: 1280, height: 520 });
		panel = await signedIn({ width: 1280, height: 900 });
	});

	afterAll(async () => {
		for (const each of [pictures, canvas, panel]) await each?.close();
	});

	/** A workflow `Manual Trigger → node`, saved in n8n; its id and the node's. */
	async function manualWorkflow(name: string, node: ReturnType<typeof editorNode>): Promise<{ id: string; nodeId: string }> {
		const trigger = {
			id: 'readme-trigger',
			name: "When clicking 'Execute workflow'",
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const placed = { ...node, position: [260, 0] };
		const created = await n8nRest('POST', '/workflows', {
			name,
			nodes: [trigger, placed],
			connections: { [trigger.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		return { id: created.id, nodeId: node.id };
	}

	test('a workflow on the canvas: the presence-based routing example', async () => {
		const example = exampleWorkflows().find((workflow) => workflow.file === 'presence-based-routing.json');
		const { id: _id, ...workflow } = importable(example as any) as any;
		// The example names the credentials `npm start` imports; here the e2e ones stand in.
		const nodes = workflow.nodes.map((node: any) => {
			if (!node.credentials) return node;
			const own = Object.keys(node.credentials).map((type) => {
				const credential = Object.values(CREDENTIALS).find((candidate) => candidate.type === type);
				return [type, credential ? { id: credential.id, name: credential.name } : node.credentials[type]];
			});
			return { ...node, credentials: Object.fromEntries(own) };
		});
		const created = await n8nRest('POST', '/workflows', { ...workflow, nodes, name: workflow.name });
		const { page, errors } = await editorPage(canvas);
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${created.id}`);
			await page.getByTestId('canvas-node').first().waitFor();
			expect(await page.getByTestId('canvas-node').count()).toBe(nodes.length);
			// n8n fits the workflow into view once its nodes have been measured.
			await page.waitForTimeout(1500);
			await page.screenshot({ path: readmeImagePath('workflow') });
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});

	test('a node panel: Send SMS with its To picker open, listing contacts and colleagues by name', async () => {
		const sms = editorNode('ringCentralMessaging', 90, {
			resource: 'sms',
			operation: 'send',
			from: { __rl: true, mode: 'list', value: '+16505551001', cachedResultName: '+16505551001 · direct number' },
			text: 'Your table is ready',
		});
		const { id, nodeId } = await manualWorkflow('Text a customer', { ...sms, name: 'Text a customer' });
		const { page, errors } = await editorPage(panel);
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${id}/${nodeId}`);
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			await ndv.getByTestId('resource-locator-to').getByTestId('rlc-input').click();
			const expected = ['Pat Customer (Globex Corp) · mobile · +16505550123', 'Bob Baker · colleague · +16505551002'];
			const names = await pickerNames(page, hasAll(expected));
			expect({ names, listed: hasAll(expected)(names) }).toEqual({ names, listed: true });
			await page.screenshot({ path: readmeImagePath('node-panel') });
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});

	test('an output: Get Many Company Call Records run with Execute step, simplified', async () => {
		const callLog = editorNode('ringCentralCallLog', 91, {
			resource: 'callRecord',
			operation: 'getManyForCompany',
			returnAll: false,
			limit: 10,
			filters: { dateFrom: '={{ $now.minus({ days: 7 }).toISO() }}' },
		});
		const { id, nodeId } = await manualWorkflow('Company calls this week', { ...callLog, name: 'Company calls this week' });
		const { page, errors } = await editorPage(pictures);
		try {
			await page.goto(`${runtime().n8nUrl}/workflow/${id}/${nodeId}`);
			const ndv = page.getByTestId('ndv');
			await ndv.waitFor();
			await ndv.getByTestId('node-execute-button').click();
			const output = ndv.getByTestId('output-panel');
			try {
				await output.getByTestId('ndv-items-count').filter({ hasText: /\b10 items\b/ }).first().waitFor({ timeout: 60_000 });
				// Room for the table: the parameters pane dragged towards the input, as a user would.
				const handle = await ndv.getByTestId('panel-drag-button').boundingBox();
				if (handle) {
					await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
					await page.mouse.down();
					await page.mouse.move(handle.x - 330, handle.y + handle.height / 2, { steps: 10 });
					await page.mouse.up();
				}
				for (const column of ['startTime', 'direction', 'result']) await output.getByRole('columnheader', { name: column }).first().waitFor();
				// The "Node executed successfully" toast would cover the table's last rows.
				for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click();
				await page.locator('.el-notification').first().waitFor({ state: 'detached' });
			} catch (error) {
				await page.screenshot({ path: screenshotPath('readme-output.failed') });
				throw error;
			}
			await page.screenshot({ path: readmeImagePath('output') });
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});
});
