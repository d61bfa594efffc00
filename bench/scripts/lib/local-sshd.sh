# Sourced by the benchmarks that need SSH: starts a throw-away OpenSSH server on a free loopback port
# with fresh host and user keys, and a quiet logback configuration. Needs `bench` set to the
# benchmark's name. Sets: work (a temporary folder, removed on exit), port, and the files
# $work/user_key, $work/known_hosts, $work/logback.xml. The server is stopped on exit.
[ -x /usr/sbin/sshd ] || { echo "bench $bench: /usr/sbin/sshd missing (apt-get install openssh-server)" >&2; exit 1; }
work=$(mktemp -d "/tmp/reflex-bench-$bench.XXXXXX")
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
source "$(dirname "${BASH_SOURCE[0]}")/logback.sh"
quiet_logback "$work/logback.xml" WARN
