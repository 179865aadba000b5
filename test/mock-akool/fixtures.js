// @ts-check
'use strict';

/**
 * Static catalogue data: AI models (§4.12, #42) and image-to-video effects (§4.13, #46).
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

module.exports = { MODELS, EFFECTS, effectList, modelsOfTypes };
