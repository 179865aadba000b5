/**
 * Result downloads where n8n holds whole files in memory while it stores them, in the real engine:
 * n8n-core's BinaryDataService switched to `database` mode (n8n 2.x's default in queue mode) with
 * a stand-in for n8n's DatabaseManager (which lives in the n8n package, not in n8n-core). Like
 * n8n's (n8n 2.41.1 dist/binary-data/database.manager.js), the stand-in reads the whole stream
 * before it stores it and refuses files over 512 MiB; unlike it, it does not keep the bytes, so
 * a 600 MB result costs this test nothing.
 *
 * - at most SETTINGS.bufferedDownloads (3) downloads at once, whatever Max Concurrent Jobs says,
 *   and fewer when they are large (SETTINGS.bufferedDownloadsBudgetMb);
 * - a file over n8n's 512 MiB cap is refused from its Content-Length, before its body is read,
 *   and without one as soon as the stream passes the cap;
 * - the mode is learned from the downloads' results: no empty probe file per execution (R14).
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { BinaryDataService } from 'n8n-core';
import { sleep } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';

import { SETTINGS } from '../../nodes/Akool/helpers/settings';
import { setBinaryDataMode } from '../harness';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError, useMockAkool } from './helpers';

const MiB = 1024 * 1024;
const DB_CAP = 512 * MiB;

/** What n8n's DatabaseManager does to memory, observed: how many stores run at once, what each read. */
class DatabaseManagerStandIn {
	active = 0;
	maxActive = 0;
	/** Bytes read by each store call (0 = an empty probe file). */
	stored: number[] = [];
	/** Bytes read by store calls that n8n refused (over the cap). */
	refused: number[] = [];
	holdMs = 150;

	reset() {
		this.maxActive = 0;
		this.stored = [];
		this.refused = [];
	}

	async init() {}

	async store(_location: unknown, bufferOrStream: Buffer | Readable, _metadata: unknown) {
		this.active++;
		this.maxActive = Math.max(this.maxActive, this.active);
		try {
			let size = 0;
			if (Buffer.isBuffer(bufferOrStream)) size = bufferOrStream.length;
			else {
				for await (const chunk of bufferOrStream) {
					size += (chunk as Buffer).length;
					if (size > DB_CAP) {
						// n8n buffers all of it first; the stand-in stops here to spare the test 600 MB.
						bufferOrStream.destroy();
						this.refused.push(size);
						throw new Error(`stand-in: file of ${size} bytes is over the 512 MiB database cap`);
					}
				}
			}
			await sleep(this.holdMs); // the insert
			this.stored.push(size);
			return { fileId: randomUUID(), fileSize: size };
		} finally {
			this.active--;
		}
	}

	getPath(fileId: string) {
		return `database://${fileId}`;
	}
	async getAsBuffer() {
		return Buffer.alloc(0);
	}
	async getAsStream() {
		throw new Error('stand-in: not kept');
	}
	async getMetadata() {
		return { fileSize: 0 };
	}
	async deleteMany() {}
	async deleteManyByFileId() {}
	async copyByFileId() {
		return randomUUID();
	}
	async copyByFilePath() {
		return { fileId: randomUUID(), fileSize: 0 };
	}
	async rename() {}
}

// n8n-core's own Container (its nested @n8n/di copy), as the harness resolves it.
const coreDir = dirname(require.resolve('n8n-core'));
const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as {
	Container: { get<T>(c: abstract new (...a: never[]) => T): T };
};

let mock: MockAkool;
useMockAkool({ jobDurationMs: 500, credit: 1e6, fileSize: 256 * 1024 }, (m) => (mock = m), { fileSize: 256 * 1024 });

const db = new DatabaseManagerStandIn();
let saved: string;

beforeAll(async () => {
	// A first run without any download initialises the harness (setBinaryDataMode needs it) and
	// leaves this process not knowing its binary data mode, as a freshly started n8n.
	const job = mock.addJob({ store: 'i2v', status: 3 });
	const init = await run(mock, akoolWorkflow({ resource: 'job', operation: 'get', jobType: 'imageToVideo', jobId: job._id }));
	expect(init.status).toBe('success');
	(Container.get(BinaryDataService) as unknown as { setManager(mode: string, manager: unknown): void }).setManager('database', db);
	saved = setBinaryDataMode('database');
});
afterAll(() => setBinaryDataMode(saved));
beforeEach(() => db.reset());

/** Job → Download of each URL, one input item per URL. */
const downloadAll = async (urls: string[], options: INodeParameters = {}, node: Partial<INode> = {}) =>
	await run(mock, akoolWorkflow({ resource: 'job', operation: 'download', options }, node), {
		inputItems: urls.map((resultUrl) => ({ json: { resultUrl } })),
	});

const files = () => mock.requests.filter((r) => r.path.startsWith('/files/'));

describe('database mode: downloads bounded on their own', () => {
	it(`20 results at once (Max Concurrent Jobs 50): at most ${SETTINGS.bufferedDownloads} held in memory at a time`, async () => {
		const urls = Array.from({ length: 20 }, () => mock.resultUrl(mock.addJob({ store: 'i2v', status: 3 })._id));
		const result = await downloadAll(urls);
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(20);
		for (const item of items) expect(item.binary?.data.id).toMatch(/^database:/);
		expect(db.stored.filter((size) => size > 0)).toHaveLength(20);
		expect(db.maxActive).toBeLessThanOrEqual(SETTINGS.bufferedDownloads);
		expect(db.maxActive).toBeGreaterThan(1); // bounded, not serialised
	});

	it(`large results: another starts only while those in flight declared under ${SETTINGS.bufferedDownloadsBudgetMb} MB`, async () => {
		const urls = Array.from({ length: 3 }, () => mock.resultUrl(mock.addJob({ store: 'i2v', status: 3, fileSize: 150 * MiB })._id));
		const result = await downloadAll(urls);
		expect(result.status).toBe('success');
		expect(db.stored.filter((size) => size > 0)).toEqual([150 * MiB, 150 * MiB, 150 * MiB]);
		expect(db.maxActive).toBe(2); // 150 MB in flight admits a second; 300 MB does not admit a third
	});

	it('the Akool node itself (20 items, Return As Binary): the same bound', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'create',
				imageUrl: 'https://example.com/cat.jpg',
				prompt: 'wave',
				returnAs: 'binary',
				options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1, maxConcurrentJobs: 50 },
			}),
			{ items: 20 },
		);
		expect(result.status).toBe('success');
		expect(result.output('Akool')).toHaveLength(20);
		expect(db.maxActive).toBeLessThanOrEqual(SETTINGS.bufferedDownloads);
	});
});

describe("database mode: n8n's 512 MiB cap before downloading", () => {
	it('refuses a 600 MB result from its Content-Length: no byte of it is read, and the next run works', async () => {
		const job = mock.addJob({ store: 'i2v', status: 3, fileSize: 600 * MiB });
		const result = await downloadAll([mock.resultUrl(job._id)]);
		const error = runError(result);
		expect(error.message).toMatch(/larger than the 512\.0 MB n8n stores in database mode/);
		expect(error.description).toContain('N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE');
		expect(error.description).toMatch(/filesystem/);
		expect(error.description).toContain('Return As "URL"');
		expect(db.refused).toEqual([]);
		expect(db.stored.filter((size) => size > 0)).toEqual([]);
		expect(files()).toHaveLength(1);

		const small = mock.addJob({ store: 'i2v', status: 3 });
		const next = await downloadAll([mock.resultUrl(small._id)]);
		expect(next.status).toBe('success');
	});

	it('a file of exactly 512 MiB is not refused before downloading (n8n accepts it)', async () => {
		// Refused by the stand-in only if the node lets more than 512 MiB through; it stops at the cap.
		const job = mock.addJob({ store: 'i2v', status: 3, fileSize: DB_CAP });
		const result = await downloadAll([mock.resultUrl(job._id)]);
		expect(result.status).toBe('success');
		expect(db.stored.filter((size) => size > 0)).toEqual([DB_CAP]);
	});

	it('without Content-Length: stops the download once it passes 512 MiB', async () => {
		const job = mock.addJob({ store: 'i2v', status: 3, fileSize: 600 * MiB });
		const result = await downloadAll([`${mock.resultUrl(job._id)}?chunked=1`]);
		const error = runError(result);
		expect(error.message).toMatch(/larger than the 512\.0 MB n8n stores in database mode/);
		// The stand-in never saw more than the cap: the node stopped the stream first.
		expect(db.refused).toEqual([]);
	});

	it('"Max File Size (MB)" below the cap still applies with its own message', async () => {
		const job = mock.addJob({ store: 'i2v', status: 3, fileSize: 3 * MiB });
		const error = runError(await downloadAll([mock.resultUrl(job._id)], { maxFileSizeMb: 2 }));
		expect(error.message).toMatch(/larger than the limit of 2\.0 MB/);
	});
});

describe('the mode is learned from the downloads, not probed per execution (R14)', () => {
	it('three executions with files over the in-memory limit store no empty probe file', async () => {
		for (let k = 0; k < 3; k++) {
			const job = mock.addJob({ store: 'i2v', status: 3, fileSize: 3 * MiB });
			const result = await downloadAll([mock.resultUrl(job._id)], { maxInMemoryMb: 2 });
			expect(result.status).toBe('success');
		}
		expect(db.stored).toEqual([3 * MiB, 3 * MiB, 3 * MiB]);
	});
});
