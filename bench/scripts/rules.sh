#!/usr/bin/env bash
# Rules matching throughput: trigger instances matched per second by Reflex's rule engine against
# 1,000 rules over 50 trigger types (equals, regex, gt, contains, search), and the same filters as
# Esper 9 statements on the same payloads, one thread. Ends with one summary line.
# Run it through the dispatcher: bench/run rules [extra JMH options]
set -euo pipefail
: "${BENCH_JAR:?run this through bench/run}" "${BENCH_JAVA:?run this through bench/run}"
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$BENCH_JAR" 'dev.reflex.bench.rules.RulesMatchingBenchmark' \
  -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 -rf csv -rff "$csv" "$@"
score() { awk -F, -v name="\"dev.reflex.bench.rules.RulesMatchingBenchmark.$1\"" '$1 == name { print $5 }' "$csv"; }
error() { awk -F, -v name="\"dev.reflex.bench.rules.RulesMatchingBenchmark.$1\"" '$1 == name { print $6 }' "$csv"; }
reflex=$(score reflex); esper=$(score esper)
awk -v r="$reflex" -v re="$(error reflex)" -v e="$esper" -v ee="$(error esper)" 'BEGIN {
  printf "rules: reflex %.0f ± %.0f instances/s, esper %.0f ± %.0f events/s, reflex/esper %.2fx (1000 rules, 50 trigger types, 1 thread)\n",
    r, re, e, ee, r / e }'
