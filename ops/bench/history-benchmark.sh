#!/usr/bin/env bash
# History queries (issue 14): times point-in-time reachability for one peer and for the whole account at random
# instants against a running server. Without arguments it starts a small server (ops/bench/server.sh), builds a
# short history through the API (peers, groups, a policy) and runs against it: a smoke run. Against the
# 1,000,000-event store, start a server on ops/bench/replay-benchmark.sh's data directory (after
# ops.bench.replay.BenchAccountOwner gave its first account a token) and give its URL.
# Usage: [PEERS=40] [ONLY=reachability,explain,access,dry] ops/bench/history-benchmark.sh [requests]
#        [ONLY=...] ops/bench/history-benchmark.sh requests URL TOKEN_FILE [SERVER_FINGERPRINT]
# PEERS sets the small history's size: peers in groups of 25, a mesh policy per group (PEERS=5000 gives the
# 5,000-peer / 200-group account of the dry-run target).
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-20}
if [ $# -ge 3 ]; then
  url=$2; token_file=$3; fingerprint=${4:-}
  mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
else
  server_options=()
  source ops/bench/server.sh
  token_file=$data/admin-token
  field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
  api() { curl -sf --cacert "$cacert" -H "Authorization: Token $token" -H "Content-Type: application/json" "$@"; }
  key=$(api -X POST "$url/api/setup-keys" -d '{"name":"bench","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' \
    | field key)
  peers=()
  peer_count=${PEERS:-40}
  for i in $(seq 1 "$peer_count"); do
    public_key=$(head -c 32 /dev/urandom | base64)
    peers+=("$(curl -sf --cacert "$cacert" -H "Content-Type: application/json" -X POST "$url/api/netloom/enroll" \
      -d "{\"setup_key\":\"$key\",\"wireguard_public_key\":\"$public_key\",\"hostname\":\"bench-$i\",\"os\":\"linux\",\"kernel_version\":\"6.1.0\",\"daemon_version\":\"0.1.0\"}" \
      | field peer_id)")
  done
  for g in $(seq 0 $(( (peer_count + 24) / 25 - 1 ))); do
    members=$(printf '"%s",' "${peers[@]:$((g * 25)):25}")
    group=$(api -X POST "$url/api/groups" -d "{\"name\":\"g$g\",\"peers\":[${members%,}]}" | field id)
    api -X POST "$url/api/policies" -d "{\"name\":\"p$g\",\"description\":\"\",\"enabled\":true,\"rules\":[{\"name\":\"r$g\",\"enabled\":true,\"action\":\"accept\",\"bidirectional\":true,\"protocol\":\"all\",\"sources\":[\"$group\"],\"destinations\":[\"$group\"]}]}" > /dev/null
  done
fi
java -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.history.HistoryBenchmark \
  --url "$url" --token-file "$token_file" ${fingerprint:+--server-fingerprint "$fingerprint"} --requests "$requests" \
  ${ONLY:+--only "$ONLY"}
[ -n "${server:-}" ] && echo "server RSS after the run: $(server_rss)"
exit 0
