"""`python -m kg.bench.buildrun STORE JOBS REPEATS PATH...`: `kg build`, timed from inside.

A build's wall time mixes two costs: start-up (the interpreter, spaCy, jieba's
dictionary; about two seconds whatever the corpus) and the work that grows with
the corpus. Cost per MB is about the second, so this runs the same
:func:`kg.build.build` that `kg build` runs, after loading the pipeline, and
reports both parts on stdout as JSON. CPU time counts the workers too: they are
reaped when the build's pool closes, so ``RUSAGE_CHILDREN`` holds them by then.

A small corpus builds in about a second, where this machine's jitter is ±15%:
REPEATS builds, each into an empty store, give the median. They are
independent samples, because each build forks fresh workers from a process
that has extracted no report (see :func:`kg.build.load_pipeline`), so nothing
learnt from one build's reports makes the next one cheaper.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import time


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _vm_hwm_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> None:
    began = time.perf_counter()
    store_dir, jobs, repeats, *paths = argv
    from kg.build import build, load_pipeline
    from kg.store import KGStore

    load_pipeline()
    startup = time.perf_counter() - began
    walls, cpus = [], []
    for i in range(max(1, int(repeats))):
        if i:
            shutil.rmtree(store_dir)
        store = KGStore(store_dir)
        cpu0, start = _cpu(), time.perf_counter()
        report = build(paths, store, jobs=int(jobs))
        store.close()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu0)
    out = {
        "startup_s": startup,
        "warm_s": statistics.median(walls),
        "warm_samples_s": walls,
        "cpu_s": statistics.median(cpus),
        "built": len(report.built),
        "skipped": len(report.skipped),
        "errors": [str(e) for e in report.errors],
        "triples": report.triples,
        # High-water marks: this process (VmHWM: getrusage would also count the
        # parent's memory from before our exec), and its largest worker.
        "peak_self_mb": _vm_hwm_mb(),
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    json.dump(out, sys.stdout)
    sys.exit(1 if report.errors else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
