#!/usr/bin/env bash
# The annotated graph's handle against the same graph built by hand: target at most 1.1x.
# JMH cannot fork a Quarkus application, so each "fork" is a start of the packaged application, the two
# variants measured one after the other inside it, the order alternating between forks so that neither
# always runs on a colder or hotter JVM. Prints each fork's ratio, then the median, the inter-quartile
# range and PASS/FAIL by the upper quartile.
#
#   quarkus-extension/benchmarks/run.sh [forks (default 6)] [rounds (default 5)] [seconds per measurement (default 2)]
#
# About forks x 2 x (2 x rounds + 4) x seconds: under 6 minutes with the defaults.
set -euo pipefail
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
case "${1:-}" in -h|--help) usage; exit 0 ;; esac
forks="${1:-6}"; rounds="${2:-5}"; seconds="${3:-2}"
for n in "$forks" "$rounds" "$seconds"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive whole number: $n" >&2; usage >&2; exit 2; }
done
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25' || { echo "JAVA_HOME must be a JDK 25: $JAVA_HOME" >&2; exit 2; }
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp -pl quarkus-extension/benchmarks -am package -DskipTests
ratios=()
for ((i = 0; i < forks; i++)); do
  order=$([ $((i % 2)) -eq 0 ] && echo handle-first || echo hand-first)
  line=$("$JAVA_HOME/bin/java" -jar quarkus-extension/benchmarks/target/quarkus-app/quarkus-run.jar "$rounds" "$seconds" "$order" \
    | grep '^ratio annotated-graph-handle-vs-hand-built')
  echo "fork $((i + 1)) ($order): $line"
  ratios+=("${line##* }")
done
printf '%s\n' "${ratios[@]}" | sort -g | awk '
  { v[NR] = $1 }
  function q(p,   h, lo) { h = (NR - 1) * p + 1; lo = int(h); return lo >= NR ? v[NR] : v[lo] + (h - lo) * (v[lo + 1] - v[lo]) }
  END {
    med = q(0.5); q1 = q(0.25); q3 = q(0.75)
    printf "ratio annotated-graph-handle-vs-hand-built median %.3f iqr %.3f-%.3f target <= 1.1 %s\n", med, q1, q3, (q3 <= 1.1 ? "PASS" : "FAIL")
  }'
