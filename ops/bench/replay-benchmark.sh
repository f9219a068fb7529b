#!/usr/bin/env bash
# Start-up replay: fills a server's embedded event store with N events (default 1,000,000) and
# times the next two starts. The first links the filled events into the hash chain (ChainBackfill,
# ADR 0034) and rebuilds the directory and every network map from the store; the second only
# rebuilds, as every later start does. Then a server writes a read-model snapshot (ADR 0054) in the
# background, and three starts from that snapshot and the events after it are timed, then three more of the
# server as Spring Boot's efficient deployment launches it: the jar extracted, with a class data sharing archive
# from a training start (README, "Faster starts"; ADR 0065).
# Usage: ops/bench/replay-benchmark.sh [--keep] [events]
#        ops/bench/replay-benchmark.sh --snapshot-starts DIRECTORY [runs]
#   --keep             leave the filled data directory in place (its path is printed at the end) for
#                      other benchmarks to reuse, e.g. the history queries'; without it the directory is deleted.
#   --snapshot-starts  only time starts from the snapshot in a directory kept by an earlier run (default 3 runs
#                      of each launch), with this build's server.
set -euo pipefail
cd "$(dirname "$0")/../.."
keep=false
reuse=
if [ "${1:-}" = --keep ]; then
  keep=true
  shift
elif [ "${1:-}" = --snapshot-starts ]; then
  reuse=$2
  keep=true
  shift 2
fi
if [ -n "$reuse" ]; then runs=${1:-3}; else events=${1:-1000000}; fi
port=18481
data=${reuse:-$(mktemp -d /tmp/netloom-replay.XXXXXX)}
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null
  cp "$data"/server-*.log /tmp/ 2>/dev/null
  if $keep; then echo "data directory kept: $data"; else rm -rf "$data"; fi
}
trap cleanup EXIT

# Built in one reactor, not installed: the classpath names this build's module jars in target/.
mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
# The server runs from a copy: a build in this working tree while the benchmark runs must not replace it.
cp command-api/target/netloom-server.jar "$data/netloom-server.jar"

# How the server is launched: the executable jar, until efficient_launch switches to the extracted one.
launch=(java -Xmx2g -jar "$data/netloom-server.jar")

start_server() {
  local name=$1
  shift
  "${launch[@]}" --netloom.data-dir="$data" --server.port=$port --management.server.port=0 \
    --netloom.gateway.port=0 "$@" > "$data/server-$name.log" 2>&1 &
  server=$!
  for _ in $(seq 1 6000); do
    [ -s "$data/admin-token" ] && curl -sf -o /dev/null --cacert "$data/tls/server.crt" \
      -H "Authorization: Token $(cat "$data/admin-token")" "https://127.0.0.1:$port/api/accounts" && return 0
    sleep 0.1
  done
  echo "server did not start; see $data/server-$name.log" >&2
  return 1
}

stop_server() {
  kill "$server"; wait "$server" || true; server=
  # On a busy machine the server's PostgreSQL can outlive it (seen 2026-12-06 at load 11-16): the filler would find
  # the old postmaster there and give up. Wait for it, then ask it to shut down (SIGINT: fast shutdown).
  for attempt in $(seq 1 600); do
    [ -e "$data/postgres/postmaster.pid" ] || return 0
    [ "$attempt" = 100 ] && kill -INT "$(head -1 "$data/postgres/postmaster.pid")" 2>/dev/null
    sleep 0.1
  done
}

timed_start() {
  begin=$(date +%s.%N)
  start_server "$1"
  end=$(date +%s.%N)
  echo "$1 start:"
  grep -hE "Event chain: linked|rebuilt from" "$data/server-$1.log" | sed 's/.*INFO [0-9]* --- //'
  echo "server answering $(echo "$end - $begin" | bc) s after launch, RSS $(ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}')"
}

snapshot_starts() {
  for run in $(seq 1 "$1"); do
    timed_start "from-snapshot-$2-$run"
    stop_server
  done
}

# The README's "Faster starts": extract the jar, record the classes a whole start loads in a training start (on a
# data directory of its own, so the kept store is not touched; the JVM writes the archive as it exits), then launch
# with that archive.
efficient_launch() {
  rm -rf "$data/extracted" "$data/cds-training"
  java -Djarmode=tools -jar "$data/netloom-server.jar" extract --destination "$data/extracted" > /dev/null
  java -XX:ArchiveClassesAtExit="$data/extracted/netloom-server.jsa" -jar "$data/extracted/netloom-server.jar" \
    --netloom.data-dir="$data/cds-training" --server.port=0 --management.server.port=0 --netloom.gateway.port=0 \
    > "$data/server-cds-training.log" 2>&1 &
  server=$!
  for _ in $(seq 1 6000); do
    grep -q "Started NetloomServer" "$data/server-cds-training.log" && break
    sleep 0.1
  done
  kill "$server"; wait "$server" || true; server=
  launch=(java -Xmx2g -XX:SharedArchiveFile="$data/extracted/netloom-server.jsa"
    -jar "$data/extracted/netloom-server.jar")
}

if [ -n "$reuse" ]; then
  snapshot_starts "$runs" jar
  efficient_launch
  snapshot_starts "$runs" extracted-cds
  exit 0
fi

start_server schema
stop_server

java -Xmx2g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.replay.EventStoreFiller \
  --data-dir "$data" --events "$events"

timed_start replay
stop_server
timed_start replay-again
stop_server

# The snapshot writer's first look, at once: the store has no snapshot, so it builds one from every event.
begin=$(date +%s.%N)
start_server snapshot-writer --netloom.read-model-snapshots.first-check=0s
for _ in $(seq 1 18000); do
  grep -q "Read-model snapshot .* written" "$data/server-snapshot-writer.log" && break
  grep -q "read-model-snapshots failed\|OutOfMemoryError" "$data/server-snapshot-writer.log" && break
  sleep 0.1
done
end=$(date +%s.%N)
grep -hE "Read-model snapshot .* written|read-model-snapshots failed|OutOfMemoryError" "$data/server-snapshot-writer.log" \
  | sed 's/.*INFO [0-9]* --- //'
echo "snapshot written $(echo "$end - $begin" | bc) s after launch"
stop_server

snapshot_starts 3 jar
efficient_launch
snapshot_starts 3 extracted-cds
