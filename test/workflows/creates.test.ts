import { createHash } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, fastOptions, loadWorkflow, run, runError } from './helpers';

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 600, fileSize: 300_000 });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.clearLog();
	mock.clearFaults();
});

const sha256 = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

describe('Character Swap → Create', () => {
	it('creates on the v4 path with Akool field names, polls, and streams the result into binary', async () => {
		const result = await run(mock, loadWorkflow('character-swap.json'));
		expect(result.status).toBe('success');

		const creates = mock.apiRequests('/api/open/v4/characterSwap/create');
		expect(creates).toHaveLength(1);
		expect(creates[0].headers['x-api-key']).toBe(mock.apiKey);
		expect(creates[0].body).toEqual({
			image: 'https://example.com/hero.png',
			video: 'https://example.com/dance.mp4',
			mode: 'replace',
			resolution: '1080p',
			duration: 12,
			prompt: 'A knight in shining armour',
			model_name: 'wavespeed-ai/wan-2.2/animate',
		});

		const [item] = result.output('Swap Character');
		const jobId = item.json.jobId as string;
		expect(item.json).toMatchObject({ jobType: 'video', status: 3, statusText: 'completed' });
		expect(item.pairedItem).toEqual({ item: 0 });
		// The result is `video`; `video_url` is the character swap *input* video.
		expect(item.json.resultUrl).toBe(mock.resultUrl(jobId));
		expect((item.json.job as { video_url: string }).video_url).toBe('https://example.com/dance.mp4');

		const binary = item.binary!.data;
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe(`${jobId}.mp4`);
		const bytes = await result.binaryBuffer(item);
		expect(bytes.length).toBe(300_000);
		expect(sha256(bytes)).toBe(await mock.fileSha256(`${jobId}.mp4`));

		const polls = mock.apiRequests('/api/open/v3/content/video/infobymodelid');
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((poll) => poll.query.video_model_id === jobId)).toBe(true);
	});

	it('sends a Webhook URL in the lowercase webhookurl field this endpoint expects', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'characterSwap',
				operation: 'create',
				imageUrl: 'https://example.com/a.png',
				videoUrl: 'https://example.com/b.mp4',
				completion: 'returnImmediately',
				options: { webhookUrl: 'https://hooks.example.com/akool' },
			}),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json).toMatchObject({ status: 1, statusText: 'queued' });
		const job = mock.jobs.get(item.json.jobId as string)!;
		expect(job.webhookField).toBe('webhookurl');
		expect(job.webhookAccepted).toBe(true);
		expect(mock.apiRequests('/api/open/v3/content/video/infobymodelid')).toHaveLength(0);
	});

	// character-swap/create.mdx lost `model_name` from its request table on 2026-01-08 (docs commit e0193ab); the
	// overview's examples still send it. The sandbox follows either reading; the node sends the field only when the
	// user picks a model, and its output names the model Akool reports (job.model_name), not the one asked for.
	it.each(['ignored', 'honoured'] as const)('Model: sent only when chosen; the output names the model Akool used (sandbox: model_name %s)', async (reading) => {
		mock.setOptions({ characterSwapModelName: reading });
		try {
			const create = (options: INodeParameters) =>
				run(mock, akoolWorkflow({ resource: 'characterSwap', operation: 'create', imageUrl: 'https://example.com/a.png', videoUrl: 'https://example.com/b.mp4', completion: 'returnImmediately', options }));
			const plain = await create({});
			const chosen = await create({ modelName: 'akool-character-swap-v1' });
			expect([plain.status, chosen.status]).toEqual(['success', 'success']);
			const bodies = mock.apiRequests('/api/open/v4/characterSwap/create').map((request) => request.body as Record<string, unknown>);
			expect(bodies[0]).not.toHaveProperty('model_name');
			expect(bodies[1].model_name).toBe('akool-character-swap-v1');
			const used = [plain, chosen].map((result) => (result.output('Akool')[0].json.job as { model_name: string }).model_name);
			expect(used).toEqual(['wavespeed-ai/wan-2.2/animate', reading === 'honoured' ? 'akool-character-swap-v1' : 'wavespeed-ai/wan-2.2/animate']);
			// A model the list does not have: refused where Akool reads the field, unused where it does not.
			const unknown = await create({ modelName: 'no-such-model-v9' });
			if (reading === 'honoured') expect(runError(unknown).message).toContain('model_name is invalid');
			else expect((unknown.output('Akool')[0].json.job as { model_name: string }).model_name).toBe('wavespeed-ai/wan-2.2/animate');
		} finally {
			mock.setOptions({ characterSwapModelName: 'ignored' });
		}
	});

	it('lists character swap models (type 2101) for the Model dropdown', async () => {
		const { loadOptions } = await import('../harness');
		const { Akool } = await import('../../nodes/Akool/Akool.node');
		const { AkoolApi } = await import('../../credentials/AkoolApi.credentials');
		const node = akoolWorkflow({ resource: 'characterSwap', operation: 'create' }).nodes[1];
		const options = await loadOptions(new Akool(), 'getCharacterSwapModels', node, {
			credentialTypes: [new AkoolApi()],
			credentials: { akoolApi: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url } },
		});
		expect(options.map((option) => option.value)).toContain('wavespeed-ai/wan-2.2/animate');
		const [request] = mock.apiRequests('/api/open/v4/aigModel/list');
		expect(request.query['types[]']).toBe('2101');
	});
});

describe('Talking Photo → Create, then Job → Wait, then Job → Download (a chained workflow)', () => {
	it('runs three items through the chain and downloads each video', async () => {
		const result = await run(mock, loadWorkflow('create-then-wait-then-download.json'), { items: 3 });
		expect(result.status).toBe('success');

		const creates = mock.apiRequests('/api/open/v3/content/video/createbytalkingphoto');
		expect(creates.map((c) => (c.body as { talking_photo_url: string }).talking_photo_url).sort()).toEqual([
			'https://example.com/people/0.jpg',
			'https://example.com/people/1.jpg',
			'https://example.com/people/2.jpg',
		]);
		expect(creates[0].body).toMatchObject({ audio_url: 'https://example.com/hello.mp3', resolution: '1080' });

		const created = result.output('Create Talking Photo');
		expect(created.map((item) => item.json.status)).toEqual([1, 1, 1]);
		const waited = result.output('Wait for Video');
		expect(waited.map((item) => item.json.statusText)).toEqual(['completed', 'completed', 'completed']);
		expect(waited.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const downloads = result.output('Download Video');
		expect(downloads).toHaveLength(3);
		for (const [index, item] of downloads.entries()) {
			const jobId = created[index].json.jobId as string;
			expect(item.json.url).toBe(mock.resultUrl(jobId));
			expect(item.binary!.video.mimeType).toBe('video/mp4');
			expect(sha256(await result.binaryBuffer(item, 'video'))).toBe(await mock.fileSha256(`${jobId}.mp4`));
		}
	});

	it('sends the Webhook URL option as camelCase webhookUrl on this v3 endpoint', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'talkingPhoto',
				operation: 'create',
				photoUrl: 'https://example.com/p.jpg',
				audioUrl: 'https://example.com/a.mp3',
				completion: 'returnImmediately',
				options: { webhookUrl: 'https://hooks.example.com/tp', prompt: 'smile' },
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v3/content/video/createbytalkingphoto');
		expect(create.body).toEqual({
			talking_photo_url: 'https://example.com/p.jpg',
			audio_url: 'https://example.com/a.mp3',
			prompt: 'smile',
			webhookUrl: 'https://hooks.example.com/tp',
		});
	});
});

describe('Image to Video', () => {
	it('Create: polls resultsByIds with a comma string and returns the video_url', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'create',
				imageUrl: 'https://example.com/cat.jpg',
				prompt: 'The cat waves',
				resolution: '1080p',
				videoLength: 10,
				audioType: 2,
				audioUrl: 'https://example.com/meow.mp3',
				returnAs: 'url',
				options: { ...fastOptions, extendPrompt: true, effectCode: 'squish_89244231312' },
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt');
		expect(create.body).toEqual({
			image_url: 'https://example.com/cat.jpg',
			prompt: 'The cat waves',
			negative_prompt: '',
			extend_prompt: true,
			resolution: '1080p',
			video_length: 10,
			audio_type: 2,
			audio_url: 'https://example.com/meow.mp3',
			effect_code: 'squish_89244231312',
		});
		const [item] = result.output('Akool');
		expect(item.binary).toBeUndefined();
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		const polls = mock.apiRequests('/api/open/v4/image2Video/resultsByIds');
		expect(polls[0].method).toBe('POST');
		expect(polls[0].body).toEqual({ _ids: item.json.jobId });
	});

	// B9: image2video.mdx marks prompt "true" (required) but effect_code "if specified, prompt content will be ignored".
	it('Create with an effect needs no Prompt: the key is sent empty, as Akool requires it', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'create',
				imageUrl: 'https://example.com/cat.jpg',
				returnAs: 'url',
				options: { ...fastOptions, effectCode: 'squish_89244231312' },
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt');
		expect(create.body).toMatchObject({ image_url: 'https://example.com/cat.jpg', prompt: '', effect_code: 'squish_89244231312' });
	});

	it('Create without an effect still needs a Prompt, refused before any request', async () => {
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'imageToVideo', operation: 'create', imageUrl: 'https://example.com/cat.jpg', returnAs: 'url', options: fastOptions }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('"Prompt" is required unless an effect is chosen');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('Create Batch: one output item (with its file) per video of the batch', async () => {
		const result = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'createBatch',
				imageUrl: 'https://example.com/cat.jpg',
				prompt: 'The cat dances',
				modelName: 'AkoolImage2VideoFastV1',
				resolution: '720p',
				videoLength: 5,
				count: 3,
				options: fastOptions,
			}),
		);
		expect(result.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/image2Video/createBySourcePrompt/batch');
		expect(create.body).toMatchObject({ model_name: 'AkoolImage2VideoFastV1', count: 3, video_length: 5 });
		const items = result.output('Akool');
		expect(items).toHaveLength(3);
		expect(new Set(items.map((item) => item.json.jobId)).size).toBe(3);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(sha256(await result.binaryBuffer(item))).toBe(
				await mock.fileSha256(`${item.json.jobId as string}.mp4`),
			);
		}
	});

	it('List Models and List Effects output one item per entry', async () => {
		const models = await run(mock, akoolWorkflow({ resource: 'imageToVideo', operation: 'listModels' }));
		expect(models.status).toBe('success');
		const values = models.output('Akool').map((item) => item.json.value);
		expect(values).toContain('AkoolImage2VideoFastV1');
		expect(mock.apiRequests('/api/open/v4/aigModel/list')[0].query['types[]']).toBe('1501');

		const effects = await run(mock, akoolWorkflow({ resource: 'imageToVideo', operation: 'listEffects' }));
		expect(effects.status).toBe('success');
		const codes = effects.output('Akool').map((item) => item.json.effect_code);
		expect(codes.length).toBeGreaterThan(0);
		expect(codes.every((code) => typeof code === 'string')).toBe(true);
	});

	it('Update Audio makes a new job from a finished video; Delete removes videos', async () => {
		const source = mock.addJob({ store: 'i2v', status: 3 });
		const updated = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'updateAudio',
				videoId: source._id,
				audioType: 1,
				returnAs: 'url',
				options: fastOptions,
			}),
		);
		expect(updated.status).toBe('success');
		const [create] = mock.apiRequests('/api/open/v4/image2Video/updateVideoAudio');
		expect(create.body).toEqual({ pre_video_id: source._id, audio_type: 1 });
		const [item] = updated.output('Akool');
		expect(item.json.jobId).not.toBe(source._id);
		expect(item.json.status).toBe(3);

		const deleted = await run(
			mock,
			akoolWorkflow({
				resource: 'imageToVideo',
				operation: 'deleteVideos',
				videoIds: `${source._id}, ${item.json.jobId as string}`,
			}),
		);
		expect(deleted.status).toBe('success');
		const [request] = mock.apiRequests('/api/open/v4/image2Video/delbyids');
		expect(request.body).toEqual({ _ids: `${source._id},${item.json.jobId as string}` });
		expect((deleted.output('Akool')[0].json.deletedIds as string[]).sort()).toEqual(
			[source._id, item.json.jobId as string].sort(),
		);
	});
});
