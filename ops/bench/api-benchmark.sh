#!/usr/bin/env bash
# Enrollment throughput and peer-listing latency of a real server on the embedded database.
# Usage: ops/bench/api-benchmark.sh [peers] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${1:-5000}
concurrency=${2:-16}
port=18480
data=$(mktemp -d /tmp/netloom-bench.XXXXXX)
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT

mvn -B -q -o install -DskipTests
mvn -B -q -o -pl ops dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -jar command-api/target/netloom-server.jar --netloom.data-dir="$data" --server.port=$port \
  > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  [ -s "$data/admin-token" ] && curl -sf -o /dev/null -H "Authorization: Token $(cat "$data/admin-token")" \
    "http://127.0.0.1:$port/api/accounts" && break
  sleep 1
done
java -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.ApiBenchmark \
  --url "http://127.0.0.1:$port" --token-file "$data/admin-token" --peers "$peers" --concurrency "$concurrency"
echo "server RSS after the run: $(ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}')"
