import { callbackSignature, decryptCallbackData, verifyAkoolCallback } from '../../nodes/Akool/helpers/webhook';
import { buildCallbackEnvelope } from '../mock-akool';

// akool-api.md §5.6: a vector cross-checked with Python `cryptography` and Node `crypto`.
const vector = {
	clientId: '64db241f6d9e5c4bd136c187',
	apiKey: 'TestSecret-24-chars-abcd',
	plaintext:
		'{"_id":"6593c94c0ef703e8c055e3c8","status":3,"type":"faceswap","url":"https://example.com/result.jpg"}',
	timestamp: 1710757981609,
	nonce: '1529',
	dataEncrypt:
		'GjgnrS2+IOkXWtISdczaCflu4w44LPkcEQqC4hBKRW4GHGC2NjhaW1vL1ITnioFPlaDdq4L76XC7KSOeNW3yR969gfAV+Qp/ctxTvJlIZ+CUwrJTQNioq9B7VvZIxY+DXAKAsC9RTGB10TxbqTqSag==',
	signature: '8a4194d331e483ead8ee325d3a8c5986e5ed0809',
};
const secrets = { apiKey: vector.apiKey, clientId: vector.clientId };
const body = {
	signature: vector.signature,
	dataEncrypt: vector.dataEncrypt,
	timestamp: vector.timestamp,
	nonce: vector.nonce,
};
const at = vector.timestamp + 1_000;

describe('Akool callback verification (helpers/webhook.ts)', () => {
	it('reproduces the §5.6 signature and plaintext', () => {
		expect(callbackSignature(vector.clientId, String(vector.timestamp), vector.nonce, vector.dataEncrypt)).toBe(
			vector.signature,
		);
		expect(decryptCallbackData(vector.dataEncrypt, vector.apiKey, vector.clientId)).toBe(vector.plaintext);
	});

	it('accepts the §5.6 delivery and returns the decrypted payload', () => {
		const result = verifyAkoolCallback(body, secrets, 5 * 60_000, at);
		expect(result).toEqual({
			ok: true,
			timestamp: vector.timestamp,
			payload: { _id: '6593c94c0ef703e8c055e3c8', status: 3, type: 'faceswap', url: 'https://example.com/result.jpg' },
		});
	});

	it('accepts nonce as a number, timestamp as a string, and the raw JSON text', () => {
		expect(verifyAkoolCallback({ ...body, nonce: 1529 }, secrets, 0).ok).toBe(true);
		expect(verifyAkoolCallback({ ...body, timestamp: String(vector.timestamp) }, secrets, 0).ok).toBe(true);
		expect(verifyAkoolCallback(JSON.stringify(body), secrets, 0).ok).toBe(true);
		expect(verifyAkoolCallback(Buffer.from(JSON.stringify(body)), secrets, 0).ok).toBe(true);
	});

	it.each([16, 24, 32])('decrypts with a %i-character key (AES-%i from the key length)', (length) => {
		const apiKey = 'k'.repeat(length);
		const envelope = buildCallbackEnvelope({ _id: 'a1a1a1a1a1a1a1a1a1a1a1a1', status: 4, type: 'image' }, { apiKey, clientId: 'short-id' });
		const result = verifyAkoolCallback(envelope, { apiKey, clientId: 'short-id' });
		expect(result).toMatchObject({ ok: true, payload: { _id: 'a1a1a1a1a1a1a1a1a1a1a1a1', status: 4 } });
	});

	const failures: Array<[string, unknown, Partial<typeof secrets>, number, string]> = [
		['a forged signature', { ...body, signature: 'f'.repeat(40) }, {}, 0, 'bad-signature'],
		['a signature of another length', { ...body, signature: 'abc' }, {}, 0, 'bad-signature'],
		['a tampered dataEncrypt', { ...body, dataEncrypt: `A${vector.dataEncrypt.slice(1)}` }, {}, 0, 'bad-signature'],
		['a tampered timestamp', { ...body, timestamp: vector.timestamp + 1 }, {}, 0, 'bad-signature'],
		['the wrong Client ID', body, { clientId: '64db241f6d9e5c4bd136c188' }, 0, 'bad-signature'],
		['the wrong API key', body, { apiKey: 'TestSecret-24-chars-abce' }, 0, 'decrypt-failed'],
		['a stale timestamp', body, {}, 60_000, 'stale'],
		['a missing nonce', { ...body, nonce: undefined }, {}, 0, 'missing-fields'],
		['an empty object', {}, {}, 0, 'missing-fields'],
		['a JSON array', [body], {}, 0, 'not-json'],
		['a non-JSON body', 'signature=1&x=2', {}, 0, 'not-json'],
		['an empty body', '', {}, 0, 'not-json'],
		['no body at all', undefined, {}, 0, 'not-json'],
		['a credential without Client ID', body, { clientId: '' }, 0, 'missing-client-id'],
		['an API key of unusable length', body, { apiKey: 'short' }, 0, 'bad-key'],
		['an oversized dataEncrypt (refused before any crypto)', { ...body, dataEncrypt: 'A'.repeat(16 * 1024 + 1) }, {}, 0, 'too-large'],
		['a signature that is not SHA-1 hex', { ...body, signature: 'z'.repeat(40) }, {}, 0, 'bad-signature'],
	];

	it.each(failures)('rejects %s without throwing', (_name, input, override, replayWindowMs, reason) => {
		// Replay window: 60 s against a clock 10 minutes later makes the vector stale.
		const now = replayWindowMs ? vector.timestamp + 10 * 60_000 : at;
		const result = verifyAkoolCallback(input, { ...secrets, ...override }, replayWindowMs, now);
		expect(result).toMatchObject({ ok: false, reason });
	});

	it.each([
		['no job fields', { hello: 'world' }],
		['an _id that is not 24 hex characters', { _id: '../../etc', status: 3 }],
		['a status out of 1-4', { _id: '6593c94c0ef703e8c055e3c8', status: 7 }],
		['a status as text', { _id: '6593c94c0ef703e8c055e3c8', status: '3' }],
		['a url that is not text', { _id: '6593c94c0ef703e8c055e3c8', status: 3, url: { href: 'x' } }],
		['an array', [{ _id: '6593c94c0ef703e8c055e3c8', status: 3 }]],
	])('rejects a payload that decrypts but has %s', (_name, payload) => {
		const envelope = buildCallbackEnvelope(payload, secrets);
		expect(verifyAkoolCallback(envelope, secrets)).toMatchObject({ ok: false, reason: 'bad-payload' });
	});

	it('has no replay window by default (late re-deliveries are accepted; dedupe drops repeats)', () => {
		expect(verifyAkoolCallback(body, secrets, undefined, vector.timestamp + 24 * 3_600_000).ok).toBe(true);
	});

	it('a tampered block inside a long result URL is rejected (CBC has no integrity check)', () => {
		const url = `https://d2qf6ukcym4kn9.cloudfront.net/final_${'a1b2c3d4'.repeat(8)}-video-result-1080p.mp4`;
		const envelope = buildCallbackEnvelope({ _id: '6593c94c0ef703e8c055e3c8', status: 3, type: 'faceswap', url }, secrets);
		const bytes = Buffer.from(envelope.dataEncrypt, 'base64');
		let accepted = 0;
		let tried = 0;
		// Every byte of every block but the last two (which carry the end of the URL and the padding).
		for (let index = 48; index < bytes.length - 32; index++) {
			for (const bit of [0x01, 0x10, 0x80]) {
				const copy = Buffer.from(bytes);
				copy[index] ^= bit;
				const tampered = buildCallbackEnvelope(null, { ...secrets, dataEncryptOverride: copy.toString('base64') });
				tried++;
				if (verifyAkoolCallback(tampered, secrets, 0).ok) accepted++;
			}
		}
		expect(tried).toBeGreaterThan(100);
		expect(accepted).toBe(0);
	});
});
