// @ts-check
'use strict';

/**
 * The Akool Open API endpoints the mock implements (paths and shapes from akool-api.md; Swap Studio
 * V5 from /tmp/v5/spec.md). Every `/api/` answer is HTTP 200 `{code, msg, data}` (1000 = success);
 * the face detection endpoints (`/interface/detect-api/…`) have their own bodies and HTTP 400/500
 * errors (RAW_ROUTES); unknown paths are HTTP 404.
 * Strict by default (option `strict`): never more lenient than akool-api.md; see README "Strict mode".
 */

const crypto = require('node:crypto');
const { MODELS, EFFECTS, effectList, modelsOfTypes, STUDIO, STUDIO_MODELS, studioModelList } = require('./fixtures.js');
const { objectId } = require('./crypto.js');

/**
 * @typedef {import('./jobs.js').JobEngine} JobEngine
 * @typedef {import('./jobs.js').Job} Job
 * @typedef {import('./jobs.js').Behaviour} Behaviour
 * @typedef {{ apiKey: string, clientId: string, strict: boolean, engine: JobEngine, tokens: Set<string>, credit: number, takeBehaviour: () => Behaviour, publicUrl: () => string }} ApiState
 * @typedef {{ query: Record<string, string | string[]>, body: Record<string, unknown> }} Ctx
 * @typedef {{ code: number, msg?: string, data?: unknown, token?: string }} Envelope
 * @typedef {(state: ApiState, ctx: Ctx) => Envelope} Handler
 * @typedef {{ httpStatus: number, json: unknown }} RawAnswer
 * @typedef {(state: ApiState, ctx: Ctx, badJson: boolean) => RawAnswer} RawHandler
 */

class ApiError extends Error {
	/**
	 * @param {number} code @param {string} msg
	 * @param {number} [httpStatus] HTTP status for the RAW_ROUTES (face detection); envelopes are always 200
	 */
	constructor(code, msg, httpStatus = 400) {
		super(msg);
		this.code = code;
		this.httpStatus = httpStatus;
	}
}

/** @param {unknown} data @param {string} [msg] @returns {Envelope} */
const ok = (data, msg = 'OK') => ({ code: 1000, msg, data });
/** @param {unknown} v */
const isMissing = (v) => v === undefined || v === null || v === '';
/** @param {string} name */
const required = (name) => new ApiError(1003, `${name} is required`);
/** @param {string} name */
const invalid = (name) => new ApiError(1003, `${name} is invalid`);

// ---- validation helpers ----

/**
 * Field readers for one request body. `strict` (the default, option `strict`) follows akool-api.md
 * to the letter: integer/number fields must be JSON numbers, strings strings, booleans booleans, and an
 * enum value must have the documented type ("5" does not match 5, 720 does not match "720"). Only an
 * absent key counts as "not sent" (and "" for an optional string: Akool's own i2v create example on
 * docs.akool.com sends `"webhookurl": ""`); null or a wrong type is `<param> is invalid`.
 * Not strict = the mock's old, lenient behaviour: numeric strings match numbers, null and "" mean
 * "not sent", booleans are not checked.
 * `prefix` names nested fields in messages (e.g. `mappings[1].` → "mappings[1].obj_id is invalid").
 * @param {Record<string, unknown>} body @param {boolean} strict @param {string} [prefix]
 */
function fieldReader(body, strict, prefix = '') {
	/** @param {unknown} v @param {boolean} isString */
	const absent = (v, isString) => (strict ? v === undefined || (isString && v === '') : isMissing(v));
	/** @param {string} name */
	const label = (name) => prefix + name;
	return {
		/** `<prefix><name> is invalid` (1003), to throw. @param {string} name */
		invalid(name) {
			return invalid(label(name));
		},
		/** Whether the key counts as sent (strict: present; not strict: not null/""). @param {string} name */
		has(name) {
			return !absent(body[name], false);
		},
		/**
		 * @param {string} name
		 * @param {{ required?: boolean, max?: number, allowEmpty?: boolean }} [rule] allowEmpty: when
		 *   required and strict, "" is accepted (the key must still be sent)
		 * @returns {string | undefined}
		 */
		str(name, rule = {}) {
			const v = body[name];
			if (rule.required) {
				if (!(strict && rule.allowEmpty && v === '') && isMissing(v)) throw required(label(name));
			} else if (absent(v, true)) {
				return undefined;
			}
			if (typeof v !== 'string' || (rule.max !== undefined && v.length > rule.max)) throw invalid(label(name));
			return v;
		},
		/**
		 * Enum check; returns the matching allowed value. Strict: same type as the allowed values.
		 * @template {string | number} T
		 * @param {string} name @param {readonly T[]} allowed @param {boolean} [isRequired]
		 * @returns {T | undefined}
		 */
		oneOf(name, allowed, isRequired = false) {
			const v = body[name];
			if (isRequired ? isMissing(v) : absent(v, typeof allowed[0] === 'string')) {
				if (isRequired) throw required(label(name));
				return undefined;
			}
			const match = strict
				? allowed.find((a) => a === v)
				: typeof v === 'string' || typeof v === 'number' ? allowed.find((a) => String(a) === String(v)) : undefined;
			if (match === undefined) throw invalid(label(name));
			return match;
		},
		/**
		 * @param {string} name @param {number} min @param {number} max
		 * @param {{ required?: boolean, integer?: boolean }} [rule]
		 * @returns {number | undefined}
		 */
		num(name, min, max, rule = {}) {
			const v = body[name];
			if (rule.required ? isMissing(v) : absent(v, false)) {
				if (rule.required) throw required(label(name));
				return undefined;
			}
			const n = typeof v === 'number' || (!strict && typeof v === 'string') ? Number(v) : NaN;
			if (!Number.isFinite(n) || n < min || n > max || (rule.integer && !Number.isInteger(n))) throw invalid(label(name));
			return n;
		},
		/** Optional boolean (checked only when strict). @param {string} name @returns {boolean | undefined} */
		bool(name) {
			const v = body[name];
			if (absent(v, false)) return undefined;
			if (strict && typeof v !== 'boolean') throw invalid(label(name));
			return /** @type {boolean | undefined} */ (v);
		},
		/**
		 * Array field (JSON types are checked in both modes). Required: not sent, null or [] →
		 * `<name> is required`. Not an array, fewer than `min` or more than `max` items → invalid.
		 * @param {string} name @param {{ required?: boolean, min?: number, max?: number }} [rule]
		 * @returns {unknown[] | undefined}
		 */
		array(name, rule = {}) {
			const v = body[name];
			if (rule.required ? isMissing(v) || (Array.isArray(v) && v.length === 0) : absent(v, false)) {
				if (rule.required) throw required(label(name));
				return undefined;
			}
			if (!Array.isArray(v) || v.length < (rule.min ?? 0) || v.length > (rule.max ?? Infinity)) throw invalid(label(name));
			return v;
		},
		/**
		 * Array of non-empty strings (a bad item → `<name>[i] is invalid`).
		 * @param {string} name @param {{ required?: boolean, min?: number, max?: number }} [rule]
		 * @returns {string[] | undefined}
		 */
		strings(name, rule = {}) {
			const list = this.array(name, rule);
			list?.forEach((item, i) => {
				if (typeof item !== 'string' || item === '') throw invalid(label(`${name}[${i}]`));
			});
			return /** @type {string[] | undefined} */ (list);
		},
		/**
		 * Array of exactly `length` finite numbers (e.g. a bbox).
		 * @param {string} name @param {number} length @param {boolean} [isRequired]
		 * @returns {number[] | undefined}
		 */
		numbers(name, length, isRequired = false) {
			const v = body[name];
			if (isRequired ? isMissing(v) : absent(v, false)) {
				if (isRequired) throw required(label(name));
				return undefined;
			}
			if (!Array.isArray(v) || v.length !== length || v.some((n) => typeof n !== 'number' || !Number.isFinite(n))) throw invalid(label(name));
			return v;
		},
		/**
		 * Array of objects; each item is read by `read` with a reader prefixed `<name>[i].`
		 * (an item that is not an object → `<name>[i] is invalid`).
		 * @template T
		 * @param {string} name @param {{ required?: boolean, min?: number, max?: number }} rule
		 * @param {(item: ReturnType<typeof fieldReader>, index: number) => T} read
		 * @returns {T[] | undefined}
		 */
		objects(name, rule, read) {
			return this.array(name, rule)?.map((item, i) => {
				if (item === null || typeof item !== 'object' || Array.isArray(item)) throw invalid(label(`${name}[${i}]`));
				return read(fieldReader(/** @type {Record<string, unknown>} */ (item), strict, label(`${name}[${i}].`)), i);
			});
		},
		/**
		 * A nested object read by `read` with a reader prefixed `<name>.`.
		 * @param {string} name @param {boolean} isRequired @param {(item: ReturnType<typeof fieldReader>) => void} read
		 */
		object(name, isRequired, read) {
			const v = body[name];
			if (isRequired ? isMissing(v) : absent(v, false)) {
				if (isRequired) throw required(label(name));
				return;
			}
			if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(label(name));
			read(fieldReader(/** @type {Record<string, unknown>} */ (v), strict, label(`${name}.`)));
		},
		/**
		 * audio_type (1 AI / 2 custom `audio_url` / 3 none, an integer per §4.13) plus the conditional audio_url.
		 * @param {readonly number[]} allowed @param {boolean} isRequired
		 */
		audio(allowed, isRequired) {
			const audioType = this.oneOf('audio_type', allowed, isRequired);
			const audioUrl = this.str('audio_url', { required: audioType === 2 });
			return { audio_type: audioType, audio_url: audioUrl ?? '' };
		},
	};
}

/**
 * The documented webhook field must be a string when sent (checked when strict, before any credit is
 * charged); "" means "no webhook" like in Akool's examples.
 * @param {ApiState} state @param {Record<string, unknown>} body @param {'webhookUrl' | 'webhookurl'} field
 */
function checkWebhookField(state, body, field) {
	if (state.strict) fieldReader(body, true).str(field);
}

/** @param {ApiState} state @param {number} amount */
function charge(state, amount) {
	if (state.credit < amount) throw new ApiError(1006, 'Your quota is not enough');
	state.credit -= amount;
}

/** Comma-separated id string -> ids. @param {unknown} v @param {string} name */
function idList(v, name) {
	if (Array.isArray(v) || (typeof v !== 'string' && !isMissing(v))) throw invalid(name);
	if (typeof v !== 'string' || v.trim() === '') throw required(name);
	return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** @param {string | string[] | undefined} v */
const first = (v) => (Array.isArray(v) ? v[0] : v);
/** @param {number} type */
const modelValues = (type) => MODELS.filter((m) => m.type === type).map((m) => m.value);
/** @param {Job} job */
const hookEcho = (job) => (job.webhookAccepted ? job.webhookUrl : '');

/**
 * @param {ApiState} state
 * @param {Parameters<JobEngine['create']>[0]} spec
 */
function createJob(state, spec) {
	return state.engine.create({ ...spec, behaviour: state.takeBehaviour() });
}

// ---- prices (credits) ----
/** @type {Record<string, number>} per started 5 s block */
const CHARACTER_SWAP_PRICE = { '480p': 5, '720p': 10, '1080p': 15 };
/** @type {Record<string, number>} per 5 s */
const I2V_PRICE = { '480p': 15, '720p': 20, '1080p': 25, '4k': 30 };
const TALKING_PHOTO_PRICE = 10;
/** @param {string} resolution @param {number} seconds */
const i2vPrice = (resolution, seconds) => Math.ceil(((I2V_PRICE[resolution] ?? 20) * seconds) / 5);

// ---- handlers ----

/** @type {Handler} */
function getToken(state, { body }) {
	if (isMissing(body.clientId) || isMissing(body.clientSecret)) return { code: 1102, msg: 'clientId and clientSecret cannot be empty' };
	if (body.clientId !== state.clientId || body.clientSecret !== state.apiKey) {
		return { code: 1101, msg: 'Invalid authorization or The request token has expired' };
	}
	const b64 = (/** @type {object} */ o) => Buffer.from(JSON.stringify(o)).toString('base64url');
	const iat = Math.floor(Date.now() / 1000);
	const token = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ id: state.clientId, type: 1, from: 2, iat, exp: iat + 3.2e7 })}.${crypto.randomBytes(32).toString('base64url')}`;
	state.tokens.add(token);
	return { code: 1000, token };
}

/** @type {Handler} */
function modelList(_state, { query }) {
	/** @type {string[]} */
	const raw = [];
	for (const [key, value] of Object.entries(query)) {
		if (/^types(\[\d*\])?$/.test(key)) raw.push(...[value].flat().flatMap((s) => s.split(',')));
	}
	const types = raw.map((s) => s.trim()).filter(Boolean);
	if (types.length === 0) throw required('types');
	if (types.some((t) => !/^\d+$/.test(t))) throw invalid('types');
	return ok(modelsOfTypes(types.map(Number)));
}

/** @type {Handler} */
function characterSwapCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	// §4.15 table: image/video string (required), duration number, resolution/mode/prompt string.
	const image = v.str('image', { required: true });
	const video = v.str('video', { required: true });
	const duration = v.num('duration', 1, 120);
	const resolution = v.oneOf('resolution', ['480p', '720p', '1080p']) ?? '720p';
	const mode = v.oneOf('mode', ['animate', 'replace']) ?? 'animate';
	const prompt = v.str('prompt', { max: 500 }) ?? '';
	const modelName = v.oneOf('model_name', modelValues(2101)) ?? 'wavespeed-ai/wan-2.2/animate';
	checkWebhookField(state, body, 'webhookurl');
	const seconds = duration ?? 10; // "auto-detected if omitted": the mock assumes 10 s
	const cost = CHARACTER_SWAP_PRICE[resolution] * Math.ceil(seconds / 5);
	charge(state, cost);
	const job = createJob(state, {
		store: 'video', type: 'character swap', webhookField: 'webhookurl', body,
		record: (j) => ({ video_duration: seconds, deduction_credit: cost, resolution, file_name: j.fileName, image_url: image, video_url: video, prompt, mode, model_name: modelName, webhookUrl: hookEcho(j) }),
	});
	return ok({ ...job.record, status: 1 });
}

/** @type {Handler} */
function talkingPhotoCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	// §4.5 table: all strings; resolution is the string "720" | "1080" (strict: the number 720 is invalid).
	const photo = v.str('talking_photo_url', { required: true });
	const audioUrl = v.str('audio_url', { required: true });
	const prompt = v.str('prompt') ?? '';
	const resolution = v.oneOf('resolution', ['720', '1080']) ?? '720';
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, TALKING_PHOTO_PRICE);
	const job = createJob(state, {
		store: 'video', type: 'talking photo', webhookField: 'webhookUrl', body,
		record: () => ({ type: 5, from: 3, talking_photo: photo, audio_url: audioUrl, prompt, resolution, deduction_credit: TALKING_PHOTO_PRICE }),
	});
	return ok({ ...job.record, video_status: 1, video: '' });
}

/**
 * Record fields shared by i2v creates. @param {Record<string, unknown>} body
 * @param {{ resolution: string, seconds: number, cost: number, audio: { audio_type: number | undefined, audio_url: string }, effect?: typeof EFFECTS[number], extra?: Record<string, unknown> }} f
 * @returns {(job: Job) => Record<string, unknown>}
 */
function i2vRecord(body, f) {
	return (job) => ({
		webhookUrl: hookEcho(job), resolution: f.resolution, file_name: job.fileName, effect_name: f.effect?.name ?? '',
		image_url: body.image_url, prompt: body.prompt ?? '', negative_prompt: body.negative_prompt ?? '', extend_prompt: body.extend_prompt ?? false,
		audio_type: f.audio.audio_type ?? 3, audio_url: f.audio.audio_url, deduction_credit: f.cost, effect_code: f.effect?.effect_code ?? '',
		video_duration: f.seconds, ...f.extra,
	});
}

/** @type {Handler} */
function i2vCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	// §4.13 #43 table: image_url, prompt, negative_prompt, resolution, audio_type, video_length required;
	// audio_type and video_length integers; extend_prompt and is_premium_model booleans.
	v.str('image_url', { required: true });
	const effectCode = v.oneOf('effect_code', EFFECTS.map((e) => e.effect_code));
	// prompt is "required" but "ignored when effect_code set". Whether it may then be empty or left out
	// is open, so with an effect "" is accepted (strict: the key must still be sent; not strict: it may
	// be left out, the mock's old behaviour).
	v.str('prompt', { required: state.strict || effectCode === undefined, allowEmpty: effectCode !== undefined });
	// negative_prompt is "required (per table)": strict, the key must be sent. Whether "" satisfies
	// "required" is not documented (open), so "" is accepted. Not strict: it may be left out.
	v.str('negative_prompt', { required: state.strict, allowEmpty: true });
	v.bool('extend_prompt');
	v.bool('is_premium_model');
	const resolution = /** @type {string} */ (v.oneOf('resolution', ['720p', '1080p', '4k'], true));
	const sound = v.audio([1, 2, 3], true);
	const seconds = Number(v.oneOf('video_length', [5, 10], true));
	checkWebhookField(state, body, 'webhookurl');
	const cost = i2vPrice(resolution, seconds);
	charge(state, cost);
	const effect = EFFECTS.find((e) => e.effect_code === effectCode);
	const job = createJob(state, { store: 'i2v', webhookField: 'webhookurl', body, record: i2vRecord(body, { resolution, seconds, cost, audio: sound, effect }) });
	return ok({ ...job.record, status: 1 });
}

/**
 * Batch create. Items the remaining credit cannot pay for go to `errorList` as
 * `{index, code: 1006, msg}`; if none can be paid the whole call answers 1006.
 * @type {Handler}
 */
function i2vBatch(state, { body }) {
	const v = fieldReader(body, state.strict);
	// §4.13 #44: image_url, prompt, resolution, video_length required; negative_prompt optional here;
	// video_length and count integers (1-10), extend_prompt boolean.
	v.str('image_url', { required: true });
	v.str('prompt', { required: true });
	const modelName = v.oneOf('model_name', modelValues(1501)) ?? 'AkoolImage2VideoFastV1';
	const model = /** @type {typeof MODELS[number]} */ (MODELS.find((m) => m.value === modelName));
	v.str('negative_prompt');
	v.bool('extend_prompt');
	const resolution = /** @type {string} */ (v.oneOf('resolution', model.resolutionList.map((r) => r.value), true));
	const seconds = Number(v.oneOf('video_length', model.durationList, true));
	const count = v.num('count', 1, 10, { integer: true }) ?? 1;
	const lastImage = v.str('last_image_url');
	if (lastImage !== undefined && !model.supportedLastFrame) throw invalid('last_image_url');
	// audio_type is not in the batch table; [I2V-demo] sends it here as a STRING while §6 says the docs
	// type it as an integer. Open, so both 1 and "1" are accepted on this endpoint even when strict.
	const sound = fieldReader(body, false).audio([1, 2, 3], false);
	checkWebhookField(state, body, 'webhookurl');
	const cost = i2vPrice(resolution, seconds);
	const batchId = objectId();
	/** @type {Record<string, unknown>[]} */
	const successList = [];
	/** @type {{ index: number, code: number, msg: string }[]} */
	const errorList = [];
	for (let index = 0; index < count; index++) {
		if (state.credit < cost) {
			errorList.push({ index, code: 1006, msg: 'Your quota is not enough' });
			continue;
		}
		charge(state, cost);
		const extra = { model_name: modelName, batch_id: batchId, batch_count: count, last_image_url: lastImage ?? '' };
		const job = createJob(state, { store: 'i2v', webhookField: 'webhookurl', body, record: i2vRecord(body, { resolution, seconds, cost, audio: sound, extra }) });
		successList.push({ ...job.record, status: 1 });
	}
	if (successList.length === 0) throw new ApiError(1006, 'Your quota is not enough');
	return ok({ successList, errorList });
}

/** @type {Handler} */
function i2vUpdateAudio(state, { body }) {
	const v = fieldReader(body, state.strict);
	// §4.13 #47: pre_video_id string, audio_type 1 | 2 (integer, as on #43), audio_url when 2.
	const preId = /** @type {string} */ (v.str('pre_video_id', { required: true }));
	const sound = v.audio([1, 2], true);
	const pre = state.engine.find(preId, 'i2v');
	if (!pre) throw new ApiError(1008, 'The content you get does not exist');
	if (pre.status !== 3) throw new ApiError(1003, 'pre_video_id is not completed');
	const seconds = Number(pre.record.video_duration) || 5;
	const cost = seconds; // video-to-audio: 5 s = 5, 10 s = 10 credits
	charge(state, cost);
	// No webhook field is documented for this endpoint: any webhook URL is recorded, never called.
	const job = createJob(state, {
		store: 'i2v', webhookField: null, body,
		record: (j) => ({ pre_video_id: preId, file_name: j.fileName, image_url: pre.record.image_url, prompt: pre.record.prompt, resolution: pre.record.resolution, ...sound, video_duration: seconds, only_add_audio: true, deduction_credit: cost }),
	});
	return ok({ ...job.record, status: 1 });
}

/** @type {Handler} */
function i2vDelete(state, { body }) {
	/** @type {string[]} */
	const successIds = [];
	/** @type {{ _id: string, msg: string }[]} */
	const noPermissionItems = [];
	for (const id of idList(body._ids, '_ids')) {
		const job = state.engine.find(id, 'i2v');
		if (!job) noPermissionItems.push({ _id: id, msg: 'video resource does not exist or no permission' });
		else if (job.status < 3) noPermissionItems.push({ _id: id, msg: 'video resource is processing, please try again later' });
		else {
			job.deleted = true;
			successIds.push(id);
		}
	}
	return ok({ successIds, noPermissionItems }, 'Delete successfully');
}

/** `_ids` must be a comma-separated STRING; an array or an `ids` key fails like Akool. @type {Handler} */
function i2vResults(state, { body }) {
	if ('ids' in body || typeof body._ids !== 'string' || body._ids.trim() === '') {
		throw new ApiError(1003, 'Failed to get results');
	}
	return ok({ result: findViews(state, idList(body._ids, '_ids'), 'i2v') });
}

/** @param {ApiState} state @param {string[]} ids @param {import('./jobs.js').StoreName} store */
function findViews(state, ids, store) {
	return ids.flatMap((id) => {
		const job = state.engine.find(id, store);
		return job ? [state.engine.view(job)] : [];
	});
}

/** @type {Handler} */
function faceswapResults(state, { query }) {
	return ok({ result: findViews(state, idList(first(query._ids), '_ids'), 'faceswap') });
}

/**
 * Single-record poll (video / image / audio stores).
 * @param {import('./jobs.js').StoreName} store @param {string} param
 * @returns {Handler}
 */
function pollOne(store, param) {
	return (state, { query }) => {
		const id = first(query[param]);
		if (isMissing(id)) throw required(param);
		const job = state.engine.find(/** @type {string} */ (id), store);
		if (!job) throw new ApiError(1008, 'The content you get does not exist');
		return ok(state.engine.view(job));
	};
}

// ---- Face Swap and Reage (§4.2, §4.4; store `faceswap`, polled with listbyids) ----

/** msg of the v3 face swap and reage creates (§2.1). */
const V3_CREATE_MSG = 'Please be patient! If your results are not generated in three hours, please check your input image.';
/** `opts`: 4 landmark points "x1,y1:x2,y2:x3,y3:x4,y4" (§4.2 FaceImageWithOpts). */
const LANDMARKS = /^-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?(?::-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?){3}$/;
/** Video URLs by extension (path only, query ignored). */
const VIDEO_URL = /\.(?:mp4|mov|avi|webm)$/i;
/** @param {string} url */
const isVideoUrl = (url) => VIDEO_URL.test(url.split(/[?#]/)[0]);
/** Credits (our choice): an image swap / reage 1, a video one 5. */
const FACESWAP_PRICE = { image: 1, video: 5 };

/**
 * FaceImageWithOpts[] (§4.2): items `{path: string, opts: landmark string}`.
 * @param {ReturnType<typeof fieldReader>} v @param {string} name
 * @param {{ needOpts: boolean, max?: number, httpPath?: boolean }} rule httpPath: `path` must be an http(s) URL (Pro)
 */
function faceImages(v, name, rule) {
	return /** @type {unknown[]} */ (v.objects(name, { required: true, min: 1, max: rule.max }, (item) => {
		const path = /** @type {string} */ (item.str('path', { required: true }));
		if (rule.httpPath && !/^https?:\/\/\S+$/i.test(path)) throw item.invalid('path');
		const opts = item.str('opts', { required: rule.needOpts });
		if (opts !== undefined && !LANDMARKS.test(opts)) throw item.invalid('opts');
		return { path, opts };
	}));
}

/**
 * Charges and creates a face swap store job; `job_id` (a string distinct from `_id`) is kept in the
 * record so listbyids shows it and job/del finds the job by it.
 * @param {ApiState} state @param {Record<string, unknown>} body
 * @param {{ video: boolean, withUrl: boolean, msg: string }} f withUrl: the v3 creates answer `url` at submit time
 */
function faceswapJob(state, body, f) {
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, f.video ? FACESWAP_PRICE.video : FACESWAP_PRICE.image);
	const jobId = `job_${crypto.randomBytes(8).toString('hex')}`;
	const job = createJob(state, { store: 'faceswap', ext: f.video ? 'mp4' : 'jpg', webhookField: 'webhookUrl', body, record: () => ({ job_id: jobId }) });
	return ok(f.withUrl ? { _id: job._id, url: state.engine.resultUrl(job), job_id: jobId } : { _id: job._id, job_id: jobId }, f.msg);
}

/**
 * v3 image / video swap (#3, #4): sourceImage and targetImage index-aligned (same length), `opts`
 * on every element, modifyImage | modifyVideo, face_enhance integer 0 | 1.
 * @param {'image' | 'video'} media @returns {Handler}
 */
function faceswapV3(media) {
	return (state, { body }) => {
		const v = fieldReader(body, state.strict);
		const source = faceImages(v, 'sourceImage', { needOpts: true });
		const target = faceImages(v, 'targetImage', { needOpts: true });
		if (target.length !== source.length) throw invalid('targetImage');
		v.str(media === 'image' ? 'modifyImage' : 'modifyVideo', { required: true });
		v.oneOf('face_enhance', [0, 1]);
		return faceswapJob(state, body, { video: media === 'video', withUrl: true, msg: V3_CREATE_MSG });
	};
}

/** Face Swap Pro (#5): 1–50 each, opts optional only when both arrays have one element. @type {Handler} */
function faceswapPro(state, { body }) {
	const v = fieldReader(body, state.strict);
	const sourceCount = /** @type {unknown[]} */ (v.array('sourceImage', { required: true, max: 50 })).length;
	const targetCount = /** @type {unknown[]} */ (v.array('targetImage', { required: true, max: 50 })).length;
	const needOpts = sourceCount > 1 || targetCount > 1;
	faceImages(v, 'sourceImage', { needOpts, max: 50, httpPath: true });
	faceImages(v, 'targetImage', { needOpts, max: 50, httpPath: true });
	v.oneOf('model_name', ['akool_faceswap_image_hq']);
	v.bool('face_enhance');
	v.bool('single_face_mode');
	return faceswapJob(state, body, { video: false, withUrl: false, msg: 'OK' });
}

/**
 * Face Swap Plus (#6): face_mapping required (≥1) unless single_face_mode is true; the result is a
 * video (.mp4) when target_url ends in .mp4/.mov/.avi/.webm, else an image (.jpg).
 * @type {Handler}
 */
function faceswapPlus(state, { body }) {
	const v = fieldReader(body, state.strict);
	v.str('source_url', { required: true });
	const target = /** @type {string} */ (v.str('target_url', { required: true }));
	const single = v.bool('single_face_mode') === true;
	v.objects('face_mapping', { required: !single, min: single ? 0 : 1 }, (m) => {
		m.object('source_face_info', true, (f) => {
			f.str('face_url', { required: true });
			f.numbers('bbox', 4);
		});
		m.object('target_face_info', true, (f) => {
			f.str('face_url');
			f.numbers('bbox', 4);
		});
	});
	v.oneOf('model_style', ['realistic', 'beautify', 'lossless']);
	v.bool('face_enhance');
	return faceswapJob(state, body, { video: isVideoUrl(target), withUrl: false, msg: 'OK' });
}

/** Image / video reage (#13, #14): targetImage with opts, face_reage integer −30…30. @param {'image' | 'video'} media @returns {Handler} */
function reage(media) {
	return (state, { body }) => {
		const v = fieldReader(body, state.strict);
		faceImages(v, 'targetImage', { needOpts: true });
		v.num('face_reage', -30, 30, { required: true, integer: true });
		v.str(media === 'image' ? 'modifyImage' : 'modifyVideo', { required: true });
		return faceswapJob(state, body, { video: media === 'video', withUrl: true, msg: V3_CREATE_MSG });
	};
}

/** Delete results (#8): `_ids` comma string; unknown and other stores' ids are ignored. @type {Handler} */
function faceswapDelete(state, { body }) {
	for (const id of idList(body._ids, '_ids')) {
		const job = state.engine.find(id, 'faceswap');
		if (job) job.deleted = true;
	}
	return { code: 1000, msg: 'Delete successfully' };
}

/**
 * Cancel (#9): `job_ids` comma string of create `job_id`s. Every id must name a face swap job
 * (else 1008, nothing cancelled); running ones end at 4 "Job cancelled", finished ones stay.
 * @type {Handler}
 */
function faceswapCancel(state, { body }) {
	const jobs = idList(body.job_ids, 'job_ids').map((jobId) =>
		[...state.engine.jobs.values()].find((j) => j.store === 'faceswap' && !j.deleted && j.record.job_id === jobId));
	if (jobs.some((j) => !j)) throw new ApiError(1008, 'The content you get does not exist');
	for (const job of /** @type {Job[]} */ (jobs)) state.engine.cancel(job, 'Job cancelled');
	return { code: 1000, msg: 'OK' };
}

// ---- Face detection (§4.3): own bodies, HTTP 400/500 errors ----

const FRAME_W = 1280;
const FRAME_H = 720;
/** Assumed length of a video source (s) for frame_time. */
const DETECT_VIDEO_SECONDS = 10;
/** 6 landmarks relative to the face box: eyes, nose, mouth centre, mouth corners (§4.3). */
const LANDMARK_SHARES = [[0.3, 0.4], [0.7, 0.4], [0.5, 0.6], [0.5, 0.8], [0.35, 0.8], [0.65, 0.8]];

/** @param {string} text */
const sha256 = (text) => crypto.createHash('sha256').update(text, 'utf8').digest();

/**
 * `count` deterministic, non-overlapping face boxes [x, y, w, h] in a 1280×720 frame.
 * @param {string} key @param {number} frame @param {number} count
 */
function faceBoxes(key, frame, count) {
	const slot = Math.floor(FRAME_W / Math.max(count, 1));
	return Array.from({ length: count }, (_, k) => {
		const h = sha256(`${key}#${frame}#${k}`);
		const w = Math.min(slot - 10, 120 + (h[0] % 60) + k * 7);
		const height = Math.round(w * 1.15);
		return [k * slot + (h[1] % Math.max(1, slot - w)), 60 + (h[2] % (FRAME_H - height - 60)), w, height];
	});
}

/** @param {number[][]} points */
const pointString = (points) => points.slice(0, 4).map((p) => p.join(',')).join(':');

/**
 * Decodes detect_faces `img` (base64 or a data URI): at least 8 bytes starting with a PNG, JPEG,
 * BMP or WEBP signature, else HTTP 500 "Failed to decode image".
 * @param {string} img
 */
function decodeImage(img) {
	const b64 = img.replace(/^data:image\/[\w.+-]+;base64,/i, '').replace(/\s+/g, '');
	const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(b64) ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
	const starts = (/** @type {number[]} */ sig, at = 0) => sig.every((b, i) => bytes[at + i] === b);
	const known = starts([0x89, 0x50, 0x4e, 0x47]) || starts([0xff, 0xd8, 0xff]) || starts([0x42, 0x4d])
		|| (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8));
	if (bytes.length < 8 || !known) throw new ApiError(1, 'Failed to decode image', 500);
	return bytes;
}

/**
 * Detect faces (#11). Faces: "noface" in the URL (or image) → 0, "group" → 3, else 1 (case-insensitive);
 * single_face keeps the largest. Videos (URL ending .mp4/.mov/.avi/.webm) get `num_frames` frames.
 * @type {(state: ApiState, ctx: Ctx) => RawAnswer}
 */
function detectFaces(state, { body }) {
	const v = fieldReader(body, state.strict);
	const url = v.str('url');
	const img = url === undefined ? v.str('img') : undefined; // url wins: img is not even read
	const numFrames = v.num('num_frames', 1, 100, { integer: true }) ?? 5;
	const withUrls = v.bool('return_face_url') === true;
	const single = v.bool('single_face') === true;
	if (url === undefined && img === undefined) throw new ApiError(1, "Either 'url' or 'img' parameter must be provided", 400);
	const text = url ?? `${img} ${decodeImage(/** @type {string} */ (img)).toString('latin1')}`;
	const key = sha256(url ?? /** @type {string} */ (img)).toString('hex');
	const count = /noface/i.test(text) ? 0 : /group/i.test(text) ? 3 : 1;
	const video = url !== undefined && isVideoUrl(url);
	const frames = video ? numFrames : 1;
	/** @type {Record<string, unknown>} */
	const facesObj = {};
	for (let frame = 0; frame < frames; frame++) {
		let boxes = faceBoxes(key, frame, count).map((box, k) => ({ box, k }));
		if (single && boxes.length > 1) {
			const largest = boxes.reduce((a, b) => (b.box[2] * b.box[3] > a.box[2] * a.box[3] ? b : a));
			boxes = [largest];
		}
		const faces = boxes.map(({ box: [x, y, w, h], k }) => {
			const points = LANDMARK_SHARES.map(([fx, fy]) => [Math.round(x + fx * w), Math.round(y + fy * h)]);
			const cx = Math.max(0, Math.round(x - 0.3 * w));
			const cy = Math.max(0, Math.round(y - 0.3 * h));
			const crop = [cx, cy, Math.min(FRAME_W - cx, Math.round(1.6 * w)), Math.min(FRAME_H - cy, Math.round(1.6 * h))];
			const cropPoints = points.map(([px, py]) => [px - cx, py - cy]);
			return { region: [x, y, w, h], points, crop, cropPoints, faceUrl: `${state.publicUrl()}/files/face-${key.slice(0, 16)}-${frame}-${k}.jpg` };
		});
		facesObj[String(frame)] = {
			landmarks: faces.map((f) => f.points),
			landmarks_str: faces.map((f) => pointString(f.points)),
			region: faces.map((f) => f.region),
			removed: [],
			frame_time: video ? Math.round((frame * DETECT_VIDEO_SECONDS * 1000) / frames) / 1000 : null,
			face_urls: withUrls ? faces.map((f) => f.faceUrl) : null,
			crop_region: withUrls ? faces.map((f) => f.crop) : null,
			crop_landmarks: withUrls ? faces.map((f) => pointString(f.cropPoints)) : null,
		};
	}
	return { httpStatus: 200, json: { error_code: 0, error_msg: 'SUCCESS', faces_obj: facesObj } };
}

/**
 * Analyze frames (#12). Per frame: "noface" → 0 people, "group" → 2, else 1. People are tracked across
 * frames like Akool's deduplication: person k appears in every frame with more than k people.
 * @type {(state: ApiState, ctx: Ctx) => RawAnswer}
 */
function analyzeFrames(state, { body }) {
	const v = fieldReader(body, state.strict);
	const urls = /** @type {string[]} */ (v.strings('frame_urls', { required: true, min: 1 }));
	const timestamps = v.array('timestamps');
	if (timestamps && (timestamps.length !== urls.length || timestamps.some((t) => typeof t !== 'number' || !Number.isFinite(t)))) {
		throw invalid('timestamps');
	}
	v.num('expand_ratio', 0, 1);
	const counts = urls.map((u) => (/noface/i.test(u) ? 0 : /group/i.test(u) ? 2 : 1));
	const key = sha256(urls.join('\n')).toString('hex').slice(0, 16);
	const persons = [];
	for (let k = 0; k < Math.max(0, ...counts); k++) {
		const appearances = urls.flatMap((u, i) => {
			if (counts[i] <= k) return [];
			const [x, y, w, h] = faceBoxes(sha256(u).toString('hex'), 0, counts[i])[k];
			return [{ timestamp: /** @type {number[] | undefined} */ (timestamps)?.[i] ?? i, frame_idx: i, bbox: [x, y, x + w, y + h] }];
		});
		persons.push({
			person_id: `person_${k}`,
			index: k,
			face_url: `${state.publicUrl()}/files/person-${key}-${k}.jpg`,
			bbox: appearances[0].bbox,
			confidence: Math.round((0.95 - 0.03 * k) * 100) / 100,
			appearances,
			first_seen: appearances[0].timestamp,
			last_seen: appearances[appearances.length - 1].timestamp,
		});
	}
	return { httpStatus: 200, json: { success: true, frame_count: urls.length, persons } };
}

// ---- Swap Studio V5 (/tmp/v5/spec.md) ----

/**
 * @typedef {import('./fixtures.js').StudioFeature} StudioFeature
 * @typedef {typeof STUDIO_MODELS[StudioFeature][number]} StudioModel
 * @typedef {{ mediaType: 'image' | 'video', model: StudioModel, resolution?: string, count: number }} StudioPlan
 */

/** The mock's assumed source video length (s) for V5 video prices. */
const STUDIO_VIDEO_SECONDS = 10;
const MAX_INDEX = Number.MAX_SAFE_INTEGER;

/**
 * `model_name` from the feature's /models list (default: the feature's default model).
 * @param {ReturnType<typeof fieldReader>} v @param {StudioFeature} feature @param {boolean} isRequired
 * @returns {StudioModel}
 */
function studioModel(v, feature, isRequired) {
	const models = STUDIO_MODELS[feature];
	const name = v.oneOf('model_name', models.map((m) => m.model_name), isRequired) ?? STUDIO[feature].defaultModel;
	return /** @type {StudioModel} */ (models.find((m) => m.model_name === name));
}

/**
 * `resolution`: case-sensitive, one of the model's params.resolutions (default: its first).
 * @param {ReturnType<typeof fieldReader>} v @param {StudioModel} model
 */
function studioResolution(v, model) {
	const list = /** @type {{ resolutions?: string[] }} */ (model.params).resolutions ?? [];
	return v.oneOf('resolution', list) ?? list[0];
}

/**
 * `mappings` 1–max of `{obj_id: integer (distinct), img_url: string}`; returns the obj_ids.
 * @param {ReturnType<typeof fieldReader>} v @param {number} max
 */
function objMappings(v, max) {
	/** @type {Set<number>} */
	const seen = new Set();
	return /** @type {number[]} */ (v.objects('mappings', { required: true, min: 1, max }, (m) => {
		const objId = /** @type {number} */ (m.num('obj_id', 0, MAX_INDEX, { required: true, integer: true }));
		m.str('img_url', { required: true });
		if (seen.has(objId)) throw m.invalid('obj_id');
		seen.add(objId);
		return objId;
	}));
}

/**
 * `analyze_id`: a completed analysis of this feature (1008 when unknown or another feature's) of the
 * identical target_url (and media_type when given); every obj_id must be in its analysis_result.media.
 * @param {ApiState} state @param {ReturnType<typeof fieldReader>} v @param {StudioFeature} feature
 * @param {string} targetUrl @param {string | undefined} mediaType @param {number[]} objIds
 */
function checkAnalysis(state, v, feature, targetUrl, mediaType, objIds) {
	const id = /** @type {string} */ (v.str('analyze_id', { required: true }));
	const job = state.engine.find(id, /** @type {import('./jobs.js').StoreName} */ (STUDIO[feature].analysisStore));
	if (!job) throw new ApiError(1008, 'The content you get does not exist');
	if (job.status !== 3) throw new ApiError(1003, 'analyze_id is not completed');
	if (job.record.url !== targetUrl) throw new ApiError(1003, 'target_url does not match analyze_id');
	if (mediaType !== undefined && job.record.media_type !== mediaType) throw new ApiError(1003, 'media_type does not match analyze_id');
	const result = /** @type {{ media: Array<{ obj_id: number }> }} */ (state.engine.view(job).analysis_result);
	const known = new Set(result.media.map((m) => m.obj_id));
	objIds.forEach((objId, i) => {
		if (!known.has(objId)) throw invalid(`mappings[${i}].obj_id`);
	});
}

/** @type {Record<StudioFeature, (state: ApiState, v: ReturnType<typeof fieldReader>, body: Record<string, unknown>) => StudioPlan>} */
const STUDIO_PLANS = {
	characterSwap(state, v) {
		const mediaType = /** @type {'image' | 'video'} */ (v.oneOf('media_type', ['image', 'video'], true));
		const target = /** @type {string} */ (v.str('target_url', { required: true }));
		const model = studioModel(v, 'characterSwap', false);
		if (!model.params.media_types.includes(mediaType)) throw invalid('media_type');
		const resolution = studioResolution(v, model);
		v.bool('keep_original_sound');
		v.str('prompt');
		v.str('negative_prompt');
		v.oneOf('character_orientation', ['image', 'video']);
		if (mediaType === 'image') {
			v.objects('mappings', { required: true, min: 1, max: 2 }, (m) => {
				m.str('source_url', { required: true });
				m.numbers('source_bbox', 4, true);
				m.numbers('target_bbox', 4, true);
			});
		} else if (model.provider === 'kling') {
			v.str('image', { required: true });
		} else {
			checkAnalysis(state, v, 'characterSwap', target, undefined, objMappings(v, 5));
		}
		return { mediaType, model, resolution, count: 1 };
	},
	motionSwap(_state, v) {
		v.str('video', { required: true });
		const images = /** @type {string[]} */ (v.strings('images', { required: true, min: 1, max: 50 }));
		const model = studioModel(v, 'motionSwap', true);
		const resolution = studioResolution(v, model);
		v.oneOf('mode', /** @type {{ modes?: string[] }} */ (model.params).modes ?? []); // Wan only
		v.oneOf('character_orientation', ['image', 'video']);
		v.str('prompt');
		v.str('negative_prompt');
		v.bool('keep_original_sound');
		v.num('duration', Number.MIN_VALUE, Number.MAX_VALUE); // > 0; "does not trim or replace the measured duration"
		return { mediaType: 'video', model, resolution, count: images.length };
	},
	headswap(state, v) {
		v.oneOf('media_type', ['video'], true);
		const target = /** @type {string} */ (v.str('target_url', { required: true }));
		const model = studioModel(v, 'headswap', false);
		const resolution = studioResolution(v, model);
		v.bool('keep_original_sound');
		v.str('prompt');
		checkAnalysis(state, v, 'headswap', target, 'video', objMappings(v, 5));
		return { mediaType: 'video', model, resolution, count: 1 };
	},
	hairswap(_state, v) {
		v.str('target_url', { required: true });
		const max = v.bool('multi_shot') === true ? 12 : 50;
		v.num('target_face_index', 0, MAX_INDEX, { integer: true });
		v.num('source_face_index', 0, MAX_INDEX, { integer: true });
		const model = studioModel(v, 'hairswap', false);
		if (v.has('mappings')) {
			// mappings win over images (not read then) and make ONE combined task; a target face at most once
			// (a mapping without target_face_index means face 0).
			/** @type {Set<number>} */
			const faces = new Set();
			v.objects('mappings', { required: true, min: 1, max }, (m) => {
				m.str('source_url', { required: true });
				const face = m.num('target_face_index', 0, MAX_INDEX, { integer: true }) ?? 0;
				m.num('source_face_index', 0, MAX_INDEX, { integer: true });
				if (faces.has(face)) throw m.invalid('target_face_index');
				faces.add(face);
			});
			return { mediaType: 'image', model, count: 1 };
		}
		if (!v.has('images')) throw new ApiError(1003, 'images or mappings is required');
		const images = /** @type {string[]} */ (v.strings('images', { required: true, min: 1, max }));
		return { mediaType: 'image', model, count: images.length };
	},
	clothingSwap(state, v) {
		const target = /** @type {string} */ (v.str('target_url', { required: true }));
		const mediaType = /** @type {'image' | 'video'} */ (v.oneOf('media_type', ['image', 'video'], true));
		const model = studioModel(v, 'clothingSwap', false);
		v.oneOf('clothing_area', ['Auto', 'Full Outfit', 'Top']);
		const resolution = studioResolution(v, model);
		v.bool('keep_original_sound');
		checkAnalysis(state, v, 'clothingSwap', target, mediaType, objMappings(v, 50));
		return { mediaType, model, resolution, count: 1 };
	},
};

/**
 * POST /api/open/v5/<feature>/create → `data: {list: [task…], errors: []}`. Each task costs the
 * model's unit_price_map `image` value, or its resolution value per started 5 s of the assumed 10 s
 * video. Tasks the remaining credit cannot pay go to `errors` as `{index, code: 1006, msg}`; if none
 * can be paid the call answers 1006.
 * @param {StudioFeature} feature @returns {Handler}
 */
function studioCreate(feature) {
	return (state, { body }) => {
		const plan = STUDIO_PLANS[feature](state, fieldReader(body, state.strict), body);
		checkWebhookField(state, body, 'webhookUrl');
		const prices = /** @type {Record<string, number>} */ (plan.model.unit_price_map);
		const cost = plan.mediaType === 'image' ? prices.image : prices[/** @type {string} */ (plan.resolution)] * Math.ceil(STUDIO_VIDEO_SECONDS / 5);
		/** @type {Record<string, unknown>[]} */
		const list = [];
		/** @type {{ index: number, code: number, msg: string }[]} */
		const errors = [];
		for (let index = 0; index < plan.count; index++) {
			if (state.credit < cost) {
				errors.push({ index, code: 1006, msg: 'Your quota is not enough' });
				continue;
			}
			charge(state, cost);
			const record = { media_type: plan.mediaType, model_name: plan.model.model_name, deduction_credit: cost };
			const job = createJob(state, { store: STUDIO[feature].store, ext: plan.mediaType === 'image' ? 'png' : 'mp4', webhookField: 'webhookUrl', body, record: () => record });
			list.push({ _id: job._id, status: 1, ...record, create_time: job.createdAt, task_id: '' });
		}
		if (list.length === 0) throw new ApiError(1006, 'Your quota is not enough');
		return ok({ list, errors });
	};
}

/**
 * POST /api/open/v5/<feature>/analyze: `url`, `media_type` (head swap: video only), `type` (the
 * feature's values, default the first). No webhook is documented; free (our choice).
 * @param {StudioFeature} feature @returns {Handler}
 */
function studioAnalyze(feature) {
	const spec = STUDIO[feature];
	return (state, { body }) => {
		const v = fieldReader(body, state.strict);
		const url = v.str('url', { required: true });
		const mediaType = v.oneOf('media_type', feature === 'headswap' ? ['video'] : ['image', 'video'], true);
		const type = v.oneOf('type', spec.analysisTypes) ?? spec.analysisTypes[0];
		const job = createJob(state, {
			store: /** @type {import('./jobs.js').StoreName} */ (spec.analysisStore), webhookField: null, body,
			record: () => ({ url, media_type: mediaType, type }),
		});
		return ok({ _id: job._id, task_id: '', status: 1, media_type: mediaType });
	};
}

/** @type {Record<string, Handler>} "METHOD /path" -> handler */
const ROUTES = {
	'POST /api/open/v3/getToken': getToken,
	'GET /api/open/v3/faceswap/quota/info': (state) => ok({ credit: state.credit }),
	'GET /api/open/v4/aigModel/list': modelList,
	'POST /api/open/v4/characterSwap/create': characterSwapCreate,
	'POST /api/open/v3/content/video/createbytalkingphoto': talkingPhotoCreate,
	'GET /api/open/v3/content/video/infobymodelid': pollOne('video', 'video_model_id'),
	'GET /api/open/v3/content/image/infobymodelid': pollOne('image', 'image_model_id'),
	'GET /api/open/v3/audio/infobymodelid': pollOne('audio', 'audio_model_id'),
	'GET /api/open/v3/faceswap/result/listbyids': faceswapResults,
	'POST /api/open/v4/image2Video/createBySourcePrompt': i2vCreate,
	'POST /api/open/v4/image2Video/createBySourcePrompt/batch': i2vBatch,
	'GET /api/open/v4/image2Video/effects': (state) => ok({ result: effectList(state.publicUrl()), count: EFFECTS.length }),
	'POST /api/open/v4/image2Video/updateVideoAudio': i2vUpdateAudio,
	'POST /api/open/v4/image2Video/delbyids': i2vDelete,
	'POST /api/open/v4/image2Video/resultsByIds': i2vResults,
	'POST /api/open/v3/faceswap/highquality/specifyimage': faceswapV3('image'),
	'POST /api/open/v3/faceswap/highquality/specifyvideo': faceswapV3('video'),
	'POST /api/open/v4/faceswap/faceswapByImage': faceswapPro,
	'POST /api/open/v4/faceswap/faceswapPlusByImage': faceswapPlus,
	'POST /api/open/v3/faceswap/highquality/imgreage': reage('image'),
	'POST /api/open/v3/faceswap/highquality/vidreage': reage('video'),
	'POST /api/open/v3/faceswap/result/delbyids': faceswapDelete,
	'POST /api/open/v3/faceswap/job/del': faceswapCancel,
};

// Swap Studio V5: models, create, task/detail for every feature; analyze, analyze/detail for three.
for (const [feature, spec] of /** @type {[StudioFeature, typeof STUDIO[StudioFeature]][]} */ (Object.entries(STUDIO))) {
	const base = `/api/open/v5/${spec.prefix}`;
	ROUTES[`GET ${base}/models`] = (state) => ok({ list: studioModelList(feature, state.publicUrl()) });
	ROUTES[`POST ${base}/create`] = studioCreate(feature);
	ROUTES[`GET ${base}/task/detail`] = pollOne(spec.store, '_id');
	if (spec.analysisStore) {
		ROUTES[`POST ${base}/analyze`] = studioAnalyze(feature);
		ROUTES[`GET ${base}/analyze/detail`] = pollOne(spec.analysisStore, '_id');
	}
}

/**
 * Routes answering with their own body instead of the `{code, msg, data}` envelope (face detection).
 * Validation errors are HTTP 400 (or the ApiError's status) with the route's error body; auth failures
 * still answer the usual `{code: 1101 | 1102}` HTTP 200.
 * @param {(state: ApiState, ctx: Ctx) => RawAnswer} handler @param {(msg: string) => unknown} errorBody
 * @returns {RawHandler}
 */
function rawRoute(handler, errorBody) {
	return (state, ctx, badJson) => {
		if (badJson) return { httpStatus: 400, json: errorBody('Invalid JSON body') };
		try {
			return handler(state, ctx);
		} catch (err) {
			if (err instanceof ApiError) return { httpStatus: err.httpStatus, json: errorBody(err.message) };
			throw err;
		}
	};
}

/** @type {Record<string, RawHandler>} */
const RAW_ROUTES = {
	'POST /interface/detect-api/detect_faces': rawRoute(detectFaces, (msg) => ({ error_code: 1, error_msg: msg, faces_obj: {} })),
	'POST /interface/detect-api/faceswap/analyze_frames': rawRoute(analyzeFrames, (msg) => ({ success: false, error: msg })),
};

const PUBLIC_ROUTES = new Set(['POST /api/open/v3/getToken']);

const INVALID_AUTH = Object.freeze({ code: 1101, msg: 'Invalid authorization or The request token has expired' });
const EMPTY_AUTH = Object.freeze({ code: 1102, msg: 'Authorization cannot be empty' });

/**
 * §3: the API key goes in `x-api-key`; `Authorization: Bearer <token>` carries a token from getToken.
 * When Authorization has a value it wins and x-api-key is discarded (§3 "Precedence", §9). Missing →
 * 1102, wrong → 1101, always HTTP 200.
 * Strict (default): a Bearer token is accepted only when getToken issued it, never the raw API key, and an
 * Authorization value that is not `Bearer <token>` is 1101. Not strict (the old behaviour): the API key is
 * also accepted as a Bearer token.
 * @param {ApiState} state @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {Envelope | null} an error envelope, or null when authorised
 */
function authenticate(state, headers) {
	const authorization = (headers.authorization ?? '').trim();
	if (authorization !== '') {
		const bearer = /^Bearer(?:\s+(.*))?$/i.exec(authorization);
		const token = bearer?.[1]?.trim() ?? '';
		if (state.strict) {
			if (!bearer) return { ...INVALID_AUTH };
			if (token === '') return { ...EMPTY_AUTH };
			return state.tokens.has(token) ? null : { ...INVALID_AUTH };
		}
		if (token === '') return { ...EMPTY_AUTH };
		return token === state.apiKey || state.tokens.has(token) ? null : { ...INVALID_AUTH };
	}
	const apiKey = [headers['x-api-key'] ?? ''].flat().join(',').trim();
	if (apiKey === '') return { ...EMPTY_AUTH };
	return apiKey === state.apiKey ? null : { ...INVALID_AUTH };
}

/**
 * @param {ApiState} state
 * @param {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders, query: Record<string, string | string[]>, body: unknown }} req
 * @returns {{ httpStatus: number, json: unknown }}
 */
function handleApi(state, req) {
	const key = `${req.method} ${req.path}`;
	const handler = ROUTES[key];
	const raw = RAW_ROUTES[key];
	if (!handler && !raw) return { httpStatus: 404, json: { code: 404, msg: `Cannot ${req.method} ${req.path}` } };
	if (!PUBLIC_ROUTES.has(key)) {
		const denied = authenticate(state, req.headers);
		if (denied) return { httpStatus: 200, json: denied };
	}
	const badJson = typeof req.body === 'string' && req.body.trim() !== '';
	const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? /** @type {Record<string, unknown>} */ (req.body) : {};
	if (raw) return raw(state, { query: req.query, body }, badJson);
	if (badJson) return { httpStatus: 200, json: { code: 1003, msg: 'Invalid JSON body' } };
	try {
		return { httpStatus: 200, json: /** @type {Handler} */ (handler)(state, { query: req.query, body }) };
	} catch (err) {
		if (err instanceof ApiError) return { httpStatus: 200, json: { code: err.code, msg: err.message } };
		throw err;
	}
}

/** Paths handled by handleApi (the rest of the server: /files, /redirect, /__mock). @param {string} path */
const isApiPath = (path) => path.startsWith('/api/') || path.startsWith('/interface/');

module.exports = { handleApi, isApiPath, ROUTES, RAW_ROUTES };
