#!/usr/bin/env bash
# The order saga under load: the Skein graph (POST /orders) against the same saga written by hand with
# CompletableFuture (POST /orders/by-hand), for each stock strategy (redis-lock only when Redis answers at
# 127.0.0.1:6379). Packages both services, then runs SagaLoadBenchmark holding the build lock
# /tmp/skein-mvn.lock for the whole measurement, so no build disturbs it; then draws the plot.
#
#   samples/order-saga/bench.sh [SagaLoadBenchmark options: --orders 1000 --concurrency 16 --rounds 6 ...]
#
# About 8 to 14 minutes on two cores with the defaults (16 warm-up rounds per engine and strategy: on two cores
# the JIT of three JVMs is still busy after 8). Raw rounds: samples/order-saga/target/saga-load.csv;
# plot: docs/images/saga-load.svg (and .png where rsvg-convert, Debian package librsvg2-bin, is installed).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "JAVA_HOME must be a JDK 25: $JAVA_HOME" >&2; exit 2; }
cd "$(dirname "$0")/../.."
flock /tmp/skein-mvn.lock ./mvnw -q -B -ntp -o -pl samples/payment-service,samples/order-service -am package -DskipTests
csv=samples/order-saga/target/saga-load.csv
args=("$@")
for i in "${!args[@]}"; do
  if [[ "${args[$i]}" == --csv ]]; then csv="${args[$((i + 1))]:-$csv}"; fi
done
flock /tmp/skein-mvn.lock "$JAVA_HOME/bin/java" samples/order-saga/src/main/java/dev/skein/samples/saga/SagaLoadBenchmark.java "$@"
python3 samples/order-saga/plot.py "$csv" docs/images/saga-load.svg
if command -v rsvg-convert > /dev/null; then rsvg-convert docs/images/saga-load.svg -o docs/images/saga-load.png; fi
