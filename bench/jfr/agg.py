#!/usr/bin/env python3
"""Summarises the CPU samples of a flight recording (bench/jfr/cpu-2ms.jfc): the share of samples per
thread-name prefix, then the top methods by self and by inclusive samples.

Usage: bench/jfr/agg.py RECORDING.jfr [THREAD-NAME-SUBSTRING]
Needs the `jfr` tool of a JDK 21+ (JAVA_HOME, else the one found by scripts/find-java)."""
import collections
import json
import os
import subprocess
import sys


def jfr_tool():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    home = os.environ.get("JAVA_HOME") or subprocess.run([os.path.join(root, "scripts", "find-java")],
                                                        capture_output=True, text=True).stdout.strip()
    return os.path.join(home, "bin", "jfr")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    recording = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 else None
    out = subprocess.run([jfr_tool(), "print", "--json", "--stack-depth", "200", "--events",
                          "jdk.ExecutionSample", recording], capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    own, inclusive, threads = collections.Counter(), collections.Counter(), collections.Counter()
    n = 0
    for e in events:
        v = e["values"]
        thread = v.get("sampledThread") or {}
        name = thread.get("javaName") or thread.get("osName") or "?"
        threads[name.split("-")[0][:30]] += 1
        if only and only not in name:
            continue
        stack = v.get("stackTrace")
        if not stack:
            continue
        frames = stack["frames"]
        n += 1

        def method(frame):
            m = frame["method"]
            return m["type"]["name"] + "." + m["name"]

        if frames:
            own[method(frames[0])] += 1
        seen = set()
        for frame in frames:
            k = method(frame)
            if k not in seen:
                seen.add(k)
                inclusive[k] += 1
    if n == 0:
        sys.exit("no samples" + (" on threads named like " + only if only else ""))
    print("samples", n)
    print("threads", threads.most_common(12))
    print("--- self")
    for k, c in own.most_common(35):
        print(f"{c * 100 / n:5.1f}% {k}")
    print("--- inclusive")
    for k, c in inclusive.most_common(90):
        print(f"{c * 100 / n:5.1f}% {k}")


if __name__ == "__main__":
    main()
