/**
 * The API key and the Client ID never appear in what the node outputs or reports: succeeding and
 * failing runs (every kind of failure the node has), their whole run data as n8n stores it, and
 * the errors with their descriptions and context. (test/e2e/security.e2e.test.ts scans a real
 * n8n's executions and log the same way.)
 */
import type { INodeParameters } from 'n8n-workflow';

import { buildCallbackEnvelope, startMockAkool } from '../mock-akool';
import type { FaultSpec, MockAkool } from '../mock-akool';
import type { RunResult } from '../harness';
import { akoolWorkflow, run } from './helpers';
import { freePortForTests } from './ports';

// Distinctive secrets, so that any leak is found by a plain text search.
const apiKey = 'SeCrEtKeY-24-chars-zq8x7';
const clientId = 'cl1ent1dSecret9876543210';
let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ apiKey, clientId, jobDurationMs: 300, fileSize: 20_000, callbackRetries: 0 });
});
afterAll(async () => await mock.close());

const scanned = { runs: 0, items: 0, errors: 0, characters: 0 };
afterAll(() => {
	// eslint-disable-next-line no-console
	console.log(`secrets scan: ${scanned.runs} runs, ${scanned.items} output items, ${scanned.errors} errors, ${scanned.characters} characters, 0 secrets found`);
});

function expectNoSecrets(result: RunResult) {
	const error = result.error as (Error & { description?: unknown; context?: unknown }) | undefined;
	const text = JSON.stringify({
		runData: result.runData,
		error: error && { message: error.message, description: error.description, context: error.context, stack: error.stack },
	});
	scanned.runs += 1;
	scanned.items += Object.values(result.runData).flatMap((runs) => runs.flatMap((r) => r.data?.main?.flat() ?? [])).length;
	scanned.errors += error ? 1 : 0;
	scanned.characters += text.length;
	expect(text.includes(apiKey)).toBe(false);
	expect(text.includes(clientId)).toBe(false);
}

const swap = (options: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	returnAs: 'both',
	options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1, ...options },
	...extra,
});

describe('no secret in outputs or errors', () => {
	it.each<[string, INodeParameters, FaultSpec[], string]>([
		['a finished job with file and URL', swap(), [], 'success'],
		['a create refused with 1101 in HTTP 401', swap(), [{ path: '/api/open/v4/characterSwap/create', kind: '4xx-envelope', status: 401, code: 1101 }], 'error'],
		['a create whose connection is reset', swap(), [{ path: '/api/open/v4/characterSwap/create', kind: 'reset' }], 'error'],
		['a poll failing every time', swap({ timeoutMinutes: 0.05 }), [{ path: '/api/open/v3/content/video/infobymodelid', kind: '500', count: 20 }], 'error'],
		['a download failing', swap(), [{ path: '/files/', kind: '500', count: 10 }], 'error'],
		['a download from a host that is not allowed', { resource: 'job', operation: 'download', url: 'https://evil.example/x' }, [], 'error'],
		['a credit read', { resource: 'account', operation: 'getCredits' }, [], 'success'],
		['bad input', swap({}, { imageUrl: 'ftp://x' }), [], 'error'],
	])('%s', async (_name, parameters, faults, status) => {
		mock.clearFaults();
		for (const fault of faults) mock.fault(fault);
		const result = await run(mock, akoolWorkflow(parameters));
		expect(result.status).toBe(status);
		expectNoSecrets(result);
	});

	it('an unreachable Akool', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'account', operation: 'getCredits' }), {
			baseUrl: `http://127.0.0.1:${await freePortForTests()}`,
		});
		expect(result.status).toBe('error');
		expectNoSecrets(result);
	});

	it('Wait for Callback: waiting, a rejected callback, and a resume whose download fails', async () => {
		mock.clearFaults();
		const waiting = await run(mock, akoolWorkflow(swap({ waitLimitMinutes: 30 }, { completion: 'waitForCallback' })));
		expect(waiting.status).toBe('waiting');
		expectNoSecrets(waiting);
		const jobId = waiting.output('Akool')[0].json.jobId as string;
		while (mock.jobs.get(jobId)!.status < 3) await new Promise((resolve) => setTimeout(resolve, 50));
		const forged = await waiting.resume({ body: { signature: 'f'.repeat(40), dataEncrypt: 'AAAA', timestamp: 1, nonce: '1' } });
		expect(JSON.stringify(forged.response)).not.toContain(clientId);
		mock.fault({ path: '/files/', kind: '500', count: 10 });
		const resumed = await waiting.resume({
			body: buildCallbackEnvelope({ _id: jobId, status: 3, url: mock.resultUrl(jobId) }, { apiKey, clientId }),
		});
		expect(resumed.result.status).toBe('error');
		expectNoSecrets(resumed.result);
	});
});
