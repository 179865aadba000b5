// @ts-check
/**
 * A scripted OpenAI-compatible chat model on 127.0.0.1 (a free port), for real-n8n tests of the
 * Akool node as an AI agent's tool. n8n's "OpenAI Chat Model" node (lmChatOpenAi, with "Use
 * Responses API" off) sends LangChain's `POST <Base URL>/chat/completions`; the editor's model
 * list asks `GET <Base URL>/models`. Both are answered with or without a `/v1` prefix, non-streaming
 * JSON or (`stream: true`) server-sent events. Anything else (e.g. the Responses API, `/responses`)
 * gets an OpenAI-style 404 and is logged too, so a test can see the node called something else.
 *
 * Per test a `script(request)` decides the answer from the parsed request (messages, tools):
 * `{ toolCall: { name, arguments } }` (or `toolCalls: [...]`) asks the agent to run tools,
 * `{ text }` is the final answer. Every request is logged with its body and the answer sent.
 * Point the `openAiApi` credential's Base URL (`url`) at `url` (it ends in `/v1`).
 * Types: ./openai-mock.d.ts.
 */
'use strict';

const http = require('node:http');

/** @typedef {import('./openai-mock').ChatRequest} ChatRequest */
/** @typedef {import('./openai-mock').ScriptAnswer} ScriptAnswer */
/** @typedef {import('./openai-mock').LoggedOpenAiRequest} LoggedOpenAiRequest */

const MAX_BODY = 5 * 1024 * 1024;

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** @param {string} message @param {string} type */
const openAiError = (message, type = 'invalid_request_error') => ({ error: { message, type, param: null, code: null } });

/** Rough token count (about 4 characters a token), only so that `usage` is plausible. */
const tokens = (/** @type {unknown} */ value) => Math.max(1, Math.ceil(JSON.stringify(value ?? '').length / 4));

/**
 * @param {{ script?: (request: ChatRequest) => ScriptAnswer | Promise<ScriptAnswer>, models?: string[] }} [options]
 * @returns {Promise<import('./openai-mock').OpenAiMock>}
 */
async function startOpenAiMock(options = {}) {
	/** @type {LoggedOpenAiRequest[]} */
	const requests = [];
	const models = options.models ?? ['gpt-4o-mini'];
	/** @type {(request: ChatRequest) => ScriptAnswer | Promise<ScriptAnswer>} */
	let script = options.script ?? (() => ({ text: 'OK' }));
	let calls = 0;

	/**
	 * @param {ChatRequest} request
	 * @param {ScriptAnswer} answer
	 */
	const completion = (request, answer) => {
		const n = ++calls;
		const toolCalls = (answer.toolCalls ?? (answer.toolCall ? [answer.toolCall] : [])).map((call, k) => ({
			id: call.id ?? `call_mock_${n}_${k}`,
			type: 'function',
			function: {
				name: call.name,
				arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
			},
		}));
		const message = {
			role: 'assistant',
			content: toolCalls.length && answer.text === undefined ? null : (answer.text ?? ''),
			...(toolCalls.length ? { tool_calls: toolCalls } : {}),
			refusal: null,
		};
		const usage = { prompt_tokens: tokens(request.messages), completion_tokens: tokens(message), total_tokens: 0 };
		usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
		return {
			id: `chatcmpl-mock-${n}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: request.model ?? models[0],
			choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
			usage,
		};
	};

	/** The same completion as server-sent `chat.completion.chunk` events. @param {http.ServerResponse} res @param {ReturnType<typeof completion>} done @param {boolean} withUsage */
	const stream = (res, done, withUsage) => {
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		const { message, finish_reason } = done.choices[0];
		/** @param {Record<string, unknown>} delta @param {string | null} finish @param {unknown} [usage] */
		const chunk = (delta, finish, usage) => {
			const event = {
				id: done.id,
				object: 'chat.completion.chunk',
				created: done.created,
				model: done.model,
				choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }],
				...(withUsage ? { usage: usage ?? null } : {}),
			};
			res.write(`data: ${JSON.stringify(event)}\n\n`);
		};
		chunk({ role: 'assistant', content: '' }, null);
		if (message.content) chunk({ content: message.content }, null);
		(message.tool_calls ?? []).forEach((call, index) => chunk({ tool_calls: [{ index, ...call }] }, null));
		chunk({}, finish_reason);
		if (withUsage) chunk({}, null, done.usage);
		res.end('data: [DONE]\n\n');
	};

	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const path = url.pathname.replace(/^\/v1(?=\/)/, '');
				const text = Buffer.concat(chunks).toString('utf8');
				/** @type {any} */
				let body;
				try {
					body = text ? JSON.parse(text) : undefined;
				} catch {
					body = text;
				}
				/** @type {LoggedOpenAiRequest} */
				const entry = {
					method: req.method ?? 'GET',
					path: url.pathname,
					authorization: typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined,
					body,
					at: Date.now(),
					status: 0,
				};
				requests.push(entry);
				/** @param {number} status @param {unknown} answer */
				const reply = (status, answer) => {
					entry.status = status;
					entry.response = answer;
					sendJson(res, status, answer);
				};
				if (size > MAX_BODY) return reply(413, openAiError('Request body too large'));
				if (req.method === 'GET' && path === '/models') {
					return reply(200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'openai-mock' })) });
				}
				if (req.method === 'GET' && path.startsWith('/models/')) {
					const id = decodeURIComponent(path.slice('/models/'.length));
					return models.includes(id)
						? reply(200, { id, object: 'model', created: 0, owned_by: 'openai-mock' })
						: reply(404, openAiError(`The model '${id}' does not exist`));
				}
				if (req.method !== 'POST' || path !== '/chat/completions') {
					return reply(404, openAiError(`openai-mock answers only POST /chat/completions and GET /models, not ${req.method} ${url.pathname}`));
				}
				if (!body || typeof body !== 'object' || !Array.isArray(body.messages)) {
					return reply(400, openAiError("'messages' is a required property"));
				}
				/** @type {ChatRequest} */
				const request = { model: body.model, messages: body.messages, tools: Array.isArray(body.tools) ? body.tools : [], stream: body.stream === true, body };
				let answer;
				try {
					answer = await script(request);
				} catch (error) {
					return reply(500, openAiError(`openai-mock script failed: ${error instanceof Error ? error.message : String(error)}`, 'server_error'));
				}
				const done = completion(request, answer);
				if (!request.stream) return reply(200, done);
				entry.status = 200;
				entry.response = done;
				stream(res, done, body.stream_options?.include_usage === true);
			})();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://127.0.0.1:${port}`;
	return {
		url: `${origin}/v1`,
		origin,
		port,
		requests,
		chatRequests: () => requests.filter((entry) => entry.method === 'POST' && /^(\/v1)?\/chat\/completions$/.test(entry.path)),
		setScript(next) {
			script = next;
		},
		reset() {
			requests.length = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

/** The text of a chat message (string content, or the text parts of an array). @param {{ content?: unknown } | undefined} message */
function messageText(message) {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '')).join('');
	return '';
}

module.exports = { startOpenAiMock, messageText };
