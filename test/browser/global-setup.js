// @ts-check
/**
 * jest globalSetup of the browser tier: Debian's Chromium (installed as root when missing, else
 * the tier is skipped with one line), then the real n8n the e2e tier uses (installed once).
 */
const { ensureChromium } = require('./chromium');
const e2eSetup = require('../e2e/global-setup');

module.exports = async function globalSetup() {
	const chromium = ensureChromium();
	if ('skip' in chromium) {
		process.stderr.write(`\n[browser] ${chromium.skip}\n`);
		process.env.BROWSER_TIER_SKIP = chromium.skip;
		return;
	}
	process.env.BROWSER_CHROMIUM = chromium.path;
	if (chromium.installedMs) process.stderr.write(`\n[browser] installed Debian's chromium in ${(chromium.installedMs / 1000).toFixed(1)} s\n`);
	await e2eSetup();
};
