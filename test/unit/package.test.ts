/**
 * What `npm publish` would ship: only what n8n loads (built nodes and credential, their codex
 * files and icons) plus package.json, README and LICENSE; no source maps, type declarations,
 * build info, tests or sources, and no runtime dependencies (n8n's community-package rules).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

interface PackResult {
	files: Array<{ path: string }>;
	size: number;
}

let files: string[];
let size: number;

beforeAll(() => {
	// `npm test` builds before jest; `npm run test:unit` on a fresh clone may not have.
	if (!existsSync(join(root, 'dist', 'nodes', 'Akool', 'Akool.node.js'))) {
		execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe' });
	}
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'], {
		cwd: root,
		encoding: 'utf8',
	});
	const [result] = JSON.parse(out.slice(out.indexOf('['))) as PackResult[];
	files = result.files.map((file) => file.path).sort();
	size = result.size;
}, 120_000);

describe('the published package', () => {
	it('holds only the built nodes, the credential, codex files, icons, package.json, README, LICENSE', () => {
		const unexpected = files.filter(
			(file) =>
				!/^dist\/(nodes|credentials)\/.+\.js$/.test(file) &&
				!/^dist\/nodes\/[^/]+\/[^/]+\.node\.json$/.test(file) &&
				!/^dist\/icons\/[^/]+\.svg$/.test(file) &&
				!['package.json', 'README.md', 'LICENSE', 'index.js'].includes(file),
		);
		expect(unexpected).toEqual([]);
		expect(files.filter((file) => /\.(map|d\.ts|tsbuildinfo|ts)$/.test(file))).toEqual([]);
		// Everything n8n is told to load is in it, with the icons the nodes point at.
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		expect(files).toEqual(expect.arrayContaining(['dist/icons/akool.svg', 'dist/icons/akool.dark.svg']));
		expect(files).toEqual(
			expect.arrayContaining(['dist/nodes/Akool/Akool.node.json', 'dist/nodes/AkoolTrigger/AkoolTrigger.node.json']),
		);
		expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
		// eslint-disable-next-line no-console
		console.log(`npm pack: ${files.length} files, ${(size / 1024).toFixed(1)} KiB packed`);
	});

	it('has no runtime dependencies; n8n-workflow is the only peer', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.optionalDependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
	});
});
