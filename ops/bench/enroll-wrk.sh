#!/usr/bin/env bash
# Enrollment throughput measured with wrk (a C load generator, so the client takes little of the
# two cores): every request enrolls a new device with one reusable setup key, over TLS (keep-alive
# connections, so handshakes are a start-up cost).
# Usage: ops/bench/enroll-wrk.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-30}
connections=${2:-16}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
server_options=()
source ops/bench/server.sh

key=$(curl -sf --cacert "$cacert" -H "Authorization: Token $token" -H 'Content-Type: application/json' \
  -d '{"name":"wrk","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' \
  "$url/api/setup-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')
# wrk speaks TLS without checking the certificate; it only measures, and sends nothing secret.
SETUP_KEY=$key wrk -t2 -c"$connections" -d"${seconds}s" --latency -s ops/bench/enroll.lua "$url"
peers=$(curl -sf --cacert "$cacert" -H "Authorization: Token $token" "$url/api/peers" | grep -o '"dns_label"' | wc -l)
echo "peers stored: $peers; server RSS after the run: $(server_rss)"
