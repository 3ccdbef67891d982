"""A SPARQL 1.1 server as the store, when one machine is no longer enough.

rdflib's SPARQLUpdateStore speaks the SPARQL 1.1 Protocol, so the rest of the
code does not change. Servers name their endpoints differently: a URL ending in
`/query` or `/sparql` is paired with the matching `/update`; any other URL is
used for both queries and updates (as SPARQL 1.1 allows).
"""

from __future__ import annotations

from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore


def endpoints(url: str) -> tuple[str, str]:
    base = url.rstrip("/")
    if base.endswith("/query"):
        return base, base[: -len("/query")] + "/update"
    if base.endswith("/sparql"):
        return base, base  # one endpoint for both (Virtuoso, GraphDB, Blazegraph)
    return base, base


def remote_store(url: str) -> SPARQLUpdateStore:
    query, update = endpoints(url)
    store = SPARQLUpdateStore(query_endpoint=query, update_endpoint=update, returnFormat="json", method="POST",
                              autocommit=True, context_aware=True)
    return store
