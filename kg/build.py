"""Build the graph from report files: extract each changed report and swap in its named graph.

A report whose bytes are unchanged (same SHA-256 as stored) is skipped without
being read, so rebuilding an unchanged corpus does nothing. Reports are
extracted in worker processes with ``jobs > 1``; the store is written from the
main process only, one atomic update per report. A file that cannot be read is
reported and skipped; the others are still built and nothing stored is lost.

With ``jobs > 1`` only a few documents are in flight at once and each result is
written and dropped as soon as it arrives, so memory stays flat however large
the corpus; workers die with the build, so a killed build leaves no orphans.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from extract.read import ReadError, iter_inputs, read_document, sha256_bytes
from kg import iri
from kg.store import KGStore


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    triples: int = 0


def extract_to_ntriples(path: str) -> tuple[str, str, int]:
    """Worker: one file to (doc name, N-Triples of its graph, triple count). Raises ReadError."""
    from extract.pipeline import extract_source
    from kg.mapping import document_graph

    source = read_document(path)
    graph = document_graph(extract_source(source))
    return source.name, graph.serialize(format="nt"), len(graph)


def _worker_init(parent: int) -> None:
    """Tie a worker's life to the build's and load the NLP pipeline before the first document arrives.

    A worker waits on a pipe its siblings also hold open, so it never sees the
    build die: on Linux the kernel is asked to kill it when its parent does.
    """
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphans exit when their queue breaks, later
        pass
    if os.getppid() != parent:  # the build died before prctl took effect
        os._exit(1)
    from extract.nlp import pipeline

    pipeline()  # already loaded when forked from a build that loaded it


def load_pipeline() -> None:
    """Everything extraction needs, loaded and run once: spaCy and jieba's dictionary,
    the extractors, the mapping. Workers forked afterwards share it instead of
    loading it, and none pays for first use on its first report."""
    from extract.extractors import all_extractors
    from extract.nlp import pipeline
    from extract.pipeline import warm_up
    from kg.mapping import document_graph

    pipeline()
    all_extractors()
    document_graph(warm_up()).serialize(format="nt")
    # What is loaded lives as long as the process. Frozen, the garbage collector
    # never walks it again: not in forked workers, where every page it touched
    # would be copied (half a second per worker with jieba's dictionary and spaCy
    # loaded), nor in this process, where a full collection (closing the store
    # runs one) took a tenth of a second.
    gc.freeze()


def pool_context():
    """Fork where there is fork: workers then share the parent's loaded pipeline
    (spaCy, jieba's dictionary) instead of each loading it again."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def ontology_ntriples() -> tuple[str, int]:
    from ontology import ONTOLOGY

    g = Graph()
    g.parse(data=ONTOLOGY.read_text(encoding="utf-8"), format="turtle")
    return g.serialize(format="nt"), len(g)


def _ensure_ontology(store: KGStore) -> None:
    """Keep the ontology (labels, SKOS law-event types) in its own named graph, updated when it changes."""
    nt, n = ontology_ntriples()
    marker = sha256_bytes(nt.encode("utf-8"))
    rows = store.query(
        "ASK { GRAPH <%s> { <%s> <%s> \"%s\" } }" % (iri.ONTOLOGY_GRAPH, iri.ONTOLOGY_GRAPH, iri.NIA.sha256, marker)
    )
    if not rows.askAnswer:
        store.replace_graph(iri.ONTOLOGY_GRAPH, nt + f'<{iri.ONTOLOGY_GRAPH}> <{iri.NIA.sha256}> "{marker}" .\n')


def build(
    paths: Iterable[Path | str],
    store: KGStore,
    *,
    jobs: int = 1,
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
) -> BuildReport:
    """Build every report under ``paths`` into ``store``; see the module docstring."""
    report = BuildReport()
    files, missing = iter_inputs(list(paths))
    report.errors.extend(missing)
    _ensure_ontology(store)
    stored = store.graph_hashes()
    todo: list[Path] = []
    for f in files:
        try:
            digest = sha256_bytes(f.read_bytes())
        except OSError as exc:
            report.errors.append(ReadError(f, f"cannot read file ({exc.strerror or exc})"))
            continue
        if not force and stored.get(f.name) == digest:
            report.skipped.append(f.name)
            if on_progress:
                on_progress(f.name, "unchanged")
        else:
            todo.append(f)

    def write(name: str, nt: str, n: int) -> None:
        store.replace_graph(iri.doc_graph(name), nt)
        report.built.append(name)
        report.triples += n
        if on_progress:
            on_progress(name, "built")

    if jobs <= 1 or len(todo) <= 1:
        for f in todo:
            try:
                write(*extract_to_ntriples(str(f)))
            except ReadError as err:
                report.errors.append(err)
                if on_progress:
                    on_progress(f.name, "error")
    else:
        load_pipeline()  # once, before the workers fork from this process
        # Largest first, so a big report does not start last and hold up the end of the build.
        todo.sort(key=lambda f: f.stat().st_size, reverse=True)
        _run_pool(todo, jobs, write, report, on_progress)
    store.flush()
    return report


def _run_pool(
    todo: list[Path],
    jobs: int,
    write: Callable[[str, str, int], None],
    report: BuildReport,
    on_progress: Callable[[str, str], None] | None,
) -> None:
    """Extract ``todo`` in ``jobs`` forked workers, a few documents in flight, writing each as it arrives."""
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=pool_context(), initializer=_worker_init, initargs=(os.getpid(),)
    ) as pool:
        queue = iter(todo)
        pending: dict = {}

        def fill() -> None:  # keep every worker busy with one document queued behind it
            while len(pending) < 2 * jobs:
                f = next(queue, None)
                if f is None:
                    return
                pending[pool.submit(extract_to_ntriples, str(f))] = f

        fill()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            finished = [(fut, pending.pop(fut)) for fut in done]
            fill()  # before writing, so the workers extract while this process writes
            for fut, f in finished:
                try:
                    write(*fut.result())
                except ReadError as err:
                    report.errors.append(err)
                    if on_progress:
                        on_progress(f.name, "error")
