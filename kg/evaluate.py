"""Score the stored facts against hand-checked gold facts: precision, recall, F1 per kind.

Scoring follows the gold files' own rules: strict on values, lenient on wording.
An MOU matches by country and year; a law event by law name (close match),
event code and date; an event by start date and a close name; a budget by
program and fiscal year with the exact amount; a KPI by indicator and year with
the exact target; a statistic by value and year. Only the documents and kinds a
gold file covers are scored, so a partial gold file measures what it checks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from kg.mapping import SPECS
from kg.store import KGStore

# Fields that are links in the graph rather than literals on the fact node.
_LINKED = {
    "mou": {"country_iso2": "nia:partner/skos:notation"},
    "law_event": {"law_zh": "nia:law/rdfs:label", "event": "nia:eventType/skos:notation"},
    "visit": {"country_iso2": "nia:country/skos:notation"},
}


def _norm(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s「」『』()（）]", "", text)


def close(a, b, threshold: float = 0.6) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return a == b
    return a in b or b in a or SequenceMatcher(None, a, b).ratio() >= threshold


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return _norm(a) == _norm(b)


def _year(value) -> str | None:
    return str(value)[:4] if value not in (None, "") else None


MATCHERS: dict[str, Callable[[dict, dict], bool]] = {
    "mou": lambda g, p: _same(g["country_iso2"], p.get("country_iso2")) and _same(g["year"], p.get("year")),
    "mou_count": lambda g, p: _same(g["as_of"], p.get("as_of")) and _same(g["count"], p.get("count")),
    "law_event": lambda g, p: close(g["law_zh"], p.get("law_zh")) and g["event"] == p.get("event") and _same(g.get("date"), p.get("date")),
    "event": lambda g, p: _same(g.get("start"), p.get("start")) and close(g["name_zh"], p.get("name_zh")),
    "visit": lambda g, p: _same(g.get("date"), p.get("date")) and close(g["visitor_zh"], p.get("visitor_zh")),
    "program_budget": lambda g, p: close(g["program_zh"], p.get("program_zh")) and _same(g.get("fiscal_year"), p.get("fiscal_year")) and _same(g.get("budget_twd"), p.get("budget_twd")),
    "kpi": lambda g, p: close(g["indicator_zh"], p.get("indicator_zh")) and _same(g.get("year"), p.get("year")) and _same(g.get("target"), p.get("target")),
    "tip_tier": lambda g, p: _same(g["year"], p.get("year")) and _same(g["tier"], p.get("tier")),
    "tip_streak": lambda g, p: _same(g["as_of"], p.get("as_of")) and _same(g["consecutive_years"], p.get("consecutive_years")),
    "grant": lambda g, p: _same(g.get("date"), p.get("date")) and close(g["grantee_zh"], p.get("grantee_zh")),
    "org_unit": lambda g, p: close(g["unit_zh"], p.get("unit_zh"), 0.8),
    "org_history": lambda g, p: close(g["subject_zh"], p.get("subject_zh")) and g["event"] == p.get("event") and _same(g.get("date"), p.get("date")),
    "statistic": lambda g, p: _same(g["value"], p.get("value")) and _year(g.get("as_of")) == _year(p.get("as_of")),
}


@dataclass
class Score:
    kind: str
    doc: str
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path | str) -> list[dict]:
    """Records of one JSON Lines file, or of every ``*.jsonl`` under a directory.

    A directory lets the shared gold and the team's own hand-checked files for
    other kinds be scored together without merging them into one file.
    """
    path = Path(path)
    if path.is_dir():
        return [r for f in sorted(path.rglob("*.jsonl")) for r in load_gold(f)]
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return out


def _kind_query(kind: str) -> tuple[str, list[str]]:
    from kg.store import sparql_prefixes

    spec = SPECS[kind]
    fields = list(spec.fields)
    linked = _LINKED.get(kind, {})
    names = ["doc", *fields, *linked]
    opt = [f"OPTIONAL {{ ?fact <{pred}> ?{name} }}" for name, (pred, _) in spec.fields.items()]
    # A link may end in the ontology's own graph (law-event types and their notation),
    # so links are read from the union of the graphs, not from the report's graph only.
    links = "\n  ".join(f"OPTIONAL {{ ?fact {path} ?{name} }}" for name, path in linked.items())
    body = "\n      ".join(opt)
    sparql = f"""{sparql_prefixes()}
SELECT ?fact {' '.join('?' + n for n in names)} WHERE {{
  GRAPH ?g {{
    ?fact nia:factKind "{kind}" ; nia:primaryEvidence/nia:document/nia:fileName ?doc .
      {body}
  }}
  {links}
}}"""
    return sparql, names


def predictions(store: KGStore, kind: str) -> list[dict]:
    """The facts of one kind in the store, one record per fact and document, gold field names."""
    sparql, names = _kind_query(kind)
    records: dict[tuple, dict] = {}
    for row in store.query(sparql):
        key = (str(row[0]), str(row[1]))
        rec = records.setdefault(key, {})
        for i, name in enumerate(names, start=1):
            value = row[i]
            if value is not None and name not in rec:
                rec[name] = value.toPython() if hasattr(value, "toPython") else str(value)
                if not isinstance(rec[name], (int, float, str)) or hasattr(rec[name], "isoformat"):
                    rec[name] = str(value)
    return list(records.values())


def evaluate(store: KGStore, gold: list[dict]) -> list[Score]:
    """One score per (kind, document) the gold covers, plus an ``ALL`` row per kind."""
    scores = []
    by_kind: dict[str, list[dict]] = {}
    for g in gold:
        by_kind.setdefault(g["kind"], []).append(g)
    for kind, golds in sorted(by_kind.items()):
        if kind not in MATCHERS:
            continue
        docs = sorted({g["doc"] for g in golds})
        preds = [p for p in predictions(store, kind) if p.get("doc") in docs]
        total = Score(kind, "ALL", 0, 0, 0)
        for doc in docs:
            g_doc = [g for g in golds if g["doc"] == doc]
            p_doc = [p for p in preds if p["doc"] == doc]
            used: set[int] = set()
            matched = 0
            for g in g_doc:
                for i, p in enumerate(p_doc):
                    if i not in used and MATCHERS[kind](g, p):
                        used.add(i)
                        matched += 1
                        break
            s = Score(kind, doc, len(g_doc), len(p_doc), matched)
            scores.append(s)
            total.gold += s.gold
            total.predicted += s.predicted
            total.matched += s.matched
        scores.append(total)
    return scores
