/**
 * RingCentral's own response examples as fixtures: for every operation the emulator serves whose
 * success response has an example in the pinned spec (a media-type `example`/`examples` or the
 * response schema's `example`), the emulator's answer carries every field of the example, with the
 * example's JSON type, down to the leaves. Values differ (ids, times); shapes may not.
 */
import { createEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator/server';
import { createWebhookReceiver } from '../harness/webhook-receiver';
import type { WebhookReceiver } from '../harness/webhook-receiver';

/** RingCentral JSON as the tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let emulator: Emulator;
let receiver: WebhookReceiver;
let accessToken: string;

beforeAll(async () => {
	emulator = await createEmulator({ requireSpec: true, quiet: true, rateLimits: { windowSeconds: 1 } });
	await emulator.start();
	receiver = await createWebhookReceiver();
	const answer = await fetch(`${emulator.url}/restapi/oauth/token`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from('demo-client-id:demo-client-secret').toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: emulator.oauth.issueJwt() }),
	});
	accessToken = ((await answer.json()) as Json).access_token;
});
afterAll(async () => {
	await receiver.close();
	await emulator.stop();
});
afterEach(() => {
	expect(emulator.takeViolations()).toEqual([]);
});

interface Call {
	method: string;
	path: string;
	body?: unknown;
}

const WEEKDAYS_9_TO_6 = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ from: '09:00', to: '18:00' }]]));

/** How to get each operation's answer: every emulated operation with a response example needs one. */
const CALLS: Record<string, () => Call> = {
	readAPIVersions: () => ({ method: 'GET', path: '/restapi' }),
	readAPIVersion: () => ({ method: 'GET', path: '/restapi/v1.0' }),
	readUserBusinessHours: () => ({ method: 'GET', path: '/restapi/v1.0/account/~/extension/~/business-hours' }),
	readCompanyBusinessHours: () => ({ method: 'GET', path: '/restapi/v1.0/account/~/business-hours' }),
	updateCompanyBusinessHours: () => ({ method: 'PUT', path: '/restapi/v1.0/account/~/business-hours', body: { schedule: { weeklyRanges: WEEKDAYS_9_TO_6 } } }),
	createSubscription: () => ({
		method: 'POST',
		path: '/restapi/v1.0/subscription',
		body: {
			eventFilters: ['/restapi/v1.0/account/~/extension/~/presence', '/restapi/v1.0/account/~/extension/~/message-store'],
			deliveryMode: { transportType: 'WebHook', address: receiver.url },
		},
	}),
};

interface Example {
	operationId: string;
	status: number;
	name: string;
	value: unknown;
}

/** Every success-response example of the operations the emulator serves. */
function examples(): Example[] {
	const served = new Set(emulator.routes.map((route) => route.operationId));
	const found: Example[] = [];
	for (const [operationId, { operation }] of emulator.spec.operations) {
		if (!served.has(operationId)) continue;
		for (const [status, response] of Object.entries((operation as Json).responses ?? {}) as Array<[string, Json]>) {
			const content = response?.content?.['application/json'];
			if (!status.startsWith('2') || !content) continue;
			if (content.example !== undefined) found.push({ operationId, status: Number(status), name: 'example', value: content.example });
			for (const [name, example] of Object.entries((content.examples ?? {}) as Record<string, Json>)) {
				found.push({ operationId, status: Number(status), name, value: example.value });
			}
			if (content.schema?.example !== undefined) found.push({ operationId, status: Number(status), name: 'schema example', value: content.schema.example });
		}
	}
	return found;
}

/** JSON's type of a value; the spec's YAML reads date-times as dates, which JSON carries as strings. */
function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (value instanceof Date) return 'string';
	return typeof value;
}

/** Where `actual` lacks a field of `example` or has it with another type (each array item against the first actual one). */
function differences(example: unknown, actual: unknown, path = ''): string[] {
	const expected = typeOf(example);
	const got = typeOf(actual);
	if (expected !== got) return [`${path || '(root)'}: ${expected} in the example, ${actual === undefined ? 'missing' : got} in the answer`];
	if (expected === 'array') {
		const [first] = actual as unknown[];
		if (!(example as unknown[]).length) return [];
		if (first === undefined) return [`${path}: items in the example, none in the answer`];
		return (example as unknown[]).flatMap((item, index) => differences(item, first, `${path}[${index}]`));
	}
	if (expected === 'object' && !(example instanceof Date)) {
		return Object.entries(example as Record<string, unknown>).flatMap(([key, value]) =>
			differences(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key),
		);
	}
	return [];
}

test('the comparison names a missing field and a field of another type, at any depth', () => {
	const example = { uri: 'https://x', schedule: { weeklyRanges: { monday: [{ from: '09:00', to: '18:00' }] } }, expiresIn: 604799, creationTime: new Date(0) };
	const answer = { uri: 'http://emulator', schedule: { weeklyRanges: { monday: [{ from: '09:00', to: 1800 }] } }, expiresIn: 3600, creationTime: '2026-01-01T00:00:00.000Z' };
	expect(differences(example, answer)).toEqual(['schedule.weeklyRanges.monday[0].to: string in the example, number in the answer']);
	expect(differences(example, { ...answer, expiresIn: undefined })).toContain('expiresIn: number in the example, missing in the answer');
});

test('every emulated operation with a response example in the spec is checked here', () => {
	const withExamples = [...new Set(examples().map((example) => example.operationId))].sort();
	expect(withExamples.length).toBeGreaterThan(0);
	expect(Object.keys(CALLS).sort()).toEqual(withExamples);
});

test.each(Object.keys(CALLS))('%s answers with every field of the spec\'s example, typed as there', async (operationId) => {
	const call = CALLS[operationId]();
	const response = await fetch(`${emulator.url}${call.path}`, {
		method: call.method,
		headers: { Authorization: `Bearer ${accessToken}`, ...(call.body ? { 'Content-Type': 'application/json' } : {}) },
		body: call.body ? JSON.stringify(call.body) : undefined,
	});
	const answer = (await response.json()) as Json;
	const [served] = emulator.journal().slice(-1);
	expect(served.operationId).toBe(operationId);
	for (const example of examples().filter((e) => e.operationId === operationId)) {
		expect({ example: example.name, status: response.status }).toEqual({ example: example.name, status: example.status });
		expect({ example: example.name, differences: differences(example.value, answer) }).toEqual({ example: example.name, differences: [] });
	}
});
