#!/usr/bin/env bash
# A process joining a running one on a store kept by `replay-benchmark.sh --keep` (after a `--snapshot-starts` run,
# which leaves the extracted jar and its class data archive there): A serves the store from its embedded PostgreSQL;
# B takes that database as its external one, shares A's keys and certificate, joins A's Hazelcast cluster, and is
# timed from launch to its first answered API request, from the executable jar and extracted with the archive.
# Usage: ops/bench/join-benchmark.sh DIRECTORY [rounds, default 2]
set -uo pipefail
data=$1; rounds=${2:-2}
jar=$data/netloom-server.jar
cluster=(--netloom.cluster.name=join-bench --netloom.cluster.host=127.0.0.1
  --netloom.cluster.members=127.0.0.1:15701,127.0.0.1:15702)
urls=--netloom.gateway.urls=wss://127.0.0.1:18491/v2/peer,wss://127.0.0.1:18492/v2/peer
answering() {
  curl -sf -o /dev/null --cacert "$data/tls/server.crt" -H "Authorization: Token $(cat "$data/admin-token")" \
    "https://127.0.0.1:$1/api/accounts"
}
java -Xmx2g -jar "$jar" --netloom.data-dir="$data" --server.port=18481 --management.server.port=0 \
  --netloom.gateway.port=18491 "$urls" "${cluster[@]}" --netloom.cluster.port=15701 > "$data/server-join-a.log" 2>&1 &
a=$!
trap 'kill $a 2>/dev/null; wait' EXIT
until answering 18481; do sleep 0.2; done
echo "A answering"
pgport=$(sed -n 4p "$data/postgres/postmaster.pid")
for round in $(seq 1 "$rounds"); do
  for kind in jar extracted-cds; do
    if [ $kind = jar ]; then launch=(java -Xmx2g -jar "$jar"); else
      launch=(java -Xmx2g -XX:SharedArchiveFile="$data/extracted/netloom-server.jsa"
        -jar "$data/extracted/netloom-server.jar")
    fi
    rm -rf "$data/joiner"; mkdir -p "$data/joiner"
    sleep 5
    load=$(cut -d' ' -f1 /proc/loadavg)
    begin=$(date +%s.%N)
    "${launch[@]}" --netloom.data-dir="$data/joiner" --netloom.keys-dir="$data/keys" \
      --netloom.tls.certificate="$data/tls/server.crt" --netloom.tls.private-key="$data/tls/server.key" \
      --spring.datasource.url="jdbc:postgresql://127.0.0.1:$pgport/netloom" --spring.datasource.username=netloom \
      --spring.datasource.password="$(cat "$data/keys/postgres-netloom-password")" \
      --server.port=18482 --management.server.port=0 --netloom.gateway.port=18492 "$urls" "${cluster[@]}" \
      --netloom.cluster.port=15702 > "$data/server-join-b-$kind-$round.log" 2>&1 &
    b=$!
    for _ in $(seq 1 3000); do answering 18482 && break; sleep 0.1; done
    end=$(date +%s.%N)
    echo "B ($kind) round $round: answering $(echo "$end - $begin" | bc) s after launch (load $load)"
    grep -hE "read before Spring|rebuilt from" "$data/server-join-b-$kind-$round.log" | sed -E 's/.* : //' | cut -c1-200
    kill $b; wait $b
  done
done
