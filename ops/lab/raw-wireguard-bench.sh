#!/usr/bin/env bash
# Throughput baseline: hand-configured wireguard-go tunnel from host A to host B, through both
# NATs of the lab, measured with iperf3 (TCP, A sends). Needs the lab: ops/lab/lab.sh up.
#
#   raw-wireguard-bench.sh [-t SECONDS] [--mtu BYTES] [--no-plain]
#
#   -t SECONDS   length of each iperf3 run (default 10)
#   --mtu BYTES  MTU of the tunnel interfaces (default: wireguard-go's own, 1420); Netloom's is 1280
#   --no-plain   skip the reference run without a tunnel (A -> router B's port forward -> B)
#
# Prints the iperf3 receiver figure; the last line is e.g. "raw-wireguard A->B tcp: 312.4 Mbit/s".
# Everything it creates (interfaces rawwg-a/rawwg-b, iperf3 servers, the port forward, keys) is
# removed on exit, also on failure or Ctrl-C.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=10
MTU=
PLAIN=true
WG_PORT=51820
IPERF_PORT=5201
# Overlay addresses of the raw tunnel, apart from the 100.64.0.0/10 addresses Netloom hands out
# in its own default pool; rawwg-c / 100.127.0.3 are reserved for site c.
OVERLAY_PREFIX=100.127.0
declare -A OVERLAY=([a]=1 [b]=2 [c]=3)

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      -t) DURATION=${2:?-t needs seconds}; shift 2 ;;
      --mtu) MTU=${2:?--mtu needs bytes}; shift 2 ;;
      --no-plain) PLAIN=false; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  if ! [[ $DURATION =~ ^[0-9]+$ ]] || [ "$DURATION" -lt 1 ]; then die "-t wants a whole number of seconds"; fi
  if [ -n "$MTU" ] && ! { [[ $MTU =~ ^[0-9]+$ ]] && [ "$MTU" -ge 1280 ] && [ "$MTU" -le 1500 ]; }; then
    die "--mtu wants a number of bytes from 1280 to 1500"
  fi
}

require_lab() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  local ns
  for ns in nl-inet nl-rtr-a nl-rtr-b nl-a nl-b; do
    ns_exists "$ns" || die "namespace $ns is missing; run ops/lab/lab.sh up first"
  done
}

# ---------------------------------------------------------------------------------------------
# cleanup: also run first, so a run that was SIGKILLed earlier leaves nothing in the way
# ---------------------------------------------------------------------------------------------

BG_PIDS=()

cleanup() {
  local pid s
  for pid in "${BG_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for s in a b; do
    # Deleting the tun device makes wireguard-go exit (and remove its control socket).
    ip -n "nl-$s" link del "rawwg-$s" 2>/dev/null || true
  done
  for pid in "${BG_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  BG_PIDS=()
  ip netns exec nl-rtr-b nft delete table ip nl_bench 2>/dev/null || true
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
  return 0
}

# ---------------------------------------------------------------------------------------------
# iperf3
# ---------------------------------------------------------------------------------------------

# iperf3_server NS ADDR: a one-shot iperf3 server (-1: exits after one test) bound to ADDR.
iperf3_server() {
  local ns=$1 addr=$2 i
  ip netns exec "$ns" iperf3 -s -1 -B "$addr" -p "$IPERF_PORT" >"$WORK/iperf3-server-$addr.log" 2>&1 &
  BG_PIDS+=($!)
  for ((i = 0; i < 50; i++)); do
    [ -n "$(in_ns "$ns" ss -H -tln "sport = :$IPERF_PORT")" ] && return 0
    sleep 0.1
  done
  die "iperf3 server in $ns did not start"
}

# iperf3_mbits NS TARGET: run the client in NS, print the receiver's Mbit/s.
iperf3_mbits() {
  local ns=$1 target=$2 json=$WORK/iperf3-client.json
  in_ns "$ns" iperf3 -c "$target" -p "$IPERF_PORT" -t "$DURATION" -J >"$json" ||
    die "iperf3 to $target failed: $(jq -r '.error // empty' "$json" 2>/dev/null)"
  jq -r '.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10' "$json"
}

# ---------------------------------------------------------------------------------------------
# reference: plain TCP A -> B through both NATs (router B forwards its WAN port to host B)
# ---------------------------------------------------------------------------------------------

plain_run() {
  log "plain run: nl-a -> $(wan_ip b):$IPERF_PORT (port forward on nl-rtr-b) -> nl-b, ${DURATION}s"
  # The routers' forward chain lets dnat'ed connections through (`ct status dnat accept`).
  in_ns nl-rtr-b nft -f - <<EOF
table ip nl_bench {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "wan" tcp dport $IPERF_PORT dnat to $(host_ip b)
  }
}
EOF
  iperf3_server nl-b "$(host_ip b)"
  local mbits
  mbits=$(iperf3_mbits nl-a "$(wan_ip b)")
  in_ns nl-rtr-b nft delete table ip nl_bench
  echo "plain A->B tcp (no tunnel, both NATs + port forward): $mbits Mbit/s"
}

# ---------------------------------------------------------------------------------------------
# raw WireGuard A <-> B
# ---------------------------------------------------------------------------------------------

# wg_up SITE PEER_SITE: wireguard-go interface rawwg-SITE in nl-SITE with one peer. The endpoint is
# the peer router's public address with the fixed listen port: routers a and b masquerade without
# changing a free source port, so that is where the peer's packets come from. Persistent keepalive
# on both sides opens both NATs (each side's first packet creates the mapping the other needs).
wg_up() {
  local s=$1 peer=$2 ifname=rawwg-$1 ns=nl-$1 i
  # In a session of its own, as a service's would be (Netloom's runs under its daemon's): with
  # autogroup scheduling, a wireguard-go in iperf3's session shares its CPU group and runs ~20 %
  # faster on two cores, which is the scheduler's doing, not the tunnel's.
  ip netns exec "$ns" setsid wireguard-go -f "$ifname" >"$WORK/wireguard-go-$s.log" 2>&1 &
  BG_PIDS+=($!)
  for ((i = 0; i < 50; i++)); do
    [ -S "/var/run/wireguard/$ifname.sock" ] && break
    sleep 0.1
  done
  [ -S "/var/run/wireguard/$ifname.sock" ] || die "wireguard-go $ifname did not start: $(cat "$WORK/wireguard-go-$s.log")"
  in_ns "$ns" wg set "$ifname" listen-port "$WG_PORT" private-key "$WORK/$s.key" \
    peer "$(cat "$WORK/$peer.pub")" allowed-ips "$OVERLAY_PREFIX.${OVERLAY[$peer]}/32" \
    endpoint "$(wan_ip "$peer"):$WG_PORT" persistent-keepalive 25
  ip -n "$ns" addr replace "$OVERLAY_PREFIX.${OVERLAY[$s]}/24" dev "$ifname"
  if [ -n "$MTU" ]; then ip -n "$ns" link set "$ifname" mtu "$MTU"; fi
  ip -n "$ns" link set "$ifname" up
}

tunnel_run() {
  local s mbits
  for s in a b; do
    (umask 077 && wg genkey >"$WORK/$s.key")
    wg pubkey <"$WORK/$s.key" >"$WORK/$s.pub"
  done
  wg_up a b
  wg_up b a
  # The first handshake may race the NAT mappings; give it a few seconds.
  local i ok=false
  for ((i = 0; i < 10; i++)); do
    if in_ns nl-a ping -q -c 1 -W 1 "$OVERLAY_PREFIX.2" >/dev/null 2>&1; then ok=true; break; fi
  done
  $ok || { in_ns nl-a wg show rawwg-a >&2; die "no ping through the tunnel A -> B"; }
  log "tunnel up: $(in_ns nl-a ping -q -c 3 -i 0.2 "$OVERLAY_PREFIX.2" | tail -n 1)"
  log "A sees B at endpoint $(in_ns nl-a wg show rawwg-a endpoints | awk '{print $2}'), B sees A at $(in_ns nl-b wg show rawwg-b endpoints | awk '{print $2}')"
  log "tunnel run: nl-a $OVERLAY_PREFIX.1 -> nl-b $OVERLAY_PREFIX.2 over wireguard-go (MTU ${MTU:-1420}), ${DURATION}s"
  iperf3_server nl-b "$OVERLAY_PREFIX.2"
  mbits=$(iperf3_mbits nl-a "$OVERLAY_PREFIX.2")
  echo "raw-wireguard A->B tcp: $mbits Mbit/s"
}

main() {
  parse_args "$@"
  require_lab
  ensure_commands wireguard-go:wireguard-go wg:wireguard-tools iperf3:iperf3 jq:jq
  mkdir -p /var/run/wireguard
  cleanup
  WORK=$(mktemp -d /tmp/netloom-rawwg.XXXXXX)
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  if $PLAIN; then plain_run; fi
  tunnel_run
}

main "$@"
