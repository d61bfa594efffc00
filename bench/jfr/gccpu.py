#!/usr/bin/env python3
# usage: gccpu.py GC.log BENCH.out
# GC threads' CPU (User+Sys of each -Xlog:gc+cpu line, decorated with uptime) and young pauses summed
# over each measured window the sensu benchmark prints ("N results in JVM uptime A-B s"), per result.
import re, sys
gc = []
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)s\].*User=(\d+\.\d+)s Sys=(\d+\.\d+)s Real=(\d+\.\d+)s", line)
    if m:
        gc.append((float(m[1]), float(m[2]) + float(m[3]), float(m[4])))
for line in open(sys.argv[2]):
    m = re.search(r"^(\S+)\s+(.*?)\s+CPU us/result by thread.*; (\d+) results in JVM uptime (\d+\.\d+)-(\d+\.\d+) s", line)
    if not m:
        continue
    n, a, b = int(m[3]), float(m[4]), float(m[5])
    inside = [g for g in gc if a <= g[0] <= b]
    cpu = sum(g[1] for g in inside)
    real = [g[2] for g in inside]
    print(f"{m[1]} {m[2]}: GC CPU {cpu * 1e6 / max(1, n):.2f} us/result, {len(inside)} GCs, "
          f"mean {1000 * sum(real) / max(1, len(real)):.1f} ms, max {1000 * max(real, default=0):.1f} ms")
