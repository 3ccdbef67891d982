"""Query results through rdflib's API: the store converts each distinct term once, and the rows are what oxrdflib gives."""

import pyoxigraph as ox
import pytest
from oxrdflib import OxigraphStore
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from kg.oxstore import ConvertOnceOxigraphStore
from kg.store import KGStore
from queries import bundled


@pytest.fixture(scope="module")
def both(built_store):
    inner = ox.Store.read_only(str(built_store))
    plain = Dataset(store=OxigraphStore(store=inner), default_union=True)
    once = Dataset(store=ConvertOnceOxigraphStore(store=inner), default_union=True)
    return plain, once


@pytest.mark.parametrize("name", sorted(bundled()))
def test_every_bundled_query_gives_the_same_rows_as_oxrdflib(both, name):
    plain, once = both
    sparql = bundled()[name]
    expected = [tuple(row) for row in plain.query(sparql)]
    got = [tuple(row) for row in once.query(sparql)]
    assert got == expected
    assert got, f"{name} answered nothing on the bundled corpus"


def test_rows_are_rdflib_terms_with_python_values(both):
    _, once = both
    row = next(iter(once.query(
        "SELECT ?y ?d WHERE { GRAPH ?g { ?m <https://w3id.org/nia-kg/ontology#year> ?y ; "
        "<https://w3id.org/nia-kg/ontology#document> ?d } } LIMIT 1")))
    assert isinstance(row.y, Literal) and row.y.datatype == XSD.integer and isinstance(row.y.toPython(), int)
    assert isinstance(row.d, URIRef)


def test_unbound_cells_are_none_and_ask_and_construct_still_work(both):
    _, once = both
    row = next(iter(once.query("SELECT ?a ?b WHERE { BIND(1 AS ?a) }")))
    assert row.a == Literal(1) and row.b is None
    assert once.query("ASK { GRAPH ?g { ?s ?p ?o } }").askAnswer is True
    graph = once.query(
        "CONSTRUCT { ?s a ?c } WHERE { GRAPH ?g { ?s a ?c } } LIMIT 5").graph
    assert len(graph) == 5


def test_the_default_store_uses_it(built_store):
    with KGStore(built_store, read_only=True) as store:
        assert isinstance(store.dataset.store, ConvertOnceOxigraphStore)
