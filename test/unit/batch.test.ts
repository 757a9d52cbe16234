/**
 * The one batch reader and RingCentral's 207 multipart answers, on literal wire text.
 */
import type { RingCentralAnswer } from '../../nodes/RingCentral/shared/client';
import { readInBatches, RingCentralCallError } from '../../nodes/RingCentral/shared/client';
import { idList, splitList } from '../../nodes/RingCentral/shared/lists';
import { parseBatchResponse } from '../../nodes/RingCentral/shared/multipart';

/** A presence batch answer as RingCentral sends it (\r\n line endings, status part first). */
const TWO_OF_THREE = [
	'--Boundary_20_32057915_1351669531796',
	'Content-Type: application/json',
	'',
	'{"response":[{"href":".../101/presence","status":200},{"href":".../999/presence","status":404},{"href":".../103/presence","status":200}]}',
	'--Boundary_20_32057915_1351669531796',
	'Content-Type: application/json',
	'',
	'{"extension":{"id":101},"presenceStatus":"Available"}',
	'--Boundary_20_32057915_1351669531796',
	'Content-Type: application/json',
	'',
	'{"errorCode":"CMN-102","message":"Resource for parameter [extensionId] is not found","errors":[{"errorCode":"CMN-102","message":"Resource for parameter [extensionId] is not found","parameterName":"extensionId"}]}',
	'--Boundary_20_32057915_1351669531796',
	'Content-Type: application/json',
	'',
	'{"extension":{"id":103},"presenceStatus":"Busy"}',
	'--Boundary_20_32057915_1351669531796--',
	'',
].join('\r\n');

const answer = (body: unknown, status = 200): RingCentralAnswer => ({ status, headers: {}, body });

function notFound(): RingCentralCallError {
	return new RingCentralCallError(
		{ kind: 'answered', status: 404, headers: {}, body: { errorCode: 'CMN-102', message: 'Resource for parameter [extensionId] is not found' } },
		false,
		30,
	);
}

describe('parseBatchResponse', () => {
	test('one part per id with its own status, \\r\\n or \\n line endings alike', () => {
		for (const text of [TWO_OF_THREE, TWO_OF_THREE.replace(/\r\n/g, '\n')]) {
			const parts = parseBatchResponse(text);
			expect(parts.map((p) => p.status)).toEqual([200, 404, 200]);
			expect(parts[0].body).toEqual({ extension: { id: 101 }, presenceStatus: 'Available' });
			expect(parts[1].body).toMatchObject({ errorCode: 'CMN-102' });
		}
	});
});

describe('readInBatches', () => {
	test('chunks of at most maxIds; each id gets its record or its failure, in order', async () => {
		const chunks: string[][] = [];
		const results = await readInBatches(['101', '999', '103'], 30, async (chunk) => {
			chunks.push(chunk);
			return answer(TWO_OF_THREE, 207);
		});
		expect(chunks).toEqual([['101', '999', '103']]);
		expect(results.map((r) => [r.id, r.failure?.status ?? 'ok'])).toEqual([
			['101', 'ok'],
			['999', 404],
			['103', 'ok'],
		]);
	});

	test('a last chunk of one id that fails is that id\'s failure: the batch is kept (31 ids, the 31st unknown)', async () => {
		const ids = Array.from({ length: 31 }, (_, index) => String(index + 1));
		const results = await readInBatches(ids, 30, async (chunk) => {
			if (chunk.length === 1) throw notFound();
			const parts = chunk.map((id) => `--B\r\nContent-Type: application/json\r\n\r\n{"id":${id}}\r\n`).join('');
			const statuses = `--B\r\nContent-Type: application/json\r\n\r\n{"response":[${chunk.map(() => '{"status":200}').join(',')}]}\r\n`;
			return answer(`${statuses}${parts}--B--\r\n`, 207);
		});
		expect(results).toHaveLength(31);
		expect(results.slice(0, 30).every((r) => !r.failure)).toBe(true);
		expect(results[30]).toMatchObject({ id: '31', failure: { status: 404 } });
	});

	test('a lone id asked for on its own fails the call, as reading one record does', async () => {
		await expect(readInBatches(['999'], 30, async () => Promise.reject(notFound()))).rejects.toBeInstanceOf(RingCentralCallError);
	});

	test('a failure of the whole request (rate limit, credential) is not blamed on an id', async () => {
		const throttled = new RingCentralCallError({ kind: 'answered', status: 429, headers: {}, body: {} }, false, 30);
		await expect(
			readInBatches(['1', '2'], 1, async (chunk) => {
				if (chunk[0] === '2') throw throttled;
				return answer({ id: 1 });
			}),
		).rejects.toBe(throttled);
	});

	test('an empty answer (a bulk delete that fully succeeded: 204) confirms every id', async () => {
		const results = await readInBatches(['1', '2', '3'], 50, async () => answer(undefined, 204));
		expect(results).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
	});

	test('a part missing from the answer is that id\'s failure, not a success', async () => {
		const short = TWO_OF_THREE.split('--Boundary_20_32057915_1351669531796').slice(0, 3).join('--Boundary_20_32057915_1351669531796');
		const results = await readInBatches(['101', '999', '103'], 30, async () => answer(`${short}--Boundary_20_32057915_1351669531796--`, 207));
		expect(results[2]).toMatchObject({ id: '103', failure: { cause: 'no part for this ID in the answer' } });
	});
});

describe('the one splitter', () => {
	test('ids split on commas, semicolons, new lines and spaces; other values keep their spaces', () => {
		expect(idList(' 101, 102;103\n104 105 ')).toEqual(['101', '102', '103', '104', '105']);
		expect(idList([101, ' 102 ', '', null])).toEqual(['101', '102']);
		expect(splitList('+1 (650) 555-0100, +1 415 555 0142;\n+44 20 7946 0958')).toEqual(['+1 (650) 555-0100', '+1 415 555 0142', '+44 20 7946 0958']);
	});
});
