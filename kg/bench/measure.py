"""Time a real `kg build` and the memory it and its workers hold at their peak.

The build runs as a child process, exactly as a person runs it, so the figures
include interpreter start-up, worker start-up and the store's own writes. Peak
memory is taken two ways: the kernel's high-water mark of the largest single
process (``getrusage``: exact, but blind to the sum), and the summed resident
memory of the build and all its workers, sampled every 50 ms from /proc (what
the machine must actually hold; sampling can miss a short spike).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class BuildRun:
    seconds: float
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


def run_build(paths: list[Path], store: Path, jobs: int) -> BuildRun:
    """Run `kg build PATHS --store STORE --jobs JOBS` and measure it; raises if the build fails."""
    cmd = [sys.executable, "-m", "kg.cli", "build", *map(str, paths), "--store", str(store), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set() and Path("/proc").is_dir():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"kg build failed ({proc.returncode}): {err[-2000:]}")
    # ru_maxrss is in KiB on Linux and only ever grows: a run that did not beat
    # an earlier child's peak reports that earlier peak, an upper bound.
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return BuildRun(seconds, peak / 2**20, max(after, before) / 1024, err)
