#!/usr/bin/env bash
# Agent fan-in: simulated agents on loopback WebSockets against one in-process server (10 checks at
# 10 s each, keepalives every 20 s), with ack latency, CPU, heap and spurious keepalive events.
# Usage: bench/run agents [AGENTS] [SECONDS]   (defaults 2000 and 60; BENCH_HEAP sets -Xmx, default 4g)
set -euo pipefail
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
exec "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx"${BENCH_HEAP:-4g}" -Djdk.httpclient.connectionPoolSize=0 \
  -cp "$BENCH_JAR" dev.reflex.bench.AgentFanInBench "$@"
