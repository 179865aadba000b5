// @ts-check
'use strict';

/**
 * The real media served at /files/<name> when no file size is asked for (README "Files").
 *
 * One small fixture per media type, committed under media/ and made by media/make.sh (a dev-only
 * ffmpeg script, never run by the tests): an H.264 + AAC MP4 with `moov` before `mdat`, an MP3,
 * a PCM WAV, a PNG and a JPEG. The fixture is chosen by the extension of the requested name.
 */

const { readFileSync } = require('node:fs');
const path = require('node:path');

const MEDIA_DIR = path.join(__dirname, 'media');

/** Extension (lower case) → fixture file under media/. Other extensions have no real media. */
const MEDIA_FILES = /** @type {Record<string, string>} */ ({
	mp4: 'sample.mp4',
	mp3: 'sample.mp3',
	wav: 'sample.wav',
	png: 'sample.png',
	jpg: 'sample.jpg',
	jpeg: 'sample.jpg',
});

/** @type {Map<string, Buffer>} */
const cache = new Map();

/** Lower-case extension of a file name ('' when it has none). @param {string} name */
function extensionOf(name) {
	const dot = name.lastIndexOf('.');
	return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The real media served for `name` when no size is asked for: the fixture for its extension
 * (.mp4, .mp3, .wav, .png, .jpg/.jpeg), or undefined when there is none (e.g. .json, .webm).
 * The same Buffer is returned every time: do not modify it.
 * @param {string} name
 * @returns {Buffer | undefined}
 */
function mediaBytes(name) {
	const file = MEDIA_FILES[extensionOf(name)];
	if (file === undefined) return undefined;
	let bytes = cache.get(file);
	if (bytes === undefined) {
		bytes = readFileSync(path.join(MEDIA_DIR, file));
		cache.set(file, bytes);
	}
	return bytes;
}

module.exports = { mediaBytes, extensionOf, MEDIA_FILES };
