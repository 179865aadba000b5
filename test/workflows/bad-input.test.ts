/**
 * Bad input, table-driven: every row is a run of one Akool node with one wrong value. Each run must
 * fail with a NodeOperationError that names the field by its editor label, and must not have sent a
 * single request to the mock (bad input never spends credits). Limits and labels are the ones in
 * each operation's prepare() and in helpers/validation.ts / helpers/completion.ts.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, fastOptions, run, runError } from './helpers';

interface BadInputRow {
	/** What is wrong (the test title). */
	name: string;
	parameters: INodeParameters;
	/** The field's editor label; the message must contain it in double quotes. */
	label: string;
	/** More of the expected message, after the label (e.g. 'must be a public http(s) URL'). */
	message: string;
	/** Another part the message must contain (e.g. the refused value: 'got 0'). */
	also?: string;
	/** Input items (default: one item `{ row: 0 }`). */
	inputItems?: INodeExecutionData[];
	/** The item the error must point at (default 0). */
	itemIndex?: number;
}

let mock: MockAkool;
let passed = 0;

beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 200 });
});
afterAll(async () => {
	await mock?.close();
	// eslint-disable-next-line no-console
	console.log(
		passed === rows.length
			? `bad input table: ${rows.length} cases, all refused before any request`
			: `bad input table: only ${passed} of ${rows.length} cases refused before any request`,
	);
});
beforeEach(() => mock.clearLog());

// ---- valid base parameters per operation (fast: short polls; the mock's jobs take 200 ms) ----
const fast = { ...fastOptions };
const swap = {
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://e.com/a.png',
	videoUrl: 'https://e.com/b.mp4',
	options: fast,
};
const photo = {
	resource: 'talkingPhoto',
	operation: 'create',
	photoUrl: 'https://e.com/p.jpg',
	audioUrl: 'https://e.com/a.mp3',
	options: fast,
};
const i2v = { resource: 'imageToVideo', operation: 'create', imageUrl: 'https://e.com/c.jpg', prompt: 'wave', options: fast };
const batch = {
	resource: 'imageToVideo',
	operation: 'createBatch',
	imageUrl: 'https://e.com/c.jpg',
	prompt: 'wave',
	modelName: 'AkoolImage2VideoFastV1',
	resolution: '720p',
	videoLength: 5,
	count: 1,
	options: fast,
};
const updateAudio = { resource: 'imageToVideo', operation: 'updateAudio', videoId: 'abc123', audioType: 1, options: fast };
const del = { resource: 'imageToVideo', operation: 'deleteVideos', videoIds: 'abc123' };
const get = { resource: 'job', operation: 'get', jobType: 'video', jobId: 'abc123' };
const wait = { resource: 'job', operation: 'wait', jobType: 'video', jobId: 'abc123', options: fast };
const download = { resource: 'job', operation: 'download', url: 'https://e.com/result.mp4', binaryPropertyOutput: 'data' };

const URL_MESSAGE = 'must be a public http(s) URL';
const items = (...json: IDataObject[]): INodeExecutionData[] => json.map((j) => ({ json: j }));
const ids = (n: number) => Array.from({ length: n }, (_, k) => `id${k}`).join(',');

const rows: BadInputRow[] = [
	// ---------------- Character Swap → Create ----------------
	{ name: 'swap: image URL empty from an expression', parameters: { ...swap, imageUrl: '={{ $json.missing }}' }, label: 'Image', message: 'is required' },
	{ name: 'swap: image URL is a bare word', parameters: { ...swap, imageUrl: 'character' }, label: 'Image', message: URL_MESSAGE },
	{ name: 'swap: image URL is javascript:', parameters: { ...swap, imageUrl: 'javascript:alert(1)' }, label: 'Image', message: URL_MESSAGE },
	{ name: 'swap: video URL is ftp:', parameters: { ...swap, videoUrl: 'ftp://e.com/b.mp4' }, label: 'Video', message: URL_MESSAGE },
	{ name: 'swap: video URL is file:', parameters: { ...swap, videoUrl: 'file:///home/me/b.mp4' }, label: 'Video', message: URL_MESSAGE },
	{ name: 'swap: video URL is a relative path', parameters: { ...swap, videoUrl: 'videos/b.mp4' }, label: 'Video', message: URL_MESSAGE },
	{ name: 'swap: video URL is protocol-relative', parameters: { ...swap, videoUrl: '//e.com/b.mp4' }, label: 'Video', message: URL_MESSAGE },
	{ name: 'swap: image URL is an object from an expression', parameters: { ...swap, imageUrl: '={{ { url: "https://e.com/a.png" } }}' }, label: 'Image', message: 'must be text' },
	{ name: 'swap: image URL is an array from an expression', parameters: { ...swap, imageUrl: '={{ ["https://e.com/a.png"] }}' }, label: 'Image', message: 'must be text' },
	{ name: 'swap: mode "spin"', parameters: { ...swap, mode: 'spin' }, label: 'Mode', message: 'must be one of "animate", "replace"' },
	{ name: 'swap: resolution "8k"', parameters: { ...swap, resolution: '8k' }, label: 'Resolution', message: 'must be one of "480p", "720p", "1080p"' },
	{ name: 'swap: duration 0', parameters: { ...swap, options: { ...fast, duration: 0 } }, label: 'Duration (Seconds)', message: 'must be between 1 and 120' },
	{ name: 'swap: duration 121', parameters: { ...swap, options: { ...fast, duration: 121 } }, label: 'Duration (Seconds)', message: 'must be between 1 and 120' },
	{ name: 'swap: duration "abc" from an expression', parameters: { ...swap, options: { ...fast, duration: '={{ "abc" }}' } }, label: 'Duration (Seconds)', message: 'must be a number' },
	{ name: 'swap: prompt of 501 characters', parameters: { ...swap, options: { ...fast, prompt: 'x'.repeat(501) } }, label: 'Prompt', message: 'must be at most 500 characters (got 501)' },
	{ name: 'swap: model name is an object from an expression', parameters: { ...swap, options: { ...fast, modelName: '={{ { id: 1 } }}' } }, label: 'Model Name or ID', message: 'must be text' },

	// ---------------- Talking Photo → Create ----------------
	{ name: 'photo: photo URL only spaces', parameters: { ...photo, photoUrl: '   ' }, label: 'Photo', message: 'is required' },
	{ name: 'photo: photo URL is javascript:', parameters: { ...photo, photoUrl: 'javascript:void(0)' }, label: 'Photo', message: URL_MESSAGE },
	{ name: 'photo: audio URL is a relative path', parameters: { ...photo, audioUrl: './speech.mp3' }, label: 'Audio', message: URL_MESSAGE },
	{ name: 'photo: audio URL is "http://" without host', parameters: { ...photo, audioUrl: 'http://' }, label: 'Audio', message: URL_MESSAGE },
	{ name: 'photo: prompt of 2001 characters', parameters: { ...photo, options: { ...fast, prompt: 'y'.repeat(2001) } }, label: 'Prompt', message: 'must be at most 2000 characters (got 2001)' },
	{ name: 'photo: resolution "8k"', parameters: { ...photo, options: { ...fast, resolution: '8k' } }, label: 'Resolution', message: 'must be one of "720", "1080"' },

	// ---------------- Image to Video → Create ----------------
	{ name: 'i2v: image URL is ftp:', parameters: { ...i2v, imageUrl: 'ftp://e.com/c.jpg' }, label: 'Image', message: URL_MESSAGE },
	{ name: 'i2v: prompt empty from an expression', parameters: { ...i2v, prompt: '={{ "" }}' }, label: 'Prompt', message: 'is required' },
	{ name: 'i2v: prompt of 5001 characters', parameters: { ...i2v, prompt: 'p'.repeat(5001) }, label: 'Prompt', message: 'must be at most 5000 characters (got 5001)' },
	{ name: 'i2v: negative prompt of 1001 characters', parameters: { ...i2v, options: { ...fast, negativePrompt: 'n'.repeat(1001) } }, label: 'Negative Prompt', message: 'must be at most 1000 characters (got 1001)' },
	{ name: 'i2v: resolution "8k"', parameters: { ...i2v, resolution: '8k' }, label: 'Resolution', message: 'must be one of "720p", "1080p", "4k"' },
	{ name: 'i2v: video length 7', parameters: { ...i2v, videoLength: 7 }, label: 'Video Length', message: 'must be one of "5", "10"' },
	{ name: 'i2v: audio type 9', parameters: { ...i2v, audioType: 9 }, label: 'Audio', message: 'must be one of "1", "2", "3"' },
	{ name: 'i2v: audio URL (From Audio URL) is a bare word', parameters: { ...i2v, audioType: 2, audioUrl: 'music' }, label: 'Audio', message: URL_MESSAGE },
	{ name: 'i2v: premium model "maybe" from an expression', parameters: { ...i2v, options: { ...fast, premiumModel: '={{ "maybe" }}' } }, label: 'Premium Model', message: 'must be true or false' },
	{ name: 'i2v: premium model 2 from an expression', parameters: { ...i2v, options: { ...fast, premiumModel: '={{ 2 }}' } }, label: 'Premium Model', message: 'must be true or false' },
	{ name: 'i2v: extend prompt "yes" from an expression', parameters: { ...i2v, options: { ...fast, extendPrompt: '={{ "yes" }}' } }, label: 'Extend Prompt', message: 'must be true or false' },

	// ---------------- Image to Video → Create Batch ----------------
	{ name: 'batch: number of videos 0', parameters: { ...batch, count: 0 }, label: 'Number of Videos', message: 'must be between 1 and 10' },
	{ name: 'batch: number of videos 11', parameters: { ...batch, count: 11 }, label: 'Number of Videos', message: 'must be between 1 and 10' },
	{ name: 'batch: number of videos 2.5', parameters: { ...batch, count: 2.5 }, label: 'Number of Videos', message: 'must be a whole number' },
	{ name: 'batch: number of videos "abc" from an expression', parameters: { ...batch, count: '={{ "abc" }}' }, label: 'Number of Videos', message: 'must be a number' },
	{ name: 'batch: video length 61', parameters: { ...batch, videoLength: 61 }, label: 'Video Length (Seconds)', message: 'must be between 1 and 60' },
	{ name: 'batch: video length 5.5', parameters: { ...batch, videoLength: 5.5 }, label: 'Video Length (Seconds)', message: 'must be a whole number' },
	{ name: 'batch: model empty from an expression', parameters: { ...batch, modelName: '={{ "  " }}' }, label: 'Model Name or ID', message: 'is required' },
	{ name: 'batch: last frame image URL is file:', parameters: { ...batch, options: { ...fast, lastImageUrl: 'file:///tmp/last.png' } }, label: 'Last Frame Image', message: URL_MESSAGE },
	{ name: 'batch: completion "Wait for Callback" (not offered)', parameters: { ...batch, completion: 'waitForCallback' }, label: 'Completion', message: 'must be one of "poll", "returnImmediately"' },

	// ---------------- Image to Video → Update Audio ----------------
	{ name: 'update audio: video ID empty from an expression', parameters: { ...updateAudio, videoId: '={{ $json.videoId }}' }, label: 'Video ID', message: 'is required' },
	{ name: 'update audio: audio "No Audio" (not offered)', parameters: { ...updateAudio, audioType: 3 }, label: 'Audio', message: 'must be one of "1", "2"' },
	{ name: 'update audio: audio URL is file:', parameters: { ...updateAudio, audioType: 2, audioUrl: 'file:///tmp/a.mp3' }, label: 'Audio', message: URL_MESSAGE },

	// ---------------- Image to Video → Delete ----------------
	{ name: 'delete: no IDs (only separators)', parameters: { ...del, videoIds: ' , ,' }, label: 'Video IDs', message: 'needs at least one ID' },
	{ name: 'delete: an ID with a path', parameters: { ...del, videoIds: 'abc123, ../etc/passwd' }, label: 'Video IDs', message: 'contains an invalid ID "../etc/passwd"' },
	{ name: 'delete: an ID with a semicolon', parameters: { ...del, videoIds: 'abc;drop' }, label: 'Video IDs', message: 'contains an invalid ID "abc;drop"' },
	{ name: 'delete: an ID of 65 characters', parameters: { ...del, videoIds: 'a'.repeat(65) }, label: 'Video IDs', message: 'contains an invalid ID' },
	{ name: 'delete: 101 IDs', parameters: { ...del, videoIds: ids(101) }, label: 'Video IDs', message: 'accepts at most 100 IDs (got 101)' },
	{ name: 'delete: an object inside an ID array from an expression', parameters: { ...del, videoIds: '={{ ["abc123", { id: 1 }] }}' }, label: 'Video IDs', message: 'contains an invalid ID' },

	// ---------------- Job → Get ----------------
	{ name: 'job get: job type "hologram"', parameters: { ...get, jobType: 'hologram' }, label: 'Job Type', message: 'must be one of' },
	{ name: 'job get: job ID empty from an expression', parameters: { ...get, jobId: '={{ $json.jobId }}' }, label: 'Job ID', message: 'is required' },
	{ name: 'job get: job ID is an object from an expression', parameters: { ...get, jobId: '={{ { _id: "abc123" } }}' }, label: 'Job ID', message: 'must be text' },

	// ---------------- Job → Wait ----------------
	{ name: 'job wait: job ID only spaces', parameters: { ...wait, jobId: '  ' }, label: 'Job ID', message: 'needs at least one ID' },
	{ name: 'job get: job ID with a path in it', parameters: { ...get, jobId: '../../x y' }, label: 'Job ID', message: 'is not a valid ID' },
	{ name: 'job wait: job ID with a query in it', parameters: { ...wait, jobId: 'abc?x=1' }, label: 'Job ID', message: 'contains an invalid ID' },
	{ name: 'job wait: return as "pdf"', parameters: { ...wait, returnAs: 'pdf' }, label: 'Return As', message: 'must be one of "binary", "url", "both"' },
	{ name: 'job wait: empty output field', parameters: { ...wait, returnAs: 'both', binaryPropertyOutput: '={{ "" }}' }, label: 'Put Output in Field', message: 'is required' },
	{ name: 'job wait: poll interval 0.1 s', parameters: { ...wait, options: { timeoutMinutes: 1, pollIntervalSeconds: 0.1 } }, label: 'Poll Interval (Seconds)', message: 'must be between', also: 'got 0.1' },

	// ---------------- Job → Download ----------------
	{ name: 'download: URL is ftp:', parameters: { ...download, url: 'ftp://e.com/result.mp4' }, label: 'URL', message: URL_MESSAGE },
	{ name: 'download: URL is file:', parameters: { ...download, url: 'file:///etc/passwd' }, label: 'URL', message: URL_MESSAGE },
	{ name: 'download: URL empty (the default, {{ $json.resultUrl }}, on an item without one)', parameters: { ...download, url: '={{ $json.resultUrl }}' }, label: 'URL', message: 'is empty', also: 'resultUrl' },
	{ name: 'download: empty output field', parameters: { ...download, binaryPropertyOutput: ' ' }, label: 'Put Output in Field', message: 'is required' },
	{ name: 'download: file name of 256 characters', parameters: { ...download, options: { fileName: 'f'.repeat(252) + '.mp4' } }, label: 'File Name', message: 'must be at most 255 characters (got 256)' },

	// ---------------- shared job settings ----------------
	{ name: 'settings: completion "later"', parameters: { ...swap, completion: 'later' }, label: 'Completion', message: 'must be one of "poll", "returnImmediately", "waitForCallback"' },
	{ name: 'settings: return as "pdf"', parameters: { ...photo, returnAs: 'pdf' }, label: 'Return As', message: 'must be one of "binary", "url", "both"' },
	{ name: 'settings: return as an object from an expression', parameters: { ...swap, returnAs: '={{ { as: "url" } }}' }, label: 'Return As', message: 'must be one of' },
	{ name: 'settings: empty output field (spaces)', parameters: { ...swap, binaryPropertyOutput: '   ' }, label: 'Put Output in Field', message: 'is required' },
	{ name: 'settings: empty output field from an expression', parameters: { ...i2v, returnAs: 'both', binaryPropertyOutput: '={{ $json.field }}' }, label: 'Put Output in Field', message: 'is required' },
	{ name: 'settings: timeout 0', parameters: { ...swap, options: { pollIntervalSeconds: 0.2, timeoutMinutes: 0 } }, label: 'Timeout (Minutes)', message: 'must be between', also: 'got 0' },
	{ name: 'settings: timeout 1441', parameters: { ...photo, options: { pollIntervalSeconds: 0.2, timeoutMinutes: 1441 } }, label: 'Timeout (Minutes)', message: 'must be between', also: 'got 1441' },
	{ name: 'settings: timeout "abc" from an expression', parameters: { ...i2v, options: { pollIntervalSeconds: 0.2, timeoutMinutes: '={{ "abc" }}' } }, label: 'Timeout (Minutes)', message: 'must be a number' },
	{ name: 'settings: poll interval 601', parameters: { ...batch, options: { timeoutMinutes: 1, pollIntervalSeconds: 601 } }, label: 'Poll Interval (Seconds)', message: 'must be between', also: 'got 601' },
	{ name: 'settings: poll interval is an array from an expression', parameters: { ...updateAudio, options: { timeoutMinutes: 1, pollIntervalSeconds: '={{ [1] }}' } }, label: 'Poll Interval (Seconds)', message: 'must be a number' },
	{ name: 'settings: webhook URL is ftp:', parameters: { ...swap, options: { ...fast, webhookUrl: 'ftp://hooks.e.com/x' } }, label: 'Webhook URL', message: URL_MESSAGE },
	{ name: 'settings: webhook URL is a relative path', parameters: { ...i2v, options: { ...fast, webhookUrl: '/webhook/akool' } }, label: 'Webhook URL', message: URL_MESSAGE },
	{ name: 'settings: webhook URL is javascript:', parameters: { ...batch, options: { ...fast, webhookUrl: 'javascript:alert(1)' } }, label: 'Webhook URL', message: URL_MESSAGE },
	{ name: 'settings: webhook URL with Wait for Callback', parameters: { ...photo, completion: 'waitForCallback', options: { webhookUrl: 'https://e.com/hook' } }, label: 'Webhook URL', message: 'cannot be used with "Wait for Callback"' },
	{ name: 'settings: wait limit 0', parameters: { ...swap, completion: 'waitForCallback', options: { waitLimitMinutes: 0 } }, label: 'Wait Limit (Minutes)', message: 'must be between', also: 'got 0' },
	{ name: 'settings: wait limit 43201', parameters: { ...i2v, completion: 'waitForCallback', options: { waitLimitMinutes: 43201 } }, label: 'Wait Limit (Minutes)', message: 'must be between', also: 'got 43201' },
	{ name: 'settings: max concurrent jobs 0', parameters: { ...swap, options: { ...fast, maxConcurrentJobs: 0 } }, label: 'Max Concurrent Jobs', message: 'must be between', also: 'got 0' },
	{ name: 'settings: max concurrent jobs 101', parameters: { ...photo, options: { ...fast, maxConcurrentJobs: 101 } }, label: 'Max Concurrent Jobs', message: 'must be between', also: 'got 101' },
	{ name: 'settings: max concurrent jobs 2.5', parameters: { ...i2v, options: { ...fast, maxConcurrentJobs: 2.5 } }, label: 'Max Concurrent Jobs', message: 'must be a whole number' },
	{ name: 'settings: max concurrent jobs -3 (Job → Wait)', parameters: { ...wait, options: { ...fast, maxConcurrentJobs: -3 } }, label: 'Max Concurrent Jobs', message: 'must be between', also: 'got -3' },
	{ name: 'settings: max concurrent jobs is an expression (not allowed)', parameters: { ...batch, options: { ...fast, maxConcurrentJobs: '={{ "abc" }}' } }, label: 'Max Concurrent Jobs', message: 'must be a number' },
	{ name: 'settings: max file size -1 MB', parameters: { ...swap, returnAs: 'both', options: { ...fast, maxFileSizeMb: -1 } }, label: 'Max File Size (MB)', message: 'must be between', also: 'got -1' },
	{ name: 'settings: max file size "big" from an expression (Job → Download)', parameters: { ...download, options: { maxFileSizeMb: '={{ "big" }}' } }, label: 'Max File Size (MB)', message: 'must be a number' },
	{ name: 'settings: download timeout 0 (Job → Wait)', parameters: { ...wait, options: { ...fast, downloadTimeoutMinutes: 0 } }, label: 'Download Timeout (Minutes)', message: 'must be between', also: 'got 0' },
	{ name: 'settings: wait limit "soon" from an expression', parameters: { ...photo, completion: 'waitForCallback', options: { waitLimitMinutes: '={{ "soon" }}' } }, label: 'Wait Limit (Minutes)', message: 'must be a number' },

	// ---------------- several items: only the LAST one is bad (values from $json) ----------------
	{
		name: 'items: swap, 3rd of 3 image URLs is ftp:',
		parameters: { ...swap, completion: 'returnImmediately', imageUrl: '={{ $json.url }}' },
		inputItems: items({ url: 'https://e.com/1.png' }, { url: 'https://e.com/2.png' }, { url: 'ftp://e.com/3.png' }),
		itemIndex: 2,
		label: 'Image',
		message: URL_MESSAGE,
	},
	{
		name: 'items: talking photo, 4th of 4 audio URLs missing',
		parameters: { ...photo, completion: 'returnImmediately', audioUrl: '={{ $json.audio }}' },
		inputItems: items({ audio: 'https://e.com/1.mp3' }, { audio: 'https://e.com/2.mp3' }, { audio: 'https://e.com/3.mp3' }, { other: 1 }),
		itemIndex: 3,
		label: 'Audio',
		message: 'is required',
	},
	{
		name: 'items: i2v, 2nd of 2 prompts too long',
		parameters: { ...i2v, completion: 'returnImmediately', prompt: '={{ $json.prompt }}' },
		inputItems: items({ prompt: 'wave' }, { prompt: 'z'.repeat(5001) }),
		itemIndex: 1,
		label: 'Prompt',
		message: 'must be at most 5000 characters',
	},
	{
		name: 'items: batch, 3rd of 3 counts is "abc"',
		parameters: { ...batch, completion: 'returnImmediately', count: '={{ $json.count }}' },
		inputItems: items({ count: 1 }, { count: 2 }, { count: 'abc' }),
		itemIndex: 2,
		label: 'Number of Videos',
		message: 'must be a number',
	},
	{
		name: 'items: i2v, 3rd of 3 premium flags is "maybe"',
		parameters: { ...i2v, completion: 'returnImmediately', options: { ...fast, premiumModel: '={{ $json.premium }}' } },
		inputItems: items({ premium: true }, { premium: 'false' }, { premium: 'maybe' }),
		itemIndex: 2,
		label: 'Premium Model',
		message: 'must be true or false',
	},
	{
		name: 'items: delete, 3rd of 3 ID lists invalid',
		parameters: { ...del, videoIds: '={{ $json.ids }}' },
		inputItems: items({ ids: 'abc1' }, { ids: ['abc2', 'abc3'] }, { ids: 'abc4, not/valid' }),
		itemIndex: 2,
		label: 'Video IDs',
		message: 'contains an invalid ID "not/valid"',
	},
	{
		name: 'items: job get, 3rd of 3 job IDs missing',
		parameters: { ...get, jobId: '={{ $json.id }}' },
		inputItems: items({ id: 'abc1' }, { id: 'abc2' }, { id: null }),
		itemIndex: 2,
		label: 'Job ID',
		message: 'is required',
	},
	{
		name: 'items: download, 3rd of 3 URLs is file:',
		parameters: { ...download, url: '={{ $json.url }}' },
		inputItems: items({ url: 'https://e.com/1.mp4' }, { url: 'https://e.com/2.mp4' }, { url: 'file:///etc/shadow' }),
		itemIndex: 2,
		label: 'URL',
		message: URL_MESSAGE,
	},
	{
		name: 'items: swap, 3rd of 3 webhook URLs is a bare word',
		parameters: { ...swap, completion: 'returnImmediately', options: { ...fast, webhookUrl: '={{ $json.hook }}' } },
		inputItems: items({ hook: 'https://e.com/h1' }, { hook: '' }, { hook: 'hook' }),
		itemIndex: 2,
		label: 'Webhook URL',
		message: URL_MESSAGE,
	},
];

describe('bad input is refused before any request is sent (no credits spent)', () => {
	it('the table is large enough and covers every operation', () => {
		expect(rows.length).toBeGreaterThanOrEqual(30);
		const operations = new Set(rows.map((row) => `${String(row.parameters.resource)}.${String(row.parameters.operation)}`));
		expect([...operations].sort()).toEqual([
			'characterSwap.create',
			'imageToVideo.create',
			'imageToVideo.createBatch',
			'imageToVideo.deleteVideos',
			'imageToVideo.updateAudio',
			'job.download',
			'job.get',
			'job.wait',
			'talkingPhoto.create',
		]);
		expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
	});

	// Control: the valid base of every operation does reach the mock, so a row fails because of its
	// one bad value, and "zero requests" is not an artefact of a broken base or an empty log.
	it('every valid base configuration sends its request', async () => {
		const finished = mock.addJob({ store: 'i2v', status: 3 }); // for Update Audio and Delete
		const video = mock.addJob({ store: 'video', status: 3 }); // for Job → Get / Wait
		const bases: Array<[INodeParameters, string]> = [
			[{ ...swap, completion: 'returnImmediately' }, '/api/open/v4/characterSwap/create'],
			[{ ...photo, completion: 'returnImmediately' }, '/api/open/v3/content/video/createbytalkingphoto'],
			[{ ...i2v, completion: 'returnImmediately' }, '/api/open/v4/image2Video/createBySourcePrompt'],
			[{ ...batch, completion: 'returnImmediately' }, '/api/open/v4/image2Video/createBySourcePrompt/batch'],
			[{ ...updateAudio, videoId: finished._id, completion: 'returnImmediately' }, '/api/open/v4/image2Video/updateVideoAudio'],
			[{ ...del, videoIds: finished._id }, '/api/open/v4/image2Video/delbyids'],
			[{ ...get, jobId: video._id }, '/api/open/v3/content/video/infobymodelid'],
			[{ ...wait, jobId: video._id, returnAs: 'url' }, '/api/open/v3/content/video/infobymodelid'],
			[{ ...download, url: `${mock.url}/files/sample.mp4` }, '/files/sample.mp4'],
		];
		for (const [parameters, path] of bases) {
			mock.clearLog();
			const result = await run(mock, akoolWorkflow(parameters));
			expect({ operation: `${String(parameters.resource)}.${String(parameters.operation)}`, status: result.status, error: result.error?.message }).toEqual({
				operation: `${String(parameters.resource)}.${String(parameters.operation)}`,
				status: 'success',
				error: undefined,
			});
			expect(mock.requests.map((request) => request.path)).toContain(path);
		}
	});

	it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
		const result = await run(mock, akoolWorkflow(row.parameters), { inputItems: row.inputItems });
		expect(result.status).toBe('error');
		const error = runError(result);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain(`"${row.label}"`);
		expect(error.message).toContain(`"${row.label}" ${row.message}`);
		if (row.also) expect(error.message).toContain(row.also);
		expect(error.context?.itemIndex).toBe(row.itemIndex ?? 0);
		expect(mock.apiRequests()).toHaveLength(0);
		expect(mock.requests).toHaveLength(0); // not even a download or a /files request
		passed++;
	});
});

