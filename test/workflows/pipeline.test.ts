/**
 * The three phases of a run (B2): prepare (read and check every item, no request) → resolve (the
 * free Akool look-ups of every item: the model list once per run, face detection) → create and
 * wait. An item that fails a free look-up costs nothing for the items before it.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError, useMockAkool, withFastOptions } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, credit: 1e6 }, (m) => (mock = m), { jobDurationMs: 300 });

const MODELS = '/api/open/v4/aigModel/list';
const BATCH = '/api/open/v4/image2Video/createBySourcePrompt/batch';
const DETECT = '/interface/detect-api/detect_faces';
const FACE_SWAP = '/api/open/v3/faceswap/highquality/specifyimage';

const items = (...json: IDataObject[]): INodeExecutionData[] => json.map((entry) => ({ json: entry }));

const batch = (model: string, extra: IDataObject = {}) =>
	withFastOptions({
		resource: 'imageToVideo',
		operation: 'createBatch',
		imageUrl: 'https://example.com/cat.jpg',
		prompt: 'The cat waves',
		modelName: model,
		resolution: '720p',
		videoLength: 5,
		count: 1,
		returnAs: 'url',
		...extra,
	});

const swapImage = (options: IDataObject = {}) =>
	withFastOptions({
		resource: 'faceSwap',
		operation: 'swapImage',
		sourceImageUrl: '={{ $json.source }}',
		targetImageUrl: 'https://example.com/people/target.jpg',
		returnAs: 'url',
		...options,
	});

describe('free look-ups of every item come before the first paid create', () => {
	it('Create Batch, 3 items, item 3 names a model Akool does not have: no create at all, the model list read once', async () => {
		const result = await run(mock, akoolWorkflow(batch('={{ $json.model }}', { options: { maxConcurrentJobs: 1, pollIntervalSeconds: 0.2 } })), {
			inputItems: items({ model: 'AkoolImage2VideoFastV1' }, { model: 'AkoolImage2VideoFastV1' }, { model: 'no-such-model-v9' }),
		});
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Model Name or ID"');
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
		expect(mock.apiRequests(BATCH)).toHaveLength(0);
		expect(mock.apiRequests(MODELS)).toHaveLength(1);
	});

	it('the same with Continue On Fail: items 1 and 2 get their videos, item 3 its error, still one model-list read', async () => {
		const workflow = akoolWorkflow(batch('={{ $json.model }}'), { onError: 'continueRegularOutput' });
		const result = await run(mock, workflow, {
			inputItems: items({ model: 'AkoolImage2VideoFastV1' }, { model: 'no-such-model-v9' }, { model: 'AkoolImage2VideoFastV1' }),
		});
		expect(result.status).toBe('success');
		const output = result.output('Akool');
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(output[1].json.error).toContain('"Model Name or ID"');
		expect([output[0].json.status, output[2].json.status]).toEqual([3, 3]);
		expect(mock.apiRequests(BATCH)).toHaveLength(2);
		expect(mock.apiRequests(MODELS)).toHaveLength(1);
	});

	it('v3 Face Swap, 3 items, item 3 has no face: every detection runs first, no create at all', async () => {
		const result = await run(mock, akoolWorkflow(swapImage({ options: { maxConcurrentJobs: 1, pollIntervalSeconds: 0.2 } })), {
			inputItems: items(
				{ source: 'https://example.com/people/ann.jpg' },
				{ source: 'https://example.com/people/bob.jpg' },
				{ source: 'https://example.com/people/noface-landscape.jpg' },
			),
		});
		const error = runError(result);
		expect(error.message).toMatch(/no face/i);
		expect((error as NodeOperationError).context.itemIndex).toBe(2);
		expect(mock.apiRequests(FACE_SWAP)).toHaveLength(0);
		// Three sources, and the target they share once (one detection per run and picture).
		expect(mock.apiRequests(DETECT)).toHaveLength(4);
	});
});
