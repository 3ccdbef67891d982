"""Time a real build and the memory it and its workers hold at their peak.

The build runs as a child process (:mod:`kg.bench.buildrun`, the same
:func:`kg.build.build` as `kg build`), so the figures include worker start-up
and the store's own writes; the child reports its start-up and the warm build
apart, and the wall time seen from here includes everything. Peak
memory is taken two ways: the kernel's high-water mark of the largest single
process (``getrusage``: exact, but blind to the sum), and the summed resident
memory of the build and all its workers, sampled every 50 ms from /proc (what
the machine must actually hold; sampling can miss a short spike).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class BuildRun:
    seconds: float  # wall, as a person waits for it: start-up included
    warm_seconds: float  # the build itself, after start-up
    startup_seconds: float
    cpu_seconds: float  # the build itself, all processes
    peak_tree_mb: float  # build + workers, summed (sampled)
    peak_process_mb: float  # the largest single process (kernel high-water mark)
    stderr: str


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every descendant, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * _PAGE
    total, frontier = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while frontier:
        pid = frontier.pop()
        total += rss.get(pid, 0)
        frontier.extend(children.get(pid, ()))
    return total


def run_build(paths: list[Path], store: Path, jobs: int, repeats: int = 1) -> BuildRun:
    """Build PATHS into STORE with JOBS workers in a child process and measure it; raises if the build fails.

    With ``repeats`` the build's own times are the median of that many builds
    into an empty store (see :mod:`kg.bench.buildrun`), and the wall time is
    that of one build as a person waits for it: the child's run less the other repeats.
    """
    cmd = [sys.executable, "-m", "kg.bench.buildrun", str(store), str(jobs), str(repeats), *map(str, paths)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set() and Path("/proc").is_dir():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode}): {out[-1000:]} {err[-2000:]}")
    inside = json.loads(out)
    # The child reports its own and its workers' high-water marks: the bench's
    # own RUSAGE_CHILDREN would also count the moment between fork and exec, when
    # the child is still a copy of this (possibly large) process.
    largest = max(inside["peak_self_mb"], inside["peak_worker_mb"])
    seconds -= sum(inside["warm_samples_s"]) - inside["warm_s"]
    return BuildRun(seconds, inside["warm_s"], inside["startup_s"], inside["cpu_s"], peak / 2**20, largest, err)
