import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { akoolApiRequest, failedTransiently, getBaseUrl } from '../transport';
import type { AkoolContext } from '../transport';
import { STATUS_TEXT, toSnapshot } from './jobs';
import type { JobFamily, JobSnapshot } from './jobs';
import { isStopped, pause, runSignal, stoppedError } from './run';
import { AKOOL_MIN_POLL_SECONDS, isAkoolApiHost } from './settings';

export interface PollSettings {
	timeoutMs: number;
	intervalMs: number;
	/** Backoff cap: the interval grows ×1.5 after each poll up to this. */
	maxIntervalMs: number;
}

const POLL_BACKOFF = 1.5;

/** `data[path]` for a key of the table ('' or undefined = `data` itself). */
function at(data: unknown, path: string | undefined): unknown {
	if (!path) return data;
	return data && typeof data === 'object' ? (data as IDataObject)[path] : undefined;
}

/** Ids per status request where the store takes several (`poll.manyIds`); Akool documents no limit. */
const POLL_MAX_IDS = 50;
/** How long the poll loop sleeps when every job's check is on the wire (a finished check wakes it sooner). */
const IDLE_WAKE_MS = 60_000;

/**
 * One status request for `jobIds` (several only where the store takes `_ids=a,b`), retried by
 * the transport on transient failures: id in the query, the body or the path; record in `data`,
 * wrapped, or found in a list. Returns the records found, by id.
 */
async function fetchRecords(
	this: AkoolContext,
	family: JobFamily,
	jobIds: string[],
	options: { itemIndex?: number; deadline?: number },
): Promise<Map<string, IDataObject>> {
	const { poll } = family;
	const params = { [poll.idParam]: jobIds.join(',') };
	const data = await akoolApiRequest.call(this, {
		method: poll.method,
		endpoint: poll.idIn === 'path' ? poll.path.replace('{id}', encodeURIComponent(jobIds[0])) : poll.path,
		qs: poll.idIn === 'query' ? params : undefined,
		body: poll.idIn === 'body' ? params : undefined,
		idempotent: true,
		deadline: options.deadline,
		itemIndex: options.itemIndex,
	});
	const found = new Map<string, IDataObject>();
	const isRecord = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);
	if (poll.listAt !== undefined) {
		const list = at(data, poll.listAt);
		for (const entry of Array.isArray(list) ? (list as unknown[]) : []) {
			const id = isRecord(entry) ? entry._id : undefined;
			if (typeof id === 'string' && jobIds.includes(id) && !found.has(id)) found.set(id, entry as IDataObject);
		}
	} else {
		const record = at(data, poll.recordAt);
		if (isRecord(record)) found.set(jobIds[0], record);
	}
	return found;
}

function noSuchJob(ctx: AkoolContext, family: JobFamily, jobId: string, itemIndex: number | undefined) {
	return new NodeOperationError(ctx.getNode(), `Akool has no ${family.displayName} job with ID "${jobId}"`, {
		itemIndex,
		description:
			'Check the job ID and that "Job Type" matches the operation that created the job. Akool keeps results for 7 days.',
	});
}

/** One read of a job's state (see fetchRecords). */
export async function fetchJob(
	this: AkoolContext,
	family: JobFamily,
	jobId: string,
	options: { itemIndex?: number; deadline?: number } = {},
): Promise<JobSnapshot> {
	const record = (await fetchRecords.call(this, family, [jobId], options)).get(jobId);
	if (!record) throw noSuchJob(this, family, jobId, options.itemIndex);
	return toSnapshot(family, jobId, record);
}

/** Error for a job that ended in status 4. Carries the id so the user can continue with Job → Get. */
export function jobFailedError(ctx: IExecuteFunctions | IWebhookFunctions, snapshot: JobSnapshot, itemIndex: number) {
	const reason = snapshot.failureReason ?? 'Akool gave no reason';
	const error = new NodeOperationError(
		ctx.getNode(),
		`Akool job ${snapshot.jobId} failed: ${reason}`,
		{
			itemIndex,
			description:
				'Akool reported status 4 (failed). Check the input media and parameters, then create the job again. Credits of failed jobs are normally not charged.',
		},
	);
	Object.assign(error.context, { jobId: snapshot.jobId, status: snapshot.status, reason });
	return error;
}

/**
 * The waits between two status checks of one job: the interval, growing ×1.5 after each check up
 * to the cap; never below `floorMs` (Akool's own API). Pure, so the benchmark can count the checks
 * a job of any length costs without waiting for it.
 */
export function* pollIntervals(settings: Pick<PollSettings, 'intervalMs' | 'maxIntervalMs'>, floorMs = 0): Generator<number, never> {
	const cap = Math.max(settings.maxIntervalMs, floorMs);
	let interval = Math.max(settings.intervalMs, floorMs);
	for (;;) {
		yield interval;
		interval = Math.min(interval * POLL_BACKOFF, cap);
	}
}

interface Waiter {
	jobId: string;
	itemIndex: number;
	timeoutMs: number;
	deadline: number;
	/** When this job is next due for a check (epoch ms). */
	due: number;
	intervals: Generator<number, never>;
	last?: JobSnapshot;
	/** The last status check that failed (after its retries), while the job's wait goes on. */
	lastReadError?: Error;
	/** A status check of this job is on the wire. */
	checking?: boolean;
	resolve: (snapshot: JobSnapshot) => void;
	reject: (error: Error) => void;
}

function timedOut(ctx: IExecuteFunctions, waiter: Waiter): NodeOperationError {
	const { jobId, last, lastReadError } = waiter;
	const lastStatus = last ? `${last.status} (${STATUS_TEXT[last.status] ?? 'unknown'})` : 'never read';
	const readNote = lastReadError ? ` The last status check failed: ${lastReadError.message}.` : '';
	const error = new NodeOperationError(
		ctx.getNode(),
		`Akool job ${jobId} did not finish within ${Math.round(waiter.timeoutMs / 1000)} s (last status: ${lastStatus})`,
		{
			itemIndex: waiter.itemIndex,
			description: `The job keeps running at Akool. Continue later with Job → Wait (or Job → Get) and job ID ${jobId}, or raise "Timeout (Minutes)".${readNote}`,
		},
	);
	Object.assign(error.context, { jobId, status: last?.status });
	return error;
}

/** The same error for another item: each item's error carries its own item index and job id. */
function copyFor(error: Error, itemIndex: number): Error {
	const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as Error;
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		(copy as NodeOperationError).context = { ...error.context, itemIndex };
	}
	return copy;
}

/**
 * The jobs of one run (one execution of the node) that wait in one Akool store, checked together:
 * one loop per store instead of one per job. Each job keeps its own schedule (pollIntervals) and
 * deadline; a check reads the jobs that are due, and where the store takes several ids
 * (`poll.manyIds`: face swap, image/text to video) every waiting job of the run rides along in the
 * same request, up to POLL_MAX_IDS per request, so 50 jobs cost one request per check, not 50.
 */
class StorePoller {
	private readonly waiters = new Set<Waiter>();

	private running = false;

	private wake?: AbortController;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly family: JobFamily,
	) {}

	add(waiter: Waiter): void {
		this.waiters.add(waiter);
		this.wake?.abort();
		if (this.running) return;
		this.running = true;
		void this.loop();
	}

	private settle(waiter: Waiter, outcome: JobSnapshot | Error): void {
		this.waiters.delete(waiter);
		if (outcome instanceof Error) waiter.reject(outcome);
		else waiter.resolve(outcome);
	}

	private async loop(): Promise<void> {
		const signal = runSignal(this.ctx);
		try {
			while (this.waiters.size > 0) {
				if (signal?.aborted) {
					for (const waiter of this.waiters) this.settle(waiter, stoppedError(this.ctx.getNode(), this.ctx, waiter.itemIndex));
					break;
				}
				const now = Date.now();
				// A job whose check is on the wire is settled by that check (it is bounded by the job's deadline).
				for (const waiter of this.waiters) if (!waiter.checking && now >= waiter.deadline) this.settle(waiter, timedOut(this.ctx, waiter));
				const idle = [...this.waiters].filter((waiter) => !waiter.checking);
				const { manyIds } = this.family.poll;
				const due = manyIds ? (idle.some((waiter) => waiter.due <= now) ? idle : []) : idle.filter((waiter) => waiter.due <= now);
				const size = manyIds ? POLL_MAX_IDS : 1;
				// Checks run side by side: one slow or hung read never holds up the other jobs of the store.
				for (let k = 0; k < due.length; k += size) this.start(due.slice(k, k + size));
				const waiting = idle.filter((waiter) => !due.includes(waiter));
				const next = waiting.length ? Math.min(...waiting.map((waiter) => Math.min(waiter.due, waiter.deadline))) : now + IDLE_WAKE_MS;
				if (this.waiters.size === 0) break;
				this.wake = new AbortController();
				await pause(Math.max(0, Math.min(next, now + IDLE_WAKE_MS) - now), signal ? AbortSignal.any([signal, this.wake.signal]) : this.wake.signal);
				this.wake = undefined;
			}
		} catch (error) {
			for (const waiter of this.waiters) this.settle(waiter, copyFor(error as Error, waiter.itemIndex));
		} finally {
			this.running = false;
		}
	}

	/** Starts one check for `chunk` in the background; the loop wakes when it is done. */
	private start(chunk: Waiter[]): void {
		for (const waiter of chunk) waiter.checking = true;
		void this.check(chunk)
			.catch((error: Error) => {
				for (const waiter of chunk) if (this.waiters.has(waiter)) this.settle(waiter, copyFor(error, waiter.itemIndex));
			})
			.finally(() => {
				for (const waiter of chunk) waiter.checking = false;
				this.wake?.abort();
			});
	}

	/** One status request for `chunk`; each job resolves (3), fails (4) or is due again later. */
	private async check(chunk: Waiter[]): Promise<void> {
		const ids = [...new Set(chunk.map((waiter) => waiter.jobId))];
		const read = await fetchRecords
			.call(this.ctx, this.family, ids, {
				itemIndex: chunk.length === 1 ? chunk[0].itemIndex : undefined,
				// A status request (with its retries) may not outlive the waits it serves.
				deadline: Math.max(...chunk.map((waiter) => waiter.deadline)),
			})
			.catch((error: Error) => error);
		const now = Date.now();
		for (const [n, waiter] of chunk.entries()) {
			if (read instanceof Error) {
				if (isStopped(read)) {
					this.settle(waiter, stoppedError(this.ctx.getNode(), this.ctx, waiter.itemIndex));
				} else if (failedTransiently(read) && now < waiter.deadline) {
					// A failed check is not a failed job: read again on the job's next tick, until its own deadline.
					waiter.lastReadError = read;
					waiter.due = now + waiter.intervals.next().value;
				} else if (failedTransiently(read) || now >= waiter.deadline) {
					waiter.lastReadError = read;
					this.settle(waiter, timedOut(this.ctx, waiter));
				} else {
					// Akool refused the check itself (a business code): that answer is final.
					this.settle(waiter, n === 0 ? read : copyFor(read, waiter.itemIndex));
				}
				continue;
			}
			const record = read.get(waiter.jobId);
			if (!record) {
				this.settle(waiter, noSuchJob(this.ctx, this.family, waiter.jobId, waiter.itemIndex));
				continue;
			}
			const snapshot = toSnapshot(this.family, waiter.jobId, record);
			waiter.last = snapshot;
			if (snapshot.status === 3) this.settle(waiter, snapshot);
			else if (snapshot.status === 4) this.settle(waiter, jobFailedError(this.ctx, snapshot, waiter.itemIndex));
			else waiter.due = now + waiter.intervals.next().value;
		}
	}
}

const pollers = new WeakMap<object, Map<string, StorePoller>>();

function pollerOf(ctx: IExecuteFunctions, family: JobFamily): StorePoller {
	let byStore = pollers.get(ctx);
	if (!byStore) pollers.set(ctx, (byStore = new Map()));
	let poller = byStore.get(family.key);
	if (!poller) byStore.set(family.key, (poller = new StorePoller(ctx, family)));
	return poller;
}

/**
 * Waits until a job reaches a terminal status (exactly 3 or 4), checking it on its own schedule
 * (pollIntervals, never more often than every AKOOL_MIN_POLL_SECONDS against Akool's own API)
 * together with the run's other jobs of the same store (StorePoller). Bounded by `timeoutMs`;
 * stops at once when the run stops (cancel, or another item or job failed). A job just `created`
 * (its create answer is the first reading) is first checked one interval later; any other is
 * checked at once.
 * Resolves with the completed snapshot; throws for a failed job or on timeout (with the id and
 * the last status).
 */
export async function waitForJob(
	this: IExecuteFunctions,
	family: JobFamily,
	jobId: string,
	settings: PollSettings,
	itemIndex: number,
	created?: JobSnapshot,
): Promise<JobSnapshot> {
	if (runSignal(this)?.aborted) throw stoppedError(this.getNode(), this, itemIndex);
	const floor = isAkoolApiHost(await getBaseUrl.call(this)) ? AKOOL_MIN_POLL_SECONDS * 1000 : 0;
	const intervals = pollIntervals(settings, floor);
	const now = Date.now();
	return await new Promise<JobSnapshot>((resolve, reject) => {
		pollerOf(this, family).add({
			jobId,
			itemIndex,
			timeoutMs: settings.timeoutMs,
			deadline: now + settings.timeoutMs,
			due: created ? now + intervals.next().value : now,
			intervals,
			last: created,
			resolve,
			reject,
		});
	});
}
