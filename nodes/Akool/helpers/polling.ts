import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { akoolApiRequest, getBaseUrl } from '../transport';
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

/**
 * One read of a job's state (retried by the transport on transient failures), per the family's
 * row: id in the query, the body or the path; record in `data`, wrapped, or found in a list.
 */
export async function fetchJob(
	this: AkoolContext,
	family: JobFamily,
	jobId: string,
	options: { itemIndex?: number; deadline?: number } = {},
): Promise<JobSnapshot> {
	const { poll } = family;
	const params = { [poll.idParam]: jobId };
	const data = await akoolApiRequest.call(this, {
		method: poll.method,
		endpoint: poll.idIn === 'path' ? poll.path.replace('{id}', encodeURIComponent(jobId)) : poll.path,
		qs: poll.idIn === 'query' ? params : undefined,
		body: poll.idIn === 'body' ? params : undefined,
		idempotent: true,
		deadline: options.deadline,
		itemIndex: options.itemIndex,
	});
	let record = at(data, poll.recordAt) as IDataObject | undefined;
	if (poll.listAt !== undefined) {
		const list = at(data, poll.listAt);
		record = Array.isArray(list) ? (list as IDataObject[]).find((entry) => entry?._id === jobId) : undefined;
	}
	if (!record || typeof record !== 'object' || Array.isArray(record)) {
		throw new NodeOperationError(this.getNode(), `Akool has no ${family.displayName} job with ID "${jobId}"`, {
			itemIndex: options.itemIndex,
			description:
				'Check the job ID and that "Job Type" matches the operation that created the job. Akool keeps results for 7 days.',
		});
	}
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
 * Polls one job until it reaches a terminal status (exactly 3 or 4). Polls before sleeping,
 * backs off to a cap (never more often than every AKOOL_MIN_POLL_SECONDS against Akool's own
 * API), is bounded by `timeoutMs`, and stops at once when the run stops (cancel, or another
 * item or job failed).
 * Resolves with the completed snapshot; throws for a failed job or on timeout (with the id and
 * the last status).
 */
export async function waitForJob(
	this: IExecuteFunctions,
	family: JobFamily,
	jobId: string,
	settings: PollSettings,
	itemIndex: number,
): Promise<JobSnapshot> {
	const signal = runSignal(this);
	const deadline = Date.now() + settings.timeoutMs;
	const floor = isAkoolApiHost(await getBaseUrl.call(this)) ? AKOOL_MIN_POLL_SECONDS * 1000 : 0;
	let interval = Math.max(settings.intervalMs, floor);
	let last: JobSnapshot | undefined;

	while (true) {
		if (signal?.aborted) throw stoppedError(this.getNode(), this, itemIndex);
		if (Date.now() >= deadline) break;
		// A status request (with its retries) may not outlive the whole wait; one that fails
		// because the wait is over ends in the timeout error below, with the job id.
		const read = await fetchJob
			.call(this, family, jobId, { itemIndex, deadline })
			.catch((error: Error) => error);
		if (read instanceof Error) {
			if (Date.now() < deadline || isStopped(read)) throw read;
			break;
		}
		last = read;
		if (last.status === 3) return last;
		if (last.status === 4) throw jobFailedError(this, last, itemIndex);

		const wait = Math.min(interval, deadline - Date.now());
		if (wait <= 0) break;
		await pause(wait, signal);
		interval = Math.min(interval * POLL_BACKOFF, Math.max(settings.maxIntervalMs, floor));
	}

	const lastStatus = last ? `${last.status} (${STATUS_TEXT[last.status] ?? 'unknown'})` : 'never read';
	const error = new NodeOperationError(
		this.getNode(),
		`Akool job ${jobId} did not finish within ${Math.round(settings.timeoutMs / 1000)} s (last status: ${lastStatus})`,
		{
			itemIndex,
			description: `The job keeps running at Akool. Continue later with Job → Wait (or Job → Get) and job ID ${jobId}, or raise "Timeout (Minutes)".`,
		},
	);
	Object.assign(error.context, { jobId, status: last?.status });
	throw error;
}
