#!/bin/sh
# linux.check_processes: processes matching a state, a command-line pattern or a pid.
# Usage: check_processes.sh state|name|pid CRITERIA [pidlist]
# Prints a JSON object {"<pid>": "<command line>", ...}. With "pidlist" among the arguments the
# matching pids are also written to stderr, separated by spaces. This script, the shells that
# started it and the commands it runs are left out.
search=${1:-name}
criteria=$2
pidlist=no
for arg in "$@"; do
    [ "$arg" = pidlist ] && pidlist=yes
done
case $search in
    state|name|pid) ;;
    *) echo "search must be one of state, name, pid (got: $search)" >&2; exit 2 ;;
esac

ps -e -o pid= -o ppid= -o stat= -o args= | \
CRITERIA=$criteria SEARCH=$search SELF=$$ PIDLIST=$pidlist awk '
function json(text,    out, i, c) {
    out = "\""
    for (i = 1; i <= length(text); i++) {
        c = substr(text, i, 1)
        if (c == "\\") out = out "\\\\"
        else if (c == "\"") out = out "\\\""
        else if (c in control) out = out control[c]
        else out = out c
    }
    return out "\""
}
BEGIN {
    for (i = 1; i < 32; i++) control[sprintf("%c", i)] = sprintf("\\u%04x", i)
    control[sprintf("%c", 127)] = "\\u007f"
    search = ENVIRON["SEARCH"]; criteria = ENVIRON["CRITERIA"]; self = ENVIRON["SELF"]
}
{
    n++
    pid[n] = $1; parent[$1] = $2; state[n] = substr($3, 1, 1)
    command = $0
    sub(/^[ \t]*[0-9]+[ \t]+[0-9]+[ \t]+[^ \t]+[ \t]*/, "", command)
    cmd[n] = command
}
END {
    # leave out this script, its children (ps, awk) and every shell above it
    for (p = self; p != "" && p != "0" && !(p in skip); p = parent[p]) skip[p] = 1
    found = 0
    for (i = 1; i <= n; i++) {
        if ((pid[i] in skip) || parent[pid[i]] == self) continue
        if (search == "state") hit = (state[i] == criteria)
        else if (search == "name") hit = (cmd[i] ~ criteria)
        else hit = (pid[i] == criteria)
        if (hit) list[++found] = i
    }
    out = "{"
    for (k = 1; k <= found; k++) out = out (k > 1 ? ", " : "") json(pid[list[k]]) ": " json(cmd[list[k]])
    print out "}"
    if (ENVIRON["PIDLIST"] == "yes") {
        pids = ""
        for (k = 1; k <= found; k++) pids = pids (k > 1 ? " " : "") pid[list[k]]
        printf "%s", pids > "/dev/stderr"
    }
}'
