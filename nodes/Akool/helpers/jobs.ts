import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { akoolApiRequest } from '../transport';
import type { AkoolContext } from '../transport';

/**
 * THE table of Akool async job families (akool-api.md §2.3, §6). Akool keeps jobs in a few
 * "stores"; each store has its own poll endpoint, id parameter, status field and result field,
 * and the names are inconsistent on purpose of history. Every create, Job → Get/Wait, the
 * poller, the callback handling and the mock server's tests read these rows instead of
 * spelling paths and field names again.
 */
export type JobFamilyKey = 'video' | 'imageToVideo' | 'faceSwap' | 'image' | 'audio';

export interface JobFamily {
	key: JobFamilyKey;
	displayName: string;
	description: string;
	poll: {
		method: 'GET' | 'POST';
		path: string;
		/** Name of the id parameter; `list` stores take a comma-separated string of ids. */
		idParam: string;
		idIn: 'query' | 'body';
		/** The answer is `data.result[]` (a list) instead of one record in `data`. */
		list: boolean;
	};
	statusField: string;
	/** Fields holding the result URL, tried in order (an array value yields its first entry). */
	resultFields: string[];
	/** Fields that may hold Akool's failure reason when status is 4. */
	failureFields: string[];
	/** `type` values of decrypted callbacks for jobs of this family (§5.4; v4 ones are undocumented). */
	callbackTypes: string[];
	/** Extension used to name a downloaded result when neither the URL nor the MIME type tells. */
	fileExtension: string;
}

export const JOB_FAMILIES: Record<JobFamilyKey, JobFamily> = {
	video: {
		key: 'video',
		displayName: 'Video (Talking Photo, Character Swap, Lip Sync, Translation, Avatar)',
		description: 'Jobs read with /content/video/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/content/video/infobymodelid',
			idParam: 'video_model_id',
			idIn: 'query',
			list: false,
		},
		statusField: 'video_status',
		// Not `video_url`: for character swap that is the *input* video (§4.15).
		resultFields: ['video'],
		failureFields: ['faceswap_fail_reason', 'error_reason', 'error_msg', 'msg'],
		callbackTypes: ['talking photo', 'character swap', 'characterSwap', 'video translate', 'lipsync', 'avatar'],
		fileExtension: 'mp4',
	},
	imageToVideo: {
		key: 'imageToVideo',
		displayName: 'Image to Video / Text to Video',
		description: 'Jobs read with /image2Video/resultsByIds',
		poll: {
			method: 'POST',
			path: '/api/open/v4/image2Video/resultsByIds',
			idParam: '_ids',
			idIn: 'body',
			list: true,
		},
		statusField: 'status',
		resultFields: ['video_url'],
		failureFields: ['error_reason', 'error_msg', 'msg'],
		callbackTypes: ['image2video', 'image to video', 'imageToVideo', 'text2video'],
		fileExtension: 'mp4',
	},
	faceSwap: {
		key: 'faceSwap',
		displayName: 'Face Swap / Reage',
		description: 'Jobs read with /faceswap/result/listbyids',
		poll: {
			method: 'GET',
			path: '/api/open/v3/faceswap/result/listbyids',
			idParam: '_ids',
			idIn: 'query',
			list: true,
		},
		statusField: 'faceswap_status',
		resultFields: ['url'],
		failureFields: ['faceswap_fail_reason', 'error_reason', 'msg'],
		callbackTypes: ['faceswap'],
		fileExtension: 'jpg',
	},
	image: {
		key: 'image',
		displayName: 'Image Generation',
		description: 'Jobs read with /content/image/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/content/image/infobymodelid',
			idParam: 'image_model_id',
			idIn: 'query',
			list: false,
		},
		statusField: 'image_status',
		// v4 jobs may carry the picture only in upscaled_urls (akool-api.md §2.3, third-party notes).
		resultFields: ['image', 'upscaled_urls'],
		failureFields: ['error_reason', 'error_msg', 'msg'],
		callbackTypes: ['image', 'background change'],
		fileExtension: 'png',
	},
	audio: {
		key: 'audio',
		displayName: 'Audio (v3 Text to Speech, Voice Clone)',
		description: 'Jobs read with /audio/infobymodelid',
		poll: {
			method: 'GET',
			path: '/api/open/v3/audio/infobymodelid',
			idParam: 'audio_model_id',
			idIn: 'query',
			list: false,
		},
		statusField: 'status',
		resultFields: ['url'],
		failureFields: ['error_reason', 'error_msg', 'msg'],
		callbackTypes: ['audio'],
		fileExtension: 'mp3',
	},
};

/** Create endpoints: where a job starts, which family polls it, how the webhook field is spelled. */
export interface CreateEndpoint {
	path: string;
	family: JobFamilyKey;
	/** `webhookurl` (lower case) on the v4 endpoints, `webhookUrl` elsewhere; undefined = no callback. */
	webhookField?: 'webhookUrl' | 'webhookurl';
	/** The create answers `{successList, errorList}` with several jobs. */
	batch?: boolean;
}

/** Keyed by `<resource>.<operation>` of the Akool node, so a callback can find its family. */
export const CREATE_ENDPOINTS = {
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
		batch: true,
	},
	// Akool documents no webhook field for this endpoint, so its jobs can only be polled.
	'imageToVideo.updateAudio': { path: '/api/open/v4/image2Video/updateVideoAudio', family: 'imageToVideo' },
} satisfies Record<string, CreateEndpoint>;

export function createEndpointOf(resource: string, operation: string): CreateEndpoint | undefined {
	return (CREATE_ENDPOINTS as Record<string, CreateEndpoint>)[`${resource}.${operation}`];
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
	resultUrl?: string;
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

/** The trigger's "Job Types" choices, from the table (values are family keys). */
export const callbackFamilyOptions: INodePropertyOptions[] = Object.values(JOB_FAMILIES).map((family) => ({
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

/** Reads Akool's record into the family-independent snapshot every operation outputs. */
/** Record fields never output: Akool echoes the webhook URL, which may be this execution's resume URL with its token (R14). */
const HIDDEN_FIELDS = ['webhookUrl', 'webhookurl', 'webhook_url'];

export function toSnapshot(family: JobFamily, jobId: string, akoolRecord: IDataObject): JobSnapshot {
	const record = Object.fromEntries(Object.entries(akoolRecord).filter(([key]) => !HIDDEN_FIELDS.includes(key)));
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
	if (status === 3) snapshot.resultUrl = firstString(record, family.resultFields);
	if (status === 4) snapshot.failureReason = firstString(record, family.failureFields);
	return snapshot;
}

/** One read of a job's state (retried by the transport on transient failures). */
export async function fetchJob(
	this: AkoolContext,
	family: JobFamily,
	jobId: string,
	options: { itemIndex?: number; deadline?: number } = {},
): Promise<JobSnapshot> {
	const { poll } = family;
	const params = { [poll.idParam]: jobId };
	const data = (await akoolApiRequest.call(this, {
		method: poll.method,
		endpoint: poll.path,
		qs: poll.idIn === 'query' ? params : undefined,
		body: poll.idIn === 'body' ? params : undefined,
		idempotent: true,
		deadline: options.deadline,
		itemIndex: options.itemIndex,
	})) as IDataObject | undefined;
	let record: IDataObject | undefined = data;
	if (poll.list) {
		const list = (data?.result ?? []) as IDataObject[];
		record = list.find((entry) => entry._id === jobId);
	}
	if (!record || typeof record !== 'object') {
		throw new NodeOperationError(
			this.getNode(),
			`Akool has no ${family.displayName} job with ID "${jobId}"`,
			{
				itemIndex: options.itemIndex,
				description:
					'Check the job ID and that "Job Type" matches the operation that created the job. Akool keeps results for 7 days.',
			},
		);
	}
	return toSnapshot(family, jobId, record);
}
