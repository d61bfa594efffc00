#!/usr/bin/env bash
# Runners: (a) local-shell-cmd `true` against a bare ProcessBuilder("true") spawn, interleaved;
# (b) remote-shell-cmd `true` on 10 OpenSSH servers on loopback (pooled connections) against the
# ssh client binary (ControlMaster, and plain) on the same servers, in the same run.
# Usage: bench/run runners [LOCAL_ITERATIONS] [SSH_EXECUTIONS] [SERVERS]    (defaults 500 100 10)
set -euo pipefail
iterations=${1:-500}
executions=${2:-100}
servers=${3:-10}

work=$(mktemp -d /tmp/reflex-bench-runners.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ssh_args=()
if [ -x /usr/sbin/sshd ] && command -v ssh >/dev/null 2>&1; then
  [ -d /run/sshd ] || { [ "$(id -u)" -eq 0 ] && mkdir -p -m 0755 /run/sshd; }
  ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$work/host_key"
  ssh-keygen -q -t ed25519 -N '' -C bench-user -f "$work/user_key"
  cp "$work/user_key.pub" "$work/authorized_keys"
  mkdir -p "$work/cm" "$work/home"   # sessions get an empty HOME: no dotfiles in the measurement
  : > "$work/known_hosts"
  ports=()
  for i in $(seq 1 "$servers"); do
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat > "$work/sshd_$i.conf" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd_$i.pid
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
MaxSessions 64
MaxStartups 64
LogLevel ERROR
SetEnv HOME=$work/home
CONF
    /usr/sbin/sshd -D -e -f "$work/sshd_$i.conf" 2>>"$work/sshd.log" &
    pids+=($!)
    echo "[127.0.0.1]:$port $(cat "$work/host_key.pub")" >> "$work/known_hosts"
    ports+=("$port")
  done
  for port in "${ports[@]}"; do   # wait until every server accepts connections
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  done
  ssh_args=("$work/user_key" "$work/known_hosts" "$work/cm" "$(IFS=,; echo "${ports[*]}")" "$executions")
else
  echo "bench runners: /usr/sbin/sshd or ssh missing (apt-get install openssh-server openssh-client): SSH part skipped" >&2
fi

source "$(dirname "$0")/lib/logback.sh"
quiet_logback "$work/logback.xml" WARN

echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" dev.reflex.bench.RunnersBench "$iterations" "${ssh_args[@]}"
