import { createDecipheriv, createHash, timingSafeEqual } from 'crypto';

/**
 * Verifies and decrypts Akool callbacks (akool-api.md §5). Shared by the Akool Trigger and the
 * "Wait for Callback" completion mode. Never throws: every failure is a `{ ok: false }` result.
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

export const DEFAULT_REPLAY_WINDOW_MS = 5 * 60_000;

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
	const record = payload as Record<string, unknown>;
	const status = Number(record?.status);
	if (!record || typeof record !== 'object' || typeof record._id !== 'string' || !Number.isInteger(status)) {
		return fail('bad-payload', 'The decrypted callback has no _id or status');
	}
	return { ok: true, payload: { ...record, _id: record._id, status }, timestamp: timestampMs };
}
