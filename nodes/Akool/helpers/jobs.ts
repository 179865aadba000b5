import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

/**
 * THE table of Akool async job families (akool-api.md §2.3, §6; Swap Studio V5 from
 * docs.akool.com). Akool keeps jobs in "stores"; each store has its own poll endpoint, id
 * parameter, answer shape, status field and result field, and the names are inconsistent for
 * historical reasons. Every create, Job → Get/Wait, the poller, the callback handling, the
 * trigger and the mock server's tests read these rows instead of spelling paths and field names
 * again. Pure data: the one read of a job (fetchJob) lives in polling.ts.
 */
export type JobFamilyKey =
	| 'video'
	| 'imageToVideo'
	| 'faceSwap'
	| 'image'
	| 'audio'
	| 'voiceResult'
	| 'voiceClone'
	| 'avatar'
	| 'headSwapV4'
	| 'headSwapAnalysisV4'
	| 'moderation'
	| StudioFamilyKey
	| StudioAnalysisKey;

/** Swap Studio V5 features, with the path segment of each (Akool's casing differs). */
export const SWAP_STUDIO_FEATURES = {
	characterSwap: { segment: 'characterSwap', name: 'Character Swap', docs: 'character-swap-v5' },
	motionSwap: { segment: 'motionSwap', name: 'Motion Swap', docs: 'motion-swap-v5' },
	headSwap: { segment: 'headswap', name: 'Head Swap', docs: 'head-swap-v5' },
	hairSwap: { segment: 'hairswap', name: 'Hair Swap', docs: 'hair-swap-v5' },
	clothingSwap: { segment: 'clothingSwap', name: 'Clothing Swap', docs: 'clothing-swap-v5' },
} as const;

/**
 * Create-body fields of a V5 feature that are input media without a source/target/mapping name
 * (docs.akool.com …/swap-studio/<docs>/create): a task record that repeats them must not yield
 * them as the result.
 */
const V5_INPUT_FIELDS: Record<SwapStudioFeature, string[]> = {
	characterSwap: ['image'],
	motionSwap: ['video', 'images'],
	headSwap: [],
	hairSwap: ['images'],
	clothingSwap: [],
};
export type SwapStudioFeature = keyof typeof SWAP_STUDIO_FEATURES;
/** The features with an analysis step (POST …/analyze, GET …/analyze/detail). */
export const SWAP_STUDIO_ANALYZED = ['characterSwap', 'headSwap', 'clothingSwap'] as const;
export type SwapStudioAnalyzed = (typeof SWAP_STUDIO_ANALYZED)[number];

export const swapStudioPath = (feature: SwapStudioFeature, rest: string) =>
	`/api/open/v5/${SWAP_STUDIO_FEATURES[feature].segment}/${rest}`;

type Capital<S extends string> = S extends `${infer F}${infer R}` ? `${Uppercase<F>}${R}` : S;
/** Job Type values of the V5 stores: studioCharacterSwap, …, studioHeadSwapAnalysis. */
type StudioFamilyKey = `studio${Capital<SwapStudioFeature>}`;
type StudioAnalysisKey = `studio${Capital<SwapStudioAnalyzed>}Analysis`;
const capital = <S extends string>(s: S) => `${s[0].toUpperCase()}${s.slice(1)}` as Capital<S>;
export const studioFamilyOf = (feature: SwapStudioFeature): StudioFamilyKey => `studio${capital(feature)}`;
export const studioAnalysisOf = (feature: SwapStudioAnalyzed): StudioAnalysisKey => `studio${capital(feature)}Analysis`;

export interface JobFamily {
	key: JobFamilyKey;
	displayName: string;
	description: string;
	poll: {
		method: 'GET' | 'POST';
		/** With `idIn: 'path'`, `{id}` in the path is replaced by the (URL-encoded) job id. */
		path: string;
		/** Name of the id parameter. */
		idParam: string;
		/**
		 * The id parameter takes several ids as one comma-separated string (`_ids=a,b`): the poller
		 * reads every waiting job of the store in one request per check (see polling.ts).
		 */
		manyIds?: boolean;
		idIn: 'query' | 'body' | 'path';
		/** The record is wrapped: it sits at `data[recordAt]` (e.g. `result`) instead of `data`. */
		recordAt?: string;
		/** The answer is a list, at `data[listAt]` ('' = `data` itself), searched by `_id`. */
		listAt?: string;
	};
	statusField: string;
	/**
	 * `file`: the result is a media URL (downloaded per Return As). `data`: the result is
	 * information (an analysis, an id), output as `result` and never downloaded.
	 */
	resultKind: 'file' | 'data';
	/** Fields holding the result (URL or data), tried in order (an array of URLs yields its first). */
	resultFields: string[];
	/**
	 * Set where Akool's docs do not name the result field (the doc place that shows it): a finished
	 * job of this family is never failed for a missing link; its record is searched for one and
	 * output whole with a warning (helpers/results.ts).
	 */
	resultFieldGuessed?: string;
	/** Record fields that repeat the job's input media (never taken as the result by that search). */
	inputFields?: string[];
	/** Fields that may hold Akool's failure reason when status is 4. */
	failureFields: string[];
	/** `type` values of decrypted callbacks for jobs of this family (§5.4; v4/V5 ones are undocumented). */
	callbackTypes: string[];
	/** Extension used to name a downloaded result when neither the URL nor the MIME type tells. */
	fileExtension: string;
}

/** A row of the table as written; its key comes from its place in the table. */
type FamilySpec = Omit<JobFamily, 'key'>;

const FAILURE_FIELDS = ['error_reason', 'error_msg', 'msg'];

/**
 * A Swap Studio V5 task store (GET /api/open/v5/<feature>/task/detail?_id=). Its "Get Task Result"
 * page ends after `status`, so the result field is a guess (V5_RESULT_FIELDS) and a finished task is
 * read tolerantly (resultFieldGuessed).
 */
function swapStudioTask(feature: SwapStudioFeature): FamilySpec {
	const { name, docs } = SWAP_STUDIO_FEATURES[feature];
	return {
		resultFieldGuessed: `docs.akool.com/ai-tools-suite/swap-studio/${docs}/get-result ends after "status"`,
		inputFields: V5_INPUT_FIELDS[feature],
		displayName: `Swap Studio: ${name}`,
		description: `V5 ${name.toLowerCase()} tasks, read with /v5/…/task/detail`,
		poll: { method: 'GET', path: swapStudioPath(feature, 'task/detail'), idParam: '_id', idIn: 'query' },
		statusField: 'status',
		resultKind: 'file',
		resultFields: V5_RESULT_FIELDS,
		failureFields: FAILURE_FIELDS,
		callbackTypes: [`${name} V5`],
		fileExtension: 'mp4',
	};
}

/** A Swap Studio V5 analysis (GET …/analyze/detail?_id=): its result is data, not a file. */
function swapStudioAnalysis(feature: SwapStudioAnalyzed): FamilySpec {
	const { name } = SWAP_STUDIO_FEATURES[feature];
	return {
		displayName: `Swap Studio: ${name} Analysis`,
		description: `V5 ${name.toLowerCase()} analyses (detected people, heads or outfits), read with /v5/…/analyze/detail`,
		poll: { method: 'GET', path: swapStudioPath(feature, 'analyze/detail'), idParam: '_id', idIn: 'query' },
		statusField: 'status',
		resultKind: 'data',
		resultFields: ['analysis_result'],
		failureFields: ['error_reason', 'error_msg', 'msg'],
		callbackTypes: [`${name} V5 analysis`],
		fileExtension: 'json',
	};
}

/**
 * Where a V5 task record may carry its result, first match wins: a guess. The "Get Task Result"
 * pages end after `status` (test/reference/swap-studio-v5.md); every Akool callback names its
 * result `url`, so `url` first, then the names other Akool stores use (v4 head swap: `video_url`).
 * When none holds a link, the record is searched and output with a warning (helpers/results.ts).
 */
const V5_RESULT_FIELDS = ['url', 'result_url', 'video_url', 'image_url', 'output_url', 'urls'];

const FAMILY_SPECS: Record<JobFamilyKey, FamilySpec> = {
	video: {
		displayName: 'Video (Talking Photo, Character Swap, Lip Sync, Translation, Avatar)',
		description: 'Jobs read with /content/video/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/content/video/infobymodelid',
			idParam: 'video_model_id',
			idIn: 'query',
		},
		statusField: 'video_status',
		resultKind: 'file',
		// Not `video_url`: for character swap that is the *input* video (§4.15).
		resultFields: ['video'],
		failureFields: ['faceswap_fail_reason', ...FAILURE_FIELDS],
		callbackTypes: ['talking photo', 'character swap', 'characterSwap', 'video translate', 'lipsync', 'avatar'],
		fileExtension: 'mp4',
	},
	imageToVideo: {
		displayName: 'Image to Video / Text to Video',
		description: 'Jobs read with /image2Video/resultsByIds',
		poll: {
			method: 'POST',
			path: '/api/open/v4/image2Video/resultsByIds',
			idParam: '_ids',
			idIn: 'body',
			manyIds: true,
			listAt: 'result',
		},
		statusField: 'status',
		resultKind: 'file',
		resultFields: ['video_url'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['image2video', 'image to video', 'imageToVideo', 'text2video'],
		fileExtension: 'mp4',
	},
	faceSwap: {
		displayName: 'Face Swap / Reage',
		description: 'Jobs read with /faceswap/result/listbyids (face swap v3, Pro, Plus and reage)',
		poll: {
			method: 'GET',
			path: '/api/open/v3/faceswap/result/listbyids',
			idParam: '_ids',
			idIn: 'query',
			manyIds: true,
			listAt: 'result',
		},
		statusField: 'faceswap_status',
		resultKind: 'file',
		resultFields: ['url'],
		failureFields: ['faceswap_fail_reason', 'error_reason', 'msg'],
		callbackTypes: ['faceswap'],
		// Images mostly; a video result (v3 video, Plus) is named from its URL or MIME type first.
		fileExtension: 'jpg',
	},
	image: {
		displayName: 'Image Generation',
		description: 'Jobs read with /content/image/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/content/image/infobymodelid',
			idParam: 'image_model_id',
			idIn: 'query',
		},
		statusField: 'image_status',
		resultKind: 'file',
		// v4 jobs may carry the picture only in upscaled_urls (akool-api.md §2.3, third-party notes).
		resultFields: ['image', 'upscaled_urls'],
		// `image` is documented for v3 jobs (ai-tools-suite/image-generate.mdx, infobymodelid); where a
		// v4 job (createBySourcePrompt) puts its picture is not: its page is not in the docs repository.
		resultFieldGuessed: 'akool-api.md §2.3 and §10 Q12: v4 image results are known from third-party notes only',
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['image', 'background change'],
		fileExtension: 'png',
	},
	audio: {
		displayName: 'Audio (v3 Text to Speech, Voice Clone)',
		description: 'Jobs read with /audio/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/audio/infobymodelid',
			idParam: 'audio_model_id',
			idIn: 'query',
		},
		statusField: 'status',
		resultKind: 'file',
		resultFields: ['url'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['audio'],
		fileExtension: 'mp3',
	},
	voiceResult: {
		displayName: 'Voice (VoiceLab Text to Speech, Voice Changer)',
		description: 'VoiceLab results, read with /v4/voice/resource/detail/{id}',
		// The id is a path parameter and the record sits in data.result (akool-api.md §4.10 #37).
		poll: { method: 'GET', path: '/api/open/v4/voice/resource/detail/{id}', idParam: '_id', idIn: 'path', recordAt: 'result' },
		statusField: 'status',
		resultKind: 'file',
		resultFields: ['preview'],
		failureFields: FAILURE_FIELDS,
		// Undocumented (§10 Q2): the mock's choice, accepted as an alias.
		callbackTypes: ['voice', 'tts', 'voice change'],
		fileExtension: 'mp3',
	},
	voiceClone: {
		displayName: 'Voice Clone (VoiceLab)',
		description: 'Cloned voices, read with /v4/voice/detail/{id}; the result is the new voice ID',
		poll: { method: 'GET', path: '/api/open/v4/voice/detail/{id}', idParam: '_id', idIn: 'path' },
		statusField: 'status',
		// The result is an identifier to use in Text to Speech (its `preview` is in the job record).
		resultKind: 'data',
		resultFields: ['voice_id'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['voice clone'],
		fileExtension: 'mp3',
	},
	avatar: {
		displayName: 'Avatar Upload',
		description: 'Uploaded avatars, read with /v3/avatar/detail (ready at status 3)',
		// `data` is an array holding the record (akool-api.md §4.8 #22).
		poll: { method: 'GET', path: '/api/open/v3/avatar/detail', idParam: 'id', idIn: 'query', listAt: '' },
		statusField: 'status',
		// The result is a usable avatar, not a file: its avatar_id for Create Video.
		resultKind: 'data',
		resultFields: ['avatar_id', '_id'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['avatar upload'],
		fileExtension: 'mp4',
	},
	headSwapV4: {
		displayName: 'Head Swap (V4)',
		description: 'v4 head swap tasks, read with /v4/headswap/task/detail',
		poll: { method: 'GET', path: '/api/open/v4/headswap/task/detail', idParam: '_id', idIn: 'query' },
		statusField: 'status',
		resultKind: 'file',
		resultFields: ['video_url'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['headswap', 'head swap'],
		fileExtension: 'mp4',
	},
	headSwapAnalysisV4: {
		displayName: 'Head Swap (V4) Analysis',
		description: 'v4 head swap analyses (the people found), read with /v4/headswap/analyze/detail',
		poll: { method: 'GET', path: '/api/open/v4/headswap/analyze/detail', idParam: '_id', idIn: 'query' },
		statusField: 'status',
		resultKind: 'data',
		resultFields: ['analysis_result'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['headswap analysis'],
		fileExtension: 'json',
	},
	moderation: {
		displayName: 'Moderation (Jarvis)',
		description: 'Jarvis analyses, read with /v3/content/analysis/infobyid; the result is a verdict',
		poll: { method: 'GET', path: '/api/open/v3/content/analysis/infobyid', idParam: '_id', idIn: 'query' },
		statusField: 'status',
		// The verdict (Compliant / Non-Compliant / Unknown); the findings are in the record's `result`.
		resultKind: 'data',
		resultFields: ['final_conclusion'],
		failureFields: FAILURE_FIELDS,
		callbackTypes: ['sentiment', 'moderation', 'jarvis'],
		fileExtension: 'json',
	},
	studioCharacterSwap: swapStudioTask('characterSwap'),
	studioMotionSwap: swapStudioTask('motionSwap'),
	studioHeadSwap: swapStudioTask('headSwap'),
	studioHairSwap: swapStudioTask('hairSwap'),
	studioClothingSwap: swapStudioTask('clothingSwap'),
	studioCharacterSwapAnalysis: swapStudioAnalysis('characterSwap'),
	studioHeadSwapAnalysis: swapStudioAnalysis('headSwap'),
	studioClothingSwapAnalysis: swapStudioAnalysis('clothingSwap'),
};

/** THE job table: each family carries its own key (the Job Type value). */
export const JOB_FAMILIES = Object.fromEntries(
	Object.entries(FAMILY_SPECS).map(([key, spec]) => [key, { key, ...spec }]),
) as Record<JobFamilyKey, JobFamily>;

/** Where the created job records and the per-task errors sit in a create's `data`. */
export const BATCH_ANSWERS = {
	/** v4 batch creates (image/text to video). */
	v4: { list: 'successList', errors: 'errorList' },
	/** Swap Studio V5: every create answers a list, one task per reference image or media. */
	v5: { list: 'list', errors: 'errors' },
} as const;

/**
 * Create endpoints: where a job starts, which family polls it and how THIS endpoint spells the
 * webhook field. The spelling is per endpoint, not per API version (Face Swap Pro/Plus are v4
 * and say `webhookUrl`); test/unit/jobs-table.test.ts checks every row against the reference's
 * §1 table (akool-api.md, copied to test/reference/).
 */
export interface CreateEndpoint {
	path: string;
	family: JobFamilyKey;
	/** undefined = Akool documents no webhook for this endpoint (its jobs can only be polled). */
	webhookField?: 'webhookUrl' | 'webhookurl';
	/** The create answers several tasks: the keys of the list and of the errors in `data`. */
	batch?: { list: string; errors: string };
	/**
	 * The create always makes exactly one job (so "Wait for Callback" may be offered), even when
	 * the answer is a list (V5).
	 */
	singleJob?: boolean;
}

const v5Create = (feature: SwapStudioFeature, singleJob: boolean): CreateEndpoint => ({
	path: swapStudioPath(feature, 'create'),
	family: studioFamilyOf(feature),
	// "If `webhookUrl` is provided, you will receive the final webhook notification" (V5 overview).
	webhookField: 'webhookUrl',
	batch: BATCH_ANSWERS.v5,
	singleJob,
});

const v5Analyze = (feature: SwapStudioAnalyzed): CreateEndpoint => ({
	path: swapStudioPath(feature, 'analyze'),
	family: studioAnalysisOf(feature),
	singleJob: true,
});

/** Keyed by `<resource>.<operation>` of the Akool node. */
const ROWS = {
	'characterSwap.create': { path: '/api/open/v4/characterSwap/create', family: 'video', webhookField: 'webhookurl' },
	'talkingPhoto.create': {
		path: '/api/open/v3/content/video/createbytalkingphoto',
		family: 'video',
		webhookField: 'webhookUrl',
	},
	'imageToVideo.create': {
		path: '/api/open/v4/image2Video/createBySourcePrompt',
		family: 'imageToVideo',
		webhookField: 'webhookurl',
	},
	'imageToVideo.createBatch': {
		path: '/api/open/v4/image2Video/createBySourcePrompt/batch',
		family: 'imageToVideo',
		webhookField: 'webhookurl',
		batch: BATCH_ANSWERS.v4,
	},
	'imageToVideo.updateAudio': { path: '/api/open/v4/image2Video/updateVideoAudio', family: 'imageToVideo' },
	'faceSwap.swapImage': { path: '/api/open/v3/faceswap/highquality/specifyimage', family: 'faceSwap', webhookField: 'webhookUrl' },
	'faceSwap.swapVideo': { path: '/api/open/v3/faceswap/highquality/specifyvideo', family: 'faceSwap', webhookField: 'webhookUrl' },
	'faceSwap.swapPro': { path: '/api/open/v4/faceswap/faceswapByImage', family: 'faceSwap', webhookField: 'webhookUrl' },
	'faceSwap.swapPlus': { path: '/api/open/v4/faceswap/faceswapPlusByImage', family: 'faceSwap', webhookField: 'webhookUrl' },
	'reage.image': { path: '/api/open/v3/faceswap/highquality/imgreage', family: 'faceSwap', webhookField: 'webhookUrl' },
	'reage.video': { path: '/api/open/v3/faceswap/highquality/vidreage', family: 'faceSwap', webhookField: 'webhookUrl' },
	'talkingAvatar.createVideo': { path: '/api/open/v3/talkingavatar/create', family: 'video', webhookField: 'webhookUrl' },
	'talkingAvatar.uploadAvatar': { path: '/api/open/v3/avatar/create', family: 'avatar' },
	'lipSync.create': { path: '/api/open/v3/content/video/lipsync', family: 'video', webhookField: 'webhookUrl' },
	// One language per request (the operation splits several languages, akool-api.md §4.6, §10 Q5).
	'videoTranslation.create': { path: '/api/open/v3/content/video/createbytranslate', family: 'video', webhookField: 'webhookUrl' },
	'voice.textToSpeech': { path: '/api/open/v4/voice/tts', family: 'voiceResult', webhookField: 'webhookUrl' },
	'voice.changeVoice': { path: '/api/open/v4/voice/change', family: 'voiceResult', webhookField: 'webhookUrl' },
	'voice.cloneVoice': { path: '/api/open/v4/voice/clone', family: 'voiceClone', webhookField: 'webhookUrl' },
	'voice.textToSpeechV3': { path: '/api/open/v3/audio/create', family: 'audio', webhookField: 'webhookUrl' },
	'voice.cloneAndSpeakV3': { path: '/api/open/v3/audio/clone', family: 'audio', webhookField: 'webhookUrl' },
	'textToVideo.create': {
		path: '/api/open/v4/text2Video/createByPrompt/batch',
		family: 'imageToVideo',
		webhookField: 'webhookurl',
		batch: BATCH_ANSWERS.v4,
	},
	'image.generate': { path: '/api/open/v3/content/image/createbyprompt', family: 'image', webhookField: 'webhookUrl' },
	'image.upscaleOrVary': { path: '/api/open/v3/content/image/createbybutton', family: 'image', webhookField: 'webhookUrl' },
	// One record, or an array of them when batch_quantity > 1 (createdJobs reads both).
	'image.generateV4': { path: '/api/open/v4/content/image/createBySourcePrompt', family: 'image', webhookField: 'webhookurl' },
	'headSwap.analyzeVideo': { path: '/api/open/v4/headswap/analyze', family: 'headSwapAnalysisV4' },
	'headSwap.create': { path: '/api/open/v4/headswap/task/create', family: 'headSwapV4', webhookField: 'webhookUrl' },
	'moderation.analyze': { path: '/api/open/v3/content/analysis/sentiment', family: 'moderation', webhookField: 'webhookUrl' },
	'swapStudio.characterSwap': v5Create('characterSwap', true),
	'swapStudio.motionSwap': v5Create('motionSwap', false),
	'swapStudio.headSwap': v5Create('headSwap', true),
	'swapStudio.hairSwap': v5Create('hairSwap', false),
	'swapStudio.clothingSwap': v5Create('clothingSwap', true),
	'swapStudio.analyzeCharacter': v5Analyze('characterSwap'),
	'swapStudio.analyzeHead': v5Analyze('headSwap'),
	'swapStudio.analyzeClothing': v5Analyze('clothingSwap'),
} satisfies Record<string, CreateEndpoint>;

export type CreateEndpointKey = keyof typeof ROWS;
export const CREATE_ENDPOINTS: Record<CreateEndpointKey, CreateEndpoint> = ROWS;

/** "Wait for Callback" fits an endpoint that calls back (a documented webhook field) about one job. */
export function callsBackOnce(endpoint: CreateEndpoint): boolean {
	return Boolean(endpoint.webhookField && (!endpoint.batch || endpoint.singleJob));
}

export function createEndpointOf(key: string): CreateEndpoint | undefined {
	return (CREATE_ENDPOINTS as Record<string, CreateEndpoint>)[key];
}

export const STATUS_TEXT: Record<number, string> = {
	1: 'queued',
	2: 'processing',
	3: 'completed',
	4: 'failed',
};

export interface JobSnapshot {
	jobId: string;
	family: JobFamilyKey;
	status: number;
	statusText: string;
	/** The result file of a finished `file` job. */
	resultUrl?: string;
	/** The result of a finished `data` job (an analysis, an id). */
	result?: unknown;
	/** What was unexpected about a finished job's result (results.ts), output as `warning`. */
	warning?: string;
	failureReason?: string;
	/** Akool's record as returned by the poll endpoint. */
	record: IDataObject;
}

export const jobFamilyOptions: INodePropertyOptions[] = Object.values(JOB_FAMILIES).map((family) => ({
	name: family.displayName,
	value: family.key,
	description: family.description,
}));

const normalize = (type: string) => type.toLowerCase().replace(/[\s_-]+/g, '');

/** The family a callback's `type` (or a legacy Job Types value) belongs to, via callbackTypes. */
export function familyOfCallbackType(type: string): JobFamily | undefined {
	if (!type) return undefined;
	const wanted = normalize(type);
	return Object.values(JOB_FAMILIES).find(
		(family) => normalize(family.key) === wanted || family.callbackTypes.some((alias) => normalize(alias) === wanted),
	);
}

/** The trigger's "Job Types" choices, from the table (values are family keys; analyses never call back). */
export const callbackFamilyOptions: INodePropertyOptions[] = Object.values(JOB_FAMILIES)
	.filter((family) => family.resultKind === 'file')
	.map((family) => ({
	name: family.displayName,
	value: family.key,
	description: `Callback types: ${family.callbackTypes.join(', ')}`,
}));

export function getJobFamily(key: string): JobFamily {
	const family = JOB_FAMILIES[key as JobFamilyKey];
	if (!family) throw new Error(`Unknown Akool job type "${key}"`);
	return family;
}

function firstString(record: IDataObject, fields: string[]): string | undefined {
	for (const field of fields) {
		let value = record[field];
		if (Array.isArray(value)) value = value[0];
		if (typeof value === 'string' && value.trim() !== '') return value;
	}
	return undefined;
}

/**
 * Record fields never output: Akool echoes the webhook URL, which may be this execution's resume
 * URL with its token (R14).
 */
export const HIDDEN_FIELDS = ['webhookUrl', 'webhookurl', 'webhook_url'];

/**
 * An n8n signed file link (`…/binary-data/signed?token=…`, a binary-file input published for
 * Akool: helpers/inputs.ts). It is a bearer link to the user's file, and Akool echoes inputs in
 * its records: never output.
 */
const SIGNED_LINK = /\/binary-data\/signed\?token=/;
const SIGNED_LINK_SHOWN = '(a file of this n8n, published for Akool through a signed link; not shown)';

/** A record as the node outputs it: without the hidden fields, and without signed links anywhere in it. */
export function outputRecord(record: IDataObject): IDataObject {
	const clean = (value: unknown): unknown => {
		if (typeof value === 'string') return SIGNED_LINK.test(value) ? SIGNED_LINK_SHOWN : value;
		if (Array.isArray(value)) return value.map(clean);
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value as IDataObject).filter(([key]) => !HIDDEN_FIELDS.includes(key)).map(([key, entry]) => [key, clean(entry)]));
		}
		return value;
	};
	return clean(record) as IDataObject;
}

/** Reads Akool's record into the family-independent snapshot every operation outputs. */
export function toSnapshot(family: JobFamily, jobId: string, akoolRecord: IDataObject): JobSnapshot {
	const record = outputRecord(akoolRecord);
	// Tolerant: the poll answer of each store has its own status field, but create answers and
	// callbacks always say `status` (akool-api.md §6), so fall back to it.
	const status = Number(record[family.statusField] ?? record.status);
	const snapshot: JobSnapshot = {
		jobId,
		family: family.key,
		status,
		statusText: STATUS_TEXT[status] ?? `unknown (${String(record[family.statusField] ?? record.status)})`,
		record,
	};
	if (status === 3 && family.resultKind === 'file') snapshot.resultUrl = firstString(record, family.resultFields);
	if (status === 3 && family.resultKind === 'data') {
		snapshot.result = family.resultFields.map((field) => record[field]).find((value) => value !== undefined && value !== null);
	}
	if (status === 4) snapshot.failureReason = firstString(record, family.failureFields);
	return snapshot;
}
