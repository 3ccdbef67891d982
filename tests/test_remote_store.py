"""`--store URL`: the same build and queries against a real SPARQL 1.1 server on 127.0.0.1.

The server is Oxigraph's own (the `oxigraph` package on PyPI ships its binary),
started by the test on a free local port with an on-disk location, so the test
exercises the real protocol: queries, updates, and the Graph Store Protocol,
which the test uses to read each document graph back independently of kg.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from kg import iri
from kg.bench.corpus import variant
from kg.build import extract_to_ntriples
from kg.cli import app
from kg.remote import endpoints
from queries import bundled

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.is_file() else shutil.which("oxigraph")


@pytest.fixture()
def server(tmp_path):
    """An Oxigraph server on a free loopback port; yields its root URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server-data"),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph server exited: {proc.stderr.read().decode(errors='replace')}")
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph server did not start within 10 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def _plain(term):
    """RDF 1.1 makes `"x"` and `"x"^^xsd:string` one literal; rdflib keeps them apart."""
    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD_STRING else term


def fetch_graph(url: str, graph: str) -> frozenset:
    """One named graph read with the Graph Store Protocol, not through kg."""
    from urllib.parse import quote

    request = urllib.request.Request(f"{endpoints(url).graph_store}?graph={quote(graph, safe='')}",
                                     headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read().decode("utf-8")
    return frozenset(tuple(map(_plain, t)) for t in Graph().parse(data=data, format="nt"))


def clean_graph(path: Path) -> frozenset:
    _, nt, _ = extract_to_ntriples(str(path))
    return frozenset(tuple(map(_plain, t)) for t in Graph().parse(data=nt, format="nt"))


def rows(store: str, query: str) -> list[str]:
    result = cli("query", query, "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    return sorted(result.stdout.splitlines())


def test_build_query_and_rebuild_one_document_on_a_sparql_server(server, built_store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    files = [Path(shutil.copy(p, folder)) for p in sorted(REPORTS.glob("*.txt"))]

    first = cli("build", str(folder), "--store", server)
    assert first.exit_code == 0, first.output
    assert f"built {len(files)} document(s)" in first.stderr

    # Every bundled query answers on the server as on the embedded store, the
    # ones reading the default graph (the union of the reports) included.
    for name in sorted(bundled()):
        assert rows(server, name) == rows(str(built_store), name), name

    graphs = [str(iri.doc_graph(f.name)) for f in files]
    before = {g: fetch_graph(server, g) for g in graphs}
    assert all(before.values())

    changed = files[2]
    changed.chmod(0o644)
    changed.write_text(variant(changed.read_text(encoding="utf-8"), 3), encoding="utf-8")
    again = cli("build", str(folder), "--store", server, "--jobs", "2")
    assert again.exit_code == 0, again.output
    assert "built 1 document(s)" in again.stderr and f"{len(files) - 1} unchanged" in again.stderr

    key = str(iri.doc_graph(changed.name))
    after = {g: fetch_graph(server, g) for g in graphs}
    for g in graphs:
        if g != key:
            assert after[g] == before[g], f"{g} changed although its report did not"
    assert after[key] != before[key]
    assert after[key] == clean_graph(changed)


@pytest.mark.parametrize("path", ["", "/", "/query", "/update"])
def test_every_spelling_of_an_oxigraph_url_reaches_its_endpoints(server, path):
    result = cli("stats", "--store", server + path)
    assert result.exit_code == 0, result.output


def test_a_wrong_endpoint_is_a_clear_error(server):
    result = cli("stats", "--store", server + "/no-such-endpoint")
    assert result.exit_code == 2
    assert "no-such-endpoint" in result.output and "404" in result.output
