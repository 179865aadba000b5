import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { waitForCallback } from '../helpers/callback';
import { DEFAULTS } from './common.descriptions';
import * as account from './account';
import * as characterSwap from './characterSwap';
import * as imageToVideo from './imageToVideo';
import * as job from './job';
import * as talkingPhoto from './talkingPhoto';
import type { OperationModule, PreparedRun } from './types';

/** resource → operation → module. Adding an operation = one file + one line in its index. */
export const operations: Record<string, Record<string, OperationModule>> = {
	account: { getCredits: account.getCredits },
	characterSwap: { create: characterSwap.create },
	imageToVideo: {
		create: imageToVideo.create,
		createBatch: imageToVideo.createBatch,
		deleteVideos: imageToVideo.deleteVideos,
		listEffects: imageToVideo.listEffects,
		listModels: imageToVideo.listModels,
		updateAudio: imageToVideo.updateAudio,
	},
	job: { download: job.download, get: job.get, wait: job.wait },
	talkingPhoto: { create: talkingPhoto.create },
};

function errorItem(error: Error, i: number): INodeExecutionData {
	const context = (error as NodeOperationError).context ?? {};
	return {
		json: {
			error: error.message,
			...(typeof (error as NodeOperationError).description === 'string'
				? { errorDescription: (error as NodeOperationError).description }
				: {}),
			...(context.jobId ? { jobId: context.jobId } : {}),
		},
		pairedItem: { item: i },
	};
}

function withItemIndex(ctx: IExecuteFunctions, error: Error, i: number): Error {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = i;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex: i });
}

/**
 * Runs `task(i)` for i in [0, count) with at most `limit` in flight. Stops starting new tasks
 * after a failure when `stopOnError` (so a failing run does not keep creating paid jobs), but
 * lets the ones in flight finish. Results keep item order.
 */
async function runPool<T>(
	count: number,
	limit: number,
	stopOnError: boolean,
	task: (i: number) => Promise<T>,
): Promise<Array<{ ok: true; value: T } | { ok: false; error: Error } | undefined>> {
	const results: Array<{ ok: true; value: T } | { ok: false; error: Error } | undefined> = new Array(count);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < count && !(stopOnError && failed)) {
			const i = next++;
			try {
				results[i] = { ok: true, value: await task(i) };
			} catch (error) {
				failed = true;
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
 * 2. run the items concurrently, up to "Max Concurrent Jobs";
 * 3. output in item order with pairedItem; continueOnFail turns an item's error into an item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
			if (!continueOnFail) throw withItemIndex(this, error as Error, i);
			prepared.push(error as Error);
		}
	}

	const callback = prepared.some(
		(run) => !(run instanceof Error) && run.job?.settings.completion === 'waitForCallback',
	);
	if (callback) return await waitForCallback.call(this, prepared);

	const limit = Number(this.getNodeParameter('options.maxConcurrentJobs', 0, DEFAULTS.maxConcurrentJobs)) || 1;
	const results = await runPool(items.length, Math.max(1, limit), !continueOnFail, async (i) => {
		const run = prepared[i];
		if (run instanceof Error) throw run;
		return await run.run();
	});

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (result?.ok) {
			output.push(...result.value);
		} else if (result && continueOnFail) {
			output.push(errorItem(result.error, i));
		} else if (result) {
			throw withItemIndex(this, result.error, i);
		}
	}
	return [output];
}
