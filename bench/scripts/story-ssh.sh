#!/usr/bin/env bash
# Seed 000's diagnostic chain over SSH: linux.diag_loadavg for 127.0.0.1 through a local OpenSSH
# server, from the request to the chat post (local stand-in); compare with bench/run story (through
# the agent). Usage: bench/run story-ssh [RUNS] (default 100). Needs openssh-server.
set -euo pipefail
runs=${1:-100}
[ -x /usr/sbin/sshd ] || { echo "bench story-ssh: /usr/sbin/sshd missing (apt-get install openssh-server)" >&2; exit 1; }
work=$(mktemp -d /tmp/reflex-bench-story-ssh.XXXXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ -d /run/sshd ] || { [ "$(id -u)" -eq 0 ] && mkdir -p -m 0755 /run/sshd; }
ssh-keygen -q -t ed25519 -N '' -C bench-host -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -C bench-user -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
mkdir -p "$work/home"   # sessions get an empty HOME: no dotfiles in the measurement
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/sshd.conf" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd.pid
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
MaxSessions 64
LogLevel ERROR
SetEnv HOME=$work/home
CONF
/usr/sbin/sshd -D -e -f "$work/sshd.conf" 2>>"$work/sshd.log" &
pid=$!
echo "[127.0.0.1]:$port $(cat "$work/host_key.pub")" > "$work/known_hosts"
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
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
"$BENCH_JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -Dlogback.configurationFile="$work/logback.xml" -cp "$BENCH_JAR" \
  dev.reflex.bench.StoryBench "$runs" ssh "$work/user_key" "$work/known_hosts" "$port"
