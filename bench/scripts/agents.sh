#!/usr/bin/env bash
# Agent fan-in: simulated agents (a JVM of their own) on loopback WebSockets against one in-process
# server (10 checks at 10 s each, keepalives every 20 s), with ack latency, the server's CPU and heap,
# and spurious keepalive events.
# Usage: bench/run agents [AGENTS] [SECONDS]   (defaults 2000 and 60; BENCH_HEAP sets the server's -Xmx, default 4g)
set -euo pipefail
work=$(mktemp -d /tmp/reflex-bench-agents.XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib/logback.sh"
quiet_logback "$work/logback.xml" INFO dev.reflex.sensu.AgentHub=WARN
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); open files limit $(ulimit -n)"
# The server runs in this JVM, with the launcher's server JVM options (scripts/server-jvm.options).
flags=() flag_env=()
. "$(dirname "$0")/lib/jvm-options.sh"
jvm_options "${REFLEX_ROOT:?run through bench/run}/scripts/server-jvm.options"
# shellcheck disable=SC2086
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx"${BENCH_HEAP:-4g}" "${flags[@]}" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile="$work/logback.xml" \
  -cp "$BENCH_JAR" dev.reflex.bench.AgentFanInBench "$@"
