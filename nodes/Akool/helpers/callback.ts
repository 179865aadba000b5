import { NodeOperationError } from 'n8n-workflow';
import type {
	ExecutionError,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IRunExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { PreparedRun } from '../actions/types';
import { finishedJobItem, createJobs, pendingJobItem } from './completion';
import type { OutputSettings } from './completion';
import { createEndpointOf, fetchJob, JOB_FAMILIES, toSnapshot } from './jobs';
import type { JobSnapshot } from './jobs';
import { isHttpUrl } from './validation';
import { verifyAkoolCallback } from './webhook';

/**
 * "Wait for Callback": the node creates the job with this execution's resume URL as Akool's
 * webhook, then parks the execution (`putExecutionToWait`, like n8n's Wait and send-and-wait
 * nodes). n8n frees the worker; when Akool POSTs to the resume URL, n8n calls `webhook()` below
 * on this node, which verifies and decrypts the callback, ignores interim statuses (the
 * execution keeps waiting) and resumes on status 3/4 with the same output as "Poll Until Done"
 * (the final record is read with one status poll, so both modes output the same thing).
 *
 * One item per execution: n8n resumes an execution exactly once, so one waiting node cannot
 * collect several jobs' callbacks. Several items must use Poll Until Done or a loop.
 *
 * Wait limit and failures: when the limit passes, n8n resumes the execution without calling
 * any node code (the waiting node is re-run "disabled"), so no status poll can run then. The
 * only hook n8n offers is the stack entry's `metadata.resumeError`, which makes the node fail
 * (or output `{error}` with "Continue On Fail") when resumed. The node sets it when it starts
 * waiting (public `setMetadata`); a verified final callback clears it (success) or replaces it
 * with Akool's failure reason (status 4). Clearing needs the waiting execution's data in the
 * webhook context, which n8n does not expose in its typed interface, hence `executionStackEntry`.
 */

type StackEntry = { metadata?: { resumeError?: ExecutionError } & IDataObject };

function hasExecutionData(ctx: IExecuteFunctions | IWebhookFunctions): boolean {
	return Boolean((ctx as unknown as { runExecutionData?: IRunExecutionData }).runExecutionData?.executionData);
}

/** The waiting node's execution-stack entry (same object n8n resumes from), if reachable. */
function executionStackEntry(ctx: IExecuteFunctions | IWebhookFunctions): StackEntry | undefined {
	const data = (ctx as unknown as { runExecutionData?: IRunExecutionData }).runExecutionData;
	return data?.executionData?.nodeExecutionStack?.[0] as StackEntry | undefined;
}

/** A NodeOperationError as plain data: it is stored with the waiting execution and thrown on resume. */
function storedError(ctx: IExecuteFunctions | IWebhookFunctions, message: string, description: string, jobId: string) {
	const error = new NodeOperationError(ctx.getNode(), message, { description, itemIndex: 0 });
	Object.assign(error.context, { jobId });
	return {
		name: 'NodeOperationError',
		message,
		description,
		context: { ...error.context },
		timestamp: error.timestamp,
		stack: error.stack,
	} as unknown as ExecutionError;
}

export async function waitForCallback(this: IExecuteFunctions, prepared: Array<PreparedRun | Error>) {
	const first = prepared[0];
	if (prepared.length !== 1 || first instanceof Error || !first?.job) {
		throw new NodeOperationError(
			this.getNode(),
			`"Wait for Callback" handles one item per execution, but this node received ${prepared.length} items`,
			{
				description:
					'n8n resumes a waiting execution once, so it cannot collect several jobs\' callbacks. Use "Poll Until Done", or a Loop Over Items node with batch size 1 in front of this node.',
			},
		);
	}
	const { endpoint, body, settings } = first.job;
	const credentials = await this.getCredentials('akoolApi');
	if (!credentials.clientId) {
		throw new NodeOperationError(
			this.getNode(),
			'"Wait for Callback" needs the Client ID in the Akool credential',
			{
				itemIndex: 0,
				description:
					'The Client ID verifies and decrypts Akool callbacks. Add it to the credential (Akool → Settings → API Credentials), or choose "Poll Until Done".',
			},
		);
	}
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	if (!isHttpUrl(resumeUrl)) {
		throw new NodeOperationError(this.getNode(), 'n8n gave no resume URL for this execution', {
			itemIndex: 0,
			description: '"Wait for Callback" only works in a saved workflow run by n8n. Choose "Poll Until Done".',
		});
	}

	const { jobs } = await createJobs.call(this, 0, endpoint, body, resumeUrl);
	const job = jobs[0];
	const minutes = Math.round((settings.waitLimitMs / 60_000) * 100) / 100;
	// The webhook side clears this through the same execution data (see executionStackEntry);
	// only arm it where that data is reachable, so a success can never be turned into a failure.
	if (hasExecutionData(this)) {
		this.setMetadata({
			resumeError: storedError(
				this,
				`Akool did not call back about job ${job.jobId} within ${minutes} min (last known status: ${job.statusText})`,
				`The job may still finish at Akool. Continue with Job → Wait and job ID ${job.jobId}. If Akool can never reach this n8n (WEBHOOK_URL must be a public https URL), use "Poll Until Done".`,
				job.jobId,
			),
		});
	}
	await this.putExecutionToWait(new Date(Date.now() + settings.waitLimitMs));
	return [[pendingJobItem(job, 0, { resumeUrlSent: true })]];
}

/** `webhook()` of the Akool node: Akool called this execution's resume URL. */
export async function resumeFromCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials('akoolApi');
	// No replay window here: the resume URL carries n8n's secret token, the callback must be
	// signed for our Client ID and name the job we created, and an execution resumes only once.
	// A window would turn Akool's late re-deliveries of the final callback into endless 401s.
	const result = verifyAkoolCallback(
		this.getBodyData(),
		{ apiKey: String(credentials.apiKey ?? ''), clientId: String(credentials.clientId ?? '') },
		0,
	);
	if (!result.ok) {
		this.getResponseObject().status(401).json({ error: result.message });
		return { noWebhookResponse: true };
	}
	const ack = { webhookResponse: { received: true } };
	const { payload } = result;
	// Interim callbacks (queued/processing): answer 200 so Akool stops retrying, keep waiting.
	if (payload.status !== 3 && payload.status !== 4) return ack;
	const entry = executionStackEntry(this);
	const expectedJobId = (entry?.metadata?.resumeError as { context?: { jobId?: string } } | undefined)?.context
		?.jobId;
	// A genuine callback about another job of this account: not ours to resume on.
	if (expectedJobId && payload._id !== expectedJobId) return ack;

	const endpoint = createEndpointOf(
		this.getNodeParameter('resource', '') as string,
		this.getNodeParameter('operation', '') as string,
	);
	if (!endpoint) {
		throw new NodeOperationError(this.getNode(), 'This operation does not create Akool jobs');
	}
	const family = JOB_FAMILIES[endpoint.family];
	// The callback is a signal; the record comes from one status poll, exactly as in polling mode.
	let snapshot: JobSnapshot;
	try {
		snapshot = await fetchJob.call(this, family, payload._id);
	} catch {
		snapshot = toSnapshot(family, payload._id, { ...(payload as IDataObject), [family.statusField]: payload.status });
	}
	if (snapshot.status !== 3 && snapshot.status !== 4) {
		snapshot = toSnapshot(family, payload._id, {
			...snapshot.record,
			[family.statusField]: payload.status,
			...(payload.url ? { [family.resultFields[0]]: payload.url } : {}),
		});
	}

	let item: INodeExecutionData;
	if (snapshot.status === 3) {
		const output: OutputSettings = {
			returnAs: this.getNodeParameter('returnAs', 'binary') as OutputSettings['returnAs'],
			binaryProperty: this.getNodeParameter('binaryPropertyOutput', 'data') as string,
		};
		item = await finishedJobItem.call(this, snapshot, output, 0);
		if (entry?.metadata) delete entry.metadata.resumeError;
	} else {
		const reason = snapshot.failureReason ?? 'Akool gave no reason';
		if (entry) {
			entry.metadata = {
				...entry.metadata,
				resumeError: storedError(
					this,
					`Akool job ${snapshot.jobId} failed: ${reason}`,
					'Akool reported status 4 (failed). Check the input media and parameters, then create the job again.',
					snapshot.jobId,
				),
			};
		}
		item = pendingJobItem(snapshot, 0, { failureReason: reason });
	}
	return { ...ack, workflowData: [[item]] };
}
