// @ts-check
'use strict';

/**
 * The Akool Open API endpoints the mock implements (paths and shapes from akool-api.md; Swap Studio
 * V5 from test/reference/swap-studio-v5.md). Every `/api/` answer is HTTP 200 `{code, msg, data}` (1000 = success);
 * the face detection endpoints (`/interface/detect-api/…`) have their own bodies and HTTP 400/500
 * errors (RAW_ROUTES); unknown paths are HTTP 404.
 * Strict by default (option `strict`): never more lenient than akool-api.md; see README "Strict mode".
 */

const crypto = require('node:crypto');
const {
	MODELS, EFFECTS, effectList, modelsOfTypes, STUDIO, STUDIO_MODELS, studioModelList,
	LANGUAGE_CODES, languageList, OFFICIAL_AVATARS, officialAvatar, V3_VOICES, v3Voice, AKOOL_VOICES, akoolVoice,
} = require('./fixtures.js');
const { objectId } = require('./crypto.js');
const { cloneVoiceId, UID, TEAM_ID, IMAGE_BUTTONS } = require('./jobs.js');

/**
 * @typedef {import('./jobs.js').JobEngine} JobEngine
 * @typedef {import('./jobs.js').Job} Job
 * @typedef {import('./jobs.js').Behaviour} Behaviour
 * @typedef {{ _id: string, uid: number, team_id: string, user_type: number, from: number, name: string, prologue: string, prompt: string, docs: Array<{ name: string, url: string, size: number }>, urls: string[], create_time: number, update_time: number }} KnowledgeBase
 * @typedef {{ apiKey: string, clientId: string, strict: boolean, engine: JobEngine, tokens: Set<string>, knowledgeBases: KnowledgeBase[], credit: number, takeBehaviour: () => Behaviour, publicUrl: () => string, maxPageSize?: number }} ApiState
 * @typedef {{ avatarUploadPage?: 'talkingAvatar' | 'streamingAvatar', characterSwapModelName?: 'ignored' | 'honoured' }} DocReadings Options where two doc pages (or a table and its examples) disagree (index.d.ts)
 * @typedef {{ query: Record<string, string | string[]>, body: Record<string, unknown>, param?: string }} Ctx
 * @typedef {{ code: number, msg?: string, data?: unknown, token?: string, all_results?: unknown[] }} Envelope
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
		/** `<prefix><name> is required` (1003), to throw. @param {string} name */
		required(name) {
			return required(label(name));
		},
		/** The field's name as messages show it (with the prefix). @param {string} name */
		label(name) {
			return label(name);
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
		 * A nested object read by `read` with a reader prefixed `<name>.`; returns what `read` returns.
		 * @template T
		 * @param {string} name @param {boolean} isRequired @param {(item: ReturnType<typeof fieldReader>) => T} read
		 * @returns {T | undefined}
		 */
		object(name, isRequired, read) {
			const v = body[name];
			if (isRequired ? isMissing(v) : absent(v, false)) {
				if (isRequired) throw required(label(name));
				return undefined;
			}
			if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(label(name));
			return read(fieldReader(/** @type {Record<string, unknown>} */ (v), strict, label(`${name}.`)));
		},
		/**
		 * An object mapping strings to strings (a value that is not a string → `<name>.<key> is invalid`).
		 * @param {string} name @returns {Record<string, string> | undefined}
		 */
		stringMap(name) {
			const v = body[name];
			if (absent(v, false)) return undefined;
			if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(label(name));
			for (const [key, value] of Object.entries(v)) {
				if (typeof value !== 'string') throw invalid(label(`${name}.${key}`));
			}
			return /** @type {Record<string, string>} */ (v);
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

/**
 * Deducts `amount` credits; not enough → `code` (1006 by default; head swap v4 documents 1104).
 * @param {ApiState} state @param {number} amount @param {number} [code] @param {string} [msg]
 */
function charge(state, amount, code = 1006, msg = 'Your quota is not enough') {
	checkPlan(state);
	if (state.credit < amount) throw new ApiError(code, msg);
	state.credit -= amount;
}

/**
 * Why a batch cannot create one more task, as its `errorList` entry: the plan's concurrency (1005)
 * or the credit (1006); undefined when it can.
 * @param {ApiState} state @param {number} cost
 */
function batchRefusal(state, cost) {
	if (state.engine.planSlot(Date.now()) === 'refused') return { code: 1005, msg: 'Operation too frequent' };
	if (state.credit < cost) return { code: 1006, msg: 'Your quota is not enough' };
	return undefined;
}

/**
 * The plan's concurrency in 'reject' mode (options.planConcurrency): a create beyond it gets 1005
 * "operation too frequent" before anything is charged or created.
 * @param {ApiState} state
 */
function checkPlan(state) {
	if (state.engine.planSlot(Date.now()) === 'refused') throw new ApiError(1005, 'Operation too frequent');
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
	checkPlan(state);
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
	// `model_name` left the request table on 2026-01-08 (docs commit e0193ab "remove model_name attribute from
	// character swap API documentation"; character-swap/create.mdx) but is still in the overview's examples
	// (character-swap.mdx) and in the answer ("Model name used"). Option `characterSwapModelName`: 'ignored'
	// (default, the current table: any value, Akool uses its own model) or 'honoured' (the examples: a 2101 model).
	const honoured = /** @type {ApiState & DocReadings} */ (state).characterSwapModelName === 'honoured';
	const modelName = (honoured ? v.oneOf('model_name', modelValues(2101)) : undefined) ?? 'wavespeed-ai/wan-2.2/animate';
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
	// A model with an EMPTY resolutionList (Kling V3.0 Std) fixes its resolution itself: `resolution`
	// must then be absent (or "" when strict); any value is invalid. Otherwise it is required.
	let resolution = '';
	if (model.resolutionList.length === 0) {
		if (v.str('resolution') !== undefined) throw invalid('resolution');
	} else {
		resolution = /** @type {string} */ (v.oneOf('resolution', model.resolutionList.map((r) => r.value), true));
	}
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
		const refusal = batchRefusal(state, cost);
		if (refusal) {
			errorList.push({ index, ...refusal });
			continue;
		}
		charge(state, cost);
		const extra = { model_name: modelName, batch_id: batchId, batch_count: count, last_image_url: lastImage ?? '' };
		const job = createJob(state, { store: 'i2v', webhookField: 'webhookurl', body, record: i2vRecord(body, { resolution, seconds, cost, audio: sound, extra }) });
		successList.push({ ...job.record, status: 1 });
	}
	if (successList.length === 0) throw new ApiError(errorList[0].code, errorList[0].msg);
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
 * Single-record poll (video / image / audio stores, V5, head swap v4, Jarvis). An unknown id (or one
 * of another store) answers `notFound` (1008 by default; head swap v4 documents 1014).
 * @param {import('./jobs.js').StoreName} store @param {string} param
 * @param {{ code: number, msg: string }} [notFound]
 * @returns {Handler}
 */
function pollOne(store, param, notFound = { code: 1008, msg: 'The content you get does not exist' }) {
	return (state, { query }) => {
		const id = first(query[param]);
		if (isMissing(id)) throw required(param);
		const job = state.engine.find(/** @type {string} */ (id), store);
		if (!job) throw new ApiError(notFound.code, notFound.msg);
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
 * The faces detect_faces (#11) has answered, as `path` → the `opts` that belong to it: a picture URL → its faces'
 * `landmarks_str`, a face crop URL (`face_urls`) → its `crop_landmarks`. The detection is a pure function of the
 * URL, so one map serves every mock in the process.
 * @type {Map<string, Set<string>>}
 */
const FACE_PAIRS = new Map();
/** @param {string} path @param {string} opts */
function rememberFace(path, opts) {
	const known = FACE_PAIRS.get(path) ?? new Set();
	FACE_PAIRS.set(path, known.add(opts));
}

/**
 * FaceImageWithOpts[] (§4.2): items `{path: string, opts: landmark string}`. `opts` are points of the picture at
 * `path`: for a face crop its `crop_landmarks` ("Landmarks relative to the cropped image … Use this when working with
 * the cropped face image", face-detection.yaml), for a whole picture its `landmarks_str`. So a `path` the detection has
 * answered for takes only its own points (a crop with the picture's points, or the reverse, is `opts is invalid`);
 * other paths are checked for the format only.
 * @param {ReturnType<typeof fieldReader>} v @param {string} name
 * @param {{ needOpts: boolean, max?: number, httpPath?: boolean }} rule httpPath: `path` must be an http(s) URL (Pro)
 */
function faceImages(v, name, rule) {
	return /** @type {unknown[]} */ (v.objects(name, { required: true, min: 1, max: rule.max }, (item) => {
		const path = /** @type {string} */ (item.str('path', { required: true }));
		if (rule.httpPath && !/^https?:\/\/\S+$/i.test(path)) throw item.invalid('path');
		const opts = item.str('opts', { required: rule.needOpts });
		if (opts !== undefined && !LANDMARKS.test(opts)) throw item.invalid('opts');
		if (opts !== undefined && FACE_PAIRS.has(path) && !FACE_PAIRS.get(path)?.has(opts)) throw item.invalid('opts');
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
 * "nocrop" in the URL: with return_face_url, each face's `face_urls`/`crop_region`/`crop_landmarks` entry is null
 * (face-detection.yaml: their items are `nullable`). Every answered pair is remembered in FACE_PAIRS.
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
		if (withUrls && /nocrop/i.test(text)) {
			const frameData = /** @type {Record<string, unknown[]>} */ (facesObj[String(frame)]);
			for (const field of ['face_urls', 'crop_region', 'crop_landmarks']) frameData[field] = faces.map(() => null);
		}
		for (const f of faces) {
			if (url !== undefined && !video) rememberFace(url, pointString(f.points));
			if (withUrls && !/nocrop/i.test(text)) rememberFace(f.faceUrl, pointString(f.cropPoints));
		}
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

// ---- Swap Studio V5 (test/reference/swap-studio-v5.md) ----

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
			const refusal = batchRefusal(state, cost);
			if (refusal) {
				errors.push({ index, ...refusal });
				continue;
			}
			charge(state, cost);
			const record = { media_type: plan.mediaType, model_name: plan.model.model_name, deduction_credit: cost };
			const job = createJob(state, { store: STUDIO[feature].store, ext: plan.mediaType === 'image' ? 'png' : 'mp4', webhookField: 'webhookUrl', body, record: () => record });
			list.push({ _id: job._id, status: 1, ...record, create_time: job.createdAt, task_id: '' });
		}
		if (list.length === 0) throw new ApiError(errors[0].code, errors[0].msg);
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

// ---- query parameters (GET lists) ----

/**
 * An enum query parameter: absent or "" = not sent ("empty = all" in §4.8 / §4.9), else one of `allowed`.
 * @template {string} T
 * @param {Ctx['query']} query @param {string} name @param {readonly T[]} allowed @param {boolean} [isRequired]
 * @returns {T | undefined}
 */
function queryEnum(query, name, allowed, isRequired = false) {
	const v = first(query[name]);
	if (v === undefined || v === '') {
		if (isRequired) throw required(name);
		return undefined;
	}
	const match = allowed.find((a) => a === v);
	if (match === undefined) throw invalid(name);
	return match;
}

/**
 * An integer query parameter sent as a numeric string (the docs type VoiceLab page/size as strings):
 * digits only, within min..max; absent or "" → `fallback`.
 * @param {Ctx['query']} query @param {string} name @param {number} min @param {number} max @param {number} fallback
 */
function queryInt(query, name, min, max, fallback) {
	const v = first(query[name]);
	if (v === undefined || v === '') return fallback;
	const n = /^\d+$/.test(v) ? Number(v) : NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) throw invalid(name);
	return n;
}

/**
 * `page` (≥ 1, default 1) and `size` (1–100, default `defaultSize`); the size served is at most the
 * option `maxPageSize` (a server that pages in smaller steps than asked; the answer's `size` says so).
 * @param {ApiState} state @param {Ctx['query']} query @param {number} defaultSize
 */
function pageQuery(state, query, defaultSize) {
	const size = queryInt(query, 'size', 1, 100, defaultSize);
	return { page: queryInt(query, 'page', 1, MAX_INDEX, 1), size: Math.min(size, state.maxPageSize ?? size) };
}

/** @template T @param {T[]} list @param {{ page: number, size: number }} p */
const pageOf = (list, p) => list.slice((p.page - 1) * p.size, p.page * p.size);

/** Live (not deleted) jobs of a store, oldest first. @param {ApiState} state @param {import('./jobs.js').StoreName} store */
const storeJobs = (state, store) => [...state.engine.jobs.values()].filter((j) => j.store === store && !j.deleted);

/** @param {string} url */
const isHttpUrl = (url) => /^https?:\/\/\S+$/i.test(url);
const NOT_FOUND_MSG = 'The content you get does not exist';

// ---- Lip Sync, Video Translation, Talking Avatar (§4.6–§4.8; video store, poll #16) ----

/** Credits (our choice; no price is documented): lip sync 10, talking avatar 10, translation 10 per language. */
const LIPSYNC_PRICE = 10;
const TALKING_AVATAR_PRICE = 10;
const TRANSLATION_PRICE = 10;
/** `error_code` of a failed translation (our choice: 1205 "create video error", §4.6 / §7). */
const TRANSLATION_ERROR_CODE = 1205;
/** `studio_voice.style` (§4.6). */
const STUDIO_VOICE_STYLES = [
	'affectionate', 'angry', 'calm', 'cheerful', 'depressed', 'disgruntled', 'embarrassed', 'empathetic', 'excited', 'fearful',
	'friendly', 'unfriendly', 'sad', 'serious', 'relaxed', 'professional',
];

/** #20: video_url, audio_url strings; the record is a lip sync (type 9, lipsync: true). @type {Handler} */
function lipSyncCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const videoUrl = v.str('video_url', { required: true });
	const audioUrl = v.str('audio_url', { required: true });
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, LIPSYNC_PRICE);
	const taskId = objectId();
	const job = createJob(state, {
		store: 'video', type: 'lipsync', webhookField: 'webhookUrl', body,
		record: () => ({ type: 9, from: 3, target_video: videoUrl, input_audio: audioUrl, task_id: taskId, lipsync: true, deduction_credit: LIPSYNC_PRICE }),
	});
	return ok({ ...job.record, video_status: 1, video: '' });
}

/**
 * `language`: a comma list (no spaces) of codes from the language list (#18); every code once.
 * @param {string} text @returns {string[]}
 */
function targetLanguages(text) {
	const codes = text.split(',');
	if (codes.some((c) => !LANGUAGE_CODES.includes(c)) || new Set(codes).size !== codes.length) throw invalid('language');
	return codes;
}

/**
 * #17. One job per target language, each charged (our choice, open question §10 Q5): `data` is the first
 * language's record. How Akool answers for several languages is not documented today, so the option
 * `translationAnswer` varies it: 'data' (default, the current docs' shape: the other languages' ids appear
 * nowhere) or 'all_results' (also a top-level `all_results` of `{code, msg, data}` per language, the
 * Sep–Nov 2025 doc shape). Records show `progress` and, at 4, `error_code` 1205 with `error_reason`.
 * @type {Handler}
 */
function translateCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const url = v.str('url', { required: true });
	const languages = targetLanguages(/** @type {string} */ (v.str('language', { required: true })));
	const source = v.str('source_language') ?? 'DEFAULT';
	if (source !== 'DEFAULT' && !LANGUAGE_CODES.includes(source)) throw invalid('source_language');
	const fields = {
		lipsync: v.bool('lipsync') ?? false,
		speaker_num: v.num('speaker_num', 0, MAX_INDEX, { integer: true }) ?? 0,
		remove_bgm: v.bool('remove_bgm') ?? false,
		caption_type: v.oneOf('caption_type', [0, 1, 2, 3, 4]) ?? 0,
		caption_url: v.str('caption_url') ?? '',
		dynamic_duration: v.bool('dynamic_duration') ?? false,
	};
	const studioVoice = v.object('studio_voice', false, (sv) => ({
		no_translate_words: sv.strings('no_translate_words') ?? [],
		fixed_words: sv.stringMap('fixed_words') ?? {},
		pronounced_words: sv.stringMap('pronounced_words') ?? {},
		style: sv.oneOf('style', STUDIO_VOICE_STYLES) ?? 'professional',
	}));
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, TRANSLATION_PRICE * languages.length);
	const records = languages.map((language) => {
		const job = createJob(state, {
			store: 'video', type: 'video translate', webhookField: 'webhookUrl', body, progress: true, errorCode: TRANSLATION_ERROR_CODE,
			record: () => ({ from: 3, url, language, source_language: source, ...fields, ...(studioVoice ? { studio_voice: studioVoice } : {}), deduction_duration: 0, deduction_credit: TRANSLATION_PRICE }),
		});
		return { ...job.record, video_status: 1, video: '', progress: 0 };
	});
	const answer = ok(records[0]);
	const allResults = records.length > 1 && state.engine.options.translationAnswer === 'all_results';
	return allResults ? { ...answer, all_results: records.map((data) => ({ code: 1000, msg: 'OK', data })) } : answer;
}

/**
 * An avatar by `avatar_id`: an official fixture one or an upload (any status).
 * @param {ApiState} state @param {string} avatarId
 * @returns {{ official: typeof OFFICIAL_AVATARS[number] } | { upload: Job } | undefined}
 */
function findAvatar(state, avatarId) {
	const official = OFFICIAL_AVATARS.find((a) => a.avatar_id === avatarId);
	if (official) return { official };
	const upload = storeJobs(state, 'avatar').find((j) => j.record.avatar_id === avatarId);
	return upload ? { upload } : undefined;
}

/**
 * A voice a create may name: a VoiceLab Akool voice, a finished (status 3) clone, and with `withV3`
 * a v3 voice.
 * @param {ApiState} state @param {string} voiceId @param {boolean} withV3
 * @returns {{ _id: string, name: string, gender: string } | undefined}
 */
function findVoice(state, voiceId, withV3) {
	const akool = AKOOL_VOICES.find((x) => x.voice_id === voiceId);
	if (akool) return { _id: akool._id, name: akool.name, gender: akool.gender };
	const clone = storeJobs(state, 'voiceClone').find((j) => j.status === 3 && cloneVoiceId(j) === voiceId);
	if (clone) return { _id: clone._id, name: String(clone.record.name ?? ''), gender: String(clone.record.gender ?? '') };
	const v3 = withV3 ? V3_VOICES.find((x) => x.voice_id === voiceId) : undefined;
	return v3 ? { _id: v3._id, name: v3.name, gender: v3.gender } : undefined;
}

/**
 * One talking avatar `elements[i]` (§4.8 #24); returns its type.
 * avatar/image: scale_x, scale_y, offset_x, offset_y numbers required; width, height optional numbers.
 * avatar: `avatar_id` required with avatar_from 2, `url` (http(s)) required with avatar_from 3 (talking-avatar.mdx:
 * "When avatar_from =2, you don't need to pass [url]"). A sent `avatar_id` must be an official avatar or a FINISHED
 * upload, and avatar_from must be that avatar's own `from` (2 official, 3 upload): "you will obtain the field 【from】
 * [of Get Avatar List] and pass it here" (talking-avatar.mdx, avatar_from row). image: `url` an http(s) URL or a colour "#rrggbb". audio: `url`, or
 * `input_text` (≤ 50000) + `voice_id` (a known voice) together; the URL wins when both are sent.
 * @param {ApiState} state @param {ReturnType<typeof fieldReader>} e @param {number} avatarFrom
 */
function talkingAvatarElement(state, e, avatarFrom) {
	const type = /** @type {'avatar' | 'image' | 'audio'} */ (e.oneOf('type', ['avatar', 'image', 'audio'], true));
	if (type !== 'audio') {
		for (const name of ['scale_x', 'scale_y', 'offset_x', 'offset_y']) e.num(name, -Infinity, Infinity, { required: true });
		e.num('width', 0, Infinity);
		e.num('height', 0, Infinity);
	}
	if (type === 'avatar') {
		const url = e.str('url', { required: avatarFrom === 3 });
		if (url !== undefined && !isHttpUrl(url)) throw e.invalid('url');
		const avatarId = e.str('avatar_id', { required: avatarFrom === 2 });
		if (avatarId !== undefined) {
			const avatar = findAvatar(state, avatarId);
			if (!avatar) throw e.invalid('avatar_id');
			if ('upload' in avatar && avatar.upload.status !== 3) throw new ApiError(1003, `${e.label('avatar_id')} is not completed`);
			if (avatarFrom !== ('upload' in avatar ? 3 : avatar.official.from)) throw invalid('avatar_from');
		}
	} else if (type === 'image') {
		const url = /** @type {string} */ (e.str('url', { required: true }));
		if (!isHttpUrl(url) && !/^#[0-9a-fA-F]{6}$/.test(url)) throw e.invalid('url');
	} else {
		const url = e.str('url');
		if (url !== undefined && !isHttpUrl(url)) throw e.invalid('url');
		const text = e.str('input_text', { max: 50000 });
		const voiceId = e.str('voice_id');
		if (url === undefined) {
			if (text === undefined && voiceId === undefined) throw e.required('url');
			if (text === undefined) throw e.required('input_text');
			if (voiceId === undefined) throw e.required('voice_id');
		}
		if (voiceId !== undefined && !findVoice(state, voiceId, true)) throw e.invalid('voice_id');
	}
	return type;
}

/**
 * #24. width/height must be 3840/2160 (numbers), avatar_from 2 | 3, elements ≥ 1 with exactly one
 * avatar and one audio element (our choice). Answer `{_id, uid, video_id, task_id, video_status: 1,
 * video: '', create_time}`; callback type "avatar" [TA-demo].
 * @type {Handler}
 */
function talkingAvatarCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const width = v.oneOf('width', [3840], true);
	const height = v.oneOf('height', [2160], true);
	const avatarFrom = /** @type {number} */ (v.oneOf('avatar_from', [2, 3], true));
	const types = /** @type {string[]} */ (v.objects('elements', { required: true, min: 1 }, (e) => talkingAvatarElement(state, e, avatarFrom)));
	if (types.filter((t) => t === 'avatar').length !== 1 || types.filter((t) => t === 'audio').length !== 1) throw invalid('elements');
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, TALKING_AVATAR_PRICE);
	const taskId = objectId();
	const job = createJob(state, {
		store: 'video', type: 'avatar', webhookField: 'webhookUrl', body,
		record: () => ({ task_id: taskId, from: 3, width, height, avatar_from: avatarFrom, deduction_credit: TALKING_AVATAR_PRICE }),
	});
	const r = job.record;
	return ok({ _id: job._id, uid: r.uid, video_id: r.video_id, task_id: taskId, video_status: 1, video: '', create_time: r.create_time });
}

// ---- Avatars (§4.8 #21–#23; store `avatar`, poll #22) ----

/** Hosts `url_from: 2` accepts (§4.8: YouTube / TikTok / X / Google Drive only). */
const THIRD_PARTY_HOSTS = /^(?:[\w-]+\.)*(?:youtube\.com|youtu\.be|tiktok\.com|x\.com|twitter\.com|drive\.google\.com)$/i;

/** An upload as the list shows it (its detail view plus the list-only fields). @param {ApiState} state @param {Job} job */
function uploadedAvatar(state, job) {
	return { ...state.engine.view(job), gender: '', thumbnailUrl: '', sort: 0, create_time: job.createdAt, modify_url: '', crop_arr: [], disabled: false };
}

/**
 * #21. `from` 2 | 3, `type` 1 | 2 (both optional, "" = all), `page` ≥ 1 (default 1), `size` 1–100 (default
 * 100). The official avatars in `sort` order, then the uploads oldest first; `data` is a bare array.
 * @type {Handler}
 */
function avatarList(state, { query }) {
	const from = queryEnum(query, 'from', ['2', '3']);
	const type = queryEnum(query, 'type', ['1', '2']);
	const p = pageQuery(state, query, 100);
	const base = state.publicUrl();
	/** @type {Array<Record<string, unknown>>} */
	const all = [...OFFICIAL_AVATARS.map((a) => officialAvatar(a, base)), ...storeJobs(state, 'avatar').map((j) => uploadedAvatar(state, j))];
	return ok(pageOf(all.filter((a) => (from === undefined || a.from === Number(from)) && (type === undefined || a.type === Number(type))), p));
}

/** #22 `?id=<_id>` → `data` = [record]; official avatars too (status 3); unknown → 1008. @type {Handler} */
function avatarDetail(state, { query }) {
	const id = first(query.id);
	if (isMissing(id)) throw required('id');
	const official = OFFICIAL_AVATARS.find((a) => a._id === id);
	if (official) {
		const { _id, type, from, status, name, avatar_id } = official;
		return ok([{ _id, uid: 1, type, from, status, name, url: officialAvatar(official, state.publicUrl()).url, avatar_id }]);
	}
	const job = state.engine.find(/** @type {string} */ (id), 'avatar');
	if (!job) throw new ApiError(1008, NOT_FOUND_MSG);
	return ok([state.engine.view(job)]);
}

/**
 * #23: url, avatar_id (alphanumeric, unique → else 1222), name strings, all required. Two doc pages describe this
 * one endpoint and disagree, so the sandbox follows the one option `avatarUploadPage` names:
 * - 'streamingAvatar' (default; openapi/live-avatar.yaml CreateAvatarRequest): `type` integer 1 | 2 (the yaml lists 2,
 *   the other page 1) and `url_from` integer 1 | 2 required (2: a YouTube/TikTok/X/Google Drive page link).
 * - 'talkingAvatar' (ai-tools-suite/talking-avatar.mdx "Upload Talking Avatar"): `type` 1, the table's String "1" or
 *   the example's number 1; no `url_from` in the table: ignored, whatever it holds.
 * No webhook, free (our choice). `data` = [record].
 * @type {Handler}
 */
function avatarCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const url = /** @type {string} */ (v.str('url', { required: true }));
	const avatarId = /** @type {string} */ (v.str('avatar_id', { required: true }));
	if (!/^[A-Za-z0-9]+$/.test(avatarId)) throw invalid('avatar_id');
	const name = v.str('name', { required: true });
	const talkingPage = /** @type {ApiState & DocReadings} */ (state).avatarUploadPage === 'talkingAvatar';
	const type = Number(talkingPage ? v.oneOf('type', [1, '1'], true) : v.oneOf('type', [1, 2], true));
	const urlFrom = talkingPage ? undefined : v.oneOf('url_from', [1, 2], true);
	if (urlFrom === 2) {
		let host = '';
		try {
			host = new URL(url).hostname;
		} catch {
			// not a URL: invalid below
		}
		if (!isHttpUrl(url) || !THIRD_PARTY_HOSTS.test(host)) throw invalid('url');
	}
	if (findAvatar(state, avatarId)) throw new ApiError(1222, 'resource already exists');
	const job = createJob(state, { store: 'avatar', webhookField: null, body, record: () => ({ type, from: 3, name, url, avatar_id: avatarId }) });
	return ok([{ ...job.record, status: 1 }]);
}

// ---- Audio v3 (§4.9 #26–#28; store `audio`, poll #29) ----

/** `rate`: "0%" … "100%". */
const RATE = /^(?:100|[1-9]?\d)%$/;
/** Credits per v3 audio (our choice). */
const V3_AUDIO_PRICE = 1;

/** #26 `?from=3|4` (3 Akool voices, 4 your voices: none in the mock, "" = all) → bare array. @type {Handler} */
function v3VoiceList(state, { query }) {
	const from = queryEnum(query, 'from', ['3', '4']);
	return ok(from === '4' ? [] : V3_VOICES.map((x) => v3Voice(x, state.publicUrl())));
}

/**
 * input_text (≤ 5000) and rate ("0%"–"100%") for the v3 creates.
 * @param {ReturnType<typeof fieldReader>} v
 */
function v3TextAndRate(v) {
	const text = /** @type {string} */ (v.str('input_text', { required: true, max: 5000 }));
	const rate = /** @type {string} */ (v.str('rate', { required: true }));
	if (!RATE.test(rate)) throw invalid('rate');
	return { input_text: text, rate };
}

/** #27: input_text, voice_id (a v3 voice), rate all required. @type {Handler} */
function v3AudioCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const { input_text, rate } = v3TextAndRate(v);
	const voiceId = v.str('voice_id', { required: true });
	const voice = V3_VOICES.find((x) => x.voice_id === voiceId);
	if (!voice) throw invalid('voice_id');
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, V3_AUDIO_PRICE);
	const job = createJob(state, { store: 'audio', type: 'audio', webhookField: 'webhookUrl', body, record: () => ({ voice_model_id: voice._id, input_text, rate, from: 3 }) });
	return ok({ ...job.record, status: 1, url: '' });
}

/** #28: input_text, rate required; one of voice_url (string) / voice_id (a v3 voice). @type {Handler} */
function v3AudioClone(state, { body }) {
	const v = fieldReader(body, state.strict);
	const { input_text, rate } = v3TextAndRate(v);
	const voiceUrl = v.str('voice_url');
	const voiceId = v.str('voice_id');
	if (voiceUrl === undefined && voiceId === undefined) throw new ApiError(1003, 'voice_id or voice_url is required');
	const voice = voiceId === undefined ? undefined : V3_VOICES.find((x) => x.voice_id === voiceId);
	if (voiceId !== undefined && !voice) throw invalid('voice_id');
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, V3_AUDIO_PRICE);
	const job = createJob(state, {
		store: 'audio', type: 'audio', webhookField: 'webhookUrl', body,
		record: () => ({ voice_model_id: voice?._id ?? '', voice_url: voiceUrl ?? '', input_text, rate, from: 4 }),
	});
	return ok({ ...job.record, status: 1, url: '' });
}

// ---- VoiceLab v4 (§4.10 #30–#37; stores `voiceResult` and `voiceClone`) ----

const VOICE_EMOTIONS = ['happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised', 'neutral'];
const CLONE_MODELS = ['Akool Multilingual 1', 'Akool Multilingual 3', 'Akool Multilingual 4'];
/** Credits (§8.2 Pro plan): TTS 4.4 per 1000 characters, voice changer 4.4 per minute (the mock assumes 1 min). */
const VOICE_PRICE = 4.4;
/** @param {number} chars */
const ttsPrice = (chars) => Math.max(0.01, Math.round((chars * VOICE_PRICE) / 10) / 100);

/**
 * `voice_options` of TTS / voice changer: stability, similarity_boost, style 0–1, speed 0.7–1.2,
 * speaker_boost boolean; TTS: emotion, volume 0–100 (integer); changer: file_format mp3 | wav,
 * remove_background_noise boolean. Returns the file format.
 * @param {ReturnType<typeof fieldReader>} o @param {'tts' | 'change'} mode
 * @returns {'mp3' | 'wav'}
 */
function voiceOptions(o, mode) {
	for (const name of ['stability', 'similarity_boost', 'style']) o.num(name, 0, 1);
	o.num('speed', 0.7, 1.2);
	o.bool('speaker_boost');
	if (mode === 'tts') {
		o.oneOf('emotion', VOICE_EMOTIONS);
		o.num('volume', 0, 100, { integer: true });
		return 'mp3';
	}
	o.bool('remove_background_noise');
	return o.oneOf('file_format', /** @type {const} */ (['mp3', 'wav'])) ?? 'mp3';
}

/**
 * TTS `extra_options` (§4.10 #31): only the listed fields are checked, others are accepted.
 * Returns the audio_setting.format.
 * @param {ReturnType<typeof fieldReader>} x
 * @returns {'mp3' | 'wav'}
 */
function ttsExtraOptions(x) {
	x.str('previous_text');
	x.str('next_text');
	x.oneOf('apply_text_normalization', ['auto', 'on', 'off']);
	for (const name of ['apply_language_text_normalization', 'latex_read', 'text_normalization', 'subtitle_enable']) x.bool(name);
	const format = x.object('audio_setting', false, (a) => {
		a.oneOf('sample_rate', [8000, 16000, 22050, 24000, 32000, 44100]);
		a.oneOf('bitrate', [32000, 64000, 128000, 256000]);
		a.oneOf('channel', [1, 2]);
		return a.oneOf('format', /** @type {const} */ (['mp3', 'wav']));
	});
	x.objects('timber_weights', { max: 4 }, (w) => {
		w.str('voice_id', { required: true });
		w.num('weight', 1, 100, { required: true, integer: true });
	});
	x.object('pronunciation_dict', false, (d) => d.strings('tone'));
	x.object('voice_modify', false, (m) => {
		for (const name of ['pitch', 'intensity', 'timbre']) m.num(name, -100, 100, { integer: true });
		m.oneOf('sound_effects', ['spacious_echo', 'auditorium_echo', 'lofi_telephone', 'robotic']);
	});
	x.num('pitch', -12, 12, { integer: true });
	return format ?? 'mp3';
}

/**
 * #31: input_text (≤ 50000), voice_id (an Akool voice or a finished clone) required; voice_options,
 * language_code, extra_options. `pitch` (−12…12) is read from extra_options only: voiceLab.mdx's request table lists
 * `- pitch` among extra_options' fields (§10 Q9); its example also sends a top-level "pitch", which no table lists and
 * no text rejects, so a top-level pitch is ignored like any unlisted key (the record's `pitch` shows the one applied).
 * The result is `.wav` with extra_options.audio_setting.format "wav".
 * @type {Handler}
 */
function ttsCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const text = /** @type {string} */ (v.str('input_text', { required: true, max: 50000 }));
	const voiceId = /** @type {string} */ (v.str('voice_id', { required: true }));
	const voice = findVoice(state, voiceId, false);
	if (!voice) throw invalid('voice_id');
	v.object('voice_options', false, (o) => voiceOptions(o, 'tts'));
	const languageCode = v.str('language_code') ?? '';
	const format = v.object('extra_options', false, ttsExtraOptions) ?? 'mp3';
	const extra = /** @type {Record<string, unknown> | undefined} */ (body.extra_options);
	const pitch = typeof extra?.pitch === 'number' ? extra.pitch : undefined;
	checkWebhookField(state, body, 'webhookUrl');
	const cost = ttsPrice(text.length);
	charge(state, cost);
	const job = createJob(state, {
		store: 'voiceResult', ext: format, webhookField: 'webhookUrl', body,
		record: () => ({
			input_text: text, duration: Math.max(1000, text.length * 60), gender: voice.gender, deduction_credit: cost, name: voice.name,
			voice_model_id: voice._id, voice_id: voiceId, voice_options: body.voice_options ?? {}, language_code: languageCode,
			...(pitch !== undefined ? { pitch } : {}),
		}),
	});
	return ok({ ...job.record, status: 1, preview: null });
}

/**
 * #32: voice_id (an Akool voice or a finished clone), source_voice_file required; voice_options
 * (file_format wav → a `.wav` result); voice_model_name only "Akool Multilingual 1" (the only changer model).
 * @type {Handler}
 */
function voiceChange(state, { body }) {
	const v = fieldReader(body, state.strict);
	const voiceId = /** @type {string} */ (v.str('voice_id', { required: true }));
	const voice = findVoice(state, voiceId, false);
	if (!voice) throw invalid('voice_id');
	const source = v.str('source_voice_file', { required: true });
	const format = v.object('voice_options', false, (o) => voiceOptions(o, 'change')) ?? 'mp3';
	const modelName = v.oneOf('voice_model_name', ['Akool Multilingual 1']) ?? 'Akool Multilingual 1';
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, VOICE_PRICE);
	const job = createJob(state, {
		store: 'voiceResult', ext: format, webhookField: 'webhookUrl', body,
		record: () => ({
			source_voice_file: source, duration: 60000, gender: voice.gender, deduction_credit: VOICE_PRICE, name: voice.name,
			voice_model_id: voice._id, voice_id: voiceId, voice_options: body.voice_options ?? {}, voice_model_name: modelName,
		}),
	});
	return ok({ ...job.record, status: 1, preview: null });
}

/**
 * #30: source_voice_file required; name; voice_model_name (Multilingual 1 | 3 | 4, default 1);
 * voice_options {style, gender, age, scenario string[]; remove_background_noise boolean; language;
 * clone_prompt, need_volume_normalization (Multilingual 3 only: with another model → invalid)}.
 * Free (our choice). `voice_id` and `preview` are null until 3.
 * @type {Handler}
 */
function voiceCloneCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const source = v.str('source_voice_file', { required: true });
	const name = v.str('name') ?? '';
	const model = v.oneOf('voice_model_name', CLONE_MODELS) ?? CLONE_MODELS[0];
	const options = v.object('voice_options', false, (o) => {
		const tags = { style: o.strings('style') ?? [], gender: o.strings('gender') ?? [], age: o.strings('age') ?? [], scenario: o.strings('scenario') ?? [] };
		o.bool('remove_background_noise');
		const language = o.str('language') ?? 'en';
		if (o.str('clone_prompt') !== undefined && model !== 'Akool Multilingual 3') throw o.invalid('clone_prompt');
		if (o.bool('need_volume_normalization') !== undefined && model !== 'Akool Multilingual 3') throw o.invalid('need_volume_normalization');
		return { ...tags, language };
	}) ?? { style: [], gender: [], age: [], scenario: [], language: 'en' };
	checkWebhookField(state, body, 'webhookUrl');
	const job = createJob(state, {
		store: 'voiceClone', webhookField: 'webhookUrl', body,
		record: () => ({
			name, gender: options.gender[0] ?? '', language: options.language, style: options.style, scenario: options.scenario,
			age: options.age, voice_model_name: model, source_voice_file: source,
		}),
	});
	return ok({ ...job.record, voice_id: null, preview: null, status: 1 });
}

/** #33 `?type=1|2` (1 TTS, 2 voice changer; required), page/size (1 / 10): newest first. @type {Handler} */
function voiceResourceList(state, { query }) {
	const type = queryEnum(query, 'type', ['1', '2'], true);
	const p = pageQuery(state, query, 10);
	const changer = (/** @type {Job} */ j) => typeof j.record.source_voice_file === 'string' && j.record.source_voice_file !== '';
	const jobs = storeJobs(state, 'voiceResult').filter((j) => changer(j) === (type === '2')).reverse();
	return ok({ result: pageOf(jobs, p).map((j) => state.engine.view(j)), count: jobs.length, page: p.page, size: p.size });
}

/** #37 `/resource/detail/{_id}` → `data: {result: record}`. @type {Handler} */
function voiceResourceDetail(state, { param }) {
	if (isMissing(param)) throw required('_id');
	const job = state.engine.find(/** @type {string} */ (param), 'voiceResult');
	if (!job) throw new ApiError(1008, NOT_FOUND_MSG);
	return ok({ result: state.engine.view(job) });
}

/**
 * #35 `?type=1|2` (1 my clones newest first, 2 Akool voices; required), page/size (1 / 10), `name`
 * (case-insensitive substring), `gender`, `style`, `age`, `scenario` (comma lists: any value matches,
 * case-insensitive), `support_stream` 1 | 2.
 * @type {Handler}
 */
function voiceList(state, { query }) {
	const type = queryEnum(query, 'type', ['1', '2'], true);
	const p = pageQuery(state, query, 10);
	const stream = queryEnum(query, 'support_stream', ['1', '2']);
	const name = (first(query.name) ?? '').toLowerCase();
	/** @param {string} key */
	const wanted = (key) => (first(query[key]) ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
	const filters = /** @type {const} */ (['gender', 'style', 'age', 'scenario']).map((key) => ({ key, values: wanted(key) }));
	const base = state.publicUrl();
	/** @type {Array<Record<string, unknown>>} */
	const voices = type === '2' ? AKOOL_VOICES.map((x) => akoolVoice(x, base)) : storeJobs(state, 'voiceClone').reverse().map((j) => state.engine.view(j));
	const list = voices.filter((x) => String(x.name ?? '').toLowerCase().includes(name)
		&& (stream === undefined || x.support_stream === Number(stream))
		&& filters.every(({ key, values }) => values.length === 0 || [x[key]].flat().some((t) => values.includes(String(t).toLowerCase()))));
	return ok({ result: pageOf(list, p), count: list.length, page: p.page, size: p.size });
}

/** #36 `/detail/{_id}`: a clone (any status) or an Akool voice; unknown → 1008. @type {Handler} */
function voiceDetail(state, { param }) {
	if (isMissing(param)) throw required('_id');
	const akool = AKOOL_VOICES.find((x) => x._id === param);
	if (akool) return ok(akoolVoice(akool, state.publicUrl()));
	const job = state.engine.find(/** @type {string} */ (param), 'voiceClone');
	if (!job) throw new ApiError(1008, NOT_FOUND_MSG);
	return ok(state.engine.view(job));
}

/**
 * #34 `{_ids: [..]}` (an ARRAY of strings; a comma string is invalid): deletes clones; anything else
 * (unknown, an Akool voice, a TTS result) goes to `noPermissionVoices`.
 * @type {Handler}
 */
function voiceDelete(state, { body }) {
	const ids = /** @type {string[]} */ (fieldReader(body, state.strict).strings('_ids', { required: true }));
	/** @type {string[]} */
	const successIds = [];
	/** @type {{ _id: string, msg: string }[]} */
	const noPermissionVoices = [];
	for (const id of ids) {
		const job = state.engine.find(id, 'voiceClone');
		if (!job) noPermissionVoices.push({ _id: id, msg: 'voice does not exist or no permission' });
		else {
			job.deleted = true;
			successIds.push(id);
		}
	}
	return ok({ successIds, noPermissionVoices }, 'Delete voice successfully');
}

// ---- Text to Video (§4.14 #49; store `i2v`, poll #45) ----

/**
 * #49: prompt (≤ 5000) required; model_name a 1502 model (default: the first by sort); negative_prompt
 * ≤ 1000; extend_prompt boolean; resolution / video_length from the model (default 720p when listed,
 * else its first; its first duration); count 1–10; webhookurl ≤ 2048. `{successList, errorList}` like
 * the i2v batch (items the credit cannot pay → errorList; none → 1006); records `sub_type: 1502`.
 * @type {Handler}
 */
function t2vBatch(state, { body }) {
	const v = fieldReader(body, state.strict);
	const prompt = v.str('prompt', { required: true, max: 5000 });
	const modelName = v.oneOf('model_name', modelValues(1502)) ?? modelsOfTypes([1502])[0].value;
	const model = /** @type {typeof MODELS[number]} */ (MODELS.find((m) => m.value === modelName));
	const negative = v.str('negative_prompt', { max: 1000 }) ?? '';
	const extend = v.bool('extend_prompt') ?? false;
	const resolutions = model.resolutionList.map((r) => r.value);
	const resolution = v.oneOf('resolution', resolutions) ?? (resolutions.includes('720p') ? '720p' : resolutions[0]);
	const seconds = v.oneOf('video_length', model.durationList) ?? model.durationList[0];
	const count = v.num('count', 1, 10, { integer: true }) ?? 1;
	v.str('webhookurl', { max: 2048 });
	const cost = i2vPrice(resolution, seconds);
	const batchId = objectId();
	/** @type {Record<string, unknown>[]} */
	const successList = [];
	/** @type {{ index: number, code: number, msg: string }[]} */
	const errorList = [];
	for (let index = 0; index < count; index++) {
		const refusal = batchRefusal(state, cost);
		if (refusal) {
			errorList.push({ index, ...refusal });
			continue;
		}
		charge(state, cost);
		const job = createJob(state, {
			store: 'i2v', type: 'text2video', webhookField: 'webhookurl', body,
			record: (j) => ({
				webhookUrl: hookEcho(j), resolution, file_name: j.fileName, image_url: '', prompt, negative_prompt: negative, extend_prompt: extend,
				model_name: modelName, batch_id: batchId, batch_count: count, video_duration: seconds, deduction_credit: cost, sub_type: 1502,
			}),
		});
		successList.push({ ...job.record, status: 1 });
	}
	if (successList.length === 0) throw new ApiError(errorList[0].code, errorList[0].msg);
	return ok({ successList, errorList });
}

// ---- Image generation (§4.11 #38–#41; store `image`, poll #40) ----

const IMAGE_SCALES = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3'];
/** v4 models (#41): text→image and image→image on WaveSpeed. */
const FLUX_KREA = 'wavespeed-ai/flux-krea-dev-lora';
const FLUX_KONTEXT = 'wavespeed-ai/flux-kontext-dev';
/** Credits (our choice): a v3 generation 1, a button operation 1, a v4 image 1 each (the docs: "1 credit per image"). */
const IMAGE_PRICE = 1;

/**
 * #38 `createbyprompt`: prompt required; scale one of the seven (default 1:1); source_image string
 * (image→image); webhookUrl. A v3 grid: at 3 it offers the buttons U1–U4, V1–V4.
 * @type {Handler}
 */
function imageCreateV3(state, { body }) {
	const v = fieldReader(body, state.strict);
	const prompt = /** @type {string} */ (v.str('prompt', { required: true }));
	v.oneOf('scale', IMAGE_SCALES);
	const source = v.str('source_image') ?? '';
	checkWebhookField(state, body, 'webhookUrl');
	charge(state, IMAGE_PRICE);
	const job = createJob(state, {
		store: 'image', variant: 'v3', webhookField: 'webhookUrl', body,
		record: () => ({ deduction_credit: IMAGE_PRICE, prompt, origin_prompt: prompt, source_image: source, type: 1, from: 3, faceswap_quality: 2 }),
	});
	return ok({ ...job.record, image_status: 1, image: '' });
}

/**
 * #39 `createbybutton`: `_id` a FINISHED v3 grid (unknown → 1008; not finished, an upscale, a v4 image →
 * 1010), `button` one of its `buttons` not yet in `used_buttons` (→ 1011, our choice). The button is marked
 * used on the origin at once; the new job has `image_content_model_id` (origin) and `op_button`.
 * A V result is a grid again (buttons at 3), a U result an upscale (our choice).
 * @type {Handler}
 */
function imageButton(state, { body }) {
	const v = fieldReader(body, state.strict);
	const originId = /** @type {string} */ (v.str('_id', { required: true }));
	const button = /** @type {string} */ (v.oneOf('button', IMAGE_BUTTONS, true));
	checkWebhookField(state, body, 'webhookUrl');
	const origin = state.engine.find(originId, 'image');
	if (!origin) throw new ApiError(1008, NOT_FOUND_MSG);
	const buttons = /** @type {unknown[]} */ (state.engine.view(origin).buttons ?? []);
	if (origin.status !== 3 || origin.variant !== 'v3' || !buttons.includes(button)) throw new ApiError(1010, 'content cannot be operated');
	const used = /** @type {string[]} */ (origin.record.used_buttons ?? []);
	if (used.includes(button)) throw new ApiError(1011, 'content already operated');
	charge(state, IMAGE_PRICE);
	origin.record.used_buttons = [...used, button];
	const job = createJob(state, {
		store: 'image', variant: button.startsWith('U') ? 'upscale' : 'v3', webhookField: 'webhookUrl', body,
		record: () => ({
			deduction_credit: IMAGE_PRICE, prompt: origin.record.prompt ?? '', origin_prompt: origin.record.origin_prompt ?? '', source_image: origin.record.source_image ?? '',
			type: 1, from: 3, image_content_model_id: origin._id, op_button: button, op_buttonMessageId: crypto.randomBytes(8).toString('hex'),
		}),
	});
	return ok({ ...job.record, image_status: 1, image: '' });
}

/**
 * #41 v4 `createBySourcePrompt`: prompt required; model_name krea (text→image) | kontext (image→image;
 * needs source_images), default by source_images; source_images string[] (krea: accepted, not used);
 * scale incl. `Original` (image→image only); resolution 1080p | 4k (4k); batch_quantity 1–4 (1);
 * similar 0–1 (range only); negative_prompt; `webhookurl` (lowercase). One job per image (all charged
 * first); `data` = the record for one image, an ARRAY for several.
 * @type {Handler}
 */
function imageCreateV4(state, { body }) {
	const v = fieldReader(body, state.strict);
	const prompt = /** @type {string} */ (v.str('prompt', { required: true }));
	const sources = v.strings('source_images') ?? [];
	const model = v.oneOf('model_name', [FLUX_KREA, FLUX_KONTEXT]) ?? (sources.length > 0 ? FLUX_KONTEXT : FLUX_KREA);
	if (model === FLUX_KONTEXT && sources.length === 0) throw new ApiError(1003, 'source_images is required for image-to-image model');
	const scale = v.oneOf('scale', [...IMAGE_SCALES, 'Original']) ?? '1:1';
	const i2i = model === FLUX_KONTEXT;
	if (scale === 'Original' && !i2i) throw invalid('scale'); // Original: image→image only
	const resolution = v.oneOf('resolution', ['1080p', '4k']) ?? '4k';
	const count = v.num('batch_quantity', 1, 4, { integer: true }) ?? 1;
	v.num('similar', 0, 1);
	v.str('negative_prompt');
	checkWebhookField(state, body, 'webhookurl');
	charge(state, IMAGE_PRICE * count);
	const records = Array.from({ length: count }, () => {
		const job = createJob(state, {
			store: 'image', variant: 'v4', webhookField: 'webhookurl', body,
			record: (j) => ({
				team_id: TEAM_ID, prompt, origin_prompt: prompt, source_image: i2i ? sources[0] : '', deduction_credit: IMAGE_PRICE, model_name: model,
				provider: 'wavespeed-ai', type: 4, from: 4, sub_type: i2i ? 40002 : 40001, resolution, scale, file_name: j.fileName,
			}),
		});
		return { ...job.record, image_status: 1, image: '' };
	});
	return ok(count === 1 ? records[0] : records);
}

// ---- Head Swap v4 (§4.16 #51–#54; stores `headSwapAnalysisV4` and `headSwapV4`) ----

/** §4.16: unknown / other store's id on the v4 head swap details. */
const HEAD_SWAP_NOT_FOUND = { code: 1014, msg: 'Resource does not exist' };
/** Credits (our choice, as the V5 head swap): per started 5 s of the assumed 10 s video; not enough → 1104. */
const HEAD_SWAP_V4_PRICE = { '480p': 6, '720p': 8 };
const HEAD_SWAP_V4_SECONDS = 10;

/**
 * #51 `analyze`: video_url (http(s)) and type "head" required. msg "Analyze success". No webhook is
 * documented (a sent one is recorded, never called back); free (our choice).
 * @type {Handler}
 */
function headSwapV4Analyze(state, { body }) {
	const v = fieldReader(body, state.strict);
	const url = /** @type {string} */ (v.str('video_url', { required: true }));
	if (!isHttpUrl(url)) throw invalid('video_url');
	v.oneOf('type', ['head'], true);
	const job = createJob(state, {
		store: 'headSwapAnalysisV4', webhookField: null, body,
		record: () => ({ video_url: url, type: 'head', task_id: objectId() }),
	});
	return ok({ ...job.record, status: 1, progress: 0, analysis_result: null }, 'Analyze success');
}

/**
 * #53 `task/create`: video_url (the IDENTICAL string of a completed analysis, else 1003), mappings 1–5
 * `{obj_id, img_url}` (obj_ids distinct and in that analysis; more than 5 → Akool's own 1003 message),
 * model_name `akool-premium`, resolution 480p | 720p (all required); template_id, keep_original_sound,
 * webhookUrl. Callback type "headswap" (our choice).
 * @type {Handler}
 */
function headSwapV4Create(state, { body }) {
	const v = fieldReader(body, state.strict);
	const url = /** @type {string} */ (v.str('video_url', { required: true }));
	if (Array.isArray(body.mappings) && body.mappings.length > 5) throw new ApiError(1003, 'Up to 5 characters can be replaced at one time.');
	const objIds = objMappings(v, 5);
	const model = /** @type {string} */ (v.oneOf('model_name', ['akool-premium'], true));
	const resolution = /** @type {'480p' | '720p'} */ (v.oneOf('resolution', ['480p', '720p'], true));
	v.str('template_id');
	v.bool('keep_original_sound');
	checkWebhookField(state, body, 'webhookUrl');
	const analysis = storeJobs(state, 'headSwapAnalysisV4').filter((j) => j.status === 3 && j.record.video_url === url).pop();
	if (!analysis) throw new ApiError(1003, 'video_url does not match a completed analysis');
	const media = /** @type {{ media: Array<{ obj_id: number }> }} */ (state.engine.view(analysis).analysis_result).media;
	objIds.forEach((objId, i) => {
		if (!media.some((m) => m.obj_id === objId)) throw invalid(`mappings[${i}].obj_id`);
	});
	charge(state, HEAD_SWAP_V4_PRICE[resolution] * Math.ceil(HEAD_SWAP_V4_SECONDS / 5), 1104, 'Insufficient credit balance');
	const job = createJob(state, {
		store: 'headSwapV4', webhookField: 'webhookUrl', body,
		record: (j) => ({ source_video_url: url, video_duration: HEAD_SWAP_V4_SECONDS, resolution, deduction_lock_duration: HEAD_SWAP_V4_SECONDS, task_id: objectId(), model_name: model, file_name: j.fileName }),
	});
	const r = job.record;
	return ok({
		_id: job._id, create_time: r.create_time, uid: r.uid, team_id: r.team_id, video_duration: r.video_duration, task_id: r.task_id, resolution,
		status: 1, deduction_lock_duration: r.deduction_lock_duration, model_name: model, file_name: r.file_name, video_url: null,
	});
}

// ---- Jarvis Moderator (§4.17 #55, #56; store `moderation`) ----

/** Credits (§4.17): image 0.2; audio 0.5 and video 1 per minute (the mock assumes 1 min); text 0.1 per started 600 characters (a URL: one block). */
const MODERATION_PRICE = { 1: 0.2, 2: 1, 3: 0.5 };
const MODERATION_TEXT_MAX = 100000;

/**
 * #55 `sentiment`: content (types 1–3: an http(s) URL; type 4: text ≤ 100000 or a URL) and type 1–4
 * required; language, input strings; webhookUrl. Verdict at 3 from the content: "unsafe" → Non-Compliant,
 * "unclear" → Unknown, else Compliant. Callback type "sentiment" (our choice).
 * @type {Handler}
 */
function moderationCreate(state, { body }) {
	const v = fieldReader(body, state.strict);
	const content = /** @type {string} */ (v.str('content', { required: true }));
	const type = /** @type {1 | 2 | 3 | 4} */ (v.oneOf('type', [1, 2, 3, 4], true));
	if (type === 4 ? content.length > MODERATION_TEXT_MAX : !isHttpUrl(content)) throw invalid('content');
	v.str('language');
	v.str('input');
	checkWebhookField(state, body, 'webhookUrl');
	const cost = type === 4 ? (isHttpUrl(content) ? 0.1 : Math.ceil(content.length / 600) * 0.1) : MODERATION_PRICE[type];
	charge(state, Math.round(cost * 100) / 100);
	const job = createJob(state, { store: 'moderation', webhookField: 'webhookUrl', body, record: () => ({ type }) });
	const r = job.record;
	return ok({ _id: job._id, status: 1, type, result: '', create_time: r.create_time, uid: r.uid, __v: 0 });
}

// ---- Knowledge Base (§4.19 #58–#62; synchronous, one in-memory list per mock) ----

const KB_NOT_FOUND = { code: 1232, msg: 'knowledge base not found' };
const MB = 1024 * 1024;

/** @param {ApiState} state @param {unknown} id */
function findKnowledgeBase(state, id) {
	const kb = typeof id === 'string' ? state.knowledgeBases.find((k) => k._id === id) : undefined;
	if (!kb) throw new ApiError(KB_NOT_FOUND.code, KB_NOT_FOUND.msg);
	return kb;
}

/**
 * The create / update fields that were sent (all optional): name ≤ 100, prologue ≤ 2000 ("" clears),
 * prompt ≤ 10000, docs `[{name, url (http(s)), size (bytes, ≤ 100 MB)}]` (≤ 500 MB in total), urls
 * (http(s) strings). A sent "" clears a text field (not strict: "" and null count as not sent).
 * @param {ApiState} state @param {Record<string, unknown>} body
 * @returns {Partial<Pick<KnowledgeBase, 'name' | 'prologue' | 'prompt' | 'docs' | 'urls'>>}
 */
function knowledgeFields(state, body) {
	const v = fieldReader(body, state.strict);
	/** @type {Partial<Pick<KnowledgeBase, 'name' | 'prologue' | 'prompt' | 'docs' | 'urls'>>} */
	const out = {};
	for (const [name, max] of /** @type {const} */ ([['name', 100], ['prologue', 2000], ['prompt', 10000]])) {
		if (state.strict && body[name] === '') out[name] = '';
		else {
			const text = v.str(name, { max });
			if (text !== undefined) out[name] = text;
		}
	}
	const docs = v.objects('docs', {}, (d) => {
		const name = /** @type {string} */ (d.str('name', { required: true }));
		const url = /** @type {string} */ (d.str('url', { required: true }));
		if (!isHttpUrl(url)) throw d.invalid('url');
		const size = /** @type {number} */ (d.num('size', 0, 100 * MB, { required: true, integer: true }));
		return { name, url, size };
	});
	if (docs) {
		if (docs.reduce((sum, d) => sum + d.size, 0) > 500 * MB) throw invalid('docs');
		out.docs = docs;
	}
	const urls = v.strings('urls');
	urls?.forEach((url, i) => {
		if (!isHttpUrl(url)) throw invalid(`urls[${i}]`);
	});
	if (urls) out.urls = urls;
	return out;
}

/** A name another knowledge base already has → 1233. @param {ApiState} state @param {string | undefined} name @param {string} [self] */
function checkKnowledgeName(state, name, self) {
	if (name && state.knowledgeBases.some((k) => k.name === name && k._id !== self)) throw new ApiError(1233, 'knowledge base already exists');
}

/** #58 `list`: page ≥ 1 (1), size 1–100 (10), name (case-insensitive substring), from 1 | 2 (2) → bare array, newest first. @type {Handler} */
function knowledgeList(state, { query }) {
	const p = pageQuery(state, query, 10);
	const from = Number(queryEnum(query, 'from', ['1', '2']) ?? '2');
	const name = (first(query.name) ?? '').toLowerCase();
	const list = state.knowledgeBases.filter((k) => k.from === from && k.name.toLowerCase().includes(name)).reverse();
	return ok(pageOf(list, p).map((k) => ({ ...k })));
}

/** #59 `create`: every field optional; a duplicate name → 1233. @type {Handler} */
function knowledgeCreate(state, { body }) {
	const fields = knowledgeFields(state, body);
	checkKnowledgeName(state, fields.name);
	const now = Date.now();
	/** @type {KnowledgeBase} */
	const kb = { _id: objectId(), uid: UID, team_id: TEAM_ID, user_type: 2, from: 2, name: '', prologue: '', prompt: '', docs: [], urls: [], ...fields, create_time: now, update_time: now };
	state.knowledgeBases.push(kb);
	return ok({ ...kb });
}

/** #60 `detail?id=` → the knowledge base; unknown → 1232. @type {Handler} */
function knowledgeDetail(state, { query }) {
	const id = first(query.id);
	if (isMissing(id)) throw required('id');
	return ok({ ...findKnowledgeBase(state, id) });
}

/** #61 `update`: id required + any create field (only those sent change); unknown → 1232, a name taken by another → 1233. @type {Handler} */
function knowledgeUpdate(state, { body }) {
	const id = fieldReader(body, state.strict).str('id', { required: true });
	const fields = knowledgeFields(state, body);
	const kb = findKnowledgeBase(state, id);
	checkKnowledgeName(state, fields.name, kb._id);
	Object.assign(kb, fields, { update_time: Math.max(Date.now(), kb.update_time + 1) });
	return ok({ ...kb });
}

/** #62 `DELETE delete` with a JSON body `{id}` → `{code: 1000, msg}`; unknown → 1232. @type {Handler} */
function knowledgeDelete(state, { body }) {
	const id = fieldReader(body, state.strict).str('id', { required: true });
	const kb = findKnowledgeBase(state, id);
	state.knowledgeBases.splice(state.knowledgeBases.indexOf(kb), 1);
	return { code: 1000, msg: 'Delete knowledge successfully' };
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
	'POST /api/open/v3/content/video/lipsync': lipSyncCreate,
	'POST /api/open/v3/content/video/createbytranslate': translateCreate,
	'GET /api/open/v3/language/list': (state) => ok({ lang_list: languageList(state.publicUrl()) }),
	'POST /api/open/v3/talkingavatar/create': talkingAvatarCreate,
	'GET /api/open/v3/avatar/list': avatarList,
	'GET /api/open/v3/avatar/detail': avatarDetail,
	'POST /api/open/v3/avatar/create': avatarCreate,
	'GET /api/open/v3/voice/list': v3VoiceList,
	'POST /api/open/v3/audio/create': v3AudioCreate,
	'POST /api/open/v3/audio/clone': v3AudioClone,
	'POST /api/open/v4/voice/tts': ttsCreate,
	'POST /api/open/v4/voice/change': voiceChange,
	'POST /api/open/v4/voice/clone': voiceCloneCreate,
	'GET /api/open/v4/voice/resource/list': voiceResourceList,
	'POST /api/open/v4/voice/del': voiceDelete,
	'GET /api/open/v4/voice/list': voiceList,
	'POST /api/open/v4/text2Video/createByPrompt/batch': t2vBatch,
	'POST /api/open/v3/content/image/createbyprompt': imageCreateV3,
	'POST /api/open/v3/content/image/createbybutton': imageButton,
	'POST /api/open/v4/content/image/createBySourcePrompt': imageCreateV4,
	'POST /api/open/v4/headswap/analyze': headSwapV4Analyze,
	'GET /api/open/v4/headswap/analyze/detail': pollOne('headSwapAnalysisV4', '_id', HEAD_SWAP_NOT_FOUND),
	'POST /api/open/v4/headswap/task/create': headSwapV4Create,
	'GET /api/open/v4/headswap/task/detail': pollOne('headSwapV4', '_id', HEAD_SWAP_NOT_FOUND),
	'POST /api/open/v3/content/analysis/sentiment': moderationCreate,
	'GET /api/open/v3/content/analysis/infobyid': pollOne('moderation', '_id'),
	'GET /api/open/v4/knowledge/list': knowledgeList,
	'POST /api/open/v4/knowledge/create': knowledgeCreate,
	'GET /api/open/v4/knowledge/detail': knowledgeDetail,
	'POST /api/open/v4/knowledge/update': knowledgeUpdate,
	// Akool's only DELETE (JSON body {id}); a POST or GET to this path is 404 like Akool's router (our choice).
	'DELETE /api/open/v4/knowledge/delete': knowledgeDelete,
};

/**
 * Routes with a path parameter (the rest of the path after `prefix`, one segment): VoiceLab details.
 * @type {Array<{ prefix: string, handler: Handler }>}
 */
const PARAM_ROUTES = [
	{ prefix: 'GET /api/open/v4/voice/detail/', handler: voiceDetail },
	{ prefix: 'GET /api/open/v4/voice/resource/detail/', handler: voiceResourceDetail },
];

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
	const paramRoute = ROUTES[key] ? undefined : PARAM_ROUTES.find((r) => key.startsWith(r.prefix) && !key.slice(r.prefix.length).includes('/'));
	const handler = ROUTES[key] ?? paramRoute?.handler;
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
		const param = paramRoute ? safeDecode(key.slice(paramRoute.prefix.length)) : undefined;
		return { httpStatus: 200, json: /** @type {Handler} */ (handler)(state, { query: req.query, body, ...(paramRoute ? { param } : {}) }) };
	} catch (err) {
		if (err instanceof ApiError) return { httpStatus: 200, json: { code: err.code, msg: err.message } };
		throw err;
	}
}

/** decodeURIComponent that keeps the raw text when it is not valid percent-encoding. @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Paths handled by handleApi (the rest of the server: /files, /redirect, /__mock). @param {string} path */
const isApiPath = (path) => path.startsWith('/api/') || path.startsWith('/interface/');

module.exports = { handleApi, isApiPath, ROUTES, RAW_ROUTES, PARAM_ROUTES };
