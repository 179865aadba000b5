import { NodeOperationError } from 'n8n-workflow';
import type {
	ExecutionError,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { akoolCredentials, getBaseUrl } from '../transport';
import { createJobs, finishedJobItem, pendingJobItem, readDownloadLimits } from './completion';
import type { OutputSettings, PreparedRun } from './completion';
import { hasPrivateHost, hostOf } from './hosts';
import { createEndpointOf, JOB_FAMILIES, toSnapshot } from './jobs';
import type { JobFamily, JobSnapshot } from './jobs';
import { fetchJob, jobFailedError } from './polling';
import { costFields } from './pricing';
import { failedItem, withRunJobs } from './run';
import type { NodeRun } from './run';
import { getOption, getString, isHttpUrl } from './validation';
import {
	armWait,
	canSettleWait,
	expectedJobId,
	legacyStoredOutput,
	settleWait,
	storedFamily,
	waitingSupported,
	WAIT_FOR_CALLBACK_MIN_N8N,
} from './waitingExecution';
import { receiveCallback } from './webhook';
import type { AkoolCallbackPayload } from './webhook';

/**
 * "Wait for Callback": the node creates the job with this execution's resume URL as Akool's
 * webhook, then parks the execution (`putExecutionToWait`, like n8n's Wait and send-and-wait
 * nodes). n8n frees the worker; when Akool POSTs to the resume URL, n8n calls `webhook()` below
 * on this node, which verifies and decrypts the callback, ignores interim statuses and other
 * jobs' callbacks (the execution keeps waiting) and, on status 3/4 of its job, answers Akool at
 * once and then resumes with the same output as "Poll Until Done" (one status read, then the
 * download). The resume handler never throws: whatever fails after the answer (the read, the
 * download) resumes the execution with the true reason.
 *
 * The waiting execution stores only the job id and family (waitingExecution.ts); the resume reads
 * the output settings (Return As, field, download limits, allowed hosts) from the node's own
 * parameters, validated like the execute side (B7). Verification decides authenticity only; the
 * allow-list applies to the download (R3).
 *
 * One item per execution: n8n resumes an execution exactly once, so one waiting node cannot
 * collect several jobs' callbacks. Several items must use Poll Until Done or a loop.
 *
 * The Wait Limit and the failure channel rely on n8n internals, all in waitingExecution.ts.
 */

/** An error in the plain form n8n stores with a waiting execution and throws on resume. */
function storedError(ctx: IExecuteFunctions | IWebhookFunctions, error: { message: string; description?: string | null }, jobId: string) {
	const description = error.description ?? '';
	const built = new NodeOperationError(ctx.getNode(), error.message, { description, itemIndex: 0 });
	Object.assign(built.context, { jobId });
	return {
		name: 'NodeOperationError',
		message: error.message,
		description,
		context: { ...built.context },
		timestamp: built.timestamp,
		stack: built.stack,
	} as unknown as ExecutionError;
}

function refuse(ctx: IExecuteFunctions, message: string, description: string) {
	return new NodeOperationError(ctx.getNode(), message, { itemIndex: 0, description: `${description} No job was created.` });
}

export async function waitForCallback(
	this: IExecuteFunctions,
	prepared: Array<PreparedRun | Error>,
	run: NodeRun,
): Promise<INodeExecutionData[][]> {
	if (prepared.length > 1) {
		const valid = prepared.filter((task) => !(task instanceof Error)).length;
		throw refuse(
			this,
			`"Wait for Callback" handles one item per execution, but this node received ${prepared.length} items${valid === prepared.length ? '' : ` (${valid} valid)`}`,
			'n8n resumes a waiting execution once, so it cannot collect several jobs\' callbacks. Use "Poll Until Done", or a Loop Over Items node with batch size 1 in front of this node.',
		);
	}
	const [task] = prepared;
	if (task instanceof Error) {
		if (run.stopOnFailure) throw task;
		return [[failedItem(task, 0)]];
	}
	if (!task?.job) return [[]];
	try {
		return await startWaiting.call(this, task.job, task.estimate ? costFields(await task.estimate()) : {});
	} catch (error) {
		if (run.stopOnFailure) throw withRunJobs(error as Error, run);
		return [[failedItem(error as Error, 0)]];
	}
}

async function startWaiting(this: IExecuteFunctions, job: NonNullable<PreparedRun['job']>, cost: IDataObject): Promise<INodeExecutionData[][]> {
	const { endpoint, body, settings } = job;
	const credentials = await akoolCredentials.call(this);
	if (!credentials.clientId) {
		throw refuse(
			this,
			'"Wait for Callback" needs the Client ID in the Akool credential',
			'The Client ID verifies and decrypts Akool callbacks. Add it to the credential (Akool → Settings → API Credentials), or choose "Poll Until Done".',
		);
	}
	if (!waitingSupported(this)) {
		throw refuse(
			this,
			`"Wait for Callback" needs n8n ${WAIT_FOR_CALLBACK_MIN_N8N} or newer`,
			'This n8n does not give the node what it needs to fail with the job ID when the wait limit passes. Update n8n, or choose "Poll Until Done".',
		);
	}
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	if (!isHttpUrl(resumeUrl)) {
		throw refuse(this, 'n8n gave no resume URL for this execution', '"Wait for Callback" only works in a saved workflow run by n8n. Choose "Poll Until Done".');
	}
	const baseUrl = await getBaseUrl.call(this);
	// A local sandbox may call a local n8n; Akool on the internet cannot.
	if (hasPrivateHost(resumeUrl) && !hasPrivateHost(baseUrl)) {
		throw refuse(
			this,
			`Akool cannot reach this n8n: its resume URL points to "${hostOf(resumeUrl)}", a local address`,
			'Set WEBHOOK_URL (N8N_WEBHOOK_URL) to the public https address of this n8n and restart it, or choose "Poll Until Done".',
		);
	}

	// Akool on the internet would POST to the resume URL, whose query carries this execution's
	// resume token (R13): over plain http anyone on the way could read it and resume the
	// execution. A local sandbox stays allowed.
	if (new URL(resumeUrl).protocol === 'http:' && !hasPrivateHost(baseUrl)) {
		throw refuse(
			this,
			`Akool would call this n8n over plain http ("${new URL(resumeUrl).origin}"): the resume URL would carry the execution's resume token unencrypted`,
			'Serve this n8n over https (e.g. behind a TLS proxy), set WEBHOOK_URL (N8N_WEBHOOK_URL) to its https address and restart it, or choose "Poll Until Done".',
		);
	}

	const { jobs } = await createJobs.call(this, 0, endpoint, body, resumeUrl);
	if (jobs.length !== 1) {
		// The table says this endpoint makes one job; Akool made several, which one wait cannot follow.
		throw new NodeOperationError(this.getNode(), `Akool created ${jobs.length} jobs for one request, but "Wait for Callback" follows one`, {
			itemIndex: 0,
			description: 'Continue with Job → Wait for each job ID listed below, and use "Poll Until Done" for this operation.',
		});
	}
	const job0 = jobs[0];
	const minutes = Math.round((settings.waitLimitMs / 60_000) * 100) / 100;
	armWait(
		this,
		job0.jobId,
		endpoint.family,
		storedError(
			this,
			{
				message: `Akool did not call back about job ${job0.jobId} within ${minutes} min (last known status: ${job0.statusText})`,
				description: `The job may still finish at Akool. Continue with Job → Wait and job ID ${job0.jobId}. If Akool can never reach this n8n (WEBHOOK_URL must be a public https URL), use "Poll Until Done".`,
			},
			job0.jobId,
		),
	);
	await this.putExecutionToWait(new Date(Date.now() + settings.waitLimitMs));
	return [[pendingJobItem(job0, 0, { resumeUrlSent: true, ...cost })]];
}

/**
 * The record of a finished job as far as it is known: the status read when it worked and agrees
 * with the callback, else the callback itself (its `url` is the result in every family).
 */
function snapshotFromCallback(family: JobFamily, payload: AkoolCallbackPayload, read?: JobSnapshot): JobSnapshot {
	// Finished, but the record has no link where the node looks (V5, whose result field Akool does
	// not document): the callback's `url` is the result, as Akool's webhook page names it.
	if (read?.status === 3 && !read.resultUrl && payload.url && family.resultKind === 'file') return { ...read, resultUrl: payload.url };
	if (read && (read.status === 3 || read.status === 4)) return read;
	return toSnapshot(family, payload._id, {
		...(read?.record ?? {}),
		...(payload as unknown as IDataObject),
		[family.statusField]: payload.status,
		...(payload.url && family.resultKind === 'file' ? { [family.resultFields[0]]: payload.url } : {}),
	});
}

/** Output settings when nothing is downloaded (analyses, Return As URL). */
const NO_DOWNLOAD: OutputSettings = { returnAs: 'url', binaryProperty: '', download: {} };

/**
 * The output settings of the waiting node, read in the resume from its own parameters (n8n's
 * webhook context evaluates them as it did for the item) with the readers and limits of the
 * execute side (validation.ts, readDownloadLimits), through a context that answers as item 0.
 * Throws a NodeOperationError naming the field (storedError adds the job id to the context).
 */
function outputSettingsFromNode(ctx: IWebhookFunctions, jobId: string): OutputSettings {
	const asItem = {
		getNode: () => ctx.getNode(),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => ctx.getNodeParameter(name, fallback),
	} as unknown as IExecuteFunctions;
	try {
		const returnAs = getOption(asItem, 'returnAs', 0, 'Return As', ['binary', 'url', 'both'] as const, 'binary');
		if (returnAs === 'url') return NO_DOWNLOAD;
		const binaryProperty = getString.call(asItem, 'binaryPropertyOutput', 0, 'Put Output in Field', { required: true });
		return { returnAs, binaryProperty, download: readDownloadLimits.call(asItem, 0) };
	} catch (error) {
		const label = /^"([^"]+)"/.exec((error as Error).message)?.[1] ?? 'the output settings';
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			itemIndex: 0,
			description: `Akool job ${jobId} finished, but the node could not read its output settings when Akool called back. Fix "${label}", then download the result with Job → Download (its URL is valid for 7 days).`,
		});
	}
}

/** The settings an older version stored with the waiting execution (validated then; re-checked for type). */
function legacyOutputSettings(stored: IDataObject): OutputSettings {
	const returnAs = (['binary', 'url', 'both'] as const).find((value) => value === stored.returnAs) ?? 'url';
	const binaryProperty = typeof stored.binaryProperty === 'string' && stored.binaryProperty ? stored.binaryProperty : 'data';
	const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
	return {
		returnAs,
		binaryProperty,
		download: {
			maxBytes: number(stored.maxBytes),
			totalTimeoutMs: number(stored.totalTimeoutMs),
			allowedHosts: Array.isArray(stored.allowedHosts) ? stored.allowedHosts.map(String) : [],
			allowAnyHost: stored.allowAnyHost === true,
			maxInMemoryBytes: number(stored.maxInMemoryBytes),
		},
	};
}

/**
 * Final callbacks being handled by this process, by `executionId:jobId` (R8a): a second final
 * callback that arrives during the first one's read and download (Akool re-delivering, or a
 * retry) is answered 200 and changes nothing. Kept a minute after the handler returns, while n8n
 * moves the execution out of "waiting" (it then refuses further resumes itself).
 */
const resuming = new Map<string, number>();
const RESUMING_LINGER_MS = 60_000;

function beginResume(key: string, now = Date.now()): boolean {
	for (const [entry, until] of resuming) if (until <= now) resuming.delete(entry);
	if (resuming.has(key)) return false;
	resuming.set(key, Infinity);
	return true;
}

function endResume(key: string): void {
	resuming.set(key, Date.now() + RESUMING_LINGER_MS);
}

/** `webhook()` of the Akool node: Akool called this execution's resume URL. Never throws. */
export async function resumeFromCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	// No replay window here: the resume URL carries n8n's secret token, the callback must be
	// signed for our Client ID and name the job we created, and an execution resumes only once.
	// A window would turn Akool's late re-deliveries of the final callback into endless 401s.
	const payload = await receiveCallback.call(this, { replayWindowMs: 0 });
	if (!payload) return { noWebhookResponse: true };
	const ack = { webhookResponse: { received: true } };
	// Interim callbacks (queued/processing): answer 200 so Akool stops retrying, keep waiting.
	if (payload.status !== 3 && payload.status !== 4) return ack;
	// Only the job this execution created resumes it; a genuine callback about another job of
	// the account leaves it waiting.
	const expected = expectedJobId(this);
	if (expected !== undefined && payload._id !== expected) return ack;
	if (!canSettleWait(this)) {
		// Resuming now would end in the armed "did not call back" error (R9): refuse, so Akool
		// retries, and say why in n8n's log.
		this.logger.error(
			`Akool callback not processed: the webhook context cannot reach its waiting execution (job ${payload._id}), so the outcome could not be recorded. Answered HTTP 500 so that Akool retries; the execution keeps waiting. This n8n version may not be supported by "Wait for Callback".`,
			{ node: this.getNode().name, executionId: this.getExecutionId() },
		);
		this.getResponseObject().status(500).json({ error: 'Callback not processed, retry later' });
		return { noWebhookResponse: true };
	}
	if (payload._id !== expected) return ack;
	const key = `${this.getExecutionId() ?? ''}:${payload._id}`;
	// Another final callback about this job is being handled (R8a): it resumes the execution.
	if (!beginResume(key)) return ack;
	try {
		// Answer Akool now: its callback timeout is short, and a retry while we download would get 409.
		this.getResponseObject().status(200).json({ received: true });
		const item = await finalItem.call(this, payload).catch((error: Error) => {
			settleWait(this, storedError(this, error as NodeOperationError, payload._id));
			return { json: { jobId: payload._id, status: payload.status }, pairedItem: { item: 0 } };
		});
		return { noWebhookResponse: true, workflowData: [[item]] };
	} finally {
		endResume(key);
	}
}

/** The resumed node's output for a final callback; failures become the error the node resumes with. */
async function finalItem(this: IWebhookFunctions, payload: AkoolCallbackPayload): Promise<INodeExecutionData> {
	const jobId = payload._id;
	const legacy = legacyStoredOutput(this);
	// The job's family was stored when the wait began; older waiting executions: from the operation.
	const stored = storedFamily(this) ?? legacy?.family;
	const key =
		typeof stored === 'string' && stored in JOB_FAMILIES
			? stored
			: createEndpointOf(`${String(this.getNodeParameter('resource', ''))}.${String(this.getNodeParameter('operation', ''))}`)?.family;
	if (!key) {
		settleWait(this, storedError(this, { message: 'This operation does not create Akool jobs' }, jobId));
		return { json: { jobId, status: payload.status }, pairedItem: { item: 0 } };
	}
	const family = JOB_FAMILIES[key as keyof typeof JOB_FAMILIES];
	// The callback is a signal; the record comes from one status read, as in polling mode.
	const read = await fetchJob.call(this, family, jobId).catch(() => undefined);
	const snapshot = snapshotFromCallback(family, payload, read);
	if (snapshot.status === 4) {
		settleWait(this, storedError(this, jobFailedError(this, snapshot, 0), jobId));
		return pendingJobItem(snapshot, 0, { failureReason: snapshot.failureReason ?? null });
	}
	try {
		const output = legacy
			? legacyOutputSettings(legacy)
			: family.resultKind === 'data'
				? NO_DOWNLOAD
				: outputSettingsFromNode(this, jobId);
		const item = await finishedJobItem.call(this, snapshot, output, 0);
		settleWait(this, undefined);
		return item;
	} catch (error) {
		settleWait(this, storedError(this, error as NodeOperationError, jobId));
		return pendingJobItem(snapshot, 0, { resultUrl: snapshot.resultUrl ?? null });
	}
}
