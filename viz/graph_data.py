"""The graph the browser draws, read from the store with SPARQL.

Two kinds of node: entities (the agency, countries, laws, programs,
organisations) and facts (MOU signings, law events, visits, budgets, ...).
A fact carries what a reader needs to trust it: its evidence sentence and the
report it comes from. Edges run from a fact to the entities it names, plus the
entity-to-entity links the mapping states (`nia:signedMouWith`) where no fact
already joins the two. Facts that name no entity (TIP tiers, most statistics)
stay unlinked rather than being tied to the agency by an invented edge.

Everything is asked of the store in a handful of SELECTs (no per-node
queries), so a remote endpoint works as well as the local Oxigraph folder.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field

from kg.iri import NIA

PREFIXES = """PREFIX nia: <https://w3id.org/nia-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

FACTS = PREFIXES + "SELECT DISTINCT ?f ?kind ?type WHERE { ?f nia:factKind ?kind ; a ?type }"
# Links from a fact to the things it names; provenance and SKOS concepts are shown in the panel instead.
LINKS = PREFIXES + """SELECT DISTINCT ?f ?p ?o WHERE {
  ?f nia:factKind ?kind ; ?p ?o .
  FILTER(isIRI(?o) && ?p NOT IN (rdf:type, nia:primaryEvidence, prov:wasDerivedFrom, nia:eventType))
}"""
# Typed things that are not facts; narrowed in Python to those a fact names, and the agency.
ENTITY_TYPES = PREFIXES + """SELECT DISTINCT ?e ?type WHERE {
  ?e a ?type . FILTER NOT EXISTS { ?e nia:factKind ?kind } FILTER(?type NOT IN (nia:Mention, nia:Document))
}"""
ENTITY_LINKS = PREFIXES + "SELECT DISTINCT ?s ?o WHERE { ?s nia:signedMouWith ?o }"
LABELS = PREFIXES + """SELECT DISTINCT ?s ?p ?l WHERE {
  VALUES ?p { rdfs:label skos:altLabel skos:notation }
  ?s ?p ?l . FILTER(STRSTARTS(STR(?s), "https://w3id.org/nia-kg/id/"))
}"""
EVIDENCE = PREFIXES + """SELECT DISTINCT ?f ?quote ?file ?title WHERE {
  ?f nia:factKind ?kind ; nia:primaryEvidence ?m .
  ?m nia:quote ?quote ; nia:document ?d .
  ?d nia:fileName ?file .
  OPTIONAL { ?d dct:title ?title }
}"""
# Stated values (dates, titles, amounts) for the side panel; labels and kinds are shown elsewhere.
DETAILS = PREFIXES + """SELECT DISTINCT ?f ?p ?o WHERE {
  ?f nia:factKind ?kind ; ?p ?o .
  FILTER(isLiteral(?o) && ?p NOT IN (rdfs:label, nia:factKind))
}"""
CONCEPTS = PREFIXES + """SELECT DISTINCT ?f ?label WHERE {
  ?f nia:eventType ?c . ?c skos:prefLabel ?label . FILTER(langMatches(lang(?label), "zh"))
}"""
YEAR_PROPS = ("year", "date", "fiscalYear", "asOf", "period")
ENTITY_CLASSES = ("Agency", "Country", "Law", "Program", "OrgUnit", "Organization")


def local(iri: str) -> str:
    """`https://w3id.org/nia-kg/ontology#MouSigning` -> `MouSigning`."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _year(value: str) -> int | None:
    m = re.match(r"^-?(\d{4})", value.strip())
    return int(m.group(1)) if m else None


@dataclass
class GraphData:
    """Nodes and edges as plain dicts, ready for JSON; positions are added by `viz.layout`."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)

    def index(self) -> dict[str, dict]:
        return {n["id"]: n for n in self.nodes}

    def neighbours(self) -> dict[str, set[str]]:
        adj: dict[str, set[str]] = defaultdict(set)
        for e in self.edges:
            adj[e["from"]].add(e["to"])
            adj[e["to"]].add(e["from"])
        return adj

    def to_json(self) -> dict:
        return {"nodes": self.nodes, "edges": self.edges}


def _rows(store, sparql: str):
    for row in store.query(sparql):
        yield [None if v is None else str(v) for v in row]


def _labels(store) -> dict[str, dict]:
    """IRI -> {"zh": ..., "en": ..., "alt": [...]}; zh-Hant wins, then untagged, then English."""
    out: dict[str, dict] = defaultdict(lambda: {"zh": None, "plain": None, "en": None, "alt": []})
    for row in store.query(LABELS):
        s, p, lit = str(row[0]), str(row[1]), row[2]
        text, lang = str(lit), (getattr(lit, "language", None) or "").lower()
        entry = out[s]
        if p.endswith("#label"):
            key = "zh" if lang.startswith("zh") else "en" if lang.startswith("en") else "plain"
            if entry[key] is None or len(text) < len(entry[key]):
                entry[key] = text
        if text not in entry["alt"]:
            entry["alt"].append(text)
    return out


def load(store) -> GraphData:
    """Every fact and every entity a fact names, with labels, years and evidence."""
    labels = _labels(store)
    facts: dict[str, dict] = {}
    types: dict[str, list[str]] = defaultdict(list)
    for f, kind, cls in _rows(store, FACTS):
        facts.setdefault(f, {"kind": kind})
        types[f].append(local(cls))

    links = [(f, p, o) for f, p, o in _rows(store, LINKS) if o not in facts]
    named = {o for _, _, o in links}
    entity_types: dict[str, list[str]] = defaultdict(list)
    for e, cls in _rows(store, ENTITY_TYPES):
        if e in named or cls == str(NIA.Agency):
            entity_types[e].append(local(cls))

    edges: set[tuple[str, str, str]] = set()
    by_fact: dict[str, set[str]] = defaultdict(set)
    for f, p, o in links:
        if o in entity_types:
            edges.add((f, o, local(p)))
            by_fact[f].add(o)
    # An entity link that a fact already spells out (agency -signedMouWith-> Palau, next to
    # the MOU fact naming both) would only add a shortcut that makes every hop reach everything.
    via_fact = {frozenset((a, b)) for ents in by_fact.values() for a in ents for b in ents if a != b}
    for s, o in _rows(store, ENTITY_LINKS):
        if s in entity_types and o in entity_types and frozenset((s, o)) not in via_fact:
            edges.add((s, o, "signedMouWith"))

    years: dict[str, int] = {}
    details: dict[str, list[list[str]]] = defaultdict(list)
    for f, p, o in _rows(store, DETAILS):
        name = local(p)
        details[f].append([name, o])
        y = _year(o) if name in YEAR_PROPS else None
        # nia:year first, then the date, the fiscal year, the as-of date.
        if y is not None:
            rank = YEAR_PROPS.index(name)
            best = years.get(f)
            if best is None or (rank, y) < best:
                years[f] = (rank, y)
    for f, label in _rows(store, CONCEPTS):
        details[f].append(["eventType", label])

    evidence: dict[str, list[dict]] = defaultdict(list)
    for f, quote, file, title in _rows(store, EVIDENCE):
        item = {"quote": quote, "doc": file, "title": title}
        if item not in evidence[f]:
            evidence[f].append(item)

    nodes = []
    for e, tys in sorted(entity_types.items()):
        nodes.append(_node(e, _entity_type(tys), labels.get(e), fact=False))
    for f, info in sorted(facts.items()):
        # An org-unit fact is also an nia:OrgUnit; its fact class is the one to colour it by.
        ty = sorted(types[f], key=lambda t: (t in ENTITY_CLASSES, t))[0]
        node = _node(f, ty, labels.get(f), fact=True)
        node.update(kind=info["kind"], year=years[f][1] if f in years else None,
                    evidence=evidence.get(f, []), details=sorted(details.get(f, [])))
        nodes.append(node)

    return GraphData(nodes, [{"from": a, "to": b, "label": p} for a, b, p in sorted(edges)])


def _entity_type(types: list[str]) -> str:
    for t in ENTITY_CLASSES:
        if t in types:
            return t
    return sorted(types)[0]


def _node(iri: str, type_: str, label: dict | None, *, fact: bool) -> dict:
    label = label or {"zh": None, "plain": None, "en": None, "alt": []}
    text = label["zh"] or label["plain"] or label["en"] or local(iri)
    return {
        "id": iri,
        "label": text,
        "en": label["en"],
        "alt": [a for a in label["alt"] if a != text],
        "type": type_,
        "fact": fact,
        "year": None,
    }


# -- narrowing ---------------------------------------------------------------------------------
def parse_years(text: str | None) -> tuple[int, int] | None:
    """`2016-2018`, `2017` or `2016-` -> inclusive bounds; None for no limit."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})?\s*(?:(-|–|\.\.)\s*(\d{4})?)?\s*", text)
    if not m or not (m.group(1) or m.group(3)):
        raise ValueError(f"years must look like 2016-2018, 2017 or 2016-, got {text!r}")
    lo = int(m.group(1)) if m.group(1) else -10_000
    hi = int(m.group(3)) if m.group(3) else (10_000 if m.group(2) else lo)
    if lo > hi:
        raise ValueError(f"years {text!r}: {lo} is after {hi}")
    return lo, hi


def find(data: GraphData, name: str) -> list[str]:
    """Node ids matching a name: the IRI, an exact label (zh, en, alias, ISO code), then a substring.

    Entities come before facts and shorter labels first, so `帛琉` is the country,
    not every fact that mentions it.
    """
    needle = name.strip().casefold()
    if not needle:
        return []

    def names(n):
        return [n["label"], n.get("en") or "", *n.get("alt", [])]

    order = lambda n: (n["fact"], len(n["label"]), n["id"])  # noqa: E731
    exact = [n for n in data.nodes if n["id"] == name or any(x.casefold() == needle for x in names(n))]
    if exact:
        return [n["id"] for n in sorted(exact, key=order)]
    part = [n for n in data.nodes if any(needle in x.casefold() for x in names(n))]
    return [n["id"] for n in sorted(part, key=order)]


def restrict(data: GraphData, *, focus: str | None = None, hops: int = 2,
             years: tuple[int, int] | None = None) -> GraphData:
    """Facts within `years` (undated facts drop out), then the `hops`-neighbourhood of `focus`.

    Entities stay only while a kept fact or a kept entity link reaches them.
    Raises LookupError when `focus` names nothing.
    """
    nodes = data.nodes
    if years:
        lo, hi = years
        keep_facts = {n["id"] for n in nodes if n["fact"] and n["year"] is not None and lo <= n["year"] <= hi}
        reached = {e[k] for e in data.edges for k in ("from", "to") if e["from"] in keep_facts or e["to"] in keep_facts}
        keep = keep_facts | {n["id"] for n in nodes if not n["fact"] and n["id"] in reached}
        data = _subgraph(data, keep)
    if focus:
        start = find(data, focus)
        if not start:
            raise LookupError(f"no node named {focus!r}")
        adj = data.neighbours()
        seen = {start[0]: 0}
        queue = deque([start[0]])
        while queue:
            cur = queue.popleft()
            if seen[cur] >= hops:
                continue
            for nxt in sorted(adj.get(cur, ())):
                if nxt not in seen:
                    seen[nxt] = seen[cur] + 1
                    queue.append(nxt)
        data = _subgraph(data, set(seen))
    return data


def _subgraph(data: GraphData, keep: set[str]) -> GraphData:
    """A copy: the layout writes positions into nodes, and the full graph may be cached."""
    return GraphData(
        [dict(n) for n in data.nodes if n["id"] in keep],
        [e for e in data.edges if e["from"] in keep and e["to"] in keep],
    )


def build(store, *, focus: str | None = None, hops: int = 2, years: tuple[int, int] | None = None) -> GraphData:
    """Load, narrow and lay out: what `kg viz` and the server's `/` draw."""
    from viz.layout import layout

    data = restrict(load(store), focus=focus, hops=hops, years=years)
    layout(data)
    return data
