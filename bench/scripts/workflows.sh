#!/usr/bin/env bash
# Workflows: webhook -> rule -> orquesta workflow of two core.noop tasks -> succeeded, open loop at
# several offered rates against a real `reflex server` process (SQLite store); then heap and threads
# with WAITING workflows in an hour-long task delay, in a fresh server.
# Usage: bench/run workflows [RATES] [SECONDS] [WAITING]   (defaults 100,250,500,1000 10 10000; RATES 0 skips)
# BENCH_SERVER_OPTS adds JVM options to the server, e.g. -XX:StartFlightRecording=filename=/tmp/wf.jfr;
# BENCH_WARMUP sets the seconds of the 200/s warm-up before the first rate (default 30);
# BENCH_SERVER_CLASSPATH runs the server from another build (its app/target/reflex.jar) for A/B comparisons.
set -euo pipefail
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
# The server runs with the launcher's server JVM options (scripts/server-jvm.options).
flags=() flag_env=()
. "$(dirname "$0")/lib/jvm-options.sh"
jvm_options "${REFLEX_ROOT:?run through bench/run}/scripts/server-jvm.options"
BENCH_SERVER_OPTS="${flags[*]} ${BENCH_SERVER_OPTS:-}" \
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -Dlogback.configurationFile=/dev/null -cp "$BENCH_JAR" \
  dev.reflex.bench.WorkflowsBench "${1:-100,250,500,1000}" "${2:-10}" "${3:-10000}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
