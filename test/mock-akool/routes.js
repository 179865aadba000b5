// @ts-check
'use strict';

/**
 * The Akool Open API endpoints the mock implements (paths and shapes from akool-api.md).
 * Every answer is HTTP 200 `{code, msg, data}` (1000 = success); unknown paths are HTTP 404.
 */

const crypto = require('node:crypto');
const { MODELS, EFFECTS, effectList, modelsOfTypes } = require('./fixtures.js');
const { objectId } = require('./crypto.js');

/**
 * @typedef {import('./jobs.js').JobEngine} JobEngine
 * @typedef {import('./jobs.js').Job} Job
 * @typedef {import('./jobs.js').Behaviour} Behaviour
 * @typedef {{ apiKey: string, clientId: string, engine: JobEngine, tokens: Set<string>, credit: number, takeBehaviour: () => Behaviour, publicUrl: () => string }} ApiState
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

// ---- validation helpers: each returns the value (or undefined when optional and absent) ----

/**
 * @param {Record<string, unknown>} body @param {string} name
 * @param {{ required?: boolean, max?: number }} [rule]
 * @returns {string | undefined}
 */
function str(body, name, rule = {}) {
	const v = body[name];
	if (isMissing(v)) {
		if (rule.required) throw required(name);
		return undefined;
	}
	if (typeof v !== 'string' || (rule.max !== undefined && v.length > rule.max)) throw invalid(name);
	return v;
}

/**
 * Enum check; numbers and numeric strings compare equal ("5" matches 5).
 * @param {Record<string, unknown>} body @param {string} name @param {Array<string | number>} allowed
 * @param {boolean} [isRequired]
 * @returns {string | undefined}
 */
function oneOf(body, name, allowed, isRequired = false) {
	const v = body[name];
	if (isMissing(v)) {
		if (isRequired) throw required(name);
		return undefined;
	}
	if ((typeof v !== 'string' && typeof v !== 'number') || !allowed.map(String).includes(String(v))) throw invalid(name);
	return String(v);
}

/**
 * @param {Record<string, unknown>} body @param {string} name @param {number} min @param {number} max
 * @param {{ required?: boolean, integer?: boolean }} [rule]
 * @returns {number | undefined}
 */
function num(body, name, min, max, rule = {}) {
	const v = body[name];
	if (isMissing(v)) {
		if (rule.required) throw required(name);
		return undefined;
	}
	const n = typeof v === 'number' || typeof v === 'string' ? Number(v) : NaN;
	if (!Number.isFinite(n) || n < min || n > max || (rule.integer && !Number.isInteger(n))) throw invalid(name);
	return n;
}

/** audio_type (1 AI / 2 custom `audio_url` / 3 none) plus the conditional audio_url. */
function audio(/** @type {Record<string, unknown>} */ body, /** @type {string[]} */ allowed, /** @type {boolean} */ isRequired) {
	const audioType = oneOf(body, 'audio_type', allowed, isRequired);
	const audioUrl = str(body, 'audio_url', { required: audioType === '2' });
	return { audio_type: audioType === undefined ? undefined : Number(audioType), audio_url: audioUrl ?? '' };
}

/** @param {ApiState} state @param {number} amount */
function charge(state, amount) {
	if (state.credit < amount) throw new ApiError(1006, 'Your quota is not enough');
	state.credit -= amount;
}

/** Comma-separated id string -> ids. @param {unknown} v @param {string} name */
function idList(v, name) {
	if (Array.isArray(v)) throw invalid(name);
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
	const image = str(body, 'image', { required: true });
	const video = str(body, 'video', { required: true });
	const duration = num(body, 'duration', 1, 120);
	const resolution = oneOf(body, 'resolution', ['480p', '720p', '1080p']) ?? '720p';
	const mode = oneOf(body, 'mode', ['animate', 'replace']) ?? 'animate';
	const prompt = str(body, 'prompt', { max: 500 }) ?? '';
	const modelName = oneOf(body, 'model_name', modelValues(2101)) ?? 'wavespeed-ai/wan-2.2/animate';
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
	const photo = str(body, 'talking_photo_url', { required: true });
	const audioUrl = str(body, 'audio_url', { required: true });
	const prompt = str(body, 'prompt') ?? '';
	const resolution = oneOf(body, 'resolution', ['720', '1080']) ?? '720';
	charge(state, TALKING_PHOTO_PRICE);
	const job = createJob(state, {
		store: 'video', type: 'talking photo', webhookField: 'webhookUrl', body,
		record: () => ({ type: 5, from: 3, talking_photo: photo, audio_url: audioUrl, prompt, resolution, deduction_credit: TALKING_PHOTO_PRICE }),
	});
	return ok({ ...job.record, video_status: 1, video: '' });
}

/**
 * Record fields shared by i2v creates. @param {Record<string, unknown>} body
 * @param {{ resolution: string, seconds: number, cost: number, audio: ReturnType<typeof audio>, effect?: typeof EFFECTS[number], extra?: Record<string, unknown> }} f
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
	str(body, 'image_url', { required: true });
	const effectCode = oneOf(body, 'effect_code', EFFECTS.map((e) => e.effect_code));
	str(body, 'prompt', { required: effectCode === undefined }); // "ignored when effect_code set"
	str(body, 'negative_prompt'); // required per the doc table; the mock tolerates it missing
	const resolution = /** @type {string} */ (oneOf(body, 'resolution', ['720p', '1080p', '4k'], true));
	const sound = audio(body, ['1', '2', '3'], true);
	const seconds = Number(oneOf(body, 'video_length', [5, 10], true));
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
	str(body, 'image_url', { required: true });
	str(body, 'prompt', { required: true });
	const modelName = oneOf(body, 'model_name', modelValues(1501)) ?? 'AkoolImage2VideoFastV1';
	const model = /** @type {typeof MODELS[number]} */ (MODELS.find((m) => m.value === modelName));
	const resolution = /** @type {string} */ (oneOf(body, 'resolution', model.resolutionList.map((r) => r.value), true));
	const seconds = Number(oneOf(body, 'video_length', model.durationList, true));
	const count = num(body, 'count', 1, 10, { integer: true }) ?? 1;
	const lastImage = str(body, 'last_image_url');
	if (lastImage !== undefined && !model.supportedLastFrame) throw invalid('last_image_url');
	const sound = audio(body, ['1', '2', '3'], false);
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
	const preId = /** @type {string} */ (str(body, 'pre_video_id', { required: true }));
	const sound = audio(body, ['1', '2'], true);
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

/**
 * §3: `Authorization: Bearer <token>` wins when present (x-api-key is then ignored), else x-api-key.
 * Accepted tokens: the API key itself and tokens issued by getToken.
 * @param {ApiState} state @param {import('node:http').IncomingHttpHeaders} headers
 * @returns {Envelope | null} an error envelope, or null when authorised
 */
function authenticate(state, headers) {
	const authorization = (headers.authorization ?? '').trim();
	if (authorization !== '') {
		const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1].trim() ?? '';
		if (token === '') return { code: 1102, msg: 'Authorization cannot be empty' };
		return token === state.apiKey || state.tokens.has(token) ? null : { code: 1101, msg: 'Invalid authorization or The request token has expired' };
	}
	const apiKey = [headers['x-api-key'] ?? ''].flat().join(',').trim();
	if (apiKey === '') return { code: 1102, msg: 'Authorization cannot be empty' };
	return apiKey === state.apiKey ? null : { code: 1101, msg: 'Invalid authorization or The request token has expired' };
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
