#!/usr/bin/env bash
# Check results per second through the in-memory event engine (history, flap detection, event state,
# handler pipeline with a reflex handler to a no-op sink), single thread, two threads on disjoint
# pairs, and through the per-pair executor on virtual threads; plus flap detection and the handler
# pipeline alone. Run through the dispatcher: bench/run events [extra JMH options].
# Arguments replace the default run length (-f 1 -wi 3 -w 2s -i 5 -r 3s). Ends with one summary line.
set -euo pipefail
: "${BENCH_JAR:?run through bench/run}" "${BENCH_JAVA:?run through bench/run}"
run=("$@")
[ ${#run[@]} -gt 0 ] || run=(-f 1 -wi 3 -w 2s -i 5 -r 3s)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
echo "java: $("$BENCH_JAVA" -version 2>&1 | head -n1)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$BENCH_JAR" 'dev.reflex.bench.EventsBenchmark' \
  -rf csv -rff "$out/events.csv" "${run[@]}"
score() { # benchmark method -> "score ± error" (ops/s, rounded)
  awk -F, -v b="\"dev.reflex.bench.EventsBenchmark.$1\"" '$1 == b { gsub(/"/, "", $5); gsub(/"/, "", $6); printf "%.0f ± %.0f", $5, $6 }' "$out/events.csv"
}
echo
echo "results/s, whole engine, 1 thread:          $(score processSingleThread)"
echo "results/s, whole engine, 2 threads:         $(score processTwoThreads)"
echo "results/s, per-pair executor (virtual):     $(score perPairExecutor)"
echo "flap detections/s (21-status history):      $(score flapDetection)"
echo "handler pipeline runs/s (reflex, no-op):    $(score handlerPipeline)"
echo "events: $(score processSingleThread | cut -d' ' -f1) results/s on 1 thread, $(score processTwoThreads | cut -d' ' -f1) on 2 threads, $(score perPairExecutor | cut -d' ' -f1) through the per-pair executor (in-memory state, reflex handler to a no-op sink)"
