import { NodeApiError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';

import { akoolApiError, RETRYABLE_CODES } from '../helpers/errors';
import { abortable, pause, runSignal, stoppedError } from '../helpers/run';

export type AkoolContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions | IHookFunctions;

export const DEFAULT_BASE_URL = 'https://openapi.akool.com';
/** Explicit per-request timeout: Akool answers in well under a second when healthy. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** First try + 3 retries, waiting 1 s, 2 s, 4 s (or Retry-After). */
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 1_000;
/** Longest Retry-After honoured; a longer one is cut to this. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface AkoolRequest {
	method: IHttpRequestMethods;
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Whether the request may be sent again after any transient failure (429, 5xx, network error,
	 * malformed answer, Akool code 1005). Defaults to true for GET only. Creates stay false: they
	 * are sent again only when the answer proves nothing was created (HTTP 429, Akool 1005, or a
	 * connection refused before anything was sent), never after a timeout, a reset or a 5xx.
	 */
	idempotent?: boolean;
	timeoutMs?: number;
	/**
	 * The answer's envelope: `akool` = `{code, msg, data}` (returns `data`); `detect` = the face
	 * detection endpoints' own `{error_code, error_msg, …}` / `{success, error, …}`, sent with HTTP
	 * 200, 400 or 500 (returns the whole answer). A detection answer that reports an error is final,
	 * never a transient failure; only a 429 or an answer without that envelope (a proxy's 502 page) is.
	 */
	envelope?: 'akool' | 'detect';
	/** Return the whole `{code, msg, data, …}` envelope instead of `data` (keys Akool puts beside `data`). */
	wholeEnvelope?: boolean;
	/** Epoch ms after which no attempt starts and no attempt may run (bounded polls). */
	deadline?: number;
	itemIndex?: number;
}

interface Envelope {
	code?: unknown;
	msg?: unknown;
	data?: unknown;
}

interface Retry {
	/** The failure proves the request did nothing at Akool, so even a create may be sent again. */
	nothingCreated: boolean;
	/** Server-requested wait (Retry-After), in ms. */
	afterMs?: number;
	/**
	 * Akool 1005 "operation too frequent". A read is retried here; a create is handed back at once,
	 * because what helps is fewer jobs at Akool, which only the run can do (run.ts, JobGate).
	 */
	tooFrequent?: boolean;
}

/** Failures worth another attempt, with what they prove. */
const transientErrors = new WeakMap<Error, Retry>();

/** Final errors of requests that failed only transiently (every attempt: 5xx, 429, network, 1005). */
const exhaustedErrors = new WeakSet<Error>();

/** Final errors of creates whose answer was lost: Akool may have created (and billed) the job. */
const uncertainCreates = new WeakSet<Error>();

/** Creates Akool refused with 1005 "operation too frequent": nothing was created or billed. */
const tooFrequentCreates = new WeakSet<Error>();

/** Whether a create was refused with Akool 1005 (nothing created: it may be sent again later). */
export function refusedAsTooFrequent(error: unknown): boolean {
	return error instanceof Error && tooFrequentCreates.has(error);
}

/** Whether a create failed in a way that may have made a job at Akool (it must never be sent again). */
export function createMayExist(error: unknown): boolean {
	return error instanceof Error && uncertainCreates.has(error);
}

/**
 * Whether a request failed only for transient reasons, after all its attempts: the same request
 * may well work a little later (a status check is then tried again, not turned into a failed job).
 */
export function failedTransiently(error: unknown): boolean {
	return error instanceof Error && exhaustedErrors.has(error);
}

export function transientError(node: INode, message: string, retry: Retry = { nothingCreated: false }): NodeApiError {
	const error = new NodeApiError(node, { message } as JsonObject, { message });
	transientErrors.set(error, retry);
	return error;
}

const credentialsByContext = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * The Akool credential, read once per execution context (one node execution, one webhook call).
 * n8n decrypts a credential and resolves its expressions on every getCredentials, which costs
 * tens of milliseconds in n8n 2.x (its expression engine sets up an isolate for it): read per
 * request, it made every create and status check that much slower (see `npm run bench`).
 */
export async function akoolCredentials(this: AkoolContext): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByContext.get(this);
	if (!credentials) {
		credentials = this.getCredentials('akoolApi');
		credentialsByContext.set(this, credentials);
	}
	return await credentials;
}

export async function getBaseUrl(this: AkoolContext): Promise<string> {
	const credentials = await akoolCredentials.call(this);
	return String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
}

/**
 * The one way this package talks to the Akool API: base URL and `x-api-key` from the credential
 * (read once per context, as the credential's `authenticate` would apply it), the `{code, msg, data}` envelope unwrapped (returns
 * `data`), `code !== 1000` turned into a NodeApiError with Akool's code and a hint. Obeys the
 * run's signal (cancel, or another item failed): nothing is sent once it is aborted, a read in
 * flight is abandoned, a create in flight is awaited (its job id must not be lost).
 */
export async function akoolApiRequest<T = unknown>(this: AkoolContext, request: AkoolRequest): Promise<T> {
	const baseUrl = await getBaseUrl.call(this);
	const idempotent = request.idempotent ?? request.method === 'GET';
	const signal = runSignal(this);
	const stopped = () => stoppedError(this.getNode(), this, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.endpoint}`,
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const send = async () => {
		if (signal?.aborted) throw stopped();
		const budget = request.deadline === undefined ? Infinity : request.deadline - Date.now();
		const timeout = Math.min(request.timeoutMs ?? REQUEST_TIMEOUT_MS, budget);
		const work = sendOnce.call(this, { ...options, timeout: Math.max(1_000, Math.round(timeout)) }, request, signal, stopped);
		return idempotent ? await abortable(work, signal, stopped) : await work;
	};
	try {
		return (await withRetries(send, {
			signal,
			stopped,
			deadline: request.deadline,
			onlyIfNothingCreated: !idempotent,
		})) as T;
	} catch (error) {
		throw finalError.call(this, error, request, baseUrl, idempotent);
	}
}

/**
 * Runs `attempt` again after a transient failure, waiting 1 s, 2 s, 4 s (or what Retry-After
 * asks, up to 60 s); stops at once when `signal` aborts. With `onlyIfNothingCreated` (creates),
 * only failures that prove nothing happened at Akool are retried.
 */
export async function withRetries<T>(
	attempt: () => Promise<T>,
	options: {
		signal: AbortSignal | undefined;
		stopped: () => Error;
		deadline?: number;
		onlyIfNothingCreated?: boolean;
	},
): Promise<T> {
	const deadline = options.deadline ?? Infinity;
	let lastError: unknown;
	let wait = 0;
	for (let n = 1; n <= MAX_ATTEMPTS; n++) {
		if (n > 1) {
			if (Date.now() + wait >= deadline) break;
			await pause(wait, options.signal);
			if (options.signal?.aborted) throw options.stopped();
		}
		try {
			return await attempt();
		} catch (error) {
			lastError = error;
			const retry = error instanceof Error ? transientErrors.get(error) : undefined;
			if (!retry || (options.onlyIfNothingCreated && (!retry.nothingCreated || retry.tooFrequent))) break;
			wait = retry.afterMs ?? Math.min(RETRY_BASE_MS * 2 ** (n - 1), 8_000);
		}
	}
	throw lastError;
}

/** Retry-After in ms (seconds or an HTTP date), capped; undefined when absent or unreadable. */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return undefined;
	const seconds = Number(value);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
	return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** The connection was refused: nothing was sent, so nothing can have been created. */
function connectionRefused(error: unknown): boolean {
	for (let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
		if (e.code === 'ECONNREFUSED' || (typeof e.message === 'string' && e.message.includes('ECONNREFUSED'))) return true;
	}
	return false;
}

async function sendOnce(
	this: AkoolContext,
	options: IHttpRequestOptions,
	request: AkoolRequest,
	signal: AbortSignal | undefined,
	stopped: () => Error,
) {
	let response: { statusCode: number; headers?: Record<string, string | string[] | undefined>; body: unknown };
	try {
		const { apiKey } = await akoolCredentials.call(this);
		const idempotent = request.idempotent ?? request.method === 'GET';
		// The header AkoolApi.credentials.ts `authenticate` names, with the credential read once per context.
		// A read is cut when the run stops (nothing may run after the node); a create is awaited, never cut.
		response = await this.helpers.httpRequest({
			...options,
			headers: { ...options.headers, 'x-api-key': String(apiKey ?? '') },
			...(idempotent && signal ? { abortSignal: signal } : {}),
		});
	} catch (error) {
		if (signal?.aborted) {
			const idempotent = request.idempotent ?? request.method === 'GET';
			if (idempotent) throw stopped();
			// n8n aborted a create on the wire: it may have reached Akool.
			const cut = stoppedError(this.getNode(), this, request.itemIndex, 'The cancel interrupted a create that may have reached Akool: check your job list in Akool before running it again.');
			uncertainCreates.add(cut);
			throw cut;
		}
		if (connectionRefused(error)) {
			throw transientError(this.getNode(), 'Could not reach Akool: connection refused', { nothingCreated: true });
		}
		// Reset or timeout: the request may have reached Akool's application, we cannot know.
		throw transientError(this.getNode(), `Could not reach Akool: ${(error as Error).message}`);
	}
	const { statusCode } = response;
	if (statusCode === 429) {
		throw transientError(this.getNode(), 'Akool answered HTTP 429 (too many requests)', {
			nothingCreated: true,
			afterMs: retryAfterMs(response.headers?.['retry-after']),
		});
	}
	let envelope = response.body as Envelope | string | undefined;
	if (typeof envelope === 'string') {
		try {
			envelope = JSON.parse(envelope) as Envelope;
		} catch {
			if (statusCode < 400) {
				throw transientError(this.getNode(), `Akool answered HTTP ${statusCode} with a body that is not JSON`);
			}
		}
	}
	if (request.envelope === 'detect' && envelope && typeof envelope === 'object' && ('error_code' in envelope || 'success' in envelope)) {
		return detectionAnswer(this.getNode(), envelope as unknown as IDataObject, statusCode, request);
	}
	if (statusCode >= 500) throw transientError(this.getNode(), `Akool answered HTTP ${statusCode}`);
	const code = envelope && typeof envelope === 'object' && 'code' in envelope ? Number(envelope.code) : undefined;
	const akoolMessage = envelope && typeof envelope === 'object' && typeof envelope.msg === 'string' ? envelope.msg : undefined;
	if (statusCode >= 400) {
		// An HTTP error that still carries Akool's code says more than the status does.
		if (code !== undefined && Number.isFinite(code) && code !== 1000) {
			throw akoolApiError(this.getNode(), code, akoolMessage, { endpoint: request.endpoint, itemIndex: request.itemIndex });
		}
		throw new NodeApiError(this.getNode(), { httpCode: statusCode } as JsonObject, {
			message: `Akool answered HTTP ${statusCode} for ${request.endpoint}`,
			description: 'Check the Base URL in the Akool credential.',
			httpCode: String(statusCode),
			itemIndex: request.itemIndex,
		});
	}
	if (code === undefined) {
		throw transientError(this.getNode(), `Akool answered without the {code, msg, data} envelope`);
	}
	if (code !== 1000) {
		if (RETRYABLE_CODES.has(code)) throw transientError(this.getNode(), `Akool code ${code}`, { nothingCreated: true, tooFrequent: true });
		throw akoolApiError(this.getNode(), code, akoolMessage, { endpoint: request.endpoint, itemIndex: request.itemIndex });
	}
	return request.wholeEnvelope ? envelope : (envelope as Envelope).data;
}

/** A face detection answer: the whole body on success, else a final NodeApiError with Akool's text. */
function detectionAnswer(node: INode, answer: IDataObject, statusCode: number, request: AkoolRequest): IDataObject {
	const succeeded = 'error_code' in answer ? Number(answer.error_code) === 0 : answer.success === true;
	if (succeeded && statusCode < 400) return answer;
	const reason = [answer.error_msg, answer.error].find((value) => typeof value === 'string' && value !== '') as string | undefined;
	throw new NodeApiError(node, { httpCode: statusCode } as JsonObject, {
		message: `Akool face detection failed: ${reason ?? `HTTP ${statusCode}`}`,
		description:
			statusCode >= 500
				? 'Akool could not process the media. Check that the URL or file is a supported image (JPG, PNG, BMP, WEBP) or video (MP4, MOV, AVI, WEBM) that shows a face, then try again.'
				: 'Check the input: a public image or video URL, or an image file, showing at least one face (80×80 pixels or more).',
		httpCode: String(statusCode),
		itemIndex: request.itemIndex,
	});
}

function finalError(
	this: AkoolContext,
	error: Error,
	request: AkoolRequest,
	baseUrl: string,
	idempotent: boolean,
): Error {
	const retry = transientErrors.get(error);
	if (!retry) return error;
	if (retry.tooFrequent) {
		const refused = akoolApiError(this.getNode(), 1005, 'Operation too frequent', {
			endpoint: request.endpoint,
			itemIndex: request.itemIndex,
		});
		// A read that met 1005 on every attempt failed transiently; a create is the run's to pace.
		(idempotent ? exhaustedErrors : tooFrequentCreates).add(refused);
		return refused;
	}
	let description: string;
	if (idempotent) {
		description = `Gave up after ${MAX_ATTEMPTS} attempts. Check that ${baseUrl} is reachable, or try again later.`;
	} else if (retry.nothingCreated) {
		description = `Akool did not accept the job (${MAX_ATTEMPTS} attempts), so nothing was created or billed. Try again later, or lower "Max Concurrent Jobs".`;
	} else {
		description = `This request creates a paid job and the answer was lost, so Akool may have created the job anyway. It is not sent again automatically: check your job list in Akool before running it again (Base URL ${baseUrl}).`;
	}
	// Built from our own message only: the underlying HTTP error carries request headers (the API key).
	const final = new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
		message: `${error.message} (${request.method} ${request.endpoint})`,
		description,
		itemIndex: request.itemIndex,
	});
	exhaustedErrors.add(final);
	if (!idempotent && !retry.nothingCreated) uncertainCreates.add(final);
	return final;
}
