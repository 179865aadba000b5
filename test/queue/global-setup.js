// @ts-check
/**
 * jest globalSetup for the queue-mode tier: Redis and PostgreSQL binaries (as root, missing ones
 * are installed with apt-get; otherwise one skip line and N8N_QUEUE_SKIP, which skips the tests),
 * then n8n itself, exactly as the e2e tier installs it (test/e2e/global-setup.js).
 */
const { ensureQueueServices } = require('./services');
const e2eGlobalSetup = require('../e2e/global-setup');

module.exports = async function globalSetup() {
	const s = ensureQueueServices();
	if (s.skip) {
		process.stderr.write(`\n[n8n-queue] ${s.skip}\n`);
		process.env.N8N_QUEUE_SKIP = s.skip;
		return;
	}
	const installed = s.installed.length ? `; installed ${s.installed.join(', ')} with apt-get in ${(s.ms / 1000).toFixed(1)} s` : '';
	process.stderr.write(
		`\n[n8n-queue] ${s.redisServer}; PostgreSQL ${s.postgres?.version} from ${s.postgres?.source}${installed}\n`,
	);
	await e2eGlobalSetup();
};
