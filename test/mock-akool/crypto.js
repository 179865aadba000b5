// @ts-check
'use strict';

/**
 * Akool callback crypto (akool-api.md §5) and the deterministic bytes served at /files/<name>.
 *
 * Written independently of the node code on purpose: this file is the test oracle.
 * - dataEncrypt: AES-CBC, key = UTF-8 bytes of the API key (clientSecret); AES-128/192/256 is
 *   chosen from the key length (16/24/32 bytes); IV = first 16 bytes of the clientId (UTF-8),
 *   zero-padded when shorter; PKCS#7 padding; base64 output.
 * - signature: lower-hex SHA-1 of [clientId, timestamp, nonce, dataEncrypt] (all as strings)
 *   sorted lexicographically and joined without a separator.
 * - file bytes: AES-256-CTR keystream (i.e. encryption of zero bytes) with
 *   key = SHA-256("akool-mock-file:" + name) and a zero IV. Deterministic, cheap to stream
 *   at any size, and recomputable with fileBytes().
 */

const crypto = require('node:crypto');
const { Readable } = require('node:stream');

/**
 * @param {string} apiKey
 * @param {string} clientId
 */
function aesParams(apiKey, clientId) {
	const key = Buffer.from(apiKey, 'utf8');
	if (![16, 24, 32].includes(key.length)) {
		throw new Error(`Akool mock: the API key must be 16, 24 or 32 bytes for AES (got ${key.length})`);
	}
	const iv = Buffer.alloc(16);
	Buffer.from(clientId, 'utf8').copy(iv, 0, 0, 16);
	return { algorithm: `aes-${key.length * 8}-cbc`, key, iv };
}

/**
 * Encrypts a callback payload the way Akool does and returns the base64 `dataEncrypt`.
 * Objects are serialised with JSON.stringify (compact, key order preserved).
 * @param {unknown} payload object or already-serialised string
 * @param {string} apiKey
 * @param {string} clientId
 */
function encryptCallback(payload, apiKey, clientId) {
	const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
	const { algorithm, key, iv } = aesParams(apiKey, clientId);
	const cipher = crypto.createCipheriv(algorithm, key, iv);
	return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * Inverse of encryptCallback; returns the plaintext string.
 * @param {string} dataEncrypt
 * @param {string} apiKey
 * @param {string} clientId
 */
function decryptCallback(dataEncrypt, apiKey, clientId) {
	const { algorithm, key, iv } = aesParams(apiKey, clientId);
	const decipher = crypto.createDecipheriv(algorithm, key, iv);
	return Buffer.concat([decipher.update(dataEncrypt, 'base64'), decipher.final()]).toString('utf8');
}

/**
 * @param {string} clientId
 * @param {number | string} timestamp
 * @param {number | string} nonce
 * @param {string} dataEncrypt
 */
function signCallback(clientId, timestamp, nonce, dataEncrypt) {
	const joined = [clientId, String(timestamp), String(nonce), dataEncrypt].sort().join('');
	return crypto.createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** Random decimal nonce, sent as a string like Akool's field table says. */
function randomNonce() {
	return String(crypto.randomInt(1, 2 ** 47));
}

/**
 * Builds the POST body Akool sends to a webhook: {signature, dataEncrypt, timestamp, nonce}.
 * @param {unknown} payload
 * @param {{ apiKey: string, clientId: string, timestamp?: number, nonce?: string, signatureOverride?: string, dataEncryptOverride?: string }} params
 */
function buildCallbackEnvelope(payload, params) {
	const timestamp = params.timestamp ?? Date.now();
	const nonce = String(params.nonce ?? randomNonce());
	const dataEncrypt = params.dataEncryptOverride ?? encryptCallback(payload, params.apiKey, params.clientId);
	const signature = params.signatureOverride ?? signCallback(params.clientId, timestamp, nonce, dataEncrypt);
	return { signature, dataEncrypt, timestamp, nonce };
}

const FILE_CHUNK = 64 * 1024;
const ZEROS = Buffer.alloc(FILE_CHUNK);

/** @param {string} name */
function fileCipher(name) {
	const key = crypto.createHash('sha256').update(`akool-mock-file:${name}`, 'utf8').digest();
	return crypto.createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
}

/**
 * The first `size` bytes served at /files/<name> (whole buffer in memory: use for small sizes).
 * @param {string} name
 * @param {number} size
 */
function fileBytes(name, size) {
	return fileCipher(name).update(Buffer.alloc(size));
}

/**
 * Streams the same bytes as fileBytes() in 64 KiB chunks without holding the file in memory.
 * @param {string} name
 * @param {number} size
 */
function fileStream(name, size) {
	const cipher = fileCipher(name);
	let left = size;
	return new Readable({
		read() {
			const n = Math.min(left, FILE_CHUNK);
			left -= n;
			if (n > 0) this.push(cipher.update(ZEROS.subarray(0, n)));
			if (left <= 0) this.push(null);
		},
	});
}

/**
 * @param {string} name
 * @param {number} size
 * @returns {Promise<string>} lower-hex SHA-256 of the file bytes
 */
async function fileSha256(name, size) {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fileStream(name, size)) hash.update(chunk);
	return hash.digest('hex');
}

/** 24-hex MongoDB-like ObjectId: seconds, 5 random process bytes, 3-byte counter. */
const processBytes = crypto.randomBytes(5).toString('hex');
let counter = crypto.randomInt(0, 0xffffff);
function objectId() {
	counter = (counter + 1) % 0x1000000;
	const seconds = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0');
	return seconds + processBytes + counter.toString(16).padStart(6, '0');
}

module.exports = {
	encryptCallback,
	decryptCallback,
	signCallback,
	buildCallbackEnvelope,
	fileBytes,
	fileStream,
	fileSha256,
	objectId,
	randomNonce,
};
