#!/usr/bin/env bash
# Enrollment throughput and peer-listing latency of a real server on the embedded database,
# driven by the Java load client. Usage: ops/bench/api-benchmark.sh [peers] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${1:-5000}
concurrency=${2:-16}
server_options=()
source ops/bench/server.sh

java -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.ApiBenchmark \
  --url "$url" --server-fingerprint "$fingerprint" --token-file "$data/admin-token" --peers "$peers" \
  --concurrency "$concurrency"
echo "server RSS after the run: $(server_rss)"
