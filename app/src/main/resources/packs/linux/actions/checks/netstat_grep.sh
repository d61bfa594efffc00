#!/bin/sh
# linux.netstat_grep: the TCP connections and listening sockets owned by the given processes.
# Usage: netstat_grep.sh "PID PID ..."   (commas, brackets and quotes also separate pids)
# Prints the matching lines of `netstat -pant` (or of `ss -tanp` where netstat is missing).
set -f
PIDS=
for word in $(printf '%s ' "$@" | tr ',[]"'"'" '     '); do
    case $word in
        ''|*[!0-9]*) echo "ignoring non-numeric pid: $word" >&2 ;;
        *) PIDS="$PIDS $word" ;;
    esac
done
set +f
[ -n "$PIDS" ] || exit 0

if command -v netstat >/dev/null 2>&1; then
    netstat -pant 2>/dev/null | PIDS=$PIDS awk '
        BEGIN { n = split(ENVIRON["PIDS"], list, " "); for (i = 1; i <= n; i++) wanted[list[i]] = 1 }
        { split($7, owner, "/"); if (owner[1] in wanted) print }'
elif command -v ss >/dev/null 2>&1; then
    ss -tanp 2>/dev/null | PIDS=$PIDS awk '
        BEGIN { n = split(ENVIRON["PIDS"], list, " "); for (i = 1; i <= n; i++) wanted[list[i]] = 1 }
        { rest = $0
          while (match(rest, /pid=[0-9]+/)) {
              if (substr(rest, RSTART + 4, RLENGTH - 4) in wanted) { print; break }
              rest = substr(rest, RSTART + RLENGTH)
          } }'
else
    echo "neither netstat nor ss is installed" >&2
    exit 2
fi
exit 0
