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

/**
 * Custom data of a waiting execution: only short values (n8n logs an error for a value over 255
 * characters and cuts it at 512, and keeps at most 10 keys). The output settings are not stored:
 * the resume reads them from the node's own parameters (callback.ts).
 */
const JOB_ID_KEY = 'akoolJobId';
const FAMILY_KEY = 'akoolJobFamily';
/** Written by versions before the settings were read in the resume; still read for executions waiting since then. */
const LEGACY_OUTPUT_KEY = 'akoolOutput';

type StackEntry = { metadata?: { resumeError?: ExecutionError } & IDataObject };

function runExecutionData(ctx: IExecuteFunctions | IWebhookFunctions): IRunExecutionData | undefined {
	return (ctx as unknown as { runExecutionData?: IRunExecutionData }).runExecutionData ?? undefined;
}

/** The waiting node's execution-stack entry: the object n8n persists and resumes from. */
function stackEntry(ctx: IExecuteFunctions | IWebhookFunctions): StackEntry | undefined {
	const entry = runExecutionData(ctx)?.executionData?.nodeExecutionStack?.[0] as StackEntry | undefined;
	return entry && typeof entry === 'object' ? entry : undefined;
}

/**
 * Whether this n8n gives the node what the mode needs (checked before the job is created): an
 * execution stack, and this node's own entry for it (`getExecuteData()`: the object `setMetadata`
 * writes the armed error into and n8n puts back on the stack when the node waits). A stack that is
 * only a list is not enough: an engine that hands the node an empty one with no entry of its own
 * would persist no error, and a wait ending without a callback would pass as a success.
 */
export function waitingSupported(ctx: IExecuteFunctions): boolean {
	const stack = runExecutionData(ctx)?.executionData?.nodeExecutionStack;
	if (!Array.isArray(stack) || typeof ctx.setMetadata !== 'function' || typeof ctx.getExecuteData !== 'function') return false;
	try {
		const entry = ctx.getExecuteData() as { node?: { name?: unknown } } | undefined;
		if (!entry || typeof entry !== 'object' || entry.node?.name !== ctx.getNode().name) return false;
		return typeof ctx.customData?.set === 'function';
	} catch {
		return false;
	}
}

/**
 * Called when the node starts waiting: the error n8n raises if the wait limit passes, and the job
 * id and its family (public customData, read back by the webhook; 24 and a few characters).
 */
export function armWait(ctx: IExecuteFunctions, jobId: string, family: string, limitError: ExecutionError): void {
	ctx.customData.set(JOB_ID_KEY, jobId);
	ctx.customData.set(FAMILY_KEY, family);
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

/** The job family stored by armWait (undefined for executions that started waiting before it was stored). */
export function storedFamily(ctx: IWebhookFunctions): string | undefined {
	return customValue(ctx, FAMILY_KEY);
}

/**
 * The output settings (and family) an older version stored as JSON when the execution started
 * waiting; undefined when absent or unreadable (n8n cut long values at 512 characters).
 */
export function legacyStoredOutput(ctx: IWebhookFunctions): IDataObject | undefined {
	const raw = customValue(ctx, LEGACY_OUTPUT_KEY);
	if (!raw) return undefined;
	try {
		const value = JSON.parse(raw) as unknown;
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Whether the webhook context reaches the waiting node's execution-stack entry, so that
 * settleWait can record the outcome. Where it cannot (an n8n that stops handing the waiting
 * execution's data to the webhook context), a resume would end in the armed "did not call back"
 * error: the resume handler answers 500 instead, so Akool retries (R9).
 */
export function canSettleWait(ctx: IWebhookFunctions): boolean {
	return stackEntry(ctx) !== undefined;
}

/**
 * On the final callback: `undefined` clears the armed error (the node succeeds with the webhook's
 * output), an error replaces it (the node fails with it, or outputs it with Continue On Fail).
 * Check canSettleWait first: without the stack entry this does nothing.
 */
export function settleWait(ctx: IWebhookFunctions, error: ExecutionError | undefined): void {
	const entry = stackEntry(ctx);
	if (!entry) return;
	const metadata = { ...(entry.metadata ?? {}) };
	if (error) metadata.resumeError = error;
	else delete metadata.resumeError;
	entry.metadata = metadata;
}
