#!/usr/bin/env bash
# Builds Skein's benchmarks and runs them; see docs/benchmarks.md for what each measures and the last numbers.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: core/benchmarks/run.sh [--quick | --verdict [--rounds N] [--only GROUP]... | --shared-limits | --durable]

Builds the JMH benchmark jar (core/benchmarks) and runs every comparison in one go: fork and join,
closing after a deadline, heap per parked branch, task graphs, policies, telemetry. Prints
`result <name> <value> <unit>` lines, then one `ratio <name> <value>` line per comparison
(Skein's figure divided by the other's: below 1 means Skein is cheaper or faster).

  --quick     fewer and shorter iterations, 200,000 parked branches instead of 1,000,000, wider
              error: about 3 minutes on two cores, the build included (the full run: about 10)
  --verdict   instead, every comparison that has a target, judged: N rounds (default 5); in each, every
              comparison runs in a JVM fork of its own with Skein and its baselines interleaved, and
              gives one value. Prints per comparison the median and inter-quartile range over the
              rounds and PASS or FAIL: the upper quartile (the median for closing after a deadline)
              against the target. About 2 minutes per round on two cores
  --rounds N  the verdict mode's number of rounds (below 5: medians only, no verdict)
  --only GROUP
              the verdict mode with only one group of comparisons (repeat for more): fork-join,
              telemetry, deadline, graphs, policies or heap
  --shared-limits
              instead, only the shared rate limit's cost per call against a local one
              (SharedLimitBenchmark): needs PostgreSQL at 127.0.0.1:5432, database test, user postgres
              (another: SKEIN_BENCH_JAVA_OPTS=-Dskein.benchmarks.postgres=<jdbc url>). Three forks
              with --quick (about 3 minutes), else five (about 7)
  --durable   instead, only a durable 4-task saga (journal in PostgreSQL) against the same saga in
              memory, and the journal's added cost per task in round trips (DurableSagaBenchmark);
              PostgreSQL as for --shared-limits. Forks as for --shared-limits
  -h, --help  print this help and exit

JAVA_HOME must point at a JDK 25 (the JDK's StructuredTaskScope, compared here, is a preview API of
JDK 25; only this benchmark runs with --enable-preview). The benchmarks need the machine to
themselves: anything else running skews the numbers.
USAGE
}

options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --quick | --shared-limits | --durable | --verdict) options+=("$1") ;;
    --rounds)
      if [[ $# -lt 2 || ! "$2" =~ ^[1-9][0-9]*$ ]]; then
        echo "run.sh: --rounds takes a whole number of rounds, e.g. --rounds 7" >&2; exit 2
      fi
      options+=("$1" "$2"); shift ;;
    --only)
      if [[ $# -lt 2 ]]; then
        echo "run.sh: --only takes a group of comparisons, e.g. --only telemetry" >&2; exit 2
      fi
      options+=("$1" "$2"); shift ;;
    *) echo "run.sh: unknown option '$1'" >&2; echo >&2; usage >&2; exit 2 ;;
  esac
  shift
done

if [[ -z "${JAVA_HOME:-}" ]]; then
  echo "run.sh: JAVA_HOME is not set: point it at a JDK 25 (e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
java="$JAVA_HOME/bin/java"
if [[ ! -x "$java" ]]; then
  echo "run.sh: JAVA_HOME=$JAVA_HOME has no bin/java: point it at a JDK 25" >&2
  exit 1
fi
version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
if [[ "$version" != "25" ]]; then
  echo "run.sh: JAVA_HOME=$JAVA_HOME is Java ${version:-of an unknown version}; the benchmarks need JDK 25 (the JDK's StructuredTaskScope is compared as JDK 25's preview API)" >&2
  exit 1
fi

cd "$(dirname "$0")/../.."
./mvnw -B -ntp -q -pl core/benchmarks -am package -DskipTests
# shellcheck disable=SC2086 # SKEIN_BENCH_JAVA_OPTS: options for the runner's JVM, split on spaces
exec "$java" --enable-preview --sun-misc-unsafe-memory-access=allow ${SKEIN_BENCH_JAVA_OPTS:-} \
  -jar core/benchmarks/target/skein-benchmarks.jar "${options[@]}"
