#!/usr/bin/env bash
# Several server processes on one PostgreSQL under load (issue 18, ADRs 0055-0058): for each process count given,
# a fresh PostgreSQL (the embedded one, run alone: StandaloneDatabase), that many servers sharing its store, their
# keys and one certificate, their gateways clustered over Hazelcast, and N simulated peers enrolled through the
# processes in turn, so each sits on its own process's gateway; the counts run one after the other, side by side, on
# the same machine. Measures how fast a change made through the first
# process reaches every peer (several rounds, each putting a new peer into every map), and what the servers spend in
# CPU on each such change (a window with the change less a window without).
# Usage: ops/bench/cluster-load-test.sh [peers] [subset] [process counts, default "1 3"] [rounds, default 5]
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${1:-10000}
subset=${2:-1000}
counts=(${3:-1 3})
rounds=${4:-5}
ulimit -n "$(ulimit -Hn)"  # 10,000 sessions need 10,000 descriptors on each side

mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
jar=command-api/target/netloom-server.jar
work=$(mktemp -d /tmp/netloom-cluster-bench.XXXXXX)
started=()
stop_all() {
  [ ${#started[@]} -gt 0 ] && kill "${started[@]}" 2>/dev/null
  wait 2>/dev/null || true
  started=()
}
trap 'stop_all; rm -rf "$work"' EXIT

await_file() {  # a start on a loaded machine can take minutes
  for _ in $(seq 1 300); do [ -s "$1" ] && return 0; sleep 1; done
  echo "no $1 after 300 s; see the logs in $(dirname "$1")" >&2
  exit 1
}

# run COUNT: the whole measurement for COUNT processes; ports 18481.. (API), 18581.. (management),
# 18681.. (gateway), 18781.. (Hazelcast), loopback only.
run() {
  local count=$1 dir=$work/processes-$count i
  mkdir -p "$dir"
  java -cp "$jar" -Dloader.main=io.netloom.server.database.StandaloneDatabase \
    org.springframework.boot.loader.launch.PropertiesLauncher "$dir/postgres" "$dir/database.properties" \
    > "$dir/postgres.log" 2>&1 &
  started+=($!)
  await_file "$dir/database.properties"

  local urls=() gateways=() members=() pids=()
  for i in $(seq 1 "$count"); do
    urls+=("https://127.0.0.1:$((18480 + i))")
    gateways+=("wss://127.0.0.1:$((18680 + i))/v2/peer")
    members+=("127.0.0.1:$((18780 + i))")
  done
  for i in $(seq 1 "$count"); do
    # This process's gateway first: the peers enrolled through it connect to it.
    local own=("${gateways[$((i - 1))]}") g
    for g in "${gateways[@]}"; do [ "$g" = "${own[0]}" ] || own+=("$g"); done
    local options=(--spring.config.import="file:$dir/database.properties" --netloom.data-dir="$dir/server-$i"
      --netloom.keys-dir="$dir/keys" --netloom.public-url="${urls[0]}" --server.port=$((18480 + i))
      --management.server.port=$((18580 + i)) --netloom.gateway.host=127.0.0.1 --netloom.gateway.port=$((18680 + i))
      --netloom.gateway.urls="$(IFS=,; echo "${own[*]}")"
      --netloom.gateway.connections-per-second=100000 --netloom.gateway.connection-burst=100000)
    if [ "$count" -gt 1 ]; then
      options+=(--netloom.cluster.name="bench-$$-$count" --netloom.cluster.port=$((18780 + i))
        --netloom.cluster.members="$(IFS=,; echo "${members[*]}")")
    fi
    if [ "$i" -gt 1 ]; then
      # One certificate for all, the one the first process generated: copied, not configured, so that enrollment
      # answers still carry its fingerprint for devices to pin (as lab.sh's cluster does, ADR 0060).
      mkdir -p "$dir/server-$i"
      cp -a "$dir/server-1/tls" "$dir/server-$i/"
    fi
    java -Xmx1g -jar "$jar" "${options[@]}" > "$dir/server-$i.log" 2>&1 &
    started+=($!)
    pids+=($!)
    if [ "$i" -eq 1 ]; then
      await_file "$dir/server-1/admin-token"
    fi
  done
  for i in $(seq 1 "$count"); do
    for _ in $(seq 1 300); do
      curl -sf -o /dev/null "http://127.0.0.1:$((18580 + i))/actuator/health/readiness" && break
      sleep 1
    done
  done

  echo "== $count process(es), $peers peers (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx3g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.GatewayLoadTest \
    --url "$(IFS=,; echo "${urls[*]}")" --server-fingerprint "$(cat "$dir/server-1/server-fingerprint")" \
    --token-file "$dir/server-1/admin-token" --peers "$peers" --subset "$subset" --rounds "$rounds" --server-pids "$(IFS=,; echo "${pids[*]}")"
  for i in $(seq 1 "$count"); do
    echo "server $i: RSS $(ps -o rss= -p "${pids[$((i - 1))]}" | awk '{printf "%.0f MiB", $1/1024}')"
  done
  stop_all
}

for count in "${counts[@]}"; do
  run "$count"
done
