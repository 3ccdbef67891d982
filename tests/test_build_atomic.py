"""Incremental and parallel builds replace one document's graph at a time, and a killed build loses nothing.

Each report lives in its own named graph, swapped by one update that the store
applies as a transaction. These tests check the promises that follow: a
changed report replaces its own graph and no other, `--jobs N` stores exactly
what a serial build stores, and a build killed with SIGKILL leaves every stored
report whole (old or new, never half) in a store that opens and answers.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg import iri
from kg.bench.corpus import sources, variant
from kg.build import build, extract_to_ntriples
from kg.query import run
from kg.store import KGStore

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _plain(term):
    """RDF 1.1 makes `"x"` and `"x"^^xsd:string` one literal; rdflib keeps them apart, the store does not."""
    if isinstance(term, Literal) and term.datatype == XSD_STRING:
        return Literal(str(term))
    return term


def _triples(graph) -> frozenset:
    return frozenset(tuple(map(_plain, t)) for t in graph)


def graphs_of(store: KGStore) -> dict[str, frozenset]:
    """Every document graph's triples, by graph IRI."""
    return {g: _triples(store.dataset.graph(URIRef(g))) for g in store.named_graphs() if g != str(iri.ONTOLOGY_GRAPH)}


def clean_graph(path: Path) -> frozenset:
    """What a clean build stores for one file, extracted in this process."""
    _, nt, _ = extract_to_ntriples(str(path))
    return _triples(Graph().parse(data=nt, format="nt"))


def copy_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(p, folder)) for p in sorted(REPORTS.glob("*.txt"))]


def test_a_changed_document_replaces_only_its_own_graph(tmp_path):
    files = copy_reports(tmp_path / "in")
    with KGStore(tmp_path / "kg") as store:
        build([tmp_path / "in"], store, jobs=2)
        before = graphs_of(store)
    changed = files[1]
    changed.chmod(0o644)
    changed.write_text(variant(changed.read_text(encoding="utf-8"), 7), encoding="utf-8")

    with KGStore(tmp_path / "kg") as store:
        report = build([tmp_path / "in"], store, jobs=2)
        after = graphs_of(store)

    assert report.built == [changed.name]
    assert sorted(report.skipped) == sorted(f.name for f in files if f != changed)
    key = str(iri.doc_graph(changed.name))
    assert after.keys() == before.keys()
    for g in before:
        if g != key:
            assert after[g] == before[g], f"{g} changed although its report did not"
    assert after[key] != before[key]
    assert after[key] == clean_graph(changed)  # wholly the new version, nothing left of the old


def test_parallel_and_serial_builds_store_the_same_graphs(tmp_path):
    with KGStore(tmp_path / "serial") as serial, KGStore(tmp_path / "parallel") as parallel:
        build([REPORTS], serial, jobs=1)
        build([REPORTS], parallel, jobs=2)
        assert graphs_of(serial) == graphs_of(parallel)
        assert len(graphs_of(serial)) == len(list(REPORTS.glob("*.txt")))


def _stored_graphs(location: Path) -> int:
    """Documents committed so far, seen through a read-only handle while the build writes."""
    import pyoxigraph as ox

    try:
        return sum(1 for _ in ox.Store.read_only(str(location)).named_graphs())
    except OSError:  # not created yet
        return 0
    except RuntimeError as exc:
        # A read-only handle opened while the writer compacts can find a table file
        # that compaction has just deleted; the writer's own view is intact (checked
        # after the kill), and the next poll reads again.
        if "No such file" in str(exc):
            return 0
        raise


def _processes_using(marker: str) -> list[int]:
    """Live processes whose command line names ``marker`` (the build and its workers)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmd and state != "Z":
            found.append(int(pid))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="watches the build's processes through /proc")
def test_a_killed_build_leaves_every_stored_document_whole(tmp_path):
    # The store as it was: the bundled reports, built cleanly.
    corpus = tmp_path / "corpus"
    originals = copy_reports(corpus)
    store_dir = tmp_path / "kg"
    with KGStore(store_dir) as store:
        build([corpus], store)
        old = graphs_of(store)

    # A new version of every report plus enough new ones that the build is killed midway.
    for path in originals:
        path.chmod(0o644)
        path.write_text(variant(path.read_text(encoding="utf-8"), 1), encoding="utf-8")
    more = corpus / "more"
    more.mkdir()
    for index in range(2, 8):
        for source in sources():
            (more / f"{index}_{source.name}.txt").write_text(variant(source.text, index), encoding="utf-8")

    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(store_dir), "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    start_graphs = len(old) + 1  # the reports and the ontology
    deadline = time.monotonic() + 240
    try:
        # Wait until some new report has been committed, then kill the build mid-run.
        seen_new = False
        while time.monotonic() < deadline and proc.poll() is None:
            if _stored_graphs(store_dir) > start_graphs:
                seen_new = True
                break
            time.sleep(0.2)
        assert seen_new, "the build stored no new report before the deadline"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # No worker outlives the killed build.
    for _ in range(50):
        if not _processes_using(str(store_dir)):
            break
        time.sleep(0.1)
    assert not _processes_using(str(store_dir)), "orphaned build workers"

    with KGStore(store_dir) as store:
        stored = graphs_of(store)
        new_docs = [g for g in stored if g not in old]
        assert new_docs, "nothing was built before the kill"
        assert len(stored) < len(originals) + 6 * len(sources()), "the build finished before the kill"
        by_graph = {str(iri.doc_graph(p.name)): p for p in corpus.rglob("*.txt")}
        for g, triples in stored.items():
            if g in old:  # a report being replaced: the old version or the new one, never a mix
                assert triples == old[g] or triples == clean_graph(by_graph[g]), f"{g} is half replaced"
            else:
                assert triples == clean_graph(by_graph[g]), f"{g} is incomplete"
        names, rows, _ = run(store, "law_events")
        assert rows and "doc" in names

    # The next build finishes the job from where the killed one stopped.
    with KGStore(store_dir) as store:
        report = build([corpus], store, jobs=2)
        assert len(report.skipped) >= len(new_docs)
        assert len(graphs_of(store)) == len(originals) + 6 * len(sources())
