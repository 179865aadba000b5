// @ts-check
/**
 * The "hand-built" side of the benchmark: the workflows an n8n user builds from n8n-nodes-base nodes
 * (Webhook, Code, HTTP Request, Wait, If, No Operation) to do what the Akool node does.
 *
 * Each builder returns `{ name, nodes, connections }` for `n8n.createWorkflow(...)` of
 * test/e2e/n8n.js (see WorkflowInput in test/e2e/n8n.d.ts). Every node is left at its defaults except
 * what the job needs, as a user would leave it: no HTTP Request batching, no retries, no timeouts.
 * The Akool HTTP Request nodes authenticate with the package's own credential type through HTTP
 * Request's "Predefined Credential Type" (`akoolApi`: it sends the `x-api-key` header).
 *
 * Node versions are the newest n8n 2.41.1 offers: HTTP Request 4.5, Wait 1.1, If 2.3, Code 2,
 * No Operation 1; the Webhook is typeVersion 2 (as the e2e tests use; 2.1 exists too).
 *
 * `npm run bench` (bench/run.js) runs them in a real n8n against the mock Akool and checks their outputs.
 */
'use strict';

const { randomUUID } = require('node:crypto');

const CREATE_PATH = '/api/open/v4/image2Video/createBySourcePrompt';
const RESULTS_PATH = '/api/open/v4/image2Video/resultsByIds';

/** Newest typeVersions in n8n 2.41.1 (n8n-nodes-base/dist/nodes/<Node>). */
const VERSIONS = Object.freeze({ webhook: 2, code: 2, httpRequest: 4.5, wait: 1.1, if: 2.3, noOp: 1 });

/** @typedef {import('../test/e2e/n8n').WorkflowInput} WorkflowInput */
/** @typedef {import('../test/e2e/n8n').WorkflowNodeInput} WorkflowNodeInput */

/** @param {string} baseUrl */
function trimBase(baseUrl) {
	if (typeof baseUrl !== 'string' || baseUrl === '') throw new TypeError('baseUrl is required');
	return baseUrl.replace(/\/+$/, '');
}

/** @param {number} count */
function checkCount(count) {
	if (!Number.isInteger(count) || count < 1) throw new TypeError(`count must be a positive integer, got ${count}`);
	return count;
}

/** @param {string} path */
function webhookNode(path) {
	if (typeof path !== 'string' || path === '') throw new TypeError('path is required');
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: VERSIONS.webhook,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/**
 * Code node that turns the webhook call into `count` items, one per video to make
 * (Run Once for All Items, the default mode).
 * @param {number} count
 */
function makeItemsNode(count) {
	const jsCode = [
		`const count = ${checkCount(count)};`,
		'return Array.from({ length: count }, (_, i) => ({',
		'  json: {',
		'    index: i,',
		'    image_url: `https://example.com/photos/photo-${i}.jpg`,',
		'    prompt: `A slow camera push-in on the subject, take ${i}`,',
		'  },',
		'}));',
	].join('\n');
	return {
		name: 'Make Items',
		type: 'n8n-nodes-base.code',
		typeVersion: VERSIONS.code,
		parameters: { jsCode },
	};
}

/**
 * The Akool credential through HTTP Request's "Predefined Credential Type".
 * @param {string} credentialId
 */
function akoolAuth(credentialId) {
	if (typeof credentialId !== 'string' || credentialId === '') throw new TypeError('credentialId is required');
	return {
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: 'akoolApi' },
		credentials: { akoolApi: { id: credentialId } },
	};
}

/**
 * HTTP Request POST createBySourcePrompt, one request per input item. The mock is strict: all of
 * image_url, prompt, negative_prompt, resolution, audio_type (integer) and video_length (integer) are sent.
 * @param {string} baseUrl @param {string} credentialId
 * @returns {WorkflowNodeInput}
 */
function createNode(baseUrl, credentialId) {
	const auth = akoolAuth(credentialId);
	return {
		name: 'Create',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: VERSIONS.httpRequest,
		parameters: {
			method: 'POST',
			url: `${trimBase(baseUrl)}${CREATE_PATH}`,
			...auth.parameters,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ image_url: $json.image_url, prompt: $json.prompt, negative_prompt: "", ' +
				'resolution: "720p", audio_type: 3, video_length: 5 }) }}',
			options: {},
		},
		credentials: auth.credentials,
	};
}

/**
 * The classic "HTTP Request + Wait + IF" polling loop:
 *
 *   Webhook → Make Items (count) → Create → Wait (pollSeconds) → Poll → Done? ─true→ Download
 *                                            ↑                            └false→ Failed? ─true→ Failed (NoOp)
 *                                            └──────────────────────────────────────────────false┘
 *
 * Poll sends ONE id per request (`_ids` as a one-id string). Its item comes from Create the first
 * time (`data._id`) and from Poll's own answer on the later rounds (`data.result[0]._id`), so the
 * expression takes whichever is there. Done? = status 3, Failed? = status 4; 1/2 go back to Wait.
 *
 * @param {{ path: string, credentialId: string, baseUrl: string, pollSeconds: number, count: number, name?: string }} options
 * @returns {WorkflowInput}
 */
function pollLoopWorkflow({ path, credentialId, baseUrl, pollSeconds, count, name }) {
	if (!(typeof pollSeconds === 'number' && pollSeconds > 0)) throw new TypeError(`pollSeconds must be > 0, got ${pollSeconds}`);
	const auth = akoolAuth(credentialId);
	const statusIs = (/** @type {number} */ status, /** @type {string} */ id) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 3 },
			conditions: [
				{
					id,
					leftValue: '={{ $json.data.result[0].status }}',
					rightValue: status,
					operator: { type: 'number', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
	/** @type {WorkflowNodeInput[]} */
	const nodes = [
		{ ...webhookNode(path), position: [0, 0] },
		{ ...makeItemsNode(count), position: [220, 0] },
		{ ...createNode(baseUrl, credentialId), position: [440, 0] },
		{
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: VERSIONS.wait,
			webhookId: randomUUID(),
			parameters: { amount: pollSeconds, unit: 'seconds' },
			position: [660, 0],
		},
		{
			name: 'Poll',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: VERSIONS.httpRequest,
			parameters: {
				method: 'POST',
				url: `${trimBase(baseUrl)}${RESULTS_PATH}`,
				...auth.parameters,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ _ids: $json.data.result ? $json.data.result[0]._id : $json.data._id }) }}',
				options: {},
			},
			credentials: auth.credentials,
			position: [880, 0],
		},
		{ name: 'Done?', type: 'n8n-nodes-base.if', typeVersion: VERSIONS.if, parameters: statusIs(3, randomUUID()), position: [1100, 0] },
		{
			name: 'Download',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: VERSIONS.httpRequest,
			parameters: {
				url: '={{ $json.data.result[0].video_url }}',
				options: { response: { response: { responseFormat: 'file' } } },
			},
			position: [1320, -120],
		},
		{ name: 'Failed?', type: 'n8n-nodes-base.if', typeVersion: VERSIONS.if, parameters: statusIs(4, randomUUID()), position: [1320, 120] },
		{ name: 'Failed', type: 'n8n-nodes-base.noOp', typeVersion: VERSIONS.noOp, parameters: {}, position: [1540, 60] },
	];
	const to = (/** @type {string} */ node) => ({ node, type: 'main', index: 0 });
	return {
		name: name ?? `Hand-built poll loop (${count} × HTTP Request + Wait ${pollSeconds}s + IF)`,
		nodes,
		connections: {
			Webhook: { main: [[to('Make Items')]] },
			'Make Items': { main: [[to('Create')]] },
			Create: { main: [[to('Wait')]] },
			Wait: { main: [[to('Poll')]] },
			Poll: { main: [[to('Done?')]] },
			'Done?': { main: [[to('Download')], [to('Failed?')]] },
			'Failed?': { main: [[to('Failed')], [to('Wait')]] },
		},
	};
}

/**
 * Webhook → HTTP Request GET `url`, Response Format File, into the binary property `data`.
 * With `urls` instead: Webhook → URLs (a Code node, one item per URL) → HTTP Request GET
 * `{{ $json.url }}` for every item (the node sends all items' requests at once, then stores the
 * answers one after the other).
 * @param {{ path: string, url?: string, urls?: string[], name?: string }} options
 * @returns {WorkflowInput}
 */
function downloadWorkflow({ path, url, urls, name }) {
	const many = Array.isArray(urls);
	if (many ? urls.length === 0 : typeof url !== 'string' || url === '') throw new TypeError('url (or a non-empty urls) is required');
	const download = {
		name: 'Download',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: VERSIONS.httpRequest,
		parameters: {
			url: many ? '={{ $json.url }}' : url,
			options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } },
		},
		position: /** @type {[number, number]} */ ([many ? 440 : 220, 0]),
	};
	if (!many) {
		return {
			name: name ?? 'Hand-built download (HTTP Request, File)',
			nodes: [{ ...webhookNode(path), position: [0, 0] }, download],
			connections: { Webhook: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
		};
	}
	return {
		name: name ?? `Hand-built download of ${urls.length} files (HTTP Request, File)`,
		nodes: [
			{ ...webhookNode(path), position: [0, 0] },
			{
				name: 'URLs',
				type: 'n8n-nodes-base.code',
				typeVersion: VERSIONS.code,
				parameters: { jsCode: `return ${JSON.stringify(urls)}.map((url) => ({ json: { url } }));` },
				position: [220, 0],
			},
			download,
		],
		connections: {
			Webhook: { main: [[{ node: 'URLs', type: 'main', index: 0 }]] },
			URLs: { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * "Return immediately": Webhook → Make Items (count) → HTTP Request POST create, one per item.
 * @param {{ path: string, credentialId: string, baseUrl: string, count: number, name?: string }} options
 * @returns {WorkflowInput}
 */
function createWorkflow({ path, credentialId, baseUrl, count, name }) {
	return {
		name: name ?? `Hand-built create (${count} × HTTP Request)`,
		nodes: [
			{ ...webhookNode(path), position: [0, 0] },
			{ ...makeItemsNode(count), position: [220, 0] },
			{ ...createNode(baseUrl, credentialId), position: [440, 0] },
		],
		connections: {
			Webhook: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { pollLoopWorkflow, downloadWorkflow, createWorkflow, webhookNode, makeItemsNode, VERSIONS, CREATE_PATH, RESULTS_PATH };
