#!/usr/bin/env bash
# Executions: core.noop requested through the API and persisted through every status (throughput
# driven by wrk; request->running p50/p99 at 1,000/s open loop from a raw-socket generator process),
# and core.local cmd=true against a bare process spawn in the same run. Embedded Reflex, SQLite store.
# Usage: bench/run executions [NOOP_SECONDS] [CONNECTIONS] [RATE_SECONDS] [LOCAL_EXECUTIONS] [RATE]
# (defaults 10 64 10 400 1000). BENCH_JAVA_OPTS adds JVM options (a flight recording, for instance).
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  echo "bench executions: needs wrk (apt-get install wrk)" >&2; exit 1
fi
work=$(mktemp -d /tmp/reflex-bench-executions.XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib/logback.sh"
quiet_logback "$work/logback.xml" WARN
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
# The embedded server runs in this JVM, with the launcher's server JVM options (scripts/server-jvm.options).
flags=() flag_env=()
. "$(dirname "$0")/lib/jvm-options.sh"
jvm_options "${REFLEX_ROOT:?run through bench/run}/scripts/server-jvm.options"
# shellcheck disable=SC2086
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g "${flags[@]}" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.ExecutionsBench "${1:-10}" "${2:-64}" "${3:-10}" "${4:-400}" "${5:-1000}"
