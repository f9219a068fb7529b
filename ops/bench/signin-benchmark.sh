#!/usr/bin/env bash
# Sign-in throughput of a real server on the embedded database over TLS: whole device flows, token
# exchanges, and API calls with a person's JWT beside the admin's credentials (SignInBenchmark).
# Usage: ops/bench/signin-benchmark.sh [SignInBenchmark options, e.g. --concurrency 1,8,32 --flows 300 --runs 3]
set -euo pipefail
cd "$(dirname "$0")/../.."
server_options=()
source ops/bench/server.sh

java -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.signin.SignInBenchmark \
  --url "$url" --server-fingerprint "$fingerprint" --token-file "$data/admin-token" "$@"
echo "server RSS after the run: $(server_rss)"
