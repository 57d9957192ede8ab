#!/usr/bin/env bash
# Builds and runs Skein's benchmarks; prints `result ...` lines and one `ratio <name> <value>` line per
# comparison (Skein divided by the other: below 1 is better). `--quick` finishes in under five minutes
# on two cores; without it the run is longer and steadier.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -B -pl core/benchmarks -am package -DskipTests
"$JAVA_HOME/bin/java" --enable-preview --sun-misc-unsafe-memory-access=allow -jar core/benchmarks/target/skein-benchmarks.jar "$@"
