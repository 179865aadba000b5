// @ts-check
/**
 * Real-n8n harness: starts an actual n8n server (the version pinned in ./n8n-host/package.json,
 * or in ./n8n-host-<N8N_E2E_HOST>/package.json when N8N_E2E_HOST is set, e.g. 1.x; installed by
 * ./install-n8n.sh under ${N8N_E2E_HOME:-~/.cache/n8n-e2e}/<version> with its own Node 24) with a
 * community-node package installed the way n8n itself installs one, and drives it over HTTP.
 * Works with n8n 1.x and 2.x: the few API differences are switched on N8N_MAJOR.
 *
 * Plain CommonJS on purpose: no build step, usable from jest (ts-jest, Node 20) and from a plain
 * `node` script (`npm start` sandbox). Types: ./n8n.d.ts. Background: /work/shared/n8n-runtime.md.
 */
'use strict';

const { spawn, spawnSync, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const HERE = __dirname;
const REPO_ROOT = path.resolve(HERE, '..', '..');
/** N8N_E2E_HOST selects the host package.json (the same rule as install-n8n.sh): unset = n8n-host. */
const N8N_E2E_HOST = process.env.N8N_E2E_HOST || '';
const HOST_PACKAGE_JSON = path.join(HERE, N8N_E2E_HOST ? `n8n-host-${N8N_E2E_HOST}` : 'n8n-host', 'package.json');
const INSTALL_SCRIPT = path.join(HERE, 'install-n8n.sh');
const WATCHDOG = path.join(HERE, 'watchdog.js');

if (!fs.existsSync(HOST_PACKAGE_JSON)) {
	throw new Error(`N8N_E2E_HOST=${N8N_E2E_HOST}: ${HOST_PACKAGE_JSON} does not exist`);
}
const N8N_VERSION = /** @type {string} */ (
	JSON.parse(fs.readFileSync(HOST_PACKAGE_JSON, 'utf8')).dependencies.n8n
);
/** 1 or 2: selects the API dialect (activate vs publish, modules, public-API quirks of 1.x). */
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);

/** Fixed so that a kept user folder (npm start sandbox) can be reopened. */
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-akool-e2e-encryption-key-v1';
const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'Passw0rd!Passw0rd',
});
const BROWSER_ID = 'n8n-e2e-harness';

// ---------------------------------------------------------------------------------------------
// Install location

/**
 * The directory install-n8n.sh installs this version into (may not exist yet):
 * `${N8N_E2E_HOME:-~/.cache/n8n-e2e}/<version>`, so two versions never share a folder.
 * @returns {string}
 */
function n8nHome() {
	return path.join(process.env.N8N_E2E_HOME || path.join(os.homedir(), '.cache', 'n8n-e2e'), N8N_VERSION);
}

/** The stamp install-n8n.sh writes once the folder passed its checks: `.verified-<sha1(host package.json)[0..12]>`. */
function installStamp(home = n8nHome()) {
	const sha = crypto.createHash('sha1').update(fs.readFileSync(HOST_PACKAGE_JSON)).digest('hex');
	return path.join(home, `.verified-${sha.slice(0, 12)}`);
}

/** @param {string} home */
function nodeBin(home) {
	return path.join(home, 'node24', 'node_modules', 'node', 'bin', 'node');
}

/** @param {string} home */
function n8nBin(home) {
	return path.join(home, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** @type {{ home: string, cached: boolean, ms: number } | undefined} */
let ensured;

/**
 * Runs install-n8n.sh once per process: it reuses a verified install after a quick check (under
 * a second) and otherwise installs or repairs it (~7 min the first time), printing the step and
 * the elapsed time to our stderr at least every 10 s. Blocking on purpose (jest globalSetup,
 * `npm start`).
 * @returns {{ home: string, cached: boolean, ms: number }}
 */
function ensureN8n() {
	if (ensured) return ensured;
	const t0 = Date.now();
	const hadStamp = fs.existsSync(installStamp());
	const r = spawnSync('bash', [INSTALL_SCRIPT], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		env: process.env,
	});
	if (r.status !== 0) {
		throw new Error(`install-n8n.sh failed (exit ${r.status ?? r.signal}); its output is above`);
	}
	const home = r.stdout.trim().split('\n').pop() || n8nHome();
	ensured = { home, cached: hadStamp && fs.existsSync(installStamp(home)), ms: Date.now() - t0 };
	return ensured;
}

/** @param {string} what */
function abortError(what) {
	return Object.assign(new Error(`${what}: aborted`), { name: 'AbortError' });
}

/**
 * ensureN8n() without blocking the event loop, for `npm start`: the same script and the same
 * once-per-process result, but install-n8n.sh runs in its own process group, which gets SIGTERM
 * when `signal` aborts (a first install takes minutes; a stop must not wait for it). Rejects
 * with an AbortError then.
 * @param {{ signal?: AbortSignal }} [opts]
 * @returns {Promise<{ home: string, cached: boolean, ms: number }>}
 */
function ensureN8nAsync(opts = {}) {
	if (ensured) return Promise.resolve(ensured);
	const { signal } = opts;
	if (signal?.aborted) return Promise.reject(abortError('n8n install'));
	const t0 = Date.now();
	const hadStamp = fs.existsSync(installStamp());
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [INSTALL_SCRIPT], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: process.env,
			detached: true,
		});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
		const onAbort = () => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		child.once('error', (e) => {
			signal?.removeEventListener('abort', onAbort);
			reject(e);
		});
		child.once('close', (code, sig) => {
			signal?.removeEventListener('abort', onAbort);
			if (signal?.aborted) return reject(abortError('n8n install'));
			if (code !== 0) return reject(new Error(`install-n8n.sh failed (exit ${code ?? sig}); its output is above`));
			const home = stdout.trim().split('\n').pop() || n8nHome();
			ensured = ensured || { home, cached: hadStamp && fs.existsSync(installStamp(home)), ms: Date.now() - t0 };
			resolve(ensured);
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Small utilities

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** Ports freePort() has handed out in this process (see freePort). */
/** @type {Set<number>} */
const handedOut = new Set();

/** @returns {Promise<number>} a TCP port on 127.0.0.1 that is free now */
function osFreePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = /** @type {net.AddressInfo} */ (srv.address());
			srv.close(() => resolve(addr.port));
		});
	});
}

/**
 * A currently free TCP port on 127.0.0.1, never one this process was given before: processes
 * started side by side (a queue-mode cluster) each pick their ports before any of them binds,
 * and the OS may hand a just-released port out again.
 * @returns {Promise<number>}
 */
async function freePort() {
	for (let attempt = 0; ; attempt++) {
		const port = await osFreePort();
		if (!handedOut.has(port) || attempt >= 20) {
			handedOut.add(port);
			return port;
		}
	}
}

/**
 * Alive and not a zombie (Linux /proc; an exited process can linger as a zombie until reaped).
 * @param {number} pid
 */
function isAlive(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}

/**
 * PIDs of all live processes in process group `pgid` (Linux /proc). Zombies are ignored.
 * @param {number} pgid
 * @returns {number[]}
 */
function processGroupPids(pgid) {
	/** @type {number[]} */
	const out = [];
	let entries;
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return out;
	}
	for (const e of entries) {
		if (!/^\d+$/.test(e)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
			// fields after "(comm)": state ppid pgrp ...
			const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (rest[0] !== 'Z' && Number(rest[2]) === pgid) out.push(Number(e));
		} catch {
			/* process vanished */
		}
	}
	return out;
}

/** @param {number} pid @returns {string} */
function cmdline(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
}

/** @param {string} file @param {number} [lines] */
function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Minimal HTTP client (node:http, no keep-alive so nothing lingers in jest).
 * @param {string} method
 * @param {string} url
 * @param {{ body?: unknown, headers?: Record<string, string>, timeoutMs?: number }} [opts]
 * @returns {Promise<{ status: number, body: any, text: string, headers: http.IncomingHttpHeaders }>}
 */
function request(method, url, opts = {}) {
	const { body, headers = {}, timeoutMs = 60_000 } = opts;
	/** @type {Buffer | undefined} */
	let payload;
	const h = { ...headers };
	const hasCt = Object.keys(h).some((k) => k.toLowerCase() === 'content-type');
	if (body !== undefined) {
		if (Buffer.isBuffer(body)) payload = body;
		else if (typeof body === 'string') payload = Buffer.from(body);
		else {
			payload = Buffer.from(JSON.stringify(body));
			if (!hasCt) h['content-type'] = 'application/json';
		}
		h['content-length'] = String(payload.length);
	}
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers: h, agent: false, timeout: timeoutMs }, (res) => {
			/** @type {Buffer[]} */
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let parsed = text;
				if (text && /json/.test(String(res.headers['content-type'] || ''))) {
					try {
						parsed = JSON.parse(text);
					} catch {
						/* keep text */
					}
				}
				resolve({ status: res.statusCode || 0, body: parsed, text, headers: res.headers });
			});
			res.on('error', reject);
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timeout after ${timeoutMs} ms`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: never leave an n8n (or its task runner) behind

/** @type {Map<number, { pgid: number, watchdog?: number, termSent: boolean }>} */
const live = new Map();
let exitHooksInstalled = false;

/**
 * Asks one n8n to shut down: a single SIGTERM to its main process, never a second one. n8n
 * handles SIGTERM with process.once, so a second SIGTERM during its graceful shutdown kills it
 * on the spot (and its task runner is then left to our group kill). n8n stops its runner itself.
 * @param {number} pid
 */
function terminate(pid) {
	const entry = live.get(pid);
	if (entry) {
		if (entry.termSent) return;
		entry.termSent = true;
	}
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		/* gone */
	}
}

/**
 * Synchronous last resort at process exit: signal every n8n process group we started and did not
 * stop. SIGTERM lets n8n shut down cleanly; the watchdog (still running, it is not in the group)
 * escalates to SIGKILL if the group is still there 10 s after this process is gone.
 * @param {NodeJS.Signals} [signal]
 */
function killAllSync(signal = 'SIGTERM') {
	for (const { pgid } of live.values()) {
		try {
			process.kill(-pgid, signal);
		} catch {
			/* gone */
		}
	}
}

function installExitHooks() {
	if (exitHooksInstalled) return;
	exitHooksInstalled = true;
	process.on('exit', () => killAllSync());
	for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		/** @type {NodeJS.SignalsListener} */
		const onSignal = () => {
			// one graceful SIGTERM per n8n, however many signals arrive (a terminal's Ctrl+C reaches
			// `npm start` twice: from the terminal and forwarded by npm) and whoever else stops it
			for (const pid of live.keys()) terminate(pid);
			// keep the default behaviour (terminate) unless the host script handles the signal itself
			if (process.listenerCount(sig) === 1) {
				process.removeListener(sig, onSignal);
				process.kill(process.pid, sig);
			}
		};
		process.on(sig, onSignal);
	}
}

// ---------------------------------------------------------------------------------------------
// Installing the community package exactly like n8n 2.41's CommunityPackagesService does:
// `npm pack` → extract into <userFolder>/.n8n/nodes/node_modules/<name> → drop dev/peer/optional
// deps from its package.json → `npm install --ignore-scripts …` inside it (only if it has
// dependencies) → record `<name>: <version>` in nodes/package.json.

/**
 * @param {string} packageDir
 * @param {string} nodesDir  <userFolder>/.n8n/nodes
 * @returns {{ name: string, version: string, ms: number }}
 */
function installCommunityPackage(packageDir, nodesDir) {
	const t0 = Date.now();
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" section`);
	for (const rel of [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])]) {
		if (!fs.existsSync(path.join(packageDir, rel))) {
			throw new Error(`${pkg.name}: ${rel} listed in package.json "n8n" does not exist (run the build first)`);
		}
	}
	fs.mkdirSync(nodesDir, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'));
	try {
		const out = execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, '--loglevel=error'],
			{ cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const tgz = path.join(packDir, JSON.parse(out.slice(out.indexOf('[')))[0].filename);
		const target = path.join(nodesDir, 'node_modules', pkg.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1'], { stdio: 'pipe' });
		const pj = path.join(target, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...stripped } = JSON.parse(
			fs.readFileSync(pj, 'utf8'),
		);
		fs.writeFileSync(pj, JSON.stringify(stripped, null, 2));
		if (stripped.dependencies && Object.keys(stripped.dependencies).length) {
			execFileSync(
				'npm',
				[
					'install',
					'--audit=false',
					'--fund=false',
					'--bin-links=false',
					'--install-strategy=shallow',
					'--ignore-scripts=true',
					'--package-lock=false',
					'--loglevel=error',
				],
				{ cwd: target, stdio: ['ignore', 'pipe', 'pipe'] },
			);
		}
		const nodesPj = path.join(nodesDir, 'package.json');
		/** @type {{ name: string, private: boolean, dependencies: Record<string, string> }} */
		let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
		try {
			manifest = { ...manifest, ...JSON.parse(fs.readFileSync(nodesPj, 'utf8')) };
		} catch {
			/* new */
		}
		manifest.dependencies = { ...(manifest.dependencies || {}), [pkg.name]: stripped.version };
		fs.writeFileSync(nodesPj, JSON.stringify(manifest, null, 2));
		return { name: pkg.name, version: stripped.version, ms: Date.now() - t0 };
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Migrated-DB template: a fresh n8n 2.41 runs ~300 SQLite migrations on first start (~4 of its
// ~12 s). ensureDbTemplate() does that once per install (a bare start/stop, no owner) and keeps
// the resulting database.sqlite; startN8n copies it into every fresh user folder.

/** @param {string} home */
function dbTemplatePath(home) {
	return path.join(home, 'e2e-db-template', 'database.sqlite');
}

/**
 * @param {{ quiet?: boolean }} [opts]
 * @returns {Promise<{ path: string, cached: boolean, ms: number }>}
 */
async function ensureDbTemplate(opts = {}) {
	const t0 = Date.now();
	const home = ensureN8n().home;
	const target = dbTemplatePath(home);
	if (fs.existsSync(target)) return { path: target, cached: true, ms: Date.now() - t0 };
	const n = await startN8n({ packageDir: null, owner: false, dbTemplate: false, keepUserFolder: true });
	try {
		await n.stop();
		const src = path.join(n.userFolder, '.n8n', 'database.sqlite');
		// n8n does not checkpoint its WAL on shutdown: fold it into the main file with node:sqlite
		// (Node 24 has it) so that the template is one self-contained file.
		execFileSync(
			nodeBin(home),
			[
				'-e',
				"const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]);" +
					" db.exec('PRAGMA wal_checkpoint(TRUNCATE);'); db.close();",
				src,
			],
			{ stdio: 'pipe' },
		);
		if (fs.existsSync(`${src}-wal`)) throw new Error(`WAL still present next to ${src} after checkpoint`);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		const tmp = `${target}.${process.pid}.tmp`;
		fs.copyFileSync(src, tmp);
		fs.renameSync(tmp, target); // atomic: concurrent creators just overwrite each other
	} finally {
		fs.rmSync(n.userFolder, { recursive: true, force: true });
	}
	return { path: target, cached: false, ms: Date.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// startN8n

/**
 * Starts `n8n start` (default), or with opts.command 'worker' / 'webhook' a queue-mode worker or
 * webhook process (their queue-mode env — EXECUTIONS_MODE, QUEUE_BULL_REDIS_*, DB_* — comes in
 * opts.env; see test/queue/cluster.js). Ready means: /healthz/readiness 200 on `url` (a worker's
 * is its health server, QUEUE_HEALTH_CHECK_PORT = `port`), and for 'start' also the REST API up,
 * then the owner and an API key. Every command gets the community package in its own user folder.
 * @param {import('./n8n').StartOptions} [opts]
 * @returns {Promise<import('./n8n').N8n>}
 */
async function startN8n(opts = {}) {
	// Free ports are picked before n8n binds them; if another process grabs one in between, n8n
	// exits with "port … is already in use": retry with new ports (only when we chose them).
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce(opts);
		} catch (e) {
			const portClash = /already in use|EADDRINUSE/.test(String(/** @type {Error} */ (e).message));
			if (!portClash || opts.port || opts.brokerPort || attempt >= 3) throw e;
		}
	}
}

/**
 * @param {import('./n8n').StartOptions} opts
 * @returns {Promise<import('./n8n').N8n>}
 */
async function startOnce(opts) {
	const home = ensureN8n().home;
	const node = nodeBin(home);
	const bin = n8nBin(home);
	for (const f of [node, bin]) if (!fs.existsSync(f)) throw new Error(`n8n install incomplete: ${f} missing`);

	const command = opts.command || 'start';
	if (!['start', 'worker', 'webhook'].includes(command)) throw new Error(`startN8n: unknown command ${command}`);
	const packageDir = opts.packageDir === null ? null : path.resolve(opts.packageDir || REPO_ROOT);
	const port = opts.port || (await freePort());
	let brokerPort = opts.brokerPort || (await freePort());
	while (brokerPort === port) brokerPort = await freePort();
	const ownsUserFolder = !opts.userFolder;
	const userFolder = opts.userFolder
		? path.resolve(opts.userFolder)
		: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	// A fresh folder starts from the migrated-DB template when there is one (saves ~4 s of migrations).
	const dbFile = path.join(userFolder, '.n8n', 'database.sqlite');
	const template = dbTemplatePath(home);
	let fromTemplate = false;
	// The template is a SQLite file: of no use to an n8n on another database (DB_TYPE=postgresdb).
	const sqlite = !opts.env?.DB_TYPE || opts.env.DB_TYPE === 'sqlite';
	if (opts.dbTemplate !== false && sqlite && !fs.existsSync(dbFile) && fs.existsSync(template)) {
		fs.copyFileSync(template, dbFile);
		fromTemplate = true;
	}
	const logFile = opts.log ? path.resolve(opts.log) : path.join(userFolder, 'n8n.log');
	const url = `http://127.0.0.1:${port}`;

	/** @type {{ name: string, version: string, ms: number } | undefined} */
	let installed;
	if (packageDir) {
		try {
			installed = installCommunityPackage(packageDir, path.join(userFolder, '.n8n', 'nodes'));
		} catch (e) {
			if (ownsUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			throw e;
		}
	}

	// A clean environment: only what n8n needs, not jest's (NODE_ENV=test, NODE_OPTIONS, npm_*…).
	// PATH starts with the Node 24 bin dir: n8n spawns its JS task runner as plain `node` from PATH.
	/** @type {Record<string, string>} */
	const env = {};
	for (const k of ['HOME', 'USER', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'SHELL']) {
		const v = process.env[k];
		if (v !== undefined) env[k] = v;
	}
	Object.assign(env, {
		PATH: `${path.dirname(node)}:${process.env.PATH || '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: DEFAULT_ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_EDITOR_BASE_URL: `${url}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// 2.x only: stops a failing fetch of api.n8n.io at start. n8n 1.x has no such module and
		// refuses to start with 'Unknown module "mcp-registry"'.
		...(N8N_MAJOR >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// V8 code cache for n8n's ~2,400 packages, kept with the install (Node >= 22.1)
		NODE_COMPILE_CACHE: path.join(home, '.node-compile-cache'),
		// `n8n worker` has no N8N_PORT server: its port is the health/readiness server's
		...(command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: {}),
	});
	Object.assign(env, opts.env || {});

	installExitHooks();
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const logFd = fs.openSync(logFile, 'a');
	const t0 = Date.now();
	// detached: own process group (pgid = pid), so the task-runner child can be found and killed
	const child = spawn(node, [bin, command, ...(opts.args || [])], {
		cwd: userFolder,
		env,
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	const pid = /** @type {number} */ (child.pid);
	if (!pid) throw new Error('failed to spawn n8n');
	child.unref();
	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
	let exited;
	child.on('exit', (code, signal) => {
		exited = { code, signal };
	});
	// A detached watchdog kills the group if this process dies without running its exit hooks
	// (SIGKILL, jest worker killed, …). It exits by itself when the group is gone.
	const wdArgs = [WATCHDOG, String(process.pid), String(pid)];
	if (ownsUserFolder && !opts.keepUserFolder) wdArgs.push(userFolder);
	const wd = spawn(process.execPath, wdArgs, {
		stdio: 'ignore',
		detached: true,
	});
	wd.unref();
	live.set(pid, { pgid: pid, watchdog: wd.pid, termSent: false });

	const stopped = { value: false };
	/** @type {() => Promise<void>} */
	const stop = async () => {
		if (stopped.value) return;
		stopped.value = true;
		if (!exited) {
			terminate(pid); // n8n stops its task runner itself
			const deadline = Date.now() + 20_000;
			while (!exited && Date.now() < deadline) await sleep(100);
		}
		// whatever is left in the group (runner that outlived main, or main on timeout)
		const deadline = Date.now() + 5_000;
		while (processGroupPids(pid).length && Date.now() < deadline) await sleep(100);
		if (processGroupPids(pid).length) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			while (processGroupPids(pid).length) await sleep(50);
		}
		if (wd.pid) {
			try {
				process.kill(wd.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
		}
		live.delete(pid);
		if (ownsUserFolder && !opts.keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	};

	try {
		// readiness
		const readyDeadline = Date.now() + (opts.startTimeoutMs || 120_000);
		for (;;) {
			if (opts.signal?.aborted) throw abortError('n8n start');
			if (exited) throw new Error(`n8n ${command} exited during start (${JSON.stringify(exited)})`);
			if (Date.now() > readyDeadline) throw new Error(`n8n ${command} not ready after ${opts.startTimeoutMs || 120_000} ms`);
			try {
				const r = await request('GET', `${url}/healthz/readiness`, { timeoutMs: 2000 });
				// A worker (health server) or webhook process has no REST API: readiness is all.
				if (r.status === 200 && command !== 'start') break;
				// n8n 1.x answers readiness before it has registered its REST routes (POST
				// /rest/owner/setup is still a 404 then): also wait for /rest/login to exist (401/200).
				if (r.status === 200) {
					const login = await request('GET', `${url}/rest/login`, { timeoutMs: 2000, headers: { 'browser-id': BROWSER_ID } });
					if (login.status !== 404) break;
				}
			} catch {
				/* not listening yet */
			}
			await sleep(150);
		}
	} catch (e) {
		if (/** @type {Error} */ (e).name === 'AbortError') {
			await stop();
			throw e;
		}
		const msg = `${/** @type {Error} */ (e).message}\n--- ${logFile} (tail) ---\n${tail(logFile)}`;
		await stop();
		throw new Error(msg);
	}
	const startMs = Date.now() - t0;

	// ---- owner session + API key
	let cookie = '';
	let apiKey = '';
	const restHeaders = () => ({ 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) });
	/** @param {string} method @param {string} p @param {unknown} [body] */
	const rest = async (method, p, body) => {
		const full = `${url}/rest${p.startsWith('/rest/') ? p.slice(5) : p}`;
		const r = await request(method, full, { body, headers: restHeaders() });
		if (r.status < 200 || r.status >= 300) {
			throw Object.assign(new Error(`${method} ${full} -> ${r.status}: ${r.text.slice(0, 2000)}`), {
				status: r.status,
				body: r.body,
			});
		}
		const setCookie = r.headers['set-cookie'];
		const auth = setCookie && setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth;
		return r.body && typeof r.body === 'object' && 'data' in r.body ? r.body.data : r.body;
	};
	/** @param {string} method @param {string} p @param {unknown} [body] */
	const api = async (method, p, body) => {
		if (!apiKey) throw new Error(command === 'start' ? 'no API key (startN8n was called with owner: false)' : `no API key: n8n ${command} has no public API`);
		const full = `${url}/api/v1${p.startsWith('/api/v1/') ? p.slice(7) : p}`;
		const r = await request(method, full, {
			body: body === undefined && method !== 'GET' && method !== 'DELETE' ? {} : body,
			headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' },
		});
		if (r.status < 200 || r.status >= 300) {
			throw Object.assign(new Error(`${method} ${full} -> ${r.status}: ${r.text.slice(0, 2000)}`), {
				status: r.status,
				body: r.body,
			});
		}
		return r.body;
	};

	const t1 = Date.now();
	// The owner and the API key live in the database; only the main process ('start') serves /rest.
	const withOwner = command === 'start' && opts.owner !== false;
	if (withOwner) {
		try {
			try {
				await rest('POST', '/owner/setup', OWNER);
			} catch (e) {
				// reused user folder: the owner exists already
				if (/** @type {any} */ (e).status !== 400) throw e;
				await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
			}
			/** @type {string[]} */
			const scopes = await rest('GET', '/api-keys/scopes');
			const key = await rest('POST', '/api-keys', {
				label: `e2e-${Date.now()}-${crypto.randomBytes(3).toString('hex')}`,
				expiresAt: null,
				scopes,
			});
			apiKey = key.rawApiKey;
		} catch (e) {
			const msg = `owner/API-key setup failed: ${/** @type {Error} */ (e).message}\n--- ${logFile} (tail) ---\n${tail(logFile)}`;
			await stop();
			throw new Error(msg);
		}
	}
	const setupMs = Date.now() - t1;

	/** @param {string} idOrPath @param {string} [p] */
	const webhookUrl = (idOrPath, p) => {
		const clean = (/** @type {string} */ s) => s.replace(/^\/+|\/+$/g, '');
		return p === undefined ? `${url}/webhook/${clean(idOrPath)}` : `${url}/webhook/${clean(idOrPath)}/${clean(p)}`;
	};

	/** @param {import('./n8n').CredentialInput} c */
	const createCredential = async (c) => {
		let data = c.data;
		// n8n 1.x adds "Allowed HTTP Request Domains" (allowedHttpRequestDomains, default 'all', and
		// allowedDomains shown for 'domains') to every credential type with `authenticate`. Its public
		// API turns that into a JSON-schema if/then that also fires when allowedHttpRequestDomains is
		// absent, and then demands allowedDomains. Send the UI's default explicitly.
		const schema = await api('GET', `/credentials/schema/${encodeURIComponent(c.type)}`);
		if (schema?.properties?.allowedHttpRequestDomains && !('allowedHttpRequestDomains' in data)) {
			data = { ...data, allowedHttpRequestDomains: 'all' };
		}
		const r = await api('POST', '/credentials', { name: c.name, type: c.type, data });
		return { id: String(r.id), name: r.name, type: r.type };
	};

	/**
	 * @param {import('./n8n').WorkflowInput} wf
	 * @param {import('./n8n').CreateWorkflowOptions} [o]
	 */
	const createWorkflow = async (wf, o = {}) => {
		const credMap = o.credentials || {};
		const nodes = wf.nodes.map((n, i) => {
			/** @type {any} */
			const out = {
				id: crypto.randomUUID(),
				typeVersion: 1,
				position: [i * 240, 0],
				parameters: {},
				...n,
			};
			if (out.credentials) {
				out.credentials = { ...out.credentials };
				for (const type of Object.keys(out.credentials)) {
					const m = credMap[type];
					if (m) out.credentials[type] = typeof m === 'string' ? { id: m, name: out.credentials[type]?.name || type } : m;
				}
			}
			return out;
		});
		const r = await api('POST', '/workflows', {
			name: wf.name,
			nodes,
			connections: wf.connections || {},
			settings: { executionOrder: 'v1', ...(wf.settings || {}) },
		});
		return { ...r, id: String(r.id) };
	};

	// 2.x publishes (POST /workflows/{id}/publish); 1.x has no publish, it activates.
	/** @param {string} id */
	const activate = async (id) => {
		await api('POST', `/workflows/${encodeURIComponent(id)}/${N8N_MAJOR >= 2 ? 'publish' : 'activate'}`, {});
	};
	/** @param {string} id */
	const deactivate = async (id) => {
		await api('POST', `/workflows/${encodeURIComponent(id)}/${N8N_MAJOR >= 2 ? 'unpublish' : 'deactivate'}`, {});
	};
	// 1.x's public API rejects query parameters its OpenAPI spec does not list (ignoreDataSizeLimit is 2.x).
	const dataParams = N8N_MAJOR >= 2 ? 'includeData=true&ignoreDataSizeLimit=true' : 'includeData=true';

	/**
	 * @param {string} [workflowId]
	 * @param {import('./n8n').ExecutionsOptions} [o]
	 */
	const executions = async (workflowId, o = {}) => {
		/** @type {any[]} */
		const all = [];
		let cursor;
		do {
			const q = new URLSearchParams();
			if (workflowId) q.set('workflowId', String(workflowId));
			if (o.status) q.set('status', o.status);
			if (o.includeData) {
				q.set('includeData', 'true');
				if (N8N_MAJOR >= 2) q.set('ignoreDataSizeLimit', 'true');
			}
			q.set('limit', String(Math.min(o.limit || 250, 250)));
			if (cursor) q.set('cursor', cursor);
			const r = await api('GET', `/executions?${q}`);
			all.push(...r.data.map(normalizeExecution));
			cursor = r.nextCursor;
		} while (cursor && (!o.limit || all.length < o.limit));
		// n8n 1.x's public list leaves out every execution its ActiveExecutions still holds, and a
		// waiting execution stays there until it resumes (2.x excludes by the DB status 'running'
		// instead). So on 1.x a waiting execution is invisible to GET /executions, even with
		// status=waiting. Find them through the internal list and read each through the public API.
		if (N8N_MAJOR < 2 && (!o.status || o.status === 'waiting')) {
			const filter = { status: ['waiting'], ...(workflowId ? { workflowId: String(workflowId) } : {}) };
			const r = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify(filter))}&limit=250`);
			const have = new Set(all.map((e) => e.id));
			for (const summary of r.results || []) {
				if (have.has(String(summary.id))) continue;
				all.push(normalizeExecution(await api('GET', `/executions/${summary.id}${o.includeData ? `?${dataParams}` : ''}`)));
			}
			all.sort((a, b) => Number(b.id) - Number(a.id));
		}
		return o.limit ? all.slice(0, o.limit) : all;
	};

	/** @param {string | number} id */
	const execution = async (id) =>
		normalizeExecution(await api('GET', `/executions/${id}?${dataParams}`));

	/**
	 * @param {string} workflowId
	 * @param {(list: any[]) => boolean} predicate
	 * @param {number} [timeoutMs]
	 */
	const waitForExecutions = async (workflowId, predicate, timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		/** @type {any[]} */
		let list = [];
		for (;;) {
			list = await executions(workflowId);
			if (predicate(list)) return list;
			if (Date.now() > deadline) {
				throw new Error(
					`waitForExecutions(${workflowId}) timed out after ${timeoutMs} ms; last list: ${JSON.stringify(
						list.map((e) => ({ id: e.id, status: e.status, mode: e.mode, waitTill: e.waitTill })),
					)}`,
				);
			}
			await sleep(200);
		}
	};

	/**
	 * @param {string} whUrl
	 * @param {unknown} body
	 * @param {Record<string, string>} [headers]
	 * @param {{ method?: string, retryMs?: number }} [o]
	 */
	const postWebhook = async (whUrl, body, headers = {}, o = {}) => {
		const deadline = Date.now() + (o.retryMs ?? 10_000);
		for (let attempts = 1; ; attempts++) {
			const r = await request(o.method || 'POST', whUrl, { body, headers });
			const notRegistered = r.status === 404 && /not registered/i.test(r.text);
			if (!notRegistered || Date.now() > deadline) {
				return { status: r.status, body: r.body, text: r.text, headers: r.headers, attempts };
			}
			await sleep(150);
		}
	};

	return {
		command,
		url,
		port,
		brokerPort,
		pid,
		userFolder,
		logFile,
		home,
		version: N8N_VERSION,
		package: installed,
		fromDbTemplate: fromTemplate,
		startMs,
		setupMs,
		apiKey,
		owner: withOwner ? { email: OWNER.email, password: OWNER.password } : undefined,
		webhookUrl,
		api,
		rest,
		createCredential,
		createWorkflow,
		activate,
		deactivate,
		executions,
		execution,
		waitForExecutions,
		postWebhook,
		processes: () => processGroupPids(pid).map((p) => ({ pid: p, cmd: cmdline(p) })),
		logTail: (n) => tail(logFile, n),
		exited: () => exited,
		stop,
	};
}

/**
 * The public API returns `data` already parsed in 2.41; older/other paths may hand back the
 * flatted string stored in the DB. Normalise to an object either way.
 * @param {any} e
 */
function normalizeExecution(e) {
	if (e && typeof e.data === 'string') {
		try {
			const flatted = require(path.join(n8nHome(), 'node_modules', 'flatted'));
			e.data = flatted.parse(e.data);
		} catch {
			try {
				e.data = JSON.parse(e.data);
			} catch {
				/* leave as is */
			}
		}
	}
	if (e && e.id !== undefined) e.id = String(e.id);
	return e;
}

module.exports = {
	startN8n,
	ensureN8n,
	ensureN8nAsync,
	ensureDbTemplate,
	dbTemplatePath,
	n8nHome,
	installStamp,
	installCommunityPackage,
	processGroupPids,
	isAlive,
	freePort,
	request,
	N8N_VERSION,
	N8N_MAJOR,
	N8N_E2E_HOST,
	OWNER,
	REPO_ROOT,
};
