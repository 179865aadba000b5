/**
 * The Akool node as an AI agent's tool in a real n8n (2.41 by default, the 1.x line with
 * N8N_E2E_HOST=1.x): n8n's own AI Agent with its OpenAI Chat Model node, whose Base URL points at a
 * scripted OpenAI-compatible server (openai-mock.js), and the Akool Tool (the `akoolTool` type n8n
 * generates for `usableAsTool` nodes) on the agent's tool input, against the Akool sandbox.
 * Webhook (response: last node) → AI Agent ← OpenAI Chat Model, Akool Talking Photo (tool).
 */
import { randomUUID } from 'node:crypto';

import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { N8N_MAJOR, startN8n } from './n8n';
import type { Execution, N8n } from './n8n';
import { messageText, startOpenAiMock } from './openai-mock';
import { sandboxCredential } from './workflows';
import type { ChatRequest, LoggedOpenAiRequest, OpenAiMock, ScriptAnswer } from './openai-mock';

const AGENT = '@n8n/n8n-nodes-langchain.agent';
const CHAT_MODEL = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
const AKOOL_TOOL = 'n8n-nodes-akool.akoolTool';
const TOOL_NODE = 'Akool Talking Photo';
const TALKING_PHOTO_CREATE = '/api/open/v3/content/video/createbytalkingphoto';
const OPENAI_KEY = 'sk-dummy-agent-e2e';
/** What the mock's GET /models lists; the chat model node asks for the first. */
const MODELS = ['gpt-4o-mini', 'mock-model-for-the-list'];

/**
 * A failing tool: n8n 2.x would hand the agent only the error's message, and n8n 1.x would fail the
 * whole execution (a tool node's On Error defaults to "Stop Workflow"). The Akool tool answers with
 * its error as an item instead ({error, errorDescription, jobId}), so on both lines the agent hears
 * the reason, the hint and the job id, and the execution goes on. The workflows keep n8n's default On Error.
 */

let akool: MockAkool;
let openai: OpenAiMock;
let n8n: N8n;
let akoolCredentialId: string;
let openAiCredentialId: string;
let main: AgentWorkflow;

interface AgentWorkflow {
	id: string;
	path: string;
}

/**
 * An active workflow: Webhook (POST /webhook/<path>, answering with the last node's output, or
 * streaming) → AI Agent (prompt: the body's `prompt`) with the OpenAI Chat Model and the Akool
 * Talking Photo tool, whose photo and audio URLs come from the model through $fromAI.
 */
async function agentWorkflow(name: string, settings: { streaming?: boolean } = {}): Promise<AgentWorkflow> {
	const path = `agent-${randomUUID()}`;
	const workflow = await n8n.createWorkflow({
		name,
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: settings.streaming ? 'streaming' : 'lastNode' },
			},
			{
				name: 'AI Agent',
				type: AGENT,
				// The version a new AI Agent node gets on each line (2.41: 3.1, 1.123: 3).
				typeVersion: N8N_MAJOR >= 2 ? 3.1 : 3,
				// "Enable Streaming" is on by default; it streams only when the trigger does.
				parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
			},
			{
				name: 'OpenAI Chat Model',
				type: CHAT_MODEL,
				typeVersion: 1.3,
				parameters: {
					model: { __rl: true, mode: 'id', value: MODELS[0] },
					// Chat Completions (POST /chat/completions), what OpenAI-compatible servers offer.
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: { id: openAiCredentialId } },
			},
			{
				name: TOOL_NODE,
				type: AKOOL_TOOL,
				typeVersion: 1,
				parameters: {
					resource: 'talkingPhoto',
					operation: 'create',
					photoUrl: { __rl: true, mode: 'url', value: "={{ $fromAI('photo_url', 'Public URL of the photo of the person who will talk', 'string') }}" },
					audioUrl: { __rl: true, mode: 'url', value: "={{ $fromAI('audio_url', 'Public URL of the speech audio', 'string') }}" },
					completion: 'poll',
					returnAs: 'url',
					options: { pollIntervalSeconds: 0.3 },
				},
				credentials: { akoolApi: { id: akoolCredentialId } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[TOOL_NODE]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	});
	await n8n.activate(workflow.id);
	return { id: workflow.id as string, path };
}

beforeAll(async () => {
	akool = await startMockAkool({ jobDurationMs: 1_000 });
	openai = await startOpenAiMock({ models: MODELS });
	n8n = await startN8n();
	akoolCredentialId = await sandboxCredential(n8n, akool);
	openAiCredentialId = (
		await n8n.createCredential({
			name: 'OpenAI mock',
			type: 'openAiApi',
			data: { apiKey: OPENAI_KEY, url: openai.url, header: false },
		})
	).id;
	main = await agentWorkflow('Agent with the Akool tool');
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await openai?.close();
	await akool?.close();
});

/** The sandbox's jobs before the test: a test looks only at the jobs it made. */
let knownJobs = new Set<string>();
const newJobs = () => [...akool.jobs.values()].filter((job) => !knownJobs.has(job._id));

beforeEach(() => {
	knownJobs = new Set(akool.jobs.keys());
	akool.clearLog();
	akool.clearNextJobs();
	akool.clearFaults();
	openai.reset();
});

/** Sample media the sandbox serves (any /files/ name is served), as a user would paste them. */
const photoUrl = () => `${akool.url}/files/agent-portrait.jpg`;
const audioUrl = () => `${akool.url}/files/agent-speech.mp3`;

const urlsIn = (text: string) => text.match(/https?:\/\/[^\s"']+/g) ?? [];

/**
 * The model a user would hope for: on the user's request it calls the Akool tool (found by name in
 * `tools[]`) with the photo and audio URLs of the prompt; once the tool has answered it quotes the
 * result URL, or the error, from the tool's output.
 */
function talkingPhotoModel(request: ChatRequest): ScriptAnswer {
	const last = request.messages[request.messages.length - 1];
	if (last.role !== 'tool') {
		const prompt = messageText(request.messages.filter((message) => message.role === 'user').pop());
		const tool = request.tools.find((candidate) => /akool/i.test(candidate.function.name));
		if (!tool) return { text: `No Akool tool among: ${request.tools.map((candidate) => candidate.function.name).join(', ')}` };
		const urls = urlsIn(prompt);
		return {
			toolCall: {
				name: tool.function.name,
				arguments: { photo_url: urls.find((url) => /\.(jpe?g|png)$/.test(url)), audio_url: urls.find((url) => /\.(mp3|wav)$/.test(url)) },
			},
		};
	}
	let output: unknown;
	try {
		output = JSON.parse(messageText(last));
	} catch {
		return { text: `The tool answered: ${messageText(last)}` };
	}
	const first = (Array.isArray(output) ? output[0] : output) as Record<string, unknown> | undefined;
	if (first && typeof first.resultUrl === 'string' && first.resultUrl) return { text: `Here is your video: ${first.resultUrl}` };
	return { text: `Sorry, the video could not be made: ${String(first?.error ?? messageText(last))}` };
}

async function askAgent(prompt: string, workflow: AgentWorkflow = main) {
	const before = new Set((await n8n.executions(workflow.id)).map((execution) => execution.id));
	const response = await n8n.postWebhook(n8n.webhookUrl(workflow.path), { prompt });
	const list = await n8n.waitForExecutions(workflow.id, (all) => all.some((e) => !before.has(e.id) && e.status !== 'running' && e.status !== 'new'), 60_000);
	const execution = await n8n.execution(list.find((e) => !before.has(e.id))!.id);
	return { response, execution };
}

/** The agent's final `output` (its only output item). */
function agentOutput(execution: Execution): string {
	const runs = execution.data!.resultData.runData['AI Agent'];
	return String(runs?.[runs.length - 1]?.data?.main[0]?.[0]?.json.output ?? '');
}

/** The tool message the model received in its second request, and the JSON in it. */
function toolMessage(second: LoggedOpenAiRequest, firstAnswer: LoggedOpenAiRequest) {
	const messages = second.body.messages as Array<{ role: string; content: unknown; tool_call_id?: string }>;
	const tool = messages.filter((message) => message.role === 'tool');
	expect(tool).toHaveLength(1);
	const call = firstAnswer.response.choices[0].message.tool_calls[0];
	expect(tool[0].tool_call_id).toBe(call.id);
	const text = messageText(tool[0]);
	return { text, json: JSON.parse(text) as unknown };
}

const talkingPhotoPrompt = () => `Make this photo talk with this audio: ${photoUrl()} ${audioUrl()}`;

/** Akool got exactly one create, with the URLs of the prompt (through $fromAI): its job. */
function theOneTalkingPhotoJob() {
	const creates = akool.apiRequests(TALKING_PHOTO_CREATE);
	expect(creates).toHaveLength(1);
	expect(creates[0].body).toMatchObject({ talking_photo_url: photoUrl(), audio_url: audioUrl() });
	const jobs = newJobs();
	expect(jobs).toHaveLength(1);
	expect(jobs[0].body).toEqual(creates[0].body);
	return jobs[0];
}

describe('the Akool node as an AI agent tool (AI Agent + OpenAI Chat Model + Akool Tool)', () => {
	it('the agent calls the tool, which makes the talking photo and gives the result URL back; the agent answers with it', async () => {
		openai.setScript(talkingPhotoModel);
		const { response, execution } = await askAgent(talkingPhotoPrompt());
		expect(execution.status).toBe('success');

		const job = theOneTalkingPhotoJob();
		const jobId = job._id;
		expect(job.status).toBe(3);
		const resultUrl = akool.resultUrl(jobId);

		// The model was asked twice: with the tool offered, then with the tool's output.
		const chats = openai.chatRequests();
		expect(openai.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1/chat/completions', 'POST /v1/chat/completions']);
		expect(chats.every((entry) => entry.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
		const [first, second] = chats;
		const tools = first.body.tools as Array<{ type: string; function: { name: string; description: string; parameters: any } }>;
		expect(tools.map((tool) => tool.function.name)).toEqual(['Akool_Talking_Photo']);
		expect(tools[0].type).toBe('function');
		// The description written for a model (the operation's own tool Description): what it needs and returns.
		const description = tools[0].function.description;
		expect(description).toMatch(/^Create a talking photo video \(Akool\): /);
		expect(description).toContain('Needs: Photo');
		expect(description).toContain('resultUrl');
		expect(description).toContain('estimatedCredits');
		expect(description).toContain('at most 10 minutes');
		expect(messageText((first.body.messages as Array<{ role: string; content?: unknown }>).find((message) => message.role === 'user'))).toContain(photoUrl());

		const output = toolMessage(second, first);
		expect(output.text).toContain(jobId);
		expect(output.text).toContain(resultUrl);
		expect(output.json).toEqual([expect.objectContaining({ jobId, resultUrl, status: 3 })]);
		// The cost, and not Akool's whole record: Akool publishes no talking photo price (unknown), the charge is its deduction_credit.
		const [answer] = output.json as Array<Record<string, unknown>>;
		expect(answer.estimatedCredits).toBeNull();
		expect(String(answer.estimateBasis)).toMatch(/^unknown: /);
		expect(answer.chargedCredits).toBe(job.record.deduction_credit);
		expect(typeof answer.chargedCredits).toBe('number');
		expect(answer).not.toHaveProperty('job');

		// The final answer, as the webhook's caller and the execution show it.
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ output: `Here is your video: ${resultUrl}` });
		expect(agentOutput(execution)).toBe(`Here is your video: ${resultUrl}`);
		// The tool ran as a node of the execution (its run is in the execution's data).
		expect(execution.data!.resultData.runData[TOOL_NODE]?.length).toBe(1);
		// The result itself is at that URL.
		expect((await fetch(resultUrl)).headers.get('content-type')).toBe('video/mp4');
	}, 60_000);

	it("offers the tool with its $fromAI parameters (photo_url, audio_url) as a JSON schema; a model that does not call it costs nothing at Akool", async () => {
		openai.setScript(() => ({ text: 'I can make a talking photo once you send a photo and an audio link.' }));
		const { response, execution } = await askAgent('What can you do?');
		expect(execution.status).toBe('success');
		expect(response.body).toEqual({ output: 'I can make a talking photo once you send a photo and an audio link.' });
		const [request] = openai.chatRequests();
		expect(openai.chatRequests()).toHaveLength(1);
		const [tool] = request.body.tools as Array<{ function: { name: string; parameters: any } }>;
		const schema = tool.function.parameters;
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties).sort()).toEqual(['audio_url', 'photo_url']);
		expect(schema.properties.photo_url).toMatchObject({ type: 'string', description: 'Public URL of the photo of the person who will talk' });
		expect(schema.properties.audio_url).toMatchObject({ type: 'string', description: 'Public URL of the speech audio' });
		expect([...(schema.required as string[])].sort()).toEqual(['audio_url', 'photo_url']);
		expect(akool.apiRequests()).toHaveLength(0);
	}, 60_000);

	it('a job that fails at Akool (status 4): the tool gives the model the error with the job ID, and the agent still answers', async () => {
		const reason = 'No face could be found in the photo';
		akool.nextJobs({ fail: true, failReason: reason });
		openai.setScript(talkingPhotoModel);
		const { response, execution } = await askAgent(talkingPhotoPrompt());
		expect(execution.status).toBe('success');

		const job = theOneTalkingPhotoJob();
		expect(job.status).toBe(4);

		const [first, second] = openai.chatRequests();
		expect(openai.chatRequests()).toHaveLength(2);
		const output = toolMessage(second, first);
		expect(output.text).toContain(reason);
		expect(output.json).toEqual([expect.objectContaining({ jobId: job._id, error: expect.stringContaining(reason) })]);
		expect(output.text).not.toContain('/files/');

		const answer = agentOutput(execution);
		expect(answer.startsWith('Sorry, the video could not be made: ')).toBe(true);
		expect(answer).toContain(reason);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ output: answer });
	}, 60_000);

	it('a create Akool refuses (code 1006, no credit left): the tool gives the model the reason, no job exists, and the agent still answers', async () => {
		const credit = akool.credit;
		akool.setOptions({ credit: 0 });
		try {
			openai.setScript(talkingPhotoModel);
			const { response, execution } = await askAgent(talkingPhotoPrompt());
			expect(execution.status).toBe('success');

			const creates = akool.apiRequests(TALKING_PHOTO_CREATE);
			expect(creates).toHaveLength(1);
			expect(creates[0].code).toBe(1006);
			expect(newJobs()).toHaveLength(0);

			const [first, second] = openai.chatRequests();
			expect(openai.chatRequests()).toHaveLength(2);
			const output = toolMessage(second, first);
			expect(output.text).toContain('1006');
			expect(output.text).toMatch(/quota|credit/i);
			// The hint too (n8n alone would give the model only the message).
			expect(output.json).toEqual([expect.objectContaining({ errorDescription: expect.stringContaining('Top up credits') })]);

			const answer = agentOutput(execution);
			expect(answer).toContain('1006');
			expect(response.body).toEqual({ output: answer });
		} finally {
			akool.setOptions({ credit });
		}
	}, 60_000);

	it('with a streaming webhook the model is asked with stream: true (server-sent events) and the tool works the same', async () => {
		const streamed = await agentWorkflow('Agent with the Akool tool, streaming', { streaming: true });
		openai.setScript(talkingPhotoModel);
		const { response, execution } = await askAgent(talkingPhotoPrompt(), streamed);
		expect(execution.status).toBe('success');

		const job = theOneTalkingPhotoJob();
		const resultUrl = akool.resultUrl(job._id);

		const chats = openai.chatRequests();
		expect(chats.map((entry) => entry.body.stream)).toEqual([true, true]);
		const output = toolMessage(chats[1], chats[0]);
		expect(output.json).toEqual([expect.objectContaining({ jobId: job._id, resultUrl })]);

		// n8n streams the agent's answer to the caller as JSON lines; their "item" parts are the answer.
		const parts = response.text
			.split('\n')
			.filter((line) => line.trim())
			.map((line) => JSON.parse(line) as { type: string; content?: string });
		expect(parts.filter((part) => part.type === 'item').map((part) => part.content).join('')).toBe(`Here is your video: ${resultUrl}`);
		expect(agentOutput(execution)).toBe(`Here is your video: ${resultUrl}`);
	}, 60_000);

	it("the OpenAI credential's test and the chat model's model list (the editor's) ask the mock's GET /v1/models", async () => {
		const credential = { id: openAiCredentialId, name: 'OpenAI mock', type: 'openAiApi', data: { apiKey: OPENAI_KEY, url: openai.url, header: false } };
		expect(await n8n.rest('POST', '/credentials/test', { credentials: credential })).toMatchObject({ status: 'OK' });
		const list = (await n8n.rest('POST', '/dynamic-node-parameters/resource-locator-results', {
			path: 'parameters.model',
			methodName: 'searchModels',
			nodeTypeAndVersion: { name: CHAT_MODEL, version: 1.3 },
			currentNodeParameters: { model: { __rl: true, mode: 'list', value: '' }, responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: { id: openAiCredentialId, name: 'OpenAI mock' } },
		})) as { results: Array<{ name: string; value: string }> };
		expect(list.results.map((model) => model.value).sort()).toEqual([...MODELS].sort());
		expect(openai.requests.map((entry) => `${entry.method} ${entry.path} ${entry.authorization}`)).toEqual([
			`GET /v1/models Bearer ${OPENAI_KEY}`,
			`GET /v1/models Bearer ${OPENAI_KEY}`,
		]);
		expect(openai.chatRequests()).toHaveLength(0);
	});
});
