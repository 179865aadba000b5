// @ts-check
/**
 * Debian's Chromium for the browser tier (no browser download works on this machine, so the
 * driver, playwright-core, launches the system browser). When it is missing and we run as root
 * (CI), it is installed with apt-get; otherwise the tier is skipped with one line naming the package.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const PACKAGE = 'chromium';

/** The flags this machine needs: headless, no sandbox as root, and no calls to Google's hosts (closed network). */
const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--autoplay-policy=no-user-gesture-required',
];

/** @returns {string | undefined} */
function findChromium() {
	return CANDIDATES.find((file) => fs.existsSync(/** @type {string} */ (file)));
}

/**
 * The Chromium to use, installing Debian's package when we may (root).
 * @returns {{ path: string, installedMs?: number } | { skip: string }}
 */
function ensureChromium() {
	const found = findChromium();
	if (found) return { path: found };
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		return { skip: `browser tier skipped: Chromium is not installed (install Debian's package "${PACKAGE}": sudo apt-get install -y ${PACKAGE})` };
	}
	const t0 = Date.now();
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', PACKAGE], { env, encoding: 'utf8' });
	if (result.status !== 0) {
		spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
		result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', PACKAGE], { env, encoding: 'utf8' });
	}
	const installed = findChromium();
	if (!installed) {
		throw new Error(`apt-get install ${PACKAGE} failed (exit ${result.status}):\n${(result.stderr || '').slice(-2000)}`);
	}
	return { path: installed, installedMs: Date.now() - t0 };
}

module.exports = { ensureChromium, findChromium, LAUNCH_ARGS, PACKAGE };
