"""oxrdflib's Oxigraph store, with each distinct result term made into an rdflib term once.

Through rdflib's API a SELECT result is a row of rdflib terms, and oxrdflib
builds a fresh one for every cell. A typed literal costs the most: rdflib
parses its lexical form into a Python value (a Decimal, a date) each time. A
listing repeats the same documents, years, units and types on row after row,
so at a million triples that conversion took longer than Oxigraph's own
evaluation of the query. Here a query's cells go through a table of the terms
already converted; the rows are the same rdflib terms as before.
"""

from __future__ import annotations

from typing import Any, Mapping

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result


class _Terms(dict):
    """Oxigraph term -> rdflib term, converted on first sight."""

    def __missing__(self, term):
        if isinstance(term, ox.NamedNode):
            out = URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            out = BNode(term.value)
        elif isinstance(term, ox.Literal):
            if term.language:
                out = Literal(term.value, lang=term.language)
            else:
                out = Literal(term.value, datatype=URIRef(term.datatype.value))
        elif isinstance(term, ox.Triple):
            out = (self[term.subject], self[term.predicate], self[term.object])
        else:
            raise ValueError(f"unexpected Oxigraph term: {term!r}")
        self[term] = out
        return out


class ConvertOnceOxigraphStore(OxigraphStore):
    """Same answers as :class:`oxrdflib.OxigraphStore`, cheaper rows."""

    def query(self, query: Any, initNs: Mapping[str, Any], initBindings: Mapping[str, Any],  # noqa: N803
              queryGraph: Any, **kwargs: object) -> Result:
        if not isinstance(query, str) or initBindings or kwargs or queryGraph != "__UNION__":
            return super().query(query, initNs, initBindings, queryGraph, **kwargs)
        answer = self._inner.query(
            query, use_default_graph_as_union=True, prefixes=dict(self._namespace_for_prefix, **initNs)
        )
        terms = _Terms()
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in answer.variables]
            out.bindings = (
                {name: terms[value] for name, value in zip(out.vars, row) if value is not None} for row in answer
            )
        else:
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += (terms[t] for t in answer)
        return out
