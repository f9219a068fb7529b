#!/usr/bin/env bash
# Netloom network-namespace lab: five sites behind NATs (two endpoint-independent, two symmetric, one
# that lets no UDP out), an "internet" with the Netloom server and coturn (TURN over UDP, TCP and TLS).
# See ops/lab/README.md for the picture.
#
#   lab.sh up                          build the namespaces, start coturn
#   lab.sh down [--keep]               stop everything, delete the nl-* namespaces and $LAB_DIR
#   lab.sh status                      what exists and what runs
#   lab.sh check                       connectivity, STUN, NAT mapping behaviour and TURN tests
#   lab.sh server start [java args...] start the Netloom server in nl-inet (https://203.0.113.1:8080)
#   lab.sh server stop
#   lab.sh postgres start | stop       a PostgreSQL of its own in nl-inet, shared by the cluster's servers
#   lab.sh server start --instance N [java args...]   server N (1 or 2) of a two-process cluster on that
#                                      PostgreSQL: https://203.0.113.1:8080 / :8090, gateway :33080 / :33081
#   lab.sh server stop --instance N    stop it; `server kill --instance N`: SIGKILL, a crashed process
#   lab.sh coturn kill | start         SIGKILL coturn (a relay crash) | start it again, same configuration
#   lab.sh root-link                   a veth from this machine's namespace (203.0.113.254) to nl-inet's
#                                      203.0.113.1 only, for a test's browser and identity provider
#   lab.sh renumber <site> second|first  move a site router's public address to its second one (203.0.113.5N,
#                                      an ISP handing out a new address) or back; the host behind sees no change
#   lab.sh forget-mappings <site>      empty a site router's connection tracking: its NAT forgets every mapping
#                                      (a router reboot, or mappings that timed out)
#   lab.sh exec <a|b|c|u|d|inet|rtr-a|...> [command...]
#
# LAB_DIR is /tmp/netloom-lab unless NETLOOM_LAB_DIR says otherwise; `up` gives coturn a maximum
# allocation lifetime of $NETLOOM_LAB_TURN_MAX_LIFETIME seconds when set (coturn's default otherwise);
# `server start` waits up to $NETLOOM_LAB_SERVER_WAIT seconds (90) for the server, whose clock runs
# $NETLOOM_LAB_SERVER_TIME_AHEAD (e.g. 65m) ahead when set, and whose JVM gets $NETLOOM_LAB_SERVER_JAVA_OPTS
# (the tests: -XX:TieredStopAtLevel=1, a first start in about half the time).
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COTURN_CONF=$LAB_DIR/coturn.conf
COTURN_LOG=$LAB_DIR/coturn.log
COTURN_PID=$LAB_DIR/coturn.pid
# TURN over TLS: the lab's own CA (made once per LAB_DIR) and the relay's certificate for $INET_IP, which it
# issued. Devices trust the CA with `netloom up --relay-ca $RELAY_CA`. Port 443, not TURN's 5349: a network
# that lets little out still lets HTTPS out, which is why issue 15 asks for `turns:` on 443 (ADR 0039).
RELAY_TLS_DIR=$LAB_DIR/relay-tls
RELAY_CA=$RELAY_TLS_DIR/ca.crt
RELAY_TLS_PORT=443
SERVER_JAR=$REPO_DIR/command-api/target/netloom-server.jar
SERVER_DATA=$LAB_DIR/server
SERVER_LOG=$LAB_DIR/server.log
SERVER_PID=$LAB_DIR/server.pid
# The server's own certificate (generated at its first start) and its fingerprint, which devices pin.
SERVER_CERT=$SERVER_DATA/tls/server.crt
SERVER_FINGERPRINT=$SERVER_DATA/server-fingerprint
# The URL the last started server answers on: https, unless started with --netloom.insecure-http=true.
SERVER_URL_FILE=$LAB_DIR/server-url
# Written into $LAB_DIR by `up`; `down` deletes the directory wholesale only when it is there, so a
# mistyped NETLOOM_LAB_DIR never gets a directory that the lab did not create removed.
LAB_MARKER=.netloom-lab
# The optional link between the machine's own namespace and nl-inet (`root-link`, ADR 0023): one address on each
# side and a host route to the other end, nothing else; `down` removes it.
ROOT_LINK=nl-root
ROOT_LINK_PEER=root0
ROOT_LINK_IP=203.0.113.254

all_lab_namespaces() { echo "$NS_INET"; for s in "${SITES[@]}"; do printf 'nl-rtr-%s\nnl-%s\n' "$s" "$s"; done; }
existing_lab_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep '^nl-' || true; }

require_root() { [ "$(id -u)" -eq 0 ] || die "run as root (network namespaces need CAP_SYS_ADMIN)"; }

require_lab_up() {
  local ns
  for ns in $(all_lab_namespaces); do
    ns_exists "$ns" || die "namespace $ns is missing; run: $0 up"
  done
}

# ---------------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------------

ensure_lab_packages() {
  ensure_commands ip:iproute2 nft:nftables ping:iputils-ping turnserver:coturn \
    turnutils_stunclient:coturn openssl:openssl curl:curl python3:python3 \
    wireguard-go:wireguard-go wg:wireguard-tools iperf3:iperf3 setsid:util-linux dig:dnsutils dnsmasq:dnsmasq-base \
    conntrack:conntrack
}

build_inet() {
  ensure_ns "$NS_INET"
  ns_sysctls "$NS_INET"
  ip -n "$NS_INET" link show nlbr0 >/dev/null 2>&1 || ip -n "$NS_INET" link add nlbr0 type bridge
  ip -n "$NS_INET" link set nlbr0 address "$INET_BRIDGE_MAC"
  ip -n "$NS_INET" addr replace "$INET_IP/24" dev nlbr0
  ip -n "$NS_INET" link set nlbr0 up
}

# The router's nftables table (nat_router_ruleset in lib.sh). Sites c and d have a symmetric NAT: a random
# external port per conntrack entry, i.e. per destination ip:port. Site u's router is a hotel or guest network:
# endpoint-independent NAT, but every UDP datagram from its LAN is dropped (counted: `lab.sh check` and the
# tests read the counter), so its host can reach a relay over TCP or TLS only.
router_ruleset() {
  local masquerade=masquerade forward_rule=
  case $1 in
    c | d) masquerade="masquerade random,fully-random" ;;
    u) forward_rule='iifname "lan" meta l4proto udp counter drop comment "no UDP out"' ;;
  esac
  nat_router_ruleset "$(lan_net "$1")" "$masquerade" "$forward_rule"
}

build_site() {
  local s=$1 rtr=nl-rtr-$1 host=nl-$1
  ensure_ns "$rtr"
  ensure_ns "$host"
  ns_sysctls "$rtr"
  ns_sysctls "$host"

  # WAN: router <-> nl-inet's bridge
  veth_pair "$rtr" wan "$NS_INET" "wan-$s"
  ip -n "$NS_INET" link set "wan-$s" master nlbr0 up
  ip -n "$rtr" addr replace "$(wan_ip "$s")/24" dev wan
  ip -n "$rtr" link set wan up
  ip -n "$rtr" route replace default via "$INET_IP"

  # LAN: router <-> host
  veth_pair "$rtr" lan "$host" eth0
  ip -n "$rtr" addr replace "$(lan_gw "$s")/24" dev lan
  ip -n "$rtr" link set lan up
  ip -n "$host" addr replace "$(host_ip "$s")/24" dev eth0
  ip -n "$host" link set eth0 up
  ip -n "$host" route replace default via "$(lan_gw "$s")"

  in_ns "$rtr" sysctl -qw net.ipv4.ip_forward=1
  router_ruleset "$s" | in_ns "$rtr" nft -f -
}

# relay_tls_files: the lab CA and the relay's certificate (IP SAN $INET_IP), made once per LAB_DIR with
# openssl. The keys are PKCS#8 (genpkey), which coturn's OpenSSL 3 reads (ADR 0036).
relay_tls_files() {
  [ -s "$RELAY_TLS_DIR/relay.crt" ] && [ -s "$RELAY_CA" ] && return 0
  mkdir -p "$RELAY_TLS_DIR"
  (
    umask 077
    cd "$RELAY_TLS_DIR"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
    openssl req -x509 -new -key ca.key -days 30 -subj "/CN=Netloom lab relay CA" -out ca.crt \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out relay.key 2>/dev/null
    openssl req -new -key relay.key -subj "/CN=$INET_IP" -out relay.csr 2>/dev/null
    printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$INET_IP" >relay.ext
    openssl x509 -req -in relay.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile relay.ext \
      -out relay.crt 2>/dev/null
    rm -f relay.csr relay.ext ca.srl
    chmod 644 ca.crt relay.crt
  )
  log "lab relay CA made: $RELAY_CA (the relay's certificate for $INET_IP: $RELAY_TLS_DIR/relay.crt)"
}

write_coturn_config() {
  local secret lifetime=
  secret=$(turn_secret)
  relay_tls_files
  # Shorter allocations for tests that must see several lifetimes go by (the daemon refreshes at half).
  if [ -n "${NETLOOM_LAB_TURN_MAX_LIFETIME:-}" ]; then lifetime="max-allocate-lifetime=$NETLOOM_LAB_TURN_MAX_LIFETIME"; fi
  (umask 077 && cat >"$COTURN_CONF" <<EOF
# Generated by ops/lab/lab.sh; rewritten on every 'up'.
listening-ip=$INET_IP
relay-ip=$INET_IP
# TURN over UDP and TCP on 3478, over TLS on $RELAY_TLS_PORT; no DTLS (the daemon does not speak it)
listening-port=3478
tls-listening-port=$RELAY_TLS_PORT
cert=$RELAY_TLS_DIR/relay.crt
pkey=$RELAY_TLS_DIR/relay.key
min-port=49152
max-port=49999
use-auth-secret
static-auth-secret=$secret
realm=netloom.lab
fingerprint
no-dtls
no-tcp-relay
no-cli
$lifetime
# one line per allocation, permission and channel: what to read when a peer falls back to TURN
# verbose: logs every allocation; enable by hand when debugging (a retry storm fills the disk)
# coturn 4.6 denies no TEST-NET range by default; stated anyway so that a coturn whose defaults
# do deny them still relays to the lab's public side.
allowed-peer-ip=203.0.113.0-203.0.113.255
# Like a production relay: never towards private or shared addresses (the lab's LANs and overlay). A device that
# offers only a private host address (site u) must not get a permission for it: coturn answers 403 rather than
# relaying into a network it cannot reach (ADR 0037).
denied-peer-ip=198.18.0.0-198.19.255.255
denied-peer-ip=100.64.0.0-100.127.255.255
# Keep everything inside LAB_DIR: the default user database is /var/lib/turn/turndb.
userdb=$LAB_DIR/turndb
log-file=$COTURN_LOG
simple-log
no-stdout-log
pidfile=$LAB_DIR/coturn.own.pid
EOF
  )
}

# udp_listening NS PORT / tcp_listening NS PORT: true when something in NS listens on that port.
udp_listening() { [ -n "$(in_ns "$1" ss -H -uln "sport = :$2")" ]; }
tcp_listening() { [ -n "$(in_ns "$1" ss -H -tln "sport = :$2")" ]; }

# Starts coturn on the configuration `up` wrote: `coturn start` after a kill keeps what `up` was given
# (NETLOOM_LAB_TURN_MAX_LIFETIME) without being given it again.
start_coturn() {
  [ -s "$COTURN_CONF" ] || write_coturn_config
  if pid_alive "$COTURN_PID" turnserver; then
    log "coturn already runs (pid $(cat "$COTURN_PID")); it reads its config only at start"
    return 0
  fi
  start_daemon "$COTURN_LOG" "$COTURN_PID" "$NS_INET" turnserver -c "$COTURN_CONF"
  local i
  for ((i = 0; i < 100; i++)); do
    if udp_listening "$NS_INET" 3478 && tcp_listening "$NS_INET" "$RELAY_TLS_PORT"; then
      log "coturn listening on $INET_IP:3478 (UDP, TCP) and $RELAY_TLS_PORT (TLS) (pid $(cat "$COTURN_PID"))"
      return 0
    fi
    pid_alive "$COTURN_PID" turnserver || break
    sleep 0.1
  done
  tail -n 20 "$COTURN_LOG" >&2 || true
  die "coturn did not start (log: $COTURN_LOG)"
}

# Quick connectivity check run by `up`: every host reaches the internet side, no host reaches
# another site's LAN.
verify_connectivity() {
  local s
  for s in "${SITES[@]}"; do
    in_ns "nl-$s" ping -q -c 1 -W 2 "$INET_IP" >/dev/null || die "nl-$s cannot ping $INET_IP"
  done
  if in_ns nl-a ping -q -c 1 -W 1 "$(host_ip b)" >/dev/null 2>&1; then
    die "nl-a reaches nl-b's LAN address $(host_ip b) directly; the NAT isolation is broken"
  fi
  log "connectivity ok: hosts reach $INET_IP, nl-a cannot reach $(host_ip b)"
}

print_summary() {
  cat <<EOF

Netloom lab is up (state in $LAB_DIR)
  nl-inet   nlbr0 $INET_IP/24      coturn stun/turn:$INET_IP:3478 (UDP, TCP), turns:$INET_IP:$RELAY_TLS_PORT (realm netloom.lab)
EOF
  local s kind
  for s in "${SITES[@]}"; do
    case $s in
      c | d) kind="symmetric NAT (random port per destination)" ;;
      u) kind="endpoint-independent masquerade, drops all UDP from its LAN" ;;
      *) kind="endpoint-independent masquerade" ;;
    esac
    printf '  nl-rtr-%s  wan %s/24  lan %s/24  %s\n' "$s" "$(wan_ip "$s")" "$(lan_gw "$s")" "$kind"
    printf '  nl-%s      eth0 %s/24  default via %s\n' "$s" "$(host_ip "$s")" "$(lan_gw "$s")"
  done
  cat <<EOF
  TURN secret: $LAB_DIR/turn-secret; relay CA (netloom up --relay-ca): $RELAY_CA

Next: $0 server start      # Netloom server on https://$INET_IP:8080
      $0 check             # STUN / NAT / TURN self-test
      $0 exec a <command>  # run something on host A
EOF
}

up_failed() {
  local rc=$?
  [ "$rc" -eq 0 ] && return 0
  warn "up failed (exit $rc); tearing the lab down"
  cmd_down --keep || true
}

cmd_up() {
  require_root
  ensure_lab_packages
  mkdir -p "$LAB_DIR" /var/run/wireguard
  touch "$LAB_DIR/$LAB_MARKER"
  # A half-built lab is worse than none: on any failure tear down so the next `up` starts clean.
  trap up_failed EXIT
  log "building namespaces"
  build_inet
  local s
  for s in "${SITES[@]}"; do build_site "$s"; done
  verify_connectivity
  write_coturn_config
  start_coturn
  trap - EXIT
  print_summary
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------

# stop_ns_processes NS...: everything still running inside the namespaces (daemons, wireguard-go, shells). All of
# them get SIGTERM at once and are waited for together (a daemon's SIGTERM is `netloom down`: it removes its
# interface and rules, some seconds each; one namespace after the other added them up); SIGKILL after 5 s.
stop_ns_processes() {
  local ns pids all= i
  for ns in "$@"; do
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    [ -n "${pids// /}" ] || continue
    log "stopping processes in $ns: $(for p in $pids; do printf '%s(%s) ' "$(cat "/proc/$p/comm" 2>/dev/null)" "$p"; done)"
    all="$all $pids"
  done
  [ -n "${all// /}" ] || return 0
  # shellcheck disable=SC2086
  kill -TERM $all 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    [ -z "$(ns_pids "$@")" ] && return 0
    sleep 0.1
  done
  all=$(ns_pids "$@")
  warn "still running after 5s, sending SIGKILL: $all"
  # shellcheck disable=SC2086
  kill -KILL $all 2>/dev/null || true
}

# ns_pids NS...: the processes running in any of the namespaces, on one line.
ns_pids() {
  local ns
  for ns in "$@"; do ip netns pids "$ns" 2>/dev/null; done | tr '\n' ' ' | sed 's/ *$//'
}

# A wireguard-go that was SIGKILLed leaves its control socket behind, and `wg show` then lists a
# dead interface. Only sockets that refuse connections are removed: a live one always answers.
remove_stale_wg_sockets() {
  local sock
  for sock in /var/run/wireguard/*.sock; do
    [ -S "$sock" ] || continue
    if ! "$(python_bin)" -c 'import socket,sys; socket.socket(socket.AF_UNIX).connect(sys.argv[1])' "$sock" 2>/dev/null; then
      log "removing stale WireGuard socket $sock"
      rm -f "$sock"
    fi
  done
}

# `lab.sh coturn kill|start`: the relay crashing (SIGKILL: no allocation is closed, nobody is told) and
# coming back with the same configuration, for the healing tests and benchmarks.
cmd_coturn() {
  require_root
  require_lab_up
  case "${1:-}" in
    kill)
      pid_alive "$COTURN_PID" turnserver || die "coturn is not running"
      log "killing coturn (pid $(cat "$COTURN_PID"), SIGKILL)"
      kill -KILL "$(cat "$COTURN_PID")"
      while pid_alive "$COTURN_PID" turnserver; do sleep 0.05; done
      ;;
    start) start_coturn ;;
    *) die "usage: $0 coturn kill | coturn start" ;;
  esac
}

# `lab.sh renumber <site> second|first`: the site's router loses its public address and gets the other one, as when
# an ISP renumbers a line or a phone changes carrier. The old address goes first (deleting a primary address would
# take a secondary in the same subnet with it); masquerade then drops every mapping made with it by itself.
cmd_renumber() {
  require_root
  require_lab_up
  local site=${1:-} which=${2:-} from to
  [ -n "$site" ] || die "usage: $0 renumber <site> second|first"
  case "$which" in
    second) from=$(wan_ip "$site") to=$(second_wan_ip "$site") ;;
    first) from=$(second_wan_ip "$site") to=$(wan_ip "$site") ;;
    *) die "usage: $0 renumber <site> second|first" ;;
  esac
  local rtr=nl-rtr-$site
  ip -n "$rtr" addr del "$from/24" dev wan 2>/dev/null || true
  ip -n "$rtr" addr replace "$to/24" dev wan
  ip -n "$rtr" route replace default via "$INET_IP"
  log "router $site: public address $from -> $to"
}

# `lab.sh forget-mappings <site>`: every NAT mapping and connection the site's router tracks is gone at once.
cmd_forget_mappings() {
  require_root
  require_lab_up
  local site=${1:-}
  [ -n "$site" ] || die "usage: $0 forget-mappings <site>"
  site_index "$site" >/dev/null
  ensure_commands conntrack:conntrack
  in_ns "nl-rtr-$site" conntrack -F 2>/dev/null
  log "router $site: connection tracking emptied"
}

stop_coturn() {
  if pid_alive "$COTURN_PID" turnserver; then
    log "stopping coturn (pid $(cat "$COTURN_PID"))"
    stop_pid "$(cat "$COTURN_PID")" 10
  fi
  rm -f "$COTURN_PID"
}

remove_state() {
  [ -d "$LAB_DIR" ] || return 0
  if [ -e "$LAB_DIR/$LAB_MARKER" ] && [ "$(cd "$LAB_DIR" && pwd -P)" != / ]; then
    log "removing $LAB_DIR"
    rm -rf "$LAB_DIR"
  else
    warn "$LAB_DIR was not created by the lab; removing only the lab's own files in it"
    rm -rf "${LAB_DIR:?}"/{coturn.conf,coturn.log,coturn.pid,coturn.own.pid,turndb,turn-secret,relay-tls,server,server.log,server.pid,server-url,postgres,postgres.log,postgres.pid,postgres-datasource.properties,cluster-keys,server1,server1.log,server1.pid,server1-url,server2,server2.log,server2.pid,server2-url}
  fi
}

cmd_down() {
  require_root
  local keep=false ns
  [ "${1:-}" = --keep ] && keep=true
  cluster_stop
  server_stop
  stop_coturn
  root_link_down
  # shellcheck disable=SC2046 # namespace names have no spaces
  stop_ns_processes $(existing_lab_namespaces)
  for ns in $(existing_lab_namespaces); do
    log "deleting namespace $ns"
    ip netns del "$ns"
  done
  # the namespaces' own resolv.conf files (ensure_ns in lib.sh)
  rm -rf /etc/netns/nl-*
  rmdir /etc/netns 2>/dev/null || true
  [ -d /var/run/wireguard ] && remove_stale_wg_sockets
  if $keep; then
    rm -f "$COTURN_PID" "$SERVER_PID" "$POSTGRES_PID" "$LAB_DIR"/server[12].pid
    log "lab is down (kept $LAB_DIR)"
  else
    remove_state
    log "lab is down"
  fi
}

# ---------------------------------------------------------------------------------------------
# server
# ---------------------------------------------------------------------------------------------

server_url() { if [ -s "$SERVER_URL_FILE" ]; then cat "$SERVER_URL_FILE"; else echo "https://$INET_IP:8080"; fi; }

# curl trusts exactly the server's certificate (it names $INET_IP: see server_start).
server_http_code() {
  in_ns "$NS_INET" curl -s -o /dev/null -m 2 -w '%{http_code}' --cacert "$SERVER_CERT" "$(server_url)/api/peers" \
    2>/dev/null || true
}

# The shared library the faketime package installs (its path depends on the architecture).
faketime_library() {
  local library
  library=$(dpkg -L libfaketime 2>/dev/null | grep -m1 '/libfaketime\.so\.1$') || die "libfaketime.so.1 not found"
  echo "$library"
}

server_start_failed() {
  local rc=$?
  [ "$rc" -eq 0 ] && return 0
  warn "server start failed (exit $rc); stopping it again"
  server_stop || true
}

server_start() {
  require_root
  require_lab_up
  [ -f "$SERVER_JAR" ] || die "$SERVER_JAR is missing; build it first (mvn -B -q -pl command-api -am package -DskipTests)"
  if pid_alive "$SERVER_PID" netloom-server.jar; then
    log "server already runs (pid $(cat "$SERVER_PID")); admin token: $SERVER_DATA/admin-token"
    return 0
  fi
  ensure_commands java:openjdk-17-jre-headless curl:curl
  mkdir -p "$SERVER_DATA"
  local url="https://$INET_IP:8080" arg
  for arg in "$@"; do
    [ "$arg" = --netloom.insecure-http=true ] && url="http://$INET_IP:8080"
  done
  echo "$url" >"$SERVER_URL_FILE"
  printf '\n===== %s lab.sh server start =====\n' "$(date -Is)" >>"$SERVER_LOG"
  # A test of login expiry moves the server's clock ahead instead of waiting for the shortest expiration NetBird
  # and Netloom allow (an hour): NETLOOM_LAB_SERVER_TIME_AHEAD=65m starts it under libfaketime (ADR 0023).
  local clock=()
  if [ -n "${NETLOOM_LAB_SERVER_TIME_AHEAD:-}" ]; then
    ensure_commands faketime:faketime
    # Both clocks move by the same offset (timers keep their pace); leaving the monotonic clock or file times
    # alone made the JVM 10-15 times slower in libfaketime 0.9.10.
    clock=(env "LD_PRELOAD=$(faketime_library)" "FAKETIME=+$NETLOOM_LAB_SERVER_TIME_AHEAD" NO_FAKE_STAT=1)
    warn "the server's clock runs $NETLOOM_LAB_SERVER_TIME_AHEAD ahead of the machine's (libfaketime)"
  fi
  # The generated certificate also names the lab address, so that curl and other CA-style clients given
  # the certificate accept it there; devices pin its fingerprint instead. NETLOOM_LAB_SERVER_JAVA_OPTS is split
  # into words on purpose (several JVM options).
  # shellcheck disable=SC2086
  start_daemon "$SERVER_LOG" "$SERVER_PID" "$NS_INET" \
    "${clock[@]}" java -Xmx512m ${NETLOOM_LAB_SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" \
    "--netloom.data-dir=$SERVER_DATA" \
    "--server.address=$INET_IP" --server.port=8080 \
    "--netloom.gateway.host=$INET_IP" --netloom.gateway.port=33080 \
    "--netloom.tls.subject-alternative-names=$INET_IP" \
    "--netloom.stun-uris=stun:$INET_IP:3478" \
    "--netloom.turn-uris=turn:$INET_IP:3478?transport=udp,turn:$INET_IP:3478?transport=tcp,turns:$INET_IP:$RELAY_TLS_PORT?transport=tcp" \
    "--netloom.turn-secret=$(turn_secret)" \
    "$@"
  # A server that does not come up is stopped again rather than left half-started.
  trap server_start_failed EXIT
  local wait=${NETLOOM_LAB_SERVER_WAIT:-90} i code
  log "server starting (pid $(cat "$SERVER_PID"), log $SERVER_LOG); waiting up to ${wait}s"
  for ((i = 0; i < wait; i++)); do
    pid_alive "$SERVER_PID" netloom-server.jar || { tail -n 30 "$SERVER_LOG" >&2; die "server exited during start"; }
    code=$(server_http_code)
    # 401 from an authenticated endpoint: the whole stack (HTTP, security, database) answers.
    if [ "$code" = 401 ]; then
      trap - EXIT
      if [ "${url%%:*}" = https ]; then
        log "server is up on $url (gateway wss://$INET_IP:33080)"
        log "certificate: $SERVER_CERT, SHA-256 fingerprint $(cat "$SERVER_FINGERPRINT")"
        log "devices: netloom up --management-url $url --server-fingerprint \$(cat $SERVER_FINGERPRINT) ..."
      else
        warn "server is up on $url (gateway ws://$INET_IP:33080) WITHOUT TLS; devices need --allow-insecure-http"
      fi
      log "admin token: $SERVER_DATA/admin-token"
      return 0
    fi
    sleep 1
  done
  tail -n 30 "$SERVER_LOG" >&2
  die "server did not answer on $url within ${wait}s"
}

# Stops the server; SIGKILL after 15s. Embedded PostgreSQL runs as child processes that the JVM's
# shutdown hook stops; after a SIGKILL they are left over and would hold the data directory, so
# any process still naming the data directory is stopped too.
server_stop() {
  if pid_alive "$SERVER_PID" netloom-server.jar; then
    log "stopping server (pid $(cat "$SERVER_PID"))"
    stop_pid "$(cat "$SERVER_PID")" 15
  fi
  rm -f "$SERVER_PID"
  local pid
  for pid in $(pgrep -f -- "$SERVER_DATA/postgres" || true); do
    log "stopping leftover embedded PostgreSQL (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true # postgres: SIGINT is a fast shutdown
  done
}

cmd_server() {
  if [ "${2:-}" = --instance ]; then
    cmd_instance "$1" "${3:-}" "${@:4}"
    return
  fi
  case "${1:-}" in
    start) shift; server_start "$@" ;;
    stop) require_root; server_stop; log "server stopped" ;;
    *) die "usage: $0 server start [java args...] | server stop | server start|stop|kill --instance N" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# cluster: a PostgreSQL of its own and two server processes on it (issue 18, ADR 0060)
# ---------------------------------------------------------------------------------------------

# The servers of a cluster share one database, so it cannot be the one a server embeds (killing that server would
# take the database with it). The embedded database runs on its own from the server's jar instead
# (StandaloneDatabase), in nl-inet, where the servers run: it listens on 127.0.0.1, which is nl-inet's loopback for
# them. It writes the owner's connection settings into a private file the servers import, once it answers.
POSTGRES_DATA=$LAB_DIR/postgres
POSTGRES_SETTINGS=$LAB_DIR/postgres-datasource.properties
POSTGRES_LOG=$LAB_DIR/postgres.log
POSTGRES_PID=$LAB_DIR/postgres.pid
POSTGRES_MAIN=io.netloom.server.database.StandaloneDatabase
# Secrets every process must hold alike (gateway key, map signing, JWT keys, TURN secret: ADR 0058).
CLUSTER_KEYS=$LAB_DIR/cluster-keys
CLUSTER_INSTANCES=(1 2)

# Instance N's data directory, log, pid file, URL file and ports. Instance 1 has the single server's ports;
# instance 2 its own ten higher (the management port's default is 8081, next to the API's 8080).
instance_data() { echo "$LAB_DIR/server$1"; }
instance_log() { echo "$LAB_DIR/server$1.log"; }
instance_pid() { echo "$LAB_DIR/server$1.pid"; }
instance_url_file() { echo "$LAB_DIR/server$1-url"; }
instance_api_port() { echo $((8080 + 10 * ($1 - 1))); }
instance_management_port() { echo $((8081 + 10 * ($1 - 1))); }
instance_gateway_port() { echo $((33079 + $1)); }
instance_cluster_port() { echo $((5700 + $1)); }
instance_url() { if [ -s "$(instance_url_file "$1")" ]; then cat "$(instance_url_file "$1")"; else echo "https://$INET_IP:$(instance_api_port "$1")"; fi; }
instance_http_code() {
  in_ns "$NS_INET" curl -s -o /dev/null -m 2 -w '%{http_code}' --cacert "$(instance_data "$1")/tls/server.crt" \
    "$(instance_url "$1")/api/peers" 2>/dev/null || true
}
instance_readiness_code() {
  in_ns "$NS_INET" curl -s -o /dev/null -m 2 -w '%{http_code}' \
    "http://$INET_IP:$(instance_management_port "$1")/actuator/health/readiness" 2>/dev/null || true
}
require_instance() {
  case ${1:-} in
    1 | 2) ;;
    *) die "--instance must be 1 or 2, not '${1:-}'" ;;
  esac
}

postgres_start() {
  require_root
  require_lab_up
  [ -f "$SERVER_JAR" ] || die "$SERVER_JAR is missing; build it first (mvn -B -q -pl command-api -am package -DskipTests)"
  if pid_alive "$POSTGRES_PID" "$POSTGRES_MAIN"; then
    log "the cluster's PostgreSQL already runs (pid $(cat "$POSTGRES_PID")); settings in $POSTGRES_SETTINGS"
    return 0
  fi
  ensure_commands java:openjdk-17-jre-headless
  mkdir -p "$POSTGRES_DATA"
  rm -f "$POSTGRES_SETTINGS"
  printf '\n===== %s lab.sh postgres start =====\n' "$(date -Is)" >>"$POSTGRES_LOG"
  start_daemon "$POSTGRES_LOG" "$POSTGRES_PID" "$NS_INET" java -Xmx128m -XX:TieredStopAtLevel=1 -cp "$SERVER_JAR" \
    "-Dloader.main=$POSTGRES_MAIN" org.springframework.boot.loader.launch.PropertiesLauncher \
    "$POSTGRES_DATA" "$POSTGRES_SETTINGS"
  local i
  for ((i = 0; i < 600; i++)); do
    pid_alive "$POSTGRES_PID" "$POSTGRES_MAIN" || { tail -n 30 "$POSTGRES_LOG" >&2; die "PostgreSQL exited during start"; }
    if [ -s "$POSTGRES_SETTINGS" ]; then
      log "the cluster's PostgreSQL is up (pid $(cat "$POSTGRES_PID"), $(grep -o 'jdbc:[^ ]*' "$POSTGRES_SETTINGS") in $NS_INET)"
      return 0
    fi
    sleep 0.1
  done
  tail -n 30 "$POSTGRES_LOG" >&2
  postgres_stop
  die "PostgreSQL did not come up within 60s (log: $POSTGRES_LOG)"
}

# SIGTERM: StandaloneDatabase shuts PostgreSQL down cleanly. After a SIGKILL its postmaster would be left holding the
# data directory; anything still naming it is stopped too (as server_stop does for the embedded one).
postgres_stop() {
  if pid_alive "$POSTGRES_PID" "$POSTGRES_MAIN"; then
    log "stopping the cluster's PostgreSQL (pid $(cat "$POSTGRES_PID"))"
    stop_pid "$(cat "$POSTGRES_PID")" 30
  fi
  rm -f "$POSTGRES_PID" "$POSTGRES_SETTINGS"
  local pid
  for pid in $(pgrep -f -- "$POSTGRES_DATA/postgres" || true); do
    log "stopping leftover PostgreSQL (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
  done
}

cmd_postgres() {
  case "${1:-}" in
    start) postgres_start ;;
    stop) require_root; postgres_stop; log "the cluster's PostgreSQL stopped" ;;
    *) die "usage: $0 postgres start | postgres stop" ;;
  esac
}

instance_start_failed() {
  local rc=$?
  [ "$rc" -eq 0 ] && return 0
  warn "server instance $starting_instance failed to start (exit $rc); stopping it again"
  instance_stop "$starting_instance" || true
}

# Server N of the cluster: its own data directory and ports, the shared database and keys, and the certificate
# instance 1 generated (copied, with its key, into the data directory before instance 2's first start), since
# devices pin one fingerprint for every gateway (ADR 0057). Its gateway URL is listed first, so a device enrolled
# through instance N signs in at N's gateway and moves to the other when N goes away; Hazelcast on 203.0.113.1:570N.
instance_start() {
  local n=$1
  shift
  require_root
  require_lab_up
  [ -f "$SERVER_JAR" ] || die "$SERVER_JAR is missing; build it first (mvn -B -q -pl command-api -am package -DskipTests)"
  local data pid logfile
  data=$(instance_data "$n") pid=$(instance_pid "$n") logfile=$(instance_log "$n")
  if pid_alive "$pid" netloom-server.jar; then
    log "server instance $n already runs (pid $(cat "$pid"))"
    return 0
  fi
  pid_alive "$POSTGRES_PID" "$POSTGRES_MAIN" && [ -s "$POSTGRES_SETTINGS" ] ||
    die "the cluster's PostgreSQL is not running; run: $0 postgres start"
  ensure_commands java:openjdk-17-jre-headless curl:curl
  mkdir -p "$data"
  local first_tls
  first_tls=$(instance_data 1)/tls
  if [ "$n" != 1 ] && [ ! -s "$data/tls/server.crt" ]; then
    [ -s "$first_tls/server.crt" ] || die "start instance 1 first: instance $n serves the certificate instance 1 generates"
    (umask 077 && mkdir -p "$data/tls" && cp -p "$first_tls/server.crt" "$first_tls/server.key" "$data/tls/")
  fi
  local http=https ws=wss arg
  for arg in "$@"; do
    [ "$arg" = --netloom.insecure-http=true ] && http=http ws=ws
  done
  local url="$http://$INET_IP:$(instance_api_port "$n")" urls="$ws://$INET_IP:$(instance_gateway_port "$n")/v2/peer"
  local members= other
  for other in "${CLUSTER_INSTANCES[@]}"; do
    members="$members${members:+,}$INET_IP:$(instance_cluster_port "$other")"
    [ "$other" = "$n" ] || urls="$urls,$ws://$INET_IP:$(instance_gateway_port "$other")/v2/peer"
  done
  echo "$url" >"$(instance_url_file "$n")"
  printf '\n===== %s lab.sh server start --instance %s =====\n' "$(date -Is)" "$n" >>"$logfile"
  # shellcheck disable=SC2086 # NETLOOM_LAB_SERVER_JAVA_OPTS: several JVM options
  start_daemon "$logfile" "$pid" "$NS_INET" \
    java -Xmx512m ${NETLOOM_LAB_SERVER_JAVA_OPTS:-} -jar "$SERVER_JAR" \
    "--netloom.data-dir=$data" "--netloom.keys-dir=$CLUSTER_KEYS" \
    "--spring.config.import=file:$POSTGRES_SETTINGS" \
    "--server.address=$INET_IP" "--server.port=$(instance_api_port "$n")" \
    "--management.server.port=$(instance_management_port "$n")" \
    "--netloom.gateway.host=$INET_IP" "--netloom.gateway.port=$(instance_gateway_port "$n")" \
    "--netloom.gateway.urls=$urls" \
    "--netloom.cluster.name=netloom-lab" "--netloom.cluster.host=$INET_IP" \
    "--netloom.cluster.port=$(instance_cluster_port "$n")" "--netloom.cluster.members=$members" \
    "--netloom.tls.subject-alternative-names=$INET_IP" \
    "--netloom.stun-uris=stun:$INET_IP:3478" \
    "--netloom.turn-uris=turn:$INET_IP:3478?transport=udp,turn:$INET_IP:3478?transport=tcp,turns:$INET_IP:$RELAY_TLS_PORT?transport=tcp" \
    "--netloom.turn-secret=$(turn_secret)" \
    "$@"
  starting_instance=$n
  trap instance_start_failed EXIT
  local wait=${NETLOOM_LAB_SERVER_WAIT:-90} i
  log "server instance $n starting (pid $(cat "$pid"), log $logfile); waiting up to ${wait}s"
  for ((i = 0; i < wait * 2; i++)); do
    pid_alive "$pid" netloom-server.jar || { tail -n 30 "$logfile" >&2; die "server instance $n exited during start"; }
    # The API answers (401 without a token) and the process is ready: its gateway listens, in the cluster.
    if [ "$(instance_http_code "$n")" = 401 ] && [ "$(instance_readiness_code "$n")" = 200 ]; then
      trap - EXIT
      log "server instance $n is up on $url (gateway $ws://$INET_IP:$(instance_gateway_port "$n"), cluster $members)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$logfile" >&2
  die "server instance $n did not answer on $url within ${wait}s"
}

instance_stop() {
  local pid
  pid=$(instance_pid "$1")
  if pid_alive "$pid" netloom-server.jar; then
    log "stopping server instance $1 (pid $(cat "$pid"))"
    stop_pid "$(cat "$pid")" 15
  fi
  rm -f "$pid"
}

# A crash: SIGKILL, nothing closed in order; the kernel resets the process's connections.
instance_kill() {
  local pid
  pid=$(instance_pid "$1")
  pid_alive "$pid" netloom-server.jar || die "server instance $1 is not running"
  log "killing server instance $1 (pid $(cat "$pid"), SIGKILL)"
  kill -KILL "$(cat "$pid")"
  while pid_alive "$pid" netloom-server.jar; do sleep 0.05; done
  rm -f "$pid"
}

cmd_instance() {
  local verb=$1 n=$2
  shift 2
  require_instance "$n"
  case "$verb" in
    start) instance_start "$n" "$@" ;;
    stop) require_root; instance_stop "$n"; log "server instance $n stopped" ;;
    kill) require_root; instance_kill "$n" ;;
    *) die "usage: $0 server start|stop|kill --instance N" ;;
  esac
}

# The servers first (they hold connections to the database), all at once (each takes seconds to leave the
# Hazelcast cluster and close its sessions), SIGKILL after 15 s; then the database.
cluster_stop() {
  local n pids=() pid i
  for n in "${CLUSTER_INSTANCES[@]}"; do
    if pid_alive "$(instance_pid "$n")" netloom-server.jar; then
      pid=$(cat "$(instance_pid "$n")")
      log "stopping server instance $n (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$(instance_pid "$n")"
  done
  for ((i = 0; i < 150 && ${#pids[@]} > 0; i++)); do
    for pid in "${!pids[@]}"; do [ -d "/proc/${pids[$pid]}" ] || unset "pids[$pid]"; done
    [ ${#pids[@]} -eq 0 ] || sleep 0.1
  done
  if [ ${#pids[@]} -gt 0 ]; then
    warn "server instances ${pids[*]} ignored SIGTERM for 15s; sending SIGKILL"
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  postgres_stop
}

cluster_status() {
  local n
  if pid_alive "$POSTGRES_PID" "$POSTGRES_MAIN"; then
    echo "postgres: running (pid $(cat "$POSTGRES_PID")) for the cluster, log $POSTGRES_LOG"
  fi
  for n in "${CLUSTER_INSTANCES[@]}"; do
    if pid_alive "$(instance_pid "$n")" netloom-server.jar; then
      echo "server $n: running (pid $(cat "$(instance_pid "$n")")), $(instance_url "$n")/api/peers answers HTTP $(instance_http_code "$n"), log $(instance_log "$n")"
    fi
  done
}

# ---------------------------------------------------------------------------------------------
# root-link: this machine's namespace <-> nl-inet, one host route each way
# ---------------------------------------------------------------------------------------------

# A test in the machine's own namespace plays a person's browser against the server (203.0.113.1:8080) and runs an
# identity provider that the server must reach under the same URL as the browser (ADR 0023). The veth has a
# point-to-point address on each end: the machine gets 203.0.113.254 and a route to 203.0.113.1 alone, nl-inet a
# route to 203.0.113.254 alone. No forwarding, no other route, the machine's default route untouched: the hosts
# behind the lab's routers cannot reach the machine, and the machine reaches nothing of the lab but the server.
root_link_up() {
  require_root
  require_lab_up
  if ! ip link show "$ROOT_LINK" >/dev/null 2>&1; then
    ip -n "$NS_INET" link del "$ROOT_LINK_PEER" 2>/dev/null || true # half of an interrupted earlier run
    ip link add "$ROOT_LINK" type veth peer name "$ROOT_LINK_PEER" netns "$NS_INET"
  fi
  # No IPv6 on the machine's end either: no link-local address, no router solicitations into the lab.
  sysctl -qw "net.ipv6.conf.$ROOT_LINK.disable_ipv6=1"
  ip addr replace "$ROOT_LINK_IP/32" peer "$INET_IP/32" dev "$ROOT_LINK"
  ip -n "$NS_INET" addr replace "$INET_IP/32" peer "$ROOT_LINK_IP/32" dev "$ROOT_LINK_PEER"
  ip link set "$ROOT_LINK" up
  ip -n "$NS_INET" link set "$ROOT_LINK_PEER" up
  ping -q -c 1 -W 2 "$INET_IP" >/dev/null || die "this machine cannot ping $INET_IP over $ROOT_LINK"
  log "root link up: this machine is $ROOT_LINK_IP on $ROOT_LINK and reaches $INET_IP only"
}

# Deleting either end of a veth deletes both; deleting nl-inet would too.
root_link_down() {
  if ip link show "$ROOT_LINK" >/dev/null 2>&1; then
    log "removing the root link $ROOT_LINK"
    ip link del "$ROOT_LINK"
  fi
}

# ---------------------------------------------------------------------------------------------
# status, exec
# ---------------------------------------------------------------------------------------------

# ns_process_names NS: "turnserver(123) java(456) postgres x26": pids for one-off processes,
# a count for many of a kind.
ns_process_names() {
  local p
  for p in $(ip netns pids "$1" 2>/dev/null); do
    printf '%s %s\n' "$(cat "/proc/$p/comm" 2>/dev/null || echo '?')" "$p"
  done | awk '{n[$1]++; pid[$1]=$2; if (!($1 in seen)) {seen[$1]=1; order[++k]=$1}}
    END {for (i = 1; i <= k; i++) {c = order[i]; printf "%s ", (n[c] > 1 ? c " x" n[c] : c "(" pid[c] ")")}}'
}

cmd_status() {
  local ns
  echo "LAB_DIR: $LAB_DIR"
  echo "namespaces:"
  for ns in $(all_lab_namespaces); do
    if ns_exists "$ns"; then
      printf '  %-9s up    %s\n' "$ns" "$(ns_process_names "$ns")"
    else
      printf '  %-9s --\n' "$ns"
    fi
  done
  for ns in $(existing_lab_namespaces); do
    all_lab_namespaces | grep -qx "$ns" || printf '  %-9s up    (not part of the lab topology)\n' "$ns"
  done
  if pid_alive "$COTURN_PID" turnserver; then
    echo "coturn:  running (pid $(cat "$COTURN_PID")) on $INET_IP:3478 (UDP, TCP) and :$RELAY_TLS_PORT (TLS), log $COTURN_LOG"
  else
    echo "coturn:  not running"
  fi
  if pid_alive "$SERVER_PID" netloom-server.jar; then
    echo "server:  running (pid $(cat "$SERVER_PID")), $(server_url)/api/peers answers HTTP $(server_http_code), log $SERVER_LOG"
  else
    echo "server:  not running"
  fi
  cluster_status
}

# target_ns NAME: a, b, c, inet, rtr-a.. or a full nl-* name -> namespace.
target_ns() {
  case $1 in
    a | b | c | u | d) echo "nl-$1" ;;
    inet) echo "$NS_INET" ;;
    rtr-a | rtr-b | rtr-c | rtr-u | rtr-d) echo "nl-$1" ;;
    nl-*) echo "$1" ;;
    *) die "unknown target '$1' (a, b, c, u, d, inet, rtr-a, rtr-b, rtr-c, rtr-u, rtr-d)" ;;
  esac
}

cmd_exec() {
  [ $# -ge 1 ] || die "usage: $0 exec <a|b|c|u|d|inet|rtr-a|...|rtr-d> [command...]"
  local ns
  ns=$(target_ns "$1")
  shift
  ns_exists "$ns" || die "namespace $ns does not exist; run: $0 up"
  [ $# -gt 0 ] || set -- bash
  exec ip netns exec "$ns" "$@"
}

# ---------------------------------------------------------------------------------------------
# check: the lab's self-test
# ---------------------------------------------------------------------------------------------

PROBE=$(dirname "${BASH_SOURCE[0]}")/udp-mapping-probe.py

# u_udp_dropped: UDP datagrams router u has dropped from its LAN so far.
u_udp_dropped() {
  in_ns nl-rtr-u nft list chain ip nl_router forward | grep -o 'udp counter packets [0-9]*' | awk '{print $4}'
}

# STUN over UDP: answered from every site but u, whose router drops the request (and counts it).
check_stun() {
  local s out before
  for s in "${SITES[@]}"; do
    [ "$s" = u ] && continue
    out=$(in_ns "nl-$s" timeout 10 turnutils_stunclient "$INET_IP" 2>&1) || { echo "$out" >&2; die "STUN from nl-$s failed"; }
    log "STUN from nl-$s: $(grep -m1 -o 'UDP reflexive addr: .*' <<<"$out" || echo "$out")"
  done
  before=$(u_udp_dropped)
  if in_ns nl-u timeout 5 turnutils_stunclient "$INET_IP" >/dev/null 2>&1; then
    die "STUN over UDP from nl-u was answered; router u must drop all UDP from its LAN"
  fi
  [ "$(u_udp_dropped)" -gt "$before" ] || die "router u's UDP drop counter did not move"
  log "STUN from nl-u: no answer, router u dropped $(($(u_udp_dropped) - before)) UDP datagrams (as it should)"
}

# From one local socket to two destinations: a, b keep one mapping, c and d do not, u gets no UDP out.
check_nat_mapping() {
  local s out line
  # Background jobs call `ip netns exec` directly (not in_ns) so that $! is the process itself.
  ip netns exec "$NS_INET" "$(python_bin)" "$PROBE" serve "$INET_IP" 3490 3491 --timeout 40 >/dev/null &
  reflector_pid=$!
  trap 'kill "$reflector_pid" 2>/dev/null || true' EXIT
  sleep 0.5
  for s in "${SITES[@]}"; do
    out=$(in_ns "nl-$s" "$(python_bin)" "$PROBE" probe --local-port 40000 "$INET_IP:3490" "$INET_IP:3491") || true
    while IFS= read -r line; do log "  nl-$s: $line"; done <<<"$out"
    case "$s:$out" in
      [cd]:*symmetric*) ;;
      [ab]:*endpoint-independent*) ;;
      u:*'NO ANSWER'*) ;;
      *) die "unexpected NAT mapping behaviour for site $s" ;;
    esac
  done
  kill "$reflector_pid" 2>/dev/null || true
  wait "$reflector_pid" 2>/dev/null || true
  trap - EXIT
  log "NAT mapping ok: a and b endpoint-independent, c and d symmetric, u sends no UDP"
}

# TURN allocations with a REST-scheme credential, relaying to a UDP echo peer (turnutils_peer) on a second,
# temporary address of the internet side: from c over UDP (behind the symmetric NAT), from u over TCP and over
# TLS on 443 (verifying the relay's certificate with the lab CA); and a relay towards a LAN address refused.
TURN_PEER_IP=203.0.113.250

check_turn_cleanup() {
  if [ -n "${turn_peer_pid:-}" ]; then
    kill "$turn_peer_pid" 2>/dev/null || true
    wait "$turn_peer_pid" 2>/dev/null || true
    turn_peer_pid=
  fi
  ip -n "$NS_INET" addr del "$TURN_PEER_IP/24" dev nlbr0 2>/dev/null || true
}

# turn_echo SITE PEER_IP [uclient flags...]: 20 packets through one allocation; prints uclient's output.
# -c: one allocation only (by default uclient adds an RTCP allocation towards port+1).
turn_echo() {
  local site=$1 peer=$2 user pass; shift 2
  read -r user pass < <(turn_credential lab-check)
  in_ns "nl-$site" timeout 30 turnutils_uclient -c -u "$user" -w "$pass" -e "$peer" -r 3480 -n 20 -X "$@" "$INET_IP" 2>&1 || true
}

check_turn() {
  local out how
  trap check_turn_cleanup EXIT
  ip -n "$NS_INET" addr replace "$TURN_PEER_IP/24" dev nlbr0
  ip netns exec "$NS_INET" timeout 60 turnutils_peer -L "$TURN_PEER_IP" -p 3480 >/dev/null 2>&1 &
  turn_peer_pid=$!
  sleep 0.5
  for how in "c udp" "u tcp -t" "u tls -t -S -p $RELAY_TLS_PORT -E $RELAY_CA"; do
    set -- $how
    out=$(turn_echo "$1" "$TURN_PEER_IP" "${@:3}")
    grep -q 'Total lost packets 0 (0.000000%)' <<<"$out" || { tail -n 20 <<<"$out" >&2; die "TURN over $2 from nl-$1 failed"; }
    log "TURN over $2 ok: nl-$1 allocated a relay on $INET_IP and echoed 20 packets via $TURN_PEER_IP:3480"
  done
  # The certificate names the relay's address and chains to the lab CA (what the daemon checks).
  in_ns nl-u openssl s_client -connect "$INET_IP:$RELAY_TLS_PORT" -CAfile "$RELAY_CA" -verify_ip "$INET_IP" \
    -verify_return_error </dev/null >/dev/null 2>&1 || die "the relay's TLS certificate does not verify for $INET_IP"
  log "TLS ok: the relay's certificate on $RELAY_TLS_PORT verifies for $INET_IP against $RELAY_CA"
  # denied-peer-ip: no permission towards a LAN address (here a's host address).
  out=$(turn_echo c "$(host_ip a)")
  grep -q 'Total lost packets 0 (0.000000%)' <<<"$out" && die "coturn relayed to the LAN address $(host_ip a)"
  grep -q '403' <<<"$out" || log "(uclient's answer for a denied peer: $(grep -m1 -i 'error\|forbidden' <<<"$out"))"
  log "denied-peer-ip ok: no relay towards $(host_ip a)"
  check_turn_cleanup
  trap - EXIT
  log "coturn saw: $(grep -c 'ALLOCATE processed, success' "$COTURN_LOG") successful allocations so far"
}

cmd_check() {
  require_root
  require_lab_up
  verify_connectivity
  pid_alive "$COTURN_PID" turnserver || die "coturn is not running; run: $0 down && $0 up"
  check_stun
  check_nat_mapping
  check_turn
  log "all checks passed"
}

# ---------------------------------------------------------------------------------------------

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down "$@" ;;
    status) cmd_status ;;
    check) cmd_check ;;
    server) cmd_server "$@" ;;
    postgres) cmd_postgres "$@" ;;
    coturn) cmd_coturn "$@" ;;
    root-link) root_link_up ;;
    renumber) cmd_renumber "$@" ;;
    forget-mappings) cmd_forget_mappings "$@" ;;
    exec) cmd_exec "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
