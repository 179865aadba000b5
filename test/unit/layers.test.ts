import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Dependencies point downward: nodes → actions (registry, declarations) → helpers → transport.
 * The job table (helpers/jobs.ts) is pure data; helpers and the transport never reach up into
 * actions/ or methods/, and runtime code imports only n8n-workflow, crypto and itself.
 */
const root = join(__dirname, '../../nodes');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const imports = (file: string) =>
	[...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);

const all = files(root).map((file) => ({ file: relative(root, file), imports: imports(file) }));

describe('layers', () => {
	it.each(all.filter(({ file }) => /^Akool\/(helpers|transport)\//.test(file)))('$file imports nothing from actions/ or methods/', ({ imports }) => {
		expect(imports.filter((path) => /(^|\/)(actions|methods)(\/|$)/.test(path))).toEqual([]);
	});

	it('the job table is pure data (no transport, no I/O)', () => {
		const table = all.find(({ file }) => file === 'Akool/helpers/jobs.ts')!;
		expect(table.imports).toEqual(['n8n-workflow']);
	});

	it.each(all)('$file imports only n8n-workflow, crypto and package files', ({ imports }) => {
		expect(imports.filter((path) => !path.startsWith('.') && path !== 'n8n-workflow' && path !== 'crypto' && path !== 'node:crypto')).toEqual([]);
	});

	it('operation files import no other resource folder', () => {
		for (const { file, imports } of all.filter(({ file }) => /^Akool\/actions\/[^/]+\//.test(file))) {
			expect({ file, up: imports.filter((path) => /^\.\.\/[A-Za-z]+\//.test(path) && !path.startsWith('../../')) }).toEqual({ file, up: [] });
		}
	});
});
