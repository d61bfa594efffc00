#!/bin/sh
# linux.lsof_pids: the open files of the given processes, `lsof -p PID` for each.
# Usage: lsof_pids.sh "PID PID ..."   (commas, brackets and quotes also separate pids)
# The exit status is that of the last lsof, as with StackStorm's action.
set -f
PIDS=
for word in $(printf '%s ' "$@" | tr ',[]"'"'" '     '); do
    case $word in
        ''|*[!0-9]*) echo "ignoring non-numeric pid: $word" >&2 ;;
        *) PIDS="$PIDS $word" ;;
    esac
done
set +f
command -v lsof >/dev/null 2>&1 || { echo "lsof is not installed" >&2; exit 2; }
status=0
for pid in $PIDS; do
    lsof -p "$pid"
    status=$?
done
exit $status
