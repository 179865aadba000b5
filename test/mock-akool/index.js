// @ts-check
'use strict';

/**
 * Local Akool Open API mock (see README.md next to this file and /work/shared/akool-api.md).
 *
 * Routes:
 *   /api/...       the Akool endpoints (routes.js), auth required except getToken
 *   /interface/... the face detection endpoints (routes.js RAW_ROUTES), auth required
 *   /files/<name>  result files, no auth, like a CDN: real media (media.js) unless a size is asked
 *                  for, then deterministic synthetic bytes of that size (crypto.js)
 *   /redirect?to=<url>  a CDN-style 302 to <url> (for redirect-hop tests), no auth
 *   /__mock/...    control API for out-of-process use (e2e, `npm run mock`); never faulted
 * Jobs download their input URLs like Akool (option fetchInputs, inputs.js; log `inputFetches`).
 */

const { createHash } = require('node:crypto');
const http = require('node:http');
const { pipeline, Readable } = require('node:stream');
const { handleApi, isApiPath } = require('./routes.js');
const { JobEngine, STORES, V5_RESULT_SHAPES, DEFAULT_V5_RESULT_SHAPE } = require('./jobs.js');
const { encryptCallback, decryptCallback, signCallback, buildCallbackEnvelope, fileBytes, fileStream, fileSha256 } = require('./crypto.js');
const { mediaBytes, extensionOf } = require('./media.js');
const { FETCH_INPUTS_MODES } = require('./inputs.js');

/**
 * @typedef {import('./jobs.js').Behaviour} Behaviour
 * @typedef {import('./jobs.js').StoreName} StoreName
 * @typedef {'500' | '502' | '503' | '429' | '4xx-envelope' | '1005' | '1015' | 'reset' | 'hang' | 'malformed' | 'truncate' | 'delay'} FaultKind
 * @typedef {{ path: string, method?: string, kind: FaultKind, count?: number, delayMs?: number, status?: number, code?: number, msg?: string, retryAfter?: number | string | null }} FaultSpec
 * @typedef {{ method: string, path: string, query: Record<string, string | string[]>, headers: http.IncomingHttpHeaders, body: unknown, at: number, fault?: FaultKind, abortedAt?: number, code?: number }} LoggedRequest
 */

/**
 * @typedef {{ port: number, host: string, apiKey: string, clientId: string, jobDurationMs: number, fileSize: number | undefined, planConcurrency: number | undefined, planConcurrencyMode: 'reject' | 'queue', maxPageSize: number | undefined, callbackRetries: number, callbackRetryDelayMs: number, callbackTimeoutMs: number, sendInterimCallbacks: boolean, keepCallbackQuery: boolean, resignCallbackRetries: boolean, strict: boolean, publicUrl: string | undefined, credit: number, v5ResultShape: import('./jobs.js').V5ResultShape, translationAnswer: 'data' | 'all_results', avatarUploadPage: 'talkingAvatar' | 'streamingAvatar', characterSwapModelName: 'ignored' | 'honoured', fetchInputs: import('./inputs.js').FetchInputsMode, inputFetchTimeoutMs: number }} MockOptions
 */

/** @type {Readonly<MockOptions>} */
const DEFAULTS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	// The brief's 'mock-api-key-0123456789ab' is 25 chars (not a valid AES key length); this is its 24-char prefix.
	apiKey: 'mock-api-key-0123456789a',
	clientId: '64db241f6d9e5c4bd136c187',
	jobDurationMs: 1000,
	// undefined: result files are real media (media.js) where the extension has one; a number: every
	// file is synthetic bytes of that size (the memory benchmarks and size tests ask for one).
	fileSize: undefined,
	// The plan's limit of unfinished jobs (undefined: none) and what a create beyond it gets; see index.d.ts.
	planConcurrency: undefined,
	planConcurrencyMode: 'reject',
	// undefined: a paged list serves the `size` asked for (1–100); a number: at most that many per page
	// (VoiceLab documents `size` without a maximum, voiceLab.mdx, so Akool may serve fewer than asked).
	maxPageSize: undefined,
	callbackRetries: 3,
	callbackRetryDelayMs: 200,
	callbackTimeoutMs: 5000,
	sendInterimCallbacks: false,
	// akool-api.md §10 q1 leaves the delivery details open (nothing says Akool keeps or drops the
	// webhook URL's query string), so the default keeps it; false POSTs to the URL without it.
	keepCallbackQuery: true,
	// false: a retry re-sends the identical envelope; true: every attempt gets a new timestamp, nonce
	// and signature (§5.1 does not say which Akool does).
	resignCallbackRetries: false,
	// Never more lenient than akool-api.md (auth §3, required fields and JSON types per endpoint table).
	strict: true,
	publicUrl: undefined,
	credit: 1000,
	// Where Akool's docs are silent the sandbox varies its answer (README "Where the docs are silent").
	// V5 task results: the "Get Task Result" pages end after `status`; see jobs.js V5_RESULT_SHAPES.
	v5ResultShape: DEFAULT_V5_RESULT_SHAPE,
	// A translation into several languages (comma list, §4.6, §10 Q5): one job per language, and the answer
	// carries the first in `data` only ('data', today's docs) or also `all_results` ('all_results', Sep–Nov 2025).
	translationAnswer: 'data',
	// Where two doc pages (or a table and its examples) disagree, the sandbox follows one reading at a time.
	// POST /api/open/v3/avatar/create: 'streamingAvatar' (live-avatar.yaml: integer type, url_from required) or
	// 'talkingAvatar' (talking-avatar.mdx: type "1"/1, no url_from); see routes.js avatarCreate.
	avatarUploadPage: 'streamingAvatar',
	// Character swap v4 `model_name`: 'ignored' (the request table since 2026-01-08 has none: Akool's own model)
	// or 'honoured' (the overview's examples: a 2101 model is used); see routes.js characterSwapCreate.
	characterSwapModelName: 'ignored',
	// Akool downloads a job's input URLs when it starts and fails the job when one cannot be read (inputs.js):
	// 'signed' downloads n8n's signed binary-data URLs (…/binary-data/signed?token=), 'all' every http(s)
	// URL of the create body, 'none' nothing. Each download may take inputFetchTimeoutMs in all.
	fetchInputs: 'signed',
	inputFetchTimeoutMs: 10_000,
});

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
	mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp',
	mp3: 'audio/mpeg', wav: 'audio/wav', json: 'application/json',
});

/** @type {Record<string, { status: number, type: string, body: string }>} */
const HTTP_FAULTS = {
	500: { status: 500, type: 'application/json', body: '{"code":500,"msg":"Internal Server Error"}' },
	502: { status: 502, type: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>' },
	503: { status: 503, type: 'text/html', body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>' },
	429: { status: 429, type: 'application/json', body: '{"code":429,"msg":"Too Many Requests"}' },
	1005: { status: 200, type: 'application/json', body: '{"code":1005,"msg":"Operation too frequent"}' },
	1015: { status: 200, type: 'application/json', body: '{"code":1015,"msg":"Create video error, please try again later"}' },
	malformed: { status: 200, type: 'application/json', body: '{"code":1000,"msg":"OK","data":{"_id":"' },
};

const FAULT_KINDS = [...Object.keys(HTTP_FAULTS), '4xx-envelope', 'reset', 'hang', 'truncate', 'delay'];

/** `msg` of a '4xx-envelope' fault per code (wording as the mock uses elsewhere, §7 meanings). */
const CODE_MESSAGES = /** @type {Record<number, string>} */ ({
	1003: 'Parameter error',
	1005: 'Operation too frequent',
	1006: 'Your quota is not enough',
	1008: 'The content you get does not exist',
	1009: 'You do not have permission to operate',
	1015: 'Create video error, please try again later',
	1101: 'Invalid authorization or The request token has expired',
	1102: 'Authorization cannot be empty',
	1200: 'The account has been banned',
});

/** Size of the synthetic bytes for a name without real media (.json, .webm, …) when no size is asked for. */
const SYNTHETIC_FILE_SIZE = 64 * 1024;

const BOOLEAN_OPTIONS = /** @type {const} */ (['sendInterimCallbacks', 'keepCallbackQuery', 'resignCallbackRetries', 'strict']);

/**
 * A requested file size: undefined or null (= real media), else a non-negative safe integer.
 * @param {unknown} size @param {string} what
 */
function checkFileSize(size, what) {
	if (size !== undefined && size !== null && !(Number.isSafeInteger(size) && /** @type {number} */ (size) >= 0)) {
		throw new Error(`${what} must be a non-negative integer (bytes), or null for real media`);
	}
}

/** @param {Record<string, unknown>} options */
function checkOptions(options) {
	for (const name of BOOLEAN_OPTIONS) {
		if (options[name] !== undefined && typeof options[name] !== 'boolean') throw new Error(`option ${name} must be true or false`);
	}
	checkFileSize(options.fileSize, 'option fileSize');
	if (options.v5ResultShape !== undefined && !Object.hasOwn(V5_RESULT_SHAPES, /** @type {string} */ (options.v5ResultShape))) {
		throw new Error(`option v5ResultShape must be one of ${Object.keys(V5_RESULT_SHAPES).join(', ')}`);
	}
	if (options.translationAnswer !== undefined && options.translationAnswer !== 'data' && options.translationAnswer !== 'all_results') {
		throw new Error("option translationAnswer must be 'data' or 'all_results'");
	}
	if (options.avatarUploadPage !== undefined && options.avatarUploadPage !== 'talkingAvatar' && options.avatarUploadPage !== 'streamingAvatar') {
		throw new Error("option avatarUploadPage must be 'talkingAvatar' or 'streamingAvatar'");
	}
	if (options.characterSwapModelName !== undefined && options.characterSwapModelName !== 'ignored' && options.characterSwapModelName !== 'honoured') {
		throw new Error("option characterSwapModelName must be 'ignored' or 'honoured'");
	}
	if (options.fetchInputs !== undefined && !FETCH_INPUTS_MODES.includes(/** @type {any} */ (options.fetchInputs))) {
		throw new Error(`option fetchInputs must be one of ${FETCH_INPUTS_MODES.join(', ')}`);
	}
	const { inputFetchTimeoutMs } = options;
	if (inputFetchTimeoutMs !== undefined && !(typeof inputFetchTimeoutMs === 'number' && Number.isFinite(inputFetchTimeoutMs) && inputFetchTimeoutMs > 0)) {
		throw new Error('option inputFetchTimeoutMs must be a positive number of milliseconds');
	}
	const { planConcurrency, planConcurrencyMode } = options;
	if (planConcurrency !== undefined && planConcurrency !== null && !(Number.isSafeInteger(planConcurrency) && /** @type {number} */ (planConcurrency) > 0)) {
		throw new Error('option planConcurrency must be a positive integer, or null for no limit');
	}
	const { maxPageSize } = options;
	if (maxPageSize !== undefined && maxPageSize !== null && !(Number.isSafeInteger(maxPageSize) && /** @type {number} */ (maxPageSize) > 0)) {
		throw new Error('option maxPageSize must be a positive integer, or null for none');
	}
	if (planConcurrencyMode !== undefined && planConcurrencyMode !== 'reject' && planConcurrencyMode !== 'queue') {
		throw new Error("option planConcurrencyMode must be 'reject' or 'queue'");
	}
}

/**
 * `fileSize: null` (the JSON spelling, e.g. POST /__mock/options) means undefined: real media.
 * @template {{ fileSize?: number | null }} T @param {T} options
 * @returns {T & { fileSize?: number }}
 */
function normaliseFileSize(options) {
	return /** @type {T & { fileSize?: number }} */ (options.fileSize === null ? { ...options, fileSize: undefined } : options);
}

/** @param {FaultSpec} spec */
function checkFault(spec) {
	if (!spec || typeof spec.path !== 'string' || !FAULT_KINDS.includes(spec.kind)) {
		throw new Error(`fault needs { path, kind } with kind one of ${FAULT_KINDS.join(', ')}`);
	}
	if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 499)) {
		throw new Error('fault status must be an HTTP 4xx status (400-499)');
	}
	if (spec.code !== undefined && !Number.isInteger(spec.code)) throw new Error('fault code must be an integer');
	if (spec.msg !== undefined && typeof spec.msg !== 'string') throw new Error('fault msg must be a string');
	const ra = spec.retryAfter;
	if (ra !== undefined && ra !== null && !(typeof ra === 'number' && Number.isFinite(ra) && ra >= 0) && !(typeof ra === 'string' && ra.trim() !== '')) {
		throw new Error('fault retryAfter must be null, a number of seconds or a non-empty string');
	}
}

/** @param {URLSearchParams} params */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [key, value] of params) {
		const prev = out[key];
		out[key] = prev === undefined ? value : [prev].flat().concat(value);
	}
	return out;
}

/** @param {string} raw */
function parseBody(raw) {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

/**
 * @param {http.ServerResponse} res @param {number} status @param {unknown} json
 */
function sendJson(res, status, json) {
	const text = JSON.stringify(json);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/**
 * Starts the mock on a real loopback HTTP port.
 * @param {Partial<MockOptions>} [options]
 */
async function startMockAkool(options = {}) {
	checkOptions(options);
	/** @type {MockOptions} */
	const opts = { ...DEFAULTS, ...normaliseFileSize(options) };
	encryptCallback('', opts.apiKey, opts.clientId); // throws early on an unusable key length
	let listenUrl = '';
	const publicUrl = () => (opts.publicUrl || listenUrl).replace(/\/+$/, '');
	const engine = new JobEngine(opts, publicUrl);

	/** @type {LoggedRequest[]} */
	const requests = [];
	/** @type {Array<Required<Pick<FaultSpec, 'path' | 'kind' | 'count'>> & FaultSpec>} */
	let faults = [];
	/** @type {Array<{ behaviour: Behaviour, count: number }>} */
	let behaviours = [];
	/** @type {import('./routes.js').ApiState} */
	const apiState = {
		get apiKey() { return opts.apiKey; },
		get clientId() { return opts.clientId; },
		get strict() { return opts.strict; },
		get maxPageSize() { return opts.maxPageSize ?? undefined; },
		get avatarUploadPage() { return opts.avatarUploadPage; },
		get characterSwapModelName() { return opts.characterSwapModelName; },
		engine,
		tokens: new Set(),
		knowledgeBases: [],
		credit: opts.credit,
		publicUrl,
		takeBehaviour() {
			const next = behaviours[0];
			if (!next) return {};
			if (--next.count <= 0) behaviours.shift();
			return next.behaviour;
		},
	};

	/** @param {string} method @param {string} path */
	function takeFault(method, path) {
		const fault = faults.find((f) => path.startsWith(f.path) && (!f.method || f.method.toUpperCase() === method));
		if (fault && --fault.count <= 0) faults = faults.filter((f) => f !== fault);
		return fault;
	}

	/**
	 * What /files/<name> serves: a job's file takes the size fixed at its creation (its `fileSize`
	 * behaviour, else the `fileSize` option then), any other name the current option. A size means
	 * synthetic bytes of that size; none means the real media for the extension (media.js), or
	 * SYNTHETIC_FILE_SIZE synthetic bytes when the extension has none.
	 * @param {string} name
	 * @returns {{ size: number, media?: Buffer }}
	 */
	function fileContent(name) {
		const job = engine.jobForFile(name);
		const size = job ? job.fileSize : opts.fileSize;
		if (size !== undefined) return { size };
		const media = mediaBytes(name);
		return media ? { size: media.length, media } : { size: SYNTHETIC_FILE_SIZE };
	}

	/**
	 * @param {string} name @param {http.IncomingMessage} req @param {http.ServerResponse} res
	 * @param {boolean} truncate send the headers and only half of the bytes, then drop the connection
	 */
	function serveFile(name, req, res, truncate, chunked = false) {
		const job = engine.jobForFile(name);
		if (name === '' || name.includes('/') || (job && (job.deleted || job.status !== 3))) {
			return sendJson(res, 404, { code: 404, msg: 'Not Found' });
		}
		const { size, media } = fileContent(name);
		// `?chunked=1`: no Content-Length (a CDN streaming a file of unknown size).
		res.writeHead(200, { 'content-type': CONTENT_TYPES[extensionOf(name)] ?? 'application/octet-stream', ...(chunked ? {} : { 'content-length': size }), 'cache-control': 'max-age=604800' });
		if (req.method === 'HEAD') return res.end();
		const sent = truncate ? Math.floor(size / 2) : size;
		pipeline(media ? Readable.from([media.subarray(0, sent)]) : fileStream(name, sent), res, () => {});
		if (truncate) res.on('finish', () => req.socket.destroy()); // res.socket is already detached here
	}

	/** @type {Record<string, (body: any, query: Record<string, string | string[]>) => unknown>} */
	const control = {
		'GET /__mock/health': () => ({ ok: true }),
		'GET /__mock/state': () => ({ url: listenUrl, publicUrl: publicUrl(), apiKey: opts.apiKey, clientId: opts.clientId, credit: apiState.credit, options: opts, faults, jobs: [...engine.jobs.values()], callbacksSent: engine.callbacksSent, inputFetches: engine.inputFetches }),
		'GET /__mock/requests': (_b, q) => (q.api ? mock.apiRequests() : requests),
		'GET /__mock/callbacks': () => engine.callbacksSent,
		'GET /__mock/input-fetches': () => engine.inputFetches,
		'GET /__mock/jobs': () => [...engine.jobs.values()],
		'POST /__mock/jobs': (b) => mock.addJob(b),
		'POST /__mock/fault': (b) => (mock.fault(b), { ok: true }),
		'POST /__mock/clear-faults': () => (mock.clearFaults(), { ok: true }),
		'POST /__mock/next-jobs': (b) => (mock.nextJobs(b.behaviour ?? {}, b.count), { ok: true }),
		'POST /__mock/options': (b) => (mock.setOptions(b), { ok: true }),
		'POST /__mock/clear-log': () => (mock.clearLog(), { ok: true }),
		'POST /__mock/reset': () => (mock.clearLog(), mock.clearFaults(), (behaviours = []), { ok: true }),
		'GET /__mock/knowledge': () => apiState.knowledgeBases,
		'POST /__mock/callback': (b) => mock.deliverCallback(b.url, b.payload, b),
	};

	/**
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
	 * @param {LoggedRequest} entry @param {FaultKind | undefined} faultKind
	 */
	async function route(req, res, entry, faultKind) {
		const { method, path } = entry;
		if (path === '/redirect' && typeof entry.query.to === 'string') {
			res.writeHead(302, { location: entry.query.to, 'content-length': '0' });
			return res.end();
		}
		if (path.startsWith('/files/')) {
			if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { code: 405, msg: 'Method Not Allowed' });
			return serveFile(decodeURIComponent(path.slice('/files/'.length)), req, res, faultKind === 'truncate', entry.query.chunked === '1');
		}
		if (isApiPath(path)) {
			const { httpStatus, json } = handleApi(apiState, entry);
			const code = /** @type {{ code?: unknown }} */ (json)?.code;
			if (typeof code === 'number') entry.code = code;
			if (faultKind !== 'truncate') return sendJson(res, httpStatus, json);
			const text = JSON.stringify(json);
			res.writeHead(httpStatus, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
			return res.end(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
		}
		const action = control[`${method} ${path}`];
		if (action) {
			try {
				return sendJson(res, 200, await action(entry.body ?? {}, entry.query));
			} catch (err) {
				return sendJson(res, 400, { ok: false, error: err instanceof Error ? err.message : String(err) });
			}
		}
		return sendJson(res, 404, { code: 404, msg: `Cannot ${method} ${path}` });
	}

	/** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
	async function onRequest(req, res) {
		const arrivedAt = Date.now(); // when the request's headers arrived, before its body is read
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const url = new URL(req.url ?? '/', 'http://mock.invalid');
		/** @type {LoggedRequest} */
		const entry = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: queryObject(url.searchParams),
			headers: req.headers,
			body: parseBody(Buffer.concat(chunks).toString('utf8')),
			at: arrivedAt,
		};
		requests.push(entry);
		if (isApiPath(entry.path)) for (const listener of apiRequestListeners) listener(entry);
		res.once('close', () => {
			if (!res.writableFinished) entry.abortedAt = Date.now();
		});
		const fault = entry.path.startsWith('/__mock/') ? undefined : takeFault(entry.method, entry.path);
		if (!fault) return route(req, res, entry, undefined);
		entry.fault = fault.kind;
		if (fault.delayMs) await engine.sleep(fault.delayMs);
		switch (fault.kind) {
			case 'reset':
				return req.socket.destroy();
			case 'hang':
				return undefined; // never answer; close() destroys the socket
			case 'truncate':
			case 'delay':
				return route(req, res, entry, fault.kind);
			case '4xx-envelope': {
				// HTTP 4xx that still carries an Akool {code, msg} body.
				const code = fault.code ?? 1003;
				return sendJson(res, fault.status ?? 400, { code, msg: fault.msg ?? CODE_MESSAGES[code] ?? 'Error' });
			}
			default: {
				const f = HTTP_FAULTS[fault.kind];
				// 429: Retry-After 1 unless the fault says otherwise (retryAfter null = no header).
				const retryAfter = f.status !== 429 || fault.retryAfter === null ? undefined : String(fault.retryAfter ?? 1);
				res.writeHead(f.status, { 'content-type': f.type, 'content-length': Buffer.byteLength(f.body), ...(retryAfter !== undefined ? { 'retry-after': retryAfter } : {}) });
				return res.end(f.body);
			}
		}
	}

	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((err) => {
			if (!res.headersSent) sendJson(res, 500, { code: 500, msg: `mock error: ${err instanceof Error ? err.message : err}` });
			else res.destroy();
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, opts.host, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	listenUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

	/** @type {Promise<void> | undefined} */
	let closing;

	const mock = {
		get url() { return listenUrl; },
		get port() { return address.port; },
		get apiKey() { return opts.apiKey; },
		get clientId() { return opts.clientId; },
		get credit() { return apiState.credit; },
		/** The knowledge bases (#58–#62), oldest first (live array). */
		get knowledgeBases() { return apiState.knowledgeBases; },
		requests,
		callbacksSent: engine.callbacksSent,
		/** Every download of a job's input URL (option fetchInputs), query values redacted. */
		inputFetches: engine.inputFetches,
		jobs: engine.jobs,

		/** Only the Akool API calls (`/api/...`, `/interface/...`), optionally for one path prefix. @param {string} [prefix] */
		apiRequests(prefix = '') {
			return requests.filter((r) => isApiPath(r.path) && r.path.startsWith(prefix));
		},
		/** Clears the request log, the callback log and the input download log (in place). */
		clearLog() {
			requests.length = 0;
			engine.callbacksSent.length = 0;
			engine.inputFetches.length = 0;
		},
		/** @param {Partial<MockOptions>} partial */
		setOptions(partial) {
			checkOptions(partial);
			const { credit, port: _port, host: _host, ...rest } = normaliseFileSize(partial);
			if (rest.planConcurrency === null) rest.planConcurrency = undefined;
			if (rest.apiKey !== undefined) encryptCallback('', rest.apiKey, rest.clientId ?? opts.clientId);
			Object.assign(opts, rest);
			if (credit !== undefined) apiState.credit = credit;
		},
		/** The next `count` API-created jobs take this behaviour. @param {Behaviour} behaviour @param {number} [count] */
		nextJobs(behaviour, count = 1) {
			checkFileSize(behaviour.fileSize, 'fileSize');
			if (count > 0) behaviours.push({ behaviour, count });
		},
		/** Forgets the behaviours queued by nextJobs that no job has taken yet. */
		clearNextJobs() {
			behaviours = [];
		},
		/**
		 * Seeds a job into a store. `status` 2 starts it already processing, 3/4 finished now (4 = failed).
		 * `ext` overrides the store's file extension; a V5 task with `fields.media_type: 'image'` defaults to png.
		 * Also for the voiceResult, voiceClone and avatar stores (whose creates exist too).
		 * `variant` (image store): 'v3' = a v3 grid the buttons (#39) can operate, 'upscale', 'v4'.
		 * @param {{ store: StoreName, status?: 1 | 2 | 3 | 4, durationMs?: number, fail?: boolean, failReason?: string, fileSize?: number, webhookUrl?: string, type?: string, ext?: string, variant?: string, fields?: Record<string, unknown> }} spec
		 */
		addJob(spec) {
			const { store, type, webhookUrl, ext, variant, fields, ...behaviour } = spec;
			if (!Object.hasOwn(STORES, store)) throw new Error(`unknown store ${store}`);
			checkFileSize(behaviour.fileSize, 'fileSize');
			const studioImage = STORES[store].resultShaped === true && fields?.media_type === 'image';
			return engine.create({ store, type, webhookUrl, ext: ext ?? (studioImage ? 'png' : undefined), variant, behaviour, body: {}, record: () => ({ ...fields }) });
		},
		/** @param {FaultSpec} spec */
		fault(spec) {
			checkFault(spec);
			if ((spec.count ?? 1) > 0) faults.push({ ...spec, count: spec.count ?? 1 });
		},
		clearFaults() {
			faults = [];
		},
		/**
		 * One encrypted callback POST exactly as Akool sends it (no retry).
		 * @param {string} url @param {unknown} payload @param {import('./jobs.js').DeliverOptions} [overrides]
		 */
		deliverCallback(url, payload, overrides = {}) {
			const { signatureOverride, dataEncryptOverride, timestamp, nonce } = overrides;
			return engine.deliver(url, payload, { signatureOverride, dataEncryptOverride, timestamp, nonce });
		},
		/** Decrypts a `dataEncrypt` with this mock's key/IV and parses the JSON. @param {string} dataEncrypt */
		decrypt(dataEncrypt) {
			return JSON.parse(engine.decrypt(dataEncrypt));
		},
		/** Result URL of a job (valid once it reached status 3). @param {string} id */
		resultUrl(id) {
			const job = engine.jobs.get(id);
			if (!job) throw new Error(`unknown job ${id}`);
			return engine.resultUrl(job);
		},
		/** Number of bytes served at /files/<name> (real media or synthetic). @param {string} name */
		fileSize(name) {
			return fileContent(name).size;
		},
		/** Hex SHA-256 of the bytes served at /files/<name>. @param {string} name */
		async fileSha256(name) {
			const { size, media } = fileContent(name);
			return media ? createHash('sha256').update(media).digest('hex') : fileSha256(name, size);
		},
		/** Stops timers and callbacks, ends hanging requests and keep-alive sockets. */
		close() {
			closing ??= new Promise((resolve) => {
				engine.close();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections();
			});
			return closing;
		},
	};
	return mock;
}

/** @type {Set<(request: LoggedRequest) => void>} */
const apiRequestListeners = new Set();

/**
 * Calls `listener` with every Akool API request (`/api/…`, `/interface/…`) any mock of this module
 * instance receives, from now on; returns the function that stops it. The workflow tier uses it to
 * record which endpoints the node really called (test/coverage/request-log.setup.ts).
 * @param {(request: LoggedRequest) => void} listener
 */
function onApiRequest(listener) {
	apiRequestListeners.add(listener);
	return () => apiRequestListeners.delete(listener);
}

module.exports = {
	startMockAkool,
	onApiRequest,
	encryptCallback,
	decryptCallback,
	signCallback,
	buildCallbackEnvelope,
	fileBytes,
	mediaBytes,
	DEFAULTS,
};
