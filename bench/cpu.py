#!/usr/bin/env python3
"""cpu.py - runs a command (wrk) and reports the CPU time each process tree used meanwhile.

usage: cpu.py NAME=PID [NAME=PID...] -- COMMAND [ARGS...]

Each NAME=PID names a process tree (the process and all its descendants, e.g. nginx's
master and workers, memocal-feed's master and workers, the postmaster and its backends).
The command's own output is passed through; then one line:
  CPU name=SECONDS ... cmd=SECONDS others=SECONDS
with user+system seconds used by each tree during the command, by the command itself (from
wait4's rusage), and by everything else on the machine (all CPUs' busy time from /proc/stat
minus the rest): other people's builds or browsers running at the same time show up there.
"""
import os
import subprocess
import sys

TICK = os.sysconf("SC_CLK_TCK")


def processes():
    """pid -> (ppid, utime+stime ticks) for every process readable now."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rfind(")") + 2:].split()
        # fields after "(comm)": state ppid ... utime(14th overall -> index 11) stime(12)
        out[int(d)] = (int(rest[1]), int(rest[11]) + int(rest[12]))
    return out


def busy_seconds():
    """CPU seconds all CPUs spent not idle since boot (/proc/stat, first line)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest time is already in user)
    return (sum(v[:8]) - v[3] - v[4]) / TICK


def tree_ticks(procs, root):
    kids = {}
    for pid, (ppid, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    seen = set()
    while todo:
        p = todo.pop()
        if p in seen or p not in procs:
            continue
        seen.add(p)
        total += procs[p][1]
        todo.extend(kids.get(p, []))
    return total, seen


def main():
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit(__doc__)
    cut = args.index("--")
    groups = [a.split("=", 1) for a in args[:cut]]
    cmd = args[cut + 1:]
    busy0 = busy_seconds()
    before = processes()
    start = {name: tree_ticks(before, int(pid)) for name, pid in groups}
    child = subprocess.Popen(cmd)
    _, status, usage = os.wait4(child.pid, 0)
    after = processes()
    busy1 = busy_seconds()
    parts, mine = [], 0.0
    for name, pid in groups:
        ticks_after, pids_after = tree_ticks(after, int(pid))
        ticks_before, pids_before = start[name]
        # a process that ended meanwhile is lost; one that started meanwhile counts from zero
        gone = sum(before[p][1] for p in pids_before - pids_after)
        used = (ticks_after - (ticks_before - gone)) / TICK
        mine += used
        parts.append("%s=%.2f" % (name, used))
    cmd = usage.ru_utime + usage.ru_stime
    parts.append("cmd=%.2f" % cmd)
    parts.append("others=%.2f" % max(0.0, busy1 - busy0 - mine - cmd))
    sys.stdout.flush()
    print("CPU " + " ".join(parts), flush=True)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
