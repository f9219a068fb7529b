#!/usr/bin/env bash
# Routing peer throughput against raw wireguard-go plus plain forwarding, in the routes lab
# (routes-lab.sh) of issue 13: iperf3 TCP from client C (host a, behind its NAT) to the plain host
# H on site 1's LAN, through routing peer R1 (host r1, behind site 1's NAT), masquerading:
#   - Netloom: both daemons started by `netloom up`, a route 198.18.11.0/24 via R1 for C's group
#   - raw: hand-configured wireguard-go between the same two namespaces (rawrt-a, rawrt-r1), R1
#     forwarding and masquerading with one nftables rule, at Netloom's MTU (1280) and at
#     wireguard-go's default (1420)
#   - for reference, Netloom C -> R1 itself (the tunnel without forwarding)
# interleaved ROUNDS times so that machine load hits all alike. With -f RUNS, afterwards, the
# failover scenario of RoutesLabTest RUNS times (Maven; the times go to
# ops/target/route-failover-times.txt).
#
#   route-benchmark.sh [-t SECONDS] [-r ROUNDS] [-f RUNS] [--raw-only]
#
#   --raw-only   only the raw runs (no server, no daemons): the baseline alone
#
# Needs the packaged jars (mvn -B -q package -DskipTests). Builds the lab from scratch and tears
# it down at the end; run it under flock /tmp/netloom-root-tests.lock beside other lab users.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

DURATION=10
ROUNDS=3
FAILOVER_RUNS=0
RAW_ONLY=false
LAB=$REPO_DIR/ops/lab/lab.sh
ROUTES_LAB=$REPO_DIR/ops/lab/routes-lab.sh
JAR=$REPO_DIR/peer-daemon/target/netloom.jar
IPERF_PORT=5401
H_IP=198.18.11.10
R1_IP=198.18.11.11
R1_WAN=203.0.113.21
SITE1=198.18.11.0/24
# The raw tunnel: its own port and addresses, apart from Netloom's (51820, 100.64.0.0/10) and from
# raw-wireguard-bench.sh's (51820, 100.127.0.0/24).
RAW_PORT=51850
RAW_C=100.127.1.1
RAW_R1=100.127.1.2
# C sends to H through the raw tunnel by a policy rule ahead of any of Netloom's (which may route
# the same prefix), in a table of its own.
RAW_RULE_PRIORITY=10
RAW_TABLE=4850

while [ $# -gt 0 ]; do
  case $1 in
    -t) DURATION=${2:?-t needs seconds}; shift 2 ;;
    -r) ROUNDS=${2:?-r needs a count}; shift 2 ;;
    -f) FAILOVER_RUNS=${2:?-f needs a count}; shift 2 ;;
    --raw-only) RAW_ONLY=true; shift ;;
    *) sed -n '14,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# raw: wireguard-go C <-> R1, R1 forwarding to its LAN and masquerading
# ---------------------------------------------------------------------------------------------

RAW_PIDS=()

raw_cleanup() {
  local pid
  ip -n nl-a link del rawrt-a 2>/dev/null || true
  ip -n nl-r1 link del rawrt-r1 2>/dev/null || true
  for pid in "${RAW_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  RAW_PIDS=()
  while ip -n nl-a rule del priority "$RAW_RULE_PRIORITY" 2>/dev/null; do :; done
  ip -n nl-a route flush table "$RAW_TABLE" 2>/dev/null || true
  in_ns nl-r1 nft delete table ip nl_rawroute 2>/dev/null || true
  return 0
}

# raw_wg NS IFNAME KEY PEER_PUB PEER_ALLOWED ENDPOINT ADDRESS MTU: one end of the raw tunnel. In a
# session of its own, as Netloom's wireguard-go runs under its daemon (see raw-wireguard-bench.sh).
raw_wg() {
  local ns=$1 ifname=$2 key=$3 peer=$4 allowed=$5 endpoint=$6 address=$7 mtu=$8 i
  ip netns exec "$ns" setsid wireguard-go -f "$ifname" >"$WORK/$ifname.log" 2>&1 &
  RAW_PIDS+=($!)
  for ((i = 0; i < 50; i++)); do
    [ -S "/var/run/wireguard/$ifname.sock" ] && break
    sleep 0.1
  done
  [ -S "/var/run/wireguard/$ifname.sock" ] || die "wireguard-go $ifname did not start: $(cat "$WORK/$ifname.log")"
  in_ns "$ns" wg set "$ifname" listen-port "$RAW_PORT" private-key "$key" peer "$(cat "$peer")" \
    allowed-ips "$allowed" endpoint "$endpoint:$RAW_PORT" persistent-keepalive 25
  ip -n "$ns" addr replace "$address/24" dev "$ifname"
  ip -n "$ns" link set "$ifname" mtu "$mtu" up
}

# raw_mbits MTU: one iperf3 run C -> H over the raw tunnel and R1's plain forwarding.
raw_mbits() {
  local mtu=$1 i mbits
  raw_cleanup
  raw_wg nl-a rawrt-a "$WORK/c.key" "$WORK/r1.pub" "$RAW_R1/32,$SITE1" "$R1_WAN" "$RAW_C" "$mtu"
  raw_wg nl-r1 rawrt-r1 "$WORK/r1.key" "$WORK/c.pub" "$RAW_C/32" "$(wan_ip a)" "$RAW_R1" "$mtu"
  ip -n nl-a route replace "$SITE1" dev rawrt-a table "$RAW_TABLE"
  ip -n nl-a rule add to "$SITE1" lookup "$RAW_TABLE" priority "$RAW_RULE_PRIORITY"
  in_ns nl-r1 sysctl -qw net.ipv4.ip_forward=1
  in_ns nl-r1 nft -f - <<EOF
table ip nl_rawroute {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    iifname "rawrt-r1" oifname "eth0" masquerade
  }
}
EOF
  for ((i = 0; i < 10; i++)); do
    in_ns nl-a ping -q -c 1 -W 1 "$H_IP" >/dev/null 2>&1 && break
  done
  in_ns nl-a ping -q -c 1 -W 1 "$H_IP" >/dev/null 2>&1 || { in_ns nl-a wg show rawrt-a >&2; die "no ping C -> H over the raw tunnel"; }
  mbits=$(iperf3_mbits a "$H_IP")
  raw_cleanup
  echo "$mbits"
}

raw_keys() {
  local k
  for k in c r1; do
    (umask 077 && wg genkey >"$WORK/$k.key")
    wg pubkey <"$WORK/$k.key" >"$WORK/$k.pub"
  done
}

# ---------------------------------------------------------------------------------------------
# Netloom: C and R1 enrolled, C's group gets the route via R1
# ---------------------------------------------------------------------------------------------

up_peer() {
  local host=$1
  netloom "$host" up --management-url "https://$INET_IP:8080" --setup-key-file "$LAB_DIR/setup-key" \
    --server-fingerprint "$(cat "$LAB_DIR/server/server-fingerprint")" --interface-name "wt-$host" >/dev/null
}

peer_id() { netloom "$1" status --json | jq -r .peer_id; }

netloom_setup() {
  "$LAB" server start >/dev/null
  local key clients routers
  key=$(api POST /api/setup-keys '{"name":"bench","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' | jq -r .key)
  (umask 077 && printf '%s' "$key" >"$LAB_DIR/setup-key")
  up_peer a
  up_peer r1
  clients=$(api POST /api/groups "{\"name\":\"clients\",\"peers\":[\"$(peer_id a)\"]}" | jq -r .id)
  routers=$(api POST /api/groups "{\"name\":\"routers\",\"peers\":[\"$(peer_id r1)\"]}" | jq -r .id)
  api POST /api/policies "{\"name\":\"clients to routers\",\"description\":\"\",\"enabled\":true,\"rules\":[{\"name\":\"all\",\"enabled\":true,\"action\":\"accept\",\"bidirectional\":true,\"protocol\":\"all\",\"sources\":[\"$clients\"],\"destinations\":[\"$routers\"]}]}" >/dev/null
  api POST /api/routes "{\"description\":\"site 1\",\"network_id\":\"site1\",\"enabled\":true,\"peer\":\"$(peer_id r1)\",\"network\":\"$SITE1\",\"metric\":10,\"masquerade\":true,\"groups\":[\"$clients\"],\"keep_route\":false}" >/dev/null
  local deadline=$((SECONDS + 60))
  until [ "$(in_ns nl-a curl -s -m 1 "http://$H_IP/" || true)" = "$R1_IP" ]; do
    [ $SECONDS -le $deadline ] || { netloom a status -d >&2 || true; die "C does not reach H through R1 within 60 s"; }
    sleep 0.2
  done
  netloom a status --json | jq -r '.peers[] | "C sees \(.fqdn): \(.connection_type) \(.local_candidate_type)/\(.remote_candidate_type), data path \(.data_path)"'
}

# ---------------------------------------------------------------------------------------------

iperf3_mbits() {
  local host=$1 target=$2 json
  json=$(in_ns "nl-$host" iperf3 -c "$target" -p "$IPERF_PORT" -t "$DURATION" -J) || die "iperf3 to $target failed"
  jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' <<<"$json"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f%%", 100*a/b}'; }

cleanup() {
  raw_cleanup
  netloom a down >/dev/null 2>&1 || true
  netloom r1 down >/dev/null 2>&1 || true
  "$LAB" down >/dev/null 2>&1 || true
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
  return 0
}

failover_runs() {
  log "failover: RoutesLabTest with NETLOOM_LAB_FAILOVER_RUNS=$FAILOVER_RUNS"
  (cd "$REPO_DIR" && NETLOOM_LAB_FAILOVER_RUNS=$FAILOVER_RUNS mvn -q verify -pl ops -am -Dtest=RoutesLabTest \
    -Dsurefire.failIfNoSpecifiedTests=false -DskipITs)
  cat "$REPO_DIR/ops/target/route-failover-times.txt"
}

main() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  $RAW_ONLY || [ -f "$JAR" ] || die "$JAR is missing: mvn -B -q package -DskipTests"
  ensure_commands jq:jq iperf3:iperf3 wireguard-go:wireguard-go wg:wireguard-tools
  mkdir -p /var/run/wireguard
  trap cleanup EXIT
  cleanup
  WORK=$(mktemp -d /tmp/netloom-routebench.XXXXXX)
  "$LAB" up >/dev/null
  "$ROUTES_LAB" up >/dev/null
  raw_keys
  $RAW_ONLY || netloom_setup
  in_ns nl-h iperf3 -s -D -p "$IPERF_PORT"
  local ip_r1=""
  $RAW_ONLY || ip_r1=$(netloom r1 status --json | jq -r .overlay_ip)
  $RAW_ONLY || in_ns nl-r1 iperf3 -s -D -B "$ip_r1" -p "$IPERF_PORT"
  sleep 0.5
  local round routed tunnel raw1280 raw1420
  local -a routeds=() tunnels=() raws1280=() raws1420=()
  for ((round = 1; round <= ROUNDS; round++)); do
    routed=0 tunnel=0
    if ! $RAW_ONLY; then
      routed=$(iperf3_mbits a "$H_IP")
      tunnel=$(iperf3_mbits a "$ip_r1")
    fi
    raw1280=$(raw_mbits 1280)
    raw1420=$(raw_mbits 1420)
    echo "round $round: netloom C->H through R1 $routed Mbit/s, netloom C->R1 $tunnel Mbit/s," \
      "raw wireguard-go + forwarding C->H $raw1280 Mbit/s (MTU 1280), $raw1420 Mbit/s (MTU 1420)"
    routeds+=("$routed") tunnels+=("$tunnel") raws1280+=("$raw1280") raws1420+=("$raw1420")
  done
  local m_routed m_tunnel m_raw1280 m_raw1420
  m_routed=$(printf '%s\n' "${routeds[@]}" | median)
  m_tunnel=$(printf '%s\n' "${tunnels[@]}" | median)
  m_raw1280=$(printf '%s\n' "${raws1280[@]}" | median)
  m_raw1420=$(printf '%s\n' "${raws1420[@]}" | median)
  echo "median of $ROUNDS: netloom C->H through R1 $m_routed, netloom C->R1 $m_tunnel," \
    "raw + forwarding $m_raw1280 (MTU 1280), $m_raw1420 (MTU 1420) Mbit/s;" \
    "routed/raw $(ratio "$m_routed" "$m_raw1280") at the same MTU, $(ratio "$m_routed" "$m_raw1420") against 1420"
  cleanup
  trap - EXIT
  if [ "$FAILOVER_RUNS" -gt 0 ]; then failover_runs; fi
}

main "$@"
