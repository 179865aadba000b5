import { createDecipheriv, createHash, timingSafeEqual } from 'crypto';
import type { IWebhookFunctions } from 'n8n-workflow';

import { akoolCredentials } from '../transport';

/**
 * Verifies and decrypts Akool callbacks (akool-api.md §5). Shared by the Akool Trigger and the
 * "Wait for Callback" completion mode. Never throws: every failure is a `{ ok: false }` result.
 *
 * Verification decides authenticity only (signature, decryption, payload shape). What a receiver
 * then does with a genuine callback (filter, dedupe, download under the egress rule) is its own
 * policy: a verified callback is never refused because of its result URL's host (R3).
 *
 * - signature = lower-hex SHA-1 of [clientId, timestamp, nonce, dataEncrypt] as strings,
 *   sorted and joined with no separator; compared in constant time;
 * - dataEncrypt = base64 AES-CBC (PKCS#7) with key = the API key's UTF-8 bytes (AES-128/192/256
 *   from its length 16/24/32; Akool documents 24) and IV = the first 16 bytes of the Client ID
 *   (zero-padded if shorter);
 * - `timestamp` / `nonce` arrive as numbers or strings (the docs show both): both accepted.
 */

export interface AkoolCallbackPayload {
	_id: string;
	status: number;
	type?: string;
	url?: string;
	[key: string]: unknown;
}

export type CallbackFailure =
	| 'not-json'
	| 'missing-fields'
	| 'too-large'
	| 'missing-client-id'
	| 'bad-signature'
	| 'stale'
	| 'bad-key'
	| 'decrypt-failed'
	| 'bad-payload';

export type CallbackResult =
	| { ok: true; payload: AkoolCallbackPayload; timestamp: number }
	| { ok: false; reason: CallbackFailure; message: string };

export interface CallbackSecrets {
	apiKey: string;
	clientId: string;
}

/** Off: Akool may re-deliver a callback long after its timestamp; duplicates are handled by dedupe. */
export const DEFAULT_REPLAY_WINDOW_MS = 0;

/** An Akool callback payload is ~200 bytes; anything far larger is refused before any crypto. */
export const MAX_DATA_ENCRYPT_LENGTH = 16 * 1024;

function fail(reason: CallbackFailure, message: string): CallbackResult {
	return { ok: false, reason, message };
}

function scalar(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

export function callbackSignature(clientId: string, timestamp: string, nonce: string, dataEncrypt: string): string {
	const joined = [clientId, timestamp, nonce, dataEncrypt].sort().join('');
	return createHash('sha1').update(joined, 'utf8').digest('hex');
}

function sameHex(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given.toLowerCase(), 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** AES-CBC decryption as Akool does it; undefined when the key or data is unusable. */
export function decryptCallbackData(dataEncrypt: string, apiKey: string, clientId: string): string | undefined {
	const key = Buffer.from(apiKey, 'utf8');
	if (![16, 24, 32].includes(key.length)) return undefined;
	const iv = Buffer.alloc(16);
	Buffer.from(clientId, 'utf8').copy(iv, 0, 0, 16);
	try {
		const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, iv);
		const data = Buffer.from(dataEncrypt, 'base64');
		return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

/**
 * @param body the request body, parsed (object) or raw (string/Buffer)
 * @param replayWindowMs reject callbacks whose timestamp is further than this from now; 0 = off
 */
export function verifyAkoolCallback(
	body: unknown,
	secrets: CallbackSecrets,
	replayWindowMs = DEFAULT_REPLAY_WINDOW_MS,
	now = Date.now(),
): CallbackResult {
	let envelope = body;
	if (Buffer.isBuffer(envelope)) envelope = envelope.toString('utf8');
	if (typeof envelope === 'string') {
		try {
			envelope = JSON.parse(envelope);
		} catch {
			return fail('not-json', 'The callback body is not JSON');
		}
	}
	if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope)) {
		return fail('not-json', 'The callback body is not a JSON object');
	}
	const fields = envelope as Record<string, unknown>;
	const signature = scalar(fields.signature);
	const dataEncrypt = scalar(fields.dataEncrypt);
	const timestamp = scalar(fields.timestamp);
	const nonce = scalar(fields.nonce);
	if (!signature || !dataEncrypt || !timestamp || !nonce) {
		return fail('missing-fields', 'The callback lacks signature, dataEncrypt, timestamp or nonce');
	}
	if (dataEncrypt.length > MAX_DATA_ENCRYPT_LENGTH || timestamp.length > 32 || nonce.length > 64) {
		return fail('too-large', 'The callback is larger than any Akool callback');
	}
	if (!/^[0-9a-fA-F]{40}$/.test(signature)) {
		return fail('bad-signature', 'The callback signature is not a SHA-1 hex digest');
	}
	if (!secrets.clientId) {
		return fail('missing-client-id', 'The Akool credential has no Client ID, so callbacks cannot be verified');
	}
	if (!sameHex(callbackSignature(secrets.clientId, timestamp, nonce, dataEncrypt), signature)) {
		return fail('bad-signature', 'The callback signature does not match this Client ID');
	}
	let timestampMs = Number(timestamp);
	// Akool sends milliseconds; a seconds value is accepted too rather than rejected as ancient.
	if (Number.isFinite(timestampMs) && timestampMs < 1e11) timestampMs *= 1000;
	if (replayWindowMs > 0 && (!Number.isFinite(timestampMs) || Math.abs(now - timestampMs) > replayWindowMs)) {
		return fail('stale', 'The callback timestamp is outside the replay window');
	}
	if (![16, 24, 32].includes(Buffer.byteLength(secrets.apiKey ?? '', 'utf8'))) {
		return fail('bad-key', 'The API key must be 16, 24 or 32 characters to decrypt Akool callbacks');
	}
	const plaintext = decryptCallbackData(dataEncrypt, secrets.apiKey, secrets.clientId);
	if (plaintext === undefined) {
		return fail('decrypt-failed', 'The callback could not be decrypted with this API key and Client ID');
	}
	let payload: unknown;
	try {
		payload = JSON.parse(plaintext);
	} catch {
		return fail('bad-payload', 'The decrypted callback is not JSON');
	}
	// Validated strictly before anything runs or downloads: Akool ids are 24 hex characters,
	// statuses 1-4, and the url (when present) a string. Its host is a download question, checked
	// by the egress rule when (and only when) a receiver downloads it.
	const record = payload as Record<string, unknown>;
	if (!record || typeof record !== 'object' || Array.isArray(record)) {
		return fail('bad-payload', 'The decrypted callback is not an object');
	}
	const status = record.status;
	if (typeof record._id !== 'string' || !/^[0-9a-f]{24}$/i.test(record._id)) {
		return fail('bad-payload', 'The decrypted callback has no valid _id');
	}
	if (typeof status !== 'number' || !Number.isInteger(status) || status < 1 || status > 4) {
		return fail('bad-payload', 'The decrypted callback has no valid status');
	}
	// AES-CBC has no integrity check: a tampered block decrypts to 16 random bytes. Akool's keys
	// are plain identifiers and its url/type values printable ASCII (URLs are percent-encoded),
	// which random bytes almost never are.
	if (Object.keys(record).some((key) => !/^[A-Za-z0-9_]{1,64}$/.test(key))) {
		return fail('bad-payload', 'The decrypted callback has an unexpected field name');
	}
	for (const field of ['url', 'type'] as const) {
		const value = record[field];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string' || !/^[\x21-\x7e ]*$/.test(value)) {
			return fail('bad-payload', `The decrypted callback has an invalid ${field}`);
		}
	}
	return { ok: true, payload: { ...record, _id: record._id, status }, timestamp: timestampMs };
}

/** The one answer to every rejected callback, whatever the reason (no oracle; the reason goes to the debug log). */
export const CALLBACK_REJECTED = { status: 401, body: { error: 'Invalid callback' } } as const;

/**
 * Verifies, decrypts and validates the callback of a webhook request (the trigger's and the
 * resume URL's). Returns the payload of a genuine callback, or answers CALLBACK_REJECTED and
 * returns undefined: a bad signature, a tampered or foreign ciphertext, a malformed payload and an
 * oversized body all look the same from outside. No download options: the result URL's host is
 * not part of authenticity (the egress rule applies when a receiver downloads).
 */
export async function receiveCallback(
	this: IWebhookFunctions,
	options: { replayWindowMs: number },
): Promise<AkoolCallbackPayload | undefined> {
	let reason: string;
	try {
		const credentials = await akoolCredentials.call(this);
		const result = verifyAkoolCallback(
			this.getBodyData(),
			{ apiKey: String(credentials.apiKey ?? ''), clientId: String(credentials.clientId ?? '') },
			options.replayWindowMs,
		);
		if (result.ok) return result.payload;
		reason = result.message;
	} catch (error) {
		reason = (error as Error).message;
	}
	this.logger.debug(`Akool callback rejected: ${reason}`, { node: this.getNode().name });
	this.getResponseObject().status(CALLBACK_REJECTED.status).json(CALLBACK_REJECTED.body);
	return undefined;
}
