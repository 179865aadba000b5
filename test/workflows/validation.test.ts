import type { INodeParameters } from 'n8n-workflow';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool();
});
afterAll(async () => await mock.close());
beforeEach(() => mock.clearLog());

const swap = { resource: 'characterSwap', operation: 'create', imageUrl: 'https://e.com/a.png', videoUrl: 'https://e.com/b.mp4' };
const photo = { resource: 'talkingPhoto', operation: 'create', photoUrl: 'https://e.com/p.jpg', audioUrl: 'https://e.com/a.mp3' };
const i2v = { resource: 'imageToVideo', operation: 'create', imageUrl: 'https://e.com/c.jpg', prompt: 'wave' };
const batch = { ...i2v, operation: 'createBatch', modelName: 'AkoolImage2VideoFastV1', count: 2 };

// Each row: parameters that are wrong, and the words the error must contain (naming the field).
const rows: Array<[string, INodeParameters, string]> = [
	// Required fields left empty in the editor are caught by n8n itself (WorkflowHasIssuesError);
	// ours catch the ones that become empty at run time, from an expression.
	['an image URL that resolves empty', { ...swap, imageUrl: '={{ $json.missing }}' }, '"Image" is required'],
	['a local path as URL', { ...swap, videoUrl: '/home/me/video.mp4' }, '"Video" must be a public http(s) URL'],
	['an ftp URL', { ...photo, audioUrl: 'ftp://e.com/a.mp3' }, '"Audio" must be a public http(s) URL'],
	['mode from an expression', { ...swap, mode: 'morph' }, '"Mode" must be one of "animate", "replace"'],
	['resolution from an expression', { ...swap, resolution: '4k' }, '"Resolution" must be one of "480p", "720p", "1080p"'],
	['duration 0', { ...swap, options: { duration: 0 } }, '"Duration (Seconds)" must be between 1 and 120'],
	['duration 121', { ...swap, options: { duration: 121 } }, '"Duration (Seconds)" must be between 1 and 120'],
	['a 501-character prompt', { ...swap, options: { prompt: 'x'.repeat(501) } }, '"Prompt" must be at most 500 characters'],
	['a webhook URL that is not a URL', { ...swap, options: { webhookUrl: 'hooks' } }, '"Webhook URL" must be a public http(s) URL'],
	['a zero timeout', { ...swap, options: { timeoutMinutes: 0 } }, '"Timeout (Minutes)" must be between'],
	['talking photo resolution 4k', { ...photo, options: { resolution: '4k' } }, '"Resolution" must be one of "720", "1080"'],
	['image to video without prompt', { ...i2v, prompt: '  ' }, '"Prompt" is required'],
	['image to video 7 seconds', { ...i2v, videoLength: 7 }, '"Video Length" must be one of "5", "10"'],
	['custom audio without URL', { ...i2v, audioType: 2, audioUrl: '={{ "" }}' }, '"Audio" is required'],
	['batch of 11', { ...batch, count: 11 }, '"Number of Videos" must be between 1 and 10'],
	['batch without model', { ...batch, modelName: '={{ "" }}' }, '"Model Name or ID" is required'],
	['batch length 2.5', { ...batch, videoLength: 2.5 }, '"Video Length (Seconds)" must be a whole number'],
	['update audio without video id', { resource: 'imageToVideo', operation: 'updateAudio', videoId: '={{ $json.videoId }}' }, '"Video ID" is required'],
	['delete with a bad id', { resource: 'imageToVideo', operation: 'deleteVideos', videoIds: 'abc, ../x' }, '"Video IDs" contains an invalid ID'],
	['job get with unknown type', { resource: 'job', operation: 'get', jobType: 'hologram', jobId: 'abc' }, '"Job Type" must be one of'],
	['job wait without id', { resource: 'job', operation: 'wait', jobType: 'video', jobId: '={{ $json.jobId }}' }, '"Job ID" needs at least one ID'],
	['empty output field', { ...swap, binaryPropertyOutput: ' ' }, '"Put Output in Field" is required'],
	[
		'webhook URL together with Wait for Callback',
		{ ...swap, completion: 'waitForCallback', options: { webhookUrl: 'https://e.com/h' } },
		'"Webhook URL" cannot be used with "Wait for Callback"',
	],
];

describe('Bad parameters fail before any request is sent (no credits spent)', () => {
	it.each(rows)('%s', async (_name, parameters, message) => {
		const result = await run(mock, akoolWorkflow(parameters));
		const error = runError(result);
		expect(error.message).toContain(message);
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(mock.requests).toHaveLength(0);
	});

	it('a required field left empty in the editor is refused by n8n before the node runs', async () => {
		const error = runError(await run(mock, akoolWorkflow({ ...swap, imageUrl: '' })));
		expect(error.constructor.name).toBe('WorkflowHasIssuesError');
		expect(mock.requests).toHaveLength(0);
	});

	it('a bad value in the 3rd of 3 items stops the run before the first item creates a job', async () => {
		const result = await run(
			mock,
			akoolWorkflow({ ...swap, imageUrl: '={{ $json.row === 2 ? "not a url" : "https://e.com/a.png" }}' }),
			{ items: 3 },
		);
		const error = runError(result);
		expect(error.message).toContain('"Image" must be a public http(s) URL');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(2);
		expect(mock.requests).toHaveLength(0);
	});

	it('with Continue On Fail, only the bad item is skipped and reported', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				{ ...swap, completion: 'returnImmediately', imageUrl: '={{ $json.row === 1 ? "nope" : "https://e.com/a.png" }}' },
				{ onError: 'continueRegularOutput' },
			),
			{ items: 3 },
		);
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => Boolean(item.json.error))).toEqual([false, true, false]);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(mock.apiRequests('/api/open/v4/characterSwap/create')).toHaveLength(2);
	});
});
