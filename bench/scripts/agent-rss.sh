#!/usr/bin/env bash
# Resident memory of one real agent process (the launcher's agent JVM flags): idle (no checks) and
# running 50 standalone checks at a 10 s interval, each measured after a settling period, against a
# real server. Usage: bench/run agent-rss [SETTLE_SECONDS]   (default 60)
set -euo pipefail
settle=${1:-60}
root=${REFLEX_ROOT:?run through bench/run}
jar="$root/app/target/reflex.jar"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# The launcher's agent options and environment, from the file the launcher reads.
flags=() agent_env=()
while read -r line || [ -n "$line" ]; do
  case "$line" in ''|'#'*) ;; -*) flags+=("$line") ;; *=*) agent_env+=("$line") ;; esac
done <"$root/scripts/agent-jvm.options"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -jar "$jar" server --data-dir "$work/server" --http-port "$port" \
  >"$work/server.log" 2>&1 & pids+=($!)
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/ready" >/dev/null && break; sleep 0.5; done
rss() { awk '/VmRSS/ {r=int($2/1024)} /RssAnon/ {a=int($2/1024)} /RssFile/ {f=int($2/1024)} END {printf "%d MB (anonymous %d, file-backed %d)", r, a, f}' "/proc/$1/status"; }
run_agent() { # name config -> prints RSS in MB after settling
  env "${agent_env[@]}" "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED "${flags[@]}" -jar "$jar" agent --server "http://127.0.0.1:$port" \
    --config "$2" --data-dir "$work/$1" >"$work/$1.log" 2>&1 & local pid=$!
  pids+=($pid)
  sleep "$settle"
  rss "$pid"
  kill "$pid"
}
cat >"$work/idle.json" <<JSON
{"client": {"name": "idle-agent", "subscriptions": ["none"], "socket": {"port": 0}, "http_socket": {"port": 0}}}
JSON
python3 - "$work/busy.json" <<'PY'
import json, sys
checks = {f"c{i}": {"command": "echo ok", "standalone": True, "interval": 10} for i in range(50)}
json.dump({"client": {"name": "busy-agent", "subscriptions": ["none"], "socket": {"port": 0},
                      "http_socket": {"port": 0}}, "checks": checks}, open(sys.argv[1], "w"))
PY
idle=$(run_agent idle "$work/idle.json")
busy=$(run_agent busy "$work/busy.json")
results=$(curl -fs "http://127.0.0.1:$port/sensu/results/busy-agent" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "agent JVM flags: ${flags[*]} (environment: ${agent_env[*]})"
echo "agent-rss: idle ${idle}, 50 checks at 10 s ${busy} resident (after ${settle} s each; ${results} checks reported)"
