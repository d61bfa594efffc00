#!/usr/bin/env bash
# Seed 000's diagnostic chain over SSH: linux.diag_loadavg for 127.0.0.1 through a local OpenSSH
# server, from the request to the chat post (local stand-in); compare with bench/run story (through
# the agent). Usage: bench/run story-ssh [RUNS] (default 100). Needs openssh-server.
set -euo pipefail
runs=${1:-100}
bench=story-ssh
# shellcheck source=lib/local-sshd.sh
source "$(dirname "$0")/lib/local-sshd.sh"
echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.StoryBench "$runs" ssh "$work/user_key" "$work/known_hosts" "$port"
