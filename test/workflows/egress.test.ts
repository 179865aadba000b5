/**
 * Downloads fetch only allowed hosts (R3): Akool's result hosts and the credential's Base URL host
 * by default; every redirect hop is checked against the same rule; private addresses need to be
 * listed by name; messages never show a signed query string (S7). Job → Download is what an AI
 * agent can call with any URL.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ fileSize: 50_000 });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.clearLog();
	mock.clearFaults();
});

function download(url: string, options: INodeParameters = {}) {
	return akoolWorkflow({ resource: 'job', operation: 'download', url, options });
}

describe('Job → Download egress rules', () => {
	it('downloads from the Base URL host, following a redirect to an allowed host', async () => {
		const result = await run(mock, download(`${mock.url}/redirect?to=${encodeURIComponent(`${mock.url}/files/clip.mp4`)}`));
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].binary!.data.fileName).toBe('clip.mp4'); // named after the final hop
		expect((await result.binaryBuffer(result.output('Akool')[0])).length).toBe(50_000);
		expect(mock.requests.map((r) => r.path)).toEqual(['/redirect', '/files/clip.mp4']);
	});

	it.each([
		['https://evil.example.com/steal.mp4', 'the host is not allowed'],
		['http://d1.cloudfront.net/x.mp4', 'only https is allowed'],
		['https://169.254.169.254/latest/meta-data', 'it is a local or private address'],
		['https://localhost/x', 'it is a local or private address'],
		['https://user:pw@d1.cloudfront.net/x.mp4', 'URLs with credentials are not allowed'],
	])('refuses %s before any request (%s)', async (url, reason) => {
		const error = runError(await run(mock, download(url)));
		expect(error.message).toContain(`: ${reason}`);
		expect(error.message).toMatch(/^Will not download from /);
		expect(error.description).toContain('Allowed Download Hosts');
		expect(mock.requests).toHaveLength(0);
	});

	it('checks every redirect hop: a 302 to a metadata address is refused', async () => {
		const error = runError(await run(mock, download(`${mock.url}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data')}`)));
		expect(error.message).toBe('Will not download from 169.254.169.254/latest/meta-data: only https is allowed (http only for the Base URL host)');
		expect(mock.requests.map((r) => r.path)).toEqual(['/redirect']);
	});

	it('"Allow Any Download Host" still refuses private addresses', async () => {
		const error = runError(await run(mock, download('https://10.1.2.3/x.mp4', { allowAnyHost: true })));
		expect(error.message).toContain('it is a local or private address');
	});

	it('never shows a signed query string in an error', async () => {
		mock.fault({ path: '/files/', kind: '4xx-envelope', status: 403, code: 1009 });
		const error = runError(await run(mock, download(`${mock.url}/files/result.mp4?X-Amz-Signature=s3cr3t&Expires=1`)));
		expect(error.message).toMatch(/^Could not download 127\.0\.0\.1:\d+\/files\/result\.mp4: HTTP 403$/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain('s3cr3t');
	});

	it('a file of unknown size is stopped while streaming once it passes "Max File Size (MB)"', async () => {
		mock.setOptions({ fileSize: 300_000 });
		const error = runError(await run(mock, download(`${mock.url}/files/big.mp4?chunked=1`, { maxFileSizeMb: 0.1 })));
		mock.setOptions({ fileSize: 50_000 });
		expect(error.message).toMatch(/^Could not download 127\.0\.0\.1:\d+\/files\/big\.mp4: the file is larger than the limit of 103 KB \(\d+ KB so far\)$/);
	});

	it('"Allowed Download Hosts" rejects a value that is not a host list', async () => {
		const error = runError(await run(mock, download('https://d1.cloudfront.net/x.mp4', { allowedHosts: 'https://files.example.com/path' })));
		expect(error.message).toBe('"Allowed Download Hosts" contains an invalid host "https://files.example.com/path"');
		expect(mock.requests).toHaveLength(0);
	});
});
