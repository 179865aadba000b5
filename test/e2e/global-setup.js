// @ts-check
/**
 * jest globalSetup for the e2e tier: install n8n (Node 24 + n8n, see install-n8n.sh) once, and
 * build the migrated-DB template once. Both are cached under ~/.cache/n8n-e2e/<version>.
 */
const { ensureN8n, ensureDbTemplate, N8N_VERSION } = require('./n8n');

module.exports = async function globalSetup() {
	const r = ensureN8n();
	const what = r.cached ? 'cached' : `installed in ${(r.ms / 1000).toFixed(1)} s`;
	process.stderr.write(`\n[n8n-e2e] n8n ${N8N_VERSION}: ${what} (${r.home})\n`);
	process.env.N8N_E2E_INSTALL = r.cached ? 'cached' : String(r.ms);
	const t = await ensureDbTemplate();
	if (!t.cached) process.stderr.write(`[n8n-e2e] migrated-DB template built in ${(t.ms / 1000).toFixed(1)} s\n`);
};
