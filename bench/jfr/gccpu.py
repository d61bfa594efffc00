#!/usr/bin/env python3
# usage: gccpu.py GC.log BENCH.out
# GC threads' CPU (User+Sys of each -Xlog:gc+cpu line, decorated with uptime) and young pauses summed
# over each measured window the sensu benchmark prints ("N results in JVM uptime A-B s"), per result;
# with -Xlog:gc in the same file also the heap allocated per result (the growth between collections).
import re, sys
gc = []
heap = []  # (uptime, MB before, MB after) of each pause
for line in open(sys.argv[1]):
    m = re.match(r"\[(\d+\.\d+)s\].*User=(\d+\.\d+)s Sys=(\d+\.\d+)s Real=(\d+\.\d+)s", line)
    if m:
        gc.append((float(m[1]), float(m[2]) + float(m[3]), float(m[4])))
    m = re.match(r"\[(\d+\.\d+)s\].*Pause.* (\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        heap.append((float(m[1]), int(m[2]), int(m[3])))
for line in open(sys.argv[2]):
    m = re.search(r"^(\S+)\s+(.*?)\s+CPU us/result by thread.*; (\d+) results in JVM uptime (\d+\.\d+)-(\d+\.\d+) s", line)
    if not m:
        continue
    n, a, b = int(m[3]), float(m[4]), float(m[5])
    inside = [g for g in gc if a <= g[0] <= b]
    cpu = sum(g[1] for g in inside)
    real = [g[2] for g in inside]
    alloc = ""
    idx = [i for i, h in enumerate(heap) if a <= h[0] <= b]
    if len(idx) >= 2:
        grown = sum(heap[i][1] - heap[i - 1][2] for i in idx[1:])
        span = heap[idx[-1]][0] - heap[idx[0]][0]
        alloc = f", heap allocated {grown * 1048576 / (n * span / (b - a)) / 1024:.1f} KB/result"
    print(f"{m[1]} {m[2]}: GC CPU {cpu * 1e6 / max(1, n):.2f} us/result, {len(inside)} GCs, "
          f"mean {1000 * sum(real) / max(1, len(real)):.1f} ms, max {1000 * max(real, default=0):.1f} ms{alloc}")
