#!/usr/bin/env bash
# Netloom tunnels against raw wireguard-go, side by side in one run of the lab:
#   - start-up: time from `netloom up` on A and B (started together, devices already enrolled) to
#     the first ping answered A -> B, SAMPLES times (median), and once more with a setup key given
#     (enrollment again on both)
#   - iperf3 TCP A -> B over Netloom (direct, P2P, WireGuard steered by nftables), A -> C (TURN
#     relay, C is behind the symmetric NAT) and A -> B over hand-configured wireguard-go
#     (raw-wireguard-bench.sh) at its default MTU (1420) and at Netloom's (1280), interleaved
#     ROUNDS times so that machine load hits all alike; the daemons' CPU time during the direct runs
#   - then A and B again with `--data-path proxy` (the user-space proxy), ROUNDS times, each
#     beside a raw run at MTU 1280
#   - the daemons' resident memory
#
#   tunnel-benchmark.sh [-t SECONDS] [-r ROUNDS] [-s SAMPLES]
#
# Needs the packaged jars (mvn -B -q package -DskipTests). Builds the lab from scratch and tears
# it down at the end.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=10
ROUNDS=3
SAMPLES=5
LAB=$REPO_DIR/ops/lab/lab.sh
RAW=$REPO_DIR/ops/lab/raw-wireguard-bench.sh
JAR=$REPO_DIR/peer-daemon/target/netloom.jar
# Not 51820: the raw baseline's wireguard-go uses that port in the same namespaces.
NETLOOM_WG_PORT=51830
IPERF_PORT=5301

while [ $# -gt 0 ]; do
  case $1 in
    -t) DURATION=${2:?-t needs seconds}; shift 2 ;;
    -r) ROUNDS=${2:?-r needs a count}; shift 2 ;;
    -s) SAMPLES=${2:?-s needs a count}; shift 2 ;;
    *) echo "usage: $0 [-t SECONDS] [-r ROUNDS] [-s SAMPLES]" >&2; exit 2 ;;
  esac
done

netloom() { local site=$1; shift; in_ns "nl-$site" java -Xmx128m -XX:+UseSerialGC -jar "$JAR" "$@" --config "$LAB_DIR/peer-$site"; }

# The lab's server speaks TLS with the certificate it generated; curl trusts exactly that certificate.
api() {
  local method=$1 path=$2 body=${3:-}
  in_ns nl-inet curl -sS --fail-with-body --cacert "$LAB_DIR/server/tls/server.crt" -X "$method" \
    -H "Authorization: Token $(cat "$LAB_DIR/server/admin-token")" \
    -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "https://$INET_IP:8080$path"
}

cleanup() {
  local s
  for s in a b c; do netloom "$s" down >/dev/null 2>&1 || true; done
  "$LAB" down >/dev/null 2>&1 || true
}

# up_peer SITE [OPTION...]: `netloom up` with the lab's settings and a setup key (enrolls, pinning the
# server's certificate).
up_peer() {
  local site=$1; shift
  netloom "$site" up --management-url "https://$INET_IP:8080" --setup-key-file "$LAB_DIR/setup-key" \
    --server-fingerprint "$(cat "$LAB_DIR/server/server-fingerprint")" \
    --interface-name "wt-$site" --wireguard-port "$NETLOOM_WG_PORT" "$@" >/dev/null
}

overlay_ip() { netloom "$1" status --json | jq -r .overlay_ip; }

await_ping() {
  local site=$1 target=$2 deadline=$((SECONDS + ${3:-60}))
  until in_ns "nl-$site" ping -n -c 1 -W 0.2 "$target" >/dev/null 2>&1; do
    [ $SECONDS -le $deadline ] || return 1
  done
}

# startup_ms IP_B COMMAND...: runs COMMAND for A and for B at once (COMMAND SITE), then pings B from
# A until it answers; prints the milliseconds from the start to the answer.
startup_ms() {
  local ip_b=$1; shift
  local start pid_a pid_b
  start=$(date +%s%N)
  "$@" a & pid_a=$!
  "$@" b & pid_b=$!
  wait "$pid_a" "$pid_b"
  await_ping a "$ip_b" 60 || die "no ping A -> B within 60 s of up"
  echo $((($(date +%s%N) - start) / 1000000))
}

plain_up() { netloom "$1" up >/dev/null; }

down_ab() { netloom a down >/dev/null && netloom b down >/dev/null; }

# iperf3_mbits CLIENT_SITE TARGET: receiver Mbit/s of one TCP run from CLIENT_SITE to TARGET.
iperf3_mbits() {
  local site=$1 target=$2 json
  json=$(in_ns "nl-$site" iperf3 -c "$target" -p "$IPERF_PORT" -t "$DURATION" -J)
  jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' <<<"$json"
}

raw_mbits() { "$RAW" -t "$DURATION" --no-plain "$@" 2>/dev/null | tail -n 1 | awk '{print $(NF-1)}'; }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f%%", 100*a/b}'; }

daemon_pid() {
  local pid
  for pid in $(ip netns pids "nl-$1"); do
    if grep -q -- '--foreground' "/proc/$pid/cmdline" 2>/dev/null; then echo "$pid"; return; fi
  done
}

# CPU seconds (user + system) the daemon of SITE has used so far.
daemon_cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$(daemon_pid "$1")/stat"; }

show_paths() {
  netloom a status --json | jq -r '.peers[] | "A sees \(.fqdn): \(.connection_type) \(.local_candidate_type)/\(.remote_candidate_type) \(.local_endpoint) -> \(.remote_endpoint), data path \(.data_path)"'
}

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

  # Enroll once first; the first daemons also write their class archives when they stop.
  up_peer a && up_peer b
  local ip_b ip_c
  ip_b=$(overlay_ip b)
  await_ping a "$ip_b" 60 || die "no ping A -> B after enrolling"
  down_ab

  local sample ms
  local -a startups=()
  for ((sample = 1; sample <= SAMPLES; sample++)); do
    ms=$(startup_ms "$ip_b" plain_up)
    echo "start-up sample $sample: up on A and B -> first ping answered A->B: $ms ms"
    startups+=("$ms")
    down_ab
  done
  ms=$(startup_ms "$ip_b" up_peer)
  echo "start-up with a setup key (enrolling again): $ms ms"
  echo "start-up median of $SAMPLES: $(printf '%s\n' "${startups[@]}" | median) ms"

  up_peer c
  ip_c=$(overlay_ip c)
  local relay=true
  await_ping a "$ip_c" 60 || { relay=false; warn "no path A -> C within 60 s; relayed runs skipped"; }
  show_paths

  in_ns nl-b iperf3 -s -D -B "$ip_b" -p "$IPERF_PORT"
  if $relay; then in_ns nl-c iperf3 -s -D -B "$ip_c" -p "$IPERF_PORT"; fi
  sleep 0.5
  local round direct relayed raw raw1280 cpu_used cpu_a cpu_b
  local -a directs=() relays=() raws=() raws1280=() cpus=()
  for ((round = 1; round <= ROUNDS; round++)); do
    cpu_a=$(daemon_cpu a) cpu_b=$(daemon_cpu b)
    direct=$(iperf3_mbits a "$ip_b")
    cpu_used=$(awk -v a="$cpu_a" -v b="$cpu_b" -v x="$(daemon_cpu a)" -v y="$(daemon_cpu b)" 'BEGIN{printf "%.2f", (x-a)+(y-b)}')
    relayed=0
    if $relay; then relayed=$(iperf3_mbits a "$ip_c"); fi
    raw=$(raw_mbits)
    raw1280=$(raw_mbits --mtu 1280)
    echo "round $round: netloom direct A->B $direct Mbit/s (daemons' CPU ${cpu_used} s), netloom relayed A->C $relayed Mbit/s," \
      "raw wireguard-go A->B $raw Mbit/s (MTU 1420), $raw1280 Mbit/s (MTU 1280)"
    directs+=("$direct") relays+=("$relayed") raws+=("$raw") raws1280+=("$raw1280") cpus+=("$cpu_used")
  done
  local m_direct m_relayed m_raw m_raw1280
  m_direct=$(printf '%s\n' "${directs[@]}" | median)
  m_relayed=$(printf '%s\n' "${relays[@]}" | median)
  m_raw=$(printf '%s\n' "${raws[@]}" | median)
  m_raw1280=$(printf '%s\n' "${raws1280[@]}" | median)
  echo "median: direct $m_direct, relayed $m_relayed, raw $m_raw (MTU 1420), $m_raw1280 (MTU 1280) Mbit/s;" \
    "direct/raw $(ratio "$m_direct" "$m_raw1280") at the same MTU, $(ratio "$m_direct" "$m_raw") against 1420;" \
    "relayed/raw $(ratio "$m_relayed" "$m_raw1280") at the same MTU, $(ratio "$m_relayed" "$m_raw") against 1420;" \
    "daemons' CPU per direct run $(printf '%s\n' "${cpus[@]}" | median) s"
  report_memory

  # B's iperf3 server stays: its address comes back with B's interface.
  down_ab
  up_peer a --data-path proxy && up_peer b --data-path proxy
  await_ping a "$ip_b" 60 || die "no ping A -> B over the proxy"
  show_paths
  local proxied
  local -a proxies=() raws_p=()
  for ((round = 1; round <= ROUNDS; round++)); do
    proxied=$(iperf3_mbits a "$ip_b")
    raw1280=$(raw_mbits --mtu 1280)
    echo "proxy round $round: netloom direct A->B through the proxy $proxied Mbit/s, raw wireguard-go A->B $raw1280 Mbit/s (MTU 1280)"
    proxies+=("$proxied") raws_p+=("$raw1280")
  done
  local m_proxy m_raw_p
  m_proxy=$(printf '%s\n' "${proxies[@]}" | median)
  m_raw_p=$(printf '%s\n' "${raws_p[@]}" | median)
  echo "median: direct through the proxy $m_proxy, raw $m_raw_p Mbit/s (MTU 1280); proxy/raw $(ratio "$m_proxy" "$m_raw_p")"
}

report_memory() {
  local s pid
  for s in a b c; do
    pid=$(daemon_pid "$s")
    [ -n "$pid" ] && echo "daemon on $s: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
  done
  return 0
}

main "$@"
