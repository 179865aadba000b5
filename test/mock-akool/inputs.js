// @ts-check
'use strict';

/**
 * Input files: Akool downloads the media a create names by URL when the job starts (akool-api.md §8.4:
 * "Every media input is a public http(s) URL"), and a URL it cannot read fails the job. The sandbox does
 * the same for the URLs the option `fetchInputs` selects (jobs.js JobEngine.startInputFetches):
 *   'signed' (default) only n8n's signed binary-data URLs (`…/binary-data/signed?token=<JWT>`, what
 *            `this.helpers.createBinarySignedUrl` gives a node), so a test proves Akool could read them;
 *   'all'    every http(s) URL of the body;
 *   'none'   nothing.
 * Every download is logged (`mock.inputFetches`) with the query values redacted: a signed URL's token is a
 * credential for that file and never enters the log.
 */

const { createHash } = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

/** @typedef {'signed' | 'all' | 'none'} FetchInputsMode */
/**
 * One download of an input URL (the log `mock.inputFetches`, appended when the download has ended).
 * @typedef {{ jobId: string, path: string, url: string, host: string, status: number | null, bytes: number, sha256: string, contentType: string | null, error?: string, at: number, doneAt: number }} InputFetch
 */

const FETCH_INPUTS_MODES = /** @type {const} */ (['signed', 'all', 'none']);
/** The webhook fields are where Akool calls back, not inputs. */
const WEBHOOK_FIELDS = new Set(['webhookUrl', 'webhookurl']);
/** Redirect hops followed (a CDN or storage link may redirect once or twice). */
const MAX_REDIRECTS = 5;

/**
 * Every http(s) URL among the string values of a create body, at any depth, with its field path
 * (`talking_photo_url`, `elements[2].url`, `sourceImage[0].path`); the webhook fields are left out.
 * @param {unknown} value @param {string} [path]
 * @param {Array<{ path: string, url: string }>} [out]
 */
function inputUrls(value, path = '', out = []) {
	if (typeof value === 'string') {
		if (/^https?:\/\//i.test(value) && URL.canParse(value)) out.push({ path, url: value });
	} else if (Array.isArray(value)) {
		value.forEach((item, index) => inputUrls(item, `${path}[${index}]`, out));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			if (!WEBHOOK_FIELDS.has(key)) inputUrls(item, path ? `${path}.${key}` : key, out);
		}
	}
	return out;
}

/**
 * n8n's signed binary-data URL: `${restApiUrl}/binary-data/signed?token=<JWT>` (n8n-core
 * createBinarySignedUrl; n8n's BinaryDataController.getSigned answers it without a login).
 * @param {string} url
 */
function isSignedBinaryUrl(url) {
	if (!URL.canParse(url)) return false;
	const target = new URL(url);
	return target.pathname.endsWith('/binary-data/signed') && (target.searchParams.get('token') ?? '') !== '';
}

/**
 * The URL as logged: no user info, no fragment, every query value replaced by `…` (a signed URL's
 * token, a storage link's signature), the parameter names kept.
 * @param {string} url
 */
function redactUrl(url) {
	const target = new URL(url);
	const query = target.search === '' ? '' : `?${target.search.slice(1).split('&').map((pair) => `${pair.split('=')[0]}=…`).join('&')}`;
	return `${target.protocol}//${target.host}${target.pathname}${query}`;
}

/**
 * An error's message; Node's own errors may come from another realm (e.g. under jest), so no instanceof.
 * @param {unknown} error
 */
function errorMessage(error) {
	const { message, name } = /** @type {{ message?: unknown, name?: unknown }} */ (typeof error === 'object' && error !== null ? error : {});
	return typeof message === 'string' && message !== '' ? message : typeof name === 'string' ? name : String(error);
}

/**
 * GETs `url` (following up to MAX_REDIRECTS redirects) and hashes what it answers, within `timeoutMs`
 * for the whole download. Never rejects: a connection error, a timeout, a body cut short or a non-2xx
 * answer is given as `error` ('HTTP 404 Not Found', 'connect ECONNREFUSED 127.0.0.1:9',
 * 'timed out after 10000 ms', …); `status`, `bytes`, `sha256` and `contentType` describe what arrived
 * (a non-2xx body too). The request is in `active` while it runs (JobEngine.close destroys those).
 * @param {string} url @param {number} timeoutMs @param {Set<http.ClientRequest>} active
 * @returns {Promise<{ status: number | null, bytes: number, sha256: string, contentType: string | null, error?: string }>}
 */
function fetchInput(url, timeoutMs, active) {
	return new Promise((resolve) => {
		const hash = createHash('sha256');
		let bytes = 0;
		/** @type {number | null} */
		let status = null;
		/** @type {string | null} */
		let contentType = null;
		let settled = false;
		let timedOut = false;
		/** @type {http.ClientRequest | undefined} */
		let current;
		/** @param {unknown} [error] */
		const done = (error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			const message = error === undefined ? undefined : timedOut ? `timed out after ${timeoutMs} ms` : errorMessage(error);
			resolve({ status, bytes, sha256: hash.digest('hex'), contentType, ...(message !== undefined ? { error: message } : {}) });
		};
		const timer = setTimeout(() => {
			timedOut = true;
			current?.destroy();
			done(new Error('timeout'));
		}, timeoutMs);
		timer.unref(); // never what keeps a process alive (the request itself does while it runs)
		/** @param {URL} target @param {number} hops */
		const get = (target, hops) => {
			const transport = target.protocol === 'https:' ? https : http;
			const req = transport.get(target, { agent: false, headers: { 'user-agent': 'akool-mock-input-fetch/1.0', accept: '*/*' } }, (res) => {
				const code = res.statusCode ?? 0;
				const location = res.headers.location;
				if (code >= 300 && code < 400 && location) {
					res.resume();
					if (hops >= MAX_REDIRECTS) return done(new Error(`more than ${MAX_REDIRECTS} redirects`));
					if (!URL.canParse(location, target)) return done(new Error('redirect to an invalid URL'));
					const next = new URL(location, target);
					if (next.protocol !== 'http:' && next.protocol !== 'https:') return done(new Error(`redirect to a ${next.protocol} URL`));
					return get(next, hops + 1);
				}
				status = code;
				contentType = res.headers['content-type'] ?? null;
				res.on('data', (/** @type {Buffer} */ chunk) => {
					bytes += chunk.length;
					hash.update(chunk);
				});
				res.on('end', () => done(code >= 200 && code < 300 ? undefined : new Error(`HTTP ${code}${res.statusMessage ? ` ${res.statusMessage}` : ''}`)));
				// a body cut short: Node says 'aborted' (res error) or just closes
				const cut = () => done(new Error('the connection closed before the end of the file'));
				res.on('error', (error) => (res.complete ? done(error) : cut()));
				res.on('close', () => {
					if (!res.complete) cut();
				});
			});
			current = req;
			active.add(req);
			req.on('close', () => active.delete(req));
			req.on('error', done);
		};
		get(new URL(url), 0);
	});
}

module.exports = { FETCH_INPUTS_MODES, inputUrls, isSignedBinaryUrl, redactUrl, fetchInput };
