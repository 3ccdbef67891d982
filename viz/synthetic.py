"""Synthetic graphs shaped like the real one, to time layout and drawing at sizes the corpus lacks.

About one node in five is an entity (the agency, countries, laws, programs,
organisations), the rest are facts naming one or two of them, with years,
evidence sentences and source reports like the real data.
"""

from __future__ import annotations

import random

from viz.graph_data import GraphData

BASE = "https://w3id.org/nia-kg/id/"
AGENCY = BASE + "org/nia"
FACT_KINDS = [
    ("MouSigning", "mou", "partner", "Country"),
    ("Visit", "visit", "country", "Country"),
    ("LawEvent", "law_event", "law", "Law"),
    ("ProgramBudget", "program_budget", "program", "Program"),
    ("Grant", "grant", "grantee", "Organization"),
    ("Kpi", "kpi", None, None),
]


def synthetic(n: int, seed: int = 1) -> GraphData:
    rng = random.Random(seed)
    n_entities = max(5, n // 5)
    pools: dict[str, list[str]] = {"Country": [], "Law": [], "Program": [], "Organization": []}
    nodes = [{"id": AGENCY, "label": "內政部移民署", "en": "National Immigration Agency", "alt": [],
              "type": "Agency", "fact": False, "year": None}]
    kinds = list(pools)
    for i in range(n_entities - 1):
        t = kinds[i % len(kinds)]
        iri = f"{BASE}{t.lower()}/{i}"
        pools[t].append(iri)
        nodes.append({"id": iri, "label": f"{t} {i}", "en": None, "alt": [], "type": t, "fact": False, "year": None})
    edges = []
    for i in range(n - len(nodes)):
        cls, kind, pred, target = FACT_KINDS[rng.randrange(len(FACT_KINDS))]
        iri = f"{BASE}fact/{i}"
        year = rng.randint(2005, 2023)
        nodes.append({
            "id": iri, "label": f"{cls} {i} {year}", "en": None, "alt": [], "type": cls, "fact": True,
            "year": year, "kind": kind,
            "evidence": [{"quote": f"{year} 年第 {i} 項事實的證據句。", "doc": f"report_{i % 40:03d}.txt", "title": None}],
            "details": [["year", str(year)]],
        })
        if target:
            # A skewed choice, as in real data: a few entities name many facts.
            pool = pools[target]
            edges.append({"from": iri, "to": pool[int(len(pool) * rng.random() ** 2)], "label": pred})
        if kind in {"mou", "grant"}:
            edges.append({"from": iri, "to": AGENCY, "label": "signatory" if kind == "mou" else "grantor"})
    return GraphData(nodes, edges)
