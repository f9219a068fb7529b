#!/usr/bin/env bash
# The routes lab (issue 13): two site LANs with plain hosts and routing peers, an exit node and a
# plain host on the lab's "internet", added to the namespace lab of lab.sh (run `lab.sh up` first;
# `lab.sh down` removes these namespaces with the others). See ops/lab/README.md for the picture.
#
#   routes-lab.sh up       build the namespaces below and start the plain hosts' HTTP servers
#   routes-lab.sh check    each host reaches what it should and nothing else
#
# Netloom devices: r1 and r2 on site 1's LAN, r3 on site 2's, e on the internet side, and the
# base lab's a and b (each behind its own NAT) as clients. Plain hosts (no Netloom): h on site 1,
# h3 on site 2 (each with a static route to the other site via its routing peer's LAN address,
# for site-to-site), and i on the internet side. Each answers HTTP with the source address it
# sees (whoami.py) on port 80, h also on 8080; their logs are $LAB_DIR/whoami-<host>.log.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WHOAMI=$REPO_DIR/ops/lab/whoami.py

# Site 1: router rtr-s1 (endpoint-independent NAT, like a and b), LAN 198.18.11.0/24.
S1_WAN=203.0.113.21
S1_NET=198.18.11.0/24
S1_GW=198.18.11.1
H_IP=198.18.11.10
R1_IP=198.18.11.11
R2_IP=198.18.11.12
# Site 2: router rtr-s2, LAN 198.18.12.0/24.
S2_WAN=203.0.113.22
S2_NET=198.18.12.0/24
S2_GW=198.18.12.1
H3_IP=198.18.12.10
R3_IP=198.18.12.11
# The internet side: the exit node and a plain host that tells where requests come from.
E_IP=203.0.113.30
I_IP=203.0.113.40

require_base_lab() {
  [ "$(id -u)" -eq 0 ] || die "run as root (network namespaces need CAP_SYS_ADMIN)"
  local ns
  for ns in "$NS_INET" nl-a nl-b; do
    ns_exists "$ns" || die "namespace $ns is missing; run ops/lab/lab.sh up first"
  done
}

# site NAME WAN_IP LAN_NET GATEWAY LAN_MAC: a NAT router nl-rtr-NAME between the internet bridge and a LAN
# bridge "lan" that its hosts join. Bridged frames would otherwise pass the router's IPv4 hooks
# (br_netfilter is on in new namespaces), whose forward policy drops; hosts on one LAN talk directly.
# The bridge has an address of its own, as lab.sh's nlbr0 does (lib.sh).
site() {
  local name=$1 wan=$2 net=$3 gateway=$4 lan_mac=$5 rtr=nl-rtr-$1
  ensure_ns "$rtr"
  ns_sysctls "$rtr"
  in_ns "$rtr" sysctl -qw net.bridge.bridge-nf-call-iptables=0 net.bridge.bridge-nf-call-arptables=0
  veth_pair "$rtr" wan "$NS_INET" "wan-$name"
  ip -n "$NS_INET" link set "wan-$name" master nlbr0 up
  ip -n "$rtr" addr replace "$wan/24" dev wan
  ip -n "$rtr" link set wan up
  ip -n "$rtr" route replace default via "$INET_IP"
  ip -n "$rtr" link show lan >/dev/null 2>&1 || ip -n "$rtr" link add lan type bridge
  ip -n "$rtr" link set lan address "$lan_mac"
  ip -n "$rtr" addr replace "$gateway/24" dev lan
  ip -n "$rtr" link set lan up
  in_ns "$rtr" sysctl -qw net.ipv4.ip_forward=1
  nat_router_ruleset "$net" masquerade | in_ns "$rtr" nft -f -
}

# lan_host SITE HOST IP GATEWAY: host nl-HOST on SITE's LAN bridge.
lan_host() {
  local site=$1 host=$2 ip=$3 gateway=$4 rtr=nl-rtr-$1 ns=nl-$2
  ensure_ns "$ns"
  ns_sysctls "$ns"
  veth_pair "$rtr" "lan-$host" "$ns" eth0
  ip -n "$rtr" link set "lan-$host" master lan up
  ip -n "$ns" addr replace "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$gateway"
}

# public_host HOST IP: host nl-HOST with a public address on the internet bridge, no NAT.
public_host() {
  local host=$1 ip=$2 ns=nl-$1
  ensure_ns "$ns"
  ns_sysctls "$ns"
  veth_pair "$NS_INET" "pub-$host" "$ns" eth0
  ip -n "$NS_INET" link set "pub-$host" master nlbr0 up
  ip -n "$ns" addr replace "$ip/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" route replace default via "$INET_IP"
}

# whoami HOST PORT...: the plain host's HTTP server, started once.
whoami() {
  local host=$1; shift
  local pidfile=$LAB_DIR/whoami-$host.pid port i
  pid_alive "$pidfile" whoami.py && return 0
  start_daemon "$LAB_DIR/whoami-$host.log" "$pidfile" "nl-$host" "$(python_bin)" "$WHOAMI" serve "$@"
  for port in "$@"; do
    for ((i = 0; i < 50; i++)); do
      [ -n "$(in_ns "nl-$host" ss -H -tln "sport = :$port")" ] && continue 2
      sleep 0.1
    done
    die "the HTTP server on $host:$port did not start (see $LAB_DIR/whoami-$host.log)"
  done
}

cmd_up() {
  require_base_lab
  site s1 "$S1_WAN" "$S1_NET" "$S1_GW" 02:4e:4c:00:11:01
  lan_host s1 h "$H_IP" "$S1_GW"
  lan_host s1 r1 "$R1_IP" "$S1_GW"
  lan_host s1 r2 "$R2_IP" "$S1_GW"
  site s2 "$S2_WAN" "$S2_NET" "$S2_GW" 02:4e:4c:00:12:01
  lan_host s2 h3 "$H3_IP" "$S2_GW"
  lan_host s2 r3 "$R3_IP" "$S2_GW"
  # Site-to-site: each plain host reaches the other site through its own site's routing peer.
  ip -n nl-h route replace "$S2_NET" via "$R1_IP"
  ip -n nl-h3 route replace "$S1_NET" via "$R3_IP"
  public_host e "$E_IP"
  public_host i "$I_IP"
  whoami h 80 8080
  whoami h3 80
  whoami i 80
  cmd_check
  cat <<EOF

Routes lab is up (on top of lab.sh's; lab.sh down removes it)
  site 1  nl-rtr-s1 wan $S1_WAN  lan $S1_NET: h $H_IP (HTTP :80 :8080), r1 $R1_IP, r2 $R2_IP
  site 2  nl-rtr-s2 wan $S2_WAN  lan $S2_NET: h3 $H3_IP (HTTP :80), r3 $R3_IP
  public  e $E_IP (exit node), i $I_IP (HTTP :80)
  clients a and b of lab.sh, each behind its own NAT
EOF
}

# answers HOST URL EXPECTED: the plain host's HTTP server, asked from HOST, names EXPECTED as the source.
answers() {
  local got
  got=$(in_ns "nl-$1" curl -s -m 2 "$2") || die "nl-$1 gets no answer from $2"
  [ "$got" = "$3" ] || die "nl-$1 asked $2 and was seen as '$got', expected $3"
}

unreachable() {
  if in_ns "nl-$1" curl -s -m 1 -o /dev/null "$2"; then die "nl-$1 reaches $2, which only a route may open"; fi
}

cmd_check() {
  require_base_lab
  local host
  for host in a b r1 r2 r3 e; do
    in_ns "nl-$host" ping -q -c 1 -W 2 "$INET_IP" >/dev/null || die "nl-$host cannot ping the server's address $INET_IP"
  done
  answers r1 "http://$H_IP/" "$R1_IP"
  answers r2 "http://$H_IP:8080/" "$R2_IP"
  answers r3 "http://$H3_IP/" "$R3_IP"
  answers e "http://$I_IP/" "$E_IP"
  # Behind a NAT a host is seen with its router's public address.
  answers a "http://$I_IP/" "$(wan_ip a)"
  answers h "http://$I_IP/" "$S1_WAN"
  # Without routes nobody outside a site reaches into it, and the sites do not reach each other.
  unreachable a "http://$H_IP/"
  unreachable e "http://$H_IP/"
  unreachable h "http://$H3_IP/"
  unreachable h3 "http://$H_IP/"
  log "routes lab ok: LAN hosts reach each other and the internet side; a, e and the other site cannot reach in"
}

case "${1:-}" in
  up) cmd_up ;;
  check) cmd_check ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
