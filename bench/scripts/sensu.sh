#!/usr/bin/env bash
# Durable check results per second through the Sensu event engine and the store (SQLite, then a
# temporary PostgreSQL cluster from the Debian binaries), with p50/p99 latency from submit to stored.
# Usage: bench/run sensu [SECONDS] [IN_FLIGHT] [PAIRS] [RATES]   (defaults 15, 2000, 100000, none)
# RATES: comma-separated results/s run open loop after the closed-loop run, e.g. 10000,20000,40000.
# Environment: BENCH_BACKENDS (default sqlite,postgresql), BENCH_WARMUP (closed-loop warm-up s, default 5).
set -euo pipefail
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
# The engine runs in this JVM, with the server's JVM options (scripts/server-jvm.options).
flags=() flag_env=()
. "$(dirname "$0")/lib/jvm-options.sh"
jvm_options "${REFLEX_ROOT:?run through bench/run}/scripts/server-jvm.options"
exec env "${flag_env[@]}" "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g "${flags[@]}" ${BENCH_JAVA_OPTS:-} \
  -cp "$BENCH_JAR" dev.reflex.bench.SensuBench "$@"
