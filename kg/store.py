"""The triple store behind rdflib's API: embedded on-disk Oxigraph by default, any SPARQL 1.1 server by URL.

Oxigraph answers SPARQL far faster than rdflib's in-memory store and keeps the
graph on disk between runs; oxrdflib lets the rest of the code speak rdflib.
Each report lives in its own named graph and is replaced by one SPARQL update,
which Oxigraph applies as a single transaction: a build killed midway leaves
the previous version of that report, never half of the new one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.iri import NIA

DEFAULT_STORE = "kg-store"
# Oxigraph keeps what it has written in memory until it flushes: a long build
# would grow by megabytes per report. Flushing every so many triples keeps the
# build's memory flat, and is no slower than one flush at the end.
FLUSH_EVERY_TRIPLES = 40_000


def default_location() -> str:
    return os.environ.get("KG_STORE", DEFAULT_STORE)


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


class StoreError(Exception):
    pass


class KGStore:
    """One knowledge-graph store: a folder (Oxigraph) or a SPARQL endpoint URL."""

    def __init__(self, location: str | Path | None = None, *, read_only: bool = False, create: bool = True):
        self.location = str(location or default_location())
        self.read_only = read_only
        if is_remote(self.location):
            from kg.remote import remote_store

            self._store = remote_store(self.location)
            self._ox = None
        else:
            import pyoxigraph as ox

            from kg.oxstore import ConvertOnceOxigraphStore

            path = Path(self.location)
            if not path.exists() and (read_only or not create):
                raise StoreError(f"no store at {path} (run `kg build` first)")
            try:
                inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            except OSError as exc:
                raise StoreError(f"cannot open store {path}: {exc}") from exc
            self._ox = inner
            self._store = ConvertOnceOxigraphStore(store=inner)
        self.dataset = Dataset(store=self._store, default_union=True)
        self._written_since_flush = 0
        if self._ox is None:
            self.query("ASK {}")  # a wrong URL or a server that is down fails here, as a StoreError

    # -- reading ---------------------------------------------------------------------------
    def query(self, sparql: str, **kwargs) -> Result:
        return self.dataset.query(sparql, **kwargs)

    def graph_hashes(self) -> dict[str, str]:
        """File name -> SHA-256 of every report stored, to skip unchanged ones."""
        rows = self.query(
            "SELECT ?name ?sha WHERE { GRAPH ?g { ?d a <%s> ; <%s> ?name ; <%s> ?sha } }"
            % (NIA.Document, NIA.fileName, NIA.sha256)
        )
        return {str(r[0]): str(r[1]) for r in rows}

    def named_graphs(self) -> list[str]:
        if self._ox is not None:
            return sorted(g.value for g in self._ox.named_graphs())
        return sorted(str(r[0]) for r in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def __len__(self) -> int:
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))[0])

    # -- writing ---------------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, content: Graph | str) -> None:
        """Swap one named graph's content in a single atomic update."""
        if self.read_only:
            raise StoreError("store opened read-only")
        nt = content if isinstance(content, str) else content.serialize(format="nt")
        if self._ox is not None:
            import pyoxigraph as ox

            name = ox.NamedNode(str(graph))
            if not self._ox.contains_named_graph(name):
                # A new graph needs no drop, and a load is one transaction too:
                # Oxigraph's N-Triples parser is about twice as fast as SPARQL's.
                self._ox.load(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=name)
            else:
                self._ox.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{nt}\n}} }}")
            self._written_since_flush += nt.count("\n")
            if self._written_since_flush >= FLUSH_EVERY_TRIPLES:
                self.flush()
            return
        self.dataset.update(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{nt}\n}} }}")

    def drop_graph(self, graph: URIRef) -> None:
        update = f"DROP SILENT GRAPH <{graph}>"
        if self._ox is not None:
            self._ox.update(update)
        else:
            self.dataset.update(update)

    # -- export ----------------------------------------------------------------------------
    def quads(self) -> Iterator[tuple]:
        yield from self.dataset.quads((None, None, None, None))

    def dump(self, fmt: str, out) -> None:
        """Write the whole store; TriG and N-Quads keep the named graphs."""
        if self._ox is not None and fmt in {"trig", "nquads"}:
            import pyoxigraph as ox

            self._ox.dump(out, ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
            return
        if fmt in {"trig", "nquads"}:
            out.write(self.dataset.serialize(format=fmt).encode("utf-8"))
            return
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in self.quads():
            union.add((s, p, o))
        if fmt == "jsonld":
            data = union.serialize(format="json-ld", context=jsonld_context(), indent=2)
        else:
            data = union.serialize(format="turtle")
        out.write(data.encode("utf-8"))

    def flush(self) -> None:
        if self._ox is not None and not self.read_only:
            self._ox.flush()
        self._written_since_flush = 0

    def close(self) -> None:
        """Release the store: Oxigraph holds a lock on its folder while any reference lives.

        The references are dropped here, not left to the garbage collector:
        rdflib's objects around the store form cycles, and a full collection
        walks the whole heap (spaCy, jieba's dictionary), or skips them if
        they were frozen (:func:`kg.build.load_pipeline`).
        """
        if self._store is None:
            return
        self.flush()
        if self._ox is not None:
            self._store.close()  # oxrdflib lets go of its Oxigraph store
        self.dataset = None
        self._ox = None
        self._store = None

    def __enter__(self) -> "KGStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


PREFIXES = {
    "nia": str(NIA),
    "id": "https://w3id.org/nia-kg/id/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dct": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def bind_prefixes(graph: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)


def jsonld_context() -> dict:
    return dict(PREFIXES)


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
