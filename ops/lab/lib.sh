# shellcheck shell=bash disable=SC2034
# (SC2034: the settings below are used by the scripts that source this file.)
# Shared helpers for the Netloom namespace lab; sourced by lab.sh and raw-wireguard-bench.sh.
#
# Everything the lab builds lives in network namespaces named nl-*, none of which has a link to
# the machine's own namespace (but `lab.sh root-link`'s, between two host addresses, never forwarding):
# lab traffic cannot leave the lab, whatever address it is sent to.

LAB_DIR=${NETLOOM_LAB_DIR:-/tmp/netloom-lab}
REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Userspace WireGuard: the kernel here has no WireGuard module, and wireguard-go refuses to start
# on Linux without this variable.
export WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD=1

# Namespaces. Short names (a, b, c, u, d, inet) are what `lab.sh exec` accepts.
# a, b: endpoint-independent NAT; c, d: symmetric NAT; u: a guest network that lets no UDP out (ADR 0039).
NS_INET=nl-inet
SITES=(a b c u d)
INET_IP=203.0.113.1
# A bridge without an address of its own takes the lowest of its ports' and changes it when a port
# joins: hosts that resolved the old one (the routes lab adds ports to a running lab) would send into
# the void until their neighbour entry failed. Locally administered addresses, fixed.
INET_BRIDGE_MAC=02:4e:4c:00:00:01

log() { printf '[lab] %s\n' "$*"; }
warn() { printf '[lab] WARNING: %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

# in_ns NS CMD...: run CMD inside namespace NS.
in_ns() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

ns_exists() { [ -e "/run/netns/$1" ]; }

# Site letter -> its addresses. Site a is 1, b is 2, c is 3, u is 4, d is 5.
site_index() { case $1 in a) echo 1 ;; b) echo 2 ;; c) echo 3 ;; u) echo 4 ;; d) echo 5 ;; *) die "unknown site '$1'" ;; esac; }
wan_ip() { echo "203.0.113.1$(site_index "$1")"; }
# The address `lab.sh renumber` moves a router to: its line renumbered by the ISP.
second_wan_ip() { echo "203.0.113.5$(site_index "$1")"; }
lan_net() { echo "198.18.$(site_index "$1").0/24"; }
lan_gw() { echo "198.18.$(site_index "$1").1"; }
host_ip() { echo "198.18.$(site_index "$1").2"; }

# ensure_ns NS: the namespace, with a resolv.conf of its own: `ip netns exec` shows /etc/netns/NS/resolv.conf as
# /etc/resolv.conf, so a daemon that manages DNS in a lab host rewrites that file, never the machine's (ADR 0045).
# It names the lab's server, where nothing answers DNS: names outside the mesh fail at once.
ensure_ns() {
  ns_exists "$1" || ip netns add "$1"
  ip -n "$1" link set lo up
  mkdir -p "/etc/netns/$1"
  [ -e "/etc/netns/$1/resolv.conf" ] || printf '# lab namespace %s (ops/lab/lib.sh)\nnameserver %s\n' "$1" "$INET_IP" \
    >"/etc/netns/$1/resolv.conf"
}

# Per-namespace sysctls, set before the namespace gets its interfaces (new namespaces do not
# inherit the machine's sysctl settings, so they are stated here):
# - loose reverse-path filtering, as systemd's defaults set it on most distributions;
# - no IPv6 on the lab's links (lo keeps ::1): the lab speaks only its IPv4 test ranges, without
#   link-local addresses, router solicitations or MLD chatter.
ns_sysctls() {
  in_ns "$1" sysctl -qw net.ipv4.conf.all.rp_filter=2 net.ipv4.conf.default.rp_filter=2 \
    net.ipv6.conf.default.disable_ipv6=1
}

# veth_pair NS_A NAME_A NS_B NAME_B: a veth between two namespaces, created directly inside them
# (never in the machine's own namespace, where a name such as eth0 already exists).
veth_pair() {
  local ns_a=$1 name_a=$2 ns_b=$3 name_b=$4
  ip -n "$ns_a" link show "$name_a" >/dev/null 2>&1 && return 0
  ip -n "$ns_b" link del "$name_b" 2>/dev/null || true # half of an interrupted earlier run
  ip -n "$ns_a" link add "$name_a" type veth peer name "$name_b" netns "$ns_b"
}

# nat_router_ruleset LAN_NET MASQUERADE [FORWARD_RULE]: a lab router's nftables table (interfaces "wan" and
# "lan"), replaced atomically whenever it is loaded. FORWARD_RULE, if given, comes first in the forward chain
# (router u's "no UDP out"). Besides NAT it filters like a home router: nothing
# unsolicited gets in. Dropping unsolicited WAN packets in the input hook matters for hole punching:
# a packet that reaches the router itself unanswered would otherwise leave a conntrack entry for
# (peer -> router:port), and the router's own LAN host, sending to that peer from the same port a
# moment later, would then be masqueraded to a *different* port because that tuple is taken. A packet
# dropped in a filter hook never has its conntrack entry confirmed.
nat_router_ruleset() {
  local lan_net=$1 masquerade=$2 forward_rule=${3:-}
  cat <<EOF
table ip nl_router
delete table ip nl_router
table ip nl_router {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan" ip saddr $lan_net $masquerade
  }
  chain forward {
    type filter hook forward priority filter; policy drop;
    $forward_rule
    ct state established,related accept
    iifname "lan" oifname "wan" accept
    # port forwards that a test adds in its own table (dnat) are let through
    ct status dnat accept
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "wan" ct state established,related accept
    iifname "wan" icmp type echo-request accept
    iifname "wan" drop
  }
}
EOF
}

# ensure_commands CMD:PACKAGE...: install the Debian packages of the commands that are missing.
# apt-get update runs only when something is missing, so a ready machine stays offline.
ensure_commands() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}

# pid_alive PIDFILE [NAME]: true when the pid file names a running process whose command line
# contains NAME (guards against a recycled pid after a reboot or a crash).
pid_alive() {
  local file=$1 name=${2:-} pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [ -d "/proc/$pid" ] || return 1
  [ -z "$name" ] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$name"
}

# stop_pid PID [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid=$1 grace=${2:-15} i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < grace * 10; i++)); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.1
  done
  warn "pid $pid ignored SIGTERM for ${grace}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# start_daemon LOGFILE PIDFILE NS CMD...: run CMD in NS in its own session, detached from this
# shell's terminal and pipes, so it outlives the script. The pid is written by the process itself
# just before it execs CMD (bash -> ip netns exec -> CMD keep one pid), so it is CMD's pid.
# Descriptors above 2 are closed first: a daemon must not keep what the caller held open, such as
# the lock of `flock /tmp/netloom-root-tests.lock lab.sh up`, which coturn would hold until `down`.
start_daemon() {
  local logfile=$1 pidfile=$2 ns=$3 i; shift 3
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$, $fd and $1 belong to the inner bash
  setsid -f bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -le 2 ] || [ ! -e "/proc/$$/fd/$fd" ] || eval "exec $fd>&-"; done
    echo $$ >"$1"; shift; exec ip netns exec "$@"' _ "$pidfile" "$ns" "$@" \
    </dev/null >>"$logfile" 2>&1
  for ((i = 0; i < 50; i++)); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "could not start $1 in $ns (see $logfile)"
}

# turn_secret: the lab's coturn static-auth-secret, created once (mode 0600) and then reused so a
# server restarted on the same data directory keeps handing out valid TURN credentials.
turn_secret() {
  local file=$LAB_DIR/turn-secret
  if [ ! -s "$file" ]; then
    mkdir -p "$LAB_DIR"
    (umask 077 && openssl rand -hex 32 >"$file")
  fi
  cat "$file"
}

# turn_credential NAME [TTL]: prints "username password" in coturn's TURN REST scheme:
# username = <unix expiry>:<name>, password = base64(HMAC-SHA1(secret, username)).
turn_credential() {
  local name=$1 ttl=${2:-3600} user
  user="$(($(date +%s) + ttl)):$name"
  printf '%s %s\n' "$user" "$(printf '%s' "$user" | openssl dgst -sha1 -hmac "$(turn_secret)" -binary | base64)"
}

# python3 for the small probes (standard library only). Prefer Debian's over a pyenv shim, whose
# selected version may differ from shell to shell.
python_bin() { if [ -x /usr/bin/python3 ]; then echo /usr/bin/python3; else command -v python3; fi; }
