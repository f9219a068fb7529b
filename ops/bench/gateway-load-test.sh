#!/usr/bin/env bash
# Signal gateway under load: a server (heap capped at 1 GiB) with N simulated peers connected over
# loopback, real enrollment and real sessions over TLS (https, wss); measures how fast admin changes reach them.
# Usage: ops/bench/gateway-load-test.sh [peers] [subset]
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${1:-10000}
subset=${2:-1000}
ulimit -n "$(ulimit -Hn)"  # 10,000 sessions need 10,000 descriptors on each side
server_options=(--netloom.gateway.host=127.0.0.1
  --netloom.gateway.connections-per-second=100000 --netloom.gateway.connection-burst=100000)
source ops/bench/server.sh

java -Xmx3g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.GatewayLoadTest \
  --url "$url" --server-fingerprint "$fingerprint" --token-file "$data/admin-token" --peers "$peers" \
  --subset "$subset"
echo "server: RSS $(server_rss), heap after the run:"
jcmd "$server" GC.heap_info | grep -E "total|used" | head -3
