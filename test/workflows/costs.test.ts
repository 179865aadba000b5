import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { MANUAL_TRIGGER_TYPE } from '../harness';
import type { MockAkool } from '../mock-akool';
import { AKOOL_TYPE, akoolWorkflow, mockGet, run, runError, useMockAkool, withFastOptions } from './helpers';
import type { Workflow } from './helpers';

/**
 * Issue 22: what a job should cost (Estimate Credits Only, estimatedCredits in every create's
 * output), the budget guard (Max Credits per Run, Stop Below Balance) and Akool's own charge
 * (chargedCredits), against the sandbox, which bills by its own reading of Akool's pricing pages.
 */
let mock: MockAkool;
useMockAkool({ jobDurationMs: 300 }, (m) => (mock = m), { credit: 1000 });

const CHARACTER_SWAP = '/api/open/v4/characterSwap/create';
const BALANCE = '/api/open/v3/faceswap/quota/info';

/** Character swaps of these lengths at 720p, one item each (the Duration read by expression). */
const swaps = (seconds: number[], parameters: INodeParameters = {}) => ({
	workflow: akoolWorkflow(
		withFastOptions({
			resource: 'characterSwap',
			operation: 'create',
			imageUrl: 'https://example.com/hero.png',
			videoUrl: 'https://example.com/dance.mp4',
			resolution: '720p',
			returnAs: 'url',
			...parameters,
			options: { duration: '={{ $json.seconds }}', ...((parameters.options as object) ?? {}) },
		}),
	),
	inputItems: seconds.map((s): INodeExecutionData => ({ json: { seconds: s } })),
});

describe('estimates', () => {
	it("Akool's own example: a 12 s character swap at 720p is estimated at 30 credits, and Akool charges 30", async () => {
		const { workflow, inputItems } = swaps([12]);
		const before = mock.credit;
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBe(30);
		expect(item.json.estimateBasis).toContain('per started 5 s');
		expect(item.json.estimateBasis).toContain('docs.akool.com/ai-tools-suite/character-swap');
		// Akool's deduction_credit of the finished job (the sandbox bills per started 5 s too).
		expect(item.json.chargedCredits).toBe(30);
		expect(before - mock.credit).toBe(30);
	});

	it('"Estimate Credits Only" creates nothing and outputs each item\'s estimate', async () => {
		const { workflow, inputItems } = swaps([5, 12, 30], { completion: 'estimate' });
		const before = mock.credit;
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items.map((item) => item.json.estimatedCredits)).toEqual([10, 30, 60]);
		expect(items.every((item) => item.json.jobsCreated === 0 && item.json.jobsToCreate === 1)).toBe(true);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(mock.apiRequests()).toHaveLength(0);
		expect(mock.credit).toBe(before);
	});

	it('says "unknown" where Akool publishes no price, never a number', async () => {
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'talkingPhoto', operation: 'create', photoUrl: 'https://example.com/p.jpg', audioUrl: 'https://example.com/a.mp3', completion: 'estimate' }),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBeNull();
		expect(item.json.estimateBasis).toMatch(/^unknown: Akool publishes no price for talking photo/);
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('a character swap without Duration is unknown (Akool measures the video), with the rate that applies', async () => {
		const result = await run(
			mock,
			akoolWorkflow({ resource: 'characterSwap', operation: 'create', imageUrl: 'https://example.com/a.png', videoUrl: 'https://example.com/b.mp4', resolution: '1080p', completion: 'estimate' }),
		);
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBeNull();
		expect(item.json.estimateBasis).toContain('15 credits at 1080p');
	});

	it('image to video from the model list (read once per run): the estimate and what the sandbox charges are both output', async () => {
		// The sandbox bills the page table (20 credits per 5 s at 720p) whatever the model, while the node reads the
		// model list's unit_credit (5 for this model at 720p) as per 5 s: Akool documents neither reading, so they
		// differ here on purpose, and the node reports both without failing.
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'imageToVideo',
					operation: 'createBatch',
					imageUrl: 'https://example.com/cat.png',
					prompt: 'The cat waves',
					modelName: 'AkoolImage2VideoFastV1',
					resolution: '720p',
					videoLength: 10,
					count: 2,
					returnAs: 'url',
				}),
			),
			{ items: 2 },
		);
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(4);
		for (const item of items) {
			expect(item.json.estimatedCredits).toBe(10);
			expect(item.json.estimateBasis).toContain('unit_credit 5');
			expect(item.json.chargedCredits).toBe(40);
		}
		expect(mock.apiRequests('/api/open/v4/aigModel/list')).toHaveLength(1);
	});

	it("Swap Studio: picture tasks from the model's unit_price_map (one model listed: Akool's default), one estimate per task", async () => {
		const models = await mockGet<{ list: Array<{ model_name: string; unit_price_map: Record<string, number> }> }>(mock, '/api/open/v5/hairswap/models');
		expect(models.list).toHaveLength(1);
		const result = await run(
			mock,
			akoolWorkflow(
				withFastOptions({
					resource: 'swapStudio',
					operation: 'hairSwap',
					targetUrl: 'https://example.com/portrait.jpg',
					references: 'images',
					imageUrls: { __rl: true, mode: 'url', value: "={{ ['https://example.com/bob.jpg', 'https://example.com/curls.jpg'] }}" },
					returnAs: 'url',
				}),
			),
		);
		expect(result.status).toBe('success');
		const items = result.output('Akool');
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.estimatedCredits).toBe(models.list[0].unit_price_map.image);
			expect(item.json.estimateBasis).toContain('unit_price_map');
			expect(item.json.chargedCredits).toBe(models.list[0].unit_price_map.image);
		}
		expect(mock.apiRequests('/api/open/v5/hairswap/models')).toHaveLength(1);
	});

	it('text to speech: characters × 4.4 per 1000 (the Pro rate), next to what Akool charged', async () => {
		const voices = await mockGet<{ result: Array<{ voice_id: string }> }>(mock, '/api/open/v4/voice/list?type=2&page=1&size=1');
		const text = 'Hello from n8n.'.repeat(40);
		const result = await run(
			mock,
			akoolWorkflow(withFastOptions({ resource: 'voice', operation: 'textToSpeech', text, voiceId: { __rl: true, mode: 'id', value: voices.result[0].voice_id }, returnAs: 'url' })),
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBeCloseTo((text.length / 1000) * 4.4, 2);
		expect(item.json.chargedCredits).toBeCloseTo(item.json.estimatedCredits as number, 1);
	});
});

describe('the budget guard', () => {
	it('over "Max Credits per Run": nothing is created and the error lists every item\'s estimate', async () => {
		const { workflow, inputItems } = swaps([5, 12, 30], { options: { maxCreditsPerRun: 50 } });
		const before = mock.credit;
		const error = runError(await run(mock, workflow, { inputItems }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('estimated at 100 credits, more than Max Credits per Run (50)');
		expect(error.message).toContain('Nothing was created');
		expect(error.description).toContain('item 0: 10 credits');
		expect(error.description).toContain('item 1: 30 credits');
		expect(error.description).toContain('item 2: 60 credits');
		expect(mock.apiRequests()).toHaveLength(0);
		expect(mock.credit).toBe(before);
	});

	it('within the budget every item runs', async () => {
		const { workflow, inputItems } = swaps([5, 12, 30], { options: { maxCreditsPerRun: 100 } });
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		expect(mock.apiRequests(CHARACTER_SWAP)).toHaveLength(3);
		expect(result.output('Akool').map((item) => item.json.chargedCredits)).toEqual([10, 30, 60]);
	});

	it('an item whose price Akool does not publish cannot be counted: refused, before any request', async () => {
		const error = runError(
			await run(
				mock,
				akoolWorkflow({ resource: 'talkingPhoto', operation: 'create', photoUrl: 'https://example.com/p.jpg', audioUrl: 'https://example.com/a.mp3', options: { maxCreditsPerRun: 1000 } }),
			),
		);
		expect(error.message).toContain('Akool publishes no price for item 0');
		expect(error.description).toContain('item 0: unknown');
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it('"Stop Below Balance": reads the balance once; a run that would leave too little creates nothing', async () => {
		mock.setOptions({ credit: 105 });
		const { workflow, inputItems } = swaps([5, 12, 30], { options: { stopBelowBalance: 10 } });
		const error = runError(await run(mock, workflow, { inputItems }));
		expect(error.message).toContain('the balance is 105 credits');
		expect(error.message).toContain('would leave 5, below 10');
		expect(mock.apiRequests().map((request) => request.path)).toEqual([BALANCE]);
		expect(mock.credit).toBe(105);

		mock.clearLog();
		mock.setOptions({ credit: 110 });
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		expect(mock.apiRequests(BALANCE)).toHaveLength(1);
		expect(mock.apiRequests(CHARACTER_SWAP)).toHaveLength(3);
		expect(mock.credit).toBe(10);
	});

	it('"Estimate Credits Only" is never refused by the budget (it creates nothing)', async () => {
		const { workflow, inputItems } = swaps([30], { completion: 'estimate', options: { maxCreditsPerRun: 1 } });
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		expect(result.output('Akool')[0].json.estimatedCredits).toBe(60);
	});
});

describe('as an AI agent\'s tool', () => {
	const asTool = { type: `${AKOOL_TYPE}Tool` };

	it('answers with the result URL and the cost, not Akool\'s whole record', async () => {
		const { workflow, inputItems } = swaps([12]);
		workflow.nodes[1] = { ...workflow.nodes[1], ...asTool };
		const result = await run(mock, workflow, { inputItems });
		const [item] = result.output('Akool');
		expect(Object.keys(item.json).sort()).toEqual(['chargedCredits', 'estimateBasis', 'estimatedCredits', 'jobId', 'jobType', 'resultUrl', 'status', 'statusText'].sort());
		expect(item.json.resultUrl).toBe(mock.resultUrl(item.json.jobId as string));
		expect(item.json.chargedCredits).toBe(30);
	});

	it('a job that fails answers with the error, its hint and the job id instead of failing the agent\'s run', async () => {
		mock.nextJobs({ fail: true, failReason: 'No character found in the image' });
		const { workflow, inputItems } = swaps([12]);
		workflow.nodes[1] = { ...workflow.nodes[1], ...asTool };
		const result = await run(mock, workflow, { inputItems });
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		const jobId = mock.apiRequests(CHARACTER_SWAP).length === 1 ? [...mock.jobs.keys()].pop() : undefined;
		expect(item.json.error).toContain('No character found in the image');
		expect(item.json.jobId).toBe(jobId);
		expect(String(item.json.errorDescription)).toContain(jobId as string);
	});

	it('over budget: the agent is told the estimates, nothing is created', async () => {
		const { workflow, inputItems } = swaps([30], { options: { maxCreditsPerRun: 10 } });
		workflow.nodes[1] = { ...workflow.nodes[1], ...asTool };
		const result = await run(mock, workflow, { inputItems });
		const [item] = result.output('Akool');
		expect(item.json.error).toContain('more than Max Credits per Run (10)');
		expect(item.json.errorDescription).toContain('item 0: 60 credits');
		expect(mock.apiRequests()).toHaveLength(0);
	});
});

/** An ISO BMFF box. */
const box = (type: string, payload: Buffer) => {
	const header = Buffer.alloc(8);
	header.writeUInt32BE(8 + payload.length, 0);
	header.write(type, 4, 'latin1');
	return Buffer.concat([header, payload]);
};

/**
 * A minimal MP4 of `seconds` (mvhd version 0, timescale 600), its `moov` after an `mdat` of
 * `mdatBytes` (as a camera writes it: the header at the end of the file).
 */
function mp4(seconds: number, mdatBytes: number): Buffer {
	const mvhd = Buffer.alloc(100);
	mvhd.writeUInt32BE(600, 12);
	mvhd.writeUInt32BE(Math.round(seconds * 600), 16);
	return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), box('mdat', Buffer.alloc(mdatBytes)), box('moov', box('mvhd', mvhd))]);
}

describe('lengths read from the media (Duration not set)', () => {
	const videoFile: INodeType = {
		description: {
			displayName: 'Video File', name: 'videoFile', group: ['transform'], version: 1, description: 'gives a stored MP4', defaults: { name: 'Video File' },
			inputs: ['main'], outputs: ['main'],
			properties: [{ displayName: 'Seconds', name: 'seconds', type: 'number', default: 12 }],
		},
		async execute(this: IExecuteFunctions) {
			const seconds = this.getNodeParameter('seconds', 0) as number;
			return [[{ json: {}, binary: { clip: await this.helpers.prepareBinaryData(mp4(seconds, 3_000_000), 'clip.mp4', 'video/mp4') }, pairedItem: { item: 0 } }]];
		},
	};
	const fromFile = (seconds: number, parameters: INodeParameters): Workflow => ({
		nodes: [
			{ id: 't', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'v', name: 'Video File', type: 'probe.videoFile', typeVersion: 1, position: [200, 0], parameters: { seconds } },
			{ id: 'a', name: 'Akool', type: AKOOL_TYPE, typeVersion: 1, position: [400, 0], parameters, credentials: { akoolApi: { id: '1', name: 'Akool account' } } },
		],
		connections: { Start: { main: [[{ node: 'Video File', type: 'main', index: 0 }]] }, 'Video File': { main: [[{ node: 'Akool', type: 'main', index: 0 }]] } },
	});
	const swapOf = (video: INodeParameters[string], parameters: INodeParameters = {}) =>
		withFastOptions({ resource: 'characterSwap', operation: 'create', imageUrl: 'https://example.com/hero.png', videoUrl: video, resolution: '720p', completion: 'estimate', ...parameters });

	it('a video file from the workflow (e.g. a form upload): its header gives the length, 12 s at 720p → 30 credits', async () => {
		const result = await run(mock, fromFile(12, swapOf({ __rl: true, mode: 'binary', value: 'clip' })), { nodeTypes: { 'probe.videoFile': videoFile } });
		expect(result.status).toBe('success');
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBe(30);
		expect(item.json.estimateBasis).toContain("12 s (read from the video's header) at 720p");
		expect(mock.apiRequests()).toHaveLength(0);
	});

	it("a URL on the sandbox's host (the Base URL's): read with range requests, only the header", async () => {
		// The sandbox's real sample video is 1.534 s long (ffprobe): one started 5 s block.
		const result = await run(mock, akoolWorkflow(swapOf(`${mock.url}/files/estimate-probe.mp4`)));
		const [item] = result.output('Akool');
		expect(item.json.estimatedCredits).toBe(10);
		expect(item.json.estimateBasis).toContain("1.5 s (read from the video's header)");
		const reads = mock.requests.filter((request) => request.path === '/files/estimate-probe.mp4');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((request) => /^bytes=\d+-\d+$/.test(String(request.headers.range)))).toBe(true);
	});

	it("a camera file with its header at the end, on the Base URL's host: a few ranges, not the whole file; a host the node may not fetch from is not read", async () => {
		const file = mp4(47, 5_000_000);
		const served: Array<{ range: string | undefined; bytes: number }> = [];
		// In front of the sandbox (the credential's Base URL): serves /camera.mp4 with ranges, forwards the rest.
		const server = createServer((req, res) => {
			if (req.url !== '/camera.mp4') {
				const upstream = httpRequest(`${mock.url}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(mock.url).host } }, (answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				});
				req.pipe(upstream);
				return;
			}
			const match = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
			const [start, end] = match ? [Number(match[1]), Math.min(Number(match[2]), file.length - 1)] : [0, file.length - 1];
			const body = file.subarray(start, end + 1);
			served.push({ range: req.headers.range, bytes: body.length });
			res.writeHead(match ? 206 : 200, { 'content-type': 'video/mp4', 'content-length': body.length, ...(match ? { 'content-range': `bytes ${start}-${end}/${file.length}` } : {}) });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			// Seen from the sandbox's credential, this host is another local address: not fetched, unknown.
			const refused = await run(mock, akoolWorkflow(swapOf(`${base}/camera.mp4`)));
			expect(refused.output('Akool')[0].json.estimatedCredits).toBeNull();
			expect(served).toHaveLength(0);

			const read = await run(mock, akoolWorkflow(swapOf(`${base}/camera.mp4`)), { baseUrl: `${base}/` });
			const [item] = read.output('Akool');
			// 47 s → 10 started blocks of 5 s × 10 credits.
			expect(item.json.estimatedCredits).toBe(100);
			expect(served.length).toBeLessThanOrEqual(3);
			expect(served.every((entry) => entry.range !== undefined)).toBe(true);
			expect(served.reduce((total, entry) => total + entry.bytes, 0)).toBeLessThan(200_000);
		} finally {
			server.close();
		}
	});
});
