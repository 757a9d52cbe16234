import { call, control, mark, readAsUser, requests } from './client';

afterEach(async () => {
	expect(await control('DELETE', '/violations')).toEqual([]);
});

describe.each(['jwt', 'oauth2'])('Call Log in real n8n with the %s credential', (auth) => {
	test('Call Record → Get Many finds a recorded call, Recording → Download answers its audio byte for byte', async () => {
		const dateFrom = new Date(Date.now() - 90 * 24 * 3600_000).toISOString();
		const since = await mark();
		const { status, headers, bytes } = await call(`call-log-recording-${auth}`, { dateFrom });
		expect(status).toBe(200);
		const recordingId = headers.get('x-recording-id');
		const contentUri = headers.get('x-content-uri') as string;
		expect(recordingId).toMatch(/^\d+$/);
		expect(contentUri).toMatch(new RegExp(`/recording/${recordingId}/content$`));
		const audio = headers.get('content-type') as string;
		expect(['audio/wav', 'audio/mpeg']).toContain(audio);
		expect(headers.get('x-file-name')).toBe(`recording-${recordingId}.${audio === 'audio/wav' ? 'wav' : 'mp3'}`);
		// Audio, not text: a RIFF header, or an MPEG frame sync / ID3 tag.
		if (audio === 'audio/wav') expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
		else expect(bytes.subarray(0, 3).toString('latin1') === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)).toBe(true);

		const sent = await requests(since);
		expect(sent).toHaveLength(2);
		const [list, download] = sent;
		expect(list).toMatchObject({ operationId: 'readUserCallLog', status: 200, query: { recordingType: 'All', dateFrom, perPage: '1' } });
		expect(download).toMatchObject({ operationId: 'readCallRecordingContent', status: 200, path: `/restapi/v1.0/account/~/recording/${recordingId}/content` });

		// The same recording read straight from RingCentral, after the journal check (it is journalled too).
		const original = await readAsUser(contentUri);
		expect(original.status).toBe(200);
		expect(bytes.equals(original.bytes)).toBe(true);
	});
});
