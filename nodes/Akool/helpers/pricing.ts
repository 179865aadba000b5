import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';
import { readRange, toDownloadLimits } from './binary';
import { listModels, listSwapStudioModels, MODEL_TYPES } from './catalog';
import { knownSize } from './inputs';
import type { CreateEndpointKey, SwapStudioFeature } from './jobs';
import { bufferSource, mediaSeconds, streamSource } from './media';
import type { ByteSource } from './media';
import { asNodeError, isStopped } from './run';

/**
 * What a job should cost, from Akool's own numbers only (akool-api.md §8.2; each source cited
 * below). Akool has no pre-flight price check, so this is an estimate: `credits` null means Akool
 * publishes no price for it (or the price needs something the node does not know), and `basis`
 * says which. The actual cost is Akool's `deduction_credit` in the finished job (chargedCredits).
 */
export interface Estimate {
	/** Credits for the whole request (every job it makes), or null: unknown. */
	credits: number | null;
	/** How the number was computed (with its source), or why there is none. */
	basis: string;
	/** How many jobs the request makes (batch counts, Swap Studio images). */
	jobs: number;
}

const DOCS = 'docs.akool.com/ai-tools-suite';

/**
 * The length in seconds of the media at a URL the body sends, read from its header: a binary file
 * of the item (published through a signed link) is read where n8n stores it; a URL only on a host
 * the node may download from (Akool's result hosts, the Base URL's, "Allowed Download Hosts"), with
 * HTTP range requests. Undefined when it cannot be read.
 */
export type Probe = (url: unknown) => Promise<number | undefined>;

/** Bytes read per range request of a URL (box headers, then the `moov` box). */
const RANGE_WINDOW = 64 * 1024;

function httpSource(ctx: IExecuteFunctions, url: string, i: number): ByteSource {
	const limits = toDownloadLimits({
		maxFileSizeMb: 0,
		maxInMemoryMb: 0,
		downloadTimeoutMinutes: 1,
		allowedHosts: String(ctx.getNodeParameter('options.allowedHosts', i, '') ?? ''),
		allowAnyHost: ctx.getNodeParameter('options.allowAnyHost', i, false) === true,
	});
	let window: { offset: number; bytes: Buffer } | undefined;
	const source: ByteSource = {
		async read(offset, length) {
			if (!window || offset < window.offset || offset + length > window.offset + window.bytes.length) {
				const got = await readRange.call(ctx, url, offset, Math.max(length, RANGE_WINDOW), limits, i);
				if (!got) return undefined;
				if (got.size !== undefined) source.size = got.size;
				window = { offset, bytes: got.bytes };
			}
			return window.bytes.subarray(offset - window.offset, offset - window.offset + length);
		},
	};
	return source;
}

async function secondsOf(ctx: IExecuteFunctions, i: number, url: string, binary: IBinaryData | undefined): Promise<number | undefined> {
	try {
		if (!binary) return await mediaSeconds(httpSource(ctx, url, i));
		if (!binary.id) return await mediaSeconds(bufferSource(Buffer.from(binary.data, 'base64')));
		const id = binary.id;
		const source = streamSource(async () => await ctx.helpers.getBinaryStream(id), knownSize(binary));
		try {
			return await mediaSeconds(source);
		} finally {
			source.close();
		}
	} catch (error) {
		if (isStopped(error)) throw asNodeError(ctx.getNode(), error as Error, i);
		return undefined;
	}
}

/** The Probe of item i; `files`: its signed links and the binary files they publish. */
export function mediaProbe(ctx: IExecuteFunctions, i: number, files: Map<string, IBinaryData>): Probe {
	const seen = new Map<string, Promise<number | undefined>>();
	return async (url) => {
		if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return undefined;
		if (!seen.has(url)) seen.set(url, secondsOf(ctx, i, url, files.get(url)));
		return await seen.get(url);
	};
}

const noProbe: Probe = async () => undefined;

/** "12 s", or "12.3 s (read from the video's header)". */
const lengthText = (seconds: number, measured: boolean, what: string) => `${Math.round(seconds * 10) / 10} s${measured ? ` (read from the ${what}'s header)` : ''}`;

/** The account balance (akool-api.md §4.1: `data.credit`), as Account → Get Credits reads it. */
export const BALANCE_PATH = '/api/open/v3/faceswap/quota/info';

const round = (credits: number) => Math.round(credits * 100) / 100;
const known = (credits: number, basis: string, jobs = 1): Estimate => ({ credits: round(credits), basis, jobs });
const unknown = (why: string, jobs = 1): Estimate => ({ credits: null, basis: `unknown: ${why}`, jobs });
const noPrice = (what: string, jobs = 1) => unknown(`Akool publishes no price for ${what}`, jobs);

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown, fallback = 1) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : fallback);
const seconds = (value: unknown) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : undefined);

/**
 * Character swap (v4): "Unit Credit (per 5 seconds)" 480p 5, 720p 10, 1080p 15; "a 12-second video
 * at 720p resolution would cost 30 credits" — every started 5 s block is billed
 * (ai-tools-suite/character-swap/character-swap.mdx, Pricing).
 */
const CHARACTER_SWAP_PER_5S: Record<string, number> = { '480p': 5, '720p': 10, '1080p': 15 };

/** Image / text to video page tables: 5 s → 720p 20, 1080p 25, 4k 30; 10 s → 40, 50, 60 (image2video.mdx, text2video.mdx). */
const VIDEO_PER_5S: Record<string, number> = { '720p': 20, '1080p': 25, '4k': 30 };

/** VoiceLab (voiceLab.mdx, Pricing): TTS 4.4 / 3.2 / 2.4 credits per 1000 characters (Pro / Pro Max / Business). */
const TTS_PER_1000 = { pro: 4.4, max: 3.2, business: 2.4 };

/** VoiceLab (voiceLab.mdx, Pricing): voice changer 4.4 / 3.2 / 2.4 credits per minute (Pro / Pro Max / Business). */
const CHANGER_PER_MINUTE = { pro: 4.4, max: 3.2, business: 2.4 };

/** Jarvis Moderator (jarvis-moderator.mdx): text 0.1 / 600 characters, image 0.2, audio 0.5 / minute, video 1 / minute. */
const MODERATION = { textPer600: 0.1, image: 0.2, audioPerMinute: 0.5, videoPerMinute: 1 };

/** v4 image generation (image-generate.mdx): "1 credit" per image ([3P-notes] measured 3 at 1080p, 4 at 4k). */
const IMAGE_V4 = 1;

async function characterSwap(body: IDataObject, probe: Probe): Promise<Estimate> {
	const resolution = text(body.resolution) || '720p';
	const rate = CHARACTER_SWAP_PER_5S[resolution];
	if (rate === undefined) return unknown(`Akool lists no character swap price for "${resolution}"`);
	// Duration when set ("1–120 s; auto-detected if omitted"), else the video's own length.
	const given = seconds(body.duration);
	const length = given ?? (await probe(body.video));
	if (length === undefined) {
		return unknown(`billed per started 5 s of the video (${rate} credits at ${resolution}), whose length the node could not read; set Duration (Seconds) for an estimate (${DOCS}/character-swap)`);
	}
	const blocks = Math.ceil(length / 5);
	return known(blocks * rate, `${lengthText(length, given === undefined, 'video')} at ${resolution}: ${blocks} × ${rate} credits per started 5 s (${DOCS}/character-swap)`);
}

/** Per started minute of the media (Akool says "per minute" and not how it rounds: the higher reading). */
async function perMinute(probe: Probe, url: unknown, rate: number, what: string, source: string): Promise<Estimate> {
	const length = await probe(url);
	if (length === undefined) return unknown(`${rate} credit${rate === 1 ? '' : 's'} per minute of ${what}, whose length the node could not read (${source})`);
	const minutes = Math.max(1, Math.ceil(length / 60));
	return known(minutes * rate, `${lengthText(length, true, what)}: ${minutes} × ${rate} credit${rate === 1 ? '' : 's'} per started minute (${source}; Akool does not say how it rounds)`);
}

/** A video from the page table (no model chosen): per 5 s of the length at the resolution. */
function pageTableVideo(body: IDataObject, what: string, jobs: number, note = ''): Estimate {
	const resolution = text(body.resolution);
	const length = seconds(body.video_length);
	const rate = VIDEO_PER_5S[resolution];
	if (!resolution || length === undefined) return unknown(`set Resolution and Video Length: Akool's ${what} table prices each (${DOCS}/${what})`, jobs);
	if (rate === undefined) return unknown(`Akool's ${what} table has no price for "${resolution}"`, jobs);
	const each = (rate * length) / 5;
	return known(each * jobs, `${jobs > 1 ? `${jobs} × ` : ''}${length} s at ${resolution}: ${each} credits per video (${DOCS}/${what} pricing table)${note}`, jobs);
}

/**
 * A video of a catalogue model (aigModel/list `resolutionList[].unit_credit`, read once per run).
 * Akool does not document the unit of `unit_credit`; the node reads it as credits per 5 s, the way
 * the character-swap page names the same catalogue's column ("Unit Credit (per 5 seconds)").
 */
async function catalogueVideo(ctx: IExecuteFunctions, type: number, body: IDataObject, what: string, i: number): Promise<Estimate> {
	const jobs = count(body.count);
	if (!body.model_name) return pageTableVideo(body, what, jobs);
	const models = await listModels.call(ctx, type, i);
	const model = models.find((entry) => entry.value === body.model_name);
	if (!model) return unknown(`"${String(body.model_name)}" is not in Akool's model list`, jobs);
	const resolutions = (model.resolutionList as IDataObject[] | undefined) ?? [];
	const entry = resolutions.find((option) => String(option.value) === text(body.resolution)) ?? (resolutions.length === 1 ? resolutions[0] : undefined);
	const unit = Number(entry?.unit_credit);
	const length = seconds(body.video_length);
	if (!entry || !Number.isFinite(unit)) return unknown(`the model list gives no price for ${String(body.model_name)} at "${text(body.resolution) || 'its default resolution'}"`, jobs);
	if (length === undefined) return unknown(`set Video Length: ${String(body.model_name)} lists ${unit} credits per 5 s at ${String(entry.value)}`, jobs);
	const each = unit * Math.ceil(length / 5);
	return known(
		each * jobs,
		`${jobs > 1 ? `${jobs} × ` : ''}${length} s at ${String(entry.value)}: ${each} credits per video (model list unit_credit ${unit}, read as per 5 s; Akool does not document its unit)`,
		jobs,
	);
}

/** Swap Studio V5: the feature's `/models` `unit_price_map` (read once per run): `image` per image task; video keys per resolution. */
async function swapStudio(ctx: IExecuteFunctions, feature: SwapStudioFeature, body: IDataObject, i: number): Promise<Estimate> {
	const listed = (key: string) => (Array.isArray(body[key]) ? (body[key] as unknown[]).length : 0);
	const jobs = feature === 'hairSwap' ? Math.max(1, listed('mappings') || listed('images')) : feature === 'motionSwap' ? Math.max(1, listed('images')) : 1;
	const models = await listSwapStudioModels.call(ctx, feature, i);
	const model = body.model_name ? models.find((entry) => entry.model_name === body.model_name) : models.length === 1 ? models[0] : undefined;
	if (!model) return unknown(body.model_name ? `"${String(body.model_name)}" is not in the feature's model list` : "Akool's default model is not named: choose a Model for an estimate", jobs);
	const prices = (model.unit_price_map ?? {}) as IDataObject;
	const image = feature === 'hairSwap' || body.media_type === 'image';
	if (image) {
		const each = Number(prices.image);
		if (!Number.isFinite(each)) return unknown(`${String(model.model_name)} lists no image price`, jobs);
		return known(each * jobs, `${jobs > 1 ? `${jobs} × ` : ''}${each} credits per image (${String(model.model_name)} unit_price_map)`, jobs);
	}
	const resolution = text(body.resolution);
	const key = Object.keys(prices).find((entry) => entry.toLowerCase() === resolution.toLowerCase());
	return unknown(
		`${key ? `${String(model.model_name)} lists ${String(prices[key])} credits at ${key}, ` : ''}billed by the length of the video, which Akool measures (unit_price_map has no documented unit)`,
		jobs,
	);
}

function textToSpeech(body: IDataObject): Estimate {
	const chars = text(body.input_text).length;
	return known(
		(chars / 1000) * TTS_PER_1000.pro,
		`${chars} characters × ${TTS_PER_1000.pro} credits per 1000 at the Pro plan rate (Pro Max ${TTS_PER_1000.max}, Business ${TTS_PER_1000.business}; ${DOCS}/voiceLab)`,
	);
}

async function moderation(body: IDataObject, probe: Probe): Promise<Estimate> {
	const source = `${DOCS}/jarvis-moderator`;
	switch (Number(body.type)) {
		case 1:
			return known(MODERATION.image, `${MODERATION.image} credits per image (${source})`);
		case 2:
			return await perMinute(probe, body.content, MODERATION.videoPerMinute, 'video', source);
		case 3:
			return await perMinute(probe, body.content, MODERATION.audioPerMinute, 'audio', source);
		case 4: {
			const content = text(body.content);
			if (/^https?:\/\//i.test(content.trim())) return unknown(`${MODERATION.textPer600} credits per 600 characters of the linked document, whose length the node does not read (${source})`);
			const blocks = Math.max(1, Math.ceil(content.length / 600));
			return known(blocks * MODERATION.textPer600, `${content.length} characters: ${blocks} × ${MODERATION.textPer600} credits per 600 (${source})`);
		}
		default:
			return unknown('the content type is not one Akool prices');
	}
}

type Pricer = (ctx: IExecuteFunctions, body: IDataObject, i: number, probe: Probe) => Estimate | Promise<Estimate>;

const studio = (feature: SwapStudioFeature): Pricer => async (ctx, body, i) => await swapStudio(ctx, feature, body, i);
const analysis = () => noPrice('an analysis (none is charged in Akool\'s examples)');

/** Every create endpoint's price: one row each (test/unit/pricing.test.ts checks the table covers CREATE_ENDPOINTS). */
export const PRICES: Record<CreateEndpointKey, Pricer> = {
	'characterSwap.create': async (_ctx, body, _i, probe) => await characterSwap(body, probe),
	'imageToVideo.create': (_ctx, body) =>
		pageTableVideo({ resolution: body.resolution, video_length: body.video_length }, 'image2video', 1, body.is_premium_model ? '; the premium model may cost more (not documented)' : ''),
	'imageToVideo.createBatch': async (ctx, body, i) => await catalogueVideo(ctx, MODEL_TYPES.imageToVideo, body, 'image2video', i),
	'textToVideo.create': async (ctx, body, i) => await catalogueVideo(ctx, MODEL_TYPES.textToVideo, body, 'text2video', i),
	// "Video to Audio … 5 seconds 5 credits, 10 seconds 10 credits" (image2video.mdx): the video's length is Akool's.
	'imageToVideo.updateAudio': () => unknown(`5 credits for a 5 s video, 10 for 10 s; the node does not read the video's length (${DOCS}/image2video)`),
	'voice.textToSpeech': (_ctx, body) => textToSpeech(body),
	'voice.changeVoice': async (_ctx, body, _i, probe) =>
		await perMinute(probe, body.source_voice_file, CHANGER_PER_MINUTE.pro, 'audio', `the Pro plan rate, Pro Max ${CHANGER_PER_MINUTE.max}, Business ${CHANGER_PER_MINUTE.business}; ${DOCS}/voiceLab`),
	'voice.cloneVoice': () => unknown('a clone uses one of the plan\'s instant voice-clone slots (30 / 180 / 500); Akool publishes no credit price'),
	'moderation.analyze': async (_ctx, body, _i, probe) => await moderation(body, probe),
	'image.generateV4': (_ctx, body) => {
		const images = count(body.batch_quantity);
		return known(images * IMAGE_V4, `${images} × ${IMAGE_V4} credit per image (${DOCS}/image-generate; a third party measured 3 at 1080p and 4 at 4k)`, images);
	},
	'image.generate': () => noPrice('v3 image generation'),
	'image.upscaleOrVary': () => noPrice('upscale / variation'),
	'faceSwap.swapImage': () => noPrice('face swap'),
	'faceSwap.swapVideo': () => noPrice('video face swap'),
	'faceSwap.swapPro': () => noPrice('Face Swap Pro'),
	'faceSwap.swapPlus': () => noPrice('Face Swap Plus'),
	'reage.image': () => noPrice('reage'),
	'reage.video': () => noPrice('video reage'),
	'talkingPhoto.create': () => noPrice('talking photo'),
	'talkingAvatar.createVideo': () => noPrice('talking avatar videos (deduction_duration reports the cost afterwards)'),
	'talkingAvatar.uploadAvatar': () => noPrice('avatar uploads'),
	'lipSync.create': () => noPrice('lip sync'),
	'videoTranslation.create': () => noPrice('video translation (deduction_duration reports the cost afterwards)'),
	'voice.textToSpeechV3': () => noPrice('v3 text to speech'),
	'voice.cloneAndSpeakV3': () => noPrice('v3 voice cloning'),
	'headSwap.analyzeVideo': analysis,
	'headSwap.create': () => noPrice('Head Swap (v4): it locks the video\'s duration (deduction_lock_duration) and reports deduction_duration'),
	'swapStudio.characterSwap': studio('characterSwap'),
	'swapStudio.motionSwap': studio('motionSwap'),
	'swapStudio.headSwap': studio('headSwap'),
	'swapStudio.hairSwap': studio('hairSwap'),
	'swapStudio.clothingSwap': studio('clothingSwap'),
	'swapStudio.analyzeCharacter': analysis,
	'swapStudio.analyzeHead': analysis,
	'swapStudio.analyzeClothing': analysis,
};

/** The estimate of one create request; a look-up that fails makes it unknown, never fails the item. */
export async function estimateRequest(ctx: IExecuteFunctions, key: CreateEndpointKey, body: IDataObject, i: number, probe: Probe = noProbe): Promise<Estimate> {
	try {
		return await PRICES[key](ctx, body, i, probe);
	} catch (error) {
		if (isStopped(error)) throw asNodeError(ctx.getNode(), error as Error, i);
		return unknown(`the price list could not be read (${(error as Error).message})`);
	}
}

/** Several requests of one item (one per language): their sum, unknown if any is. */
export function sumEstimates(parts: Estimate[]): Estimate {
	if (parts.length === 1) return parts[0];
	const jobs = parts.reduce((total, part) => total + part.jobs, 0);
	const missing = parts.find((part) => part.credits === null);
	if (missing) return { credits: null, basis: missing.basis, jobs };
	return { credits: round(parts.reduce((total, part) => total + (part.credits ?? 0), 0)), basis: parts.map((part) => part.basis).join('; '), jobs };
}

/**
 * What Akool reports a job cost: `deduction_credit` (most records), else `deduction_duration`,
 * which video translation ("Credits consumed for this video translation", video-translation.yaml)
 * and talking avatar ("credits consumed by the final result", talking-avatar.mdx) use for credits.
 * Head Swap v4's deduction_duration is not documented as credits: not read.
 */
export function chargedCredits(record: IDataObject, family: string): number | null {
	const credit = Number(record.deduction_credit);
	if (record.deduction_credit !== undefined && record.deduction_credit !== null && Number.isFinite(credit)) return credit;
	const duration = Number(record.deduction_duration);
	if (family === 'video' && record.deduction_duration !== undefined && record.deduction_duration !== null && Number.isFinite(duration)) return duration;
	return null;
}

/** Output fields of one job of a request with this estimate. */
export function costFields(estimate: Estimate | undefined): IDataObject {
	if (!estimate) return {};
	return {
		estimatedCredits: estimate.credits === null ? null : round(estimate.credits / Math.max(1, estimate.jobs)),
		estimateBasis: estimate.basis,
	};
}

/** One item's estimate for the budget guard (items are named by index, as n8n does). */
export interface ItemEstimate {
	itemIndex: number;
	estimate: Estimate;
}

function listed(items: ItemEstimate[]): string {
	const lines = items.map(({ itemIndex, estimate }) => `item ${itemIndex}: ${estimate.credits === null ? 'unknown' : `${estimate.credits} credits`} — ${estimate.basis.replace(/^unknown: /, '')}`);
	const shown = lines.slice(0, 20);
	if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more items`);
	return shown.join('\n');
}

/**
 * The budget guard, before the first paid create of the run: "Max Credits per Run" against the
 * items' estimates together (an unknown price cannot be counted: refused too), and "Stop Below
 * Balance" against the balance (read once, free) minus the known estimates. Nothing is created
 * when either says no; the error lists the estimate of every item.
 */
export async function checkBudget(this: IExecuteFunctions, items: ItemEstimate[], limits: { maxCredits: number; minBalance: number }): Promise<void> {
	if (items.length === 0 || (limits.maxCredits <= 0 && limits.minBalance <= 0)) return;
	const total = round(items.reduce((sum, { estimate }) => sum + (estimate.credits ?? 0), 0));
	const unknowns = items.filter(({ estimate }) => estimate.credits === null);
	const refuse = (message: string) =>
		new NodeOperationError(this.getNode(), `${message} Nothing was created.`, {
			description: `Estimates (from Akool's published prices):\n${listed(items)}`,
		});
	if (limits.maxCredits > 0) {
		if (unknowns.length) {
			throw refuse(`Max Credits per Run is ${limits.maxCredits}, but Akool publishes no price for ${unknowns.length === 1 ? `item ${unknowns[0].itemIndex}` : `${unknowns.length} items`}, so the run cannot be checked against it. Remove the option to run without a budget.`);
		}
		if (total > limits.maxCredits) {
			throw refuse(`Over budget: the ${items.length} item${items.length === 1 ? '' : 's'} of this run are estimated at ${total} credits, more than Max Credits per Run (${limits.maxCredits}).`);
		}
	}
	if (limits.minBalance > 0) {
		const data = (await akoolApiRequest.call(this, { method: 'GET', endpoint: BALANCE_PATH })) as IDataObject | undefined;
		const balance = Number(data?.credit);
		if (!Number.isFinite(balance)) throw refuse('Stop Below Balance is set, but Akool did not report the balance.');
		const left = round(balance - total);
		if (left < limits.minBalance) {
			const uncounted = unknowns.length ? ` (${unknowns.length} item${unknowns.length === 1 ? ' has' : 's have'} no published price and ${unknowns.length === 1 ? 'is' : 'are'} not counted)` : '';
			throw refuse(`Stop Below Balance: the balance is ${balance} credits; the run's estimated ${total} credits${uncounted} would leave ${left}, below ${limits.minBalance}.`);
		}
	}
}
