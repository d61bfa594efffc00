#!/bin/sh
# Load average per CPU against thresholds, for machines without monitoring-plugins' check_load.
# Usage: check_load.sh WARN1,WARN5,WARN15 CRIT1,CRIT5,CRIT15   (per CPU, as check_load -r)
# Output and exit codes follow check_load: OK 0, WARNING 1, CRITICAL 2, UNKNOWN 3.
warn=${1:-1.5,1.2,1.0}
crit=${2:-3.0,2.5,2.0}
if [ ! -r /proc/loadavg ]; then
    echo "LOAD UNKNOWN - /proc/loadavg is not readable"
    exit 3
fi
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
read -r l1 l5 l15 _ < /proc/loadavg
awk -v l1="$l1" -v l5="$l5" -v l15="$l15" -v n="$cpus" -v w="$warn" -v c="$crit" 'BEGIN {
    split(w, W, ","); split(c, C, ",");
    p[1] = l1 / n; p[2] = l5 / n; p[3] = l15 / n;
    state = "OK"; code = 0;
    for (i = 1; i <= 3; i++) {
        if (p[i] > C[i]) { state = "CRITICAL"; code = 2 }
        else if (p[i] > W[i] && code < 1) { state = "WARNING"; code = 1 }
    }
    printf "LOAD %s - load average per CPU: %.2f, %.2f, %.2f|load1=%.3f;%s;%s;0; load5=%.3f;%s;%s;0; load15=%.3f;%s;%s;0;\n",
        state, p[1], p[2], p[3], p[1], W[1], C[1], p[2], W[2], C[2], p[3], W[3], C[3];
    exit code
}'
