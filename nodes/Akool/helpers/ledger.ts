import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobSnapshot } from './jobs';

/**
 * What one node run has done at Akool, per item, kept across n8n's "Retry On Fail" (node Settings).
 *
 * n8n-core retries a node by calling execute() again for every item, with a new context but the
 * same execution-stack entry (`getExecuteData()`, the key here), when it threw or when its first
 * output item is an error. Without this record every retry would create every item's paid job
 * again. With it a retry sends each of an item's create requests only if no earlier try did (or
 * it was refused outright, which proves nothing was created), and continues the jobs that exist: a job that
 * failed at Akool fails again without a new job, a finished one keeps its output, any other is
 * waited for and downloaded. A new execution (n8n's "Retry" button on a failed execution) starts
 * with an empty record: its error lists the jobs of the failed one (see run.ts, withRunJobs).
 */
export interface ItemRecord {
	/**
	 * Each create request of the item, by its index: most items send one, an item may send several
	 * (Video Translation: one per language, see defineCreate's `split`). Each is created at most once.
	 */
	requests: Map<number, RequestRecord>;
	/** Output of each job that finished and was delivered (a retry reuses it: no read, no download). */
	finished: Map<string, INodeExecutionData>;
	/** Jobs that failed at Akool (status 4): final, a retry would have to pay for a new job. */
	failed: Map<string, Error>;
}

/** What one create request of an item did. */
export interface RequestRecord {
	/** The jobs the create made (and Akool's per-task refusals of a batch). */
	created?: { jobs: JobSnapshot[]; errors: IDataObject[] };
	/** The create failed in a way that may have made a job (answer lost): never sent again. */
	uncertain?: Error;
}

const records = new WeakMap<object, Map<number, ItemRecord>>();

/** The record of item `i` in this node run, the same in every try of "Retry On Fail". */
export function itemRecord(ctx: IExecuteFunctions, i: number): ItemRecord {
	const key = (typeof ctx.getExecuteData === 'function' ? ctx.getExecuteData() : undefined) ?? ctx;
	let items = records.get(key);
	if (!items) records.set(key, (items = new Map()));
	let record = items.get(i);
	if (!record) items.set(i, (record = { requests: new Map(), finished: new Map(), failed: new Map() }));
	return record;
}

/** The record of create request `request` (0 = the first, and usually only) of item `i`. */
export function requestRecord(ctx: IExecuteFunctions, i: number, request = 0): RequestRecord {
	const { requests } = itemRecord(ctx, i);
	let record = requests.get(request);
	if (!record) requests.set(request, (record = {}));
	return record;
}
