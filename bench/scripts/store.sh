#!/usr/bin/env bash
# Durable writes per second through the store: SQLite group commit against PostgreSQL, same workload,
# same run, plus a single-writer and a no-batching baseline for each. PostgreSQL is a temporary
# cluster from the Debian binaries unless REFLEX_BENCH_PG_URL (+ _USER, _PASSWORD) names a server.
# Usage: bench/run store [SECONDS_PER_SCENARIO] [WRITERS]   (defaults 6 and 64; about 75 s in all)
set -euo pipefail
exec "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$BENCH_JAR" dev.reflex.bench.StoreBench "$@"
