/**
 * Image to Video → List Models (Model Type 1501 / 1502 / 2101: the `types[]` query and one item
 * per model, in Akool's order), Create Batch following the chosen model (the free model list is
 * read before the paid create: no `resolution` for a model that lists none, a length or resolution
 * the model does not list refused after only that read), and "Additional Body Fields (JSON)" on the
 * creates: merged into the body over the node's own fields, refused before any request when it is
 * not a JSON object or tries to set the webhook.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, loadOptionsAt, mockGet, run, runError, useMockAkool, withFastOptions } from './helpers';

let mock: MockAkool;
useMockAkool({ jobDurationMs: 300, fileSize: 6_000 }, (started) => (mock = started), { jobDurationMs: 300, credit: 1000 });

const MODELS = '/api/open/v4/aigModel/list';
const BATCH = '/api/open/v4/image2Video/createBySourcePrompt/batch';
const RESULTS = '/api/open/v4/image2Video/resultsByIds';
const LIPSYNC = '/api/open/v3/content/video/lipsync';
const TALKING_PHOTO = '/api/open/v3/content/video/createbytalkingphoto';

type Model = { value: string; label: string; type: number; sort: number; resolutionList: Array<{ value: string }>; durationList: number[] };

/** The mock's models of one type (the oracle); the log is cleared afterwards. */
const modelsAtMock = async (type: number) => await mockGet<Model[]>(mock, `${MODELS}?types[]=${type}`);

describe('Image to Video → List Models', () => {
	it.each([
		{ name: 'Image to Video', modelType: 1501 },
		{ name: 'Text to Video', modelType: 1502 },
		{ name: 'Character Swap', modelType: 2101 },
	])('$name ($modelType): one GET with types[]=$modelType, one item per model in Akool\'s order', async ({ modelType }) => {
		const oracle = await modelsAtMock(modelType);
		expect(oracle.length).toBeGreaterThan(0);
		const result = await run(mock, akoolWorkflow({ resource: 'imageToVideo', operation: 'listModels', modelType }));
		expect(result.status).toBe('success');
		const requests = mock.apiRequests(MODELS);
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('GET');
		expect(requests[0].query['types[]']).toBe(String(modelType));
		const items = result.output('Akool');
		expect(items.map((item) => item.json.value)).toEqual(oracle.map((model) => model.value));
		expect(items.every((item) => item.json.type === modelType)).toBe(true);
		expect(items[0].json).toEqual(oracle[0]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('the default Model Type is Image to Video (1501), and it lists a model without resolutions', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'imageToVideo', operation: 'listModels' }));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(MODELS)[0].query['types[]']).toBe('1501');
		const items = result.output('Akool');
		expect(items.some((item) => (item.json.resolutionList as unknown[]).length === 0)).toBe(true);
	});

	it('a Model Type Akool does not have is refused before any request', async () => {
		const result = await run(mock, akoolWorkflow({ resource: 'imageToVideo', operation: 'listModels', modelType: 9999 }));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Model Type"');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

describe('Image to Video → Create Batch follows the model', () => {
	const batch = (parameters: INodeParameters): INodeParameters =>
		withFastOptions({
			resource: 'imageToVideo',
			operation: 'createBatch',
			imageUrl: 'https://example.com/cat.jpg',
			prompt: 'The cat waves',
			resolution: '720p',
			videoLength: 5,
			count: 1,
			returnAs: 'url',
			...parameters,
		});

	/** The image-to-video model that lists no resolution (Kling V3 in Akool's list). */
	async function modelWithoutResolutions(): Promise<Model> {
		const model = (await modelsAtMock(1501)).find((entry) => entry.resolutionList.length === 0);
		expect(model).toBeDefined();
		return model!;
	}

	// The editor's Resolution and Video Length lists are the chosen model's (loadOptionsDependsOn: modelName).
	const listFor = (method: string, modelName: string) =>
		loadOptionsAt(mock, method, { resource: 'imageToVideo', operation: 'createBatch', modelName }, `parameters.${method === 'getImageToVideoLengths' ? 'videoLength' : 'resolution'}`);

	it('the Resolution and Video Length lists follow the chosen model (its resolutionList and durationList)', async () => {
		const models = await modelsAtMock(1501);
		const listed = models.filter((entry) => entry.resolutionList.length > 0);
		expect(new Set(listed.map((entry) => entry.resolutionList.map((r) => r.value).join()))).not.toEqual(new Set([listed[0].resolutionList.map((r) => r.value).join()]));
		for (const model of listed) {
			const resolutions = await listFor('getImageToVideoResolutions', model.value);
			expect(resolutions.map((option) => option.value)).toEqual(model.resolutionList.map((r) => r.value));
			const lengths = await listFor('getImageToVideoLengths', model.value);
			expect(lengths.map((option) => option.value)).toEqual(model.durationList);
		}
		const none = await modelWithoutResolutions();
		expect(await listFor('getImageToVideoResolutions', none.value)).toEqual([expect.objectContaining({ value: '', name: 'Chosen by the Model' })]);
		expect(await listFor('getImageToVideoResolutions', '')).toEqual([]);
	});

	it('no resolution chosen for a model that lists some: refused after ONLY the model-list request, naming the choices', async () => {
		const [model] = (await modelsAtMock(1501)).filter((entry) => entry.resolutionList.length > 0 && entry.durationList.includes(5));
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value, resolution: '' })));
		const error = runError(result);
		expect(error.message).toContain('"Resolution" must be one of');
		expect(error.message).toContain(model.resolutionList.map((r) => r.value).join(', '));
		expect(mock.apiRequests().map((request) => request.path)).toEqual([MODELS]);
	});

	it('a model without resolutions: the model list first, then the batch WITHOUT resolution', async () => {
		const model = await modelWithoutResolutions();
		const length = model.durationList[model.durationList.length - 1];
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value, videoLength: length, count: 2 })));
		expect(result.status).toBe('success');
		const api = mock.apiRequests();
		expect(api[0].path).toBe(MODELS);
		expect(api[0].query['types[]']).toBe('1501');
		const creates = mock.apiRequests(BATCH);
		expect(creates).toHaveLength(1);
		expect(api.indexOf(creates[0])).toBe(1);
		expect(creates[0].body).toEqual({ image_url: 'https://example.com/cat.jpg', prompt: 'The cat waves', model_name: model.value, video_length: length, count: 2 });
		expect(creates[0].body).not.toHaveProperty('resolution');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		expect(items.every((item) => item.json.status === 3)).toBe(true);
		expect(mock.apiRequests(RESULTS).length).toBeGreaterThanOrEqual(1);
	});

	it('a model with resolutions: the chosen resolution is sent', async () => {
		const [model] = (await modelsAtMock(1501)).filter((entry) => entry.resolutionList.some((r) => r.value === '720p') && entry.durationList.includes(5));
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value })));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(BATCH)[0].body).toMatchObject({ model_name: model.value, resolution: '720p', video_length: 5 });
	});

	it('a length the model does not list: refused after ONLY the model-list request (no create)', async () => {
		const model = await modelWithoutResolutions();
		const unlisted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((n) => !model.durationList.includes(n))!;
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value, videoLength: unlisted })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Video Length (Seconds)"');
		expect(error.message).toContain(model.durationList.join(', '));
		expect(mock.apiRequests().map((request) => request.path)).toEqual([MODELS]);
	});

	it('a resolution the model does not list: refused after ONLY the model-list request', async () => {
		const model = (await modelsAtMock(1501)).find((entry) => entry.resolutionList.length > 0 && !entry.resolutionList.some((r) => r.value === '4k'))!;
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value, resolution: '4k', videoLength: model.durationList[0] })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Resolution"');
		expect(mock.apiRequests().map((request) => request.path)).toEqual([MODELS]);
	});

	it('a model Akool does not list: refused after ONLY the model-list request', async () => {
		const result = await run(mock, akoolWorkflow(batch({ modelName: 'no-such-model-v9' })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Model Name or ID"');
		expect(mock.apiRequests().map((request) => request.path)).toEqual([MODELS]);
	});

	it('Additional Body Fields are checked against the model too: an unlisted video_length from them is refused before the create', async () => {
		const model = await modelWithoutResolutions();
		const result = await run(mock, akoolWorkflow(batch({ modelName: model.value, videoLength: model.durationList[0], options: { additionalFields: '{"video_length": 7}' } })));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Video Length (Seconds)"');
		expect(mock.apiRequests(BATCH)).toHaveLength(0);
	});
});

describe('Additional Body Fields (JSON) on a create', () => {
	const VIDEO = 'https://example.com/clips/speaker.mp4';
	const AUDIO = 'https://example.com/audio/speech.mp3';
	// Return Immediately: only the create body matters here.
	const lipSync = (additionalFields: string, parameters: INodeParameters = {}): INodeParameters =>
		withFastOptions({ resource: 'lipSync', operation: 'create', videoUrl: VIDEO, audioUrl: AUDIO, completion: 'returnImmediately', ...parameters, options: { additionalFields } });

	it('Lip Sync: the extra keys arrive in the body, and a key the node also sets is overridden', async () => {
		const override = 'https://example.com/audio/override.mp3';
		const result = await run(mock, akoolWorkflow(lipSync(JSON.stringify({ audio_url: override, extra_setting: { nested: [1, 2] }, flag: true }))));
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(LIPSYNC);
		expect(create.body).toEqual({ video_url: VIDEO, audio_url: override, extra_setting: { nested: [1, 2] }, flag: true });
		const jobId = result.output('Akool')[0].json.jobId as string;
		expect(mock.jobs.get(jobId)!.record.input_audio).toBe(override);
	});

	it('Talking Photo: merged next to the node fields and the Options', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'talkingPhoto',
					operation: 'create',
					photoUrl: 'https://example.com/portrait.jpg',
					audioUrl: AUDIO,
					completion: 'returnImmediately',
					options: { prompt: 'Smile', additionalFields: '{"prompt": "Nod slowly", "new_akool_field": "x"}' },
				}),
			),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests(TALKING_PHOTO);
		expect(create.body).toMatchObject({ talking_photo_url: 'https://example.com/portrait.jpg', audio_url: AUDIO, prompt: 'Nod slowly', new_akool_field: 'x' });
	});

	it('an object from an expression is merged like JSON text', async () => {
		const result = await run(mock, akoolWorkflow(lipSync('={{ { "from_expression": $json.row + 1 } }}')));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(LIPSYNC)[0].body).toEqual({ video_url: VIDEO, audio_url: AUDIO, from_expression: 1 });
	});

	it.each([
		{ name: 'empty text', value: '' },
		{ name: 'an empty object', value: '{}' },
		{ name: 'blank text', value: '   ' },
	])('$name adds nothing', async ({ value }) => {
		const result = await run(mock, akoolWorkflow(lipSync(value)));
		expect(result.status).toBe('success');
		expect(mock.apiRequests(LIPSYNC)[0].body).toEqual({ video_url: VIDEO, audio_url: AUDIO });
	});

	it.each([
		{ name: 'invalid JSON', value: '{"audio_url": ', message: 'is not valid JSON' },
		{ name: 'a JSON array', value: '[{"a": 1}]', message: 'must be a JSON object' },
		{ name: 'a JSON string', value: '"text"', message: 'must be a JSON object' },
		{ name: 'JSON null', value: 'null', message: 'must be a JSON object' },
		{ name: 'a webhookUrl key', value: '{"webhookUrl": "https://attacker.example.com/hook"}', message: 'may not set "webhookUrl"' },
		{ name: 'a webhookurl key', value: '{"prompt": "x", "webhookurl": "https://attacker.example.com/hook"}', message: 'may not set "webhookurl"' },
	])('$name is refused before any request', async ({ value, message }) => {
		const result = await run(mock, akoolWorkflow(lipSync(value)));
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('"Additional Body Fields (JSON)"');
		expect(error.message).toContain(message);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('Video Translation: several languages from Additional Body Fields with Wait for Callback are refused before any request', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'videoTranslation',
					operation: 'create',
					url: 'https://example.com/talk.mp4',
					language: { __rl: true, mode: 'id', value: 'ja' },
					completion: 'waitForCallback',
					options: { additionalFields: '{"language": "ja,fr"}' },
				}),
			),
		);
		const error = runError(result);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('cannot be "Wait for Callback" when the settings make several jobs');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('Video Translation: the language from Additional Body Fields wins over the node\'s (Return Immediately)', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'videoTranslation',
					operation: 'create',
					url: 'https://example.com/talk.mp4',
					language: { __rl: true, mode: 'id', value: 'ja' },
					completion: 'returnImmediately',
					options: { moreLanguages: 'fr', additionalFields: '{"language": "de"}' },
				}),
			),
		);
		expect(result.status).toBe('success');
		expect(mock.apiRequests('/api/open/v3/content/video/createbytranslate')[0].body).toEqual({ url: 'https://example.com/talk.mp4', language: 'de' });
		expect(result.output('Akool')).toHaveLength(1);
	});

	it('a webhook key is refused even with the Webhook URL option set (the option owns the webhook)', async () => {
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'lipSync',
					operation: 'create',
					videoUrl: VIDEO,
					audioUrl: AUDIO,
					completion: 'returnImmediately',
					options: { webhookUrl: 'https://example.com/mine', additionalFields: '{"webhookUrl": "https://example.com/other"}' },
				}),
			),
		);
		expect(runError(result)).toBeInstanceOf(NodeOperationError);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});
