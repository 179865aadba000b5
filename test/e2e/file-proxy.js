// @ts-check
/**
 * A pass-through HTTP proxy in front of the Akool mock that logs every result-file GET
 * (`/files/…`: start, end, bytes passed on, whether it was sent whole) and can pace file bodies,
 * so that downloads overlap and how many run at once shows. Used by the e2e test of download
 * memory and by `npm run bench` (case 7). Point the mock's `publicUrl` and the credential's Base
 * URL at `url` (the Base URL's host is the one host the node downloads from without a list).
 * Types: ./file-proxy.d.ts.
 */
'use strict';

const http = require('node:http');
const { Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');

/**
 * @param {string} target the mock's URL
 * @returns {Promise<import('./file-proxy').FileProxy>}
 */
async function startFileProxy(target) {
	/** @type {import('./file-proxy').FileRequest[]} */
	const files = [];
	let active = 0;
	let maxActive = 0;
	const settings = { bytesPerSecond: 0 };
	const server = http.createServer((req, res) => {
		const url = req.url ?? '/';
		/** @type {import('./file-proxy').FileRequest | undefined} */
		const entry = url.startsWith('/files/') && req.method === 'GET' ? { path: url, start: Date.now(), bytes: 0 } : undefined;
		if (entry) {
			files.push(entry);
			maxActive = Math.max(maxActive, ++active);
			res.once('close', () => {
				active--;
				entry.end = Date.now();
				entry.complete = res.writableFinished;
			});
		}
		const upstream = http.request(`${target}${url}`, { method: req.method, headers: req.headers, agent: false }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			const rate = settings.bytesPerSecond;
			const meter = new Transform({
				transform(chunk, _encoding, done) {
					if (entry) entry.bytes += chunk.length;
					if (!entry || rate <= 0) return done(null, chunk);
					setTimeout(() => done(null, chunk), (chunk.length / rate) * 1000);
				},
			});
			pipeline(answer, meter, res).catch(() => undefined);
		});
		upstream.on('error', () => res.destroy());
		res.once('close', () => upstream.destroy());
		pipeline(req, upstream).catch(() => undefined);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		files,
		settings,
		get maxActive() {
			return maxActive;
		},
		mostAtOnce() {
			const events = files.flatMap((file) => [
				{ at: file.start, step: 1 },
				{ at: file.end ?? Infinity, step: -1 },
			]);
			events.sort((a, b) => a.at - b.at || a.step - b.step);
			let inFlight = 0;
			let most = 0;
			for (const event of events) most = Math.max(most, (inFlight += event.step));
			return most;
		},
		reset() {
			files.length = 0;
			maxActive = active;
			settings.bytesPerSecond = 0;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
}

module.exports = { startFileProxy };
