#!/usr/bin/env bash
# Executions: core.noop requested through the API and persisted through every status (throughput with
# concurrent clients; request->running p99 at 1,000/s open loop), and core.local cmd=true against a
# bare process spawn in the same run. Embedded Reflex, SQLite store.
# Usage: bench/run executions [NOOP_EXECUTIONS] [CLIENTS] [RATE_SECONDS] [LOCAL_EXECUTIONS]   (defaults 20000 32 10 400)
set -euo pipefail
work=$(mktemp -d /tmp/reflex-bench-executions.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/logback.xml" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%d %-5level %logger{24} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDERR"/></root>
</configuration>
XML
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.ExecutionsBench "${1:-20000}" "${2:-32}" "${3:-10}" "${4:-400}"
