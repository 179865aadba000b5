// @ts-check
'use strict';

const crypto = require('node:crypto');

/**
 * Static catalogue data: AI models (§4.12, #42), image-to-video effects (§4.13, #46), the
 * Swap Studio V5 features and their models (test/reference/swap-studio-v5.md), video translation languages (#18),
 * official avatars (#21), v3 voices (#26) and VoiceLab v4 Akool voices (#35).
 * The model list is deliberately NOT stored in `sort` order so clients can rely on the
 * server sorting (desc) the way Akool documents.
 */

/**
 * @param {string} label @param {string} value @param {number} width @param {number} height @param {number} unit_credit
 */
const res = (label, value, width, height, unit_credit) => ({ label, value, width, height, unit_credit });

const R480 = (/** @type {number} */ c) => res('480P', '480p', 854, 480, c);
const R720 = (/** @type {number} */ c) => res('720P', '720p', 1280, 720, c);
const R1080 = (/** @type {number} */ c) => res('1080P', '1080p', 1920, 1080, c);
const R4K = (/** @type {number} */ c) => res('4K', '4k', 3840, 2160, c);

/**
 * @typedef {{ label: string, value: string, width: number, height: number, unit_credit: number }} ModelResolution
 * @type {Array<{ sort: number, group: string, provider: string, type: number, label: string, value: string, description: string, resolutionList: ModelResolution[], isPro: boolean, generate_audio: unknown, durationList: number[], requiresPay: boolean, supportedLastFrame: boolean, supportedExtendPrompt: boolean, maxImageCount: number, maxCount: number }>}
 */
const MODELS = [
	{
		sort: 90, group: 'Seedance', provider: 'seedance', type: 1501,
		label: 'Seedance 1.0 Lite', value: 'seedance-1-0-lite-i2v-250428',
		description: 'ByteDance Seedance lite image-to-video, supports a last frame.',
		resolutionList: [R480(3), R720(5), R1080(10)],
		isPro: true, generate_audio: null, durationList: [5, 10], requiresPay: true,
		supportedLastFrame: true, supportedExtendPrompt: false, maxImageCount: 2, maxCount: 4,
	},
	{
		sort: 100, group: 'Akool', provider: 'akool', type: 1501,
		label: 'Akool Image2Video Fast V1', value: 'AkoolImage2VideoFastV1',
		description: 'Fast Akool image-to-video model (free tier).',
		resolutionList: [R720(5), R1080(10), R4K(20)],
		isPro: false, generate_audio: null, durationList: [5, 10], requiresPay: false,
		supportedLastFrame: false, supportedExtendPrompt: true, maxImageCount: 1, maxCount: 10,
	},
	{
		sort: 80, group: 'MiniMax', provider: 'minimax', type: 1501,
		label: 'Hailuo 02', value: 'MiniMax-Hailuo-02',
		description: 'MiniMax Hailuo 02 image-to-video with optional generated audio.',
		resolutionList: [R720(8), R1080(16)],
		isPro: true,
		generate_audio: { required: false, type: 'boolean', default: false, extra_credit_multiplier: 1.5 },
		durationList: [6, 10], requiresPay: true,
		supportedLastFrame: false, supportedExtendPrompt: true, maxImageCount: 1, maxCount: 4,
	},
	{
		// No resolutionList: the model decides the resolution itself, so the batch create (#44)
		// must come WITHOUT `resolution` (absent or ""); video_length is still one of durationList.
		sort: 70, group: 'Kling', provider: 'kwaivgi', type: 1501,
		label: 'Kling V3.0 Std', value: 'kwaivgi/kling-v3.0-std/image-to-video',
		description: 'Kling V3.0 standard image-to-video; the resolution is fixed by the model (none to choose).',
		resolutionList: [],
		isPro: true, generate_audio: null, durationList: [5, 10, 15], requiresPay: true,
		supportedLastFrame: false, supportedExtendPrompt: false, maxImageCount: 1, maxCount: 4,
	},
	{
		sort: 100, group: 'Seedance', provider: 'seedance', type: 1502,
		label: 'Seedance 1.0 Lite T2V', value: 'seedance-1-0-lite-t2v-250428',
		description: 'ByteDance Seedance lite text-to-video.',
		resolutionList: [R480(3), R720(5), R1080(10)],
		isPro: false, generate_audio: null, durationList: [5, 10], requiresPay: false,
		supportedLastFrame: false, supportedExtendPrompt: true, maxImageCount: 0, maxCount: 10,
	},
	{
		sort: 90, group: 'Akool', provider: 'akool', type: 2101,
		label: 'Akool Character Swap V1', value: 'akool-character-swap-v1',
		description: 'Akool character swap (animate or replace).',
		resolutionList: [R480(5), R720(10), R1080(15)],
		isPro: true, generate_audio: null, durationList: [], requiresPay: true,
		supportedLastFrame: false, supportedExtendPrompt: false, maxImageCount: 1, maxCount: 1,
	},
	{
		sort: 100, group: 'WaveSpeed', provider: 'wavespeed-ai', type: 2101,
		label: 'Wan 2.2 Animate', value: 'wavespeed-ai/wan-2.2/animate',
		description: 'Wan 2.2 animate / replace character model hosted on WaveSpeed.',
		resolutionList: [R480(5), R720(10)],
		isPro: true, generate_audio: null, durationList: [], requiresPay: true,
		supportedLastFrame: false, supportedExtendPrompt: false, maxImageCount: 1, maxCount: 1,
	},
];

/** Effects; preview/logo URLs point at the mock's own /files so they work offline. */
const EFFECTS = [
	{ _id: '67c9c1f4b4d8a61f3c5e9a01', create_time: 1741275636000, name: 'Squish', slug: 'squish', effect_code: 'squish_89244231312' },
	{ _id: '67c9c1f4b4d8a61f3c5e9a02', create_time: 1741275637000, name: 'Cakeify', slug: 'cakeify', effect_code: 'cakeify_24743216' },
	{ _id: '67c9c1f4b4d8a61f3c5e9a03', create_time: 1741275638000, name: 'Samurai', slug: 'samurai', effect_code: 'samurai_99757865' },
];

/** @param {string} baseUrl */
function effectList(baseUrl) {
	return EFFECTS.map(({ slug, ...e }) => ({
		_id: e._id,
		create_time: e.create_time,
		logo: `${baseUrl}/files/effect-${slug}.png`,
		name: e.name,
		video_url: `${baseUrl}/files/effect-${slug}.mp4`,
		effect_code: e.effect_code,
	}));
}

/** @param {number[]} types */
function modelsOfTypes(types) {
	return MODELS.filter((m) => types.includes(m.type)).sort((a, b) => b.sort - a.sort);
}

// ---- Swap Studio V5 ----

/**
 * @typedef {'characterSwap' | 'motionSwap' | 'headswap' | 'hairswap' | 'clothingSwap'} StudioFeature
 * @typedef {{ prefix: string, name: string, store: import('./jobs.js').StoreName, analysisStore: import('./jobs.js').StoreName | null, defaultModel: string | null, analysisTypes: string[] }} StudioSpec
 */

/**
 * The five features: path prefix (Akool's casing), display name (callback `type` = `<name> V5`),
 * task store, analysis store (null: no analyze step), default model (null: model_name required),
 * accepted analyze `type` values (the first is the default).
 * @type {Record<StudioFeature, StudioSpec>}
 */
const STUDIO = {
	characterSwap: { prefix: 'characterSwap', name: 'Character Swap', store: 'studioCharacterSwap', analysisStore: 'studioCharacterSwapAnalysis', defaultModel: 'akool-premium-multi-person', analysisTypes: ['person'] },
	motionSwap: { prefix: 'motionSwap', name: 'Motion Swap', store: 'studioMotionSwap', analysisStore: null, defaultModel: null, analysisTypes: [] },
	headswap: { prefix: 'headswap', name: 'Head Swap', store: 'studioHeadSwap', analysisStore: 'studioHeadSwapAnalysis', defaultModel: 'akool-premium', analysisTypes: ['head'] },
	hairswap: { prefix: 'hairswap', name: 'Hair Swap', store: 'studioHairSwap', analysisStore: null, defaultModel: 'akool/hair-swap', analysisTypes: [] },
	clothingSwap: { prefix: 'clothingSwap', name: 'Clothing Swap', store: 'studioClothingSwap', analysisStore: 'studioClothingSwapAnalysis', defaultModel: 'akool-premium/clothing_swap', analysisTypes: ['person', 'head', 'outfit'] },
};

/**
 * Credits (our choice; the docs give no price table): `image` per image task, a resolution key per
 * started 5 s of video (the mock assumes a 10 s source, so a video task costs twice the value).
 * @type {Record<string, number>}
 */
const STUDIO_UNIT_PRICE = { image: 6, '480p': 6, '720p': 8, '720P': 8, '1080p': 12, '1080P': 12 };

/**
 * @param {string} model_name @param {string} label @param {string} provider @param {string} description
 * @param {{ resolutions?: string[], media_types: string[], modes?: string[] }} params
 */
function studioModel(model_name, label, provider, description, params) {
	const keys = [...(params.media_types.includes('image') ? ['image'] : []), ...(params.media_types.includes('video') ? params.resolutions ?? [] : [])];
	const unit_price_map = Object.fromEntries(keys.map((k) => [k, STUDIO_UNIT_PRICE[k]]));
	return { model_name, label, description, provider, params, unit_price_map, requires_priority: false };
}

/** @type {Record<StudioFeature, ReturnType<typeof studioModel>[]>} */
const STUDIO_MODELS = {
	characterSwap: [
		studioModel('akool-premium-multi-person', 'Akool Premium Multi-Person', 'akool', 'Akool character replacement for images and analysed videos (up to 5 people).', { resolutions: ['480p', '720p'], media_types: ['image', 'video'] }),
		studioModel('kling-v3.0-pro/character-swap', 'Kling v3.0 Pro Character Swap', 'kling', 'Kling video character replacement; the scene must contain a single person.', { resolutions: ['720p', '1080p'], media_types: ['video'] }),
	],
	motionSwap: [
		studioModel('kwaivgi/kling-v3.0-pro/motion-control', 'Kling v3.0 Pro Motion Control', 'kling', 'Kling motion transfer.', { resolutions: ['720P', '1080P'], media_types: ['video'] }),
		studioModel('wavespeed-ai/wan-2.2/animate', 'Wan 2.2 Animate', 'wavespeed-ai', 'Wan 2.2 animate / replace on WaveSpeed.', { resolutions: ['480p', '720p'], media_types: ['video'], modes: ['animate', 'replace'] }),
		studioModel('pixverse/motion-control', 'PixVerse Motion Control', 'pixverse', 'PixVerse motion transfer.', { resolutions: ['720p'], media_types: ['video'] }),
	],
	headswap: [
		studioModel('akool-premium', 'Akool Premium', 'akool', 'Akool head replacement for analysed videos (up to 5 people).', { resolutions: ['480p', '720p'], media_types: ['video'] }),
	],
	hairswap: [
		studioModel('akool/hair-swap', 'Akool Hair Swap', 'akool', 'Akool hairstyle transfer for portrait images.', { media_types: ['image'] }),
	],
	clothingSwap: [
		studioModel('akool-premium/clothing_swap', 'Akool Premium Clothing Swap', 'akool', 'Akool outfit replacement for analysed images and videos.', { resolutions: ['480p', '720p'], media_types: ['image', 'video'] }),
	],
};

/**
 * `data.list` of GET /api/open/v5/<feature>/models; icons point at the mock's own /files.
 * @param {StudioFeature} feature @param {string} baseUrl
 */
function studioModelList(feature, baseUrl) {
	return STUDIO_MODELS[feature].map((m) => ({
		model_name: m.model_name,
		label: m.label,
		description: m.description,
		icon: `${baseUrl}/files/model-${m.model_name.replace(/[^A-Za-z0-9.-]+/g, '-')}.png`,
		provider: m.provider,
		params: m.params,
		unit_price_map: m.unit_price_map,
		requires_priority: m.requires_priority,
	}));
}

// ---- Video Translation languages (§4.6 #18) ----

/** [lang_name, lang_code]; flag icons point at the mock's own /files. */
const LANGUAGES = [
	['English', 'en'], ['English (United States)', 'en-US'], ['English (United Kingdom)', 'en-GB'], ['Japanese', 'ja'],
	['Chinese (Mandarin, Simplified)', 'zh-CN'], ['Chinese (Shandong dialect)', 'zh-CN-shandong'],
	['Chinese (Sichuan dialect)', 'zh-CN-sichuan'], ['Chinese (Cantonese, Traditional)', 'zh-HK'], ['Chinese (Taiwanese Mandarin)', 'zh-TW'],
	['French', 'fr'], ['German', 'de'], ['Spanish', 'es'], ['Spanish (Mexico)', 'es-MX'], ['Portuguese', 'pt'],
	['Portuguese (Brazil)', 'pt-BR'], ['Italian', 'it'], ['Korean', 'ko'], ['Russian', 'ru'], ['Arabic', 'ar'], ['Hindi', 'hi'],
	['Turkish', 'tr'], ['Dutch', 'nl'], ['Polish', 'pl'], ['Swedish', 'sv'], ['Norwegian', 'nb'], ['Danish', 'da'],
	['Finnish', 'fi'], ['Greek', 'el'], ['Czech', 'cs'], ['Romanian', 'ro'], ['Hungarian', 'hu'], ['Ukrainian', 'uk'],
	['Hebrew', 'he'], ['Indonesian', 'id'], ['Malay', 'ms'], ['Thai', 'th'], ['Vietnamese', 'vi'], ['Filipino', 'fil'],
	['Bengali', 'bn'], ['Tamil', 'ta'], ['Urdu', 'ur'], ['Persian', 'fa'],
];
const LANGUAGE_CODES = LANGUAGES.map(([, code]) => code);

/** `data.lang_list` of GET /api/open/v3/language/list. @param {string} baseUrl */
function languageList(baseUrl) {
	return LANGUAGES.map(([lang_name, lang_code]) => ({ lang_name, lang_code, url: `${baseUrl}/files/flag-${lang_code}.png` }));
}

// ---- Talking Avatar: official avatars (§4.8 #21) ----

const FIRST_NAMES = [
	'Tristan', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'Mateo', 'Isla', 'Hiro', 'Yuki', 'Wei',
	'Lin', 'Omar', 'Layla', 'Arjun', 'Priya', 'Jonas', 'Freya', 'Luca', 'Giulia', 'Pierre', 'Chloe', 'Diego', 'Lucia', 'Min-jun', 'Seo-yeon',
	'Ivan', 'Anya', 'Kofi', 'Amara', 'Felix', 'Clara', 'Rafael', 'Beatriz', 'Samuel', 'Hannah',
];
const GENDERS = ['male', 'female'];
/** Epoch ms of the fixture records. */
const FIXTURE_TIME = 1718000000000;
/** Deterministic 24-hex ObjectId of fixture `index` under `prefix` (14 hex). @param {string} prefix @param {number} index */
const fixtureId = (prefix, index) => prefix + index.toString(16).padStart(24 - prefix.length, '0');

/**
 * 130 official avatars (`from: 2`, every 5th a streaming avatar `type: 2`), stored in `sort` order (desc),
 * so a list with the default size 100 has a second page of 30.
 */
const OFFICIAL_AVATARS = Array.from({ length: 130 }, (_, i) => {
	const first = FIRST_NAMES[i % FIRST_NAMES.length];
	const outfit = Math.floor(i / FIRST_NAMES.length) + 1;
	return {
		_id: fixtureId('66a0a7a1a0a0', i),
		name: `${first} ${outfit}`,
		avatar_id: `dvp_${first.replace(/[^A-Za-z]/g, '')}_cloth${outfit}_${i}`,
		gender: GENDERS[(FIRST_NAMES.indexOf(first) + 1) % 2],
		from: 2,
		type: i % 5 === 4 ? 2 : 1,
		status: 3,
		sort: 1000 - i,
		create_time: FIXTURE_TIME + i * 1000,
	};
});

/** An official avatar as GET /api/open/v3/avatar/list shows it. @param {typeof OFFICIAL_AVATARS[number]} a @param {string} baseUrl */
function officialAvatar(a, baseUrl) {
	return {
		...a,
		url: `${baseUrl}/files/avatar-${a.avatar_id}.mp4`,
		thumbnailUrl: `${baseUrl}/files/avatar-${a.avatar_id}.png`,
		modify_url: '',
		crop_arr: [],
		disabled: false,
		uid: 1,
	};
}

// ---- Audio v3 voices (§4.9 #26) ----

/** [voice_id, name, gender, accent, useCase] of the Akool (from 3) v3 voices. */
const V3_VOICE_ROWS = [
	['en-US-JennyNeural', 'Jenny', 'Female', 'American', 'Assistant'],
	['en-US-GuyNeural', 'Guy', 'Male', 'American', 'Newscast'],
	['en-US-AriaNeural', 'Aria', 'Female', 'American', 'Narration'],
	['en-GB-SoniaNeural', 'Sonia', 'Female', 'British', 'Narration'],
	['en-GB-RyanNeural', 'Ryan', 'Male', 'British', 'Chat'],
	['en-AU-NatashaNeural', 'Natasha', 'Female', 'Australian', 'Assistant'],
	['zh-CN-XiaoxiaoNeural', 'Xiaoxiao', 'Female', 'Chinese', 'Narration'],
	['ja-JP-KeitaNeural', 'Keita', 'Male', 'Japanese', 'Chat'],
	['fr-FR-DeniseNeural', 'Denise', 'Female', 'French', 'Narration'],
	['de-DE-ConradNeural', 'Conrad', 'Male', 'German', 'Newscast'],
	['es-ES-ElviraNeural', 'Elvira', 'Female', 'Spanish', 'Assistant'],
	['pt-BR-AntonioNeural', 'Antonio', 'Male', 'Brazilian', 'Chat'],
];
const V3_VOICES = V3_VOICE_ROWS.map(([voice_id, name, gender, accent, useCase], i) => ({
	_id: fixtureId('66a0a7a1b0b0', i), voice_id, gender, accent, name,
	description: `${name}: ${gender.toLowerCase()} ${accent} voice`, useCase, type: 1, from: 3,
	create_time: FIXTURE_TIME + i * 1000, uid: 1, __v: 0,
}));

/** A v3 voice as GET /api/open/v3/voice/list shows it. @param {typeof V3_VOICES[number]} v @param {string} baseUrl */
function v3Voice(v, baseUrl) {
	const { _id, voice_id, gender, accent, name, description, useCase, type, from, create_time, uid, __v } = v;
	return { _id, voice_id, gender, accent, name, description, useCase, type, preview: `${baseUrl}/files/voice-${voice_id}.mp3`, from, create_time, uid, __v };
}

// ---- VoiceLab v4 Akool voices (§4.10 #35 type 2) ----

/** [language, locale, voice_model_name] per block of 10 voices. */
const VOICE_LANGUAGES = [
	['en', 'en-US', 'Akool Multilingual 1'], ['en', 'en-GB', 'Akool Multilingual 1'], ['zh', 'zh-CN', 'Akool Multilingual 3'],
	['ja', 'ja-JP', 'Akool Multilingual 3'], ['ko', 'ko-KR', 'Akool Multilingual 3'], ['fr', 'fr-FR', 'Akool Multilingual 1'],
	['de', 'de-DE', 'Akool Multilingual 1'], ['es', 'es-ES', 'Akool Multilingual 2'], ['pt', 'pt-BR', 'Akool Multilingual 4'],
	['it', 'it-IT', 'Akool Multilingual 2'], ['ar', 'ar-SA', 'Akool Multilingual 2'], ['hi', 'hi-IN', 'Akool Multilingual 2'],
];
const VOICE_STYLES = ['Authoritative', 'Calm', 'Cheerful', 'Warm', 'Energetic', 'Serious'];
const VOICE_AGES = ['Young', 'Middle', 'Elderly'];
const VOICE_SCENARIOS = ['Advertisement', 'Education', 'Narration', 'Customer Service', 'Gaming'];
const VOICE_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 120 Akool voices (10 per language), deterministic; `voice_id` is 20 alphanumerics like Akool's. */
const AKOOL_VOICES = Array.from({ length: 120 }, (_, i) => {
	const [language, locale, voice_model_name] = VOICE_LANGUAGES[Math.floor(i / 10)];
	const first = FIRST_NAMES[(i * 7) % FIRST_NAMES.length];
	const gender = i % 2 === 0 ? 'Female' : 'Male';
	const hash = crypto.createHash('sha256').update(`akool-mock-voice:${i}`).digest();
	const voiceId = Array.from({ length: 20 }, (_, k) => VOICE_ID_ALPHABET[hash[k] % VOICE_ID_ALPHABET.length]).join('');
	return {
		_id: fixtureId('66a0a7a1c0c0', i),
		uid: 1, team_id: '', voice_id: voiceId, gender, language, locale,
		name: `${first} ${locale}`,
		text: `Hello, I am ${first}.`,
		duration: 4000 + (i % 7) * 250,
		status: 3,
		create_time: FIXTURE_TIME + i * 1000, update_time: FIXTURE_TIME + i * 1000,
		style: [VOICE_STYLES[i % VOICE_STYLES.length], VOICE_STYLES[(i + 2) % VOICE_STYLES.length]],
		scenario: [VOICE_SCENARIOS[i % VOICE_SCENARIOS.length]],
		age: [VOICE_AGES[i % VOICE_AGES.length]],
		deduction_credit: 0, webhookUrl: '', voice_model_name, support_stream: i % 3 === 0 ? 2 : 1,
	};
});

/** An Akool voice as GET /api/open/v4/voice/list shows it. @param {typeof AKOOL_VOICES[number]} v @param {string} baseUrl */
function akoolVoice(v, baseUrl) {
	return { ...v, preview: `${baseUrl}/files/voice-${v.voice_id}.mp3` };
}

module.exports = {
	MODELS, EFFECTS, effectList, modelsOfTypes, STUDIO, STUDIO_MODELS, studioModelList,
	LANGUAGES, LANGUAGE_CODES, languageList, OFFICIAL_AVATARS, officialAvatar, V3_VOICES, v3Voice, AKOOL_VOICES, akoolVoice,
};
