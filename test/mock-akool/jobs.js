// @ts-check
'use strict';

/**
 * Job stores, the time-driven status machine (§2.2) and webhook delivery (§5).
 *
 * Status is derived from the time since creation: 1 for the first QUEUED_SHARE of the
 * duration, 2 until the duration has elapsed, then 3 (or 4 for a failing job). Callbacks are
 * driven by timers, not by polls.
 */

const http = require('node:http');
const https = require('node:https');
const { buildCallbackEnvelope, decryptCallback, objectId } = require('./crypto.js');
const { STUDIO } = require('./fixtures.js');
const { inputUrls, isSignedBinaryUrl, redactUrl, fetchInput } = require('./inputs.js');

const QUEUED_SHARE = 0.2;

/**
 * @typedef {'video' | 'i2v' | 'faceswap' | 'image' | 'audio' | 'voiceResult' | 'voiceClone' | 'avatar' | 'headSwapV4' | 'headSwapAnalysisV4' | 'moderation' | StudioTaskStore | StudioAnalysisStore} StoreName
 * @typedef {'studioCharacterSwap' | 'studioMotionSwap' | 'studioHeadSwap' | 'studioHairSwap' | 'studioClothingSwap'} StudioTaskStore
 * @typedef {'studioCharacterSwapAnalysis' | 'studioHeadSwapAnalysis' | 'studioClothingSwapAnalysis'} StudioAnalysisStore
 * @typedef {object} StoreSpec
 * @property {string} statusField
 * @property {string | null} resultField the result URL field ("" until 3, or `pendingResult`); null: the store has no result file
 * @property {null} [pendingResult] the result field's value before 3 when it is not "" (VoiceLab `preview`: null)
 * @property {string} ext default file extension (a job may override it, e.g. a video face swap is .mp4)
 * @property {string[]} failFields set to the failure reason at 4
 * @property {string} type default callback `type`
 * @property {(job: Job) => Record<string, unknown>} base
 * @property {true} [resultShaped] where the result URL sits follows the option `v5ResultShape` (V5 tasks; see V5_RESULT_SHAPES)
 * @property {boolean} [progress] show `progress` (0–100) (a job may ask for it too: video translation)
 * @property {number} [errorCode] `error_code` shown at 4 (a job may set its own: video translation)
 * @property {string} [dataField] a data result: null until 3, then `data(job)` (V5 analyses: analysis_result)
 * @property {(job: Job, publicUrl: string) => unknown} [data]
 * @property {(job: Job, publicUrl: string, resultUrl: string) => Record<string, unknown>} [finished] fields that
 *   replace the record's at status 3 only (image `buttons` / `upscaled_urls`, Jarvis `result` / `final_conclusion`)
 * @typedef {{ durationMs?: number, fail?: boolean, failReason?: string, fileSize?: number }} Behaviour
 * @typedef {{ status: number, httpStatus?: number, error?: string, at: number }} CallbackAttempt
 * @typedef {{ url: string, payload: unknown, body: ReturnType<typeof buildCallbackEnvelope>, httpStatus?: number, error?: string, at: number, jobId?: string }} CallbackLogEntry
 * @typedef {{ signatureOverride?: string, dataEncryptOverride?: string, timestamp?: number, nonce?: string }} DeliverOptions
 * @typedef {'url' | 'result_url' | 'video_url' | 'result.url' | 'outputs' | 'absent'} V5ResultShape
 * @typedef {{ apiKey: string, clientId: string, jobDurationMs: number, fileSize: number | undefined, callbackRetries: number, callbackRetryDelayMs: number, callbackTimeoutMs: number, sendInterimCallbacks: boolean, keepCallbackQuery: boolean, resignCallbackRetries: boolean, v5ResultShape?: V5ResultShape, translationAnswer?: 'data' | 'all_results', fetchInputs?: import('./inputs.js').FetchInputsMode, inputFetchTimeoutMs?: number }} EngineOptions
 * @typedef {import('./inputs.js').InputFetch} InputFetch
 */

/** `error_code` of a failed V5 task or analysis (our choice: no V5 code is documented). */
const STUDIO_ERROR_CODE = 1015;

/** `error_code` of a failed v4 head swap task or analysis (our choice: 2001 "server error", documented for head swap). */
const HEAD_SWAP_V4_ERROR_CODE = 2001;
/** `error_code` of a failed Jarvis analysis (our choice: 1212 "sentiment analysis failed", §7). */
const MODERATION_ERROR_CODE = 1212;
/** v3 image buttons (§4.11 #39): U1–U4 4K upscale of a quadrant, V1–V4 variation. */
const IMAGE_BUTTONS = ['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4'];

const UID = 101400;
const TEAM_ID = '6805fb69e92d9edc7ca0b409';

/** @type {Record<StoreName, StoreSpec>} */
const STORES = {
	video: {
		statusField: 'video_status', resultField: 'video', ext: 'mp4', type: 'talking photo',
		failFields: ['faceswap_fail_reason', 'error_reason'],
		base: (job) => ({ create_time: job.createdAt, uid: UID, team_id: TEAM_ID, video_id: job._id, video_lock_duration: 0, deduction_lock_duration: 0, external_video: '', faceswap_quality: 2, storage_loc: 1, deduction_credit: 0 }),
	},
	i2v: {
		statusField: 'status', resultField: 'video_url', ext: 'mp4', type: 'image2video',
		failFields: ['error_reason'],
		base: (job) => ({ create_time: job.createdAt, uid: UID, team_id: TEAM_ID, update_time: job.createdAt, video_duration: 5, webhookUrl: job.webhookAccepted ? job.webhookUrl : '', file_name: job.fileName, only_add_audio: false, sub_type: 1501, deduction_credit: 0 }),
	},
	faceswap: {
		statusField: 'faceswap_status', resultField: 'url', ext: 'jpg', type: 'faceswap',
		failFields: ['faceswap_fail_reason', 'error_reason'],
		base: (job) => ({ faceswap_type: 1, faceswap_quality: 2, deduction_status: 1, image: 1, video_duration: 0, deduction_duration: 0, update_time: job.createdAt, userId: TEAM_ID, uid: UID, createdAt: new Date(job.createdAt).toISOString() }),
	},
	// Image generation (§4.11): at 3 a v3 grid (createbyprompt, or a V button) offers the eight buttons;
	// an upscale (U button) and a v4 image also carry their URL in `upscaled_urls` (our choice).
	image: {
		statusField: 'image_status', resultField: 'image', ext: 'png', type: 'image',
		failFields: ['error_reason'],
		base: (job) => ({ buttons: [], used_buttons: [], upscaled_urls: [], deduction_credit: 0, type: 1, uid: UID, create_time: job.createdAt }),
		finished: (job, _publicUrl, url) => imageFinished(job, url),
	},
	audio: {
		statusField: 'status', resultField: 'url', ext: 'mp3', type: 'audio',
		failFields: ['error_reason'],
		base: (job) => ({ voice_model_id: '', input_text: '', rate: '100%', from: 3, uid: UID, create_time: job.createdAt }),
	},
	// VoiceLab v4 TTS and voice changer results (§4.10 #31–#33, #37): `preview` is null until 3.
	voiceResult: {
		statusField: 'status', resultField: 'preview', pendingResult: null, ext: 'mp3', type: 'voice',
		failFields: ['error_reason'],
		base: (job) => ({ create_time: job.createdAt, update_time: job.createdAt, uid: UID, team_id: TEAM_ID, input_text: '', webhookUrl: hookEcho(job), duration: 0, file_name: job.fileName, gender: '', deduction_credit: 0, name: '', voice_model_id: '', voice_id: '', voice_options: {}, language_code: '', priority: 1, rate: '', __v: 0 }),
	},
	// VoiceLab v4 cloned voices (§4.10 #30, #35, #36): `voice_id` and `preview` are null until 3.
	voiceClone: {
		statusField: 'status', resultField: 'preview', pendingResult: null, ext: 'mp3', type: 'voice clone',
		failFields: ['error_reason'],
		dataField: 'voice_id', data: cloneVoiceId,
		base: (job) => ({ uid: UID, team_id: TEAM_ID, name: '', gender: '', language: 'en', locale: '', text: '', duration: 0, create_time: job.createdAt, update_time: job.createdAt, style: [], scenario: [], age: [], deduction_credit: 0, webhookUrl: hookEcho(job), voice_model_name: 'Akool Multilingual 1', support_stream: 2, source_voice_file: '' }),
	},
	// Uploaded avatars (§4.8 #22, #23): the result is readiness, no file; `url` is the INPUT video.
	avatar: {
		statusField: 'status', resultField: null, ext: '', type: 'avatar upload',
		failFields: ['error_reason'],
		base: (job) => ({ uid: UID, type: 1, from: 3, name: 'Mock avatar', url: '', avatar_id: `avatar${job._id}` }),
	},
	// Head swap v4 tasks (§4.16 #53, #54): `video_url` is the OUTPUT (null until 3), `source_video_url` the input.
	headSwapV4: {
		statusField: 'status', resultField: 'video_url', pendingResult: null, ext: 'mp4', type: 'headswap',
		failFields: ['error_reason'], errorCode: HEAD_SWAP_V4_ERROR_CODE, progress: true,
		base: (job) => ({ create_time: job.createdAt, uid: UID, team_id: TEAM_ID, source_video_url: '', video_duration: 10, resolution: '480p', deduction_duration: 0, deduction_lock_duration: 10, priority: 1, task_id: '', model_name: 'akool-premium', file_name: job.fileName, error_reason: '', error_code: 0 }),
	},
	// Head swap v4 analyses (§4.16 #51, #52): no file; `video_url` is the analysed INPUT; analysis_result null until 3.
	headSwapAnalysisV4: {
		statusField: 'status', resultField: null, ext: '', type: 'headswap analysis',
		failFields: ['error_reason'], errorCode: HEAD_SWAP_V4_ERROR_CODE, progress: true,
		dataField: 'analysis_result', data: headSwapV4Analysis,
		base: (job) => ({ create_time: job.createdAt, uid: UID, team_id: TEAM_ID, video_url: '', type: 'head', task_id: '', error_reason: '', error_code: 0 }),
	},
	// Jarvis moderation (§4.17 #55, #56): no file; `result` (findings) and `final_conclusion` are "" until 3.
	moderation: {
		statusField: 'status', resultField: null, ext: '', type: 'sentiment',
		failFields: ['error_reason'], errorCode: MODERATION_ERROR_CODE,
		base: (job) => ({ uid: UID, type: 4, result: '', final_conclusion: '', create_time: job.createdAt, __v: 0 }),
		finished: (job) => moderationVerdict(job),
	},
	...studioStores(),
};

/**
 * Image fields at 3: a v3 grid (`variant` 'v3': createbyprompt or a V button) offers the eight buttons;
 * an upscale ('upscale') and a v4 image ('v4') list their own URL in `upscaled_urls` (our choice).
 * Other image jobs (seeded without a variant) keep their record's buttons and upscaled_urls.
 * @param {Job} job @param {string} url
 */
function imageFinished(job, url) {
	if (job.variant === 'v3') return { buttons: [...IMAGE_BUTTONS] };
	if (job.variant === 'upscale' || job.variant === 'v4') return { upscaled_urls: [url] };
	return {};
}

/**
 * Deterministic v4 head swap analysis of `record.video_url`: 2 people, 1 when the URL contains "solo",
 * 0 with "noface" (case-insensitive); preview images are `/files/<id>-head-<k>.jpg`, `media_type: 'images'`.
 * @param {Job} job @param {string} publicUrl
 */
function headSwapV4Analysis(job, publicUrl) {
	const url = String(job.record.video_url ?? '');
	const count = /noface/i.test(url) ? 0 : /solo/i.test(url) ? 1 : 2;
	return {
		detected_objects: count,
		media: Array.from({ length: count }, (_, objId) => ({ obj_id: objId, img_url: `${publicUrl}/files/${job._id}-head-${objId}.jpg`, media_type: 'images' })),
		video_info: { width: 1280, height: 720, fps: 25, frame_count: 250 },
	};
}

/** Jarvis verdicts: "unsafe" → Non-Compliant, else "unclear" → Unknown, else Compliant (case-insensitive). */
const VERDICTS = {
	'Non-Compliant': 'Mock finding: the content contains material flagged as unsafe.',
	Unknown: 'Mock finding: the content is unclear; no confident decision could be made.',
	Compliant: 'Mock finding: no policy violation was detected.',
};

/**
 * `result` and `final_conclusion` at 3, from the create's `content` (seeded jobs: `fields.content`).
 * @param {Job} job
 */
function moderationVerdict(job) {
	const body = /** @type {Record<string, unknown>} */ (job.body ?? {});
	const content = String(body.content ?? job.record.content ?? '');
	/** @type {keyof typeof VERDICTS} */
	const verdict = /unsafe/i.test(content) ? 'Non-Compliant' : /unclear/i.test(content) ? 'Unknown' : 'Compliant';
	return { result: VERDICTS[verdict], final_conclusion: verdict };
}

/**
 * Where a V5 task shows its result file, by the option `v5ResultShape`. Akool's "Get Task Result"
 * pages end after `status` (docs.akool.com/ai-tools-suite/swap-studio/<feature>-v5/get-result: "Task
 * detail, including the task fields returned by creation", then `_id`, `task_id`, `status`), so the
 * field is unknown: the sandbox does not answer with one guess but lets each test choose, and its
 * default (`result.url`) is none of the node's own field names, so that the node's tolerance is what
 * the ordinary runs exercise. Each shape gives the fields of a record at status `status` (the URL
 * only at 3; before: the same fields empty).
 * @type {Record<V5ResultShape, (job: Job, url: string, status: number) => Record<string, unknown>>}
 */
const V5_RESULT_SHAPES = {
	/** `url`, the name every Akool callback uses (docs webhook page). */
	url: (_job, url) => ({ url }),
	result_url: (_job, url) => ({ result_url: url }),
	/** `video_url` or `image_url` by the task's media_type (v4 head swap's name). */
	video_url: (job, url) => ({ [job.record.media_type === 'image' ? 'image_url' : 'video_url']: url }),
	/** Nested: `result: { url, media_type }` (null until 3). */
	'result.url': (job, url, status) => ({ result: status === 3 ? { url, media_type: job.record.media_type } : null }),
	/** A list of outputs: `outputs: [{ url }]` ([] until 3). */
	outputs: (_job, url, status) => ({ outputs: status === 3 ? [{ url, index: 0 }] : [] }),
	/** No URL anywhere in the record (a caller can only learn it from the callback or Akool's web app). */
	absent: () => ({}),
};
/** @type {V5ResultShape} */
const DEFAULT_V5_RESULT_SHAPE = 'result.url';

/**
 * Swap Studio V5 (test/reference/swap-studio-v5.md): a task store per feature (GET …/task/detail) and an analysis
 * store per analysed feature (GET …/analyze/detail). Tasks: `status`, the result where the option
 * `v5ResultShape` puts it (V5_RESULT_SHAPES), `progress`, `error_reason` + `error_code` at 4.
 * Analyses have no file (`url` is the SOURCE url); `analysis_result` is null until 3.
 */
function studioStores() {
	/** @type {Partial<Record<StoreName, StoreSpec>>} */
	const out = {};
	for (const feature of Object.values(STUDIO)) {
		out[feature.store] = {
			statusField: 'status', resultField: null, ext: 'mp4', type: `${feature.name} V5`,
			failFields: ['error_reason'], errorCode: STUDIO_ERROR_CODE, progress: true,
			resultShaped: true,
			base: (job) => ({ task_id: '', media_type: job.fileName.endsWith('.png') ? 'image' : 'video', model_name: feature.defaultModel ?? '', deduction_credit: 0, create_time: job.createdAt }),
		};
		if (feature.analysisStore) {
			out[feature.analysisStore] = {
				statusField: 'status', resultField: null, ext: '', type: `${feature.name} V5 analysis`,
				failFields: ['error_reason'], errorCode: STUDIO_ERROR_CODE, progress: true,
				dataField: 'analysis_result', data: analysisResult,
				base: (job) => ({ task_id: '', url: '', media_type: 'video', type: feature.analysisTypes[0], create_time: job.createdAt }),
			};
		}
	}
	return /** @type {Record<StudioTaskStore | StudioAnalysisStore, StoreSpec>} */ (out);
}

/** The webhook URL a record echoes (`webhookUrl`): only an accepted one. @param {Job} job */
function hookEcho(job) {
	return job.webhookAccepted && job.webhookUrl ? job.webhookUrl : '';
}

/** `voice_id` of a finished clone (deterministic: `clone_<_id>`). @param {Job} job */
function cloneVoiceId(job) {
	return `clone_${job._id}`;
}

/**
 * Deterministic analysis of a V5 source: 2 people, 1 when the URL contains "solo", 0 with "noface"
 * (case-insensitive). Video sources get a track manifest and video_info; images neither.
 * @param {Job} job @param {string} publicUrl
 */
function analysisResult(job, publicUrl) {
	const url = String(job.record.url ?? '');
	const video = job.record.media_type !== 'image';
	const count = /noface/i.test(url) ? 0 : /solo/i.test(url) ? 1 : 2;
	return {
		track_manifest_url: video ? `${publicUrl}/files/${job._id}-manifest.json` : null,
		detected_objects: count,
		media: Array.from({ length: count }, (_, objId) => ({ obj_id: objId, img_url: `${publicUrl}/files/${job._id}-obj-${objId}.jpg`, media_type: 'image' })),
		...(video ? { video_info: { width: 1280, height: 720, fps: 25, frame_count: 250 } } : {}),
	};
}

class Job {
	/**
	 * @param {{ _id: string, store: StoreName, type: string, createdAt: number, durationMs: number, fail: boolean, failReason: string, fileSize: number | undefined, ext?: string, webhookUrl: string | null, webhookField: string | null, webhookAccepted: boolean, body: unknown, progress?: boolean, errorCode?: number, variant?: string }} init
	 */
	constructor(init) {
		this._id = init._id;
		this.store = init.store;
		/** callback `type` string */
		this.type = init.type;
		this.createdAt = init.createdAt;
		this.durationMs = init.durationMs;
		this.fail = init.fail;
		this.failReason = init.failReason;
		/** synthetic bytes of this size at /files/<fileName>; undefined: the real media for its extension */
		this.fileSize = init.fileSize;
		const ext = init.ext ?? STORES[init.store].ext;
		/** `<id>.<ext>` under /files/; '' for stores without a result file (V5 analyses) */
		this.fileName = ext ? `${init._id}.${ext}` : '';
		this.webhookUrl = init.webhookUrl;
		/** spelling the client used ('webhookurl' / 'webhookUrl'), null when none was sent */
		this.webhookField = init.webhookField;
		/** true when the spelling is the family's documented one (only then callbacks are sent) */
		this.webhookAccepted = init.webhookAccepted;
		this.body = init.body;
		/** @type {Record<string, unknown>} family fields of the record (without status/result) */
		this.record = {};
		/** @type {CallbackAttempt[]} */
		this.callbacks = [];
		this.finished = false;
		this.deleted = false;
		/** set by cancel() (face swap job/del): ended at 4 before its time, no further callbacks */
		this.cancelled = false;
		/** show `progress` although the store does not (video translation) */
		this.showProgress = init.progress === true;
		/** `error_code` at 4 for this job (video translation), else the store's */
		this.errorCode = init.errorCode;
		/** what kind of job within its store (image: 'v3' grid, 'upscale', 'v4'); null when none */
		this.variant = init.variant ?? null;
		/** input downloads still running (option fetchInputs): the job cannot end before they have */
		this.inputsPending = 0;
		/** ended at 4 because an input could not be downloaded (failReason says why) */
		this.inputFailed = false;
	}

	/**
	 * Current status 1–4, derived from the elapsed time; a job whose inputs are still downloading stays
	 * at 1/2 past its duration (Akool cannot process what it has not read yet).
	 */
	get status() {
		const elapsed = Date.now() - this.createdAt;
		if (this.finished || (elapsed >= this.durationMs && this.inputsPending === 0)) return this.fail ? 4 : 3;
		return elapsed < this.durationMs * QUEUED_SHARE ? 1 : 2;
	}

	/** 0 at 1, 1–99 at 2 (share of the duration elapsed), 100 at 3, 0 at 4 (our choice). */
	get progress() {
		const status = this.status;
		if (status !== 2) return status === 3 ? 100 : 0;
		return Math.min(99, Math.max(1, Math.floor(((Date.now() - this.createdAt) / this.durationMs) * 100)));
	}

	toJSON() {
		return { ...this, status: this.status };
	}
}

/**
 * @param {string} url
 * @param {string} text
 * @param {number} timeoutMs
 * @param {Set<http.ClientRequest>} active
 * @returns {Promise<{ status: number, body: string }>}
 */
function postJson(url, text, timeoutMs, active) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const transport = target.protocol === 'https:' ? https : http;
		const req = transport.request(target, {
			method: 'POST',
			agent: false,
			timeout: timeoutMs,
			headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'user-agent': 'akool-mock-webhook/1.0' },
		}, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		active.add(req);
		req.on('close', () => active.delete(req));
		req.on('timeout', () => req.destroy(new Error(`callback timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		req.end(text);
	});
}

class JobEngine {
	/**
	 * @param {EngineOptions} options live options object (mutated by setOptions)
	 * @param {() => string} publicUrl
	 */
	constructor(options, publicUrl) {
		this.options = options;
		this.publicUrl = publicUrl;
		/** @type {Map<string, Job>} */
		this.jobs = new Map();
		/** @type {CallbackLogEntry[]} */
		this.callbacksSent = [];
		/** @type {InputFetch[]} every input download, appended when it has ended (inputs.js) */
		this.inputFetches = [];
		/** @type {Set<NodeJS.Timeout>} */
		this.timers = new Set();
		/** @type {Set<http.ClientRequest>} */
		this.active = new Set();
		this.closed = false;
	}

	/**
	 * Creates a job. `webhookField` is the family's documented spelling (null: no webhook);
	 * the other spelling is recorded but gets no callback.
	 * `ext` overrides the store's file extension for this job (e.g. 'mp4' for a video face swap).
	 * `progress` / `errorCode` add `progress` and an `error_code` at 4 to this job's view (video translation).
	 * `variant` marks a kind of job within its store (image: 'v3' | 'upscale' | 'v4'; see STORES.image).
	 * @param {{ store: StoreName, type?: string, ext?: string, body?: Record<string, unknown>, webhookField?: 'webhookUrl' | 'webhookurl' | null, webhookUrl?: string, behaviour?: Behaviour & { status?: number }, record?: (job: Job) => Record<string, unknown>, progress?: boolean, errorCode?: number, variant?: string }} spec
	 */
	create(spec) {
		const body = spec.body ?? {};
		const b = spec.behaviour ?? {};
		const durationMs = Math.max(0, b.durationMs ?? this.options.jobDurationMs);
		const now = Date.now();
		// Refused creates never get here (routes.js checks the plan first); 'queue' starts it later.
		const slot = this.planSlot(now);
		if (slot === 'refused') throw new Error('planSlot: the route should have refused this create with 1005');
		const shift = b.status === 2 ? Math.ceil(durationMs * QUEUED_SHARE) : b.status === 3 || b.status === 4 ? durationMs : now - slot;
		const hook = spec.webhookUrl !== undefined
			? { url: spec.webhookUrl, field: 'webhookUrl', accepted: true }
			: pickWebhook(body, spec.webhookField ?? null);
		const job = new Job({
			_id: objectId(),
			store: spec.store,
			type: spec.type ?? STORES[spec.store].type,
			createdAt: now - shift,
			durationMs,
			fail: b.fail === true || b.status === 4,
			failReason: b.failReason ?? 'Mock failure: the job was forced to fail',
			fileSize: b.fileSize ?? this.options.fileSize,
			ext: spec.ext,
			webhookUrl: hook.url,
			webhookField: hook.field,
			webhookAccepted: hook.accepted,
			body,
			progress: spec.progress,
			errorCode: spec.errorCode,
			variant: spec.variant,
		});
		job.record = { _id: job._id, ...STORES[job.store].base(job), ...(spec.record ? spec.record(job) : {}) };
		this.jobs.set(job._id, job);
		if (job.webhookAccepted) this.scheduleCallbacks(job);
		this.startInputFetches(job);
		return job;
	}

	/**
	 * Downloads the job's inputs in the background, as Akool does when a job starts: the http(s) URLs of
	 * its create body that the option `fetchInputs` selects ('signed': n8n's signed binary-data URLs only;
	 * 'all'; 'none'), each once per job (a batch's jobs each read them), in parallel. The first download
	 * that fails ends the job at 4 at once ("Failed to download the input file: …" in its store's failure
	 * fields, a status-4 callback); when all succeed the job runs on as usual (if they take longer than the
	 * job's duration, it stays at 2 until the last one has arrived). Seeded jobs (addJob) have no body.
	 * @param {Job} job
	 */
	startInputFetches(job) {
		const mode = this.options.fetchInputs ?? 'signed';
		if (mode === 'none') return;
		const inputs = inputUrls(job.body).filter(({ url }) => mode === 'all' || isSignedBinaryUrl(url));
		job.inputsPending = inputs.length;
		for (const input of inputs) void this.fetchInput(job, input);
	}

	/** @param {Job} job @param {{ path: string, url: string }} input */
	async fetchInput(job, { path, url }) {
		const at = Date.now();
		const result = await fetchInput(url, this.options.inputFetchTimeoutMs ?? 10_000, this.active);
		if (this.closed) return;
		this.inputFetches.push({ jobId: job._id, path, url: redactUrl(url), host: new URL(url).host, ...result, at, doneAt: Date.now() });
		job.inputsPending--;
		if (result.error !== undefined) this.failInputs(job, `Failed to download the input file: ${result.error} (${path})`);
		else if (job.inputsPending === 0) this.inputsArrived(job);
	}

	/**
	 * An input could not be read: the job ends at 4 now with `reason` (a job already ended, e.g. cancelled
	 * or failed by another input, is left as it is) and reports it to its webhook.
	 * @param {Job} job @param {string} reason
	 */
	failInputs(job, reason) {
		if (job.finished) return;
		job.fail = true;
		job.failReason = reason;
		job.finished = true;
		job.inputFailed = true;
		if (job.webhookAccepted && !job.deleted) void this.notify(job, 4);
	}

	/**
	 * The last input has arrived: a job whose duration has already passed ends now (its end timer found
	 * the inputs still pending and left the end to this); otherwise its end timer ends it.
	 * @param {Job} job
	 */
	inputsArrived(job) {
		if (job.finished || Date.now() < job.createdAt + job.durationMs) return;
		job.finished = true;
		if (job.webhookAccepted && !job.deleted) void this.notify(job, job.fail ? 4 : 3);
	}

	/**
	 * The plan's concurrency (options.planConcurrency): when a new job may start. 'refused' in
	 * 'reject' mode when the account already has that many unfinished jobs; in 'queue' mode the
	 * time the earliest of them ends (the new job stays at status 1 until then).
	 * @param {number} now
	 * @returns {number | 'refused'}
	 */
	planSlot(now) {
		const limit = this.options.planConcurrency;
		if (!limit) return now;
		const ends = [...this.jobs.values()]
			.filter((job) => !job.deleted && !job.cancelled && job.status < 3)
			.map((job) => job.createdAt + job.durationMs)
			.sort((a, b) => a - b);
		if (ends.length < limit) return now;
		if (this.options.planConcurrencyMode !== 'queue') return 'refused';
		return Math.max(now, ends[ends.length - limit]);
	}

	/**
	 * @param {string} id
	 * @param {StoreName} store
	 */
	find(id, store) {
		const job = this.jobs.get(id);
		return job && job.store === store && !job.deleted ? job : undefined;
	}

	/** @param {string} name file name under /files/ */
	jobForFile(name) {
		const job = this.jobs.get(name.split('.')[0]);
		return job && job.fileName !== '' && job.fileName === name ? job : undefined;
	}

	/** Result URL ('' for a store without a result file). @param {Job} job */
	resultUrl(job) {
		return job.fileName ? `${this.publicUrl()}/files/${job.fileName}` : '';
	}

	/**
	 * Ends a job that is still queued or processing at status 4 with `reason` now, sends the status-4
	 * callback (when it has an accepted webhook) and no later one. A finished job is left unchanged.
	 * @param {Job} job @param {string} reason
	 * @returns {boolean} true when the job was cancelled
	 */
	cancel(job, reason) {
		if (job.status >= 3) return false;
		job.fail = true;
		job.failReason = reason;
		job.finished = true;
		job.cancelled = true;
		if (job.webhookAccepted && !job.deleted) void this.notify(job, 4);
		return true;
	}

	/**
	 * The job as its store's poll endpoint shows it: status field, result field ("" until 3, or the
	 * store's `pendingResult`; also the store's alias field), progress, the data result (null until 3)
	 * and, when failed, the failure fields, error_code and deduction_credit 0.
	 * @param {Job} job
	 */
	view(job) {
		const spec = STORES[job.store];
		const status = job.status;
		const url = status === 3 ? this.resultUrl(job) : '';
		/** @type {Record<string, unknown>} */
		const out = { ...job.record, [spec.statusField]: status };
		if (spec.resultField) out[spec.resultField] = status === 3 || spec.pendingResult === undefined ? url : spec.pendingResult;
		if (spec.resultShaped) Object.assign(out, V5_RESULT_SHAPES[this.options.v5ResultShape ?? DEFAULT_V5_RESULT_SHAPE](job, url, status));
		if (spec.progress || job.showProgress) out.progress = job.progress;
		if (spec.dataField) out[spec.dataField] = status === 3 && spec.data ? spec.data(job, this.publicUrl()) : null;
		if (status === 3 && spec.finished) Object.assign(out, spec.finished(job, this.publicUrl(), url));
		if (status === 4) {
			for (const f of spec.failFields) out[f] = job.failReason;
			const errorCode = job.errorCode ?? spec.errorCode;
			if (errorCode !== undefined) out.error_code = errorCode;
			if ('deduction_credit' in out) out.deduction_credit = 0;
		}
		return out;
	}

	/**
	 * @param {number} ms
	 * @returns {Promise<void>} never settles if the engine is closed first
	 */
	sleep(ms) {
		return new Promise((resolve) => {
			if (this.closed) return;
			const t = setTimeout(() => { this.timers.delete(t); resolve(); }, Math.max(0, ms));
			this.timers.add(t);
		});
	}

	/** @param {Job} job */
	scheduleCallbacks(job) {
		const untilProcessing = job.createdAt + job.durationMs * QUEUED_SHARE - Date.now();
		if (untilProcessing > 0 && job.durationMs > 0) {
			void this.sleep(untilProcessing).then(() => {
				if (this.options.sendInterimCallbacks && !job.deleted && !job.cancelled && !job.finished) void this.notify(job, 2);
			});
		}
		void this.sleep(job.createdAt + job.durationMs - Date.now()).then(() => {
			if (job.cancelled || job.inputFailed) return; // cancel() / failInputs() already ended it and sent the status-4 callback
			if (job.inputsPending > 0) return; // still reading its inputs: inputsArrived() ends it
			job.finished = true;
			if (!job.deleted) void this.notify(job, job.fail ? 4 : 3);
		});
	}

	/**
	 * Where a callback is POSTed: the webhook URL, without its query string when `keepCallbackQuery`
	 * is false (read per attempt, so setOptions applies at once).
	 * @param {string} url
	 */
	callbackTarget(url) {
		if (this.options.keepCallbackQuery !== false) return url;
		const query = url.indexOf('?');
		return query === -1 ? url : url.slice(0, query);
	}

	/**
	 * Delivers {_id, status, type, url} to the job's webhook, retrying on non-200 / errors.
	 * Retries re-send the same envelope unless `resignCallbackRetries` is on: then every attempt gets
	 * a new timestamp (later than the previous one), nonce and signature (dataEncrypt is deterministic).
	 * @param {Job} job
	 * @param {number} status
	 */
	async notify(job, status) {
		const payload = { _id: job._id, status, type: job.type, url: status === 3 ? this.resultUrl(job) : '' };
		const hook = /** @type {string} */ (job.webhookUrl);
		let envelope = buildCallbackEnvelope(payload, this.options);
		for (let attempt = 0; attempt <= this.options.callbackRetries && !this.closed; attempt++) {
			if (attempt > 0) {
				await this.sleep(this.options.callbackRetryDelayMs);
				if (this.options.resignCallbackRetries) {
					envelope = buildCallbackEnvelope(payload, { ...this.options, timestamp: Math.max(Date.now(), envelope.timestamp + 1) });
				}
			}
			const entry = await this.post(this.callbackTarget(hook), payload, envelope, job._id);
			job.callbacks.push(entry.error === undefined ? { status, httpStatus: entry.httpStatus, at: entry.at } : { status, error: entry.error, at: entry.at });
			if (entry.httpStatus === 200) return;
		}
	}

	/**
	 * One POST of an envelope; always resolves with the log entry it appended.
	 * @param {string} url
	 * @param {unknown} payload
	 * @param {ReturnType<typeof buildCallbackEnvelope>} envelope
	 * @param {string} [jobId]
	 * @returns {Promise<CallbackLogEntry & { responseBody?: string }>}
	 */
	async post(url, payload, envelope, jobId) {
		/** @type {CallbackLogEntry} */
		const entry = { url, payload, body: envelope, at: Date.now(), ...(jobId ? { jobId } : {}) };
		this.callbacksSent.push(entry);
		try {
			const res = await postJson(url, JSON.stringify(envelope), this.options.callbackTimeoutMs, this.active);
			entry.httpStatus = res.status;
			return { ...entry, responseBody: res.body };
		} catch (err) {
			entry.error = err instanceof Error ? err.message : String(err);
			return entry;
		}
	}

	/**
	 * Sends one callback exactly as Akool would (no retry). Rejects on connection errors.
	 * @param {string} url
	 * @param {unknown} payload
	 * @param {DeliverOptions} [overrides]
	 */
	async deliver(url, payload, overrides = {}) {
		const envelope = buildCallbackEnvelope(payload, { ...this.options, ...overrides });
		const entry = await this.post(this.callbackTarget(url), payload, envelope);
		if (entry.error !== undefined) throw new Error(entry.error);
		return { status: /** @type {number} */ (entry.httpStatus), body: entry.responseBody ?? '' };
	}

	/** @param {string} dataEncrypt */
	decrypt(dataEncrypt) {
		return decryptCallback(dataEncrypt, this.options.apiKey, this.options.clientId);
	}

	close() {
		this.closed = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const req of this.active) req.destroy();
	}
}

/**
 * Which webhook spelling counts: only the family's documented one. A URL sent under the other
 * spelling is recorded but not called back, so a test catches a wrong spelling. Whether real
 * Akool tolerates both spellings is an open question (akool-api.md §10 q4).
 * @param {Record<string, unknown>} body
 * @param {string | null} documented
 * @returns {{ url: string | null, field: string | null, accepted: boolean }}
 */
function pickWebhook(body, documented) {
	/** @param {string} field */
	const urlIn = (field) => (typeof body[field] === 'string' && body[field] !== '' ? /** @type {string} */ (body[field]) : null);
	if (documented && urlIn(documented)) return { url: urlIn(documented), field: documented, accepted: true };
	for (const field of ['webhookurl', 'webhookUrl']) {
		if (urlIn(field)) return { url: urlIn(field), field, accepted: false };
	}
	return { url: null, field: null, accepted: false };
}

module.exports = { JobEngine, Job, STORES, V5_RESULT_SHAPES, DEFAULT_V5_RESULT_SHAPE, QUEUED_SHARE, UID, TEAM_ID, IMAGE_BUTTONS, analysisResult, cloneVoiceId, headSwapV4Analysis };
