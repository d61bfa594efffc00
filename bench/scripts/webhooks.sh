#!/usr/bin/env bash
# End to end: webhook POST -> durable trigger instance -> 100 rules matched -> enforcement recorded,
# driven by wrk with a Lua script on loopback. Usage: bench/run webhooks [SECONDS] [CONNECTIONS] [full|normal] [RATE,RATE…]
# (the third argument is SQLite's synchronous mode; a list of rates then offers each open loop for SECONDS).
# BENCH_JAVA_OPTS adds JVM options (a flight recording, for instance).
set -euo pipefail
if ! command -v wrk >/dev/null 2>&1; then
  echo "bench webhooks: needs wrk (apt-get install wrk)" >&2; exit 1
fi
# The embedded server runs in this JVM, with the launcher's server JVM options (scripts/server-jvm.options).
flags=() flag_env=()
. "$(dirname "$0")/lib/jvm-options.sh"
jvm_options "${REFLEX_ROOT:?run through bench/run}/scripts/server-jvm.options"
# shellcheck disable=SC2086
exec "$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g "${flags[@]}" ${BENCH_JAVA_OPTS:-} -Dlogback.configurationFile=/dev/null \
  -cp "$BENCH_JAR" dev.reflex.bench.WebhooksBench "$@"
