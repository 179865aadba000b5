#!/usr/bin/env bash
# npm run scan: n8n's own community-package scanner (@n8n/scan-community-package) on the tarball
# that `npm publish` would upload, before it is published.
#
# The scanner's CLI only takes a published package name: it checks the npm provenance, fetches the
# GitHub source the provenance attests, `npm pack`s the package from the registry, and lints both
# (its registry URL is hard-coded, so npm_config_registry cannot point it at a local server). Its
# module exports the lint step itself, analyzePackage(dir, patterns), with n8n's exact rule set
# (allowInlineConfig: false, so eslint-disable comments do not count). This script runs that
# export on the same two legs the CLI lints:
#   source  - this checkout, with the scanner's SOURCE_FILE_PATTERNS (package.json, nodes/, credentials/)
#   tarball - `npm pack` of a fresh build, extracted, with ['**/*.js', 'package.json']
# Not covered here (it needs a published version): the provenance check; publish.yml publishes
# with --provenance so that it passes.
#
# The scanner is installed once per version into ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-akool/
# with --ignore-scripts: eslint-plugin-n8n-nodes-base@1.16.7 has a `preinstall: npx only-allow
# pnpm` that fails under npm, and isolated-vm (via n8n-workflow) wants a native build on Node 24;
# the lint needs neither. N8N_SCANNER_VERSION=x.y.z tries another scanner version.
# Exit 0 = no findings, 1 = findings, 2 = the scan itself could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scanner_version=${N8N_SCANNER_VERSION:-0.32.0}
t0=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/n8n-scan.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "scan: ERROR: $*" >&2; exit 2; }

# 1. The scanner, installed once per version (a half-done install is never used: built aside, then moved).
cache=${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-akool/scan-community-package-$scanner_version
scanner=$cache/node_modules/@n8n/scan-community-package/scanner/scanner.mjs
if [ ! -f "$scanner" ]; then
  rm -rf "$cache" # a broken earlier install, if any
  echo "scan: installing @n8n/scan-community-package@$scanner_version into $cache"
  mkdir -p "$(dirname "$cache")"
  staging=$(mktemp -d "$cache.tmp.XXXXXX")
  echo '{ "private": true }' >"$staging/package.json"
  if ! (cd "$staging" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
      "@n8n/scan-community-package@$scanner_version") >"$work/install.log" 2>&1; then
    cat "$work/install.log" >&2
    rm -rf "$staging"
    fail "could not install @n8n/scan-community-package@$scanner_version"
  fi
  if ! mv -T "$staging" "$cache" 2>/dev/null; then rm -rf "$staging"; fi # lost a race: the other one is whole
  [ -f "$scanner" ] || fail "no $scanner after the install"
fi

# 2. Build and pack exactly what `npm publish` would upload.
npm run build >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "npm run build failed"; }
tarball=$(npm pack --silent --pack-destination "$work") || fail "npm pack failed"
mkdir "$work/package"
tar -xzf "$work/$tarball" -C "$work/package" --strip-components=1

# 3. The scanner's two lint legs.
SCANNER="$scanner" ROOT="$root" DIST="$work/package" TARBALL="$tarball" \
  SCANNER_VERSION="$scanner_version" T0="$t0" node --input-type=module - <<'EOF'
import { readFileSync } from 'node:fs';
const { SCANNER, ROOT, DIST, TARBALL, SCANNER_VERSION, T0 } = process.env;

// The tarball leg's patterns are inline in analyzePackageByName (not exported): make sure that
// the installed scanner still lints its two legs this way before copying them.
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const code = readFileSync(SCANNER, 'utf8');
for (const call of [
	"analyzePackage(sourceDir, SOURCE_FILE_PATTERNS)",
	"analyzePackage(packageDir, ['**/*.js', 'package.json'])",
]) {
	if (!code.includes(call)) {
		console.error(`scan: ERROR: @n8n/scan-community-package@${SCANNER_VERSION} no longer calls ${call}; update scripts/scan-package.sh`);
		process.exit(2);
	}
}

const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);
const legs = [
	{ name: 'source', dir: ROOT, patterns: SOURCE_FILE_PATTERNS, shownAs: '' },
	{ name: 'tarball', dir: DIST, patterns: TARBALL_PATTERNS, shownAs: `${TARBALL}:package/` },
];
const pkg = JSON.parse(readFileSync(`${DIST}/package.json`, 'utf8'));
const summary = [];
let failed = false;
for (const leg of legs) {
	const result = await analyzePackage(leg.dir, leg.patterns);
	if (result.passed) {
		summary.push(`${leg.name} clean`);
		continue;
	}
	failed = true;
	if (!result.details) {
		// The lint itself broke (analyzePackage caught it and logged the error).
		console.error(`scan: ERROR: ${leg.name} leg: ${result.message}`);
		process.exit(2);
	}
	console.log(`\n--- ${leg.name} leg (${leg.dir}) ---`);
	console.log(result.details.replaceAll(`${leg.dir}/`, leg.shownAs).trimEnd());
	const counts = /\d+ errors?, \d+ warnings?/.exec(result.details);
	summary.push(counts ? `${leg.name} ${counts[0]}` : `${leg.name} failed`);
}
const seconds = Math.round(Date.now() / 1000 - Number(T0));
console.log(
	`${failed ? '\n' : ''}scan: ${failed ? 'FAILED' : 'passed'}: ${pkg.name}@${pkg.version} against @n8n/scan-community-package@${SCANNER_VERSION} rules: ${summary.join('; ')} (provenance is checked after publishing) in ${seconds} s`,
);
process.exit(failed ? 1 : 0);
EOF
