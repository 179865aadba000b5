import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { SETTINGS } from './settings';

/**
 * What a result download costs in memory depends on where this n8n puts binary data
 * (N8N_DEFAULT_BINARY_DATA_MODE). Read from n8n 2.41.1 / 1.123.81 (n8n-core BinaryDataService,
 * n8n's DatabaseManager, @n8n/blob-storage):
 *
 * - `stream`: filesystem. n8n writes the stream to disk; a download holds a few chunks.
 * - `database`: n8n reads the whole stream into one Buffer, refuses it above
 *   N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (512 MiB by default) and inserts it; the memory is
 *   freed once the row is written.
 * - `buffered`: S3 and Azure. n8n reads the whole stream into one Buffer and uploads it (no cap).
 * - `memory`: `default` (n8n 1.x's default). The file becomes base64 text inside the item and
 *   stays in memory until the execution ends; n8n then writes the execution, files included, as
 *   one string.
 *
 * n8n's mode is fixed for the life of a process, so the answer is kept per process: learned from
 * every download's result (the id n8n gives the file names its mode: `database:…`,
 * `filesystem-v2:…`, `s3:…`; no id in memory mode), and probed (by storing an empty file) only
 * when a decision must be made before this process has seen any download, or before a limit that
 * depends on the mode refuses a file (at most once per node run).
 */
export type BinaryStore = 'stream' | 'database' | 'buffered' | 'memory';

type Ctx = IExecuteFunctions | IWebhookFunctions;

const MB = 1024 * 1024;

/** n8n's default N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (MiB; n8n refuses `size / MiB > cap`). */
export const DATABASE_MAX_FILE_BYTES = SETTINGS.databaseModeMaxFileMb * MB;

/** The store a file went to, from what prepareBinaryData returned. */
export function storeOf(binary: Pick<IBinaryData, 'id'>): BinaryStore {
	if (!binary.id) return 'memory';
	const colon = binary.id.indexOf(':');
	const mode = colon > 0 ? binary.id.slice(0, colon) : '';
	if (mode === 'database') return 'database';
	if (mode === 'filesystem' || mode === 'filesystem-v2') return 'stream';
	// s3, azure, and any mode this code does not know: assume the file is buffered while stored.
	return 'buffered';
}

/** Whether n8n holds a whole file in memory while (or after) storing it there. */
export function buffersWholeFiles(store: BinaryStore | undefined): boolean {
	return store !== 'stream';
}

let processStore: BinaryStore | undefined;
/** The store seen by a node run itself (a probe or a download of that run): certain for it. */
const seenByRun = new WeakMap<object, BinaryStore>();
const probes = new WeakMap<object, Promise<BinaryStore | undefined>>();

/** What this process knows of n8n's binary data mode (undefined before any download or probe). */
export function knownStore(ctx?: object): BinaryStore | undefined {
	return (ctx && seenByRun.get(ctx)) ?? processStore;
}

/** Records the store a download (or probe) of this node run went to. */
export function learnStore(ctx: object, binary: Pick<IBinaryData, 'id'>): BinaryStore {
	const store = storeOf(binary);
	seenByRun.set(ctx, store);
	processStore = store;
	// Downloads that queued for a buffered-download slot only because the mode was not known yet.
	if (!buffersWholeFiles(store)) bufferedDownloads.admitAll();
	return store;
}

/**
 * The store, certain for this node run: what the run has seen, else a probe (an empty file
 * stored once per node run; in memory mode it costs nothing). Undefined if the probe fails.
 */
export async function confirmedStore(ctx: Ctx): Promise<BinaryStore | undefined> {
	const seen = seenByRun.get(ctx);
	if (seen) return seen;
	let probe = probes.get(ctx);
	if (!probe) {
		probe = ctx.helpers
			.prepareBinaryData(Buffer.alloc(0), 'mode-probe.bin', 'application/octet-stream')
			.then((binary) => learnStore(ctx, binary))
			.catch(() => undefined);
		probes.set(ctx, probe);
	}
	return await probe;
}

/** A download's place in the limiter: its size once its headers arrived, and its release. */
export interface Slot {
	/** The size the answer declared (Content-Length); without one the slot keeps others waiting. */
	declare(bytes: number): void;
	/** Gives the slot back (a second call does nothing). */
	release(): void;
}

/**
 * A process-wide bound on concurrent downloads: a FIFO of waiters, each let in when fewer than
 * `size` downloads are in flight, every one of them has declared its size (so at most one
 * download of unknown size runs at a time) and the declared sizes add up to less than
 * `budgetBytes`. Small files run `size` at a time; a large one runs with at most one more.
 * Waiting stops when the caller's signal aborts.
 */
export class Limiter {
	private readonly active = new Set<{ bytes?: number }>();

	private readonly waiting: Array<{ grant: (slot: Slot) => void }> = [];

	constructor(
		readonly size: number,
		readonly budgetBytes = Infinity,
	) {}

	/** Downloads holding a slot now. */
	get inFlight(): number {
		return this.active.size;
	}

	get queued(): number {
		return this.waiting.length;
	}

	async acquire(signal?: AbortSignal): Promise<Slot> {
		if (signal?.aborted) throw new Error('aborted');
		if (this.waiting.length === 0 && this.admits()) return this.slot();
		return await new Promise<Slot>((resolve, reject) => {
			const waiter = {
				grant: (slot: Slot) => {
					signal?.removeEventListener('abort', onAbort);
					resolve(slot);
				},
			};
			const onAbort = () => {
				const at = this.waiting.indexOf(waiter);
				if (at >= 0) this.waiting.splice(at, 1);
				reject(new Error('aborted'));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.waiting.push(waiter);
		});
	}

	/** Lets every waiter go at once without a slot (the mode turned out to stream). */
	admitAll(): void {
		const free: Slot = { declare: () => undefined, release: () => undefined };
		for (const waiter of this.waiting.splice(0)) waiter.grant(free);
	}

	private admits(): boolean {
		if (this.active.size >= this.size) return false;
		let bytes = 0;
		for (const entry of this.active) {
			if (entry.bytes === undefined) return false;
			bytes += entry.bytes;
		}
		return bytes < this.budgetBytes;
	}

	private pump(): void {
		while (this.waiting.length > 0 && this.admits()) this.waiting.shift()!.grant(this.slot());
	}

	private slot(): Slot {
		const entry: { bytes?: number } = {};
		this.active.add(entry);
		return {
			declare: (bytes: number) => {
				if (!this.active.has(entry)) return;
				entry.bytes = bytes;
				this.pump();
			},
			release: () => {
				if (!this.active.delete(entry)) return;
				this.pump();
			},
		};
	}
}

/**
 * Downloads at once, per n8n process, where n8n holds whole files in memory (database, S3/Azure,
 * memory mode) or before the process knows its mode: 3, and another one starts only while those
 * in flight declared less than 256 MB together. Shared by every execution and node of the
 * process (the Akool node, Job → Download, the trigger, the Wait for Callback resume).
 */
export const bufferedDownloads = new Limiter(SETTINGS.bufferedDownloads, SETTINGS.bufferedDownloadsBudgetMb * MB);

/**
 * Bytes downloaded into memory mode by one node run (the execution context n8n gives the node;
 * one per call for webhooks). Downloads reserve their Content-Length before reading, or count
 * as they read when there is none.
 */
const runTotals = new WeakMap<object, { bytes: number }>();

export function memoryLedger(ctx: object): { bytes: number } {
	let ledger = runTotals.get(ctx);
	if (!ledger) {
		ledger = { bytes: 0 };
		runTotals.set(ctx, ledger);
	}
	return ledger;
}

/**
 * In memory mode, what the files of one node run may take together: 256 MB, or the per-file
 * limit if that is higher (one file the user allowed always fits). n8n keeps them as base64 text
 * (4/3 of their size) and writes the execution as one string, which V8 caps at 2^29 - 24
 * characters (about 384 MB of files for the whole execution).
 */
export function memoryRunTotal(perFileBytes: number): number {
	return Math.max(SETTINGS.maxInMemoryRunMb * MB, perFileBytes);
}
