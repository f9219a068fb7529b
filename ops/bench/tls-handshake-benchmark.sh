#!/usr/bin/env bash
# Cost of the gateway's TLS engine (ADR 0014): WebSocket upgrades over TLS 1.3 on loopback with the
# JDK's engine and with the Bouncy Castle engine that keeps the tls-exporter, in alternating rounds.
# Usage: ops/bench/tls-handshake-benchmark.sh [sessions] [concurrency] [rounds] [ec|rsa]
set -euo pipefail
cd "$(dirname "$0")/../.."
sessions=${1:-2000}
concurrency=${2:-64}
rounds=${3:-3}
key=${4:-ec}

mvn -B -q -pl ops -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -cp "ops/target/classes:$(cat ops/target/bench-classpath.txt)" io.netloom.ops.bench.TlsHandshakeBenchmark \
  --sessions "$sessions" --concurrency "$concurrency" --rounds "$rounds" --key "$key"
