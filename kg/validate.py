"""SHACL validation of the built graph (pyshacl), so a mapping bug shows up as a named violation."""

from __future__ import annotations

from rdflib import Graph

from kg.store import KGStore


def union_graph(store: KGStore) -> Graph:
    g = Graph()
    for s, p, o, _ in store.quads():
        g.add((s, p, o))
    return g


def validate(store: KGStore) -> tuple[bool, str]:
    from pyshacl import validate as shacl

    from ontology import SHAPES

    shapes = Graph().parse(data=SHAPES.read_text(encoding="utf-8"), format="turtle")
    conforms, _, text = shacl(union_graph(store), shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), str(text)
