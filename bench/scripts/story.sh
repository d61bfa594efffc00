#!/usr/bin/env bash
# Seed 000's loop timed: third CRITICAL check_load result -> rule -> linux.diag_loadavg through the
# agent -> chat post (local stand-in). Usage: bench/run story [RUNS] (default 100).
set -euo pipefail
runs=${1:-100}
work=$(mktemp -d /tmp/reflex-bench-story.XXXXXX)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/lib/logback.sh"
quiet_logback "$work/logback.xml" WARN
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.StoryBench "$runs"
