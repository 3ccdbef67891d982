"""A SPARQL 1.1 server as the store, when one machine is no longer enough.

rdflib's SPARQLUpdateStore speaks the SPARQL 1.1 Protocol, so the rest of the
code does not change. What differs between servers is where their endpoints
live, so ``--store URL`` is mapped to the query, update and graph-store
endpoints by the shape of the URL:

==================================  =======================  ==============================
URL given                           update endpoint          graph store (GSP)
==================================  =======================  ==============================
``http://host:7878`` (Oxigraph)     ``/update``              ``/store``
``…/query`` (Oxigraph, Fuseki)      sibling ``…/update``     ``/store`` (root) or ``…/data``
``…/update``                        itself (query: ``…/query``)
``…/sparql`` (Virtuoso, Blazegraph) the same URL             the same URL
``…/repositories/ID`` (RDF4J,       ``…/statements``         ``…/rdf-graphs/service``
GraphDB)
anything else (Fuseki ``/ds``)      the same URL             the same URL
==================================  =======================  ==============================

A layout not in the table is written ``QUERY_URL#update=UPDATE_URL``: the
fragment never reaches the server.

Every report lives in a named graph and some queries (stats, partners by year)
read the default graph, which must therefore be the union of the named graphs,
as it is in the embedded store. Virtuoso, GraphDB, RDF4J and Blazegraph (quads
mode) do that by default, Fuseki with ``tdb2:unionDefaultGraph true``; Oxigraph
is told so per request with its ``union-default-graph`` parameter.

rdflib hands back an HTTP error from a query as a bare tuple and from an update
as an exception without the server's message; :class:`RemoteStore` turns both
into a :class:`RemoteError` that says which endpoint failed and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit

from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from kg.store import StoreError


class RemoteError(StoreError):
    pass


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str
    graph_store: str  # SPARQL 1.1 Graph Store Protocol endpoint: `?graph=IRI`
    union_param: bool = False  # send Oxigraph's `union-default-graph` with every request


def endpoints(url: str) -> Endpoints:
    """Map a ``--store`` URL to the server's endpoints (see the table in the module docstring)."""
    parts = urlsplit(url)
    override = parts.fragment[len("update="):] if parts.fragment.startswith("update=") else None
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, parts.query, ""))

    if override:
        return Endpoints(at(path), override, at(path))
    if path == "":  # an Oxigraph server's root
        return Endpoints(at("/query"), at("/update"), at("/store"), union_param=True)
    head, _, last = path.rpartition("/")
    if last in ("query", "update"):
        oxigraph_root = head == ""
        return Endpoints(at(head + "/query"), at(head + "/update"),
                         at("/store") if oxigraph_root else at(head + "/data"), union_param=oxigraph_root)
    if head.endswith("/repositories"):
        return Endpoints(at(path), at(path + "/statements"), at(path + "/rdf-graphs/service"))
    return Endpoints(at(path), at(path), at(path))


class RemoteStore(SPARQLUpdateStore):
    """SPARQLUpdateStore that fails loudly, naming the endpoint and the server's answer."""

    def __init__(self, ends: Endpoints):
        params = {"union-default-graph": "true"} if ends.union_param else {}
        super().__init__(query_endpoint=ends.query, update_endpoint=ends.update, returnFormat="json",
                         method="POST", autocommit=True, context_aware=True, params=params)
        self.endpoints = ends

    def _query(self, *args, **kwargs):
        try:
            result = super()._query(*args, **kwargs)
        except URLError as exc:
            raise RemoteError(f"cannot reach SPARQL endpoint {self.query_endpoint}: {exc.reason}") from exc
        if isinstance(result, tuple):  # rdflib's way of reporting an HTTP error from a POSTed query
            raise RemoteError(f"SPARQL query endpoint {self.query_endpoint} answered {result[1]}")
        return result

    def _update(self, update):
        try:
            return super()._update(update)
        except HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()[:500]
            raise RemoteError(f"SPARQL update endpoint {self.update_endpoint} answered "
                              f"HTTP {exc.code}: {body or exc.reason}") from exc
        except URLError as exc:
            raise RemoteError(f"cannot reach SPARQL update endpoint {self.update_endpoint}: {exc.reason}") from exc


def remote_store(url: str) -> RemoteStore:
    return RemoteStore(endpoints(url))
