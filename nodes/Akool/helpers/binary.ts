import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { getBaseUrl, transientError, withRetries } from '../transport';
import { egressRefusal, egressRule } from './egress';
import { hostOf } from './hosts';
import { isStopped, pause, runSignal, stoppedError } from './run';

/** What prepareBinaryData accepts: a Buffer or a readable stream. */
type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/** Idle timeout of a result download (Akool's CDN streams steadily; this is not a total cap). */
export const DOWNLOAD_TIMEOUT_MS = 120_000;

const MIME_BY_EXTENSION: Record<string, string> = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	webm: 'video/webm',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
};

function extensionOf(name: string): string | undefined {
	const match = /\.([A-Za-z0-9]{2,5})$/.exec(name);
	return match?.[1].toLowerCase();
}

/** File name from the URL's last path segment, else `<fallbackBase>.<fallbackExtension>`. */
export function fileNameFromUrl(url: string, fallbackBase: string, fallbackExtension: string): string {
	let segment = '';
	try {
		segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
	} catch {
		segment = '';
	}
	segment = segment.replace(/[^\w.\- ]+/g, '_');
	if (segment && extensionOf(segment)) return segment;
	return `${segment || fallbackBase}.${fallbackExtension}`;
}

/** Host and path of a URL, for messages: never the query string (signed CDN links carry tokens there). */
function notAllowed(ctx: IExecuteFunctions | IWebhookFunctions, url: string, reason: string, itemIndex: number) {
	return new NodeOperationError(ctx.getNode(), `Will not download from ${displayUrl(url)}: ${reason}`, {
		itemIndex,
		description:
			'Result files are fetched only from Akool\'s result hosts (CloudFront, akool.com) and the host of the credential\'s Base URL. To fetch from another host, add it to "Allowed Download Hosts" (or turn on "Allow Any Download Host"). Private and local addresses must be listed by name.',
	});
}

export function displayUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.host}${parsed.pathname}`;
	} catch {
		return '(invalid URL)';
	}
}

export interface DownloadLimits {
	/** Refuse a file larger than this (from Content-Length before reading, and while reading). */
	maxBytes?: number;
	/** Where n8n keeps binary data in memory: refuse a file larger than this, the same way. */
	maxInMemoryBytes?: number;
	/** Give up when the whole download takes longer than this. */
	totalTimeoutMs?: number;
	/** Hosts allowed besides Akool's result hosts and the Base URL's (see egress.ts). */
	allowedHosts?: string[];
	/** Allow any public host (private addresses still need to be listed). */
	allowAnyHost?: boolean;
}

/** The download settings as the editor holds them (MB, minutes, a host list as text) → limits. */
export function toDownloadLimits(values: {
	maxFileSizeMb: number;
	maxInMemoryMb: number;
	downloadTimeoutMinutes: number;
	allowedHosts: string;
	allowAnyHost: boolean;
}): DownloadLimits {
	return {
		maxBytes: values.maxFileSizeMb > 0 ? Math.round(values.maxFileSizeMb * 1024 * 1024) : undefined,
		maxInMemoryBytes: values.maxInMemoryMb > 0 ? Math.round(values.maxInMemoryMb * 1024 * 1024) : undefined,
		totalTimeoutMs: values.downloadTimeoutMinutes * 60_000,
		allowedHosts: values.allowedHosts.split(/[\s,]+/).filter(Boolean),
		allowAnyHost: values.allowAnyHost,
	};
}

/** Redirect hops followed (each checked against the egress rule) before giving up. */
const MAX_REDIRECTS = 5;

type ResponseBody = BinaryInput & {
	destroy?: (error?: Error) => void;
	push?: (chunk: unknown, encoding?: string) => boolean;
};

/**
 * Streams a result file into n8n binary data (never buffered whole by this code: n8n's binary
 * data manager writes the stream to its store; see the README on binary data modes). Plain
 * `httpRequest`, so no Akool credential is sent to the CDN. Transient failures before the body
 * starts are retried (a GET is safe). Stops when the run stops, past `maxBytes` and past
 * `totalTimeoutMs`.
 */
export async function downloadToBinary(
	this: IExecuteFunctions | IWebhookFunctions,
	url: string,
	options: { itemIndex: number; fileName?: string; fallbackBase: string; fallbackExtension: string } & DownloadLimits,
): Promise<IBinaryData> {
	const where = displayUrl(url);
	const fail = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), `Could not download ${where}: ${message}`, {
			itemIndex: options.itemIndex,
			description,
		});
	const signal = runSignal(this);
	const stopped = () => stoppedError(this.getNode(), this, options.itemIndex);
	// The total-time cap covers the whole download: waiting for the CDN's answer and the body.
	const finished = new AbortController();
	const overtime = new AbortController();
	const limit = options.totalTimeoutMs;
	if (limit !== undefined) {
		void pause(limit, finished.signal).then(() => {
			if (!finished.signal.aborted) overtime.abort();
		});
	}
	const tooSlow = () =>
		fail(`it took longer than ${Math.round((limit ?? 0) / 1000)} s`, 'Raise "Download Timeout (Minutes)", or choose Return As "URL".');
	const requestSignal = anySignal([signal, overtime.signal]);
	try {
		return await streamInto.call(this, url, options, { signal, requestSignal, overtime: overtime.signal, stopped, tooSlow, fail });
	} finally {
		finished.abort();
	}
}

/** Aborted as soon as any of `signals` is. */
function anySignal(signals: Array<AbortSignal | undefined>): AbortSignal {
	const present = signals.filter((s): s is AbortSignal => s !== undefined);
	const controller = new AbortController();
	for (const s of present) {
		if (s.aborted) controller.abort();
		else s.addEventListener('abort', () => controller.abort(), { once: true });
	}
	return controller.signal;
}

async function streamInto(
	this: IExecuteFunctions | IWebhookFunctions,
	url: string,
	options: { itemIndex: number; fileName?: string; fallbackBase: string; fallbackExtension: string } & DownloadLimits,
	control: {
		signal: AbortSignal | undefined;
		requestSignal: AbortSignal;
		overtime: AbortSignal;
		stopped: () => Error;
		tooSlow: () => Error;
		fail: (message: string, description?: string) => Error;
	},
): Promise<IBinaryData> {
	const { signal, requestSignal, overtime, stopped, tooSlow, fail } = control;
	const rule = egressRule(await getBaseUrl.call(this), options.allowedHosts, options.allowAnyHost);
	// n8n's own egress filter (resolves DNS, so a listed name cannot point at a private address),
	// where this n8n offers it; the Base URL's host is trusted as configured.
	const filter =
		typeof this.helpers.getSecureEgressFilter === 'function' ? this.helpers.getSecureEgressFilter('enforced') : undefined;
	const check = async (target: string) => {
		const refusal = egressRefusal(target, rule);
		if (refusal) throw notAllowed(this, target, refusal, options.itemIndex);
		if (filter && !rule.trusted.includes(hostOf(target).toLowerCase())) {
			const verdict = await filter.validateUrl(target);
			if (!verdict.ok) throw notAllowed(this, target, 'n8n\'s egress rules refuse it', options.itemIndex);
		}
	};
	let target = url;
	let response: { statusCode: number; headers: Record<string, string | string[] | undefined>; body: ResponseBody };
	for (let hop = 0; ; hop++) {
		await check(target);
		const current = target;
		response = await withRetries(
			async () => {
				let res: typeof response;
				try {
					res = await this.helpers.httpRequest({
						method: 'GET',
						url: current,
						encoding: 'stream',
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						disableFollowRedirect: true,
						timeout: DOWNLOAD_TIMEOUT_MS,
						abortSignal: requestSignal,
					});
				} catch (error) {
					if (signal?.aborted) throw stopped();
					if (overtime.aborted) throw tooSlow();
					throw transientError(this.getNode(), (error as Error).message);
				}
				if (res.statusCode === 429 || res.statusCode >= 500) {
					res.body?.destroy?.();
					throw transientError(this.getNode(), `HTTP ${res.statusCode}`);
				}
				return res;
			},
			{ signal: requestSignal, stopped: () => (signal?.aborted ? stopped() : tooSlow()) },
		).catch((error: Error) => {
			// Transient failures (NodeApiError) get the download's wording; ours (stopped, too slow) pass.
			throw isStopped(error) || error instanceof NodeOperationError ? error : fail(error.message);
		});
		const location = response.headers.location;
		if (response.statusCode < 300 || response.statusCode >= 400 || !location) break;
		response.body?.destroy?.();
		if (hop >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects`);
		target = new URL(Array.isArray(location) ? location[0] : location, current).toString();
	}

	const { body } = response;
	if (response.statusCode >= 400) {
		body?.destroy?.();
		throw fail(
			`HTTP ${response.statusCode}`,
			'Akool keeps results for 7 days; after that the link stops working. Check the URL or create the job again.',
		);
	}
	const header = (name: string) => {
		const value = response.headers[name];
		return Array.isArray(value) ? value[0] : value;
	};
	const declared = Number(header('content-length'));
	const known = Number.isFinite(declared);
	// The tighter of "Max File Size" and, where this n8n holds binary data in memory, the memory limit.
	let limit = options.maxBytes;
	let inMemory = false;
	const memoryCap = options.maxInMemoryBytes;
	if (memoryCap !== undefined && (limit === undefined || memoryCap < limit) && (!known || declared > memoryCap)) {
		inMemory = await keepsBinaryInMemory(this);
		if (inMemory) limit = memoryCap;
	}
	const tooLarge = (bytes: number) => {
		const size = `${formatBytes(bytes)}${known && declared === bytes ? '' : ' so far'}`;
		return inMemory
			? fail(
					`the file (${size}) is larger than the ${formatBytes(limit ?? 0)} this n8n may hold in memory`,
					'This n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default), where a file takes many times its size in RAM. Set N8N_DEFAULT_BINARY_DATA_MODE=filesystem (recommended for video), raise "Max File Size in Memory Mode (MB)", or choose Return As "URL".',
				)
			: fail(
					`the file is larger than the limit of ${formatBytes(limit ?? 0)} (${size})`,
					'Raise "Max File Size (MB)", or choose Return As "URL" and fetch the file elsewhere.',
				);
	};
	if (limit !== undefined && known && declared > limit) {
		body?.destroy?.();
		throw tooLarge(declared);
	}

	const fileName = options.fileName || fileNameFromUrl(target, options.fallbackBase, options.fallbackExtension);
	const headerType = header('content-type')?.split(';')[0].trim();
	const mimeType =
		headerType && headerType !== 'application/octet-stream'
			? headerType
			: (MIME_BY_EXTENSION[extensionOf(fileName) ?? ''] ?? headerType ?? 'application/octet-stream');

	// Watch the stream while n8n stores it: count bytes, obey the run's signal and the total time.
	// Bytes are counted where they enter the stream (`push`), so the count works however n8n's
	// store reads it (pipe, 'data' events, async iteration) and does not change its flow.
	let failure: Error | undefined;
	const abort = (error: Error) => {
		failure ??= error;
		body?.destroy?.(error);
	};
	let received = 0;
	const push = body?.push;
	if (limit !== undefined && typeof push === 'function') {
		const cap = limit;
		body.push = (chunk: unknown, encoding?: string) => {
			received += (chunk as { length?: number } | null)?.length ?? 0;
			if (received > cap) {
				abort(tooLarge(received));
				return false;
			}
			return push.call(body, chunk, encoding);
		};
	}
	const onStop = () => abort(signal?.aborted ? stopped() : tooSlow());
	requestSignal.addEventListener('abort', onStop, { once: true });
	try {
		const binary = await this.helpers.prepareBinaryData(body, fileName, mimeType);
		if (failure) throw failure;
		return binary;
	} catch (error) {
		throw failure ?? fail((error as Error).message);
	} finally {
		requestSignal.removeEventListener('abort', onStop);
	}
}

const memoryModes = new WeakMap<object, Promise<boolean>>();

/**
 * Whether this n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default) rather than
 * in a store (filesystem, database, S3): there, binary data comes back inline with no `id`. Asked
 * once per execution, only when a download may exceed the memory limit, by storing an empty file.
 */
async function keepsBinaryInMemory(ctx: IExecuteFunctions | IWebhookFunctions): Promise<boolean> {
	let answer = memoryModes.get(ctx);
	if (!answer) {
		answer = ctx.helpers
			.prepareBinaryData(Buffer.alloc(0), 'mode-probe.bin', 'application/octet-stream')
			.then((probe) => !probe.id)
			.catch(() => false);
		memoryModes.set(ctx, answer);
	}
	return await answer;
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
