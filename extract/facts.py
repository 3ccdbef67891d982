"""Typed fact records: the only thing extractors hand to the RDF mapping.

Every fact carries :class:`Evidence` (the document, the character span in the
original file and the exact sentence or clause after line joining). A field is
``None`` when the text does not state it; nothing is filled in by guesswork.
Field names follow the gold files (`tests/gold/README.md`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from typing import ClassVar, Iterable


@dataclass(frozen=True)
class Evidence:
    doc: str
    start: int  # offsets into the original file's text
    end: int
    quote: str  # the sentence or clause, lines joined


@dataclass(frozen=True)
class Fact:
    """Base of all facts; ``key()`` says which mentions state the same fact."""

    kind: ClassVar[str] = "fact"
    evidence: Evidence
    also: tuple[Evidence, ...] = field(default=(), kw_only=True, compare=False)

    def key(self) -> tuple:
        raise NotImplementedError

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in {"evidence", "also"}}

    def stated(self) -> int:
        """How many fields the text states; the richest mention becomes the primary one."""
        return sum(v is not None for v in self.values().values())


@dataclass(frozen=True)
class MouSigning(Fact):
    kind: ClassVar[str] = "mou"
    country_iso2: str
    country_zh: str
    year: int
    date: str | None = None
    title_zh: str | None = None
    signatory_tw_zh: str | None = None

    def key(self) -> tuple:
        return (self.country_iso2, self.year)


@dataclass(frozen=True)
class MouCount(Fact):
    kind: ClassVar[str] = "mou_count"
    as_of: str
    count: int

    def key(self) -> tuple:
        return (self.as_of, self.count)


LAW_EVENT_CODES = ("passed_third_reading", "promulgated", "amended", "issued", "effective", "enacted", "draft")


@dataclass(frozen=True)
class LawEvent(Fact):
    kind: ClassVar[str] = "law_event"
    law_zh: str
    event: str
    date: str | None = None
    year: int | None = None
    articles: str | None = None
    effect_zh: str | None = None

    def key(self) -> tuple:
        return (self.law_zh, self.event, self.date)


@dataclass(frozen=True)
class Event(Fact):
    kind: ClassVar[str] = "event"
    name_zh: str
    event_type: str
    start: str | None = None
    end: str | None = None
    location_zh: str | None = None
    countries_count: int | None = None
    participants_count: int | None = None
    partner_countries_iso2: tuple[str, ...] | None = None
    organizer_zh: str | None = None

    def key(self) -> tuple:
        return (self.name_zh, self.start)


@dataclass(frozen=True)
class Visit(Fact):
    kind: ClassVar[str] = "visit"
    visitor_zh: str
    date: str | None = None
    org_zh: str | None = None
    country_iso2: str | None = None
    topic_zh: str | None = None

    def key(self) -> tuple:
        return (self.visitor_zh, self.date)


@dataclass(frozen=True)
class ProgramBudget(Fact):
    kind: ClassVar[str] = "program_budget"
    program_zh: str
    fiscal_year: int | None = None
    budget_twd: int | None = None
    executed_twd: int | None = None
    execution_rate: float | None = None
    period: str | None = None

    def key(self) -> tuple:
        return (self.program_zh, self.fiscal_year, self.period, self.budget_twd)


@dataclass(frozen=True)
class Kpi(Fact):
    kind: ClassVar[str] = "kpi"
    program_zh: str | None
    indicator_zh: str
    year: int | None = None
    target: str | None = None
    actual: str | None = None
    achievement: str | None = None

    def key(self) -> tuple:
        return (self.indicator_zh, self.year)


@dataclass(frozen=True)
class TipTier(Fact):
    kind: ClassVar[str] = "tip_tier"
    year: int
    tier: int

    def key(self) -> tuple:
        return (self.year,)


@dataclass(frozen=True)
class TipStreak(Fact):
    kind: ClassVar[str] = "tip_streak"
    as_of: int
    consecutive_years: int

    def key(self) -> tuple:
        return (self.as_of, self.consecutive_years)


@dataclass(frozen=True)
class Grant(Fact):
    kind: ClassVar[str] = "grant"
    grantee_zh: str
    date: str | None = None
    project_zh: str | None = None
    amount_twd: int | None = None

    def key(self) -> tuple:
        return (self.grantee_zh, self.date, self.project_zh)


@dataclass(frozen=True)
class OrgUnit(Fact):
    kind: ClassVar[str] = "org_unit"
    unit_zh: str
    parent_zh: str | None = None
    mandate_zh: str | None = None

    def key(self) -> tuple:
        return (self.unit_zh,)


@dataclass(frozen=True)
class OrgHistory(Fact):
    kind: ClassVar[str] = "org_history"
    subject_zh: str
    event: str
    date: str | None = None

    def key(self) -> tuple:
        return (self.subject_zh, self.event, self.date)


@dataclass(frozen=True)
class Statistic(Fact):
    kind: ClassVar[str] = "statistic"
    subject_zh: str
    value: float | int
    unit_zh: str | None = None
    as_of: str | None = None
    program_zh: str | None = None

    def key(self) -> tuple:
        return (self.subject_zh, self.value, self.as_of)


FACT_TYPES: dict[str, type[Fact]] = {
    cls.kind: cls
    for cls in (MouSigning, MouCount, LawEvent, Event, Visit, ProgramBudget, Kpi, TipTier, TipStreak,
                Grant, OrgUnit, OrgHistory, Statistic)
}


_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")


def _disagree(x: object, y: object) -> bool:
    """Two statements of one value that cannot both be true. Wording (names, titles)
    varies freely between passages; numbers and dates do not, but `2009-06` and
    `2009-06-01` are the same date at two precisions."""
    if x is None or y is None or x == y:
        return False
    if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
        return True
    if isinstance(x, str) and isinstance(y, str) and _ISO_DATE.match(x) and _ISO_DATE.match(y):
        return not (x.startswith(y) or y.startswith(x))
    return False


def _conflicts(a: Fact, b: Fact) -> bool:
    va, vb = a.values(), b.values()
    return any(_disagree(va[k], vb[k]) for k in va)


def merge(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per kind and key; fields a richer mention states fill the others' gaps.

    A report repeats itself (the 2017 MOUs appear five times in the 2017
    report); each repetition becomes extra evidence, not an extra fact. A
    mention that states a *different* value for a field (`約 370 人` here, `約350人`
    there) is kept as its own statement, so the contradiction stays visible
    (`kg check`) instead of being resolved by guesswork.
    """
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        groups.setdefault((f.kind, f.key()), []).append(f)
    out: list[Fact] = []
    for group in groups.values():
        ranked = sorted(group, key=lambda f: (-f.stated(), f.evidence.start))
        clusters: list[list[Fact]] = []
        for f in ranked:
            home = next((c for c in clusters if not any(_conflicts(f, g) for g in c)), None)
            if home is None:
                clusters.append([f])
            else:
                home.append(f)
        for cluster in clusters:
            out.append(_combine(cluster))
    return sorted(out, key=lambda f: (f.evidence.start, f.kind))


def _combine(cluster: list[Fact]) -> Fact:
    primary = cluster[0]
    filled = dict(primary.values())
    for other in cluster[1:]:
        for k, v in other.values().items():
            if filled.get(k) is None and v is not None:
                filled[k] = v
    seen = {primary.evidence}
    extra = []
    for other in sorted(cluster, key=lambda f: f.evidence.start):
        for ev in (other.evidence, *other.also):
            if ev not in seen:
                seen.add(ev)
                extra.append(ev)
    return replace(primary, **filled, also=tuple(extra))
