// @ts-check
'use strict';

/**
 * Static catalogue data: AI models (§4.12, #42), image-to-video effects (§4.13, #46) and the
 * Swap Studio V5 features and their models (/tmp/v5/spec.md).
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

module.exports = { MODELS, EFFECTS, effectList, modelsOfTypes, STUDIO, STUDIO_MODELS, studioModelList };
