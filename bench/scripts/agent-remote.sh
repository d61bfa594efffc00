#!/usr/bin/env bash
# core.remote (remote-shell-cmd) through a connected Reflex agent vs over SSH to a local OpenSSH
# server, interleaved, p50/p99 over RUNS runs each. Usage: bench/run agent-remote [RUNS] [COMMAND]
# (defaults 100 and `true`). Needs openssh-server.
set -euo pipefail
runs=${1:-100}
command=${2:-true}
bench=agent-remote
# shellcheck source=lib/local-sshd.sh
source "$(dirname "$0")/lib/local-sshd.sh"
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.AgentRemoteBench "$runs" "$work/user_key" "$work/known_hosts" "$port" "$command"
