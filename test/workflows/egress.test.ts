/**
 * Downloads fetch only allowed hosts (R3): Akool's result hosts and the credential's Base URL host
 * by default; every redirect hop is checked against the same rule; private addresses need to be
 * listed by name; messages never show a signed query string (S7). Job → Download is what an AI
 * agent can call with any URL.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { dirname } from 'node:path';
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

/**
 * n8n-core's SSRF settings (N8N_SSRF_*), as the harness's n8n-core holds them: the copy of
 * @n8n/config and @n8n/di that n8n-core (and its @n8n/backend-network) resolves.
 */
function n8nSsrfConfig(): { enabled: boolean } {
	const coreDir = dirname(require.resolve('n8n-core'));
	const fromCore = (id: string) => require(require.resolve(id, { paths: [coreDir] })) as Record<string, unknown>;
	const { Container } = fromCore('@n8n/di') as { Container: { get(c: unknown): unknown } };
	return Container.get(fromCore('@n8n/config').SsrfProtectionConfig) as { enabled: boolean };
}

/** A TCP server on 127.0.0.1 that counts connections and never answers (the download then times out). */
async function silentServer(): Promise<{ server: Server; port: number; connections: () => number; close: () => Promise<void> }> {
	const sockets: Socket[] = [];
	const server = createServer((socket) => sockets.push(socket));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		server,
		port: (server.address() as AddressInfo).port,
		connections: () => sockets.length,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

describe('n8n\'s egress filter (B5): the user\'s own hosts under the admin\'s policy', () => {
	it('a private host listed in "Allowed Download Hosts" is fetched: n8n\'s "safe" policy, and SSRF protection is off by default', async () => {
		const target = await silentServer();
		try {
			const url = `https://127.0.0.1:${target.port}/x.mp4`;
			const error = runError(await run(mock, download(url, { allowedHosts: '127.0.0.1', downloadTimeoutMinutes: 0.05 })));
			// Reached the host (no TLS answer, so the download gives up after its 3 s), not refused.
			expect(error.message).not.toContain("n8n's egress rules refuse it");
			expect(error.message).toBe(`Could not download 127.0.0.1:${target.port}/x.mp4: it took longer than 3 s`);
			expect(target.connections()).toBeGreaterThanOrEqual(1);
		} finally {
			await target.close();
		}
	});

	it('with SSRF protection on (N8N_SSRF_PROTECTION_ENABLED=true) n8n\'s admin decides: the listed private host is refused, naming the settings', async () => {
		const target = await silentServer();
		const ssrf = n8nSsrfConfig();
		ssrf.enabled = true;
		try {
			const url = `https://127.0.0.1:${target.port}/x.mp4`;
			const error = runError(await run(mock, download(url, { allowedHosts: '127.0.0.1', downloadTimeoutMinutes: 0.05 })));
			expect(error.message).toBe(`Will not download from 127.0.0.1:${target.port}/x.mp4: n8n's egress rules refuse it`);
			expect(error.description).toContain('N8N_SSRF_ALLOWED_IP_RANGES');
			expect(error.description).toContain('N8N_SSRF_ALLOWED_HOSTNAMES');
			expect(target.connections()).toBe(0);
		} finally {
			ssrf.enabled = false;
			await target.close();
		}
	});

	it('a redirect from a listed host to a host that is not listed gets n8n\'s enforced policy (and the node\'s own rule)', async () => {
		// The Base URL's host is trusted; the hop to a private address nobody listed is refused by the node first.
		const hop = `https://10.9.8.7/x.mp4`;
		const error = runError(await run(mock, download(`${mock.url}/redirect?to=${encodeURIComponent(hop)}`, { allowedHosts: '127.0.0.1' })));
		expect(error.message).toBe('Will not download from 10.9.8.7/x.mp4: it is a local or private address');
	});

	it('"Allow Any Download Host" refuses private addresses in their IPv6 forms before n8n\'s filter (R11; n8n 1.x has none)', async () => {
		for (const url of ['https://[::ffff:127.0.0.1]:1/x.mp4', 'https://[::ffff:169.254.169.254]/latest/meta-data', 'https://[64:ff9b::a9fe:a9fe]/x', 'https://[::127.0.0.1]/x']) {
			const error = runError(await run(mock, download(url, { allowAnyHost: true })));
			expect([url, error.message]).toEqual([url, expect.stringMatching(/: it is a local or private address$/)]);
		}
		expect(mock.requests).toHaveLength(0);
	});
});
