"""`python -m kg.bench`: build throughput, memory, cost per MB across scales, and query latency at ~1M triples.

Prints one ``name: value`` line per figure on stdout (progress goes to
stderr). Everything is measured in this run on this machine; nothing is
assumed. The run is sized to finish within 10 minutes on 2 cores:

* 1x, 10x and 100x corpora are built for real with ``kg build --jobs 2``;
* the 1000x corpus (~180 MB) is generated whole, but only an evenly spaced
  sample of its documents is built (``--sample``), and the figure's name
  says so: extraction alone would take longer than the budget. The sample is
  built into a store already holding the rest of 1000x (renamed copies of the
  100x build, :mod:`kg.bench.prefill`), so writes and memory are measured
  against a 1000x store;
* cost per MB is the build's time after start-up (interpreter, spaCy, jieba's
  dictionary: a fixed ~2 s, reported as ``build_*_startup_s``), since the
  question is whether the cost grows with the corpus; the wall time with
  start-up is reported too. Builds under a few seconds (1x, 10x) are the
  median of several, each into an empty store (``build_*_repeats``);
* this machine's speed drifts by up to a quarter over minutes, more than the
  flatness asked of cost per MB. So jieba alone is timed on a slice of each
  scale's files just before and just after its build, and cost per MB is also
  given in units of jieba's cost per MB on that slice
  (``cost_per_mb_*_in_jieba_units``): a property of the software, not of the
  minute it ran in. ``cost_per_mb_ratio_max_min`` is taken over those;
  ``cost_per_mb_ratio_max_min_raw_seconds`` over the plain seconds;
* the query store is the 100x build, with document graphs copied under new
  names up to ``--triples`` (see :mod:`kg.bench.querybench`);
  each query has a time limit per engine, and an engine stops starting
  queries once its time budget is spent.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kg.bench import corpus
from kg.bench.floor import jieba_seconds
from kg.bench.measure import run_build
from kg.bench.prefill import prefill
from kg.bench.querybench import Engine, Timing, scaled_nquads

MB = 1e6


def emit(name: str, value) -> None:
    if isinstance(value, float):
        value = f"{value:.4g}"
    print(f"{name}: {value}", flush=True)


def note(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares intercept and slope: a build's fixed cost and its cost per MB."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - slope * mx, slope


def _floor_slice(files: list[Path], target_mb: float = 2.0) -> list[Path]:
    """Whole report sets spread evenly over ``files``, about ``target_mb``: jieba's
    speed per MB does not depend on how many files it cuts."""
    per_set = len(corpus.sources())
    sets = max(1, len(files) // per_set)
    set_mb = corpus.corpus_bytes(files) / MB / sets
    step = max(1, sets // max(1, math.ceil(target_mb / set_mb)))
    return [f for i, f in enumerate(files) if i // per_set % step == 0]


def _settle() -> None:
    """Write back what earlier steps left dirty (a store of millions of quads), so the
    kernel does not do it during the next measurement."""
    if hasattr(os, "sync"):
        os.sync()


def floor_rate(files: list[Path], jobs: int) -> float:
    """jieba alone over ``files`` with ``jobs`` processes, in MB/s (median of five when under a second's work)."""
    mb = corpus.corpus_bytes(files) / MB
    _settle()
    runs = 5 if mb < 1 else 1
    return mb / statistics.median(jieba_seconds(files, jobs)[0] for _ in range(runs))


def bench_builds(work: Path, scales: list[int], sample: float, jobs: int,
                 before_large: Callable[[list[Path]], Callable[[], None]] | None = None) -> list[Path]:
    """Build each scale; the largest below 1000x also gives throughput, memory and the floor; returns the stores.

    Cost per MB is the build's own time per MB after start-up (see
    :mod:`kg.bench.buildrun`); start-up is a fixed cost and gets its own line.
    """
    sizes, seconds, stores = [], [], []
    costs: dict[str, float] = {}  # seconds per MB over jieba's seconds per MB, same files, same minutes
    raw_costs: dict[str, float] = {}
    built: dict[int, Path] = {}
    ready = None
    for scale in scales:
        folder = work / f"corpus-{scale}x"
        start = time.perf_counter()
        files = corpus.write_corpus(folder, scale)
        size = corpus.corpus_bytes(files)
        emit(f"corpus_{scale}x_mb", size / MB)
        emit(f"corpus_{scale}x_documents", len(files))
        note(f"{scale}x: {len(files)} files, {size / MB:.1f} MB written in {time.perf_counter() - start:.1f} s")
        store = work / f"store-{scale}x"
        if scale >= 1000 and before_large is not None and ready is None:
            ready = before_large(stores)  # untimed work may overlap the prefill, not the build
        if scale >= 1000:
            step = max(1, round(1 / sample))
            files = [f for i, f in enumerate(files) if i // len(corpus.sources()) % step == 0]
            label = f"{scale}x_sampled_{100 / step:g}pct"
            emit(f"corpus_{label}_mb", corpus.corpus_bytes(files) / MB)
            base = max((s for s in built if s < scale), default=None)
            if base is not None:
                copies = scale // base
                note(f"filling the {scale}x store with {copies} renamed copies of the {base}x build")
                began = time.perf_counter()
                quads = prefill(store, built[base], copies)
                emit(f"store_{scale}x_prefilled_quads", quads)
                emit(f"store_{scale}x_prefill_s", time.perf_counter() - began)
        else:
            label = f"{scale}x"
        built_mb = corpus.corpus_bytes(files) / MB
        # This machine's speed drifts by a quarter over minutes: jieba alone is timed on a
        # slice of the same files just before and just after the build, and cost per MB is
        # also given in units of that (a figure of the software, not of the minute).
        floor_files = _floor_slice(files)
        if ready is not None:
            ready()
        floor_before = floor_rate(floor_files, jobs)
        note(f"building {label} ({built_mb:.1f} MB) with --jobs {jobs}")
        # Builds of a few seconds sit in this machine's jitter: the median of several.
        repeats = 5 if built_mb < 1 else 3 if built_mb < 3 else 1
        if ready is not None:
            ready()
        _settle()
        run = run_build([folder] if scale < 1000 else files, store, jobs, repeats)
        floor = (floor_before + floor_rate(floor_files, jobs)) / 2
        emit(f"build_{label}_repeats", repeats)
        emit(f"build_{label}_s", run.seconds)
        emit(f"build_{label}_startup_s", run.startup_seconds)
        emit(f"build_{label}_after_startup_s", run.warm_seconds)
        raw_costs[label] = run.warm_seconds / built_mb
        costs[label] = raw_costs[label] * floor
        emit(f"cost_per_mb_{label}_s", raw_costs[label])
        emit(f"cpu_per_mb_{label}_s", run.cpu_seconds / built_mb)
        emit(f"jieba_floor_{label}_mb_per_s", floor)
        emit(f"build_vs_jieba_floor_ratio_{label}", (built_mb / run.warm_seconds) / floor)
        emit(f"cost_per_mb_{label}_in_jieba_units", costs[label])
        sizes.append(built_mb)
        seconds.append(run.seconds)
        stores.append(store)
        built[scale] = store
        if scale >= 1000 or scale == max((s for s in scales if s < 1000), default=None):
            emit(f"peak_rss_build_{label}_tree_mb", run.peak_tree_mb)
            emit(f"peak_rss_build_{label}_largest_process_mb", run.peak_process_mb)
        if scale == max((s for s in scales if s < 1000), default=None):
            emit(f"build_throughput_{label}_mb_per_s", built_mb / run.warm_seconds)
            emit(f"build_throughput_{label}_with_startup_mb_per_s", built_mb / run.seconds)
            again = run_build([folder], store, jobs)
            emit(f"rebuild_unchanged_{label}_s", again.seconds)
    if len(costs) > 1:
        emit("cost_per_mb_ratio_max_min", max(costs.values()) / min(costs.values()))
        emit("cost_per_mb_ratio_max_min_raw_seconds", max(raw_costs.values()) / min(raw_costs.values()))
        intercept, slope = fit_line(sizes, seconds)
        emit("build_fixed_cost_s_fitted", intercept)
        emit("build_marginal_cost_per_mb_s_fitted", slope)
    return stores


def start_queries(work: Path, stores: list[Path], target: int, limit_s: float, budget_s: float) -> "QueryRun":
    """Make the query store and start both engines loading it (they wait for :meth:`QueryRun.report`)."""
    from queries import bundled

    queries = dict(sorted(bundled().items()))
    note(f"query store: {target} triples from {len(stores)} builds")
    nquads, count, copies = scaled_nquads(stores, target)
    path = work / "query-store.nq"
    path.write_bytes(nquads)
    del nquads
    emit("query_store_triples", count)
    emit("query_store_document_graph_copies", copies)
    # Both engines load side by side, each on one core.
    rdflib = Engine("rdflib", path, work / "unused", queries, limit_s, budget_s)
    oxigraph = Engine("oxigraph", path, work / "query-store-oxigraph", queries, limit_s, budget_s)
    return QueryRun(queries, rdflib, oxigraph, limit_s)


@dataclass
class QueryRun:
    queries: dict[str, str]
    rdflib: Engine
    oxigraph: Engine
    limit_s: float

    def wait_loaded(self) -> None:
        """Until both engines are idle: nothing timed may share the machine with their loading."""
        self.oxigraph.wait_loaded()
        self.rdflib.wait_loaded()

    def report(self) -> None:
        """Oxigraph's queries first (rdflib waits, idle), then rdflib's; print every figure."""
        ox, ox_load = self.oxigraph.collect()
        note("Oxigraph done; now rdflib")
        rd, rd_load = self.rdflib.collect()
        limit_s, queries = self.limit_s, self.queries
        emit("query_load_oxigraph_s", ox_load if ox_load is not None else "failed")
        emit("query_load_rdflib_s", rd_load if rd_load is not None else "failed")
        speedups, mismatched = [], []
        for name in queries:
            o, r = ox[name], rd[name]
            emit(f"query_{name}_oxigraph_ms", _ms(o))
            emit(f"query_{name}_rdflib_ms", _ms(r))
            emit(f"query_{name}_speedup", _speedup(o, r, limit_s))
            if o.seconds is not None and r.seconds is not None:
                speedups.append(r.seconds / max(o.seconds, 1e-6))
                if o.rows != r.rows:
                    mismatched.append(f"{name}({o.rows} vs {r.rows})")
        if speedups:
            emit("query_speedup_geomean_both_answered", math.exp(sum(map(math.log, speedups)) / len(speedups)))
            emit("query_speedup_min_both_answered", min(speedups))
            emit("query_speedup_max_both_answered", max(speedups))
        emit("query_both_answered", f"{len(speedups)} of {len(queries)}")
        emit("query_row_count_mismatches", ", ".join(mismatched) or "none")


def _ms(t: Timing) -> str:
    return f"{t.seconds * 1000:.4g}" if t.seconds is not None else t.note


def _speedup(o: Timing, r: Timing, limit_s: float) -> str:
    """rdflib time / Oxigraph time; a bound when one engine ran out of time."""
    if o.seconds is not None and r.seconds is not None:
        return f"{r.seconds / max(o.seconds, 1e-6):.3g}"
    if o.seconds is not None and r.note.startswith("timeout"):
        return f">{limit_s / max(o.seconds, 1e-6):.3g}"
    if r.seconds is not None and o.note.startswith("timeout"):
        return f"<{r.seconds / limit_s:.3g}"
    return "n/a"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kg.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100,1000", help="corpus scales, comma-separated")
    parser.add_argument("--sample", type=float, default=0.025, help="fraction of the 1000x corpus built")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the query store")
    parser.add_argument("--query-limit", type=float, default=10.0, help="seconds per query per engine")
    parser.add_argument("--query-budget", type=float, default=100.0, help="seconds of queries per engine")
    args = parser.parse_args(argv)
    scales = sorted(int(s) for s in args.scales.split(","))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        run: QueryRun | None = None

        def start(stores: list[Path]) -> Callable[[], None]:
            # Real builds below 1000x: the 1000x store is mostly bulk-loaded copies, and bigger than the target.
            nonlocal run
            built = [s for s, scale in zip(stores, scales) if 100 <= scale < 1000] or stores[:1]
            run = start_queries(work, built, args.triples, args.query_limit, args.query_budget)
            return run.wait_loaded

        stores = bench_builds(work, scales, args.sample, args.jobs, before_large=start)
        if run is None:  # no 1000x: nothing to overlap the loading with
            start(stores)
        run.report()
    emit("bench_total_s", time.perf_counter() - started)


if __name__ == "__main__":
    main()
