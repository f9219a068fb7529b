#!/usr/bin/env bash
# Netloom tunnels against raw wireguard-go, side by side in one run of the lab:
#   - time from `netloom up` on A and B (started together) to the first ping answered A -> B
#   - iperf3 TCP A -> B over Netloom (direct, P2P), A -> C over Netloom (TURN relay, C is behind
#     the symmetric NAT) and A -> B over hand-configured wireguard-go (raw-wireguard-bench.sh),
#     interleaved ROUNDS times so that machine load hits all three alike
#   - the daemons' resident memory
#
#   tunnel-benchmark.sh [-t SECONDS] [-r ROUNDS]
#
# Needs the packaged jars (mvn -B -q package -DskipTests). Builds the lab from scratch and tears
# it down at the end.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=10
ROUNDS=3
LAB=$REPO_DIR/ops/lab/lab.sh
JAR=$REPO_DIR/peer-daemon/target/netloom.jar
# Not 51820: the raw baseline's wireguard-go uses that port in the same namespaces.
NETLOOM_WG_PORT=51830
IPERF_PORT=5301

while [ $# -gt 0 ]; do
  case $1 in
    -t) DURATION=${2:?-t needs seconds}; shift 2 ;;
    -r) ROUNDS=${2:?-r needs a count}; shift 2 ;;
    *) echo "usage: $0 [-t SECONDS] [-r ROUNDS]" >&2; exit 2 ;;
  esac
done

netloom() { local site=$1; shift; in_ns "nl-$site" java -Xmx128m -XX:+UseSerialGC -jar "$JAR" "$@" --config "$LAB_DIR/peer-$site"; }

api() {
  local method=$1 path=$2 body=${3:-}
  in_ns nl-inet curl -sS --fail-with-body -X "$method" -H "Authorization: Token $(cat "$LAB_DIR/server/admin-token")" \
    -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "http://$INET_IP:8080$path"
}

cleanup() {
  local s
  for s in a b c; do netloom "$s" down >/dev/null 2>&1 || true; done
  "$LAB" down >/dev/null 2>&1 || true
}

up_peer() {
  netloom "$1" up --management-url "http://$INET_IP:8080" --setup-key-file "$LAB_DIR/setup-key" \
    --interface-name "wt-$1" --wireguard-port "$NETLOOM_WG_PORT" >/dev/null
}

overlay_ip() { netloom "$1" status --json | jq -r .overlay_ip; }

# iperf3_mbits CLIENT_SITE TARGET: receiver Mbit/s of one TCP run from CLIENT_SITE to TARGET.
iperf3_mbits() {
  local site=$1 target=$2 json
  json=$(in_ns "nl-$site" iperf3 -c "$target" -p "$IPERF_PORT" -t "$DURATION" -J)
  jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' <<<"$json"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

main() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  [ -f "$JAR" ] || die "$JAR is missing: mvn -B -q package -DskipTests"
  ensure_commands jq:jq iperf3:iperf3
  trap cleanup EXIT
  cleanup
  "$LAB" up >/dev/null
  "$LAB" server start >/dev/null
  local key group
  key=$(api POST /api/setup-keys '{"name":"bench","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' | jq -r .key)
  (umask 077 && printf '%s' "$key" >"$LAB_DIR/setup-key")
  group=$(api GET /api/groups | jq -r '.[] | select(.name=="All") | .id')
  api POST /api/policies "{\"name\":\"all\",\"description\":\"\",\"enabled\":true,\"rules\":[{\"name\":\"all\",\"enabled\":true,\"action\":\"accept\",\"bidirectional\":true,\"protocol\":\"all\",\"sources\":[\"$group\"],\"destinations\":[\"$group\"]}]}" >/dev/null

  # Enroll once first, so that the timed run measures `up` and the tunnel, not enrollment.
  up_peer a && up_peer b
  local ip_b ip_c
  ip_b=$(overlay_ip b)
  netloom a down >/dev/null && netloom b down >/dev/null

  local start end
  start=$(date +%s%N)
  up_peer a & local pid_a=$!
  up_peer b & local pid_b=$!
  wait "$pid_a" "$pid_b"
  until in_ns nl-a ping -n -c 1 -W 0.2 "$ip_b" >/dev/null 2>&1; do :; done
  end=$(date +%s%N)
  echo "up on A and B -> first ping answered A->B: $(((end - start) / 1000000)) ms"

  up_peer c
  ip_c=$(overlay_ip c)
  local relay=true deadline=$((SECONDS + 60))
  until in_ns nl-a ping -n -c 1 -W 0.5 "$ip_c" >/dev/null 2>&1; do
    if [ $SECONDS -gt $deadline ]; then relay=false; warn "no path A -> C within 60 s; relayed runs skipped"; break; fi
  done
  netloom a status --json | jq -r '.peers[] | "A sees \(.fqdn): \(.connection_type) \(.local_candidate_type)/\(.remote_candidate_type) \(.local_endpoint) -> \(.remote_endpoint)"'

  in_ns nl-b iperf3 -s -D -B "$ip_b" -p "$IPERF_PORT"
  if $relay; then in_ns nl-c iperf3 -s -D -B "$ip_c" -p "$IPERF_PORT"; fi
  sleep 0.5
  local round direct relayed raw
  local -a directs=() relays=() raws=()
  for ((round = 1; round <= ROUNDS; round++)); do
    direct=$(iperf3_mbits a "$ip_b")
    relayed=0
    if $relay; then relayed=$(iperf3_mbits a "$ip_c"); fi
    raw=$("$REPO_DIR/ops/lab/raw-wireguard-bench.sh" -t "$DURATION" --no-plain 2>/dev/null | tail -n 1 | awk '{print $(NF-1)}')
    echo "round $round: netloom direct A->B $direct Mbit/s, netloom relayed A->C $relayed Mbit/s, raw wireguard-go A->B $raw Mbit/s"
    directs+=("$direct") relays+=("$relayed") raws+=("$raw")
  done
  local m_direct m_relayed m_raw
  m_direct=$(printf '%s\n' "${directs[@]}" | median)
  m_relayed=$(printf '%s\n' "${relays[@]}" | median)
  m_raw=$(printf '%s\n' "${raws[@]}" | median)
  echo "median: direct $m_direct, relayed $m_relayed, raw $m_raw Mbit/s;" \
    "direct/raw $(awk -v a="$m_direct" -v b="$m_raw" 'BEGIN{printf "%.0f%%", 100*a/b}')," \
    "relayed/raw $(awk -v a="$m_relayed" -v b="$m_raw" 'BEGIN{printf "%.0f%%", 100*a/b}')"
  local s pid
  for s in a b c; do
    for pid in $(ip netns pids "nl-$s"); do
      if grep -q -- '--foreground' "/proc/$pid/cmdline" 2>/dev/null; then
        echo "daemon on $s: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
      fi
    done
  done
}

main "$@"
