// @ts-check
'use strict';

/**
 * The Akool Open API endpoints the mock implements (paths and shapes from akool-api.md).
 * Every answer is HTTP 200 `{code, msg, data}` (1000 = success); unknown paths are HTTP 404.
 * Strict by default (option `strict`): never more lenient than akool-api.md; see README "Strict mode".
 */

const crypto = require('node:crypto');
const { MODELS, EFFECTS, effectList, modelsOfTypes } = require('./fixtures.js');
const { objectId } = require('./crypto.js');

/**
 * @typedef {import('./jobs.js').JobEngine} JobEngine
 * @typedef {import('./jobs.js').Job} Job
 * @typedef {import('./jobs.js').Behaviour} Behaviour
 * @typedef {{ apiKey: string, clientId: string, strict: boolean, engine: JobEngine, tokens: Set<string>, credit: number, takeBehaviour: () => Behaviour, publicUrl: () => string }} ApiState
 * @typedef {{ query: Record<string, string | string[]>, body: Record<string, unknown> }} Ctx
 * @typedef {{ code: number, msg?: string, data?: unknown, token?: string }} Envelope
 * @typedef {(state: ApiState, ctx: Ctx) => Envelope} Handler
 */

class ApiError extends Error {
	/** @param {number} code @param {string} msg */
	constructor(code, msg) {
		super(msg);
		this.code = code;
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
 * @param {Record<string, unknown>} body @param {boolean} strict
 */
function fieldReader(body, strict) {
	/** @param {unknown} v @param {boolean} isString */
	const absent = (v, isString) => (strict ? v === undefined || (isString && v === '') : isMissing(v));
	return {
		/**
		 * @param {string} name
		 * @param {{ required?: boolean, max?: number, allowEmpty?: boolean }} [rule] allowEmpty: when
		 *   required and strict, "" is accepted (the key must still be sent)
		 * @returns {string | undefined}
		 */
		str(name, rule = {}) {
			const v = body[name];
			if (rule.required) {
				if (!(strict && rule.allowEmpty && v === '') && isMissing(v)) throw required(name);
			} else if (absent(v, true)) {
				return undefined;
			}
			if (typeof v !== 'string' || (rule.max !== undefined && v.length > rule.max)) throw invalid(name);
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
				if (isRequired) throw required(name);
				return undefined;
			}
			const match = strict
				? allowed.find((a) => a === v)
				: typeof v === 'string' || typeof v === 'number' ? allowed.find((a) => String(a) === String(v)) : undefined;
			if (match === undefined) throw invalid(name);
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
				if (rule.required) throw required(name);
				return undefined;
			}
			const n = typeof v === 'number' || (!strict && typeof v === 'string') ? Number(v) : NaN;
			if (!Number.isFinite(n) || n < min || n > max || (rule.integer && !Number.isInteger(n))) throw invalid(name);
			return n;
		},
		/** Optional boolean (checked only when strict). @param {string} name @returns {boolean | undefined} */
		bool(name) {
			const v = body[name];
			if (absent(v, false)) return undefined;
			if (strict && typeof v !== 'boolean') throw invalid(name);
			return /** @type {boolean | undefined} */ (v);
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
 * @returns {{ httpStatus: number, json: Envelope }}
 */
function handleApi(state, req) {
	const key = `${req.method} ${req.path}`;
	const handler = ROUTES[key];
	if (!handler) return { httpStatus: 404, json: { code: 404, msg: `Cannot ${req.method} ${req.path}` } };
	if (!PUBLIC_ROUTES.has(key)) {
		const denied = authenticate(state, req.headers);
		if (denied) return { httpStatus: 200, json: denied };
	}
	if (typeof req.body === 'string' && req.body.trim() !== '') {
		return { httpStatus: 200, json: { code: 1003, msg: 'Invalid JSON body' } };
	}
	const body = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? /** @type {Record<string, unknown>} */ (req.body) : {};
	try {
		return { httpStatus: 200, json: handler(state, { query: req.query, body }) };
	} catch (err) {
		if (err instanceof ApiError) return { httpStatus: 200, json: { code: err.code, msg: err.message } };
		throw err;
	}
}

module.exports = { handleApi, ROUTES };
