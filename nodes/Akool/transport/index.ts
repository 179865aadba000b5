import { NodeApiError, sleep } from 'n8n-workflow';
import type {
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

export type AkoolContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions | IHookFunctions;

export const DEFAULT_BASE_URL = 'https://openapi.akool.com';
/** Explicit per-request timeout: Akool answers in well under a second when healthy. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Reads: first try + 3 retries, waiting 1 s, 2 s, 4 s. */
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 1_000;

export interface AkoolRequest {
	method: IHttpRequestMethods;
	endpoint: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Whether the request may be sent again after a transient failure (429, 5xx, network error,
	 * malformed answer, Akool code 1005). Defaults to true for GET only. Creates must stay
	 * false: a retried create starts (and bills) a second job.
	 */
	idempotent?: boolean;
	timeoutMs?: number;
	/** Epoch ms after which no attempt starts and no attempt may run (bounded polls). */
	deadline?: number;
	itemIndex?: number;
}

interface Envelope {
	code?: unknown;
	msg?: unknown;
	data?: unknown;
}

/** Failures worth retrying for idempotent requests (429, 5xx, network, malformed answer, 1005). */
const transientErrors = new WeakSet<Error>();

export function transientError(node: INode, message: string): NodeApiError {
	const error = new NodeApiError(node, { message } as JsonObject, { message });
	transientErrors.add(error);
	return error;
}

export function isTransient(error: unknown): boolean {
	return error instanceof Error && transientErrors.has(error);
}

export async function getBaseUrl(this: AkoolContext): Promise<string> {
	const credentials = await this.getCredentials('akoolApi');
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).trim();
	return baseUrl.replace(/\/+$/, '');
}

export function cancelSignal(ctx: AkoolContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/**
 * The one way this package talks to the Akool API: base URL from the credential, `x-api-key`
 * applied by n8n's credential system, the `{code, msg, data}` envelope unwrapped (returns
 * `data`), `code !== 1000` turned into a NodeApiError with Akool's code and a hint.
 */
export async function akoolApiRequest<T = unknown>(this: AkoolContext, request: AkoolRequest): Promise<T> {
	const baseUrl = await getBaseUrl.call(this);
	const idempotent = request.idempotent ?? request.method === 'GET';
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
		const budget = request.deadline === undefined ? Infinity : request.deadline - Date.now();
		const timeout = Math.min(request.timeoutMs ?? REQUEST_TIMEOUT_MS, budget);
		return await sendOnce.call(this, { ...options, timeout: Math.max(1_000, Math.round(timeout)) }, request);
	};
	try {
		return (await (idempotent ? withRetries(cancelSignal(this), send, request.deadline) : send())) as T;
	} catch (error) {
		throw finalError.call(this, error, request, baseUrl);
	}
}

/**
 * Runs an idempotent request again after a TransientError (429, 5xx, network failure,
 * malformed answer, Akool 1005), waiting 1 s, 2 s, 4 s; cancel-aware. Never use it for creates.
 */
export async function withRetries<T>(
	signal: AbortSignal | undefined,
	attempt: () => Promise<T>,
	deadline = Infinity,
): Promise<T> {
	let lastError: unknown;
	for (let n = 1; n <= MAX_ATTEMPTS; n++) {
		if (n > 1) {
			const delay = Math.min(RETRY_BASE_MS * 2 ** (n - 2), 8_000);
			if (Date.now() + delay >= deadline) break;
			await sleep(delay, signal);
		}
		try {
			return await attempt();
		} catch (error) {
			lastError = error;
			if (!isTransient(error)) break;
		}
	}
	throw lastError;
}

async function sendOnce(this: AkoolContext, options: IHttpRequestOptions, request: AkoolRequest) {
	let response: { statusCode: number; body: unknown };
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, 'akoolApi', options);
	} catch (error) {
		// Network failure, reset or timeout: nothing reached Akool's application (or we cannot know).
		throw transientError(this.getNode(), `Could not reach Akool: ${(error as Error).message}`);
	}
	const { statusCode } = response;
	if (statusCode === 429 || statusCode >= 500) {
		throw transientError(this.getNode(), `Akool answered HTTP ${statusCode}`);
	}
	let envelope = response.body as Envelope | string | undefined;
	if (typeof envelope === 'string') {
		try {
			envelope = JSON.parse(envelope) as Envelope;
		} catch {
			throw transientError(this.getNode(), `Akool answered HTTP ${statusCode} with a body that is not JSON`);
		}
	}
	if (statusCode >= 400) {
		throw new NodeApiError(this.getNode(), { httpCode: statusCode } as JsonObject, {
			message: `Akool answered HTTP ${statusCode} for ${request.endpoint}`,
			description: 'Check the Base URL in the Akool credential.',
			httpCode: String(statusCode),
			itemIndex: request.itemIndex,
		});
	}
	if (!envelope || typeof envelope !== 'object' || !('code' in envelope)) {
		throw transientError(this.getNode(), `Akool answered without the {code, msg, data} envelope`);
	}
	const code = Number(envelope.code);
	if (code !== 1000) {
		if (RETRYABLE_CODES.has(code)) throw transientError(this.getNode(), `Akool code ${code}`);
		throw akoolApiError(this.getNode(), code, typeof envelope.msg === 'string' ? envelope.msg : undefined, {
			endpoint: request.endpoint,
			itemIndex: request.itemIndex,
		});
	}
	return envelope.data;
}

function finalError(this: AkoolContext, error: Error, request: AkoolRequest, baseUrl: string): Error {
	if (!isTransient(error)) return error;
	if (error.message === 'Akool code 1005') {
		return akoolApiError(this.getNode(), 1005, 'Operation too frequent', {
			endpoint: request.endpoint,
			itemIndex: request.itemIndex,
		});
	}
	const retried = request.idempotent ?? request.method === 'GET';
	// Built from our own message only: the underlying HTTP error carries request headers (the API key).
	return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
		message: `${error.message} (${request.method} ${request.endpoint})`,
		description: retried
			? `Gave up after ${MAX_ATTEMPTS} attempts. Check that ${baseUrl} is reachable, or try again later.`
			: `This request creates a paid job, so it is not retried automatically: check in Akool whether the job was created before running it again (Base URL ${baseUrl}).`,
		itemIndex: request.itemIndex,
	});
}
