import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { operations, RESOURCES } from '../../nodes/Akool/actions/resources';
import { JOB_FAMILIES } from '../../nodes/Akool/helpers/jobs';
import type { JobFamilyKey } from '../../nodes/Akool/helpers/jobs';
import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { ENDPOINTS } from '../reference/endpoints';

/**
 * The coverage check: every Akool endpoint is either implemented — by a node operation with an
 * action sentence and a mock route — or out of scope for a stated reason. The endpoint list must
 * match the reference row by row, and the README's operation table must match the node (no drift).
 * Prints the coverage count. That a workflow test really calls each implemented endpoint is not
 * checked here (a file cannot see the other files' runs): the run's request log does it, after a
 * run of the whole workflow tier (test/coverage/global-teardown.ts, from the sandbox's requests).
 */
const root = join(__dirname, '../..');
const reference = readFileSync(join(root, 'test/reference/akool-api.md'), 'utf8');
const summary = reference.slice(reference.indexOf('## 1. Summary'), reference.indexOf('## 2. Conventions'));

const implemented = ENDPOINTS.filter((endpoint) => endpoint.operation);
const outOfScope = ENDPOINTS.filter((endpoint) => endpoint.outOfScope);

let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 200 });
});
afterAll(async () => await mock.close());

describe('coverage of the Akool API', () => {
	it('lists every row of the reference (1–71, grouped rows expanded) and the 21 Swap Studio V5 endpoints', () => {
		const rows = [...summary.matchAll(/^\| (\d+)(?:–(\d+))? \|/gm)].flatMap(([, from, to]) =>
			Array.from({ length: Number(to ?? from) - Number(from) + 1 }, (_, k) => String(Number(from) + k)),
		);
		expect(rows).toHaveLength(71);
		expect(ENDPOINTS.filter((endpoint) => endpoint.row !== 'V5').map((endpoint) => endpoint.row)).toEqual(rows);
		expect(ENDPOINTS.filter((endpoint) => endpoint.row === 'V5')).toHaveLength(21);
		// Single rows name their path: it must be the reference's, method included.
		for (const [, row, method, path] of summary.matchAll(/^\| (\d+) \|[^|]*\|[^|]*\| (GET|POST|DELETE) \| `([^`?]+)/gm)) {
			const entry = ENDPOINTS.find((endpoint) => endpoint.row === row)!;
			expect({ row, method: entry.method, path: entry.path }).toEqual({ row, method, path: path.replace(/\{_?id\}/, '{_id}') });
		}
	});

	it('every entry is implemented or out of scope with a reason, never both', () => {
		for (const endpoint of ENDPOINTS) expect(Boolean(endpoint.operation) !== Boolean(endpoint.outOfScope)).toBe(true);
	});

	it.each(implemented.map((endpoint) => [`#${endpoint.row} ${endpoint.method} ${endpoint.path}`, endpoint] as const))(
		'%s: node operation with an action, job store, mock route',
		async (_name, endpoint) => {
			const [resource, operation] = endpoint.operation!.split('.');
			const module = operations[resource]?.[operation];
			expect(module).toBeDefined();
			expect(module.option.action).toMatch(/^[A-Z][a-z-]+ /);
			if (endpoint.jobType) {
				const family = JOB_FAMILIES[endpoint.jobType as JobFamilyKey];
				expect(family).toBeDefined();
				expect(family.poll.path.replace('{id}', '{_id}')).toBe(endpoint.path);
			}
			// The mock serves the route (any answer but "no such route").
			const path = endpoint.path.replace('{_id}', '000000000000000000000000');
			const response = await fetch(`${mock.url}${path}`, {
				method: endpoint.method,
				headers: { 'x-api-key': mock.apiKey, 'content-type': 'application/json' },
				body: endpoint.method === 'GET' ? undefined : '{}',
			});
			expect({ path, status: response.status }).not.toEqual({ path, status: 404 });
		},
	);

	it('prints the coverage count', () => {
		const reasons = outOfScope.reduce<Record<string, number>>((count, endpoint) => ({ ...count, [endpoint.outOfScope!]: (count[endpoint.outOfScope!] ?? 0) + 1 }), {});
		const nodeOperations = RESOURCES.reduce((n, resource) => n + Object.keys(resource.operations).length, 0);
		// eslint-disable-next-line no-console
		console.log(
			`Akool coverage: ${implemented.length} of ${implemented.length} in-scope endpoints implemented by ${nodeOperations} node operations; ` +
				`${outOfScope.length} out of scope (${Object.entries(reasons).map(([reason, n]) => `${n} ${reason}`).join(', ')}); ${ENDPOINTS.length} endpoints in all.`,
		);
		expect(implemented.length + outOfScope.length).toBe(ENDPOINTS.length);
	});
});

describe('README operation table', () => {
	it('lists exactly the node\'s resources and operations', () => {
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		const table = readme.slice(readme.indexOf('| Resource | Operation | What it does |'));
		const lines = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
		const documented = new Set<string>();
		let resource = '';
		for (const line of lines) {
			const [, first, second] = line.split('|').map((cell) => cell.trim());
			if (first) resource = first.replace(/\s*\([^)]*\)$/, '');
			for (const name of second.split(' / ')) documented.add(`${resource} → ${name.trim()}`);
		}
		const node = new Set(RESOURCES.flatMap((r) => Object.values(r.operations).map((op) => `${r.name.replace(/\s*\([^)]*\)$/, '')} → ${op.option.name}`)));
		expect([...documented].sort()).toEqual([...node].sort());
	});
});
