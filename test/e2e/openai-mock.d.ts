/** Typings for ./openai-mock.js. */

/** One message of a chat-completions request (role 'system' | 'user' | 'assistant' | 'tool'). */
export interface ChatMessage {
	role: string;
	content?: string | Array<{ type?: string; text?: string }> | null;
	/** role 'assistant': the tool calls it made */
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	/** role 'tool': which call this is the output of */
	tool_call_id?: string;
	[key: string]: unknown;
}

/** A tool as offered in `tools[]`. */
export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: any; strict?: boolean };
}

/** What the script receives: the parsed `POST /chat/completions` body. */
export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	/** `[]` when the request offered no tools */
	tools: ChatTool[];
	stream: boolean;
	/** the whole body as sent */
	body: any;
}

export interface ScriptToolCall {
	/** the tool's name as given in `tools[].function.name` */
	name: string;
	/** an object (sent as JSON) or a JSON string */
	arguments?: Record<string, unknown> | string;
	/** default `call_mock_<n>_<k>` */
	id?: string;
}

/** A final answer (`text`), or tool calls (with an optional `text` next to them). */
export interface ScriptAnswer {
	text?: string;
	toolCall?: ScriptToolCall;
	toolCalls?: ScriptToolCall[];
}

export interface LoggedOpenAiRequest {
	method: string;
	/** as received, e.g. '/v1/chat/completions' */
	path: string;
	/** the Authorization header */
	authorization?: string;
	/** parsed JSON, the raw text when not JSON, undefined when empty */
	body: any;
	at: number;
	/** HTTP status answered */
	status: number;
	/** the JSON answered (for a stream: the completion its events carried) */
	response?: any;
}

export interface OpenAiMock {
	/** Base URL for the `openAiApi` credential: http://127.0.0.1:PORT/v1 */
	url: string;
	/** http://127.0.0.1:PORT */
	origin: string;
	port: number;
	/** every request received, in arrival order */
	requests: LoggedOpenAiRequest[];
	/** only the `POST …/chat/completions` ones */
	chatRequests(): LoggedOpenAiRequest[];
	setScript(script: (request: ChatRequest) => ScriptAnswer | Promise<ScriptAnswer>): void;
	/** Empties `requests` (the script stays). */
	reset(): void;
	close(): Promise<void>;
}

export function startOpenAiMock(options?: {
	/** default: answers the text 'OK' */
	script?: (request: ChatRequest) => ScriptAnswer | Promise<ScriptAnswer>;
	/** listed by GET /models; default ['gpt-4o-mini'] */
	models?: string[];
}): Promise<OpenAiMock>;

/** The text of a message: its string content, or the text parts of an array content. */
export function messageText(message: { content?: unknown } | undefined): string;
