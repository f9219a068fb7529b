#!/usr/bin/env bash
# Start-up replay: fills a server's embedded event store with N events (default 1,000,000) and
# times the next two starts. The first links the filled events into the hash chain (ChainBackfill,
# ADR 0034) and rebuilds the directory and every network map from the store; the second only
# rebuilds, as every later start does.
# Usage: ops/bench/replay-benchmark.sh [--keep] [events]
#   --keep  leave the filled data directory in place (its path is printed at the end) for other
#           benchmarks to reuse, e.g. the history queries'; without it the directory is deleted.
set -euo pipefail
cd "$(dirname "$0")/../.."
keep=false
if [ "${1:-}" = --keep ]; then
  keep=true
  shift
fi
events=${1:-1000000}
port=18481
data=$(mktemp -d /tmp/netloom-replay.XXXXXX)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  cp "$data"/server-*.log /tmp/ 2>/dev/null
  if $keep; then echo "data directory kept: $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT

# Built in one reactor, not installed: the classpath names this build's module jars in target/.
mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt

start_server() {
  java -Xmx2g -jar command-api/target/netloom-server.jar --netloom.data-dir="$data" --server.port=$port --management.server.port=0 --netloom.gateway.port=0 \
    > "$data/server-$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 6000); do
    [ -s "$data/admin-token" ] && curl -sf -o /dev/null --cacert "$data/tls/server.crt" \
      -H "Authorization: Token $(cat "$data/admin-token")" "https://127.0.0.1:$port/api/accounts" && return 0
    sleep 0.1
  done
  echo "server did not start; see $data/server-$1.log" >&2
  return 1
}

start_server schema
kill "$server"; wait "$server" || true; server=

java -Xmx2g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.replay.EventStoreFiller \
  --data-dir "$data" --events "$events"

timed_start() {
  begin=$(date +%s.%N)
  start_server "$1"
  end=$(date +%s.%N)
  echo "$1 start:"
  grep -hE "Event chain: linked|rebuilt from" "$data/server-$1.log" | sed 's/.*INFO [0-9]* --- //'
  echo "server answering $(echo "$end - $begin" | bc) s after launch, RSS $(ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}')"
}

timed_start replay
kill "$server"; wait "$server" || true; server=
timed_start replay-again
