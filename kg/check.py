"""Where the reports contradict themselves or each other; every finding cites both passages.

Three checks, all as SPARQL over the stored graph:

* a value stated twice differently: one fact (one IRI) whose passages state
  different numbers or dates (`約 370 人` in one place, `約350人` in another);
  a less precise date (`2009-06`) does not contradict a precise one (`2009-06-01`);
* a cumulative MOU count that disagrees with the signings the same report lists
  up to that date;
* a stated streak of Tier 1 years that disagrees with the yearly tiers, or with
  another stated streak.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.store import KGStore, sparql_prefixes


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str
    detail: str
    doc_a: str
    evidence_a: str
    doc_b: str
    evidence_b: str


_NUMERIC = "xsd:integer xsd:decimal xsd:date xsd:gYearMonth xsd:gYear".split()


def value_conflicts(store: KGStore) -> list[Finding]:
    q = sparql_prefixes() + f"""
SELECT DISTINCT ?label ?p ?v1 ?v2 ?doc1 ?q1 ?doc2 ?q2 WHERE {{
  ?fact nia:primaryEvidence ?m1, ?m2 .
  FILTER(STR(?m1) < STR(?m2))
  ?m1 ?p ?v1 . ?m2 ?p ?v2 .
  FILTER(isLiteral(?v1) && isLiteral(?v2) && ?v1 != ?v2)
  FILTER(DATATYPE(?v1) IN ({", ".join(_NUMERIC)}) && DATATYPE(?v2) IN ({", ".join(_NUMERIC)}))
  FILTER(?p NOT IN (nia:startOffset, nia:endOffset))
  FILTER(!STRSTARTS(STR(?v1), STR(?v2)) && !STRSTARTS(STR(?v2), STR(?v1)))
  ?m1 nia:quote ?q1 ; nia:document/nia:fileName ?doc1 .
  ?m2 nia:quote ?q2 ; nia:document/nia:fileName ?doc2 .
  OPTIONAL {{ ?fact rdfs:label ?label }}
}} ORDER BY ?label ?p"""
    out = []
    for r in store.query(q):
        prop = str(r[1]).rsplit("#", 1)[-1]
        out.append(Finding("value_conflict", str(r[0] or ""), f"{prop}: {r[2]} vs {r[3]}",
                           str(r[4]), str(r[5]), str(r[6]), str(r[7])))
    return out


def count_conflicts(store: KGStore) -> list[Finding]:
    q = sparql_prefixes() + """
SELECT ?doc ?asOf ?count ?quote (COUNT(DISTINCT ?c) AS ?listed) (SAMPLE(?mq) AS ?sample) WHERE {
  GRAPH ?g {
    ?n a nia:MouCount ; nia:asOf ?asOf ; nia:count ?count ; nia:primaryEvidence ?nm .
    ?nm nia:quote ?quote ; nia:document/nia:fileName ?doc .
    OPTIONAL {
      ?mou a nia:MouSigning ; nia:partner ?c ; nia:year ?y ; nia:primaryEvidence/nia:quote ?mq .
      FILTER(?y <= xsd:integer(SUBSTR(STR(?asOf), 1, 4)))
    }
  }
} GROUP BY ?doc ?asOf ?count ?quote"""
    out = []
    for r in store.query(q):
        count, listed = int(r[2]), int(r[4])
        if listed and listed != count:
            out.append(Finding("count_vs_list", f"MOU count as of {r[1]}",
                               f"states {count} countries, lists {listed} signings up to then",
                               str(r[0]), str(r[3]), str(r[0]), str(r[5] or "")))
    return out


def streak_conflicts(store: KGStore) -> list[Finding]:
    p = sparql_prefixes()
    streaks = [
        (int(r[0]), int(r[1]), str(r[2]), str(r[3]))
        for r in store.query(p + """SELECT DISTINCT ?asOf ?n ?doc ?q WHERE {
            ?s a nia:TipStreak ; nia:asOf ?asOf ; nia:consecutiveYears ?n ; nia:primaryEvidence ?m .
            ?m nia:quote ?q ; nia:document/nia:fileName ?doc }""")
    ]
    tiers = [
        (int(r[0]), int(r[1]), str(r[2]), str(r[3]))
        for r in store.query(p + """SELECT DISTINCT ?year ?tier ?doc ?q WHERE {
            ?t a nia:TipTier ; nia:year ?year ; nia:primaryEvidence ?m .
            ?m nia:tier ?tier ; nia:quote ?q ; nia:document/nia:fileName ?doc }""")
    ]
    out = []
    for as_of, n, doc, quote in streaks:
        first = as_of - n + 1
        for year, tier, tdoc, tquote in tiers:
            if first <= year <= as_of and tier != 1:
                out.append(Finding("streak_vs_tier", f"Tier 1 streak to {as_of}",
                                   f"{n} years from {first}, but {year} was Tier {tier}", doc, quote, tdoc, tquote))
            if year == first - 1 and tier == 1:
                out.append(Finding("streak_vs_tier", f"Tier 1 streak to {as_of}",
                                   f"{n} years from {first}, but {year} was Tier 1 too", doc, quote, tdoc, tquote))
        for as_of2, n2, doc2, quote2 in streaks:
            first2 = as_of2 - n2 + 1
            if (as_of, n, doc) < (as_of2, n2, doc2) and first != first2:
                out.append(Finding("streak_vs_streak", "Tier 1 streak",
                                   f"{n} years to {as_of} starts {first}; {n2} years to {as_of2} starts {first2}",
                                   doc, quote, doc2, quote2))
    return out


def run_checks(store: KGStore) -> list[Finding]:
    return value_conflicts(store) + count_conflicts(store) + streak_conflicts(store)
