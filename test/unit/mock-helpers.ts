/**
 * Shared by the tests of the Akool mock (test/unit/mock-akool*.test.ts): HTTP calls to the mock,
 * Akool's refusal envelopes, a local callback receiver, the mock's CLI and small waits.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import { startMockAkool } from '../mock-akool';
import type { MockAkool, MockAkoolOptions } from '../mock-akool';

/** An Akool envelope answer. */
export interface Envelope {
	code: number;
	msg?: string;
	data?: any;
	token?: string;
	all_results?: any[];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('waitFor timed out');
		await sleep(10);
	}
}

export const invalid = (name: string) => ({ code: 1003, msg: `${name} is invalid` });
export const required = (name: string) => ({ code: 1003, msg: `${name} is required` });
export const NOT_FOUND = { code: 1008, msg: 'The content you get does not exist' };
export const QUOTA_LOW = { code: 1006, msg: 'Your quota is not enough' };

/** Calls to the test's mock; `mock` is asked at every call (the tests start a new mock before each test). */
function mockApi(mock: () => MockAkool) {
	/** Any answer (HTTP status + parsed JSON). */
	async function send(route: string, options: { body?: unknown; headers?: Record<string, string>; raw?: string } = {}) {
		const post = options.body !== undefined || options.raw !== undefined;
		const res = await fetch(mock().url + route, {
			method: post ? 'POST' : 'GET',
			headers: { 'content-type': 'application/json', 'x-api-key': mock().apiKey, ...options.headers },
			body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
		});
		return { status: res.status, json: (await res.json()) as any };
	}

	/** An Akool envelope answer (always HTTP 200). */
	async function call(route: string, body?: unknown): Promise<Envelope> {
		const { status, json } = await send(route, { body });
		expect(status).toBe(200);
		return json as Envelope;
	}

	/** Every case answers as expected; nothing was charged or created. */
	async function expectRejected(cases: Array<[string, unknown, unknown]>) {
		const credit = mock().credit;
		const jobs = mock().jobs.size;
		for (const [route, body, answer] of cases) {
			expect([route, body, await call(route, body)]).toEqual([route, body, answer]);
		}
		expect(mock().credit).toBe(credit);
		expect(mock().jobs.size).toBe(jobs);
	}

	return { send, call, expectRejected };
}

/**
 * A new mock for every test: started before each test (and handed to `use`), closed after it.
 * Returns the calls to it (mockApi).
 */
export function useMockPerTest(options: MockAkoolOptions, use: (mock: MockAkool) => void) {
	let mock: MockAkool;
	beforeEach(async () => {
		mock = await startMockAkool(options);
		use(mock);
	});
	afterEach(async () => {
		await mock.close();
	});
	return mockApi(() => mock);
}

export interface Receiver {
	url: string;
	received: Array<{ signature: string; dataEncrypt: string; timestamp: number; nonce: string }>;
	/** Request path + query of each delivery. */
	paths: string[];
	close(): Promise<void>;
}

/** Local webhook receiver answering the given statuses in order, then 200. */
export async function startReceiver(statuses: number[] = []): Promise<Receiver> {
	const received: Receiver['received'] = [];
	const paths: string[] = [];
	const server = http.createServer((req, res) => {
		paths.push(req.url ?? '');
		let text = '';
		req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		req.on('end', () => {
			received.push(JSON.parse(text));
			const status = statuses.length > 0 ? (statuses.shift() as number) : 200;
			res.writeHead(status, { 'content-type': 'text/plain' });
			res.end(status === 200 ? 'ok' : 'nope');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		paths,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/**
 * `node test/mock-akool/cli.js` with extra environment, until it has printed its URL and keys;
 * `stop()` sends SIGTERM and gives the exit code.
 */
export async function startMockCli(env: Record<string, string>) {
	const cli = spawn(process.execPath, [path.join(__dirname, '..', 'mock-akool', 'cli.js')], {
		env: { ...process.env, MOCK_AKOOL_PORT: '0', ...env },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let out = '';
	cli.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) => cli.on('exit', resolve));
	try {
		await waitFor(() => /Client ID: .+\n/.test(out), 5000);
	} catch (error) {
		cli.kill('SIGTERM');
		throw error;
	}
	return {
		out,
		url: /^Akool mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1],
		stop: async () => {
			cli.kill('SIGTERM');
			return await exited;
		},
	};
}

