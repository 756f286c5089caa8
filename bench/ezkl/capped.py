#!/usr/bin/env python3
"""Run one command under /usr/bin/time -v with a resident-memory cap and a wall-clock limit.

  capped.py --cap-mb 14336 --timeout 1200 --status S.json --stdout O.txt -- CMD ARG...

The command runs in its own session; every 0.2 s the summed RSS of its process tree is read from
/proc, and the whole session is killed (SIGKILL) when it passes the cap or the time limit. S.json gets
{rc, killed ("rss" | "timeout" | null), wall_s, max_rss_kb (GNU time's "Maximum resident set size" of
the command), watched_peak_kb (the largest tree RSS seen by the poller)}. Stdlib only.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


def tree_rss_kb(root):
    """Summed VmRSS of root and all its descendants (kB)."""
    children = {}
    rss = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            with open(f"/proc/{pid}/status") as f:
                m = re.search(r"VmRSS:\s+(\d+)", f.read())
            rss[int(pid)] = int(m.group(1)) if m else 0
            children.setdefault(ppid, []).append(int(pid))
        except (OSError, ValueError):
            continue
    total, stack = 0, [root]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap-mb", type=int, required=True)
    ap.add_argument("--timeout", type=float, required=True)
    ap.add_argument("--status", required=True)
    ap.add_argument("--stdout", required=True)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    fd, timefile = tempfile.mkstemp(prefix="capped-time-")
    os.close(fd)
    t0 = time.monotonic()
    with open(a.stdout, "w") as out:
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", timefile] + cmd, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        killed, peak = None, 0
        while proc.poll() is None:
            kb = tree_rss_kb(proc.pid)
            peak = max(peak, kb)
            if kb > a.cap_mb * 1024:
                killed = "rss"
            elif time.monotonic() - t0 > a.timeout:
                killed = "timeout"
            if killed:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.2)
    wall = time.monotonic() - t0
    max_rss = None
    try:
        with open(timefile) as f:
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
            max_rss = int(m.group(1)) if m else None
    finally:
        os.unlink(timefile)
    status = {"rc": proc.returncode, "killed": killed, "wall_s": round(wall, 3),
              "max_rss_kb": max_rss if max_rss is not None else peak, "watched_peak_kb": peak}
    with open(a.status, "w") as f:
        json.dump(status, f)
    sys.exit(0 if proc.returncode == 0 else 1)


if __name__ == "__main__":
    main()
