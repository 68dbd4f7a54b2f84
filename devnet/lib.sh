#!/usr/bin/env bash
# Shared helpers for the devnet scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEVNET_DIR="${TALLY_DEVNET_DIR:-$ROOT/devnet/.devnet}"
NET_DIR="$DEVNET_DIR/net"
WALLET_DIR="$DEVNET_DIR/wallet"
NODE_JAR="$ROOT/node/target/tally-node.jar"
GENESIS_JAR="$ROOT/genesis/target/genesis.jar"
WALLET_JAR="$ROOT/wallet-cli/target/tally-wallet.jar"
JAVA_OPTS_NODE="${TALLY_NODE_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC}"

die() { echo "devnet: $*" >&2; exit 1; }
info() { echo "devnet: $*" >&2; }

ensure_built() {
  if [[ ! -f "$NODE_JAR" || ! -f "$GENESIS_JAR" || ! -f "$WALLET_JAR" || "${TALLY_REBUILD:-0}" == 1 ]]; then
    info "building (mvn package, tests skipped; this takes a minute the first time)..."
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl node,genesis,wallet-cli -am) >&2 \
      || die "build failed; run 'mvn -B -DskipTests package' to see why"
  fi
}

require_devnet() {
  [[ -f "$DEVNET_DIR/devnet.env" ]] || die "no devnet in $DEVNET_DIR; run devnet/up first"
  # shellcheck disable=SC1091
  source "$DEVNET_DIR/devnet.env"
}

node_dir() { echo "$NET_DIR/node$1"; }

node_index() {
  local n="${1:-}"
  n="${n#node}"
  [[ "$n" =~ ^[0-9]+$ ]] || die "expected a node number like 0 or node0, got '${1:-}'"
  [[ -d "$(node_dir "$n")" ]] || die "no node$n in this devnet"
  echo "$n"
}

node_pid() {
  local f; f="$(node_dir "$1")/node.pid"
  [[ -f "$f" ]] || return 1
  local pid; pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

rpc_port() { echo $((RPC_BASE + $1)); }
rpc_url() { echo "http://127.0.0.1:$(rpc_port "$1")"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_node() {
  local i="$1" dir; dir="$(node_dir "$i")"
  if node_pid "$i" >/dev/null; then info "node$i is already running"; return 0; fi
  port_in_use "$(rpc_port "$i")" && die "RPC port $(rpc_port "$i") of node$i is in use by another process"
  port_in_use $((P2P_BASE + i)) && die "p2p port $((P2P_BASE + i)) of node$i is in use by another process"
  # shellcheck disable=SC2086
  nohup java $JAVA_OPTS_NODE -jar "$NODE_JAR" run --config "$dir/node.json" >>"$dir/node.log" 2>&1 &
  echo $! >"$dir/node.pid"
  info "started node$i (pid $!), log $dir/node.log"
}

wait_ready() {
  local i="$1" deadline=$((SECONDS + ${2:-60}))
  while (( SECONDS < deadline )); do
    if curl -fsS -m 2 "$(rpc_url "$i")/ready" >/dev/null 2>&1; then return 0; fi
    node_pid "$i" >/dev/null || die "node$i exited; see $(node_dir "$i")/node.log"
    sleep 0.5
  done
  die "node$i not ready after ${2:-60}s; see $(node_dir "$i")/node.log"
}

wallet() {
  java -jar "$WALLET_JAR" --keystore "$WALLET_DIR/keystore" "$@"
}

rpc_call() { # node method params-json
  curl -fsS -m 5 -H 'Content-Type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":${3:-[]}}" "$(rpc_url "$1")"
}
