#!/bin/sh
# Zombie processes against thresholds, for machines without check_procs.
# Usage: check_zombies.sh WARN CRIT
warn=${1:-5}
crit=${2:-10}
n=$(ps -eo stat= 2>/dev/null | grep -c '^Z')
if [ "$n" -ge "$crit" ]; then state=CRITICAL; code=2
elif [ "$n" -ge "$warn" ]; then state=WARNING; code=1
else state=OK; code=0; fi
echo "PROCS $state: $n processes with STATE = Z|procs=$n;$warn;$crit;0;"
exit $code
