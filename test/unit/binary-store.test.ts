/**
 * The pieces that bound a download's memory (helpers/binaryStore.ts): the mode read from the id
 * n8n gives a stored file, the process-wide limiter of buffered downloads, the in-memory run total.
 */
import { bufferedDownloads, Limiter, memoryRunTotal, storeOf } from '../../nodes/Akool/helpers/binaryStore';
import type { Slot } from '../../nodes/Akool/helpers/binaryStore';
import { SETTINGS } from '../../nodes/Akool/helpers/settings';

const MiB = 1024 * 1024;
const tick = async () => await new Promise((resolve) => setImmediate(resolve));

describe('storeOf: the mode from the id n8n returns', () => {
	it.each([
		[undefined, 'memory'], // N8N_DEFAULT_BINARY_DATA_MODE=default: no id, base64 inline
		['database:3f1c…', 'database'], // n8n 2.x BinaryDataService.createBinaryDataId: `${mode}:${fileId}`
		['filesystem-v2:workflows/1/executions/2/binary_data/abc', 'stream'],
		['filesystem:1/abc', 'stream'], // n8n 1.x
		['s3:workflows/1/executions/2/binary_data/abc', 'buffered'], // S3ByteStore.write: binaryToBuffer, then PutObject
		['azure:abc', 'buffered'],
		['something-new:abc', 'buffered'], // unknown: assume the worst
		['no-colon', 'buffered'],
	])('%s → %s', (id, store) => {
		expect(storeOf({ id })).toBe(store);
	});
});

describe('Limiter', () => {
	/** Starts `count` acquisitions; `granted` lists the ones let in, in order. */
	function contenders(limiter: Limiter, count: number, signal?: AbortSignal) {
		const granted: number[] = [];
		const slots: Slot[] = [];
		const all = Array.from({ length: count }, (_, k) =>
			limiter.acquire(signal).then((slot) => {
				granted.push(k);
				slots[k] = slot;
			}),
		);
		return { granted, slots, all };
	}

	it('lets 3 downloads of declared small sizes through and queues the rest in order', async () => {
		const limiter = new Limiter(3, 256 * MiB);
		const { granted, slots, all } = contenders(limiter, 6);
		await tick();
		// One of unknown size at a time: the next starts when the previous declared its size.
		expect(granted).toEqual([0]);
		slots[0].declare(10 * MiB);
		await tick();
		slots[1].declare(10 * MiB);
		await tick();
		slots[2].declare(10 * MiB);
		await tick();
		expect(granted).toEqual([0, 1, 2]);
		expect(limiter.inFlight).toBe(3);
		expect(limiter.queued).toBe(3);
		slots[1].release();
		slots[1].release(); // a second release is a no-op
		await tick();
		expect(granted).toEqual([0, 1, 2, 3]);
		expect(limiter.inFlight).toBe(3);
		slots[3].declare(10 * MiB);
		slots[0].release();
		slots[2].release();
		await tick();
		expect(granted).toEqual([0, 1, 2, 3, 4]); // 5 waits for 4's size
		slots[4].declare(1);
		await tick();
		expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
		for (const k of [3, 4, 5]) slots[k].release();
		await Promise.all(all);
		expect(limiter.inFlight).toBe(0);
	});

	it('a large download runs with at most one more (the declared sizes stay under the budget)', async () => {
		const limiter = new Limiter(3, 256 * MiB);
		const { granted, slots } = contenders(limiter, 3);
		await tick();
		slots[0].declare(200 * MiB); // under the budget: one more may start
		await tick();
		expect(granted).toEqual([0, 1]);
		slots[1].declare(100 * MiB); // 300 MB in flight: the third waits
		await tick();
		expect(granted).toEqual([0, 1]);
		slots[0].release();
		await tick();
		expect(granted).toEqual([0, 1, 2]);
		slots[1].release();
		slots[2].release();
	});

	it('a waiter whose run stops leaves the queue without taking a slot', async () => {
		const limiter = new Limiter(1);
		const first = await limiter.acquire();
		const controller = new AbortController();
		const waiting = limiter.acquire(controller.signal);
		const after = limiter.acquire();
		controller.abort();
		await expect(waiting).rejects.toThrow('aborted');
		expect(limiter.queued).toBe(1);
		first.release();
		const slot = await after;
		expect(limiter.inFlight).toBe(1);
		slot.release();
		await expect(limiter.acquire(controller.signal)).rejects.toThrow('aborted');
		expect(limiter.inFlight).toBe(0);
	});

	it('admitAll lets every waiter go without a slot (the mode turned out to stream)', async () => {
		const limiter = new Limiter(1);
		const held = await limiter.acquire();
		const waiters = [limiter.acquire(), limiter.acquire()];
		limiter.admitAll();
		const slots = await Promise.all(waiters);
		expect(limiter.inFlight).toBe(1);
		for (const slot of slots) slot.release(); // no slot to give back
		expect(limiter.inFlight).toBe(1);
		held.release();
		expect(limiter.inFlight).toBe(0);
	});

	it(`the process-wide one: ${SETTINGS.bufferedDownloads} at once, budget ${SETTINGS.bufferedDownloadsBudgetMb} MB`, () => {
		expect(bufferedDownloads.size).toBe(3);
		expect(bufferedDownloads.budgetBytes).toBe(256 * MiB);
	});
});

describe('memoryRunTotal', () => {
	it('is 256 MB, or the per-file limit if higher', () => {
		expect(SETTINGS.maxInMemoryRunMb).toBe(256);
		expect(memoryRunTotal(100 * MiB)).toBe(256 * MiB);
		expect(memoryRunTotal(300 * MiB)).toBe(300 * MiB);
	});
});
