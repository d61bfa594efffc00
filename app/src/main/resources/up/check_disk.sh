#!/bin/sh
# Free space on a file system against percentage thresholds, for machines without check_disk.
# Usage: check_disk.sh WARN_FREE_PCT CRIT_FREE_PCT PATH
warn=${1:-10}
crit=${2:-5}
path=${3:-/}
line=$(df -P "$path" 2>/dev/null | awk 'NR == 2 { print $4, $2, $6 }')
if [ -z "$line" ]; then
    echo "DISK UNKNOWN - cannot read the file system of $path"
    exit 3
fi
set -- $line
free_pct=$(( $1 * 100 / $2 ))
if [ "$free_pct" -lt "$crit" ]; then state=CRITICAL; code=2
elif [ "$free_pct" -lt "$warn" ]; then state=WARNING; code=1
else state=OK; code=0; fi
echo "DISK $state - free space: $3 ${free_pct}% free|free_pct=${free_pct}%;$warn;$crit;0;100"
exit $code
