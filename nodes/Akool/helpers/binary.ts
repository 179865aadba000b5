import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { getBaseUrl, transientError, withRetries } from '../transport';
import {
	bufferedDownloads,
	buffersWholeFiles,
	confirmedStore,
	DATABASE_MAX_FILE_BYTES,
	knownStore,
	learnStore,
	memoryLedger,
	memoryRunTotal,
} from './binaryStore';
import type { BinaryStore, Slot } from './binaryStore';
import { egressPolicy, egressRefusal, egressRule } from './egress';
import type { EgressRule } from './egress';
import { asNodeError, isStopped, pause, runSignal, stoppedError } from './run';
import { SETTINGS } from './settings';

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
			'Result files are fetched only from Akool\'s result hosts (CloudFront, akool.com, static.website-files.org) and the host of the credential\'s Base URL. To fetch from another host, add it to "Allowed Download Hosts" (or turn on "Allow Any Download Host"). Private and local addresses must be listed by name.',
	});
}

/** n8n's egress filter refused a URL the node's own rule allows. */
function refusedByN8n(ctx: IExecuteFunctions | IWebhookFunctions, url: string, policy: 'safe' | 'enforced', itemIndex: number) {
	return new NodeOperationError(ctx.getNode(), `Will not download from ${displayUrl(url)}: n8n's egress rules refuse it`, {
		itemIndex,
		description:
			policy === 'safe'
				? "The host is in \"Allowed Download Hosts\", but this n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED=true) blocks its address. The n8n admin can allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES."
				: 'n8n refuses private, local and reserved addresses (also when a name resolves to one) for Akool\'s hosts and for "Allow Any Download Host". To download from such a host, add its name to "Allowed Download Hosts": then this n8n\'s own SSRF settings (N8N_SSRF_*) decide.',
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
 * Streams a result file into n8n binary data. Plain `httpRequest`, so no Akool credential is sent
 * to the CDN. Transient failures before the body starts are retried (a GET is safe). Stops when
 * the run stops, past `maxBytes` and past `totalTimeoutMs`.
 *
 * Memory (helpers/binaryStore.ts, README "Memory of result downloads"): where n8n holds whole
 * files in memory (database, S3/Azure, in-memory mode) at most SETTINGS.bufferedDownloads
 * downloads run at once per process (fewer when they are large), whatever "Max Concurrent Jobs"
 * says; in database mode a file
 * over n8n's cap is refused before it is read; in memory mode the files of one node run are
 * bounded in total as well as one by one.
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
	// Where n8n holds whole files in memory, or while this process does not know yet, a few at a
	// time per process. The slot is taken before the request, so no connection waits open for it.
	const slot = buffersWholeFiles(knownStore(this))
		? await bufferedDownloads.acquire(signal).catch(() => {
				throw stopped();
			})
		: undefined;
	try {
		return await timedDownload.call(this, url, options, { signal, stopped, fail, slot });
	} finally {
		slot?.release();
	}
}

/** The download under its total-time cap, which starts here (not while waiting for a slot). */
async function timedDownload(
	this: IExecuteFunctions | IWebhookFunctions,
	url: string,
	options: { itemIndex: number; fileName?: string; fallbackBase: string; fallbackExtension: string } & DownloadLimits,
	control: { signal: AbortSignal | undefined; stopped: () => Error; fail: (message: string, description?: string) => Error; slot?: Slot },
): Promise<IBinaryData> {
	const { signal, stopped, fail, slot } = control;
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
		return await streamInto.call(this, url, options, { signal, requestSignal, overtime: overtime.signal, stopped, tooSlow, fail, slot });
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

/**
 * Refuses a URL the rule does not allow, then applies n8n's own egress filter, where this n8n
 * offers it (2.x): 'enforced' (n8n's blocked ranges after DNS resolution, so a name cannot point
 * at a private address) for Akool's hosts and Allow Any; 'safe' (the admin's N8N_SSRF_* policy)
 * for the user's listed hosts; none for the Base URL's host, trusted as configured (egress.ts).
 */
async function checkEgress(ctx: IExecuteFunctions | IWebhookFunctions, target: string, rule: EgressRule, itemIndex: number): Promise<void> {
	const refusal = egressRefusal(target, rule);
	if (refusal) throw notAllowed(ctx, target, refusal, itemIndex);
	const policy = egressPolicy(target, rule);
	if (policy === 'trusted') return;
	const helpers = ctx.helpers;
	const filter = typeof helpers.getSecureEgressFilter === 'function' ? helpers.getSecureEgressFilter(policy) : undefined;
	const verdict = await filter?.validateUrl(target);
	if (verdict && !verdict.ok) throw refusedByN8n(ctx, target, policy, itemIndex);
}

/**
 * Bytes [start, start + length) of a file at `url` (an HTTP Range request; at most `length` bytes
 * are read even when the server ignores the range, then the connection is dropped), under the same
 * host rules as downloads; no redirects. `size`: the whole file's, from Content-Range when given.
 * Undefined when the host is not allowed or the read fails: a caller only estimates with it.
 */
export async function readRange(
	this: IExecuteFunctions,
	url: string,
	start: number,
	length: number,
	limits: Pick<DownloadLimits, 'allowedHosts' | 'allowAnyHost'>,
	itemIndex: number,
): Promise<{ bytes: Buffer; size?: number } | undefined> {
	try {
		await checkEgress(this, url, egressRule(await getBaseUrl.call(this), limits.allowedHosts, limits.allowAnyHost), itemIndex);
		const response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			headers: { Range: `bytes=${start}-${start + length - 1}` },
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 15_000,
			abortSignal: runSignal(this),
		})) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: ResponseBody };
		const { body } = response;
		if (response.statusCode !== 206 && !(response.statusCode === 200 && start === 0)) {
			body?.destroy?.();
			return undefined;
		}
		const range = String(response.headers['content-range'] ?? '');
		const total = Number(/\/(\d+)$/.exec(range)?.[1] ?? (response.statusCode === 200 ? response.headers['content-length'] : NaN));
		const chunks: Buffer[] = [];
		let read = 0;
		for await (const chunk of body as AsyncIterable<Buffer | string>) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			read += buffer.length;
			if (read >= length) break;
		}
		body?.destroy?.();
		return { bytes: Buffer.concat(chunks).subarray(0, length), size: Number.isFinite(total) ? total : undefined };
	} catch (error) {
		if (isStopped(error)) throw asNodeError(this.getNode(), error as Error, itemIndex);
		return undefined;
	}
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
		slot?: Slot;
	},
): Promise<IBinaryData> {
	const { signal, requestSignal, overtime, stopped, tooSlow, fail, slot } = control;
	const rule = egressRule(await getBaseUrl.call(this), options.allowedHosts, options.allowAnyHost);
	const check = async (target: string) => await checkEgress(this, target, rule, options.itemIndex);
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
	// Its size lets the limiter start the next buffered download (or keep it waiting behind a large one).
	if (known) slot?.declare(declared);

	// The limits that depend on how n8n stores binary data refuse a file (or cap its stream) only
	// once the mode is certain for this run: learned by this process, and confirmed for this run
	// (by its own downloads, or one empty probe file) before it refuses anything.
	const ledger = memoryLedger(this);
	const binds = (candidate: BinaryStore) =>
		modeLimits(candidate, options, ledger.bytes).some((cap) => !known || declared > cap.bytes);
	let store = knownStore(this);
	if (store === undefined ? binds('memory') || binds('database') : binds(store)) {
		store = (await confirmedStore(this)) ?? store;
	}
	const caps = [
		...(options.maxBytes !== undefined ? [{ kind: 'file' as const, bytes: options.maxBytes }] : []),
		...(store ? modeLimits(store, options, 0).filter((cap) => cap.kind !== 'runTotal') : []),
	];
	// In memory mode the files of one node run stay in memory together: their total is bounded too.
	const total = store === 'memory' && options.maxInMemoryBytes !== undefined ? memoryRunTotal(options.maxInMemoryBytes) : undefined;

	const sizeText = (bytes: number) => `${formatBytes(bytes)}${known && declared === bytes ? '' : ' so far'}`;
	const tooLarge = (cap: Cap, bytes: number) => {
		switch (cap.kind) {
			case 'memory':
				return fail(
					`the file (${sizeText(bytes)}) is larger than the ${formatBytes(cap.bytes)} this n8n may hold in memory`,
					'This n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default), where a file takes many times its size in RAM. Set N8N_DEFAULT_BINARY_DATA_MODE=filesystem (recommended for video), raise "Max File Size in Memory Mode (MB)", or choose Return As "URL".',
				);
			case 'database':
				return fail(
					`the file (${sizeText(bytes)}) is larger than the ${formatBytes(cap.bytes)} n8n stores in database mode`,
					`This n8n stores binary data in its database (N8N_DEFAULT_BINARY_DATA_MODE=database, n8n 2.x's default in queue mode): n8n reads each file whole into memory and refuses files over N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE. The node applies n8n's default of ${SETTINGS.databaseModeMaxFileMb} MiB (it cannot read n8n's settings). For large results use S3 mode (N8N_DEFAULT_BINARY_DATA_MODE=s3) or, without queue mode, filesystem mode, or choose Return As "URL" and fetch the file where it is needed.`,
				);
			default:
				return fail(
					`the file is larger than the limit of ${formatBytes(cap.bytes)} (${sizeText(bytes)})`,
					'Raise "Max File Size (MB)", or choose Return As "URL" and fetch the file elsewhere.',
				);
		}
	};
	const overTotal = (limit: number, before: number, bytes: number) =>
		fail(
			`the file (${sizeText(bytes)}) would take this node run past the ${formatBytes(limit)} this n8n may hold in memory (${formatBytes(before)} downloaded by this run already)`,
			`This n8n keeps binary data in memory (N8N_DEFAULT_BINARY_DATA_MODE=default): every downloaded file stays in RAM, as base64 text, until the execution ends, and n8n saves the execution with its files as one string. The files one node run downloads may take ${SETTINGS.maxInMemoryRunMb} MB together (or "Max File Size in Memory Mode (MB)", if that is higher). Set N8N_DEFAULT_BINARY_DATA_MODE=filesystem (recommended for video), choose Return As "URL", or give the node fewer items per execution (e.g. with Loop Over Items).`,
		);

	// Before reading: from Content-Length.
	let reserved = 0;
	if (known) {
		const over = caps.find((cap) => declared > cap.bytes);
		if (over) {
			body?.destroy?.();
			throw tooLarge(over, declared);
		}
		if (total !== undefined) {
			if (ledger.bytes + declared > total) {
				body?.destroy?.();
				throw overTotal(total, ledger.bytes, declared);
			}
			ledger.bytes += declared;
			reserved = declared;
		}
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
	const streamCap = caps.reduce<Cap | undefined>((tightest, cap) => (tightest && tightest.bytes <= cap.bytes ? tightest : cap), undefined);
	const countTotal = total !== undefined && !known;
	let received = 0;
	let counted = 0;
	const push = body?.push;
	if (typeof push === 'function') {
		body.push = (chunk: unknown, encoding?: string) => {
			const size = (chunk as { length?: number } | null)?.length ?? 0;
			received += size;
			if (streamCap && received > streamCap.bytes) {
				abort(tooLarge(streamCap, received));
				return false;
			}
			if (countTotal) {
				ledger.bytes += size;
				counted += size;
				if (ledger.bytes > total) {
					abort(overTotal(total, ledger.bytes - counted, received));
					return false;
				}
			}
			return push.call(body, chunk, encoding);
		};
	}
	const onStop = () => abort(signal?.aborted ? stopped() : tooSlow());
	requestSignal.addEventListener('abort', onStop, { once: true });
	let binary: IBinaryData;
	try {
		binary = await this.helpers.prepareBinaryData(body, fileName, mimeType);
		if (failure) throw failure;
	} catch (error) {
		ledger.bytes -= reserved + counted;
		throw failure ?? fail((error as Error).message);
	} finally {
		requestSignal.removeEventListener('abort', onStop);
	}

	// What n8n did with the file tells this process its mode (no probe needed next time).
	const learned = learnStore(this, binary);
	if (learned !== 'memory') {
		ledger.bytes -= reserved + counted;
	} else if (total === undefined && options.maxInMemoryBytes !== undefined) {
		// Stored in memory although this run did not expect it: count it now, and refuse it (n8n
		// drops it with the item) past the limits.
		const perFile = options.maxInMemoryBytes;
		const limit = memoryRunTotal(perFile);
		if (received > perFile) throw tooLarge({ kind: 'memory', bytes: perFile }, received);
		if (ledger.bytes + received > limit) throw overTotal(limit, ledger.bytes, received);
		ledger.bytes += received;
	}
	return binary;
}

type Cap = { kind: 'file' | 'memory' | 'database' | 'runTotal'; bytes: number };

/**
 * The limits a mode puts on one download: n8n's database cap; in memory mode the per-file limit
 * and what is left of the run's total (after `used` bytes).
 */
function modeLimits(store: BinaryStore, options: DownloadLimits, used: number): Cap[] {
	if (store === 'database') return [{ kind: 'database', bytes: DATABASE_MAX_FILE_BYTES }];
	if (store !== 'memory' || options.maxInMemoryBytes === undefined) return [];
	return [
		{ kind: 'memory', bytes: options.maxInMemoryBytes },
		{ kind: 'runTotal', bytes: Math.max(0, memoryRunTotal(options.maxInMemoryBytes) - used) },
	];
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
