# Helpers the lab's benchmark scripts share; sourced after lib.sh, with JAR set to the daemon's jar.

# netloom SITE ARGS...: the daemon's CLI inside host SITE's namespace, on that host's state directory.
netloom() { local site=$1; shift; in_ns "nl-$site" java -Xmx128m -XX:+UseSerialGC -jar "$JAR" "$@" --config "$LAB_DIR/peer-$site"; }

# api METHOD PATH [BODY]: the lab server's API as its admin. The server speaks TLS with the certificate it generated;
# curl trusts exactly that certificate.
api() {
  local method=$1 path=$2 body=${3:-}
  in_ns nl-inet curl -sS --fail-with-body --cacert "$LAB_DIR/server/tls/server.crt" -X "$method" \
    -H "Authorization: Token $(cat "$LAB_DIR/server/admin-token")" \
    -H 'Content-Type: application/json' ${body:+--data-binary "$body"} "https://$INET_IP:8080$path"
}
