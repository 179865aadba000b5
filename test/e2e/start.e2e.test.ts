/**
 * `npm start` as the README tells a user to run it (ports moved so it can run beside anything):
 * wait for its "n8n is running" line, run the example workflow through n8n's API (the same
 * manual run the editor's "Execute workflow" button sends), check the downloaded file against
 * the sandbox's bytes, then Ctrl+C (SIGINT to the process group, as a terminal does) and check
 * that n8n, its task runner and the sandbox are gone and their ports are free.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';

import { ensureN8n, freePort, REPO_ROOT, request } from './n8n';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** PIDs of live processes whose environment has `name=value` (Linux /proc). */
function processesWithEnv(name: string, value: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue;
			const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
			if (environ.includes(`${name}=${value}`)) pids.push(Number(entry));
		} catch {
			/* gone, or not ours to read */
		}
	}
	return pids;
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

let child: ChildProcess | undefined;
let output = '';

afterAll(async () => {
	// Only reached with a live child when an assertion failed half-way.
	if (child?.pid && child.exitCode === null) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
});

it('npm start serves n8n with the Akool nodes and the sandbox, runs the example, and stops on Ctrl+C', async () => {
	const n8nPort = await freePort();
	let mockPort = await freePort();
	while (mockPort === n8nPort) mockPort = await freePort();
	const t0 = Date.now();
	child = spawn('npm', ['start'], {
		cwd: REPO_ROOT,
		env: { ...process.env, N8N_PORT: String(n8nPort), MOCK_AKOOL_PORT: String(mockPort) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // its own process group, like a terminal's foreground job
	});
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child!.once('exit', (code, signal) => resolve({ code, signal })),
	);
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

	const deadline = Date.now() + 240_000;
	while (!/Press Ctrl\+C to stop/.test(output)) {
		if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
		if (Date.now() > deadline) throw new Error(`no "n8n is running" line after 240 s:\n${output}`);
		await sleep(200);
	}
	const readyMs = Date.now() - t0;
	const url = /n8n is running: (http:\/\/\S+)/.exec(output)![1];
	expect(url).toBe(`http://127.0.0.1:${n8nPort}`);
	expect(output).toContain(`Akool sandbox: http://127.0.0.1:${mockPort}`);
	const [, email, password] = /Log in as (\S+) \/ (\S+)/.exec(output)!;
	const workflowId = /Example workflow: \S+\/workflow\/(\S+)/.exec(output)![1];

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
	const stored = await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		// request() decodes text; fetch the binary raw
		import('node:http').then(({ get }) =>
			get(`${url}/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`, { headers }, (res) => {
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks)));
				res.on('error', reject);
			}).on('error', reject),
		);
	});
	const sandboxFile = await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		import('node:http').then(({ get }) =>
			get(`http://127.0.0.1:${mockPort}/files/${fileName}`, (res) => {
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks)));
				res.on('error', reject);
			}).on('error', reject),
		);
	});
	expect(stored.length).toBe(2 * 1024 * 1024);
	const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
	expect(sha(stored)).toBe(sha(sandboxFile));

	// Ctrl+C
	const n8nPids = processesWithEnv('N8N_PORT', String(n8nPort));
	expect(n8nPids.length).toBeGreaterThanOrEqual(1); // n8n (and its task runner)
	const envOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
	const brokerPort = Number(
		n8nPids
			.flatMap(envOf)
			.find((kv) => kv.startsWith('N8N_RUNNERS_BROKER_PORT='))!
			.split('=')[1],
	);
	expect(brokerPort).toBeGreaterThan(0);
	const t1 = Date.now();
	process.kill(-child.pid!, 'SIGINT');
	let timer: NodeJS.Timeout | undefined;
	const result = await Promise.race([
		exited,
		new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 60_000))),
	]);
	clearTimeout(timer);
	expect(result).not.toBe('timeout');
	const stopMs = Date.now() - t1;
	expect(output).toContain('Stopped.');
	expect(n8nPids.filter((pid) => processesWithEnv('N8N_PORT', String(n8nPort)).includes(pid))).toEqual([]);
	expect(await portIsFree(n8nPort)).toBe(true);
	expect(await portIsFree(mockPort)).toBe(true);
	expect(await portIsFree(brokerPort)).toBe(true);
	// eslint-disable-next-line no-console
	console.log(`npm start: ready in ${(readyMs / 1000).toFixed(1)} s, stopped in ${(stopMs / 1000).toFixed(1)} s (exit ${JSON.stringify(result)})`);
}, 420_000);
