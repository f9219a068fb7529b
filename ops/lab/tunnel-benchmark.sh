#!/usr/bin/env bash
# Netloom tunnels against raw wireguard-go, side by side in one run of the lab:
#   - start-up: time from `netloom up` on A and B (started together, devices already enrolled) to
#     the first ping answered A -> B, SAMPLES times (median), and once more with a setup key given
#     (enrollment again on both)
#   - iperf3 TCP A -> B over Netloom (direct, P2P, WireGuard steered by nftables), A -> C (TURN
#     relay over UDP, C is behind a symmetric NAT), C -> D (both behind symmetric NATs: one relay
#     hop), U -> A and A -> U (U's network drops all UDP: relay over TCP) and A -> B over
#     hand-configured wireguard-go (raw-wireguard-bench.sh) at its default MTU (1420) and at
#     Netloom's (1280), interleaved ROUNDS times so that machine load hits all alike; the daemons'
#     CPU time during the direct runs; TCP retransmissions of each relayed run (the relay's loss)
#   - then U again with TCP to the relay's 3478 blocked too (relay over TLS on 443), ROUNDS times
#     each way beside a raw run at MTU 1280
#   - then A and B again with `--data-path proxy` (the user-space proxy), ROUNDS times, each
#     beside a raw run at MTU 1280
#   - the daemons' resident memory
#   - then KILLS times: coturn killed (SIGKILL), restarted 3 s later; for the relayed pairs A -> C,
#     C -> D and U -> A, the time from the restart to the first ping answered (pings every 50 ms)
#
#   tunnel-benchmark.sh [-t SECONDS] [-r ROUNDS] [-s SAMPLES] [-k KILLS]
#
# Needs the packaged jars (mvn -B -q package -DskipTests). Builds the lab from scratch and tears
# it down at the end.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

DURATION=10
ROUNDS=3
SAMPLES=5
KILLS=3
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
    -k) KILLS=${2:?-k needs a count}; shift 2 ;;
    *) echo "usage: $0 [-t SECONDS] [-r ROUNDS] [-s SAMPLES] [-k KILLS]" >&2; exit 2 ;;
  esac
done

cleanup() {
  local s
  for s in a b c u d; do netloom "$s" down >/dev/null 2>&1 || true; done
  for pid in "${PING_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$LAB" down >/dev/null 2>&1 || true
}

# up_peer SITE [OPTION...]: `netloom up` with the lab's settings and a setup key (enrolls, pinning the
# server's certificate).
up_peer() {
  local site=$1; shift
  netloom "$site" up --management-url "https://$INET_IP:8080" --setup-key-file "$LAB_DIR/setup-key" \
    --server-fingerprint "$(cat "$LAB_DIR/server/server-fingerprint")" \
    --interface-name "wt-$site" --wireguard-port "$NETLOOM_WG_PORT" --relay-ca "$LAB_DIR/relay-tls/ca.crt" "$@" >/dev/null
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

# iperf3_mbits CLIENT_SITE TARGET [-R]: receiver Mbit/s of one TCP run from CLIENT_SITE to TARGET (with -R
# from TARGET to CLIENT_SITE).
iperf3_mbits() { iperf3_run "$@" | awk '{print $1}'; }

# iperf3_run CLIENT_SITE TARGET [-R]: "Mbit/s retransmissions" of one TCP run; the sender's retransmitted
# segments stand for what the path lost (ADR 0037: coturn drops the tail of bursts towards TCP clients).
iperf3_run() {
  local site=$1 target=$2 json; shift 2
  json=$(in_ns "nl-$site" iperf3 -c "$target" -p "$IPERF_PORT" -t "$DURATION" -J "$@")
  jq -r '"\(.end.sum_received.bits_per_second / 1e6 | . * 10 | round / 10) \(.end.sum_sent.retransmits)"' <<<"$json"
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
  local site
  for site in "${@:-a}"; do
    netloom "$site" status --json | jq -r --arg s "${site^^}" '.peers[] | "\($s) sees \(.fqdn): \(.connection_type) \(.local_candidate_type)/\(.remote_candidate_type) \(.local_endpoint) -> \(.remote_endpoint), data path \(.data_path)\(if .relay_transport then ", relay \(.relay_transport) to \(.relay_server)" else "" end)"'
  done
}

# relay_transport SITE IP: the transport of SITE's own relay allocation on its path to IP ("-" if none).
relay_transport() {
  netloom "$1" status --json | jq -r --arg ip "$2" '.peers[] | select(.overlay_ip == $ip) | .relay_transport // "-"'
}

# ping_trace SITE TARGET FILE: pings every 50 ms with timestamps (-D) into FILE, in the background.
PING_PIDS=()
ping_trace() {
  ip netns exec "nl-$1" ping -n -D -i 0.05 -W 1 "$2" >"$3" 2>&1 &
  PING_PIDS+=($!)
}

# first_reply_after FILE EPOCH_SECONDS: milliseconds from EPOCH_SECONDS to the first reply after it ("" if none).
first_reply_after() {
  awk -v t="$2" -F'[][]' '/bytes from/ { if ($2 + 0 > t) { printf "%d\n", ($2 - t) * 1000; exit } }' "$1"
}

# recovery_runs IP_A IP_C IP_D: KILLS times coturn killed and restarted 3 s later; per relayed pair, the time from
# the restart to the first ping answered again.
recovery_runs() {
  local ip_a=$1 ip_c=$2 ip_d=$3 run pair restarted ms deadline
  local -A times=()
  local pairs=("a $ip_c" "c $ip_d" "u $ip_a")
  for ((run = 1; run <= KILLS; run++)); do
    for pair in "${pairs[@]}"; do
      set -- $pair
      await_ping "$1" "$2" 90 || die "no ping $1 -> $2 before recovery run $run"
      ping_trace "$1" "$2" "$LAB_DIR/recovery-$1.txt"
    done
    sleep 2
    "$LAB" coturn kill >/dev/null
    sleep 3
    "$LAB" coturn start >/dev/null
    restarted=$(date +%s.%N)
    deadline=$((SECONDS + 120))
    local line="recovery run $run: coturn killed, restarted 3 s later; pings answered again after the restart:"
    for pair in "${pairs[@]}"; do
      set -- $pair
      until ms=$(first_reply_after "$LAB_DIR/recovery-$1.txt" "$restarted") && [ -n "$ms" ]; do
        [ $SECONDS -le $deadline ] || { ms=never; break; }
        sleep 0.5
      done
      line+=" ${1^^}->$2 $ms ms"
      times[$1]+="$ms "
    done
    for pid in "${PING_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    PING_PIDS=()
    echo "$line"
  done
  for pair in "${pairs[@]}"; do
    set -- $pair
    # shellcheck disable=SC2086
    echo "recovery ${1^^}->$2 over $KILLS runs: median $(printf '%s\n' ${times[$1]} | median) ms, max $(printf '%s\n' ${times[$1]} | sort -n | tail -n 1) ms"
  done
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

  up_peer c && up_peer d && up_peer u
  local ip_a ip_c ip_d
  ip_a=$(overlay_ip a) ip_c=$(overlay_ip c) ip_d=$(overlay_ip d)
  await_ping a "$ip_c" 60 || die "no path A -> C (relay over UDP) within 60 s"
  await_ping c "$ip_d" 60 || die "no path C -> D (both symmetric) within 60 s"
  await_ping u "$ip_a" 60 || die "no path U -> A (U sends no UDP) within 60 s"
  [ "$(relay_transport u "$ip_a")" = tcp ] || die "U -> A is not relayed over TCP: $(relay_transport u "$ip_a")"
  show_paths a c d u

  in_ns nl-b iperf3 -s -D -B "$ip_b" -p "$IPERF_PORT"
  in_ns nl-c iperf3 -s -D -B "$ip_c" -p "$IPERF_PORT"
  in_ns nl-d iperf3 -s -D -B "$ip_d" -p "$IPERF_PORT"
  in_ns nl-a iperf3 -s -D -B "$ip_a" -p "$IPERF_PORT"
  sleep 0.5
  local round direct relayed both up_tcp down_tcp raw raw1280 cpu_used cpu_a cpu_b r_relayed r_both r_up r_down
  local -a directs=() relays=() boths=() ups=() downs=() raws=() raws1280=() cpus=()
  for ((round = 1; round <= ROUNDS; round++)); do
    cpu_a=$(daemon_cpu a) cpu_b=$(daemon_cpu b)
    direct=$(iperf3_mbits a "$ip_b")
    cpu_used=$(awk -v a="$cpu_a" -v b="$cpu_b" -v x="$(daemon_cpu a)" -v y="$(daemon_cpu b)" 'BEGIN{printf "%.2f", (x-a)+(y-b)}')
    read -r relayed r_relayed <<<"$(iperf3_run a "$ip_c")"
    read -r both r_both <<<"$(iperf3_run c "$ip_d")"
    read -r up_tcp r_up <<<"$(iperf3_run u "$ip_a")"
    read -r down_tcp r_down <<<"$(iperf3_run u "$ip_a" -R)"
    raw=$(raw_mbits)
    raw1280=$(raw_mbits --mtu 1280)
    echo "round $round: netloom direct A->B $direct Mbit/s (daemons' CPU ${cpu_used} s)," \
      "relayed over UDP A->C $relayed ($r_relayed retransmits), both symmetric C->D $both ($r_both)," \
      "relayed over TCP U->A $up_tcp ($r_up), A->U $down_tcp ($r_down);" \
      "raw wireguard-go A->B $raw Mbit/s (MTU 1420), $raw1280 Mbit/s (MTU 1280)"
    directs+=("$direct") relays+=("$relayed") boths+=("$both") ups+=("$up_tcp") downs+=("$down_tcp")
    raws+=("$raw") raws1280+=("$raw1280") cpus+=("$cpu_used")
  done
  local m_direct m_relayed m_both m_up m_down m_raw m_raw1280
  m_direct=$(printf '%s\n' "${directs[@]}" | median)
  m_relayed=$(printf '%s\n' "${relays[@]}" | median)
  m_both=$(printf '%s\n' "${boths[@]}" | median)
  m_up=$(printf '%s\n' "${ups[@]}" | median)
  m_down=$(printf '%s\n' "${downs[@]}" | median)
  m_raw=$(printf '%s\n' "${raws[@]}" | median)
  m_raw1280=$(printf '%s\n' "${raws1280[@]}" | median)
  echo "median: direct $m_direct, relayed $m_relayed, raw $m_raw (MTU 1420), $m_raw1280 (MTU 1280) Mbit/s;" \
    "direct/raw $(ratio "$m_direct" "$m_raw1280") at the same MTU, $(ratio "$m_direct" "$m_raw") against 1420;" \
    "relayed/raw $(ratio "$m_relayed" "$m_raw1280") at the same MTU, $(ratio "$m_relayed" "$m_raw") against 1420;" \
    "daemons' CPU per direct run $(printf '%s\n' "${cpus[@]}" | median) s"
  echo "median: both symmetric C->D $m_both Mbit/s = $(ratio "$m_both" "$m_raw1280") of raw at the same MTU," \
    "$(ratio "$m_both" "$m_raw") against 1420; relayed over TCP U->A $m_up = $(ratio "$m_up" "$m_raw1280")" \
    "($(ratio "$m_up" "$m_raw")), A->U $m_down = $(ratio "$m_down" "$m_raw1280") ($(ratio "$m_down" "$m_raw"))"
  report_memory

  # U again with TCP to the relay's 3478 blocked at its router: only TLS on 443 gets through.
  in_ns nl-rtr-u nft insert rule ip nl_router forward iifname lan tcp dport 3478 counter drop
  netloom u down >/dev/null
  up_peer u
  await_ping u "$ip_a" 60 || die "no path U -> A over TLS within 60 s"
  [ "$(relay_transport u "$ip_a")" = tls ] || die "U -> A is not relayed over TLS: $(relay_transport u "$ip_a")"
  show_paths u
  local up_tls down_tls r_up_tls r_down_tls
  local -a ups_tls=() downs_tls=() raws_tls=()
  for ((round = 1; round <= ROUNDS; round++)); do
    read -r up_tls r_up_tls <<<"$(iperf3_run u "$ip_a")"
    read -r down_tls r_down_tls <<<"$(iperf3_run u "$ip_a" -R)"
    raw1280=$(raw_mbits --mtu 1280)
    echo "tls round $round: netloom relayed over TLS U->A $up_tls Mbit/s ($r_up_tls retransmits), A->U $down_tls" \
      "($r_down_tls); raw wireguard-go A->B $raw1280 Mbit/s (MTU 1280)"
    ups_tls+=("$up_tls") downs_tls+=("$down_tls") raws_tls+=("$raw1280")
  done
  local m_up_tls m_down_tls m_raw_tls
  m_up_tls=$(printf '%s\n' "${ups_tls[@]}" | median)
  m_down_tls=$(printf '%s\n' "${downs_tls[@]}" | median)
  m_raw_tls=$(printf '%s\n' "${raws_tls[@]}" | median)
  echo "median: relayed over TLS U->A $m_up_tls = $(ratio "$m_up_tls" "$m_raw_tls"), A->U $m_down_tls =" \
    "$(ratio "$m_down_tls" "$m_raw_tls") of raw $m_raw_tls Mbit/s (MTU 1280)"

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

  [ "$KILLS" -gt 0 ] && recovery_runs "$ip_a" "$ip_c" "$ip_d"
  return 0
}

report_memory() {
  local s pid
  for s in a b c u d; do
    pid=$(daemon_pid "$s")
    [ -n "$pid" ] && echo "daemon on $s: RSS $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
  done
  return 0
}

main "$@"
