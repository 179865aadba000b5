/**
 * In-memory binary data (N8N_DEFAULT_BINARY_DATA_MODE=default, n8n 1.x's default): every
 * downloaded file stays in the execution as base64 until it ends, so what one node run downloads
 * is bounded in total, not only per file. The total (256 MB in the package) is lowered to 5 MB
 * here so the test holds a few MB, not hundreds.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { setBinaryDataMode } from '../harness';
import { akoolWorkflow, run, runError, useMockAkool } from './helpers';

jest.mock('../../nodes/Akool/helpers/settings', () => {
	const actual = jest.requireActual('../../nodes/Akool/helpers/settings');
	return { ...actual, SETTINGS: { ...actual.SETTINGS, maxInMemoryRunMb: 5 } };
});

const MiB = 1024 * 1024;

let mock: MockAkool;
useMockAkool({ jobDurationMs: 500, credit: 1e6, fileSize: 2 * MiB }, (m) => (mock = m), { fileSize: 2 * MiB });

let saved: string;
beforeAll(async () => {
	const job = mock.addJob({ store: 'i2v', status: 3 });
	const init = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'imageToVideo', jobId: job._id }));
	expect(init.status).toBe('success');
	saved = setBinaryDataMode('default'); // no store: the item carries the file as base64
});
afterAll(() => setBinaryDataMode(saved));

const downloadAll = async (urls: string[], options: INodeParameters = {}) =>
	await run(mock, akoolWorkflow({ resource: 'job', operation: 'download', options }, { continueOnFail: true }), {
		inputItems: urls.map((resultUrl) => ({ json: { resultUrl } })),
	});

const errorsOf = (items: Array<{ json: Record<string, unknown> }>) => items.filter((item) => item.json.error);

describe('in-memory mode: the total of one node run', () => {
	it('4 results of 2 MB (per-file limit 3 MB, run total 5 MB): two are kept, the others refused before download', async () => {
		const urls = Array.from({ length: 4 }, () => mock.resultUrl(mock.addJob({ store: 'i2v', status: 3 })._id));
		const result = await downloadAll(urls, { maxInMemoryMb: 3 });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(4);
		const kept = items.filter((item) => item.binary?.data);
		expect(kept).toHaveLength(2);
		for (const item of kept) expect(Buffer.from(item.binary!.data.data, 'base64')).toHaveLength(2 * MiB);
		const refused = errorsOf(items);
		expect(refused).toHaveLength(2);
		for (const item of refused) expect(String(item.json.error)).toMatch(/would take this node run past the 5\.0 MB this n8n may hold in memory/);
	});

	it('the next node run starts from zero', async () => {
		const urls = Array.from({ length: 2 }, () => mock.resultUrl(mock.addJob({ store: 'i2v', status: 3 })._id));
		const result = await downloadAll(urls, { maxInMemoryMb: 3 });
		expect(errorsOf(result.output('Akool'))).toEqual([]);
	});

	it('without Content-Length the run total is counted while reading', async () => {
		const urls = Array.from({ length: 4 }, () => `${mock.resultUrl(mock.addJob({ store: 'i2v', status: 3 })._id)}?chunked=1`);
		const result = await downloadAll(urls, { maxInMemoryMb: 3 });
		const items = result.output('Akool');
		expect(items.filter((item) => item.binary?.data)).toHaveLength(2);
		expect(errorsOf(items)).toHaveLength(2);
		for (const item of errorsOf(items)) expect(String(item.json.error)).toMatch(/past the 5\.0 MB this n8n may hold in memory/);
	});

	it('a per-file limit above the total raises the total to it (one allowed file always fits)', async () => {
		mock.setOptions({ fileSize: 6 * MiB });
		const job = mock.addJob({ store: 'i2v', status: 3 });
		const result = await downloadAll([mock.resultUrl(job._id)], { maxInMemoryMb: 7 });
		expect(errorsOf(result.output('Akool'))).toEqual([]);
	});

	it('"Max File Size in Memory Mode" 0 turns both limits off', async () => {
		const urls = Array.from({ length: 4 }, () => mock.resultUrl(mock.addJob({ store: 'i2v', status: 3 })._id));
		const result = await downloadAll(urls, { maxInMemoryMb: 0 });
		expect(errorsOf(result.output('Akool'))).toEqual([]);
	});

	it('the per-file limit keeps its own message', async () => {
		mock.setOptions({ fileSize: 4 * MiB });
		const job = mock.addJob({ store: 'i2v', status: 3 });
		const result = await run(mock, akoolWorkflow({ resource: 'job', operation: 'download', url: mock.resultUrl(job._id), options: { maxInMemoryMb: 3 } }));
		expect(runError(result).message).toMatch(/larger than the 3\.0 MB this n8n may hold in memory/);
	});
});
