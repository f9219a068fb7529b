# Sourced by the benchmark scripts: builds the server and the benchmark clients' classpath
# (ops/target/bench-classpath.txt), then starts the server on a throwaway data directory (embedded
# PostgreSQL, loopback port 18480, TLS with the certificate it generates). Extra server options
# may be set beforehand in the array server_options. Sets $port, $data, $token, $server, $url (https),
# $cacert (the server's certificate, for curl) and $fingerprint (for the Java clients); stops everything
# on exit.
port=18480
data=$(mktemp -d /tmp/netloom-bench.XXXXXX)
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT

# One reactor build from the repository root, never an install: the server runs from command-api/target,
# and the classpath names this build's module jars in their target/ directories, not whatever snapshot
# another checkout left in the local Maven repository.
mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -jar command-api/target/netloom-server.jar --netloom.data-dir="$data" --server.port=$port --management.server.port=0 --netloom.gateway.port=0 \
  "${server_options[@]}" > "$data/server.log" 2>&1 &
server=$!
url=https://127.0.0.1:$port
cacert=$data/tls/server.crt
for _ in $(seq 1 300); do  # a start on a loaded machine can take minutes
  [ -s "$data/admin-token" ] && curl -sf -o /dev/null --cacert "$cacert" \
    -H "Authorization: Token $(cat "$data/admin-token")" "$url/api/accounts" && break
  sleep 1
done
token=$(cat "$data/admin-token")
fingerprint=$(cat "$data/server-fingerprint")

server_rss() {
  ps -o rss= -p "$server" | awk '{printf "%.0f MiB", $1/1024}'
}
