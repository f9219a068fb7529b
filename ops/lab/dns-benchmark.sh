#!/usr/bin/env bash
# The peer's resolver under load (issue 16, ADR 0045), in one run of the lab: dnsperf on host A asks A's daemon
# (its resolver on A's overlay address, port 53) for
#   - mesh names: the peers' names (A, B and C), answered by the daemon itself;
#   - forwarded names: other names, which go to the primary nameserver group, a dnsmasq on router A's LAN address
#     (198.18.1.1:5300, answering every name from its configuration);
#   - the same names asked of that dnsmasq directly, as the floor a forwarder cannot go below;
# each ROUNDS times: SECONDS at full load (100 questions outstanding: queries per second) and SECONDS at a fixed
# RATE queries per second (latency percentiles of every answer, from dnsperf -v), interleaved so that machine load
# hits all alike. Then the daemon's resident memory and heap (after a full collection) before and after the load.
#
#   dns-benchmark.sh [-t SECONDS] [-r ROUNDS] [-q RATE]
#
# Needs the packaged jars (mvn -B -q package -DskipTests) and Debian's dnsperf, dnsmasq-base and dnsutils. Builds the
# lab from scratch and tears it down at the end; run under flock /tmp/netloom-bench.lock and the root-tests lock.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

DURATION=10
ROUNDS=3
RATE=2000
LAB=$REPO_DIR/ops/lab/lab.sh
JAR=$REPO_DIR/peer-daemon/target/netloom.jar
DNSMASQ_PORT=5300
DNSMASQ_IP=198.18.1.1
WORK=

while [ $# -gt 0 ]; do
  case $1 in
    -t) DURATION=${2:?-t needs seconds}; shift 2 ;;
    -r) ROUNDS=${2:?-r needs a count}; shift 2 ;;
    -q) RATE=${2:?-q needs queries per second}; shift 2 ;;
    *) echo "usage: $0 [-t SECONDS] [-r ROUNDS] [-q RATE]" >&2; exit 2 ;;
  esac
done

cleanup() {
  local s
  for s in a b c; do netloom "$s" down >/dev/null 2>&1 || true; done
  "$LAB" down >/dev/null 2>&1 || true
  [ -z "$WORK" ] || rm -rf "$WORK"
}

up_peer() {
  netloom "$1" up --management-url "https://$INET_IP:8080" --setup-key-file "$LAB_DIR/setup-key" \
    --server-fingerprint "$(cat "$LAB_DIR/server/server-fingerprint")" --interface-name "wt-$1" \
    --relay-ca "$LAB_DIR/relay-tls/ca.crt" >/dev/null
}

daemon_pid() {
  local pid
  for pid in $(ip netns pids "nl-$1"); do
    if grep -q -- '--foreground' "/proc/$pid/cmdline" 2>/dev/null; then echo "$pid"; return; fi
  done
}

# memory SITE: the daemon's resident set and its heap in use after a full collection.
memory() {
  local pid heap
  pid=$(daemon_pid "$1")
  in_ns "nl-$1" jcmd "$pid" GC.run >/dev/null
  heap=$(in_ns "nl-$1" jcmd "$pid" GC.heap_info | awk '/generation/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { sub(/K,?/, "", $(i+1)); kib += $(i+1) } } END { printf "%.1f MiB", kib / 1024 }')
  echo "RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status"), heap in use after a full GC $heap"
}

# perf NAME SERVER PORT FILE [DNSPERF OPTION...]: one dnsperf run from host A; prints "qps p50 p99 max lost" (latencies in
# ms, lost = questions without an answer), keeping dnsperf's own output in $WORK/NAME.out.
perf() {
  local name=$1 server=$2 port=$3 file=$4; shift 4
  in_ns nl-a dnsperf -s "$server" -p "$port" -d "$file" -l "$DURATION" -c 4 -t 5 -v "$@" >"$WORK/$name.out" 2>&1 || true
  local qps lost
  qps=$(awk '/Queries per second:/ {printf "%.0f", $4}' "$WORK/$name.out")
  lost=$(awk '/Queries lost:/ {print $3}' "$WORK/$name.out")
  # dnsperf -v: one line per answer, "> RCODE NAME TYPE SECONDS".
  awk '$1 == ">" && $2 != "T" { print $NF * 1000 }' "$WORK/$name.out" | sort -n | awk -v qps="$qps" -v lost="$lost" '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print qps, "-", "-", "-", lost; exit }
      p50 = v[int(NR * 0.50) > 0 ? int(NR * 0.50) : 1]; p99 = v[int(NR * 0.99) > 0 ? int(NR * 0.99) : 1]
      printf "%s %.3f %.3f %.3f %s\n", qps, p50, p99, v[NR], lost
    }'
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

main() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  [ -f "$JAR" ] || die "$JAR is missing: mvn -B -q package -DskipTests"
  ensure_commands jq:jq dnsperf:dnsperf dnsmasq:dnsmasq-base dig:dnsutils
  trap cleanup EXIT
  cleanup
  WORK=$(mktemp -d /tmp/netloom-dns-bench.XXXXXX)
  "$LAB" up >/dev/null
  "$LAB" server start >/dev/null
  local key all
  key=$(api POST /api/setup-keys '{"name":"bench","type":"reusable","expires_in":86400,"auto_groups":[],"usage_limit":0}' | jq -r .key)
  (umask 077 && printf '%s' "$key" >"$LAB_DIR/setup-key")
  all=$(api GET /api/groups | jq -r '.[] | select(.name=="All") | .id')
  api POST /api/policies "{\"name\":\"all\",\"description\":\"\",\"enabled\":true,\"rules\":[{\"name\":\"all\",\"enabled\":true,\"action\":\"accept\",\"bidirectional\":true,\"protocol\":\"all\",\"sources\":[\"$all\"],\"destinations\":[\"$all\"]}]}" >/dev/null
  in_ns nl-rtr-a dnsmasq --conf-file=/dev/null --no-resolv --no-hosts --bind-interfaces --listen-address="$DNSMASQ_IP" \
    --port="$DNSMASQ_PORT" --address=/#/203.0.113.80 --pid-file="$LAB_DIR/dnsmasq-bench.pid"
  api POST /api/dns/nameservers "{\"name\":\"primary\",\"description\":\"\",\"nameservers\":[{\"ip\":\"$DNSMASQ_IP\",\"ns_type\":\"udp\",\"port\":$DNSMASQ_PORT}],\"enabled\":true,\"groups\":[\"$all\"],\"primary\":true,\"domains\":[],\"search_domains_enabled\":false}" >/dev/null
  up_peer a && up_peer b && up_peer c

  local ip_a fqdns
  ip_a=$(netloom a status --json | jq -r .overlay_ip)
  fqdns=$(netloom a status --json | jq -r '.fqdn, .peers[].fqdn')
  local deadline=$((SECONDS + 60))
  until [ "$(netloom a status --json | jq '.dns.peer_names')" = 3 ] \
    && [ "$(in_ns nl-a dig +short +time=2 +tries=1 @"$ip_a" www.example.org)" = 203.0.113.80 ]; do
    [ $SECONDS -le $deadline ] || die "A's resolver does not answer mesh and forwarded names within 60 s"
    sleep 1
  done
  fqdns=$(netloom a status --json | jq -r '.fqdn, .peers[].fqdn')
  [ "$(wc -l <<<"$fqdns")" -eq 3 ] || die "A's map does not hold three peers: $fqdns"
  local name i
  for name in $fqdns; do echo "$name A"; done >"$WORK/mesh.txt"
  for ((i = 1; i <= 1000; i++)); do echo "host$i.example.org A"; done >"$WORK/forwarded.txt"
  echo "A's resolver: $(netloom a status --json | jq -c '.dns | {listen_address, system, peer_names, nameserver_groups}')"
  echo "daemon on A before the load: $(memory a)"

  local round line
  local -A qps=() p50=() p99=()
  local kinds=("mesh $ip_a 53 mesh.txt" "forwarded $ip_a 53 forwarded.txt" "dnsmasq $DNSMASQ_IP $DNSMASQ_PORT forwarded.txt")
  for ((round = 1; round <= ROUNDS; round++)); do
    line="round $round:"
    for kind in "${kinds[@]}"; do
      set -- $kind
      local full rated
      full=$(perf "$1-full-$round" "$2" "$3" "$WORK/$4" -q 100)
      rated=$(perf "$1-rated-$round" "$2" "$3" "$WORK/$4" -q 100 -Q "$RATE")
      read -r q _ _ fmax flost <<<"$full"
      read -r rq r50 r99 rmax rlost <<<"$rated"
      line+=" $1: $q q/s at full load (max latency $fmax ms, $flost lost); at $RATE q/s p50 $r50 ms p99 $r99 ms max $rmax ms ($rlost lost);"
      qps[$1]+="$q " p50[$1]+="$r50 " p99[$1]+="$r99 "
    done
    echo "$line"
  done
  for kind in "${kinds[@]}"; do
    set -- $kind
    # shellcheck disable=SC2086
    echo "median of $ROUNDS, $1: $(printf '%s\n' ${qps[$1]} | median) q/s at full load; at $RATE q/s p50 $(printf '%s\n' ${p50[$1]} | median) ms, p99 $(printf '%s\n' ${p99[$1]} | median) ms"
  done
  echo "daemon on A after the load: $(memory a)"
  echo "A's resolver counters: $(netloom a status --json | jq -c .dns.queries)"
}

main
