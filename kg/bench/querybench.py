"""Bundled-query latency on the default store (Oxigraph) and on rdflib's in-memory Dataset, same quads, same run.

About a million triples is more than a benchmark can afford to extract (see
:mod:`kg.bench`), so the store is made from real builds: their document graphs
are copied under new document names (graph, document, mention IRIs and file
name all renamed) until the target is reached. Shared entities (countries,
laws, programs) stay shared, as they are between real reports, so joins across
documents keep their real shape.

Each engine loads the quads once in its own process, and answers each query in
a fork of that process, killed past a time limit: neither engine can be
interrupted in-process, and one pathological query must not stall the run. The
two engines load and run side by side (one core each), so the slow rdflib load
overlaps Oxigraph's queries.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import select
import signal
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from kg import iri

DOC_GRAPH_PREFIX = str(iri.GRAPH) + "document/"


def _graph_of(line: str) -> str:
    """The graph IRI of one N-Quads line (``s p o <g> .``); '' for the default graph."""
    head = line[:-1].rstrip()
    last = head.rsplit(" ", 1)[1]
    return last[1:-1] if last.startswith("<") and head.count(" ") >= 3 else ""


def scaled_nquads(store_dirs: list[Path], target: int) -> tuple[bytes, int, int]:
    """N-Quads of the stores' graphs plus renamed copies of their document graphs, about ``target`` quads.

    Returns (N-Quads, quads, copies made of each document graph at most).
    """
    import pyoxigraph as ox

    docs: dict[str, list[str]] = {}
    out: list[str] = []
    seen_ontology = False
    for store_dir in store_dirs:
        text = ox.Store.read_only(str(store_dir)).dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
        for line in text.splitlines():
            g = _graph_of(line) if line else None
            if g is None or (g == str(iri.ONTOLOGY_GRAPH) and seen_ontology):
                continue
            out.append(line)
            if g.startswith(DOC_GRAPH_PREFIX):
                docs.setdefault(g[len(DOC_GRAPH_PREFIX):], []).append(line)
        seen_ontology = True
    facts = _fact_iri_pattern(out)
    copies = 0
    while len(out) < target and docs:
        copies += 1
        for name, lines in docs.items():
            renamed = f"copy{copies}-{name}"
            fact_copy = rf"\g<0>{renamed}/"
            out.extend(facts.sub(fact_copy, line.replace(name, renamed)) for line in lines)
            if len(out) >= target:
                break
    return ("\n".join(out) + "\n").encode("utf-8"), len(out), copies


def _fact_iri_pattern(lines: list[str]) -> "re.Pattern[str]":
    """The IRI prefixes of fact nodes (``…/id/statistic/``), read from the data.

    A copied report must state its own facts: if every copy kept the fact IRIs,
    one statistic would be restated by hundreds of reports, a sharing no real
    corpus has, and queries would measure that artefact. Entities (countries,
    laws, programs, units) keep their IRIs, as they are shared in real corpora.
    """
    kinds = set()
    marker = f"<{iri.NIA.factKind}>"
    for line in lines:
        if marker in line:
            subject = line.split(" ", 1)[0]
            if subject.startswith(f"<{iri.ID}"):
                kinds.add(subject[len(str(iri.ID)) + 1 :].split("/", 1)[0])
    alternatives = "|".join(sorted(map(re.escape, kinds))) or "(?!)"
    return re.compile(rf"<{re.escape(str(iri.ID))}(?:{alternatives})/")


def time_query(run) -> tuple[float, int]:
    """Median seconds of a query (one run if it is slow, up to three if fast) and its row count."""
    times, rows = [], 0
    for _ in range(3):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        if sum(times) > 1.0:
            break
    return statistics.median(times), rows


def _rows(result) -> int:
    if result.type == "ASK":
        return int(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return sum(1 for _ in result)


@dataclass(frozen=True)
class Timing:
    seconds: float | None  # None: not answered (see note)
    rows: int | None
    note: str = ""  # "timeout", "error: ...", "not run (budget)"


def _forked(run, sparql: str, limit_s: float) -> Timing:
    """Time one query in a fork of this (loaded) process, killed after ``limit_s``.

    Only for rdflib: a fork of a process running RocksDB's threads can deadlock.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            seconds, rows = time_query(lambda: run(sparql))
            msg = f"ok {seconds} {rows}"
        except BaseException as exc:  # noqa: BLE001 - reported, not raised
            msg = f"error {type(exc).__name__}: {str(exc)[:80]}"
        os.write(write, msg.encode("utf-8", "replace"))
        os._exit(0)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], limit_s)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return Timing(None, None, f"timeout >{limit_s:g}s")
        msg = os.read(read, 4096).decode("utf-8", "replace")
    finally:
        os.waitpid(pid, 0)
        os.close(read)
    if msg.startswith("ok "):
        _, seconds, rows = msg.split()
        return Timing(float(seconds), int(rows))
    return Timing(None, None, msg or "error: no answer")


def _oxigraph_query(folder: str, sparql: str, conn) -> None:
    from kg.store import KGStore

    try:
        with KGStore(folder, read_only=True) as store:
            conn.send("ready")
            conn.send(Timing(*time_query(lambda: _rows(store.query(sparql)))))
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        conn.send(Timing(None, None, f"error {type(exc).__name__}: {str(exc)[:80]}"))


def _spawned(folder: Path, sparql: str, limit_s: float) -> Timing:
    """Time one query on the on-disk store in a fresh process, killed ``limit_s`` after it has opened the store."""
    ctx = multiprocessing.get_context("spawn")
    read, write = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_oxigraph_query, args=(str(folder), sparql, write))
    proc.start()
    write.close()
    try:
        if not read.poll(120):  # imports and opening the store: not the query's time
            return Timing(None, None, "error: query process did not start")
        first = read.recv()
        if first != "ready":
            return first
        if read.poll(limit_s):
            return read.recv()
        return Timing(None, None, f"timeout >{limit_s:g}s")
    except EOFError:
        return Timing(None, None, "error: query process died")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def _serve(kind: str, nquads_path: str, folder: str, queries: dict[str, str], limit_s: float, budget_s: float,
           conn, go) -> None:
    """An engine's process: load the quads once, wait for the word, then answer each query in an isolated child."""
    start = time.perf_counter()
    data = Path(nquads_path).read_bytes()
    if kind == "rdflib":
        from rdflib import Dataset

        ds = Dataset(default_union=True)  # as KGStore opens its store
        ds.parse(data=data.decode("utf-8"), format="nquads")

        def answer(sparql: str) -> Timing:
            return _forked(lambda q: _rows(ds.query(q)), sparql, limit_s)
    else:
        import pyoxigraph as ox

        store = ox.Store(folder)
        store.bulk_load(data, ox.RdfFormat.N_QUADS)
        store.flush()
        del store  # the query processes open it as `kg query` does

        def answer(sparql: str) -> Timing:
            return _spawned(Path(folder), sparql, limit_s)
    del data
    conn.send(("loaded", time.perf_counter() - start))
    go.wait()
    spent = 0.0
    for name, sparql in queries.items():
        if spent > budget_s:
            conn.send((name, Timing(None, None, "not run (time budget spent)")))
            continue
        began = time.perf_counter()
        conn.send((name, answer(sparql)))
        spent += time.perf_counter() - began
    conn.close()


class Engine:
    """One engine timed in its own (spawned, so clean) process.

    It loads as soon as it starts, which takes a while (rdflib parses a million
    quads in over a minute), so the bench starts it early, while it does work
    that is not timed; :meth:`wait_loaded` then holds until it is idle again,
    and :meth:`collect` lets it answer the queries and gathers the timings.
    """

    def __init__(self, kind: str, nquads_path: Path, folder: Path, queries: dict[str, str],
                 limit_s: float, budget_s: float):
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=False)
        self._go = ctx.Event()
        self._proc = ctx.Process(target=_serve,  # not a daemon: it starts query processes
                                 args=(kind, str(nquads_path), str(folder), queries, limit_s, budget_s, child,
                                       self._go))
        self._proc.start()
        child.close()
        self.queries = queries
        self.load_seconds: float | None = None
        self._loaded = False

    def wait_loaded(self) -> float | None:
        """Block until the engine has loaded (seconds it took; None if it died first)."""
        if not self._loaded:
            self._loaded = True
            try:
                self.load_seconds = self._conn.recv()[1]
            except EOFError:
                self.load_seconds = None
        return self.load_seconds

    def collect(self) -> tuple[dict[str, Timing], float | None]:
        """Timings by query name and the load time (None if the engine died before loading)."""
        out = {name: Timing(None, None, "engine died") for name in self.queries}
        load = self.wait_loaded()
        self._go.set()
        try:
            if load is not None:
                for _ in self.queries:
                    name, timing = self._conn.recv()
                    out[name] = timing
        except EOFError:  # the engine died (out of memory?): what it sent stands
            pass
        finally:
            self._proc.join(timeout=10)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join()
        return out, load
