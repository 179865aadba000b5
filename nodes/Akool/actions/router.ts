import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { waitForCallback } from '../helpers/callback';
import { requestRecord } from '../helpers/ledger';
import { checkBudget } from '../helpers/pricing';
import { asNodeError, beginRun, failedItem, isStopped, stoppedError, withRunJobs } from '../helpers/run';
import { runsAsTool, SETTINGS } from '../helpers/settings';
import { getNumber } from '../helpers/validation';
import { operations } from './resources';
import type { PreparedRun } from './types';

export { operations };

type Settled<T> = { ok: true; value: T } | { ok: false; error: Error } | undefined;

/**
 * Runs `task(i)` for i in [0, count) with at most `limit` in flight, starting nothing once
 * `signal` is aborted. Results keep item order; an item never started stays undefined.
 */
async function runPool<T>(
	count: number,
	limit: number,
	signal: AbortSignal,
	task: (i: number) => Promise<T>,
): Promise<Array<Settled<T>>> {
	const results: Array<Settled<T>> = new Array(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !signal.aborted) {
			const i = next++;
			try {
				results[i] = { ok: true, value: await task(i) };
			} catch (error) {
				results[i] = { ok: false, error: error as Error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	return results;
}

/**
 * The item loop and error policy of the Akool node:
 * 1. prepare (read + validate) every item, before any request: bad input costs no credits;
 * 2. resolve every item: the free Akool look-ups an item needs before its paid create (the model
 *    list, once per run; face detection). An item that fails here costs the others nothing;
 *    Then the budget guard ("Max Credits per Run", "Stop Below Balance"): every item's estimate
 *    (helpers/pricing.ts) before the first paid create; over budget, nothing is created;
 * 3. run the items concurrently, up to "Max Concurrent Jobs", under one NodeRun (helpers/run.ts):
 *    without Continue On Fail the first failure stops every other item and job at once, and the
 *    error names every job already created; a cancelled execution stops everything;
 * 4. output in item order with pairedItem; Continue On Fail turns an item's (or a job's) error
 *    into an `{error, jobId}` item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	if (!runsAsTool(this.getNode())) return await runItems.call(this);
	// An AI agent's tool answers with its error instead of failing: n8n would hand the agent only
	// the message (2.x) or end the whole execution (1.x); the item also carries the hint and the
	// job id(s), so the agent can tell the user and not pay again.
	try {
		return await runItems.call(this);
	} catch (error) {
		if (isStopped(error)) throw asNodeError(this.getNode(), error as Error, 0);
		return [[failedItem(error as Error, 0)]];
	}
}

async function runItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = operations[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();

	const prepared: Array<PreparedRun | Error> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(await module.prepare.call(this, i));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), error as Error, i);
			prepared.push(error as Error);
		}
	}

	const run = beginRun(this, this.getExecutionCancelSignal(), !continueOnFail);
	const { maxConcurrentJobs } = SETTINGS;
	const limit =
		items.length === 0
			? 1
			: getNumber.call(this, 'options.maxConcurrentJobs', 0, 'Max Concurrent Jobs', {
					min: maxConcurrentJobs.min,
					max: maxConcurrentJobs.max,
					integer: true,
					fallback: maxConcurrentJobs.default,
				});

	// Phase 2, resolve: the free look-ups of every item (model list, face detection) before any paid create.
	const resolved = await runPool(items.length, limit, run.signal, async (i) => {
		const task = prepared[i];
		if (!(task instanceof Error)) await task.resolve?.();
	});
	if (run.cancelled) throw stoppedError(this.getNode(), this);
	for (let i = 0; i < items.length; i++) {
		const outcome = resolved[i];
		if (outcome && !outcome.ok) {
			if (!continueOnFail) throw asNodeError(this.getNode(), outcome.error, i);
			prepared[i] = outcome.error;
		}
	}

	// The budget guard: the estimates of every item that is still to be created, before the first paid create.
	if (items.length > 0) {
		const budget = { min: 0, fallback: 0 };
		const limits = {
			maxCredits: getNumber.call(this, 'options.maxCreditsPerRun', 0, 'Max Credits per Run', budget),
			minBalance: getNumber.call(this, 'options.stopBelowBalance', 0, 'Stop Below Balance', budget),
		};
		if (limits.maxCredits > 0 || limits.minBalance > 0) {
			const paying = prepared.flatMap((task, i) =>
				task instanceof Error || !task.estimate || task.job?.settings.completion === 'estimate' || requestRecord(this, i).created ? [] : [{ i, estimate: task.estimate }],
			);
			const estimates = await Promise.all(paying.map(async ({ i, estimate }) => ({ itemIndex: i, estimate: await estimate() })));
			await checkBudget.call(this, estimates, limits);
		}
	}

	const callback = prepared.some(
		(task) => !(task instanceof Error) && task.job?.settings.completion === 'waitForCallback',
	);
	if (callback) return await waitForCallback.call(this, prepared, run);

	// Phase 3: create and wait, up to "Max Concurrent Jobs" items at a time.
	const results = await runPool(items.length, limit, run.signal, async (i) => {
		const task = prepared[i];
		if (task instanceof Error) throw task;
		try {
			return await task.run();
		} catch (error) {
			const failure = asNodeError(this.getNode(), error as Error, i);
			run.fail(failure);
			throw failure;
		}
	});

	if (run.stopOnFailure && run.firstError) throw withRunJobs(run.firstError, run);
	if (run.cancelled) throw withRunJobs(stoppedError(this.getNode(), this), run);

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (result?.ok) output.push(...result.value);
		else if (result) output.push(failedItem(result.error, i));
	}
	return [output];
}
