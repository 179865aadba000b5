/**
 * `npm start` as the README tells a user to run it (ports moved so it can run beside anything).
 *
 * - The main run waits for its "n8n is running" line, runs the example workflow through n8n's API
 *   (the same manual run the editor's "Execute workflow" button sends), checks the downloaded file
 *   against the sandbox's bytes, then sends SIGTERM to the npm process alone (a supervisor, `kill`).
 * - SIGINT to the npm process alone; Ctrl+C (SIGINT to the whole process group, as a terminal
 *   does) while n8n is still starting; npm killed with SIGKILL while n8n is starting.
 * - Each stop: npm exits (code 0, "Stopped.") within STOP_BOUND_MS, every process that was below
 *   npm (found by parent pid: start.js, n8n, its task runner, the watchdog, the build) and every
 *   process carrying the run's environment is gone, the n8n, task-broker and sandbox ports are
 *   free and n8n's user folder is removed.
 * - A port in use (N8N_PORT, MOCK_AKOOL_PORT): one line on stderr naming the port and the fix,
 *   exit code 1 within seconds, nothing left running.
 *
 * Why the npm process matters: npm 11 forwards SIGINT/SIGTERM only to its direct child. With the
 * old `npm run build && node scripts/start.js` that child was `sh -c …`: SIGTERM killed sh and npm
 * and left n8n running; SIGINT was held by sh and stopped nothing. See scripts/start.js.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';

import { ensureN8n, freePort, REPO_ROOT, request } from './n8n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** From the signal to npm's exit, and to every process being gone. n8n shuts down in ~1 s. */
const STOP_BOUND_MS = 30_000;

function procStat(pid: number): { state: string; ppid: number } | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return { state: rest[0], ppid: Number(rest[1]) };
	} catch {
		return undefined;
	}
}

/** Alive and not a zombie. */
function isAlive(pid: number): boolean {
	const s = procStat(pid);
	return s !== undefined && s.state !== 'Z';
}

function allPids(): number[] {
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map(Number);
}

/** `root` and every live process below it (by parent pid; detached children included). */
function descendants(root: number): number[] {
	const parents = new Map<number, number>();
	for (const pid of allPids()) {
		const s = procStat(pid);
		if (s && s.state !== 'Z') parents.set(pid, s.ppid);
	}
	const out = new Set([root]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const [pid, ppid] of parents) {
			if (!out.has(pid) && out.has(ppid)) {
				out.add(pid);
				grew = true;
			}
		}
	}
	return [...out];
}

function cmdline(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 160);
	} catch {
		return '';
	}
}

function environ(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
	} catch {
		return [];
	}
}

/** PIDs of live processes whose environment has `name=value` (Linux /proc). */
function processesWithEnv(name: string, value: string): number[] {
	return allPids().filter((pid) => isAlive(pid) && environ(pid).includes(`${name}=${value}`));
}

function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

interface Run {
	child: ChildProcess;
	pid: number;
	n8nPort: number;
	mockPort: number;
	/** every process started for this run (except n8n's, which get a clean environment) carries it */
	tag: string;
	output: () => string;
	stderr: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	waitFor: (re: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
}

const runs: Run[] = [];

async function twoFreePorts(): Promise<[number, number]> {
	const a = await freePort();
	let b = await freePort();
	while (b === a) b = await freePort();
	return [a, b];
}

async function npmStart(ports?: { n8nPort: number; mockPort: number }): Promise<Run> {
	const [n8nPort, mockPort] = ports ? [ports.n8nPort, ports.mockPort] : await twoFreePorts();
	const tag = randomBytes(6).toString('hex');
	let output = '';
	let stderr = '';
	const child = spawn('npm', ['start'], {
		cwd: REPO_ROOT,
		env: { ...process.env, N8N_PORT: String(n8nPort), MOCK_AKOOL_PORT: String(mockPort), START_E2E_TAG: tag },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // its own process group, like a terminal's foreground job
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		stderr += chunk.toString();
	});
	const run: Run = {
		child,
		pid: child.pid!,
		n8nPort,
		mockPort,
		tag,
		output: () => output,
		stderr: () => stderr,
		exited,
		waitFor: async (re, timeoutMs = 240_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const m = re.exec(output);
				if (m) return m;
				if (child.exitCode !== null || child.signalCode !== null) {
					throw new Error(`npm start exited (${child.exitCode ?? child.signalCode}) before ${re}:\n${output}`);
				}
				if (Date.now() > deadline) throw new Error(`no ${re} after ${timeoutMs} ms:\n${output}`);
				await sleep(100);
			}
		},
	};
	runs.push(run);
	return run;
}

afterAll(async () => {
	// Only finds live processes when an assertion failed half-way. The watchdog is spared: once its
	// owner (start.js) is gone it removes n8n's user folder.
	for (const run of runs) {
		const pids = [...descendants(run.pid), ...processesWithEnv('START_E2E_TAG', run.tag)];
		for (const pid of pids.filter((p) => !/watchdog\.js/.test(cmdline(p)))) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	}
});

/**
 * n8n's main process for `run`: its environment (a clean one, set by startN8n) has the run's
 * N8N_PORT and an N8N_USER_FOLDER (npm and start.js have the port but no user folder).
 */
function n8nMain(run: Run): number | undefined {
	return processesWithEnv('N8N_PORT', String(run.n8nPort)).find((pid) =>
		environ(pid).some((kv) => kv.startsWith('N8N_USER_FOLDER=')),
	);
}

async function waitForN8nProcess(run: Run): Promise<number> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const pid = n8nMain(run);
		if (pid) return pid;
		if (Date.now() > deadline) throw new Error(`n8n not spawned after 60 s:\n${run.output()}`);
		await sleep(50);
	}
}

/** What is running for `run` right now: the npm tree, n8n and its task runner, its broker port and user folder. */
function snapshot(run: Run) {
	const main = n8nMain(run);
	const n8nPids = main ? descendants(main) : [];
	const n8nEnv = main ? environ(main) : [];
	const value = (name: string) => n8nEnv.find((kv) => kv.startsWith(`${name}=`))?.split('=')[1];
	const pids = [...new Set([...descendants(run.pid), ...n8nPids])];
	return {
		pids,
		described: pids.map((pid) => `${pid} ${cmdline(pid)}`),
		n8nPids,
		brokerPort: Number(value('N8N_RUNNERS_BROKER_PORT') || 0),
		userFolder: value('N8N_USER_FOLDER'),
	};
}

/**
 * Sends `signal` (to npm alone or to its group), then checks that npm exits and that nothing of
 * the run is left, all within STOP_BOUND_MS. Returns the time to npm's exit and to the last process gone.
 */
async function stopAndCheck(
	run: Run,
	signal: NodeJS.Signals,
	target: 'npm' | 'group',
): Promise<{ exitMs: number; goneMs: number; exit: { code: number | null; signal: NodeJS.Signals | null } }> {
	const before = snapshot(run);
	expect(before.n8nPids.length).toBeGreaterThanOrEqual(1);
	expect(before.brokerPort).toBeGreaterThan(0);
	expect(before.userFolder && existsSync(before.userFolder)).toBeTruthy();
	const t0 = Date.now();
	process.kill(target === 'group' ? -run.pid : run.pid, signal);
	let timer: NodeJS.Timeout | undefined;
	const exit = await Promise.race([
		run.exited,
		new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STOP_BOUND_MS))),
	]);
	clearTimeout(timer);
	if (exit === 'timeout') throw new Error(`npm start still running ${STOP_BOUND_MS} ms after ${signal}:\n${run.output()}`);
	const exitMs = Date.now() - t0;
	// npm waits for start.js, which waits for n8n and its runner: everything should be gone by now;
	// allow a moment for the watchdog, which gets its SIGTERM last.
	const isLeft = () =>
		[...before.pids, ...processesWithEnv('START_E2E_TAG', run.tag), ...processesWithEnv('N8N_PORT', String(run.n8nPort))].filter(
			isAlive,
		);
	while (isLeft().length && Date.now() - t0 < STOP_BOUND_MS) await sleep(50);
	const goneMs = Date.now() - t0;
	const left = [...new Set(isLeft())];
	expect({ left: left.map((pid) => `${pid} ${cmdline(pid)}`), before: before.described }).toEqual({ left: [], before: before.described });
	expect(await portIsFree(run.n8nPort)).toBe(true);
	expect(await portIsFree(run.mockPort)).toBe(true);
	expect(await portIsFree(before.brokerPort)).toBe(true);
	expect(existsSync(before.userFolder!)).toBe(false);
	return { exitMs, goneMs, exit };
}

const timings: string[] = [];
afterAll(() => {
	// eslint-disable-next-line no-console
	if (timings.length) console.log(`npm start:\n  ${timings.join('\n  ')}`);
});

it('npm start serves n8n with the Akool nodes and the sandbox, runs the example, and stops on SIGTERM to the npm process', async () => {
	const t0 = Date.now();
	const run = await npmStart();
	const output = run.output;
	await run.waitFor(/Press Ctrl\+C to stop/);
	const readyMs = Date.now() - t0;
	const url = /n8n is running: (http:\/\/\S+)/.exec(output())![1];
	expect(url).toBe(`http://127.0.0.1:${run.n8nPort}`);
	expect(output()).toContain(`Akool sandbox: http://127.0.0.1:${run.mockPort}`);
	const [, email, password] = /Log in as (\S+) \/ (\S+)/.exec(output())!;
	const workflowId = /Example workflow: \S+\/workflow\/(\S+)/.exec(output())![1];
	// The form example is published: its form page is live (akool.e2e submits it).
	const formUrl = /Form example [^:]+: (http:\/\/\S+)/.exec(output())![1];
	expect(formUrl).toBe(`${url}/form/talking-photo`);
	const formPage = await request('GET', formUrl);
	expect(formPage.status).toBe(200);
	expect(String(formPage.body)).toContain('Make your photo talk');

	// Log in as the user would, then press "Execute workflow" through the editor's REST API.
	const login = await request('POST', `${url}/rest/login`, {
		body: { emailOrLdapLoginId: email, password },
		headers: { 'browser-id': 'start-e2e' },
	});
	expect(login.status).toBe(200);
	const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='))!;
	const headers = { cookie, 'browser-id': 'start-e2e' };
	const workflow = (await request('GET', `${url}/rest/workflows/${workflowId}`, { headers })).body.data;
	const trigger = workflow.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.manualTrigger');
	const started = await request('POST', `${url}/rest/workflows/${workflowId}/run`, {
		body: { triggerToStartFrom: { name: trigger.name } },
		headers,
	});
	expect(started.status).toBe(200);
	const executionId = started.body.data.executionId as string;
	expect(executionId).toBeTruthy();

	let execution: { status: string; data: string } | undefined;
	const runDeadline = Date.now() + 90_000;
	for (;;) {
		execution = (await request('GET', `${url}/rest/executions/${executionId}`, { headers })).body.data;
		if (execution && ['success', 'error', 'crashed', 'canceled'].includes(execution.status)) break;
		if (Date.now() > runDeadline) throw new Error(`execution ${executionId} still ${execution?.status} after 90 s`);
		await sleep(500);
	}
	expect(execution.status).toBe('success');
	// The REST API hands back the stored (flatted) form; parse it with n8n's own flatted.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(ensureN8n().home, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	const data = flatted.parse(execution.data) as {
		resultData: { runData: Record<string, Array<{ data: { main: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, { id: string; mimeType: string; fileName: string }> }>> } }>> };
	};
	const [item] = data.resultData.runData['Character Swap'][0].data.main[0];
	expect(item.json).toMatchObject({ status: 3, statusText: 'completed' });
	const binary = item.binary!.data;
	expect(binary.mimeType).toBe('video/mp4');
	const fileName = binary.fileName;
	const binaryId = binary.id;
	expect(fileName).toBe(`${String(item.json.jobId)}.mp4`);
	expect(data.resultData.runData['Credits Left'][0].data.main[0][0].json).toHaveProperty('credit');

	// The file n8n stored is byte for byte the sandbox's result.
	const download = (fileUrl: string, h: Record<string, string> = {}) =>
		new Promise<Buffer>((resolve, reject) => {
			const chunks: Buffer[] = [];
			// request() decodes text; fetch the binary raw
			import('node:http').then(({ get }) =>
				get(fileUrl, { headers: h }, (res) => {
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve(Buffer.concat(chunks)));
					res.on('error', reject);
				}).on('error', reject),
			);
		});
	const stored = await download(`${url}/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`, headers);
	const sandboxFile = await download(`http://127.0.0.1:${run.mockPort}/files/${fileName}`);
	expect(sandboxFile.length).toBeGreaterThan(0);
	expect(stored.length).toBe(sandboxFile.length);
	const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
	expect(sha(stored)).toBe(sha(sandboxFile));

	// n8n and its JS task runner (which ran the workflow's code) are among the processes that must go.
	const n8nProcesses = snapshot(run).n8nPids.map(cmdline);
	expect(n8nProcesses.filter((cmd) => /task-runner/.test(cmd))).toHaveLength(1);
	const stop = await stopAndCheck(run, 'SIGTERM', 'npm');
	expect(stop.exit).toEqual({ code: 0, signal: null });
	expect(output()).toContain('Stopped.');
	timings.push(`example run: ready in ${(readyMs / 1000).toFixed(1)} s; SIGTERM to npm: npm exited in ${stop.exitMs} ms, all gone in ${stop.goneMs} ms`);
}, 420_000);

it('stops on SIGINT to the npm process', async () => {
	const t0 = Date.now();
	const run = await npmStart();
	await run.waitFor(/Press Ctrl\+C to stop/);
	const readyMs = Date.now() - t0;
	const stop = await stopAndCheck(run, 'SIGINT', 'npm');
	expect(stop.exit).toEqual({ code: 0, signal: null });
	expect(run.output()).toContain('Stopped.');
	timings.push(`ready in ${(readyMs / 1000).toFixed(1)} s; SIGINT to npm: npm exited in ${stop.exitMs} ms, all gone in ${stop.goneMs} ms`);
}, 300_000);

it('stops on Ctrl+C (SIGINT to the process group) while n8n is still starting', async () => {
	const run = await npmStart();
	await waitForN8nProcess(run);
	await sleep(1000); // n8n is spawned, not ready yet (it takes ~10 s)
	expect(run.output()).not.toContain('n8n is running');
	const stop = await stopAndCheck(run, 'SIGINT', 'group');
	expect(stop.exit).toEqual({ code: 0, signal: null });
	expect(run.output()).toContain('Stopped.');
	expect(run.output()).not.toContain('n8n is running');
	timings.push(`Ctrl+C while n8n starts: npm exited in ${stop.exitMs} ms, all gone in ${stop.goneMs} ms`);
}, 300_000);

it('stops when npm is killed with SIGKILL (start.js notices its parent is gone)', async () => {
	const run = await npmStart();
	await waitForN8nProcess(run);
	const stop = await stopAndCheck(run, 'SIGKILL', 'npm');
	expect(stop.exit).toEqual({ code: null, signal: 'SIGKILL' });
	// start.js's own output still reaches the pipe after npm is gone
	await sleep(200);
	expect(run.output()).toContain('Stopped.');
	timings.push(`SIGKILL to npm while n8n starts: all gone in ${stop.goneMs} ms`);
}, 300_000);

describe.each([
	['N8N_PORT', 'another n8n'],
	['MOCK_AKOOL_PORT', 'another Akool sandbox'],
] as const)('%s in use', (envName, what) => {
	it('prints one line naming the port and the fix, exits 1 at once, leaves nothing running', async () => {
		const [n8nPort, mockPort] = await twoFreePorts();
		const taken = envName === 'N8N_PORT' ? n8nPort : mockPort;
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(taken, '127.0.0.1', resolve));
		try {
			const t0 = Date.now();
			const run = await npmStart({ n8nPort, mockPort });
			let timer: NodeJS.Timeout | undefined;
			const exit = await Promise.race([
				run.exited,
				new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 20_000))),
			]);
			clearTimeout(timer);
			const ms = Date.now() - t0;
			expect(exit).toEqual({ code: 1, signal: null });
			const lines = run.stderr().split('\n').filter(Boolean);
			expect(lines).toHaveLength(1);
			const m = new RegExp(
				`^Port ${taken} is in use \\(${what}\\?\\)\\. Stop it or choose another: ${envName}=(\\d+) npm start$`,
			).exec(lines[0]);
			expect({ line: lines[0], matches: !!m }).toEqual({ line: lines[0], matches: true });
			const suggested = Number(m![1]);
			expect(suggested).not.toBe(taken);
			expect(suggested).not.toBe(envName === 'N8N_PORT' ? mockPort : n8nPort);
			// stdout: only npm's "> n8n-nodes-akool@… start" banner; no stack trace anywhere
			expect(run.output()).not.toMatch(/^\s+at /m);
			expect(run.output()).not.toMatch(/Error/);
			expect(run.output()).not.toContain('Akool sandbox:');
			expect(processesWithEnv('START_E2E_TAG', run.tag)).toEqual([]);
			expect(processesWithEnv('N8N_PORT', String(n8nPort))).toEqual([]);
			expect(await portIsFree(envName === 'N8N_PORT' ? mockPort : n8nPort)).toBe(true);
			expect(ms).toBeLessThan(10_000);
			timings.push(`${envName} in use: exit 1 in ${ms} ms: ${lines[0]}`);
		} finally {
			await new Promise((resolve) => blocker.close(resolve));
		}
	}, 60_000);
});
