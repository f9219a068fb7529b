#!/usr/bin/env bash
# Signal gateway under load: a server (heap capped at 1 GiB) with N simulated peers connected over
# loopback, real enrollment and real sessions; measures how fast admin changes reach them.
# Usage: ops/bench/gateway-load-test.sh [peers] [subset]
set -euo pipefail
cd "$(dirname "$0")/../.."
peers=${1:-10000}
subset=${2:-1000}
port=18482
data=$(mktemp -d /tmp/netloom-gateway-load.XXXXXX)
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT
ulimit -n "$(ulimit -Hn)"  # 10,000 sessions need 10,000 descriptors on each side

mvn -B -q install -DskipTests
mvn -B -q -pl ops dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -jar command-api/target/netloom-server.jar --netloom.data-dir="$data" --server.port=$port \
  --netloom.gateway.port=18483 --netloom.gateway.host=127.0.0.1 \
  --netloom.gateway.connections-per-second=100000 --netloom.gateway.connection-burst=100000 \
  > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  [ -s "$data/admin-token" ] && curl -sf -o /dev/null -H "Authorization: Token $(cat "$data/admin-token")" \
    "http://127.0.0.1:$port/api/accounts" && break
  sleep 1
done
java -Xmx3g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.GatewayLoadTest \
  --url "http://127.0.0.1:$port" --token-file "$data/admin-token" --peers "$peers" --subset "$subset"
echo "server: RSS $(ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}'), heap after the run:"
jcmd "$server" GC.heap_info | grep -E "total|used" | head -3
