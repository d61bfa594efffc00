#!/usr/bin/env bash
# HTTP requests per second: an authenticated Reflex endpoint (GET /api/v1/keys/{name}, API key
# checked, value read from the store) against a bare Jetty hello-world, same wrk settings, same run.
# Usage: bench/run http [SECONDS] [CONNECTIONS]
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
  else
    echo "bench http: needs wrk (apt-get install wrk)" >&2; exit 1
  fi
fi
exec "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$BENCH_JAR" dev.reflex.bench.HttpBench "$@"
