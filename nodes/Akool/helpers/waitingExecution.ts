import type { ExecutionError, IDataObject, IExecuteFunctions, IRunExecutionData, IWebhookFunctions } from 'n8n-workflow';

/**
 * Every access "Wait for Callback" makes to n8n engine internals, in one place (the rest of the
 * mode uses public API: putExecutionToWait, restartWebhook, $execution.resumeUrl, customData).
 *
 * The internal part: when a wait ends without a final callback (the Wait Limit), n8n runs no
 * node code; it only fails the waiting node if its execution-stack entry carries
 * `metadata.resumeError` (n8n-core's runNode / handleWaitingState). So the node arms that error
 * when it starts waiting (public `setMetadata`) and, on the final callback, clears it (success) or
 * replaces it (failure) through the waiting execution's data, which n8n hands to the webhook
 * context as `runExecutionData` but does not type in IWebhookFunctions.
 *
 * Fail closed: where that data is not reachable, `waitingSupported` says so and the mode is
 * refused before any job is created (otherwise a missed callback would pass the node's input
 * through as a success). Tested in-process against n8n-core's real classes
 * (test/workflows/wait-for-callback.test.ts) and in a real n8n (test/e2e).
 */

/**
 * The oldest n8n line that has what the mode needs: node contexts expose customData (from about
 * 2.25) and n8n-core fails a resumed node on `resumeError` (from about 2.27). Tested on 2.41.1;
 * on 1.123.81 `waitingSupported` is false and the mode is refused (both in CI).
 */
export const WAIT_FOR_CALLBACK_MIN_N8N = '2.27';

const JOB_ID_KEY = 'akoolJobId';
const OUTPUT_KEY = 'akoolOutput';

type StackEntry = { metadata?: { resumeError?: ExecutionError } & IDataObject };

function runExecutionData(ctx: IExecuteFunctions | IWebhookFunctions): IRunExecutionData | undefined {
	return (ctx as unknown as { runExecutionData?: IRunExecutionData }).runExecutionData ?? undefined;
}

/** The waiting node's execution-stack entry: the object n8n persists and resumes from. */
function stackEntry(ctx: IExecuteFunctions | IWebhookFunctions): StackEntry | undefined {
	const entry = runExecutionData(ctx)?.executionData?.nodeExecutionStack?.[0] as StackEntry | undefined;
	return entry && typeof entry === 'object' ? entry : undefined;
}

/** Whether this n8n gives the node what the mode needs (checked before the job is created). */
export function waitingSupported(ctx: IExecuteFunctions): boolean {
	const stack = runExecutionData(ctx)?.executionData?.nodeExecutionStack;
	if (!Array.isArray(stack) || typeof ctx.setMetadata !== 'function') return false;
	try {
		return typeof ctx.customData?.set === 'function';
	} catch {
		return false;
	}
}

/**
 * Called when the node starts waiting: the error n8n raises if the wait limit passes, the job
 * id (public customData, read back by the webhook) and the output settings for the resume.
 */
export function armWait(ctx: IExecuteFunctions, jobId: string, limitError: ExecutionError, output: IDataObject): void {
	ctx.customData.set(JOB_ID_KEY, jobId);
	ctx.customData.set(OUTPUT_KEY, JSON.stringify(output));
	ctx.setMetadata({ resumeError: limitError });
}

function customValue(ctx: IWebhookFunctions, key: string): string | undefined {
	try {
		const value = ctx.customData?.get(key);
		return typeof value === 'string' && value !== '' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The id of the job the waiting execution created, or undefined when it cannot be known. */
export function expectedJobId(ctx: IWebhookFunctions): string | undefined {
	const stored = customValue(ctx, JOB_ID_KEY);
	if (stored) return stored;
	// Executions that started waiting before customData was used: the id is in the armed error.
	const context = (stackEntry(ctx)?.metadata?.resumeError as { context?: { jobId?: unknown } } | undefined)?.context;
	return typeof context?.jobId === 'string' ? context.jobId : undefined;
}

/** The output settings stored by armWait (undefined for older waiting executions). */
export function storedOutput(ctx: IWebhookFunctions): IDataObject | undefined {
	const raw = customValue(ctx, OUTPUT_KEY);
	if (!raw) return undefined;
	try {
		const value = JSON.parse(raw) as unknown;
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * On the final callback: `undefined` clears the armed error (the node succeeds with the webhook's
 * output), an error replaces it (the node fails with it, or outputs it with Continue On Fail).
 */
export function settleWait(ctx: IWebhookFunctions, error: ExecutionError | undefined): void {
	const entry = stackEntry(ctx);
	if (!entry) return;
	const metadata = { ...(entry.metadata ?? {}) };
	if (error) metadata.resumeError = error;
	else delete metadata.resumeError;
	entry.metadata = metadata;
}
