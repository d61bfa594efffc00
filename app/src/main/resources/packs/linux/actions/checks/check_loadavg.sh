#!/bin/sh
# linux.check_loadavg: the load average divided by the number of CPUs.
# Usage: check_loadavg.sh [1|5|15|all]   (also one, five, fifteen)
# Prints the chosen average as a decimal number, or for "all" (the default) a JSON object
# {"1": "<n>", "5": "<n>", "15": "<n>"} whose values are decimal strings.
period=${1:-all}

if ! read -r one five fifteen rest < /proc/loadavg; then
    echo "Error opening /proc/loadavg"
    exit 2
fi
cpus=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)
if [ -z "$cpus" ] || [ "$cpus" -lt 1 ]; then
    echo "Error opening /proc/cpuinfo"
    exit 2
fi

awk -v period="$period" -v one="$one" -v five="$five" -v fifteen="$fifteen" -v cpus="$cpus" '
function per_cpu(load,    text) {
    text = sprintf("%.15g", load / cpus)
    if (text !~ /[.e]/) text = text ".0"
    return text
}
BEGIN {
    if (period == "1" || period == "one") print per_cpu(one)
    else if (period == "5" || period == "five") print per_cpu(five)
    else if (period == "15" || period == "fifteen") print per_cpu(fifteen)
    else printf "{\"1\": \"%s\", \"5\": \"%s\", \"15\": \"%s\"}\n", per_cpu(one), per_cpu(five), per_cpu(fifteen)
}'
