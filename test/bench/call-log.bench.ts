/**
 * Call log: Return All over 5,000 company call-log records. RingCentral serves at most 1,000
 * records per page, so the minimum is 5 requests; the figure is requests made ÷ that minimum.
 */
import type { Bench } from './kit';

const RECORDS = 5000;
const MAX_PAGE_SIZE = 1000;

const bench: Bench = {
	title: 'Call log: Return All over 5,000 records',
	async run({ setup, load, callsSince }) {
		const RingCentralCallLog = load('nodes/RingCentralCallLog/RingCentralCallLog.node');
		const env = await setup({ nodes: [RingCentralCallLog], emulator: { callLogSize: RECORDS } });
		try {
			// Warm the credential (JWT sign-in) so only the call-log requests are counted.
			await env.run('ringCentralCallLog', { resource: 'callRecord', operation: 'getMany', accountId: '~', extensionId: '~', limit: 1 });
			const since = env.emulator.sequence;
			const started = Date.now();
			const result = await env.run('ringCentralCallLog', {
				resource: 'callRecord',
				operation: 'getManyForCompany',
				accountId: '~',
				returnAll: true,
				filters: { dateFrom: new Date(Date.now() - 31 * 24 * 3600_000).toISOString() },
			});
			const wallMs = Date.now() - started;
			if (result.error) throw result.error;
			const requests = callsSince(env.emulator, since, 'readCompanyCallLog').length;
			const minimum = Math.ceil(RECORDS / MAX_PAGE_SIZE);
			const ids = new Set(result.items.map((item) => item.json.id as unknown));
			return [
				{ label: 'records returned', value: result.items.length, target: String(RECORDS), pass: result.items.length === RECORDS && ids.size === RECORDS },
				{ label: `requests made ÷ minimum (${minimum})`, value: requests / minimum, target: '1.0', pass: requests === minimum },
				{ label: 'wall time', value: wallMs / 1000, unit: 's' },
			];
		} finally {
			await env.stop();
		}
	},
};

export default bench;
