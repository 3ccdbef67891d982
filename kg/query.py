"""Run a bundled query, a `.rq` file or SPARQL text, and write its rows for people or scripts."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.query import Result

from queries import bundled
from kg.store import KGStore


class QueryError(Exception):
    pass


def resolve(query: str) -> tuple[str, str]:
    """(label, SPARQL text) for a bundled name, a path to a `.rq` file, or SPARQL text itself."""
    known = bundled()
    if query in known:
        return query, known[query]
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"no such query file: {query}")
        return path.stem, path.read_text(encoding="utf-8")
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I):
        return "query", query
    raise QueryError(f"unknown query {query!r}; bundled queries: {', '.join(sorted(known))}")


def apply_params(sparql: str, params: dict[str, str]) -> str:
    """Set a query parameter, or narrow a query to rows where ``?NAME`` equals VALUE.

    A query that declares ``BIND(default AS ?NAME)`` takes VALUE in its place
    (`--param year=2018`); otherwise rows are kept where ``?NAME`` equals VALUE
    (`--param law=入出國及移民法`).

    Compared as strings, so a plain value matches language-tagged and typed
    literals alike; a value that is an http(s) IRI is compared as an IRI.
    """
    if not params:
        return sparql
    filters = []
    for name, value in params.items():
        declared = re.compile(rf"(BIND\(\s*)(\S.*?)(\s+AS\s+\?{re.escape(name)}\s*\))", re.I)
        if declared.search(sparql):  # a query parameter with a default value: replace every default
            # (a query may declare it in several groups, since a group sees only its own bindings)
            term = value if re.fullmatch(r"-?\d+(?:\.\d+)?", value) else json.dumps(value, ensure_ascii=False)
            sparql = declared.sub(lambda m: m.group(1) + term + m.group(3), sparql)
            continue
        if re.match(r"^https?://", value):
            filters.append(f"FILTER(?{name} = <{value}>)")
        else:
            filters.append(f"FILTER(STR(?{name}) = {json.dumps(value, ensure_ascii=False)})")
    close = sparql.rfind("}")
    if close < 0:
        raise QueryError("cannot apply --param: the query has no WHERE block")
    return sparql[:close] + "  " + "\n  ".join(filters) + "\n" + sparql[close:]


def cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, URIRef):
        return str(term)
    return str(term)


def run(store: KGStore, query: str, params: dict[str, str] | None = None) -> tuple[list[str], list[list[str]], Result]:
    label, sparql = resolve(query)
    sparql = apply_params(sparql, params or {})
    try:
        result = store.query(sparql)
    except Exception as exc:  # the SPARQL engine's own message is the useful part
        raise QueryError(f"{label}: {exc}") from exc
    if result.type != "SELECT":
        return [], [], result
    names = [str(v) for v in result.vars]
    rows = [[cell(row[i]) for i in range(len(names))] for row in result]
    return names, rows, result


def to_csv(names: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buf.getvalue()


def to_json(names: list[str], rows: list[list[str]]) -> str:
    return json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=2)
