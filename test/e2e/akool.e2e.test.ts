/**
 * Our package in a real n8n (2.41 by default, the 1.x line with N8N_E2E_HOST=1.x; Node 24)
 * installed as a community package, against the Akool mock running in this jest process. Covers what only n8n's server does: credential tests,
 * production webhooks (Akool Trigger) and resuming waiting executions (Wait for Callback).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { N8N_MAJOR, startN8n } from './n8n';
import type { Execution, N8n } from './n8n';
import { AKOOL, exampleStartedByWebhook, sandboxCredential, TRIGGER, until as sharedUntil, webhookStartedWorkflow as sharedWebhookStartedWorkflow } from './workflows';


let mock: MockAkool;
let n8n: N8n;
let credentialId: string;
const timings: Record<string, string> = {};

beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 2_000, fileSize: 200_000 });
	n8n = await startN8n();
	timings['n8n start (spawn → ready)'] = `${n8n.startMs} ms`;
	timings['n8n install'] = process.env.N8N_E2E_INSTALL === 'cached' ? 'cached' : `${process.env.N8N_E2E_INSTALL} ms`;
	credentialId = await sandboxCredential(n8n, mock);
}, 300_000);

afterAll(async () => {
	// eslint-disable-next-line no-console
	console.log(`e2e timings:\n${Object.entries(timings).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`);
	await n8n?.stop();
	await mock?.close();
});

function runData(execution: Execution, node: string) {
	const runs = execution.data!.resultData.runData[node];
	return runs?.[runs.length - 1];
}

function outputOf(execution: Execution, node: string) {
	return runData(execution, node)?.data?.main[0] ?? [];
}

/** Webhook (POST /webhook/<path>) → Akool node with these parameters. */
const webhookStartedWorkflow = async (name: string, akoolParameters: Record<string, unknown>) =>
	await sharedWebhookStartedWorkflow(n8n, credentialId, name, akoolParameters);

const swap = (options: Record<string, unknown>) => ({
	resource: 'characterSwap',
	operation: 'create',
	imageUrl: 'https://example.com/hero.png',
	videoUrl: 'https://example.com/dance.mp4',
	returnAs: 'both',
	...options,
});

const until = <T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs?: number) =>
	sharedUntil<T>(n8n, what, fn, timeoutMs);

describe('examples/ in a real n8n', () => {
	it('swap-studio-head-swap.json: Analyze → Head Swap → Face Swap Plus, each result downloaded', async () => {
		mock.clearLog();
		const workflow = await exampleStartedByWebhook(n8n, credentialId, 'swap-studio-head-swap.json');
		await workflow.start();
		const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 120_000);
		const execution = await n8n.execution(done.id);
		expect(execution.status).toBe('success');
		const [analysis] = outputOf(execution, 'Analyze Heads');
		expect(analysis.json).toMatchObject({ jobType: 'studioHeadSwapAnalysis', status: 3 });
		expect(analysis.binary).toBeUndefined();
		const media = (analysis.json.result as { media: Array<{ obj_id: number }> }).media;
		const [swap] = outputOf(execution, 'Head Swap');
		expect(swap.json).toMatchObject({ jobType: 'studioHeadSwap', status: 3, statusText: 'completed' });
		expect(swap.binary.data.mimeType).toBe('video/mp4');
		const create = mock.apiRequests('/api/open/v5/headswap/create')[0].body as Record<string, unknown>;
		expect(create).toMatchObject({ media_type: 'video', target_url: 'https://example.com/interview.mp4', analyze_id: analysis.json.jobId, resolution: '480p' });
		expect(create.mappings).toEqual([{ obj_id: media[0].obj_id, img_url: 'https://example.com/new-head.jpg' }]);
		const [face] = outputOf(execution, 'Face Swap Plus');
		expect(face.json).toMatchObject({ jobType: 'faceSwap', status: 3 });
		expect(mock.apiRequests('/api/open/v4/faceswap/faceswapPlusByImage')[0].body).toMatchObject({ target_url: swap.json.resultUrl, single_face_mode: true });
	});
});

describe('examples/price-check-then-create.json in a real n8n: the price first, then the job within a budget', () => {
	it('Estimate Credits Only (nothing created) → IF estimatedCredits ≤ 50 → Character Swap with Max Credits per Run: 30 estimated, 30 charged', async () => {
		mock.clearLog();
		const credit = mock.credit;
		const workflow = await exampleStartedByWebhook(n8n, credentialId, 'price-check-then-create.json');
		await workflow.start();
		const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 120_000);
		const execution = await n8n.execution(done.id);
		expect(execution.status).toBe('success');
		const [price] = outputOf(execution, 'Price');
		expect(price.json).toMatchObject({ estimatedCredits: 30, jobsCreated: 0 });
		const [swap] = outputOf(execution, 'Character Swap');
		expect(swap.json).toMatchObject({ jobType: 'video', status: 3, estimatedCredits: 30, chargedCredits: 30 });
		expect(mock.apiRequests('/api/open/v4/characterSwap/create')).toHaveLength(1);
		expect(credit - mock.credit).toBe(30);
		expect(execution.data!.resultData.runData['Too Expensive']).toBeUndefined();
	});
});

describe('examples/ in a real n8n: talking video and voice', () => {
	const finished = async (file: string) => {
		mock.clearLog();
		const workflow = await exampleStartedByWebhook(n8n, credentialId, file);
		await workflow.start();
		const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 120_000);
		const execution = await n8n.execution(done.id);
		expect(execution.status).toBe('success');
		return execution;
	};

	it('text-to-talking-avatar.json: Text to Speech → Talking Avatar → Video Translation', async () => {
		const execution = await finished('text-to-talking-avatar.json');
		const [speech] = outputOf(execution, 'Text to Speech');
		expect(speech.json).toMatchObject({ jobType: 'voiceResult', status: 3 });
		const [avatar] = outputOf(execution, 'Talking Avatar');
		expect(avatar.json).toMatchObject({ jobType: 'video', status: 3 });
		const create = mock.apiRequests('/api/open/v3/talkingavatar/create')[0].body as { elements: Array<Record<string, unknown>> };
		expect(create.elements.at(-1)).toEqual({ type: 'audio', url: speech.json.resultUrl });
		const [translated] = outputOf(execution, 'Translate to French');
		expect(translated.json).toMatchObject({ jobType: 'video', status: 3 });
		expect(translated.binary.data.mimeType).toBe('video/mp4');
		expect(mock.apiRequests('/api/open/v3/content/video/createbytranslate')[0].body).toMatchObject({ url: avatar.json.resultUrl, language: 'fr', lipsync: true });
	});

	it('text-to-video-lip-sync.json: Text to Video → Clone Voice → Text to Speech → Lip Sync', async () => {
		const execution = await finished('text-to-video-lip-sync.json');
		const [video] = outputOf(execution, 'Text to Video');
		const [clone] = outputOf(execution, 'Clone Voice');
		expect(clone.json).toMatchObject({ jobType: 'voiceClone', status: 3 });
		expect(mock.apiRequests('/api/open/v4/voice/tts')[0].body).toMatchObject({ voice_id: clone.json.result });
		const [speech] = outputOf(execution, 'Speak the Script');
		const [synced] = outputOf(execution, 'Lip Sync');
		expect(synced.json).toMatchObject({ jobType: 'video', status: 3 });
		expect(synced.binary.data.mimeType).toBe('video/mp4');
		expect(mock.apiRequests('/api/open/v3/content/video/lipsync')[0].body).toEqual({ video_url: video.json.resultUrl, audio_url: speech.json.resultUrl });
	});
});

describe('examples/ in a real n8n: images, moderation, head swap v4, knowledge base', () => {
	const finished = async (file: string) => {
		mock.clearLog();
		const workflow = await exampleStartedByWebhook(n8n, credentialId, file);
		await workflow.start();
		const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 120_000);
		const execution = await n8n.execution(done.id);
		expect(execution.status).toBe('success');
		return execution;
	};

	it('image-generate-and-moderate.json: Generate → Upscale (U1) → Jarvis verdict', async () => {
		const execution = await finished('image-generate-and-moderate.json');
		const [generated] = outputOf(execution, 'Generate Image');
		const [upscaled] = outputOf(execution, 'Upscale');
		expect(upscaled.json).toMatchObject({ jobType: 'image', status: 3 });
		expect(upscaled.binary.data.mimeType).toMatch(/^image\//);
		expect(mock.apiRequests('/api/open/v3/content/image/createbybutton')[0].body).toEqual({ _id: generated.json.jobId, button: 'U1' });
		const [verdict] = outputOf(execution, 'Moderate');
		expect(verdict.json).toMatchObject({ jobType: 'moderation', status: 3, result: 'Compliant' });
		expect(verdict.binary).toBeUndefined();
	});

	it('head-swap-v4.json: Analyze Video → Create with the analysed person', async () => {
		const execution = await finished('head-swap-v4.json');
		const [analysis] = outputOf(execution, 'Analyze Video');
		const media = (analysis.json.result as { media: Array<{ obj_id: number }> }).media;
		const [swap] = outputOf(execution, 'Swap Heads');
		expect(swap.json).toMatchObject({ jobType: 'headSwapV4', status: 3 });
		expect(swap.binary.data.mimeType).toBe('video/mp4');
		expect(mock.apiRequests('/api/open/v4/headswap/task/create')[0].body).toMatchObject({
			video_url: 'https://example.com/team-meeting.mp4',
			mappings: [{ obj_id: media[0].obj_id, img_url: 'https://example.com/new-head.jpg' }],
		});
	});

	it('knowledge-base.json: Create → Update → Get Many', async () => {
		const execution = await finished('knowledge-base.json');
		const [created] = outputOf(execution, 'Create Knowledge Base');
		const [updated] = outputOf(execution, 'Update Prompt');
		expect(updated.json).toMatchObject({ _id: created.json._id, name: 'Product FAQ', prompt: 'Answer briefly and politely.' });
		expect(outputOf(execution, 'List Knowledge Bases').map((item: { json: { _id: string } }) => item.json._id)).toContain(created.json._id);
	});
});

describe('examples/form-photo-to-talking-photo.json in a real n8n: a form\'s files as Binary File inputs', () => {
	const media = (name: string) => readFileSync(join(__dirname, '..', 'mock-akool', 'media', name));
	const PHOTO = media('sample.jpg');
	const SPEECH = media('sample.mp3');
	const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

	it(N8N_MAJOR >= 2 ? 'the form is sent (multipart): Akool reads both files through n8n\'s signed links and the sender gets the video' : 'n8n 1.x keeps binary data in memory by default: refused before any request, saying why', async () => {
		mock.clearLog();
		const example = JSON.parse(readFileSync(join(__dirname, '../../examples/form-photo-to-talking-photo.json'), 'utf8')) as {
			name: string;
			nodes: Array<{ name: string; type: string; parameters: Record<string, any>; webhookId?: string; credentials?: Record<string, { id: string; name?: string }> }>;
			connections: Record<string, unknown>;
		};
		const path = `talking-photo-${randomUUID()}`;
		const nodes = example.nodes.map((node) => {
			if (node.type === 'n8n-nodes-base.formTrigger') return { ...node, webhookId: randomUUID(), parameters: { ...node.parameters, options: { ...node.parameters.options, path } } };
			if (node.type === AKOOL) return { ...node, parameters: { ...node.parameters, options: { ...node.parameters.options, pollIntervalSeconds: 0.5 } }, credentials: { akoolApi: { id: credentialId } } };
			return node;
		});
		const workflow = await n8n.createWorkflow({ name: example.name, nodes, connections: example.connections });
		await n8n.activate(workflow.id);
		// The form's page answers once n8n has registered the published workflow's form.
		await until('the form page', async () => ((await fetch(`${n8n.url}/form/${path}`)).status === 200 ? true : undefined));

		// What the form page sends: multipart, one part per field (field-0 Photo, field-1 Recording).
		const form = new FormData();
		form.append('field-0', new Blob([PHOTO], { type: 'image/jpeg' }), 'me.jpg');
		form.append('field-1', new Blob([SPEECH], { type: 'audio/mpeg' }), 'hello.mp3');
		const submitted = await fetch(`${n8n.url}/form/${path}`, { method: 'POST', body: form });
		expect(submitted.status).toBe(200);
		const [stopped] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 120_000);

		if (N8N_MAJOR < 2) {
			const execution = await n8n.execution(stopped.id);
			expect(execution.status).toBe('error');
			expect(JSON.stringify(execution.data?.resultData.error)).toContain('cannot be published for Akool');
			expect(mock.apiRequests()).toHaveLength(0);
			return;
		}
		// The video is made; the form's ending page waits for the sender.
		expect(stopped.status).toBe('waiting');
		const [video] = outputOf(await n8n.execution(stopped.id), 'Talking Photo');
		expect(video.json).toMatchObject({ jobType: 'video', status: 3 });
		// The job id is in n8n's log from the moment Akool answered the create (what survives a dead process).
		expect(n8n.logTail(400)).toContain(`Akool job created: ${String(video.json.jobId)}`);

		// Sent as n8n's signed links under WEBHOOK_URL (n8n's public address), which Akool read: the very bytes of the form's files.
		const create = mock.apiRequests('/api/open/v3/content/video/createbytalkingphoto')[0].body as Record<string, string>;
		for (const field of ['talking_photo_url', 'audio_url']) expect(create[field].startsWith(`${n8n.url}/rest/binary-data/signed?token=`)).toBe(true);
		const fetched = mock.inputFetches.filter((entry) => entry.jobId === video.json.jobId).map(({ path: field, status, sha256 }) => [field, status, sha256]).sort();
		expect(fetched).toEqual([['audio_url', 200, sha(SPEECH)], ['talking_photo_url', 200, sha(PHOTO)]]);

		// The sender's browser goes to the ending page (formWaitingUrl), which carries the video and downloads it.
		const { formWaitingUrl } = (await submitted.json()) as { formWaitingUrl: string };
		const page = await (await fetch(formWaitingUrl)).text();
		const embedded = /const binaries = "([^"]+)"/.exec(page);
		expect(embedded).not.toBeNull();
		const [file] = JSON.parse(decodeURIComponent(embedded![1])) as Array<{ data: { data: number[] }; type: string }>;
		expect(file.type).toBe('video/mp4');
		const result = Buffer.from(await (await fetch(video.json.resultUrl as string)).arrayBuffer());
		expect(sha(Uint8Array.from(file.data.data))).toBe(sha(result));
		// The page then tells n8n it was shown, and the execution ends.
		expect((await fetch(formWaitingUrl, { method: 'POST' })).status).toBe(200);
		const [ended] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.id === stopped.id && e.status === 'success'), 30_000);
		const execution = await n8n.execution(ended.id);
		// The signed links (bearer links to the sender's files) are nowhere in the execution's data.
		expect(JSON.stringify(execution.data)).not.toContain('binary-data/signed');
	}, 180_000);
});

describe('credential test', () => {
	it('passes for the right key and explains a wrong one', async () => {
		const test = async (apiKey: string) =>
			(await n8n.rest('POST', '/credentials/test', {
				credentials: { id: credentialId, name: 'Akool sandbox', type: 'akoolApi', data: { apiKey, clientId: mock.clientId, baseUrl: mock.url } },
			})) as { status: string; message: string };
		expect(await test(mock.apiKey)).toMatchObject({ status: 'OK' });
		const wrong = await test('wrong-key-0000000000000000');
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('1101');
	});
});

describe('Akool Trigger', () => {
	let workflowId: string;
	let url: string;

	beforeAll(async () => {
		const webhookId = randomUUID();
		const workflow = await n8n.createWorkflow({
			name: 'Akool Trigger',
			nodes: [
				{
					name: 'Akool Trigger',
					type: TRIGGER,
					webhookId,
					parameters: { events: ['completed', 'failed'], options: { returnAs: 'both' } },
					credentials: { akoolApi: { id: credentialId } },
				},
			],
		});
		workflowId = workflow.id;
		await n8n.activate(workflowId);
		url = n8n.webhookUrl(webhookId, 'akool');
	});

	it('starts exactly one execution for a job that calls back, with the file downloaded', async () => {
		const job = mock.addJob({ store: 'video', durationMs: 300, webhookUrl: url, type: 'talking photo' });
		const [execution] = await n8n.waitForExecutions(workflowId, (list) => list.some((e) => e.status === 'success'));
		const full = await n8n.execution(execution.id);
		const [item] = outputOf(full, 'Akool Trigger');
		expect(item.json).toMatchObject({
			jobId: job._id,
			status: 3,
			statusText: 'completed',
			type: 'talking photo',
			resultUrl: mock.resultUrl(job._id),
		});
		expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${job._id}.mp4` });
		expect(job.callbacks.at(-1)?.httpStatus).toBe(200);
		expect(await n8n.executions(workflowId)).toHaveLength(1);
	});

	it('answers 401 to a forged callback and starts nothing', async () => {
		const before = (await n8n.executions(workflowId)).length;
		const forged = await mock.deliverCallback(
			url,
			{ _id: 'aaaaaaaaaaaaaaaaaaaaaaaa', status: 3, type: 'faceswap', url: 'https://evil.example/x.jpg' },
			{ signatureOverride: '0'.repeat(40) },
		);
		expect(forged.status).toBe(401);
		expect(JSON.parse(forged.body)).toEqual({ error: 'Invalid callback' });
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(await n8n.executions(workflowId)).toHaveLength(before);
	});

	it('a repeated delivery and an unselected event are acknowledged without a second execution', async () => {
		const payload = { _id: 'bbbbbbbbbbbbbbbbbbbbbbbb', status: 4, type: 'faceswap', url: '' };
		const before = (await n8n.executions(workflowId)).length;
		expect((await mock.deliverCallback(url, payload)).status).toBe(200);
		await n8n.waitForExecutions(workflowId, (list) => list.length === before + 1);
		expect((await mock.deliverCallback(url, payload)).status).toBe(200);
		expect((await mock.deliverCallback(url, { ...payload, status: 2 })).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const list = await n8n.executions(workflowId);
		expect(list).toHaveLength(before + 1);
		const full = await n8n.execution(list[0].id);
		expect(outputOf(full, 'Akool Trigger')[0].json).toMatchObject({ jobId: payload._id, status: 4, statusText: 'failed' });
	});
});

describe('Akool Trigger without Client ID', () => {
	// The trigger's webhookMethods.create() refuses a credential without Client ID with a clear
	// NodeOperationError. n8n 2.41's publish API still answers "published", then keeps retrying the
	// activation (registering the webhook for a moment each time, then removing it); what a caller
	// sees is 404, or, inside that moment, our webhook()'s uniform rejection (401, the reason only
	// in the debug log). Never a run.
	// n8n 1.x runs create() inside the activate call and answers its error (400); nothing is registered.
	it('never starts the workflow, even for a correctly signed callback', async () => {
		const credential = await n8n.createCredential({
			name: 'Akool without Client ID',
			type: 'akoolApi',
			data: { apiKey: mock.apiKey, baseUrl: mock.url },
		});
		const webhookId = randomUUID();
		const workflow = await n8n.createWorkflow({
			name: 'Trigger without Client ID',
			nodes: [
				{
					name: 'Akool Trigger',
					type: TRIGGER,
					webhookId,
					parameters: { events: ['completed'] },
					credentials: { akoolApi: { id: credential.id } },
				},
			],
		});
		if (N8N_MAJOR >= 2) {
			await n8n.activate(workflow.id);
		} else {
			await expect(n8n.activate(workflow.id)).rejects.toMatchObject({
				status: 400,
				message: expect.stringContaining('The Akool credential has no Client ID'),
			});
		}
		const url = n8n.webhookUrl(webhookId, 'akool');
		for (let attempt = 0; attempt < 8; attempt++) {
			const answer = await mock.deliverCallback(url, { _id: 'dddddddddddddddddddddddd', status: 3, type: 'image', url: '' });
			if (answer.status !== 404) {
				expect(answer.status).toBe(401);
				expect(JSON.parse(answer.body)).toEqual({ error: 'Invalid callback' });
			}
			await new Promise((resolve) => setTimeout(resolve, 400));
		}
		expect(await n8n.executions(workflow.id)).toHaveLength(0);
	});
});

// n8n 1.x lacks what the mode needs (n8n-core 1.122 has no `metadata.resumeError`, and
// `this.customData` is not on the node context): the node refuses it there before creating a job.
(N8N_MAJOR < 2 ? it : it.skip)('Wait for Callback on n8n 1.x: refused with the minimum version, no job created', async () => {
	mock.clearLog();
	const workflow = await webhookStartedWorkflow('Wait for Callback on 1.x', swap({ completion: 'waitForCallback' }));
	await workflow.start();
	const failed = await until('the failed execution', async () =>
		(await n8n.executions(workflow.id, { includeData: true })).find((e) => e.status === 'error'),
	);
	expect(JSON.stringify(failed.data?.resultData.error)).toContain('\\"Wait for Callback\\" needs n8n 2.27 or newer');
	expect(mock.apiRequests('/api/open/v4/characterSwap/create')).toHaveLength(0);
});

(N8N_MAJOR >= 2 ? describe : describe.skip)('Wait for Callback', () => {
	it('waits while Akool works, ignores an interim callback, resumes on the final one with the polled output', async () => {
		mock.setOptions({ sendInterimCallbacks: true, jobDurationMs: 4_000 });
		const workflow = await webhookStartedWorkflow('Wait for Callback', swap({ completion: 'waitForCallback' }));
		expect((await workflow.start()).status).toBe(200);

		const waiting = await until('a waiting execution', async () =>
			(await n8n.executions(workflow.id)).find((e) => e.status === 'waiting'),
		);
		const job = await until('the job', () => [...mock.jobs.values()].find((j) => j.webhookUrl?.includes('/webhook-waiting/')));
		expect(job.webhookUrl).toContain(`/webhook-waiting/${waiting.id}`);

		// The interim (status 2) callback is answered 200 and the execution keeps waiting.
		await until('the interim callback', () => job.callbacks.find((c) => c.status === 2 && c.httpStatus === 200));
		expect((await n8n.execution(waiting.id)).status).toBe('waiting');

		const final = await until('the final callback', () => job.callbacks.find((c) => c.status === 3), 20_000);
		const done = await until('the resumed execution', async () => {
			const execution = await n8n.execution(waiting.id);
			return execution.status === 'success' ? execution : undefined;
		});
		const latency = new Date(done.stoppedAt!).getTime() - final.at;
		timings['resume latency (final callback → execution finished)'] = `${latency} ms`;
		expect(latency).toBeLessThan(2_000);
		expect(final.httpStatus).toBe(200);
		const status2 = job.callbacks.filter((c) => c.status === 2);
		expect(status2.length).toBeGreaterThanOrEqual(1);

		const [item] = outputOf(done, 'Akool');
		expect(item.json).toMatchObject({ jobId: job._id, status: 3, statusText: 'completed', resultUrl: mock.resultUrl(job._id) });
		expect(item.binary.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${job._id}.mp4` });

		// Same output as polling: Job → Wait on the same job, in the same n8n.
		const poll = await webhookStartedWorkflow('Poll the same job', {
			resource: 'job',
			operation: 'wait',
			jobType: 'video',
			jobId: job._id,
			returnAs: 'both',
			options: { pollIntervalSeconds: 0.5 },
		});
		await poll.start();
		const [polled] = await n8n.waitForExecutions(poll.id, (list) => list.some((e) => e.status === 'success'));
		const polledItem = outputOf(await n8n.execution(polled.id), 'Akool')[0];
		expect(item.json).toEqual(polledItem.json);
		expect({ ...item.binary.data, id: undefined }).toEqual({ ...polledItem.binary.data, id: undefined });
		mock.setOptions({ sendInterimCallbacks: false, jobDurationMs: 2_000 });
	});

	it('a forged callback to the resume URL gets 401 and the execution keeps waiting', async () => {
		mock.nextJobs({ durationMs: 120_000 });
		const workflow = await webhookStartedWorkflow('Forged resume', swap({ completion: 'waitForCallback' }));
		await workflow.start();
		const waiting = await until('a waiting execution', async () =>
			(await n8n.executions(workflow.id)).find((e) => e.status === 'waiting'),
		);
		const job = [...mock.jobs.values()].find((j) => j.webhookUrl?.includes(`/webhook-waiting/${waiting.id}`))!;
		const forged = await mock.deliverCallback(
			job.webhookUrl!,
			{ _id: job._id, status: 3, type: 'character swap', url: 'https://evil.example/x.mp4' },
			{ signatureOverride: 'f'.repeat(40) },
		);
		expect(forged.status).toBe(401);
		expect(JSON.parse(forged.body)).toEqual({ error: 'Invalid callback' });
		// A genuine, correctly signed callback about another job does not resume it either.
		const other = await mock.deliverCallback(job.webhookUrl!, {
			_id: 'cccccccccccccccccccccccc',
			status: 3,
			type: 'character swap',
			url: 'https://d2qf6ukcym4kn9.cloudfront.net/other.mp4',
		});
		expect(other.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await n8n.execution(waiting.id)).status).toBe('waiting');
	});

	it('a failed job resumes the execution as a failure with the reason and the job id', async () => {
		mock.nextJobs({ durationMs: 1_000, fail: true, failReason: 'No face found in the image' });
		const workflow = await webhookStartedWorkflow('Failed job', swap({ completion: 'waitForCallback' }));
		await workflow.start();
		const [execution] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status === 'error'), 30_000);
		const full = await n8n.execution(execution.id);
		const job = [...mock.jobs.values()].at(-1)!;
		expect(full.data!.resultData.error.message).toBe(`Akool job ${job._id} failed: No face found in the image`);
	});

	it('past the wait limit the execution fails with the job id (no callback came)', async () => {
		mock.nextJobs({ durationMs: 600_000 });
		const workflow = await webhookStartedWorkflow('Wait limit', swap({ completion: 'waitForCallback', options: { waitLimitMinutes: 0.05 } }));
		await workflow.start();
		const started = Date.now();
		// n8n's wait tracker looks for due executions once a minute.
		const [execution] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status === 'error'), 90_000);
		timings['wait limit 3 s → execution failed after'] = `${Date.now() - started} ms`;
		const full = await n8n.execution(execution.id);
		const job = [...mock.jobs.values()].at(-1)!;
		expect(full.data!.resultData.error.message).toContain(`Akool did not call back about job ${job._id} within 0.05 min`);
	}, 150_000);
});

describe("n8n's Retry On Fail (node Settings) in a real n8n", () => {
	/** Webhook → Split Out (3 items) → Akool with Retry On Fail, 3 tries. */
	async function threeItemsWithRetry(name: string, akoolParameters: Record<string, unknown>) {
		const path = `retry-${randomUUID()}`;
		const workflow = await n8n.createWorkflow({
			name,
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived' } },
				{ name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.rows', options: {} } },
				{ name: 'Akool', type: AKOOL, parameters: akoolParameters, credentials: { akoolApi: { id: credentialId } }, retryOnFail: true, maxTries: 3, waitBetweenTries: 100 },
			] as never,
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Akool', type: 'main', index: 0 }]] },
			},
		});
		await n8n.activate(workflow.id);
		await n8n.postWebhook(n8n.webhookUrl(path), { rows: [{ n: 1 }, { n: 2 }, { n: 3 }] });
		const [done] = await n8n.waitForExecutions(workflow.id, (list) => list.some((e) => e.status !== 'running' && e.status !== 'new'), 60_000);
		return await n8n.execution(done.id);
	}

	it('3 items, one job fails: each item\'s job is created once over all tries, and the error lists all three', async () => {
		mock.clearLog();
		mock.nextJobs({ durationMs: 800 }, 1);
		mock.nextJobs({ durationMs: 300, fail: true, failReason: 'bad frame' }, 1);
		mock.nextJobs({ durationMs: 800 }, 1);
		const execution = await threeItemsWithRetry('Retry On Fail', swap({ returnAs: 'url', options: { pollIntervalSeconds: 0.2 } }));
		expect(execution.status).toBe('error');
		const creates = mock.apiRequests('/api/open/v4/characterSwap/create');
		expect(creates).toHaveLength(3);
		const error = execution.data!.resultData.error as { message: string; context?: { jobIds?: string[] } };
		expect(error.message).toContain('bad frame');
		const ids = [...mock.jobs.keys()].slice(-3);
		expect([...(error.context?.jobIds ?? [])].sort()).toEqual([...ids].sort());
	});

	it('a download that fails in the first try is done by the retry, with the same job', async () => {
		mock.clearLog();
		mock.fault({ path: '/files/', kind: '500', count: 4 });
		const execution = await threeItemsWithRetry('Retry On Fail, download', swap({ returnAs: 'binary', options: { pollIntervalSeconds: 0.2, maxConcurrentJobs: 1 } }));
		expect(execution.status).toBe('success');
		expect(outputOf(execution, 'Akool')).toHaveLength(3);
		expect(mock.apiRequests('/api/open/v4/characterSwap/create')).toHaveLength(3);
	});
});
