#!/usr/bin/env bash
# Rules matching throughput: trigger instances matched per second by Reflex's rule engine against
# 1,000 rules over 50 trigger types (equals, regex, gt, contains, search), and the same filters as
# Esper 9 statements on the same payloads, one thread (JMH, wall clock), for a stream of 256 distinct
# payloads (cache-warm) and of 8,192 (read from memory). Then the same in CPU time of the matching
# thread, steadier on a shared machine. Warm-up is 20 s: Esper's generated code needs that long to reach
# its steady state (it still gains 2x after 10 s). Ends with one summary line.
# Run it through the dispatcher: bench/run rules [extra JMH options]
set -euo pipefail
: "${BENCH_JAR:?run this through bench/run}" "${BENCH_JAVA:?run this through bench/run}"
csv=$(mktemp)
trap 'rm -f "$csv"' EXIT
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$BENCH_JAR" 'dev.reflex.bench.rules.RulesMatchingBenchmark' \
  -f 1 -wi 5 -w 4s -i 5 -r 2s -t 1 -rf csv -rff "$csv" "$@"
for n in 256 8192; do
  "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" dev.reflex.bench.rules.RulesCpuTime 7 "$n" 2>/dev/null | tail -n1
done
# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: payloads"
score() { awk -F, -v name="\"dev.reflex.bench.rules.RulesMatchingBenchmark.$1\"" -v p="$2" '{ sub(/\r$/, "") } $1 == name && $8 == p { print $5 }' "$csv"; }
summary=""
for n in 256 8192; do
  r=$(score reflex "$n"); e=$(score esper "$n")
  summary+=$(awk -v n="$n" -v r="$r" -v e="$e" 'BEGIN { printf "%s payloads: reflex %.0f/s, esper %.0f/s, ratio %.2fx; ", n, r, e, r / e }')
done
echo "rules: ${summary}1000 rules, 50 trigger types, 1 thread, load $(cut -d' ' -f1 /proc/loadavg)"
