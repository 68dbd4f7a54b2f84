#!/bin/sh
# Installs the pinned js-libp2p test peer from the committed lockfile (run by the p2p module's build).
# Exits 0 without npm so a machine without Node still builds; the interop tests then skip, or fail
# under -Dinterop.required=true. A stamp avoids reinstalling while the lockfile is unchanged.
cd "$(dirname "$0")" || exit 1
if ! command -v npm >/dev/null 2>&1; then
  echo "[p2p] npm not found: js-libp2p interop tests will skip (or fail with -Dinterop.required=true)"
  exit 0
fi
if [ -f node_modules/.tally-lock-stamp ] && cmp -s package-lock.json node_modules/.tally-lock-stamp; then
  echo "[p2p] js-peer dependencies up to date"
  exit 0
fi
T=""
if command -v timeout >/dev/null 2>&1; then T="timeout 300"; fi
$T npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.tally-lock-stamp
