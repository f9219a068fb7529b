#!/usr/bin/env bash
# Enrollment throughput measured with wrk (a C load generator, so the client takes little of the
# two cores): every request enrolls a new device with one reusable setup key.
# Usage: ops/bench/enroll-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
connections=${2:-16}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
server_options=()
source ops/bench/server.sh

key=$(curl -sf -H "Authorization: Token $token" -H 'Content-Type: application/json' \
  -d '{"name":"wrk","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' \
  "http://127.0.0.1:$port/api/setup-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')
SETUP_KEY=$key wrk -t2 -c"$connections" -d"${seconds}s" --latency -s ops/bench/enroll.lua "http://127.0.0.1:$port"
peers=$(curl -sf -H "Authorization: Token $token" "http://127.0.0.1:$port/api/peers" | grep -o '"dns_label"' | wc -l)
echo "peers stored: $peers; server RSS after the run: $(server_rss)"
