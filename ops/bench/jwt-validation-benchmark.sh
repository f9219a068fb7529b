#!/usr/bin/env bash
# JMH: what the API's JWT decoder (command-api's JwtValidation, RS256 + exp/nbf/iss/aud, keys in memory)
# costs per call, with the RSA check and parsing alone, and a personal access token's hash beside it.
# The benchmark lives in command-api's tests (the decoder is package-private there).
# Usage: ops/bench/jwt-validation-benchmark.sh [JMH options]
set -euo pipefail
cd "$(dirname "$0")/../.."
# Compiled in one reactor, never installed: the classpath names this build's modules in their target/ directories.
mvn -B -q -pl command-api -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/jmh-classpath.txt
java -cp "command-api/target/test-classes:command-api/target/classes:$(cat command-api/target/jmh-classpath.txt)" \
  org.openjdk.jmh.Main -rf text -rff command-api/target/jwt-validation-jmh.txt "${@:-JwtValidationBenchmark}"
