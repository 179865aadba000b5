import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { JOB_FAMILIES } from './jobs';
import type { JobFamilyKey } from './jobs';

/**
 * One execution of the Akool node ("a run"): the signal that every request, wait and download of
 * the run listens to, and the Akool jobs the run has created so far.
 *
 * The signal is aborted when n8n cancels the execution and, without Continue On Fail, on the first
 * failure: the other items and the sibling jobs of a batch then stop at once (no more polls or
 * downloads, no more creates) instead of running on unseen until their timeout. Every error the
 * node finally reports lists the jobs already created, so the user can continue with Job → Wait.
 *
 * Kept per execution context (the `this` n8n passes to execute()), so helpers deep in the call
 * chain find it without threading it through every operation.
 */
/**
 * How many of the run's jobs may be at Akool at once. No limit at first (Max Concurrent Jobs
 * bounds the items in flight); when Akool refuses a create with 1005 "operation too frequent"
 * (nothing created, nothing billed), the limit drops to the jobs the run has at Akool then (at
 * least 1), and creates wait: for one of those jobs to end, and for a pause that doubles with each
 * refusal in a row (1 s … 30 s). So a run of 200 items on a plan that runs 5 jobs at once goes on
 * 5 at a time instead of failing an item after a few seconds and abandoning the running jobs.
 */
export class JobGate {
	private atAkool = new Set<string>();

	/** Creates on the wire (they hold a place until Akool answers). */
	private sending = 0;

	private limit = Infinity;

	private holdUntil = 0;

	private backoffMs = 0;

	private readonly wakers = new Set<() => void>();

	/** Waits for a place for one create; false when `deadline` passes first (or the run stops). */
	async enter(signal: AbortSignal | undefined, deadline: number): Promise<boolean> {
		for (;;) {
			if (signal?.aborted) return false;
			const now = Date.now();
			if (this.atAkool.size + this.sending < this.limit && now >= this.holdUntil) {
				this.sending++;
				return true;
			}
			if (now >= deadline) return false;
			const wake = new AbortController();
			const waker = () => wake.abort();
			this.wakers.add(waker);
			const until = this.atAkool.size + this.sending < this.limit ? this.holdUntil : deadline;
			await pause(Math.max(1, Math.min(until, deadline) - now), signal ? AbortSignal.any([signal, wake.signal]) : wake.signal);
			this.wakers.delete(waker);
		}
	}

	/** The create made these jobs (they are at Akool until `leave`). */
	created(jobIds: string[]): void {
		this.sending--;
		for (const jobId of jobIds) this.atAkool.add(jobId);
		this.backoffMs = 0;
	}

	/**
	 * Akool refused the create with 1005: fewer jobs at once, and a pause. Refusals of creates sent
	 * together count once; the pause doubles only when a create sent after it is refused again.
	 */
	refused(): void {
		this.sending--;
		this.limit = Math.max(1, this.atAkool.size);
		const now = Date.now();
		if (now < this.holdUntil) return;
		this.backoffMs = Math.min(Math.max(1_000, this.backoffMs * 2), 30_000);
		this.holdUntil = now + this.backoffMs;
	}

	/** The create failed otherwise: its place is free. */
	failed(): void {
		this.sending--;
		this.wakeAll();
	}

	/** The run no longer waits for this job (it ended, or the run stopped following it). */
	leave(jobId: string): void {
		if (this.atAkool.delete(jobId)) this.wakeAll();
	}

	private wakeAll(): void {
		for (const waker of this.wakers) waker();
	}
}

export class NodeRun {
	readonly jobs: Array<{ itemIndex: number; jobId: string; jobType: string }> = [];

	readonly gate = new JobGate();

	private readonly controller = new AbortController();

	private first?: Error;

	/** Free look-ups made once per run (the model list, a face detection), shared by its items. */
	private readonly looked = new Map<string, Promise<unknown>>();

	constructor(
		private readonly cancel: AbortSignal | undefined,
		readonly stopOnFailure: boolean,
	) {
		if (cancel?.aborted) this.controller.abort();
		else cancel?.addEventListener('abort', () => this.controller.abort(), { once: true });
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** n8n cancelled the execution (as opposed to: the run stopped after a failure). */
	get cancelled(): boolean {
		return this.cancel?.aborted === true;
	}

	get firstError(): Error | undefined {
		return this.first;
	}

	/** `work()` once per run and key: every item that asks gets the same answer (or the same error). */
	once<T>(key: string, work: () => Promise<T>): Promise<T> {
		let answer = this.looked.get(key) as Promise<T> | undefined;
		if (!answer) this.looked.set(key, (answer = work()));
		return answer;
	}

	/** A job, a download or an item failed: remember the first one, and stop the rest unless Continue On Fail. */
	fail(error: Error): void {
		if (isStopped(error)) return;
		this.first ??= error;
		if (this.stopOnFailure) this.controller.abort();
	}
}

const runs = new WeakMap<object, NodeRun>();

export function beginRun(ctx: object, cancel: AbortSignal | undefined, stopOnFailure: boolean): NodeRun {
	const run = new NodeRun(cancel, stopOnFailure);
	runs.set(ctx, run);
	return run;
}

export function runOf(ctx: object): NodeRun | undefined {
	return runs.get(ctx);
}

/** The signal to obey: the run's, else the execution's cancel signal (webhook and load-options contexts have none). */
export function runSignal(ctx: object): AbortSignal | undefined {
	const run = runs.get(ctx);
	if (run) return run.signal;
	return 'getExecutionCancelSignal' in ctx
		? (ctx as { getExecutionCancelSignal(): AbortSignal | undefined }).getExecutionCancelSignal()
		: undefined;
}

/** The run's JobGate (undefined outside a run). */
export function gateOf(ctx: object): JobGate | undefined {
	return runs.get(ctx)?.gate;
}

/** A free look-up made once per run (outside a run, e.g. in a picker: every time). */
export async function oncePerRun<T>(ctx: object, key: string, work: () => Promise<T>): Promise<T> {
	const run = runs.get(ctx);
	return run ? await run.once(key, work) : await work();
}

/**
 * Records a job the moment Akool has answered its create, so no later error can lose its id; and
 * logs it (n8n's log, info level), where it survives a process that dies before the execution is
 * saved (a killed queue-mode worker): continue such a job with Job → Wait.
 */
export function recordJob(ctx: object, itemIndex: number, jobId: string, jobType: string): void {
	runs.get(ctx)?.jobs.push({ itemIndex, jobId, jobType });
	const { logger, getExecutionId, getNode } = ctx as Partial<Pick<IExecuteFunctions, 'logger' | 'getExecutionId' | 'getNode'>>;
	try {
		// Everything in the message itself: n8n's console log leaves metadata out at info level.
		const executionId = getExecutionId?.call(ctx);
		const node = getNode?.call(ctx).name;
		logger?.info(`Akool job created: ${jobId} (Job Type ${jobType}, execution ${executionId ?? '?'}, node "${node ?? '?'}", item ${itemIndex})`, {
			akoolJobId: jobId,
			akoolJobType: jobType,
			executionId,
			node,
			itemIndex,
		});
	} catch {
		// a log that cannot be written never fails the job
	}
}

const stoppedErrors = new WeakSet<Error>();

/** The error of work that ended because the run was stopped (cancel, or another item failed). */
export function isStopped(error: unknown): boolean {
	return error instanceof Error && stoppedErrors.has(error);
}

export function stoppedError(node: INode, ctx: object, itemIndex?: number, description?: string): NodeOperationError {
	const run = runs.get(ctx);
	const cancelled = run ? run.cancelled : true;
	const error = new NodeOperationError(
		node,
		cancelled ? 'The execution was cancelled' : 'Stopped because another item or job of this node failed',
		{ itemIndex, description },
	);
	stoppedErrors.add(error);
	return error;
}

/** Rejects as soon as `signal` aborts (the abandoned work settles in the background). */
export async function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, stopped: () => Error): Promise<T> {
	if (!signal) return await work;
	return await new Promise<T>((resolve, reject) => {
		if (signal.aborted) {
			work.catch(() => undefined);
			reject(stopped());
			return;
		}
		const onAbort = () => reject(stopped());
		signal.addEventListener('abort', onAbort, { once: true });
		work.then(
			(value) => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}

/**
 * Waits `ms`, or less if `signal` aborts (then resolves: callers check the signal). Works on n8n
 * versions whose `sleep` ignores the signal, too.
 */
export async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (ms <= 0) return;
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	await abortable(
		sleep(ms, signal).catch(() => undefined),
		signal,
		() => new Error('aborted'),
	).catch(() => undefined);
}

type NodeError = NodeOperationError | NodeApiError;

function isNodeError(error: Error): error is NodeError {
	return error instanceof NodeOperationError || error instanceof NodeApiError;
}

/** The error as a NodeOperationError/NodeApiError with its item index (the same object when it is one already). */
export function asNodeError(node: INode, error: Error, itemIndex: number): NodeError {
	if (isNodeError(error)) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const wrapped = new NodeOperationError(node, error, { itemIndex });
	if (isStopped(error)) stoppedErrors.add(wrapped);
	return wrapped;
}

/** Puts `jobId` into the error's context if it has none (errors after a create must carry it). */
export function withJobId(error: NodeError, jobId: string): NodeError {
	if (!error.context.jobId) error.context.jobId = jobId;
	return error;
}

/**
 * The error the node finally throws: the first failure, plus every job the run has created
 * (description and `context.jobIds`), so none of them is lost.
 */
export function withRunJobs(error: Error, run: NodeRun): Error {
	if (!isNodeError(error) || run.jobs.length === 0) return error;
	const ids = [...new Set(run.jobs.map((job) => job.jobId))];
	error.context.jobIds = ids;
	error.context.jobs = run.jobs.map((job) => ({ ...job }));
	const list = run.jobs.map((job) => `${job.jobId} (item ${job.itemIndex})`).join(', ');
	// Job → Wait takes these as they are: its Job Type and a comma-separated Job ID list, one output per job.
	const byType = new Map<string, string[]>();
	for (const job of run.jobs) byType.set(job.jobType, [...(byType.get(job.jobType) ?? []), job.jobId]);
	const wait = [...byType]
		.map(([jobType, jobIds]) => `Job Type "${JOB_FAMILIES[jobType as JobFamilyKey]?.displayName ?? jobType}", Job ID: ${[...new Set(jobIds)].join(', ')}`)
		.join('; ');
	const note = `Akool jobs created by this run: ${list}. They keep running (and are billed) at Akool: continue with Job → Wait (${wait}) instead of running this node again. Running it again, or the execution's Retry button (a new execution), creates and bills new jobs.`;
	error.description = error.description ? `${error.description}\n\n${note}` : note;
	return error;
}

/** Continue On Fail: the output item of a failed item or job. */
export function failedItem(error: Error, itemIndex: number): INodeExecutionData {
	const context = isNodeError(error) ? error.context : {};
	const json: IDataObject = { error: error.message };
	if (isNodeError(error) && typeof error.description === 'string' && error.description) {
		json.errorDescription = error.description;
	}
	if (context.jobId) json.jobId = context.jobId as string;
	// The jobs a stopped run had created (withRunJobs): they keep running, and are billed, at Akool.
	if (Array.isArray(context.jobIds) && context.jobIds.length) json.jobIds = context.jobIds as string[];
	return { json, pairedItem: { item: itemIndex } };
}
