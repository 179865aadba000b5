/**
 * Hand-written declarations for the Akool mock server (index.js). See README.md.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Swap Studio V5 task stores (GET /api/open/v5/<feature>/task/detail). */
export type StudioTaskStore = 'studioCharacterSwap' | 'studioMotionSwap' | 'studioHeadSwap' | 'studioHairSwap' | 'studioClothingSwap';
/** Swap Studio V5 analysis stores (GET /api/open/v5/<feature>/analyze/detail); no result file. */
export type StudioAnalysisStore = 'studioCharacterSwapAnalysis' | 'studioHeadSwapAnalysis' | 'studioClothingSwapAnalysis';
/**
 * VoiceLab v4 results (TTS and voice changer, GET /api/open/v4/voice/resource/detail/{_id}, `data.result`),
 * VoiceLab v4 clones (GET /api/open/v4/voice/detail/{_id}) and uploaded avatars (GET /api/open/v3/avatar/detail?id=, no file).
 */
export type VoiceAvatarStore = 'voiceResult' | 'voiceClone' | 'avatar';
/**
 * Head swap v4 tasks (GET /api/open/v4/headswap/task/detail, result `video_url`), head swap v4 analyses
 * (GET /api/open/v4/headswap/analyze/detail, `analysis_result`, no file) and Jarvis moderation analyses
 * (GET /api/open/v3/content/analysis/infobyid, `result` + `final_conclusion`, no file).
 */
export type V4Store = 'headSwapV4' | 'headSwapAnalysisV4' | 'moderation';
export type StoreName = 'video' | 'i2v' | 'faceswap' | 'image' | 'audio' | VoiceAvatarStore | V4Store | StudioTaskStore | StudioAnalysisStore;
/** Image jobs: 'v3' = a v3 grid (createbyprompt or a V button; buttons at 3), 'upscale' (a U button), 'v4'. */
export type ImageVariant = 'v3' | 'upscale' | 'v4';
export type JobStatus = 1 | 2 | 3 | 4;
/** See MockAkoolOptions.v5ResultShape. */
export type V5ResultShape = 'url' | 'result_url' | 'video_url' | 'result.url' | 'outputs' | 'absent';

export interface MockAkoolOptions {
	/** 0 = random free port (default). */
	port?: number;
	/** Default '127.0.0.1'. */
	host?: string;
	/** API key = clientSecret = AES key; must be 16/24/32 bytes. Default 'mock-api-key-0123456789a' (24). */
	apiKey?: string;
	/** Default '64db241f6d9e5c4bd136c187'. */
	clientId?: string;
	/** Time from creation to status 3/4; status 1 for the first 20 %, then 2. Default 1000. */
	jobDurationMs?: number;
	/**
	 * Size of the files at /files/<name>. Default undefined: real media chosen by the extension (.mp4 H.264 + AAC,
	 * .mp3, .wav, .png, .jpg/.jpeg; see mediaBytes), and 65536 synthetic bytes for other extensions. A number:
	 * every file is synthetic bytes of exactly that size (fileBytes). `null` (e.g. in POST /__mock/options) = undefined.
	 * A job keeps the value it was created with.
	 */
	fileSize?: number | null;
	/**
	 * How many unfinished jobs the account's plan runs at once (default undefined: no limit). Akool
	 * publishes no number and does not say what a create beyond it gets (akool-api.md §8, §10 q11):
	 * `planConcurrencyMode` 'reject' answers it with code 1005 ("operation too frequent", nothing
	 * created), 'queue' accepts it and keeps it at status 1 until a running job of the account ends.
	 */
	planConcurrency?: number;
	/** Default 'reject'. */
	planConcurrencyMode?: 'reject' | 'queue';
	/**
	 * At most this many entries per page of a paged list (avatars #21, voices #35, voice results #33,
	 * knowledge bases #58), whatever `size` asks; the answer's `size` (where the list has one) is the
	 * size served. Default undefined: the `size` asked for (1–100). VoiceLab documents `size` without
	 * a maximum (voiceLab.mdx), so a client must page by `count`, not by short pages. `null` = undefined.
	 */
	maxPageSize?: number | null;
	/** Retries after the first failed delivery (non-200 or connection error). Default 3. */
	callbackRetries?: number;
	/** Default 200. */
	callbackRetryDelayMs?: number;
	/** Per-attempt timeout of a callback POST. Default 5000. */
	callbackTimeoutMs?: number;
	/** Also call back when a job becomes 2 (processing). Default false. */
	sendInterimCallbacks?: boolean;
	/**
	 * Keep the webhook URL's query string when POSTing a callback. Default true: akool-api.md §10 leaves
	 * it open whether Akool keeps it. false = POST to the URL without `?…` (job callbacks and deliverCallback).
	 */
	keepCallbackQuery?: boolean;
	/**
	 * false (default): a retry re-sends the identical envelope (same timestamp/nonce/signature).
	 * true: every retry gets a new timestamp (later than the previous), nonce and signature.
	 */
	resignCallbackRetries?: boolean;
	/**
	 * Default true: never more lenient than akool-api.md. The API key only in `x-api-key` (a Bearer token
	 * must come from getToken), required fields per the endpoint tables (e.g. i2v `negative_prompt`), JSON
	 * types per field (no numeric strings, booleans must be booleans). false = the old lenient mock.
	 */
	strict?: boolean;
	/** Base URL used in result URLs (no trailing slash needed); defaults to the listening URL. */
	publicUrl?: string;
	/** Account credit (GET quota/info); creates deduct from it. Default 1000. */
	credit?: number;
	/**
	 * Where a finished Swap Studio V5 task shows its result URL. Akool's "Get Task Result" pages end after
	 * `status`, so the field is unknown and the sandbox varies it: 'url', 'result_url', 'video_url' (`video_url`
	 * or `image_url` by media_type), 'result.url' (nested `result: {url, media_type}`, null until 3), 'outputs'
	 * (`outputs: [{url, index}]`) or 'absent' (no URL in the record; the callback still carries `url`).
	 * Default 'result.url': none of the node's own field names.
	 */
	v5ResultShape?: V5ResultShape;
	/**
	 * The answer to a translation create whose `language` is a comma list (one job per language is made and
	 * charged either way; akool-api.md §4.6, §10 Q5): 'data' (default, today's docs: the first language's
	 * record only, the other ids appear nowhere) or 'all_results' (also a top-level `all_results` of
	 * `{code, msg, data}` per language, the Sep–Nov 2025 docs).
	 */
	translationAnswer?: 'data' | 'all_results';
	/**
	 * Which of the two pages that document POST /api/open/v3/avatar/create the sandbox follows (they disagree):
	 * 'streamingAvatar' (default; openapi/live-avatar.yaml: `type` integer, `url_from` integer 1 | 2 required) or
	 * 'talkingAvatar' (ai-tools-suite/talking-avatar.mdx: `type` 1 — String "1" in the table, the number 1 in the
	 * example — and no `url_from`, which is then ignored).
	 */
	avatarUploadPage?: 'talkingAvatar' | 'streamingAvatar';
	/**
	 * Character swap v4 `model_name`, gone from the request table since the docs commit of 2026-01-08 but still in
	 * the overview's examples: 'ignored' (default, the table: any value, the record names Akool's own model
	 * `wavespeed-ai/wan-2.2/animate`) or 'honoured' (a 2101 model of the model list, used and echoed; others invalid).
	 */
	characterSwapModelName?: 'ignored' | 'honoured';
	/**
	 * Which input URLs of a create body a job downloads when it starts, as Akool does (akool-api.md §8.4: every
	 * media input is a public http(s) URL Akool reads): 'signed' (default) only n8n's signed binary-data URLs
	 * (path ending `/binary-data/signed` with a non-empty `token` query, what `this.helpers.createBinarySignedUrl`
	 * gives a node), 'all' every http(s) string anywhere in the body (nested objects and arrays too) except the
	 * webhook fields `webhookUrl`/`webhookurl`, 'none' nothing. Every job created through the API downloads
	 * them (a batch's jobs each do); a failed download (connection error, timeout, body cut short, non-2xx) ends
	 * the job at 4 at once with `Failed to download the input file: <why> (<field path>)` in its store's failure
	 * fields and a status-4 callback. Logged in `inputFetches`.
	 */
	fetchInputs?: FetchInputsMode;
	/** Time allowed for one input download, redirects and body included. Default 10000. */
	inputFetchTimeoutMs?: number;
}

/** See MockAkoolOptions.fetchInputs. */
export type FetchInputsMode = 'signed' | 'all' | 'none';

/** One download of a job's input URL (`mock.inputFetches`), appended when the download has ended. */
export interface InputFetch {
	jobId: string;
	/** Where the URL was in the create body: 'talking_photo_url', 'elements[2].url', 'sourceImage[0].path'. */
	path: string;
	/**
	 * The URL without user info and fragment, every query value replaced by `…` (a signed URL's token never
	 * appears): 'http://127.0.0.1:5678/rest/binary-data/signed?token=…'.
	 */
	url: string;
	/** host[:port] of the URL. */
	host: string;
	/** HTTP status of the (last, after redirects) answer; null when none arrived. */
	status: number | null;
	/** Body bytes received (also for a non-2xx answer). */
	bytes: number;
	/** Hex SHA-256 of those bytes. */
	sha256: string;
	contentType: string | null;
	/** Why the download failed ('HTTP 404 Not Found', 'connect ECONNREFUSED 127.0.0.1:9', 'timed out after 10000 ms', …). */
	error?: string;
	/** When the download started / ended (ms). */
	at: number;
	doneAt: number;
}

/** Behaviour applied to the next API-created job(s). */
export interface JobBehaviour {
	durationMs?: number;
	/** End in status 4 with `failReason` in the store's failure fields. */
	fail?: boolean;
	failReason?: string;
	/** Synthetic result bytes of exactly this size; absent: the `fileSize` option at creation (default real media). */
	fileSize?: number;
}

export interface AddJobSpec extends JobBehaviour {
	store: StoreName;
	/** 1 (default) = new; 2 = already processing; 3 = finished now; 4 = failed now. */
	status?: JobStatus;
	/** Callback URL (always accepted for seeded jobs). */
	webhookUrl?: string;
	/**
	 * Callback `type`; defaults per store: video 'talking photo', i2v 'image2video', faceswap 'faceswap', image 'image',
	 * audio 'audio', voiceResult 'voice', voiceClone 'voice clone', avatar 'avatar upload' (never sent by the API:
	 * avatar create takes no webhook), headSwapV4 'headswap', headSwapAnalysisV4 'headswap analysis' (never sent
	 * by the API), moderation 'sentiment', V5 tasks '<Feature Name> V5' (e.g. 'Head Swap V5'), V5 analyses
	 * '<Feature Name> V5 analysis'.
	 */
	type?: string;
	/** Image store only: 'v3' makes a grid that createbybutton (#39) can operate once finished. Default none. */
	variant?: ImageVariant;
	/**
	 * File extension of the result (default per store: mp4, mp4, jpg, png, mp3; voiceResult and voiceClone mp3;
	 * headSwapV4 mp4; V5 tasks mp4, or png when `fields.media_type` is 'image'). V5 and head swap v4 analyses,
	 * moderation and avatars have no file.
	 */
	ext?: string;
	/**
	 * Extra record fields shown by the poll endpoint (e.g. `{ video_url: 'http://input' }`). V5 analyses derive
	 * `analysis_result` from `fields.url` ("solo" → 1 person, "noface" → 0, else 2) and `fields.media_type`.
	 * voiceResult: a non-empty `source_voice_file` makes it a voice changer result (resource list type 2, else 1).
	 * avatar: defaults `{type: 1, from: 3, name: 'Mock avatar', url: '', avatar_id: 'avatar<_id>'}`.
	 * voiceClone: `voice_id` is always derived (`clone_<_id>` at 3, null before).
	 * headSwapAnalysisV4: `analysis_result` is derived from `fields.video_url` ("solo" → 1 person, "noface" → 0, else 2).
	 * moderation: the verdict at 3 is derived from `fields.content` ("unsafe" → Non-Compliant, "unclear" → Unknown).
	 */
	fields?: Record<string, unknown>;
}

export interface CallbackAttempt {
	/** The job status that was being reported. */
	status: number;
	/** HTTP status answered by the receiver (absent on connection errors). */
	httpStatus?: number;
	error?: string;
	at: number;
}

export interface MockJob {
	readonly _id: string;
	readonly store: StoreName;
	/** Callback `type` string. */
	readonly type: string;
	createdAt: number;
	durationMs: number;
	fail: boolean;
	failReason: string;
	/** Synthetic result bytes of this size; undefined = the real media for the file's extension. */
	fileSize: number | undefined;
	/** `<id>.mp4|.jpg|.png|.mp3|.wav`, served at /files/<fileName> once status is 3; '' for V5 analyses and avatars (no file). */
	readonly fileName: string;
	webhookUrl: string | null;
	/** Spelling the client used ('webhookurl' | 'webhookUrl'); null when none was sent. */
	webhookField: string | null;
	/** True when that spelling is the family's documented one; only then callbacks are sent. */
	webhookAccepted: boolean;
	/** The create request body ({} for seeded jobs). */
	body: unknown;
	/** Family fields of the record, without the status/result fields. */
	record: Record<string, unknown>;
	callbacks: CallbackAttempt[];
	finished: boolean;
	deleted: boolean;
	/** Ended at 4 by face swap `job/del` ("Job cancelled"); no callback after the status-4 one. */
	cancelled: boolean;
	/** The view shows `progress` although the store does not (video translation jobs). */
	readonly showProgress: boolean;
	/** `error_code` shown at status 4 for this job (video translation: 1205), else the store's. */
	readonly errorCode: number | undefined;
	/** The kind of job within its store (image: 'v3' | 'upscale' | 'v4'); null when none. */
	readonly variant: string | null;
	/** Input downloads still running (option fetchInputs); the job stays at 1/2 until they have ended. */
	inputsPending: number;
	/** Ended at 4 because an input could not be downloaded (`failReason` says why). */
	inputFailed: boolean;
	/** Current status, derived from the time since creation. */
	readonly status: JobStatus;
}

/** A knowledge base (#58–#62) as the API answers it. */
export interface KnowledgeBase {
	_id: string;
	uid: number;
	team_id: string;
	/** Always 2 (external) in the mock. */
	user_type: number;
	/** Always 2 (user) in the mock: the list with `from=1` (system) is empty. */
	from: number;
	name: string;
	prologue: string;
	prompt: string;
	docs: Array<{ name: string; url: string; size: number }>;
	urls: string[];
	create_time: number;
	update_time: number;
}

export interface LoggedRequest {
	method: string;
	path: string;
	/** From URLSearchParams; repeated keys (e.g. 'types[]') become arrays. */
	query: Record<string, string | string[]>;
	headers: IncomingHttpHeaders;
	/** Parsed JSON, the raw string when not JSON, undefined when empty. */
	body: unknown;
	at: number;
	/** Set when a fault answered this request. */
	fault?: FaultKind;
	/** When the client closed the connection before the answer was complete (gave up or aborted). */
	abortedAt?: number;
	/** The Akool `code` of the API's answer (1000 = success), when it had one and no fault replaced it. */
	code?: number;
}

export interface CallbackEnvelope {
	signature: string;
	dataEncrypt: string;
	timestamp: number;
	nonce: string;
}

export interface CallbackPayload {
	_id: string;
	status: number;
	type: string;
	/** Result URL when status is 3, '' otherwise. */
	url: string;
}

export interface CallbackLogEntry {
	/** The URL that was POSTed (without its query string when keepCallbackQuery is false). */
	url: string;
	/** Decrypted payload. */
	payload: unknown;
	/** The encrypted envelope that was POSTed. */
	body: CallbackEnvelope;
	httpStatus?: number;
	error?: string;
	at: number;
	/** Set for timer-driven job callbacks (absent for deliverCallback). */
	jobId?: string;
}

/**
 * '500' | '502' | '503' | '429': that HTTP status (JSON body for 500/429, HTML for 502/503; 429 sends
 * `Retry-After: 1` unless `retryAfter` says otherwise);
 * '4xx-envelope': HTTP `status` (default 400) with an Akool body `{code, msg}` (`code` default 1003);
 * '1005' | '1015': HTTP 200 with that business code; 'reset': socket destroyed without answer;
 * 'hang': never answered until the client gives up or the mock closes; 'malformed': HTTP 200 invalid JSON;
 * 'truncate': headers with the full content-length, half the body, then the socket is destroyed;
 * 'delay': answered normally after `delayMs`.
 */
export type FaultKind =
	| '500'
	| '502'
	| '503'
	| '429'
	| '4xx-envelope'
	| '1005'
	| '1015'
	| 'reset'
	| 'hang'
	| 'malformed'
	| 'truncate'
	| 'delay';

export interface FaultSpec {
	/** Prefix of the request path (no query), e.g. '/api/open/v4/characterSwap' or '/files/'. */
	path: string;
	method?: string;
	kind: FaultKind;
	/** How many matching requests get the fault. Default 1. */
	count?: number;
	/** Wait this long before applying the fault. */
	delayMs?: number;
	/** '4xx-envelope' only: HTTP status 400-499. Default 400. */
	status?: number;
	/** '4xx-envelope' only: Akool `code` in the body. Default 1003. */
	code?: number;
	/** '4xx-envelope' only: `msg` in the body. Default: the mock's wording for `code`. */
	msg?: string;
	/** '429' only: Retry-After header value (seconds or an HTTP date); null = no header. Default 1. */
	retryAfter?: number | string | null;
}

export interface DeliverOptions {
	signatureOverride?: string;
	dataEncryptOverride?: string;
	timestamp?: number;
	nonce?: string;
}

export interface MockAkool {
	readonly url: string;
	readonly port: number;
	readonly apiKey: string;
	readonly clientId: string;
	/** Current credit balance. */
	readonly credit: number;
	/** The knowledge bases created through the API, oldest first (the live list; the API answers copies). */
	readonly knowledgeBases: KnowledgeBase[];
	/** Every request received (API, /files, /__mock). */
	readonly requests: LoggedRequest[];
	/** Every callback POST attempt (timer-driven and deliverCallback). */
	readonly callbacksSent: CallbackLogEntry[];
	/** Every download of a job's input URL (option fetchInputs), in the order they ended. */
	readonly inputFetches: InputFetch[];
	readonly jobs: Map<string, MockJob>;
	/** Only Akool API requests (`/api/...` and `/interface/...`), optionally restricted to a path prefix. */
	apiRequests(prefix?: string): LoggedRequest[];
	/** Empties `requests`, `callbacksSent` and `inputFetches` in place. */
	clearLog(): void;
	/** Change options at run time (`credit` sets the balance; port/host are ignored). */
	setOptions(partial: Partial<MockAkoolOptions>): void;
	/** The next `count` (default 1) API-created jobs take this behaviour. */
	nextJobs(behaviour: JobBehaviour, count?: number): void;
	/** Forgets the behaviours queued by nextJobs that no job has taken yet. */
	clearNextJobs(): void;
	/** Seeds a job directly into a store (for families whose create endpoint is not implemented). */
	addJob(spec: AddJobSpec): MockJob;
	fault(spec: FaultSpec): void;
	clearFaults(): void;
	/** One encrypted callback exactly as Akool sends it (no retry); rejects on connection errors. */
	deliverCallback(url: string, payload: unknown, options?: DeliverOptions): Promise<{ status: number; body: string }>;
	/** Decrypts a dataEncrypt with this mock's apiKey/clientId and JSON-parses it. */
	decrypt(dataEncrypt: string): unknown;
	/** `${publicUrl}/files/<fileName>` of a job ('' for a V5 analysis or an avatar). */
	resultUrl(jobId: string): string;
	/** Number of bytes served at /files/<name> now (real media or synthetic). */
	fileSize(name: string): number;
	/** Hex SHA-256 of the bytes served at /files/<name> (real media or synthetic). */
	fileSha256(name: string): Promise<string>;
	/** Stops timers and callbacks, ends hanging requests and keep-alive sockets. Idempotent. */
	close(): Promise<void>;
}

export const DEFAULTS: Readonly<Required<Omit<MockAkoolOptions, 'publicUrl' | 'fileSize'>> & { publicUrl: string | undefined; fileSize: number | undefined }>;

export function startMockAkool(options?: MockAkoolOptions): Promise<MockAkool>;
/** Calls `listener` with every Akool API request (`/api/…`, `/interface/…`) any mock receives from now on; returns the function that stops it. */
export function onApiRequest(listener: (request: LoggedRequest) => void): () => void;

/** AES-CBC (key = apiKey UTF-8, 16/24/32 bytes; IV = clientId first 16 bytes, zero-padded), PKCS#7, base64. Objects are JSON.stringify'd. */
export function encryptCallback(payload: unknown, apiKey: string, clientId: string): string;
/** Returns the plaintext string. */
export function decryptCallback(dataEncrypt: string, apiKey: string, clientId: string): string;
/** Lower-hex SHA-1 of [clientId, timestamp, nonce, dataEncrypt] sorted and joined. */
export function signCallback(clientId: string, timestamp: number | string, nonce: number | string, dataEncrypt: string): string;
export function buildCallbackEnvelope(
	payload: unknown,
	params: { apiKey: string; clientId: string; timestamp?: number; nonce?: string; signatureOverride?: string; dataEncryptOverride?: string },
): CallbackEnvelope;
/** The bytes served at /files/<name> for `size` (AES-256-CTR keystream, key = sha256('akool-mock-file:' + name), zero IV). */
export function fileBytes(name: string, size: number): Buffer;
/**
 * The real media served for `name` when no size is asked for: the committed fixture (media/) for its extension
 * (.mp4, .mp3, .wav, .png, .jpg/.jpeg), undefined for other extensions. Shared Buffer: do not modify.
 */
export function mediaBytes(name: string): Buffer | undefined;
