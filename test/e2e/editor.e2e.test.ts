/* eslint-disable @typescript-eslint/no-explicit-any -- node descriptions of every shape */
import { chromium, selectors } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';

import { runtime } from './client';
import { nodeDescriptions, screenshotPath, CHROMIUM } from './files';

/** Console noise of an offline machine, not of the page: blocked network and the pre-login probe. */
const IGNORED = [/Failed to load resource/, /net::ERR_/];

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	const [name, ...value] = runtime().cookie.split('=');
	await context.addCookies([{ name, value: value.join('='), url: runtime().n8nUrl }]);
});

afterAll(async () => {
	await browser?.close();
});

const cases: Array<[string, any]> = nodeDescriptions().map((d: any) => [d.displayName, d]);
describe.each<[string, any]>(cases)('editor: %s', (_name, description) => {
	test('is added from the node panel and its parameter panel renders', async () => {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error' && !IGNORED.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
		});
		page.on('pageerror', (error) => errors.push(String(error)));
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
