"""What the graph holds, in numbers: documents, triples, entities per class, facts per kind."""

from __future__ import annotations

from kg.store import KGStore, sparql_prefixes


def collect(store: KGStore) -> list[tuple[str, str, int]]:
    p = sparql_prefixes()
    rows: list[tuple[str, str, int]] = []
    docs = store.query(p + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a nia:Document }")
    rows.append(("documents", "", int(next(iter(docs))[0])))
    rows.append(("triples", "all named graphs", len(store)))
    for r in store.query(p + """SELECT ?name (COUNT(DISTINCT ?x) AS ?n) WHERE {
            VALUES ?cls { nia:Country nia:Law nia:Program nia:Agency nia:OrgUnit nia:Mention }
            ?x a ?cls . BIND(STRAFTER(STR(?cls), "#") AS ?name) } GROUP BY ?name ORDER BY ?name"""):
        rows.append(("entities", str(r[0]), int(r[1])))
    for r in store.query(p + """SELECT ?kind (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f nia:factKind ?kind }
            GROUP BY ?kind ORDER BY ?kind"""):
        rows.append(("facts", str(r[0]), int(r[1])))
    return rows
