#!/usr/bin/env bash
# Network-map engine benchmarks (JMH) on NetBird's topology, plus the wire size of a peer joining.
# Usage: ops/bench/network-map-benchmark.sh [JMH options, e.g. -p topology=5000/200 NetworkMapBenchmark.allMaps]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Built in one reactor, not installed: the classpath names this build's module jars in target/.
mvn -B -q package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench-classpath.txt
classpath="ops/target/classes:$(cat ops/target/bench-classpath.txt)"
java -Xmx6g -cp "$classpath" io.netloom.ops.bench.networkmap.DeltaSizes
java -cp "$classpath" org.openjdk.jmh.Main -rf text -rff ops/target/network-map-jmh.txt "$@"
