#!/usr/bin/env node
// `npm start`: the product on this machine. A local Akool sandbox (the mock server) plus a real
// n8n with this package installed as a community package, a credential pointing at the sandbox
// and the example workflow. Ports: N8N_PORT (5678), MOCK_AKOOL_PORT (4747).
// The sandbox n8n starts from an empty database each time (its folder is removed on stop).
//
// This script builds the package itself (`npm run build`) and package.json runs it as
// `exec node scripts/start.js`, so that it is npm's direct child. That matters for stopping:
// npm 11 forwards SIGINT and SIGTERM only to its direct child, which used to be
// `sh -c "npm run build && node scripts/start.js"`: dash dies of SIGTERM at once (npm then exits
// and this script, never signalled, kept n8n and the sandbox running), and holds SIGINT until its
// child exits (nothing stopped at all).
//
// How it stops, cleanly every time (n8n, its task runner, the sandbox, the n8n user folder; exit 0):
// - Ctrl+C in the terminal, or SIGINT / SIGTERM / SIGHUP to npm or to this process;
// - npm disappearing (killed with SIGKILL): the parent process is checked every 500 ms;
// - during the build, the n8n install or n8n's start as well as once it runs.
// If this process itself is killed with SIGKILL, the watchdog next to n8n stops it (test/e2e/watchdog.js).
// A port already in use is one line on stderr and exit code 1.
'use strict';
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const { startMockAkool } = require('../test/mock-akool');
const { ensureN8nAsync, startN8n } = require('../test/e2e/n8n');

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'character-swap-to-file.json');
/** Published at start: its form is live at /form/<path> (files from a form as Akool inputs). */
const FORM_EXAMPLE = path.join(ROOT, 'examples', 'form-photo-to-talking-photo.json');
/** Both servers listen here (the mock's default host; startN8n sets N8N_LISTEN_ADDRESS to it). */
const HOST = '127.0.0.1';

/** A problem the user fixes: printed as its message alone (one line, no stack), exit code 1. */
class UserError extends Error {}

/** @param {string} what */
const aborted = (what) => Object.assign(new Error(`${what}: aborted`), { name: 'AbortError' });
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** @param {string} name @param {number} fallback */
function portFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new UserError(`${name}=${raw} is not a port number (1-65535). Example: ${name}=${fallback} npm start`);
	}
	return port;
}

/**
 * @param {number} port
 * @returns {Promise<boolean>} true when something already listens on HOST:port (or on all addresses)
 */
function portInUse(port) {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', (/** @type {NodeJS.ErrnoException} */ e) => (e.code === 'EADDRINUSE' ? resolve(true) : reject(e)));
		server.listen({ port, host: HOST, exclusive: true }, () => server.close(() => resolve(false)));
	});
}

/**
 * The one line for a port in use, suggesting the next free port.
 * @param {number} port @param {string} envName @param {string} what @param {number} otherPort
 */
async function portInUseError(port, envName, what, otherPort) {
	let suggestion = port < 65535 ? port + 1 : 1024;
	for (let i = 0; i < 100; i++, suggestion = suggestion < 65535 ? suggestion + 1 : 1024) {
		if (suggestion !== otherPort && !(await portInUse(suggestion).catch(() => true))) break;
	}
	return new UserError(`Port ${port} is in use (${what}?). Stop it or choose another: ${envName}=${suggestion} npm start`);
}

/**
 * `npm run build`, in its own process group so that a stop ends all of it (npm, sh, tsc, gulp).
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
function build(signal) {
	// the npm that runs `npm start` (npm_execpath), else the one on PATH
	const npmCli = process.env.npm_execpath;
	const [cmd, args] = npmCli && /\.[cm]?js$/.test(npmCli)
		? [process.execPath, [npmCli, 'run', 'build']]
		: ['npm', ['run', 'build']];
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(aborted('build'));
		const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
		const onAbort = () => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
		};
		signal.addEventListener('abort', onAbort, { once: true });
		child.once('error', (e) => {
			signal.removeEventListener('abort', onAbort);
			reject(e);
		});
		child.once('exit', (code, sig) => {
			signal.removeEventListener('abort', onAbort);
			if (signal.aborted) reject(aborted('build'));
			else if (code === 0) resolve();
			else reject(new UserError(`The build failed (npm run build: exit ${code ?? sig}); its output is above.`));
		});
	});
}

const controller = new AbortController();
const { signal } = controller;
/** @type {Array<() => Promise<void>>} run in reverse order on stop */
const cleanups = [];
let stopping = false;

/** Logging must never break a stop (a closed terminal or pipe: EIO / EPIPE). */
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
/** @param {string} line */
const say = (line) => {
	try {
		console.log(line);
	} catch {
		/* no terminal any more */
	}
};

async function runCleanups() {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup().catch((e) => {
			try {
				console.error(e);
			} catch {
				/* no terminal any more */
			}
		});
	}
}

async function start() {
	const n8nPort = portFromEnv('N8N_PORT', 5678);
	const mockPort = portFromEnv('MOCK_AKOOL_PORT', 4747);
	if (n8nPort === mockPort) {
		throw new UserError(`N8N_PORT and MOCK_AKOOL_PORT are both ${n8nPort}: choose two different ports.`);
	}
	// Before the build, so that a clash is reported at once.
	if (await portInUse(n8nPort)) throw await portInUseError(n8nPort, 'N8N_PORT', 'another n8n', mockPort);
	if (await portInUse(mockPort)) throw await portInUseError(mockPort, 'MOCK_AKOOL_PORT', 'another Akool sandbox', n8nPort);

	await build(signal);
	if (signal.aborted) throw aborted('start');

	let mock;
	try {
		mock = await startMockAkool({ port: mockPort, host: HOST, jobDurationMs: 8_000, credit: 100_000 });
	} catch (e) {
		// taken since the check above
		if (/** @type {NodeJS.ErrnoException} */ (e).code === 'EADDRINUSE') {
			throw await portInUseError(mockPort, 'MOCK_AKOOL_PORT', 'another Akool sandbox', n8nPort);
		}
		throw e;
	}
	const sandbox = mock;
	cleanups.push(() => sandbox.close());
	if (signal.aborted) throw aborted('start');
	say(`Akool sandbox: ${mock.url}  (API key ${mock.apiKey}, Client ID ${mock.clientId})`);

	const install = await ensureN8nAsync({ signal });
	say(`n8n: ${install.cached ? 'installed' : `installed in ${Math.round(install.ms / 1000)} s`} (${install.home})`);
	if (signal.aborted) throw aborted('start');

	let n8n;
	try {
		n8n = await startN8n({ port: n8nPort, signal });
	} catch (e) {
		// taken since the check above; n8n logs "n8n's port 5678 is already in use…" and exits
		const m = /n8n's port (\d+) is already in use/.exec(String(/** @type {Error} */ (e).message));
		if (m && Number(m[1]) === n8nPort) throw await portInUseError(n8nPort, 'N8N_PORT', 'another n8n', mockPort);
		throw e;
	}
	const server = n8n;
	cleanups.push(() => server.stop());
	if (signal.aborted) throw aborted('start');

	const credential = await n8n.createCredential({
		name: 'Akool sandbox',
		type: 'akoolApi',
		data: { apiKey: mock.apiKey, clientId: mock.clientId, baseUrl: mock.url },
	});
	/** An example as a workflow of this n8n, with the sandbox credential. @param {string} file */
	const importExample = async (file) => {
		const example = JSON.parse(readFileSync(file, 'utf8'));
		// The sandbox's jobs take 8 s: check every 2 s instead of the examples' real-world 10 s.
		for (const node of example.nodes) {
			if (node.parameters?.operation === 'create') {
				node.parameters.options = { ...node.parameters.options, pollIntervalSeconds: 2 };
			}
		}
		return await n8n.createWorkflow(example, { credentials: { akoolApi: { id: credential.id, name: credential.name } } });
	};
	const workflow = await importExample(EXAMPLE);
	const formWorkflow = await importExample(FORM_EXAMPLE);
	await n8n.activate(formWorkflow.id);
	const formTrigger = JSON.parse(readFileSync(FORM_EXAMPLE, 'utf8')).nodes.find((/** @type {{ type: string }} */ node) => node.type === 'n8n-nodes-base.formTrigger');
	const formUrl = `${n8n.url}/form/${formTrigger.parameters.options.path}`;
	// n8n registers a published workflow's form a moment after publishing: print its URL once it answers.
	for (let tries = 0; tries < 40 && !signal.aborted; tries++) {
		if ((await fetch(formUrl).catch(() => undefined))?.status === 200) break;
		await sleep(250);
	}
	if (signal.aborted) throw aborted('start');

	say(`\nn8n is running: ${n8n.url}  (started in ${(n8n.startMs / 1000).toFixed(1)} s)`);
	if (n8n.owner) say(`Log in as ${n8n.owner.email} / ${n8n.owner.password}`);
	say(`Example workflow: ${n8n.url}/workflow/${workflow.id}  → "Execute workflow"`);
	say(`Form example (a photo and a recording → a talking photo): ${formUrl}  (workflow ${n8n.url}/workflow/${formWorkflow.id})`);
	say('Press Ctrl+C to stop (the sandbox n8n and its workflows are removed).');
}

const startup = start();

/** @param {string} reason */
async function stop(reason) {
	if (stopping) return;
	stopping = true;
	controller.abort();
	say(`\nStopping n8n and the Akool sandbox… (${reason})`);
	// A start in progress notices the abort within a few seconds (n8n's readiness wait stops n8n itself).
	await Promise.race([startup.catch(() => {}), sleep(60_000)]);
	await runCleanups();
	say('Stopped.');
	process.exit(0);
}

for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(sig, () => void stop(sig));

// npm killed with SIGKILL (or a parent shell gone without a signal): we are re-parented.
const parentPid = process.ppid;
setInterval(() => {
	if (process.ppid !== parentPid) void stop(`parent process ${parentPid} is gone`);
}, 500).unref();

startup.catch(async (error) => {
	if (stopping) return; // stop() exits
	stopping = true;
	controller.abort();
	try {
		if (error instanceof UserError) console.error(error.message);
		else console.error(error);
	} catch {
		/* no terminal any more */
	}
	await runCleanups();
	process.exit(1);
});
